/* SPDX-License-Identifier: Apache-2.0 */
/* Cell search on one buffer: PSS search, CFO, timing, SSS, PBCH (see cellsearch.h for the
 * methods and their ranges). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "cellsearch_internal.h"
#include "olive/support/error.h"

/* Normal cyclic prefix, N_CP = 144 N_fft / 2048 samples (TS 38.211 5.3.1). Every SSB
 * symbol of cases A, B and C has it (none is symbol 0 or 7 2^mu of a half subframe). */
static uint32_t ssb_cp(const phy_cellsearch_t *q)
{
  return q->fft_n * 144u / 2048u;
}

/* Fine 1: the PSS correlation split into its two halves; their phase difference is the
 * residual CFO times N/2 samples. Range +-SCS. */
static double cfo_fine1(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                        uint32_t pos, uint32_t n_id2, double cfo)
{
  uint32_t n = q->fft_n;
  const cf_t *p = q->rep + (size_t)n_id2 * n;
  cs_rotate(x + pos, q->blk, n, cfg->ssb_offset_hz + cfo, q->args.srate_hz, pos);
  double complex c1 = 0, c2 = 0;
  for (uint32_t t = 0; t < n / 2; t++) {
    c1 += q->blk[t] * conjf(p[t]);
    c2 += q->blk[t + n / 2] * conjf(p[t + n / 2]);
  }
  return carg(c2 * conj(c1)) * q->args.srate_hz / (2.0 * M_PI * (n / 2));
}

/* Demodulates the 4 SSB symbols starting at x[start] (start of the PSS's CP) into rows
 * 0..3 of the SSB grid, as symbols l_sf .. l_sf + 3 of a subframe. */
static int demod_ssb(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                     uint32_t start, uint32_t l_sf, double cfo, float tau)
{
  uint32_t cp = ssb_cp(q), len = q->fft_n + cp;
  int r = cs_dem_tune(&q->ssb_dem, cfg, cfg->ssb_offset_hz, cfo);
  if (r == 0) {
    r = phy_ofdm_demod_set_timing(&q->ssb_dem, cp / 2, tau);
  }
  for (uint32_t i = 0; r >= 0 && i < PHY_SSB_NSYMB; i++) {
    r = cs_demod_symbol(q, &q->ssb_dem, x, start + i * len, l_sf + i, cfg->ssb_offset_hz,
                        phy_grid_symbol(&q->ssb_grid, 0, i));
  }
  return r < 0 ? r : 0;
}

/* LS channel estimates on the PSS (row 0) or SSS (row 2) subcarriers, d real +-1. */
static void ls_est(const phy_cellsearch_t *q, uint32_t row, const float d[PHY_PSS_LEN],
                   cf_t h[PHY_PSS_LEN])
{
  const cf_t *y = phy_grid_symbol(&q->ssb_grid, 0, row) + PHY_SSB_PSS_K0;
  for (uint32_t k = 0; k < PHY_PSS_LEN; k++) {
    h[k] = y[k] * d[k];
  }
}

/* Fractional timing: x[n - tau] puts exp(-j 2 pi k tau / N) on subcarrier k, so tau
 * maximises |sum_k h_k exp(j 2 pi k tau / N)| (the maximum-likelihood delay of a flat
 * channel; with multipath, the lag of the strongest coherent sum). Grid over +-1.5
 * samples (the integer peak is within one sample), step 1/32, then a parabola. */
static double coherent_sum(const cf_t h[PHY_PSS_LEN], double tau, uint32_t n_fft)
{
  double complex acc = 0, w = 1, step = cexp(2.0 * M_PI * I * tau / n_fft);
  for (uint32_t k = 0; k < PHY_PSS_LEN; k++) {
    acc += h[k] * w;
    w *= step;
  }
  return creal(acc * conj(acc));
}

static float delay_ml(const phy_cellsearch_t *q, const cf_t h[PHY_PSS_LEN], const cf_t *h2)
{
  const int steps = 48;
  double v[2 * 48 + 1], best = -1;
  int at = 0;
  for (int i = -steps; i <= steps; i++) {
    /* PSS and SSS add non-coherently: a residual CFO turns their relative phase */
    v[i + steps] = coherent_sum(h, i / 32.0, q->fft_n) +
                   (h2 != NULL ? coherent_sum(h2, i / 32.0, q->fft_n) : 0.0);
    if (v[i + steps] > best) {
      best = v[i + steps];
      at = i;
    }
  }
  double frac = 0;
  if (at > -steps && at < steps) {
    double a = v[at + steps - 1], b = v[at + steps], c = v[at + steps + 1];
    double den = a - 2 * b + c;
    frac = den < 0 ? 0.5 * (a - c) / den : 0;
  }
  return (float)((at + frac) / 32.0);
}

/* N_ID^(1): SSS equalised by the PSS estimate (same subcarriers, two symbols later),
 * correlated with each of the 336 sequences of this N_ID^(2) (7.4.2.3.1). */
static uint32_t detect_sss(const phy_cellsearch_t *q, uint32_t n_id2, const cf_t hp[PHY_PSS_LEN],
                           float *ratio)
{
  const cf_t *y = phy_grid_symbol(&q->ssb_grid, 0, 2) + PHY_SSB_PSS_K0;
  cf_t z[PHY_SSS_LEN];
  for (uint32_t k = 0; k < PHY_SSS_LEN; k++) {
    z[k] = y[k] * conjf(hp[k]);
  }
  double best = -1, second = -1;
  uint32_t n1 = 0;
  for (uint32_t c = 0; c < 336; c++) {
    float d[PHY_SSS_LEN];
    phy_sss_gen(3 * c + n_id2, d);
    cf_t acc = 0;
    for (uint32_t k = 0; k < PHY_SSS_LEN; k++) {
      acc += z[k] * d[k];
    }
    double m = crealf(acc * conjf(acc));
    if (m > best) {
      second = best;
      best = m;
      n1 = c;
    } else if (m > second) {
      second = m;
    }
  }
  *ratio = second > 0 ? (float)sqrt(best / second) : 1e3f;
  return n1;
}

/* Fine 2: PSS (row 0) and SSS (row 2) estimates are two symbols apart. */
static double cfo_fine2(const phy_cellsearch_t *q, uint32_t pci, const cf_t hp[PHY_PSS_LEN],
                        cf_t hs[PHY_SSS_LEN])
{
  float d[PHY_SSS_LEN];
  phy_sss_gen(pci, d);
  ls_est(q, 2, d, hs);
  double complex acc = 0;
  for (uint32_t k = 0; k < PHY_SSS_LEN; k++) {
    acc += hs[k] * conjf(hp[k]);
  }
  double t2 = 2.0 * (q->fft_n + ssb_cp(q)) / q->args.srate_hz;
  return carg(acc) / (2.0 * M_PI * t2);
}

static void pack_mib(phy_cellsearch_res_t *res)
{
  memset(res->mib, 0, sizeof(res->mib));
  for (uint32_t i = 0; i < PHY_BCH_MSG_BITS; i++) {
    res->mib[i / 8] |= (uint8_t)((res->bch[i] & 1u) << (7 - i % 8));
  }
}

/* PBCH to the MIB; on success the timing fields and the frame start. */
static int decode_pbch(phy_cellsearch_t *q, phy_cellsearch_res_t *res)
{
  phy_pbch_cfg_t pc = {
      .map = {.n_id = res->pci, .beta_pss = 1, .beta_sss = 1, .beta_pbch = 1, .beta_dmrs = 1},
      .l_max = q->args.l_max};
  phy_pbch_res_t pr;
  /* An all-zero SSB region (empty spectrum of a noiseless stream) gives all-zero LLRs,
   * and the all-zero word passes the unmasked PBCH CRC (38.212 7.1.3): refuse it. */
  float e = 0;
  for (uint32_t i = 1; i < PHY_SSB_NSYMB; i += 2) {
    const cf_t *row = phy_grid_symbol(&q->ssb_grid, 0, i);
    for (uint32_t k = 0; k < PHY_SSB_NSC; k++) {
      e += crealf(row[k] * conjf(row[k]));
    }
  }
  int r = e > 0 ? phy_pbch_decode(&q->pbch, &pc, &q->ssb_grid, 0, &pr) : OLIVE_ECRC;
  phy_cellsearch_mib_t mib;
  if (r == 0 && phy_cellsearch_mib_parse(pr.msg.bch, &mib) < 0) {
    r = OLIVE_ECRC; /* messageClassExtension: not a MIB we can use */
  }
  if (r < 0) {
    return r;
  }
  res->mib_ok = true;
  memcpy(res->bch, pr.msg.bch, sizeof(res->bch));
  pack_mib(res);
  res->sfn = pr.msg.sfn;
  res->hrf = pr.msg.hrf;
  res->ssb_idx = pr.msg.ssb_idx;
  res->k_ssb = (pr.msg.k_ssb & 16u) | mib.k_ssb_lsb;
  return OLIVE_OK;
}

/* Start of the SSB's frame: the PSS useful part minus its offset in the half frame
 * (TS 38.213 4.1 first symbol, 38.211 5.3.1 symbol lengths) and the half frame. */
static void frame_timing(const phy_cellsearch_t *q, phy_cellsearch_res_t *res)
{
  uint32_t first[PHY_SSB_MAX_LMAX], cp;
  phy_ssb_positions(q->args.ssb_case, q->args.l_max, first);
  double off = cs_symbol_start(q, first[res->ssb_idx], &cp) + cp;
  double hf = 5.0 * (q->args.srate_hz / 1000.0);
  res->frame_pos = res->pss_pos - off - res->hrf * hf;
}

static int check_run(const phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                     uint32_t len, const phy_cellsearch_res_t *res)
{
  if (q == NULL || q->blk == NULL || cfg == NULL || x == NULL || res == NULL ||
      !isfinite(cfg->ssb_offset_hz) || !isfinite(cfg->rx_center_hz) || cfg->rx_center_hz < 0 ||
      !(cfg->min_metric >= 0) || cfg->nof_known > PHY_CELLSEARCH_MAX_KNOWN ||
      (cfg->nof_known > 0 && cfg->known == NULL)) {
    return OLIVE_EINVAL;
  }
  for (uint32_t k = 0; k < cfg->nof_known; k++) {
    if (!isfinite(cfg->known[k].pss_pos) || !isfinite(cfg->known[k].frame_pos) ||
        !isfinite(cfg->known[k].cfo_hz) || cfg->known[k].n_id2 > 2) {
      return OLIVE_EINVAL;
    }
  }
  double scs = PHY_SCS_HZ(q->args.mu);
  double edge = fabs(cfg->ssb_offset_hz) + 120.0 * scs + q->args.max_cfo_hz + scs;
  if (edge >= q->args.srate_hz / 2 || len < 4 * (q->fft_n + ssb_cp(q)) + ssb_cp(q)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

/* Steps 2-4 on the PSS found at best: CFO fine 1, timing, SSS. */
static void sync_ssb(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                     const phy_pss_search_res_t *best, uint32_t l_sf, phy_cellsearch_res_t *res,
                     cf_t hp[PHY_PSS_LEN])
{
  uint32_t start = best->pos - ssb_cp(q);
  float d[PHY_PSS_LEN];
  phy_pss_gen(best->n_id2, d);
  res->cfo_coarse_hz = best->cfo_hz;
  res->cfo_fine1_hz = cfo_fine1(q, cfg, x, best->pos, best->n_id2, best->cfo_hz);
  res->cfo_hz = res->cfo_coarse_hz + res->cfo_fine1_hz;
  demod_ssb(q, cfg, x, start, l_sf, res->cfo_hz, 0.0f);
  ls_est(q, 0, d, hp);
  float tau = delay_ml(q, hp, NULL);
  demod_ssb(q, cfg, x, start, l_sf, res->cfo_hz, tau);
  ls_est(q, 0, d, hp);
  res->n_id2 = best->n_id2;
  res->n_id1 = detect_sss(q, best->n_id2, hp, &res->sss_metric);
  res->pci = 3 * res->n_id1 + res->n_id2;
  /* refine with the SSS too (twice the energy), now that the PCI is known */
  cf_t hs[PHY_SSS_LEN];
  phy_sss_gen(res->pci, d);
  ls_est(q, 2, d, hs);
  phy_pss_gen(best->n_id2, d);
  tau += delay_ml(q, hp, hs);
  demod_ssb(q, cfg, x, start, l_sf, res->cfo_hz, tau);
  ls_est(q, 0, d, hp);
  res->delay_frac = tau;
  res->pss_pos = best->pos + (double)tau;
}

/* Steps 2-5 on the PSS found at best. */
static int process(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                   const phy_pss_search_res_t *best, phy_cellsearch_res_t *res)
{
  uint32_t cp = ssb_cp(q);
  memset(res, 0, sizeof(*res));
  res->pss_metric = best->metric;
  res->found = true;
  uint32_t first[PHY_SSB_MAX_LMAX], nsf = PHY_SYMB_SF(q->args.mu);
  phy_ssb_positions(q->args.ssb_case, q->args.l_max, first);
  cf_t hp[PHY_PSS_LEN], hs[PHY_SSS_LEN];
  sync_ssb(q, cfg, x, best, first[0] % nsf, res, hp);
  int r = decode_pbch(q, res);
  uint32_t l_sf = r == 0 ? first[res->ssb_idx] % nsf : first[0] % nsf;
  if (r == 0 && l_sf != first[0] % nsf && cfg->rx_center_hz > 0) {
    /* the 5.4 phase of each symbol depends on its index: demodulate again */
    demod_ssb(q, cfg, x, best->pos - cp, l_sf, res->cfo_hz, (float)res->delay_frac);
    float d[PHY_PSS_LEN];
    phy_pss_gen(res->n_id2, d);
    ls_est(q, 0, d, hp);
  }
  if (r == 0 || cfg->rx_center_hz == 0) {
    res->cfo_fine2_hz = cfo_fine2(q, res->pci, hp, hs);
    res->cfo_hz += res->cfo_fine2_hz;
  } else {
    float d[PHY_SSS_LEN];
    phy_sss_gen(res->pci, d);
    ls_est(q, 2, d, hs);
  }
  res->snr_db = cs_snr_db(hs, PHY_SSS_LEN);
  if (r == 0) {
    frame_timing(q, res);
  }
  return r;
}

/* Steps 1-5 with the PSS searched in [lo, hi) of x. When the PBCH fails, up to
 * CS_RETRIES more searches skip the failed peaks: at low SNR in fading, noise or the
 * PSS's correlation with the SSB's own SSS/PBCH symbols can beat the faded PSS (measured,
 * TDL-A 300 ns, 3 bursts, whole-buffer search at 0 dB: MIB 99.3% -> 100% of 300). */
#define CS_RETRIES 2u
static int run_region(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                      uint32_t lo, uint32_t hi, phy_cellsearch_res_t *res)
{
  float thr = cfg->min_metric > 0 ? cfg->min_metric : PHY_CELLSEARCH_MIN_METRIC_N / q->fft_n;
  uint32_t skip[CS_RETRIES];
  int r = OLIVE_EAGAIN;
  memset(res, 0, sizeof(*res));
  for (uint32_t a = 0; a <= CS_RETRIES; a++) {
    phy_pss_search_res_t best;
    cs_find_pss(q, cfg, x, lo, hi, skip, a, &best);
    if (best.metric < thr) {
      if (a == 0) {
        res->pss_metric = best.metric;
      }
      break;
    }
    phy_cellsearch_res_t tmp;
    r = process(q, cfg, x, &best, &tmp);
    if (r == 0 || a == 0) {
      *res = tmp; /* a failure reports the first (strongest) peak */
    }
    if (r == 0 || a == CS_RETRIES) {
      break;
    }
    skip[a] = best.pos;
  }
  return r;
}

int phy_cellsearch_run(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                       uint32_t len, phy_cellsearch_res_t *res)
{
  int r = check_run(q, cfg, x, len, res);
  if (r < 0) {
    return r;
  }
  uint32_t cp = ssb_cp(q), end = len - 3 * (q->fft_n + cp) - q->fft_n + 1;
  uint32_t sf = (uint32_t)(q->args.srate_hz / 1000.0), seg = cfg->segment_ms * sf;
  if (seg == 0 || seg >= end) {
    return run_region(q, cfg, x, cp, end, res);
  }
  /* One SSB period at a time (plus the 5 ms a burst may span), first success wins; else
   * the strongest failure is reported. */
  phy_cellsearch_res_t best;
  int best_r = OLIVE_EAGAIN;
  memset(res, 0, sizeof(*res));
  for (uint32_t lo = cp; lo < end; lo += seg) {
    uint32_t hi = end - lo > seg + 5 * sf ? lo + seg + 5 * sf : end;
    r = run_region(q, cfg, x, lo, hi, &best);
    if (r == 0 || best.pss_metric > res->pss_metric) {
      *res = best;
      best_r = r;
    }
    if (r == 0) {
      break;
    }
  }
  return best_r;
}
