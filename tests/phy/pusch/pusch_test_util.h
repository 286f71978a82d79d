/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the PUSCH tests: a default configuration, random TBs and an AWGN /
 * flat-gain / delay channel on the resource grid. */
#ifndef PUSCH_TEST_UTIL_H
#define PUSCH_TEST_UTIL_H

#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/pusch.h"
#include "olive_test.h"

/* 25 PRBs at 15 kHz, mapping type A over the slot, DM-RS type 1 at l = 2, two CDM groups
 * without data: the srsRAN pusch_processor_benchmark 5 MHz case. */
static inline phy_pusch_cfg_t pusch_test_cfg(uint32_t nof_prb, uint32_t mcs)
{
  phy_pusch_cfg_t c = {0};
  c.mu = 0;
  c.slot = 3;
  c.crb0 = 0;
  c.mapping = PHY_PUSCH_MAPPING_A;
  c.s = 0;
  c.l = 14;
  c.prb_start = 0;
  c.nof_prb = nof_prb;
  c.dmrs_type = PHY_DMRS_TYPE1;
  c.typea_pos = 2;
  c.add_pos = 0;
  c.dmrs_id = 1;
  c.cdm_groups_no_data = 2;
  c.n_layers = 1;
  c.rnti = 0x4601;
  c.n_id = 1;
  c.mcs_table = PHY_MCS_TABLE_QAM64;
  c.mcs = mcs;
  c.new_data = true;
  return c;
}

static inline void pusch_test_tb(olive_test_rng_t *r, uint8_t *tb, uint32_t nbytes)
{
  for (uint32_t i = 0; i < nbytes; i++) {
    tb[i] = (uint8_t)olive_test_below(r, 256);
  }
}

static inline cf_t pusch_test_cn(olive_test_rng_t *r, float sigma)
{
  float a = (float)olive_test_gauss(r), b = (float)olive_test_gauss(r);
  return sigma * (float)M_SQRT1_2 * (a + I * b);
}

/* rx port p = gain[p] * exp(-j 2 pi k scs tau) * tx + noise of variance n0 (per complex RE),
 * over all subcarriers and symbols of the grid width. */
static inline void pusch_test_channel(const phy_grid_t *tx, phy_grid_t *rx, uint32_t nof_rx,
                                      const cf_t *gain, double tau_s, double scs_hz, float n0,
                                      olive_test_rng_t *r)
{
  uint32_t nsc = phy_grid_nof_sc(tx);
  float sigma = sqrtf(n0);
  for (uint32_t p = 0; p < nof_rx; p++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      const cf_t *x = phy_grid_symbol(tx, 0, l);
      cf_t *y = phy_grid_symbol(rx, p, l);
      for (uint32_t k = 0; k < nsc; k++) {
        double ph = -2.0 * M_PI * (double)k * scs_hz * tau_s;
        cf_t rot = (float)cos(ph) + I * (float)sin(ph);
        y[k] = gain[p] * rot * x[k] + (n0 > 0 ? pusch_test_cn(r, sigma) : 0.0f);
      }
    }
  }
}

#endif
