/* SPDX-License-Identifier: Apache-2.0 */
/* Sync raster (TS 38.104 Table 5.4.3.1-1), channel raster checks (Table 5.4.2.3-1), UL/DL
 * pairing (Table 5.2-1) and band look-up, against values worked by hand from the spec. */
#include <stdio.h>

#include "olive/phy/band.h"
#include "olive/support/error.h"
#include "olive_test.h"

static uint32_t gscn_of(uint64_t hz)
{
  uint32_t g = 0;
  return phy_hz_to_gscn(hz, &g) == OLIVE_OK ? g : 0;
}

/* Hand-worked from Table 5.4.3.1-1. */
static void test_gscn_hand(void)
{
  /* srsUE's SSB ARFCN 368410 = 368410 * 5 kHz = 1842.05 MHz = 1535 * 1.2 MHz + 1 * 50 kHz:
   * N = 1535, M = 1, GSCN = 3 * 1535 + (1 - 3) / 2 = 4604. */
  CHECK(gscn_of(1842050000u) == 4604);
  CHECK(phy_gscn_to_hz(4604) == 1842050000u);
  /* 4605 = 3 * 1535 + 0: M = 3, 1842.15 MHz; 4606: M = 5, 1842.25 MHz; 4607: N = 1536,
   * M = 1, 1843.25 MHz */
  CHECK(phy_gscn_to_hz(4605) == 1842150000u && phy_gscn_to_hz(4606) == 1842250000u);
  CHECK(phy_gscn_to_hz(4607) == 1843250000u);
  /* range edges: GSCN 2 = N 1, M 1: 1.25 MHz; 7498 = N 2499, M 5: 2999.05 MHz;
   * 7499 = 3000 MHz; 22255 = 3000 + 14756 * 1.44 = 24248.64 MHz; 22256 = 24250.08 MHz;
   * 26639 = 24250.08 + 4383 * 17.28 = 99988.32 MHz */
  CHECK(phy_gscn_to_hz(2) == 1250000u && phy_gscn_to_hz(7498) == 2999050000u);
  CHECK(phy_gscn_to_hz(7499) == 3000000000u && phy_gscn_to_hz(22255) == 24248640000u);
  CHECK(phy_gscn_to_hz(22256) == 24250080000u && phy_gscn_to_hz(26639) == 99988320000u);
  CHECK(phy_gscn_to_hz(0) == 0 && phy_gscn_to_hz(1) == 0 && phy_gscn_to_hz(26640) == 0);
  /* n78: 3488.16 MHz = 3000 + 339 * 1.44 MHz -> GSCN 7499 + 339 = 7838 */
  CHECK(gscn_of(3488160000u) == 7838);
  CHECK(gscn_of(24250080000u) == 22256 && gscn_of(3000000000u) == 7499);
  /* off the raster: M = 2 (1842.10 MHz), M = 0 (1842.0 MHz), 3000.72 MHz, 0 Hz, beyond */
  uint32_t g = 77;
  CHECK(phy_hz_to_gscn(1842100000u, &g) == OLIVE_EINVAL && g == 77);
  CHECK(phy_hz_to_gscn(1842000000u, &g) == OLIVE_EINVAL);
  CHECK(phy_hz_to_gscn(3000720000u, &g) == OLIVE_EINVAL);
  CHECK(phy_hz_to_gscn(0, &g) == OLIVE_EINVAL && phy_hz_to_gscn(50000u, &g) == OLIVE_EINVAL);
  CHECK(phy_hz_to_gscn(100005600000ull, &g) == OLIVE_EINVAL);
  CHECK(phy_hz_to_gscn(1842050000u, NULL) == OLIVE_EINVAL);
}

/* Every GSCN maps to a distinct, increasing frequency that maps back (the three formulas of
 * the table join without gaps or overlaps). */
static void test_gscn_all(void)
{
  uint64_t prev = 0;
  uint32_t bad = 0;
  for (uint32_t g = 2; g <= 26639; g++) {
    uint64_t f = phy_gscn_to_hz(g);
    bad += f <= prev || gscn_of(f) != g;
    prev = f;
  }
  CHECK(bad == 0);
}

static void test_channel_raster(void)
{
  const phy_band_t *n3 = phy_band_get(3), *n78 = phy_band_get(78), *n41 = phy_band_get(41);
  CHECK(n3 != NULL && n78 != NULL && n41 != NULL && phy_band_get(4) == NULL);
  /* n3 DL: 361000 - <20> - 376000. 368500 = 361000 + 375 * 20 */
  CHECK(phy_band_dl_arfcn_valid(n3, 368500, 15) && phy_band_dl_arfcn_valid(n3, 376000, 15));
  CHECK(!phy_band_dl_arfcn_valid(n3, 368510, 15) && !phy_band_dl_arfcn_valid(n3, 360980, 15));
  CHECK(!phy_band_dl_arfcn_valid(n3, 376020, 15) && !phy_band_dl_arfcn_valid(NULL, 368500, 15));
  CHECK(phy_band_ul_arfcn_valid(n3, 349500, 15) && !phy_band_ul_arfcn_valid(n3, 368500, 15));
  /* n78: 620000 - <1> - 653333 at 15 kHz, <2> - 653332 at 30 kHz; 5.4.2.3: the 30 kHz
   * raster only for SCS >= 30 kHz, the 15 kHz one for both */
  CHECK(phy_band_dl_arfcn_valid(n78, 632628, 30) && phy_band_dl_arfcn_valid(n78, 653333, 15));
  CHECK(phy_band_dl_arfcn_valid(n78, 632627, 30) && !phy_band_dl_arfcn_valid(n78, 653334, 15));
  /* n41: 499200 - <3> - 537999 (15 kHz), <6> - 537996 (30 kHz) */
  CHECK(phy_band_dl_arfcn_valid(n41, 499203, 15) && !phy_band_dl_arfcn_valid(n41, 499201, 30));
  CHECK(phy_band_dl_arfcn_valid(n41, 537999, 15) && !phy_band_dl_arfcn_valid(n41, 538002, 30));
  /* Table 5.3.5-1 spot checks */
  CHECK(phy_band_bw_allowed(n3, 15, 20) && !phy_band_bw_allowed(n3, 15, 40));
  CHECK(phy_band_bw_allowed(n78, 30, 100) && !phy_band_bw_allowed(n78, 15, 100));
  CHECK(!phy_band_bw_allowed(n78, 30, 25) && !phy_band_bw_allowed(n78, 45, 20));
  CHECK(phy_band_bw_mhz(0) == 5 && phy_band_bw_mhz(14) == 100 && phy_band_bw_mhz(15) == 0);
}

/* UL/DL pairing worked by hand from Table 5.2-1 (5 kHz ARFCN steps below 3 GHz). */
static void test_pairing(void)
{
  uint32_t a = 0;
  /* n3: duplex spacing 1805 - 1710 = 95 MHz = 19000: DL 368500 (1842.5 MHz) -> UL 349500
   * (1747.5 MHz) */
  CHECK(phy_band_ul_from_dl(phy_band_get(3), 368500, 15, &a) == 0 && a == 349500);
  CHECK(phy_band_dl_from_ul(phy_band_get(3), 349500, 15, &a) == 0 && a == 368500);
  /* n1: 190 MHz: DL 2140 MHz (428000) -> UL 1950 MHz (390000) */
  CHECK(phy_band_ul_from_dl(phy_band_get(1), 428000, 15, &a) == 0 && a == 390000);
  /* n20 (reversed duplex): UL above DL by 832 - 791 = 41 MHz: DL 800 MHz -> UL 841 MHz */
  CHECK(phy_band_ul_from_dl(phy_band_get(20), 160000, 15, &a) == 0 && a == 168200);
  /* n66: DL 2195 MHz has no UL partner (UL would be 1795 MHz > 1780 MHz) */
  a = 7;
  CHECK(phy_band_ul_from_dl(phy_band_get(66), 439000, 15, &a) == OLIVE_EINVAL && a == 7);
  /* TDD: UL = DL */
  CHECK(phy_band_ul_from_dl(phy_band_get(78), 632628, 30, &a) == 0 && a == 632628);
  CHECK(phy_band_ul_from_dl(phy_band_get(3), 368510, 15, &a) == OLIVE_EINVAL);
  CHECK(phy_band_dl_from_ul(phy_band_get(3), 368500, 15, &a) == OLIVE_EINVAL);
}

static void test_find(void)
{
  uint16_t b[4] = {0};
  /* n78 (500 MHz wide) before n77 (900 MHz) */
  CHECK(phy_band_find_dl(632628, 30, b, 4) == 2 && b[0] == 78 && b[1] == 77);
  /* n1 (60 MHz) before n66 (90 MHz); n2 before n25 */
  CHECK(phy_band_find_dl(428000, 15, b, 4) == 2 && b[0] == 1 && b[1] == 66);
  CHECK(phy_band_find_dl(388000, 15, b, 4) == 2 && b[0] == 2 && b[1] == 25);
  /* 2601 MHz: n38 (+6200/20) and n41 (+21000/3), not n7 (starts at 2620 MHz) */
  CHECK(phy_band_find_dl(520200, 15, b, 4) == 2 && b[0] == 38 && b[1] == 41);
  /* 2620 MHz: n38 (its last) and n7 (its first); n41 needs 499200 + 3k */
  CHECK(phy_band_find_dl(524000, 15, b, 4) == 2 && b[0] == 38 && b[1] == 7);
  /* 800 MHz: n20 (30 MHz) before n28 (45 MHz) */
  CHECK(phy_band_find_dl(160000, 15, b, 4) == 2 && b[0] == 20 && b[1] == 28);
  CHECK(phy_band_find_dl(368500, 15, b, 4) == 1 && b[0] == 3);
  CHECK(phy_band_find_dl(100, 15, b, 4) == 0);
  b[1] = 0;
  CHECK(phy_band_find_dl(632628, 30, b, 1) == 2 && b[0] == 78 && b[1] == 0);
  CHECK(phy_band_find_dl(632628, 30, NULL, 0) == 2);
  CHECK(phy_band_at(phy_band_count()) == NULL);
}

int main(void)
{
  test_gscn_hand();
  test_gscn_all();
  test_channel_raster();
  test_pairing();
  test_find();
  return olive_test_done();
}
