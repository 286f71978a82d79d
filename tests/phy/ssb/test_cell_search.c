/* SPDX-License-Identifier: Apache-2.0 */
/* A minimal cell search (test-side detector): an SSB is mapped and OFDM-modulated,
 * delayed by a number of samples, rotated by an unknown phase and buried in AWGN at
 * -3 dB SNR per resource element. Time-domain PSS correlation must find N_ID^(2) and the
 * exact symbol timing; SSS correlation on the demodulated grid must find N_ID^(1).
 * Threshold: exact PCI and timing for every case (PSS/SSS processing gain 127 = 21 dB,
 * so -3 dB per RE leaves ~18 dB at the correlator output; misses would indicate a bug). */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/ssb.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define NPRB  52
#define NFFT  768
#define SLOT  11520 /* 1 ms at 11.52 Msps, mu = 0 */
#define L0    2     /* case A, SSB index 0 */
#define K0    192   /* SSB centred: 6 * 52 - 120 */
#define DELAY 1234
#define TOTAL (DELAY + SLOT + 100)

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x2545F4914F6CDD1Dull);
static double urand(void)
{
  return olive_test_unit(&rng);
}

static cf_t gauss(double var)
{
  double r = sqrt(-var * log(urand())), t = 2 * M_PI * urand();
  return (float)(r * cos(t)) + I * (float)(r * sin(t));
}

static phy_ofdm_args_t args(void)
{
  phy_ofdm_args_t a = {.carrier = {.mu = 0, .nof_prb = NPRB, .srate_hz = 11.52e6},
                       .plan = PHY_OFDM_PLAN_ESTIMATE};
  return a;
}

/* Samples from the slot start to the useful part of symbol L0. */
static uint32_t useful_offset(const phy_ofdm_t *q)
{
  uint32_t off = 0;
  for (uint32_t l = 0; l < L0; l++) {
    off += phy_ofdm_symbol_len(q, l);
  }
  return off + phy_ofdm_symbol_len(q, L0) - NFFT;
}

/* Time-domain PSS replicas: the useful part of symbol L0 of a slot holding only a PSS. */
static void make_replicas(phy_ofdm_t *mod, phy_grid_t *g, cf_t rep[3][NFFT], cf_t *tmp)
{
  for (uint32_t n2 = 0; n2 < 3; n2++) {
    phy_grid_clear(g);
    phy_ssb_map_cfg_t c = {.k0 = K0, .l0 = L0, .n_id = n2, .beta_pss = 1.0f};
    phy_ssb_map(&c, NULL, NULL, g, 0);
    phy_ofdm_mod_slot(mod, g, 0, 0, tmp);
    for (uint32_t n = 0; n < NFFT; n++) {
      rep[n2][n] = tmp[useful_offset(mod) + n];
    }
  }
}

static void search_one(uint32_t pci)
{
  phy_ofdm_args_t a = args();
  phy_ofdm_t mod, dem;
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_ofdm_demod_init(&dem, &a) == 0);
  CHECK(phy_grid_init(&g, &ga) == 0);
  cf_t *x = olive_mem_calloc(TOTAL, sizeof(cf_t));
  static cf_t rep[3][NFFT];
  make_replicas(&mod, &g, rep, x);

  /* transmitter: SSB with random QPSK PBCH and DMRS, unit EPRE */
  static cf_t pbch[432], dmrs[144];
  for (int i = 0; i < 432; i++) {
    pbch[i] = ((urand() < .5 ? 1 : -1) + I * (urand() < .5 ? 1 : -1)) * (float)M_SQRT1_2;
  }
  for (int i = 0; i < 144; i++) {
    dmrs[i] = ((urand() < .5 ? 1 : -1) + I * (urand() < .5 ? 1 : -1)) * (float)M_SQRT1_2;
  }
  phy_grid_clear(&g);
  phy_ssb_map_cfg_t cfg = {.k0 = K0,
                           .l0 = L0,
                           .n_id = pci,
                           .beta_pss = 1.0f,
                           .beta_sss = 1.0f,
                           .beta_pbch = 1.0f,
                           .beta_dmrs = 1.0f};
  CHECK(phy_ssb_map(&cfg, pbch, dmrs, &g, 0) == 0);
  CHECK(phy_ofdm_mod_slot(&mod, &g, 0, 0, x + DELAY) == SLOT);

  /* channel: phase 0.7 rad, AWGN. The default scale is unitary (1/sqrt(N)), so noise of
   * variance s2 per sample is s2 per RE after the DFT: s2 = 2 gives -3 dB per RE. */
  cf_t rot = cexpf(0.7f * I);
  for (uint32_t n = 0; n < TOTAL; n++) {
    x[n] = x[n] * rot + gauss(2.0);
  }

  /* PSS search over every lag and N_ID^(2) */
  double best = -1;
  uint32_t best_lag = 0, n2 = 0;
  for (uint32_t lag = 0; lag + NFFT <= TOTAL; lag++) {
    for (uint32_t c = 0; c < 3; c++) {
      double complex acc = 0;
      for (uint32_t n = 0; n < NFFT; n++) {
        acc += x[lag + n] * conjf(rep[c][n]);
      }
      double m = creal(acc * conj(acc));
      if (m > best) {
        best = m;
        best_lag = lag;
        n2 = c;
      }
    }
  }
  CHECK(n2 == pci % 3);
  CHECK(best_lag == DELAY + useful_offset(&mod));

  /* SSS on the demodulated slot: non-coherent correlation over the 336 N_ID^(1) */
  uint32_t start = best_lag - useful_offset(&mod);
  CHECK(phy_ofdm_demod_slot(&dem, x + start, 0, start, &g, 0) == SLOT);
  cf_t sss_rx[127];
  cfg.n_id = n2;
  CHECK(phy_ssb_extract(&cfg, &g, 0, NULL, sss_rx, NULL, NULL) == 0);
  double bm = -1;
  uint32_t n1 = 0;
  for (uint32_t c = 0; c < 336; c++) {
    float d[127];
    phy_sss_gen(3 * c + n2, d);
    double complex acc = 0;
    for (int n = 0; n < 127; n++) {
      acc += sss_rx[n] * d[n];
    }
    if (cabs(acc) > bm) {
      bm = cabs(acc);
      n1 = c;
    }
  }
  CHECK(3 * n1 + n2 == pci);
  olive_mem_free(x);
  phy_grid_free(&g);
  phy_ofdm_free(&mod);
  phy_ofdm_free(&dem);
}

int main(void)
{
  static const uint32_t pcis[] = {0, 400, 1007, 661};
  for (unsigned i = 0; i < sizeof(pcis) / sizeof(pcis[0]); i++) {
    search_one(pcis[i]);
  }
  return olive_test_done();
}
