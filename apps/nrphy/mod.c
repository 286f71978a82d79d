/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy modulate / demodulate: TS 38.211 5.1 through olive/phy/modulation.h. */
#include <stdio.h>
#include <stdlib.h>

#include "nrphy.h"
#include "olive/phy/modulation.h"
#include "olive/support/api.h"

/* Index = phy_mod_t. */
static const char *const mod_names[] = {"pi2bpsk", "bpsk", "qpsk", "16qam", "64qam", "256qam"};
static const char *const fmt_names[] = {"f32", "i8", "bits"};

enum { FMT_F32, FMT_I8, FMT_BITS };

int nrphy_modulate(nrphy_args_t *a)
{
  unsigned mod;
  int rc = nrphy_opt_enum(a, "mod", mod_names, OLIVE_ARRAY_SIZE(mod_names), PHY_MOD_QPSK, &mod);
  if (rc == 0) {
    rc = nrphy_args_finish(a, true);
  }
  if (rc != 0) {
    return rc;
  }
  unsigned qm = phy_mod_bits((phy_mod_t)mod);
  size_t nbits;
  uint8_t *bits = nrphy_read_multiple(a->in, qm, "Qm bits per symbol", &nbits);
  cf_t *sym = bits != NULL ? malloc(nbits / qm * sizeof(cf_t)) : NULL;
  phy_modulation_t q = {0};
  rc = NRPHY_EXIT_FAIL;
  if (sym != NULL && nrphy_check_bits(a->in, bits, nbits) == 0 &&
      phy_modulation_init(&q, NULL) == 0 &&
      phy_modulation_map_bits(&q, (phy_mod_t)mod, bits, nbits, sym) == (int)(nbits / qm)) {
    rc = nrphy_write(a->out, sym, nbits / qm * sizeof(cf_t));
  }
  phy_modulation_free(&q);
  free(bits);
  free(sym);
  return rc;
}

/* LLRs of nsym symbols in the chosen format into out (nsym * Qm entries). */
static int demod(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym, float nv,
                 unsigned fmt, float scale, void *out)
{
  size_t n = nsym * phy_mod_bits(mod);
  if (fmt == FMT_I8) {
    return phy_demod_llr_i8(q, mod, y, nsym, nv, scale, out) == (int)n ? 0 : -1;
  }
  float *llr = fmt == FMT_F32 ? out : malloc(n * sizeof(float));
  int rc = llr != NULL && phy_demod_llr_f32(q, mod, y, nsym, nv, llr) == (int)n ? 0 : -1;
  if (rc == 0 && fmt == FMT_BITS) {
    for (size_t i = 0; i < n; i++) {
      ((uint8_t *)out)[i] = llr[i] < 0; /* positive LLR = bit 0 (modulation.h) */
    }
  }
  if (llr != out) {
    free(llr);
  }
  return rc;
}

int nrphy_demodulate(nrphy_args_t *a)
{
  unsigned mod, fmt;
  double nv, scale;
  int rc = nrphy_opt_enum(a, "mod", mod_names, OLIVE_ARRAY_SIZE(mod_names), PHY_MOD_QPSK, &mod);
  if (rc == 0) {
    rc = nrphy_opt_double(a, "noise-var", 1.0, 1e-10, 1e10, &nv);
  }
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "format", fmt_names, OLIVE_ARRAY_SIZE(fmt_names), FMT_F32, &fmt);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "scale", 16.0, 1e-6, 1e6, &scale);
  }
  if (rc == 0) {
    rc = nrphy_args_finish(a, true);
  }
  if (rc != 0) {
    return rc;
  }
  size_t len;
  uint8_t *y = nrphy_read_multiple(a->in, sizeof(cf_t), "complex float32 samples", &len);
  size_t nsym = len / sizeof(cf_t), n = nsym * phy_mod_bits((phy_mod_t)mod);
  size_t elem = fmt == FMT_F32 ? sizeof(float) : 1;
  void *out = y != NULL ? malloc(n * elem) : NULL;
  phy_modulation_t q = {0};
  rc = NRPHY_EXIT_FAIL;
  if (out != NULL && phy_modulation_init(&q, NULL) == 0 &&
      demod(&q, (phy_mod_t)mod, (const cf_t *)y, nsym, (float)nv, fmt, (float)scale, out) == 0) {
    rc = nrphy_write(a->out, out, n * elem);
  }
  phy_modulation_free(&q);
  free(y);
  free(out);
  return rc;
}
