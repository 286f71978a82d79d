/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH DM-RS channel estimation (private to phy/pdsch). */
#ifndef OLIVE_PHY_PDSCH_CHEST_H
#define OLIVE_PHY_PDSCH_CHEST_H

#include "pdsch_internal.h"

/* Statistics of the DM-RS of one estimate. */
typedef struct pdsch_chest_stats {
  double diff2; /* sum over pairs of |ls(k'=0) - ls(k'=1)|^2 */
  double pow2;  /* sum over pairs of |pair mean|^2 */
  uint32_t nof_pairs;
  double res2; /* sum over interior pairs of |v_j - (v_{j-1} + v_{j+1}) / 2|^2 */
  uint32_t nof_res;
} pdsch_chest_stats_t;

/* Estimates the channel of layer v (its DM-RS port) on DM-RS symbol l from grid row `row`
 * into h (grid subcarrier index, the allocation's subcarriers written). Returns the number
 * of k' pairs used (0 when every PRB of the symbol is reserved). */
uint32_t pdsch_chest_symbol(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t v,
                            uint32_t l, const cf_t *row, cf_t *h, pdsch_chest_stats_t *st);

#endif
