/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 variant of the encoder's byte-per-bit kernels (32 bytes per vector). */
#include <immintrin.h>
#include <string.h>

#include "ldpc_internal.h"

static void xor_rows_avx2(uint8_t *acc, const uint8_t *const *src, unsigned n, unsigned z)
{
  unsigned end = ldpc_round_vec(z);
  for (unsigned i = 0; i < end; i += 64) {
    __m256i a0 = _mm256_setzero_si256(), a1 = _mm256_setzero_si256();
    for (unsigned e = 0; e < n; e++) {
      a0 = _mm256_xor_si256(a0, _mm256_loadu_si256((const __m256i *)(src[e] + i)));
      a1 = _mm256_xor_si256(a1, _mm256_loadu_si256((const __m256i *)(src[e] + i + 32)));
    }
    _mm256_storeu_si256((__m256i *)(acc + i), a0);
    _mm256_storeu_si256((__m256i *)(acc + i + 32), a1);
  }
}

/* Reverses the byte order inside each 8-byte group, so that bit 7 of a packed byte lines up
 * with the first of its 8 bits. */
static __m256i rev8(__m256i x)
{
  const __m256i r = _mm256_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,
                                     4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
  return _mm256_shuffle_epi8(x, r);
}

static void pack_avx2(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  size_t i = 0;
  for (; i + 32 <= nbits; i += 32) {
    __m256i v = rev8(_mm256_loadu_si256((const __m256i *)(src + i)));
    uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(v, 7));
    memcpy(dst + i / 8, &m, 4);
  }
  ldpc_enc_ops_generic.pack(dst + i / 8, src + i, nbits - i);
}

static void unpack_avx2(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  const __m256i spread = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2,
                                          2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  const __m256i bit = _mm256_set1_epi64x((long long)0x0102040810204080ull);
  const __m256i one = _mm256_set1_epi8(1);
  size_t i = 0;
  for (; i + 32 <= nbits; i += 32) {
    uint32_t w;
    memcpy(&w, src + i / 8, 4);
    __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32((int)w), spread);
    v = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v, bit), bit), one);
    _mm256_storeu_si256((__m256i *)(dst + i), v);
  }
  ldpc_enc_ops_generic.unpack(dst + i, src + i / 8, nbits - i);
}

const ldpc_enc_ops_t ldpc_enc_ops_avx2 = {
    .xor_rows = xor_rows_avx2,
    .pack = pack_avx2,
    .unpack = unpack_avx2,
};
