/* SPDX-License-Identifier: Apache-2.0 */
/* Physical downlink control channel: search-space candidates (TS 38.213 10.1), PDCCH
 * encoding (TS 38.212 7.3.2-7.3.4 through phy_polar_chain_*, TS 38.211 7.3.2.3 scrambling,
 * 7.3.2.4 QPSK, 7.3.2.5 mapping onto the REGs of the CCEs), its DMRS (7.4.1.3), and the
 * UE side: per-candidate extraction, DMRS channel estimate, equalisation, demapping,
 * descrambling, polar decoding with the RNTI check, and blind decoding over a search
 * space. DMRS precoder granularity: sameAsREG-bundle (DMRS only in the candidate's REGs). */
#ifndef OLIVE_PHY_PDCCH_H
#define OLIVE_PHY_PDCCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/ctrl_chain.h"
#include "olive/phy/coreset.h"
#include "olive/phy/grid.h"
#include "olive/phy/modulation.h"
#include "olive/phy/phy.h"
#include "olive/phy/polar.h"
#include "olive/phy/scrambling.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

#define PHY_PDCCH_MAX_AL     16u
#define PHY_PDCCH_NOF_AL     5u /* 1, 2, 4, 8, 16 */
#define PHY_PDCCH_MAX_CAND   8u /* per aggregation level (38.331 nrofCandidates) */
#define PHY_PDCCH_RE_PER_REG 9u /* 12 minus 3 DMRS */
#define PHY_PDCCH_MAX_E      (PHY_PDCCH_MAX_AL * PHY_REG_PER_CCE * PHY_PDCCH_RE_PER_REG * 2u)

/* ---- Search space, TS 38.213 10.1 ---------------------------------------------------- */

typedef struct phy_ss_cfg {
  bool common;                         /* CSS: Y = 0; USS: Y_p,n from the hash */
  uint32_t nof_cand[PHY_PDCCH_NOF_AL]; /* M^(L) for L = 1, 2, 4, 8, 16 (0..8) */
  uint32_t coreset_id;                 /* p, selects A_p (USS) */
  uint16_t rnti;                       /* n_RNTI of Y_p,-1 (USS), nonzero */
} phy_ss_cfg_t;

/* Y_p,n_s for slot n_s (0..159): Y_p,-1 = n_RNTI, Y_p,n = (A_p Y_p,n-1) mod 65537 with
 * A_p = 39827, 39829, 39839 for p mod 3 = 0, 1, 2. */
OLIVE_API uint32_t phy_ss_hash_y(uint32_t coreset_id, uint16_t rnti, uint32_t slot);

/* First CCE of each candidate of aggregation level `al` (1, 2, 4, 8 or 16) in slot `slot`:
 *   L ((Y + floor(m N_CCE / (L M)) ) mod floor(N_CCE / L)),  m = 0 .. M - 1, n_CI = 0.
 * Returns the number of candidates written (M, or 0 when N_CCE < L), or OLIVE_EINVAL. */
OLIVE_API int phy_ss_candidates(const phy_ss_cfg_t *ss, uint32_t n_cce, uint32_t al, uint32_t slot,
                                uint32_t cce[PHY_PDCCH_MAX_CAND]);

/* ---- PDCCH ---------------------------------------------------------------------------- */

typedef struct phy_pdcch_args {
  olive_isa_t isa; /* OLIVE_ISA_AUTO or a variant */
  unsigned list;   /* polar list size 1..8; 0 = 8 */
} phy_pdcch_args_t;

typedef struct phy_pdcch_cfg {
  const phy_coreset_t *coreset;
  uint32_t mu;            /* numerology (slot numbering of c_init) */
  uint32_t slot;          /* n_s,f^mu, slot in the frame */
  uint32_t n_id_dmrs;     /* pdcch-DMRS-ScramblingID, or N_ID^cell (7.4.1.3.1) */
  int32_t dmrs_rb_offset; /* DMRS reference: sequence RB n = grid RB + offset; N_grid^start
                             (reference CRB 0), or -start_rb for CORESET#0 from the PBCH
                             (reference: the CORESET's lowest RB, 7.4.1.3.2) */
  uint32_t n_id;          /* scrambling n_ID (7.3.2.3): pdcch-DMRS-ScramblingID or N_ID^cell */
  uint16_t n_rnti;        /* scrambling n_RNTI: C-RNTI in a USS with the ID set, else 0 */
  float beta_dmrs;        /* DMRS amplitude relative to the PDCCH (0 = 1) */
} phy_pdcch_cfg_t;

typedef struct phy_pdcch {
  phy_ctrl_chain_t c; /* QPSK, scrambling, polar decoder */
} phy_pdcch_t;

/* OLIVE_EINVAL on bad args, OLIVE_ENOMEM. */
OLIVE_API int phy_pdcch_init(phy_pdcch_t *q, const phy_pdcch_args_t *args);
/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pdcch_free(phy_pdcch_t *q);

/* Encodes the a_bits DCI payload bits (12..140) with a CRC masked by rnti on CCEs
 * cce .. cce + al - 1 of the CORESET (E = 108 al bits), and writes the PDCCH and its
 * DMRS into port `port` of the grid. OLIVE_EINVAL on bad arguments. */
OLIVE_API int phy_pdcch_encode(const phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg, uint32_t cce,
                               uint32_t al, uint16_t rnti, const uint8_t *a, uint32_t a_bits,
                               phy_grid_t *grid, uint32_t port);

typedef struct phy_pdcch_res {
  uint32_t al, cce; /* the candidate that passed */
  float noise_var;  /* estimated noise variance per RE of that candidate */
  float epre;       /* average received DMRS energy per RE */
} phy_pdcch_res_t;

/* Decodes one candidate for a_bits payload bits and rnti. 0 when the RNTI-masked CRC
 * passes, OLIVE_ECRC when not, OLIVE_EINVAL on bad arguments. Never allocates. */
OLIVE_API int phy_pdcch_decode(phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg, uint32_t cce,
                               uint32_t al, uint16_t rnti, uint32_t a_bits, const phy_grid_t *grid,
                               uint32_t port, uint8_t *a, phy_pdcch_res_t *res);

/* Blind decoding over every candidate of a search space (lowest aggregation level first):
 * returns 0 with the payload in a and the candidate in res at the first CRC match,
 * OLIVE_EAGAIN when no candidate matches, OLIVE_EINVAL on bad arguments. */
OLIVE_API int phy_pdcch_blind_decode(phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg,
                                     const phy_ss_cfg_t *ss, uint16_t rnti, uint32_t a_bits,
                                     const phy_grid_t *grid, uint32_t port, uint8_t *a,
                                     phy_pdcch_res_t *res);

#endif
