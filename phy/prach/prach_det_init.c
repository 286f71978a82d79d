/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH detector set-up: extraction filter design, FFTW plans, thresholds. See prach_det.c
 * for the method. Init-time only. */
#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "../ofdm/fft_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "prach_internal.h"

#define STOP_DB 70.0 /* stop-band attenuation of the extraction filter */

/* Modified Bessel function I0 (power series; converges fast for the Kaiser beta used). */
static double bessel_i0(double x)
{
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 50; k++) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
  }
  return sum;
}

/* Kaiser-windowed sinc low-pass, cut-off 1 / (2 D) cycles per sample (the decimated
 * Nyquist), transition width (m - L) / N so that aliases fold onto the L_RA bins only from
 * the stop band (Kaiser's formulas for taps and beta at STOP_DB). */
static int design_filter(phy_prach_det_t *q)
{
  double df = (double)(q->m - q->l_ra) / q->n_seq;
  uint32_t n = (uint32_t)ceil((STOP_DB - 8.0) / (2.285 * 2.0 * M_PI * df)) + 1;
  q->ntaps = n | 1u;
  q->ntaps_pad = (q->ntaps + 3u) & ~3u;
  q->taps = olive_mem_alloc(sizeof(float) * 2 * q->ntaps_pad);
  q->acc = olive_mem_alloc(sizeof(cf_t) * (q->n_seq + q->ntaps_pad));
  if (q->taps == NULL || q->acc == NULL) {
    return OLIVE_ENOMEM;
  }
  double beta = 0.1102 * (STOP_DB - 8.7), fc = 0.5 / q->dec, c = (q->ntaps - 1) / 2.0, sum = 0;
  for (uint32_t t = 0; t < q->ntaps; t++) {
    double x = t - c, r = x / c;
    double s = x == 0.0 ? 2.0 * fc : sin(2.0 * M_PI * fc * x) / (M_PI * x);
    double h = s * bessel_i0(beta * sqrt(fmax(0.0, 1.0 - r * r))) / bessel_i0(beta);
    q->taps[2 * t] = (float)h;
    sum += h;
  }
  for (uint32_t t = 0; t < q->ntaps; t++) {
    q->taps[2 * t] = q->taps[2 * t + 1] = (float)(q->taps[2 * t] / sum);
  }
  /* eq[k] = D / (H(k') sqrt(N)), k' = k - (L-1)/2: undoes the filter and scales the
   * decimated FFT to the unitary N-point DFT of the sequence period. */
  for (uint32_t k = 0; k < q->l_ra; k++) {
    double kp = (double)k - (q->l_ra - 1) / 2.0, h = 0;
    for (uint32_t t = 0; t < q->ntaps; t++) {
      h += q->taps[2 * t] * cos(2.0 * M_PI * kp * (t - c) / q->n_seq);
    }
    q->eq[k] = (float)(q->dec / (h * sqrt((double)q->n_seq)));
  }
  return OLIVE_OK;
}

/* Small FFT size: the smallest divisor m of N with m >= 2 L_RA (an integer decimation
 * D = N / m, and a transition band of at least L_RA bins). Correlation IFFT: the power of
 * two >= L_RA (lag step L_RA / M of a ZC sample). */
static void choose_sizes(phy_prach_det_t *q)
{
  q->m = q->n_seq;
  for (uint32_t m = 2 * q->l_ra; m < q->n_seq; m++) {
    if (q->n_seq % m == 0) {
      q->m = m;
      break;
    }
  }
  q->dec = q->n_seq / q->m;
  q->corr_size = q->l_ra == PHY_PRACH_L_LONG ? 1024 : 256;
}

static int make_plans(phy_prach_det_t *q, const phy_prach_det_args_t *args)
{
  unsigned flags = phy_fft_flags(args->plan);
  phy_fft_planner_begin(args->wisdom_path);
  q->plan_small = fftwf_plan_dft_1d((int)q->m, (fftwf_complex *)q->small_in,
                                    (fftwf_complex *)q->small_out, FFTW_FORWARD, flags);
  q->plan_corr = fftwf_plan_dft_1d((int)q->corr_size, (fftwf_complex *)q->cin,
                                   (fftwf_complex *)q->cout, FFTW_BACKWARD, flags);
  q->plan_dft = fftwf_plan_dft_1d((int)q->l_ra, (fftwf_complex *)q->xtmp, (fftwf_complex *)q->ytmp,
                                  FFTW_FORWARD, flags);
  bool ok = q->plan_small != NULL && q->plan_corr != NULL && q->plan_dft != NULL;
  phy_fft_planner_end(args->wisdom_path, ok);
  return ok ? OLIVE_OK : OLIVE_ENOMEM;
}

static int alloc_all(phy_prach_det_t *q)
{
  q->eq = olive_mem_alloc(sizeof(float) * q->l_ra);
  q->w = olive_mem_alloc(sizeof(cf_t) * q->n_seq);
  q->small_in = olive_mem_alloc(sizeof(cf_t) * q->m);
  q->small_out = olive_mem_alloc(sizeof(cf_t) * q->m);
  q->roots = olive_mem_alloc(sizeof(cf_t) * q->l_ra * PHY_PRACH_NOF_PREAMBLES);
  q->xtmp = olive_mem_alloc(sizeof(cf_t) * q->l_ra);
  q->ytmp = olive_mem_alloc(sizeof(cf_t) * q->l_ra);
  q->cin = olive_mem_alloc(sizeof(cf_t) * q->corr_size);
  q->cout = olive_mem_alloc(sizeof(cf_t) * q->corr_size);
  q->metric = olive_mem_alloc(sizeof(float) * q->corr_size);
  bool ok = q->eq && q->w && q->small_in && q->small_out && q->roots && q->xtmp && q->ytmp &&
            q->cin && q->cout && q->metric;
  for (uint32_t a = 0; a < q->nof_rx; a++) {
    q->y[a] = olive_mem_alloc(sizeof(cf_t) * q->l_ra);
    ok = ok && q->y[a] != NULL;
  }
  return ok ? OLIVE_OK : OLIVE_ENOMEM;
}

void phy_prach_det_free(phy_prach_det_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_fft_destroy(q->plan_small);
  phy_fft_destroy(q->plan_corr);
  phy_fft_destroy(q->plan_dft);
  void *bufs[] = {q->taps,  q->eq,   q->w,    q->acc, q->small_in, q->small_out,
                  q->roots, q->xtmp, q->ytmp, q->cin, q->cout,     q->metric};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(bufs); i++) {
    olive_mem_free(bufs[i]);
  }
  for (uint32_t a = 0; a < PHY_PRACH_MAX_RX; a++) {
    olive_mem_free(q->y[a]);
  }
  memset(q, 0, sizeof(*q));
}

int phy_prach_det_init(phy_prach_det_t *q, const phy_prach_det_args_t *args)
{
  if (q == NULL || args == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  q->carrier = args->carrier;
  q->mu_ra = args->mu_ra;
  q->nof_rx = args->nof_rx;
  q->l_ra = prach_format_l_ra(args->format);
  q->scs_hz = prach_format_scs(args->format, args->mu_ra);
  q->p_fa = args->p_fa > 0 ? args->p_fa : 1e-3;
  if (phy_carrier_check(&q->carrier) < 0 || q->l_ra == 0 || q->scs_hz == 0 || q->nof_rx == 0 ||
      q->nof_rx > PHY_PRACH_MAX_RX || !(q->p_fa < 1.0)) {
    return OLIVE_EINVAL;
  }
  double n = q->carrier.srate_hz / q->scs_hz;
  q->n_seq = (uint32_t)n;
  if ((double)q->n_seq != n || q->n_seq < q->l_ra) {
    return OLIVE_EINVAL;
  }
  choose_sizes(q);
  int rc = alloc_all(q);
  if (rc == OLIVE_OK) {
    rc = design_filter(q);
  }
  if (rc == OLIVE_OK) {
    rc = make_plans(q, args);
  }
  if (rc != OLIVE_OK) {
    phy_prach_det_free(q);
    return rc;
  }
  for (uint32_t i = 0; i < q->n_seq; i++) {
    double ph = -2.0 * M_PI * i / q->n_seq;
    q->w[i] = (float)cos(ph) + I * (float)sin(ph);
  }
  for (uint32_t r = 0; r < PHY_PRACH_NOF_PREAMBLES; r++) {
    q->thr[r] = (float)phy_prach_det_threshold(q, r + 1);
  }
  return OLIVE_OK;
}

/* P(T > g) for one lag: T is the sum over nof_rx antennas of |c|^2 / (s2 L^2), a
 * Gamma(nof_rx, 1) variable when the noise variance is known; with s2 estimated from the
 * same K = nof_rx L bins the tail is heavier, approximated by evaluating the Gamma tail at
 * K ln(1 + g / K) (exact for nof_rx = 1 as an F(2, 2K) tail). */
static double cell_tail(double g, uint32_t nof_rx, uint32_t l_ra)
{
  double k = (double)nof_rx * l_ra, x = k * log1p(g / k), term = 1.0, sum = 1.0;
  for (uint32_t i = 1; i < nof_rx; i++) {
    term *= x / i;
    sum += term;
  }
  return exp(-x) * sum;
}

double phy_prach_det_threshold(const phy_prach_det_t *q, uint32_t nof_roots)
{
  /* Union bound over the nof_roots * M lags searched: n_cells * P(T > g) = p_fa. M > L
   * interpolated lags are correlated, so counting all M is conservative. */
  double cells = (double)nof_roots * q->corr_size, lo = 0.0, hi = 1000.0;
  for (int it = 0; it < 100; it++) {
    double mid = 0.5 * (lo + hi);
    if (cells * cell_tail(mid, q->nof_rx, q->l_ra) > q->p_fa) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}
