/* SPDX-License-Identifier: Apache-2.0 */
/* Resource indication value, TS 38.214 5.1.2.2.2 (DL) and 6.1.2.2.2 (UL, same form). */
#include <stddef.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"

int phy_riv_encode(uint32_t n_bwp, uint32_t rb_start, uint32_t l_rbs, uint32_t *riv)
{
  if (riv == NULL || n_bwp == 0 || n_bwp > 275 || l_rbs < 1 || rb_start >= n_bwp ||
      l_rbs > n_bwp - rb_start) {
    return OLIVE_EINVAL;
  }
  if (l_rbs - 1 <= n_bwp / 2) {
    *riv = n_bwp * (l_rbs - 1) + rb_start;
  } else {
    *riv = n_bwp * (n_bwp - l_rbs + 1) + (n_bwp - 1 - rb_start);
  }
  return OLIVE_OK;
}

int phy_riv_decode(uint32_t n_bwp, uint32_t riv, uint32_t *rb_start, uint32_t *l_rbs)
{
  if (rb_start == NULL || l_rbs == NULL || n_bwp == 0 || n_bwp > 275) {
    return OLIVE_EINVAL;
  }
  uint32_t q = riv / n_bwp, r = riv % n_bwp;
  uint32_t s = r, l = q + 1; /* first branch: L - 1 = q <= floor(N/2) */
  if (q + r >= n_bwp) {      /* second branch: L = N - q + 1, start = N - 1 - r */
    l = n_bwp - q + 1;
    s = n_bwp - 1 - r;
  }
  uint32_t check;
  if (l < 1 || s >= n_bwp || l > n_bwp - s || phy_riv_encode(n_bwp, s, l, &check) < 0 ||
      check != riv) {
    return OLIVE_EINVAL;
  }
  *rb_start = s;
  *l_rbs = l;
  return OLIVE_OK;
}
