/* SPDX-License-Identifier: Apache-2.0 */
/* phy_cellsearch: argument checks, lifecycle, MIB field positions worked by hand, and the
 * SNR estimate.
 *  - init rejects a numerology/case mismatch, L_max 5, a sample rate whose N_fft is not
 *    a multiple of 128 and a CFO grid of more than 16 hypotheses; free is NULL-safe and
 *    idempotent, also after a failed init;
 *  - run rejects NULL, an SSB band outside +-srate/2 and a buffer shorter than an SSB;
 *    silence gives OLIVE_EAGAIN; sib1 refuses a cell without a decoded MIB;
 *  - phy_cellsearch_mib_parse on a BCCH-BCH message written bit by bit from TS 38.331
 *    6.2.2 (CHOICE 0, SFN MSBs 010010 = 18, scs15or60, ssb-SubcarrierOffset 0110 = 6,
 *    pos2, controlResourceSetZero 1100 = 12, searchSpaceZero 0000, notBarred, allowed,
 *    spare) and messageClassExtension (a_0 = 1) -> OLIVE_EPROTO;
 *  - samples that are NaN, infinite or huge (outside input) give an error code, no crash
 *    (and no UBSan report in the sanitizer build);
 *  - noise alone (20 searches of 25 ms of AWGN) never crosses the default PSS threshold
 *    24 / N_fft (probability about 1e-4 per search, cellsearch.h) and never gives a MIB;
 *  - the SNR estimate of an SSB in AWGN at 10 dB per RE (unitary OFDM, noise variance per
 *    sample = N0 per RE) lies within 1.5 dB over 20 trials (mean), each within 3 dB. */
#include <stdio.h>

#include "cs_testsig.h"
#include "olive/phy/cellsearch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define SRATE 7.68e6
#define NPRB  25
#define SLOT  7680u

static phy_cellsearch_args_t good_args(void)
{
  return (phy_cellsearch_args_t){.srate_hz = SRATE,
                                 .ssb_case = PHY_SSB_CASE_A,
                                 .l_max = 4,
                                 .max_cfo_hz = 5000,
                                 .plan = PHY_OFDM_PLAN_ESTIMATE,
                                 .isa = OLIVE_ISA_AUTO};
}

static void bad_init(void)
{
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = good_args();
  a.mu = 1; /* case A is 15 kHz */
  CHECK(phy_cellsearch_init(&q, &a) == OLIVE_EINVAL);
  phy_cellsearch_free(&q);
  a = good_args();
  a.l_max = 5;
  CHECK(phy_cellsearch_init(&q, &a) == OLIVE_EINVAL);
  a = good_args();
  a.srate_hz = 7.5e6; /* N_fft 500 */
  CHECK(phy_cellsearch_init(&q, &a) == OLIVE_EINVAL);
  a = good_args();
  a.max_cfo_hz = 50000; /* 21 hypotheses at 5 kHz */
  CHECK(phy_cellsearch_init(&q, &a) == OLIVE_EINVAL);
  CHECK(phy_cellsearch_init(&q, NULL) == OLIVE_EINVAL);
  CHECK(phy_cellsearch_init(NULL, &a) == OLIVE_EINVAL);
  phy_cellsearch_free(NULL);
  phy_cellsearch_free(&q);
  phy_cellsearch_free(&q);
}

static void bad_run(phy_cellsearch_t *q, cf_t *x, uint32_t len)
{
  phy_cellsearch_cfg_t cfg = {0};
  phy_cellsearch_res_t res;
  CHECK(phy_cellsearch_run(q, NULL, x, len, &res) == OLIVE_EINVAL);
  CHECK(phy_cellsearch_run(q, &cfg, NULL, len, &res) == OLIVE_EINVAL);
  CHECK(phy_cellsearch_run(q, &cfg, x, len, NULL) == OLIVE_EINVAL);
  CHECK(phy_cellsearch_run(q, &cfg, x, 1000, &res) == OLIVE_EINVAL, "shorter than an SSB");
  cfg.ssb_offset_hz = 2.5e6; /* + 1.8 MHz half SSB > 3.84 MHz */
  CHECK(phy_cellsearch_run(q, &cfg, x, len, &res) == OLIVE_EINVAL);
  cfg.ssb_offset_hz = 0;
  memset(x, 0, len * sizeof(cf_t));
  CHECK(phy_cellsearch_run(q, &cfg, x, len, &res) == OLIVE_EAGAIN && !res.found, "silence");
  uint8_t b[8];
  phy_cellsearch_sib1_res_t sr;
  CHECK(phy_cellsearch_sib1(q, &cfg, &res, 5, x, len, b, sizeof(b), &sr) == OLIVE_EINVAL);
}

static void mib_known_answer(void)
{
  static const uint8_t bch[PHY_BCH_MSG_BITS] = {0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0,
                                                0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  phy_cellsearch_mib_t m;
  CHECK(phy_cellsearch_mib_parse(bch, &m) == 0);
  CHECK(m.sfn_msb == 18 && m.scs_common == 0 && m.k_ssb_lsb == 6 && m.typea_pos == 2 &&
        m.coreset0 == 12 && m.ss0 == 0 && !m.barred && m.intra_freq_allowed);
  uint8_t ext[PHY_BCH_MSG_BITS];
  memcpy(ext, bch, sizeof(ext));
  ext[0] = 1;
  CHECK(phy_cellsearch_mib_parse(ext, &m) == OLIVE_EPROTO);
  CHECK(phy_cellsearch_mib_parse(NULL, &m) == OLIVE_EINVAL);
}

/* One SSB (PCI 77, SSB 0, random payload) centred in a 25-PRB slot at 10 dB. */
static void snr_estimate(phy_cellsearch_t *q, cf_t *x, uint32_t len)
{
  phy_ofdm_t mod;
  phy_pbch_t pbch;
  phy_grid_t g;
  phy_ofdm_args_t oa = {.carrier = {.nof_prb = NPRB, .srate_hz = SRATE},
                        .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_ofdm_mod_init(&mod, &oa) == 0 && phy_pbch_init(&pbch, &(phy_pbch_args_t){0}) == 0);
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = NPRB}) == 0);
  phy_pbch_cfg_t pc = {.map = {.k0 = 30, .l0 = 2, .n_id = 77, 1, 1, 1, 1}, .l_max = 4};
  phy_pbch_msg_t m = {.sfn = 0};
  CHECK(phy_pbch_encode(&pbch, &pc, &m, &g, 0) == 0);
  cf_t *clean = olive_mem_calloc(len, sizeof(cf_t));
  CHECK(phy_ofdm_mod_slot(&mod, &g, 0, 0, clean + 1000) == (int)SLOT);
  olive_test_rng_t r = OLIVE_TEST_RNG(10);
  ts_channel_t ch = {.nof_taps = 1, .snr_db = 10};
  phy_cellsearch_cfg_t cfg = {0};
  double sum = 0;
  for (int t = 0; t < 20; t++) {
    ts_apply(&r, &ch, SRATE, clean, x, len);
    phy_cellsearch_res_t res;
    CHECK(phy_cellsearch_run(q, &cfg, x, len, &res) == 0 && res.pci == 77);
    CHECK(fabs(res.snr_db - 10) < 3, "SNR %.1f dB", res.snr_db);
    sum += res.snr_db;
  }
  printf("snr estimate at 10 dB: mean %.2f dB over 20\n", sum / 20);
  CHECK(fabs(sum / 20 - 10) < 1.5);
  olive_mem_free(clean);
  phy_grid_free(&g);
  phy_pbch_free(&pbch);
  phy_ofdm_free(&mod);
}

static void garbage(phy_cellsearch_t *q, cf_t *x, uint32_t len)
{
  static const float bad[] = {NAN, INFINITY, 3e38f};
  phy_cellsearch_cfg_t cfg = {0};
  for (uint32_t b = 0; b < 3; b++) {
    for (uint32_t n = 0; n < len; n++) {
      x[n] = n % 7 == b ? bad[b] + I * bad[b] : (float)(n % 3) - 1.0f;
    }
    phy_cellsearch_res_t res;
    int r = phy_cellsearch_run(q, &cfg, x, len, &res);
    CHECK(r == OLIVE_EAGAIN || r == OLIVE_ECRC, "garbage %u: %d", b, r);
  }
}

static void noise_only(phy_cellsearch_t *q)
{
  uint32_t len = 25 * SLOT, found = 0, mib = 0;
  cf_t *x = olive_mem_calloc(len, sizeof(cf_t));
  olive_test_rng_t r = OLIVE_TEST_RNG(99);
  phy_cellsearch_cfg_t cfg = {0};
  for (int t = 0; t < 20; t++) {
    for (uint32_t n = 0; n < len; n++) {
      x[n] = ts_gauss(&r, 1.0);
    }
    phy_cellsearch_res_t res;
    mib += phy_cellsearch_run(q, &cfg, x, len, &res) == 0;
    found += res.found;
  }
  CHECK(found == 0 && mib == 0, "noise: %u PSS, %u MIB of 20", found, mib);
  olive_mem_free(x);
}

int main(void)
{
  bad_init();
  mib_known_answer();
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = good_args();
  CHECK(phy_cellsearch_init(&q, &a) == 0);
  CHECK(phy_cellsearch_min_len(&q, 20) == 25 * 7680u);
  uint32_t len = 2 * SLOT;
  cf_t *x = olive_mem_calloc(len, sizeof(cf_t));
  bad_run(&q, x, len);
  snr_estimate(&q, x, len);
  noise_only(&q);
  garbage(&q, x, len);
  olive_mem_free(x);
  phy_cellsearch_free(&q);
  return olive_test_done();
}
