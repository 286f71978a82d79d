/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH allocation: DM-RS positions (TS 38.211 6.4.1.1.3), time-domain allocation checks
 * (TS 38.214 6.1.2.1), TBS (6.1.4.2), the RE layout and the DM-RS reference values. */
#include <math.h>
#include <string.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pusch_internal.h"

/* TS 38.211 Table 6.4.1.1.3-3 (single-symbol DM-RS, no intra-slot frequency hopping) as
 * bit masks of l-bar (bit 0 stands for l0). Rows ld = 1..14; columns dmrs-AdditionalPosition
 * pos0..pos3. 0 is "-". Mapping type A: */
static const uint16_t pos_a[15][4] = {
    [4] = {0x001, 0x001, 0x001, 0x001},  [5] = {0x001, 0x001, 0x001, 0x001},
    [6] = {0x001, 0x001, 0x001, 0x001},  [7] = {0x001, 0x001, 0x001, 0x001},
    [8] = {0x001, 0x081, 0x081, 0x081},                                       /* l0; l0, 7 */
    [9] = {0x001, 0x081, 0x081, 0x081},  [10] = {0x001, 0x201, 0x241, 0x241}, /* l0, 9; l0, 6, 9 */
    [11] = {0x001, 0x201, 0x241, 0x241}, [12] = {0x001, 0x201, 0x241, 0x921}, /* l0, 5, 8, 11 */
    [13] = {0x001, 0x801, 0x881, 0x921}, /* l0, 11; l0, 7, 11 */
    [14] = {0x001, 0x801, 0x881, 0x921},
};

/* Mapping type B (l0 = 0, positions relative to the PUSCH start). */
static const uint16_t pos_b[15][4] = {
    [1] = {0x001, 0x001, 0x001, 0x001},
    [2] = {0x001, 0x001, 0x001, 0x001},
    [3] = {0x001, 0x001, 0x001, 0x001},
    [4] = {0x001, 0x001, 0x001, 0x001},
    [5] = {0x001, 0x011, 0x011, 0x011}, /* l0, 4 */
    [6] = {0x001, 0x011, 0x011, 0x011},
    [7] = {0x001, 0x011, 0x011, 0x011},
    [8] = {0x001, 0x041, 0x049, 0x049}, /* l0, 6; l0, 3, 6 */
    [9] = {0x001, 0x041, 0x049, 0x049},
    [10] = {0x001, 0x101, 0x111, 0x249}, /* l0, 8; l0, 4, 8;
                                           l0, 3, 6, 9 */
    [11] = {0x001, 0x101, 0x111, 0x249},
    [12] = {0x001, 0x401, 0x421, 0x249}, /* l0, 10; l0, 5, 10 */
    [13] = {0x001, 0x401, 0x421, 0x249},
    [14] = {0x001, 0x401, 0x421, 0x249},
};

int phy_pusch_dmrs_positions(phy_pusch_mapping_t mapping, uint32_t ld, uint32_t add_pos,
                             uint32_t l0, uint8_t l_bar[PHY_DMRS_MAX_SYMB])
{
  if (l_bar == NULL || ld < 1 || ld > 14 || add_pos > 3) {
    return OLIVE_EINVAL;
  }
  uint16_t m;
  if (mapping == PHY_PUSCH_MAPPING_A) {
    /* 6.4.1.1.3: pos3 only with dmrs-TypeA-Position pos2 */
    if ((l0 != 2 && l0 != 3) || (add_pos == 3 && l0 == 3)) {
      return OLIVE_EINVAL;
    }
    m = pos_a[ld][add_pos];
  } else if (mapping == PHY_PUSCH_MAPPING_B) {
    l0 = 0;
    m = pos_b[ld][add_pos];
  } else {
    return OLIVE_EINVAL;
  }
  if (m == 0) {
    return OLIVE_EINVAL;
  }
  int n = 0;
  for (uint32_t b = 0; b < 14; b++) {
    if ((m >> b) & 1) {
      l_bar[n++] = (uint8_t)(b == 0 ? l0 : b);
    }
  }
  return n;
}

int phy_pusch_tda_check(phy_pusch_mapping_t mapping, uint32_t s, uint32_t l)
{
  /* TS 38.214 Table 6.1.2.1-1, normal cyclic prefix */
  if (mapping == PHY_PUSCH_MAPPING_A) {
    return s == 0 && l >= 4 && l <= 14 ? 0 : OLIVE_EINVAL;
  }
  if (mapping == PHY_PUSCH_MAPPING_B) {
    return s <= 13 && l >= 1 && l <= 14 && s + l <= 14 ? 0 : OLIVE_EINVAL;
  }
  return OLIVE_EINVAL;
}

double phy_pusch_ta_step_s(uint32_t mu)
{
  /* TS 38.213 4.2: T_A granularity 16 64 T_c / 2^mu, T_c = 1 / (480e3 4096) s */
  if (mu > 4) {
    return 0.0;
  }
  return 16.0 * 64.0 / (480e3 * 4096.0) / (double)(1u << mu);
}

static int check_dmrs(const phy_pusch_cfg_t *cfg, uint32_t *cdm)
{
  if (cfg->transform_precoding) {
    /* 6.4.1.1.3 / TS 38.214 6.2.2: type 1 on port 0; the DM-RS symbols carry no data
     * (two CDM groups without data). */
    if (cfg->dmrs_type != PHY_DMRS_TYPE1 || cfg->port != 0 || cfg->dmrs_id > 1007 ||
        !phy_transform_precoding_valid_prb(cfg->nof_prb) ||
        (cfg->group_hopping && cfg->sequence_hopping)) {
      return OLIVE_EINVAL;
    }
    *cdm = 2;
    return 0;
  }
  const phy_dmrs_port_t *p = phy_dmrs_port(cfg->dmrs_type, cfg->port);
  uint32_t ng = phy_dmrs_nof_cdm_groups(cfg->dmrs_type);
  if (p == NULL || cfg->cdm_groups_no_data < 1 || cfg->cdm_groups_no_data > ng ||
      p->cdm_group >= cfg->cdm_groups_no_data || cfg->n_scid > 1 || cfg->dmrs_id > 65535) {
    return OLIVE_EINVAL;
  }
  *cdm = cfg->cdm_groups_no_data;
  return 0;
}

static int check_cfg(const phy_pusch_cfg_t *cfg, uint32_t grid_prb)
{
  if (cfg->mu > PHY_MAX_MU || cfg->slot >= 10u * (1u << cfg->mu) || cfg->nof_prb < 1 ||
      cfg->prb_start + cfg->nof_prb > grid_prb || cfg->crb0 + grid_prb > PHY_DMRS_MAX_CRB ||
      cfg->add_pos > 3 || cfg->n_id > 1023 || cfg->rv > 3 || cfg->mcs > 31 || cfg->n_oh_prb % 6 ||
      cfg->n_oh_prb > 18 || cfg->eq > PHY_PUSCH_EQ_MMSE) {
    return OLIVE_EINVAL;
  }
  if (phy_pusch_tda_check(cfg->mapping, cfg->s, cfg->l) < 0) {
    return OLIVE_EINVAL;
  }
  if (cfg->mapping == PHY_PUSCH_MAPPING_A && cfg->typea_pos != 2 && cfg->typea_pos != 3) {
    return OLIVE_EINVAL;
  }
  bool tp_table =
      cfg->mcs_table == PHY_MCS_TABLE_TP_QAM64 || cfg->mcs_table == PHY_MCS_TABLE_TP_QAM64_LOWSE;
  if (cfg->mcs_table >= PHY_MCS_TABLE_COUNT || (tp_table && !cfg->transform_precoding)) {
    return OLIVE_EINVAL;
  }
  if (cfg->uci.o_ack > PHY_PUSCH_MAX_UCI_BITS || cfg->uci.o_csi1 > PHY_PUSCH_MAX_UCI_BITS) {
    return OLIVE_EINVAL;
  }
  if (cfg->n_layers != 1) {
    return OLIVE_ENOTSUP; /* one layer */
  }
  return 0;
}

static int set_dmrs_symbols(const phy_pusch_cfg_t *cfg, pusch_layout_t *lo)
{
  bool a = cfg->mapping == PHY_PUSCH_MAPPING_A;
  /* 6.4.1.1.3: ld from the slot start (A) or the PUSCH duration (B) */
  uint32_t ld = a ? cfg->s + cfg->l : cfg->l;
  int n = phy_pusch_dmrs_positions(cfg->mapping, ld, cfg->add_pos, cfg->typea_pos, lo->dmrs_l);
  if (n < 0) {
    return n;
  }
  lo->nof_dmrs = (uint32_t)n;
  lo->dmrs_mask = 0;
  for (int i = 0; i < n; i++) {
    lo->dmrs_l[i] = (uint8_t)(lo->dmrs_l[i] + (a ? 0 : cfg->s));
    if (lo->dmrs_l[i] < lo->l0 || lo->dmrs_l[i] >= lo->l1) {
      return OLIVE_EINVAL; /* type A with l0 = 3 and S + L = 4 ... DM-RS outside */
    }
    lo->dmrs_mask |= 1u << lo->dmrs_l[i];
  }
  return 0;
}

static int set_mcs_tbs(const phy_pusch_cfg_t *cfg, uint32_t cdm, pusch_layout_t *lo)
{
  if (phy_tbs_mcs_get(cfg->mcs_table, cfg->mcs, cfg->tp_pi2bpsk, &lo->mcs) < 0) {
    return OLIVE_EINVAL;
  }
  static const phy_mod_t mods[9] = {[1] = PHY_MOD_PI2_BPSK,
                                    [2] = PHY_MOD_QPSK,
                                    [4] = PHY_MOD_QAM16,
                                    [6] = PHY_MOD_QAM64,
                                    [8] = PHY_MOD_QAM256};
  if (lo->mcs.qm == 1 && !cfg->transform_precoding) {
    return OLIVE_EINVAL; /* 6.3.1.2: pi/2-BPSK only with transform precoding */
  }
  lo->mod = mods[lo->mcs.qm];
  lo->g = lo->nof_re * lo->mcs.qm;
  if (cfg->tbs != 0) {
    lo->tbs = cfg->tbs;
    return cfg->tbs % 8 ? OLIVE_EINVAL : 0;
  }
  if (lo->mcs.reserved) {
    return OLIVE_EINVAL; /* reserved MCS: the TBS of the initial transmission is needed */
  }
  phy_tbs_cfg_t t = {.n_symb_sh = cfg->l,
                     .n_dmrs_prb = lo->nof_dmrs * phy_dmrs_re_per_prb(cfg->dmrs_type) * cdm,
                     .n_oh_prb = cfg->n_oh_prb,
                     .n_prb = cfg->nof_prb,
                     .n_layers = 1,
                     .qm = lo->mcs.qm,
                     .r_x2048 = lo->mcs.r_x2048};
  int r = phy_tbs_calc(&t);
  if (r < 0) {
    return r;
  }
  lo->tbs = (uint32_t)r;
  return 0;
}

int pusch_layout(const phy_pusch_cfg_t *cfg, uint32_t grid_prb, pusch_layout_t *lo)
{
  uint32_t cdm = 0;
  int r = check_cfg(cfg, grid_prb);
  if (r == 0) {
    r = check_dmrs(cfg, &cdm);
  }
  if (r < 0) {
    return r;
  }
  memset(lo, 0, sizeof(*lo));
  lo->l0 = cfg->s;
  lo->l1 = cfg->s + cfg->l;
  r = set_dmrs_symbols(cfg, lo);
  if (r < 0) {
    return r;
  }
  /* TS 38.214 Table 6.2.2-1: 0, -3, -4.77 dB PUSCH-to-DM-RS EPRE */
  lo->beta = sqrtf((float)cdm);
  lo->nof_dmrs_sc_data = 0;
  for (uint32_t sc = 0; sc < PHY_NSC_RB; sc++) {
    uint8_t data = !cfg->transform_precoding;
    for (uint32_t g = 0; g < cdm && data; g++) {
      data = !phy_dmrs_sc_in_group(cfg->dmrs_type, g, sc);
    }
    lo->dmrs_sc_data[sc] = data;
    lo->nof_dmrs_sc_data += data;
  }
  lo->m_sc = cfg->nof_prb * PHY_NSC_RB;
  lo->k0 = cfg->prb_start * PHY_NSC_RB;
  lo->nof_re =
      (cfg->l - lo->nof_dmrs) * lo->m_sc + lo->nof_dmrs * lo->nof_dmrs_sc_data * cfg->nof_prb;
  r = set_mcs_tbs(cfg, cdm, lo);
  return r < 0 ? r : pusch_uci_layout(cfg, lo);
}

/* Marks the UCI REs of a map (CP-OFDM only): the data REs in mapping order with their
 * 6.2.7 type. */
static void map_uci(const pusch_layout_t *lo, uint32_t nsc, uint8_t *map)
{
  uint8_t type[PHY_NSYMB_SLOT * PHY_MAX_PRB * PHY_NSC_RB];
  pusch_uci_mux_map(lo, type);
  uint32_t i = 0;
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    uint8_t *row = map + (size_t)l * nsc + lo->k0;
    for (uint32_t k = 0; k < lo->m_sc; k++) {
      if (row[k] != PHY_PUSCH_RE_DATA) {
        continue;
      }
      uint8_t t = type[i++];
      row[k] = t == PUSCH_RE_CSI1                         ? PHY_PUSCH_RE_CSI1
               : t == PUSCH_RE_ACK || t == PUSCH_RE_ACK_P ? PHY_PUSCH_RE_ACK
                                                          : PHY_PUSCH_RE_DATA;
    }
  }
}

int phy_pusch_re_map(const phy_pusch_cfg_t *cfg, uint32_t grid_prb, uint8_t *map)
{
  pusch_layout_t lo;
  cf_t ref[PHY_MAX_PRB * 6];
  uint16_t k[PHY_MAX_PRB * 6];
  if (cfg == NULL || map == NULL) {
    return OLIVE_EINVAL;
  }
  int r = pusch_layout(cfg, grid_prb, &lo);
  if (r < 0) {
    return r;
  }
  uint32_t nsc = grid_prb * PHY_NSC_RB;
  memset(map, PHY_PUSCH_RE_NONE, (size_t)nsc * PHY_NSYMB_SLOT);
  for (uint32_t l = lo.l0; l < lo.l1; l++) {
    uint8_t *row = map + (size_t)l * nsc;
    bool dmrs = (lo.dmrs_mask >> l) & 1;
    for (uint32_t i = 0; i < lo.m_sc; i++) {
      bool data = !dmrs || lo.dmrs_sc_data[i % PHY_NSC_RB];
      row[lo.k0 + i] = data ? PHY_PUSCH_RE_DATA : PHY_PUSCH_RE_NONE;
    }
    if (dmrs) {
      int n = pusch_dmrs_ref(cfg, &lo, l, ref, k);
      for (int i = 0; i < n; i++) {
        row[k[i]] = PHY_PUSCH_RE_DMRS;
      }
    }
  }
  if ((cfg->uci.o_ack || cfg->uci.o_csi1) && !cfg->transform_precoding) {
    map_uci(&lo, nsc, map);
  }
  return (int)lo.nof_re;
}

int phy_pusch_uci_sizes(const phy_pusch_cfg_t *cfg, uint32_t *q_ack, uint32_t *q_csi1,
                        uint32_t *q_rvd)
{
  pusch_layout_t lo;
  if (cfg == NULL) {
    return OLIVE_EINVAL;
  }
  int r = pusch_layout(cfg, cfg->prb_start + cfg->nof_prb, &lo);
  if (r < 0) {
    return r;
  }
  if (q_ack) {
    *q_ack = lo.q_ack;
  }
  if (q_csi1) {
    *q_csi1 = lo.q_csi1;
  }
  if (q_rvd) {
    *q_rvd = lo.q_rvd;
  }
  return 0;
}

int phy_pusch_g(const phy_pusch_cfg_t *cfg)
{
  pusch_layout_t lo;
  if (cfg == NULL) {
    return OLIVE_EINVAL;
  }
  int r = pusch_layout(cfg, cfg->prb_start + cfg->nof_prb, &lo);
  return r < 0 ? r : (int)lo.g;
}

int phy_pusch_tbs(const phy_pusch_cfg_t *cfg)
{
  pusch_layout_t lo;
  if (cfg == NULL) {
    return OLIVE_EINVAL;
  }
  int r = pusch_layout(cfg, cfg->prb_start + cfg->nof_prb, &lo);
  return r < 0 ? r : (int)lo.tbs;
}

/* TS 38.211 6.4.1.1.1.2 sequence group u = (f_gh + n_ID^RS) mod 30 and number v for slot
 * symbol l: group hopping f_gh = sum_{m=0}^{7} 2^m c(8 (14 n_s + l) + m) mod 30 with
 * c_init = floor(n_ID^RS / 30); sequence hopping v = c(14 n_s + l) with c_init = n_ID^RS
 * when M_ZC >= 6 N_sc^RB = 72, else 0; neither: f_gh = 0, v = 0. */
static void tp_group_seq(const phy_pusch_cfg_t *cfg, uint32_t l, uint32_t m_zc, uint32_t *u,
                         uint32_t *v)
{
  uint32_t n = PHY_NSYMB_SLOT * cfg->slot + l, f_gh = 0;
  uint8_t c[8];
  *v = 0;
  if (cfg->group_hopping) {
    phy_seq_gold_bits(c, cfg->dmrs_id / 30, 8 * n, 8);
    for (uint32_t i = 0; i < 8; i++) {
      f_gh += (uint32_t)c[i] << i;
    }
    f_gh %= 30;
  } else if (cfg->sequence_hopping && m_zc >= 72) {
    phy_seq_gold_bits(c, cfg->dmrs_id, n, 1);
    *v = c[0];
  }
  *u = (f_gh + cfg->dmrs_id) % 30;
}

int pusch_dmrs_ref(const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo, uint32_t l, cf_t *ref,
                   uint16_t *k)
{
  if (cfg->transform_precoding) {
    /* 6.4.1.1.1.2: r(n) = r_u,v^(0,1)(n), M_ZC = M_sc / 2; 6.4.1.1.3: k = 4n + 2k' from the
     * allocation's first subcarrier, w_f = 1 (port 0). */
    uint32_t m = lo->m_sc / 2, u, v;
    tp_group_seq(cfg, l, m, &u, &v);
    int r = phy_seq_low_papr(ref, m, u, v, 0.0f);
    if (r < 0) {
      return r;
    }
    for (uint32_t i = 0; i < m; i++) {
      k[i] = (uint16_t)(lo->k0 + 2 * i);
    }
    return (int)m;
  }
  /* 6.4.1.1.1.1 (the c_init of 7.4.1.1.1) and 6.4.1.1.3 */
  uint32_t ci = phy_dmrs_pdsch_cinit(cfg->slot, l, cfg->dmrs_id, cfg->n_scid);
  int n = phy_dmrs_pdsch_ref(cfg->dmrs_type, cfg->port, ci, cfg->crb0, cfg->prb_start, cfg->nof_prb,
                             ref);
  if (n < 0) {
    return n;
  }
  uint32_t delta = phy_dmrs_port(cfg->dmrs_type, cfg->port)->delta;
  bool t1 = cfg->dmrs_type == PHY_DMRS_TYPE1;
  for (int i = 0; i < n; i++) {
    /* type 1: k = 4n + 2k' + Delta = 2i + Delta; type 2: k = 6n + k' + Delta */
    uint32_t off = t1 ? 2u * (uint32_t)i : 3u * ((uint32_t)i & ~1u) + ((uint32_t)i & 1u);
    k[i] = (uint16_t)(lo->k0 + off + delta);
  }
  return n;
}
