/* SPDX-License-Identifier: Apache-2.0 */
/* PDCCH candidates of a search space set, TS 38.213 10.1. */
#include <stddef.h>

#include "olive/phy/pdcch.h"
#include "olive/support/error.h"

uint32_t phy_ss_hash_y(uint32_t coreset_id, uint16_t rnti, uint32_t slot)
{
  static const uint64_t a_p[3] = {39827, 39829, 39839};
  const uint64_t d = 65537;
  uint64_t y = rnti; /* Y_p,-1 */
  for (uint32_t n = 0; n <= slot; n++) {
    y = (a_p[coreset_id % 3] * y) % d;
  }
  return (uint32_t)y;
}

int phy_ss_candidates(const phy_ss_cfg_t *ss, uint32_t n_cce, uint32_t al, uint32_t slot,
                      uint32_t cce[PHY_PDCCH_MAX_CAND])
{
  if (ss == NULL || cce == NULL || al == 0 || al > PHY_PDCCH_MAX_AL || (al & (al - 1)) != 0 ||
      slot >= 160 || n_cce > PHY_CORESET_MAX_CCE || (!ss->common && ss->rnti == 0)) {
    return OLIVE_EINVAL;
  }
  uint32_t li = 0;
  while ((1u << li) < al) {
    li++;
  }
  uint32_t m_l = ss->nof_cand[li];
  if (m_l > PHY_PDCCH_MAX_CAND) {
    return OLIVE_EINVAL;
  }
  if (n_cce < al) {
    return 0;
  }
  uint64_t y = ss->common ? 0 : phy_ss_hash_y(ss->coreset_id, ss->rnti, slot);
  for (uint32_t m = 0; m < m_l; m++) {
    uint64_t x = y + (uint64_t)m * n_cce / ((uint64_t)al * m_l);
    cce[m] = al * (uint32_t)(x % (n_cce / al));
  }
  return (int)m_l;
}
