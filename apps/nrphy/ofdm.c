/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy ofdm-mod / ofdm-demod: TS 38.211 5.3.1 (normal CP, no 5.4 upconversion term)
 * through olive/phy/ofdm.h. A grid file holds whole slots, 14 symbols of 12 N_grid^size
 * REs each, symbol-major; slot i of the file is slot i mod 2^mu of its subframe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"
#include "olive/phy/ofdm.h"
#include "olive/support/api.h"

static const char *const scs_names[] = {"15", "30"}; /* index = mu */

typedef struct ofdm_ctx {
  phy_ofdm_t ofdm;
  phy_grid_t grid;
  size_t re_per_slot; /* 14 K */
} ofdm_ctx_t;

static int parse_carrier(nrphy_args_t *a, phy_carrier_t *c)
{
  unsigned prb, mu;
  double srate;
  int rc = nrphy_opt_uint(a, "prb", 52, 1, PHY_MAX_PRB, &prb);
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "scs", scs_names, OLIVE_ARRAY_SIZE(scs_names), 1, &mu);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "srate", 0, 0, 4096.0 * 30e3, &srate);
  }
  if (rc == 0) {
    *c = (phy_carrier_t){.mu = mu, .nof_prb = prb, .srate_hz = srate};
    if (phy_carrier_check(c) != 0) {
      rc = nrphy_usage_error(a,
                             "--srate: value '%g' does not fit --prb %u at %s kHz; allowed: 0 "
                             "(derive) or a multiple of 128 x SCS, at most 4096 x SCS, with "
                             "N_fft >= 12 prb",
                             srate, prb, scs_names[mu]);
    }
  }
  return rc != 0 ? rc : nrphy_args_finish(a, true);
}

static int ctx_init(ofdm_ctx_t *x, const phy_carrier_t *c, bool rx)
{
  phy_ofdm_args_t args = {.carrier = *c, .plan = PHY_OFDM_PLAN_ESTIMATE};
  int rc = rx ? phy_ofdm_demod_init(&x->ofdm, &args) : phy_ofdm_mod_init(&x->ofdm, &args);
  if (rc == 0) {
    rc = phy_grid_init(&x->grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = c->nof_prb});
  }
  x->re_per_slot = (size_t)PHY_NSYMB_SLOT * PHY_NSC_RB * c->nof_prb;
  return rc;
}

static void ctx_free(ofdm_ctx_t *x)
{
  phy_ofdm_free(&x->ofdm);
  phy_grid_free(&x->grid);
}

int nrphy_ofdm_mod(nrphy_args_t *a)
{
  phy_carrier_t c;
  int rc = parse_carrier(a, &c);
  if (rc != 0) {
    return rc;
  }
  ofdm_ctx_t x = {0};
  size_t len, k = (size_t)PHY_NSC_RB * c.nof_prb;
  cf_t *in = NULL, *out = NULL;
  if (ctx_init(&x, &c, false) == 0) {
    in = (cf_t *)nrphy_read_multiple(a->in, x.re_per_slot * sizeof(cf_t), "one slot of REs", &len);
  }
  size_t nslots = in != NULL ? len / (x.re_per_slot * sizeof(cf_t)) : 0, pos = 0, total = 0;
  for (size_t s = 0; s < nslots; s++) {
    total += phy_ofdm_slot_len(&x.ofdm, (uint32_t)(s % PHY_SLOTS_SF(c.mu)));
  }
  out = in != NULL ? malloc(total * sizeof(cf_t)) : NULL;
  rc = out != NULL ? 0 : NRPHY_EXIT_FAIL;
  for (size_t s = 0; rc == 0 && s < nslots; s++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      memcpy(phy_grid_symbol(&x.grid, 0, l), in + s * x.re_per_slot + l * k, k * sizeof(cf_t));
    }
    int n = phy_ofdm_mod_slot(&x.ofdm, &x.grid, 0, (uint32_t)(s % PHY_SLOTS_SF(c.mu)), out + pos);
    rc = n > 0 ? 0 : NRPHY_EXIT_FAIL;
    pos += n > 0 ? (size_t)n : 0;
  }
  if (rc == 0) {
    rc = nrphy_write(a->out, out, pos * sizeof(cf_t));
  }
  ctx_free(&x);
  free(in);
  free(out);
  return rc;
}

/* Slots in `nsamp` samples, or -1 (after printing the nearest whole-slot sizes). */
static long count_slots(const phy_ofdm_t *q, uint32_t slots_sf, size_t nsamp, const char *path)
{
  size_t total = 0;
  long s = 0;
  while (total < nsamp) {
    total += phy_ofdm_slot_len(q, (uint32_t)(s++ % slots_sf));
  }
  if (total == nsamp && s > 0) {
    return s;
  }
  size_t prev = s > 0 ? total - phy_ofdm_slot_len(q, (uint32_t)((s - 1) % slots_sf)) : 0;
  fprintf(stderr,
          "nrphy: %s: wrong size: expected whole slots, %zu or %zu samples (%zu or %zu bytes), "
          "got %zu samples\n",
          path, prev, total, prev * sizeof(cf_t), total * sizeof(cf_t), nsamp);
  return -1;
}

int nrphy_ofdm_demod(nrphy_args_t *a)
{
  phy_carrier_t c;
  int rc = parse_carrier(a, &c);
  if (rc != 0) {
    return rc;
  }
  ofdm_ctx_t x = {0};
  size_t len, k = (size_t)PHY_NSC_RB * c.nof_prb;
  cf_t *in = NULL, *out = NULL;
  if (ctx_init(&x, &c, true) == 0) {
    in = (cf_t *)nrphy_read_multiple(a->in, sizeof(cf_t), "complex float32 samples", &len);
  }
  long nslots =
      in != NULL ? count_slots(&x.ofdm, PHY_SLOTS_SF(c.mu), len / sizeof(cf_t), a->in) : -1;
  out = nslots > 0 ? malloc((size_t)nslots * x.re_per_slot * sizeof(cf_t)) : NULL;
  rc = out != NULL ? 0 : NRPHY_EXIT_FAIL;
  size_t pos = 0;
  for (long s = 0; rc == 0 && s < nslots; s++) {
    int n =
        phy_ofdm_demod_slot(&x.ofdm, in + pos, (uint32_t)(s % PHY_SLOTS_SF(c.mu)), pos, &x.grid, 0);
    rc = n > 0 ? 0 : NRPHY_EXIT_FAIL;
    pos += n > 0 ? (size_t)n : 0;
    for (uint32_t l = 0; rc == 0 && l < PHY_NSYMB_SLOT; l++) {
      memcpy(out + s * x.re_per_slot + l * k, phy_grid_symbol(&x.grid, 0, l), k * sizeof(cf_t));
    }
  }
  if (rc == 0) {
    rc = nrphy_write(a->out, out, (size_t)nslots * x.re_per_slot * sizeof(cf_t));
  }
  ctx_free(&x);
  free(in);
  free(out);
  return rc;
}
