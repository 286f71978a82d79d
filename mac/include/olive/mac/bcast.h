/* SPDX-License-Identifier: Apache-2.0 */
/* MAC broadcast scheduler: SS/PBCH blocks every SSB period and SIB1 in the Type0-PDCCH
 * monitoring occasions (TS 38.213 4.1 and 13), with DCI 1_0 on SI-RNTI, written into the
 * PHY's per-slot request (olive/phy/slot_request.h).
 *
 * The MIB and SIB1 are opaque payloads from the app (RRC encodes them); the scheduler
 * only writes the SFN bits a_1..a_6 of the MIB (TS 38.331 MIB systemFrameNumber, the 6
 * MSBs; TS 38.212 7.1.1).
 *
 * Scope: FR1 multiplexing pattern 1, SSB SCS equal to subCarrierSpacingCommon (15 kHz
 * case A or 30 kHz cases B/C), L_max 4 or 8. SSB bursts start in half frame 0 of frames
 * with SFN mod (period / 10 ms) = 0. SIB1 for SSB i goes in slot n0 (the first of the two
 * monitored slots), one per slot: when two SSBs' Type0 occasions share a slot (M = 1/2
 * rows of Table 13-11), the lower SSB index gets it. RV 0 on every repetition. */
#ifndef OLIVE_MAC_BCAST_H
#define OLIVE_MAC_BCAST_H

#include <stdint.h>

#include "olive/phy/pdsch.h"
#include "olive/phy/slot_request.h"
#include "olive/phy/ssb.h"
#include "olive/support/api.h"

#define MAC_SI_RNTI        0xFFFFu /* TS 38.321 Table 7.1-1 */
#define MAC_SIB1_MAX_BYTES 372u    /* 2976 bits: TS 38.331 5.2.1, largest SIB1 */

typedef struct mac_bcast_args {
  /* Cell */
  uint16_t pci;            /* 0..1007 */
  uint32_t scs_khz;        /* subCarrierSpacingCommon = SSB SCS: 15 or 30 */
  phy_ssb_case_t ssb_case; /* the band's case (A for 15 kHz, B or C for 30 kHz) */
  uint32_t min_bw_mhz;     /* band minimum channel bandwidth: 5 or 10 (Tables 13-1..4)
                              or 40 (13-5, 13-6) */
  uint32_t nof_prb;        /* carrier width, PRBs (CORESET#0 must fit) */
  /* SSB */
  uint32_t l_max;            /* 4 or 8 */
  uint8_t ssb_bitmap;        /* ssb-PositionsInBurst: bit 7 - i set = SSB i sent (MSB
                                first, as 38.331 shortBitmap/mediumBitmap; for L_max 4
                                only bits 7..4) */
  uint32_t ssb_period_ms;    /* 5, 10, 20, 40, 80, 160 */
  uint32_t k_ssb;            /* 0..23 */
  uint32_t offset_to_pointa; /* 15 kHz RBs */
  uint8_t beta_pss_db;       /* 0 or 3 */
  uint32_t mib;              /* 24 MIB bits, a_0 in bit 23; SFN bits are overwritten */
  /* SIB1 (TS 38.213 13, TS 38.214 5.1) */
  uint32_t coreset0_index; /* controlResourceSetZero 0..15 */
  uint32_t ss0_index;      /* searchSpaceZero 0..15 */
  uint32_t sib1_rep_ms;    /* repetition period inside the 160 ms SIB1 period: 20, 40,
                              80 or 160; 0 = 20 (as srsRAN) */
  uint32_t sib1_al;        /* aggregation level 4 or 8; 0 = 4 */
  uint32_t sib1_cand;      /* candidate of that level in searchSpace#0 (AL4: 0..3,
                              AL8: 0..1) */
  uint32_t sib1_tdra_row;  /* row 1..16 of default PDSCH TDRA table A; 0 = 1 */
  uint32_t sib1_rb_start;  /* first RB in CORESET#0 (with sib1_nof_rb > 0) */
  uint32_t sib1_nof_rb;    /* RBs from sib1_rb_start; 0 = automatic: the larger block of
                              CORESET#0 clear of the SSB's RBs (srsUE does not rate-match
                              SIB1 around the SSB), or all of CORESET#0 when that block
                              cannot carry the SIB1 at Q_m 2 */
  uint32_t typea_pos;      /* dmrs-TypeA-Position 2 or 3 (MIB) */
  const uint8_t *sib1;     /* BCCH-DL-SCH SIB1 message, copied at create */
  uint32_t sib1_len;       /* bytes, 1..MAC_SIB1_MAX_BYTES */
} mac_bcast_args_t;

/* Derived SIB1 allocation, for logs and tests. */
typedef struct mac_bcast_info {
  phy_coreset0_t coreset0;
  phy_ss0_t ss0;
  uint32_t coreset0_crb; /* first CRB of CORESET#0 */
  uint32_t nof_cce;
  uint32_t sib1_mcs, sib1_tbs; /* lowest MCS (qam64 table) whose TBS holds the SIB1 */
  uint32_t sib1_riv;
  uint32_t dci_len;
  phy_pdsch_tda_t tda;
} mac_bcast_info_t;

typedef struct mac_bcast mac_bcast_t;

/* Validates the configuration and allocates the scheduler (all memory it will ever use).
 * Returns NULL on bad arguments or no memory; *err (when non-NULL) gets OLIVE_EINVAL,
 * OLIVE_ECONFIG (valid fields that do not combine: CORESET#0 outside the carrier, PDSCH
 * overlapping the CORESET, SIB1 too large for the RBs at any MCS), OLIVE_ENOTSUP
 * (reserved table row), or OLIVE_ENOMEM. */
OLIVE_API mac_bcast_t *mac_bcast_create(const mac_bcast_args_t *args, int *err);

/* NULL-safe. */
OLIVE_API void mac_bcast_destroy(mac_bcast_t *s);

OLIVE_API const mac_bcast_info_t *mac_bcast_info(const mac_bcast_t *s);

/* Fills *out for slot `slot` (0 .. 10 2^mu - 1) of frame `sfn` (0..1023): resets it, adds
 * the SSBs and the SIB1 PDCCH + PDSCH due in that slot. The PDSCH's tb points into the
 * scheduler (valid until mac_bcast_destroy). Never allocates. 0 or OLIVE_EINVAL. */
OLIVE_API int mac_bcast_slot(const mac_bcast_t *s, uint32_t sfn, uint32_t slot,
                             phy_dl_slot_req_t *out);

#endif
