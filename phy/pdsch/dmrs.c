/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH DM-RS, TS 38.211 7.4.1.1 (see olive/phy/dmrs.h). */
#include "olive/phy/dmrs.h"

#include <complex.h>
#include <stddef.h>

#include "olive/phy/carrier.h"
#include "olive/phy/seq.h"
#include "olive/support/error.h"

/* TS 38.211 Table 7.4.1.1.2-1: PDSCH DM-RS configuration type 1, ports 1000..1007. */
static const phy_dmrs_port_t type1_ports[8] = {
    {0, 0, {1, 1}, {1, 1}},  {0, 0, {1, -1}, {1, 1}},  {1, 1, {1, 1}, {1, 1}},
    {1, 1, {1, -1}, {1, 1}}, {0, 0, {1, 1}, {1, -1}},  {0, 0, {1, -1}, {1, -1}},
    {1, 1, {1, 1}, {1, -1}}, {1, 1, {1, -1}, {1, -1}},
};

/* TS 38.211 Table 7.4.1.1.2-2: PDSCH DM-RS configuration type 2, ports 1000..1011. */
static const phy_dmrs_port_t type2_ports[12] = {
    {0, 0, {1, 1}, {1, 1}},   {0, 0, {1, -1}, {1, 1}},  {1, 2, {1, 1}, {1, 1}},
    {1, 2, {1, -1}, {1, 1}},  {2, 4, {1, 1}, {1, 1}},   {2, 4, {1, -1}, {1, 1}},
    {0, 0, {1, 1}, {1, -1}},  {0, 0, {1, -1}, {1, -1}}, {1, 2, {1, 1}, {1, -1}},
    {1, 2, {1, -1}, {1, -1}}, {2, 4, {1, 1}, {1, -1}},  {2, 4, {1, -1}, {1, -1}},
};

const phy_dmrs_port_t *phy_dmrs_port(phy_dmrs_type_t type, uint32_t port)
{
  if (type == PHY_DMRS_TYPE1 && port < 8) {
    return &type1_ports[port];
  }
  if (type == PHY_DMRS_TYPE2 && port < 12) {
    return &type2_ports[port];
  }
  return NULL;
}

const char *phy_dmrs_type_name(phy_dmrs_type_t type)
{
  return type == PHY_DMRS_TYPE1 ? "type1" : type == PHY_DMRS_TYPE2 ? "type2" : "?";
}

const char *phy_pdsch_mapping_name(phy_pdsch_mapping_t m)
{
  return m == PHY_PDSCH_MAPPING_A ? "typeA" : m == PHY_PDSCH_MAPPING_B ? "typeB" : "?";
}

uint32_t phy_dmrs_nof_cdm_groups(phy_dmrs_type_t type)
{
  return type == PHY_DMRS_TYPE1 ? 2 : type == PHY_DMRS_TYPE2 ? 3 : 0;
}

uint32_t phy_dmrs_re_per_prb(phy_dmrs_type_t type)
{
  return type == PHY_DMRS_TYPE1 ? 6 : type == PHY_DMRS_TYPE2 ? 4 : 0;
}

int phy_dmrs_sc_in_group(phy_dmrs_type_t type, uint32_t group, uint32_t sc)
{
  /* Type 1: k = 4n + 2k' + Delta, Delta = lambda: group lambda holds k mod 2 = lambda.
   * Type 2: k = 6n + k' + Delta, Delta = 2 lambda: group lambda holds k mod 6 in
   * {2 lambda, 2 lambda + 1}. 12 is a multiple of both periods, so the PRB-relative
   * subcarrier decides. */
  if (type == PHY_DMRS_TYPE1 && group < 2) {
    return (sc % 2) == group;
  }
  if (type == PHY_DMRS_TYPE2 && group < 3) {
    return (sc % 6) / 2 == group;
  }
  return 0;
}

/* TS 38.211 Table 7.4.1.1.2-3: PDSCH DM-RS positions l-bar for single-symbol DM-RS.
 * Row ld = 2..14; columns: mapping type A dmrs-AdditionalPosition 0..3, then mapping
 * type B 0..3. L0 stands for l0, L1 for l1 (= 11 here), END ends the list; an entry
 * starting with END is "-" (not allowed). */
enum { END = -2, L0 = -1, L1 = -3 };
#define NA                                                                                         \
  {                                                                                                \
    END, END, END, END                                                                             \
  }
static const int8_t pos_single[13][8][4] = {
    /*  2 */ {NA, NA, NA, NA, {L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  3 */
    {{L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  4 */
    {{L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  5 */
    {{L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, 4, END},
     {L0, 4, END},
     {L0, 4, END}},
    /*  6 */
    {{L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, 4, END},
     {L0, 4, END},
     {L0, 4, END}},
    /*  7 */
    {{L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, END},
     {L0, 4, END},
     {L0, 4, END},
     {L0, 4, END}},
    /*  8 */
    {{L0, END},
     {L0, 7, END},
     {L0, 7, END},
     {L0, 7, END},
     {L0, END},
     {L0, 6, END},
     {L0, 3, 6, END},
     {L0, 3, 6, END}},
    /*  9 */
    {{L0, END},
     {L0, 7, END},
     {L0, 7, END},
     {L0, 7, END},
     {L0, END},
     {L0, 7, END},
     {L0, 4, 7, END},
     {L0, 4, 7, END}},
    /* 10 */
    {{L0, END},
     {L0, 9, END},
     {L0, 6, 9, END},
     {L0, 6, 9, END},
     {L0, END},
     {L0, 7, END},
     {L0, 4, 7, END},
     {L0, 4, 7, END}},
    /* 11 */
    {{L0, END},
     {L0, 9, END},
     {L0, 6, 9, END},
     {L0, 6, 9, END},
     {L0, END},
     {L0, 8, END},
     {L0, 4, 8, END},
     {L0, 3, 6, 9}},
    /* 12 */
    {{L0, END},
     {L0, 9, END},
     {L0, 6, 9, END},
     {L0, 5, 8, 11},
     {L0, END},
     {L0, 9, END},
     {L0, 5, 9, END},
     {L0, 3, 6, 9}},
    /* 13 */
    {{L0, END},
     {L0, L1, END},
     {L0, 7, 11, END},
     {L0, 5, 8, 11},
     {L0, END},
     {L0, 9, END},
     {L0, 5, 9, END},
     {L0, 3, 6, 9}},
    /* 14 */ {{L0, END}, {L0, L1, END}, {L0, 7, 11, END}, {L0, 5, 8, 11}, NA, NA, NA, NA},
};
#undef NA

int phy_dmrs_pdsch_positions(phy_pdsch_mapping_t mapping, uint32_t ld, uint32_t add_pos,
                             uint32_t l0, uint8_t l_bar[PHY_DMRS_MAX_SYMB])
{
  if (l_bar == NULL || ld < 2 || ld > 14 || add_pos > 3) {
    return OLIVE_EINVAL;
  }
  if (mapping == PHY_PDSCH_MAPPING_A) {
    /* 7.4.1.1.2: l0 = dmrs-TypeA-Position; pos3 only with l0 = 2; ld 3 and 4 only with
     * l0 = 2. */
    if ((l0 != 2 && l0 != 3) || (l0 == 3 && (add_pos == 3 || ld < 5))) {
      return OLIVE_EINVAL;
    }
  } else if (mapping == PHY_PDSCH_MAPPING_B) {
    l0 = 0;
  } else {
    return OLIVE_EINVAL;
  }
  const int8_t *e = pos_single[ld - 2][mapping == PHY_PDSCH_MAPPING_B ? 4 + add_pos : add_pos];
  int n = 0;
  for (int i = 0; i < 4 && e[i] != END; i++) {
    l_bar[n++] = (uint8_t)(e[i] == L0 ? (int)l0 : e[i] == L1 ? 11 : e[i]);
  }
  return n ? n : OLIVE_EINVAL;
}

/* TS 38.211 Table 7.4.1.1.2-4: PDSCH DM-RS positions l-bar for double-symbol DM-RS (the
 * first symbol of each pair). Row ld = 2..14 (the table's "< 4" row covers 2 and 3);
 * columns: mapping type A dmrs-AdditionalPosition 0, 1, then mapping type B 0, 1 (the
 * pos2 columns hold only "-"). Same codes as above. */
#define NA                                                                                         \
  {                                                                                                \
    END, END                                                                                       \
  }
static const int8_t pos_double[13][4][2] = {
    /*  2 */ {NA, NA, NA, NA},
    /*  3 */ {NA, NA, NA, NA},
    /*  4 */ {{L0, END}, {L0, END}, NA, NA},
    /*  5 */ {{L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  6 */ {{L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  7 */ {{L0, END}, {L0, END}, {L0, END}, {L0, END}},
    /*  8 */ {{L0, END}, {L0, END}, {L0, END}, {L0, 5}},
    /*  9 */ {{L0, END}, {L0, END}, {L0, END}, {L0, 5}},
    /* 10 */ {{L0, END}, {L0, 8}, {L0, END}, {L0, 7}},
    /* 11 */ {{L0, END}, {L0, 8}, {L0, END}, {L0, 7}},
    /* 12 */ {{L0, END}, {L0, 8}, {L0, END}, {L0, 8}},
    /* 13 */ {{L0, END}, {L0, 10}, {L0, END}, {L0, 8}},
    /* 14 */ {{L0, END}, {L0, 10}, NA, NA},
};
#undef NA

int phy_dmrs_pdsch_positions_double(phy_pdsch_mapping_t mapping, uint32_t ld, uint32_t add_pos,
                                    uint32_t l0, uint8_t l_bar[PHY_DMRS_MAX_SYMB])
{
  if (l_bar == NULL || ld < 2 || ld > 14 || add_pos > 1) {
    return OLIVE_EINVAL;
  }
  if (mapping == PHY_PDSCH_MAPPING_A) {
    if ((l0 != 2 && l0 != 3) || (l0 == 3 && ld < 5)) {
      return OLIVE_EINVAL;
    }
  } else if (mapping == PHY_PDSCH_MAPPING_B) {
    l0 = 0;
  } else {
    return OLIVE_EINVAL;
  }
  const int8_t *e = pos_double[ld - 2][mapping == PHY_PDSCH_MAPPING_B ? 2 + add_pos : add_pos];
  int n = 0;
  for (int i = 0; i < 2 && e[i] != END; i++) {
    l_bar[n++] = (uint8_t)(e[i] == L0 ? (int)l0 : e[i]);
  }
  return n ? n : OLIVE_EINVAL;
}

uint32_t phy_dmrs_pdsch_cinit(uint32_t n_s, uint32_t l, uint32_t n_id, uint32_t n_scid)
{
  /* 7.4.1.1.1, in 64 bits: 2^17 * 280 * 131071 exceeds 2^32. */
  uint64_t a = (uint64_t)14 * n_s + l + 1;
  uint64_t b = 2ull * n_id + 1;
  uint64_t c = ((a * b) << 17) + 2ull * n_id + (n_scid & 1);
  return (uint32_t)(c & 0x7fffffffu);
}

int phy_dmrs_pdsch_ref(phy_dmrs_type_t type, uint32_t port, uint32_t c_init, uint32_t crb0,
                       uint32_t prb0, uint32_t nof_prb, cf_t *ref)
{
  const phy_dmrs_port_t *p = phy_dmrs_port(type, port);
  if (p == NULL || ref == NULL || nof_prb == 0 || nof_prb > PHY_MAX_PRB ||
      crb0 + prb0 + nof_prb > PHY_DMRS_MAX_CRB) {
    return OLIVE_EINVAL;
  }
  /* Pairs (k' = 0, 1) per n: 3 per PRB (type 1, period 4) or 2 (type 2, period 6). The
   * pair index n counts from CRB 0, so r(2n + k') starts at symbol 2 n0. */
  uint32_t per_prb = type == PHY_DMRS_TYPE1 ? 3 : 2;
  uint32_t n0 = (crb0 + prb0) * per_prb;
  uint32_t len = 2 * per_prb * nof_prb;
  phy_seq_gold_qpsk(ref, c_init, 2 * n0, len);
  if (p->wf[1] < 0) {
    for (uint32_t i = 1; i < len; i += 2) {
      ref[i] = -ref[i];
    }
  }
  return (int)len;
}

int phy_dmrs_pdsch_put(phy_dmrs_type_t type, uint32_t port, uint32_t c_init, uint32_t crb0,
                       uint32_t prb0, uint32_t nof_prb, float beta, phy_grid_t *grid,
                       uint32_t grid_port, uint32_t l)
{
  cf_t ref[6 * 275];
  const phy_dmrs_port_t *p = phy_dmrs_port(type, port);
  if (p == NULL || grid == NULL || grid_port >= grid->nof_ports || l >= PHY_NSYMB_SLOT ||
      prb0 + nof_prb > grid->nof_prb) {
    return OLIVE_EINVAL;
  }
  int len = phy_dmrs_pdsch_ref(type, port, c_init, crb0, prb0, nof_prb, ref);
  if (len < 0) {
    return len;
  }
  cf_t a = beta * grid->w[l]; /* amplitude times the symbol's weight (grid.h) */
  uint32_t k0 = prb0 * 12 + p->delta;
  for (int i = 0; i < len; i++) {
    /* type 1: k = 4n + 2k' + Delta; type 2: k = 6n + k' + Delta */
    uint32_t k =
        type == PHY_DMRS_TYPE1 ? 2u * (uint32_t)i : 6u * ((uint32_t)i / 2) + (uint32_t)i % 2;
    *phy_grid_re(grid, grid_port, l, k0 + k) = phy_cmul(a, ref[i]);
  }
  return len;
}
