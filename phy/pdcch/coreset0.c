/* SPDX-License-Identifier: Apache-2.0 */
/* CORESET#0 and Type0-PDCCH monitoring occasions from the MIB, TS 38.213 13 (FR1). */
#include <stddef.h>

#include "olive/phy/coreset.h"
#include "olive/support/error.h"

/* {N_RB, N_symb, offset}; multiplexing pattern 1 in every FR1 row; N_RB 0 = reserved. */
typedef struct row {
  uint8_t rb, symb, off;
} row_t;

/* TS 38.213 Table 13-1: {SS/PBCH, PDCCH} SCS {15, 15} kHz, minimum channel BW 5 or 10 MHz */
static const row_t t13_1[16] = {{24, 2, 0},  {24, 2, 2},  {24, 2, 4},  {24, 3, 0},
                                {24, 3, 2},  {24, 3, 4},  {48, 1, 12}, {48, 1, 16},
                                {48, 2, 12}, {48, 2, 16}, {48, 3, 12}, {48, 3, 16},
                                {96, 1, 38}, {96, 2, 38}, {96, 3, 38}, {0, 0, 0}};

/* TS 38.213 Table 13-2: {15, 30} kHz, 5 or 10 MHz */
static const row_t t13_2[16] = {{24, 2, 5},  {24, 2, 6},  {24, 2, 7},  {24, 2, 8},
                                {24, 3, 5},  {24, 3, 6},  {24, 3, 7},  {24, 3, 8},
                                {48, 1, 18}, {48, 1, 20}, {48, 2, 18}, {48, 2, 20},
                                {48, 3, 18}, {48, 3, 20}, {0, 0, 0},   {0, 0, 0}};

/* TS 38.213 Table 13-3: {30, 15} kHz, 5 or 10 MHz */
static const row_t t13_3[16] = {{48, 1, 2}, {48, 1, 6},  {48, 2, 2},  {48, 2, 6}, {48, 3, 2},
                                {48, 3, 6}, {96, 1, 28}, {96, 2, 28}, {96, 3, 28}};

/* TS 38.213 Table 13-4: {30, 30} kHz, 5 or 10 MHz */
static const row_t t13_4[16] = {{24, 2, 0},  {24, 2, 1},  {24, 2, 2},  {24, 2, 3},
                                {24, 2, 4},  {24, 3, 0},  {24, 3, 1},  {24, 3, 2},
                                {24, 3, 3},  {24, 3, 4},  {48, 1, 12}, {48, 1, 14},
                                {48, 1, 16}, {48, 2, 12}, {48, 2, 14}, {48, 2, 16}};

/* TS 38.213 Table 13-5: {30, 15} kHz, minimum channel BW 40 MHz */
static const row_t t13_5[16] = {{48, 1, 4}, {48, 2, 4},  {48, 3, 4}, {96, 1, 0}, {96, 1, 56},
                                {96, 2, 0}, {96, 2, 56}, {96, 3, 0}, {96, 3, 56}};

/* TS 38.213 Table 13-6: {30, 30} kHz, minimum channel BW 40 MHz */
static const row_t t13_6[16] = {{24, 2, 0},  {24, 2, 4}, {24, 3, 0},  {24, 3, 4}, {48, 1, 0},
                                {48, 1, 28}, {48, 2, 0}, {48, 2, 28}, {48, 3, 0}, {48, 3, 28}};

int phy_coreset0_get(uint32_t ssb_scs_khz, uint32_t pdcch_scs_khz, uint32_t min_bw_mhz,
                     uint32_t index, phy_coreset0_t *row)
{
  if (row == NULL || index > 15 || (ssb_scs_khz != 15 && ssb_scs_khz != 30) ||
      (pdcch_scs_khz != 15 && pdcch_scs_khz != 30) ||
      (min_bw_mhz != 5 && min_bw_mhz != 10 && min_bw_mhz != 40)) {
    return OLIVE_EINVAL;
  }
  const row_t *t;
  const char *name;
  bool wide = min_bw_mhz == 40;
  if (ssb_scs_khz == 15) {
    if (wide) {
      return OLIVE_EINVAL; /* 38.213 13 has no 40 MHz table for a 15 kHz SSB */
    }
    t = pdcch_scs_khz == 15 ? t13_1 : t13_2;
    name = pdcch_scs_khz == 15 ? "13-1" : "13-2";
  } else if (pdcch_scs_khz == 15) {
    t = wide ? t13_5 : t13_3;
    name = wide ? "13-5" : "13-3";
  } else {
    t = wide ? t13_6 : t13_4;
    name = wide ? "13-6" : "13-4";
  }
  if (t[index].rb == 0) {
    return OLIVE_ENOTSUP;
  }
  row->pattern = 1;
  row->nof_rb = t[index].rb;
  row->nof_symb = t[index].symb;
  row->offset_rb = (int16_t)t[index].off;
  row->table = name;
  return OLIVE_OK;
}

/* FR2 rows {pattern, N_RB, N_symb, offset}; offset 127 marks "-41 if k_SSB = 0, -42 if
 * k_SSB > 0" and 126 "-20 if k_SSB = 0, -21 if k_SSB > 0"; N_RB 0 = reserved. */
typedef struct row2 {
  uint8_t pat, rb, symb;
  int8_t off;
} row2_t;

#define OFF41 127
#define OFF20 126

/* TS 38.213 Table 13-7: {120, 60} kHz */
static const row2_t t13_7[16] = {{1, 48, 1, 0},  {1, 48, 1, 8},     {1, 48, 2, 0},
                                 {1, 48, 2, 8},  {1, 48, 3, 0},     {1, 48, 3, 8},
                                 {1, 96, 1, 28}, {1, 96, 2, 28},    {2, 48, 1, OFF41},
                                 {2, 48, 1, 49}, {2, 96, 1, OFF41}, {2, 96, 1, 97}};
/* TS 38.213 Table 13-8: {120, 120} kHz (FR2-1) */
static const row2_t t13_8[16] = {{1, 24, 2, 0},     {1, 24, 2, 4},     {1, 48, 1, 14},
                                 {1, 48, 2, 14},    {3, 24, 2, OFF20}, {3, 24, 2, 24},
                                 {3, 48, 2, OFF20}, {3, 48, 2, 48}};
/* TS 38.213 Table 13-9: {240, 60} kHz */
static const row2_t t13_9[16] = {{1, 96, 1, 0}, {1, 96, 1, 16}, {1, 96, 2, 0}, {1, 96, 2, 16}};
/* TS 38.213 Table 13-10: {240, 120} kHz */
static const row2_t t13_10[16] = {{1, 48, 1, 0},     {1, 48, 1, 8},     {1, 48, 2, 0},
                                  {1, 48, 2, 8},     {2, 24, 1, OFF41}, {2, 24, 1, 25},
                                  {2, 48, 1, OFF41}, {2, 48, 1, 49}};

int phy_coreset0_get_fr2(uint32_t ssb_scs_khz, uint32_t pdcch_scs_khz, uint32_t index,
                         uint32_t k_ssb, phy_coreset0_t *row)
{
  const row2_t *t = NULL;
  const char *name = NULL;
  if (ssb_scs_khz == 120 && pdcch_scs_khz == 60) {
    t = t13_7;
    name = "13-7";
  } else if (ssb_scs_khz == 120 && pdcch_scs_khz == 120) {
    t = t13_8;
    name = "13-8";
  } else if (ssb_scs_khz == 240 && pdcch_scs_khz == 60) {
    t = t13_9;
    name = "13-9";
  } else if (ssb_scs_khz == 240 && pdcch_scs_khz == 120) {
    t = t13_10;
    name = "13-10";
  }
  if (t == NULL || row == NULL || index > 15 || k_ssb > 15) {
    return OLIVE_EINVAL;
  }
  if (t[index].rb == 0) {
    return OLIVE_ENOTSUP;
  }
  int off = t[index].off;
  if (off == OFF41) {
    off = k_ssb == 0 ? -41 : -42;
  } else if (off == OFF20) {
    off = k_ssb == 0 ? -20 : -21;
  }
  row->pattern = t[index].pat;
  row->nof_rb = t[index].rb;
  row->nof_symb = t[index].symb;
  row->offset_rb = (int16_t)off;
  row->table = name;
  return OLIVE_OK;
}

int phy_coreset0_start_crb(const phy_coreset0_t *row, uint32_t offset_to_pointa,
                           uint32_t pdcch_scs_khz, uint32_t *crb)
{
  if (row == NULL || crb == NULL || (pdcch_scs_khz != 15 && pdcch_scs_khz != 30) ||
      (pdcch_scs_khz == 30 && (offset_to_pointa & 1u) != 0)) {
    return OLIVE_EINVAL;
  }
  int32_t crb_ssb = (int32_t)(offset_to_pointa / (pdcch_scs_khz / 15u));
  if (offset_to_pointa > 2199 || crb_ssb < row->offset_rb) {
    return OLIVE_EINVAL;
  }
  *crb = (uint32_t)(crb_ssb - row->offset_rb);
  return OLIVE_OK;
}

/* TS 38.213 Table 13-11 (pattern 1, FR1): {O, sets per slot, 2M, first symbol}; rows with
 * two sets per slot start at 0 for even i and at N_symb^CORESET for odd i. */
static const uint8_t t13_11[16][4] = {{0, 1, 2, 0}, {0, 2, 1, 0}, {2, 1, 2, 0}, {2, 2, 1, 0},
                                      {5, 1, 2, 0}, {5, 2, 1, 0}, {7, 1, 2, 0}, {7, 2, 1, 0},
                                      {0, 1, 4, 0}, {5, 1, 4, 0}, {0, 1, 2, 1}, {0, 1, 2, 2},
                                      {2, 1, 2, 1}, {2, 1, 2, 2}, {5, 1, 2, 1}, {5, 1, 2, 2}};

int phy_ss0_get(uint32_t index, phy_ss0_t *row)
{
  if (row == NULL || index > 15) {
    return OLIVE_EINVAL;
  }
  row->o = t13_11[index][0];
  row->nof_sets = t13_11[index][1];
  row->m2 = t13_11[index][2];
  row->first_symb = t13_11[index][3];
  row->symb_by_parity = row->nof_sets == 2;
  return OLIVE_OK;
}

int phy_ss0_occasion(const phy_ss0_t *ss0, uint32_t mu, uint32_t ssb_idx, uint32_t coreset_nof_symb,
                     phy_ss0_occasion_t *occ)
{
  if (ss0 == NULL || occ == NULL || mu > 1 || ssb_idx >= 64 || coreset_nof_symb < 1 ||
      coreset_nof_symb > 3 || (ss0->m2 != 1 && ss0->m2 != 2 && ss0->m2 != 4)) {
    return OLIVE_EINVAL;
  }
  uint32_t n_slot_frame = 10u << mu;
  /* floor(i M) with M = m2 / 2 */
  uint32_t x = ((uint32_t)ss0->o << mu) + (ssb_idx * ss0->m2) / 2;
  occ->n0 = x % n_slot_frame;
  occ->sfn_parity = (x / n_slot_frame) % 2;
  occ->first_symb = ss0->symb_by_parity ? ((ssb_idx & 1u) ? coreset_nof_symb : 0) : ss0->first_symb;
  return OLIVE_OK;
}
