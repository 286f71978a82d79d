/* SPDX-License-Identifier: Apache-2.0 */
/* Test signal for the cell search tests: one SS/PBCH block built by our TX blocks
 * (phy_pbch_encode: PSS, SSS, PBCH, DMRS; phy_ofdm_mod_slot) placed at a random point of
 * a buffer, then a channel written here (independent of the receiver): static multipath
 * taps at fractional delays (Hann-windowed sinc interpolators), a CFO and AWGN at an SNR
 * per resource element (unitary OFDM scale: noise variance per sample = N0 per RE). */
#ifndef CS_TESTSIG_H
#define CS_TESTSIG_H

#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/pbch.h"
#include "olive_test.h"

#define TS_FIR_HALF 16 /* interpolator half length: latency of the channel, samples */
#define TS_MAX_TAPS 4

typedef struct ts_channel {
  uint32_t nof_taps;
  double delay[TS_MAX_TAPS]; /* samples, on top of TS_FIR_HALF */
  double power_db[TS_MAX_TAPS];
  double cfo_hz;
  double snr_db; /* per RE; > 99 = no noise */
} ts_channel_t;

static inline double ts_urand(olive_test_rng_t *r)
{
  return ((olive_test_u64(r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static inline cf_t ts_gauss(olive_test_rng_t *r, double var)
{
  double a = sqrt(-var * log(ts_urand(r))), t = 2 * M_PI * ts_urand(r);
  return (float)(a * cos(t)) + I * (float)(a * sin(t));
}

/* y[n] = sum_taps g_i sum_k w(k) sinc(k - H - d_i) x[n - k]; then CFO and noise. Tap
 * phases are random, tap powers normalised to a sum of 1. y must not alias x. */
static inline void ts_apply(olive_test_rng_t *r, const ts_channel_t *c, double srate, const cf_t *x,
                            cf_t *y, uint32_t n)
{
  static double h_re[TS_MAX_TAPS][2 * TS_FIR_HALF + 1];
  double ptot = 0;
  for (uint32_t i = 0; i < c->nof_taps; i++) {
    ptot += pow(10, c->power_db[i] / 10);
  }
  cf_t g[TS_MAX_TAPS];
  for (uint32_t i = 0; i < c->nof_taps; i++) {
    g[i] = (float)sqrt(pow(10, c->power_db[i] / 10) / ptot) *
           cexpf(I * (float)(2 * M_PI * ts_urand(r)));
    for (int k = 0; k <= 2 * TS_FIR_HALF; k++) {
      double t = k - TS_FIR_HALF - c->delay[i];
      double s = fabs(t) < 1e-12 ? 1.0 : sin(M_PI * t) / (M_PI * t);
      double w = fabs(t) < TS_FIR_HALF + 1 ? 0.5 + 0.5 * cos(M_PI * t / (TS_FIR_HALF + 1)) : 0;
      h_re[i][k] = s * w;
    }
  }
  double nv = c->snr_db > 99 ? 0 : pow(10, -c->snr_db / 10);
  for (uint32_t m = 0; m < n; m++) {
    cf_t acc = 0;
    for (uint32_t i = 0; i < c->nof_taps; i++) {
      cf_t a = 0;
      for (int k = 0; k <= 2 * TS_FIR_HALF && k <= (int)m; k++) {
        a += (float)h_re[i][k] * x[m - k];
      }
      acc += g[i] * a;
    }
    y[m] = acc * cexpf(I * (float)fmod(2 * M_PI * c->cfo_hz * m / srate, 2 * M_PI));
    if (nv > 0) {
      y[m] += ts_gauss(r, nv);
    }
  }
}

#endif
