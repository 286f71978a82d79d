/* SPDX-License-Identifier: Apache-2.0 */
/* DownlinkConfigCommonSIB and what it holds (TS 38.331 v16.9.0 6.3.2): FrequencyInfoDL-SIB,
 * BWP-DownlinkCommon, PDCCH-ConfigCommon, SearchSpace, PDSCH-ConfigCommon, BCCH-Config,
 * PCCH-Config. Each function walks one ASN.1 type in its order: extension bit (19.1) when
 * the type has "...", the presence bits of its OPTIONAL root components, the components. */
#include "olive/support/error.h"
#include "sib1_internal.h"

/* NR-MultiBandInfo: 2 OPTIONAL (freqBandIndicatorNR, nr-NS-PmaxList); no "..." */
static void cx_multi_band_info(rrc_codec_t *c, rrc_nr_multi_band_info_t *b)
{
  bool pmax = false;
  cx_bool(c, "freqBandIndicatorNR", &b->has_freq_band_indicator_nr);
  cx_bool(c, "nr-NS-PmaxList", &pmax);
  if (b->has_freq_band_indicator_nr)
    CX_INT(c, "freqBandIndicatorNR", b->freq_band_indicator_nr, 1, 1024);
  if (pmax)
    rrc_cx_skip_nr_ns_pmax_list(c);
}

/* MultiFrequencyBandListNR-SIB ::= SEQUENCE (SIZE (1..maxNrofMultiBands)) OF NR-MultiBandInfo */
void rrc_cx_band_list(rrc_codec_t *c, uint8_t *n, rrc_nr_multi_band_info_t *band)
{
  CX_SIZE(c, "frequencyBandList", *n, 1, 8, RRC_MAX_MULTI_BANDS);
  for (unsigned i = 0; i < *n && !c->err; i++)
    cx_multi_band_info(c, &band[i]);
}

/* SCS-SpecificCarrier: "..." and no OPTIONAL root component */
static void cx_scs_carrier(rrc_codec_t *c, rrc_scs_specific_carrier_t *s)
{
  bool ext;
  cx_ext(c, &ext);
  CX_INT(c, "offsetToCarrier", s->offset_to_carrier, 0, 2199);
  CX_ENUM(c, "subcarrierSpacing", s->subcarrier_spacing, 8);
  CX_INT(c, "carrierBandwidth", s->carrier_bandwidth, 1, 275); /* maxNrofPhysicalResourceBlocks */
  cx_ext_end(c, ext);
}

/* scs-SpecificCarrierList SEQUENCE (SIZE (1..maxSCSs)) OF SCS-SpecificCarrier */
void rrc_cx_scs_carrier_list(rrc_codec_t *c, uint8_t *n, rrc_scs_specific_carrier_t *scs)
{
  CX_SIZE(c, "scs-SpecificCarrierList", *n, 1, 5, RRC_MAX_SCS);
  for (unsigned i = 0; i < *n && !c->err; i++)
    cx_scs_carrier(c, &scs[i]);
}

/* BWP: 1 OPTIONAL (cyclicPrefix), no "..." */
void rrc_cx_bwp(rrc_codec_t *c, rrc_bwp_t *b)
{
  cx_bool(c, "cyclicPrefix", &b->cyclic_prefix_extended);
  CX_INT(c, "locationAndBandwidth", b->location_and_bandwidth, 0, 37949);
  CX_ENUM(c, "subcarrierSpacing", b->subcarrier_spacing, 8);
  if (b->cyclic_prefix_extended) {
    int64_t extended = 0; /* ENUMERATED {extended}: a single value, zero bits */
    cx_enum(c, "cyclicPrefix", &extended, 1, false);
  }
}

/* FrequencyInfoDL-SIB: no OPTIONAL, no "..." */
static void cx_frequency_info_dl(rrc_codec_t *c, rrc_frequency_info_dl_sib_t *f)
{
  rrc_cx_band_list(c, &f->nof_bands, f->band);
  CX_INT(c, "offsetToPointA", f->offset_to_point_a, 0, 2199);
  rrc_cx_scs_carrier_list(c, &f->nof_scs, f->scs);
}

/* monitoringSlotPeriodicityAndOffset CHOICE {sl1 NULL, sl2 INTEGER (0..1), ...} */
static void cx_ss_periodicity(rrc_codec_t *c, rrc_search_space_t *s)
{
  static const uint16_t period[15] = {1, 2, 4, 5, 8, 10, 16, 20, 40, 80, 160, 320, 640, 1280, 2560};
  CX_INT(c, "monitoringSlotPeriodicityAndOffset", s->monitoring_slot_periodicity, 0, 14);
  if (c->err)
    return;
  if (s->monitoring_slot_periodicity == RRC_SS_SL1) {
    if (cx_enc(c) && s->monitoring_slot_offset != 0)
      cx_fail(c, "monitoringSlotPeriodicityAndOffset", OLIVE_EINVAL);
    s->monitoring_slot_offset = 0;
    return;
  }
  CX_INT(c, "monitoringSlotPeriodicityAndOffset", s->monitoring_slot_offset, 0,
         period[s->monitoring_slot_periodicity] - 1);
}

/* searchSpaceType CHOICE {common SEQUENCE {5 OPTIONAL}, ue-Specific SEQUENCE {.., ...}} */
static void cx_ss_type(rrc_codec_t *c, rrc_search_space_t *s)
{
  bool ext, other[4] = {false, false, false, false};
  static const char *const other_name[4] = {"dci-Format2-0", "dci-Format2-1", "dci-Format2-2",
                                            "dci-Format2-3"};
  CX_INT(c, "searchSpaceType", s->search_space_type, 0, 1);
  if (s->search_space_type == RRC_SS_TYPE_UE_SPECIFIC) {
    cx_ext(c, &ext);
    CX_ENUM(c, "dci-Formats", s->dci_formats, 2);
    cx_ext_end(c, ext);
    return;
  }
  cx_bool(c, "dci-Format0-0-AndFormat1-0", &s->dci_format0_0_and_format1_0);
  for (unsigned i = 0; i < 4; i++) {
    cx_bool(c, other_name[i], &other[i]);
    cx_absent(c, other_name[i], other[i]);
  }
  if (s->dci_format0_0_and_format1_0) { /* SEQUENCE { ... }: only its extension bit */
    cx_ext(c, &ext);
    cx_ext_end(c, ext);
  }
}

/* SearchSpace: 6 OPTIONAL, no "..." */
static void cx_search_space(rrc_codec_t *c, rrc_search_space_t *s)
{
  cx_bool(c, "controlResourceSetId", &s->has_control_resource_set_id);
  cx_bool(c, "monitoringSlotPeriodicityAndOffset", &s->has_monitoring_slot_periodicity_and_offset);
  cx_bool(c, "duration", &s->has_duration);
  cx_bool(c, "monitoringSymbolsWithinSlot", &s->has_monitoring_symbols_within_slot);
  cx_bool(c, "nrofCandidates", &s->has_nrof_candidates);
  cx_bool(c, "searchSpaceType", &s->has_search_space_type);
  CX_INT(c, "searchSpaceId", s->search_space_id, 0, 39);
  if (s->has_control_resource_set_id)
    CX_INT(c, "controlResourceSetId", s->control_resource_set_id, 0, 11);
  if (s->has_monitoring_slot_periodicity_and_offset)
    cx_ss_periodicity(c, s);
  if (s->has_duration)
    CX_INT(c, "duration", s->duration, 2, 2559);
  if (s->has_monitoring_symbols_within_slot)
    CX_BITS(c, "monitoringSymbolsWithinSlot", s->monitoring_symbols_within_slot, 14);
  if (s->has_nrof_candidates)
    for (unsigned i = 0; i < 5; i++)
      CX_ENUM(c, "nrofCandidates", s->nrof_candidates[i], 8);
  if (s->has_search_space_type)
    cx_ss_type(c, s);
}

/* PDCCH-ConfigCommon: "...", 8 OPTIONAL */
static void cx_pdcch_config_common(rrc_codec_t *c, rrc_pdcch_config_common_t *p)
{
  bool ext, coreset = false, list = p->nof_common_search_space > 0;
  cx_ext(c, &ext);
  cx_bool(c, "controlResourceSetZero", &p->has_control_resource_set_zero);
  cx_bool(c, "commonControlResourceSet", &coreset);
  cx_absent(c, "commonControlResourceSet", coreset);
  cx_bool(c, "searchSpaceZero", &p->has_search_space_zero);
  cx_bool(c, "commonSearchSpaceList", &list);
  cx_bool(c, "searchSpaceSIB1", &p->has_search_space_sib1);
  cx_bool(c, "searchSpaceOtherSystemInformation", &p->has_search_space_other_system_information);
  cx_bool(c, "pagingSearchSpace", &p->has_paging_search_space);
  cx_bool(c, "ra-SearchSpace", &p->has_ra_search_space);
  if (p->has_control_resource_set_zero)
    CX_INT(c, "controlResourceSetZero", p->control_resource_set_zero, 0, 15);
  if (p->has_search_space_zero)
    CX_INT(c, "searchSpaceZero", p->search_space_zero, 0, 15);
  if (list) {
    CX_SIZE(c, "commonSearchSpaceList", p->nof_common_search_space, 1, 4, RRC_MAX_COMMON_SS);
    for (unsigned i = 0; i < p->nof_common_search_space && !c->err; i++)
      cx_search_space(c, &p->common_search_space[i]);
  }
  if (p->has_search_space_sib1)
    CX_INT(c, "searchSpaceSIB1", p->search_space_sib1, 0, 39);
  if (p->has_search_space_other_system_information)
    CX_INT(c, "searchSpaceOtherSystemInformation", p->search_space_other_system_information, 0, 39);
  if (p->has_paging_search_space)
    CX_INT(c, "pagingSearchSpace", p->paging_search_space, 0, 39);
  if (p->has_ra_search_space)
    CX_INT(c, "ra-SearchSpace", p->ra_search_space, 0, 39);
  cx_ext_end(c, ext);
}

/* PDSCH-TimeDomainResourceAllocation: 1 OPTIONAL (k0), no "..." */
static void cx_pdsch_tdra(rrc_codec_t *c, rrc_tdra_t *t)
{
  cx_bool(c, "k0", &t->has_k);
  if (t->has_k)
    CX_INT(c, "k0", t->k, 0, 32);
  CX_ENUM(c, "mappingType", t->mapping_type, 2);
  CX_INT(c, "startSymbolAndLength", t->start_symbol_and_length, 0, 127);
}

/* PDSCH-ConfigCommon: "...", 1 OPTIONAL */
static void cx_pdsch_config_common(rrc_codec_t *c, rrc_pdsch_config_common_t *p)
{
  bool ext, list = p->nof_tdra > 0;
  cx_ext(c, &ext);
  cx_bool(c, "pdsch-TimeDomainAllocationList", &list);
  if (list) {
    CX_SIZE(c, "pdsch-TimeDomainAllocationList", p->nof_tdra, 1, 16, RRC_MAX_TDRA);
    for (unsigned i = 0; i < p->nof_tdra && !c->err; i++)
      cx_pdsch_tdra(c, &p->tdra[i]);
  }
  cx_ext_end(c, ext);
}

/* BWP-DownlinkCommon: "...", 2 OPTIONAL SetupRelease */
static void cx_bwp_dl_common(rrc_codec_t *c, rrc_bwp_downlink_common_t *b)
{
  bool ext;
  cx_ext(c, &ext);
  cx_bool(c, "pdcch-ConfigCommon", &b->has_pdcch_config_common);
  cx_bool(c, "pdsch-ConfigCommon", &b->has_pdsch_config_common);
  rrc_cx_bwp(c, &b->generic_parameters);
  if (b->has_pdcch_config_common) {
    cx_setup(c, "pdcch-ConfigCommon");
    cx_pdcch_config_common(c, &b->pdcch_config_common);
  }
  if (b->has_pdsch_config_common) {
    cx_setup(c, "pdsch-ConfigCommon");
    cx_pdsch_config_common(c, &b->pdsch_config_common);
  }
  cx_ext_end(c, ext);
}

/* PCCH-Config: "...", 1 OPTIONAL (firstPDCCH-MonitoringOccasionOfPO, never sent) */
static void cx_pcch_config(rrc_codec_t *c, rrc_pcch_config_t *p)
{
  static const uint8_t divisor[5] = {1, 2, 4, 8, 16}; /* oneT .. oneSixteenthT */
  bool ext, first_po = false;
  cx_ext(c, &ext);
  cx_bool(c, "firstPDCCH-MonitoringOccasionOfPO", &first_po);
  cx_absent(c, "firstPDCCH-MonitoringOccasionOfPO", first_po);
  CX_ENUM(c, "defaultPagingCycle", p->default_paging_cycle, 4);
  CX_INT(c, "nAndPagingFrameOffset", p->n_and_paging_frame_offset, 0, 4);
  if (!c->err && p->n_and_paging_frame_offset != RRC_PF_ONE_T)
    CX_INT(c, "nAndPagingFrameOffset", p->paging_frame_offset, 0,
           divisor[p->n_and_paging_frame_offset] - 1);
  else if (!c->err && cx_enc(c) && p->paging_frame_offset != 0)
    cx_fail(c, "nAndPagingFrameOffset", OLIVE_EINVAL);
  CX_ENUM(c, "ns", p->ns, 3);
  cx_ext_end(c, ext);
}

/* DownlinkConfigCommonSIB: "...", no OPTIONAL; BCCH-Config is SEQUENCE {coeff, ...} */
void rrc_cx_downlink_config_common_sib(rrc_codec_t *c, rrc_downlink_config_common_sib_t *d)
{
  bool ext, bcch_ext;
  cx_ext(c, &ext);
  cx_frequency_info_dl(c, &d->frequency_info_dl);
  cx_bwp_dl_common(c, &d->initial_downlink_bwp);
  cx_ext(c, &bcch_ext);
  CX_ENUM(c, "modificationPeriodCoeff", d->bcch_modification_period_coeff, 4);
  cx_ext_end(c, bcch_ext);
  cx_pcch_config(c, &d->pcch_config);
  cx_ext_end(c, ext);
}
