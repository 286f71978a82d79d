/* SPDX-License-Identifier: Apache-2.0 */
/* Polar encoder, rate matching and SCL decoder:
 *  - d = u G_N against an explicit Kronecker-power matrix built in the test and a
 *    bit-serial matrix multiply, for every n;
 *  - sub-channel allocation with PC bits against the pseudo-code of TS 38.212 5.3.1.2;
 *  - rate matching: every mode maps sign-only LLRs back onto d exactly; the coded-bit
 *    interleaver against the triangle of 5.4.1.3 worked by hand for E = 10;
 *  - the whole transmit chain c -> e against srsRAN_4G (commit 1fab3df86: polar_code.c,
 *    polar_interleaver.c, polar_chanalloc.c, polar_encoder_pipelined.c, polar_rm.c built
 *    standalone outside this tree) as FNV-1a hashes of e for the same pseudo-random c:
 *    PBCH, DCI AL1..AL8 (shortening, puncturing, repetition), K = 164, UCI with PC bits
 *    (n_PC^wm 0 and 1), puncturing and repetition with the coded-bit interleaver;
 *  - decoder: noiseless decoding for list 1..8 and every ISA; AVX2 kernels bit-exact against
 *    the portable ones over noisy codewords; a short AWGN BLER check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "olive/phy/crc.h"
#include "olive/phy/polar.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"
#include "polar_test_util.h"

/* G_N = F (x) G_{N/2}, F = [[1,0],[1,1]]: G_2N = [[G_N, 0], [G_N, G_N]]. */
static uint8_t *kron_matrix(unsigned N)
{
  uint8_t *g = calloc((size_t)N * N, 1);
  g[0] = 1;
  for (unsigned m = 1; m < N; m <<= 1) {
    for (unsigned i = 0; i < m; i++) {
      for (unsigned j = 0; j < m; j++) {
        uint8_t v = g[(size_t)i * N + j];
        g[(size_t)(i + m) * N + j] = v;
        g[(size_t)(i + m) * N + j + m] = v;
      }
    }
  }
  return g;
}

static void test_encoder(void **state)
{
  (void)state;
  uint64_t s = 1;
  for (unsigned n = 5; n <= 10; n++) {
    unsigned N = 1u << n;
    uint8_t *g = kron_matrix(N);
    for (unsigned t = 0; t < 4; t++) {
      uint8_t u[PHY_POLAR_NMAX], d[PHY_POLAR_NMAX], ref[PHY_POLAR_NMAX];
      for (unsigned i = 0; i < N; i++) {
        u[i] = t == 0 ? (i == N - 1) : (uint8_t)(tu_rand(&s) & 1); /* t=0: last row */
      }
      for (unsigned j = 0; j < N; j++) {
        uint8_t x = 0;
        for (unsigned i = 0; i < N; i++) {
          x ^= u[i] & g[(size_t)i * N + j];
        }
        ref[j] = x;
      }
      assert_int_equal(phy_polar_encode(u, d, n), 0);
      assert_memory_equal(d, ref, N);
      assert_int_equal(phy_polar_encode(u, u, n), 0); /* in place */
      assert_memory_equal(u, ref, N);
    }
    free(g);
  }
  uint8_t u[32];
  assert_int_equal(phy_polar_encode(u, u, 4), OLIVE_EINVAL);
  assert_int_equal(phy_polar_encode(u, u, 11), OLIVE_EINVAL);
}

/* TS 38.212 5.3.1.2 pseudo-code, transcribed literally with y0..y4 as separate bits. */
static void alloc_ref(const phy_polar_code_t *c, const uint8_t *cp, uint8_t *u)
{
  unsigned k = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0, y4 = 0;
  for (unsigned n = 0; n < c->N; n++) {
    unsigned yt = y0;
    y0 = y1;
    y1 = y2;
    y2 = y3;
    y3 = y4;
    y4 = yt;
    u[n] = 0;
    if (c->role[n] == PHY_POLAR_PC) {
      u[n] = (uint8_t)y0;
    } else if (c->role[n] == PHY_POLAR_INFO) {
      u[n] = cp[k++];
      y0 ^= u[n];
    }
  }
}

static void test_alloc_pc(void **state)
{
  (void)state;
  uint64_t s = 7;
  static const unsigned cases[][2] = {{18, 40}, {20, 200}, {25, 250}, {20, 1000}};
  for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(cases); t++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, cases[t][0], cases[t][1], 10, false, true), 0);
    assert_int_equal(c.n_pc, 3);
    for (unsigned r = 0; r < 20; r++) {
      uint8_t cp[32], u[PHY_POLAR_NMAX], ref[PHY_POLAR_NMAX];
      for (unsigned k = 0; k < c.K; k++) {
        cp[k] = (uint8_t)(tu_rand(&s) & 1);
      }
      phy_polar_alloc(&c, cp, u);
      alloc_ref(&c, cp, ref);
      assert_memory_equal(u, ref, c.N);
    }
  }
}

/* TS 38.212 5.4.1.3 by hand, E = 10 -> T = 4: rows (e0 e1 e2 e3) (e4 e5 e6) (e7 e8) (e9),
 * read by columns: e0 e4 e7 e9 e1 e5 e8 e2 e6 e3. */
static void test_bil_hand(void **state)
{
  (void)state;
  phy_polar_code_t c;
  assert_int_equal(phy_polar_code_get(&c, 5, 10, 10, false, true), 0);
  assert_int_equal(c.N, 32); /* K/E > 7/16, shortening: e_k = y_k = d_J(k) */
  assert_int_equal(c.rm_mode, PHY_POLAR_RM_SHORTEN);
  static const unsigned order[10] = {0, 4, 7, 9, 1, 5, 8, 2, 6, 3};
  for (unsigned k = 0; k < 10; k++) {
    uint8_t d[32] = {0}, e[10];
    d[phy_polar_subblock_pattern()[order[k]]] = 1; /* N = 32: J(n) = P(n) */
    phy_polar_rm_tx(&c, d, e);
    for (unsigned j = 0; j < 10; j++) {
      assert_int_equal(e[j], j == k);
    }
  }
}

/* Sign-only LLRs of e, de-rate-matched, agree with d wherever d was sent, and carry the
 * right fill elsewhere; repetition adds. */
static void test_rm_roundtrip(void **state)
{
  (void)state;
  static const unsigned cases[][4] = {
      /* K, E, n_max, bil */
      {56, 864, 9, 0},   {64, 432, 9, 0},  {64, 108, 9, 0},    {164, 200, 9, 0},  {20, 200, 10, 1},
      {100, 150, 10, 1}, {30, 300, 10, 1}, {500, 8192, 10, 1}, {12, 8192, 10, 1},
  };
  uint64_t s = 3;
  for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(cases); t++) {
    phy_polar_code_t c;
    assert_int_equal(
        phy_polar_code_get(&c, cases[t][0], cases[t][1], cases[t][2], false, cases[t][3]), 0);
    static uint8_t d[PHY_POLAR_NMAX], e[PHY_POLAR_EMAX];
    static float le[PHY_POLAR_EMAX], ld[PHY_POLAR_NMAX];
    for (unsigned i = 0; i < c.N; i++) {
      d[i] = (uint8_t)(tu_rand(&s) & 1);
    }
    phy_polar_rm_tx(&c, d, e);
    for (unsigned k = 0; k < c.E; k++) {
      le[k] = e[k] ? -1.0f : 1.0f;
    }
    phy_polar_rm_rx(&c, le, ld);
    unsigned sent = 0, known = 0, zero = 0;
    for (unsigned i = 0; i < c.N; i++) {
      if (ld[i] == PHY_POLAR_LLR_KNOWN0) {
        known++;
      } else if (ld[i] == 0.0f) {
        zero++;
      } else {
        sent++;
        assert_int_equal(ld[i] < 0, d[i]);
        if (c.E >= c.N) { /* every position sent floor(E/N) or ceil(E/N) times */
          float m = ld[i] < 0 ? -ld[i] : ld[i];
          assert_true(m == (float)(c.E / c.N) || m == (float)(c.E / c.N + 1));
        }
      }
    }
    assert_int_equal(sent, c.E < c.N ? c.E : c.N);
    if (c.rm_mode == PHY_POLAR_RM_SHORTEN) {
      assert_int_equal(known, c.N - c.E);
      for (unsigned i = 0; i < c.N; i++) { /* shortened bits must be zero in every codeword */
        if (ld[i] == PHY_POLAR_LLR_KNOWN0) {
          assert_int_equal(c.role[i], PHY_POLAR_FROZEN);
        }
      }
    }
    if (c.rm_mode == PHY_POLAR_RM_PUNCTURE) {
      assert_int_equal(zero, c.N - c.E);
    }
  }
}

static void test_vs_srsran(void **state)
{
  (void)state;
  static const struct {
    unsigned K, E, n_max, il, bil, seed;
    uint32_t fnv;
  } v[] = {
      {56, 864, 9, 1, 0, 1, 0x9a61db35u},    {64, 108, 9, 1, 0, 2, 0x170ce015u},
      {64, 216, 9, 1, 0, 3, 0x72aabf32u},    {64, 432, 9, 1, 0, 4, 0x689338bdu},
      {64, 864, 9, 1, 0, 5, 0x1e305d09u},    {164, 200, 9, 1, 0, 6, 0x1fde9345u},
      {20, 200, 10, 0, 1, 7, 0x1fb4412eu},   {20, 250, 10, 0, 1, 8, 0x20a1332fu},
      {18, 40, 10, 0, 1, 9, 0x8c06d413u},    {100, 150, 10, 0, 1, 10, 0xb24fd195u},
      {40, 1000, 10, 0, 1, 11, 0xd5174c32u}, {500, 1088, 10, 0, 1, 12, 0x94024baeu},
  };
  for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(v); t++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, v[t].K, v[t].E, v[t].n_max, v[t].il, v[t].bil), 0);
    uint64_t s = v[t].seed;
    static uint8_t msg[PHY_POLAR_KMAX], cp[PHY_POLAR_KMAX], u[PHY_POLAR_NMAX], e[PHY_POLAR_EMAX];
    for (unsigned k = 0; k < c.K; k++) {
      msg[k] = (uint8_t)(tu_rand(&s) & 1);
    }
    if (c.input_il) {
      phy_polar_interleave(cp, msg, c.K);
    } else {
      memcpy(cp, msg, c.K);
    }
    phy_polar_alloc(&c, cp, u);
    phy_polar_encode(u, u, c.n);
    phy_polar_rm_tx(&c, u, e);
    uint32_t h = 2166136261u;
    for (unsigned k = 0; k < c.E; k++) {
      h = (h ^ e[k]) * 16777619u;
    }
    assert_int_equal(h, v[t].fnv);
  }
}

/* Encodes K random bits with a valid CRC of type crc through the code; returns LLRs of d. */
static void make_codeword(const phy_polar_code_t *c, phy_crc_type_t crc, uint64_t *s,
                          uint8_t *cbits, uint8_t *d)
{
  unsigned L = phy_crc_len(crc);
  uint8_t cp[PHY_POLAR_KMAX];
  for (unsigned k = 0; k < c->K - L; k++) {
    cbits[k] = (uint8_t)(tu_rand(s) & 1);
  }
  phy_crc_attach_bits(crc, cbits, c->K - L);
  if (c->input_il) {
    phy_polar_interleave(cp, cbits, c->K);
  } else {
    memcpy(cp, cbits, c->K);
  }
  phy_polar_alloc(c, cp, d);
  phy_polar_encode(d, d, c->n);
}

static phy_polar_dec_t *dec_for(olive_isa_t isa)
{
  phy_polar_dec_args_t a = {.max_n = 10, .max_list = 8, .isa = isa};
  phy_polar_dec_t *q = phy_polar_dec_create(&a);
  assert_non_null(q);
  return q;
}

static void test_noiseless(void **state)
{
  (void)state;
  static const unsigned cases[][5] = {
      /* K, E, n_max, il, bil */
      {56, 864, 9, 1, 0},   {64, 432, 9, 1, 0},     {64, 108, 9, 1, 0},
      {164, 200, 9, 1, 0},  {20, 200, 10, 0, 1},    {25, 300, 10, 0, 1},
      {100, 150, 10, 0, 1}, {1013, 1100, 10, 0, 1}, {31, 8192, 10, 0, 1},
  };
  uint64_t s = 11;
  for (int isa = OLIVE_ISA_GENERIC; isa <= OLIVE_ISA_AVX2; isa++) {
    if (!olive_cpu_supports((olive_isa_t)isa)) {
      continue;
    }
    phy_polar_dec_t *q = dec_for((olive_isa_t)isa);
    assert_int_equal(phy_polar_dec_isa(q), isa);
    for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(cases); t++) {
      phy_polar_code_t c;
      assert_int_equal(
          phy_polar_code_get(&c, cases[t][0], cases[t][1], cases[t][2], cases[t][3], cases[t][4]),
          0);
      phy_crc_type_t crc = c.K > 24 ? PHY_CRC11 : PHY_CRC6;
      if (c.input_il) {
        crc = PHY_CRC24C;
      }
      static uint8_t cb[PHY_POLAR_KMAX], out[PHY_POLAR_KMAX], d[PHY_POLAR_NMAX], e[PHY_POLAR_EMAX];
      static float le[PHY_POLAR_EMAX], ld[PHY_POLAR_NMAX];
      make_codeword(&c, crc, &s, cb, d);
      phy_polar_rm_tx(&c, d, e);
      for (unsigned k = 0; k < c.E; k++) {
        le[k] = e[k] ? -2.0f : 2.0f;
      }
      phy_polar_rm_rx(&c, le, ld);
      for (unsigned list = 1; list <= 8; list *= 2) {
        phy_polar_dec_cfg_t cfg = {.code = &c, .list = list, .crc = crc};
        float pm = -1;
        memset(out, 0xff, sizeof(out));
        assert_int_equal(phy_polar_dec_run(q, &cfg, ld, out, &pm), 0);
        assert_memory_equal(out, cb, c.K);
        assert_true(pm == 0.0f);
      }
      /* a codeword whose CRC does not check: OLIVE_ECRC, best path returned */
      uint8_t cp[PHY_POLAR_KMAX];
      cb[c.K - 1] ^= 1;
      if (c.input_il) {
        phy_polar_interleave(cp, cb, c.K);
      } else {
        memcpy(cp, cb, c.K);
      }
      phy_polar_alloc(&c, cp, d);
      phy_polar_encode(d, d, c.n);
      phy_polar_rm_tx(&c, d, e);
      for (unsigned k = 0; k < c.E; k++) {
        le[k] = e[k] ? -2.0f : 2.0f;
      }
      phy_polar_rm_rx(&c, le, ld);
      phy_polar_dec_cfg_t cfg = {.code = &c, .list = 8, .crc = crc};
      assert_int_equal(phy_polar_dec_run(q, &cfg, ld, out, NULL), OLIVE_ECRC);
      assert_memory_equal(out, cb, c.K);
    }
    phy_polar_dec_destroy(q);
  }
}

/* AVX2 kernels against the portable ones: identical decisions and metrics on noisy input
 * (the kernels are min/sign/add only, so the floats must match exactly). */
static void test_isa_equal(void **state)
{
  (void)state;
  if (!olive_cpu_supports(OLIVE_ISA_AVX2)) {
    skip();
  }
  phy_polar_dec_t *q0 = dec_for(OLIVE_ISA_GENERIC), *q1 = dec_for(OLIVE_ISA_AVX2);
  uint64_t s = 5;
  static const unsigned cases[][3] = {{64, 432, 9}, {100, 1024, 10}, {40, 64, 10}};
  for (unsigned t = 0; t < OLIVE_ARRAY_SIZE(cases); t++) {
    phy_polar_code_t c;
    assert_int_equal(phy_polar_code_get(&c, cases[t][0], cases[t][1], cases[t][2], false, false),
                     0);
    for (unsigned r = 0; r < 20; r++) {
      uint8_t cb[PHY_POLAR_KMAX], d[PHY_POLAR_NMAX], o0[PHY_POLAR_KMAX], o1[PHY_POLAR_KMAX];
      float ld[PHY_POLAR_NMAX];
      make_codeword(&c, PHY_CRC11, &s, cb, d);
      for (unsigned i = 0; i < c.N; i++) {
        ld[i] = (d[i] ? -1.0f : 1.0f) + 1.2f * tu_gauss(&s);
      }
      phy_polar_dec_cfg_t cfg = {.code = &c, .list = 8, .crc = PHY_CRC11};
      float m0, m1;
      int r0 = phy_polar_dec_run(q0, &cfg, ld, o0, &m0);
      int r1 = phy_polar_dec_run(q1, &cfg, ld, o1, &m1);
      assert_int_equal(r0, r1);
      assert_memory_equal(o0, o1, c.K);
      assert_true(m0 == m1);
    }
  }
  phy_polar_dec_destroy(q0);
  phy_polar_dec_destroy(q1);
}

static void test_dec_args(void **state)
{
  (void)state;
  phy_polar_dec_args_t a = {.max_n = 9, .max_list = 3};
  assert_null(phy_polar_dec_create(&a));
  a.max_list = 4;
  a.max_n = 11;
  assert_null(phy_polar_dec_create(&a));
  assert_null(phy_polar_dec_create(NULL));
  phy_polar_dec_destroy(NULL);
  a.max_n = 9;
  phy_polar_dec_t *q = phy_polar_dec_create(&a);
  assert_non_null(q);
  phy_polar_code_t c;
  float ld[PHY_POLAR_NMAX] = {0};
  uint8_t out[PHY_POLAR_KMAX];
  assert_int_equal(phy_polar_code_get(&c, 100, 1024, 10, false, true), 0); /* N = 1024 */
  phy_polar_dec_cfg_t cfg = {.code = &c, .list = 4, .crc = PHY_CRC11};
  assert_int_equal(phy_polar_dec_run(q, &cfg, ld, out, NULL), OLIVE_EINVAL); /* n > max_n */
  assert_int_equal(phy_polar_code_get(&c, 56, 864, 9, true, false), 0);
  cfg.list = 8; /* > max_list */
  assert_int_equal(phy_polar_dec_run(q, &cfg, ld, out, NULL), OLIVE_EINVAL);
  cfg.list = 4;
  assert_int_equal(phy_polar_dec_run(q, &cfg, ld, NULL, NULL), OLIVE_EINVAL);
  phy_polar_dec_destroy(q);
}

/* Garbage LLRs (NaN, +-inf, huge) must not crash or overrun the list: any result code. */
static void test_garbage_llr(void **state)
{
  (void)state;
  phy_polar_dec_t *q = dec_for(OLIVE_ISA_AUTO);
  phy_polar_code_t c;
  assert_int_equal(phy_polar_code_get(&c, 64, 432, 9, true, false), 0);
  uint64_t s = 13;
  static const float special[5] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f};
  for (unsigned r = 0; r < 20; r++) {
    float ld[PHY_POLAR_NMAX];
    for (unsigned i = 0; i < c.N; i++) {
      unsigned x = tu_rand(&s) % 8;
      ld[i] = x < 5 && r > 0 ? special[x] : tu_gauss(&s);
    }
    uint8_t out[PHY_POLAR_KMAX];
    phy_polar_dec_cfg_t cfg = {.code = &c, .list = 8, .crc = PHY_CRC24C};
    int ret = phy_polar_dec_run(q, &cfg, ld, out, NULL);
    assert_true(ret == 0 || ret == OLIVE_ECRC);
    for (unsigned k = 0; k < c.K; k++) {
      assert_true(out[k] <= 1);
    }
  }
  phy_polar_dec_destroy(q);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_encoder),     cmocka_unit_test(test_alloc_pc),
      cmocka_unit_test(test_bil_hand),    cmocka_unit_test(test_rm_roundtrip),
      cmocka_unit_test(test_vs_srsran),   cmocka_unit_test(test_noiseless),
      cmocka_unit_test(test_isa_equal),   cmocka_unit_test(test_dec_args),
      cmocka_unit_test(test_garbage_llr),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
