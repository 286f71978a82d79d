/* SPDX-License-Identifier: Apache-2.0 */
/* UCI short block codes, TS 38.212 5.3.3 and 5.4.3:
 *  - Table 5.3.3.3-1 against a second transcription (FNV-1a of the 32 x 11 table in a public
 *    C++ BlockCoder exercise, GitHub code search "G_GEN{{{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}",
 *    which also matches srsRAN_4G block.c M_basis_seq_b);
 *  - K = 1, 2 blocks for every Qm written out from Tables 5.3.3.1-1 and 5.3.3.2-1;
 *  - RM decoder against a brute-force ML correlator written here, noiselessly for all 2^K
 *    messages of every K and on noisy input;
 *  - RM(32, 11) BLER at one SNR between ML bounds computed from the code's own weight
 *    enumerator: Q(sqrt(2 d_min g)) <= P_e <= sum_w A_w Q(sqrt(2 w g));
 *  - the confidence output separates a codeword from noise (DTX). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "olive/phy/block.h"
#include "olive/support/error.h"

static uint32_t rnd(uint64_t *s)
{
  *s = *s * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(*s >> 33);
}

static float gauss(uint64_t *s)
{
  float u1 = ((float)rnd(s) + 1.0f) / 2147483649.0f, u2 = (float)rnd(s) / 2147483648.0f;
  return sqrtf(-2.0f * logf(u1)) * cosf(6.2831853f * u2);
}

static void test_basis_table(void **state)
{
  (void)state;
  uint32_t h = 2166136261u;
  for (unsigned i = 0; i < 32; i++) {
    for (unsigned n = 0; n < 11; n++) {
      h = (h ^ ((phy_block_basis(i) >> n) & 1)) * 16777619u;
    }
  }
  assert_int_equal(h, 0x2ae685efu);
  assert_int_equal(phy_block_basis(0), 0x403); /* row 0: 1 1 0 0 0 0 0 0 0 0 1 */
  assert_int_equal(phy_block_basis(30), 0x7ff);
  assert_int_equal(phy_block_basis(31), 0x001);
  assert_int_equal(phy_block_basis(32), 0); /* out of range */
}

/* Tables 5.3.3.1-1 and 5.3.3.2-1 with X = x, Y = y, c2 = c0 ^ c1. */
static void test_small_blocks(void **state)
{
  (void)state;
  enum { X = PHY_BLOCK_X, Y = PHY_BLOCK_Y };
  static const uint8_t k1[5][8] = {
      {1}, {1, Y}, {1, Y, X, X}, {1, Y, X, X, X, X}, {1, Y, X, X, X, X, X, X}};
  static const uint8_t k2[5][24] = {
      {1, 0, 1},
      {1, 0, 1, 1, 0, 1},
      {1, 0, X, X, 1, 1, X, X, 0, 1, X, X},
      {1, 0, X, X, X, X, 1, 1, X, X, X, X, 0, 1, X, X, X, X},
      {1, 0, X, X, X, X, X, X, 1, 1, X, X, X, X, X, X, 0, 1, X, X, X, X, X, X}};
  static const unsigned qm[5] = {1, 2, 4, 6, 8};
  uint8_t c[2] = {1, 0}, e[64];
  for (unsigned t = 0; t < 5; t++) {
    assert_int_equal(phy_block_encode(c, 1, qm[t], e, qm[t]), 0);
    assert_memory_equal(e, k1[t], qm[t]);
    assert_int_equal(phy_block_encode(c, 2, qm[t], e, 3 * qm[t]), 0);
    assert_memory_equal(e, k2[t], 3 * qm[t]);
    /* 5.4.3: cyclic repetition to E */
    assert_int_equal(phy_block_encode(c, 2, qm[t], e, 64), 0);
    for (unsigned k = 0; k < 64; k++) {
      assert_int_equal(e[k], k2[t][k % (3 * qm[t])]);
    }
  }
}

static void rm_word_ref(unsigned w, unsigned K, uint8_t *d)
{
  for (unsigned i = 0; i < 32; i++) {
    unsigned x = 0;
    for (unsigned n = 0; n < K; n++) {
      x ^= ((w >> n) & 1) & ((phy_block_basis(i) >> n) & 1);
    }
    d[i] = (uint8_t)x;
  }
}

/* ML by exhaustive correlation (ties: first message wins). */
static unsigned ml_ref(const float *acc, unsigned K)
{
  float best = -INFINITY;
  unsigned arg = 0;
  for (unsigned w = 0; w < (1u << K); w++) {
    uint8_t d[32];
    rm_word_ref(w, K, d);
    float corr = 0;
    for (unsigned i = 0; i < 32; i++) {
      corr += d[i] ? -acc[i] : acc[i];
    }
    if (corr > best) {
      best = corr;
      arg = w;
    }
  }
  return arg;
}

static unsigned bits_to_word(const uint8_t *c, unsigned K)
{
  unsigned w = 0;
  for (unsigned n = 0; n < K; n++) {
    w |= (unsigned)c[n] << n;
  }
  return w;
}

static void test_rm_noiseless_all(void **state)
{
  (void)state;
  static const unsigned Es[3] = {32, 20, 75};
  for (unsigned K = 3; K <= 11; K++) {
    for (unsigned t = 0; t < 3; t++) {
      unsigned E = Es[t];
      if (E < 20 && K > 0) {
        continue;
      }
      for (unsigned w = 0; w < (1u << K); w++) {
        uint8_t c[11], out[11], e[75], d[32];
        float llr[75], conf = 0;
        for (unsigned n = 0; n < K; n++) {
          c[n] = (uint8_t)((w >> n) & 1);
        }
        assert_int_equal(phy_block_encode(c, K, 0, e, E), 0);
        rm_word_ref(w, K, d);
        for (unsigned k = 0; k < E; k++) {
          assert_int_equal(e[k], d[k % 32]);
          llr[k] = e[k] ? -1.0f : 1.0f;
        }
        if (E == 20 && K == 11) {
          continue; /* 20 of 32 bits cannot separate all 2048 words */
        }
        assert_int_equal(phy_block_decode(llr, E, K, 0, out, &conf), 0);
        assert_memory_equal(out, c, K);
        assert_true(conf > 0.999f);
      }
    }
  }
}

static void test_small_noiseless(void **state)
{
  (void)state;
  static const unsigned qm[5] = {1, 2, 4, 6, 8};
  for (unsigned K = 1; K <= 2; K++) {
    for (unsigned t = 0; t < 5; t++) {
      for (unsigned w = 0; w < (1u << K); w++) {
        uint8_t c[2] = {w & 1, (w >> 1) & 1}, out[2] = {9, 9}, e[40];
        float llr[40];
        unsigned E = 40;
        assert_int_equal(phy_block_encode(c, K, qm[t], e, E), 0);
        for (unsigned k = 0; k < E; k++) { /* placeholders get random-looking LLRs */
          llr[k] = e[k] >= PHY_BLOCK_X ? (k & 1 ? 5.0f : -5.0f) : (e[k] ? -1.0f : 1.0f);
        }
        assert_int_equal(phy_block_decode(llr, E, K, qm[t], out, NULL), 0);
        assert_memory_equal(out, c, K);
      }
    }
  }
}

static void test_rm_vs_ml_noisy(void **state)
{
  (void)state;
  uint64_t s = 5;
  for (unsigned K = 3; K <= 11; K++) {
    for (unsigned r = 0; r < 50; r++) {
      float acc[32];
      for (unsigned i = 0; i < 32; i++) {
        acc[i] = 1.5f * gauss(&s);
      }
      uint8_t out[11];
      assert_int_equal(phy_block_decode(acc, 32, K, 0, out, NULL), 0);
      assert_int_equal(bits_to_word(out, K), ml_ref(acc, K));
    }
  }
}

static double qfunc(double x)
{
  return 0.5 * erfc(x / sqrt(2.0));
}

/* BPSK per bit at g = Es/N0 (Gray QPSK), E = 32, RM(32, 11). */
static void test_rm_bler_bounds(void **state)
{
  (void)state;
  const double g_db = -1.0, g = pow(10.0, g_db / 10.0);
  unsigned aw[33] = {0};
  for (unsigned w = 1; w < 2048; w++) {
    uint8_t d[32];
    rm_word_ref(w, 11, d);
    unsigned wt = 0;
    for (unsigned i = 0; i < 32; i++) {
      wt += d[i];
    }
    aw[wt]++;
  }
  unsigned dmin = 1;
  while (aw[dmin] == 0) {
    dmin++;
  }
  double ub = 0;
  for (unsigned wt = dmin; wt <= 32; wt++) {
    ub += aw[wt] * qfunc(sqrt(2.0 * wt * g));
  }
  double lb = qfunc(sqrt(2.0 * dmin * g));
  uint64_t s = 77;
  unsigned nb = 20000, err = 0;
  float sigma = (float)sqrt(1.0 / (2.0 * g)); /* unit-energy bits, N0/2 per dimension */
  for (unsigned b = 0; b < nb; b++) {
    uint8_t c[11], out[11], e[32];
    float llr[32];
    for (unsigned n = 0; n < 11; n++) {
      c[n] = (uint8_t)(rnd(&s) & 1);
    }
    phy_block_encode(c, 11, 0, e, 32);
    for (unsigned k = 0; k < 32; k++) {
      llr[k] = (e[k] ? -1.0f : 1.0f) + sigma * gauss(&s);
    }
    phy_block_decode(llr, 32, 11, 0, out, NULL);
    err += memcmp(out, c, 11) != 0;
  }
  double bler = (double)err / nb;
  print_message("RM(32,11) Es/N0 %.1f dB: dmin %u, BLER %.4f, bounds [%.4f, %.4f]\n", g_db, dmin,
                bler, lb, ub);
  assert_true(bler >= lb && bler <= ub);
}

/* DTX: noise alone (about sqrt(2 ln 2048 / 32) = 0.69) scores below a codeword received at
 * Es/N0 = 6 dB (about 1 / sqrt(1 + 1/4) = 0.89). */
static void test_confidence(void **state)
{
  (void)state;
  uint64_t s = 9;
  unsigned below = 0, above = 0, n = 2000;
  for (unsigned r = 0; r < n; r++) {
    uint8_t c[11], out[11], e[32];
    float llr[32], conf_sig, conf_dtx;
    for (unsigned k = 0; k < 11; k++) {
      c[k] = (uint8_t)(rnd(&s) & 1);
    }
    phy_block_encode(c, 11, 0, e, 32);
    for (unsigned k = 0; k < 32; k++) {
      llr[k] = (e[k] ? -1.0f : 1.0f) + 0.3548f * gauss(&s); /* sigma^2 = 1 / (2 * 10^0.6) */
    }
    phy_block_decode(llr, 32, 11, 0, out, &conf_sig);
    for (unsigned k = 0; k < 32; k++) {
      llr[k] = gauss(&s);
    }
    phy_block_decode(llr, 32, 11, 0, out, &conf_dtx);
    above += conf_sig > 0.8f;
    below += conf_dtx < 0.8f;
  }
  print_message("confidence > 0.8: signal %u/%u, noise below %u/%u\n", above, n, below, n);
  assert_true(above >= n * 95 / 100);
  assert_true(below >= n * 95 / 100);
}

static void test_args(void **state)
{
  (void)state;
  uint8_t c[11] = {0}, e[32];
  float llr[32] = {0};
  assert_int_equal(phy_block_encode(c, 0, 2, e, 32), OLIVE_EINVAL);
  assert_int_equal(phy_block_encode(c, 12, 2, e, 32), OLIVE_EINVAL);
  assert_int_equal(phy_block_encode(c, 1, 3, e, 32), OLIVE_EINVAL);
  assert_int_equal(phy_block_encode(c, 3, 0, e, 0), OLIVE_EINVAL);
  assert_int_equal(phy_block_encode(NULL, 3, 0, e, 32), OLIVE_EINVAL);
  assert_int_equal(phy_block_decode(llr, 32, 12, 0, c, NULL), OLIVE_EINVAL);
  assert_int_equal(phy_block_decode(llr, 0, 3, 0, c, NULL), OLIVE_EINVAL);
  assert_int_equal(phy_block_decode(llr, 32, 2, 5, c, NULL), OLIVE_EINVAL);
  assert_int_equal(phy_block_decode(NULL, 32, 3, 0, c, NULL), OLIVE_EINVAL);
  float conf = 5;
  assert_int_equal(phy_block_decode(llr, 32, 3, 0, c, &conf), 0); /* all-zero LLRs */
  assert_true(conf == 0.0f);
  assert_int_equal(phy_block_encode(c, 5, 0, e, 1), 0); /* E = 1 */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_basis_table),      cmocka_unit_test(test_small_blocks),
      cmocka_unit_test(test_rm_noiseless_all), cmocka_unit_test(test_small_noiseless),
      cmocka_unit_test(test_rm_vs_ml_noisy),   cmocka_unit_test(test_rm_bler_bounds),
      cmocka_unit_test(test_confidence),       cmocka_unit_test(test_args),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
