/* SPDX-License-Identifier: Apache-2.0 */
/* Cell search in a TDL channel (issue 5 "Verify": multipath TDL profile, 0 dB, CFO up to
 * +-5 kHz, fractional delay). Each trial sends 3 SSB bursts 20 ms apart (SFN s, s + 2,
 * s + 4; one SSB per burst at a random index of case A, L_max 4) built by our TX blocks
 * (phy_pbch_encode, phy_ofdm_mod_slot) at 7.68 Msps, 25 PRB. Channel: the TDL-A power
 * delay profile (TR 38.901 Table 7.7.2-1, as transcribed in phy_channel_tdl_table) at a
 * delay spread of 300 ns ("long", Table 7.7.3-1: 2.9 us, 22 samples, inside the 36-sample
 * CP), every tap Rayleigh, drawn independently per burst and constant within it (block
 * fading: a Doppler of >= 50 Hz decorrelates bursts 20 ms apart, J0(2 pi 50 0.02) = 0.2,
 * while a 1 ms slot stays within the coherence time), taps at fractional delays through
 * the interpolator of cs_testsig.h, a uniform CFO in +-5 kHz, a bulk fractional delay,
 * AWGN at 0 dB per RE.
 *
 * The receiver searches one 20 ms period at a time (cfg.segment_ms = 20), as a UE keeps
 * searching: a burst in a deep fade is followed by an independent one.
 * Pass: PCI right and MIB decoded (bits, SFN, half frame, SSB index) in >= 99% of trials,
 * no wrong MIB. Measured figures are printed. Usage: test_cellsearch_tdl [trials] [snr]
 * [segment_ms] (0: one search over the whole buffer, the strongest PSS only). */
#include <stdio.h>
#include <stdlib.h>

#include "cs_testsig.h"
#include "olive/phy/cellsearch.h"
#include "olive/phy/channel.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define NPRB   25
#define SRATE  7.68e6
#define SLOT   7680u
#define PERIOD (20u * SLOT)
#define K0     20u /* SS_REF at k = 140, 10 subcarriers below the centre (150) */
#define NBURST 3u
#define BUFLEN (3 * PERIOD + 2 * SLOT)
#define LMAX   4
#define DS_NS  300.0

typedef struct tx {
  phy_ofdm_t mod;
  phy_pbch_t pbch;
  phy_grid_t grid;
  cf_t *slot, *faded, *rx;
  uint32_t nof_taps;
  double delay[PHY_CHANNEL_MAX_TAPS], power[PHY_CHANNEL_MAX_TAPS];
} tx_t;

typedef struct truth {
  uint32_t pci, ssb_idx, hrf, sfn;
  uint8_t bch[NBURST][PHY_BCH_MSG_BITS];
} truth_t;

static void tx_init(tx_t *t)
{
  phy_ofdm_args_t a = {.carrier = {.mu = 0, .nof_prb = NPRB, .srate_hz = SRATE},
                       .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_ofdm_mod_init(&t->mod, &a) == 0);
  CHECK(phy_pbch_init(&t->pbch, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO}) == 0);
  CHECK(phy_grid_init(&t->grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = NPRB}) == 0);
  t->slot = olive_mem_calloc(SLOT + 64, sizeof(cf_t));
  t->faded = olive_mem_calloc(SLOT + 64, sizeof(cf_t));
  t->rx = olive_mem_calloc(BUFLEN, sizeof(cf_t));
  const phy_channel_tap_t *tap;
  t->nof_taps = phy_channel_tdl_table(PHY_CHANNEL_TDLA, &tap);
  CHECK(t->nof_taps == 23, "TDL-A has 23 taps");
  double ptot = 0;
  for (uint32_t i = 0; i < t->nof_taps; i++) {
    t->delay[i] = tap[i].delay_norm * DS_NS * 1e-9 * SRATE;
    t->power[i] = pow(10, tap[i].power_db / 10);
    ptot += t->power[i];
  }
  for (uint32_t i = 0; i < t->nof_taps; i++) {
    t->power[i] /= ptot;
  }
}

static void tx_free(tx_t *t)
{
  phy_ofdm_free(&t->mod);
  phy_pbch_free(&t->pbch);
  phy_grid_free(&t->grid);
  olive_mem_free(t->slot);
  olive_mem_free(t->faded);
  olive_mem_free(t->rx);
}

/* y[n] = sum_i g_i sinc_w(k - H - d - tau_i) x[n - k], g_i ~ CN(0, P_i), for one burst. */
static void fade(tx_t *t, olive_test_rng_t *r, double d, uint32_t n)
{
  memset(t->faded, 0, (n + 2 * TS_FIR_HALF) * sizeof(cf_t));
  for (uint32_t i = 0; i < t->nof_taps; i++) {
    cf_t g = ts_gauss(r, t->power[i]);
    double tau = d + t->delay[i];
    int shift = (int)floor(tau);
    double frac = tau - shift;
    for (int k = -TS_FIR_HALF; k <= TS_FIR_HALF; k++) {
      double x = k - frac, s = fabs(x) < 1e-12 ? 1.0 : sin(M_PI * x) / (M_PI * x);
      double w = fabs(x) < TS_FIR_HALF + 1 ? 0.5 + 0.5 * cos(M_PI * x / (TS_FIR_HALF + 1)) : 0;
      cf_t h = g * (float)(s * w);
      int off = TS_FIR_HALF + shift + k; /* output index of input sample 0 */
      for (uint32_t m = 0; m < n; m++) {
        int o = off + (int)m;
        if (o >= 0 && o < (int)(n + 2 * TS_FIR_HALF)) {
          t->faded[o] += h * t->slot[m];
        }
      }
    }
  }
}

static void burst(tx_t *t, olive_test_rng_t *r, truth_t *tr, uint32_t b, uint32_t at, double d)
{
  phy_pbch_msg_t m = {.sfn = (tr->sfn + 2 * b) % 1024, .hrf = tr->hrf, .ssb_idx = tr->ssb_idx};
  for (uint32_t i = 1; i < PHY_BCH_MSG_BITS; i++) {
    tr->bch[b][i] = i <= 6 ? (uint8_t)(m.sfn >> (10 - i) & 1u) : (uint8_t)(i * 7 + tr->pci) % 2;
  }
  tr->bch[b][0] = 0;
  memcpy(m.bch, tr->bch[b], sizeof(m.bch));
  uint32_t first[PHY_SSB_MAX_LMAX];
  phy_ssb_positions(PHY_SSB_CASE_A, LMAX, first);
  phy_pbch_cfg_t pc = {.map = {.k0 = K0,
                               .l0 = first[tr->ssb_idx] % 14,
                               .n_id = tr->pci,
                               .beta_pss = 1,
                               .beta_sss = 1,
                               .beta_pbch = 1,
                               .beta_dmrs = 1},
                       .l_max = LMAX};
  phy_grid_clear(&t->grid);
  CHECK(phy_pbch_encode(&t->pbch, &pc, &m, &t->grid, 0) == 0);
  CHECK(phy_ofdm_mod_slot(&t->mod, &t->grid, 0, first[tr->ssb_idx] / 14, t->slot) == (int)SLOT);
  fade(t, r, d, SLOT);
  for (uint32_t k = 0; k < SLOT + 2 * TS_FIR_HALF; k++) {
    t->rx[at + k] += t->faded[k];
  }
}

/* Noise and CFO over the whole buffer, then the three faded bursts. */
static void make_signal(tx_t *t, olive_test_rng_t *r, double snr, double cfo, truth_t *tr)
{
  tr->pci = olive_test_below(r, 1008);
  tr->sfn = 2 * olive_test_below(r, 510);
  tr->hrf = olive_test_below(r, 2);
  tr->ssb_idx = olive_test_below(r, LMAX);
  double nv = pow(10, -snr / 10);
  memset(t->rx, 0, BUFLEN * sizeof(cf_t));
  uint32_t at = olive_test_below(r, PERIOD);
  double d = ts_urand(r);
  for (uint32_t b = 0; b < NBURST; b++) {
    if (at + b * PERIOD + SLOT + 2 * TS_FIR_HALF < BUFLEN) {
      burst(t, r, tr, b, at + b * PERIOD, d);
    }
  }
  for (uint32_t n = 0; n < BUFLEN; n++) {
    t->rx[n] =
        t->rx[n] * cexpf(I * (float)fmod(2 * M_PI * cfo * n / SRATE, 2 * M_PI)) + ts_gauss(r, nv);
  }
}

int main(int argc, char **argv)
{
  uint32_t trials = argc > 1 ? (uint32_t)atoi(argv[1]) : 200;
  double snr = argc > 2 ? atof(argv[2]) : 0.0;
  static tx_t t;
  tx_init(&t);
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = {.srate_hz = SRATE,
                             .ssb_case = PHY_SSB_CASE_A,
                             .l_max = LMAX,
                             .max_cfo_hz = 5000,
                             .plan = PHY_OFDM_PLAN_ESTIMATE,
                             .isa = OLIVE_ISA_AUTO};
  CHECK(phy_cellsearch_init(&q, &a) == 0);
  phy_cellsearch_cfg_t cfg = {.ssb_offset_hz = ((double)K0 + 120 - 6 * NPRB) * 15e3,
                              .segment_ms = argc > 3 ? (uint32_t)atoi(argv[3]) : 20};
  olive_test_rng_t r = OLIVE_TEST_RNG(0x7D1A + (uint64_t)(snr * 10));
  uint32_t pci_ok = 0, mib_ok = 0, mib_bad = 0;
  double cfo_se = 0;
  for (uint32_t i = 0; i < trials; i++) {
    truth_t tr;
    double cfo = (ts_urand(&r) * 2 - 1) * 5000;
    make_signal(&t, &r, snr, cfo, &tr);
    phy_cellsearch_res_t res;
    int ret = phy_cellsearch_run(&q, &cfg, t.rx, BUFLEN, &res);
    pci_ok += res.found && res.pci == tr.pci;
    if (ret == 0) {
      mib_ok++;
      uint32_t b = ((res.sfn + 1024 - tr.sfn) % 1024) / 2;
      mib_bad += b >= NBURST || memcmp(res.bch, tr.bch[b], PHY_BCH_MSG_BITS) != 0 ||
                 res.hrf != tr.hrf || res.ssb_idx != tr.ssb_idx || res.pci != tr.pci;
      cfo_se += (res.cfo_hz - cfo) * (res.cfo_hz - cfo);
    }
  }
  double rms = mib_ok ? sqrt(cfo_se / mib_ok) : 0;
  printf("cellsearch_tdl model=TDL-A ds=%.0fns snr=%.1f dB trials=%u pci=%.2f%% mib=%.2f%% "
         "mib_wrong=%u cfo_rms=%.1f Hz segment_ms=%u\n",
         DS_NS, snr, trials, 100.0 * pci_ok / trials, 100.0 * mib_ok / trials, mib_bad, rms,
         cfg.segment_ms);
  CHECK(pci_ok * 100 >= 99 * trials, "PCI rate");
  CHECK(mib_ok * 100 >= 99 * trials, "MIB rate");
  CHECK(mib_bad == 0);
  phy_cellsearch_free(&q);
  tx_free(&t);
  return olive_test_done();
}
