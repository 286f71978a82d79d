/* SPDX-License-Identifier: Apache-2.0 */
/* Transform precoding, TS 38.211 6.3.1.4: a unitary DFT of M = 12 M_RB points per
 * DFT-s-OFDM symbol, M_RB = 2^a2 3^a3 5^a5. FFTW computes the unnormalised sums
 * (FFTW_FORWARD: e^{-j 2 pi i k / M}, FFTW_BACKWARD: e^{+j...}); we apply the 1/sqrt(M)
 * of the spec on the way out. */
#include "olive/phy/transform_precoding.h"

#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"

#include "../ofdm/fft_internal.h"

bool phy_transform_precoding_valid_prb(uint32_t n_prb)
{
  if (n_prb < 1 || n_prb > PHY_TP_MAX_PRB) {
    return false;
  }
  static const uint32_t primes[] = {2, 3, 5}; /* 6.3.1.4: M_RB = 2^a2 3^a3 5^a5 */
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(primes); i++) {
    while (n_prb % primes[i] == 0) {
      n_prb /= primes[i];
    }
  }
  return n_prb == 1;
}

static int plan_all(phy_transform_precoding_t *q, unsigned flags)
{
  fftwf_complex *in = (fftwf_complex *)q->buf_in, *out = (fftwf_complex *)q->buf_out;
  for (uint32_t n = 1; n <= q->max_prb; n++) {
    if (!phy_transform_precoding_valid_prb(n)) {
      continue;
    }
    int m = (int)(12 * n);
    q->fwd[n] = fftwf_plan_dft_1d(m, in, out, FFTW_FORWARD, flags);
    q->inv[n] = fftwf_plan_dft_1d(m, in, out, FFTW_BACKWARD, flags);
    if (!q->fwd[n] || !q->inv[n]) {
      return OLIVE_ENOMEM;
    }
  }
  return OLIVE_OK;
}

int phy_transform_precoding_init(phy_transform_precoding_t *q,
                                 const phy_transform_precoding_args_t *args)
{
  if (!q) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  uint32_t max_prb = (args && args->max_prb) ? args->max_prb : PHY_TP_MAX_PRB;
  if (max_prb > PHY_TP_MAX_PRB) {
    return OLIVE_EINVAL;
  }
  q->max_prb = max_prb;
  q->buf_in = olive_mem_calloc(12 * (size_t)max_prb, sizeof(cf_t));
  q->buf_out = olive_mem_calloc(12 * (size_t)max_prb, sizeof(cf_t));
  int err = (q->buf_in && q->buf_out) ? OLIVE_OK : OLIVE_ENOMEM;
  if (!err) {
    /* FFTW's planner is global and not thread-safe: plan under the PHY-wide lock. */
    phy_fft_planner_begin(NULL);
    err = plan_all(q, (args && args->measure) ? FFTW_MEASURE : FFTW_ESTIMATE);
    phy_fft_planner_end(NULL, false);
  }
  if (err) {
    phy_transform_precoding_free(q);
  }
  return err;
}

void phy_transform_precoding_free(phy_transform_precoding_t *q)
{
  if (!q) {
    return;
  }
  for (uint32_t n = 0; n <= PHY_TP_MAX_PRB; n++) {
    if (q->fwd[n]) {
      phy_fft_destroy(q->fwd[n]);
    }
    if (q->inv[n]) {
      phy_fft_destroy(q->inv[n]);
    }
  }
  olive_mem_free(q->buf_in);
  olive_mem_free(q->buf_out);
  memset(q, 0, sizeof(*q));
}

/* Each block goes through the planned (aligned) buffers, so user pointers may have any
 * alignment and in == out works. */
static int run(phy_transform_precoding_t *q, void *const *plans, uint32_t n_prb, const cf_t *in,
               size_t nsym, cf_t *out)
{
  if (!q || !q->buf_in || n_prb > q->max_prb || !phy_transform_precoding_valid_prb(n_prb) ||
      (nsym && (!in || !out))) {
    return OLIVE_EINVAL;
  }
  size_t m = 12 * (size_t)n_prb;
  float scale = (float)(1.0 / sqrt((double)m)); /* 6.3.1.4: 1/sqrt(M_sc^PUSCH) */
  for (size_t l = 0; l < nsym; l++) {
    memcpy(q->buf_in, in + l * m, m * sizeof(cf_t));
    fftwf_execute((fftwf_plan)plans[n_prb]);
    cf_t *o = out + l * m;
    for (size_t k = 0; k < m; k++) {
      o[k] = q->buf_out[k] * scale;
    }
  }
  return OLIVE_OK;
}

int phy_transform_precoding_encode(phy_transform_precoding_t *q, uint32_t n_prb, const cf_t *x,
                                   size_t nsym, cf_t *y)
{
  return run(q, q ? q->fwd : NULL, n_prb, x, nsym, y);
}

int phy_transform_precoding_decode(phy_transform_precoding_t *q, uint32_t n_prb, const cf_t *y,
                                   size_t nsym, cf_t *x)
{
  return run(q, q ? q->inv : NULL, n_prb, y, nsym, x);
}
