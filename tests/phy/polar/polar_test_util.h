/* SPDX-License-Identifier: Apache-2.0 */
/* Test helpers: fixed-seed PRNG, Gaussian noise and a BPSK/QPSK AWGN channel giving LLRs. */
#ifndef OLIVE_TESTS_POLAR_UTIL_H
#define OLIVE_TESTS_POLAR_UTIL_H

#include <math.h>
#include <stdint.h>

static inline uint32_t tu_rand(uint64_t *s)
{
  *s = *s * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(*s >> 33);
}

static inline float tu_gauss(uint64_t *s)
{
  float u1 = ((float)tu_rand(s) + 1.0f) / 2147483649.0f;
  float u2 = (float)tu_rand(s) / 2147483648.0f;
  return sqrtf(-2.0f * logf(u1)) * cosf(6.2831853f * u2);
}

/* Gray-mapped QPSK (TS 38.211 5.1.3) over AWGN at es_n0_db: each bit is +-1/sqrt(2) with
 * noise variance N0/2 per dimension; LLR = 4 a y / N0, a = 1/sqrt(2). */
static inline void tu_qpsk_awgn(const uint8_t *bits, unsigned n, float es_n0_db, uint64_t *s,
                                float *llr)
{
  float n0 = powf(10.0f, -es_n0_db / 10.0f), a = 0.70710678f;
  float sigma = sqrtf(n0 / 2.0f);
  for (unsigned k = 0; k < n; k++) {
    float y = (bits[k] ? -a : a) + sigma * tu_gauss(s);
    llr[k] = 4.0f * a * y / n0;
  }
}

#endif
