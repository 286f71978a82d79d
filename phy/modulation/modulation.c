/* SPDX-License-Identifier: Apache-2.0 */
/* Modulation object: constellation formulas of TS 38.211 5.1, tables, kernel choice and
 * argument checking. The kernels live in modulation_ref.c and the SIMD files. */
#include "modulation_internal.h"

#include <math.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"

static const char *const mod_names[PHY_MOD_COUNT] = {"PI2BPSK", "BPSK",  "QPSK",
                                                     "QAM16",   "QAM64", "QAM256"};
static const unsigned mod_qm[PHY_MOD_COUNT] = {1, 1, 2, 4, 6, 8};
/* TS 38.211 5.1.2-5.1.6: the 1/sqrt(norm) factor of each constellation. */
static const double mod_norm[PHY_MOD_COUNT] = {2.0, 2.0, 2.0, 10.0, 42.0, 170.0};
static const unsigned lut_size[PHY_MOD_COUNT] = {4, 2, 4, 16, 64, 256};

const char *phy_mod_name(phy_mod_t mod)
{
  return (unsigned)mod < PHY_MOD_COUNT ? mod_names[mod] : "?";
}

unsigned phy_mod_bits(phy_mod_t mod)
{
  return (unsigned)mod < PHY_MOD_COUNT ? mod_qm[mod] : 0;
}

/* s = 1 - 2 b(k) of bit k of a Qm-bit group written MSB first. */
static double bit_sign(unsigned group, unsigned qm, unsigned k)
{
  return 1.0 - 2.0 * (double)((group >> (qm - 1 - k)) & 1u);
}

/* One axis of 5.1.4-5.1.6: s_a0 (2^{m-1} - s_a1 (2^{m-2} - ... (2 - s_a{m-1}))) where
 * a_j = 2j + axis are the bits of this axis. */
static double pam_level(unsigned group, unsigned qm, unsigned axis)
{
  unsigned m = qm / 2;
  double v = bit_sign(group, qm, 2 * (m - 1) + axis);
  for (unsigned j = m - 1; j-- > 0;) {
    v = bit_sign(group, qm, 2 * j + axis) * ((double)(1u << (m - 1 - j)) - v);
  }
  return v;
}

cf_t phy_mod_point(phy_mod_t mod, unsigned group, size_t index)
{
  if ((unsigned)mod >= PHY_MOD_COUNT || group >> mod_qm[mod]) {
    return 0;
  }
  double a = 1.0 / sqrt(mod_norm[mod]);
  if (mod == PHY_MOD_BPSK || mod == PHY_MOD_PI2_BPSK) {
    double s = bit_sign(group, 1, 0);
    /* 5.1.1: e^{j pi/2 (i mod 2)} rotates odd symbols by j: j (s + j s) = -s + j s. */
    double re = (mod == PHY_MOD_PI2_BPSK && (index & 1)) ? -s : s;
    return (float)(re * a) + (float)(s * a) * I;
  }
  unsigned qm = mod_qm[mod];
  return (float)(pam_level(group, qm, 0) * a) + (float)(pam_level(group, qm, 1) * a) * I;
}

static const struct phy_mod_kernels *kernels_for(olive_isa_t isa)
{
#ifdef OLIVE_HAVE_X86_SIMD
  if (isa == OLIVE_ISA_AVX512) {
    return &phy_mod_kernels_avx512;
  }
  if (isa == OLIVE_ISA_AVX2) {
    return &phy_mod_kernels_avx2;
  }
#endif
  return isa == OLIVE_ISA_GENERIC ? &phy_mod_kernels_generic : NULL;
}

int phy_modulation_init(phy_modulation_t *q, const phy_modulation_args_t *args)
{
  if (!q) {
    return OLIVE_EINVAL;
  }
  *q = (phy_modulation_t){0};
  olive_isa_t isa = olive_isa_resolve(args ? args->isa : OLIVE_ISA_AUTO);
  if ((unsigned)isa >= OLIVE_ISA_COUNT || !olive_cpu_supports(isa) || !kernels_for(isa)) {
    return OLIVE_EINVAL;
  }
  q->lut_mem = olive_mem_calloc(PHY_MOD_LUT_TOTAL, sizeof(cf_t));
  if (!q->lut_mem) {
    return OLIVE_ENOMEM;
  }
  cf_t *p = q->lut_mem;
  for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
    q->lut[m] = p;
    for (unsigned g = 0; g < lut_size[m]; g++) {
      /* pi/2-BPSK entry (i mod 2) * 2 + b; the others are indexed by the bit group. */
      p[g] = m == PHY_MOD_PI2_BPSK ? phy_mod_point(PHY_MOD_PI2_BPSK, g & 1, g >> 1)
                                   : phy_mod_point((phy_mod_t)m, g, 0);
    }
    p += lut_size[m];
  }
  q->k = kernels_for(isa);
  q->isa = isa;
  return OLIVE_OK;
}

void phy_modulation_free(phy_modulation_t *q)
{
  if (!q) {
    return;
  }
  olive_mem_free(q->lut_mem);
  *q = (phy_modulation_t){0};
}

static int check_map(const phy_modulation_t *q, phy_mod_t mod, const void *in, size_t nbits,
                     const cf_t *out)
{
  if (!q || !q->k || (unsigned)mod >= PHY_MOD_COUNT || nbits % mod_qm[mod] != 0 ||
      nbits / mod_qm[mod] > INT32_MAX) {
    return OLIVE_EINVAL;
  }
  if (nbits && (!in || !out)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_modulation_map_bits(const phy_modulation_t *q, phy_mod_t mod, const uint8_t *bits,
                            size_t nbits, cf_t *symbols)
{
  int err = check_map(q, mod, bits, nbits, symbols);
  if (err) {
    return err;
  }
  size_t nsym = nbits / mod_qm[mod];
  if (nsym) {
    q->k->map_bits[mod](q->lut[mod], bits, nsym, symbols);
  }
  return (int)nsym;
}

int phy_modulation_map_packed(const phy_modulation_t *q, phy_mod_t mod, const uint8_t *bytes,
                              size_t nbits, cf_t *symbols)
{
  int err = check_map(q, mod, bytes, nbits, symbols);
  if (err) {
    return err;
  }
  size_t nsym = nbits / mod_qm[mod];
  if (nsym) {
    q->k->map_packed[mod](q->lut[mod], bytes, nsym, symbols);
  }
  return (int)nsym;
}

static int check_demod(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                       const void *nv, const void *llr)
{
  if (!q || !q->k || (unsigned)mod >= PHY_MOD_COUNT || nsym > INT32_MAX / PHY_MOD_MAX_QM) {
    return OLIVE_EINVAL;
  }
  if (nsym && (!y || !nv || !llr)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

static int valid_positive(float v)
{
  return v > 0.0f && isfinite(v);
}

int phy_demod_llr_f32(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                      float noise_var, float *llr)
{
  int err = check_demod(q, mod, y, nsym, &noise_var, llr);
  if (err || !valid_positive(noise_var)) {
    return err ? err : OLIVE_EINVAL;
  }
  float c = phy_demod_scale(phy_mod_k4[mod], noise_var);
  if (nsym) {
    q->k->llr[mod](y, nsym, c, llr);
  }
  return (int)(nsym * mod_qm[mod]);
}

int phy_demod_llr_f32_nv(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                         const float *noise_var, float *llr)
{
  int err = check_demod(q, mod, y, nsym, noise_var, llr);
  if (err) {
    return err;
  }
  if (nsym) {
    q->k->llr_nv[mod](y, nsym, noise_var, llr);
  }
  return (int)(nsym * mod_qm[mod]);
}

/* Float LLRs through a stack buffer, then the int8 conversion, PHY_DEMOD_CHUNK symbols at
 * a time (the chunk is even, so the pi/2-BPSK index parity is kept). */
static void demod_i8(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym, float c,
                     const float *nv, float scale, int8_t *llr)
{
  float tmp[PHY_DEMOD_CHUNK * PHY_MOD_MAX_QM];
  unsigned qm = mod_qm[mod];
  for (size_t i = 0; i < nsym; i += PHY_DEMOD_CHUNK) {
    size_t n = nsym - i < PHY_DEMOD_CHUNK ? nsym - i : PHY_DEMOD_CHUNK;
    if (nv) {
      q->k->llr_nv[mod](y + i, n, nv + i, tmp);
    } else {
      q->k->llr[mod](y + i, n, c, tmp);
    }
    q->k->f32_to_i8(tmp, n * qm, scale, llr + i * qm);
  }
}

int phy_demod_llr_i8(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                     float noise_var, float scale, int8_t *llr)
{
  int err = check_demod(q, mod, y, nsym, &noise_var, llr);
  if (err || !valid_positive(noise_var) || !valid_positive(scale)) {
    return err ? err : OLIVE_EINVAL;
  }
  demod_i8(q, mod, y, nsym, phy_demod_scale(phy_mod_k4[mod], noise_var), NULL, scale, llr);
  return (int)(nsym * mod_qm[mod]);
}

int phy_demod_llr_i8_nv(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                        const float *noise_var, float scale, int8_t *llr)
{
  int err = check_demod(q, mod, y, nsym, noise_var, llr);
  if (err || !valid_positive(scale)) {
    return err ? err : OLIVE_EINVAL;
  }
  demod_i8(q, mod, y, nsym, 0.0f, noise_var, scale, llr);
  return (int)(nsym * mod_qm[mod]);
}
