/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 LLR descrambling: sequence words are the lane masks directly; tails use masked
 * loads and stores. */
#include <immintrin.h>

#include "scrambling_internal.h"

static void llr_f32_avx512(float *out, const float *in, size_t len, const uint32_t *c)
{
  const __m512i sign = _mm512_set1_epi32(INT32_MIN);
  for (size_t i = 0; i < len; i += 32) {
    uint32_t w = c[i / 32];
    size_t rem = len - i < 32 ? len - i : 32;
    uint32_t live = rem == 32 ? 0xffffffffu : (1u << rem) - 1;
    __mmask16 l0 = (__mmask16)live, l1 = (__mmask16)(live >> 16);
    __m512i a = _mm512_maskz_loadu_epi32(l0, in + i);
    __m512i b = _mm512_maskz_loadu_epi32(l1, in + i + 16);
    a = _mm512_mask_xor_epi32(a, (__mmask16)w, a, sign);
    b = _mm512_mask_xor_epi32(b, (__mmask16)(w >> 16), b, sign);
    _mm512_mask_storeu_epi32(out + i, l0, a);
    _mm512_mask_storeu_epi32(out + i + 16, l1, b);
  }
}

static void llr_i8_avx512(int8_t *out, const int8_t *in, size_t len, const uint32_t *c)
{
  const __m512i zero = _mm512_setzero_si512();
  for (size_t i = 0; i < len; i += 64) {
    uint64_t w = c[i / 32];
    size_t rem = len - i < 64 ? len - i : 64;
    if (rem > 32)
      w |= (uint64_t)c[i / 32 + 1] << 32;
    __mmask64 live = rem == 64 ? ~0ull : (1ull << rem) - 1;
    __m512i x = _mm512_maskz_loadu_epi8(live, in + i);
    x = _mm512_mask_subs_epi8(x, (__mmask64)w, zero, x); /* -(-128) saturates to 127 */
    _mm512_mask_storeu_epi8(out + i, live, x);
  }
}

/* 64 bits of sequence are a byte mask: XOR 1 into the selected bytes. */
static void bits_avx512(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c)
{
  const __m512i one = _mm512_set1_epi8(1);
  for (size_t i = 0; i < len; i += 64) {
    uint64_t w = c[i / 32];
    size_t rem = len - i < 64 ? len - i : 64;
    if (rem > 32)
      w |= (uint64_t)c[i / 32 + 1] << 32;
    __mmask64 live = rem == 64 ? ~0ull : (1ull << rem) - 1;
    __m512i x = _mm512_maskz_loadu_epi8(live, in + i);
    x = _mm512_xor_si512(x, _mm512_maskz_mov_epi8((__mmask64)w, one));
    _mm512_mask_storeu_epi8(out + i, live, x);
  }
}

const phy_scrambling_ops_t phy_scrambling_ops_avx512 = {llr_f32_avx512, llr_i8_avx512, bits_avx512};
