/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the PDSCH transmitter and receiver: the validated layout of one allocation. */
#ifndef OLIVE_PHY_PDSCH_INTERNAL_H
#define OLIVE_PHY_PDSCH_INTERNAL_H

#include <stdint.h>

#include "olive/phy/pdsch.h"

typedef struct pdsch_layout {
  uint32_t l0, l1;                   /* slot symbols of the allocation: l0 .. l1 - 1 */
  uint32_t nof_dmrs;                 /* DM-RS symbols */
  uint8_t dmrs_l[PHY_DMRS_MAX_SYMB]; /* their slot symbols, increasing */
  uint32_t dmrs_mask;                /* bit l set for a DM-RS symbol */
  uint8_t dmrs_sc_data[PHY_NSC_RB];  /* 1: subcarrier of a PRB carries data on a DM-RS symbol */
  float beta;                        /* DM-RS amplitude, TS 38.214 Table 4.1-1 */
  phy_mcs_t mcs;
  phy_mod_t mod;
  uint32_t nof_re; /* data REs per layer */
  uint32_t g;      /* coded bits */
  uint32_t tbs;
} pdsch_layout_t;

/* Validates cfg for a grid of grid_prb PRBs and fills lo (TBS and G included). */
int pdsch_layout(const phy_pdsch_cfg_t *cfg, uint32_t grid_prb, pdsch_layout_t *lo);

/* avail[p] = 1 for allocated PRB prb_start + p not reserved in slot symbol l. */
void pdsch_prb_avail(const phy_pdsch_cfg_t *cfg, uint32_t l, uint8_t *avail);

/* A run of adjacent data subcarriers k .. k + n - 1 of one symbol. */
typedef struct pdsch_run {
  uint16_t k, n;
} pdsch_run_t;

#define PDSCH_MAX_RUNS (PHY_MAX_PRB * PHY_NSC_RB / 2 + 1)

/* The data subcarriers of slot symbol l as runs in increasing k; returns the number of
 * runs and the number of REs in *nof_re. */
uint32_t pdsch_symbol_runs(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t l,
                           pdsch_run_t *runs, uint32_t *nof_re);

/* TS 38.211 7.3.1.1 */
static inline uint32_t pdsch_scrambling_cinit(const phy_pdsch_cfg_t *cfg)
{
  return ((uint32_t)cfg->rnti << 15) + cfg->n_id;
}

#endif
