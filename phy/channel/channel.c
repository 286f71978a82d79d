/* SPDX-License-Identifier: Apache-2.0 */
/* Link-level channel: object lifecycle and the per-call processing (see channel.h). */
#include <math.h>
#include <string.h>

#include "channel_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define DEFAULT_SINUS 32u
#define MAX_DELAY     1.0e6f /* samples: bounds the allocation a bad argument can cause */

static int args_ok(const phy_channel_args_t *a)
{
  return a->max_samples >= 1 && a->nof_rx >= 1 && a->nof_rx <= PHY_CHANNEL_MAX_RX &&
         (unsigned)a->model < PHY_CHANNEL_NOF_MODELS && isfinite(a->srate_hz) &&
         a->srate_hz > 0.0 && isfinite(a->delay_spread_ns) && a->delay_spread_ns >= 0.0f &&
         isfinite(a->doppler_hz) && a->doppler_hz >= 0.0f && a->doppler_hz < a->srate_hz / 2 &&
         isfinite(a->max_delay) && a->max_delay >= 0.0f && a->max_delay <= MAX_DELAY &&
         a->nof_sinus <= PHY_CHANNEL_MAX_SINUS;
}

/* PHY_CHANNEL_UPDATE x 2^k samples, k <= 6 the largest for which the Doppler phase moves
 * at most 2 pi / 256 per update (fd x interval / srate <= 1/256). */
static uint32_t update_interval(const phy_channel_args_t *a)
{
  uint32_t upd = PHY_CHANNEL_UPDATE;
  while (upd < CHAN_MAX_UPD && a->doppler_hz * 2.0 * upd * 256.0 <= a->srate_hz) {
    upd *= 2;
  }
  return upd;
}

/* TR 38.901 7.7.3: tau_n = tau_norm,n DS; powers from dB, normalised to a sum of 1. */
static double load_taps(struct phy_channel_state *s, const phy_channel_args_t *a)
{
  const phy_channel_tap_t *t = NULL;
  uint32_t n = phy_channel_tdl_table(a->model, &t);
  if (n == 0) {
    s->nof_taps = 1, s->tap_delay[0] = 0.0, s->tap_amp[0] = 1.0f;
    return 0.0;
  }
  double sum = 0.0, dmax = 0.0;
  for (uint32_t i = 0; i < n; i++) {
    sum += pow(10.0, t[i].power_db / 10.0);
  }
  for (uint32_t i = 0; i < n; i++) {
    s->tap_delay[i] = (double)t[i].delay_norm * a->delay_spread_ns * 1e-9 * a->srate_hz;
    s->tap_amp[i] = (float)sqrt(pow(10.0, t[i].power_db / 10.0) / sum);
    dmax = s->tap_delay[i] > dmax ? s->tap_delay[i] : dmax;
  }
  s->nof_taps = n;
  return dmax;
}

static int alloc_bufs(struct phy_channel_state *s, const phy_channel_args_t *a)
{
  size_t nproc = (size_t)a->nof_rx * s->nof_taps * s->nof_sinus;
  s->w = olive_mem_calloc(nproc, sizeof(double));
  s->phi = olive_mem_calloc(nproc, sizeof(double));
  s->rot = olive_mem_calloc(nproc, sizeof(cf_t));
  s->step = olive_mem_calloc(nproc, sizeof(cf_t));
  s->hist = olive_mem_calloc((size_t)s->cir_max - 1 + a->max_samples, sizeof(cf_t));
  int ok = s->w && s->phi && s->rot && s->step && s->hist;
  for (uint32_t r = 0; r < a->nof_rx; r++) {
    s->cir_re[r] = olive_mem_calloc(s->cir_max, sizeof(float));
    s->cir_im[r] = olive_mem_calloc(s->cir_max, sizeof(float));
    ok = ok && s->cir_re[r] && s->cir_im[r];
  }
  return ok ? 0 : OLIVE_ENOMEM;
}

int phy_channel_init(phy_channel_t *q, const phy_channel_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  if (args == NULL || !args_ok(args)) {
    return OLIVE_EINVAL;
  }
  q->args = *args;
  struct phy_channel_state *s = olive_mem_calloc(1, sizeof(*s));
  if (s == NULL) {
    return OLIVE_ENOMEM;
  }
  q->s = s;
  s->nof_sinus = args->nof_sinus ? args->nof_sinus : DEFAULT_SINUS;
  s->upd = update_interval(args);
  double dmax = load_taps(s, args);
  s->cir_max = CHAN_FIR_LEN + (uint32_t)ceil(dmax + args->max_delay) + 1;
  int err = alloc_bufs(s, args);
  if (err) {
    phy_channel_free(q);
    return err;
  }
  phy_channel_cfg_t none = {0};
  s->cfg.delay_samples = -1.0f; /* forces the filter build */
  phy_channel_reset(q, args->seed);
  return phy_channel_set_cfg(q, &none);
}

void phy_channel_free(phy_channel_t *q)
{
  if (q == NULL || q->s == NULL) {
    return;
  }
  struct phy_channel_state *s = q->s;
  olive_mem_free(s->w);
  olive_mem_free(s->phi);
  olive_mem_free(s->rot);
  olive_mem_free(s->step);
  olive_mem_free(s->hist);
  for (uint32_t r = 0; r < PHY_CHANNEL_MAX_RX; r++) {
    olive_mem_free(s->cir_re[r]);
    olive_mem_free(s->cir_im[r]);
  }
  olive_mem_free(s);
  q->s = NULL;
}

int phy_channel_set_cfg(phy_channel_t *q, const phy_channel_cfg_t *cfg)
{
  if (q == NULL || q->s == NULL || cfg == NULL) {
    return OLIVE_EINVAL;
  }
  struct phy_channel_state *s = q->s;
  const phy_channel_args_t *a = &q->args;
  if ((cfg->awgn && !isfinite(cfg->snr_db)) || !isfinite(cfg->signal_power) ||
      cfg->signal_power < 0.0f || !isfinite(cfg->cfo_hz) || fabs(cfg->cfo_hz) >= a->srate_hz / 2 ||
      !isfinite(cfg->delay_samples) || cfg->delay_samples < 0.0f ||
      cfg->delay_samples > a->max_delay) {
    return OLIVE_EINVAL;
  }
  if (cfg->delay_samples != s->cfg.delay_samples) {
    if (chan_fir_build(s, cfg->delay_samples) < 0) {
      return OLIVE_EINVAL;
    }
    for (uint32_t r = 0; r < a->nof_rx; r++) {
      chan_cir_update(s, r);
    }
  }
  s->cfg = *cfg;
  float p = cfg->signal_power > 0.0f ? cfg->signal_power : 1.0f;
  s->noise_var = cfg->awgn ? p * powf(10.0f, -cfg->snr_db / 10.0f) : 0.0f;
  return 0;
}

void phy_channel_reset(phy_channel_t *q, uint64_t seed)
{
  if (q == NULL || q->s == NULL) {
    return;
  }
  struct phy_channel_state *s = q->s;
  chan_rng_seed(&s->fade_rng, seed);
  chan_rng_seed(&s->noise_rng, seed ^ 0x6a09e667f3bcc909ull);
  s->t = 0;
  memset(s->hist, 0, ((size_t)s->cir_max - 1) * sizeof(cf_t));
  if (q->args.model == PHY_CHANNEL_NONE) {
    for (uint32_t r = 0; r < q->args.nof_rx; r++) {
      s->gain[r][0] = 1.0f;
    }
  } else {
    chan_fading_draw(s, q->args.nof_rx, q->args.doppler_hz / q->args.srate_hz);
  }
  if (s->cir_len > 0) {
    for (uint32_t r = 0; r < q->args.nof_rx; r++) {
      chan_cir_update(s, r);
    }
  }
}

uint32_t phy_channel_latency(const phy_channel_t *q)
{
  return (q != NULL && q->s != NULL) ? q->s->latency : 0;
}

float phy_channel_noise_var(const phy_channel_t *q)
{
  return (q != NULL && q->s != NULL) ? q->s->noise_var : 0.0f;
}

int phy_channel_tap_gain(const phy_channel_t *q, uint32_t rx, uint32_t tap, cf_t *gain)
{
  if (q == NULL || q->s == NULL || gain == NULL || rx >= q->args.nof_rx ||
      q->args.model == PHY_CHANNEL_NONE || tap >= q->s->nof_taps) {
    return OLIVE_EINVAL;
  }
  *gain = q->s->gain[rx][tap];
  return 0;
}

int phy_channel_cir(const phy_channel_t *q, uint32_t rx, cf_t *h, uint32_t max)
{
  if (q == NULL || q->s == NULL || h == NULL || rx >= q->args.nof_rx) {
    return OLIVE_EINVAL;
  }
  const struct phy_channel_state *s = q->s;
  if (max < s->cir_len) {
    return OLIVE_ERANGE;
  }
  for (uint32_t k = 0; k < s->cir_len; k++) {
    uint32_t j = s->cir_len - 1 - k;
    h[k] = s->cir_re[rx][j] + I * s->cir_im[rx][j];
  }
  return (int)s->cir_len;
}
