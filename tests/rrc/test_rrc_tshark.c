/* SPDX-License-Identifier: Apache-2.0 */
/* Our MIB and SIB1 encodings decoded by an independent implementation: Wireshark's nr-rrc
 * dissector (tshark 4.0, built from the TS 38.331 v17 ASN.1 by its own PER engine).
 * MIBs go into a pcap with DLT 147 mapped to "nr-rrc.bcch.bch", SIB1s into one with DLT 148
 * mapped to "nr-rrc.bcch.dl.sch" (two user_dlts entries in a private config dir: HOME and
 * WIRESHARK_CONFIG_DIR point to a temporary directory). For every message tshark prints
 * about 60 fields (-T fields, all occurrences in tree order); each must equal the value in
 * our struct, formatted as tshark prints it, and no message may be malformed or carry any
 * expert item. Messages: the hand-worked MIB (24 06 04) and 200 random MIBs; the srsUE
 * default SIB1, a variant with TDD and si-SchedulingInfo, the builder's TDD n78 cell, a SIB1
 * written bit by bit with the fields only other gNBs send and the default with an
 * nr-NS-PmaxList spliced in (sib1_foreign.h), and 60 random valid SIB1s (fixed seed). Exit 77
 * (CTest skip) when tshark is absent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive/support/pcap.h"
#include "olive_test.h"
#include "sib1_foreign.h"
#include "sib1_random.h"

#define DLT_BCCH_BCH    147 /* User 0 */
#define DLT_BCCH_DL_SCH 148 /* User 1 */
#define NOF_RANDOM_MIB  200
#define NOF_RANDOM_SIB1 60
#define NOF_FIXED_SIB1  5 /* default, TDD + SI, n78, foreign, default + nr-NS-PmaxList */
#define MAX_MSG         (NOF_RANDOM_MIB + 1) /* > NOF_RANDOM_SIB1 + NOF_FIXED_SIB1 */
#define EXP_LEN         600

static char dir[64];

/* ---- expected tshark output -------------------------------------------------------- */

static const char *const mib_fields[] = {
    "nr-rrc.systemFrameNumber",
    "nr-rrc.subCarrierSpacingCommon",
    "nr-rrc.ssb_SubcarrierOffset",
    "nr-rrc.dmrs_TypeA_Position",
    "nr-rrc.controlResourceSetZero",
    "nr-rrc.searchSpaceZero",
    "nr-rrc.cellBarred",
    "nr-rrc.intraFreqReselection",
    "nr-rrc.spare",
    "_ws.malformed",
    "_ws.expert.severity",
};

enum {
  F_QRX,
  F_QQUAL,
  F_DIGIT,
  F_TAC,
  F_RANAC,
  F_CELLID,
  F_RESERVED,
  F_SIPER,
  F_VTAG,
  F_SIWIN,
  F_BAND,
  F_POINTA,
  F_CARRIERBW,
  F_OFFCARRIER,
  F_LOCBW,
  F_CS0,
  F_SS0,
  F_SSID,
  F_DURATION,
  F_SYMBOLS,
  F_SSSIB1,
  F_SSPAGING,
  F_SSRA,
  F_SLIV,
  F_K0,
  F_K2,
  F_PAGINGCYCLE,
  F_ULPOINTA,
  F_PMAX,
  F_PRACHIDX,
  F_MSG1START,
  F_ZCZ,
  F_PRTP,
  F_TRANSMAX,
  F_RAWIN,
  F_TOTALPRE,
  F_PREGA,
  F_CRTIMER,
  F_RSRP,
  F_L839,
  F_L139,
  F_RESTRICTED,
  F_MSG3DP,
  F_P0GRANT,
  F_PUCCHRES,
  F_PUCCHGH,
  F_HOPID,
  F_P0NOM,
  F_TAT,
  F_NTA,
  F_INONE,
  F_GROUPP,
  F_SSBPER,
  F_TDDSCS,
  F_TDDPER,
  F_DLSLOTS,
  F_DLSYMS,
  F_ULSLOTS,
  F_ULSYMS,
  F_SSPWR,
  F_T300,
  F_T301,
  F_T310,
  F_N310,
  F_T311,
  F_N311,
  F_T319,
  F_MALFORMED,
  F_EXPERT,
  NF
};

static const char *const sib1_fields[NF] = {
    "q_RxLevMin",
    "q_QualMin",
    "MCC_MNC_Digit",
    "trackingAreaCode",
    "ranac",
    "cellIdentity",
    "cellReservedForOperatorUse",
    "si_Periodicity",
    "valueTag",
    "si_WindowLength",
    "freqBandIndicatorNR",
    "offsetToPointA",
    "carrierBandwidth",
    "offsetToCarrier",
    "locationAndBandwidth",
    "controlResourceSetZero",
    "searchSpaceZero",
    "searchSpaceId",
    "duration",
    "monitoringSymbolsWithinSlot",
    "searchSpaceSIB1",
    "pagingSearchSpace",
    "ra_SearchSpace",
    "startSymbolAndLength",
    "k0",
    "k2",
    "defaultPagingCycle",
    "absoluteFrequencyPointA",
    "p_Max",
    "prach_ConfigurationIndex",
    "msg1_FrequencyStart",
    "zeroCorrelationZoneConfig",
    "preambleReceivedTargetPower",
    "preambleTransMax",
    "ra_ResponseWindow",
    "totalNumberOfRA_Preambles",
    "numberOfRA_PreamblesGroupA",
    "ra_ContentionResolutionTimer",
    "rsrp_ThresholdSSB",
    "l839",
    "l139",
    "restrictedSetConfig",
    "msg3_DeltaPreamble",
    "p0_NominalWithGrant",
    "pucch_ResourceCommon",
    "pucch_GroupHopping",
    "hoppingId",
    "p0_nominal",
    "timeAlignmentTimerCommon",
    "n_TimingAdvanceOffset",
    "inOneGroup",
    "groupPresence",
    "ssb_PeriodicityServingCell",
    "referenceSubcarrierSpacing",
    "dl_UL_TransmissionPeriodicity",
    "nrofDownlinkSlots",
    "nrofDownlinkSymbols",
    "nrofUplinkSlots",
    "nrofUplinkSymbols",
    "ss_PBCH_BlockPower",
    "t300",
    "t301",
    "t310",
    "n310",
    "t311",
    "n311",
    "t319",
    "_ws.malformed",
    "_ws.expert.severity",
};

typedef char exp_row_t[NF][EXP_LEN];

/* Appends one occurrence (tshark joins occurrences with ','). */
static void add(char *dst, const char *fmt, ...)
{
  size_t n = strlen(dst);
  va_list ap;
  if (n)
    dst[n++] = ',';
  va_start(ap, fmt);
  vsnprintf(dst + n, EXP_LEN - n, fmt, ap);
  va_end(ap);
}

static void exp_mib(const rrc_mib_t *m, char e[][EXP_LEN])
{
  /* bit strings print as their octets, left-aligned (6 bits -> << 2, 1 bit -> << 7) */
  add(e[0], "%02x", m->system_frame_number << 2);
  add(e[1], "%d", m->sub_carrier_spacing_common);
  add(e[2], "%d", m->ssb_subcarrier_offset);
  add(e[3], "%d", m->dmrs_type_a_position);
  add(e[4], "%d", m->control_resource_set_zero);
  add(e[5], "%d", m->search_space_zero);
  add(e[6], "%d", m->cell_barred);
  add(e[7], "%d", m->intra_freq_reselection);
  add(e[8], "%02x", m->spare << 7);
}

static void exp_access(const rrc_sib1_t *s, exp_row_t e)
{
  const rrc_cell_access_related_info_t *a = &s->cell_access_related_info;
  if (s->has_cell_selection_info) {
    add(e[F_QRX], "%d", s->cell_selection_info.q_rx_lev_min);
    if (s->cell_selection_info.has_q_qual_min)
      add(e[F_QQUAL], "%d", s->cell_selection_info.q_qual_min);
  }
  for (unsigned i = 0; i < a->nof_plmn; i++) {
    for (unsigned k = 0; a->plmn[i].has_mcc && k < 3; k++)
      add(e[F_DIGIT], "%d", a->plmn[i].mcc[k]);
    for (unsigned k = 0; k < a->plmn[i].nof_mnc_digits; k++)
      add(e[F_DIGIT], "%d", a->plmn[i].mnc[k]);
  }
  if (a->has_tracking_area_code)
    add(e[F_TAC], "%06x", a->tracking_area_code);
  if (a->has_ranac)
    add(e[F_RANAC], "%d", a->ranac);
  add(e[F_CELLID], "%010llx", (unsigned long long)a->cell_identity << 4);
  add(e[F_RESERVED], "%d", a->cell_reserved_for_operator_use);
  if (s->has_si_scheduling_info) {
    const rrc_si_scheduling_info_t *si = &s->si_scheduling_info;
    for (unsigned i = 0; i < si->nof_si; i++) {
      add(e[F_SIPER], "%d", si->si[i].si_periodicity);
      for (unsigned k = 0; k < si->si[i].nof_sib; k++)
        if (si->si[i].sib[k].has_value_tag)
          add(e[F_VTAG], "%d", si->si[i].sib[k].value_tag);
    }
    add(e[F_SIWIN], "%d", si->si_window_length);
  }
}

static void exp_carriers(const rrc_nr_multi_band_info_t *b, unsigned nb,
                         const rrc_scs_specific_carrier_t *c, unsigned nc, exp_row_t e)
{
  for (unsigned i = 0; i < nb; i++)
    if (b[i].has_freq_band_indicator_nr)
      add(e[F_BAND], "%d", b[i].freq_band_indicator_nr);
  for (unsigned i = 0; i < nc; i++) {
    add(e[F_OFFCARRIER], "%d", c[i].offset_to_carrier);
    add(e[F_CARRIERBW], "%d", c[i].carrier_bandwidth);
  }
}

static void exp_tdra(const rrc_tdra_t *t, unsigned n, int k_field, exp_row_t e)
{
  for (unsigned i = 0; i < n; i++) {
    if (t[i].has_k)
      add(e[k_field], "%d", t[i].k);
    add(e[F_SLIV], "%d", t[i].start_symbol_and_length);
  }
}

static void exp_pdcch(const rrc_pdcch_config_common_t *p, exp_row_t e)
{
  if (p->has_control_resource_set_zero)
    add(e[F_CS0], "%d", p->control_resource_set_zero);
  if (p->has_search_space_zero)
    add(e[F_SS0], "%d", p->search_space_zero);
  for (unsigned i = 0; i < p->nof_common_search_space; i++) {
    const rrc_search_space_t *ss = &p->common_search_space[i];
    add(e[F_SSID], "%d", ss->search_space_id);
    if (ss->has_duration)
      add(e[F_DURATION], "%d", ss->duration);
    if (ss->has_monitoring_symbols_within_slot)
      add(e[F_SYMBOLS], "%04x", ss->monitoring_symbols_within_slot << 2);
  }
  if (p->has_search_space_sib1)
    add(e[F_SSSIB1], "%d", p->search_space_sib1);
  if (p->has_paging_search_space)
    add(e[F_SSPAGING], "%d", p->paging_search_space);
  if (p->has_ra_search_space)
    add(e[F_SSRA], "%d", p->ra_search_space);
}

static void exp_dl(const rrc_downlink_config_common_sib_t *d, exp_row_t e)
{
  const rrc_bwp_downlink_common_t *b = &d->initial_downlink_bwp;
  exp_carriers(d->frequency_info_dl.band, d->frequency_info_dl.nof_bands, d->frequency_info_dl.scs,
               d->frequency_info_dl.nof_scs, e);
  add(e[F_POINTA], "%d", d->frequency_info_dl.offset_to_point_a);
  add(e[F_LOCBW], "%d", b->generic_parameters.location_and_bandwidth);
  if (b->has_pdcch_config_common)
    exp_pdcch(&b->pdcch_config_common, e);
  if (b->has_pdsch_config_common)
    exp_tdra(b->pdsch_config_common.tdra, b->pdsch_config_common.nof_tdra, F_K0, e);
  add(e[F_PAGINGCYCLE], "%d", d->pcch_config.default_paging_cycle);
}

static void exp_rach(const rrc_rach_config_common_t *r, exp_row_t e)
{
  const rrc_rach_config_generic_t *g = &r->rach_config_generic;
  add(e[F_PRACHIDX], "%d", g->prach_configuration_index);
  add(e[F_MSG1START], "%d", g->msg1_frequency_start);
  add(e[F_ZCZ], "%d", g->zero_correlation_zone_config);
  add(e[F_PRTP], "%d", g->preamble_received_target_power);
  add(e[F_TRANSMAX], "%d", g->preamble_trans_max);
  add(e[F_RAWIN], "%d", g->ra_response_window);
  if (r->has_total_number_of_ra_preambles)
    add(e[F_TOTALPRE], "%d", r->total_number_of_ra_preambles);
  if (r->has_group_b_configured)
    add(e[F_PREGA], "%d", r->number_of_ra_preambles_group_a);
  add(e[F_CRTIMER], "%d", r->ra_contention_resolution_timer);
  if (r->has_rsrp_threshold_ssb)
    add(e[F_RSRP], "%d", r->rsrp_threshold_ssb);
  add(e[r->prach_root_sequence_index_type == RRC_PRACH_ROOT_L839 ? F_L839 : F_L139], "%d",
      r->prach_root_sequence_index);
  add(e[F_RESTRICTED], "%d", r->restricted_set_config);
}

static void exp_ul(const rrc_uplink_config_common_sib_t *u, exp_row_t e)
{
  const rrc_frequency_info_ul_sib_t *f = &u->frequency_info_ul;
  const rrc_bwp_uplink_common_t *b = &u->initial_uplink_bwp;
  exp_carriers(f->band, f->nof_bands, f->scs, f->nof_scs, e);
  if (f->has_absolute_frequency_point_a)
    add(e[F_ULPOINTA], "%u", f->absolute_frequency_point_a);
  if (f->has_p_max)
    add(e[F_PMAX], "%d", f->p_max);
  add(e[F_LOCBW], "%d", b->generic_parameters.location_and_bandwidth);
  if (b->has_rach_config_common)
    exp_rach(&b->rach_config_common, e);
  if (b->has_pusch_config_common) {
    const rrc_pusch_config_common_t *p = &b->pusch_config_common;
    exp_tdra(p->tdra, p->nof_tdra, F_K2, e);
    if (p->has_msg3_delta_preamble)
      add(e[F_MSG3DP], "%d", p->msg3_delta_preamble);
    if (p->has_p0_nominal_with_grant)
      add(e[F_P0GRANT], "%d", p->p0_nominal_with_grant);
  }
  if (b->has_pucch_config_common) {
    const rrc_pucch_config_common_t *p = &b->pucch_config_common;
    if (p->has_pucch_resource_common)
      add(e[F_PUCCHRES], "%d", p->pucch_resource_common);
    add(e[F_PUCCHGH], "%d", p->pucch_group_hopping);
    if (p->has_hopping_id)
      add(e[F_HOPID], "%d", p->hopping_id);
    if (p->has_p0_nominal)
      add(e[F_P0NOM], "%d", p->p0_nominal);
  }
  add(e[F_TAT], "%d", u->time_alignment_timer_common);
}

static void exp_tdd_pattern(const rrc_tdd_ul_dl_pattern_t *p, exp_row_t e)
{
  add(e[F_TDDPER], "%d", p->dl_ul_transmission_periodicity);
  add(e[F_DLSLOTS], "%d", p->nrof_downlink_slots);
  add(e[F_DLSYMS], "%d", p->nrof_downlink_symbols);
  add(e[F_ULSLOTS], "%d", p->nrof_uplink_slots);
  add(e[F_ULSYMS], "%d", p->nrof_uplink_symbols);
}

static void exp_scc(const rrc_serving_cell_config_common_sib_t *s, exp_row_t e)
{
  exp_dl(&s->downlink_config_common, e);
  if (s->has_uplink_config_common)
    exp_ul(&s->uplink_config_common, e);
  if (s->has_n_timing_advance_offset)
    add(e[F_NTA], "%d", s->n_timing_advance_offset);
  add(e[F_INONE], "%02x", s->ssb_positions_in_burst_in_one_group);
  if (s->has_group_presence)
    add(e[F_GROUPP], "%02x", s->ssb_positions_in_burst_group_presence);
  add(e[F_SSBPER], "%d", s->ssb_periodicity_serving_cell);
  if (s->has_tdd_ul_dl_configuration_common) {
    const rrc_tdd_ul_dl_config_common_t *t = &s->tdd_ul_dl_configuration_common;
    add(e[F_TDDSCS], "%d", t->reference_subcarrier_spacing);
    exp_tdd_pattern(&t->pattern1, e);
    if (t->has_pattern2)
      exp_tdd_pattern(&t->pattern2, e);
  }
  add(e[F_SSPWR], "%d", s->ss_pbch_block_power);
}

static void exp_sib1(const rrc_sib1_t *s, exp_row_t e)
{
  exp_access(s, e);
  if (s->has_serving_cell_config_common)
    exp_scc(&s->serving_cell_config_common, e);
  if (s->has_ue_timers_and_constants) {
    const rrc_ue_timers_and_constants_t *t = &s->ue_timers_and_constants;
    add(e[F_T300], "%d", t->t300);
    add(e[F_T301], "%d", t->t301);
    add(e[F_T310], "%d", t->t310);
    add(e[F_N310], "%d", t->n310);
    add(e[F_T311], "%d", t->t311);
    add(e[F_N311], "%d", t->n311);
    add(e[F_T319], "%d", t->t319);
  }
}

/* ---- tshark ------------------------------------------------------------------------ */

/* Runs tshark on path with the given fields and compares each line with exp[i]. */
static void run_tshark(const char *path, const char *const *fields, unsigned nf, const char *prefix,
                       char (*exp)[EXP_LEN], unsigned nmsg, const char *what)
{
  static char cmd[8192], line[65536];
  int n = snprintf(cmd, sizeof cmd,
                   "HOME=%s WIRESHARK_CONFIG_DIR=%s tshark -r %s -T fields -E separator='|' "
                   "-E occurrence=a -E aggregator=,",
                   dir, dir, path);
  for (unsigned f = 0; f < nf; f++)
    n += snprintf(cmd + n, sizeof cmd - (size_t)n, " -e %s%s", fields[f][0] == '_' ? "" : prefix,
                  fields[f]);
  snprintf(cmd + n, sizeof cmd - (size_t)n, " 2>/dev/null");
  FILE *p = popen(cmd, "r");
  CHECK(p != NULL, "popen");
  if (!p)
    return;
  unsigned i = 0;
  while (fgets(line, sizeof line, p)) {
    line[strcspn(line, "\r\n")] = 0;
    char *tok = line;
    for (unsigned f = 0; f < nf && i < nmsg; f++) {
      char *bar = strchr(tok, '|');
      if (bar)
        *bar = 0;
      const char *want = exp[(size_t)i * nf + f];
      CHECK(strcmp(tok, want) == 0, "%s %u: %s tshark '%s', ours '%s'", what, i, fields[f], tok,
            want);
      tok = bar ? bar + 1 : tok + strlen(tok);
    }
    i++;
  }
  CHECK(i == nmsg, "%s: tshark decoded %u messages, expected %u", what, i, nmsg);
  pclose(p);
}

/* A TDD cell with si-SchedulingInfo and the optional fields the default leaves out. */
static void tdd_variant(rrc_sib1_t *s)
{
  rrc_sib1_cell_cfg_t cfg;
  rrc_sib1_cell_cfg_default(&cfg);
  rrc_sib1_build_default(&cfg, s);
  rrc_serving_cell_config_common_sib_t *scc = &s->serving_cell_config_common;
  rrc_rach_config_common_t *r = &scc->uplink_config_common.initial_uplink_bwp.rach_config_common;
  s->cell_selection_info.has_q_qual_min = true;
  s->cell_selection_info.q_qual_min = -20;
  s->cell_access_related_info.has_ranac = true;
  s->cell_access_related_info.ranac = 200;
  s->has_si_scheduling_info = true;
  s->si_scheduling_info.nof_si = 1;
  s->si_scheduling_info.si[0] = (rrc_scheduling_info_t){
      RRC_SI_BROADCASTING, RRC_SI_RF16, 1, {{RRC_SIB_TYPE2, true, 5, false}}};
  s->si_scheduling_info.si_window_length = RRC_SI_WINDOW_S20;
  scc->has_tdd_ul_dl_configuration_common = true;
  scc->tdd_ul_dl_configuration_common.reference_subcarrier_spacing = RRC_SCS_KHZ30;
  scc->tdd_ul_dl_configuration_common.pattern1 = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS5, 7, 6, 2, 4};
  scc->n_timing_advance_offset = RRC_N_TA_OFFSET_N39936;
  r->has_total_number_of_ra_preambles = true;
  r->total_number_of_ra_preambles = 63;
  r->has_group_b_configured = true;
  r->number_of_ra_preambles_group_a = 32;
  r->has_rsrp_threshold_ssb = true;
  r->rsrp_threshold_ssb = 100;
}

/* The builder's TDD n78 30 kHz cell (DDDDDDDSUU, 5 ms). */
static void n78_default(rrc_sib1_t *s)
{
  rrc_sib1_cell_cfg_t cfg;
  rrc_sib1_cell_cfg_default(&cfg);
  cfg.band = 78;
  cfg.scs = RRC_SCS_KHZ30;
  cfg.nof_prb = 51;
  cfg.tdd = true;
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS5, 7, 6, 2, 4};
  CHECK(rrc_sib1_build_default(&cfg, s) == 0, "n78 default");
}

static int write_pcap(const char *path, uint32_t dlt, uint8_t (*msg)[RRC_SIB1_MAX_BYTES * 4],
                      const size_t *len, unsigned n)
{
  olive_pcap_t *p = olive_pcap_open(path, dlt, 0);
  if (!p)
    return -1;
  for (unsigned i = 0; i < n; i++)
    CHECK(olive_pcap_write(p, msg[i], len[i]) == 0, "pcap write");
  olive_pcap_close(p);
  return 0;
}

_Static_assert(MAX_MSG >= NOF_RANDOM_SIB1 + NOF_FIXED_SIB1, "message store");
static uint8_t msgs[MAX_MSG][RRC_SIB1_MAX_BYTES * 4];
static size_t lens[MAX_MSG];
static char exp_mib_rows[NOF_RANDOM_MIB + 1][OLIVE_ARRAY_SIZE(mib_fields)][EXP_LEN];
static exp_row_t exp_sib1_rows[NOF_RANDOM_SIB1 + NOF_FIXED_SIB1];

static void check_mibs(olive_test_rng_t *rng)
{
  char path[128];
  for (unsigned i = 0; i <= NOF_RANDOM_MIB; i++) {
    rrc_mib_t m = {0x12, 0, 0, 0, 12, 0, RRC_CELL_NOT_BARRED, 0, 0}; /* the hand vector first */
    if (i > 0)
      m = (rrc_mib_t){(uint8_t)olive_test_below(rng, 64), olive_test_below(rng, 2),
                      (uint8_t)olive_test_below(rng, 16), olive_test_below(rng, 2),
                      (uint8_t)olive_test_below(rng, 16), (uint8_t)olive_test_below(rng, 16),
                      olive_test_below(rng, 2),           olive_test_below(rng, 2),
                      (uint8_t)olive_test_below(rng, 2)};
    CHECK(rrc_mib_pack(&m, msgs[i], RRC_MIB_BYTES, NULL) == 0, "MIB pack");
    lens[i] = RRC_MIB_BYTES;
    exp_mib(&m, exp_mib_rows[i]);
  }
  snprintf(path, sizeof path, "%s/mib.pcap", dir);
  CHECK(write_pcap(path, DLT_BCCH_BCH, msgs, lens, NOF_RANDOM_MIB + 1) == 0, "mib pcap");
  run_tshark(path, mib_fields, OLIVE_ARRAY_SIZE(mib_fields), "", exp_mib_rows[0],
             NOF_RANDOM_MIB + 1, "MIB");
}

static void check_sib1s(olive_test_rng_t *rng)
{
  static rrc_sib1_t s;
  char path[128];
  for (unsigned i = 0; i < NOF_RANDOM_SIB1 + NOF_FIXED_SIB1; i++) {
    rrc_sib1_cell_cfg_t cfg;
    rrc_sib1_cell_cfg_default(&cfg);
    if (i == 0)
      CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "default");
    else if (i == 1)
      tdd_variant(&s);
    else if (i == 2)
      n78_default(&s);
    else if (i > 4)
      sib1_random(rng, &s);
    if (i == 3 || i == 4) { /* written bit by bit: tshark must find them well-formed too */
      if (i == 3)
        sib1_foreign_expected(&s);
      lens[i] = i == 3 ? sib1_foreign(msgs[i], sizeof msgs[i])
                       : sib1_with_pmax_list(msgs[i], sizeof msgs[i], &s);
      CHECK(lens[i] > 0, "foreign SIB1 %u", i);
    } else {
      int n = rrc_sib1_pack(&s, msgs[i], sizeof msgs[i], NULL, NULL);
      CHECK(n > 0, "SIB1 %u pack %d", i, n);
      lens[i] = n > 0 ? (size_t)n : 0;
    }
    exp_sib1(&s, exp_sib1_rows[i]);
  }
  snprintf(path, sizeof path, "%s/sib1.pcap", dir);
  CHECK(write_pcap(path, DLT_BCCH_DL_SCH, msgs, lens, NOF_RANDOM_SIB1 + NOF_FIXED_SIB1) == 0,
        "sib1 pcap");
  run_tshark(path, sib1_fields, NF, "nr-rrc.", exp_sib1_rows[0], NOF_RANDOM_SIB1 + NOF_FIXED_SIB1,
             "SIB1");
}

int main(void)
{
  if (system("command -v tshark >/dev/null 2>&1") != 0) {
    printf("SKIP: tshark not found; MIB/SIB1 are not checked against Wireshark\n");
    return 77;
  }
  snprintf(dir, sizeof dir, "/tmp/olive_rrc_tshark_XXXXXX");
  if (!mkdtemp(dir))
    return 1;
  char path[128];
  snprintf(path, sizeof path, "%s/user_dlts", dir);
  FILE *f = fopen(path, "w");
  if (!f)
    return 1;
  fprintf(f, "\"User 0 (DLT=147)\",\"nr-rrc.bcch.bch\",\"0\",\"\",\"0\",\"\"\n"
             "\"User 1 (DLT=148)\",\"nr-rrc.bcch.dl.sch\",\"0\",\"\",\"0\",\"\"\n");
  fclose(f);
  olive_test_rng_t rng = OLIVE_TEST_RNG(0x75A4);
  check_mibs(&rng);
  check_sib1s(&rng);
  if (!getenv("RRC_TSHARK_KEEP")) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0, "cleanup");
  } else {
    printf("pcaps kept in %s\n", dir);
  }
  return olive_test_done();
}
