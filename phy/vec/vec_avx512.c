/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 complex scale kernel: eight elements per 512-bit vector, masked tail. */
#include <immintrin.h>

#include "vec_internal.h"

static inline __m512 scale8(__m512 v, __m512 vr, __m512 vi)
{
  /* (a + jb)(cr + j ci) = a cr - b ci + j (a ci + b cr): v * cr + swap(v) * (-ci, ci). */
  return _mm512_fmadd_ps(v, vr, _mm512_mul_ps(_mm512_permute_ps(v, 0xb1), vi));
}

void phy_vec_scale_avx512(cf_t *dst, const cf_t *src, cf_t c, uint32_t n)
{
  float ci = cimagf(c);
  __m512 vr = _mm512_set1_ps(crealf(c));
  __m512 vi = _mm512_mask_blend_ps(0xaaaa, _mm512_set1_ps(-ci), _mm512_set1_ps(ci));
  const float *x = (const float *)src;
  float *y = (float *)dst;
  uint32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    _mm512_storeu_ps(y + 2 * i, scale8(_mm512_loadu_ps(x + 2 * i), vr, vi));
  }
  if (i < n) {
    __mmask16 m = (__mmask16)((1u << (2 * (n - i))) - 1u);
    _mm512_mask_storeu_ps(y + 2 * i, m, scale8(_mm512_maskz_loadu_ps(m, x + 2 * i), vr, vi));
  }
}
