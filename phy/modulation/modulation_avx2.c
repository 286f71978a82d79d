/* SPDX-License-Identifier: Apache-2.0 */
/* AVX2 kernels: vectorised mapper (TS 38.211 5.1; every order from one bit per byte,
 * BPSK/pi/2-BPSK/QPSK from packed bytes, packed QAM stays on the portable byte tables) and
 * the max-log demapper for every order (the fold form of modulation_internal.h, same float
 * operations as the reference, hence bit-exact). Four symbols (one 256-bit vector of interleaved
 * re/im) per step. */
#include <immintrin.h>

#include <string.h>

#include "modulation_internal.h"

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* ---- mapper ---- */

/* 4 symbols' sign lanes -> +-A: lanes whose tested bit is 0 take pos, others -pos. */
ALWAYS_INLINE __m256 select_pm(__m256i bits_masked, __m256 pos)
{
  __m256 zero_bit = _mm256_castsi256_ps(_mm256_cmpeq_epi32(bits_masked, _mm256_setzero_si256()));
  return _mm256_blendv_ps(_mm256_sub_ps(_mm256_setzero_ps(), pos), pos, zero_bit);
}

static void map_bits_qpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  const __m256 pos = _mm256_set1_ps(crealf(lut[0]));
  const __m256i one = _mm256_set1_epi32(1);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256i b = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(in + 2 * i)));
    _mm256_storeu_ps((float *)(out + i), select_pm(_mm256_and_si256(b, one), pos));
  }
  phy_mod_map_bits_ref(PHY_MOD_QPSK, lut, in + 2 * i, n - i, out + i);
}

static void map_packed_qpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  const __m256 pos = _mm256_set1_ps(crealf(lut[0]));
  const __m256i sel = _mm256_setr_epi32(128, 64, 32, 16, 8, 4, 2, 1);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256i b = _mm256_and_si256(_mm256_set1_epi32(in[i / 4]), sel);
    _mm256_storeu_ps((float *)(out + i), select_pm(b, pos));
  }
  phy_mod_map_packed_ref(PHY_MOD_QPSK, lut, in, i, n - i, out + i);
}

/* BPSK and pi/2-BPSK: one bit drives both lanes of a symbol. `pos` holds the b = 0 points
 * of symbols i..i+3 (i even), so the pi/2 rotation of odd symbols is in the constant. */
ALWAYS_INLINE __m256 bpsk_pos(phy_mod_t mod, const cf_t *lut)
{
  double p0, p1; /* one (re, im) pair each; memcpy keeps the aliasing rules */
  memcpy(&p0, &lut[0], 8);
  memcpy(&p1, &lut[mod == PHY_MOD_BPSK ? 0 : 2], 8);
  return _mm256_castpd_ps(_mm256_setr_pd(p0, p1, p0, p1));
}

ALWAYS_INLINE __m256 select_pm64(__m256i bits_masked, __m256 pos)
{
  __m256 zero_bit = _mm256_castsi256_ps(_mm256_cmpeq_epi64(bits_masked, _mm256_setzero_si256()));
  return _mm256_blendv_ps(_mm256_sub_ps(_mm256_setzero_ps(), pos), pos, zero_bit);
}

ALWAYS_INLINE void map_bits_bpsk_any(phy_mod_t mod, const cf_t *lut, const uint8_t *in, size_t n,
                                     cf_t *out)
{
  const __m256 pos = bpsk_pos(mod, lut);
  const __m256i one = _mm256_set1_epi64x(1);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    int32_t w;
    memcpy(&w, in + i, 4);
    __m256i b = _mm256_and_si256(_mm256_cvtepu8_epi64(_mm_cvtsi32_si128(w)), one);
    _mm256_storeu_ps((float *)(out + i), select_pm64(b, pos));
  }
  phy_mod_map_bits_ref(mod, lut, in + i, n - i, out + i);
}

/* One packed byte gives 8 symbols, MSB first. */
ALWAYS_INLINE void map_packed_bpsk_any(phy_mod_t mod, const cf_t *lut, const uint8_t *in, size_t n,
                                       cf_t *out)
{
  const __m256 pos = bpsk_pos(mod, lut);
  const __m256i sel_hi = _mm256_setr_epi64x(128, 64, 32, 16);
  const __m256i sel_lo = _mm256_setr_epi64x(8, 4, 2, 1);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256i b = _mm256_set1_epi64x(in[i / 8]);
    _mm256_storeu_ps((float *)(out + i), select_pm64(_mm256_and_si256(b, sel_hi), pos));
    _mm256_storeu_ps((float *)(out + i + 4), select_pm64(_mm256_and_si256(b, sel_lo), pos));
  }
  phy_mod_map_packed_ref(mod, lut, in, i, n - i, out + i);
}

static void map_packed_bpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  map_packed_bpsk_any(PHY_MOD_BPSK, lut, in, n, out);
}

static void map_packed_pi2bpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  map_packed_bpsk_any(PHY_MOD_PI2_BPSK, lut, in, n, out);
}

static void map_bits_bpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  map_bits_bpsk_any(PHY_MOD_BPSK, lut, in, n, out);
}

static void map_bits_pi2bpsk(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  map_bits_bpsk_any(PHY_MOD_PI2_BPSK, lut, in, n, out);
}

/* QAM from one bit per byte, 4 symbols per step. The 4 Qm input bytes sit in two 128-bit
 * lanes (symbols 0-1 from byte 0, symbols 2-3 from byte 4 Qm - 16 on, which never reads
 * past the block). One in-lane shuffle gathers, for each output float (symbol, axis), that
 * axis' bits b(axis), b(2 + axis), ... into the bytes of a dword, and a multiply packs them
 * into the PAM index (b(0) as MSB; the bytes are 0/1, so x * 0x08040201 puts
 * 8 c0 + 4 c1 + 2 c2 + c3 in bits 24-27 with no carries, every partial product landing on a
 * distinct bit). The index picks the level from phy_mod_pam_table. */
ALWAYS_INLINE __m256i qam_gather_ctl(unsigned m)
{
  const unsigned qm = 2 * m, off = 16 - 2 * qm;
  int8_t c[32];
  for (unsigned l = 0; l < 2; l++) {
    for (unsigned d = 0; d < 4; d++) { /* dword d: symbol d / 2 of the lane, axis d % 2 */
      for (unsigned j = 0; j < 4; j++) {
        unsigned src = (l ? off : 0) + (d / 2) * qm + 2 * j + d % 2;
        c[16 * l + 4 * d + j] = j < m ? (int8_t)src : -1; /* -1: pshufb writes 0 */
      }
    }
  }
  return _mm256_loadu_si256((const __m256i *)c);
}

ALWAYS_INLINE void map_bits_qam(phy_mod_t mod, unsigned m, const cf_t *lut, const uint8_t *in,
                                size_t n, cf_t *out)
{
  const unsigned qm = 2 * m, hi_at = 4 * qm - 16;
  float tab[16] = {0};
  phy_mod_pam_table(lut, m, tab);
  const __m256 tlo = _mm256_loadu_ps(tab), thi = _mm256_loadu_ps(tab + 8);
  const __m256i ctl = qam_gather_ctl(m), ones = _mm256_set1_epi32(0x01010101);
  const __m256i mul = _mm256_set1_epi32(0x08040201);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint8_t *p = in + i * qm;
    __m256i v = _mm256_setr_m128i(_mm_loadu_si128((const __m128i *)p),
                                  _mm_loadu_si128((const __m128i *)(p + hi_at)));
    v = _mm256_and_si256(_mm256_shuffle_epi8(v, ctl), ones);
    __m256i idx = _mm256_srli_epi32(_mm256_mullo_epi32(v, mul), 28 - m);
    __m256 r = _mm256_permutevar8x32_ps(tlo, idx);
    if (m == 4) { /* 16 levels: index bit 3 (moved to the sign bit) picks the upper half */
      __m256 upper = _mm256_castsi256_ps(_mm256_slli_epi32(idx, 28));
      r = _mm256_blendv_ps(r, _mm256_permutevar8x32_ps(thi, idx), upper);
    }
    _mm256_storeu_ps((float *)(out + i), r);
  }
  phy_mod_map_bits_ref(mod, lut, in + i * qm, n - i, out + i);
}

PHY_MOD_MAP_QAM_ENTRIES()

/* ---- demapper ---- */

/* One fold level on 8 axis coordinates (see modulation_internal.h): returns the LLRs of
 * this depth and moves *t to the next. */
ALWAYS_INLINE __m256 fold_llr(__m256 *t, float half, __m256 c)
{
  const __m256 sign = _mm256_set1_ps(-0.0f);
  __m256 a = _mm256_andnot_ps(sign, *t);
  __m256 k = _mm256_min_ps(_mm256_mul_ps(a, _mm256_set1_ps(0.5f)), _mm256_set1_ps(half - 1.0f));
  k = _mm256_round_ps(k, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m256 f = _mm256_mul_ps(_mm256_add_ps(k, _mm256_set1_ps(1.0f)), _mm256_sub_ps(a, k));
  __m256 l = _mm256_mul_ps(_mm256_or_ps(f, _mm256_and_ps(*t, sign)), c);
  *t = _mm256_sub_ps(_mm256_set1_ps(half), a);
  return l;
}

#define PD(x) _mm256_castps_pd(x)
#define PS(x) _mm256_castpd_ps(x)

/* L[j] holds depth-j LLRs of 4 symbols as (re, im) pairs; write them in symbol order,
 * llr[i Qm + 2j + axis], with 64-bit pair shuffles. */
ALWAYS_INLINE void store_pairs(const __m256 *L, unsigned m, float *o)
{
  if (m == 1) {
    _mm256_storeu_ps(o, L[0]);
    return;
  }
  __m256d t0 = _mm256_unpacklo_pd(PD(L[0]), PD(L[1])); /* L0p0 L1p0 | L0p2 L1p2 */
  __m256d t1 = _mm256_unpackhi_pd(PD(L[0]), PD(L[1])); /* L0p1 L1p1 | L0p3 L1p3 */
  if (m == 2) {
    _mm256_storeu_ps(o, PS(_mm256_permute2f128_pd(t0, t1, 0x20)));
    _mm256_storeu_ps(o + 8, PS(_mm256_permute2f128_pd(t0, t1, 0x31)));
  } else if (m == 3) {
    __m256d u = _mm256_unpacklo_pd(PD(L[2]), t1); /* L2p0 L0p1 | L2p2 L0p3 */
    __m256d w = _mm256_unpackhi_pd(t1, PD(L[2])); /* L1p1 L2p1 | L1p3 L2p3 */
    _mm256_storeu_ps(o, PS(_mm256_permute2f128_pd(t0, u, 0x20)));
    _mm256_storeu_ps(o + 8, PS(_mm256_permute2f128_pd(w, t0, 0x30)));
    _mm256_storeu_ps(o + 16, PS(_mm256_permute2f128_pd(u, w, 0x31)));
  } else {
    __m256d t2 = _mm256_unpacklo_pd(PD(L[2]), PD(L[3]));
    __m256d t3 = _mm256_unpackhi_pd(PD(L[2]), PD(L[3]));
    _mm256_storeu_ps(o, PS(_mm256_permute2f128_pd(t0, t2, 0x20)));
    _mm256_storeu_ps(o + 8, PS(_mm256_permute2f128_pd(t1, t3, 0x20)));
    _mm256_storeu_ps(o + 16, PS(_mm256_permute2f128_pd(t0, t2, 0x31)));
    _mm256_storeu_ps(o + 24, PS(_mm256_permute2f128_pd(t1, t3, 0x31)));
  }
}

/* c of symbols i..i+3, duplicated over their re/im lanes. */
ALWAYS_INLINE __m256 scale_nv4(const float *nv, float k4)
{
  __m128 n = _mm_max_ps(_mm_loadu_ps(nv), _mm_set1_ps(PHY_DEMOD_NOISE_VAR_MIN));
  __m128 c = _mm_div_ps(_mm_set1_ps(k4), n);
  return _mm256_permutevar8x32_ps(_mm256_castps128_ps256(c),
                                  _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3));
}

ALWAYS_INLINE void llr_qam(phy_mod_t mod, unsigned m, const cf_t *y, size_t n, float c,
                           const float *nv, float *llr)
{
  const __m256 inv_a = _mm256_set1_ps(phy_mod_inv_amp[mod]);
  __m256 cv = _mm256_set1_ps(c);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    if (nv) {
      cv = scale_nv4(nv + i, phy_mod_k4[mod]);
    }
    __m256 t = _mm256_mul_ps(_mm256_loadu_ps((const float *)(y + i)), inv_a);
    __m256 L[4];
    float half = (float)(1u << (m - 1));
    for (unsigned j = 0; j < m; j++, half *= 0.5f) {
      L[j] = m == 1 ? _mm256_mul_ps(t, cv) : fold_llr(&t, half, cv);
    }
    store_pairs(L, m, llr + i * 2 * m);
  }
  phy_demod_llr_ref(mod, y + i, n - i, i, c, nv ? nv + i : NULL, llr + i * 2 * m);
}

/* BPSK / pi/2-BPSK, 8 symbols per step: t = re + im (odd pi/2 symbols: im - re). */
ALWAYS_INLINE void llr_bpsk_any(phy_mod_t mod, const cf_t *y, size_t n, float c, const float *nv,
                                float *llr)
{
  const __m256 inv_a = _mm256_set1_ps(phy_mod_inv_amp[mod]);
  const __m256 flip = mod == PHY_MOD_PI2_BPSK
                          ? _mm256_setr_ps(0.0f, 0.0f, -0.0f, 0.0f, 0.0f, 0.0f, -0.0f, 0.0f)
                          : _mm256_setzero_ps();
  __m256 cv = _mm256_set1_ps(c);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    if (nv) {
      __m256 nn = _mm256_max_ps(_mm256_loadu_ps(nv + i), _mm256_set1_ps(PHY_DEMOD_NOISE_VAR_MIN));
      cv = _mm256_div_ps(_mm256_set1_ps(phy_mod_k4[mod]), nn);
    }
    __m256 y0 = _mm256_xor_ps(_mm256_loadu_ps((const float *)(y + i)), flip);
    __m256 y1 = _mm256_xor_ps(_mm256_loadu_ps((const float *)(y + i + 4)), flip);
    __m256 s = PS(_mm256_permute4x64_pd(PD(_mm256_hadd_ps(y0, y1)), 0xD8));
    _mm256_storeu_ps(llr + i, _mm256_mul_ps(_mm256_mul_ps(s, inv_a), cv));
  }
  phy_demod_llr_ref(mod, y + i, n - i, i, c, nv ? nv + i : NULL, llr + i);
}

static void f32_to_i8(const float *in, size_t n, float scale, int8_t *out)
{
  const __m256 s = _mm256_set1_ps(scale), lo = _mm256_set1_ps(-127.0f);
  const __m256 hi = _mm256_set1_ps(127.0f);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i v[4];
    for (unsigned k = 0; k < 4; k++) {
      __m256 x = _mm256_mul_ps(_mm256_loadu_ps(in + i + 8 * k), s);
      x = _mm256_min_ps(_mm256_max_ps(x, lo), hi); /* max(NaN, lo) = lo, as the reference */
      v[k] = _mm256_cvtps_epi32(x);
    }
    __m256i b = _mm256_packs_epi16(_mm256_packs_epi32(v[0], v[1]), _mm256_packs_epi32(v[2], v[3]));
    b = _mm256_permutevar8x32_epi32(b, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)(out + i), b);
  }
  phy_demod_f32_i8_ref(in + i, n - i, scale, out + i);
}

PHY_MOD_LLR_ENTRIES()

const struct phy_mod_kernels phy_mod_kernels_avx2 = {
    .map_bits = PHY_MOD_ROW(map_bits),
    .map_packed = {map_packed_pi2bpsk, map_packed_bpsk, map_packed_qpsk, phy_mod_map_packed_qam16,
                   phy_mod_map_packed_qam64, phy_mod_map_packed_qam256},
    .llr = PHY_MOD_ROW(llr),
    .llr_nv = PHY_MOD_ROW(llr_nv),
    .f32_to_i8 = f32_to_i8,
};
