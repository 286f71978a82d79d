/* SPDX-License-Identifier: Apache-2.0 */
/* Private state of the downlink slot processor (olive/phy/dl.h) and its per-PDU steps. */
#ifndef OLIVE_PHY_DL_INTERNAL_H
#define OLIVE_PHY_DL_INTERNAL_H

#include <stdint.h>

#include "olive/phy/dl.h"
#include "olive/phy/pbch.h"
#include "olive/phy/pdcch.h"
#include "olive/phy/pdsch.h"

/* Rectangles a PDSCH of this slot rate-matches around: one per SSB, up to
 * 64 runs of 6-RB groups over the distinct CORESETs (a PDCCH that would overflow them is
 * rejected). */
#define DL_MAX_RESERVED (PHY_DL_SLOT_MAX_SSB + 64u)

struct phy_dl {
  phy_carrier_t carrier; /* checked copy of args->carrier */
  uint32_t max_tbs;
  phy_grid_t grid;
  phy_pbch_t pbch;
  phy_pdcch_t pdcch;
  phy_pdsch_t pdsch;
  phy_ofdm_t ofdm;
  /* Per slot: the SSB and CORESET rectangles already in the grid. */
  uint32_t nof_res;
  phy_pdsch_reserved_t res[DL_MAX_RESERVED];
};

/* Each maps one PDU into q->grid (adding what a PDSCH must avoid to q->res) and returns 0,
 * or a negative olive_err_t with the grid untouched when the PDU is invalid. */
int dl_ssb(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_ssb_pdu_t *p);
int dl_pdcch(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_pdcch_pdu_t *p);
int dl_pdsch(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_pdsch_pdu_t *p);

#endif
