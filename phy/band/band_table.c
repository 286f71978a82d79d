/* SPDX-License-Identifier: Apache-2.0 */
/* NR operating bands, FR1, as data (TS 38.104 Release 15/16; see band.h). Every row is
 * compared in tests/phy/band/test_band_table.c with independent public transcriptions. */
#include "band_internal.h"

/* Bit of a channel bandwidth in phy_band_t.bw_mask: position in the FR1 list of Table
 * 5.3.2-1 (5, 10, ..., 50, then 60, 70, 80, 90, 100 MHz). */
#define BW(m) (1u << ((m) <= 50u ? (m) / 5u - 1u : (m) / 10u + 4u))

/* Table 5.3.5-1 (BS channel bandwidths per band and SCS), Release 15 rows; later releases
 * add widths (e.g. 90 MHz in n77/n78) that are not listed here.
 * Table 5.4.3.3-1: Release 15/16 rows; Release 17 adds n38 30 kHz case C (not listed). */
#define BW_15_TO_20 (BW(5) | BW(10) | BW(15) | BW(20))
#define BW_10_TO_20 (BW(10) | BW(15) | BW(20))
#define BW_HIGH_15  (BW(10) | BW(15) | BW(20) | BW(40) | BW(50))
#define BW_HIGH_30  (BW_HIGH_15 | BW(60) | BW(80) | BW(100))
#define BW_COMMON                                                                                  \
  {                                                                                                \
    BW_15_TO_20, BW_10_TO_20, BW_10_TO_20                                                          \
  }
#define BW_LOW                                                                                     \
  {                                                                                                \
    BW_15_TO_20, BW_10_TO_20, 0                                                                    \
  }
#define BW_HIGH                                                                                    \
  {                                                                                                \
    BW_HIGH_15, BW_HIGH_30, BW_HIGH_30                                                             \
  }
#define BW_N3_30  (BW_10_TO_20 | BW(25) | BW(30))
#define BW_N40_15 (BW_15_TO_20 | BW(25) | BW(30) | BW(40) | BW(50))
#define BW_N40_30 (BW_10_TO_20 | BW(25) | BW(30) | BW(40) | BW(50) | BW(60) | BW(80))
#define BW_N66_30 (BW_10_TO_20 | BW(40))
#define BW_N79_30 (BW(40) | BW(50) | BW(60) | BW(80) | BW(100))

/* clang-format off */
/* Table 5.4.2.3-1 rows: {dF_Raster kHz, UL first, step, last, DL first, step, last}. */
#define R100(ua, ub, da, db) {100, ua, 20, ub, da, 20, db}
#define RTDD(khz, a, step, b) {khz, a, step, b, a, step, b}
/* Table 5.4.3.3-1 rows: {SSB SCS kHz, case, GSCN first, step, last}. */
#define SSB(khz, c, a, step, b) {khz, PHY_SSB_CASE_##c, a, step, b}
/* Table 5.2-1: duplex mode, F_UL and F_DL ranges in kHz. */
#define FDD(n, ul_lo, ul_hi, dl_lo, dl_hi) \
  .band = n, .duplex = PHY_DUPLEX_FDD, .ul_low_khz = ul_lo, .ul_high_khz = ul_hi, \
  .dl_low_khz = dl_lo, .dl_high_khz = dl_hi
#define TDD(n, lo, hi) \
  .band = n, .duplex = PHY_DUPLEX_TDD, .ul_low_khz = lo, .ul_high_khz = hi, .dl_low_khz = lo, \
  .dl_high_khz = hi

/* Columns: Table 5.2-1; Table 5.4.2.3-1 (row count, rows); Table 5.4.3.3-1 (row count,
 * rows); Table 5.3.5-1 ({15, 30, 60 kHz} bandwidth masks). Ascending band number. */
const phy_band_t phy_band_table[] = {
  {FDD(1, 1920000, 1980000, 2110000, 2170000), 1, {R100(384000, 396000, 422000, 434000)},
   1, {SSB(15, A, 5279, 1, 5419)}, BW_COMMON},
  {FDD(2, 1850000, 1910000, 1930000, 1990000), 1, {R100(370000, 382000, 386000, 398000)},
   1, {SSB(15, A, 4829, 1, 4969)}, BW_COMMON},
  {FDD(3, 1710000, 1785000, 1805000, 1880000), 1, {R100(342000, 357000, 361000, 376000)},
   1, {SSB(15, A, 4517, 1, 4693)}, {BW_15_TO_20 | BW(25) | BW(30), BW_N3_30, BW_N3_30}},
  {FDD(5, 824000, 849000, 869000, 894000), 1, {R100(164800, 169800, 173800, 178800)},
   2, {SSB(15, A, 2177, 1, 2230), SSB(30, B, 2183, 1, 2224)}, BW_LOW},
  {FDD(7, 2500000, 2570000, 2620000, 2690000), 1, {R100(500000, 514000, 524000, 538000)},
   1, {SSB(15, A, 6554, 1, 6718)}, BW_COMMON},
  {FDD(8, 880000, 915000, 925000, 960000), 1, {R100(176000, 183000, 185000, 192000)},
   1, {SSB(15, A, 2318, 1, 2395)}, BW_LOW},
  {FDD(12, 699000, 716000, 729000, 746000), 1, {R100(139800, 143200, 145800, 149200)},
   1, {SSB(15, A, 1828, 1, 1858)}, {BW(5) | BW(10) | BW(15), BW(10) | BW(15), 0}},
  {FDD(20, 832000, 862000, 791000, 821000), 1, {R100(166400, 172400, 158200, 164200)},
   1, {SSB(15, A, 1982, 1, 2047)}, BW_LOW},
  {FDD(25, 1850000, 1915000, 1930000, 1995000), 1, {R100(370000, 383000, 386000, 399000)},
   1, {SSB(15, A, 4829, 1, 4981)}, BW_COMMON},
  {FDD(28, 703000, 748000, 758000, 803000), 1, {R100(140600, 149600, 151600, 160600)},
   1, {SSB(15, A, 1901, 1, 2002)}, BW_LOW},
  {TDD(38, 2570000, 2620000), 1, {RTDD(100, 514000, 20, 524000)},
   1, {SSB(15, A, 6431, 1, 6544)}, BW_COMMON},
  {TDD(40, 2300000, 2400000), 1, {RTDD(100, 460000, 20, 480000)},
   1, {SSB(30, C, 5762, 1, 5989)}, {BW_N40_15, BW_N40_30, BW_N40_30}},
  {TDD(41, 2496000, 2690000), 2, {RTDD(15, 499200, 3, 537999), RTDD(30, 499200, 6, 537996)},
   2, {SSB(15, A, 6246, 3, 6717), SSB(30, C, 6252, 3, 6714)}, BW_HIGH},
  {FDD(66, 1710000, 1780000, 2110000, 2200000), 1, {R100(342000, 356000, 422000, 440000)},
   2, {SSB(15, A, 5279, 1, 5494), SSB(30, B, 5285, 1, 5488)},
   {BW_15_TO_20 | BW(40), BW_N66_30, BW_N66_30}},
  {FDD(71, 663000, 698000, 617000, 652000), 1, {R100(132600, 139600, 123400, 130400)},
   1, {SSB(15, A, 1547, 1, 1624)}, BW_LOW},
  {TDD(77, 3300000, 4200000), 2, {RTDD(15, 620000, 1, 680000), RTDD(30, 620000, 2, 680000)},
   1, {SSB(30, C, 7711, 1, 8329)}, BW_HIGH},
  {TDD(78, 3300000, 3800000), 2, {RTDD(15, 620000, 1, 653333), RTDD(30, 620000, 2, 653332)},
   1, {SSB(30, C, 7711, 1, 8051)}, BW_HIGH},
  {TDD(79, 4400000, 5000000), 2, {RTDD(15, 693334, 1, 733333), RTDD(30, 693334, 2, 733332)},
   1, {SSB(30, C, 8480, 16, 8880)}, {BW(40) | BW(50), BW_N79_30, BW_N79_30}},
};
/* clang-format on */

const uint32_t phy_band_table_len = OLIVE_ARRAY_SIZE(phy_band_table);
