/* SPDX-License-Identifier: Apache-2.0 */
/* gNB downlink slot processor: one MAC -> PHY request (olive/phy/slot_request.h) in, one
 * slot of time-domain samples out.
 *
 * Per slot: clear the resource grid; map every SS/PBCH block (PSS, SSS, PBCH and its
 * DM-RS, TS 38.211 7.4.2, 7.4.3; PBCH TS 38.212 7.1); encode every DCI on its PDCCH
 * (TS 38.211 7.3.2, 7.4.1.3; TS 38.212 7.3); encode every PDSCH (TS 38.211 7.3.1,
 * 7.4.1.1; TS 38.212 7.2) rate-matched around the SSBs and CORESETs of the same request
 * (TS 38.214 5.1.4); OFDM-modulate the slot (TS 38.211 5.3.1, 5.4).
 *
 * One object serves one thread: processors for parallel slots are separate objects.
 * Init allocates and plans everything; phy_dl_slot() never allocates, never does I/O.
 *
 * Conventions for the PDUs of olive/phy/slot_request.h:
 *  - SSB: placed at 12 offsetToPointA + k_SSB 15 kHz subcarriers above point A (the PDU's
 *    values, not the carrier's); the MIB's SFN field must hold the 6 MSBs of req->sfn;
 *    SSS, PBCH and PBCH DM-RS have unit EPRE, the PSS beta_pss_db more.
 *  - PDCCH: coreset.start_rb is a grid RB (coreset.h); DM-RS at the PDCCH's EPRE.
 *  - PDSCH: prb_start and dmrs_ref_crb are common RBs; grid PRB = prb_start -
 *    carrier.start_prb. One layer on port 1000, unit-energy data, DM-RS power of TS 38.214
 *    Table 4.1-1. Rate-matched around every PRB x symbol rectangle of the SSBs and of the
 *    CORESETs of the PDCCHs sent in the same slot that meet its allocation (whole
 *    CORESETs, as phy_pdsch_reserved_coreset; at most PHY_PDSCH_MAX_RESERVED such
 *    rectangles). N_cb = N (no limited-buffer rate matching, I_LBRM = 0: right for
 *    SI/P/RA-RNTI; for C-RNTI it equals LBRM whenever E <= N_ref and rv = 0).
 *  - Rejected (skipped, counted in nof_rejected, nothing written): any field out of its
 *    range, an SSB or CORESET or PDSCH not inside the carrier, an SSB with first_symb >
 *    10, a PDCCH candidate not at a multiple of its AL or beyond the CORESET's CCEs, a
 *    PDSCH with tb NULL, tbs 0, tb_len * 8 != tbs or tbs > max_tbs, a PDSCH meeting more
 *    than PHY_PDSCH_MAX_RESERVED rectangles, a PDCCH whose CORESET would take the slot
 *    past 64 distinct CORESET rectangles; PDUs beyond the PHY_DL_SLOT_MAX_* counts.
 *  Nothing checks that PDUs do not overlap each other (a later one overwrites). */
#ifndef OLIVE_PHY_DL_H
#define OLIVE_PHY_DL_H

#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/grid.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/phy.h"
#include "olive/phy/slot_request.h"
#include "olive/support/api.h"

typedef struct phy_dl_args {
  phy_carrier_t carrier;   /* the cell's carrier (point A, offsetToPointA, k_SSB, sampling) */
  double center_hz;        /* f0 of TS 38.211 5.4 (RF centre), Hz */
  bool phase_comp;         /* apply the 5.4 phase term (what a UE expects on air) */
  float scale;             /* OFDM amplitude; 0 = the OFDM default (1 / sqrt(N_fft)) */
  phy_ofdm_plan_t plan;    /* FFTW planning effort */
  const char *wisdom_path; /* FFTW wisdom file or NULL */
  uint32_t max_tbs;        /* largest PDSCH TBS (bits) a request may carry; 0 = the largest
                              one layer of the carrier can take (all PRBs, 156 REs per PRB,
                              256QAM R 948/1024), which is also the upper limit. The
                              PDSCH chain and its LDPC buffers are sized for the carrier's
                              PRBs at Q_m 8 (phy_pdsch_args_t has no TBS bound), which
                              covers every TBS up to that limit */
} phy_dl_args_t;

/* What phy_dl_slot() did, for metrics. */
typedef struct phy_dl_slot_stats {
  uint32_t nof_ssb, nof_pdcch, nof_pdsch; /* PDUs transmitted */
  uint32_t nof_rejected;                  /* PDUs skipped as invalid (counted, not fatal) */
} phy_dl_slot_stats_t;

typedef struct phy_dl phy_dl_t;

/* Allocates and plans. NULL on bad arguments or no memory; *err (when non-NULL) gets
 * OLIVE_EINVAL or OLIVE_ENOMEM. */
OLIVE_API phy_dl_t *phy_dl_create(const phy_dl_args_t *args, int *err);

/* NULL-safe. */
OLIVE_API void phy_dl_destroy(phy_dl_t *q);

/* Samples in slot `slot` of a frame (constant for mu 0 and 1: srate * 1 ms / 2^mu). */
OLIVE_API uint32_t phy_dl_slot_len(const phy_dl_t *q, uint32_t slot);

/* Builds slot req->slot of frame req->sfn into out[0 .. phy_dl_slot_len() - 1]. A PDU
 * that is invalid for this carrier is skipped and counted in stats->nof_rejected (the
 * rest of the slot is still sent). Returns 0, or OLIVE_EINVAL for a NULL argument, a
 * slot number outside the frame or an SFN above 1023. stats may be NULL. */
OLIVE_API int phy_dl_slot(phy_dl_t *q, const phy_dl_slot_req_t *req, cf_t *out,
                          phy_dl_slot_stats_t *stats);

/* The grid of the last processed slot (port 0), for tools and tests: a transmit grid
 * (grid.h), whose a_{k,l} phy_grid_get() returns. */
OLIVE_API const phy_grid_t *phy_dl_grid(const phy_dl_t *q);

#endif
