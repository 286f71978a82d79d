/* SPDX-License-Identifier: Apache-2.0 */
/* Cross-check of every row of the band table (phy/band/band_table.c) against public
 * transcriptions of TS 38.104 made by others, and against properties of the spec.
 *
 * Second sources (values read from them as facts and retyped here in their own layout):
 *  [OAI]  OpenAirInterface, common/utils/nr/nr_common.c: nr_bandtable[] (Table 5.2-1
 *         frequencies in kHz, N_REF first and step, dF_Raster) and sync_raster[] (Table
 *         5.4.3.3-1 GSCN first/step/last, "Rel.17"); the older OAI table labelled "Rel.15"
 *         (openair2 RRC) has only the 15 kHz row for n38.
 *  [SRS]  srsRAN Project, lib/ran/band_helper.cpp: nr_band_table_fr1 (Table 5.4.2.3-1 rows
 *         with first/step/last), nr_operating_bands_fr1 (duplex), nr_ssb_band_scs_case_table_fr1
 *         (Table 5.4.3.3-1 SSB SCS and case, "Rel. 17, version 17.8.0").
 *  [UEC]  uecapabilityparser (handymenny), model/bandwidth/BwTableNr.kt: channel bandwidths per
 *         band and SCS, "3GPP TS 38.101-1 version 15.7.0 Release 15" (the UE table, equal to
 *         38.104 Table 5.3.5-1 for these bands in Release 15).
 * Known difference, asserted below: [OAI]/[SRS] (Rel-17) add an n38 30 kHz case C SSB row
 * (GSCN 6437..6538) that Release 15/16 does not have; our table follows Release 15/16. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/band.h"
#include "olive/support/api.h"
#include "olive_test.h"

#define CHECK_BAND(c, n) CHECK(c, "band n%u", (unsigned)(n))

/* [OAI] nr_bandtable rows for our bands: band, ul_min, ul_max, dl_min, dl_max (kHz),
 * ul_step, dl_step, N_OFFs_UL, N_OFFs_DL, deltaf_raster (kHz). */
static const uint32_t oai_bandtable[][10] = {
    {1, 1920000, 1980000, 2110000, 2170000, 20, 20, 384000, 422000, 100},
    {2, 1850000, 1910000, 1930000, 1990000, 20, 20, 370000, 386000, 100},
    {3, 1710000, 1785000, 1805000, 1880000, 20, 20, 342000, 361000, 100},
    {5, 824000, 849000, 869000, 894000, 20, 20, 164800, 173800, 100},
    {7, 2500000, 2570000, 2620000, 2690000, 20, 20, 500000, 524000, 100},
    {8, 880000, 915000, 925000, 960000, 20, 20, 176000, 185000, 100},
    {12, 699000, 716000, 729000, 746000, 20, 20, 139800, 145800, 100},
    {20, 832000, 862000, 791000, 821000, 20, 20, 166400, 158200, 100},
    {25, 1850000, 1915000, 1930000, 1995000, 20, 20, 370000, 386000, 100},
    {28, 703000, 748000, 758000, 803000, 20, 20, 140600, 151600, 100},
    {38, 2570000, 2620000, 2570000, 2620000, 20, 20, 514000, 514000, 100},
    {40, 2300000, 2400000, 2300000, 2400000, 20, 20, 460000, 460000, 100},
    {41, 2496000, 2690000, 2496000, 2690000, 3, 3, 499200, 499200, 15},
    {41, 2496000, 2690000, 2496000, 2690000, 6, 6, 499200, 499200, 30},
    {66, 1710000, 1780000, 2110000, 2200000, 20, 20, 342000, 422000, 100},
    {71, 663000, 698000, 617000, 652000, 20, 20, 132600, 123400, 100},
    {77, 3300000, 4200000, 3300000, 4200000, 1, 1, 620000, 620000, 15},
    {77, 3300000, 4200000, 3300000, 4200000, 2, 2, 620000, 620000, 30},
    {78, 3300000, 3800000, 3300000, 3800000, 1, 1, 620000, 620000, 15},
    {78, 3300000, 3800000, 3300000, 3800000, 2, 2, 620000, 620000, 30},
    {79, 4400000, 5000000, 4400000, 5000000, 1, 1, 693334, 693334, 15},
    {79, 4400000, 5000000, 4400000, 5000000, 2, 2, 693334, 693334, 30},
};

/* [SRS] nr_band_table_fr1: band, dF_Raster kHz, ul first, step, last, dl first, step, last. */
static const uint32_t srs_raster[][8] = {
    {1, 100, 384000, 20, 396000, 422000, 20, 434000},
    {2, 100, 370000, 20, 382000, 386000, 20, 398000},
    {3, 100, 342000, 20, 357000, 361000, 20, 376000},
    {5, 100, 164800, 20, 169800, 173800, 20, 178800},
    {7, 100, 500000, 20, 514000, 524000, 20, 538000},
    {8, 100, 176000, 20, 183000, 185000, 20, 192000},
    {12, 100, 139800, 20, 143200, 145800, 20, 149200},
    {20, 100, 166400, 20, 172400, 158200, 20, 164200},
    {25, 100, 370000, 20, 383000, 386000, 20, 399000},
    {28, 100, 140600, 20, 149600, 151600, 20, 160600},
    {38, 100, 514000, 20, 524000, 514000, 20, 524000},
    {40, 100, 460000, 20, 480000, 460000, 20, 480000},
    {41, 15, 499200, 3, 537999, 499200, 3, 537999},
    {41, 30, 499200, 6, 537996, 499200, 6, 537996},
    {66, 100, 342000, 20, 356000, 422000, 20, 440000},
    {71, 100, 132600, 20, 139600, 123400, 20, 130400},
    {77, 15, 620000, 1, 680000, 620000, 1, 680000},
    {77, 30, 620000, 2, 680000, 620000, 2, 680000},
    {78, 15, 620000, 1, 653333, 620000, 1, 653333},
    {78, 30, 620000, 2, 653332, 620000, 2, 653332},
    {79, 15, 693334, 1, 733333, 693334, 1, 733333},
    {79, 30, 693334, 2, 733332, 693334, 2, 733332},
};

/* [SRS] nr_operating_bands_fr1, our bands: band, 0 = FDD, 1 = TDD. */
static const uint32_t srs_duplex[][2] = {
    {1, 0},  {2, 0},  {3, 0},  {5, 0},  {7, 0},  {8, 0},  {12, 0}, {20, 0}, {25, 0},
    {28, 0}, {38, 1}, {40, 1}, {41, 1}, {66, 0}, {71, 0}, {77, 1}, {78, 1}, {79, 1},
};

/* [SRS] nr_ssb_band_scs_case_table_fr1 (case 0 = A, 1 = B, 2 = C) merged with [OAI]
 * sync_raster (scs index 0 = 15 kHz, 1 = 30 kHz; GSCN first, step, last):
 * band, SSB SCS kHz, case, first, step, last. Includes the Rel-17 n38 30 kHz row. */
static const uint32_t ref_ssb[][6] = {
    {1, 15, 0, 5279, 1, 5419},   {2, 15, 0, 4829, 1, 4969},  {3, 15, 0, 4517, 1, 4693},
    {5, 15, 0, 2177, 1, 2230},   {5, 30, 1, 2183, 1, 2224},  {7, 15, 0, 6554, 1, 6718},
    {8, 15, 0, 2318, 1, 2395},   {12, 15, 0, 1828, 1, 1858}, {20, 15, 0, 1982, 1, 2047},
    {25, 15, 0, 4829, 1, 4981},  {28, 15, 0, 1901, 1, 2002}, {38, 15, 0, 6431, 1, 6544},
    {38, 30, 2, 6437, 1, 6538},  {40, 30, 2, 5762, 1, 5989}, {41, 15, 0, 6246, 3, 6717},
    {41, 30, 2, 6252, 3, 6714},  {66, 15, 0, 5279, 1, 5494}, {66, 30, 1, 5285, 1, 5488},
    {71, 15, 0, 1547, 1, 1624},  {77, 30, 2, 7711, 1, 8329}, {78, 30, 2, 7711, 1, 8051},
    {79, 30, 2, 8480, 16, 8880},
};

/* [UEC] BwTableNr, our bands: band, then the bandwidth lists (MHz, 0-terminated, at most 9)
 * for 15, 30, 60 kHz. fr1Common = {5,10,15,20},{10,15,20},{10,15,20}; fr1LowBandCommon =
 * {5,10,15,20},{10,15,20},{}; fr1HighBandCommon = {10,15,20,40,50},{10,...,100},{10,...,100}.
 */
#define UEC_COMMON                                                                                 \
  {5, 10, 15, 20}, {10, 15, 20},                                                                   \
  {                                                                                                \
    10, 15, 20                                                                                     \
  }
#define UEC_LOW                                                                                    \
  {5, 10, 15, 20}, {10, 15, 20},                                                                   \
  {                                                                                                \
    0                                                                                              \
  }
#define UEC_HIGH                                                                                   \
  {10, 15, 20, 40, 50}, {10, 15, 20, 40, 50, 60, 80, 100},                                         \
  {                                                                                                \
    10, 15, 20, 40, 50, 60, 80, 100                                                                \
  }
static const struct {
  uint32_t band;
  uint8_t bw[3][10];
} uec_bw[] = {
    {1, {UEC_COMMON}},
    {2, {UEC_COMMON}},
    {3, {{5, 10, 15, 20, 25, 30}, {10, 15, 20, 25, 30}, {10, 15, 20, 25, 30}}},
    {5, {UEC_LOW}},
    {7, {UEC_COMMON}},
    {8, {UEC_LOW}},
    {12, {{5, 10, 15}, {10, 15}, {0}}},
    {20, {UEC_LOW}},
    {25, {UEC_COMMON}},
    {28, {UEC_LOW}},
    {38, {UEC_COMMON}},
    {40,
     {{5, 10, 15, 20, 25, 30, 40, 50},
      {10, 15, 20, 25, 30, 40, 50, 60, 80},
      {10, 15, 20, 25, 30, 40, 50, 60, 80}}},
    {41, {UEC_HIGH}},
    {66, {{5, 10, 15, 20, 40}, {10, 15, 20, 40}, {10, 15, 20, 40}}},
    {71, {UEC_LOW}},
    {77, {UEC_HIGH}},
    {78, {UEC_HIGH}},
    {79, {{40, 50}, {40, 50, 60, 80, 100}, {40, 50, 60, 80, 100}}},
};

static void test_frequencies_oai(void)
{
  uint32_t seen = 0;
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(oai_bandtable); i++) {
    const uint32_t *r = oai_bandtable[i];
    const phy_band_t *b = phy_band_get(r[0]);
    CHECK_BAND(b != NULL, r[0]);
    if (b == NULL) {
      continue;
    }
    CHECK_BAND(b->ul_low_khz == r[1] && b->ul_high_khz == r[2], r[0]);
    CHECK_BAND(b->dl_low_khz == r[3] && b->dl_high_khz == r[4], r[0]);
    int match = 0; /* a raster row with the same step, first N_REF and dF_Raster */
    for (uint32_t k = 0; k < b->nof_raster; k++) {
      const phy_band_raster_t *q = &b->raster[k];
      match |= q->ul_step == r[5] && q->dl_step == r[6] && q->ul_first == r[7] &&
               q->dl_first == r[8] && q->raster_khz == r[9];
    }
    CHECK_BAND(match, r[0]);
    seen++;
  }
  /* every band of ours appears in the reference (22 rows: n41, n77, n78, n79 twice) */
  CHECK(seen == OLIVE_ARRAY_SIZE(oai_bandtable));
  CHECK(phy_band_count() == OLIVE_ARRAY_SIZE(srs_duplex));
}

static void test_raster_srs(void)
{
  uint32_t rows = 0;
  for (uint32_t i = 0; i < phy_band_count(); i++) {
    rows += phy_band_at(i)->nof_raster;
  }
  CHECK(rows == OLIVE_ARRAY_SIZE(srs_raster)); /* no row of ours is missing from [SRS] */
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(srs_raster); i++) {
    const uint32_t *r = srs_raster[i];
    const phy_band_t *b = phy_band_get(r[0]);
    int match = 0;
    for (uint32_t k = 0; b != NULL && k < b->nof_raster; k++) {
      const phy_band_raster_t *q = &b->raster[k];
      match |= q->raster_khz == r[1] && q->ul_first == r[2] && q->ul_step == r[3] &&
               q->ul_last == r[4] && q->dl_first == r[5] && q->dl_step == r[6] &&
               q->dl_last == r[7];
    }
    CHECK_BAND(match, r[0]);
  }
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(srs_duplex); i++) {
    const phy_band_t *b = phy_band_get(srs_duplex[i][0]);
    CHECK_BAND(b != NULL && (uint32_t)b->duplex == srs_duplex[i][1], srs_duplex[i][0]);
  }
}

static int is_rel17_addition(const uint32_t *r)
{
  return r[0] == 38 && r[1] == 30;
}

static void test_ssb_rows(void)
{
  uint32_t rows = 0, ref_rows = 0;
  for (uint32_t i = 0; i < phy_band_count(); i++) {
    rows += phy_band_at(i)->nof_ssb;
  }
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(ref_ssb); i++) {
    const uint32_t *r = ref_ssb[i];
    const phy_band_t *b = phy_band_get(r[0]);
    const phy_band_ssb_t *s = phy_band_ssb_row(b, r[1]);
    if (is_rel17_addition(r)) {
      CHECK_BAND(b != NULL && s == NULL, r[0]);
      continue;
    }
    ref_rows++;
    CHECK_BAND(s != NULL, r[0]);
    if (s != NULL) {
      CHECK_BAND((uint32_t)s->ssb_case == r[2] && s->gscn_first == r[3] && s->gscn_step == r[4] &&
                     s->gscn_last == r[5],
                 r[0]);
    }
  }
  CHECK(rows == ref_rows);
}

static void test_bandwidths_uec(void)
{
  CHECK(phy_band_count() == OLIVE_ARRAY_SIZE(uec_bw));
  static const uint32_t scs[3] = {15, 30, 60};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(uec_bw); i++) {
    const phy_band_t *b = phy_band_get(uec_bw[i].band);
    CHECK_BAND(b != NULL, uec_bw[i].band);
    for (unsigned s = 0; b != NULL && s < 3; s++) {
      /* the same set: every listed bandwidth allowed, and as many allowed as listed */
      uint32_t listed = 0, allowed = 0;
      for (unsigned k = 0; k < 10 && uec_bw[i].bw[s][k] != 0; k++) {
        listed++;
        CHECK_BAND(phy_band_bw_allowed(b, scs[s], uec_bw[i].bw[s][k]), b->band);
      }
      for (uint32_t k = 0; phy_band_bw_mhz(k) != 0; k++) {
        allowed += (uint32_t)phy_band_bw_allowed(b, scs[s], phy_band_bw_mhz(k));
      }
      CHECK_BAND(listed == allowed, b->band);
    }
  }
}

/* Independent properties of Table 5.4.2.3-1: the N_REF range is the band edges of Table
 * 5.2-1 on the raster, i.e. first = ceil(F_low / dF_Global) aligned to the step from first,
 * last = the largest first + k step <= F_high; FDD UL and DL ranges have equal length when
 * the UL and DL blocks have equal width; the sync raster range lies inside the band. */
static uint64_t arfcn_of_khz(uint32_t khz, int up)
{
  /* TS 38.104 Table 5.4.2.1-1 (below 3 GHz: 5 kHz; 3..24.25 GHz: 15 kHz from 3 GHz) */
  if (khz < 3000000u) {
    return (khz + (up ? 4u : 0u)) / 5u;
  }
  return 600000u + (khz - 3000000u + (up ? 14u : 0u)) / 15u;
}

static void test_properties(void)
{
  for (uint32_t i = 0; i < phy_band_count(); i++) {
    const phy_band_t *b = phy_band_at(i);
    CHECK(i == 0 || phy_band_at(i - 1)->band < b->band); /* ascending */
    for (uint32_t k = 0; k < b->nof_raster; k++) {
      const phy_band_raster_t *r = &b->raster[k];
      CHECK_BAND(r->dl_first == arfcn_of_khz(b->dl_low_khz, 1), b->band);
      CHECK_BAND(r->ul_first == arfcn_of_khz(b->ul_low_khz, 1), b->band);
      uint64_t hi = arfcn_of_khz(b->dl_high_khz, 0);
      CHECK_BAND(r->dl_last <= hi && hi - r->dl_last < r->dl_step, b->band);
      CHECK_BAND((r->dl_last - r->dl_first) % r->dl_step == 0, b->band);
      hi = arfcn_of_khz(b->ul_high_khz, 0);
      CHECK_BAND(r->ul_last <= hi && hi - r->ul_last < r->ul_step, b->band);
      /* dF_Raster = step x dF_Global (5 kHz below 3 GHz, 15 kHz above) */
      uint32_t glob = b->dl_low_khz < 3000000u ? 5u : 15u;
      CHECK_BAND(r->dl_step * glob == r->raster_khz, b->band);
    }
    for (uint32_t k = 0; k < b->nof_ssb; k++) {
      const phy_band_ssb_t *s = &b->ssb[k];
      CHECK_BAND((s->gscn_last - s->gscn_first) % s->gscn_step == 0, b->band);
      /* case A is the 15 kHz pattern, B and C the 30 kHz ones (38.213 4.1) */
      CHECK_BAND((s->scs_khz == 15) == (s->ssb_case == PHY_SSB_CASE_A), b->band);
      uint64_t lo = phy_gscn_to_hz(s->gscn_first), hi = phy_gscn_to_hz(s->gscn_last);
      /* the whole SSB (SS_REF -+ 120 SCS) inside the DL band */
      uint64_t half = 120u * s->scs_khz * 1000u;
      CHECK_BAND(lo - half >= b->dl_low_khz * 1000ull && hi + half <= b->dl_high_khz * 1000ull,
                 b->band);
    }
  }
}

int main(void)
{
  test_frequencies_oai();
  test_raster_srs();
  test_ssb_rows();
  test_bandwidths_uec();
  test_properties();
  return olive_test_done();
}
