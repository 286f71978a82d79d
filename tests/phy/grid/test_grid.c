/* SPDX-License-Identifier: Apache-2.0 */
/* Resource grid: layout, alignment, clear, argument checks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/grid.h"
#include "olive/support/error.h"
#include "olive_test.h"

int main(void)
{
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
