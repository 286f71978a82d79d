/* SPDX-License-Identifier: Apache-2.0 */
/* gNB PRACH detector (TS 38.211 6.3.3.1 / 5.3.2 inverted; TS 38.141-1 8.4 test model).
 *
 * 1. Extraction, without an FFT over the whole sampled band: the nof_rep sequence periods
 *    after the CP are summed (coherent: the signal is N-periodic), the PRACH band is mixed
 *    to DC, low-pass filtered (Kaiser FIR, 70 dB stop band) and decimated by D = N / m, and
 *    an m-point FFT (m the smallest divisor of N >= 2 L_RA: 2048 for format 0, 2304 for
 *    format 3 at 23.04 Msps, 384 for L = 139 at 15 kHz) gives the L_RA bins. Filtering
 *    is cyclic over the period, so it multiplies each bin by the filter response H, which
 *    is undone exactly (eq); aliases come only from the stop band. Why: it costs N complex
 *    multiplies (mixing), m * taps real MACs (67 taps for format 0 at 23.04 Msps) and one
 *    m-point FFT, where an N-point FFT (18432 at 23.04 Msps) computes 22 times more bins
 *    than are used and a partial DFT of the L_RA bins would cost L_RA * N MACs.
 * 2. Correlation: for each root u, z(k) = Y(k) conj(y_u(k)); one M-point IFFT (M = 1024 /
 *    256 >= L_RA, zero padded: lag step L / M ZC samples) gives every cyclic shift:
 *    preamble (u, C_v) delayed by d ZC samples peaks at lag s = d - C_v (mod L_RA).
 * 3. Statistic per lag: T = sum_a |c_a|^2 / (s2_a L_RA^2), s2_a = mean |Y_a(k)|^2 over the
 *    L_RA bins (noise plus signal power: robust, and T <= nof_rx L_RA). Noise only: each
 *    term is Exp(1), T ~ Gamma(nof_rx, 1) (slightly heavier for the estimated s2). The
 *    threshold g solves nof_roots * M * P(T > g) = p_fa (prach_det_init.c).
 * 4. Each preamble's window covers delays d in [-0.5, N_CS - 0.5) ZC samples (the whole
 *    L_RA for N_CS = 0); its maximum above g is a detection. A detection within 1.5 ZC
 *    samples of a stronger one of the same root, or within 4 of one 10 times stronger, is
 *    the other's main lobe or sidelobe crossing a window edge and is dropped.
 * 5. Report: the delay is refined by a parabola through sqrt(T) at the peak and its
 *    neighbours, then by a second one through T evaluated exactly (direct sum) a quarter
 *    lag apart; T at the refined peak gives rho = (T / nof_rx - 1) / L_RA = P / (P + N),
 *    SNR = rho / (1 - rho) and the power; TA = round(delay / (16 * 64 T_c / 2^mu)). */
#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "prach_internal.h"

/* 4 floats (2 complex): a GCC/clang vector type (one SSE2 register on x86-64). */
typedef float v4f __attribute__((vector_size(16)));

/* Sums the repetitions of antenna input `in`, mixes bin `c` to DC and extracts y (L_RA
 * bins, unitary N-point DFT scale). Returns the mean bin power. */
static float extract(phy_prach_det_t *q, const phy_prach_occasion_t *occ, const cf_t *in, cf_t *y)
{
  uint32_t n = q->n_seq, half = (q->ntaps - 1) / 2, l = q->l_ra;
  int64_t c = ((int64_t)occ->first_bin + (l - 1) / 2) % (int64_t)n;
  uint32_t step = (uint32_t)(c < 0 ? c + n : c), idx = 0;
  cf_t *e = q->acc + half; /* e[-half .. n + half - 1] valid after the wrap copies */
  const cf_t *s = in + occ->n_cp;
  for (uint32_t i = 0; i < n; i++) {
    float vr = crealf(s[i]), vi = cimagf(s[i]);
    for (uint32_t r = 1; r < occ->info.nof_rep; r++) {
      vr += crealf(s[i + r * n]);
      vi += cimagf(s[i + r * n]);
    }
    float wr = crealf(q->w[idx]), wi = cimagf(q->w[idx]);
    e[i] = (vr * wr - vi * wi) + I * (vr * wi + vi * wr);
    idx += step;
    idx = idx >= n ? idx - n : idx;
  }
  memcpy(q->acc, e + n - half, sizeof(cf_t) * half);
  memcpy(e + n, e, sizeof(cf_t) * (q->ntaps_pad - half));
  /* FIR on the interleaved floats with duplicated taps: 8 independent lanes (4 complex
   * taps) per step; even lanes sum to re, odd to im. */
  const float *h = q->taps;
  const uint32_t nt2 = 2 * q->ntaps_pad;
  for (uint32_t j = 0; j < q->m; j++) {
    const float *src = (const float *)(q->acc + (size_t)j * q->dec);
    v4f a0 = {0}, a1 = {0};
    for (uint32_t u = 0; u < nt2; u += 8) {
      v4f h0, h1, x0, x1;
      memcpy(&h0, h + u, sizeof(h0));
      memcpy(&h1, h + u + 4, sizeof(h1));
      memcpy(&x0, src + u, sizeof(x0));
      memcpy(&x1, src + u + 4, sizeof(x1));
      a0 += h0 * x0;
      a1 += h1 * x1;
    }
    a0 += a1;
    q->small_in[j] = (a0[0] + a0[2]) + I * (a0[1] + a0[3]);
  }
  fftwf_execute(q->plan_small);
  float pow = 0;
  for (uint32_t k = 0; k < l; k++) {
    int32_t kk = (int32_t)k - (int32_t)(l - 1) / 2;
    cf_t v = q->small_out[kk < 0 ? kk + (int32_t)q->m : kk];
    v = crealf(v) * q->eq[k] + I * (cimagf(v) * q->eq[k]);
    y[k] = v;
    pow += crealf(v) * crealf(v) + cimagf(v) * cimagf(v);
  }
  return pow / (float)l;
}

/* conj(y_u) of the roots of `map` into q->roots (recomputed when the roots change). */
static void load_roots(phy_prach_det_t *q, const phy_prach_preamble_map_t *map, uint32_t logical)
{
  if (q->cache_nroots == map->nof_roots && q->cache_root == logical) {
    return;
  }
  for (uint32_t r = 0; r < map->nof_roots; r++) {
    (void)phy_prach_seq_x(q->xtmp, q->l_ra, map->u[r], 0);
    fftwf_execute(q->plan_dft);
    cf_t *dst = q->roots + (size_t)r * q->l_ra;
    for (uint32_t k = 0; k < q->l_ra; k++) {
      dst[k] = conjf(q->ytmp[k]);
    }
  }
  q->cache_root = logical;
  q->cache_nroots = map->nof_roots;
}

/* T(lag) of root r into q->metric. */
static void correlate(phy_prach_det_t *q, uint32_t r, const float *s2)
{
  const cf_t *xr = q->roots + (size_t)r * q->l_ra;
  float l2 = (float)q->l_ra * (float)q->l_ra;
  memset(q->metric, 0, sizeof(float) * q->corr_size);
  for (uint32_t a = 0; a < q->nof_rx; a++) {
    if (!(s2[a] > 0)) {
      continue;
    }
    const cf_t *y = q->y[a];
    for (uint32_t k = 0; k < q->l_ra; k++) {
      float yr = crealf(y[k]), yi = cimagf(y[k]), xr_ = crealf(xr[k]), xi = cimagf(xr[k]);
      q->cin[k] = (yr * xr_ - yi * xi) + I * (yr * xi + yi * xr_);
    }
    memset(q->cin + q->l_ra, 0, sizeof(cf_t) * (q->corr_size - q->l_ra));
    fftwf_execute(q->plan_corr);
    float g = 1.0f / (s2[a] * l2);
    for (uint32_t i = 0; i < q->corr_size; i++) {
      cf_t v = q->cout[i];
      q->metric[i] += (crealf(v) * crealf(v) + cimagf(v) * cimagf(v)) * g;
    }
  }
}

typedef struct window {
  int32_t start; /* first lag, unwrapped (may be negative) */
  uint32_t len;
} window_t;

static window_t preamble_window(const phy_prach_det_t *q, uint32_t ncs, uint32_t cv)
{
  double m = q->corr_size, l = q->l_ra, w = ncs == 0 ? l : ncs;
  int32_t s = (int32_t)ceil(m * (-0.5 - cv) / l), e = (int32_t)ceil(m * (w - 0.5 - cv) / l);
  window_t win = {s, (uint32_t)(e - s)};
  return win;
}

/* Unwrapped lag of the largest statistic in window w (scanned in at most two runs). */
static int32_t window_max(const phy_prach_det_t *q, window_t w)
{
  int32_t m = (int32_t)q->corr_size, i0 = ((w.start % m) + m) % m;
  uint32_t run1 = w.len < (uint32_t)(m - i0) ? w.len : (uint32_t)(m - i0), best = 0;
  const float *v = q->metric;
  float bv = v[i0];
  for (uint32_t j = 1; j < run1; j++) {
    if (v[i0 + (int32_t)j] > bv) {
      bv = v[i0 + (int32_t)j];
      best = j;
    }
  }
  for (uint32_t j = run1; j < w.len; j++) {
    if (v[j - run1] > bv) {
      bv = v[j - run1];
      best = j;
    }
  }
  return w.start + (int32_t)best;
}

static float metric_at(const phy_prach_det_t *q, int32_t i)
{
  int32_t m = (int32_t)q->corr_size;
  return q->metric[((i % m) + m) % m];
}

/* T at fractional lag x (lag units) of root r: the zero-padded IFFT evaluated directly,
 * sum_k Y(k) conj(y_u(k)) exp(j 2 pi k x / M), by a rotation recurrence. */
static double metric_exact(const phy_prach_det_t *q, uint32_t r, const float *s2, double x)
{
  const cf_t *xr = q->roots + (size_t)r * q->l_ra;
  double ph = 2.0 * M_PI * x / q->corr_size, l2 = (double)q->l_ra * q->l_ra, t = 0;
  double complex step = cos(ph) + I * sin(ph);
  for (uint32_t a = 0; a < q->nof_rx; a++) {
    if (!(s2[a] > 0)) {
      continue;
    }
    double complex rot = 1.0, acc = 0;
    for (uint32_t k = 0; k < q->l_ra; k++) {
      acc += (double complex)(q->y[a][k] * xr[k]) * rot;
      rot *= step;
    }
    t += (creal(acc) * creal(acc) + cimag(acc) * cimag(acc)) / (s2[a] * l2);
  }
  return t;
}

/* Fractional peak near lag ip: a parabola through sqrt(T) at ip - 1, ip, ip + 1, refined by
 * a second parabola through exact evaluations a quarter lag apart. Returns the offset in
 * lags (|.| <= 0.5) and the peak statistic in *tpk. */
static double refine_peak(const phy_prach_det_t *q, uint32_t r, const float *s2, int32_t ip,
                          double *tpk)
{
  double a = sqrt(metric_at(q, ip - 1)), b = sqrt(metric_at(q, ip)), c = sqrt(metric_at(q, ip + 1));
  double den = a - 2 * b + c, d = den < 0 ? 0.5 * (a - c) / den : 0.0;
  d = fmax(-0.5, fmin(0.5, d));
  const double h = 0.25;
  a = sqrt(metric_exact(q, r, s2, ip + d - h));
  b = sqrt(metric_exact(q, r, s2, ip + d));
  c = sqrt(metric_exact(q, r, s2, ip + d + h));
  den = a - 2 * b + c;
  double d2 = den < 0 ? 0.5 * h * (a - c) / den : 0.0;
  d = fmax(-0.5, fmin(0.5, d + fmax(-h, fmin(h, d2))));
  *tpk = metric_exact(q, r, s2, ip + d);
  return d;
}

/* Fills `d` for a peak at unwrapped lag ip of root r, shift cv; s2m is the mean noise
 * estimate. */
static void report(const phy_prach_det_t *q, uint32_t r, const float *s2, int32_t ip, uint32_t cv,
                   float s2m, phy_prach_detection_t *d)
{
  double t;
  double delta = refine_peak(q, r, s2, ip, &t);
  double zc = ((double)ip + delta) * q->l_ra / q->corr_size + cv; /* delay, ZC samples */
  double tau = fmax(0.0, zc) / ((double)q->l_ra * q->scs_hz);     /* seconds */
  double ta_unit = 1024.0 / (double)(1u << q->carrier.mu) / (PHY_PRACH_TC_PER_MS * 1000.0);
  double rho = fmin(0.999, fmax(0.0, (t / q->nof_rx - 1.0) / q->l_ra)); /* P / (P + N) */
  d->ta = (uint32_t)lround(tau / ta_unit);
  d->delay_us = (float)(tau * 1e6);
  d->metric = metric_at(q, ip);
  d->power_db = (float)(10.0 * log10(fmax(1e-30, rho * s2m * q->l_ra / q->n_seq)));
  d->snr_db = (float)(10.0 * log10(fmax(1e-30, rho / (1.0 - rho))));
}

/* Drops detections of one root (det[first .. nd - 1]) that sit within 1.5 ZC samples of a
 * stronger one (its main lobe crossing a window edge) or within 4 ZC samples of one at
 * least 10 times stronger (Dirichlet sidelobes: the first at -13 dB, 1.43 ZC samples
 * away). Two real preambles that close cannot be told apart from a lobe anyway. */
static uint32_t drop_sidelobes(const phy_prach_det_t *q, phy_prach_detection_t *det,
                               const int32_t *lag, uint32_t first, uint32_t nd)
{
  double zc = (double)q->corr_size / q->l_ra; /* lags per ZC sample */
  int32_t m = (int32_t)q->corr_size;
  bool keep[PHY_PRACH_MAX_DET];
  for (uint32_t i = first; i < nd; i++) {
    keep[i] = true;
    for (uint32_t j = first; j < nd; j++) {
      int32_t dist = (((lag[i] - lag[j]) % m) + m) % m;
      dist = dist > m / 2 ? m - dist : dist;
      bool lobe = dist <= 1.5 * zc && det[j].metric > det[i].metric;
      bool side = dist <= 4.0 * zc && det[j].metric >= 10.0f * det[i].metric;
      if (j != i && (lobe || side)) {
        keep[i] = false;
      }
    }
  }
  uint32_t out = first;
  for (uint32_t i = first; i < nd; i++) {
    if (keep[i]) {
      det[out++] = det[i];
    }
  }
  return out;
}

int phy_prach_detect(phy_prach_det_t *q, const phy_prach_cfg_t *cfg, const cf_t *const *in,
                     phy_prach_detection_t *det, uint32_t max_det)
{
  phy_prach_occasion_t occ;
  phy_prach_preamble_map_t map;
  if (q == NULL || q->plan_corr == NULL || cfg == NULL || in == NULL || (det == NULL && max_det) ||
      phy_prach_occasion(&q->carrier, q->mu_ra, cfg, &occ) < 0 || occ.info.l_ra != q->l_ra ||
      occ.info.scs_hz != q->scs_hz ||
      phy_prach_preamble_map(&map, q->l_ra, cfg->root_logical, occ.ncs) < 0) {
    return OLIVE_EINVAL;
  }
  max_det = max_det > PHY_PRACH_MAX_DET ? PHY_PRACH_MAX_DET : max_det;
  float s2[PHY_PRACH_MAX_RX], s2m = 0;
  for (uint32_t a = 0; a < q->nof_rx; a++) {
    if (in[a] == NULL) {
      return OLIVE_EINVAL;
    }
    s2[a] = extract(q, &occ, in[a], q->y[a]);
    s2m += s2[a] / (float)q->nof_rx;
  }
  load_roots(q, &map, cfg->root_logical);
  float g = q->thr[map.nof_roots - 1];
  uint32_t nd = 0;
  int32_t lag[PHY_PRACH_MAX_DET];
  for (uint32_t r = 0; r < map.nof_roots; r++) {
    uint32_t first = nd;
    correlate(q, r, s2);
    for (uint32_t v = 0; v < map.nof_shifts; v++) {
      uint32_t p = r * map.nof_shifts + v;
      if (p >= PHY_PRACH_NOF_PREAMBLES) {
        break;
      }
      window_t w = preamble_window(q, occ.ncs, map.cv[v]);
      int32_t best = window_max(q, w);
      if (metric_at(q, best) > g && nd < max_det) {
        det[nd].preamble = p;
        report(q, r, s2, best, map.cv[v], s2m, &det[nd]);
        lag[nd++] = best;
      }
    }
    nd = drop_sidelobes(q, det, lag, first, nd);
  }
  return (int)nd;
}
