/* SPDX-License-Identifier: Apache-2.0 */
/* UCI on PUSCH with UL-SCH, one layer, no frequency hopping, no PT-RS:
 *   TS 38.212 6.3.2.4.1.1 / 6.3.2.4.1.2  Q'_ACK and Q'_CSI-1 (with beta offsets, alpha);
 *   TS 38.212 6.2.7                      data and control multiplexing, steps 1-5, with the
 *                                        reserved REs of 0..2 HARQ-ACK bits (puncturing);
 *   TS 38.212 6.3.2.2 / 6.3.2.3          HARQ-ACK and CSI part 1 coding: the small block
 *                                        codes of 5.3.3 for 1..11 bits (block.h), polar
 *                                        with CRC6 / CRC11 from 12 bits (polar.h).
 * Q' uses the 6.3.2.4.1.1 quantities: M_sc^UCI(l) = 12 N_PRB in symbols without DM-RS,
 * 0 with DM-RS; sum K_r = C K over the UL-SCH code blocks (5.2.2). */
#include <math.h>
#include <string.h>

#include "olive/phy/block.h"
#include "olive/phy/polar.h"
#include "olive/support/error.h"
#include "pusch_internal.h"

/* CRC bits of a UCI payload on PUSCH: none up to 11 bits (block code), CRC6 for 12..19,
 * CRC11 from 20 (6.3.1.2.1). */
static uint32_t uci_crc_len(uint32_t a)
{
  return a < 12 ? 0 : a < 20 ? 6 : 11;
}

/* Exact arithmetic for the ceilings of 6.3.2.4.1: every beta_offset of TS 38.213 Table
 * 9.3-1 is a multiple of 1/8 (12.625, 15.875, 3.125, ...) and every alpha of TS 38.331
 * (0.5, 0.65, 0.8, 1) a multiple of 1/20, so the products are ratios of integers; floats
 * would put e.g. 0.8f x 780 = 624.0000093 above 624. Other values are rounded to those
 * steps. */
static uint64_t beta_x8(float beta)
{
  return (uint64_t)lrintf(beta * 8.0f);
}

static uint64_t alpha_x20(float alpha)
{
  return (uint64_t)lrintf(alpha * 20.0f);
}

static uint32_t ceil_div(uint64_t a, uint64_t b)
{
  return (uint32_t)((a + b - 1) / b);
}

/* UCI REs of the allocation (N_uci, symbols without DM-RS) and those from the first DM-RS
 * symbol on (N_uci,l0). */
static void uci_re(const pusch_layout_t *lo, uint32_t *n_uci, uint32_t *n_uci_l0)
{
  *n_uci = *n_uci_l0 = 0;
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    if ((lo->dmrs_mask >> l) & 1) {
      continue;
    }
    *n_uci += lo->m_sc;
    *n_uci_l0 += l > lo->dmrs_l[0] ? lo->m_sc : 0;
  }
}

/* ceil((O + L) beta N_uci / sum K_r) */
static uint32_t q_beta(uint32_t o, float beta, uint32_t n_uci, uint32_t sum_k)
{
  return ceil_div((uint64_t)(o + uci_crc_len(o)) * beta_x8(beta) * n_uci, 8ull * sum_k);
}

/* 6.3.2.4.1.1: min(ceil((O + L) beta N_uci / sum K_r), ceil(alpha N_uci,l0)) */
static uint32_t q_ack(uint32_t o, float beta, uint32_t n_uci, uint32_t sum_k, float alpha,
                      uint32_t n_uci_l0)
{
  uint32_t a = q_beta(o, beta, n_uci, sum_k), b = ceil_div(alpha_x20(alpha) * n_uci_l0, 20);
  return a < b ? a : b;
}

static int check_uci(const phy_pusch_uci_cfg_t *u)
{
  /* beta_ack also sizes the reserved REs when only CSI is present (6.2.7 step 1) */
  if (!(u->beta_ack >= 1.0f && u->beta_ack < 1e4f) ||
      (u->o_csi1 && !(u->beta_csi1 >= 1.0f && u->beta_csi1 < 1e4f)) ||
      !(u->alpha > 0.0f && u->alpha <= 1.0f)) {
    return OLIVE_EINVAL;
  }
  return 0;
}

int pusch_uci_layout(const phy_pusch_cfg_t *cfg, pusch_layout_t *lo)
{
  const phy_pusch_uci_cfg_t *u = &cfg->uci;
  lo->g_all = lo->nof_re * lo->mcs.qm;
  lo->g = lo->g_all;
  lo->q_ack = lo->q_rvd = lo->q_csi1 = lo->e_ack = lo->e_csi1 = 0;
  if (u->o_ack == 0 && u->o_csi1 == 0) {
    return 0;
  }
  if (check_uci(u) < 0) {
    return OLIVE_EINVAL;
  }
  phy_ldpc_seg_t seg;
  phy_ldpc_bg_t bg = phy_ldpc_rm_select_bg(lo->tbs, lo->mcs.r_x2048);
  if (phy_ldpc_rm_segment(lo->tbs, bg, &seg) < 0) {
    return OLIVE_EINVAL;
  }
  uint32_t n_uci, n_uci_l0, sum_k = seg.c * seg.k;
  uci_re(lo, &n_uci, &n_uci_l0);
  if (u->o_ack) {
    lo->q_ack = q_ack(u->o_ack, u->beta_ack, n_uci, sum_k, u->alpha, n_uci_l0);
  }
  /* 6.2.7 step 1: with 0, 1 or 2 HARQ-ACK bits, REs are reserved as for O_ACK = 2 */
  if (u->o_ack <= 2) {
    lo->q_rvd = q_ack(2, u->beta_ack, n_uci, sum_k, u->alpha, n_uci_l0);
  }
  if (u->o_csi1) {
    /* 6.3.2.4.1.2: the second term leaves room for the HARQ-ACK REs (the reserved ones
     * when O_ACK <= 2) */
    uint32_t ack = u->o_ack <= 2 ? lo->q_rvd : lo->q_ack;
    uint32_t a = q_beta(u->o_csi1, u->beta_csi1, n_uci, sum_k);
    uint32_t b = ceil_div(alpha_x20(u->alpha) * n_uci, 20);
    b = b > ack ? b - ack : 0;
    lo->q_csi1 = a < b ? a : b;
  }
  lo->e_ack = lo->q_ack * lo->mcs.qm;
  lo->e_csi1 = lo->q_csi1 * lo->mcs.qm;
  uint32_t used = (u->o_ack > 2 ? lo->q_ack : 0) + lo->q_csi1;
  if (used >= lo->nof_re || (u->o_ack && lo->q_ack == 0) || (u->o_csi1 && lo->q_csi1 == 0)) {
    return OLIVE_ERANGE;
  }
  lo->g = (lo->nof_re - used) * lo->mcs.qm;
  return 0;
}

/* ---- 6.2.7 multiplexing ---------------------------------------------------------------- */

/* Data-RE index of the first RE of slot symbol l. */
static uint32_t symbol_base(const pusch_layout_t *lo, uint32_t l)
{
  uint32_t n = 0;
  for (uint32_t i = lo->l0; i < l; i++) {
    n += pusch_symbol_nof_re(lo, i);
  }
  return n;
}

/* Candidates of one symbol: the REs whose type is `from` (UCI symbols only). */
static uint32_t candidates(const uint8_t *type, uint32_t base, uint32_t n, uint8_t from,
                           uint16_t *c)
{
  uint32_t m = 0;
  for (uint32_t j = 0; j < n; j++) {
    if (type[base + j] == from) {
      c[m++] = (uint16_t)j;
    }
  }
  return m;
}

/* The common loop of steps 1, 2, 3 and 5: from slot symbol l_start on, in symbols without
 * DM-RS, places g coded bits (q_m per RE) on every d-th candidate RE of type `from`,
 * turning it into `to`: d = 1 while a whole symbol is needed, else floor(M q_m / remaining)
 * over ceil(remaining / q_m) REs. */
static void place(const pusch_layout_t *lo, uint8_t *type, uint32_t l_start, uint32_t g,
                  uint8_t from, uint8_t to)
{
  uint16_t c[PHY_MAX_PRB * PHY_NSC_RB];
  uint32_t qm = lo->mcs.qm, count = 0;
  for (uint32_t l = l_start; l < lo->l1 && count < g; l++) {
    if ((lo->dmrs_mask >> l) & 1) {
      continue;
    }
    uint32_t base = symbol_base(lo, l);
    uint32_t m = candidates(type, base, lo->m_sc, from, c);
    if (m == 0) {
      continue;
    }
    uint32_t rem = g - count, d = 1, m_re = m;
    if (rem < m * qm) {
      d = m * qm / rem;
      m_re = (rem + qm - 1) / qm;
    }
    for (uint32_t j = 0; j < m_re; j++) {
      type[base + c[j * d]] = to;
    }
    count += m_re * qm;
  }
}

void pusch_uci_mux_map(const pusch_layout_t *lo, uint8_t *type)
{
  memset(type, PUSCH_RE_ULSCH, lo->nof_re);
  /* l^(1): first symbol after the first run of DM-RS symbols (HARQ-ACK); l^(1)_CSI: first
   * symbol without DM-RS (CSI) */
  uint32_t l1 = lo->dmrs_l[0];
  while (l1 < lo->l1 && ((lo->dmrs_mask >> l1) & 1)) {
    l1++;
  }
  uint32_t qm = lo->mcs.qm;
  bool small_ack = lo->q_rvd > 0;
  if (small_ack) {
    place(lo, type, l1, lo->q_rvd * qm, PUSCH_RE_ULSCH, PUSCH_RE_RVD); /* step 1 */
  } else if (lo->e_ack) {
    place(lo, type, l1, lo->e_ack, PUSCH_RE_ULSCH, PUSCH_RE_ACK); /* step 2 */
  }
  if (lo->e_csi1) {
    place(lo, type, lo->l0, lo->e_csi1, PUSCH_RE_ULSCH, PUSCH_RE_CSI1); /* step 3 */
  }
  /* step 4: UL-SCH on every RE still ULSCH or RVD; step 5: HARQ-ACK over the reserved REs */
  if (small_ack && lo->e_ack) {
    place(lo, type, l1, lo->e_ack, PUSCH_RE_RVD, PUSCH_RE_ACK_P);
  }
}

/* ---- Bits -------------------------------------------------------------------------------- */

/* 6.3.2.2 / 6.3.2.3: 5.3.3 block code for 1..11 bits (with the placeholders of 5.3.3.1/2),
 * else polar (6.3.1.2-6.3.1.4 chain: CRC, code, rate matching to e bits). */
int pusch_uci_encode_one(const uint8_t *a, uint32_t n, uint32_t qm, uint8_t *e, uint32_t e_len)
{
  if (n <= PHY_BLOCK_KMAX) {
    return phy_block_encode(a, n, qm, e, e_len);
  }
  phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_UCI, .A = n, .E = e_len};
  int r = phy_polar_chain_encode(&pc, a, e);
  return r < 0 ? r : 0;
}

int pusch_uci_decode_one(phy_polar_dec_t *pd, const float *llr, uint32_t e_len, uint32_t n,
                         uint32_t qm, uint8_t *a)
{
  if (n <= PHY_BLOCK_KMAX) {
    return phy_block_decode(llr, e_len, n, qm, a, NULL);
  }
  phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_UCI, .A = n, .E = e_len, .list = 8};
  return phy_polar_chain_decode(pd, &pc, llr, a);
}

void pusch_uci_mux_bits(const pusch_layout_t *lo, const uint8_t *type, const uint8_t *data,
                        const uint8_t *uci, uint8_t *out)
{
  const uint8_t *ack = uci, *csi = uci + lo->e_ack;
  uint32_t qm = lo->mcs.qm;
  for (uint32_t i = 0; i < lo->nof_re; i++, out += qm) {
    switch (type[i]) {
    case PUSCH_RE_ACK:
      memcpy(out, ack, qm);
      ack += qm;
      break;
    case PUSCH_RE_CSI1:
      memcpy(out, csi, qm);
      csi += qm;
      break;
    case PUSCH_RE_ACK_P: /* step 5 overwrites the UL-SCH bits step 4 put there */
      memcpy(out, ack, qm);
      ack += qm;
      data += qm;
      break;
    default:
      memcpy(out, data, qm);
      data += qm;
      break;
    }
  }
}

void pusch_uci_demux_llr(const pusch_layout_t *lo, const uint8_t *type, const int8_t *llr,
                         float scale, int8_t *data, float *uci)
{
  float *ack = uci, *csi = uci + lo->e_ack, is = 1.0f / scale;
  uint32_t qm = lo->mcs.qm;
  for (uint32_t i = 0; i < lo->nof_re; i++, llr += qm) {
    uint8_t t = type[i];
    if (t == PUSCH_RE_ULSCH || t == PUSCH_RE_RVD) {
      memcpy(data, llr, qm);
      data += qm;
      continue;
    }
    float *dst = t == PUSCH_RE_CSI1 ? csi : ack;
    for (uint32_t b = 0; b < qm; b++) {
      dst[b] = (float)llr[b] * is;
    }
    if (t == PUSCH_RE_CSI1) {
      csi += qm;
    } else {
      ack += qm;
    }
    if (t == PUSCH_RE_ACK_P) {
      memset(data, 0, qm); /* punctured UL-SCH bits: erasures */
      data += qm;
    }
  }
}
