/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 decoder layer kernel: 32 lanes of Z per vector, same arithmetic as
 * ldpc_dec_generic.c. A chunk with fewer than 32 valid lanes is written back lane by lane,
 * as AVX2 has no byte-masked store. */
#include <immintrin.h>

#include "ldpc_internal.h"

static void chunk_pass1(const ldpc_dec_layer_t *l, int8_t *const *col, unsigned k, __m256i *m1o,
                        __m256i *m2o, __m256i *sgo)
{
  const __m256i lo = _mm256_set1_epi8(-127);
  __m256i m1 = _mm256_set1_epi8(127), m2 = m1, sg = _mm256_setzero_si256();
  for (unsigned e = 0; e < l->deg; e++) {
    __m256i a = _mm256_loadu_si256((const __m256i *)(col[e] + l->shifts[e] + k));
    __m256i r = _mm256_load_si256((const __m256i *)(l->r + e * l->stride + k));
    __m256i q = _mm256_max_epi8(_mm256_subs_epi8(a, r), lo);
    _mm256_store_si256((__m256i *)(l->q + e * l->stride + k), q);
    __m256i ab = _mm256_abs_epi8(q);
    m2 = _mm256_min_epu8(m2, _mm256_max_epu8(m1, ab));
    m1 = _mm256_min_epu8(m1, ab);
    sg = _mm256_xor_si256(sg, q);
  }
  *m1o = m1, *m2o = m2, *sgo = sg;
}

/* Writes lanes [k, k + 32) of the row-domain result back to column position (s + lane) mod
 * z, in both copies. */
static void store_app(int8_t *col, unsigned s, unsigned z, unsigned k, __m256i ap)
{
  int8_t *p = col + s + k;
  if (z - k >= 32) {
    _mm256_storeu_si256((__m256i *)p, ap);
    if (k + 32 > z - s) {
      _mm256_storeu_si256((__m256i *)(p - z), ap);
    }
    if (k < z - s) {
      _mm256_storeu_si256((__m256i *)(p + z), ap);
    }
    return;
  }
  int8_t v[32] __attribute__((aligned(32)));
  _mm256_store_si256((__m256i *)v, ap);
  for (unsigned i = 0; i < z - k; i++) {
    unsigned pos = s + k + i >= z ? s + k + i - z : s + k + i;
    col[pos] = v[i];
    col[pos + z] = v[i];
  }
}

static void layer_avx2(const ldpc_dec_layer_t *l)
{
  const __m256i lo = _mm256_set1_epi8(-127), c3f = _mm256_set1_epi8(0x3f);
  const __m256i one = _mm256_set1_epi8(1);
  const __m256i c1f = l->ext ? _mm256_set1_epi8(0x1f) : _mm256_setzero_si256();
  int8_t *col[LDPC_MAX_ROW_DEG];
  for (unsigned e = 0; e < l->deg; e++) {
    col[e] = l->app[l->cols[e]];
  }
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 32) {
    __m256i m1, m2, sg;
    chunk_pass1(l, col, k, &m1, &m2, &sg);
    for (unsigned e = 0; e < l->deg; e++) {
      __m256i q = _mm256_load_si256((const __m256i *)(l->q + e * l->stride + k));
      __m256i ab = _mm256_abs_epi8(q);
      __m256i mag = _mm256_blendv_epi8(m1, m2, _mm256_cmpeq_epi8(ab, m1));
      __m256i sc = _mm256_sub_epi8(mag, _mm256_and_si256(_mm256_srli_epi16(mag, 2), c3f));
      sc = _mm256_sub_epi8(sc, _mm256_and_si256(_mm256_srli_epi16(mag, 3), c1f));
      /* sign_epi8 negates where the other edges' sign parity is 1; "| 1" avoids zeroing. */
      __m256i r = _mm256_sign_epi8(sc, _mm256_or_si256(_mm256_xor_si256(sg, q), one));
      _mm256_store_si256((__m256i *)(l->r + e * l->stride + k), r);
      __m256i ap = _mm256_max_epi8(_mm256_adds_epi8(q, r), lo);
      store_app(col[e], l->shifts[e], z, k, ap);
    }
  }
}

static int row_ok_avx2(const ldpc_dec_layer_t *l)
{
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 32) {
    __m256i x = _mm256_setzero_si256();
    for (unsigned e = 0; e < l->deg; e++) {
      const int8_t *p = l->app[l->cols[e]] + l->shifts[e] + k;
      x = _mm256_xor_si256(x, _mm256_loadu_si256((const __m256i *)p));
    }
    uint32_t m = (uint32_t)_mm256_movemask_epi8(x);
    if (z - k < 32) {
      m &= (1u << (z - k)) - 1;
    }
    if (m) {
      return 0;
    }
  }
  return 1;
}

const ldpc_dec_ops_t ldpc_dec_ops_avx2 = {
    .layer = layer_avx2,
    .row_ok = row_ok_avx2,
};
