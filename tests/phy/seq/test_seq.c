/* SPDX-License-Identifier: Apache-2.0 */
/* phy/seq, pinned to:
 *  - c(n): a bit-serial implementation of the TS 38.211 5.2.1 formula written here, for
 *    every offset 0..100 and length 0..100 and several large offsets; and published
 *    values from the MathWorks LTE Toolbox ltePRBS documentation (same generator,
 *    TS 36.211 7.2 = TS 38.211 5.2.1): ltePRBS(162,4) = [1 0 1 1] and ltePRBS(0,5) =
 *    [0 0 0 0 0] (RMC R.0, NCellID 0);
 *  - Zadoff-Chu: unit modulus, ideal periodic autocorrelation, hand-worked elements;
 *  - low-PAPR base sequences: Tables 5.2.2.2-1..-4 against a second public
 *    transcription (FNV-1a checksums of srsRAN Project's tables,
 *    lib/phy/upper/sequence_generators/low_papr_sequence_generator_impl.cpp, commit
 *    c54bcfe), hand-worked q of 5.2.2.1, the M_ZC = 30 formula, unit modulus.
 * Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x853c49e6748fea9bull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

static int near(cf_t a, cf_t b, float tol)
{
  return cabsf(a - b) <= tol;
}

/* TS 38.211 5.2.1, literally: x1(0) = 1, x1(1..30) = 0, x2(i) = bit i of c_init,
 * x1(n+31) = (x1(n+3) + x1(n)) mod 2, x2(n+31) = (x2(n+3)+x2(n+2)+x2(n+1)+x2(n)) mod 2,
 * c(n) = (x1(n+Nc) + x2(n+Nc)) mod 2. */
static void gold_ref(uint8_t *c, uint32_t c_init, size_t off, size_t len)
{
  const size_t nc = 1600, total = nc + off + len + 31;
  uint8_t *x1 = calloc(total, 1), *x2 = calloc(total, 1);
  x1[0] = 1;
  for (int i = 0; i < 31; i++)
    x2[i] = (c_init >> i) & 1;
  for (size_t n = 0; n + 31 < total; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) % 2;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) % 2;
  }
  for (size_t i = 0; i < len; i++)
    c[i] = (x1[off + i + nc] + x2[off + i + nc]) % 2;
  free(x1);
  free(x2);
}

static void check_against_ref(uint32_t c_init, uint32_t off, size_t len)
{
  uint8_t *ref = malloc(len + 1), *bits = malloc(len + 1), *packed = malloc(len / 8 + 2);
  float *f = malloc((len + 1) * sizeof(float));
  gold_ref(ref, c_init, off, len);
  phy_seq_gold_bits(bits, c_init, off, len);
  CHECK(memcmp(bits, ref, len) == 0);
  memset(packed, 0xff, len / 8 + 2);
  phy_seq_gold_packed(packed, c_init, off, len);
  int ok = 1;
  for (size_t i = 0; i < len; i++)
    ok &= ((packed[i / 8] >> (7 - i % 8)) & 1) == ref[i];
  CHECK(ok);
  if (len % 8)
    CHECK((packed[len / 8] & (0xffu >> (len % 8))) == 0);
  CHECK(packed[(len + 7) / 8] == 0xff); /* nothing written past ceil(len/8) */
  phy_seq_gold_float(f, c_init, off, len);
  for (size_t i = 0; i < len; i++)
    ok &= f[i] == (ref[i] ? -1.0f : 1.0f);
  CHECK(ok);
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, off);
  for (size_t i = 0; i + 32 <= len; i += 32) {
    uint32_t w = phy_seq_gold_next32(&g);
    for (size_t j = 0; j < 32; j++)
      ok &= ((w >> j) & 1) == ref[i + j];
  }
  CHECK(ok);
  cf_t *r = malloc((len / 2 + 1) * sizeof(cf_t)); /* DM-RS form, from bit 2 (off/2) */
  uint32_t m0 = off / 2;
  uint8_t *ref2 = malloc(2 * m0 + len + 2);
  gold_ref(ref2, c_init, 0, 2 * m0 + len + 2);
  phy_seq_gold_qpsk(r, c_init, m0, len / 2);
  for (size_t i = 0; i < len / 2; i++) {
    cf_t want =
        ((1.0f - 2 * ref2[2 * (m0 + i)]) + I * (1.0f - 2 * ref2[2 * (m0 + i) + 1])) / sqrtf(2.0f);
    ok &= near(r[i], want, 1e-7f);
  }
  CHECK(ok);
  free(r);
  free(ref2);
  free(ref);
  free(bits);
  free(packed);
  free(f);
}

static void test_gold(void)
{
  const uint32_t inits[] = {0, 1, 162, 0x7fffffffu, 0x12345678u & 0x7fffffffu, rnd() >> 1};
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(inits); k++)
    for (uint32_t off = 0; off <= 100; off++)
      for (size_t len = 0; len <= 100; len += (k < 2 ? 1 : 7))
        check_against_ref(inits[k], off, len);
  static const uint32_t big[] = {1000, 4095, 4096, 70001, 200000};
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(big); k++)
    check_against_ref(rnd() >> 1, big[k], 300);
  check_against_ref(0x2aaaaaaau, 0, 20000);

  /* phy_seq_gold_fill, short and long (word-parallel) paths, then next32 continues */
  static const size_t nw[] = {1, 255, 256, 257, 300, 1000};
  static uint32_t words[1000 + 8];
  static uint8_t ref[32 * (1000 + 8)];
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(nw); k++)
    for (uint32_t off = 0; off < 70; off += 23) {
      uint32_t ci = rnd() >> 1;
      phy_seq_gold_t g;
      phy_seq_gold_init(&g, ci, off);
      phy_seq_gold_fill(&g, words, nw[k]);
      words[nw[k]] = phy_seq_gold_next32(&g);
      gold_ref(ref, ci, off, 32 * (nw[k] + 1));
      int ok = 1;
      for (size_t i = 0; i < 32 * (nw[k] + 1); i++)
        ok &= ((words[i / 32] >> (i % 32)) & 1) == ref[i];
      CHECK(ok);
    }
  /* long outputs that end mid-block on every output form */
  check_against_ref(rnd() >> 1, 5, 8192 + 13);
  check_against_ref(rnd() >> 1, 0, 3 * 4096 + 100);

  /* bit 31 of c_init is outside the 31-bit register and must be ignored */
  uint8_t a[64], b[64];
  phy_seq_gold_bits(a, 0x80000005u, 3, 64);
  phy_seq_gold_bits(b, 0x5u, 3, 64);
  CHECK(memcmp(a, b, 64) == 0);

  /* MathWorks ltePRBS documentation examples */
  uint8_t p[5];
  phy_seq_gold_bits(p, 162, 0, 4);
  CHECK(p[0] == 1 && p[1] == 0 && p[2] == 1 && p[3] == 1);
  phy_seq_gold_bits(p, 0, 0, 5);
  CHECK(p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 && p[4] == 0);
  float fs[4];
  phy_seq_gold_float(fs, 162, 0, 4); /* ltePRBS(162,4,'signed') = [-1 1 -1 -1] */
  CHECK(fs[0] == -1.0f && fs[1] == 1.0f && fs[2] == -1.0f && fs[3] == -1.0f);
}

static void test_zc(void)
{
  static const unsigned lens[] = {31, 71, 139, 839, 1151};
  cf_t *x = malloc(2 * 1151 * sizeof(cf_t));
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(lens); k++) {
    unsigned n = lens[k];
    for (unsigned q = 1; q < n; q += (n > 100 ? 37 : 1)) {
      CHECK(phy_seq_zc(x, n, q, 2 * n) == 0);
      CHECK(near(x[0], 1.0f, 1e-6f));
      CHECK(near(x[1], cexp(-I * M_PI * 2.0 * q / n), 1e-5f));
      const unsigned far = n - 2; /* a far element against the formula in double */
      CHECK(near(x[far], cexp(-I * M_PI * fmod((double)q * far * (far + 1), 2.0 * n) / n), 2e-6f));
      double worst_mod = 0, worst_corr = 0;
      for (unsigned m = 0; m < n; m++) {
        worst_mod = fmax(worst_mod, fabs(cabsf(x[m]) - 1.0));
        CHECK(near(x[m + n], x[m], 1e-4f)); /* periodic in N for odd N */
      }
      for (unsigned tau = 1; tau < n; tau += (n > 100 ? 13 : 1)) {
        double complex acc = 0;
        for (unsigned m = 0; m < n; m++)
          acc += x[m] * conj(x[(m + tau) % n]);
        worst_corr = fmax(worst_corr, cabs(acc));
      }
      CHECK(worst_mod < 1e-6);
      CHECK(worst_corr < 1e-3 * n); /* ideal: 0 for every non-zero lag */
    }
  }
  CHECK(phy_seq_zc(x, 31, 0, 4) == OLIVE_EINVAL);
  CHECK(phy_seq_zc(x, 31, 31, 4) == OLIVE_EINVAL);
  CHECK(phy_seq_zc(x, 0, 1, 4) == OLIVE_EINVAL);
  CHECK(phy_seq_zc(x, PHY_SEQ_ZC_MAX_LEN + 1, 1, 4) == OLIVE_EINVAL);
  free(x);
}

static uint32_t fnv_table(unsigned m)
{
  uint32_t h = 0x811c9dc5u;
  for (unsigned u = 0; u < 30; u++) {
    const int8_t *row = phy_seq_low_papr_phi(m, u);
    for (unsigned n = 0; n < m; n++) {
      h ^= (uint8_t)(row[n] + 3);
      h *= 0x01000193u;
    }
  }
  return h;
}

static void test_tables(void)
{
  /* FNV-1a over (phi + 3) of rows u = 0..29 of srsRAN Project's phi_M_sc_6/12/18/24. */
  CHECK(fnv_table(6) == 0x10d85c69u);
  CHECK(fnv_table(12) == 0x8bd27c57u);
  CHECK(fnv_table(18) == 0x309c531fu);
  CHECK(fnv_table(24) == 0x4e192059u);
  for (unsigned m = 6; m <= 24; m += 6)
    for (unsigned u = 0; u < 30; u++) {
      const int8_t *row = phy_seq_low_papr_phi(m, u);
      for (unsigned n = 0; n < m; n++)
        CHECK(row[n] == -3 || row[n] == -1 || row[n] == 1 || row[n] == 3);
    }
  /* Table 5.2.2.2-2, u = 0 and u = 29 */
  static const int8_t r12_0[12] = {-3, 1, -3, -3, -3, 3, -3, -1, 1, 1, 1, -3};
  static const int8_t r12_29[12] = {-3, 3, -3, 3, -3, -3, 3, -1, -1, 1, 3, -3};
  CHECK(memcmp(phy_seq_low_papr_phi(12, 0), r12_0, 12) == 0);
  CHECK(memcmp(phy_seq_low_papr_phi(12, 29), r12_29, 12) == 0);
  CHECK(phy_seq_low_papr_phi(30, 0) == NULL && phy_seq_low_papr_phi(12, 30) == NULL);
}

static void test_low_papr(void)
{
  cf_t *r = malloc(PHY_SEQ_LOW_PAPR_MAX_LEN * sizeof(cf_t));
  cf_t *r0 = malloc(PHY_SEQ_LOW_PAPR_MAX_LEN * sizeof(cf_t));
  const float h = (float)M_SQRT1_2;

  /* M_ZC = 6, u = 0: phi = -3, -1, 3, 3, -1, -3 -> exp(j phi pi/4) */
  CHECK(phy_seq_low_papr(r, 6, 0, 0, 0.0f) == 0);
  CHECK(near(r[0], -h - I * h, 1e-6f) && near(r[1], h - I * h, 1e-6f));
  CHECK(near(r[2], -h + I * h, 1e-6f) && near(r[5], -h - I * h, 1e-6f));

  /* M_ZC = 30: exp(-j pi (u+1)(n+1)(n+2)/31) */
  CHECK(phy_seq_low_papr(r, 30, 4, 0, 0.0f) == 0);
  for (unsigned n = 0; n < 30; n++)
    CHECK(near(r[n], cexp(-I * M_PI * 5.0 * (n + 1) * (n + 2) / 31.0), 1e-5f));

  /* M_ZC = 36: N_ZC = 31, u = 0 -> qbar = 1, q = 1; r(31..35) = r(0..4) */
  CHECK(phy_seq_low_papr(r, 36, 0, 0, 0.0f) == 0);
  for (unsigned n = 0; n < 36; n++)
    CHECK(near(r[n], cexp(-I * M_PI * (double)((n % 31) * (n % 31 + 1)) / 31.0), 1e-5f));

  /* M_ZC = 72, u = 5, v = 1: N_ZC = 71, qbar = 426/31 = 13.74, floor(qbar + 1/2) = 14,
   * floor(2 qbar) = 27 is odd -> q = 14 - 1 = 13. */
  CHECK(phy_seq_low_papr(r, 72, 5, 1, 0.0f) == 0);
  for (unsigned n = 0; n < 72; n++)
    CHECK(near(r[n], cexp(-I * M_PI * 13.0 * (n % 71) * (n % 71 + 1) / 71.0), 1e-5f));
  /* v = 0 of the same group: q = 14 */
  CHECK(phy_seq_low_papr(r, 72, 5, 0, 0.0f) == 0);
  CHECK(near(r[1], cexp(-I * M_PI * 14.0 * 2.0 / 71.0), 1e-5f));

  /* Unit modulus for every length and group, and the cyclic shift exp(j alpha n). */
  const float alpha = 2.0f * (float)M_PI * 5 / 12; /* 2 pi n_cs / 12 (6.3.2.2.2), n_cs = 5 */
  for (unsigned m = 6; m <= PHY_SEQ_LOW_PAPR_MAX_LEN; m += (m < 300 ? 6 : 294)) {
    if (m > 30 && m < 36)
      continue;
    for (unsigned u = 0; u < 30; u += 7) {
      CHECK(phy_seq_low_papr(r0, m, u, 0, 0.0f) == 0);
      CHECK(phy_seq_low_papr(r, m, u, 0, alpha) == 0);
      float worst = 0;
      for (unsigned n = 0; n < m; n++) {
        worst = fmaxf(worst, fabsf(cabsf(r0[n]) - 1.0f));
        worst = fmaxf(worst, (float)cabs(r[n] - r0[n] * cexp(I * (double)alpha * n)));
      }
      CHECK(worst < 1e-4f);
    }
  }
  CHECK(phy_seq_low_papr(r, 3300, 29, 1, 0.0f) == 0);

  CHECK(phy_seq_low_papr(r, 7, 0, 0, 0.0f) == OLIVE_EINVAL);
  CHECK(phy_seq_low_papr(r, 35, 0, 0, 0.0f) == OLIVE_EINVAL);
  CHECK(phy_seq_low_papr(r, PHY_SEQ_LOW_PAPR_MAX_LEN + 1, 0, 0, 0.0f) == OLIVE_EINVAL);
  CHECK(phy_seq_low_papr(r, 12, 30, 0, 0.0f) == OLIVE_EINVAL);
  CHECK(phy_seq_low_papr(r, 60, 0, 1, 0.0f) == OLIVE_EINVAL); /* v = 1 needs M_ZC >= 72 */
  free(r);
  free(r0);
}

/* TS 38.211 5.2.2.1 for every length 36..3300 in steps of 6, every u and v, evaluated
 * independently: N_ZC from a sieve, q from qbar in double exactly as printed
 * (q = floor(qbar + 1/2) + v (-1)^floor(2 qbar)), compared at a few n. */
static void test_zc_lengths(void)
{
  enum { MAXM = PHY_SEQ_LOW_PAPR_MAX_LEN };
  static uint8_t composite[MAXM + 1];
  for (unsigned i = 2; i * i <= MAXM; i++)
    for (unsigned j = i * i; j <= MAXM; j += i)
      composite[j] = 1;
  cf_t *r = malloc(MAXM * sizeof(cf_t));
  int ok = 1;
  for (unsigned m = 36; m <= MAXM; m += 6) {
    unsigned nzc = m - 1;
    while (composite[nzc])
      nzc--;
    for (unsigned u = 0; u < 30; u++)
      for (unsigned v = 0; v <= (m >= 72 ? 1u : 0u); v++) {
        double qbar = (double)nzc * (u + 1) / 31.0;
        int q = (int)floor(qbar + 0.5) + (int)v * (((long)floor(2 * qbar) % 2) ? -1 : 1);
        ok &= phy_seq_low_papr(r, m, u, v, 0.0f) == 0;
        const unsigned ns[] = {1, 2, nzc / 2, nzc - 1, m - 1};
        for (size_t k = 0; k < OLIVE_ARRAY_SIZE(ns); k++) {
          unsigned n = ns[k] % nzc;
          double ph = fmod((double)q * n * (n + 1), 2.0 * nzc);
          ok &= near(r[ns[k]], cexp(-I * M_PI * ph / nzc), 2e-5f);
        }
      }
  }
  CHECK(ok);
  free(r);
}

int main(void)
{
  test_gold();
  test_zc();
  test_tables();
  test_low_papr();
  test_zc_lengths();
  return olive_test_done();
}
