/* SPDX-License-Identifier: Apache-2.0 */
/* Downlink control information, fallback formats: DCI 1_0 (TS 38.212 7.3.1.2.1) and
 * DCI 0_0 (7.3.1.1.1) packed and unpacked for C-RNTI, TC-RNTI, SI-RNTI, RA-RNTI and (1_0)
 * P-RNTI, the payload size alignment between them (7.3.1.0, 7.3.1.1.1, 7.3.1.2.1), and
 * the resource indication value of resource allocation type 1 (TS 38.214 5.1.2.2.2,
 * 6.1.2.2.2).
 *
 * Bits are one per byte (0/1), field MSB first, fields in the order of 7.3.1. Not covered:
 * the PDCCH-order form of 1_0 (C-RNTI with an all-ones FDRA), frequency hopping
 * offsets inside the 0_0 FDRA, the UL/SUL indicator, shared-spectrum variants.
 *
 * Non-fallback formats: DCI 1_1 (7.3.1.2.2) and 0_1 (7.3.1.1.2) for one configuration of
 * phy_dci_ue_cfg_t, with the size alignment steps 2-4 of 7.3.1.0. Not covered (rejected
 * with OLIVE_ENOTSUP): SUL, CBG transmission, UL precoding for more than one antenna port,
 * UL rank above 1 (so no PTRS-DMRS association field), HARQ process number of 5 bits.
 * The Rel-16/17 fields (priority indicator, ChannelAccess-CPext, minimum scheduling
 * offset, SCell dormancy, PDSCH groups, open-loop power control) are absent (0 bits): the
 * configuration has no way to turn them on. */
#ifndef OLIVE_PHY_DCI_H
#define OLIVE_PHY_DCI_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

#define PHY_DCI_MAX_BITS 140u /* TS 38.212 7.3.2: A <= 140 */

typedef enum phy_rnti_type {
  PHY_RNTI_C,  /* C-RNTI (also CS-RNTI, MCS-C-RNTI layout) */
  PHY_RNTI_TC, /* TC-RNTI */
  PHY_RNTI_SI, /* SI-RNTI */
  PHY_RNTI_RA, /* RA-RNTI (and MsgB-RNTI layout) */
  PHY_RNTI_P,  /* P-RNTI */
  PHY_RNTI_TYPE_COUNT
} phy_rnti_type_t;

/* "C-RNTI", "TC-RNTI", "SI-RNTI", "RA-RNTI", "P-RNTI"; "?" otherwise. */
OLIVE_API const char *phy_rnti_type_name(phy_rnti_type_t t);

/* Sizes of 1_0 and 0_0 for one serving cell. */
typedef struct phy_dci_size_cfg {
  uint32_t n_rb_dl; /* N_RB^DL,BWP of the 1_0 FDRA: the CORESET#0 size for a common search
                       space when CORESET#0 exists, else the initial (CSS) or active (USS)
                       DL BWP size; 1..275 */
  uint32_t n_rb_ul; /* N_RB^UL,BWP: initial (CSS) or active (USS) UL BWP size; 1..275 */
  bool uss;         /* formats monitored in a UE-specific search space */
} phy_dci_size_cfg_t;

typedef struct phy_dci_sizes {
  uint32_t fdra_1_0; /* ceil(log2(N (N + 1) / 2)) for N = n_rb_dl */
  uint32_t fdra_0_0; /* the same for n_rb_ul, after any truncation */
  uint32_t pad_1_0;  /* zeros appended to 1_0 (USS only) */
  uint32_t pad_0_0;  /* zeros appended to 0_0 */
  uint32_t size_1_0; /* payload bits A (CRC excluded) */
  uint32_t size_0_0;
  uint32_t n_rb_dl, n_rb_ul;
} phy_dci_sizes_t;

/* Field sizes and alignment. CSS: 0_0 is padded with zeros to the 1_0 size, or its FDRA
 * loses MSBs until it fits (7.3.1.1.1). USS: the smaller of the two is padded to the
 * larger (7.3.1.1.1, 7.3.1.2.1). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_dci_sizes(const phy_dci_size_cfg_t *cfg, phy_dci_sizes_t *s);

/* DCI 1_0 fields; only those of the RNTI type's layout are packed. */
typedef struct phy_dci_1_0 {
  uint32_t fdra;       /* frequency domain resource assignment (a RIV) */
  uint32_t tdra;       /* time domain resource assignment, 4 bits */
  uint32_t vrb_to_prb; /* 1 bit */
  uint32_t mcs;        /* 5 bits */
  uint32_t ndi;        /* C/TC: 1 bit */
  uint32_t rv;         /* C/TC/SI: 2 bits */
  uint32_t harq_id;    /* C/TC: 4 bits */
  uint32_t dai;        /* C/TC: 2 bits (reserved for TC-RNTI) */
  uint32_t tpc;        /* C/TC: TPC for PUCCH, 2 bits */
  uint32_t pri;        /* C/TC: PUCCH resource indicator, 3 bits */
  uint32_t k1;         /* C/TC: PDSCH-to-HARQ_feedback timing indicator, 3 bits */
  uint32_t sii;        /* SI: system information indicator, 1 bit */
  uint32_t tb_scaling; /* RA, P: TB scaling, 2 bits */
  uint32_t smi;        /* P: short messages indicator, 2 bits */
  uint32_t short_msg;  /* P: short messages, 8 bits */
} phy_dci_1_0_t;

/* DCI 0_0 fields (C-RNTI and TC-RNTI). */
typedef struct phy_dci_0_0 {
  uint32_t fdra;    /* RIV, fdra_0_0 bits */
  uint32_t tdra;    /* 4 bits */
  uint32_t hopping; /* frequency hopping flag, 1 bit */
  uint32_t mcs;     /* 5 bits */
  uint32_t ndi;     /* 1 bit */
  uint32_t rv;      /* 2 bits */
  uint32_t harq_id; /* 4 bits */
  uint32_t tpc;     /* TPC for PUSCH, 2 bits */
} phy_dci_0_0_t;

/* Packs into bits[0 .. s->size_1_0 - 1]. Returns the size, or OLIVE_EINVAL when a field
 * does not fit its width. */
OLIVE_API int phy_dci_1_0_pack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const phy_dci_1_0_t *d,
                               uint8_t *bits);
/* Unpacks bits[0 .. size_1_0 - 1]. OLIVE_EPROTO when the format identifier says 0_0
 * (C/TC-RNTI), OLIVE_EINVAL on bad arguments. */
OLIVE_API int phy_dci_1_0_unpack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const uint8_t *bits,
                                 phy_dci_1_0_t *d);
OLIVE_API int phy_dci_0_0_pack(const phy_dci_sizes_t *s, const phy_dci_0_0_t *d, uint8_t *bits);
/* OLIVE_EPROTO when the identifier says 1_0. */
OLIVE_API int phy_dci_0_0_unpack(const phy_dci_sizes_t *s, const uint8_t *bits, phy_dci_0_0_t *d);

/* ---- DCI 1_1 and 0_1 ------------------------------------------------------------------ */

/* Frequency domain resource allocation type of a BWP (38.331 resourceAllocation). */
typedef enum phy_dci_ra_type {
  PHY_DCI_RA_TYPE0,   /* resourceAllocationType0: an RBG bitmap (38.214 5.1.2.2.1) */
  PHY_DCI_RA_TYPE1,   /* resourceAllocationType1: a RIV (38.214 5.1.2.2.2) */
  PHY_DCI_RA_DYNAMIC, /* dynamicSwitch: MSB 0 = type 0, 1 = type 1 */
} phy_dci_ra_type_t;

/* UL transmission scheme (38.331 PUSCH-Config txConfig). */
typedef enum phy_dci_tx_config {
  PHY_DCI_TX_NONE,        /* txConfig absent: single antenna port */
  PHY_DCI_TX_CODEBOOK,    /* codebook */
  PHY_DCI_TX_NONCODEBOOK, /* nonCodebook */
} phy_dci_tx_config_t;

/* What fixes the 1_1 and 0_1 field sizes: the active BWPs and the dedicated PDSCH/PUSCH/
 * PUCCH configuration (38.331 names in the comments). Booleans and counts left at zero
 * mean "not configured"; BWP sizes, resource allocation types (with rbg-Size for type 0
 * and dynamicSwitch), DMRS type and maxLength, and dl-DataToUL-ACK must be set. */
typedef struct phy_dci_ue_cfg {
  /* BWPs */
  uint32_t n_rb_dl, dl_bwp_start;  /* active DL BWP: N_BWP^size 1..275, N_BWP^start */
  uint32_t n_rb_ul, ul_bwp_start;  /* active UL BWP */
  uint32_t nof_dl_bwp, nof_ul_bwp; /* n_BWP,RRC: BWPs configured by RRC, initial excluded,
                                      0..4 */
  bool carrier_indicator;          /* crossCarrierSchedulingConfig: 3 bits */
  /* PDSCH (PDSCH-Config, PDSCH-ServingCellConfig) */
  phy_dci_ra_type_t dl_ra_type;
  uint32_t dl_rbg_config;         /* rbg-Size: 1 = config1, 2 = config2 (type 0 / dynamic) */
  uint32_t nof_dl_tdra;           /* pdsch-TimeDomainAllocationList entries 1..16; 0 = default
                                     table A (16 rows) */
  bool dl_vrb_interleaved;        /* vrb-ToPRB-Interleaver present */
  bool dynamic_prb_bundling;      /* prb-BundlingType dynamicBundling */
  uint32_t nof_rate_match_groups; /* rateMatchPatternGroup1/2 configured: 0..2 */
  uint32_t nof_zp_csi_rs_sets;    /* aperiodic-ZP-CSI-RS-ResourceSetsToAddModList: 0..3 */
  bool two_codewords;             /* maxNrofCodeWordsScheduledByDCI n2 */
  uint32_t dl_dmrs_type;          /* dmrs-Type 1 or 2 (DMRS-DownlinkConfig) */
  uint32_t dl_dmrs_max_len;       /* maxLength 1 or 2 */
  bool tci_present;               /* tci-PresentInDCI */
  uint32_t nof_dl_data_to_ul_ack; /* dl-DataToUL-ACK entries, 1..8 */
  bool dynamic_harq_codebook;     /* pdsch-HARQ-ACK-Codebook dynamic (else semiStatic) */
  bool multi_cell_dl;             /* more than one serving cell in DL (DAI of 4 bits) */
  /* PUSCH (PUSCH-Config, PUSCH-ServingCellConfig) */
  phy_dci_ra_type_t ul_ra_type;
  uint32_t ul_rbg_config;   /* rbg-Size: 1 = config1, 2 = config2 */
  uint32_t nof_ul_tdra;     /* pusch-TimeDomainAllocationList entries; 0 = default (16) */
  bool ul_freq_hopping;     /* frequencyHopping configured */
  bool transform_precoding; /* transformPrecoder enabled (msg3-transformPrecoder for
                               a UE without PUSCH-Config) */
  uint32_t ul_dmrs_type, ul_dmrs_max_len; /* DMRS-UplinkConfig, 1 or 2 */
  phy_dci_tx_config_t tx_config;
  uint32_t nof_srs_resources;       /* in the SRS resource set of txConfig: codebook 1..2,
                                       nonCodebook 1..4 (0 = 1); 38.214 6.1.1 */
  uint32_t nof_srs_ports;           /* codebook: antenna ports of the SRS resource (0 = 1) */
  uint32_t ul_max_rank;             /* maxRank / L_max (0 = 1) */
  uint32_t csi_report_trigger_size; /* reportTriggerSize 0..6 */
  bool dynamic_beta_offsets;        /* uci-OnPUSCH betaOffsets dynamic */
  /* Rejected with OLIVE_ENOTSUP when set */
  bool sul;                        /* supplementaryUplink */
  uint32_t dl_max_cbg, ul_max_cbg; /* maxCodeBlockGroupsPerTransportBlock */
  uint32_t harq_bits;              /* HARQ process number width: 0 or 4 (Rel-16 5 rejected) */
} phy_dci_ue_cfg_t;

/* Field widths of DCI 1_1 (7.3.1.2.2). Fields not listed have fixed widths: identifier 1,
 * MCS 5, NDI 1, RV 2 (per TB), HARQ 4, TPC 2, PUCCH resource indicator 3, SRS request 2,
 * DMRS sequence initialisation 1. */
typedef struct phy_dci_1_1_sizes {
  uint32_t carrier, bwp, fdra, tdra, vrb_to_prb, prb_bundling, rate_match, zp_csi_rs;
  uint32_t nof_tb; /* 1 or 2: MCS/NDI/RV sets */
  uint32_t dai, k1, ant_ports, tci;
  uint32_t pad;  /* zeros appended by the alignment (7.3.1.0 step 2) */
  uint32_t size; /* payload bits A */
} phy_dci_1_1_sizes_t;

/* Field widths of DCI 0_1 (7.3.1.1.2). Fixed: identifier 1, MCS 5, NDI 1, RV 2, HARQ 4,
 * TPC 2, SRS request 2, UL-SCH indicator 1. */
typedef struct phy_dci_0_1_sizes {
  uint32_t carrier, bwp, fdra, tdra, hopping, dai1, dai2, sri, precoding, ant_ports, csi_req, ptrs,
      beta_offset, dmrs_id;
  uint32_t pad;
  uint32_t size;
} phy_dci_0_1_sizes_t;

typedef struct phy_dci_ue_sizes {
  phy_dci_1_1_sizes_t f1_1;
  phy_dci_0_1_sizes_t f0_1;
  uint32_t fallback_uss;    /* size of 1_0/0_0 in the USS after alignment (0: not monitored) */
  bool fallback_uss_as_css; /* step 4 applied: 1_0/0_0 in the USS take the CSS sizes */
  uint32_t nof_sizes;       /* distinct sizes with C-RNTI after alignment (<= 3) */
} phy_dci_ue_sizes_t;

/* Field sizes of 1_1 and 0_1 for cfg, aligned (7.3.1.0) against the fallback formats:
 * css = phy_dci_sizes() of 1_0/0_0 in the common search space, uss = the same for the
 * UE-specific search space or NULL when the UE monitors no 1_0/0_0 there. Step 2 appends
 * one zero to 1_1 (0_1) when its size equals the USS 1_0/0_0 size; step 3 counts the
 * distinct sizes (all taken as C-RNTI sizes); step 4, when more than 3, removes that
 * padding and gives 1_0/0_0 in the USS the CSS sizes. 0, OLIVE_EINVAL (value out of
 * range), OLIVE_ENOTSUP (a configuration listed above as not covered). */
OLIVE_API int phy_dci_ue_sizes(const phy_dci_ue_cfg_t *cfg, const phy_dci_sizes_t *css,
                               const phy_dci_sizes_t *uss, phy_dci_ue_sizes_t *s);

/* Number of RBGs of a BWP (TS 38.214 5.1.2.2.1 / 6.1.2.2.1): P from Table 5.1.2.2.1-1
 * (= Table 6.1.2.2.1-1) for the BWP size and rbg-Size config (1 or 2),
 * N_RBG = ceil((size + (start mod P)) / P). 0 on bad arguments. */
OLIVE_API uint32_t phy_dci_nof_rbg(uint32_t bwp_size, uint32_t bwp_start, uint32_t rbg_config);

/* DCI 1_1 fields, each right-aligned in its width. */
typedef struct phy_dci_1_1 {
  uint32_t carrier, bwp, fdra, tdra, vrb_to_prb, prb_bundling, rate_match, zp_csi_rs;
  uint32_t mcs[2], ndi[2], rv[2]; /* per TB (the second only with two codewords) */
  uint32_t harq_id, dai, tpc, pri, k1;
  uint32_t ant_ports, tci, srs_req, dmrs_id;
} phy_dci_1_1_t;

/* DCI 0_1 fields. */
typedef struct phy_dci_0_1 {
  uint32_t carrier, bwp, fdra, tdra, hopping, mcs, ndi, rv, harq_id, dai1, dai2, tpc;
  uint32_t sri, precoding, ant_ports, srs_req, csi_req, beta_offset, dmrs_id, ulsch;
} phy_dci_0_1_t;

/* Packs into bits[0 .. size - 1] (one bit per byte). Returns the size, or OLIVE_EINVAL
 * when a field does not fit its width. */
OLIVE_API int phy_dci_1_1_pack(const phy_dci_ue_sizes_t *s, const phy_dci_1_1_t *d, uint8_t *bits);
OLIVE_API int phy_dci_0_1_pack(const phy_dci_ue_sizes_t *s, const phy_dci_0_1_t *d, uint8_t *bits);

/* Unpacks nbits bits. OLIVE_EPROTO when nbits is not the format's size (truncated or a
 * different format), a byte is not 0/1, or the identifier names the other direction;
 * OLIVE_EINVAL on NULL arguments. */
OLIVE_API int phy_dci_1_1_unpack(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t nbits,
                                 phy_dci_1_1_t *d);
OLIVE_API int phy_dci_0_1_unpack(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t nbits,
                                 phy_dci_0_1_t *d);

/* TS 38.214 5.1.2.2.2: RIV = N (L - 1) + RB_start if L - 1 <= floor(N / 2), else
 * N (N - L + 1) + (N - 1 - RB_start); 1 <= L <= N - RB_start. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_riv_encode(uint32_t n_bwp, uint32_t rb_start, uint32_t l_rbs, uint32_t *riv);
/* Inverse; OLIVE_EINVAL when riv is not a valid value for n_bwp. */
OLIVE_API int phy_riv_decode(uint32_t n_bwp, uint32_t riv, uint32_t *rb_start, uint32_t *l_rbs);

#endif
