/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the PUSCH transmitter and receiver (private to phy/pusch). */
#ifndef OLIVE_PHY_PUSCH_INTERNAL_H
#define OLIVE_PHY_PUSCH_INTERNAL_H

#include <stdint.h>

#include "olive/phy/pusch.h"

/* The validated layout of one allocation. */
typedef struct pusch_layout {
  uint32_t l0, l1;                   /* slot symbols of the allocation: l0 .. l1 - 1 */
  uint32_t nof_dmrs;                 /* DM-RS symbols */
  uint8_t dmrs_l[PHY_DMRS_MAX_SYMB]; /* their slot symbols, increasing */
  uint32_t dmrs_mask;                /* bit l set for a DM-RS symbol */
  uint8_t dmrs_sc_data[PHY_NSC_RB];  /* 1: subcarrier of a PRB carries data on a DM-RS symbol */
  uint32_t nof_dmrs_sc_data;         /* number of those (0 with transform precoding) */
  float beta;                        /* DM-RS amplitude, TS 38.214 Table 6.2.2-1 */
  phy_mcs_t mcs;
  phy_mod_t mod;
  uint32_t m_sc;   /* allocated subcarriers, 12 nof_prb */
  uint32_t k0;     /* first allocated grid subcarrier */
  uint32_t nof_re; /* data REs */
  uint32_t g;      /* UL-SCH coded bits */
  uint32_t tbs;
} pusch_layout_t;

/* Validates cfg for a grid of grid_prb PRBs and fills lo (TBS and G included). */
int pusch_layout(const phy_pusch_cfg_t *cfg, uint32_t grid_prb, pusch_layout_t *lo);

/* Data REs of slot symbol l (0 outside the allocation). */
static inline uint32_t pusch_symbol_nof_re(const pusch_layout_t *lo, uint32_t l)
{
  if (l < lo->l0 || l >= lo->l1) {
    return 0;
  }
  return (lo->dmrs_mask >> l) & 1 ? lo->nof_dmrs_sc_data * (lo->m_sc / PHY_NSC_RB) : lo->m_sc;
}

/* TS 38.211 6.3.1.1: c_init = n_RNTI 2^15 + n_ID */
static inline uint32_t pusch_scrambling_cinit(const phy_pusch_cfg_t *cfg)
{
  return ((uint32_t)cfg->rnti << 15) + cfg->n_id;
}

/* DM-RS reference values r(i) w_f(k') of the port's REs of slot symbol l over the
 * allocation, in increasing k, and their grid subcarriers. Without transform precoding
 * the Gold sequence of 6.4.1.1.1.1 (6 or 4 per PRB); with it the low-PAPR sequence of
 * 6.4.1.1.1.2 (6 per PRB). Returns their number or a negative error. */
int pusch_dmrs_ref(const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo, uint32_t l, cf_t *ref,
                   uint16_t *k);

#endif
