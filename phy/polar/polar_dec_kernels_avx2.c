/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 SC(L) LLR kernels: 8 LLRs per step, the portable code for the tail. The results are
 * bit-identical to polar_dec_kernels.c (min, sign and add only). */
#include <immintrin.h>

#include "polar_dec_kernels.h"

static void polar_f_avx2(const float *a, const float *b, float *out, unsigned n)
{
  const __m256 sign = _mm256_set1_ps(-0.0f);
  unsigned k = 0;
  for (; k + 8 <= n; k += 8) {
    __m256 va = _mm256_loadu_ps(a + k), vb = _mm256_loadu_ps(b + k);
    __m256 m = _mm256_min_ps(_mm256_andnot_ps(sign, va), _mm256_andnot_ps(sign, vb));
    __m256 s = _mm256_and_ps(_mm256_xor_ps(va, vb), sign);
    _mm256_storeu_ps(out + k, _mm256_or_ps(m, s));
  }
  for (; k < n; k++) {
    float fa = __builtin_fabsf(a[k]), fb = __builtin_fabsf(b[k]);
    float m = fa < fb ? fa : fb;
    out[k] = (__builtin_signbit(a[k]) != 0) != (__builtin_signbit(b[k]) != 0) ? -m : m;
  }
}

static void polar_g_avx2(const float *a, const float *b, const uint8_t *beta, float *out,
                         unsigned n)
{
  unsigned k = 0;
  for (; k + 8 <= n; k += 8) {
    __m128i bb = _mm_loadl_epi64((const __m128i *)(const void *)(beta + k));
    __m256i flip = _mm256_slli_epi32(_mm256_cvtepu8_epi32(bb), 31);
    __m256 va = _mm256_xor_ps(_mm256_loadu_ps(a + k), _mm256_castsi256_ps(flip));
    _mm256_storeu_ps(out + k, _mm256_add_ps(_mm256_loadu_ps(b + k), va));
  }
  for (; k < n; k++) {
    out[k] = beta[k] ? b[k] - a[k] : b[k] + a[k];
  }
}

void polar_dec_kernels_avx2(polar_dec_kernels_t *k)
{
  k->f = polar_f_avx2;
  k->g = polar_g_avx2;
}
