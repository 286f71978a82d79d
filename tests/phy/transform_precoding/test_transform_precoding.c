/* SPDX-License-Identifier: Apache-2.0 */
/* phy/transform_precoding, pinned to TS 38.211 6.3.1.4:
 *  - against the defining sum y(lM + k) = 1/sqrt(M) sum_i x(lM + i) e^{-j 2 pi i k / M},
 *    evaluated here directly in double (O(M^2)) for M_RB = 1, 2, 3, 5, 6, 15, 24, 75, 270 (the
 * largest allowed) and two DFT-s-OFDM symbols per call; threshold: max |error| <= 2e-5 and RMS
 * error
 *    <= 2e-6 for unit-power inputs (float FFT rounding is ~1e-6 at M = 3240);
 *  - hand-worked: a unit impulse gives 1/sqrt(M) everywhere; e^{+j 2 pi 5 i / M} gives
 *    sqrt(M) at k = 5 and 0 elsewhere;
 *  - the inverse recovers the input; in-place and misaligned buffers work;
 *  - allowed sizes: the 53 5-smooth numbers up to 273 (OEIS A051037, "5-smooth numbers":
 *    1, 2, 3, 4, 5, 6, 8, 9, 10, 12, ..., 256, 270), transcribed below; everything else,
 *    e.g. 7, 11, 14, 0 and 274, and sizes above max_prb, is rejected with OLIVE_EINVAL.
 * Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/transform_precoding.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static uint64_t rng_state = 0x0123456789abcdefull;
static float frand(void) /* [-1, 1) */
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (float)((double)(rng_state >> 11) / 4503599627370496.0 - 1.0);
}

/* OEIS A051037 up to 273. */
static const uint32_t smooth[] = {
    1,   2,   3,   4,   5,   6,   8,   9,   10,  12,  15,  16,  18,  20,  24,  25,  27,  30,
    32,  36,  40,  45,  48,  50,  54,  60,  64,  72,  75,  80,  81,  90,  96,  100, 108, 120,
    125, 128, 135, 144, 150, 160, 162, 180, 192, 200, 216, 225, 240, 243, 250, 256, 270};

static void test_sizes(void)
{
  CHECK(OLIVE_ARRAY_SIZE(smooth) == 53);
  size_t j = 0;
  for (uint32_t n = 0; n <= 300; n++) {
    bool want = j < OLIVE_ARRAY_SIZE(smooth) && smooth[j] == n;
    j += want;
    CHECK(phy_transform_precoding_valid_prb(n) == want);
  }
  CHECK(j == OLIVE_ARRAY_SIZE(smooth));
}

/* Direct evaluation of the 6.3.1.4 sum with an exact twiddle table e^{-j 2 pi r / M}. */
static void direct_dft(const cf_t *x, size_t m, int sign, double complex *tw, double complex *y)
{
  for (size_t r = 0; r < m; r++) {
    tw[r] = cexp(sign * 2.0 * M_PI * I * (double)r / (double)m);
  }
  for (size_t k = 0; k < m; k++) {
    double complex s = 0;
    for (size_t i = 0; i < m; i++) {
      s += (double complex)x[i] * tw[(i * k) % m];
    }
    y[k] = s / sqrt((double)m);
  }
}

static void test_against_direct(phy_transform_precoding_t *q)
{
  static const uint32_t prbs[] = {1, 2, 3, 5, 6, 15, 24, 75, 270};
  size_t mmax = 12 * 270 * 2;
  cf_t *x = olive_mem_alloc((mmax + 1) * sizeof(cf_t));
  cf_t *y = olive_mem_alloc((mmax + 1) * sizeof(cf_t));
  cf_t *z = olive_mem_alloc((mmax + 1) * sizeof(cf_t));
  double complex *ref = olive_mem_alloc(mmax * sizeof(double complex));
  double complex *tw = olive_mem_alloc(mmax * sizeof(double complex));
  for (size_t p = 0; p < OLIVE_ARRAY_SIZE(prbs); p++) {
    size_t m = 12 * (size_t)prbs[p];
    cf_t *xm = (cf_t *)((float *)x + 1), *ym = (cf_t *)((float *)y + 1); /* misaligned */
    for (size_t i = 0; i < 2 * m; i++) {
      xm[i] = frand() + frand() * I;
    }
    CHECK(phy_transform_precoding_encode(q, prbs[p], xm, 2, ym) == 0);
    double maxerr = 0, sq = 0;
    for (size_t l = 0; l < 2; l++) {
      direct_dft(xm + l * m, m, -1, tw, ref);
      for (size_t k = 0; k < m; k++) {
        double e = cabs((double complex)ym[l * m + k] - ref[k]);
        maxerr = fmax(maxerr, e);
        sq += e * e;
      }
    }
    double rms = sqrt(sq / (2.0 * (double)m));
    if (maxerr > 2e-5 || rms > 2e-6) {
      fprintf(stderr, "M_RB %u: max err %g rms %g\n", prbs[p], maxerr, rms);
    }
    CHECK(maxerr <= 2e-5 && rms <= 2e-6);
    /* The inverse recovers x, in place. */
    memcpy(z, ym, 2 * m * sizeof(cf_t));
    CHECK(phy_transform_precoding_decode(q, prbs[p], z, 2, z) == 0);
    double back = 0;
    for (size_t i = 0; i < 2 * m; i++) {
      back = fmax(back, cabsf(z[i] - xm[i]));
    }
    CHECK(back <= 2e-5);
  }
  olive_mem_free(x);
  olive_mem_free(y);
  olive_mem_free(z);
  olive_mem_free(ref);
  olive_mem_free(tw);
}

static void test_hand_worked(phy_transform_precoding_t *q)
{
  enum { M = 36 }; /* 3 PRB */
  cf_t x[M], y[M];
  memset(x, 0, sizeof(x));
  x[0] = 1.0f;
  CHECK(phy_transform_precoding_encode(q, 3, x, 1, y) == 0);
  for (int k = 0; k < M; k++) {
    CHECK(cabsf(y[k] - (float)(1.0 / sqrt(M))) < 1e-6f);
  }
  for (int i = 0; i < M; i++) {
    x[i] = (cf_t)cexp(2.0 * M_PI * I * 5.0 * i / M);
  }
  CHECK(phy_transform_precoding_encode(q, 3, x, 1, y) == 0);
  for (int k = 0; k < M; k++) {
    CHECK(cabsf(y[k] - (k == 5 ? (float)sqrt(M) : 0.0f)) < 1e-5f);
  }
}

static void test_errors(void)
{
  phy_transform_precoding_t q;
  phy_transform_precoding_args_t args = {.max_prb = 100};
  CHECK(phy_transform_precoding_init(&q, &args) == 0);
  cf_t buf[12 * 120];
  memset(buf, 0, sizeof(buf));
  static const uint32_t bad[] = {0, 7, 11, 14, 13, 108, 120, 274, 1000};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(bad); i++) {
    CHECK(phy_transform_precoding_encode(&q, bad[i], buf, 1, buf) == OLIVE_EINVAL);
    CHECK(phy_transform_precoding_decode(&q, bad[i], buf, 1, buf) == OLIVE_EINVAL);
  }
  CHECK(phy_transform_precoding_encode(&q, 100, buf, 1, buf) == 0);
  CHECK(phy_transform_precoding_encode(&q, 100, NULL, 1, buf) == OLIVE_EINVAL);
  CHECK(phy_transform_precoding_encode(NULL, 4, buf, 1, buf) == OLIVE_EINVAL);
  phy_transform_precoding_free(&q);
  phy_transform_precoding_free(&q);
  phy_transform_precoding_free(NULL);
  CHECK(phy_transform_precoding_encode(&q, 4, buf, 1, buf) == OLIVE_EINVAL); /* after free */
  args.max_prb = 274;
  CHECK(phy_transform_precoding_init(&q, &args) == OLIVE_EINVAL);
  phy_transform_precoding_free(&q);
}

int main(void)
{
  test_sizes();
  phy_transform_precoding_t q;
  CHECK(phy_transform_precoding_init(&q, NULL) == 0);
  CHECK(q.max_prb == PHY_TP_MAX_PRB);
  size_t planned = 0;
  for (uint32_t n = 0; n <= PHY_TP_MAX_PRB; n++) {
    planned += q.fwd[n] != NULL && q.inv[n] != NULL;
  }
  CHECK(planned == 53);
  test_hand_worked(&q);
  test_against_direct(&q);
  phy_transform_precoding_free(&q);
  test_errors();
  return olive_test_done();
}
