/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH DM-RS channel estimation and measurements (private to phy/pusch). */
#ifndef OLIVE_PHY_PUSCH_CHEST_H
#define OLIVE_PHY_PUSCH_CHEST_H

#include "pusch_buf.h"
#include "pusch_internal.h"

typedef struct pusch_chest {
  float n0;   /* noise variance per RE, data scale */
  float sig;  /* E|h|^2 (data scale), noise removed */
  float ta_s; /* timing offset, seconds (positive: late) */
  float psi;  /* common phase drift per OFDM symbol between DM-RS symbols (frequency
                 offset), radians; 0 with one DM-RS symbol */
} pusch_chest_t;

/* Row of the channel estimate of RX port r on DM-RS symbol index d (grid subcarriers). */
static inline cf_t *pusch_h_row(const phy_pusch_t *q, uint32_t r, uint32_t d)
{
  return q->b->h + ((size_t)r * PHY_DMRS_MAX_SYMB + d) * q->b->nsc;
}

/* Estimates the channel of every RX port on every DM-RS symbol of lo into pusch_h_row()
 * (the allocation's subcarriers), and the measurements. 0 or a negative error. */
int pusch_chest(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                const phy_grid_t *grid, uint32_t nof_rx, pusch_chest_t *ce);

#endif
