/* SPDX-License-Identifier: Apache-2.0 */
/* Shared between the PDCCH transmitter and receiver (not exported). */
#ifndef OLIVE_PHY_PDCCH_INTERNAL_H
#define OLIVE_PHY_PDCCH_INTERNAL_H

#include "olive/phy/pdcch.h"

#define PDCCH_MAX_REG (PHY_PDCCH_MAX_AL * PHY_REG_PER_CCE)

/* The REGs of CCEs cce .. cce + al - 1, sorted by symbol then RB (the order of 7.3.2.5:
 * increasing k first, then l). Returns the count (6 al) or OLIVE_EINVAL. */
__attribute__((visibility("hidden"))) int pdcch_regs(const phy_pdcch_cfg_t *cfg, uint32_t cce,
                                                     uint32_t al, uint16_t rb[PDCCH_MAX_REG],
                                                     uint8_t symb[PDCCH_MAX_REG]);

/* True when all n REGs from pdcch_regs() lie inside the grid. Interleaved REGs are not in
 * RB order, so every one is checked. */
static inline bool pdcch_regs_in_grid(const uint16_t *rb, const uint8_t *symb, int n,
                                      const phy_grid_t *grid)
{
  if (n <= 0) {
    return false;
  }
  for (int g = 0; g < n; g++) {
    if (rb[g] >= grid->nof_prb || symb[g] >= PHY_NSYMB_SLOT) {
      return false;
    }
  }
  return true;
}

/* TS 38.211 7.4.1.3.1: the 3 DMRS symbols r_l(3n + k') of each of the nreg REGs (grid RB
 * rb[g] in slot symbol symb[g], sorted by symbol then RB as pdcch_regs gives them) into
 * r[3 g + k']. One Gold run per CORESET symbol over the RBs the REGs span, rather than a
 * sequence jump (O(log n) polynomial steps) per REG. */
__attribute__((visibility("hidden"))) void pdcch_dmrs_regs(const phy_pdcch_cfg_t *cfg,
                                                           const uint16_t *rb, const uint8_t *symb,
                                                           int nreg, cf_t *r);

/* 7.3.2.3: c_init = (n_RNTI 2^16 + n_ID) mod 2^31 */
static inline uint32_t pdcch_scr_cinit(const phy_pdcch_cfg_t *cfg)
{
  return (uint32_t)((((uint64_t)cfg->n_rnti << 16) + cfg->n_id) & 0x7FFFFFFFu);
}

/* TS 38.212 7.3.3/7.3.4: E = 108 L for the DCI chain (54 QPSK symbols per CCE). */
static inline uint32_t pdcch_e(uint32_t al)
{
  return al * PHY_REG_PER_CCE * PHY_PDCCH_RE_PER_REG * 2u;
}

#endif
