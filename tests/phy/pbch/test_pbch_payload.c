/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH payload generation, interleaving and both scramblings, pinned to:
 *  - Table 7.1.1-1 as transcribed independently by OpenAirInterface
 *    (openair1/PHY/NR_TRANSPORT/nr_pbch.c, nr_pbch_payload_interleaving_pattern) and by the
 *    Python port of MATLAB nrBCH used in public PBCH BLER studies (G = [16, 23, 18, ...]);
 *    the copy below was typed from those, plus the permutation property;
 *  - positions of single payload bits worked by hand from the 7.1.1 pseudo-code;
 *  - c(n) from a bit-serial two-register Gold generator written here from TS 38.211 5.2.1
 *    (not phy/seq), for 7.1.2 and 7.3.3.1. */
#include <string.h>

#include "olive/phy/pbch.h"
#include "olive/phy/polar.h"
#include "olive/support/error.h"
#include "olive_test.h"

#define NC   1600
#define CMAX (8 * PHY_PBCH_E + 64)

/* TS 38.211 5.2.1, one register step per bit. */
static void gold_serial(uint8_t *c, uint32_t c_init, uint32_t len)
{
  static uint8_t x1[NC + CMAX + 31], x2[NC + CMAX + 31];
  memset(x1, 0, sizeof(x1));
  x1[0] = 1;
  for (int i = 0; i < 31; i++) {
    x2[i] = (uint8_t)((c_init >> i) & 1u);
  }
  for (uint32_t n = 0; n < NC + len; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) & 1;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) & 1;
  }
  for (uint32_t n = 0; n < len; n++) {
    c[n] = (x1[n + NC] + x2[n + NC]) & 1;
  }
}

/* OpenAirInterface's and nrBCH's transcription of Table 7.1.1-1. */
static const uint8_t g_ref[32] = {16, 23, 18, 17, 8,  30, 10, 6,  24, 7,  0,  5,  3,  2,  1,  4,
                                  9,  11, 12, 13, 14, 15, 19, 20, 21, 22, 25, 26, 27, 28, 29, 31};

static void test_table(void)
{
  const uint8_t *g = phy_pbch_interleaver_pattern();
  uint32_t seen = 0;
  for (int j = 0; j < 32; j++) {
    CHECK(g[j] == g_ref[j], "G(%d) = %u, reference %u", j, g[j], g_ref[j]);
    seen |= 1u << g[j];
  }
  CHECK(seen == 0xFFFFFFFFu, "G is not a permutation of 0..31");
}

/* One set payload bit a_bar_i lands at a'_{G(j)} with j from the 7.1.1 pseudo-code:
 * a_1..a_6 -> j_SFN 0..5; a_24..a_27 -> j_SFN 6..9; a_28 -> j_HRF 10; a_29..a_31 ->
 * j_SSB 11..13; a_0 -> j_other 14; a_7..a_23 -> j_other 15..31. */
static void test_interleave_positions(void)
{
  static const struct {
    uint8_t i, pos;
  } cases[] = {{1, 16}, {6, 30}, {24, 10}, {25, 6}, {26, 24}, {27, 7}, {28, 0},
               {29, 5}, {31, 2}, {0, 1},   {7, 4},  {8, 9},   {23, 31}};
  for (unsigned c = 0; c < OLIVE_ARRAY_SIZE(cases); c++) {
    uint8_t a[32] = {0}, ap[32], back[32];
    a[cases[c].i] = 1;
    CHECK(phy_pbch_payload_interleave(a, 8, ap) == 0, "-");
    for (int k = 0; k < 32; k++) {
      CHECK(ap[k] == (k == cases[c].pos), "a_%u: a'_%d = %u", cases[c].i, k, ap[k]);
    }
    CHECK(phy_pbch_payload_deinterleave(ap, 8, back) == 0 && memcmp(a, back, 32) == 0, "-");
  }
}

/* a_bar for a worked message: SFN 0x2B5 = 10 1011 0101b, HRF 1, k_SSB 17 (MSB 1). */
static void test_payload_bits(void)
{
  phy_pbch_msg_t m = {.sfn = 0x2B5, .hrf = 1, .ssb_idx = 3, .k_ssb = 17};
  for (int i = 0; i < 24; i++) {
    m.bch[i] = (uint8_t)(i % 3 == 0);
  }
  uint8_t a[32];
  CHECK(phy_pbch_payload_bits(&m, 8, a) == 0, "-");
  static const uint8_t tail8[8] = {0, 1, 0, 1, /* SFN 4th..1st LSB of ...0101 */
                                   1,          /* HRF */
                                   1, 0, 0};   /* k_SSB MSB, reserved */
  CHECK(memcmp(a + 24, tail8, 8) == 0, "timing bits (L_max 8)");
  m.ssb_idx = 0x2A; /* L_max 64: 6th, 5th, 4th bits of 101010b = 1, 0, 1 */
  CHECK(phy_pbch_payload_bits(&m, 64, a) == 0, "-");
  CHECK(a[29] == 1 && a[30] == 0 && a[31] == 1, "SSB index bits (L_max 64)");
  CHECK(phy_pbch_payload_bits(&m, 8, a) == OLIVE_EINVAL, "SSB index 42 with L_max 8");
  m.ssb_idx = 0;
  m.sfn = 1024;
  CHECK(phy_pbch_payload_bits(&m, 8, a) == OLIVE_EINVAL, "SFN 1024");
  m.sfn = 0;
  CHECK(phy_pbch_payload_bits(&m, 16, a) == OLIVE_EINVAL, "L_max 16");
}

/* 7.1.2 on an all-zero a': the unscrambled positions stay 0 and the others read c(j + vM)
 * in increasing i. Unscrambled: G(7) = 6, G(8) = 24, G(10) = 0 (and G(11..13) = 5, 3, 2
 * for L_max 64). */
static void test_scrambling1(void)
{
  static const uint32_t lmaxes[] = {4, 8, 64};
  for (unsigned t = 0; t < 3; t++) {
    uint32_t l_max = lmaxes[t], m = l_max == 64 ? 26 : 29;
    for (uint32_t v = 0; v < 4; v++) {
      uint32_t n_id = 17 + 300 * v;
      uint8_t a[32] = {0}, c[4 * 29 + 32];
      gold_serial(c, n_id, 4 * 29 + 32);
      CHECK(phy_pbch_payload_scramble(a, n_id, l_max, v) == 0, "-");
      uint32_t j = 0;
      for (uint32_t i = 0; i < 32; i++) {
        int skip = i == 6 || i == 24 || i == 0 || (l_max == 64 && (i == 5 || i == 3 || i == 2));
        uint8_t want = skip ? 0 : c[v * m + j++];
        CHECK(a[i] == want, "L_max %u v %u i %u", l_max, v, i);
      }
      CHECK(j == m, "-");
    }
  }
  uint8_t a[32] = {0};
  CHECK(phy_pbch_payload_scramble(a, 1008, 8, 0) == OLIVE_EINVAL, "-");
  CHECK(phy_pbch_payload_scramble(a, 0, 8, 4) == OLIVE_EINVAL, "-");
}

/* Whole bit chain: b~ = polar(scrambled a') XOR c(i + v 864), v = SSB index LSBs
 * (TS 38.211 7.3.3.1), with a' scrambled by c(j + v' 29), v' from SFN bits 3 and 2. */
static void test_chain_bits(void)
{
  phy_pbch_t q;
  CHECK(phy_pbch_init(&q, NULL) == 0, "-");
  static uint8_t c[CMAX];
  for (uint32_t t = 0; t < 8; t++) {
    phy_pbch_cfg_t cfg = {.map = {.n_id = 3 + 127 * t}, .l_max = t < 4 ? 4 : 8};
    phy_pbch_msg_t m = {.sfn = 97 * t + 3, .hrf = t & 1, .ssb_idx = t % cfg.l_max, .k_ssb = 5 + t};
    for (int i = 0; i < 24; i++) {
      m.bch[i] = (uint8_t)(((t + 1) * 0x9E3779B9u >> i) & 1u);
    }
    uint8_t bits[PHY_PBCH_E], a_bar[32], a[32], e[PHY_PBCH_E];
    CHECK(phy_pbch_encode_bits(&q, &cfg, &m, bits) == 0, "-");
    phy_pbch_payload_bits(&m, cfg.l_max, a_bar);
    phy_pbch_payload_interleave(a_bar, cfg.l_max, a);
    uint32_t v1 = 2 * ((m.sfn >> 2) & 1) + ((m.sfn >> 1) & 1);
    CHECK(phy_pbch_payload_v(a, cfg.l_max) == v1, "-");
    gold_serial(c, cfg.map.n_id, 4 * 29);
    for (uint32_t i = 0, j = 0; i < 32; i++) {
      if (i != 0 && i != 6 && i != 24) {
        a[i] ^= c[v1 * 29 + j++];
      }
    }
    phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_PBCH, .A = 32, .E = PHY_PBCH_E};
    CHECK(phy_polar_chain_encode(&pc, a, e) == 0, "-");
    uint32_t v2 = m.ssb_idx & (cfg.l_max == 4 ? 3u : 7u);
    gold_serial(c, cfg.map.n_id, 8 * PHY_PBCH_E);
    int bad = 0;
    for (uint32_t i = 0; i < PHY_PBCH_E; i++) {
      bad += bits[i] != (e[i] ^ c[i + v2 * PHY_PBCH_E]);
    }
    CHECK(bad == 0, "case %u: %d bits differ", t, bad);
  }
  phy_pbch_free(&q);
  phy_pbch_free(&q);
}

int main(void)
{
  test_table();
  test_interleave_positions();
  test_payload_bits();
  test_scrambling1();
  test_chain_bits();
  return olive_test_done();
}
