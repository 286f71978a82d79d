/* SPDX-License-Identifier: Apache-2.0 */
/* Polar tables and code construction (TS 38.212 5.3.1, 5.3.1.1, 5.3.1.2, 5.4.1.1), each
 * pinned to a second public source:
 *  - Q (Table 5.3.1.2-1): permutation of 0..1023, and five runs of ten entries copied from
 *    an independent C++ transcription (GitHub code search "reliability_sequence ={0, 1, 2,
 *    4, 8, 16, 32, 3, 5, 64", a KAIST-style SCL project) at their positions;
 *  - Pi_IL^max (Table 5.3.1.1-1): FNV-1a of the 164 entries as transcribed in NVlabs
 *    sionna's polar utils (p_il_max_table), computed on that list;
 *  - P(i) and J(n) (5.4.1.1): srsRAN_4G polar_code.h blk_interleaver_5 (= P) and FNV-1a of
 *    blk_interleaver_9/_10 (= J(n) for N = 512, 1024);
 *  - info sets: PBCH (K=56, E=864) from srsRAN_4G test/frozensets/
 *    polar_code_sets_512_864_56_0_0.bin (MATLAB-generated, commit 2c4aa1e37); DCI AL4
 *    (K=64, E=432, puncturing), DCI AL1 (K=64, E=108, shortening) and UCI with PC bits
 *    (K=20, E=200 / 250) from srsRAN_4G srsran_polar_code_get() (commit 1fab3df86) run
 *    standalone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "olive/phy/polar.h"
#include "olive/support/error.h"

static uint32_t fnv8(const uint8_t *v, unsigned n)
{
  uint32_t h = 2166136261u;
  for (unsigned i = 0; i < n; i++) {
    h = (h ^ v[i]) * 16777619u;
  }
  return h;
}

static uint32_t fnv16(const uint16_t *v, unsigned n)
{
  uint32_t h = 2166136261u;
  for (unsigned i = 0; i < n; i++) {
    h = (h ^ (v[i] & 0xff)) * 16777619u;
    h = (h ^ (v[i] >> 8)) * 16777619u;
  }
  return h;
}

static void test_sequence(void **state)
{
  (void)state;
  const uint16_t *q = phy_polar_sequence();
  uint8_t seen[PHY_POLAR_NMAX] = {0};
  for (unsigned i = 0; i < PHY_POLAR_NMAX; i++) {
    assert_true(q[i] < PHY_POLAR_NMAX);
    assert_false(seen[q[i]]);
    seen[q[i]] = 1;
  }
  static const struct {
    unsigned at;
    uint16_t v[10];
  } runs[] = {
      {60, {516, 49, 74, 272, 160, 520, 288, 528, 192, 544}},
      {568, {359, 457, 399, 787, 591, 678, 434, 677, 349, 245}},
      {632, {848, 690, 713, 632, 482, 806, 427, 904, 414, 223}},
      {952, {971, 890, 509, 949, 973, 1000, 892, 950, 863, 759}},
      {1014, {1017, 1018, 991, 1020, 1007, 1015, 1019, 1021, 1022, 1023}},
  };
  for (unsigned r = 0; r < OLIVE_ARRAY_SIZE(runs); r++) {
    assert_memory_equal(q + runs[r].at, runs[r].v, sizeof(runs[r].v));
  }
}

static void test_il_and_subblock(void **state)
{
  (void)state;
  const uint8_t *il = phy_polar_il_pattern();
  assert_int_equal(fnv8(il, PHY_POLAR_K_IL_MAX), 0x37f1b129u); /* sionna p_il_max_table */
  static const uint8_t p_srs[32] = {0,  1,  2,  4,  3,  5,  6,  7,  8,  16, 9,  17, 10, 18, 11, 19,
                                    12, 20, 13, 21, 14, 22, 15, 23, 24, 25, 26, 28, 27, 29, 30, 31};
  assert_memory_equal(phy_polar_subblock_pattern(), p_srs, 32);
  /* J(n) is what phy_polar_rm_tx applies to d: read it back through a one-hot d */
  static const uint32_t j_fnv[2] = {0x8f1dc945u, 0x3bd8ecc5u};
  for (unsigned n = 9; n <= 10; n++) {
    phy_polar_code_t c;
    unsigned N = 1u << n;
    assert_int_equal(phy_polar_code_get(&c, N / 8, N, n, false, false), 0); /* n2 = n */
    assert_int_equal(c.N, N);
    uint16_t j[PHY_POLAR_NMAX];
    uint8_t d[PHY_POLAR_NMAX], e[PHY_POLAR_NMAX];
    for (unsigned m = 0; m < N; m++) {
      memset(d, 0, N);
      d[m] = 1;
      phy_polar_rm_tx(&c, d, e);
      for (unsigned k = 0; k < N; k++) {
        if (e[k]) {
          j[k] = (uint16_t)m;
        }
      }
    }
    assert_int_equal(fnv16(j, N), j_fnv[n - 9]);
  }
}

/* K=56 -> 1..: interleaver is a permutation; K = 164 keeps Pi_IL^max itself. */
static void test_interleaver(void **state)
{
  (void)state;
  uint8_t in[PHY_POLAR_K_IL_MAX], out[PHY_POLAR_K_IL_MAX], back[PHY_POLAR_K_IL_MAX];
  for (unsigned K = 1; K <= PHY_POLAR_K_IL_MAX; K++) {
    for (unsigned k = 0; k < K; k++) {
      in[k] = (uint8_t)k;
    }
    assert_int_equal(phy_polar_interleave(out, in, K), 0);
    uint8_t seen[PHY_POLAR_K_IL_MAX] = {0};
    for (unsigned k = 0; k < K; k++) {
      assert_true(out[k] < K);
      assert_false(seen[out[k]]);
      seen[out[k]] = 1;
    }
    assert_int_equal(phy_polar_deinterleave(back, out, K), 0);
    assert_memory_equal(back, in, K);
  }
  assert_memory_equal(out, phy_polar_il_pattern(), PHY_POLAR_K_IL_MAX);
  assert_int_equal(phy_polar_interleave(out, in, 165), OLIVE_EINVAL);
}

static void check_info(unsigned K, unsigned E, unsigned n_max, unsigned N, const uint16_t *ref,
                       unsigned nref)
{
  phy_polar_code_t c;
  assert_int_equal(phy_polar_code_get(&c, K, E, n_max, n_max == 9, n_max == 10), 0);
  assert_int_equal(c.N, N);
  assert_int_equal(c.K + c.n_pc, nref);
  assert_memory_equal(c.info_set, ref, nref * sizeof(uint16_t));
}

static void test_info_sets(void **state)
{
  (void)state;
  static const uint16_t pbch[56] = {
      247, 253, 254, 255, 367, 375, 379, 381, 382, 383, 415, 431, 439, 441, 443, 444, 445, 446, 447,
      463, 469, 470, 471, 473, 474, 475, 476, 477, 478, 479, 483, 485, 486, 487, 489, 490, 491, 492,
      493, 494, 495, 497, 498, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511};
  check_info(56, 864, 9, 512, pbch, 56);
  static const uint16_t dci_al4[64] = {
      247, 251, 253, 254, 255, 351, 367, 375, 379, 381, 382, 383, 415, 431, 438, 439,
      441, 442, 443, 444, 445, 446, 447, 461, 462, 463, 467, 469, 470, 471, 473, 474,
      475, 476, 477, 478, 479, 483, 485, 486, 487, 489, 490, 491, 492, 493, 494, 495,
      496, 497, 498, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511};
  check_info(64, 432, 9, 512, dci_al4, 64);
  static const uint16_t dci_al1[64] = {
      15, 23, 27, 29, 30, 31, 39, 42, 43, 44, 45, 46, 47,  49,  50,  51,  52,  53,  54,  55, 56, 57,
      58, 59, 60, 61, 62, 63, 69, 70, 71, 73, 74, 75, 76,  77,  78,  79,  81,  82,  83,  84, 85, 86,
      87, 88, 89, 90, 91, 92, 93, 94, 95, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107};
  check_info(64, 108, 9, 128, dci_al1, 64);
  phy_polar_code_t c;
  assert_int_equal(phy_polar_code_get(&c, 64, 108, 9, true, false), 0);
  assert_int_equal(c.rm_mode, PHY_POLAR_RM_SHORTEN);
  assert_int_equal(phy_polar_code_get(&c, 64, 432, 9, true, false), 0);
  assert_int_equal(c.rm_mode, PHY_POLAR_RM_PUNCTURE);
}

/* UCI 18 <= K <= 25: three PC bits; with E - K + 3 > 192 one sits at minimum row weight. */
static void test_pc_bits(void **state)
{
  (void)state;
  static const uint16_t info[23] = {127, 190, 191, 221, 222, 223, 231, 235, 237, 238, 239, 243,
                                    245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255};
  check_info(20, 200, 10, 256, info, 23);
  check_info(20, 250, 10, 256, info, 23);
  static const uint16_t pc[2][3] = {{190, 231, 248}, {231, 248, 252}};
  const unsigned E[2] = {200, 250};
  for (unsigned t = 0; t < 2; t++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, 20, E[t], 10, false, true), 0);
    assert_int_equal(c.n_pc, 3);
    assert_int_equal(c.n_pc_wm, t);
    unsigned k = 0;
    for (unsigned i = 0; i < c.N; i++) {
      if (c.role[i] == PHY_POLAR_PC) {
        assert_int_equal(i, pc[t][k++]);
      }
    }
    assert_int_equal(k, 3);
  }
}

/* 60 configurations drawn at random from a sweep (K 18..1000 UL, 36..164 DL; E 30..8192)
 * where srsRAN_4G srsran_polar_code_get() (run standalone) and this code agreed on all
 * 294: FNV-1a over the 16-bit little-endian info set, 0xffff, then the PC set. */
static void test_sweep_vs_srsran(void **state)
{
  (void)state;
  static const struct {
    unsigned K, E, n_max, N;
    uint32_t fnv;
  } v[] = {
      {18, 200, 10, 256, 0xdee8736du},  {18, 211, 10, 256, 0xcd08aac2u},
      {18, 1000, 10, 256, 0xcd08aac2u}, {18, 1088, 10, 256, 0xcd08aac2u},
      {18, 8192, 10, 256, 0xcd08aac2u}, {19, 60, 10, 64, 0xf3fb4d24u},
      {19, 600, 10, 256, 0xe4eae457u},  {19, 1000, 10, 256, 0xe4eae457u},
      {20, 300, 10, 256, 0xd714836du},  {20, 1088, 10, 256, 0xd714836du},
      {21, 200, 10, 256, 0xfe74a83du},  {21, 217, 10, 256, 0x666abe99u},
      {21, 300, 10, 256, 0x666abe99u},  {21, 400, 10, 256, 0x666abe99u},
      {22, 45, 10, 64, 0xdcf0329du},    {22, 150, 10, 256, 0xe114c351u},
      {22, 211, 10, 256, 0xe114c351u},  {23, 77, 10, 128, 0xaedd5e7eu},
      {23, 600, 10, 256, 0xc6838e2du},  {23, 1500, 10, 256, 0xc6838e2du},
      {24, 100, 10, 128, 0x3ae4f337u},  {24, 150, 10, 256, 0xcd96f9d5u},
      {24, 211, 10, 256, 0xcd96f9d5u},  {24, 8192, 10, 256, 0xfd80208au},
      {25, 77, 10, 128, 0xbb419ab7u},   {25, 100, 10, 128, 0xbb419ab7u},
      {25, 250, 10, 256, 0x1f3387ebu},  {25, 400, 10, 256, 0x1f3387ebu},
      {31, 77, 10, 128, 0x41a75867u},   {31, 1500, 10, 256, 0xd92ed63cu},
      {36, 40, 9, 64, 0xf91e8fc8u},     {36, 108, 9, 128, 0xdb320634u},
      {36, 150, 9, 256, 0x4d389ba6u},   {36, 432, 9, 512, 0x9757bfc9u},
      {40, 77, 10, 128, 0xb430a349u},   {40, 250, 10, 256, 0x72ce3db7u},
      {40, 8192, 10, 512, 0xf336abfdu}, {56, 150, 9, 256, 0x8257c34au},
      {56, 1728, 9, 512, 0xc1ea2672u},  {64, 100, 10, 128, 0x26526e78u},
      {64, 400, 10, 512, 0x282ee585u},  {64, 600, 10, 512, 0x282ee585u},
      {64, 864, 9, 512, 0x282ee585u},   {64, 1000, 10, 512, 0x282ee585u},
      {64, 3000, 10, 512, 0x282ee585u}, {64, 8192, 10, 512, 0x282ee585u},
      {100, 217, 10, 256, 0x6ed785f9u}, {100, 300, 9, 512, 0xc50f621du},
      {100, 864, 9, 512, 0xc50f621du},  {100, 1500, 10, 1024, 0x877e74bdu},
      {100, 1728, 9, 512, 0xc50f621du}, {100, 3000, 9, 512, 0xc50f621du},
      {140, 300, 9, 512, 0x34d55603u},  {140, 432, 9, 512, 0xd647ed2bu},
      {164, 864, 9, 512, 0x00a61d07u},  {164, 1728, 9, 512, 0x00a61d07u},
      {164, 3000, 9, 512, 0x00a61d07u}, {200, 211, 10, 256, 0xe56a7c0cu},
      {200, 400, 10, 512, 0x6c8882bbu}, {200, 1500, 10, 1024, 0xcef2bafcu},
  };
  for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(v); t++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, v[t].K, v[t].E, v[t].n_max, false, false), 0);
    assert_int_equal(c.N, v[t].N);
    uint16_t w[PHY_POLAR_KMAX + 2 * PHY_POLAR_N_PC + 1];
    unsigned n = 0;
    for (unsigned i = 0; i < (unsigned)c.K + c.n_pc; i++) {
      w[n++] = c.info_set[i];
    }
    w[n++] = 0xffff;
    for (unsigned i = 0; i < c.N; i++) {
      if (c.role[i] == PHY_POLAR_PC) {
        w[n++] = (uint16_t)i;
      }
    }
    assert_int_equal(fnv16(w, n), v[t].fnv);
  }
}

/* TS 38.212 5.3.1 N selection, worked by hand: n = max(min(n1, n2, n_max), 5). */
static void test_n_selection(void **state)
{
  (void)state;
  static const struct {
    unsigned K, E, n_max, N;
  } v[] = {
      {56, 864, 9, 512},     /* n1 = 10, n2 = 9, n_max 9 */
      {64, 108, 9, 128},     /* n1 = 7, n2 = 9 */
      {30, 288, 10, 256},    /* E = 288 <= 9/8 * 256, 30/288 < 9/16: n1 = 8; n2 = 8 */
      {19, 100, 10, 128},    /* n1 = 7, n2 = ceil(log2 152) = 8 */
      {12, 40, 10, 64},      /* n1 = 6, n2 = ceil(log2 96) = 7 */
      {1, 18, 10, 32},       /* n_min */
      {200, 1088, 10, 1024}, /* n1 = 11 > n_max */
  };
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(v); i++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, v[i].K, v[i].E, v[i].n_max, false, false), 0);
    assert_int_equal(c.N, v[i].N);
  }
}

static void test_bad_args(void **state)
{
  (void)state;
  phy_polar_code_t c;
  assert_int_equal(phy_polar_code_get(NULL, 56, 864, 9, true, false), OLIVE_EINVAL);
  assert_int_equal(phy_polar_code_get(&c, 0, 864, 9, true, false), OLIVE_EINVAL);
  assert_int_equal(phy_polar_code_get(&c, 165, 864, 9, true, false), OLIVE_EINVAL);
  assert_int_equal(phy_polar_code_get(&c, 56, 56, 9, true, false), OLIVE_EINVAL);  /* K >= E */
  assert_int_equal(phy_polar_code_get(&c, 20, 23, 10, false, true), OLIVE_EINVAL); /* K+n_PC */
  assert_int_equal(phy_polar_code_get(&c, 56, 8193, 9, true, false), OLIVE_EINVAL);
  assert_int_equal(phy_polar_code_get(&c, 56, 864, 8, true, false), OLIVE_EINVAL);
  assert_int_equal(phy_polar_code_get(&c, 600, 700, 9, false, false), OLIVE_EINVAL); /* K >= N */
  assert_int_equal(phy_polar_code_get(&c, 1023, 8192, 10, false, true), 0);
  assert_int_equal(phy_polar_code_get(&c, 1024, 8192, 10, false, true), OLIVE_EINVAL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sequence),    cmocka_unit_test(test_il_and_subblock),
      cmocka_unit_test(test_interleaver), cmocka_unit_test(test_info_sets),
      cmocka_unit_test(test_pc_bits),     cmocka_unit_test(test_sweep_vs_srsran),
      cmocka_unit_test(test_n_selection), cmocka_unit_test(test_bad_args),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
