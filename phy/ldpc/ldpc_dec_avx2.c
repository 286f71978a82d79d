/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 decoder layer kernel: 32 lanes of Z per step (int8 messages, int16 APPs in two
 * vectors), same arithmetic as ldpc_dec_generic.c. A chunk with fewer than 32 valid lanes
 * is written back lane by lane, as AVX2 has no masked 16-bit store. */
#include <immintrin.h>

#include "ldpc_internal.h"

static __m256i lo_epi16(__m256i r8)
{
  return _mm256_cvtepi8_epi16(_mm256_castsi256_si128(r8));
}

static __m256i hi_epi16(__m256i r8)
{
  return _mm256_cvtepi8_epi16(_mm256_extracti128_si256(r8, 1));
}

/* 32 int16 (two vectors, lane order) to 32 saturated int8 in lane order. */
static __m256i packs_ordered(__m256i t0, __m256i t1)
{
  return _mm256_permute4x64_epi64(_mm256_packs_epi16(t0, t1), 0xd8);
}

/* t = app - r for one edge and chunk (two int16 vectors) and q = clamp(t) (int8). */
static __m256i edge_q(const int16_t *a, __m256i r, __m256i *t0, __m256i *t1)
{
  *t0 = _mm256_sub_epi16(_mm256_loadu_si256((const __m256i *)a), lo_epi16(r));
  *t1 = _mm256_sub_epi16(_mm256_loadu_si256((const __m256i *)(a + 16)), hi_epi16(r));
  return _mm256_max_epi8(packs_ordered(*t0, *t1), _mm256_set1_epi8(-127));
}

/* Min-sum check-node pass over one 32-lane chunk: m1/m2 and the sign parity of the q's;
 * the second pass recomputes t and q. */
static void chunk_pass1(const ldpc_dec_layer_t *l, int16_t *const *col, unsigned k, __m256i *m1o,
                        __m256i *m2o, __m256i *sgo)
{
  __m256i m1 = _mm256_set1_epi8(127), m2 = m1, sg = _mm256_setzero_si256(), t0, t1;
  for (unsigned e = 0; e < l->deg; e++) {
    __m256i r = _mm256_load_si256((const __m256i *)(l->r + e * l->stride + k));
    __m256i q = edge_q(col[e] + l->shifts[e] + k, r, &t0, &t1);
    __m256i ab = _mm256_abs_epi8(q);
    m2 = _mm256_min_epu8(m2, _mm256_max_epu8(m1, ab));
    m1 = _mm256_min_epu8(m1, ab);
    sg = _mm256_xor_si256(sg, q);
  }
  *m1o = m1, *m2o = m2, *sgo = sg;
}

static void store2(int16_t *p, __m256i a0, __m256i a1)
{
  _mm256_storeu_si256((__m256i *)p, a0);
  _mm256_storeu_si256((__m256i *)(p + 16), a1);
}

/* Writes lanes [k, k + 32) of the new APPs back to column position (s + lane) mod z, in
 * both copies. */
static void store_app(int16_t *col, unsigned s, unsigned z, unsigned k, __m256i a0, __m256i a1)
{
  int16_t *p = col + s + k;
  if (z - k >= 32) {
    store2(p, a0, a1);
    if (k + 32 > z - s) {
      store2(p - z, a0, a1);
    }
    if (k < z - s) {
      store2(p + z, a0, a1);
    }
    return;
  }
  int16_t v[32] __attribute__((aligned(32)));
  _mm256_store_si256((__m256i *)v, a0);
  _mm256_store_si256((__m256i *)(v + 16), a1);
  for (unsigned i = 0; i < z - k; i++) {
    unsigned pos = s + k + i >= z ? s + k + i - z : s + k + i;
    col[pos] = v[i];
    col[pos + z] = v[i];
  }
}

/* The row's normalization as vectors: mul in the low / high byte of each 16-bit word. */
typedef struct norm_vec {
  __m256i mul_ev, mul_od, rnd, off;
} norm_vec_t;

static norm_vec_t norm_vec(ldpc_norm_t n)
{
  norm_vec_t v = {_mm256_set1_epi16(n.mul), _mm256_set1_epi16((short)(n.mul << 8)),
                  _mm256_set1_epi16(n.rnd), _mm256_set1_epi8((char)n.off)};
  return v;
}

/* max(((mag * mul + rnd) >> 4) - off, 0) on bytes 0..127 (off by unsigned saturation): maddubs
 * multiplies the even and the odd bytes into 16-bit words (at most 127 * 16 + 15). */
static __m256i normalize(__m256i mag, const norm_vec_t *n)
{
  __m256i ev = _mm256_add_epi16(_mm256_maddubs_epi16(mag, n->mul_ev), n->rnd);
  __m256i od = _mm256_add_epi16(_mm256_maddubs_epi16(mag, n->mul_od), n->rnd);
  __m256i x =
      _mm256_or_si256(_mm256_srli_epi16(ev, 4), _mm256_slli_epi16(_mm256_srli_epi16(od, 4), 8));
  return _mm256_subs_epu8(x, n->off);
}

static void layer_avx2(const ldpc_dec_layer_t *l)
{
  const __m256i one = _mm256_set1_epi8(1);
  int16_t *col[LDPC_MAX_ROW_DEG];
  for (unsigned e = 0; e < l->deg; e++) {
    col[e] = l->app[l->cols[e]];
  }
  const norm_vec_t nv = norm_vec(l->norm);
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 32) {
    __m256i m1, m2, sg;
    chunk_pass1(l, col, k, &m1, &m2, &sg);
    /* Every message magnitude is m1 or m2 normalized: compute both once per chunk. */
    __m256i n1 = normalize(m1, &nv), n2 = normalize(m2, &nv);
    for (unsigned e = 0; e < l->deg; e++) {
      int8_t *rp = l->r + e * l->stride + k;
      __m256i t0, t1;
      __m256i q =
          edge_q(col[e] + l->shifts[e] + k, _mm256_load_si256((const __m256i *)rp), &t0, &t1);
      __m256i ab = _mm256_abs_epi8(q);
      __m256i sc = _mm256_blendv_epi8(n1, n2, _mm256_cmpeq_epi8(ab, m1));
      /* sign_epi8 negates where the other edges' sign parity is 1; "| 1" avoids zeroing. */
      __m256i r = _mm256_sign_epi8(sc, _mm256_or_si256(_mm256_xor_si256(sg, q), one));
      _mm256_store_si256((__m256i *)rp, r);
      store_app(col[e], l->shifts[e], z, k, _mm256_add_epi16(t0, lo_epi16(r)),
                _mm256_add_epi16(t1, hi_epi16(r)));
    }
  }
}

static int row_ok_avx2(const ldpc_dec_layer_t *l)
{
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 32) {
    __m256i x0 = _mm256_setzero_si256(), x1 = x0;
    for (unsigned e = 0; e < l->deg; e++) {
      const int16_t *a = l->app[l->cols[e]] + l->shifts[e] + k;
      x0 = _mm256_xor_si256(x0, _mm256_loadu_si256((const __m256i *)a));
      x1 = _mm256_xor_si256(x1, _mm256_loadu_si256((const __m256i *)(a + 16)));
    }
    uint32_t m = (uint32_t)_mm256_movemask_epi8(packs_ordered(x0, x1));
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
