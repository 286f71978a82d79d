/* SPDX-License-Identifier: Apache-2.0 */
/* The default SIB1 (shared/INTEROP.md "srsUE in NR SA mode"): an FDD or TDD cell at 15 or
 * 30 kHz with rach-, pusch-, pucch-, pdcch- and pdsch-ConfigCommon all present,
 * msg1-FrequencyStart >= 1 and an L = 839 root sequence. Values not derived from the cell
 * config are the usual ones of the srsRAN tutorial cell. */
#include <string.h>

#include "olive/rrc/sib1.h"
#include "olive/support/error.h"

void rrc_sib1_cell_cfg_default(rrc_sib1_cell_cfg_t *cfg)
{
  memset(cfg, 0, sizeof *cfg);
  cfg->band = 3;
  cfg->scs = RRC_SCS_KHZ15;
  cfg->nof_prb = 106;
  /* DL ARFCN 368500 (1842.5 MHz), SSB ARFCN 368410 (1842.05 MHz), 106 PRB: point A at
   * 1842.5 - 53 * 0.18 = 1832.96 MHz; the SSB's lowest subcarrier at 1842.05 - 1.8 =
   * 1840.25 MHz is 486 subcarriers above point A, in CRB 40 (k_SSB = 6). */
  cfg->offset_to_point_a = 40;
  cfg->ul_point_a_arfcn = 347592; /* band 3 duplex 95 MHz: 1737.96 MHz / 5 kHz (38.104 5.4.2.1) */
  cfg->pusch_k2 = 4;
  cfg->coreset0_index = 12;
  cfg->ss0_index = 0;
  cfg->prach_config_index = 1;
  cfg->prach_root_seq_index = 1;
  cfg->msg1_frequency_start = 1;
  static const uint8_t mcc[3] = {0, 0, 1}, mnc[3] = {0, 1, 0}; /* PLMN 001-01 */
  memcpy(cfg->mcc, mcc, sizeof mcc);
  memcpy(cfg->mnc, mnc, sizeof mnc);
  cfg->nof_mnc_digits = 2;
  cfg->tac = 7;
  cfg->cell_identity = (uint64_t)411 << 14; /* gNB id 411 (22 bits) + cell 0 (14 bits) */
  cfg->ssb_periodicity = RRC_SSB_PERIOD_MS10;
  cfg->ss_pbch_block_power = -16;
}

/* 38.331 BWP locationAndBandwidth: RIV of 38.214 5.1.2.2.2 with N_BWP = 275. */
static uint16_t bwp_riv(unsigned start, unsigned len)
{
  if (len - 1 <= 275 / 2)
    return (uint16_t)(275 * (len - 1) + start);
  return (uint16_t)(275 * (275 - len + 1) + (275 - 1 - start));
}

/* 38.214 5.1.2.1: SLIV of S, L within one slot. */
static uint8_t sliv(unsigned s, unsigned l)
{
  if (l - 1 <= 7)
    return (uint8_t)(14 * (l - 1) + s);
  return (uint8_t)(14 * (14 - l + 1) + (14 - 1 - s));
}

static void build_cell_access(const rrc_sib1_cell_cfg_t *cfg, rrc_sib1_t *s)
{
  rrc_cell_access_related_info_t *a = &s->cell_access_related_info;
  s->has_cell_selection_info = true;
  s->cell_selection_info.q_rx_lev_min = -70;
  a->nof_plmn = 1;
  a->plmn[0].has_mcc = true;
  memcpy(a->plmn[0].mcc, cfg->mcc, 3);
  memcpy(a->plmn[0].mnc, cfg->mnc, 3);
  a->plmn[0].nof_mnc_digits = cfg->nof_mnc_digits;
  a->has_tracking_area_code = true;
  a->tracking_area_code = cfg->tac;
  a->cell_identity = cfg->cell_identity;
  a->cell_reserved_for_operator_use = RRC_CELL_NOT_RESERVED;
}

static void build_pdcch(const rrc_sib1_cell_cfg_t *cfg, rrc_pdcch_config_common_t *p)
{
  rrc_search_space_t *ss = &p->common_search_space[0];
  p->has_control_resource_set_zero = true;
  p->control_resource_set_zero = cfg->coreset0_index;
  p->has_search_space_zero = true;
  p->search_space_zero = cfg->ss0_index;
  /* Search space 1 on CORESET#0 for RAR, paging and DCI 0_0/1_0: every slot, symbol 0,
   * one AL4 candidate (srsUE monitors AL4/AL8 on common spaces). */
  p->nof_common_search_space = 1;
  ss->search_space_id = 1;
  ss->has_control_resource_set_id = true;
  ss->control_resource_set_id = 0;
  ss->has_monitoring_slot_periodicity_and_offset = true;
  ss->monitoring_slot_periodicity = RRC_SS_SL1;
  ss->has_monitoring_symbols_within_slot = true;
  ss->monitoring_symbols_within_slot = 1u << 13; /* symbol 0 is the first of 14 bits */
  ss->has_nrof_candidates = true;
  ss->nrof_candidates[2] = RRC_CAND_N1; /* AL4 */
  ss->has_search_space_type = true;
  ss->search_space_type = RRC_SS_TYPE_COMMON;
  ss->dci_format0_0_and_format1_0 = true;
  p->has_search_space_sib1 = true;
  p->search_space_sib1 = 0;
  p->has_paging_search_space = true;
  p->paging_search_space = 1;
  p->has_ra_search_space = true;
  p->ra_search_space = 1;
}

static void build_dl(const rrc_sib1_cell_cfg_t *cfg, rrc_downlink_config_common_sib_t *d)
{
  rrc_bwp_downlink_common_t *bwp = &d->initial_downlink_bwp;
  d->frequency_info_dl.nof_bands = 1;
  d->frequency_info_dl.band[0] = (rrc_nr_multi_band_info_t){true, cfg->band};
  d->frequency_info_dl.offset_to_point_a = cfg->offset_to_point_a;
  d->frequency_info_dl.nof_scs = 1;
  d->frequency_info_dl.scs[0] = (rrc_scs_specific_carrier_t){0, cfg->scs, cfg->nof_prb};
  bwp->generic_parameters.location_and_bandwidth = bwp_riv(0, cfg->nof_prb);
  bwp->generic_parameters.subcarrier_spacing = cfg->scs;
  bwp->has_pdcch_config_common = true;
  build_pdcch(cfg, &bwp->pdcch_config_common);
  bwp->has_pdsch_config_common = true;
  bwp->pdsch_config_common.nof_tdra = 1; /* k0 = 0, type A, symbols 2..13 */
  bwp->pdsch_config_common.tdra[0] = (rrc_tdra_t){false, 0, RRC_MAPPING_TYPE_A, sliv(2, 12)};
  d->bcch_modification_period_coeff = RRC_MOD_PERIOD_N4;
  d->pcch_config.default_paging_cycle = RRC_PAGING_RF128;
  d->pcch_config.n_and_paging_frame_offset = RRC_PF_ONE_T;
  d->pcch_config.ns = RRC_PCCH_NS_ONE;
}

static void build_rach(const rrc_sib1_cell_cfg_t *cfg, rrc_rach_config_common_t *r)
{
  rrc_rach_config_generic_t *g = &r->rach_config_generic;
  g->prach_configuration_index = cfg->prach_config_index;
  g->msg1_fdm = RRC_MSG1_FDM_ONE;
  g->msg1_frequency_start = cfg->msg1_frequency_start;
  g->zero_correlation_zone_config = 0;
  g->preamble_received_target_power = -110;
  g->preamble_trans_max = RRC_PREAMBLE_TRANS_MAX_N7;
  g->power_ramping_step = RRC_POWER_RAMPING_DB4;
  g->ra_response_window = RRC_RA_RESPONSE_WINDOW_SL10;
  r->has_ssb_per_rach_occasion = true;
  r->ssb_per_rach_occasion = RRC_SSB_PER_RO_ONE;
  r->cb_preambles_per_ssb = 64;
  r->ra_contention_resolution_timer = RRC_RA_CR_SF64;
  r->prach_root_sequence_index_type = RRC_PRACH_ROOT_L839;
  r->prach_root_sequence_index = cfg->prach_root_seq_index;
  r->restricted_set_config = RRC_RESTRICTED_SET_UNRESTRICTED;
}

static void build_ul(const rrc_sib1_cell_cfg_t *cfg, rrc_uplink_config_common_sib_t *u)
{
  rrc_frequency_info_ul_sib_t *f = &u->frequency_info_ul;
  rrc_bwp_uplink_common_t *bwp = &u->initial_uplink_bwp;
  if (!cfg->tdd) { /* Cond FDD-OrSUL: band list and point A only for paired spectrum */
    f->nof_bands = 1;
    f->band[0] = (rrc_nr_multi_band_info_t){true, cfg->band};
    f->has_absolute_frequency_point_a = true;
    f->absolute_frequency_point_a = cfg->ul_point_a_arfcn;
  }
  f->nof_scs = 1;
  f->scs[0] = (rrc_scs_specific_carrier_t){0, cfg->scs, cfg->nof_prb};
  f->has_p_max = true;
  f->p_max = 23;
  bwp->generic_parameters.location_and_bandwidth = bwp_riv(0, cfg->nof_prb);
  bwp->generic_parameters.subcarrier_spacing = cfg->scs;
  bwp->has_rach_config_common = true;
  build_rach(cfg, &bwp->rach_config_common);
  bwp->has_pusch_config_common = true;
  bwp->pusch_config_common.nof_tdra = 1; /* k2 from cfg, type A, whole slot */
  bwp->pusch_config_common.tdra[0] =
      (rrc_tdra_t){true, cfg->pusch_k2, RRC_MAPPING_TYPE_A, sliv(0, 14)};
  bwp->pusch_config_common.has_msg3_delta_preamble = true;
  bwp->pusch_config_common.msg3_delta_preamble = 6;
  bwp->pusch_config_common.has_p0_nominal_with_grant = true;
  bwp->pusch_config_common.p0_nominal_with_grant = -76;
  bwp->has_pucch_config_common = true;
  bwp->pucch_config_common.has_pucch_resource_common = true;
  bwp->pucch_config_common.pucch_resource_common = 11;
  bwp->pucch_config_common.pucch_group_hopping = RRC_PUCCH_GH_NEITHER;
  bwp->pucch_config_common.has_p0_nominal = true;
  bwp->pucch_config_common.p0_nominal = -90;
  u->time_alignment_timer_common = RRC_TAT_INFINITY;
}

static void build_timers(rrc_sib1_t *s)
{
  rrc_ue_timers_and_constants_t *t = &s->ue_timers_and_constants;
  s->has_ue_timers_and_constants = true;
  t->t300 = RRC_T300_MS1000;
  t->t301 = RRC_T300_MS1000;
  t->t310 = RRC_T310_MS1000;
  t->n310 = RRC_N310_N1;
  t->t311 = RRC_T311_MS30000;
  t->n311 = RRC_N311_N1;
  t->t319 = RRC_T300_MS1000;
}

/* TS 38.213 11.1: a pattern of P ms holds S = P * 2^mu slots at the reference SCS (P = 0.625,
 * 1.25, 2.5 ms only where that is whole); the first d_slots slots are DL, the last u_slots
 * UL, d_sym DL symbols follow the DL slots and u_sym UL symbols precede the UL slots. */
static bool tdd_pattern_fits(const rrc_tdd_ul_dl_pattern_t *p, rrc_scs_t scs)
{
  static const uint8_t period_8th_ms[8] = {4, 5, 8, 10, 16, 20, 40, 80}; /* ms0p5 .. ms10 */
  if ((unsigned)p->dl_ul_transmission_periodicity >= 8)
    return false;
  unsigned units = (unsigned)period_8th_ms[p->dl_ul_transmission_periodicity] << scs;
  if (units % 8)
    return false;
  unsigned slots = units / 8, full = p->nrof_downlink_slots + p->nrof_uplink_slots;
  unsigned syms = p->nrof_downlink_symbols + p->nrof_uplink_symbols;
  if (full > slots)
    return false;
  if (full == slots) /* no slot left for the DL/UL symbols */
    return syms == 0;
  if (full + 1 == slots) /* both share the one remaining slot */
    return syms <= 14;
  return true;
}

int rrc_sib1_build_default(const rrc_sib1_cell_cfg_t *cfg, rrc_sib1_t *s)
{
  uint8_t buf[RRC_SIB1_MAX_BYTES];
  memset(s, 0, sizeof *s);
  /* srsUE rules (INTEROP.md), FR1 SCS, TDD pattern; the rest is checked by packing */
  if (cfg->msg1_frequency_start < 1 || cfg->nof_prb < 1 || cfg->nof_prb > 275 ||
      (cfg->scs != RRC_SCS_KHZ15 && cfg->scs != RRC_SCS_KHZ30) ||
      (cfg->tdd && !tdd_pattern_fits(&cfg->tdd_pattern, cfg->scs)))
    return OLIVE_EINVAL;
  build_cell_access(cfg, s);
  s->has_serving_cell_config_common = true;
  rrc_serving_cell_config_common_sib_t *scc = &s->serving_cell_config_common;
  build_dl(cfg, &scc->downlink_config_common);
  scc->has_uplink_config_common = true;
  build_ul(cfg, &scc->uplink_config_common);
  scc->has_n_timing_advance_offset = true; /* the value srsUE assumes when absent */
  scc->n_timing_advance_offset = RRC_N_TA_OFFSET_N25600;
  scc->ssb_positions_in_burst_in_one_group = 0x80; /* SSB index 0 only */
  scc->ssb_periodicity_serving_cell = cfg->ssb_periodicity;
  scc->ss_pbch_block_power = cfg->ss_pbch_block_power;
  if (cfg->tdd) {
    scc->has_tdd_ul_dl_configuration_common = true;
    scc->tdd_ul_dl_configuration_common.reference_subcarrier_spacing = cfg->scs;
    scc->tdd_ul_dl_configuration_common.pattern1 = cfg->tdd_pattern;
  }
  build_timers(s);
  int n = rrc_sib1_pack(s, buf, sizeof buf, NULL, NULL);
  return n < 0 ? (n == OLIVE_ERANGE ? OLIVE_ERANGE : OLIVE_EINVAL) : 0;
}
