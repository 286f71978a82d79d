/* SPDX-License-Identifier: Apache-2.0 */
/* The MAC -> PHY downlink per-slot request: what the PHY transmits in one slot, as plain
 * PDU lists in the spirit of the SCF FAPI DL_TTI.request (SSB, PDCCH and PDSCH PDUs).
 *
 * This is the whole MAC/PHY interface for the downlink: the MAC fills one request per
 * slot, the PHY reads it and nothing else, so a test harness or a later MAC/PHY split
 * can sit on this message. Header only, plain structs with fixed maximum counts.
 *
 * Ownership: a request holds no pointer into MAC memory except each PDSCH PDU's `tb`.
 * That transport block stays owned by the MAC and must stay valid and unchanged until
 * the PHY has processed the slot (for broadcast, until the scheduler is destroyed). The
 * PHY never writes through it and never frees it. Everything else is copied by value.
 *
 * The PHY rate-matches each PDSCH around the SSBs and the PDCCH CORESETs of the same
 * request that overlap it (TS 38.214 5.1.4); the TBS already ignores them (5.1.3.2). */
#ifndef OLIVE_PHY_SLOT_REQUEST_H
#define OLIVE_PHY_SLOT_REQUEST_H

#include <stdint.h>

#include "olive/phy/coreset.h"
#include "olive/phy/dci.h"
#include "olive/phy/dmrs.h"
#include "olive/phy/tbs.h"

#define PHY_DL_SLOT_MAX_SSB   4u  /* FR1 cases A/B/C place at most 2 SSBs in a slot */
#define PHY_DL_SLOT_MAX_PDCCH 16u /* DCIs per slot */
#define PHY_DL_SLOT_MAX_PDSCH 16u /* PDSCHs (one codeword each) per slot */

/* One SS/PBCH block (TS 38.211 7.4.3, TS 38.212 7.1.1). */
typedef struct phy_ssb_pdu {
  uint16_t pci;              /* N_ID^cell 0..1007 */
  uint8_t ssb_idx;           /* SS/PBCH block index 0 .. L_max - 1 */
  uint8_t l_max;             /* 4 or 8 (PBCH DMRS and timing bits) */
  uint8_t hrf;               /* half frame 0/1 */
  uint8_t first_symb;        /* slot symbol of the PSS (0..10) */
  uint8_t k_ssb;             /* k_SSB 0..23, subcarriers (15 kHz in FR1) */
  uint16_t offset_to_pointa; /* offsetToPointA, 15 kHz RBs (TS 38.211 4.4.4.2) */
  uint8_t beta_pss_db;       /* PSS EPRE over SSS EPRE: 0 or 3 dB (TS 38.213 4.1) */
  uint32_t mib;              /* BCCH-BCH message a_0 .. a_23, a_0 in bit 23 (TS 38.212
                                7.1.1); its SFN bits a_1..a_6 already match the request's
                                sfn */
} phy_ssb_pdu_t;

/* One DCI on a PDCCH (TS 38.211 7.3.2, TS 38.212 7.3). */
typedef struct phy_pdcch_pdu {
  phy_coreset_t coreset;         /* the CORESET instance: RBs, symbols, REG mapping */
  int32_t dmrs_rb_offset;        /* as phy_pdcch_cfg_t: -start_rb for CORESET#0 from the PBCH */
  uint32_t n_id_dmrs;            /* DMRS scrambling ID (7.4.1.3.1) */
  uint32_t n_id;                 /* data scrambling n_ID (7.3.2.3) */
  uint16_t n_rnti;               /* data scrambling n_RNTI (0 outside a USS with an ID) */
  uint16_t rnti;                 /* RNTI that masks the CRC */
  phy_rnti_type_t rnti_type;     /* which DCI layout the payload follows */
  uint8_t al;                    /* aggregation level 1, 2, 4, 8, 16 */
  uint16_t cce;                  /* first CCE of the candidate */
  uint16_t dci_len;              /* payload bits A, 12..140 */
  uint8_t dci[PHY_DCI_MAX_BITS]; /* one bit per byte, field MSB first (dci.h) */
} phy_pdcch_pdu_t;

/* One PDSCH codeword, single layer (TS 38.211 7.3.1, TS 38.214 5.1). */
typedef struct phy_pdsch_pdu {
  uint16_t rnti; /* n_RNTI of the data scrambling */
  phy_rnti_type_t rnti_type;
  uint16_t prb_start;          /* first common RB (grid PRB with offsetToCarrier 0) */
  uint16_t nof_prb;            /* contiguous, VRB-to-PRB non-interleaved */
  uint16_t dmrs_ref_crb;       /* CRB of DM-RS subcarrier 0 (CORESET#0's lowest CRB for
                                  DCI 1_0 in its CSS, 7.4.1.1.2; else 0) */
  phy_pdsch_mapping_t mapping; /* mapping type A or B */
  uint8_t first_symb;          /* S */
  uint8_t nof_symb;            /* L */
  phy_dmrs_type_t dmrs_type;
  uint8_t typea_pos;          /* dmrs-TypeA-Position 2 or 3 */
  uint8_t add_pos;            /* dmrs-AdditionalPosition 0..3 */
  uint8_t cdm_groups_no_data; /* 1..3 */
  uint16_t dmrs_id;           /* N_ID^0 */
  phy_mcs_table_t mcs_table;
  uint8_t mcs;       /* 0..31 */
  uint8_t rv;        /* 0..3 */
  uint16_t n_id;     /* data scrambling identity 0..1023 */
  uint32_t tbs;      /* transport block size, bits (5.1.3.2) */
  const uint8_t *tb; /* tbs / 8 bytes, owned by the MAC (see top) */
  uint32_t tb_len;   /* bytes at tb, = tbs / 8 */
} phy_pdsch_pdu_t;

/* Everything the PHY sends in slot `slot` of frame `sfn`. */
typedef struct phy_dl_slot_req {
  uint16_t sfn;  /* 0..1023 */
  uint16_t slot; /* slot in the frame, numerology of the carrier */
  uint8_t nof_ssb, nof_pdcch, nof_pdsch;
  phy_ssb_pdu_t ssb[PHY_DL_SLOT_MAX_SSB];
  phy_pdcch_pdu_t pdcch[PHY_DL_SLOT_MAX_PDCCH];
  phy_pdsch_pdu_t pdsch[PHY_DL_SLOT_MAX_PDSCH];
} phy_dl_slot_req_t;

#endif
