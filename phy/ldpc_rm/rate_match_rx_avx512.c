/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F) Q_m = 8 de-interleaver row (TS 38.212 5.4.2.2 inverse): byte i of each
 * 8-byte group f_{8 t} .. f_{8 t + 7}. Eight groups are one vector; shifting each 64-bit
 * lane right by 8 i and truncating the lanes to bytes (vpmovqb) gives eight e values. */
#include <immintrin.h>

#include "rate_match_internal.h"

void phy_ldpc_rm_gather8_avx512(int8_t *e, const int8_t *f, unsigned i, unsigned n)
{
  const __m128i sh = _mm_cvtsi32_si128((int)(8 * i));
  unsigned t = 0;
  for (; t + 8 <= n; t += 8) {
    __m512i x = _mm512_srl_epi64(_mm512_loadu_si512((const void *)(f + (size_t)t * 8)), sh);
    _mm_storel_epi64((__m128i *)(void *)(e + t), _mm512_cvtepi64_epi8(x));
  }
  for (; t < n; t++) {
    e[t] = f[(size_t)t * 8 + i];
  }
}
