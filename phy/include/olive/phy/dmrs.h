/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH demodulation reference signals, TS 38.211 7.4.1.1 (V17), single-symbol DM-RS:
 *
 *   7.4.1.1.1  r(n) = ((1 - 2 c(2n)) + j (1 - 2 c(2n + 1))) / sqrt(2) with the Rel-15 form
 *              of c_init (lambda-bar = 0, i.e. no Rel-16 CDM-group dependent N_ID):
 *                c_init = (2^17 (N_symb^slot n_s + l + 1) (2 N_ID^nSCID + 1)
 *                          + 2 N_ID^nSCID + n_SCID) mod 2^31
 *   7.4.1.1.2  a(k, l) = beta w_f(k') w_t(l') r(2n + k'), l' = 0,
 *                type 1: k = 4n + 2k' + Delta,  type 2: k = 6n + k' + Delta,  k' = 0, 1,
 *              k counted from subcarrier 0 of CRB 0 (the reference point), w_f, w_t and
 *              Delta from Tables 7.4.1.1.2-1 (type 1) and 7.4.1.1.2-2 (type 2);
 *              symbol positions l-bar from Table 7.4.1.1.2-3 (single-symbol). The
 *              double-symbol positions of Table 7.4.1.1.2-4 are provided as data; the
 *              PDSCH chain uses single-symbol DM-RS only.
 *
 * Pure functions: no state, no allocation. */
#ifndef OLIVE_PHY_DMRS_H
#define OLIVE_PHY_DMRS_H

#include <stdint.h>

#include "olive/phy/grid.h"
#include "olive/phy/phy.h"
#include "olive/support/api.h"

#define PHY_DMRS_MAX_SYMB 4u /* DM-RS symbols per slot (l0 + 3 additional positions) */
#define PHY_DMRS_MAX_CRB                                                                           \
  2475u /* offsetToCarrier (<= 2199) + 275 PRBs (38.331 SCS-SpecificCarrier) + 1 */

typedef enum phy_dmrs_type {
  PHY_DMRS_TYPE1 = 1, /* dmrs-Type absent: 6 REs per PRB per CDM group, 2 groups */
  PHY_DMRS_TYPE2 = 2, /* dmrs-Type type2: 4 REs per PRB per CDM group, 3 groups */
} phy_dmrs_type_t;

typedef enum phy_pdsch_mapping {
  PHY_PDSCH_MAPPING_A = 0, /* slot based: l relative to the slot, l0 = dmrs-TypeA-Position */
  PHY_PDSCH_MAPPING_B = 1, /* mini-slot: l relative to the PDSCH start, l0 = 0 */
} phy_pdsch_mapping_t;

/* "type1", "type2" / "typeA", "typeB" (names of dmrs-Type / mappingType); "?" otherwise. */
OLIVE_API const char *phy_dmrs_type_name(phy_dmrs_type_t type);
OLIVE_API const char *phy_pdsch_mapping_name(phy_pdsch_mapping_t m);

/* One row of Table 7.4.1.1.2-1 / -2 (antenna port p = 1000 + index). */
typedef struct phy_dmrs_port {
  uint8_t cdm_group; /* lambda */
  uint8_t delta;     /* Delta, subcarriers */
  int8_t wf[2];      /* w_f(k'), k' = 0, 1 */
  int8_t wt[2];      /* w_t(l'), l' = 0, 1 */
} phy_dmrs_port_t;

/* Ports: type 1: 0..7 (Table 7.4.1.1.2-1), type 2: 0..11 (Table 7.4.1.1.2-2). NULL when
 * out of range. */
OLIVE_API const phy_dmrs_port_t *phy_dmrs_port(phy_dmrs_type_t type, uint32_t port);

/* Number of CDM groups of the type (2 or 3), 0 for an invalid type. */
OLIVE_API uint32_t phy_dmrs_nof_cdm_groups(phy_dmrs_type_t type);

/* DM-RS REs per PRB per CDM group in one symbol: 6 (type 1) or 4 (type 2). */
OLIVE_API uint32_t phy_dmrs_re_per_prb(phy_dmrs_type_t type);

/* True (1) when subcarrier sc (0..11 of a PRB) belongs to CDM group `group` (0 .. 2);
 * the DM-RS REs of a port are those of its group (Tables 7.4.1.1.2-1/-2). */
OLIVE_API int phy_dmrs_sc_in_group(phy_dmrs_type_t type, uint32_t group, uint32_t sc);

/* Table 7.4.1.1.2-3 (single-symbol DM-RS): the l-bar positions for duration ld (symbols,
 * see 7.4.1.1.2: mapping A: from the slot start to the last PDSCH symbol; mapping B: the
 * PDSCH duration), dmrs-AdditionalPosition add_pos 0..3 and l0 (2 or 3 for mapping A,
 * ignored for B). l1 = 11 (the lte-CRS-ToMatchAround exception of 7.4.1.1.2 is not
 * supported). Writes up to PHY_DMRS_MAX_SYMB positions to l_bar (relative as for
 * `mapping`). Returns their number, or OLIVE_EINVAL for a combination the table or the
 * notes of 7.4.1.1.2 exclude (ld outside the table, pos3 with l0 = 3, ld 3/4 with
 * l0 = 3). */
OLIVE_API int phy_dmrs_pdsch_positions(phy_pdsch_mapping_t mapping, uint32_t ld, uint32_t add_pos,
                                       uint32_t l0, uint8_t l_bar[PHY_DMRS_MAX_SYMB]);

/* Table 7.4.1.1.2-4 (double-symbol DM-RS), as data: the first symbol l-bar of each DM-RS
 * symbol pair (the second is l-bar + 1) for ld, add_pos 0..1 (the table's pos2 columns
 * hold no entry) and l0; same conventions and exclusions as above. Returns the number of
 * pairs (1 or 2) or OLIVE_EINVAL. */
OLIVE_API int phy_dmrs_pdsch_positions_double(phy_pdsch_mapping_t mapping, uint32_t ld,
                                              uint32_t add_pos, uint32_t l0,
                                              uint8_t l_bar[PHY_DMRS_MAX_SYMB]);

/* c_init of 7.4.1.1.1 (Rel-15 form above) for slot n_s (0..19 at mu <= 1), symbol l of
 * the slot (0..13), N_ID^nSCID n_id (0..65535) and n_scid (0/1). */
OLIVE_API uint32_t phy_dmrs_pdsch_cinit(uint32_t n_s, uint32_t l, uint32_t n_id, uint32_t n_scid);

/* Writes the DM-RS of one symbol for one port over PRBs prb0 .. prb0 + nof_prb - 1 into
 * symbol l of port grid_port of `grid` (either layout; values times the symbol's weight,
 * grid.h), grid PRB 0 being CRB crb0 (the sequence index counts from CRB 0: n starts at
 * (crb0 + prb0) 12 / 4 or / 6). Only the port's REs are written, with amplitude beta.
 * c_init from phy_dmrs_pdsch_cinit. Returns the number of REs written or OLIVE_EINVAL
 * (also for PRBs beyond the grid's width). */
OLIVE_API int phy_dmrs_pdsch_put(phy_dmrs_type_t type, uint32_t port, uint32_t c_init,
                                 uint32_t crb0, uint32_t prb0, uint32_t nof_prb, float beta,
                                 phy_grid_t *grid, uint32_t grid_port, uint32_t l);

/* The reference values alone: ref[i] = w_f(k') r(2n + k') for the port's i-th DM-RS RE of
 * the PRB range in increasing k (no beta). Returns their number (6 or 4 per PRB), or
 * OLIVE_EINVAL (crb0 + prb0 + nof_prb beyond PHY_DMRS_MAX_CRB, nof_prb 0 or > 275). */
OLIVE_API int phy_dmrs_pdsch_ref(phy_dmrs_type_t type, uint32_t port, uint32_t c_init,
                                 uint32_t crb0, uint32_t prb0, uint32_t nof_prb, cf_t *ref);

#endif
