/* SPDX-License-Identifier: Apache-2.0 */
/* Random but valid SIB1 structs for round-trip tests: every field drawn inside its
 * ASN.1 range, every OPTIONAL present or absent at random, and the value of an absent
 * field (and of unused array entries) left at 0, as the decoder leaves it. */
#ifndef OLIVE_TEST_SIB1_RANDOM_H
#define OLIVE_TEST_SIB1_RANDOM_H

#include <string.h>

#include "olive/rrc/sib1.h"
#include "olive_test.h"

static olive_test_rng_t *sr_rng;
#define R(n)       olive_test_below(sr_rng, (uint32_t)(n))
#define RR(lb, ub) ((int32_t)(lb) + (int32_t)R((int64_t)(ub) - (lb) + 1))
#define B()        (R(2) == 1)

static void sr_bands(uint8_t *n, rrc_nr_multi_band_info_t *b)
{
  *n = (uint8_t)RR(1, RRC_MAX_MULTI_BANDS);
  for (unsigned i = 0; i < *n; i++)
    if ((b[i].has_freq_band_indicator_nr = B()))
      b[i].freq_band_indicator_nr = (uint16_t)RR(1, 1024);
}

static void sr_scs(uint8_t *n, rrc_scs_specific_carrier_t *s)
{
  *n = (uint8_t)RR(1, RRC_MAX_SCS);
  for (unsigned i = 0; i < *n; i++) {
    s[i].offset_to_carrier = (uint16_t)R(2200);
    s[i].subcarrier_spacing = (rrc_scs_t)R(5);
    s[i].carrier_bandwidth = (uint16_t)RR(1, 275);
  }
}

static void sr_bwp(rrc_bwp_t *b)
{
  b->location_and_bandwidth = (uint16_t)R(37950);
  b->subcarrier_spacing = (rrc_scs_t)R(5);
  b->cyclic_prefix_extended = B();
}

static void sr_tdra(uint8_t *n, rrc_tdra_t *t)
{
  *n = B() ? (uint8_t)RR(1, RRC_MAX_TDRA) : 0;
  for (unsigned i = 0; i < *n; i++) {
    if ((t[i].has_k = B()))
      t[i].k = (uint8_t)R(33);
    t[i].mapping_type = (rrc_mapping_type_t)R(2);
    t[i].start_symbol_and_length = (uint8_t)R(128);
  }
}

static void sr_search_space(rrc_search_space_t *s)
{
  static const uint16_t period[15] = {1, 2, 4, 5, 8, 10, 16, 20, 40, 80, 160, 320, 640, 1280, 2560};
  s->search_space_id = (uint8_t)R(40);
  if ((s->has_control_resource_set_id = B()))
    s->control_resource_set_id = (uint8_t)R(12);
  if ((s->has_monitoring_slot_periodicity_and_offset = B())) {
    s->monitoring_slot_periodicity = (rrc_ss_periodicity_t)R(15);
    s->monitoring_slot_offset = (uint16_t)R(period[s->monitoring_slot_periodicity]);
  }
  if ((s->has_duration = B()))
    s->duration = (uint16_t)RR(2, 2559);
  if ((s->has_monitoring_symbols_within_slot = B()))
    s->monitoring_symbols_within_slot = (uint16_t)R(1 << 14);
  if ((s->has_nrof_candidates = B()))
    for (unsigned i = 0; i < 5; i++)
      s->nrof_candidates[i] = (rrc_nrof_candidates_t)R(8);
  if ((s->has_search_space_type = B())) {
    s->search_space_type = (rrc_ss_type_t)R(2);
    if (s->search_space_type == RRC_SS_TYPE_COMMON)
      s->dci_format0_0_and_format1_0 = B();
    else
      s->dci_formats = (rrc_ss_dci_formats_t)R(2);
  }
}

static void sr_pdcch(rrc_pdcch_config_common_t *p)
{
  if ((p->has_control_resource_set_zero = B()))
    p->control_resource_set_zero = (uint8_t)R(16);
  if ((p->has_search_space_zero = B()))
    p->search_space_zero = (uint8_t)R(16);
  p->nof_common_search_space = B() ? (uint8_t)RR(1, 4) : 0;
  for (unsigned i = 0; i < p->nof_common_search_space; i++)
    sr_search_space(&p->common_search_space[i]);
  if ((p->has_search_space_sib1 = B()))
    p->search_space_sib1 = (uint8_t)R(40);
  if ((p->has_search_space_other_system_information = B()))
    p->search_space_other_system_information = (uint8_t)R(40);
  if ((p->has_paging_search_space = B()))
    p->paging_search_space = (uint8_t)R(40);
  if ((p->has_ra_search_space = B()))
    p->ra_search_space = (uint8_t)R(40);
}

static void sr_dl(rrc_downlink_config_common_sib_t *d)
{
  static const uint8_t divisor[5] = {1, 2, 4, 8, 16};
  sr_bands(&d->frequency_info_dl.nof_bands, d->frequency_info_dl.band);
  d->frequency_info_dl.offset_to_point_a = (uint16_t)R(2200);
  sr_scs(&d->frequency_info_dl.nof_scs, d->frequency_info_dl.scs);
  sr_bwp(&d->initial_downlink_bwp.generic_parameters);
  if ((d->initial_downlink_bwp.has_pdcch_config_common = B()))
    sr_pdcch(&d->initial_downlink_bwp.pdcch_config_common);
  if ((d->initial_downlink_bwp.has_pdsch_config_common = B()))
    sr_tdra(&d->initial_downlink_bwp.pdsch_config_common.nof_tdra,
            d->initial_downlink_bwp.pdsch_config_common.tdra);
  d->bcch_modification_period_coeff = (rrc_modification_period_coeff_t)R(4);
  d->pcch_config.default_paging_cycle = (rrc_paging_cycle_t)R(4);
  d->pcch_config.n_and_paging_frame_offset = (rrc_n_and_pf_offset_t)R(5);
  d->pcch_config.paging_frame_offset =
      (uint8_t)R(divisor[d->pcch_config.n_and_paging_frame_offset]);
  d->pcch_config.ns = (rrc_pcch_ns_t)R(3);
}

static void sr_rach(rrc_rach_config_common_t *r)
{
  static const uint8_t int_max[3] = {16, 8, 4};
  rrc_rach_config_generic_t *g = &r->rach_config_generic;
  g->prach_configuration_index = (uint8_t)R(256);
  g->msg1_fdm = (rrc_msg1_fdm_t)R(4);
  g->msg1_frequency_start = (uint16_t)R(275);
  g->zero_correlation_zone_config = (uint8_t)R(16);
  g->preamble_received_target_power = (int16_t)RR(-202, -60);
  g->preamble_trans_max = (rrc_preamble_trans_max_t)R(11);
  g->power_ramping_step = (rrc_power_ramping_step_t)R(4);
  g->ra_response_window = (rrc_ra_response_window_t)R(8);
  if ((r->has_total_number_of_ra_preambles = B()))
    r->total_number_of_ra_preambles = (uint8_t)RR(1, 63);
  if ((r->has_ssb_per_rach_occasion = B())) {
    r->ssb_per_rach_occasion = (rrc_ssb_per_rach_occasion_t)R(8);
    if (r->ssb_per_rach_occasion >= RRC_SSB_PER_RO_FOUR)
      r->cb_preambles_per_ssb = (uint8_t)RR(1, int_max[r->ssb_per_rach_occasion - 5]);
    else
      r->cb_preambles_per_ssb = (uint8_t)(4 * RR(1, r->ssb_per_rach_occasion == 4 ? 8 : 16));
  }
  if ((r->has_group_b_configured = B())) {
    r->ra_msg3_size_group_a = (rrc_ra_msg3_size_group_a_t)R(10);
    r->message_power_offset_group_b = (rrc_message_power_offset_group_b_t)R(8);
    r->number_of_ra_preambles_group_a = (uint8_t)RR(1, 64);
  }
  r->ra_contention_resolution_timer = (rrc_ra_contention_resolution_timer_t)R(8);
  if ((r->has_rsrp_threshold_ssb = B()))
    r->rsrp_threshold_ssb = (uint8_t)R(128);
  r->prach_root_sequence_index_type = (rrc_prach_root_seq_t)R(2);
  r->prach_root_sequence_index = (uint16_t)R(r->prach_root_sequence_index_type ? 138 : 838);
  if ((r->has_msg1_subcarrier_spacing = B()))
    r->msg1_subcarrier_spacing = (rrc_scs_t)R(5);
  r->restricted_set_config = (rrc_restricted_set_config_t)R(3);
  r->msg3_transform_precoder = B();
}

static void sr_ul(rrc_uplink_config_common_sib_t *u)
{
  rrc_frequency_info_ul_sib_t *f = &u->frequency_info_ul;
  rrc_bwp_uplink_common_t *b = &u->initial_uplink_bwp;
  if (B())
    sr_bands(&f->nof_bands, f->band);
  if ((f->has_absolute_frequency_point_a = B()))
    f->absolute_frequency_point_a = R(3279166);
  sr_scs(&f->nof_scs, f->scs);
  if ((f->has_p_max = B()))
    f->p_max = (int8_t)RR(-30, 33);
  f->frequency_shift_7p5khz = B();
  sr_bwp(&b->generic_parameters);
  if ((b->has_rach_config_common = B()))
    sr_rach(&b->rach_config_common);
  if ((b->has_pusch_config_common = B())) {
    rrc_pusch_config_common_t *p = &b->pusch_config_common;
    p->group_hopping_enabled_transform_precoding = B();
    sr_tdra(&p->nof_tdra, p->tdra);
    if ((p->has_msg3_delta_preamble = B()))
      p->msg3_delta_preamble = (int8_t)RR(-1, 6);
    if ((p->has_p0_nominal_with_grant = B()))
      p->p0_nominal_with_grant = (int16_t)RR(-202, 24);
  }
  if ((b->has_pucch_config_common = B())) {
    rrc_pucch_config_common_t *p = &b->pucch_config_common;
    if ((p->has_pucch_resource_common = B()))
      p->pucch_resource_common = (uint8_t)R(16);
    p->pucch_group_hopping = (rrc_pucch_group_hopping_t)R(3);
    if ((p->has_hopping_id = B()))
      p->hopping_id = (uint16_t)R(1024);
    if ((p->has_p0_nominal = B()))
      p->p0_nominal = (int16_t)RR(-202, 24);
  }
  u->time_alignment_timer_common = (rrc_time_alignment_timer_t)R(8);
}

static void sr_tdd_pattern(rrc_tdd_ul_dl_pattern_t *p)
{
  p->dl_ul_transmission_periodicity = (rrc_dl_ul_tx_periodicity_t)R(8);
  p->nrof_downlink_slots = (uint16_t)R(321);
  p->nrof_downlink_symbols = (uint8_t)R(14);
  p->nrof_uplink_slots = (uint16_t)R(321);
  p->nrof_uplink_symbols = (uint8_t)R(14);
}

static void sr_scc(rrc_serving_cell_config_common_sib_t *s)
{
  sr_dl(&s->downlink_config_common);
  if ((s->has_uplink_config_common = B()))
    sr_ul(&s->uplink_config_common);
  if ((s->has_n_timing_advance_offset = B()))
    s->n_timing_advance_offset = (rrc_n_timing_advance_offset_t)R(3);
  s->ssb_positions_in_burst_in_one_group = (uint8_t)R(256);
  if ((s->has_group_presence = B()))
    s->ssb_positions_in_burst_group_presence = (uint8_t)R(256);
  s->ssb_periodicity_serving_cell = (rrc_ssb_periodicity_t)R(6);
  if ((s->has_tdd_ul_dl_configuration_common = B())) {
    s->tdd_ul_dl_configuration_common.reference_subcarrier_spacing = (rrc_scs_t)R(5);
    sr_tdd_pattern(&s->tdd_ul_dl_configuration_common.pattern1);
    if ((s->tdd_ul_dl_configuration_common.has_pattern2 = B()))
      sr_tdd_pattern(&s->tdd_ul_dl_configuration_common.pattern2);
  }
  s->ss_pbch_block_power = (int8_t)RR(-60, 50);
}

static void sr_access(rrc_cell_access_related_info_t *a)
{
  a->nof_plmn = (uint8_t)RR(1, RRC_MAX_PLMN);
  for (unsigned i = 0; i < a->nof_plmn; i++) {
    rrc_plmn_identity_t *p = &a->plmn[i];
    if ((p->has_mcc = B()))
      for (unsigned k = 0; k < 3; k++)
        p->mcc[k] = (uint8_t)R(10);
    p->nof_mnc_digits = (uint8_t)RR(2, 3);
    for (unsigned k = 0; k < p->nof_mnc_digits; k++)
      p->mnc[k] = (uint8_t)R(10);
  }
  if ((a->has_tracking_area_code = B()))
    a->tracking_area_code = R(1u << 24);
  if ((a->has_ranac = B()))
    a->ranac = (uint8_t)R(256);
  a->cell_identity = (uint64_t)R(1u << 18) << 18 | R(1u << 18);
  a->cell_reserved_for_operator_use = (rrc_cell_reserved_for_operator_use_t)R(2);
  a->cell_reserved_for_other_use = B();
}

static void sr_si(rrc_si_scheduling_info_t *s)
{
  s->nof_si = (uint8_t)RR(1, RRC_MAX_SI);
  for (unsigned i = 0; i < s->nof_si; i++) {
    rrc_scheduling_info_t *si = &s->si[i];
    si->si_broadcast_status = (rrc_si_broadcast_status_t)R(2);
    si->si_periodicity = (rrc_si_periodicity_t)R(7);
    si->nof_sib = (uint8_t)RR(1, RRC_MAX_SIB_PER_SI);
    for (unsigned k = 0; k < si->nof_sib; k++) {
      si->sib[k].type = (rrc_sib_type_t)R(16);
      if ((si->sib[k].has_value_tag = B()))
        si->sib[k].value_tag = (uint8_t)R(32);
      si->sib[k].area_scope = B();
    }
  }
  s->si_window_length = (rrc_si_window_length_t)R(9);
  if ((s->has_system_information_area_id = B()))
    s->system_information_area_id = R(1u << 24);
}

/* Fills *s (zeroed first) from rng. */
static void sib1_random(olive_test_rng_t *rng, rrc_sib1_t *s)
{
  sr_rng = rng;
  memset(s, 0, sizeof *s);
  if ((s->has_cell_selection_info = B())) {
    rrc_cell_selection_info_t *c = &s->cell_selection_info;
    c->q_rx_lev_min = (int8_t)RR(-70, -22);
    if ((c->has_q_rx_lev_min_offset = B()))
      c->q_rx_lev_min_offset = (uint8_t)RR(1, 8);
    if ((c->has_q_rx_lev_min_sul = B()))
      c->q_rx_lev_min_sul = (int8_t)RR(-70, -22);
    if ((c->has_q_qual_min = B()))
      c->q_qual_min = (int8_t)RR(-43, -12);
    if ((c->has_q_qual_min_offset = B()))
      c->q_qual_min_offset = (uint8_t)RR(1, 8);
  }
  sr_access(&s->cell_access_related_info);
  if ((s->has_si_scheduling_info = B()))
    sr_si(&s->si_scheduling_info);
  if ((s->has_serving_cell_config_common = B()))
    sr_scc(&s->serving_cell_config_common);
  s->ims_emergency_support = B();
  s->ecall_over_ims_support = B();
  if ((s->has_ue_timers_and_constants = B())) {
    rrc_ue_timers_and_constants_t *t = &s->ue_timers_and_constants;
    t->t300 = (rrc_t300_t)R(8);
    t->t301 = (rrc_t300_t)R(8);
    t->t310 = (rrc_t310_t)R(7);
    t->n310 = (rrc_n310_t)R(8);
    t->t311 = (rrc_t311_t)R(7);
    t->n311 = (rrc_n311_t)R(8);
    t->t319 = (rrc_t300_t)R(8);
  }
  s->use_full_resume_id = B();
}

#undef R
#undef RR
#undef B

#endif
