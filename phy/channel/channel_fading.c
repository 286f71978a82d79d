/* SPDX-License-Identifier: Apache-2.0 */
/* Generators of the channel model (see channel.h): the random number generator, the
 * Clarke/Jakes sum-of-sinusoids fading of each tap, and the sampled tap responses. */
#include <math.h>
#include <string.h>

#include "channel_internal.h"
#include "olive/support/error.h"

#define TWO_PI 6.283185307179586

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void chan_rng_seed(chan_rng_t *r, uint64_t seed)
{
  for (int i = 0; i < 4; i++) {
    r->s[i] = splitmix64(&seed);
  }
}

static inline uint64_t rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t chan_rng_u64(chan_rng_t *r)
{
  uint64_t *s = r->s;
  uint64_t out = rotl(s[1] * 5u, 7) * 9u;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return out;
}

double chan_rng_unit(chan_rng_t *r)
{
  return ((double)(chan_rng_u64(r) >> 11) + 0.5) * 0x1p-53;
}

/* Clarke's model as a sum of M sinusoids (see channel.h): the arrival angles are
 * stratified, alpha_m = (2 pi m + theta) / M, so that averaging over theta spreads them
 * uniformly on the circle and E[a(t) a*(t + tau)] = P J0(2 pi fd tau) for any M. */
void chan_fading_draw(struct phy_channel_state *s, uint32_t nof_rx, double fd_norm)
{
  uint32_t m_n = s->nof_sinus;
  for (uint32_t r = 0; r < nof_rx; r++) {
    for (uint32_t n = 0; n < s->nof_taps; n++) {
      double theta = TWO_PI * chan_rng_unit(&s->fade_rng);
      for (uint32_t m = 0; m < m_n; m++) {
        size_t i = ((size_t)r * s->nof_taps + n) * m_n + m;
        double alpha = (TWO_PI * m + theta) / m_n;
        s->w[i] = TWO_PI * fd_norm * cos(alpha);
        s->phi[i] = TWO_PI * chan_rng_unit(&s->fade_rng);
        double st = s->w[i] * s->upd;
        s->step[i] = (float)cos(st) + I * (float)sin(st);
      }
    }
    chan_fading_sync(s, r, 0);
    chan_fading_update(s, r);
    chan_fading_sync(s, r, 0);
  }
}

void chan_fading_sync(struct phy_channel_state *s, uint32_t r, uint64_t t)
{
  size_t base = (size_t)r * s->nof_taps * s->nof_sinus;
  for (size_t i = base; i < base + (size_t)s->nof_taps * s->nof_sinus; i++) {
    double ph = fmod(s->w[i] * (double)t, TWO_PI) + s->phi[i];
    s->rot[i] = (float)cos(ph) + I * (float)sin(ph);
  }
}

void chan_fading_update(struct phy_channel_state *s, uint32_t r)
{
  uint32_t m_n = s->nof_sinus;
  float norm = 1.0f / sqrtf((float)m_n);
  for (uint32_t n = 0; n < s->nof_taps; n++) {
    cf_t *rot = s->rot + ((size_t)r * s->nof_taps + n) * m_n;
    const cf_t *step = s->step + ((size_t)r * s->nof_taps + n) * m_n;
    float acc_re = 0.0f, acc_im = 0.0f;
    for (uint32_t m = 0; m < m_n; m++) {
      float a = crealf(rot[m]), b = cimagf(rot[m]);
      float c = crealf(step[m]), d = cimagf(step[m]);
      acc_re += a, acc_im += b;
      rot[m] = (a * c - b * d) + I * (a * d + b * c);
    }
    float g = s->tap_amp[n] * norm;
    s->gain[r][n] = g * acc_re + I * (g * acc_im);
  }
}

/* Modified Bessel function of the first kind, order 0 (power series). */
static double bessel_i0(double x)
{
  double sum = 1.0, term = 1.0, q = x * x / 4.0;
  for (int k = 1; k < 50 && term > 1e-17 * sum; k++) {
    term *= q / ((double)k * k);
    sum += term;
  }
  return sum;
}

#define KAISER_BETA                                                                                \
  8.0 /* about -80 dB sidelobes: the interpolation error stays below the                           \
         noise of any SNR a link simulation uses */

/* sinc(x) w(x) over |x| <= H, w the Kaiser window. */
static float windowed_sinc(double x)
{
  double h = PHY_CHANNEL_FIR_HALF;
  if (fabs(x) >= h) {
    return 0.0f;
  }
  double px = M_PI * x;
  double sinc = fabs(px) < 1e-12 ? 1.0 : sin(px) / px;
  double r = x / h;
  return (float)(sinc * bessel_i0(KAISER_BETA * sqrt(1.0 - r * r)) / bessel_i0(KAISER_BETA));
}

static int is_integer(double d)
{
  return fabs(d - nearbyint(d)) < 1e-6;
}

static void fir_one(chan_fir_t *f, double c)
{
  memset(f, 0, sizeof(*f));
  if (is_integer(c)) {
    f->k0 = (uint32_t)nearbyint(c), f->len = 1, f->coef[0] = 1.0f;
    return;
  }
  double first = ceil(c - PHY_CHANNEL_FIR_HALF);
  f->k0 = (uint32_t)first;
  for (uint32_t i = 0; i < CHAN_FIR_LEN && first + i < c + PHY_CHANNEL_FIR_HALF; i++) {
    f->coef[i] = windowed_sinc(first + i - c);
    f->len = i + 1;
  }
}

int chan_fir_build(struct phy_channel_state *s, double delay)
{
  uint32_t latency = 0;
  for (uint32_t n = 0; n < s->nof_taps; n++) {
    if (!is_integer(s->tap_delay[n] + delay)) {
      latency = PHY_CHANNEL_FIR_HALF;
    }
  }
  uint32_t len = 0;
  for (uint32_t n = 0; n < s->nof_taps; n++) {
    fir_one(&s->fir[n], latency + s->tap_delay[n] + delay);
    uint32_t end = s->fir[n].k0 + s->fir[n].len;
    len = end > len ? end : len;
  }
  if (len > s->cir_max) {
    return OLIVE_EINVAL;
  }
  s->latency = latency;
  s->cir_len = len;
  return 0;
}

/* The composite response is stored reversed (cir[cir_len - 1 - k] = h[k]) so the
 * convolution in phy_channel_run() reads both arrays forwards. */
void chan_cir_update(struct phy_channel_state *s, uint32_t r)
{
  float *hr = s->cir_re[r], *hi = s->cir_im[r];
  uint32_t last = s->cir_len - 1;
  memset(hr, 0, s->cir_len * sizeof(float));
  memset(hi, 0, s->cir_len * sizeof(float));
  for (uint32_t n = 0; n < s->nof_taps; n++) {
    const chan_fir_t *f = &s->fir[n];
    float gr = crealf(s->gain[r][n]), gi = cimagf(s->gain[r][n]);
    for (uint32_t i = 0; i < f->len; i++) {
      hr[last - (f->k0 + i)] += gr * f->coef[i];
      hi[last - (f->k0 + i)] += gi * f->coef[i];
    }
  }
}
