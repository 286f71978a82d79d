/* SPDX-License-Identifier: Apache-2.0 */
/* TBS determination, TS 38.214 5.1.3.2 (PDSCH) and 6.1.4.2 (PUSCH, same steps).
 *
 * N_info = S * N_RE * R * Q_m * v is kept as an exact fraction num / den
 * (R = r_x2048 / 2048, S = 1 / 2^tb_scaling), so every floor/round/comparison of the spec
 * is done in integers and no TBS depends on floating-point rounding. */
#include "olive/phy/tbs.h"

#include <stddef.h>

#include "olive/support/error.h"
#include "tbs_internal.h"

static const char *const mcs_table_names[PHY_MCS_TABLE_COUNT] = {
    [PHY_MCS_TABLE_QAM64] = "qam64",
    [PHY_MCS_TABLE_QAM256] = "qam256",
    [PHY_MCS_TABLE_QAM64_LOWSE] = "qam64LowSE",
    [PHY_MCS_TABLE_TP_QAM64] = "tp-qam64",
    [PHY_MCS_TABLE_TP_QAM64_LOWSE] = "tp-qam64LowSE",
};

const char *phy_tbs_mcs_table_name(phy_mcs_table_t table)
{
  if ((unsigned)table >= PHY_MCS_TABLE_COUNT) {
    return "unknown";
  }
  return mcs_table_names[table];
}

int phy_tbs_mcs_get(phy_mcs_table_t table, unsigned mcs, bool tp_pi2bpsk, phy_mcs_t *out)
{
  if ((unsigned)table >= PHY_MCS_TABLE_COUNT || mcs >= TBS_MCS_ROWS || out == NULL) {
    return OLIVE_EINVAL;
  }
  const tbs_mcs_row_t *row = &tbs_mcs_tables[table][mcs];
  out->qm = row->qm;
  out->r_x2048 = row->r_x2048;
  out->se = row->se;
  if (row->q_row) {
    /* TS 38.214 6.1.4.1: q = 1 with tp-pi2BPSK, else q = 2; R x 1024 = X / q */
    unsigned q = tp_pi2bpsk ? 1u : 2u;
    out->qm = (uint8_t)q;
    out->r_x2048 = (uint16_t)(row->r_x2048 / q);
  }
  out->reserved = out->r_x2048 == 0;
  return OLIVE_OK;
}

static unsigned floor_log2_u64(uint64_t x)
{
  unsigned n = 0;
  while (x > 1) {
    x >>= 1;
    n++;
  }
  return n;
}

static uint64_t ceil_div(uint64_t a, uint64_t b)
{
  return (a + b - 1) / b;
}

/* TS 38.214 5.1.3.2 step 3: N_info <= 3824, quantise then look up Table 5.1.3.2-1. */
static int tbs_small(uint64_t num, uint64_t den)
{
  uint64_t whole = num / den;
  unsigned n = 3;
  if (whole >= 1 && floor_log2_u64(whole) >= 9) {
    n = floor_log2_u64(whole) - 6;
  }
  uint64_t ninfo_q = (num / (den << n)) << n;
  if (ninfo_q < 24) {
    ninfo_q = 24;
  }
  for (size_t i = 0; i < TBS_SMALL_LEN; i++) {
    if (tbs_small_table[i] >= ninfo_q) {
      return tbs_small_table[i];
    }
  }
  return TBS_SMALL_LEN ? tbs_small_table[TBS_SMALL_LEN - 1] : 0; /* not reached */
}

/* TS 38.214 5.1.3.2 step 4: N_info > 3824. */
static int tbs_large(uint64_t num, uint64_t den, unsigned r_x2048)
{
  uint64_t m = num - 24 * den; /* (N_info - 24) * den > 0 */
  unsigned n = floor_log2_u64(m / den) - 5;
  /* round() with ties towards the next larger integer: floor(x + 1/2) */
  uint64_t q = (2 * m + (den << n)) / (2 * (den << n));
  uint64_t ninfo_q = q << n;
  if (ninfo_q < 3840) {
    ninfo_q = 3840;
  }
  uint64_t c;
  if (r_x2048 <= 512) { /* R <= 1/4 */
    c = ceil_div(ninfo_q + 24, 3816);
  } else if (ninfo_q > 8424) {
    c = ceil_div(ninfo_q + 24, 8424);
  } else {
    c = 1;
  }
  uint64_t tbs = 8 * c * ceil_div(ninfo_q + 24, 8 * c) - 24;
  return tbs > (uint64_t)INT32_MAX ? OLIVE_ERANGE : (int)tbs;
}

static bool qm_valid(unsigned qm)
{
  return qm == 1 || qm == 2 || qm == 4 || qm == 6 || qm == 8;
}

int phy_tbs_calc_nre(unsigned n_re, unsigned r_x2048, unsigned qm, unsigned n_layers,
                     unsigned tb_scaling)
{
  if (r_x2048 == 0 || r_x2048 >= 2048 || !qm_valid(qm) || n_layers == 0 || n_layers > 8 ||
      tb_scaling > 2 || n_re > 156u * 275u) {
    return OLIVE_EINVAL;
  }
  if (n_re == 0) {
    return OLIVE_ERANGE;
  }
  /* N_info = num / den, S = 2^-tb_scaling (Table 5.1.3.2-2) */
  uint64_t num = (uint64_t)n_re * r_x2048 * qm * n_layers;
  uint64_t den = (uint64_t)2048 << tb_scaling;
  if (num <= 3824 * den) {
    return tbs_small(num, den);
  }
  return tbs_large(num, den, r_x2048);
}

int phy_tbs_calc(const phy_tbs_cfg_t *cfg)
{
  if (cfg == NULL || cfg->n_symb_sh == 0 || cfg->n_symb_sh > 14 || cfg->n_prb == 0 ||
      cfg->n_prb > 275) {
    return OLIVE_EINVAL;
  }
  /* TS 38.214 5.1.3.2 step 1: N'_RE = 12 N_symb^sh - N_DMRS^PRB - N_oh^PRB,
   * N_RE = min(156, N'_RE) n_PRB */
  int nre_prb = 12 * (int)cfg->n_symb_sh - (int)cfg->n_dmrs_prb - (int)cfg->n_oh_prb;
  if (cfg->n_dmrs_prb > 168 || cfg->n_oh_prb > 168) {
    return OLIVE_EINVAL;
  }
  if (nre_prb <= 0) {
    return OLIVE_ERANGE;
  }
  unsigned n_re = (unsigned)(nre_prb < 156 ? nre_prb : 156) * cfg->n_prb;
  return phy_tbs_calc_nre(n_re, cfg->r_x2048, cfg->qm, cfg->n_layers, cfg->tb_scaling);
}

unsigned phy_tbs_lbrm_prb(unsigned max_prb)
{
  /* TS 38.212 Table 5.4.2.1-1 */
  static const uint16_t upper[6] = {32, 66, 107, 135, 162, 217};
  for (unsigned i = 0; i < 6; i++) {
    if (max_prb <= upper[i]) {
      return tbs_lbrm_prb_table[i];
    }
  }
  return tbs_lbrm_prb_table[6];
}

int phy_tbs_lbrm(unsigned max_prb, unsigned max_layers, unsigned max_qm)
{
  if (max_prb == 0 || max_prb > 275) {
    return OLIVE_EINVAL;
  }
  /* TS 38.212 5.4.2.1: N_RE = 156 n_PRB,LBRM, R = 948/1024 */
  return phy_tbs_calc_nre(156u * phy_tbs_lbrm_prb(max_prb), 948u * 2u, max_qm, max_layers, 0);
}
