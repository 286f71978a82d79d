/* SPDX-License-Identifier: Apache-2.0 */
/* Buffers of phy_pdsch_t, sized at init (private to phy/pdsch). */
#ifndef OLIVE_PHY_PDSCH_BUF_H
#define OLIVE_PHY_PDSCH_BUF_H

#include <stdint.h>

#include "olive/phy/pdsch.h"

struct phy_pdsch_buf {
  uint32_t max_g;   /* coded bits */
  uint32_t max_sym; /* modulation symbols (all layers) */
  uint8_t *bits;    /* max_g, one bit per byte */
  int8_t *llr;      /* max_g */
  cf_t *sym;        /* max_sym */
  cf_t *ref;        /* max_sym: hard decisions (EVM) */
  float *nv;        /* max_sym: per-symbol noise variance */
  cf_t *h;          /* channel per layer, RX port and DM-RS symbol: [v][rx][d][12 max_prb] */
};

#endif
