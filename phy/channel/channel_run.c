/* SPDX-License-Identifier: Apache-2.0 */
/* Per-call processing of the channel (see channel.h): time-varying convolution with the
 * composite impulse response, then CFO, then AWGN, per RX antenna. */
#include <math.h>
#include <string.h>

#include "channel_internal.h"
#include "olive/support/error.h"

#define TWO_PI 6.283185307179586

/* y[i] = sum_k h[k] x[i - k], h stored reversed in (hr, hi)[len - 1 - k]. x[i] is the
 * current sample; x[-1] .. x[1 - len] the history. n <= CHAN_MAX_UPD. Accumulated tap by
 * tap over the samples (no reduction in the inner loop, so the compiler vectorises it). */
static void convolve(struct phy_channel_state *s, const float *hr, const float *hi, uint32_t len,
                     const cf_t *x, uint32_t n, cf_t *y)
{
  float *ar = s->acc_re, *ai = s->acc_im;
  memset(ar, 0, n * sizeof(float));
  memset(ai, 0, n * sizeof(float));
  for (uint32_t j = 0; j < len; j++) {
    const float *xf = (const float *)(x + 1 - len + j);
    float cr = hr[j], ci = hi[j];
    if (cr == 0.0f && ci == 0.0f) {
      continue;
    }
    for (uint32_t i = 0; i < n; i++) {
      float xr = xf[2 * i], xi = xf[2 * i + 1];
      ar[i] += cr * xr - ci * xi;
      ai[i] += cr * xi + ci * xr;
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    y[i] = ar[i] + I * ai[i];
  }
}

static void filter_rx(phy_channel_t *q, uint32_t r, const cf_t *x, uint32_t n, cf_t *y)
{
  struct phy_channel_state *s = q->s;
  int fading = q->args.model != PHY_CHANNEL_NONE && q->args.doppler_hz > 0.0f;
  uint64_t t = s->t;
  if (fading) {
    uint64_t next = (t + s->upd - 1) / s->upd * s->upd;
    chan_fading_sync(s, r, next);
  }
  uint32_t i = 0;
  while (i < n) {
    uint32_t seg = n - i < CHAN_MAX_UPD ? n - i : CHAN_MAX_UPD;
    if (fading) {
      uint32_t phase = (uint32_t)((t + i) % s->upd);
      if (phase == 0) {
        chan_fading_update(s, r);
        chan_cir_update(s, r);
      }
      seg = s->upd - phase < seg ? s->upd - phase : seg;
    }
    convolve(s, s->cir_re[r], s->cir_im[r], s->cir_len, x + i, seg, y + i);
    i += seg;
  }
}

/* y[i] *= exp(j 2 pi cfo (t + i) / srate), the phase restarted exactly from t each call. */
static void apply_cfo(const phy_channel_t *q, uint32_t n, cf_t *y)
{
  const struct phy_channel_state *s = q->s;
  double f = s->cfg.cfo_hz / q->args.srate_hz;
  double cyc = fmod(f * (double)s->t, 1.0);
  double pr = cos(TWO_PI * cyc), pi = sin(TWO_PI * cyc);
  double sr = cos(TWO_PI * f), si = sin(TWO_PI * f);
  for (uint32_t i = 0; i < n; i++) {
    float a = crealf(y[i]), b = cimagf(y[i]);
    y[i] = (float)(a * pr - b * pi) + I * (float)(a * pi + b * pr);
    double t = pr * sr - pi * si;
    pi = pr * si + pi * sr;
    pr = t;
  }
}

/* Circular complex Gaussian of variance N0 (Box-Muller on one 64-bit draw). */
static void add_noise(struct phy_channel_state *s, uint32_t n, cf_t *y)
{
  float sigma = sqrtf(s->noise_var);
  for (uint32_t i = 0; i < n; i++) {
    uint64_t u = chan_rng_u64(&s->noise_rng);
    float u1 = ((float)(u >> 40) + 0.5f) * 0x1p-24f;
    float u2 = (float)((u >> 8) & 0xffffffu) * 0x1p-24f;
    float rad = sigma * sqrtf(-logf(u1));
    float c = cosf((float)TWO_PI * u2), sn = sinf((float)TWO_PI * u2);
    y[i] += rad * c + I * (rad * sn);
  }
}

int phy_channel_run(phy_channel_t *q, const cf_t *in, uint32_t n,
                    cf_t *const out[PHY_CHANNEL_MAX_RX])
{
  if (q == NULL || q->s == NULL || in == NULL || out == NULL || n == 0 || n > q->args.max_samples) {
    return OLIVE_EINVAL;
  }
  for (uint32_t r = 0; r < q->args.nof_rx; r++) {
    if (out[r] == NULL) {
      return OLIVE_EINVAL;
    }
  }
  struct phy_channel_state *s = q->s;
  cf_t *x = s->hist + (s->cir_max - 1);
  memmove(x, in, (size_t)n * sizeof(cf_t));
  for (uint32_t r = 0; r < q->args.nof_rx; r++) {
    filter_rx(q, r, x, n, out[r]);
    if (s->cfg.cfo_hz != 0.0) {
      apply_cfo(q, n, out[r]);
    }
    if (s->cfg.awgn) {
      add_noise(s, n, out[r]);
    }
  }
  memmove(s->hist, s->hist + n, ((size_t)s->cir_max - 1) * sizeof(cf_t));
  s->t += n;
  return 0;
}
