/* SPDX-License-Identifier: Apache-2.0 */
/* CRC of packed bytes with VPCLMULQDQ on 512-bit vectors: the folding of crc_clmul.c on
 * four 16-byte lanes at once, four vectors (256 bytes) apart, then folded down to one
 * 128-bit block and handed to the PCLMULQDQ tail. */
#include "crc_clmul.h"

static inline __m512i load4(const uint8_t *p)
{
  const __m512i rev =
      _mm512_broadcast_i32x4(_mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
  return _mm512_shuffle_epi8(_mm512_loadu_si512(p), rev);
}

static inline __m512i fold4(__m512i a, __m512i k)
{
  return _mm512_xor_si512(_mm512_clmulepi64_epi128(a, k, 0x00),
                          _mm512_clmulepi64_epi128(a, k, 0x11));
}

static inline __m128i fold1(__m128i a, __m128i k)
{
  return _mm_xor_si128(_mm_clmulepi64_si128(a, k, 0x00), _mm_clmulepi64_si128(a, k, 0x11));
}

uint32_t phy_crc_bytes_vpclmul(phy_crc_type_t type, const crc_fold_consts_t *k, const uint8_t *p,
                               size_t n)
{
  if (n < 512)
    return phy_crc_bytes_clmul(type, k, p, n);
  const __m512i k16 =
      _mm512_broadcast_i32x4(_mm_set_epi64x((long long)k->k2112, (long long)k->k2048));
  const __m512i k4 = _mm512_broadcast_i32x4(_mm_set_epi64x((long long)k->k576, (long long)k->k512));
  const __m128i k1 = _mm_set_epi64x((long long)k->k192, (long long)k->k128);
  __m512i x0 = load4(p), x1 = load4(p + 64), x2 = load4(p + 128), x3 = load4(p + 192);
  for (p += 256, n -= 256; n >= 256; p += 256, n -= 256) {
    x0 = _mm512_xor_si512(fold4(x0, k16), load4(p));
    x1 = _mm512_xor_si512(fold4(x1, k16), load4(p + 64));
    x2 = _mm512_xor_si512(fold4(x2, k16), load4(p + 128));
    x3 = _mm512_xor_si512(fold4(x3, k16), load4(p + 192));
  }
  /* x0..x3 are consecutive 64-byte groups: fold each onto the next, 64 bytes apart. */
  __m512i a = _mm512_xor_si512(fold4(x0, k4), x1);
  a = _mm512_xor_si512(fold4(a, k4), x2);
  a = _mm512_xor_si512(fold4(a, k4), x3);
  /* The four lanes are consecutive 16-byte blocks. */
  __m128i b = _mm512_extracti32x4_epi32(a, 0);
  b = _mm_xor_si128(fold1(b, k1), _mm512_extracti32x4_epi32(a, 1));
  b = _mm_xor_si128(fold1(b, k1), _mm512_extracti32x4_epi32(a, 2));
  b = _mm_xor_si128(fold1(b, k1), _mm512_extracti32x4_epi32(a, 3));
  return phy_crc_clmul_tail(type, k, b, p, n);
}
