/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH common procedures: TS 38.211 6.3.2.2.1 group and sequence hopping, 6.3.2.2.2 cyclic
 * shift hopping, intra-slot hopping geometry, resource checks and the detection threshold. */
#include <math.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pucch_internal.h"

static const char *const pucch_format_names[PHY_PUCCH_FORMAT_COUNT] = {
    "PUCCH F0", "PUCCH F1", "PUCCH F2", "PUCCH F3", "PUCCH F4"};

const char *phy_pucch_format_name(phy_pucch_format_t f)
{
  return (unsigned)f < PHY_PUCCH_FORMAT_COUNT ? pucch_format_names[f] : "?";
}

/* Eight consecutive bits of c(n) from n, c(n) as the least significant: sum 2^m c(n + m). */
static uint32_t gold_byte(uint32_t c_init, uint32_t n)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  return phy_seq_gold_next32(&g) & 0xffu;
}

/* TS 38.211 6.3.2.2.1 */
int phy_pucch_group_seq(phy_pucch_group_hopping_t gh, uint32_t n_id, uint32_t slot, uint32_t n_hop,
                        uint32_t *u, uint32_t *v)
{
  if (u == NULL || v == NULL || n_id > 1023 || n_hop > 1) {
    return OLIVE_EINVAL;
  }
  uint32_t f_gh = 0, f_ss = n_id % 30, vv = 0;
  switch (gh) {
  case PHY_PUCCH_GH_NEITHER:
    break;
  case PHY_PUCCH_GH_ENABLE: /* f_gh = (sum 2^m c(8(2 n_s + n_hop) + m)) mod 30, c_init = N_ID/30 */
    f_gh = gold_byte(n_id / 30, 8 * (2 * slot + n_hop)) % 30;
    break;
  case PHY_PUCCH_GH_DISABLE: /* v = c(2 n_s + n_hop), c_init = 2^5 floor(N_ID/30) + N_ID mod 30 */
    vv = gold_byte(32 * (n_id / 30) + n_id % 30, 2 * slot + n_hop) & 1u;
    break;
  default:
    return OLIVE_EINVAL;
  }
  *u = (f_gh + f_ss) % 30;
  *v = vv;
  return OLIVE_OK;
}

/* TS 38.211 6.3.2.2.2, N_symb^slot = 14 */
uint32_t phy_pucch_ncs(uint32_t n_id, uint32_t slot, uint32_t l_slot)
{
  return gold_byte(n_id, 8 * PHY_NSYMB_SLOT * slot + 8 * l_slot);
}

uint32_t phy_pucch_alpha_idx(uint32_t n_id, uint32_t slot, uint32_t l_slot, uint32_t m0,
                             uint32_t m_cs)
{
  return (m0 + m_cs + phy_pucch_ncs(n_id, slot, l_slot)) % PUCCH_NRE;
}

/* TS 38.211 Table 6.3.2.4.1-2: phi of w_i(m) = exp(j 2 pi phi / N_SF), row N_SF, column i. */
static const uint8_t f1_occ_phi[7][7][7] = {
    [0] = {{0}},
    [1] = {{0, 0}, {0, 1}},
    [2] = {{0, 0, 0}, {0, 1, 2}, {0, 2, 1}},
    [3] = {{0, 0, 0, 0}, {0, 2, 0, 2}, {0, 0, 2, 2}, {0, 2, 2, 0}},
    [4] = {{0, 0, 0, 0, 0}, {0, 1, 2, 3, 4}, {0, 2, 4, 1, 3}, {0, 3, 1, 4, 2}, {0, 4, 3, 2, 1}},
    [5] = {{0, 0, 0, 0, 0, 0},
           {0, 1, 2, 3, 4, 5},
           {0, 2, 4, 0, 2, 4},
           {0, 3, 0, 3, 0, 3},
           {0, 4, 2, 0, 4, 2},
           {0, 5, 4, 3, 2, 1}},
    [6] = {{0, 0, 0, 0, 0, 0, 0},
           {0, 1, 2, 3, 4, 5, 6},
           {0, 2, 4, 6, 1, 3, 5},
           {0, 3, 6, 2, 5, 1, 4},
           {0, 4, 1, 5, 2, 6, 3},
           {0, 5, 3, 1, 6, 4, 2},
           {0, 6, 5, 4, 3, 2, 1}},
};

int phy_pucch_f1_occ_phi(uint32_t n_sf, uint32_t i, uint32_t m)
{
  if (n_sf < 1 || n_sf > 7 || i >= n_sf || m >= n_sf) {
    return -1;
  }
  return f1_occ_phi[n_sf - 1][i][m];
}

/* Table 6.3.2.4.1-1 (data on the odd symbols) and Table 6.4.1.3.1.1-1 (DM-RS on the even
 * symbols): both count the symbols of one parity inside the hop. Hop 0 holds symbols
 * 0 .. floor(L/2) - 1, hop 1 the rest (no hopping: one hop of L symbols). */
uint32_t phy_pucch_f1_nsf(uint32_t nof_symbols, bool hopping, uint32_t m_prime, bool dmrs)
{
  if (nof_symbols < 4 || nof_symbols > 14 || m_prime > 1 || (!hopping && m_prime == 1)) {
    return 0;
  }
  uint32_t first = hopping ? nof_symbols / 2 : nof_symbols;
  uint32_t lo = m_prime == 0 ? 0 : first, hi = m_prime == 0 ? first : nof_symbols;
  uint32_t n = 0;
  for (uint32_t l = lo; l < hi; l++) {
    n += (l % 2 == 0) == dmrs;
  }
  return n;
}

/* TS 38.213 Table 9.2.3-3 (1 HARQ bit), Table 9.2.3-4 (2 bits: index 2 b0 + b1),
 * Table 9.2.5-1 and Table 9.2.5-2 (the same with a positive SR). */
static const uint8_t f0_mcs_1[2] = {0, 6};
static const uint8_t f0_mcs_2[4] = {0, 3, 9, 6}; /* (0,0) (0,1) (1,0) (1,1) */
static const uint8_t f0_mcs_1_sr[2] = {3, 9};
static const uint8_t f0_mcs_2_sr[4] = {1, 4, 10, 7};

int phy_pucch_f0_mcs(const phy_pucch_uci_t *uci)
{
  if (uci == NULL || uci->nof_harq > 2 || (uci->nof_harq >= 1 && uci->harq[0] > 1) ||
      (uci->nof_harq == 2 && uci->harq[1] > 1)) {
    return OLIVE_EINVAL;
  }
  bool sr = uci->sr_opportunity && uci->sr;
  switch (uci->nof_harq) {
  case 0: /* 9.2.4: positive SR alone with m_cs = 0; a negative SR sends nothing */
    return sr ? 0 : OLIVE_EINVAL;
  case 1:
    return sr ? f0_mcs_1_sr[uci->harq[0]] : f0_mcs_1[uci->harq[0]];
  default: {
    unsigned idx = 2u * uci->harq[0] + uci->harq[1];
    return sr ? f0_mcs_2_sr[idx] : f0_mcs_2[idx];
  }
  }
}

pucch_sym_t pucch_symbol(const phy_pucch_resource_t *res, uint32_t l)
{
  pucch_sym_t s = {.l_slot = res->start_symbol + l, .hop = 0, .prb = res->start_prb};
  if (res->intra_slot_hopping && l >= res->nof_symbols / 2) {
    s.hop = 1;
    s.prb = res->second_hop_prb;
  }
  return s;
}

void pucch_shift(cf_t *out, const cf_t *base, uint32_t a)
{
  /* e^{j 2 pi k / 12}, k = 0..11, exact to float rounding */
  static const float c12[PUCCH_NRE] = {1.0f,  0.8660254f,  0.5f,  0.0f, -0.5f, -0.8660254f,
                                       -1.0f, -0.8660254f, -0.5f, 0.0f, 0.5f,  0.8660254f};
  for (uint32_t n = 0; n < PUCCH_NRE; n++) {
    uint32_t k = (a * n) % PUCCH_NRE;
    out[n] = base[n] * phy_cf_make(c12[k], c12[(k + 9) % PUCCH_NRE]);
  }
}

int pucch_base(const phy_pucch_cfg_t *cfg, uint32_t hop, cf_t *base)
{
  uint32_t u, v;
  int err = phy_pucch_group_seq(cfg->group_hopping, cfg->n_id, cfg->slot, hop, &u, &v);
  if (err < 0) {
    return err;
  }
  /* v selects among two base sequences only for M_ZC >= 72 (5.2.2): length 12 has v = 0 */
  return phy_seq_low_papr(base, PUCCH_NRE, u, 0, 0.0f);
}
