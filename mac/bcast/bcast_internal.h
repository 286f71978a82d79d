/* SPDX-License-Identifier: Apache-2.0 */
/* Broadcast scheduler state, shared by bcast.c (SSB, slot assembly) and bcast_sib1.c
 * (SIB1 allocation). Not part of the API. */
#ifndef OLIVE_MAC_BCAST_INTERNAL_H
#define OLIVE_MAC_BCAST_INTERNAL_H

#include "olive/mac/bcast.h"

/* One SSB's SIB1: its Type0-PDCCH occasion and the PDUs sent there (TS 38.213 13). */
typedef struct mac_bcast_occ {
  uint32_t ssb_idx;
  uint32_t slot;       /* n0, slot in the frame */
  uint32_t sfn_parity; /* SFN mod 2 of the occasion */
  phy_pdcch_pdu_t pdcch;
  phy_pdsch_pdu_t pdsch;
} mac_bcast_occ_t;

struct mac_bcast {
  mac_bcast_args_t a; /* a.sib1 is NULL: the payload lives in tb */
  mac_bcast_info_t info;
  uint32_t mu;
  uint32_t ssb_first[PHY_SSB_MAX_LMAX]; /* half-frame symbol of each SSB (38.213 4.1) */
  uint32_t nof_occ;
  mac_bcast_occ_t occ[PHY_SSB_MAX_LMAX];
  uint8_t *tb; /* SIB1 padded with zeros to TBS / 8 bytes */
};

/* Derives CORESET#0, searchSpace#0, the SIB1 allocation and MCS, packs the DCI and fills
 * s->occ for every transmitted SSB (s->a, s->mu, s->ssb_first set). Allocates s->tb. */
int mac_bcast_sib1_init(mac_bcast_t *s, const uint8_t *sib1);

#endif
