/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH time/frequency allocation, TS 38.214 5.1.2 and 5.1.4, and the RE layout of
 * TS 38.211 7.3.1.5 / 7.4.1.1.2 (see olive/phy/pdsch.h). */
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "pdsch_internal.h"

/* TS 38.214 Table 5.1.2.1.1-2: default PDSCH time domain resource allocation A for normal
 * CP. Per row (1..16): mapping type, then (S, L) for dmrs-TypeA-Position 2 and 3. K0 = 0
 * in every row. */
static const struct {
  uint8_t map, s2, l2, s3, l3;
} tda_a[16] = {
    {PHY_PDSCH_MAPPING_A, 2, 12, 3, 11}, /* 1 */
    {PHY_PDSCH_MAPPING_A, 2, 10, 3, 9},  /* 2 */
    {PHY_PDSCH_MAPPING_A, 2, 9, 3, 8},   /* 3 */
    {PHY_PDSCH_MAPPING_A, 2, 7, 3, 6},   /* 4 */
    {PHY_PDSCH_MAPPING_A, 2, 5, 3, 4},   /* 5 */
    {PHY_PDSCH_MAPPING_B, 9, 4, 10, 4},  /* 6 */
    {PHY_PDSCH_MAPPING_B, 4, 4, 6, 4},   /* 7 */
    {PHY_PDSCH_MAPPING_B, 5, 7, 5, 7},   /* 8 */
    {PHY_PDSCH_MAPPING_B, 5, 2, 5, 2},   /* 9 */
    {PHY_PDSCH_MAPPING_B, 9, 2, 9, 2},   /* 10 */
    {PHY_PDSCH_MAPPING_B, 12, 2, 12, 2}, /* 11 */
    {PHY_PDSCH_MAPPING_A, 1, 13, 1, 13}, /* 12 */
    {PHY_PDSCH_MAPPING_A, 1, 6, 1, 6},   /* 13 */
    {PHY_PDSCH_MAPPING_A, 2, 4, 2, 4},   /* 14 */
    {PHY_PDSCH_MAPPING_B, 4, 7, 4, 7},   /* 15 */
    {PHY_PDSCH_MAPPING_B, 8, 4, 8, 4},   /* 16 */
};

int phy_pdsch_tda_default_a(uint32_t row, uint32_t typea_pos, phy_pdsch_tda_t *out)
{
  if (out == NULL || row < 1 || row > 16 || (typea_pos != 2 && typea_pos != 3)) {
    return OLIVE_EINVAL;
  }
  out->mapping = (phy_pdsch_mapping_t)tda_a[row - 1].map;
  out->k0 = 0;
  out->s = typea_pos == 2 ? tda_a[row - 1].s2 : tda_a[row - 1].s3;
  out->l = typea_pos == 2 ? tda_a[row - 1].l2 : tda_a[row - 1].l3;
  return 0;
}

int phy_pdsch_tda_check(const phy_pdsch_tda_t *t, uint32_t typea_pos)
{
  if (t == NULL || (typea_pos != 2 && typea_pos != 3)) {
    return OLIVE_EINVAL;
  }
  uint32_t s = t->s, l = t->l;
  /* TS 38.214 Table 5.1.2.1-1, normal CP. */
  if (t->mapping == PHY_PDSCH_MAPPING_A) {
    if (s > 3 || (s == 3 && typea_pos != 3) || l < 3 || s + l > 14) {
      return OLIVE_EINVAL;
    }
    return 0;
  }
  if (t->mapping == PHY_PDSCH_MAPPING_B) {
    if (s > 12 || l < 2 || l > 13 || s + l > 14) {
      return OLIVE_EINVAL;
    }
    return 0;
  }
  return OLIVE_EINVAL;
}

int phy_pdsch_fdra_type1(uint32_t n_bwp, uint32_t bwp_start, uint32_t riv, uint32_t *prb_start,
                         uint32_t *nof_prb)
{
  uint32_t start, len;
  if (prb_start == NULL || nof_prb == NULL || bwp_start + n_bwp > PHY_MAX_PRB) {
    return OLIVE_EINVAL;
  }
  int r = phy_riv_decode(n_bwp, riv, &start, &len);
  if (r < 0) {
    return r;
  }
  /* 38.211 7.3.1.6, non-interleaved: PRB n = VRB n; the BWP offset makes it a grid PRB. */
  *prb_start = bwp_start + start;
  *nof_prb = len;
  return 0;
}

int phy_pdsch_reserved_ssb(uint32_t k0, uint32_t l0, phy_pdsch_reserved_t *r)
{
  if (r == NULL || l0 + 4 > PHY_NSYMB_SLOT || k0 + 240 > PHY_MAX_PRB * PHY_NSC_RB) {
    return OLIVE_EINVAL;
  }
  uint32_t p0 = k0 / PHY_NSC_RB, p1 = (k0 + 239) / PHY_NSC_RB;
  r->first_prb = (uint16_t)p0;
  r->nof_prb = (uint16_t)(p1 - p0 + 1);
  r->first_symb = (uint8_t)l0;
  r->nof_symb = 4;
  return 0;
}

int phy_pdsch_reserved_coreset(const phy_coreset_t *c, phy_pdsch_reserved_t *r, uint32_t max)
{
  if (c == NULL || r == NULL || c->nof_symb < 1 || c->nof_symb > 3 ||
      c->first_symb + c->nof_symb > PHY_NSYMB_SLOT) {
    return OLIVE_EINVAL;
  }
  uint32_t n = 0;
  for (uint32_t g = 0; g < PHY_CORESET_MAX_GROUPS; g++) {
    if (!c->groups[g]) {
      continue;
    }
    uint32_t g1 = g;
    while (g1 + 1 < PHY_CORESET_MAX_GROUPS && c->groups[g1 + 1]) {
      g1++;
    }
    if (n == max) {
      return OLIVE_ERANGE;
    }
    if (c->start_rb + 6 * (g1 + 1) > PHY_MAX_PRB) {
      return OLIVE_EINVAL;
    }
    r[n].first_prb = (uint16_t)(c->start_rb + 6 * g);
    r[n].nof_prb = (uint16_t)(6 * (g1 - g + 1));
    r[n].first_symb = (uint8_t)c->first_symb;
    r[n].nof_symb = (uint8_t)c->nof_symb;
    n++;
    g = g1;
  }
  return (int)n;
}

static int check_dmrs(const phy_pdsch_cfg_t *cfg)
{
  uint32_t groups = phy_dmrs_nof_cdm_groups(cfg->dmrs_type);
  if (groups == 0 || cfg->cdm_groups_no_data < 1 || cfg->cdm_groups_no_data > groups ||
      cfg->dmrs_id > 65535 || cfg->n_scid > 1 || cfg->n_layers < 1 ||
      cfg->n_layers > PHY_PDSCH_MAX_LAYERS) {
    return OLIVE_EINVAL;
  }
  for (uint32_t v = 0; v < cfg->n_layers; v++) {
    const phy_dmrs_port_t *p = phy_dmrs_port(cfg->dmrs_type, cfg->ports[v]);
    /* Single-symbol DM-RS: w_t(1) is never used, ports 0..3 (type 1) or 0..5 (type 2).
     * The port's own CDM group cannot carry data. */
    if (p == NULL || p->wt[1] < 0 || p->cdm_group >= cfg->cdm_groups_no_data ||
        (v == 1 && cfg->ports[1] == cfg->ports[0])) {
      return OLIVE_EINVAL;
    }
  }
  return 0;
}

static int check_cfg(const phy_pdsch_cfg_t *cfg, uint32_t grid_prb)
{
  if (cfg == NULL || grid_prb < 1 || grid_prb > PHY_MAX_PRB || cfg->slot >= 20 ||
      cfg->nof_prb < 1 || cfg->prb_start + cfg->nof_prb > grid_prb || cfg->n_id > 1023 ||
      cfg->rv > 3 || cfg->nof_reserved > PHY_PDSCH_MAX_RESERVED ||
      cfg->crb0 + grid_prb > PHY_DMRS_MAX_CRB ||
      phy_pdsch_tda_check(&cfg->tda, cfg->typea_pos) < 0 || check_dmrs(cfg) < 0) {
    return OLIVE_EINVAL;
  }
  for (uint32_t i = 0; i < cfg->nof_reserved; i++) {
    const phy_pdsch_reserved_t *r = &cfg->reserved[i];
    if (r->first_symb + r->nof_symb > PHY_NSYMB_SLOT ||
        (uint32_t)r->first_prb + r->nof_prb > PHY_MAX_PRB) {
      return OLIVE_EINVAL;
    }
  }
  return 0;
}

static int layout_dmrs(const phy_pdsch_cfg_t *cfg, pdsch_layout_t *lo)
{
  uint8_t lb[PHY_DMRS_MAX_SYMB];
  bool a = cfg->tda.mapping == PHY_PDSCH_MAPPING_A;
  /* 7.4.1.1.2: type A: ld from the slot start, l-bar from the slot start; the allocation
   * must contain l0. Type B: ld = L, l-bar from the PDSCH start. */
  uint32_t ld = a ? lo->l1 : cfg->tda.l;
  int n = phy_dmrs_pdsch_positions(cfg->tda.mapping, ld, cfg->add_pos, cfg->typea_pos, lb);
  if (n < 0 || (a && cfg->tda.s > cfg->typea_pos)) {
    return OLIVE_EINVAL;
  }
  lo->nof_dmrs = (uint32_t)n;
  lo->dmrs_mask = 0;
  for (int i = 0; i < n; i++) {
    lo->dmrs_l[i] = (uint8_t)(a ? lb[i] : cfg->tda.s + lb[i]);
    lo->dmrs_mask |= 1u << lo->dmrs_l[i];
  }
  for (uint32_t sc = 0; sc < PHY_NSC_RB; sc++) {
    lo->dmrs_sc_data[sc] = 1;
    for (uint32_t g = 0; g < cfg->cdm_groups_no_data; g++) {
      if (phy_dmrs_sc_in_group(cfg->dmrs_type, g, sc)) {
        lo->dmrs_sc_data[sc] = 0;
      }
    }
  }
  /* TS 38.214 Table 4.1-1: beta_PDSCH^DMRS = 0, -3, -4.77 dB (PDSCH to DM-RS EPRE). */
  static const float beta[4] = {0.0f, 1.0f, 1.41421356f, 1.73205081f};
  lo->beta = beta[cfg->cdm_groups_no_data];
  return 0;
}

void pdsch_prb_avail(const phy_pdsch_cfg_t *cfg, uint32_t l, uint8_t *avail)
{
  memset(avail, 1, cfg->nof_prb);
  for (uint32_t i = 0; i < cfg->nof_reserved; i++) {
    const phy_pdsch_reserved_t *r = &cfg->reserved[i];
    if (l < r->first_symb || l >= (uint32_t)r->first_symb + r->nof_symb) {
      continue;
    }
    uint32_t a = r->first_prb > cfg->prb_start ? r->first_prb : cfg->prb_start;
    uint32_t b = (uint32_t)r->first_prb + r->nof_prb;
    if (b > cfg->prb_start + cfg->nof_prb) {
      b = cfg->prb_start + cfg->nof_prb;
    }
    for (uint32_t p = a; p < b; p++) {
      avail[p - cfg->prb_start] = 0;
    }
  }
}

static uint32_t add_run(pdsch_run_t *runs, uint32_t nr, uint32_t k, uint32_t n)
{
  if (nr > 0 && runs[nr - 1].k + runs[nr - 1].n == k) {
    runs[nr - 1].n = (uint16_t)(runs[nr - 1].n + n);
    return nr;
  }
  runs[nr].k = (uint16_t)k;
  runs[nr].n = (uint16_t)n;
  return nr + 1;
}

uint32_t pdsch_symbol_runs(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t l,
                           pdsch_run_t *runs, uint32_t *nof_re)
{
  uint8_t avail[PHY_MAX_PRB];
  uint32_t nr = 0, re = 0;
  *nof_re = 0;
  if (l < lo->l0 || l >= lo->l1) {
    return 0;
  }
  pdsch_prb_avail(cfg, l, avail);
  bool dmrs = (lo->dmrs_mask >> l) & 1;
  for (uint32_t p = 0; p < cfg->nof_prb; p++) {
    if (!avail[p]) {
      continue;
    }
    uint32_t k0 = (cfg->prb_start + p) * PHY_NSC_RB;
    if (!dmrs) {
      nr = add_run(runs, nr, k0, PHY_NSC_RB);
      re += PHY_NSC_RB;
      continue;
    }
    for (uint32_t k = 0; k < PHY_NSC_RB; k++) {
      if (lo->dmrs_sc_data[k]) {
        nr = add_run(runs, nr, k0 + k, 1);
        re++;
      }
    }
  }
  *nof_re = re;
  return nr;
}

/* Data REs of symbol l without listing them. */
static uint32_t symbol_nof_re(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t l)
{
  uint8_t avail[PHY_MAX_PRB];
  uint32_t per = PHY_NSC_RB, n = 0;
  pdsch_prb_avail(cfg, l, avail);
  if ((lo->dmrs_mask >> l) & 1) {
    per = 0;
    for (uint32_t k = 0; k < PHY_NSC_RB; k++) {
      per += lo->dmrs_sc_data[k];
    }
  }
  for (uint32_t p = 0; p < cfg->nof_prb; p++) {
    n += avail[p];
  }
  return n * per;
}

int pdsch_layout(const phy_pdsch_cfg_t *cfg, uint32_t grid_prb, pdsch_layout_t *lo)
{
  if (check_cfg(cfg, grid_prb) < 0 ||
      phy_tbs_mcs_get(cfg->mcs_table, cfg->mcs, false, &lo->mcs) < 0 ||
      cfg->mcs_table > PHY_MCS_TABLE_QAM64_LOWSE) {
    return OLIVE_EINVAL;
  }
  static const phy_mod_t mods[9] = {PHY_MOD_COUNT, PHY_MOD_COUNT, PHY_MOD_QPSK,
                                    PHY_MOD_COUNT, PHY_MOD_QAM16, PHY_MOD_COUNT,
                                    PHY_MOD_QAM64, PHY_MOD_COUNT, PHY_MOD_QAM256};
  lo->mod = mods[lo->mcs.qm];
  lo->l0 = cfg->tda.s;
  lo->l1 = (uint32_t)cfg->tda.s + cfg->tda.l;
  if (layout_dmrs(cfg, lo) < 0) {
    return OLIVE_EINVAL;
  }
  lo->nof_re = 0;
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    lo->nof_re += symbol_nof_re(cfg, lo, l);
  }
  lo->g = lo->nof_re * lo->mcs.qm * cfg->n_layers;
  if (lo->g == 0) {
    return OLIVE_ERANGE;
  }
  if (cfg->tbs) {
    lo->tbs = cfg->tbs;
    return 0;
  }
  if (lo->mcs.reserved) {
    return OLIVE_EINVAL; /* a reserved MCS needs the TBS of the initial transmission */
  }
  phy_tbs_cfg_t t = {
      .n_symb_sh = cfg->tda.l,
      .n_dmrs_prb = lo->nof_dmrs * phy_dmrs_re_per_prb(cfg->dmrs_type) * cfg->cdm_groups_no_data,
      .n_oh_prb = cfg->n_oh_prb,
      .n_prb = cfg->nof_prb,
      .n_layers = cfg->n_layers,
      .qm = lo->mcs.qm,
      .r_x2048 = lo->mcs.r_x2048,
  };
  int tbs = phy_tbs_calc(&t);
  if (tbs < 0) {
    return tbs;
  }
  lo->tbs = (uint32_t)tbs;
  return 0;
}

int phy_pdsch_g(const phy_pdsch_cfg_t *cfg)
{
  pdsch_layout_t lo;
  int r = pdsch_layout(cfg, PHY_MAX_PRB, &lo);
  return r < 0 ? r : (int)lo.g;
}

int phy_pdsch_tbs(const phy_pdsch_cfg_t *cfg)
{
  pdsch_layout_t lo;
  int r = pdsch_layout(cfg, PHY_MAX_PRB, &lo);
  return r < 0 ? r : (int)lo.tbs;
}

int phy_pdsch_re_map(const phy_pdsch_cfg_t *cfg, uint32_t grid_prb, uint8_t *map)
{
  pdsch_layout_t lo;
  pdsch_run_t runs[PDSCH_MAX_RUNS];
  uint8_t avail[PHY_MAX_PRB];
  int r = pdsch_layout(cfg, grid_prb, &lo);
  if (r < 0 || map == NULL) {
    return r < 0 ? r : OLIVE_EINVAL;
  }
  uint32_t w = grid_prb * PHY_NSC_RB;
  memset(map, PHY_PDSCH_RE_NONE, (size_t)w * PHY_NSYMB_SLOT);
  for (uint32_t l = lo.l0; l < lo.l1; l++) {
    uint32_t nre, nr = pdsch_symbol_runs(cfg, &lo, l, runs, &nre);
    for (uint32_t i = 0; i < nr; i++) {
      memset(map + l * w + runs[i].k, PHY_PDSCH_RE_DATA, runs[i].n);
    }
    if (!((lo.dmrs_mask >> l) & 1)) {
      continue;
    }
    pdsch_prb_avail(cfg, l, avail);
    for (uint32_t p = 0; p < cfg->nof_prb; p++) {
      for (uint32_t k = 0; k < PHY_NSC_RB && avail[p]; k++) {
        for (uint32_t v = 0; v < cfg->n_layers; v++) {
          uint32_t g = phy_dmrs_port(cfg->dmrs_type, cfg->ports[v])->cdm_group;
          if (phy_dmrs_sc_in_group(cfg->dmrs_type, g, k)) {
            map[l * w + (cfg->prb_start + p) * PHY_NSC_RB + k] = PHY_PDSCH_RE_DMRS;
          }
        }
      }
    }
  }
  return (int)lo.nof_re;
}
