/* SPDX-License-Identifier: Apache-2.0 */
/* Control resource sets: CORESET#0 and Type0-PDCCH search space from the MIB
 * (TS 38.213 13, Tables 13-1..13-6 and 13-11, FR1), and the CCE-to-REG mapping of
 * TS 38.211 7.3.2.2 for any CORESET (frequency bitmap of 6-RB groups, 1..3 symbols,
 * interleaved or not). */
#ifndef OLIVE_PHY_CORESET_H
#define OLIVE_PHY_CORESET_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

#define PHY_CORESET_MAX_GROUPS 45u /* 6-RB groups of frequencyDomainResources (275 / 6) */
#define PHY_CORESET_MAX_SYMB   3u
#define PHY_CORESET_MAX_REG    (PHY_CORESET_MAX_GROUPS * 6u * PHY_CORESET_MAX_SYMB)
#define PHY_CORESET_MAX_CCE    (PHY_CORESET_MAX_REG / 6u)
#define PHY_REG_PER_CCE        6u

/* ---- CORESET#0, TS 38.213 13 -------------------------------------------------------- */

/* One row of Tables 13-1 .. 13-6. */
typedef struct phy_coreset0 {
  uint8_t pattern;   /* SS/PBCH block and CORESET multiplexing pattern (1 in FR1) */
  uint8_t nof_rb;    /* N_RB^CORESET */
  uint8_t nof_symb;  /* N_symb^CORESET */
  int16_t offset_rb; /* RBs (CORESET SCS) from the CORESET's first RB to the first common RB
                        overlapping the SSB's first RB (negative only in FR2 patterns 2, 3) */
  const char *table; /* "13-1" .. "13-10" */
} phy_coreset0_t;

/* controlResourceSetZero (0..15) of pdcch-ConfigSIB1 for SSB SCS ssb_scs_khz and PDCCH
 * SCS pdcch_scs_khz (15 or 30 each; the latter is subCarrierSpacingCommon) and the band's
 * minimum channel bandwidth min_bw_mhz (5 or 10: Tables 13-1..13-4; 40: Tables 13-5, 13-6).
 * Returns 0, OLIVE_EINVAL for a pair outside FR1 or a bad bandwidth, OLIVE_ENOTSUP for a
 * reserved row. */
OLIVE_API int phy_coreset0_get(uint32_t ssb_scs_khz, uint32_t pdcch_scs_khz, uint32_t min_bw_mhz,
                               uint32_t index, phy_coreset0_t *row);

/* FR2 rows, TS 38.213 Tables 13-7 ({SSB, PDCCH} SCS {120, 60} kHz), 13-8 ({120, 120}),
 * 13-9 ({240, 60}) and 13-10 ({240, 120}); k_ssb (0..15) picks the offsets that
 * depend on it (-41/-42, -20/-21). Data only: olive's PHY runs FR1. Returns 0,
 * OLIVE_EINVAL, or OLIVE_ENOTSUP for a reserved row. */
OLIVE_API int phy_coreset0_get_fr2(uint32_t ssb_scs_khz, uint32_t pdcch_scs_khz, uint32_t index,
                                   uint32_t k_ssb, phy_coreset0_t *row);

/* First common RB (CORESET SCS) of CORESET#0: N_CRB^SSB - offset, where N_CRB^SSB, the
 * common RB overlapping the SSB's first RB, is offsetToPointA (given in 15 kHz RBs in FR1,
 * TS 38.211 4.4.4.2) in units of the CORESET SCS (pdcch_scs_khz 15 or 30; for 30 kHz
 * offsetToPointA must be even). OLIVE_EINVAL when that would fall below CRB 0. */
OLIVE_API int phy_coreset0_start_crb(const phy_coreset0_t *row, uint32_t offset_to_pointa,
                                     uint32_t pdcch_scs_khz, uint32_t *crb);

/* One row of Table 13-11 (pattern 1, FR1). */
typedef struct phy_ss0 {
  uint8_t o;           /* O, slots (of 15 kHz: scaled by 2^mu in the formula) */
  uint8_t nof_sets;    /* search space sets per slot (1 or 2) */
  uint8_t m2;          /* 2 M (M = 1/2, 1 or 2) */
  uint8_t first_symb;  /* first symbol index (nof_sets = 1) */
  bool symb_by_parity; /* first symbol 0 for even i, N_symb^CORESET for odd i */
} phy_ss0_t;

/* searchSpaceZero (0..15), TS 38.213 Table 13-11. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_ss0_get(uint32_t index, phy_ss0_t *row);

/* Where SSB i's Type0-PDCCH occasions are (TS 38.213 13, pattern 1, mu 0 or 1):
 *   n0 = (O 2^mu + floor(i M)) mod N_slot^frame,mu, in frames with
 *   SFN mod 2 = floor((O 2^mu + floor(i M)) / N_slot^frame,mu) mod 2;
 * the UE monitors slots n0 and n0 + 1, from first_symb. */
typedef struct phy_ss0_occasion {
  uint32_t n0;         /* first of the two slots */
  uint32_t sfn_parity; /* SFN_C mod 2 */
  uint32_t first_symb; /* first CORESET symbol in those slots */
} phy_ss0_occasion_t;

OLIVE_API int phy_ss0_occasion(const phy_ss0_t *ss0, uint32_t mu, uint32_t ssb_idx,
                               uint32_t coreset_nof_symb, phy_ss0_occasion_t *occ);

/* ---- Any CORESET, TS 38.211 7.3.2.2 ---------------------------------------------------- */

typedef struct phy_coreset {
  uint32_t start_rb;                      /* grid RB of 6-RB group 0 */
  uint8_t groups[PHY_CORESET_MAX_GROUPS]; /* frequencyDomainResources: 1 = group in use */
  uint32_t nof_symb;                      /* 1..3 */
  uint32_t first_symb;                    /* first slot symbol (search space) */
  bool interleaved;                       /* cce-REG-MappingType */
  uint32_t reg_bundle;                    /* L: 2 or 6 (1 symbol), N_symb or 6 (2, 3) */
  uint32_t il_size;                       /* R: 2, 3 or 6 */
  uint32_t shift;                         /* n_shift 0..274, or N_ID^cell for CORESET#0 */
} phy_coreset_t;

/* CORESET#0 as TS 38.211 7.3.2.2 configures it from the PBCH: nof_rb / 6 groups from
 * start_rb, interleaved with L = 6, R = 2, n_shift = N_ID^cell. */
OLIVE_API int phy_coreset_from_coreset0(phy_coreset_t *c, const phy_coreset0_t *row,
                                        uint32_t start_rb, uint32_t first_symb, uint32_t n_id_cell);

/* Number of CCEs (N_REG / 6), or OLIVE_EINVAL on an invalid CORESET (empty, bundle or
 * interleaver sizes not allowed, N_REG not a multiple of L R). */
OLIVE_API int phy_coreset_nof_cce(const phy_coreset_t *c);

/* The grid RBs of the 6 REGs of CCE `cce` (7.3.2.2: REGs numbered time first over the
 * CORESET's RBs in increasing order; CCE j = REG bundles f(6j/L) .. f(6j/L + 6/L - 1)):
 * rb[i] and symb[i] (slot symbol) for i = 0..5. Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_coreset_cce_regs(const phy_coreset_t *c, uint32_t cce, uint16_t rb[6],
                                   uint8_t symb[6]);

#endif
