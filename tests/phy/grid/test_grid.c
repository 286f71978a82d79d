/* SPDX-License-Identifier: Apache-2.0 */
/* Resource grid: layout, alignment, clear, argument checks; the transmit layout's bin
 * positions worked by hand (N 768, 51 PRB: K/2 = 306, subcarrier 0 at bin 768 - 306 =
 * 462) and against the definition bin = (k - K/2) mod N, spans, weights. */
#include <complex.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/grid.h"
#include "olive/support/error.h"
#include "olive_test.h"

static void test_transmit_layout(void)
{
  phy_grid_t g;
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 2, .max_prb = 51, .fft_size = 768}) == 0);
  CHECK(g.stride == 768 && !phy_grid_is_natural(&g));
  cf_t *row = phy_grid_symbol(&g, 1, 3);
  CHECK(phy_grid_re(&g, 1, 3, 0) == row + 462 && phy_grid_re(&g, 1, 3, 305) == row + 767);
  CHECK(phy_grid_re(&g, 1, 3, 306) == row && phy_grid_re(&g, 1, 3, 611) == row + 305);
  /* Every subcarrier at bin (k - K/2) mod N, no two on one bin. */
  static uint8_t used[768];
  int bad = 0;
  for (uint32_t k = 0; k < 612; k++) {
    uint32_t i = phy_grid_index(&g, k);
    bad += i >= 768 || used[i] || (i + 306 - k) % 768 != 0;
    used[i < 768 ? i : 0] = 1;
  }
  CHECK(bad == 0, "%d subcarriers on a wrong bin", bad);
  /* Spans: one piece inside a half, two across k = K/2 (mid-PRB: 51 PRB is odd). */
  cf_t *pc[2];
  CHECK(phy_grid_span(&g, 0, 0, 12, 24, pc) == 24 && pc[0] == phy_grid_symbol(&g, 0, 0) + 474);
  CHECK(phy_grid_span(&g, 0, 0, 300, 12, pc) == 6 && pc[0] == phy_grid_symbol(&g, 0, 0) + 762 &&
        pc[1] == phy_grid_symbol(&g, 0, 0));
  CHECK(phy_grid_span(&g, 0, 0, 306, 12, pc) == 12 && pc[0] == phy_grid_symbol(&g, 0, 0));
  /* Clear zeroes the occupied bins and leaves the guard band alone; clear_all all. */
  for (uint32_t i = 0; i < 768; i++) {
    row[i] = 7.0f;
  }
  phy_grid_clear(&g);
  CHECK(row[0] == 0 && row[305] == 0 && row[306] == 7.0f && row[461] == 7.0f && row[462] == 0 &&
        row[767] == 0);
  phy_grid_clear_all(&g);
  CHECK(row[306] == 0 && row[461] == 0);
  /* Weights: stored a w_l, phy_grid_get gives a back. */
  cf_t w[PHY_NSYMB_SLOT];
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    w[l] = cexpf(I * 0.3f * (float)l) * 0.02f;
  }
  CHECK(phy_grid_set_weights(&g, w) == 0 && g.w[13] == w[13]);
  cf_t a = 0.7f - 0.2f * I;
  *phy_grid_re(&g, 0, 13, 100) = a * w[13];
  CHECK(cabsf(phy_grid_get(&g, 0, 13, 100) - a) < 1e-6f);
  w[4] = 0;
  CHECK(phy_grid_set_weights(&g, w) == OLIVE_EINVAL);
  w[4] = NAN;
  CHECK(phy_grid_set_weights(&g, w) == OLIVE_EINVAL);
  /* A narrower carrier moves the bins: 25 PRB, K/2 = 150. */
  CHECK(phy_grid_set_size(&g, 1, 25) == 0 && phy_grid_index(&g, 0) == 618 &&
        phy_grid_index(&g, 150) == 0 && phy_grid_index(&g, 299) == 149);
  phy_grid_free(&g);

  phy_grid_t nat;
  CHECK(phy_grid_init(&nat, &(phy_grid_args_t){.max_ports = 1, .max_prb = 51}) == 0);
  CHECK(phy_grid_set_weights(&nat, w) == OLIVE_EINVAL, "weights on a natural grid");
  CHECK(phy_grid_is_natural(&nat) && phy_grid_index(&nat, 611) == 611 && nat.w[0] == 1.0f);
  phy_grid_free(&nat);
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 51, .fft_size = 769}) ==
            OLIVE_EINVAL,
        "odd DFT size");
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 51, .fft_size = 610}) ==
            OLIVE_EINVAL,
        "DFT smaller than the carrier");
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 51, .fft_size = 8194}) ==
            OLIVE_EINVAL,
        "DFT above 8192");
}

int main(void)
{
  test_transmit_layout();
  phy_grid_t g;
  phy_grid_args_t a = {.max_ports = 2, .max_prb = 25}; /* 300 sc: stride padded to 304 */
  CHECK(phy_grid_init(&g, &a) == 0);
  CHECK(g.stride == 304 && g.nof_prb == 25 && g.nof_ports == 2);
  for (uint32_t p = 0; p < 2; p++) {
    for (uint32_t l = 0; l < 14; l++) {
      CHECK(((uintptr_t)phy_grid_symbol(&g, p, l) & 63u) == 0);
      for (uint32_t k = 0; k < 300; k++) {
        CHECK(*phy_grid_re(&g, p, l, k) == 0); /* zeroed at init */
        *phy_grid_re(&g, p, l, k) = (float)(p * 10000 + l * 1000 + k);
      }
    }
  }
  /* rows do not overlap: every value is still the one written */
  int ok = 1;
  for (uint32_t p = 0; p < 2; p++) {
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < 300; k++) {
        ok &= phy_grid_symbol(&g, p, l)[k] == (float)(p * 10000 + l * 1000 + k);
      }
    }
  }
  CHECK(ok);
  CHECK(phy_grid_set_size(&g, 1, 10) == 0 && phy_grid_nof_sc(&g) == 120);
  phy_grid_clear(&g); /* clears only the active part: port 0, 120 subcarriers */
  CHECK(*phy_grid_re(&g, 0, 13, 119) == 0 && *phy_grid_re(&g, 0, 13, 120) == 13120.0f);
  CHECK(*phy_grid_re(&g, 1, 0, 0) == 10000.0f);
  CHECK(phy_grid_set_size(&g, 3, 10) == OLIVE_EINVAL);
  CHECK(phy_grid_set_size(&g, 1, 26) == OLIVE_EINVAL);
  CHECK(phy_grid_set_size(&g, 0, 1) == OLIVE_EINVAL);
  phy_grid_free(&g);
  phy_grid_free(&g); /* idempotent */
  phy_grid_free(NULL);
  phy_grid_args_t bad = {.max_ports = 0, .max_prb = 25};
  CHECK(phy_grid_init(&g, &bad) == OLIVE_EINVAL);
  phy_grid_free(&g); /* fine after a failed init */
  bad.max_ports = 1;
  bad.max_prb = 276;
  CHECK(phy_grid_init(&g, &bad) == OLIVE_EINVAL);
  CHECK(phy_grid_init(&g, NULL) == OLIVE_EINVAL);
  return olive_test_done();
}
