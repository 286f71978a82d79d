/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH through OFDM (TS 38.211 5.3.1): the UE grid is modulated to time samples, delayed
 * by an integer number of samples (a late UE), noise added at 25 dB, demodulated per RX
 * port into the gNB grid and decoded. Cases: QPSK, 16QAM, 64QAM, 256QAM; transform
 * precoding on and off; 1 and 2 RX ports (independent noise, a phase offset on port 1);
 * 25 PRB at 15 kHz (N_fft 384, 5.76 Msps, CP 27 samples) and 51 PRB at 30 kHz (N_fft
 * 768, 23.04 Msps). Each decodes, and the TA estimate is the delay in TA steps within 1:
 * d samples at srate are d / srate seconds, a TA step 16 64 T_c / 2^mu (TS 38.213 4.2),
 * e.g. 6 samples at 5.76 Msps = 1.042 us = 2.0 steps of 0.521 us.
 *
 * Frequency offset: the slot's samples multiplied by exp(j 2 pi f n / srate) (a real CFO,
 * inter-carrier interference included), 64QAM at 25 dB, 2 RX: the TB decodes (the
 * equaliser removes the phase drift between and beyond the DM-RS symbols) and cfo_hz is
 * within 5% + 20 Hz of f, for f up to +-1.2 kHz at 30 kHz (DM-RS at 2 and 11: 2.4 rad
 * between them) and +-0.8 kHz at 15 kHz (DM-RS at 2, 7, 11). Without the drift removal
 * (linear complex interpolation, psi forced to 0) three of the five offsets of each
 * numerology failed to decode. */
#include <stdio.h>

#include "olive/phy/ofdm.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "pusch_test_util.h"

typedef struct oenv {
  phy_pusch_t q;
  phy_grid_t tx, rx;
  cf_t *t, *y;
  uint8_t tb[40000], out[40000];
  olive_test_rng_t rng;
} oenv_t;

static void one(oenv_t *e, uint32_t mu, uint32_t prb, const phy_pusch_cfg_t *c, uint32_t nrx,
                uint32_t delay, double cfo_hz)
{
  phy_ofdm_args_t oa = {.carrier = {.mu = mu, .nof_prb = prb}, .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_ofdm_t mod, dem;
  CHECK(phy_ofdm_mod_init(&mod, &oa) == 0 && phy_ofdm_demod_init(&dem, &oa) == 0, "ofdm");
  phy_grid_set_size(&e->tx, 1, prb);
  phy_grid_set_size(&e->rx, nrx, prb);
  int tbs = phy_pusch_tbs(c);
  pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
  phy_grid_clear(&e->tx);
  CHECK(phy_pusch_encode(&e->q, c, e->tb, NULL, &e->tx) > 0, "encode");
  int n = phy_ofdm_mod_slot(&mod, &e->tx, 0, c->slot, e->t + delay);
  for (uint32_t i = 0; i < delay; i++) {
    e->t[i] = 0;
  }
  /* Noise for 25 dB (316.2) per occupied RE: the per-RE power is the per-sample signal
   * power times N_fft / (12 prb), since only 12 prb of the N_fft bins carry energy. */
  double p = 0;
  for (int i = 0; i < n; i++) {
    p += crealf(e->t[i] * conjf(e->t[i]));
  }
  float sigma = sqrtf((float)(p / n * (double)mod.fft_size / (12.0 * prb)) / 316.2f);
  for (uint32_t r = 0; r < nrx; r++) {
    cf_t rot = r ? 0.6f + 0.8f * I : 1.0f;
    for (int i = 0; i < n; i++) {
      double ph = 2.0 * M_PI * cfo_hz * i / mod.carrier.srate_hz;
      cf_t f = (float)cos(ph) + I * (float)sin(ph);
      e->y[i] = rot * f * e->t[i] + pusch_test_cn(&e->rng, sigma);
    }
    phy_ofdm_demod_slot(&dem, e->y, c->slot, 0, &e->rx, r);
  }
  phy_pusch_rx_res_t res;
  int r = phy_pusch_decode(&e->q, c, &e->rx, nrx, e->out, &res);
  double want = delay / mod.carrier.srate_hz / phy_pusch_ta_step_s(mu);
  CHECK(r == 0 && memcmp(e->tb, e->out, (size_t)tbs / 8) == 0,
        "mu %u mcs %u tp %d rx %u delay %u: %s", mu, c->mcs, c->transform_precoding, nrx, delay,
        olive_strerror(r));
  CHECK(fabs(res.ta_steps - want) <= 1.0, "delay %u: %d steps, want %.2f", delay, res.ta_steps,
        want);
  CHECK(res.snr_db > (cfo_hz != 0 ? 17.0f : 20.0f), "snr %.1f dB", res.snr_db);
  CHECK(fabs(res.cfo_hz - cfo_hz) <= 0.05 * fabs(cfo_hz) + 20.0, "cfo %.0f Hz, want %.0f",
        res.cfo_hz, cfo_hz);
  phy_ofdm_free(&mod);
  phy_ofdm_free(&dem);
}

int main(void)
{
  static oenv_t e;
  e.rng = OLIVE_TEST_RNG(5);
  phy_pusch_args_t a = {
      .max_prb = 51, .max_qm = 8, .nof_harq = 1, .tp = true, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = 51};
  CHECK(phy_pusch_init(&e.q, &a) == 0, "init");
  CHECK(phy_grid_init(&e.tx, &ga) == 0 && phy_grid_init(&e.rx, &ga) == 0, "grids");
  e.t = olive_mem_alloc(sizeof(cf_t) * 20000);
  e.y = olive_mem_alloc(sizeof(cf_t) * 20000);
  static const struct {
    phy_mcs_table_t t;
    uint32_t mcs;
  } m[] = {{PHY_MCS_TABLE_QAM64, 5},
           {PHY_MCS_TABLE_QAM64, 13},
           {PHY_MCS_TABLE_QAM64, 20},
           {PHY_MCS_TABLE_QAM256, 20}};
  for (uint32_t mu = 0; mu <= 1; mu++) {
    uint32_t prb = mu ? 51 : 25;
    for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(m); i++) {
      for (uint32_t tp = 0; tp < 2; tp++) {
        for (uint32_t nrx = 1; nrx <= 2; nrx++) {
          phy_pusch_cfg_t c = pusch_test_cfg(mu ? 50 : 25, m[i].mcs);
          c.mu = mu;
          c.slot = 1;
          c.add_pos = 1;
          c.transform_precoding = tp;
          c.mcs_table = tp && m[i].t == PHY_MCS_TABLE_QAM64 ? PHY_MCS_TABLE_TP_QAM64 : m[i].t;
          c.eq = PHY_PUSCH_EQ_MMSE;
          one(&e, mu, prb, &c, nrx, 6u * (i + 1), 0.0);
        }
      }
    }
  }
  static const double cfo[5] = {-1.0, -0.25, 0.4, 0.7, 1.0};
  for (uint32_t mu = 0; mu <= 1; mu++) {
    for (uint32_t i = 0; i < 5; i++) {
      phy_pusch_cfg_t c = pusch_test_cfg(mu ? 50 : 25, 20);
      c.mu = mu;
      c.slot = 1;
      c.add_pos = mu ? 1 : 2;
      one(&e, mu, mu ? 51 : 25, &c, 2, 0, cfo[i] * (mu ? 1200.0 : 800.0));
    }
  }
  olive_mem_free(e.t);
  olive_mem_free(e.y);
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_pusch_free(&e.q);
  return olive_test_done();
}
