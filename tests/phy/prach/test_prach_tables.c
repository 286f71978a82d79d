/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH tables (TS 38.211 6.3.3.1, 6.3.3.2) against a second transcription, hand-worked
 * spec values and structural properties.
 *
 * Second source: srsRAN Project (github.com/srsran/srsRAN_Project, commit 4bf15439,
 * lib/ran/prach/prach_configuration.cpp, prach_cyclic_shifts.cpp,
 * prach_preamble_information.cpp, lib/phy/upper/channel_processors/prach_generator_impl.cpp).
 * Its rows were reduced, outside this repository, to the FNV-1a checksums below (32-bit
 * little-endian words: index, format, x, y, subframe mask, start symbol, slots, occasions,
 * duration per row). srsRAN leaves some short-format rows reserved (the ranges below);
 * those rows are checked only by the properties and hand-worked rows. The one row where
 * the primary transcription (OpenAirInterface nr_mac_common.c) and srsRAN differed, TDD
 * index 95 (A2: x = 16 vs 2), follows srsRAN and the A1 / A3 rows 76 / 118 (x = 2). */
#include <string.h>

#include "olive/phy/prach.h"
#include "olive/support/error.h"
#include "olive_test.h"

static uint32_t fnv_word(uint32_t h, uint32_t v)
{
  for (int i = 0; i < 4; i++) {
    h ^= (v >> (8 * i)) & 0xffu;
    h *= 16777619u;
  }
  return h;
}

typedef struct span {
  uint32_t lo, hi;
} span_t;

static uint32_t cfg_checksum(const phy_prach_config_t *t, const span_t *rsv, size_t nrsv,
                             uint32_t *nrows)
{
  uint32_t h = 2166136261u;
  *nrows = 0;
  for (uint32_t i = 0; i < PHY_PRACH_NOF_CFG; i++) {
    bool skip = false;
    for (size_t r = 0; r < nrsv; r++) {
      skip = skip || (i >= rsv[r].lo && i <= rsv[r].hi);
    }
    if (skip) {
      continue;
    }
    const phy_prach_config_t *c = &t[i];
    uint32_t w[9] = {i,
                     c->format,
                     c->x,
                     c->y,
                     c->sf_mask,
                     c->start_symbol,
                     c->nof_slots_sf,
                     c->nof_occ_slot,
                     c->duration};
    for (int k = 0; k < 9; k++) {
      h = fnv_word(h, w[k]);
    }
    (*nrows)++;
  }
  return h;
}

static void test_cfg_second_source(void)
{
  static const span_t fdd_rsv[] = {{108, 116}, {137, 146}, {167, 197}, {236, 255}};
  static const span_t tdd_rsv[] = {{133, 144}, {189, 255}};
  uint32_t n;
  uint32_t h = cfg_checksum(phy_prach_config_table(false), fdd_rsv, 4, &n);
  CHECK(n == 186 && h == 0x66a101f1u, "FDD: %u rows, checksum %08x", n, h);
  h = cfg_checksum(phy_prach_config_table(true), tdd_rsv, 2, &n);
  CHECK(n == 177 && h == 0x6f18325eu, "TDD: %u rows, checksum %08x", n, h);
}

/* N_dur symbols of 2192 kappa 2^-mu must hold N_u + N_CP (Table 6.3.3.1-2 vs the
 * configuration tables); combined formats use their A and B parts. */
static bool duration_fits(phy_prach_format_t f, uint32_t dur)
{
  phy_prach_format_info_t inf;
  if (phy_prach_format_info(f, 0, &inf) < 0) {
    return false;
  }
  return dur * (2048u + 144u) * PHY_PRACH_KAPPA >= inf.n_u_tc + inf.n_cp_tc;
}

static void test_cfg_properties(void)
{
  for (int tdd = 0; tdd < 2; tdd++) {
    const phy_prach_config_t *t = phy_prach_config_table(tdd);
    for (uint32_t i = 0; i < PHY_PRACH_NOF_CFG; i++) {
      const phy_prach_config_t *c = &t[i];
      phy_prach_format_t f = (phy_prach_format_t)c->format;
      bool x_ok = c->x == 1 || c->x == 2 || c->x == 4 || c->x == 8 || c->x == 16;
      CHECK(f < PHY_PRACH_FMT_COUNT && x_ok && c->y < c->x && c->sf_mask && c->sf_mask < 1024,
            "tdd %d row %u", tdd, i);
      if (f <= PHY_PRACH_FMT_3) {
        CHECK(c->nof_slots_sf == 0 && c->nof_occ_slot == 0 && c->duration == 0, "row %u", i);
        continue;
      }
      phy_prach_format_t a = f, b = f;
      if (f >= PHY_PRACH_FMT_A1_B1) {
        a = (phy_prach_format_t)(PHY_PRACH_FMT_A1 + (f - PHY_PRACH_FMT_A1_B1));
        b = (phy_prach_format_t)(PHY_PRACH_FMT_B1 + (f - PHY_PRACH_FMT_A1_B1));
      }
      CHECK(c->nof_slots_sf >= 1 && c->nof_slots_sf <= 2 && c->nof_occ_slot >= 1 &&
                c->start_symbol + c->nof_occ_slot * c->duration <= 14,
            "tdd %d row %u: occasions do not fit the slot", tdd, i);
      CHECK(duration_fits(a, c->duration) && duration_fits(b, c->duration), "tdd %d row %u", tdd,
            i);
    }
  }
  /* Row counts per format, FDD (Table 6.3.3.2-2 as printed: 0..27 format 0, 28..52
   * format 1, 53..59 format 2, 60..86 format 3). */
  const phy_prach_config_t *t = phy_prach_config_table(false);
  uint32_t cnt[PHY_PRACH_FMT_COUNT] = {0};
  for (uint32_t i = 0; i < PHY_PRACH_NOF_CFG; i++) {
    cnt[t[i].format]++;
  }
  CHECK(cnt[0] == 28 && cnt[1] == 25 && cnt[2] == 7 && cnt[3] == 27, "%u %u %u %u", cnt[0], cnt[1],
        cnt[2], cnt[3]);
}

static void test_cfg_hand_rows(void)
{
  phy_prach_config_t c;
  /* Table 6.3.3.2-2, index 16: format 0, n_SFN mod 1 = 0, subframe 1. */
  CHECK(phy_prach_config_get(false, 16, &c) == 0 && c.format == PHY_PRACH_FMT_0 && c.x == 1 &&
            c.y == 0 && c.sf_mask == 0x002,
        "FDD 16");
  /* index 27: format 0, every subframe. */
  CHECK(phy_prach_config_get(false, 27, &c) == 0 && c.sf_mask == 0x3ff && c.x == 1, "FDD 27");
  /* Table 6.3.3.2-3, index 0: format 0, n_SFN mod 16 = 1, subframe 9. */
  CHECK(phy_prach_config_get(true, 0, &c) == 0 && c.format == PHY_PRACH_FMT_0 && c.x == 16 &&
            c.y == 1 && c.sf_mask == 0x200,
        "TDD 0");
  CHECK(phy_prach_config_get(true, 95, &c) == 0 && c.format == PHY_PRACH_FMT_A2 && c.x == 2,
        "TDD 95");
  CHECK(phy_prach_config_get(true, 256, &c) == OLIVE_EINVAL, "index 256");
  CHECK(phy_prach_config_is_occasion(&(phy_prach_config_t){0, 16, 1, 0x200, 0, 0, 0, 0}, 17, 9),
        "occasion");
  CHECK(!phy_prach_config_is_occasion(&(phy_prach_config_t){0, 16, 1, 0x200, 0, 0, 0, 0}, 16, 9),
        "no occasion");
}

static void test_roots(void)
{
  /* Hand-worked: Table 6.3.3.1-3 starts 129, 710, 140, 699; Table 6.3.3.1-4 is 1, 138,
   * 2, 137, ..., 69, 70. */
  CHECK(phy_prach_root_u(839, 0) == 129 && phy_prach_root_u(839, 1) == 710 &&
            phy_prach_root_u(839, 2) == 140 && phy_prach_root_u(839, 837) == 610,
        "839 roots");
  CHECK(phy_prach_root_u(139, 0) == 1 && phy_prach_root_u(139, 1) == 138 &&
            phy_prach_root_u(139, 137) == 70,
        "139 roots");
  CHECK(phy_prach_root_u(839, 838) == OLIVE_EINVAL && phy_prach_root_u(138, 0) == OLIVE_EINVAL,
        "range");
  static const uint32_t l[2] = {839, 139}, sum[2] = {0xaea8258fu, 0x4aa45e0eu};
  for (int t = 0; t < 2; t++) {
    uint8_t seen[839] = {0};
    uint32_t h = 2166136261u;
    bool pairs = true, perm = true;
    for (uint32_t i = 0; i + 1 < l[t]; i++) {
      int u = phy_prach_root_u(l[t], i);
      perm = perm && u > 0 && u < (int)l[t] && !seen[u];
      if (u > 0 && u < 839) {
        seen[u] = 1;
      }
      h = fnv_word(h, (uint32_t)u);
      /* Property: logical 2j and 2j + 1 are the conjugate pair u, L - u. */
      pairs = pairs && (i % 2 == 0 ? phy_prach_root_u(l[t], i + 1) == (int)l[t] - u : true);
    }
    CHECK(perm && pairs, "L=%u: permutation %d, pairs %d", l[t], perm, pairs);
    CHECK(h == sum[t], "L=%u: checksum %08x (srsRAN prach_generator_impl.cpp lut)", l[t], h);
  }
}

static void test_ncs(void)
{
  /* srsRAN prach_cyclic_shifts.cpp (second source), whole columns. */
  static const uint16_t u125[16] = {0,  13, 15, 18, 22,  26,  32,  38,
                                    46, 59, 76, 93, 119, 167, 279, 419};
  static const uint16_t a125[15] = {15, 18, 22,  26,  32,  38,  46, 55,
                                    68, 82, 100, 128, 158, 202, 237};
  static const uint16_t b125[13] = {15, 18, 22, 26, 32, 38, 46, 55, 68, 82, 100, 118, 137};
  static const uint16_t u5[16] = {0,  13, 26, 33,  38,  41,  49,  55,
                                  64, 76, 93, 119, 139, 209, 279, 419};
  static const uint16_t a5[16] = {36,  57,  72,  81,  89,  94,  103, 112,
                                  121, 132, 137, 152, 173, 195, 216, 237};
  static const uint16_t b5[14] = {36, 57, 60, 63, 65, 68, 71, 77, 81, 85, 97, 109, 122, 137};
  static const uint16_t us[16] = {0, 2, 4, 6, 8, 10, 12, 13, 15, 17, 19, 23, 27, 34, 46, 69};
  for (uint32_t z = 0; z < 16; z++) {
    CHECK(phy_prach_ncs(1250, PHY_PRACH_SET_UNRESTRICTED, z) == u125[z], "1.25 z=%u", z);
    CHECK(phy_prach_ncs(1250, PHY_PRACH_SET_TYPE_A, z) == (z < 15 ? a125[z] : OLIVE_EINVAL), "A");
    CHECK(phy_prach_ncs(1250, PHY_PRACH_SET_TYPE_B, z) == (z < 13 ? b125[z] : OLIVE_EINVAL), "B");
    CHECK(phy_prach_ncs(5000, PHY_PRACH_SET_UNRESTRICTED, z) == u5[z], "5 z=%u", z);
    CHECK(phy_prach_ncs(5000, PHY_PRACH_SET_TYPE_A, z) == a5[z], "5A z=%u", z);
    CHECK(phy_prach_ncs(5000, PHY_PRACH_SET_TYPE_B, z) == (z < 14 ? b5[z] : OLIVE_EINVAL), "5B");
    CHECK(phy_prach_ncs(15000, PHY_PRACH_SET_UNRESTRICTED, z) == us[z], "15 z=%u", z);
    CHECK(phy_prach_ncs(30000, PHY_PRACH_SET_UNRESTRICTED, z) == us[z], "30 z=%u", z);
  }
  /* Hand: zcz 1 at 1.25 kHz gives N_CS 13, floor(839 / 13) = 64 shifts of one root. */
  CHECK(phy_prach_ncs(1250, PHY_PRACH_SET_UNRESTRICTED, 1) == 13 && 839 / 13 == 64, "zcz 1");
  CHECK(phy_prach_ncs(1250, PHY_PRACH_SET_UNRESTRICTED, 16) == OLIVE_EINVAL, "zcz 16");
  CHECK(phy_prach_ncs(15000, PHY_PRACH_SET_TYPE_A, 1) == OLIVE_EINVAL, "short restricted");
}

static void test_formats(void)
{
  /* N_CP in kappa per srsRAN prach_preamble_information.cpp: 3168, 21024, 4688, 3168;
   * N_u: 24576, 2 x 24576, 4 x 24576, 4 x 6144 kappa (Table 6.3.3.1-1). */
  static const uint32_t cp[4] = {3168, 21024, 4688, 3168}, nu[4] = {24576, 49152, 98304, 24576};
  static const uint32_t rep[4] = {1, 2, 4, 4}, scs[4] = {1250, 1250, 1250, 5000};
  phy_prach_format_info_t inf;
  for (int f = 0; f < 4; f++) {
    CHECK(phy_prach_format_info((phy_prach_format_t)f, 0, &inf) == 0 && inf.l_ra == 839 &&
              inf.n_cp_tc == cp[f] * 64 && inf.n_u_tc == nu[f] * 64 && inf.nof_rep == rep[f] &&
              inf.scs_hz == scs[f],
          "format %d", f);
  }
  /* Table 6.3.3.1-2 at mu = 1: A1 N_u = 2 x 2048 kappa / 2, N_CP = 288 kappa / 2; C2
   * N_CP = 2048 kappa / 2. */
  CHECK(phy_prach_format_info(PHY_PRACH_FMT_A1, 1, &inf) == 0 && inf.l_ra == 139 &&
            inf.scs_hz == 30000 && inf.n_u_tc == 4096 * 32 && inf.n_cp_tc == 288 * 32 &&
            inf.nof_rep == 2,
        "A1");
  CHECK(phy_prach_format_info(PHY_PRACH_FMT_C2, 0, &inf) == 0 && inf.n_cp_tc == 2048 * 64 &&
            inf.n_u_tc == 4 * 2048 * 64,
        "C2");
  CHECK(phy_prach_format_info(PHY_PRACH_FMT_A1_B1, 0, &inf) == OLIVE_EINVAL, "A1/B1");
  CHECK(strcmp(phy_prach_format_name(PHY_PRACH_FMT_B4), "B4") == 0, "name");
}

static void test_alloc(void)
{
  /* Table 6.3.3.2-1 as printed by MATLAB nrPRACHConfig.Tables.SupportedSCSCombinations
   * (MathWorks "5G NR PRACH Configuration" example, R2021a documentation): L_RA, SCS_RA,
   * SCS_PUSCH, N_RB^RA, k_bar. */
  static const uint32_t ref[12][5] = {
      {839, 1250, 15000, 6, 7},   {839, 1250, 30000, 3, 1},   {839, 1250, 60000, 2, 133},
      {839, 5000, 15000, 24, 12}, {839, 5000, 30000, 12, 10}, {839, 5000, 60000, 6, 7},
      {139, 15000, 15000, 12, 2}, {139, 15000, 30000, 6, 2},  {139, 15000, 60000, 3, 2},
      {139, 30000, 15000, 24, 2}, {139, 30000, 30000, 12, 2}, {139, 30000, 60000, 6, 2},
  };
  for (int i = 0; i < 12; i++) {
    uint32_t n = 0, k = 0;
    CHECK(phy_prach_alloc(ref[i][0], ref[i][1], ref[i][2], &n, &k) == 0 && n == ref[i][3] &&
              k == ref[i][4],
          "row %d", i);
  }
}

int main(void)
{
  test_cfg_second_source();
  test_cfg_properties();
  test_cfg_hand_rows();
  test_roots();
  test_ncs();
  test_formats();
  test_alloc();
  return olive_test_done();
}
