/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 pack/unpack of whole bytes (32 bits per step). */
#include <immintrin.h>
#include <string.h>

#include "bits_internal.h"

/* Reverses the byte order inside each 8-byte group, so that the MSB-first bit order of a
 * packed byte matches movemask's LSB-first lane order. */
static inline __m256i rev8(__m256i x)
{
  const __m256i r = _mm256_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,
                                     4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
  return _mm256_shuffle_epi8(x, r);
}

void phy_bits_pack_bytes_avx2(uint8_t *bytes, const uint8_t *bits, size_t nbytes)
{
  size_t i = 0;
  for (; i + 4 <= nbytes; i += 4) {
    __m256i x = rev8(_mm256_loadu_si256((const __m256i *)(bits + 8 * i)));
    uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(x, 7)); /* bit 0 -> 7 */
    memcpy(bytes + i, &m, 4);
  }
  for (; i < nbytes; i++)
    bytes[i] = phy_bits_pack8(bits + 8 * i);
}

void phy_bits_unpack_bytes_avx2(uint8_t *bits, const uint8_t *bytes, size_t nbytes)
{
  const __m256i rep = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2,
                                       2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  const __m256i sel = _mm256_set1_epi64x(0x0102040810204080ll); /* byte j: 0x80 >> j */
  const __m256i one = _mm256_set1_epi8(1);
  size_t i = 0;
  for (; i + 4 <= nbytes; i += 4) {
    int32_t w;
    memcpy(&w, bytes + i, 4);
    __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32(w), rep);
    v = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v, sel), sel), one);
    _mm256_storeu_si256((__m256i *)(bits + 8 * i), v);
  }
  for (; i < nbytes; i++)
    phy_bits_unpack8(bits + 8 * i, bytes[i]);
}
