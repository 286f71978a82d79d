/* SPDX-License-Identifier: Apache-2.0 */
/* CRC of packed bytes by carry-less multiplication (PCLMULQDQ), MSB-first (non-reflected).
 *
 * Byte-swapped, a 16-byte block is the polynomial B(x) = sum of bit j times x^j. The CRC
 * only depends on M(x) mod P'(x), so a running block A = H x^64 + L is folded onto the
 * block d bits later as H K(d+64) + L K(d) + B (K from crc_internal.h; each product has
 * degree < 96). Four accumulators run 64 bytes apart; at the end they are folded into
 * one, which is the remainder-equivalent of everything so far, and its 16 bytes plus the
 * short tail go through the byte table. */
#include "crc_clmul.h"

static inline __m128i bswap128(__m128i x)
{
  const __m128i rev = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  return _mm_shuffle_epi8(x, rev);
}

static inline __m128i load_block(const uint8_t *p)
{
  return bswap128(_mm_loadu_si128((const __m128i *)p));
}

/* A x^d mod-equivalent: k = {lo: K(d), hi: K(d+64)}. */
static inline __m128i fold(__m128i a, __m128i k)
{
  return _mm_xor_si128(_mm_clmulepi64_si128(a, k, 0x00), _mm_clmulepi64_si128(a, k, 0x11));
}

static uint32_t finish(phy_crc_type_t type, __m128i a, const uint8_t *p, size_t n)
{
  uint8_t blk[16];
  _mm_storeu_si128((__m128i *)blk, bswap128(a));
  uint32_t reg = phy_crc_update_bytes(type, 0, blk, 16);
  return phy_crc_update_bytes(type, reg, p, n);
}

uint32_t phy_crc_clmul_tail(phy_crc_type_t type, const crc_fold_consts_t *k, __m128i a,
                            const uint8_t *p, size_t n)
{
  const __m128i k1 = _mm_set_epi64x((long long)k->k192, (long long)k->k128);
  for (; n >= 16; n -= 16, p += 16)
    a = _mm_xor_si128(fold(a, k1), load_block(p));
  return finish(type, a, p, n);
}

uint32_t phy_crc_bytes_clmul(phy_crc_type_t type, const crc_fold_consts_t *k, const uint8_t *p,
                             size_t n)
{
  if (n < 128)
    return phy_crc_update_bytes(type, 0, p, n);
  const __m128i k1 = _mm_set_epi64x((long long)k->k192, (long long)k->k128);
  const __m128i k4 = _mm_set_epi64x((long long)k->k576, (long long)k->k512);
  __m128i x0 = load_block(p), x1 = load_block(p + 16), x2 = load_block(p + 32),
          x3 = load_block(p + 48);
  for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
    x0 = _mm_xor_si128(fold(x0, k4), load_block(p));
    x1 = _mm_xor_si128(fold(x1, k4), load_block(p + 16));
    x2 = _mm_xor_si128(fold(x2, k4), load_block(p + 32));
    x3 = _mm_xor_si128(fold(x3, k4), load_block(p + 48));
  }
  __m128i a = _mm_xor_si128(fold(x0, k1), x1);
  a = _mm_xor_si128(fold(a, k1), x2);
  a = _mm_xor_si128(fold(a, k1), x3);
  return phy_crc_clmul_tail(type, k, a, p, n);
}
