/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (BW) pack/unpack of whole bytes (64 bits per step). */
#include <immintrin.h>
#include <string.h>

#include "bits_internal.h"

static inline __m512i rev8(__m512i x)
{
  const __m512i r =
      _mm512_broadcast_i32x4(_mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8));
  return _mm512_shuffle_epi8(x, r);
}

void phy_bits_pack_bytes_avx512(uint8_t *bytes, const uint8_t *bits, size_t nbytes)
{
  const __m512i one = _mm512_set1_epi8(1);
  size_t i = 0;
  for (; i + 8 <= nbytes; i += 8) {
    __m512i x = rev8(_mm512_loadu_si512(bits + 8 * i));
    uint64_t m = _mm512_test_epi8_mask(x, one);
    memcpy(bytes + i, &m, 8);
  }
  for (; i < nbytes; i++)
    bytes[i] = phy_bits_pack8(bits + 8 * i);
}

void phy_bits_unpack_bytes_avx512(uint8_t *bits, const uint8_t *bytes, size_t nbytes)
{
  const __m512i one = _mm512_set1_epi8(1);
  size_t i = 0;
  for (; i + 8 <= nbytes; i += 8) {
    uint64_t w;
    memcpy(&w, bytes + i, 8);
    /* mask bit 8k + j must be bit 7 - j of byte k: reverse the bits inside each byte */
    w = ((w >> 1) & 0x5555555555555555ull) | ((w & 0x5555555555555555ull) << 1);
    w = ((w >> 2) & 0x3333333333333333ull) | ((w & 0x3333333333333333ull) << 2);
    w = ((w >> 4) & 0x0f0f0f0f0f0f0f0full) | ((w & 0x0f0f0f0f0f0f0f0full) << 4);
    _mm512_storeu_si512(bits + 8 * i, _mm512_maskz_mov_epi8((__mmask64)w, one));
  }
  for (; i < nbytes; i++)
    phy_bits_unpack8(bits + 8 * i, bytes[i]);
}
