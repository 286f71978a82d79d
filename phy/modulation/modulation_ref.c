/* SPDX-License-Identifier: Apache-2.0 */
/* Portable reference kernels: table mapper (TS 38.211 5.1) and max-log demapper (the
 * per-axis form derived in modulation_internal.h). Every SIMD variant is tested against
 * these. */
#include "modulation_internal.h"

#include <string.h>

static const unsigned ref_qm[PHY_MOD_COUNT] = {1, 1, 2, 4, 6, 8};

/* Qm one-bit-per-byte values -> table index, b(0) as MSB. */
static unsigned group_from_bits(const uint8_t *b, unsigned qm)
{
  unsigned g = 0;
  for (unsigned k = 0; k < qm; k++) {
    g = (g << 1) | (b[k] & 1u);
  }
  return g;
}

/* Qm bits starting at bit offset o of a packed big-endian buffer; reads the second byte
 * only when the group straddles it, so nothing past ceil(nbits / 8) is touched. */
static unsigned group_from_packed(const uint8_t *bytes, size_t o, unsigned qm)
{
  unsigned sh = (unsigned)(o & 7);
  unsigned w = (unsigned)bytes[o >> 3] << 8;
  if (sh + qm > 8) {
    w |= bytes[(o >> 3) + 1];
  }
  return (w >> (16 - sh - qm)) & ((1u << qm) - 1u);
}

void phy_mod_map_bits_ref(phy_mod_t mod, const cf_t *lut, const uint8_t *bits, size_t nsym,
                          cf_t *out)
{
  unsigned qm = ref_qm[mod];
  for (size_t i = 0; i < nsym; i++) {
    unsigned g = group_from_bits(bits + i * qm, qm);
    /* 5.1.1: the pi/2-BPSK table also carries the (i mod 2) rotation. */
    out[i] = lut[mod == PHY_MOD_PI2_BPSK ? ((unsigned)(i & 1) << 1) | g : g];
  }
}

void phy_mod_map_packed_ref(phy_mod_t mod, const cf_t *lut, const uint8_t *bytes, size_t first_sym,
                            size_t nsym, cf_t *out)
{
  unsigned qm = ref_qm[mod];
  for (size_t i = 0; i < nsym; i++) {
    size_t s = first_sym + i;
    unsigned g = group_from_packed(bytes, s * qm, qm);
    out[i] = lut[mod == PHY_MOD_PI2_BPSK ? ((unsigned)(s & 1) << 1) | g : g];
  }
}

/* One symbol's LLRs. BPSK carries b(0) on both axes (5.1.2), so its metric is
 * 4 Re(y conj(s0)) / N0 = c (re + im) / A; pi/2-BPSK odd symbols are first rotated back by
 * -j (5.1.1), giving c (im - re) / A. */
static void llr_symbol(phy_mod_t mod, cf_t y, size_t s, float c, float *llr)
{
  float inv_a = phy_mod_inv_amp[mod];
  float re = crealf(y), im = cimagf(y);
  if (mod == PHY_MOD_BPSK || mod == PHY_MOD_PI2_BPSK) {
    float t = (mod == PHY_MOD_PI2_BPSK && (s & 1)) ? im - re : re + im;
    llr[0] = (t * inv_a) * c;
    return;
  }
  unsigned m = ref_qm[mod] / 2;
  phy_demod_axis(re * inv_a, m, c, llr);
  phy_demod_axis(im * inv_a, m, c, llr + 1);
}

void phy_demod_llr_ref(phy_mod_t mod, const cf_t *y, size_t nsym, size_t first_sym, float c,
                       const float *nv, float *llr)
{
  unsigned qm = ref_qm[mod];
  for (size_t i = 0; i < nsym; i++) {
    float ci = nv ? phy_demod_scale(phy_mod_k4[mod], nv[i]) : c;
    llr_symbol(mod, y[i], first_sym + i, ci, llr + i * qm);
  }
}

void phy_demod_f32_i8_ref(const float *in, size_t n, float scale, int8_t *out)
{
  for (size_t i = 0; i < n; i++) {
    out[i] = phy_demod_to_i8(in[i], scale);
  }
}

/* Fast portable QAM mappers (all ISAs use them). One-bit-per-byte groups are gathered
 * with a multiply: for bytes b_k in {0,1} at byte k of x, x * 0x8040201008040201 puts
 * sum_k b_k 2^(7-k) in the top byte (every partial product lands on a distinct bit, so
 * nothing carries), i.e. b(0) as MSB. Needs a little-endian load. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* 4, 6 or 8 bytes into the low bytes of *x as fixed-size loads (a 6-byte memcpy becomes a
 * library call). */
static inline void load_le(uint64_t *x, const uint8_t *p, unsigned n)
{
  if (n == 8) {
    memcpy(x, p, 8);
    return;
  }
  uint32_t lo = 0;
  uint16_t hi = 0;
  memcpy(&lo, p, 4);
  if (n == 6) {
    memcpy(&hi, p + 4, 2);
  }
  *x = (uint64_t)hi << 32 | lo;
}

#define GATHER_BITS(QM, MOD)                                                                       \
  do {                                                                                             \
    for (size_t i = 0; i < n; i++) {                                                               \
      uint64_t x = 0;                                                                              \
      load_le(&x, in + i * (QM), (QM));                                                            \
      x &= 0x0101010101010101ull;                                                                  \
      out[i] = lut[(x * 0x8040201008040201ull) >> (64 - (QM))];                                    \
    }                                                                                              \
  } while (0)
#else
#define GATHER_BITS(QM, MOD) phy_mod_map_bits_ref(MOD, lut, in, n, out)
#endif

void phy_mod_map_bits_qam16(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  GATHER_BITS(4, PHY_MOD_QAM16);
}

void phy_mod_map_bits_qam64(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  GATHER_BITS(6, PHY_MOD_QAM64);
}

void phy_mod_map_bits_qam256(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  GATHER_BITS(8, PHY_MOD_QAM256);
}

/* Packed: 16QAM takes a nibble, 256QAM a byte, 64QAM four groups from three bytes. */
void phy_mod_map_packed_qam16(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    out[i] = lut[in[i / 2] >> 4];
    out[i + 1] = lut[in[i / 2] & 15];
  }
  phy_mod_map_packed_ref(PHY_MOD_QAM16, lut, in, i, n - i, out + i);
}

void phy_mod_map_packed_qam64(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint8_t *b = in + i / 4 * 3;
    uint32_t w = (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
    out[i] = lut[w >> 18];
    out[i + 1] = lut[(w >> 12) & 63];
    out[i + 2] = lut[(w >> 6) & 63];
    out[i + 3] = lut[w & 63];
  }
  phy_mod_map_packed_ref(PHY_MOD_QAM64, lut, in, i, n - i, out + i);
}

void phy_mod_map_packed_qam256(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)
{
  for (size_t i = 0; i < n; i++) {
    out[i] = lut[in[i]];
  }
}

/* Per-order entry points for the kernel table. */
#define REF_MAP(name, MOD)                                                                         \
  static void map_bits_##name(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)             \
  {                                                                                                \
    phy_mod_map_bits_ref(MOD, lut, in, n, out);                                                    \
  }                                                                                                \
  static void map_packed_##name(const cf_t *lut, const uint8_t *in, size_t n, cf_t *out)           \
  {                                                                                                \
    phy_mod_map_packed_ref(MOD, lut, in, 0, n, out);                                               \
  }

#define REF_LLR(name, MOD)                                                                         \
  static void llr_##name(const cf_t *y, size_t n, float c, float *llr)                             \
  {                                                                                                \
    phy_demod_llr_ref(MOD, y, n, 0, c, NULL, llr);                                                 \
  }                                                                                                \
  static void llr_nv_##name(const cf_t *y, size_t n, const float *nv, float *llr)                  \
  {                                                                                                \
    phy_demod_llr_ref(MOD, y, n, 0, 0.0f, nv, llr);                                                \
  }

REF_MAP(pi2bpsk, PHY_MOD_PI2_BPSK)
REF_MAP(bpsk, PHY_MOD_BPSK)
REF_MAP(qpsk, PHY_MOD_QPSK)
REF_LLR(pi2bpsk, PHY_MOD_PI2_BPSK)
REF_LLR(bpsk, PHY_MOD_BPSK)
REF_LLR(qpsk, PHY_MOD_QPSK)
REF_LLR(qam16, PHY_MOD_QAM16)
REF_LLR(qam64, PHY_MOD_QAM64)
REF_LLR(qam256, PHY_MOD_QAM256)

#define REF_ROW(f)                                                                                 \
  {                                                                                                \
    f##_pi2bpsk, f##_bpsk, f##_qpsk, f##_qam16, f##_qam64, f##_qam256                              \
  }

const struct phy_mod_kernels phy_mod_kernels_generic = {
    .map_bits = {map_bits_pi2bpsk, map_bits_bpsk, map_bits_qpsk, phy_mod_map_bits_qam16,
                 phy_mod_map_bits_qam64, phy_mod_map_bits_qam256},
    .map_packed = {map_packed_pi2bpsk, map_packed_bpsk, map_packed_qpsk, phy_mod_map_packed_qam16,
                   phy_mod_map_packed_qam64, phy_mod_map_packed_qam256},
    .llr = REF_ROW(llr),
    .llr_nv = REF_ROW(llr_nv),
    .f32_to_i8 = phy_demod_f32_i8_ref,
};
