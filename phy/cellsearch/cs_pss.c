/* SPDX-License-Identifier: Apache-2.0 */
/* Step 1 of the cell search: the PSS search over a range of x, skipping the SSB positions
 * of cells already found (cfg->known) and trying their PSS positions with the other two
 * N_ID^(2), so a second cell on the same SSB frequency is found whether or not its frames
 * are aligned with the first one's. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "cellsearch_internal.h"

#define CS_MAX_EXCL 512u /* skipped windows: 10 half frames x 8 SSBs x 4 cells, with margin */

/* phy_pss_search's metric divides by the window energy; where the input is exactly zero
 * (a transmitter's empty symbols, a ZMQ stream before the gNB starts) the float FFT's
 * round-off over a near-empty window gives metrics far above 1. A deterministic dither
 * 70 dB below the block's mean power keeps every window's energy above that round-off
 * (reported to the ssb owner); all-zero blocks are skipped. */
static bool dither(cf_t *b, uint32_t n)
{
  double p = 0;
  for (uint32_t t = 0; t < n; t++) {
    p += crealf(b[t] * conjf(b[t]));
  }
  if (!(p > 0)) {
    return false;
  }
  float a = (float)sqrt(p / n * 1e-7 / 2);
  uint32_t lcg = 12345u;
  for (uint32_t t = 0; t < n; t++) {
    lcg = lcg * 1664525u + 1013904223u;
    b[t] += (lcg >> 31 ? a : -a) + I * (lcg >> 30 & 1u ? a : -a);
  }
  return true;
}

/* Strongest PSS whose useful part starts in [lo, hi), merged into *best: block-wise FFT
 * correlation of the input shifted by -ssb_offset (SS_REF to DC). Indices of x. */
static void search_range(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                         uint32_t lo, uint32_t hi, phy_pss_search_res_t *best)
{
  uint32_t n_fft = q->fft_n, step = q->block - n_fft + 1;
  for (uint32_t s = lo; s < hi; s += step) {
    uint32_t n = hi - s + n_fft - 1 < q->block ? hi - s + n_fft - 1 : q->block;
    phy_pss_search_res_t r;
    cs_rotate(x + s, q->blk, n, cfg->ssb_offset_hz, q->args.srate_hz, s);
    if (dither(q->blk, n) && phy_pss_search_run(&q->pss, q->blk, n, &r) == 0 &&
        r.metric > best->metric) {
      *best = r;
      best->pos += s;
    }
  }
}

/* Adds the window of +-half lags around p (clipped to [lo, hi)), keeping them sorted. */
static void add_window(uint32_t ex[CS_MAX_EXCL][2], uint32_t *n, double p, uint32_t half,
                       uint32_t lo, uint32_t hi)
{
  if (p + half < lo || p - half >= hi || *n == CS_MAX_EXCL) {
    return;
  }
  uint32_t j = (*n)++;
  ex[j][0] = (uint32_t)fmax(p - half, lo);
  ex[j][1] = (uint32_t)fmin(p + half + 1, hi);
  for (; j > 0 && ex[j][0] < ex[j - 1][0]; j--) { /* insertion sort by start */
    uint32_t t0 = ex[j][0], t1 = ex[j][1];
    ex[j][0] = ex[j - 1][0], ex[j][1] = ex[j - 1][1];
    ex[j - 1][0] = t0, ex[j - 1][1] = t1;
  }
}

/* Windows of +-N/2 lags around the skip positions and every candidate PSS of the known
 * cells (each SSB index of TS 38.213 4.1 in each half frame overlapping [lo, hi)). */
static uint32_t known_windows(const phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                              uint32_t lo, uint32_t hi, const uint32_t *skip, uint32_t nof_skip,
                              uint32_t ex[CS_MAX_EXCL][2])
{
  uint32_t first[PHY_SSB_MAX_LMAX], n = 0, half = q->fft_n / 2;
  for (uint32_t k = 0; k < nof_skip; k++) {
    add_window(ex, &n, skip[k], half, lo, hi);
  }
  double hf = 5.0 * q->args.srate_hz / 1000.0;
  phy_ssb_positions(q->args.ssb_case, q->args.l_max, first);
  for (uint32_t k = 0; k < cfg->nof_known; k++) {
    const phy_cellsearch_res_t *c = &cfg->known[k];
    double f0 = c->mib_ok ? c->frame_pos : c->pss_pos;
    int64_t h0 = (int64_t)floor((lo - f0) / hf) - 1, h1 = (int64_t)ceil((hi - f0) / hf);
    for (int64_t h = h0; h <= h1; h++) {
      for (uint32_t i = 0; i < (c->mib_ok ? q->args.l_max : 1u); i++) {
        uint32_t cp;
        double p = c->mib_ok ? f0 + h * hf + cs_symbol_start(q, first[i], &cp) + cp
                             : (h == h0 ? c->pss_pos : -1e18);
        add_window(ex, &n, p, half, lo, hi);
      }
    }
  }
  return n;
}

/* A known cell's PSS position with another N_ID^(2): cells of a synchronised network put
 * their SSBs on the same samples. Same metric as phy_pss_search (unit-energy replica). */
static void try_aligned(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x,
                        uint32_t lo, uint32_t hi, phy_pss_search_res_t *best)
{
  uint32_t n = q->fft_n;
  for (uint32_t k = 0; k < cfg->nof_known; k++) {
    const phy_cellsearch_res_t *c = &cfg->known[k];
    double pf = floor(c->pss_pos + 0.5);
    if (!(pf >= lo && pf < hi)) {
      continue;
    }
    uint32_t p = (uint32_t)pf;
    cs_rotate(x + p, q->blk, n, cfg->ssb_offset_hz + c->cfo_hz, q->args.srate_hz, p);
    double e = 0;
    for (uint32_t t = 0; t < n; t++) {
      e += crealf(q->blk[t] * conjf(q->blk[t]));
    }
    for (uint32_t n2 = 0; n2 < 3 && e > 0; n2++) {
      const cf_t *rep = q->rep + (size_t)n2 * n;
      double complex acc = 0;
      for (uint32_t t = 0; t < n && n2 != c->n_id2; t++) {
        acc += q->blk[t] * conjf(rep[t]);
      }
      float m = (float)(creal(acc * conj(acc)) / e);
      if (n2 != c->n_id2 && m > best->metric) {
        *best = (phy_pss_search_res_t){.n_id2 = n2, .pos = p, .cfo_hz = c->cfo_hz, .metric = m};
      }
    }
  }
}

void cs_find_pss(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x, uint32_t lo,
                 uint32_t hi, const uint32_t *skip, uint32_t nof_skip, phy_pss_search_res_t *best)
{
  memset(best, 0, sizeof(*best));
  if (cfg->nof_known == 0 && nof_skip == 0) {
    search_range(q, cfg, x, lo, hi, best);
    return;
  }
  uint32_t ex[CS_MAX_EXCL][2];
  uint32_t n = known_windows(q, cfg, lo, hi, skip, nof_skip, ex), cur = lo;
  for (uint32_t i = 0; i <= n; i++) {
    uint32_t a = i < n ? ex[i][0] : hi;
    if (a > cur) {
      search_range(q, cfg, x, cur, a, best);
    }
    if (i < n && ex[i][1] > cur) {
      cur = ex[i][1];
    }
  }
  try_aligned(q, cfg, x, lo, hi, best);
}
