/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (BW) decoder layer kernel: 64 lanes of Z per vector, same arithmetic as
 * ldpc_dec_generic.c. Masked stores keep lanes past Z out of the APP copies. */
#include <immintrin.h>

#include "ldpc_internal.h"

/* Min-sum check-node pass over one 64-lane chunk: q = app - r, m1/m2, sign parity. */
static void chunk_pass1(const ldpc_dec_layer_t *l, int8_t *const *col, unsigned k, __m512i *m1o,
                        __m512i *m2o, __m512i *sgo)
{
  const __m512i lo = _mm512_set1_epi8(-127);
  __m512i m1 = _mm512_set1_epi8(127), m2 = m1, sg = _mm512_setzero_si512();
  for (unsigned e = 0; e < l->deg; e++) {
    __m512i a = _mm512_loadu_si512(col[e] + l->shifts[e] + k);
    __m512i r = _mm512_load_si512(l->r + e * l->stride + k);
    __m512i q = _mm512_max_epi8(_mm512_subs_epi8(a, r), lo);
    _mm512_store_si512(l->q + e * l->stride + k, q);
    __m512i ab = _mm512_abs_epi8(q);
    m2 = _mm512_min_epu8(m2, _mm512_max_epu8(m1, ab));
    m1 = _mm512_min_epu8(m1, ab);
    sg = _mm512_xor_si512(sg, q);
  }
  *m1o = m1, *m2o = m2, *sgo = sg;
}

static void layer_avx512(const ldpc_dec_layer_t *l)
{
  const __m512i lo = _mm512_set1_epi8(-127), c3f = _mm512_set1_epi8(0x3f);
  const __m512i zero = _mm512_setzero_si512();
  const __m512i c1f = l->ext ? _mm512_set1_epi8(0x1f) : zero; /* (mag >> 3) only when ext */
  int8_t *col[LDPC_MAX_ROW_DEG];
  for (unsigned e = 0; e < l->deg; e++) {
    col[e] = l->app[l->cols[e]];
  }
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 64) {
    __mmask64 valid = z - k >= 64 ? ~0ull : (1ull << (z - k)) - 1;
    __m512i m1, m2, sg;
    chunk_pass1(l, col, k, &m1, &m2, &sg);
    for (unsigned e = 0; e < l->deg; e++) {
      __m512i q = _mm512_load_si512(l->q + e * l->stride + k);
      __m512i ab = _mm512_abs_epi8(q);
      __m512i mag = _mm512_mask_blend_epi8(_mm512_cmpeq_epi8_mask(ab, m1), m1, m2);
      __m512i sc = _mm512_sub_epi8(mag, _mm512_and_si512(_mm512_srli_epi16(mag, 2), c3f));
      sc = _mm512_sub_epi8(sc, _mm512_and_si512(_mm512_srli_epi16(mag, 3), c1f));
      __mmask64 neg = _mm512_movepi8_mask(_mm512_xor_si512(sg, q));
      __m512i r = _mm512_mask_sub_epi8(sc, neg, zero, sc);
      _mm512_store_si512(l->r + e * l->stride + k, r);
      __m512i ap = _mm512_max_epi8(_mm512_adds_epi8(q, r), lo);
      unsigned s = l->shifts[e];
      int8_t *p = col[e] + s + k;
      _mm512_mask_storeu_epi8(p, valid, ap);
      if (k + 64 > z - s) {
        _mm512_mask_storeu_epi8(p - z, valid, ap);
      }
      if (k < z - s) {
        _mm512_mask_storeu_epi8(p + z, valid, ap);
      }
    }
  }
}

static int row_ok_avx512(const ldpc_dec_layer_t *l)
{
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 64) {
    __mmask64 valid = z - k >= 64 ? ~0ull : (1ull << (z - k)) - 1;
    __m512i x = _mm512_setzero_si512();
    for (unsigned e = 0; e < l->deg; e++) {
      x = _mm512_xor_si512(x, _mm512_loadu_si512(l->app[l->cols[e]] + l->shifts[e] + k));
    }
    if (_mm512_movepi8_mask(x) & valid) {
      return 0;
    }
  }
  return 1;
}

const ldpc_dec_ops_t ldpc_dec_ops_avx512 = {
    .layer = layer_avx512,
    .row_ok = row_ok_avx512,
};
