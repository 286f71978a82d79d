/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F/BW) variant of the encoder's byte-per-bit kernels (64 bytes per vector). */
#include <immintrin.h>
#include <string.h>

#include "ldpc_internal.h"

static void xor_rows_avx512(uint8_t *acc, const uint8_t *const *src, unsigned n, unsigned z)
{
  unsigned end = ldpc_round_vec(z), i = 0;
  for (; i + 128 <= end; i += 128) { /* two chains in flight */
    __m512i a0 = _mm512_setzero_si512(), a1 = _mm512_setzero_si512();
    for (unsigned e = 0; e < n; e++) {
      a0 = _mm512_xor_si512(a0, _mm512_loadu_si512(src[e] + i));
      a1 = _mm512_xor_si512(a1, _mm512_loadu_si512(src[e] + i + 64));
    }
    _mm512_storeu_si512(acc + i, a0);
    _mm512_storeu_si512(acc + i + 64, a1);
  }
  if (i < end) {
    __m512i a0 = _mm512_setzero_si512();
    for (unsigned e = 0; e < n; e++) {
      a0 = _mm512_xor_si512(a0, _mm512_loadu_si512(src[e] + i));
    }
    _mm512_storeu_si512(acc + i, a0);
  }
}

static __m512i rev8(__m512i x)
{
  const __m512i r = _mm512_set4_epi32(0x08090a0b, 0x0c0d0e0f, 0x00010203, 0x04050607);
  return _mm512_shuffle_epi8(x, r);
}

static void pack_avx512(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  size_t i = 0;
  for (; i + 64 <= nbits; i += 64) {
    __m512i v = rev8(_mm512_loadu_si512(src + i));
    uint64_t m = _mm512_movepi8_mask(_mm512_slli_epi16(v, 7));
    memcpy(dst + i / 8, &m, 8);
  }
  if (i < nbits) {
    __mmask64 k = _cvtu64_mask64((~0ull) >> (64 - (nbits - i)));
    __m512i v = rev8(_mm512_maskz_loadu_epi8(k, src + i));
    uint64_t m = _mm512_movepi8_mask(_mm512_slli_epi16(v, 7));
    memcpy(dst + i / 8, &m, (nbits - i) / 8);
  }
}

static void unpack_avx512(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  const __m512i one = _mm512_set1_epi8(1);
  size_t i = 0;
  for (; i + 64 <= nbits; i += 64) {
    uint64_t w;
    memcpy(&w, src + i / 8, 8);
    __m512i v = rev8(_mm512_movm_epi8(_cvtu64_mask64(w)));
    _mm512_storeu_si512(dst + i, _mm512_and_si512(v, one));
  }
  if (i < nbits) {
    uint64_t w = 0;
    memcpy(&w, src + i / 8, (nbits - i) / 8);
    __m512i v = _mm512_and_si512(rev8(_mm512_movm_epi8(_cvtu64_mask64(w))), one);
    _mm512_mask_storeu_epi8(dst + i, _cvtu64_mask64((~0ull) >> (64 - (nbits - i))), v);
  }
}

const ldpc_enc_ops_t ldpc_enc_ops_avx512 = {
    .xor_rows = xor_rows_avx512,
    .pack = pack_avx512,
    .unpack = unpack_avx512,
};
