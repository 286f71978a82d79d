/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (BW) decoder layer kernel: 64 lanes of Z per step (int8 messages, int16 APPs in
 * two vectors), same arithmetic as ldpc_dec_generic.c. Masked stores keep lanes past Z out
 * of the APP copies. */
#include <immintrin.h>

#include "ldpc_internal.h"

static __m512i lo_epi16(__m512i r8)
{
  return _mm512_cvtepi8_epi16(_mm512_castsi512_si256(r8));
}

static __m512i hi_epi16(__m512i r8)
{
  return _mm512_cvtepi8_epi16(_mm512_extracti64x4_epi64(r8, 1));
}

/* t = app - r for one edge and chunk (two int16 vectors) and q = clamp(t) (int8). */
static __m512i edge_q(const int16_t *a, __m512i r, __m512i *t0, __m512i *t1)
{
  *t0 = _mm512_sub_epi16(_mm512_loadu_si512(a), lo_epi16(r));
  *t1 = _mm512_sub_epi16(_mm512_loadu_si512(a + 32), hi_epi16(r));
  __m512i q = _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtsepi16_epi8(*t0)),
                                 _mm512_cvtsepi16_epi8(*t1), 1);
  return _mm512_max_epi8(q, _mm512_set1_epi8(-127));
}

/* Min-sum check-node pass over one 64-lane chunk: m1/m2 and the sign parity of the q's.
 * Nothing is stored; the second pass recomputes t and q (loads are cheaper than stores). */
static void chunk_pass1(const ldpc_dec_layer_t *l, int16_t *const *col, unsigned k, __m512i *m1o,
                        __m512i *m2o, __m512i *sgo)
{
  __m512i m1 = _mm512_set1_epi8(127), m2 = m1, sg = _mm512_setzero_si512(), t0, t1;
  for (unsigned e = 0; e < l->deg; e++) {
    __m512i r = _mm512_load_si512(l->r + e * l->stride + k);
    __m512i q = edge_q(col[e] + l->shifts[e] + k, r, &t0, &t1);
    __m512i ab = _mm512_abs_epi8(q);
    m2 = _mm512_min_epu8(m2, _mm512_max_epu8(m1, ab));
    m1 = _mm512_min_epu8(m1, ab);
    sg = _mm512_xor_si512(sg, q);
  }
  *m1o = m1, *m2o = m2, *sgo = sg;
}

/* Writes lanes [k, k + 64) of the new APPs to column position (s + lane) mod z: at offset
 * s, and at s - z / s + z where those land in [0, 2z). */
static void store_app(int16_t *col, unsigned s, unsigned z, unsigned k, __mmask64 valid,
                      __m512i ap0, __m512i ap1)
{
  __mmask32 v0 = (__mmask32)valid, v1 = (__mmask32)(valid >> 32);
  int16_t *p = col + s + k;
  _mm512_mask_storeu_epi16(p, v0, ap0);
  _mm512_mask_storeu_epi16(p + 32, v1, ap1);
  if (k + 64 > z - s) {
    _mm512_mask_storeu_epi16(p - z, v0, ap0);
    _mm512_mask_storeu_epi16(p - z + 32, v1, ap1);
  }
  if (k < z - s) {
    _mm512_mask_storeu_epi16(p + z, v0, ap0);
    _mm512_mask_storeu_epi16(p + z + 32, v1, ap1);
  }
}

/* The row's normalization as vectors: mul in the low / high byte of each 16-bit word. */
typedef struct norm_vec {
  __m512i mul_ev, mul_od, rnd, off;
} norm_vec_t;

static norm_vec_t norm_vec(ldpc_norm_t n)
{
  norm_vec_t v = {_mm512_set1_epi16(n.mul), _mm512_set1_epi16((short)(n.mul << 8)),
                  _mm512_set1_epi16(n.rnd), _mm512_set1_epi8((char)n.off)};
  return v;
}

/* max(((mag * mul + rnd) >> 4) - off, 0) on bytes 0..127 (off by unsigned saturation): maddubs
 * multiplies the even and the odd bytes into 16-bit words (at most 127 * 16 + 15). */
static __m512i normalize(__m512i mag, const norm_vec_t *n)
{
  __m512i ev = _mm512_add_epi16(_mm512_maddubs_epi16(mag, n->mul_ev), n->rnd);
  __m512i od = _mm512_add_epi16(_mm512_maddubs_epi16(mag, n->mul_od), n->rnd);
  __m512i x =
      _mm512_or_si512(_mm512_srli_epi16(ev, 4), _mm512_slli_epi16(_mm512_srli_epi16(od, 4), 8));
  return _mm512_subs_epu8(x, n->off);
}

static void layer_avx512(const ldpc_dec_layer_t *l)
{
  const __m512i zero = _mm512_setzero_si512();
  int16_t *col[LDPC_MAX_ROW_DEG];
  for (unsigned e = 0; e < l->deg; e++) {
    col[e] = l->app[l->cols[e]];
  }
  const norm_vec_t nv = norm_vec(l->norm);
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 64) {
    __mmask64 valid = z - k >= 64 ? ~0ull : (1ull << (z - k)) - 1;
    __m512i m1, m2, sg;
    chunk_pass1(l, col, k, &m1, &m2, &sg);
    /* Every message magnitude is m1 or m2 normalized: compute both once per chunk. */
    __m512i n1 = normalize(m1, &nv), n2 = normalize(m2, &nv);
    for (unsigned e = 0; e < l->deg; e++) {
      int8_t *rp = l->r + e * l->stride + k;
      __m512i t0, t1, q = edge_q(col[e] + l->shifts[e] + k, _mm512_load_si512(rp), &t0, &t1);
      __m512i ab = _mm512_abs_epi8(q);
      __m512i sc = _mm512_mask_blend_epi8(_mm512_cmpeq_epi8_mask(ab, m1), n1, n2);
      __mmask64 neg = _mm512_movepi8_mask(_mm512_xor_si512(sg, q));
      __m512i r = _mm512_mask_sub_epi8(sc, neg, zero, sc);
      _mm512_store_si512(rp, r);
      __m512i ap0 = _mm512_add_epi16(t0, lo_epi16(r));
      __m512i ap1 = _mm512_add_epi16(t1, hi_epi16(r));
      store_app(col[e], l->shifts[e], z, k, valid, ap0, ap1);
    }
  }
}

static int row_ok_avx512(const ldpc_dec_layer_t *l)
{
  unsigned z = l->z;
  for (unsigned k = 0; k < z; k += 64) {
    __mmask64 valid = z - k >= 64 ? ~0ull : (1ull << (z - k)) - 1;
    __m512i x0 = _mm512_setzero_si512(), x1 = x0;
    for (unsigned e = 0; e < l->deg; e++) {
      const int16_t *a = l->app[l->cols[e]] + l->shifts[e] + k;
      x0 = _mm512_xor_si512(x0, _mm512_loadu_si512(a));
      x1 = _mm512_xor_si512(x1, _mm512_loadu_si512(a + 32));
    }
    uint64_t neg = (uint64_t)_mm512_movepi16_mask(x0) | (uint64_t)_mm512_movepi16_mask(x1) << 32;
    if (neg & valid) {
      return 0;
    }
  }
  return 1;
}

const ldpc_dec_ops_t ldpc_dec_ops_avx512 = {
    .layer = layer_avx512,
    .row_ok = row_ok_avx512,
};
