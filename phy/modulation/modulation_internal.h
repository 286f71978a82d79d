/* SPDX-License-Identifier: Apache-2.0 */
/* Kernel table and shared scalar helpers of the modulation module (TS 38.211 5.1).
 *
 * Demapper arithmetic. Each QAM axis is a Gray PAM of M = 2^m odd levels +-1..+-(M-1)
 * (grid units, point = A * level, A = 1/sqrt(norm)). Writing the 5.1 formula as
 * level = s0 (M/2 - s2 (M/4 - ...)), the axis coordinate x = u / A folds as
 * t_0 = x, t_{j+1} = M_j / 2 - |t_j| (M_j = M / 2^j levels), and the bit of depth j is the
 * sign bit of an M_j-level PAM evaluated at t_j (the sets of the other bits are symmetric,
 * so their nearest points have the sign of t_j and distances are kept by the fold). The
 * sign-bit max-log metric of an M-level PAM is odd in t and for t >= 0 exactly
 *   (t + 1)^2 - (t - p0)^2 = 4 (k + 1) (t - k),  k = min(floor(t / 2), M/2 - 1),
 * with -1 and p0 = 2k + 1 the nearest negative and positive levels. So
 * LLR_j = c sign(t_j) (k + 1)(|t_j| - k) with c = 4 A^2 / N0. Every variant evaluates exactly this
 * sequence of float operations, which is why they agree bit for bit. */
#ifndef OLIVE_PHY_MODULATION_INTERNAL_H
#define OLIVE_PHY_MODULATION_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/phy/modulation.h"

/* Symbols per int8 pass (float LLRs go through a stack buffer); even, so pi/2-BPSK keeps
 * its index parity across passes. */
#define PHY_DEMOD_CHUNK 256

/* Symbol tables: 2^Qm entries, pi/2-BPSK 4 ((i mod 2) * 2 + b). */
#define PHY_MOD_LUT_TOTAL (4 + 2 + 4 + 16 + 64 + 256)

typedef void (*phy_map_fn)(const cf_t *lut, const uint8_t *in, size_t nsym, cf_t *out);
typedef void (*phy_llr_fn)(const cf_t *y, size_t nsym, float c, float *llr);
typedef void (*phy_llr_nv_fn)(const cf_t *y, size_t nsym, const float *nv, float *llr);
typedef void (*phy_f32_i8_fn)(const float *in, size_t n, float scale, int8_t *out);

struct phy_mod_kernels {
  phy_map_fn map_bits[PHY_MOD_COUNT];
  phy_map_fn map_packed[PHY_MOD_COUNT];
  phy_llr_fn llr[PHY_MOD_COUNT];       /* c = 4 A^2 / N0 for the whole block */
  phy_llr_nv_fn llr_nv[PHY_MOD_COUNT]; /* c_i = 4 A^2 / max(N0_i, MIN) per symbol */
  phy_f32_i8_fn f32_to_i8;
};

extern const struct phy_mod_kernels phy_mod_kernels_generic;
#ifdef OLIVE_HAVE_X86_SIMD
extern const struct phy_mod_kernels phy_mod_kernels_avx2;
extern const struct phy_mod_kernels phy_mod_kernels_avx512;
#endif

/* TS 38.211 5.1.2-5.1.6: 1/A^2 = 2, 2, 2, 10, 42, 170. sqrt(norm) = 1/A and 4/norm = 4 A^2
 * as float constants, indexed by phy_mod_t. */
static const float phy_mod_inv_amp[PHY_MOD_COUNT] = {
    1.41421356237309504880f, 1.41421356237309504880f, 1.41421356237309504880f,
    3.16227766016837933200f, 6.48074069840786023097f, 13.0384048104052974291f};
static const float phy_mod_k4[PHY_MOD_COUNT] = {4.0f / 2.0f,  4.0f / 2.0f,  4.0f / 2.0f,
                                                4.0f / 10.0f, 4.0f / 42.0f, 4.0f / 170.0f};

/* Per-symbol scale c_i; NaN and tiny values become the floor (same as _mm*_max_ps(nv, MIN),
 * which returns the second operand on NaN). */
static inline float phy_demod_scale(float k4, float nv)
{
  float n = nv > PHY_DEMOD_NOISE_VAR_MIN ? nv : PHY_DEMOD_NOISE_VAR_MIN;
  return k4 / n;
}

/* Max-log LLRs of the m bits of one axis coordinate x (grid units), written to out[0],
 * out[2], ..., out[2(m-1)] (the bits of one axis interleave with the other axis'). */
static inline void phy_demod_axis(float x, unsigned m, float c, float *out)
{
  float t = x;
  float half = (float)(1u << (m - 1));
  for (unsigned j = 0; j < m; j++) {
    float a = fabsf(t);
    float h = a * 0.5f;
    float kmax = half - 1.0f;
    /* min before truncation equals min(floor(h), kmax) as kmax is an integer, and keeps
     * the int conversion defined (NaN -> kmax) */
    float k = h < kmax ? h : kmax;
    k = (float)(int32_t)k;
    float f = (k + 1.0f) * (a - k);
    out[2 * j] = copysignf(f, t) * c;
    t = half - a;
    half *= 0.5f;
  }
}

/* The 2^m levels of one QAM axis (m = Qm / 2) indexed by that axis' bits b(0), b(2), ...
 * (b(0) as MSB), copied from the symbol table so SIMD mappers give identical values. Both
 * axes share them: 5.1.4-5.1.6 apply the same nested form to the even and the odd bits. */
static inline void phy_mod_pam_table(const cf_t *lut, unsigned m, float *tab)
{
  for (unsigned g = 0; g < (1u << m); g++) {
    unsigned grp = 0;
    for (unsigned j = 0; j < m; j++) {
      grp |= ((g >> (m - 1 - j)) & 1u) << (2 * m - 1 - 2 * j);
    }
    tab[g] = crealf(lut[grp]);
  }
}

/* clamp(rint(v * scale), -127, 127), NaN -> -127. */
static inline int8_t phy_demod_to_i8(float v, float scale)
{
  float s = v * scale;
  s = s > -127.0f ? s : -127.0f;
  s = s < 127.0f ? s : 127.0f;
  /* rint without a libm call: |s| <= 127, so s + 1.5 * 2^23 lies where the float spacing is
   * 1 and the addition rounds to nearest, ties to even, exactly like cvtps2dq. */
  const float magic = 12582912.0f;
  return (int8_t)(int32_t)((s + magic) - magic);
}

/* Scalar kernels the SIMD variants use for their tails. */
void phy_mod_map_bits_ref(phy_mod_t mod, const cf_t *lut, const uint8_t *bits, size_t nsym,
                          cf_t *out);
void phy_mod_map_packed_ref(phy_mod_t mod, const cf_t *lut, const uint8_t *bytes, size_t first_sym,
                            size_t nsym, cf_t *out);
void phy_demod_llr_ref(phy_mod_t mod, const cf_t *y, size_t nsym, size_t first_sym, float c,
                       const float *nv, float *llr);
void phy_demod_f32_i8_ref(const float *in, size_t n, float scale, int8_t *out);

/* Portable table mappers every variant uses for the QAM orders. */
void phy_mod_map_bits_qam16(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);
void phy_mod_map_bits_qam64(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);
void phy_mod_map_bits_qam256(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);
void phy_mod_map_packed_qam16(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);
void phy_mod_map_packed_qam64(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);
void phy_mod_map_packed_qam256(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out);

/* The per-order LLR entry points every SIMD variant file defines the same way, from its
 * own static llr_qam(mod, m, y, n, c, nv, llr) and llr_bpsk_any(mod, y, n, c, nv, llr):
 * llr_<order> (one noise variance, c = its inverse scale) and llr_nv_<order> (per symbol). */
#define PHY_MOD_QAM_ENTRY(name, MOD, M)                                                            \
  static void llr_##name(const cf_t *y, size_t n, float c, float *llr)                             \
  {                                                                                                \
    llr_qam(MOD, M, y, n, c, NULL, llr);                                                           \
  }                                                                                                \
  static void llr_nv_##name(const cf_t *y, size_t n, const float *nv, float *llr)                  \
  {                                                                                                \
    llr_qam(MOD, M, y, n, 0.0f, nv, llr);                                                          \
  }
#define PHY_MOD_BPSK_ENTRY(name, MOD)                                                              \
  static void llr_##name(const cf_t *y, size_t n, float c, float *llr)                             \
  {                                                                                                \
    llr_bpsk_any(MOD, y, n, c, NULL, llr);                                                         \
  }                                                                                                \
  static void llr_nv_##name(const cf_t *y, size_t n, const float *nv, float *llr)                  \
  {                                                                                                \
    llr_bpsk_any(MOD, y, n, 0.0f, nv, llr);                                                        \
  }
#define PHY_MOD_LLR_ENTRIES()                                                                      \
  PHY_MOD_QAM_ENTRY(qpsk, PHY_MOD_QPSK, 1)                                                         \
  PHY_MOD_QAM_ENTRY(qam16, PHY_MOD_QAM16, 2)                                                       \
  PHY_MOD_QAM_ENTRY(qam64, PHY_MOD_QAM64, 3)                                                       \
  PHY_MOD_QAM_ENTRY(qam256, PHY_MOD_QAM256, 4)                                                     \
  PHY_MOD_BPSK_ENTRY(pi2bpsk, PHY_MOD_PI2_BPSK)                                                    \
  PHY_MOD_BPSK_ENTRY(bpsk, PHY_MOD_BPSK)

/* The 16/64/256QAM mapper entry points of a SIMD variant file, from its own static
 * map_bits_qam(mod, m, lut, in, n, out) (m = bits per axis). */
#define PHY_MOD_MAP_QAM_ENTRY(name, MOD, M)                                                        \
  static void map_bits_##name(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)             \
  {                                                                                                \
    map_bits_qam(MOD, M, lut, in, n, out);                                                         \
  }
#define PHY_MOD_MAP_QAM_ENTRIES()                                                                  \
  PHY_MOD_MAP_QAM_ENTRY(qam16, PHY_MOD_QAM16, 2)                                                   \
  PHY_MOD_MAP_QAM_ENTRY(qam64, PHY_MOD_QAM64, 3)                                                   \
  PHY_MOD_MAP_QAM_ENTRY(qam256, PHY_MOD_QAM256, 4)

/* A kernel-table row of the six per-order functions f_<order>, in phy_mod_t order. */
#define PHY_MOD_ROW(f)                                                                             \
  {                                                                                                \
    f##_pi2bpsk, f##_bpsk, f##_qpsk, f##_qam16, f##_qam64, f##_qam256                              \
  }

#endif
