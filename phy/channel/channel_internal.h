/* SPDX-License-Identifier: Apache-2.0 */
/* Private state of phy_channel_t and the generators it uses (see channel.h). */
#ifndef OLIVE_PHY_CHANNEL_INTERNAL_H
#define OLIVE_PHY_CHANNEL_INTERNAL_H

#include <stdint.h>

#include "olive/phy/channel.h"

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64: fast, 2^256 - 1 period. */
typedef struct chan_rng {
  uint64_t s[4];
} chan_rng_t;

void chan_rng_seed(chan_rng_t *r, uint64_t seed);
uint64_t chan_rng_u64(chan_rng_t *r);
/* Uniform in (0, 1). */
double chan_rng_unit(chan_rng_t *r);

#define CHAN_FIR_LEN (2u * PHY_CHANNEL_FIR_HALF + 1u)
#define CHAN_MAX_UPD (64u * PHY_CHANNEL_UPDATE) /* longest update interval */

/* The sampled response of one tap (or of the bulk delay alone): coef[0 .. len - 1] at
 * impulse-response indices k0 .. k0 + len - 1. */
typedef struct chan_fir {
  uint32_t k0, len;
  float coef[CHAN_FIR_LEN];
} chan_fir_t;

struct phy_channel_state {
  uint32_t nof_taps;                      /* 1 for PHY_CHANNEL_NONE */
  double tap_delay[PHY_CHANNEL_MAX_TAPS]; /* tau_n srate, samples (bulk delay excluded) */
  float tap_amp[PHY_CHANNEL_MAX_TAPS];    /* sqrt of the normalised power */
  chan_fir_t fir[PHY_CHANNEL_MAX_TAPS];   /* per tap, bulk delay and latency included */
  uint32_t latency;                       /* 0 or PHY_CHANNEL_FIR_HALF */
  uint32_t cir_len;                       /* current composite length */
  uint32_t cir_max;                       /* allocated composite length */
  float *cir_re[PHY_CHANNEL_MAX_RX];      /* composite response, cir_max each */
  float *cir_im[PHY_CHANNEL_MAX_RX];
  cf_t gain[PHY_CHANNEL_MAX_RX][PHY_CHANNEL_MAX_TAPS];
  /* Sum of sinusoids, index ((r * nof_taps + n) * nof_sinus + m). */
  uint32_t nof_sinus;
  double *w;    /* 2 pi fd cos(alpha_m) / srate, rad per sample */
  double *phi;  /* phi_m */
  cf_t *rot;    /* exp(j (w t + phi)) at the next update */
  cf_t *step;   /* exp(j w upd) */
  uint32_t upd; /* samples between two impulse-response updates */
  uint64_t t;   /* samples since the last reset */
  cf_t *hist;   /* cir_max - 1 past input samples, then max_samples new ones */
  chan_rng_t fade_rng, noise_rng;
  phy_channel_cfg_t cfg;
  float noise_var;
  float acc_re[CHAN_MAX_UPD], acc_im[CHAN_MAX_UPD]; /* convolution accumulators */
};

/* Gains of all taps of RX r from the rotators, then advances them one update. */
void chan_fading_update(struct phy_channel_state *s, uint32_t r);
/* Rotators of RX r at absolute time t (samples), computed exactly in double. */
void chan_fading_sync(struct phy_channel_state *s, uint32_t r, uint64_t t);
/* New angles and phases for every process; gains at t = 0. */
void chan_fading_draw(struct phy_channel_state *s, uint32_t nof_rx, double fd_norm);
/* Composite response of RX r from the gains and tap filters. */
void chan_cir_update(struct phy_channel_state *s, uint32_t r);
/* Tap filters for a bulk delay; returns OLIVE_EINVAL if the response exceeds cir_max. */
int chan_fir_build(struct phy_channel_state *s, double delay);

#endif
