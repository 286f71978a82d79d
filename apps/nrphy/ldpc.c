/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy ldpc-encode / ldpc-decode: TS 38.212 5.3.2 through olive/phy/ldpc.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nrphy.h"
#include "olive/phy/ldpc.h"
#include "olive/support/api.h"

/* --bg and --z, with z checked against Table 5.3.2-1. */
static int opt_bg_z(nrphy_args_t *a, phy_ldpc_bg_t *bg, unsigned *z)
{
  unsigned b;
  int rc = nrphy_opt_uint(a, "bg", 1, 1, 2, &b);
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "z", 0, 2, PHY_LDPC_MAX_Z, z);
  }
  if (rc == 0 && phy_ldpc_ls_index(*z) < 0) {
    rc = nrphy_usage_error(a,
                           "--z: value '%u' is not allowed; allowed: a lifting size of 38.212 "
                           "Table 5.3.2-1 (2..384, e.g. 2, 3, ..., 16, 18, 20, ..., 384)",
                           *z);
  }
  *bg = b == 2 ? PHY_LDPC_BG2 : PHY_LDPC_BG1;
  return rc;
}

static void unpack(const uint8_t *packed, size_t nbits, uint8_t *bits)
{
  for (size_t i = 0; i < nbits; i++) {
    bits[i] = (packed[i / 8] >> (7 - i % 8)) & 1;
  }
}

int nrphy_ldpc_encode(nrphy_args_t *a)
{
  phy_ldpc_enc_cfg_t cfg;
  unsigned rows;
  int rc = opt_bg_z(a, &cfg.bg, &cfg.z);
  if (rc == 0) {
    unsigned max_rows = phy_ldpc_bg_rows(cfg.bg);
    rc = nrphy_opt_uint(a, "rows", 0, 0, max_rows, &rows);
    if (rc == 0 && rows != 0 && rows < PHY_LDPC_MIN_ROWS) {
      rc = nrphy_usage_error(a,
                             "--rows: value '%u' is out of range; allowed: 0 (all) or an "
                             "integer in [%u, %u]",
                             rows, PHY_LDPC_MIN_ROWS, max_rows);
    }
  }
  if (rc == 0) {
    rc = nrphy_args_finish(a, true);
  }
  if (rc != 0) {
    return rc;
  }
  cfg.nof_rows = rows;
  size_t k = (size_t)phy_ldpc_bg_kb(cfg.bg) * cfg.z;
  int n = phy_ldpc_codeword_len(cfg.bg, cfg.z, rows);
  uint8_t *c = nrphy_read_exact(a->in, k);
  uint8_t *d = malloc(PHY_LDPC_MAX_N);
  phy_ldpc_enc_t enc = {0};
  rc = NRPHY_EXIT_FAIL;
  if (c != NULL && d != NULL && nrphy_check_bits(a->in, c, k) == 0 &&
      phy_ldpc_enc_init(&enc, &(phy_ldpc_enc_args_t){.isa = OLIVE_ISA_AUTO}) == 0 &&
      phy_ldpc_encode_bits(&enc, &cfg, c, d) == n) {
    rc = nrphy_write(a->out, d, (size_t)n);
  }
  phy_ldpc_enc_free(&enc);
  free(c);
  free(d);
  return rc;
}

static const char *const llr_fmt_names[] = {"i8", "f32"};

static int decode_opts(nrphy_args_t *a, phy_ldpc_dec_cfg_t *cfg, unsigned *fmt, double *scale)
{
  int rc = opt_bg_z(a, &cfg->bg, &cfg->z);
  if (rc == 0) {
    unsigned k = phy_ldpc_bg_kb(cfg->bg) * cfg->z;
    rc = nrphy_opt_uint(a, "filler", 0, 0, k - 1, &cfg->nof_filler);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "iters", 10, 1, PHY_LDPC_MAX_ITERS, &cfg->max_iters);
  }
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "format", llr_fmt_names, OLIVE_ARRAY_SIZE(llr_fmt_names), 0, fmt);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "scale", 16.0, 1e-6, 1e6, scale);
  }
  cfg->stop = PHY_LDPC_STOP_SYNDROME;
  cfg->crc = PHY_CRC24B;
  return rc != 0 ? rc : nrphy_args_finish(a, true);
}

static int decode_file(const phy_ldpc_dec_cfg_t *cfg, const int8_t *llr, size_t n_llr,
                       const char *out)
{
  size_t nc = (size_t)phy_ldpc_bg_kb(cfg->bg) * cfg->z - cfg->nof_filler;
  uint8_t *packed = malloc((nc + 7) / 8);
  uint8_t *bits = malloc(nc);
  phy_ldpc_dec_t dec = {0};
  phy_ldpc_dec_result_t res = {0};
  int rc = NRPHY_EXIT_FAIL;
  if (packed != NULL && bits != NULL &&
      phy_ldpc_dec_init(&dec, &(phy_ldpc_dec_args_t){.isa = OLIVE_ISA_AUTO}) == 0 &&
      phy_ldpc_decode(&dec, cfg, llr, (unsigned)n_llr, packed, &res) == 0) {
    unpack(packed, nc, bits);
    fprintf(stderr, "ldpc-decode: iterations=%u syndrome=%s\n", res.iters, res.ok ? "ok" : "fail");
    rc = nrphy_write(out, bits, nc);
    if (rc == 0 && !res.ok) {
      rc = NRPHY_EXIT_FAIL;
    }
  } else {
    fprintf(stderr, "ldpc-decode: decoder rejected the configuration\n");
  }
  phy_ldpc_dec_free(&dec);
  free(packed);
  free(bits);
  return rc;
}

/* float32 LLRs to the decoder's int8 scale (ldpc.h: about 16 steps per natural unit) in place:
 * clamp(rint(x scale), -127, 127); NaN counts as an erasure. */
static void f32_to_i8(uint8_t *buf, size_t n, float scale)
{
  const float *f = (const float *)buf;
  int8_t *o = (int8_t *)buf;
  for (size_t i = 0; i < n; i++) {
    float v = isnan(f[i]) ? 0.0f : rintf(f[i] * scale);
    o[i] = (int8_t)(v > 127.0f ? 127.0f : v < -127.0f ? -127.0f : v);
  }
}

int nrphy_ldpc_decode(nrphy_args_t *a)
{
  phy_ldpc_dec_cfg_t cfg;
  unsigned fmt;
  double scale;
  int rc = decode_opts(a, &cfg, &fmt, &scale);
  if (rc != 0) {
    return rc;
  }
  size_t len, elem = fmt == 1 ? sizeof(float) : 1;
  int n_max = phy_ldpc_codeword_len(cfg.bg, cfg.z, 0);
  uint8_t *llr = nrphy_read_all(a->in, &len);
  if (llr == NULL) {
    return NRPHY_EXIT_FAIL;
  }
  size_t n_llr = len / elem;
  if (len % elem != 0 || n_llr == 0 || n_llr > (size_t)n_max) {
    fprintf(stderr,
            "nrphy: %s: wrong size: expected 1..%d %s LLRs (%zu bytes each), got %zu bytes\n",
            a->in, n_max, llr_fmt_names[fmt], elem, len);
    free(llr);
    return NRPHY_EXIT_FAIL;
  }
  if (fmt == 1) {
    f32_to_i8(llr, n_llr, (float)scale); /* element i is read before byte i is written */
  }
  rc = decode_file(&cfg, (const int8_t *)llr, n_llr, a->out);
  free(llr);
  return rc;
}
