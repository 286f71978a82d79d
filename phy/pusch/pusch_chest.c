/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH DM-RS least-squares channel estimate (TS 38.211 6.4.1.1 gives where the DM-RS is;
 * the estimator is not specified):
 *   1. LS values v(k) = y(k) conj(r) / beta on the port's DM-RS REs. One layer: no other
 *      port of this UE shares the CDM group, so every RE is an estimate on its own (no k'
 *      despreading, which would halve the resolution in frequency);
 *   2. timing offset from the mean phase step between neighbouring DM-RS REs: a delay tau
 *      multiplies subcarrier k by exp(-j 2 pi k SCS tau) (TS 38.213 4.2 defines the TA
 *      unit the result is reported in); the ramp is removed before any averaging so that
 *      a timing error neither biases the noise estimate nor smears the average;
 *   3. noise variance per LS value s2 from second differences v(i-1) - 2 v(i) + v(i+1)
 *      (variance 6 s2 for white noise; blind to a channel linear over three REs) on equally
 *      spaced REs (type 1, transform precoding), from k' pair differences (2 s2) on type 2;
 *   4. per symbol and RX port, a centred moving average over W = 1, 3, 5, 7 or 9 REs, W
 *      chosen to minimise the estimated error: with r the residual v - average,
 *      E|r|^2 = bias^2 + s2 (1 - 1/W) and the error of the average is bias^2 + s2 / W, so
 *      MSE(W) = mean |r|^2 - s2 (1 - 2 / W) (W = 1: s2). AWGN picks wide windows, strong
 *      delay spread at high SNR narrow ones;
 *   5. linear interpolation between the DM-RS REs, held flat at the edges, ramp restored;
 *   6. with two or more DM-RS symbols, the common phase drift per OFDM symbol (a frequency
 *      offset): psi = sum_d w_d arg(c_d) / (l_{d+1} - l_d) / sum_d w_d with c_d = sum over
 *      ports and subcarriers of h_{d+1} conj(h_d), w_d = |c_d| (unambiguous while the drift
 *      between neighbouring DM-RS symbols stays below pi). The equaliser interpolates in
 *      time with this drift removed and extrapolates with it. */
#include <complex.h>
#include <math.h>

#include "olive/support/error.h"
#include "pusch_chest.h"

#define MAX_DMRS_RE (PHY_MAX_PRB * 6)
#define MAX_HALF_W  4u /* W up to 9 */

typedef struct chest_acc {
  cf_t corr;      /* sum of v(i+1) conj(v(i)) at the smallest DM-RS spacing */
  uint32_t d_min; /* that spacing, subcarriers */
  double noise;   /* sum of the noise terms (second or pair differences), scaled to s2 */
  uint32_t nnoise;
  double pow2; /* sum of |v|^2 */
  uint32_t npow;
} chest_acc_t;

static cf_t *ls_row(const phy_pusch_t *q, uint32_t r, uint32_t d)
{
  return q->b->ls + ((size_t)r * PHY_DMRS_MAX_SYMB + d) * (q->b->nsc / 2);
}

/* Step 1 and the correlation of step 2 for one symbol and RX port. */
static void ls_symbol(const cf_t *row, const cf_t *ref, const uint16_t *k, uint32_t n, float ib,
                      cf_t *ls, chest_acc_t *acc)
{
  for (uint32_t i = 0; i < n; i++) {
    ls[i] = row[k[i]] * conjf(ref[i]) * ib;
  }
  cf_t c = 0;
  for (uint32_t i = 0; i + 1 < n; i++) {
    if ((uint32_t)(k[i + 1] - k[i]) == acc->d_min) {
      c += ls[i + 1] * conjf(ls[i]);
    }
  }
  acc->corr += c;
}

/* rot[m] = exp(j theta m), m = 0 .. n - 1, by recursion in double precision. */
static void ramp(double theta, uint32_t n, cf_t *rot)
{
  double c = cos(theta), s = sin(theta), re = 1.0, im = 0.0;
  for (uint32_t m = 0; m < n; m++) {
    rot[m] = (float)re + I * (float)im;
    double t = re * c - im * s;
    im = re * s + im * c;
    re = t;
  }
}

static float abs2(cf_t x)
{
  return crealf(x) * crealf(x) + cimagf(x) * cimagf(x);
}

/* Removes the ramp from one row of LS values (step 2) and accumulates step 3 and the
 * power. */
static void derotate(cf_t *v, const uint16_t *k, uint32_t n, const cf_t *rot, uint32_t k0,
                     bool equal, chest_acc_t *acc)
{
  double p = 0, e = 0;
  for (uint32_t i = 0; i < n; i++) {
    v[i] *= rot[k[i] - k0];
    p += abs2(v[i]);
  }
  if (equal) {
    for (uint32_t i = 1; i + 1 < n; i++) {
      e += abs2(v[i - 1] - 2.0f * v[i] + v[i + 1]) / 6.0f;
    }
    acc->nnoise += n - 2;
  } else {
    for (uint32_t i = 0; i + 1 < n; i += 2) {
      e += abs2(v[i] - v[i + 1]) / 2.0f;
    }
    acc->nnoise += n / 2;
  }
  acc->noise += e;
  acc->pow2 += p;
  acc->npow += n;
}

/* Prefix sums of v in double precision (so long sums keep small differences exact), in
 * q->b->pre: re[0 .. n], im[0 .. n]. */
typedef struct prefix {
  double *re, *im;
} prefix_t;

static void prefix_sums(const cf_t *v, uint32_t n, prefix_t *p)
{
  p->re[0] = p->im[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    p->re[i + 1] = p->re[i] + crealf(v[i]);
    p->im[i + 1] = p->im[i] + cimagf(v[i]);
  }
}

/* Centred moving average of half-width w (truncated at the edges) into s (may be NULL);
 * returns the mean squared residual |v - s|^2. */
static double moving_average(const cf_t *v, uint32_t n, uint32_t w, const prefix_t *p, cf_t *s)
{
  double r2 = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t a = i > w ? i - w : 0, b = i + w < n ? i + w + 1 : n;
    double inv = 1.0 / (b - a);
    double mr = (p->re[b] - p->re[a]) * inv, mi = (p->im[b] - p->im[a]) * inv;
    double dr = crealf(v[i]) - mr, di = cimagf(v[i]) - mi;
    r2 += dr * dr + di * di;
    if (s != NULL) {
      s[i] = (float)mr + I * (float)mi;
    }
  }
  return r2 / n;
}

/* Step 4: the window of least estimated error; writes the smoothed values to s. */
static void smooth(const cf_t *v, uint32_t n, float s2, double *pre, cf_t *s)
{
  prefix_t p = {.re = pre, .im = pre + n + 1};
  prefix_sums(v, n, &p);
  double best = s2;
  uint32_t best_w = 0;
  for (uint32_t w = 1; w <= MAX_HALF_W && 2 * w < n; w++) {
    double mse = moving_average(v, n, w, &p, NULL) - s2 * (1.0 - 2.0 / (2 * w + 1));
    if (mse < best) {
      best = mse;
      best_w = w;
    }
  }
  moving_average(v, n, best_w, &p, s);
}

/* Step 5 onto k0 .. k0 + m - 1 with the ramp restored (conj(rot)). */
static void interp(const uint16_t *k, const cf_t *s, uint32_t n, const cf_t *rot, uint32_t k0,
                   uint32_t m, cf_t *h)
{
  uint32_t j = 0;
  for (uint32_t i = 0; i < m; i++) {
    uint32_t x = k0 + i;
    while (j + 1 < n && k[j + 1] <= x) {
      j++;
    }
    cf_t e;
    if (x <= k[0]) {
      e = s[0];
    } else if (j + 1 >= n) {
      e = s[n - 1];
    } else {
      float t = (float)(x - k[j]) / (float)(k[j + 1] - k[j]);
      e = s[j] + t * (s[j + 1] - s[j]);
    }
    h[x] = e * conjf(rot[i]);
  }
}

/* Step 6 from the estimates of the allocation's subcarriers. */
static float phase_drift(const phy_pusch_t *q, const pusch_layout_t *lo, uint32_t nof_rx)
{
  double num = 0, den = 0;
  for (uint32_t d = 0; d + 1 < lo->nof_dmrs; d++) {
    double cr = 0, ci = 0;
    for (uint32_t r = 0; r < nof_rx; r++) {
      const float *a = (const float *)(pusch_h_row(q, r, d) + lo->k0);
      const float *b = (const float *)(pusch_h_row(q, r, d + 1) + lo->k0);
      float sr = 0, si = 0;
      for (size_t j = 0; j < lo->m_sc; j++) {
        sr += b[2 * j] * a[2 * j] + b[2 * j + 1] * a[2 * j + 1];
        si += b[2 * j + 1] * a[2 * j] - b[2 * j] * a[2 * j + 1];
      }
      cr += sr;
      ci += si;
    }
    double w = hypot(cr, ci);
    if (w > 0) {
      num += w * atan2(ci, cr) / (double)(lo->dmrs_l[d + 1] - lo->dmrs_l[d]);
      den += w;
    }
  }
  return den > 0 ? (float)(num / den) : 0.0f;
}

int pusch_chest(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                const phy_grid_t *grid, uint32_t nof_rx, pusch_chest_t *ce)
{
  cf_t ref[MAX_DMRS_RE], s[MAX_DMRS_RE];
  uint16_t k[MAX_DMRS_RE];
  bool type2 = cfg->dmrs_type == PHY_DMRS_TYPE2 && !cfg->transform_precoding;
  chest_acc_t acc = {.d_min = type2 ? 1 : 2};
  float ib = 1.0f / lo->beta;
  int n = 0;
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    n = pusch_dmrs_ref(cfg, lo, lo->dmrs_l[d], ref, k);
    if (n < 4) {
      return n < 0 ? n : OLIVE_EINVAL;
    }
    for (uint32_t r = 0; r < nof_rx; r++) {
      ls_symbol(phy_grid_symbol(grid, r, lo->dmrs_l[d]), ref, k, (uint32_t)n, ib, ls_row(q, r, d),
                &acc);
    }
  }
  /* H(k) ~ exp(-j 2 pi k SCS tau): the phase step over d_min subcarriers is -2 pi d_min SCS
   * tau. The k of every DM-RS symbol are the same (they depend on the port and PRBs). */
  double scs = (double)PHY_SCS_HZ(cfg->mu);
  double step = cabsf(acc.corr) > 0.0f ? (double)cargf(acc.corr) : 0.0;
  ce->ta_s = (float)(-step / (2.0 * M_PI * acc.d_min * scs));
  ramp(-step / acc.d_min, lo->m_sc, q->b->rot); /* exp(+j 2 pi SCS tau m) removes the delay */
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    for (uint32_t r = 0; r < nof_rx; r++) {
      derotate(ls_row(q, r, d), k, (uint32_t)n, q->b->rot, lo->k0, !type2, &acc);
    }
  }
  /* s2 = N0 / beta^2 per LS value */
  double s2 = acc.nnoise ? acc.noise / acc.nnoise : 0.0;
  s2 = s2 > 1e-12 ? s2 : 1e-12;
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    for (uint32_t r = 0; r < nof_rx; r++) {
      smooth(ls_row(q, r, d), (uint32_t)n, (float)s2, q->b->pre, s);
      interp(k, s, (uint32_t)n, q->b->rot, lo->k0, lo->m_sc, pusch_h_row(q, r, d));
    }
  }
  ce->psi = phase_drift(q, lo, nof_rx);
  double b2 = (double)lo->beta * lo->beta, sig = acc.pow2 / acc.npow - s2;
  ce->n0 = (float)(b2 * s2);
  ce->sig = sig > 0 ? (float)sig : 0.0f;
  return 0;
}
