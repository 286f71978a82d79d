/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers of the PUCCH formats (not exported). */
#ifndef OLIVE_PHY_PUCCH_INTERNAL_H
#define OLIVE_PHY_PUCCH_INTERNAL_H

#include "olive/phy/pucch.h"

#define PUCCH_NRE 12u

/* Resolved geometry of one symbol of a PUCCH resource. */
typedef struct pucch_sym {
  uint32_t l_slot; /* symbol in the slot, l + l' */
  uint32_t hop;    /* 0 or 1 (n_hop / m') */
  uint32_t prb;    /* first PRB of this symbol */
} pucch_sym_t;

/* Symbol l (0 .. nof_symbols - 1) of the resource: the first hop holds floor(L / 2) symbols
 * (TS 38.211 6.3.2.3.2, 6.3.2.4.2, 6.3.2.5.3 intra-slot hopping). */
pucch_sym_t pucch_symbol(const phy_pucch_resource_t *res, uint32_t l);

/* r_u,v(n) of length 12 with cyclic shift index a (alpha = 2 pi a / 12): base * e^{j alpha n}.
 * base is r_u,0(n) from phy_seq_low_papr (a 12-long sequence exists only for v = 0,
 * TS 38.211 5.2.2). */
void pucch_shift(cf_t *out, const cf_t *base, uint32_t a);

/* Base sequence r_u,0 of hop `hop` for cfg. */
int pucch_base(const phy_pucch_cfg_t *cfg, uint32_t hop, cf_t *base);

/* The detection statistics of one detector run. */
typedef struct pucch_stat {
  float p_max; /* largest hypothesis energy, sum over the k observations */
  float resid; /* received energy outside every hypothesis' subspace */
  uint32_t k;  /* observations (hops or symbols, times RX ports) */
  uint32_t d;  /* complex degrees of freedom of resid */
  uint32_t h;  /* hypotheses */
  float n_obs; /* REs per observation (for the SNR report) */
} pucch_stat_t;

/* Applies the threshold (cached per format in q) and fills metric, threshold, noise_var
 * and snr_db; returns whether T exceeds the threshold. */
bool pucch_decide(phy_pucch_t *q, phy_pucch_format_t f, float pfa, const pucch_stat_t *s,
                  float *metric, float *thr, float *nv, float *snr_db);

/* ---- UCI coding of formats 2 and 3 (pucch_uci.c) ---- */

/* c_init = n_RNTI 2^15 + n_ID of the UCI scrambling (6.3.2.5.1, 6.3.2.6.1). */
uint32_t pucch_uci_cinit(const phy_pucch_cfg_t *cfg);

/* A payload bits into q->bits (E bits; K <= 2 placeholders for modulation order qm). */
int pucch_uci_encode(phy_pucch_t *q, const uint8_t *a, uint32_t A, uint32_t qm, uint32_t E);

/* The DM-RS test's false-alarm target for an overall pfa, and the block-code cosine
 * threshold (0 for polar, whose CRC decides); cached in q for the last (A, E, qm, pfa). */
float pucch_uci_split(phy_pucch_t *q, uint32_t A, uint32_t E, uint32_t qm, float pfa,
                      float *conf_thr);

/* Decodes the descrambled q->llr (E) into a; *ok: the code word is accepted. Returns 0 or a
 * negative error for an impossible (A, E). */
int pucch_uci_decode(phy_pucch_t *q, uint32_t A, uint32_t E, uint32_t qm, float conf_thr,
                     uint8_t *a, bool *ok, float *conf);

#endif
