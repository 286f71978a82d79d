/* SPDX-License-Identifier: Apache-2.0 */
/* SSB candidate positions (TS 38.213 4.1) and resource mapping (TS 38.211 Table
 * 7.4.3.1-1), checked against hand-worked positions. */
#include <complex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"
#include "olive_test.h"

/* 38.213 4.1 worked out:
 *   A, L_max 4 (n = 0, 1):      {2, 8} + {0, 14}           = 2 8 16 22
 *   A, L_max 8 (n = 0 .. 3):    {2, 8} + {0, 14, 28, 42}   = 2 8 16 22 30 36 44 50
 *   B, L_max 4 (n = 0):         {4, 8, 16, 20}
 *   B, L_max 8 (n = 0, 1):      {4, 8, 16, 20} + {0, 28}   = 4 8 16 20 32 36 44 48
 *   C: as A, in 30 kHz symbols. */
static void test_positions(void)
{
  static const uint32_t a4[] = {2, 8, 16, 22}, a8[] = {2, 8, 16, 22, 30, 36, 44, 50};
  static const uint32_t b4[] = {4, 8, 16, 20}, b8[] = {4, 8, 16, 20, 32, 36, 44, 48};
  uint32_t f[8];
  CHECK(phy_ssb_positions(PHY_SSB_CASE_A, 4, f) == 4 && memcmp(f, a4, sizeof(a4)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_A, 8, f) == 8 && memcmp(f, a8, sizeof(a8)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_B, 4, f) == 4 && memcmp(f, b4, sizeof(b4)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_B, 8, f) == 8 && memcmp(f, b8, sizeof(b8)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_C, 4, f) == 4 && memcmp(f, a4, sizeof(a4)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_C, 8, f) == 8 && memcmp(f, a8, sizeof(a8)) == 0);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_A, 64, f) == OLIVE_EINVAL);
  CHECK(phy_ssb_positions(PHY_SSB_CASE_COUNT, 4, f) == OLIVE_EINVAL);
  /* every SSB fits in one slot (a 4-symbol block never straddles a slot boundary) */
  for (int c = 0; c < PHY_SSB_CASE_COUNT; c++) {
    phy_ssb_positions((phy_ssb_case_t)c, 8, f);
    for (int i = 0; i < 8; i++) {
      CHECK(f[i] % 14 + 4 <= 14);
    }
  }
  CHECK(strcmp(phy_ssb_case_name(PHY_SSB_CASE_B), "B") == 0);
}

#define MARK 1000.0f

/* Map with markers: pbch[i] = i + 1, dmrs[i] = -(i + 1); check every RE of the block and
 * that nothing outside it changed. */
static void test_map_one(uint32_t n_id, uint32_t k0, uint32_t l0)
{
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = 52};
  CHECK(phy_grid_init(&g, &ga) == 0);
  for (uint32_t p = 0; p < 2; p++) {
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < 624; k++) {
        *phy_grid_re(&g, p, l, k) = MARK;
      }
    }
  }
  cf_t pbch[432], dmrs[144];
  for (int i = 0; i < 432; i++) {
    pbch[i] = (float)(i + 1);
  }
  for (int i = 0; i < 144; i++) {
    dmrs[i] = -(float)(i + 1);
  }
  phy_ssb_map_cfg_t cfg = {.k0 = k0,
                           .l0 = l0,
                           .n_id = n_id,
                           .beta_pss = 2.0f,
                           .beta_sss = 1.0f,
                           .beta_pbch = 1.0f,
                           .beta_dmrs = 1.0f};
  CHECK(phy_ssb_map(&cfg, pbch, dmrs, &g, 1) == 0);
  float pss[127], sss[127];
  phy_pss_gen(n_id % 3, pss);
  phy_sss_gen(n_id, sss);
  uint32_t v = n_id % 4;
  /* Table 7.4.3.1-1 by hand, relative to (k0, l0) */
  CHECK(*phy_grid_re(&g, 1, l0, k0 + 56) == 2.0f * pss[0]);
  CHECK(*phy_grid_re(&g, 1, l0, k0 + 182) == 2.0f * pss[126]);
  CHECK(*phy_grid_re(&g, 1, l0, k0 + 55) == 0 && *phy_grid_re(&g, 1, l0, k0 + 183) == 0);
  CHECK(*phy_grid_re(&g, 1, l0, k0) == 0 && *phy_grid_re(&g, 1, l0, k0 + 239) == 0);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + 56) == sss[0]);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + 182) == sss[126]);
  for (uint32_t k = 48; k < 56; k++) {
    CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + k) == 0);
  }
  for (uint32_t k = 183; k < 192; k++) {
    CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + k) == 0);
  }
  /* DMRS order: 60 on symbol 1 (k = v + 4i), 12 + 12 on symbol 2, 60 on symbol 3 */
  CHECK(*phy_grid_re(&g, 1, l0 + 1, k0 + v) == -1.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 1, k0 + 236 + v) == -60.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + v) == -61.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + 44 + v) == -72.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + 192 + v) == -73.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + 236 + v) == -84.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 3, k0 + v) == -85.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 3, k0 + 236 + v) == -144.0f);
  /* PBCH: 180 on symbol 1, 48 + 48 on symbol 2, 180 on symbol 3 */
  CHECK(*phy_grid_re(&g, 1, l0 + 1, k0 + (v == 0 ? 1 : 0)) == 1.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 1, k0 + (v == 3 ? 238 : 239)) == 180.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + (v == 3 ? 46 : 47)) == 216.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 2, k0 + (v == 0 ? 193 : 192)) == 217.0f);
  CHECK(*phy_grid_re(&g, 1, l0 + 3, k0 + (v == 3 ? 238 : 239)) == 432.0f);
  /* counts: every PBCH and DMRS value exactly once, nothing outside the block touched */
  unsigned seen_p[433] = {0}, seen_d[145] = {0}, outside = 0;
  for (uint32_t p = 0; p < 2; p++) {
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < 624; k++) {
        float x = crealf(*phy_grid_re(&g, p, l, k));
        bool in = p == 1 && l >= l0 && l < l0 + 4 && k >= k0 && k < k0 + 240;
        if (!in) {
          outside += x != MARK;
        } else if (l != l0 && !(l == l0 + 2 && k >= k0 + 48 && k < k0 + 192)) {
          if (x > 0) {
            seen_p[(int)x]++;
          } else {
            seen_d[(int)-x]++;
          }
        }
      }
    }
  }
  CHECK(outside == 0);
  unsigned okp = 0, okd = 0;
  for (int i = 1; i <= 432; i++) {
    okp += seen_p[i] == 1;
  }
  for (int i = 1; i <= 144; i++) {
    okd += seen_d[i] == 1;
  }
  CHECK(okp == 432 && okd == 144);
  /* extract returns what was mapped */
  cf_t xp[127], xs[127], xb[432], xd[144];
  CHECK(phy_ssb_extract(&cfg, &g, 1, xp, xs, xb, xd) == 0);
  CHECK(memcmp(xb, pbch, sizeof(pbch)) == 0 && memcmp(xd, dmrs, sizeof(dmrs)) == 0);
  CHECK(xp[5] == 2.0f * pss[5] && xs[100] == sss[100]);
  phy_grid_free(&g);
}

static void test_map_errors(void)
{
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 20};
  CHECK(phy_grid_init(&g, &ga) == 0);
  phy_ssb_map_cfg_t cfg = {.k0 = 0, .l0 = 10, .n_id = 1007};
  CHECK(phy_ssb_map(&cfg, NULL, NULL, &g, 0) == 0); /* exactly fits: 240 sc, symbols 10-13 */
  cfg.l0 = 11;
  CHECK(phy_ssb_map(&cfg, NULL, NULL, &g, 0) == OLIVE_EINVAL);
  cfg.l0 = 0;
  cfg.k0 = 1;
  CHECK(phy_ssb_map(&cfg, NULL, NULL, &g, 0) == OLIVE_EINVAL);
  cfg.k0 = 0;
  cfg.n_id = 1008;
  CHECK(phy_ssb_map(&cfg, NULL, NULL, &g, 0) == OLIVE_EINVAL);
  cfg.n_id = 0;
  CHECK(phy_ssb_map(&cfg, NULL, NULL, &g, 1) == OLIVE_EINVAL);
  CHECK(phy_ssb_map(NULL, NULL, NULL, &g, 0) == OLIVE_EINVAL);
  CHECK(phy_ssb_extract(&cfg, NULL, 0, NULL, NULL, NULL, NULL) == OLIVE_EINVAL);
  phy_grid_free(&g);
}

/* The same SSB on a transmit grid (grid.h: DFT-bin rows, N 1024, 52 PRB, weights) across
 * k = K/2 = 312: every a_{k,l} equal to the natural grid's, guard bins empty, extract
 * gives the mapped values back. */
static void test_map_tx(void)
{
  phy_grid_t g, tx;
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 52}) == 0);
  CHECK(phy_grid_init(&tx, &(phy_grid_args_t){.max_ports = 1, .max_prb = 52, .fft_size = 1024}) ==
        0);
  cf_t w[PHY_NSYMB_SLOT];
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    w[l] = 0.05f * cexpf(I * (1.0f + 0.7f * (float)l));
  }
  CHECK(phy_grid_set_weights(&tx, w) == 0);
  cf_t pbch[432], dmrs[144];
  for (int i = 0; i < 432; i++) {
    pbch[i] = (float)(i + 1) - 0.5f * I;
  }
  for (int i = 0; i < 144; i++) {
    dmrs[i] = -(float)(i + 1) + 0.25f * I;
  }
  phy_ssb_map_cfg_t cfg = {.k0 = 200,
                           .l0 = 4,
                           .n_id = 321,
                           .beta_pss = 1.4f,
                           .beta_sss = 1.0f,
                           .beta_pbch = 0.9f,
                           .beta_dmrs = 1.1f};
  CHECK(phy_ssb_map(&cfg, pbch, dmrs, &g, 0) == 0 && phy_ssb_map(&cfg, pbch, dmrs, &tx, 0) == 0);
  float worst = 0;
  int guard = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < 624; k++) {
      float d = cabsf(phy_grid_get(&tx, 0, l, k) - *phy_grid_re(&g, 0, l, k));
      d /= 1.0f + cabsf(*phy_grid_re(&g, 0, l, k));
      worst = d > worst ? d : worst;
    }
    for (uint32_t b = 312; b < 1024 - 312; b++) {
      guard += phy_grid_symbol(&tx, 0, l)[b] != 0;
    }
  }
  CHECK(worst < 1e-6f && guard == 0, "relative difference %g, %d guard bins", worst, guard);
  cf_t xb[432], xd[144];
  CHECK(phy_ssb_extract(&cfg, &tx, 0, NULL, NULL, xb, xd) == 0);
  CHECK(cabsf(xb[431] - 0.9f * pbch[431]) < 1e-3f && cabsf(xd[0] - 1.1f * dmrs[0]) < 1e-5f);
  phy_grid_free(&g);
  phy_grid_free(&tx);
}

int main(void)
{
  test_positions();
  test_map_tx();
  for (uint32_t v = 0; v < 4; v++) {
    test_map_one(500 + v, 30 + 7 * v, 2 + 2 * v);
  }
  test_map_errors();
  return olive_test_done();
}
