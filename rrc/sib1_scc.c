/* SPDX-License-Identifier: Apache-2.0 */
/* ServingCellConfigCommonSIB and TDD-UL-DL-ConfigCommon (TS 38.331 v16.9.0 6.3.2). */
#include "olive/support/error.h"
#include "sib1_internal.h"

/* TDD-UL-DL-Pattern: "...", no OPTIONAL root component */
static void cx_tdd_pattern(rrc_codec_t *c, rrc_tdd_ul_dl_pattern_t *p)
{
  bool ext;
  cx_ext(c, &ext);
  CX_ENUM(c, "dl-UL-TransmissionPeriodicity", p->dl_ul_transmission_periodicity, 8);
  CX_INT(c, "nrofDownlinkSlots", p->nrof_downlink_slots, 0, 320); /* maxNrofSlots */
  CX_INT(c, "nrofDownlinkSymbols", p->nrof_downlink_symbols, 0, 13);
  CX_INT(c, "nrofUplinkSlots", p->nrof_uplink_slots, 0, 320);
  CX_INT(c, "nrofUplinkSymbols", p->nrof_uplink_symbols, 0, 13);
  cx_ext_end(c, ext);
}

/* TDD-UL-DL-ConfigCommon: "...", 1 OPTIONAL (pattern2) */
static void cx_tdd_common(rrc_codec_t *c, rrc_tdd_ul_dl_config_common_t *t)
{
  bool ext;
  cx_ext(c, &ext);
  cx_bool(c, "pattern2", &t->has_pattern2);
  CX_ENUM(c, "referenceSubcarrierSpacing", t->reference_subcarrier_spacing, 8);
  cx_tdd_pattern(c, &t->pattern1);
  if (t->has_pattern2)
    cx_tdd_pattern(c, &t->pattern2);
  cx_ext_end(c, ext);
}

/* ServingCellConfigCommonSIB: "...", 4 OPTIONAL; ssb-PositionsInBurst is a SEQUENCE with
 * 1 OPTIONAL (groupPresence) and no "..." */
void rrc_cx_serving_cell_config_common_sib(rrc_codec_t *c, rrc_serving_cell_config_common_sib_t *s)
{
  bool ext, sul = false;
  cx_ext(c, &ext);
  cx_bool(c, "uplinkConfigCommon", &s->has_uplink_config_common);
  cx_bool(c, "supplementaryUplink", &sul);
  cx_absent(c, "supplementaryUplink", sul);
  cx_bool(c, "n-TimingAdvanceOffset", &s->has_n_timing_advance_offset);
  cx_bool(c, "tdd-UL-DL-ConfigurationCommon", &s->has_tdd_ul_dl_configuration_common);
  rrc_cx_downlink_config_common_sib(c, &s->downlink_config_common);
  if (s->has_uplink_config_common)
    rrc_cx_uplink_config_common_sib(c, &s->uplink_config_common);
  if (s->has_n_timing_advance_offset)
    CX_ENUM(c, "n-TimingAdvanceOffset", s->n_timing_advance_offset, 3);
  cx_bool(c, "groupPresence", &s->has_group_presence);
  CX_BITS(c, "inOneGroup", s->ssb_positions_in_burst_in_one_group, 8);
  if (s->has_group_presence)
    CX_BITS(c, "groupPresence", s->ssb_positions_in_burst_group_presence, 8);
  CX_ENUM(c, "ssb-PeriodicityServingCell", s->ssb_periodicity_serving_cell, 6);
  if (s->has_tdd_ul_dl_configuration_common)
    cx_tdd_common(c, &s->tdd_ul_dl_configuration_common);
  CX_INT(c, "ss-PBCH-BlockPower", s->ss_pbch_block_power, -60, 50);
  cx_ext_end(c, ext);
}
