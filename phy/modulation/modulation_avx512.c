/* SPDX-License-Identifier: Apache-2.0 */
/* AVX-512 (F/BW/VL/DQ) kernels: vectorised mapper (TS 38.211 5.1; every order from one
 * bit per byte, BPSK/pi/2-BPSK/QPSK from packed bytes, packed QAM stays on the portable byte
 * tables) and the max-log demapper for every order, eight symbols (one 512-bit vector of
 * interleaved re/im) per step. Same float operations as the reference (see
 * modulation_internal.h), hence bit-exact. */
#include <immintrin.h>
#include <string.h>

#include "modulation_internal.h"

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* ---- mapper ---- */

static void map_bits_qpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  const __m512 pos = _mm512_set1_ps(crealf(lut[0]));
  const __m512 neg = _mm512_sub_ps(_mm512_setzero_ps(), pos);
  const __m512i one = _mm512_set1_epi32(1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512i b = _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(in + 2 * i)));
    __mmask16 set = _mm512_test_epi32_mask(b, one);
    _mm512_storeu_ps((float *)(out + i), _mm512_mask_blend_ps(set, pos, neg));
  }
  phy_mod_map_bits_ref(PHY_MOD_QPSK, lut, in + 2 * i, n - i, out + i);
}

static void map_packed_qpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  const __m512 pos = _mm512_set1_ps(crealf(lut[0]));
  const __m512 neg = _mm512_sub_ps(_mm512_setzero_ps(), pos);
  /* lane k tests bit 15 - k of (byte0 << 8 | byte1): MSB first */
  const __m512i sel = _mm512_setr_epi32(1 << 15, 1 << 14, 1 << 13, 1 << 12, 1 << 11, 1 << 10,
                                        1 << 9, 1 << 8, 128, 64, 32, 16, 8, 4, 2, 1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    int w = in[i / 4] << 8 | in[i / 4 + 1];
    __mmask16 set = _mm512_test_epi32_mask(_mm512_set1_epi32(w), sel);
    _mm512_storeu_ps((float *)(out + i), _mm512_mask_blend_ps(set, pos, neg));
  }
  phy_mod_map_packed_ref(PHY_MOD_QPSK, lut, in, i, n - i, out + i);
}

/* BPSK / pi/2-BPSK: the b = 0 points of symbols i..i+7 (i even) as 64-bit pairs, so the
 * pi/2 rotation of odd symbols is in the constant. */
ALWAYS_INLINE __m512d bpsk_pos(phy_mod_t mod, const cf_t *lut)
{
  double p0, p1;
  memcpy(&p0, &lut[0], 8);
  memcpy(&p1, &lut[mod == PHY_MOD_BPSK ? 0 : 2], 8);
  return _mm512_setr_pd(p0, p1, p0, p1, p0, p1, p0, p1);
}

ALWAYS_INLINE void store_pm(cf_t *out, __mmask8 set, __m512d pos)
{
  __m512d neg = _mm512_castps_pd(_mm512_sub_ps(_mm512_setzero_ps(), _mm512_castpd_ps(pos)));
  _mm512_storeu_pd((double *)out, _mm512_mask_blend_pd(set, pos, neg));
}

ALWAYS_INLINE void map_bits_bpsk_any(phy_mod_t mod, const cf_t *lut, const uint8_t *in, size_t n,
                                     cf_t *out)
{
  const __m512d pos = bpsk_pos(mod, lut);
  const __m512i one = _mm512_set1_epi64(1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512i b = _mm512_cvtepu8_epi64(_mm_loadl_epi64((const __m128i *)(in + i)));
    store_pm(out + i, _mm512_test_epi64_mask(b, one), pos);
  }
  phy_mod_map_bits_ref(mod, lut, in + i, n - i, out + i);
}

ALWAYS_INLINE void map_packed_bpsk_any(phy_mod_t mod, const cf_t *lut, const uint8_t *in, size_t n,
                                       cf_t *out)
{
  const __m512d pos = bpsk_pos(mod, lut);
  const __m512i sel = _mm512_setr_epi64(128, 64, 32, 16, 8, 4, 2, 1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    store_pm(out + i, _mm512_test_epi64_mask(_mm512_set1_epi64(in[i / 8]), sel), pos);
  }
  phy_mod_map_packed_ref(mod, lut, in, i, n - i, out + i);
}

#define BPSK_MAP(name, MOD)                                                                        \
  static void map_bits_##name(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)             \
  {                                                                                                \
    map_bits_bpsk_any(MOD, lut, in, n, out);                                                       \
  }                                                                                                \
  static void map_packed_##name(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)           \
  {                                                                                                \
    map_packed_bpsk_any(MOD, lut, in, n, out);                                                     \
  }

BPSK_MAP(bpsk, PHY_MOD_BPSK)
BPSK_MAP(pi2bpsk, PHY_MOD_PI2_BPSK)

/* QAM from one bit per byte, 8 symbols per step: a masked load of the 8 Qm bytes (never
 * past the block), a dword permute giving each 128-bit lane two symbols from its byte 0, then
 * the same in-lane gather and multiply as the AVX2 kernel (modulation_avx2.c) to form the
 * PAM index of each output float, and one 16-entry permute for the level. */
ALWAYS_INLINE void map_bits_qam(phy_mod_t mod, unsigned m, const cf_t *lut, const uint8_t *in,
                                size_t n, cf_t *out)
{
  const unsigned qm = 2 * m, lane_dw = qm / 2; /* dwords per two symbols */
  float tab[16] = {0};
  phy_mod_pam_table(lut, m, tab);
  const __m512 levels = _mm512_loadu_ps(tab);
  int32_t dw[16];
  int8_t c[64];
  for (unsigned l = 0; l < 4; l++) {
    for (unsigned e = 0; e < 4; e++) {
      dw[4 * l + e] = (int32_t)(l * lane_dw + (e < lane_dw ? e : 0));
    }
    for (unsigned d = 0; d < 4; d++) { /* dword d: symbol d / 2 of the lane, axis d % 2 */
      for (unsigned j = 0; j < 4; j++) {
        c[16 * l + 4 * d + j] = j < m ? (int8_t)((d / 2) * qm + 2 * j + d % 2) : -1;
      }
    }
  }
  const __m512i spread = _mm512_loadu_si512(dw), ctl = _mm512_loadu_si512(c);
  const __m512i ones = _mm512_set1_epi32(0x01010101), mul = _mm512_set1_epi32(0x08040201);
  const __mmask64 bytes = qm == 8 ? ~0ull : (1ull << (8 * qm)) - 1;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512i v = _mm512_maskz_loadu_epi8(bytes, in + i * qm);
    v = _mm512_shuffle_epi8(_mm512_permutexvar_epi32(spread, v), ctl);
    v = _mm512_and_si512(v, ones);
    __m512i idx = _mm512_srli_epi32(_mm512_mullo_epi32(v, mul), 28 - m);
    _mm512_storeu_ps((float *)(out + i), _mm512_permutexvar_ps(idx, levels));
  }
  phy_mod_map_bits_ref(mod, lut, in + i * qm, n - i, out + i);
}

PHY_MOD_MAP_QAM_ENTRIES()

/* ---- demapper ---- */

/* One fold level on 16 axis coordinates (modulation_internal.h). */
ALWAYS_INLINE __m512 fold_llr(__m512 *t, float half, __m512 c)
{
  const __m512 sign = _mm512_set1_ps(-0.0f);
  __m512 a = _mm512_andnot_ps(sign, *t);
  __m512 k = _mm512_min_ps(_mm512_mul_ps(a, _mm512_set1_ps(0.5f)), _mm512_set1_ps(half - 1.0f));
  k = _mm512_roundscale_ps(k, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m512 f = _mm512_mul_ps(_mm512_add_ps(k, _mm512_set1_ps(1.0f)), _mm512_sub_ps(a, k));
  __m512 l = _mm512_mul_ps(_mm512_or_ps(f, _mm512_and_ps(*t, sign)), c);
  *t = _mm512_sub_ps(_mm512_set1_ps(half), a);
  return l;
}

/* Pair shuffles from depth order (L[j] = pairs of symbols 0..7) to symbol order. For 64QAM
 * output lane e of vector r is pair P = 8r + e, i.e. symbol P / 3, depth P % 3; built once
 * per call. */
typedef struct pair_idx {
  __m512i lo, hi, lo2, hi2;  /* 2- and 4-way interleaves */
  __m512i idx01[3], idx2[3]; /* 3-way: L0/L1 source, then L2 source */
  __mmask8 m2[3];
} pair_idx_t;

ALWAYS_INLINE void pair_idx_init(pair_idx_t *p, unsigned m)
{
  p->lo = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
  p->hi = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
  p->lo2 = _mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11);
  p->hi2 = _mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15);
  if (m != 3) {
    return;
  }
  for (unsigned r = 0; r < 3; r++) {
    int64_t a[8], b[8];
    unsigned mask = 0;
    for (unsigned e = 0; e < 8; e++) {
      unsigned pp = 8 * r + e, i = pp / 3, j = pp % 3;
      a[e] = j == 1 ? 8 + i : i;
      b[e] = i;
      mask |= (j == 2) << e;
    }
    p->idx01[r] = _mm512_loadu_si512(a);
    p->idx2[r] = _mm512_loadu_si512(b);
    p->m2[r] = (__mmask8)mask;
  }
}

#define PD(x) _mm512_castps_pd(x)

ALWAYS_INLINE void store_pairs(const pair_idx_t *p, const __m512 *L, unsigned m, float *o)
{
  double *d = (double *)o;
  if (m == 1) {
    _mm512_storeu_ps(o, L[0]);
  } else if (m == 2) {
    _mm512_storeu_pd(d, _mm512_permutex2var_pd(PD(L[0]), p->lo, PD(L[1])));
    _mm512_storeu_pd(d + 8, _mm512_permutex2var_pd(PD(L[0]), p->hi, PD(L[1])));
  } else if (m == 3) {
    for (unsigned r = 0; r < 3; r++) {
      __m512d t = _mm512_permutex2var_pd(PD(L[0]), p->idx01[r], PD(L[1]));
      t = _mm512_mask_permutexvar_pd(t, p->m2[r], p->idx2[r], PD(L[2]));
      _mm512_storeu_pd(d + 8 * r, t);
    }
  } else {
    __m512d a0 = _mm512_permutex2var_pd(PD(L[0]), p->lo, PD(L[1]));
    __m512d a1 = _mm512_permutex2var_pd(PD(L[0]), p->hi, PD(L[1]));
    __m512d b0 = _mm512_permutex2var_pd(PD(L[2]), p->lo, PD(L[3]));
    __m512d b1 = _mm512_permutex2var_pd(PD(L[2]), p->hi, PD(L[3]));
    _mm512_storeu_pd(d, _mm512_permutex2var_pd(a0, p->lo2, b0));
    _mm512_storeu_pd(d + 8, _mm512_permutex2var_pd(a0, p->hi2, b0));
    _mm512_storeu_pd(d + 16, _mm512_permutex2var_pd(a1, p->lo2, b1));
    _mm512_storeu_pd(d + 24, _mm512_permutex2var_pd(a1, p->hi2, b1));
  }
}

/* c of symbols i..i+7, duplicated over their re/im lanes. */
ALWAYS_INLINE __m512 scale_nv8(const float *nv, float k4)
{
  __m256 n = _mm256_max_ps(_mm256_loadu_ps(nv), _mm256_set1_ps(PHY_DEMOD_NOISE_VAR_MIN));
  __m256 c = _mm256_div_ps(_mm256_set1_ps(k4), n);
  const __m512i dup = _mm512_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
  return _mm512_permutexvar_ps(dup, _mm512_castps256_ps512(c));
}

ALWAYS_INLINE void llr_qam(phy_mod_t mod, unsigned m, const cf_t *y, size_t n, float c,
                           const float *nv, float *llr)
{
  const __m512 inv_a = _mm512_set1_ps(phy_mod_inv_amp[mod]);
  __m512 cv = _mm512_set1_ps(c);
  pair_idx_t p;
  pair_idx_init(&p, m);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    if (nv) {
      cv = scale_nv8(nv + i, phy_mod_k4[mod]);
    }
    __m512 t = _mm512_mul_ps(_mm512_loadu_ps((const float *)(y + i)), inv_a);
    __m512 L[4];
    float half = (float)(1u << (m - 1));
    for (unsigned j = 0; j < m; j++, half *= 0.5f) {
      L[j] = m == 1 ? _mm512_mul_ps(t, cv) : fold_llr(&t, half, cv);
    }
    store_pairs(&p, L, m, llr + i * 2 * m);
  }
  phy_demod_llr_ref(mod, y + i, n - i, i, c, nv ? nv + i : NULL, llr + i * 2 * m);
}

/* BPSK / pi/2-BPSK, 16 symbols per step: t = re + im (odd pi/2 symbols: im - re). */
ALWAYS_INLINE void llr_bpsk_any(phy_mod_t mod, const cf_t *y, size_t n, float c, const float *nv,
                                float *llr)
{
  const __m512 inv_a = _mm512_set1_ps(phy_mod_inv_amp[mod]);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
  const __mmask16 rot = mod == PHY_MOD_PI2_BPSK ? 0xAAAA : 0;
  __m512 cv = _mm512_set1_ps(c);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    if (nv) {
      __m512 nn = _mm512_max_ps(_mm512_loadu_ps(nv + i), _mm512_set1_ps(PHY_DEMOD_NOISE_VAR_MIN));
      cv = _mm512_div_ps(_mm512_set1_ps(phy_mod_k4[mod]), nn);
    }
    __m512 y0 = _mm512_loadu_ps((const float *)(y + i));
    __m512 y1 = _mm512_loadu_ps((const float *)(y + i + 8));
    __m512 re = _mm512_permutex2var_ps(y0, even, y1);
    __m512 im = _mm512_permutex2var_ps(y0, odd, y1);
    __m512 t = _mm512_mask_sub_ps(_mm512_add_ps(re, im), rot, im, re);
    _mm512_storeu_ps(llr + i, _mm512_mul_ps(_mm512_mul_ps(t, inv_a), cv));
  }
  phy_demod_llr_ref(mod, y + i, n - i, i, c, nv ? nv + i : NULL, llr + i);
}

static void f32_to_i8(const float *in, size_t n, float scale, int8_t *out)
{
  const __m512 s = _mm512_set1_ps(scale), lo = _mm512_set1_ps(-127.0f);
  const __m512 hi = _mm512_set1_ps(127.0f);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 x = _mm512_mul_ps(_mm512_loadu_ps(in + i), s);
    x = _mm512_min_ps(_mm512_max_ps(x, lo), hi); /* max(NaN, lo) = lo, as the reference */
    _mm_storeu_si128((__m128i *)(out + i), _mm512_cvtepi32_epi8(_mm512_cvtps_epi32(x)));
  }
  phy_demod_f32_i8_ref(in + i, n - i, scale, out + i);
}

PHY_MOD_LLR_ENTRIES()

const struct phy_mod_kernels phy_mod_kernels_avx512 = {
    .map_bits = PHY_MOD_ROW(map_bits),
    .map_packed = {map_packed_pi2bpsk, map_packed_bpsk, map_packed_qpsk, phy_mod_map_packed_qam16,
                   phy_mod_map_packed_qam64, phy_mod_map_packed_qam256},
    .llr = PHY_MOD_ROW(llr),
    .llr_nv = PHY_MOD_ROW(llr_nv),
    .f32_to_i8 = f32_to_i8,
};
