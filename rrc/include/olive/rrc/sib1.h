/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 (TS 38.331 v16.9.0 6.2.2, BCCH-DL-SCH-Message c1 systemInformationBlockType1) and the
 * IEs of 6.3 it carries. Each struct is one ASN.1 type (named in its comment) with plain
 * fields in ASN.1 order; each enum lists the ASN.1 ENUMERATED values in order, so the enum
 * value is the PER index. An OPTIONAL field has a has_<field> flag (or a count of 0 for an
 * optional list). Fields we never send are left out of the structs; the decoder refuses
 * them with OLIVE_ENOTSUP (see rrc/README.md for the list). Extension additions ("...")
 * are never sent and are skipped on decode. */
#ifndef OLIVE_RRC_SIB1_H
#define OLIVE_RRC_SIB1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* Capacities of our structs. Where smaller than the ASN.1 bound, encode rejects more. */
#define RRC_MAX_PLMN        4   /* plmn-IdentityList entries (ASN.1: maxPLMN = 12) */
#define RRC_MAX_MULTI_BANDS 8   /* maxNrofMultiBands */
#define RRC_MAX_SCS         5   /* maxSCSs */
#define RRC_MAX_COMMON_SS   4   /* commonSearchSpaceList SIZE (1..4) */
#define RRC_MAX_TDRA        16  /* maxNrofDL-Allocations = maxNrofUL-Allocations */
#define RRC_MAX_SI          8   /* schedulingInfoList entries (ASN.1: maxSI-Message = 32) */
#define RRC_MAX_SIB_PER_SI  8   /* sib-MappingInfo entries (ASN.1: maxSIB = 32) */
#define RRC_SIB1_MAX_BYTES  372 /* TS 38.331 5.2.1: SIB1 at most 2976 bits */

/* SubcarrierSpacing ::= ENUMERATED */
typedef enum rrc_scs {
  RRC_SCS_KHZ15,
  RRC_SCS_KHZ30,
  RRC_SCS_KHZ60,
  RRC_SCS_KHZ120,
  RRC_SCS_KHZ240,
} rrc_scs_t;

/* ---- cellSelectionInfo, cellAccessRelatedInfo ---------------------------------------- */

/* SIB1 cellSelectionInfo SEQUENCE (no extension marker) */
typedef struct rrc_cell_selection_info {
  int8_t q_rx_lev_min; /* Q-RxLevMin (-70..-22), x2 dBm */
  bool has_q_rx_lev_min_offset;
  uint8_t q_rx_lev_min_offset; /* 1..8 */
  bool has_q_rx_lev_min_sul;
  int8_t q_rx_lev_min_sul; /* Q-RxLevMin */
  bool has_q_qual_min;
  int8_t q_qual_min; /* Q-QualMin (-43..-12) */
  bool has_q_qual_min_offset;
  uint8_t q_qual_min_offset; /* 1..8 */
} rrc_cell_selection_info_t;

/* PLMN-Identity: MCC (3 digits, OPTIONAL) and MNC (2 or 3 digits), each 0..9 */
typedef struct rrc_plmn_identity {
  bool has_mcc;
  uint8_t mcc[3];
  uint8_t nof_mnc_digits; /* 2..3 */
  uint8_t mnc[3];
} rrc_plmn_identity_t;

typedef enum rrc_cell_reserved_for_operator_use {
  RRC_CELL_RESERVED,
  RRC_CELL_NOT_RESERVED,
} rrc_cell_reserved_for_operator_use_t;

/* CellAccessRelatedInfo with a plmn-IdentityInfoList of one PLMN-IdentityInfo */
typedef struct rrc_cell_access_related_info {
  uint8_t nof_plmn; /* plmn-IdentityList, 1..RRC_MAX_PLMN */
  rrc_plmn_identity_t plmn[RRC_MAX_PLMN];
  bool has_tracking_area_code;
  uint32_t tracking_area_code; /* TrackingAreaCode, BIT STRING (SIZE (24)) */
  bool has_ranac;
  uint8_t ranac;          /* RAN-AreaCode (0..255) */
  uint64_t cell_identity; /* CellIdentity, BIT STRING (SIZE (36)) */
  rrc_cell_reserved_for_operator_use_t cell_reserved_for_operator_use;
  bool cell_reserved_for_other_use; /* ENUMERATED {true} OPTIONAL */
} rrc_cell_access_related_info_t;

/* ---- si-SchedulingInfo ---------------------------------------------------------------- */

typedef enum rrc_si_broadcast_status {
  RRC_SI_BROADCASTING,
  RRC_SI_NOT_BROADCASTING,
} rrc_si_broadcast_status_t;

typedef enum rrc_si_periodicity {
  RRC_SI_RF8,
  RRC_SI_RF16,
  RRC_SI_RF32,
  RRC_SI_RF64,
  RRC_SI_RF128,
  RRC_SI_RF256,
  RRC_SI_RF512,
} rrc_si_periodicity_t;

/* SIB-TypeInfo type: ENUMERATED {sibType2 .. sibType14-v1610, spare3..spare1, ...} */
typedef enum rrc_sib_type {
  RRC_SIB_TYPE2,
  RRC_SIB_TYPE3,
  RRC_SIB_TYPE4,
  RRC_SIB_TYPE5,
  RRC_SIB_TYPE6,
  RRC_SIB_TYPE7,
  RRC_SIB_TYPE8,
  RRC_SIB_TYPE9,
  RRC_SIB_TYPE10_V1610,
  RRC_SIB_TYPE11_V1610,
  RRC_SIB_TYPE12_V1610,
  RRC_SIB_TYPE13_V1610,
  RRC_SIB_TYPE14_V1610,
  RRC_SIB_TYPE_SPARE3,
  RRC_SIB_TYPE_SPARE2,
  RRC_SIB_TYPE_SPARE1,
} rrc_sib_type_t;

/* SIB-TypeInfo */
typedef struct rrc_sib_type_info {
  rrc_sib_type_t type;
  bool has_value_tag;
  uint8_t value_tag; /* 0..31 */
  bool area_scope;   /* ENUMERATED {true} OPTIONAL */
} rrc_sib_type_info_t;

/* SchedulingInfo */
typedef struct rrc_scheduling_info {
  rrc_si_broadcast_status_t si_broadcast_status;
  rrc_si_periodicity_t si_periodicity;
  uint8_t nof_sib; /* sib-MappingInfo, 1..RRC_MAX_SIB_PER_SI */
  rrc_sib_type_info_t sib[RRC_MAX_SIB_PER_SI];
} rrc_scheduling_info_t;

typedef enum rrc_si_window_length {
  RRC_SI_WINDOW_S5,
  RRC_SI_WINDOW_S10,
  RRC_SI_WINDOW_S20,
  RRC_SI_WINDOW_S40,
  RRC_SI_WINDOW_S80,
  RRC_SI_WINDOW_S160,
  RRC_SI_WINDOW_S320,
  RRC_SI_WINDOW_S640,
  RRC_SI_WINDOW_S1280,
} rrc_si_window_length_t;

/* SI-SchedulingInfo (si-RequestConfig and si-RequestConfigSUL never sent) */
typedef struct rrc_si_scheduling_info {
  uint8_t nof_si; /* schedulingInfoList, 1..RRC_MAX_SI */
  rrc_scheduling_info_t si[RRC_MAX_SI];
  rrc_si_window_length_t si_window_length;
  bool has_system_information_area_id;
  uint32_t system_information_area_id; /* BIT STRING (SIZE (24)) */
} rrc_si_scheduling_info_t;

/* ---- DownlinkConfigCommonSIB ---------------------------------------------------------- */

/* NR-MultiBandInfo (nr-NS-PmaxList never sent; skipped on decode) */
typedef struct rrc_nr_multi_band_info {
  bool has_freq_band_indicator_nr;
  uint16_t freq_band_indicator_nr; /* FreqBandIndicatorNR (1..1024) */
} rrc_nr_multi_band_info_t;

/* SCS-SpecificCarrier */
typedef struct rrc_scs_specific_carrier {
  uint16_t offset_to_carrier; /* 0..2199, PRBs */
  rrc_scs_t subcarrier_spacing;
  uint16_t carrier_bandwidth; /* 1..275, PRBs */
} rrc_scs_specific_carrier_t;

/* FrequencyInfoDL-SIB */
typedef struct rrc_frequency_info_dl_sib {
  uint8_t nof_bands; /* frequencyBandList, 1..8 */
  rrc_nr_multi_band_info_t band[RRC_MAX_MULTI_BANDS];
  uint16_t offset_to_point_a; /* 0..2199, PRBs of 15 kHz (FR1) */
  uint8_t nof_scs;            /* scs-SpecificCarrierList, 1..5 */
  rrc_scs_specific_carrier_t scs[RRC_MAX_SCS];
} rrc_frequency_info_dl_sib_t;

/* BWP */
typedef struct rrc_bwp {
  uint16_t location_and_bandwidth; /* RIV 0..37949 (38.214 5.1.2.2.2, N_BWP = 275) */
  rrc_scs_t subcarrier_spacing;
  bool cyclic_prefix_extended; /* cyclicPrefix ENUMERATED {extended} OPTIONAL */
} rrc_bwp_t;

/* SearchSpace monitoringSlotPeriodicityAndOffset CHOICE: sl1 .. sl2560 */
typedef enum rrc_ss_periodicity {
  RRC_SS_SL1,
  RRC_SS_SL2,
  RRC_SS_SL4,
  RRC_SS_SL5,
  RRC_SS_SL8,
  RRC_SS_SL10,
  RRC_SS_SL16,
  RRC_SS_SL20,
  RRC_SS_SL40,
  RRC_SS_SL80,
  RRC_SS_SL160,
  RRC_SS_SL320,
  RRC_SS_SL640,
  RRC_SS_SL1280,
  RRC_SS_SL2560,
} rrc_ss_periodicity_t;

/* nrofCandidates: ENUMERATED {n0, n1, n2, n3, n4, n5, n6, n8} per aggregation level */
typedef enum rrc_nrof_candidates {
  RRC_CAND_N0,
  RRC_CAND_N1,
  RRC_CAND_N2,
  RRC_CAND_N3,
  RRC_CAND_N4,
  RRC_CAND_N5,
  RRC_CAND_N6,
  RRC_CAND_N8,
} rrc_nrof_candidates_t;

typedef enum rrc_ss_type {
  RRC_SS_TYPE_COMMON,      /* searchSpaceType common */
  RRC_SS_TYPE_UE_SPECIFIC, /* searchSpaceType ue-Specific */
} rrc_ss_type_t;

typedef enum rrc_ss_dci_formats {
  RRC_DCI_FORMATS_0_0_AND_1_0,
  RRC_DCI_FORMATS_0_1_AND_1_1,
} rrc_ss_dci_formats_t;

/* SearchSpace (common: only dci-Format0-0-AndFormat1-0 is ever sent) */
typedef struct rrc_search_space {
  uint8_t search_space_id; /* SearchSpaceId (0..39) */
  bool has_control_resource_set_id;
  uint8_t control_resource_set_id; /* ControlResourceSetId (0..11) */
  bool has_monitoring_slot_periodicity_and_offset;
  rrc_ss_periodicity_t monitoring_slot_periodicity;
  uint16_t monitoring_slot_offset; /* 0..period-1 (none for sl1) */
  bool has_duration;
  uint16_t duration; /* 2..2559 */
  bool has_monitoring_symbols_within_slot;
  uint16_t monitoring_symbols_within_slot; /* BIT STRING (SIZE (14)), MSB = symbol 0 */
  bool has_nrof_candidates;
  rrc_nrof_candidates_t nrof_candidates[5]; /* aggregationLevel1, 2, 4, 8, 16 */
  bool has_search_space_type;
  rrc_ss_type_t search_space_type;
  bool dci_format0_0_and_format1_0; /* common: dci-Format0-0-AndFormat1-0 present */
  rrc_ss_dci_formats_t dci_formats; /* ue-Specific */
} rrc_search_space_t;

/* PDCCH-ConfigCommon (commonControlResourceSet never sent) */
typedef struct rrc_pdcch_config_common {
  bool has_control_resource_set_zero;
  uint8_t control_resource_set_zero; /* 0..15 */
  bool has_search_space_zero;
  uint8_t search_space_zero;       /* 0..15 */
  uint8_t nof_common_search_space; /* commonSearchSpaceList, 0 (absent) or 1..4 */
  rrc_search_space_t common_search_space[RRC_MAX_COMMON_SS];
  bool has_search_space_sib1;
  uint8_t search_space_sib1; /* SearchSpaceId */
  bool has_search_space_other_system_information;
  uint8_t search_space_other_system_information;
  bool has_paging_search_space;
  uint8_t paging_search_space;
  bool has_ra_search_space;
  uint8_t ra_search_space;
} rrc_pdcch_config_common_t;

typedef enum rrc_mapping_type {
  RRC_MAPPING_TYPE_A,
  RRC_MAPPING_TYPE_B,
} rrc_mapping_type_t;

/* PDSCH-TimeDomainResourceAllocation and PUSCH-TimeDomainResourceAllocation */
typedef struct rrc_tdra {
  bool has_k; /* k0 (PDSCH) or k2 (PUSCH) present */
  uint8_t k;  /* 0..32 slots */
  rrc_mapping_type_t mapping_type;
  uint8_t start_symbol_and_length; /* SLIV 0..127 (38.214 5.1.2.1) */
} rrc_tdra_t;

/* PDSCH-ConfigCommon */
typedef struct rrc_pdsch_config_common {
  uint8_t nof_tdra; /* pdsch-TimeDomainAllocationList, 0 (absent) or 1..16 */
  rrc_tdra_t tdra[RRC_MAX_TDRA];
} rrc_pdsch_config_common_t;

/* BWP-DownlinkCommon; pdcch/pdsch-ConfigCommon are SetupRelease, sent as setup */
typedef struct rrc_bwp_downlink_common {
  rrc_bwp_t generic_parameters;
  bool has_pdcch_config_common;
  rrc_pdcch_config_common_t pdcch_config_common;
  bool has_pdsch_config_common;
  rrc_pdsch_config_common_t pdsch_config_common;
} rrc_bwp_downlink_common_t;

/* BCCH-Config modificationPeriodCoeff */
typedef enum rrc_modification_period_coeff {
  RRC_MOD_PERIOD_N2,
  RRC_MOD_PERIOD_N4,
  RRC_MOD_PERIOD_N8,
  RRC_MOD_PERIOD_N16,
} rrc_modification_period_coeff_t;

/* PagingCycle */
typedef enum rrc_paging_cycle {
  RRC_PAGING_RF32,
  RRC_PAGING_RF64,
  RRC_PAGING_RF128,
  RRC_PAGING_RF256,
} rrc_paging_cycle_t;

/* PCCH-Config nAndPagingFrameOffset CHOICE */
typedef enum rrc_n_and_pf_offset {
  RRC_PF_ONE_T,
  RRC_PF_HALF_T,
  RRC_PF_QUARTER_T,
  RRC_PF_ONE_EIGHTH_T,
  RRC_PF_ONE_SIXTEENTH_T,
} rrc_n_and_pf_offset_t;

typedef enum rrc_pcch_ns {
  RRC_PCCH_NS_FOUR,
  RRC_PCCH_NS_TWO,
  RRC_PCCH_NS_ONE,
} rrc_pcch_ns_t;

/* PCCH-Config (firstPDCCH-MonitoringOccasionOfPO never sent) */
typedef struct rrc_pcch_config {
  rrc_paging_cycle_t default_paging_cycle;
  rrc_n_and_pf_offset_t n_and_paging_frame_offset;
  uint8_t paging_frame_offset; /* 0..(N divisor - 1): none for oneT */
  rrc_pcch_ns_t ns;
} rrc_pcch_config_t;

/* DownlinkConfigCommonSIB */
typedef struct rrc_downlink_config_common_sib {
  rrc_frequency_info_dl_sib_t frequency_info_dl;
  rrc_bwp_downlink_common_t initial_downlink_bwp;
  rrc_modification_period_coeff_t bcch_modification_period_coeff; /* BCCH-Config */
  rrc_pcch_config_t pcch_config;
} rrc_downlink_config_common_sib_t;

/* ---- UplinkConfigCommonSIB ------------------------------------------------------------ */

/* FrequencyInfoUL-SIB */
typedef struct rrc_frequency_info_ul_sib {
  uint8_t nof_bands; /* frequencyBandList, 0 (absent) or 1..8 */
  rrc_nr_multi_band_info_t band[RRC_MAX_MULTI_BANDS];
  bool has_absolute_frequency_point_a;
  uint32_t absolute_frequency_point_a; /* ARFCN-ValueNR (0..3279165) */
  uint8_t nof_scs;                     /* scs-SpecificCarrierList, 1..5 */
  rrc_scs_specific_carrier_t scs[RRC_MAX_SCS];
  bool has_p_max;
  int8_t p_max;                /* P-Max (-30..33) dBm */
  bool frequency_shift_7p5khz; /* ENUMERATED {true} OPTIONAL */
} rrc_frequency_info_ul_sib_t;

typedef enum rrc_msg1_fdm {
  RRC_MSG1_FDM_ONE,
  RRC_MSG1_FDM_TWO,
  RRC_MSG1_FDM_FOUR,
  RRC_MSG1_FDM_EIGHT
} rrc_msg1_fdm_t;

typedef enum rrc_preamble_trans_max {
  RRC_PREAMBLE_TRANS_MAX_N3,
  RRC_PREAMBLE_TRANS_MAX_N4,
  RRC_PREAMBLE_TRANS_MAX_N5,
  RRC_PREAMBLE_TRANS_MAX_N6,
  RRC_PREAMBLE_TRANS_MAX_N7,
  RRC_PREAMBLE_TRANS_MAX_N8,
  RRC_PREAMBLE_TRANS_MAX_N10,
  RRC_PREAMBLE_TRANS_MAX_N20,
  RRC_PREAMBLE_TRANS_MAX_N50,
  RRC_PREAMBLE_TRANS_MAX_N100,
  RRC_PREAMBLE_TRANS_MAX_N200,
} rrc_preamble_trans_max_t;

typedef enum rrc_power_ramping_step {
  RRC_POWER_RAMPING_DB0,
  RRC_POWER_RAMPING_DB2,
  RRC_POWER_RAMPING_DB4,
  RRC_POWER_RAMPING_DB6,
} rrc_power_ramping_step_t;

typedef enum rrc_ra_response_window {
  RRC_RA_RESPONSE_WINDOW_SL1,
  RRC_RA_RESPONSE_WINDOW_SL2,
  RRC_RA_RESPONSE_WINDOW_SL4,
  RRC_RA_RESPONSE_WINDOW_SL8,
  RRC_RA_RESPONSE_WINDOW_SL10,
  RRC_RA_RESPONSE_WINDOW_SL20,
  RRC_RA_RESPONSE_WINDOW_SL40,
  RRC_RA_RESPONSE_WINDOW_SL80,
} rrc_ra_response_window_t;

/* RACH-ConfigGeneric */
typedef struct rrc_rach_config_generic {
  uint8_t prach_configuration_index; /* 0..255 (38.211 Tables 6.3.3.2-2..4) */
  rrc_msg1_fdm_t msg1_fdm;
  uint16_t msg1_frequency_start;          /* 0..274 PRBs */
  uint8_t zero_correlation_zone_config;   /* 0..15 */
  int16_t preamble_received_target_power; /* -202..-60 dBm */
  rrc_preamble_trans_max_t preamble_trans_max;
  rrc_power_ramping_step_t power_ramping_step;
  rrc_ra_response_window_t ra_response_window;
} rrc_rach_config_generic_t;

/* ssb-perRACH-OccasionAndCB-PreamblesPerSSB CHOICE */
typedef enum rrc_ssb_per_rach_occasion {
  RRC_SSB_PER_RO_ONE_EIGHTH,
  RRC_SSB_PER_RO_ONE_FOURTH,
  RRC_SSB_PER_RO_ONE_HALF,
  RRC_SSB_PER_RO_ONE,
  RRC_SSB_PER_RO_TWO,
  RRC_SSB_PER_RO_FOUR,
  RRC_SSB_PER_RO_EIGHT,
  RRC_SSB_PER_RO_SIXTEEN,
} rrc_ssb_per_rach_occasion_t;

typedef enum rrc_ra_msg3_size_group_a {
  RRC_MSG3_B56,
  RRC_MSG3_B144,
  RRC_MSG3_B208,
  RRC_MSG3_B256,
  RRC_MSG3_B282,
  RRC_MSG3_B480,
  RRC_MSG3_B640,
  RRC_MSG3_B800,
  RRC_MSG3_B1000,
  RRC_MSG3_B72,
} rrc_ra_msg3_size_group_a_t;

typedef enum rrc_message_power_offset_group_b {
  RRC_MPO_MINUS_INFINITY,
  RRC_MPO_DB0,
  RRC_MPO_DB5,
  RRC_MPO_DB8,
  RRC_MPO_DB10,
  RRC_MPO_DB12,
  RRC_MPO_DB15,
  RRC_MPO_DB18,
} rrc_message_power_offset_group_b_t;

typedef enum rrc_ra_contention_resolution_timer {
  RRC_RA_CR_SF8,
  RRC_RA_CR_SF16,
  RRC_RA_CR_SF24,
  RRC_RA_CR_SF32,
  RRC_RA_CR_SF40,
  RRC_RA_CR_SF48,
  RRC_RA_CR_SF56,
  RRC_RA_CR_SF64,
} rrc_ra_contention_resolution_timer_t;

typedef enum rrc_prach_root_seq {
  RRC_PRACH_ROOT_L839,
  RRC_PRACH_ROOT_L139,
} rrc_prach_root_seq_t;

typedef enum rrc_restricted_set_config {
  RRC_RESTRICTED_SET_UNRESTRICTED,
  RRC_RESTRICTED_SET_TYPE_A,
  RRC_RESTRICTED_SET_TYPE_B,
} rrc_restricted_set_config_t;

/* RACH-ConfigCommon (rsrp-ThresholdSSB-SUL never sent) */
typedef struct rrc_rach_config_common {
  rrc_rach_config_generic_t rach_config_generic;
  bool has_total_number_of_ra_preambles;
  uint8_t total_number_of_ra_preambles; /* 1..63 */
  bool has_ssb_per_rach_occasion;
  rrc_ssb_per_rach_occasion_t ssb_per_rach_occasion;
  /* CB preambles per SSB as a count: 4, 8, .., 64 for oneEighth..one (ENUMERATED n4..n64),
   * 4..32 for two (n4..n32), 1..16 / 1..8 / 1..4 for four / eight / sixteen (INTEGER). */
  uint8_t cb_preambles_per_ssb;
  bool has_group_b_configured;
  rrc_ra_msg3_size_group_a_t ra_msg3_size_group_a;
  rrc_message_power_offset_group_b_t message_power_offset_group_b;
  uint8_t number_of_ra_preambles_group_a; /* 1..64 */
  rrc_ra_contention_resolution_timer_t ra_contention_resolution_timer;
  bool has_rsrp_threshold_ssb;
  uint8_t rsrp_threshold_ssb; /* RSRP-Range (0..127) */
  rrc_prach_root_seq_t prach_root_sequence_index_type;
  uint16_t prach_root_sequence_index; /* l839: 0..837, l139: 0..137 */
  bool has_msg1_subcarrier_spacing;
  rrc_scs_t msg1_subcarrier_spacing;
  rrc_restricted_set_config_t restricted_set_config;
  bool msg3_transform_precoder; /* ENUMERATED {enabled} OPTIONAL */
} rrc_rach_config_common_t;

/* PUSCH-ConfigCommon */
typedef struct rrc_pusch_config_common {
  bool group_hopping_enabled_transform_precoding; /* ENUMERATED {enabled} OPTIONAL */
  uint8_t nof_tdra; /* pusch-TimeDomainAllocationList, 0 (absent) or 1..16 */
  rrc_tdra_t tdra[RRC_MAX_TDRA];
  bool has_msg3_delta_preamble;
  int8_t msg3_delta_preamble; /* -1..6 */
  bool has_p0_nominal_with_grant;
  int16_t p0_nominal_with_grant; /* -202..24 dBm */
} rrc_pusch_config_common_t;

typedef enum rrc_pucch_group_hopping {
  RRC_PUCCH_GH_NEITHER,
  RRC_PUCCH_GH_ENABLE,
  RRC_PUCCH_GH_DISABLE,
} rrc_pucch_group_hopping_t;

/* PUCCH-ConfigCommon */
typedef struct rrc_pucch_config_common {
  bool has_pucch_resource_common;
  uint8_t pucch_resource_common; /* 0..15 (38.213 Table 9.2.1-1) */
  rrc_pucch_group_hopping_t pucch_group_hopping;
  bool has_hopping_id;
  uint16_t hopping_id; /* 0..1023 */
  bool has_p0_nominal;
  int16_t p0_nominal; /* -202..24 dBm */
} rrc_pucch_config_common_t;

/* BWP-UplinkCommon; rach/pusch/pucch-ConfigCommon are SetupRelease, sent as setup */
typedef struct rrc_bwp_uplink_common {
  rrc_bwp_t generic_parameters;
  bool has_rach_config_common;
  rrc_rach_config_common_t rach_config_common;
  bool has_pusch_config_common;
  rrc_pusch_config_common_t pusch_config_common;
  bool has_pucch_config_common;
  rrc_pucch_config_common_t pucch_config_common;
} rrc_bwp_uplink_common_t;

/* TimeAlignmentTimer */
typedef enum rrc_time_alignment_timer {
  RRC_TAT_MS500,
  RRC_TAT_MS750,
  RRC_TAT_MS1280,
  RRC_TAT_MS1920,
  RRC_TAT_MS2560,
  RRC_TAT_MS5120,
  RRC_TAT_MS10240,
  RRC_TAT_INFINITY,
} rrc_time_alignment_timer_t;

/* UplinkConfigCommonSIB */
typedef struct rrc_uplink_config_common_sib {
  rrc_frequency_info_ul_sib_t frequency_info_ul;
  rrc_bwp_uplink_common_t initial_uplink_bwp;
  rrc_time_alignment_timer_t time_alignment_timer_common;
} rrc_uplink_config_common_sib_t;

/* ---- ServingCellConfigCommonSIB ------------------------------------------------------- */

typedef enum rrc_n_timing_advance_offset {
  RRC_N_TA_OFFSET_N0,
  RRC_N_TA_OFFSET_N25600,
  RRC_N_TA_OFFSET_N39936,
} rrc_n_timing_advance_offset_t;

typedef enum rrc_ssb_periodicity {
  RRC_SSB_PERIOD_MS5,
  RRC_SSB_PERIOD_MS10,
  RRC_SSB_PERIOD_MS20,
  RRC_SSB_PERIOD_MS40,
  RRC_SSB_PERIOD_MS80,
  RRC_SSB_PERIOD_MS160,
} rrc_ssb_periodicity_t;

typedef enum rrc_dl_ul_tx_periodicity {
  RRC_TDD_MS0P5,
  RRC_TDD_MS0P625,
  RRC_TDD_MS1,
  RRC_TDD_MS1P25,
  RRC_TDD_MS2,
  RRC_TDD_MS2P5,
  RRC_TDD_MS5,
  RRC_TDD_MS10,
} rrc_dl_ul_tx_periodicity_t;

/* TDD-UL-DL-Pattern */
typedef struct rrc_tdd_ul_dl_pattern {
  rrc_dl_ul_tx_periodicity_t dl_ul_transmission_periodicity;
  uint16_t nrof_downlink_slots;  /* 0..320 */
  uint8_t nrof_downlink_symbols; /* 0..13 */
  uint16_t nrof_uplink_slots;    /* 0..320 */
  uint8_t nrof_uplink_symbols;   /* 0..13 */
} rrc_tdd_ul_dl_pattern_t;

/* TDD-UL-DL-ConfigCommon */
typedef struct rrc_tdd_ul_dl_config_common {
  rrc_scs_t reference_subcarrier_spacing;
  rrc_tdd_ul_dl_pattern_t pattern1;
  bool has_pattern2;
  rrc_tdd_ul_dl_pattern_t pattern2;
} rrc_tdd_ul_dl_config_common_t;

/* ServingCellConfigCommonSIB (supplementaryUplink never sent) */
typedef struct rrc_serving_cell_config_common_sib {
  rrc_downlink_config_common_sib_t downlink_config_common;
  bool has_uplink_config_common;
  rrc_uplink_config_common_sib_t uplink_config_common;
  bool has_n_timing_advance_offset;
  rrc_n_timing_advance_offset_t n_timing_advance_offset;
  uint8_t ssb_positions_in_burst_in_one_group; /* inOneGroup BIT STRING (SIZE (8)), MSB = SSB 0 */
  bool has_group_presence;
  uint8_t ssb_positions_in_burst_group_presence; /* groupPresence (FR2 only) */
  rrc_ssb_periodicity_t ssb_periodicity_serving_cell;
  bool has_tdd_ul_dl_configuration_common;
  rrc_tdd_ul_dl_config_common_t tdd_ul_dl_configuration_common;
  int8_t ss_pbch_block_power; /* -60..50 dBm */
} rrc_serving_cell_config_common_sib_t;

/* ---- UE-TimersAndConstants, SIB1 ------------------------------------------------------ */

/* t300, t301, t319: ENUMERATED {ms100, ms200, ms300, ms400, ms600, ms1000, ms1500, ms2000} */
typedef enum rrc_t300 {
  RRC_T300_MS100,
  RRC_T300_MS200,
  RRC_T300_MS300,
  RRC_T300_MS400,
  RRC_T300_MS600,
  RRC_T300_MS1000,
  RRC_T300_MS1500,
  RRC_T300_MS2000,
} rrc_t300_t;

typedef enum rrc_t310 {
  RRC_T310_MS0,
  RRC_T310_MS50,
  RRC_T310_MS100,
  RRC_T310_MS200,
  RRC_T310_MS500,
  RRC_T310_MS1000,
  RRC_T310_MS2000,
} rrc_t310_t;

typedef enum rrc_n310 {
  RRC_N310_N1,
  RRC_N310_N2,
  RRC_N310_N3,
  RRC_N310_N4,
  RRC_N310_N6,
  RRC_N310_N8,
  RRC_N310_N10,
  RRC_N310_N20,
} rrc_n310_t;

typedef enum rrc_t311 {
  RRC_T311_MS1000,
  RRC_T311_MS3000,
  RRC_T311_MS5000,
  RRC_T311_MS10000,
  RRC_T311_MS15000,
  RRC_T311_MS20000,
  RRC_T311_MS30000,
} rrc_t311_t;

typedef enum rrc_n311 {
  RRC_N311_N1,
  RRC_N311_N2,
  RRC_N311_N3,
  RRC_N311_N4,
  RRC_N311_N5,
  RRC_N311_N6,
  RRC_N311_N8,
  RRC_N311_N10,
} rrc_n311_t;

/* UE-TimersAndConstants */
typedef struct rrc_ue_timers_and_constants {
  rrc_t300_t t300;
  rrc_t300_t t301;
  rrc_t310_t t310;
  rrc_n310_t n310;
  rrc_t311_t t311;
  rrc_n311_t n311;
  rrc_t300_t t319;
} rrc_ue_timers_and_constants_t;

/* SIB1 (connEstFailureControl, uac-BarringInfo, lateNonCriticalExtension and
 * nonCriticalExtension never sent; skipped on decode, see skipped_fields) */
typedef struct rrc_sib1 {
  bool has_cell_selection_info;
  rrc_cell_selection_info_t cell_selection_info;
  rrc_cell_access_related_info_t cell_access_related_info;
  bool has_si_scheduling_info;
  rrc_si_scheduling_info_t si_scheduling_info;
  bool has_serving_cell_config_common;
  rrc_serving_cell_config_common_sib_t serving_cell_config_common;
  bool ims_emergency_support;  /* ENUMERATED {true} OPTIONAL */
  bool ecall_over_ims_support; /* ENUMERATED {true} OPTIONAL */
  bool has_ue_timers_and_constants;
  rrc_ue_timers_and_constants_t ue_timers_and_constants;
  bool use_full_resume_id; /* ENUMERATED {true} OPTIONAL */
  /* Decode only (pack ignores it): the message had fields we do not model and stepped over
   * (connEstFailureControl, uac-BarringInfo, nr-NS-PmaxList, lateNonCriticalExtension) or a
   * nonCriticalExtension we did not read. */
  bool skipped_fields;
} rrc_sib1_t;

/* Encodes BCCH-DL-SCH-Message { c1 systemInformationBlockType1 } into out (cap bytes).
 * Returns the number of bytes (the encoding padded to a whole octet, 11.1) and the exact
 * bit count in *nbits (when not NULL). Errors: OLIVE_EINVAL for a field outside its range
 * or a count beyond its array (*bad_field names the ASN.1 field when bad_field is not
 * NULL), OLIVE_ERANGE when cap is too small. Never allocates. To keep a SIB1 within what
 * the physical layer carries (2976 bits, 38.331 5.2.1), pass cap = RRC_SIB1_MAX_BYTES. */
OLIVE_API int rrc_sib1_pack(const rrc_sib1_t *sib1, uint8_t *out, size_t cap, size_t *nbits,
                            const char **bad_field);

/* Decodes a BCCH-DL-SCH-Message of len bytes carrying SIB1. 0; OLIVE_EPROTO for malformed
 * or truncated input; OLIVE_ENOTSUP for a valid message we do not handle (SystemInformation,
 * one of the rarer fields we never send, a SetupRelease release). The common fields of
 * other gNBs that we do not model are stepped over (skipped_fields). *sib1 is zeroed first. */
OLIVE_API int rrc_sib1_unpack(const uint8_t *buf, size_t len, rrc_sib1_t *sib1);

/* The fields a cell scanner shows, on one line (PLMNs, TAC, cell identity, band, carrier,
 * CORESET#0/SS#0, PRACH, SSB, TDD pattern, timers), enums by their ASN.1 names, e.g.
 * "plmn=001-01 tac=7 cell_id=0x0066c000 ...". Absent parts are left out. snprintf
 * semantics as rrc_mib_to_str. Not for the slot path. */
OLIVE_API int rrc_sib1_to_str(const rrc_sib1_t *sib1, char *out, size_t cap);

/* ASN.1 name of a SubcarrierSpacing value ("kHz15"), "?" outside the enum. */
OLIVE_API const char *rrc_scs_name(rrc_scs_t scs);

/* ---- default SIB1 from a small cell config (srsUE-compatible) ------------------------- */

/* The few numbers the default SIB1 is built from. */
typedef struct rrc_sib1_cell_cfg {
  uint16_t band;                       /* NR band, e.g. 3 */
  rrc_scs_t scs;                       /* carrier, BWP and common SCS: kHz15 or kHz30 (FR1) */
  uint16_t nof_prb;                    /* carrier width in PRBs at scs, e.g. 106 */
  uint16_t offset_to_point_a;          /* PRBs (15 kHz) from point A to the SSB's CRB */
  bool tdd;                            /* unpaired spectrum: tdd_pattern sent, no UL frequency */
  rrc_tdd_ul_dl_pattern_t tdd_pattern; /* pattern1, reference SCS = scs */
  uint32_t ul_point_a_arfcn;           /* FDD UL point A (ARFCN) */
  uint8_t pusch_k2;                    /* k2 of the one PUSCH time-domain allocation (Msg3) */
  uint8_t coreset0_index;              /* ControlResourceSetZero, e.g. 12 */
  uint8_t ss0_index;                   /* SearchSpaceZero, e.g. 0 */
  uint8_t prach_config_index;          /* e.g. 1 (format 0, L = 839) */
  uint16_t prach_root_seq_index;       /* l839 root, 0..837 */
  uint16_t msg1_frequency_start;       /* >= 1 for srsUE */
  uint8_t mcc[3];
  uint8_t mnc[3];
  uint8_t nof_mnc_digits;
  uint32_t tac;           /* 24 bits */
  uint64_t cell_identity; /* 36 bits */
  rrc_ssb_periodicity_t ssb_periodicity;
  int8_t ss_pbch_block_power; /* dBm, -60..50 */
} rrc_sib1_cell_cfg_t;

/* The tutorial cell srsUE expects (shared/INTEROP.md): band 3 FDD, 106 PRB at 15 kHz,
 * CORESET#0 index 12, SS#0 index 0, PRACH configuration index 1 (format 0, L = 839),
 * PLMN 00101, TAC 7. */
OLIVE_API void rrc_sib1_cell_cfg_default(rrc_sib1_cell_cfg_t *cfg);

/* Fills a SIB1 for the cell: rach-, pusch-, pucch-, pdcch- and pdsch-ConfigCommon all
 * present, msg1-FrequencyStart >= 1, prach-RootSequenceIndex l839 (what srsUE needs; srsUE
 * itself takes 15 kHz FDD only). OLIVE_EINVAL when cfg breaks one of those rules, uses an
 * SCS other than 15/30 kHz, has a TDD pattern that does not fit its period, or puts a field
 * out of range (checked by packing). */
OLIVE_API int rrc_sib1_build_default(const rrc_sib1_cell_cfg_t *cfg, rrc_sib1_t *sib1);

#endif
