/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 6.3.3.1: root sequences, cyclic shifts (unrestricted set) and the 64
 * preambles of a cell. */
#include <stddef.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "prach_internal.h"

int phy_prach_preamble_map(phy_prach_preamble_map_t *m, uint32_t l_ra, uint32_t root_logical,
                           uint32_t ncs)
{
  if (m == NULL || (l_ra != PHY_PRACH_L_LONG && l_ra != PHY_PRACH_L_SHORT) || ncs >= l_ra ||
      root_logical >= l_ra - 1) {
    return OLIVE_EINVAL;
  }
  /* 6.3.3.1, unrestricted: C_v = v N_CS, v = 0 .. floor(L_RA / N_CS) - 1; C_v = 0 when
   * N_CS = 0. */
  uint32_t nshift = ncs == 0 ? 1 : l_ra / ncs;
  m->l_ra = l_ra;
  m->ncs = ncs;
  m->nof_shifts = nshift;
  m->nof_roots = (PHY_PRACH_NOF_PREAMBLES + nshift - 1) / nshift;
  for (uint32_t v = 0; v < PHY_PRACH_NOF_PREAMBLES; v++) {
    m->cv[v] = (uint16_t)(v < nshift ? v * ncs : 0);
  }
  /* Consecutive logical indexes; the logical order is cyclic (the last index is
   * followed by 0). */
  for (uint32_t r = 0; r < PHY_PRACH_NOF_PREAMBLES; r++) {
    m->u[r] =
        r < m->nof_roots ? (uint32_t)phy_prach_root_u(l_ra, (root_logical + r) % (l_ra - 1)) : 0;
  }
  return OLIVE_OK;
}

int phy_prach_seq_x(cf_t *x, uint32_t l_ra, uint32_t u, uint32_t cv)
{
  if (x == NULL || (l_ra != PHY_PRACH_L_LONG && l_ra != PHY_PRACH_L_SHORT) || u == 0 || u >= l_ra ||
      cv >= l_ra) {
    return OLIVE_EINVAL;
  }
  /* x_u,v(n) = x_u((n + C_v) mod L_RA): the ZC sequence read from index C_v on. */
  cf_t head[PHY_PRACH_L_LONG];
  int rc = phy_seq_zc(head, l_ra, u, l_ra);
  if (rc < 0) {
    return rc;
  }
  for (uint32_t n = 0; n < l_ra; n++) {
    x[n] = head[(n + cv) % l_ra];
  }
  return OLIVE_OK;
}

int prach_tc_to_samples(uint64_t tc, double srate_hz, uint32_t *n)
{
  uint64_t sr = (uint64_t)srate_hz;
  if ((double)sr != srate_hz) {
    return OLIVE_EINVAL;
  }
  uint64_t prod = tc * sr;
  uint64_t tc_hz = (uint64_t)PHY_PRACH_TC_PER_MS * 1000u;
  if (prod % tc_hz != 0) {
    return OLIVE_EINVAL;
  }
  *n = (uint32_t)(prod / tc_hz);
  return OLIVE_OK;
}
