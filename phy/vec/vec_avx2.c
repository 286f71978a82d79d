/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 + FMA complex scale kernel: four elements per 256-bit vector, masked tail. */
#include <immintrin.h>

#include "vec_internal.h"

void phy_vec_scale_avx2(cf_t *dst, const cf_t *src, cf_t c, uint32_t n)
{
  /* (a + jb)(cr + j ci) = a cr - b ci + j (a ci + b cr): v * cr + swap(v) * (-ci, ci). */
  float ci = cimagf(c);
  __m256 vr = _mm256_set1_ps(crealf(c));
  __m256 vi = _mm256_setr_ps(-ci, ci, -ci, ci, -ci, ci, -ci, ci);
  const float *x = (const float *)src;
  float *y = (float *)dst;
  uint32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256 v = _mm256_loadu_ps(x + 2 * i);
    __m256 s = _mm256_permute_ps(v, 0xb1);
    _mm256_storeu_ps(y + 2 * i, _mm256_fmadd_ps(v, vr, _mm256_mul_ps(s, vi)));
  }
  if (i < n) {
    /* 1..3 subcarriers left: lanes 0 .. 2 (n - i) - 1 are live. */
    int live = (int)(2 * (n - i));
    __m256i m =
        _mm256_cmpgt_epi32(_mm256_set1_epi32(live), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256 v = _mm256_maskload_ps(x + 2 * i, m);
    __m256 s = _mm256_permute_ps(v, 0xb1);
    _mm256_maskstore_ps(y + 2 * i, m, _mm256_fmadd_ps(v, vr, _mm256_mul_ps(s, vi)));
  }
}
