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
  uint32_t nof_re; /* data REs (UL-SCH and UCI) */
  uint32_t g;      /* UL-SCH coded bits */
  uint32_t g_all;  /* coded bits of all data REs, nof_re Q_m */
  uint32_t tbs;
  /* UCI on PUSCH, TS 38.212 6.3.2.4 (one layer): coded modulation symbols Q' and bits E */
  uint32_t q_ack;  /* Q'_ACK */
  uint32_t q_rvd;  /* Q'_rvd: reserved REs for potential HARQ-ACK (O_ACK <= 2) */
  uint32_t q_csi1; /* Q'_CSI-1 */
  uint32_t e_ack, e_csi1;
} pusch_layout_t;

/* RE types of the UL-SCH / UCI multiplexing (TS 38.212 6.2.7), one per data RE in mapping
 * order. */
enum {
  PUSCH_RE_ULSCH = 0, /* UL-SCH */
  PUSCH_RE_RVD = 1,   /* reserved for HARQ-ACK but carrying UL-SCH */
  PUSCH_RE_ACK = 2,   /* HARQ-ACK (rate-matched, O_ACK > 2) */
  PUSCH_RE_CSI1 = 3,  /* CSI part 1 */
  PUSCH_RE_ACK_P = 4, /* HARQ-ACK on a reserved RE, puncturing UL-SCH (O_ACK <= 2) */
};

/* Validates cfg for a grid of grid_prb PRBs and fills lo (TBS and G included). */
int pusch_layout(const phy_pusch_cfg_t *cfg, uint32_t grid_prb, pusch_layout_t *lo);

/* TS 38.212 6.3.2.4.1: Q'_ACK, Q'_rvd, Q'_CSI-1 and G for lo (TBS, RE counts set). */
int pusch_uci_layout(const phy_pusch_cfg_t *cfg, pusch_layout_t *lo);

/* TS 38.212 6.2.7 steps 1-5: the type of every data RE (lo->nof_re entries). */
void pusch_uci_mux_map(const pusch_layout_t *lo, uint8_t *type);

struct phy_polar_dec;

/* One UCI payload of n bits -> e_len coded bits (block code up to 11 bits, else polar),
 * and back from e_len float LLRs (0, or OLIVE_ECRC when the polar CRC fails). */
int pusch_uci_encode_one(const uint8_t *a, uint32_t n, uint32_t qm, uint8_t *e, uint32_t e_len);
int pusch_uci_decode_one(struct phy_polar_dec *pd, const float *llr, uint32_t e_len, uint32_t n,
                         uint32_t qm, uint8_t *a);

/* Multiplexes the g UL-SCH bits and the e_ack + e_csi1 UCI bits (uci: HARQ-ACK then CSI
 * part 1) into g_all bits in RE order; and the inverse on LLRs: data gets g LLRs (0 where
 * HARQ-ACK punctured UL-SCH), uci gets e_ack + e_csi1 float LLRs (llr / scale). */
void pusch_uci_mux_bits(const pusch_layout_t *lo, const uint8_t *type, const uint8_t *data,
                        const uint8_t *uci, uint8_t *out);
void pusch_uci_demux_llr(const pusch_layout_t *lo, const uint8_t *type, const int8_t *llr,
                         float scale, int8_t *data, float *uci);

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
