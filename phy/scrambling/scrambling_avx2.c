/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 LLR descrambling: each sequence bit is spread to a lane mask. */
#include <immintrin.h>

#include "scrambling_internal.h"

/* Lane mask (all ones where set) of the 8 bits of `byte`, one per 32-bit lane. */
static inline __m256i mask8x32(uint32_t byte)
{
  const __m256i sel = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
  return _mm256_cmpeq_epi32(_mm256_and_si256(_mm256_set1_epi32((int)byte), sel), sel);
}

static void llr_f32_avx2(float *out, const float *in, size_t len, const uint32_t *c)
{
  size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    uint32_t w = c[i / 32];
    for (int k = 0; k < 4; k++) {
      __m256i x = _mm256_loadu_si256((const __m256i *)(in + i + 8 * k));
      __m256i s = _mm256_slli_epi32(mask8x32((w >> (8 * k)) & 0xffu), 31);
      _mm256_storeu_si256((__m256i *)(out + i + 8 * k), _mm256_xor_si256(x, s));
    }
  }
  if (i < len)
    phy_scrambling_f32_word(out + i, in + i, len - i, c[i / 32]);
}

/* Byte mask of the 32 bits of w: byte j of the result is 0xff when bit j is set. */
static inline __m256i mask32x8(uint32_t w)
{
  const __m256i rep = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2,
                                       2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  const __m256i sel = _mm256_set1_epi64x((long long)0x8040201008040201ull);
  __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32((int)w), rep);
  return _mm256_cmpeq_epi8(_mm256_and_si256(v, sel), sel);
}

static void llr_i8_avx2(int8_t *out, const int8_t *in, size_t len, const uint32_t *c)
{
  const __m256i zero = _mm256_setzero_si256();
  size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(in + i));
    __m256i neg = _mm256_subs_epi8(zero, x); /* -(-128) saturates to 127 */
    __m256i m = mask32x8(c[i / 32]);
    _mm256_storeu_si256((__m256i *)(out + i), _mm256_blendv_epi8(x, neg, m));
  }
  if (i < len)
    phy_scrambling_i8_word(out + i, in + i, len - i, c[i / 32]);
}

/* 32 bits per word: each of its 4 bytes replicated over 8 lanes (in-lane shuffle of the
 * broadcast word), bit b of lane b tested, the 0/-1 result masked to 0/1 and XORed in. */
static void bits_avx2(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c)
{
  const __m256i idx =
      _mm256_setr_epi64x(0, 0x0101010101010101ll, 0x0202020202020202ll, 0x0303030303030303ll);
  const __m256i bit = _mm256_set1_epi64x((long long)0x8040201008040201ull);
  const __m256i one = _mm256_set1_epi8(1);
  size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    __m256i w = _mm256_shuffle_epi8(_mm256_set1_epi32((int)c[i / 32]), idx);
    __m256i m = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(w, bit), bit), one);
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(in + i));
    _mm256_storeu_si256((__m256i *)(void *)(out + i), _mm256_xor_si256(x, m));
  }
  if (i < len)
    phy_scrambling_bits_word(out + i, in + i, len - i, c[i / 32]);
}

const phy_scrambling_ops_t phy_scrambling_ops_avx2 = {llr_f32_avx2, llr_i8_avx2, bits_avx2};
