/* SPDX-License-Identifier: Apache-2.0 */
/* UplinkConfigCommonSIB and what it holds (TS 38.331 v16.9.0 6.3.2): FrequencyInfoUL-SIB,
 * BWP-UplinkCommon, RACH-ConfigCommon, RACH-ConfigGeneric, PUSCH-ConfigCommon,
 * PUCCH-ConfigCommon. Same walk as sib1_dl.c. */
#include "olive/support/error.h"
#include "sib1_internal.h"

/* FrequencyInfoUL-SIB: "...", 4 OPTIONAL */
static void cx_frequency_info_ul(rrc_codec_t *c, rrc_frequency_info_ul_sib_t *f)
{
  bool ext, bands = f->nof_bands > 0;
  cx_ext(c, &ext);
  cx_bool(c, "frequencyBandList", &bands);
  cx_bool(c, "absoluteFrequencyPointA", &f->has_absolute_frequency_point_a);
  cx_bool(c, "p-Max", &f->has_p_max);
  cx_bool(c, "frequencyShift7p5khz", &f->frequency_shift_7p5khz);
  if (bands)
    rrc_cx_band_list(c, &f->nof_bands, f->band);
  if (f->has_absolute_frequency_point_a)
    CX_INT(c, "absoluteFrequencyPointA", f->absolute_frequency_point_a, 0, 3279165);
  rrc_cx_scs_carrier_list(c, &f->nof_scs, f->scs);
  if (f->has_p_max)
    CX_INT(c, "p-Max", f->p_max, -30, 33);
  if (f->frequency_shift_7p5khz) {
    int64_t t = 0; /* ENUMERATED {true}: zero bits */
    cx_enum(c, "frequencyShift7p5khz", &t, 1, false);
  }
  cx_ext_end(c, ext);
}

/* RACH-ConfigGeneric: "...", no OPTIONAL root component */
static void cx_rach_generic(rrc_codec_t *c, rrc_rach_config_generic_t *g)
{
  bool ext;
  cx_ext(c, &ext);
  CX_INT(c, "prach-ConfigurationIndex", g->prach_configuration_index, 0, 255);
  CX_ENUM(c, "msg1-FDM", g->msg1_fdm, 4);
  CX_INT(c, "msg1-FrequencyStart", g->msg1_frequency_start, 0, 274);
  CX_INT(c, "zeroCorrelationZoneConfig", g->zero_correlation_zone_config, 0, 15);
  CX_INT(c, "preambleReceivedTargetPower", g->preamble_received_target_power, -202, -60);
  CX_ENUM(c, "preambleTransMax", g->preamble_trans_max, 11);
  CX_ENUM(c, "powerRampingStep", g->power_ramping_step, 4);
  CX_ENUM(c, "ra-ResponseWindow", g->ra_response_window, 8);
  cx_ext_end(c, ext);
}

/* ssb-perRACH-OccasionAndCB-PreamblesPerSSB CHOICE (8 alternatives, no "..."). The first
 * five carry ENUMERATED {n4, n8, ..} (index = count / 4 - 1), the last three INTEGER. */
static void cx_ssb_per_ro(rrc_codec_t *c, rrc_rach_config_common_t *r)
{
  static const char *const name = "ssb-perRACH-OccasionAndCB-PreamblesPerSSB";
  static const uint8_t int_max[3] = {16, 8, 4}; /* four, eight, sixteen */
  CX_INT(c, name, r->ssb_per_rach_occasion, 0, 7);
  if (c->err)
    return;
  if (r->ssb_per_rach_occasion >= RRC_SSB_PER_RO_FOUR) {
    CX_INT(c, name, r->cb_preambles_per_ssb, 1, int_max[r->ssb_per_rach_occasion - 5]);
    return;
  }
  unsigned n = r->ssb_per_rach_occasion == RRC_SSB_PER_RO_TWO ? 8 : 16;
  int64_t idx = (int64_t)r->cb_preambles_per_ssb / 4 - 1;
  if (cx_enc(c) && r->cb_preambles_per_ssb % 4 != 0)
    idx = -1; /* not one of n4, n8, ...: refused by cx_enum */
  cx_enum(c, name, &idx, n, false);
  r->cb_preambles_per_ssb = (uint8_t)(4 * (idx + 1));
}

/* groupBconfigured SEQUENCE (no OPTIONAL, no "...") */
static void cx_group_b(rrc_codec_t *c, rrc_rach_config_common_t *r)
{
  CX_ENUM(c, "ra-Msg3SizeGroupA", r->ra_msg3_size_group_a, 16);
  CX_ENUM(c, "messagePowerOffsetGroupB", r->message_power_offset_group_b, 8);
  CX_INT(c, "numberOfRA-PreamblesGroupA", r->number_of_ra_preambles_group_a, 1, 64);
}

/* RACH-ConfigCommon: "...", 7 OPTIONAL */
static void cx_rach_common(rrc_codec_t *c, rrc_rach_config_common_t *r)
{
  bool ext, sul = false;
  cx_ext(c, &ext);
  cx_bool(c, "totalNumberOfRA-Preambles", &r->has_total_number_of_ra_preambles);
  cx_bool(c, "ssb-perRACH-OccasionAndCB-PreamblesPerSSB", &r->has_ssb_per_rach_occasion);
  cx_bool(c, "groupBconfigured", &r->has_group_b_configured);
  cx_bool(c, "rsrp-ThresholdSSB", &r->has_rsrp_threshold_ssb);
  cx_bool(c, "rsrp-ThresholdSSB-SUL", &sul);
  cx_absent(c, "rsrp-ThresholdSSB-SUL", sul);
  cx_bool(c, "msg1-SubcarrierSpacing", &r->has_msg1_subcarrier_spacing);
  cx_bool(c, "msg3-transformPrecoder", &r->msg3_transform_precoder);
  cx_rach_generic(c, &r->rach_config_generic);
  if (r->has_total_number_of_ra_preambles)
    CX_INT(c, "totalNumberOfRA-Preambles", r->total_number_of_ra_preambles, 1, 63);
  if (r->has_ssb_per_rach_occasion)
    cx_ssb_per_ro(c, r);
  if (r->has_group_b_configured)
    cx_group_b(c, r);
  CX_ENUM(c, "ra-ContentionResolutionTimer", r->ra_contention_resolution_timer, 8);
  if (r->has_rsrp_threshold_ssb)
    CX_INT(c, "rsrp-ThresholdSSB", r->rsrp_threshold_ssb, 0, 127);
  CX_INT(c, "prach-RootSequenceIndex", r->prach_root_sequence_index_type, 0, 1);
  if (!c->err)
    CX_INT(c, "prach-RootSequenceIndex", r->prach_root_sequence_index, 0,
           r->prach_root_sequence_index_type == RRC_PRACH_ROOT_L839 ? 837 : 137);
  if (r->has_msg1_subcarrier_spacing)
    CX_ENUM(c, "msg1-SubcarrierSpacing", r->msg1_subcarrier_spacing, 8);
  CX_ENUM(c, "restrictedSetConfig", r->restricted_set_config, 3);
  if (r->msg3_transform_precoder) {
    int64_t t = 0; /* ENUMERATED {enabled}: zero bits */
    cx_enum(c, "msg3-transformPrecoder", &t, 1, false);
  }
  cx_ext_end(c, ext);
}

/* PUSCH-TimeDomainResourceAllocation: 1 OPTIONAL (k2), no "..." */
static void cx_pusch_tdra(rrc_codec_t *c, rrc_tdra_t *t)
{
  cx_bool(c, "k2", &t->has_k);
  if (t->has_k)
    CX_INT(c, "k2", t->k, 0, 32);
  CX_ENUM(c, "mappingType", t->mapping_type, 2);
  CX_INT(c, "startSymbolAndLength", t->start_symbol_and_length, 0, 127);
}

/* PUSCH-ConfigCommon: "...", 4 OPTIONAL */
static void cx_pusch_common(rrc_codec_t *c, rrc_pusch_config_common_t *p)
{
  bool ext, list = p->nof_tdra > 0;
  cx_ext(c, &ext);
  cx_bool(c, "groupHoppingEnabledTransformPrecoding",
          &p->group_hopping_enabled_transform_precoding);
  cx_bool(c, "pusch-TimeDomainAllocationList", &list);
  cx_bool(c, "msg3-DeltaPreamble", &p->has_msg3_delta_preamble);
  cx_bool(c, "p0-NominalWithGrant", &p->has_p0_nominal_with_grant);
  if (p->group_hopping_enabled_transform_precoding) {
    int64_t t = 0; /* ENUMERATED {enabled} */
    cx_enum(c, "groupHoppingEnabledTransformPrecoding", &t, 1, false);
  }
  if (list) {
    CX_SIZE(c, "pusch-TimeDomainAllocationList", p->nof_tdra, 1, 16, RRC_MAX_TDRA);
    for (unsigned i = 0; i < p->nof_tdra && !c->err; i++)
      cx_pusch_tdra(c, &p->tdra[i]);
  }
  if (p->has_msg3_delta_preamble)
    CX_INT(c, "msg3-DeltaPreamble", p->msg3_delta_preamble, -1, 6);
  if (p->has_p0_nominal_with_grant)
    CX_INT(c, "p0-NominalWithGrant", p->p0_nominal_with_grant, -202, 24);
  cx_ext_end(c, ext);
}

/* PUCCH-ConfigCommon: "...", 3 OPTIONAL */
static void cx_pucch_common(rrc_codec_t *c, rrc_pucch_config_common_t *p)
{
  bool ext;
  cx_ext(c, &ext);
  cx_bool(c, "pucch-ResourceCommon", &p->has_pucch_resource_common);
  cx_bool(c, "hoppingId", &p->has_hopping_id);
  cx_bool(c, "p0-nominal", &p->has_p0_nominal);
  if (p->has_pucch_resource_common)
    CX_INT(c, "pucch-ResourceCommon", p->pucch_resource_common, 0, 15);
  CX_ENUM(c, "pucch-GroupHopping", p->pucch_group_hopping, 3);
  if (p->has_hopping_id)
    CX_INT(c, "hoppingId", p->hopping_id, 0, 1023);
  if (p->has_p0_nominal)
    CX_INT(c, "p0-nominal", p->p0_nominal, -202, 24);
  cx_ext_end(c, ext);
}

/* BWP-UplinkCommon: "...", 3 OPTIONAL SetupRelease */
static void cx_bwp_ul_common(rrc_codec_t *c, rrc_bwp_uplink_common_t *b)
{
  bool ext;
  cx_ext(c, &ext);
  cx_bool(c, "rach-ConfigCommon", &b->has_rach_config_common);
  cx_bool(c, "pusch-ConfigCommon", &b->has_pusch_config_common);
  cx_bool(c, "pucch-ConfigCommon", &b->has_pucch_config_common);
  rrc_cx_bwp(c, &b->generic_parameters);
  if (b->has_rach_config_common) {
    cx_setup(c, "rach-ConfigCommon");
    cx_rach_common(c, &b->rach_config_common);
  }
  if (b->has_pusch_config_common) {
    cx_setup(c, "pusch-ConfigCommon");
    cx_pusch_common(c, &b->pusch_config_common);
  }
  if (b->has_pucch_config_common) {
    cx_setup(c, "pucch-ConfigCommon");
    cx_pucch_common(c, &b->pucch_config_common);
  }
  cx_ext_end(c, ext);
}

/* UplinkConfigCommonSIB: no OPTIONAL, no "..." */
void rrc_cx_uplink_config_common_sib(rrc_codec_t *c, rrc_uplink_config_common_sib_t *u)
{
  cx_frequency_info_ul(c, &u->frequency_info_ul);
  cx_bwp_ul_common(c, &u->initial_uplink_bwp);
  CX_ENUM(c, "timeAlignmentTimerCommon", u->time_alignment_timer_common, 8);
}
