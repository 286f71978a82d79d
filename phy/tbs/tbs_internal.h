/* SPDX-License-Identifier: Apache-2.0 */
/* Tables of TS 38.214 used by tbs.c (hidden; tests compile tbs_tables.c directly to
 * cross-check them against a second source). */
#ifndef OLIVE_PHY_TBS_INTERNAL_H
#define OLIVE_PHY_TBS_INTERNAL_H

#include <stdint.h>

#include "olive/phy/tbs.h"

#define TBS_MCS_ROWS  32
#define TBS_SMALL_LEN 93

/* One stored MCS row: q_row marks the "q" rows of Tables 6.1.4.1-1/-2 whose Q_m and R
 * depend on tp-pi2BPSK; they store r_x2048 = 2 X (R x 1024 = X / q) and Q_m = 2. */
typedef struct tbs_mcs_row {
  uint8_t qm;       /* 0 never; reserved rows keep their Q_m */
  uint8_t q_row;    /* 1: Q_m = q and R x 2048 = r_x2048 / q */
  uint16_t r_x2048; /* 0 for reserved rows */
  float se;
} tbs_mcs_row_t;

extern const tbs_mcs_row_t tbs_mcs_tables[PHY_MCS_TABLE_COUNT][TBS_MCS_ROWS];

/* TS 38.214 Table 5.1.3.2-1: TBS for N_info <= 3824. */
extern const uint16_t tbs_small_table[TBS_SMALL_LEN];

/* TS 38.212 Table 5.4.2.1-1: n_PRB,LBRM values. */
extern const uint16_t tbs_lbrm_prb_table[7];

#endif
