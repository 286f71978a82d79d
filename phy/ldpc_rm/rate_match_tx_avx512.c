/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F/BW) Q_m = 8 block of the fused rate-matching kernel (rate_match_tx.c):
 * f[8 t + i] = bit 63 - t of r[i] for 64 groups t.
 *
 * Each row word is a 64-bit mask: a masked move puts bit i of group t into byte 63 - t of
 * w (bit 63 - t of r[i] is mask bit 63 - t). Eight groups of w at a time are then
 * broadcast, each group byte replicated over its 8 output bytes (in-lane shuffle), and
 * bit i of the copy for byte i is tested back into a mask that becomes 0/1 bytes. */
#include <immintrin.h>

#include "rate_match_internal.h"

void phy_ldpc_rm_block8_avx512(uint8_t *f, const uint64_t *r)
{
  __m512i w = _mm512_setzero_si512();
  for (unsigned i = 0; i < 8; i++) {
    __m512i b = _mm512_maskz_mov_epi8(_cvtu64_mask64(r[i]), _mm512_set1_epi8((char)(1u << i)));
    w = _mm512_or_si512(w, b);
  }
  /* output byte 8 u + i of vector k is group 8 k + u, held in byte 63 - 8 k - u of w:
   * qword 7 - k broadcast, then its byte 7 - u; in-lane index of lane l byte b: u = 2 l +
   * b / 8 */
  const __m512i shuf = _mm512_set_epi64(
      0x0000000000000000ll, 0x0101010101010101ll, 0x0202020202020202ll, 0x0303030303030303ll,
      0x0404040404040404ll, 0x0505050505050505ll, 0x0606060606060606ll, 0x0707070707070707ll);
  const __m512i bit = _mm512_set1_epi64((long long)0x8040201008040201ull);
  const __m512i one = _mm512_set1_epi8(1);
  for (unsigned k = 0; k < 8; k++) {
    __m512i g = _mm512_permutexvar_epi64(_mm512_set1_epi64(7 - k), w);
    g = _mm512_shuffle_epi8(g, shuf);
    __mmask64 m = _mm512_test_epi8_mask(g, bit);
    _mm512_storeu_si512((void *)(f + 64 * k), _mm512_maskz_mov_epi8(m, one));
  }
}
