/* SPDX-License-Identifier: Apache-2.0 */
/* Field sizes of DCI 1_1 (TS 38.212 7.3.1.2.2) and 0_1 (7.3.1.1.2) for one configuration,
 * and the size alignment of 7.3.1.0 steps 2 to 4. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "dci_internal.h"

/* TS 38.214 Table 5.1.2.2.1-1 (DL) = Table 6.1.2.2.1-1 (UL): nominal RBG size P. */
static const struct {
  uint32_t max_size, p[2]; /* BWP sizes up to max_size: P for config 1, config 2 */
} rbg_table[4] = {{36, {2, 4}}, {72, {4, 8}}, {144, {8, 16}}, {275, {16, 16}}};

uint32_t phy_dci_nof_rbg(uint32_t bwp_size, uint32_t bwp_start, uint32_t rbg_config)
{
  if (bwp_size < 1 || bwp_size > 275 || bwp_start > 274 || rbg_config < 1 || rbg_config > 2) {
    return 0;
  }
  unsigned row = 0;
  while (bwp_size > rbg_table[row].max_size) {
    row++;
  }
  uint32_t p = rbg_table[row].p[rbg_config - 1];
  return (bwp_size + bwp_start % p + p - 1) / p;
}

/* 7.3.1.1.2 / 7.3.1.2.2 bandwidth part indicator: n_BWP = n_BWP,RRC + 1 when
 * n_BWP,RRC <= 3 (the initial BWP counts), else n_BWP,RRC; ceil(log2(n_BWP)) bits. */
static uint32_t bwp_bits(uint32_t nof_bwp_rrc)
{
  return phy_dci_log2_ceil(nof_bwp_rrc <= 3 ? nof_bwp_rrc + 1 : nof_bwp_rrc);
}

/* FDRA width: N_RBG (type 0), ceil(log2(N (N + 1) / 2)) (type 1), or the larger plus
 * one (dynamicSwitch). */
static uint32_t fdra_bits(phy_dci_ra_type_t t, uint32_t size, uint32_t start, uint32_t rbg_cfg)
{
  uint32_t t0 = t == PHY_DCI_RA_TYPE1 ? 0 : phy_dci_nof_rbg(size, start, rbg_cfg);
  uint32_t t1 = phy_dci_riv_bits(size);
  if (t == PHY_DCI_RA_TYPE0) {
    return t0;
  }
  return t == PHY_DCI_RA_TYPE1 ? t1 : (t0 > t1 ? t0 : t1) + 1;
}

/* Time domain resource assignment: ceil(log2(I)); I = 16 rows of the default tables. */
static uint32_t tdra_bits(uint32_t nof_rows)
{
  return phy_dci_log2_ceil(nof_rows == 0 ? 16 : nof_rows);
}

/* 1_1 antenna ports: Tables 7.3.1.2.2-1 (type 1, maxLength 1: 4 bits), -2 (type 1,
 * maxLength 2: 5), -3 (type 2, maxLength 1: 5), -4 (type 2, maxLength 2: 6). */
static uint32_t dl_ant_bits(uint32_t type, uint32_t max_len)
{
  return 4 + (type - 1) + (max_len - 1);
}

/* 0_1 antenna ports (rank 1): transform precoding on, type 1: Table 7.3.1.1.2-6
 * (maxLength 1: 2 bits) or -7 (maxLength 2: 4); off: Tables -8 (type 1, maxLength 1: 3),
 * -12 (type 1, maxLength 2: 4), -16 (type 2, maxLength 1: 4), -20 (type 2, maxLength 2: 5). */
static uint32_t ul_ant_bits(bool tp, uint32_t type, uint32_t max_len)
{
  if (tp) {
    return max_len == 1 ? 2 : 4;
  }
  return 3 + (type - 1) + (max_len - 1);
}

static bool in(uint32_t v, uint32_t lo, uint32_t hi)
{
  return v >= lo && v <= hi;
}

/* Ranges of 38.331; SRS resources per set: at most 2 for codebook and 4 for non-codebook
 * PUSCH (TS 38.214 6.1.1.1, 6.1.1.2). */
static int check_cfg(const phy_dci_ue_cfg_t *c)
{
  if (c->sul || c->dl_max_cbg || c->ul_max_cbg || c->harq_bits == 5 || c->nof_srs_ports > 1 ||
      c->ul_max_rank > 1) {
    return OLIVE_ENOTSUP;
  }
  bool dl_rbg = c->dl_ra_type != PHY_DCI_RA_TYPE1, ul_rbg = c->ul_ra_type != PHY_DCI_RA_TYPE1;
  bool ok = in(c->n_rb_dl, 1, 275) && c->dl_bwp_start + c->n_rb_dl <= 275 &&
            in(c->n_rb_ul, 1, 275) && c->ul_bwp_start + c->n_rb_ul <= 275 && c->nof_dl_bwp <= 4 &&
            c->nof_ul_bwp <= 4 && c->dl_ra_type <= PHY_DCI_RA_DYNAMIC &&
            c->ul_ra_type <= PHY_DCI_RA_DYNAMIC && (!dl_rbg || in(c->dl_rbg_config, 1, 2)) &&
            (!ul_rbg || in(c->ul_rbg_config, 1, 2)) && c->nof_dl_tdra <= 16 &&
            c->nof_ul_tdra <= 16 && c->nof_rate_match_groups <= 2 && c->nof_zp_csi_rs_sets <= 3 &&
            in(c->dl_dmrs_type, 1, 2) && in(c->dl_dmrs_max_len, 1, 2) &&
            in(c->ul_dmrs_type, 1, 2) && in(c->ul_dmrs_max_len, 1, 2) &&
            in(c->nof_dl_data_to_ul_ack, 1, 8) && c->tx_config <= PHY_DCI_TX_NONCODEBOOK &&
            c->nof_srs_resources <= (c->tx_config == PHY_DCI_TX_CODEBOOK ? 2u : 4u) &&
            c->csi_report_trigger_size <= 6 && (c->harq_bits == 0 || c->harq_bits == 4) &&
            !(c->transform_precoding && c->ul_dmrs_type == 2); /* 38.211 6.4.1.1.3: type 1 only */
  return ok ? OLIVE_OK : OLIVE_EINVAL;
}

/* 1_1 widths; the sum of all fields (fixed ones included) is returned. 1_1 has at least
 * 25 bits and 0_1 at least 21, so the 12-bit floor of 7.3.1 never applies. */
static uint32_t sizes_1_1(const phy_dci_ue_cfg_t *c, phy_dci_1_1_sizes_t *f)
{
  memset(f, 0, sizeof(*f));
  f->carrier = c->carrier_indicator ? 3 : 0;
  f->bwp = bwp_bits(c->nof_dl_bwp);
  f->fdra = fdra_bits(c->dl_ra_type, c->n_rb_dl, c->dl_bwp_start, c->dl_rbg_config);
  f->tdra = tdra_bits(c->nof_dl_tdra);
  f->vrb_to_prb = c->dl_ra_type != PHY_DCI_RA_TYPE0 && c->dl_vrb_interleaved ? 1 : 0;
  f->prb_bundling = c->dynamic_prb_bundling ? 1 : 0;
  f->rate_match = c->nof_rate_match_groups;
  f->zp_csi_rs = phy_dci_log2_ceil(c->nof_zp_csi_rs_sets + 1);
  f->nof_tb = c->two_codewords ? 2 : 1;
  f->dai = c->dynamic_harq_codebook ? (c->multi_cell_dl ? 4 : 2) : 0;
  f->k1 = phy_dci_log2_ceil(c->nof_dl_data_to_ul_ack);
  f->ant_ports = dl_ant_bits(c->dl_dmrs_type, c->dl_dmrs_max_len);
  f->tci = c->tci_present ? 3 : 0;
  /* identifier 1, (MCS 5 + NDI 1 + RV 2) per TB, HARQ 4, TPC 2, PRI 3, SRS request 2,
   * DMRS sequence initialisation 1 */
  return 1 + f->carrier + f->bwp + f->fdra + f->tdra + f->vrb_to_prb + f->prb_bundling +
         f->rate_match + f->zp_csi_rs + 8 * f->nof_tb + 4 + f->dai + 2 + 3 + f->k1 + f->ant_ports +
         f->tci + 2 + 1;
}

static uint32_t sizes_0_1(const phy_dci_ue_cfg_t *c, phy_dci_0_1_sizes_t *f)
{
  memset(f, 0, sizeof(*f));
  f->carrier = c->carrier_indicator ? 3 : 0;
  f->bwp = bwp_bits(c->nof_ul_bwp);
  f->fdra = fdra_bits(c->ul_ra_type, c->n_rb_ul, c->ul_bwp_start, c->ul_rbg_config);
  f->tdra = tdra_bits(c->nof_ul_tdra);
  f->hopping = c->ul_ra_type != PHY_DCI_RA_TYPE0 && c->ul_freq_hopping ? 1 : 0;
  f->dai1 = c->dynamic_harq_codebook ? 2 : 1;
  f->dai2 = 0; /* two HARQ-ACK sub-codebooks need CBG (not covered) */
  /* SRS resource indicator: codebook ceil(log2(N_SRS)); non-codebook
   * ceil(log2(sum_{k=1}^{min(L_max, N_SRS)} C(N_SRS, k))) = ceil(log2(N_SRS)) for L_max 1. */
  uint32_t n_srs = c->nof_srs_resources ? c->nof_srs_resources : 1;
  f->sri = c->tx_config == PHY_DCI_TX_NONE ? 0 : phy_dci_log2_ceil(n_srs);
  f->precoding = 0; /* non-codebook, or codebook with one antenna port */
  f->ant_ports = ul_ant_bits(c->transform_precoding, c->ul_dmrs_type, c->ul_dmrs_max_len);
  f->csi_req = c->csi_report_trigger_size;
  f->beta_offset = c->dynamic_beta_offsets ? 2 : 0;
  f->dmrs_id = c->transform_precoding ? 0 : 1;
  /* identifier 1, MCS 5, NDI 1, RV 2, HARQ 4, TPC 2, SRS request 2, UL-SCH indicator 1;
   * PTRS-DMRS association 0 (rank 1) */
  return 1 + f->carrier + f->bwp + f->fdra + f->tdra + f->hopping + 5 + 1 + 2 + 4 + f->dai1 +
         f->dai2 + 2 + f->sri + f->precoding + f->ant_ports + 2 + f->csi_req + f->beta_offset +
         f->dmrs_id + 1;
}

static uint32_t count_sizes(const uint32_t *v, unsigned n)
{
  uint32_t k = 0;
  for (unsigned i = 0; i < n; i++) {
    bool seen = false;
    for (unsigned j = 0; j < i; j++) {
      seen = seen || v[j] == v[i];
    }
    k += seen ? 0 : 1;
  }
  return k;
}

int phy_dci_ue_sizes(const phy_dci_ue_cfg_t *cfg, const phy_dci_sizes_t *css,
                     const phy_dci_sizes_t *uss, phy_dci_ue_sizes_t *s)
{
  if (cfg == NULL || css == NULL || s == NULL) {
    return OLIVE_EINVAL;
  }
  int err = check_cfg(cfg);
  if (err < 0) {
    return err;
  }
  memset(s, 0, sizeof(*s));
  uint32_t a11 = sizes_1_1(cfg, &s->f1_1), a01 = sizes_0_1(cfg, &s->f0_1);
  /* Step 2: one zero bit when 0_1 / 1_1 would have the size of 0_0 / 1_0 in a USS. */
  s->fallback_uss = uss != NULL ? uss->size_1_0 : 0;
  s->f0_1.pad = uss != NULL && a01 == uss->size_0_0 ? 1 : 0;
  s->f1_1.pad = uss != NULL && a11 == uss->size_1_0 ? 1 : 0;
  /* Step 3: at most 4 sizes, at most 3 with C-RNTI (all taken as C-RNTI sizes here). */
  uint32_t v[4] = {css->size_1_0, a11 + s->f1_1.pad, a01 + s->f0_1.pad, s->fallback_uss};
  s->nof_sizes = count_sizes(v, uss != NULL ? 4 : 3);
  if (s->nof_sizes > 3) {
    /* Step 4: drop the step-2 padding; 1_0/0_0 in the USS take the CSS sizes (N_RB of
     * CORESET#0 or the initial BWPs). Then CSS, 1_1 and 0_1 give at most 3 sizes. */
    s->f0_1.pad = s->f1_1.pad = 0;
    s->fallback_uss = css->size_1_0;
    s->fallback_uss_as_css = true;
    v[1] = a11;
    v[2] = a01;
    s->nof_sizes = count_sizes(v, 3);
  }
  s->f1_1.size = a11 + s->f1_1.pad;
  s->f0_1.size = a01 + s->f0_1.pad;
  return s->f1_1.size <= PHY_DCI_MAX_BITS && s->f0_1.size <= PHY_DCI_MAX_BITS ? OLIVE_OK
                                                                              : OLIVE_ENOTSUP;
}
