/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH DM-RS least-squares channel estimate with frequency interpolation (TS 38.211
 * 7.4.1.1.2 gives where the DM-RS is; the estimator itself is not specified). */
#include <complex.h>

#include "pdsch_chest.h"

#define MAX_PAIRS (3u * PHY_MAX_PRB)

/* Linear interpolation between points (c_j, v_j), c increasing, held flat outside. */
static void interp(const float *c, const cf_t *v, uint32_t n, uint32_t k0, uint32_t k1, cf_t *h)
{
  uint32_t j = 0;
  for (uint32_t k = k0; k < k1; k++) {
    float x = (float)k;
    while (j + 1 < n && c[j + 1] <= x) {
      j++;
    }
    if (x <= c[0]) {
      h[k] = v[0];
    } else if (j + 1 >= n) {
      h[k] = v[n - 1];
    } else {
      float t = (x - c[j]) / (c[j + 1] - c[j]);
      h[k] = v[j] + t * (v[j + 1] - v[j]);
    }
  }
}

/* LS estimates of one run of PRBs [p0, p1) (allocation-relative), despread per k' pair:
 * the pair mean removes the other port of the CDM group (w_f = +-1) and the pair
 * difference is noise alone when the channel is flat over the pair. */
static uint32_t run_pairs(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t port,
                          uint32_t ci, uint32_t p0, uint32_t p1, const cf_t *row, float *c, cf_t *v,
                          pdsch_chest_stats_t *st)
{
  cf_t ref[6 * PHY_MAX_PRB];
  const phy_dmrs_port_t *pt = phy_dmrs_port(cfg->dmrs_type, port);
  uint32_t prb0 = cfg->prb_start + p0;
  int len = phy_dmrs_pdsch_ref(cfg->dmrs_type, port, ci, cfg->crb0, prb0, p1 - p0, ref);
  bool t1 = cfg->dmrs_type == PHY_DMRS_TYPE1;
  float ib = 1.0f / lo->beta;
  uint32_t n = 0;
  for (int i = 0; i + 1 < len; i += 2) {
    /* type 1: k = 4n + 2k' + Delta; type 2: k = 6n + k' + Delta */
    uint32_t ka = prb0 * PHY_NSC_RB + (t1 ? 2u * i : 3u * i) + pt->delta;
    uint32_t kb = ka + (t1 ? 2u : 1u);
    cf_t la = row[ka] * conjf(ref[i]) * ib, lb = row[kb] * conjf(ref[i + 1]) * ib;
    cf_t m = 0.5f * (la + lb), d = la - lb;
    c[n] = 0.5f * (float)(ka + kb);
    v[n] = m;
    st->diff2 += crealf(d) * crealf(d) + cimagf(d) * cimagf(d);
    st->pow2 += crealf(m) * crealf(m) + cimagf(m) * cimagf(m);
    n++;
  }
  return n;
}

/* PHY_PDSCH_CHEST_PRB_AVG: one point per PRB at its centre, the mean of its pairs. */
static uint32_t prb_average(float *c, cf_t *v, uint32_t n)
{
  uint32_t m = 0;
  for (uint32_t i = 0; i < n;) {
    uint32_t prb = (uint32_t)c[i] / PHY_NSC_RB, j = i;
    cf_t s = 0;
    while (j < n && (uint32_t)c[j] / PHY_NSC_RB == prb) {
      s += v[j++];
    }
    c[m] = (float)prb * PHY_NSC_RB + 5.5f;
    v[m++] = s / (float)(j - i);
    i = j;
  }
  return m;
}

/* Residual of each interior pair mean against its two equally spaced neighbours: noise
 * alone (variance 1.5 times the pair mean's) where the channel is linear over three pairs.
 * Used when two layers share a CDM group and the pair difference holds the other layer. */
static void residuals(const float *c, const cf_t *v, uint32_t n, pdsch_chest_stats_t *st)
{
  for (uint32_t j = 1; j + 1 < n; j++) {
    if (c[j] - c[j - 1] != c[j + 1] - c[j]) {
      continue;
    }
    cf_t e = v[j] - 0.5f * (v[j - 1] + v[j + 1]);
    st->res2 += crealf(e) * crealf(e) + cimagf(e) * cimagf(e);
    st->nof_res++;
  }
}

uint32_t pdsch_chest_symbol(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t lv,
                            uint32_t l, const cf_t *row, cf_t *h, pdsch_chest_stats_t *st)
{
  uint8_t avail[PHY_MAX_PRB];
  float c[MAX_PAIRS];
  cf_t v[MAX_PAIRS];
  uint32_t n = 0;
  uint32_t ci = phy_dmrs_pdsch_cinit(cfg->slot, l, cfg->dmrs_id, cfg->n_scid);
  pdsch_prb_avail(cfg, l, avail);
  for (uint32_t p = 0; p < cfg->nof_prb;) {
    if (!avail[p]) {
      p++;
      continue;
    }
    uint32_t e = p;
    while (e < cfg->nof_prb && avail[e]) {
      e++;
    }
    n += run_pairs(cfg, lo, cfg->ports[lv], ci, p, e, row, c + n, v + n, st);
    p = e;
  }
  st->nof_pairs += n;
  if (n == 0) {
    return 0;
  }
  residuals(c, v, n, st);
  uint32_t npts = cfg->chest == PHY_PDSCH_CHEST_PRB_AVG ? prb_average(c, v, n) : n;
  uint32_t k0 = cfg->prb_start * PHY_NSC_RB;
  interp(c, v, npts, k0, k0 + cfg->nof_prb * PHY_NSC_RB, h);
  return n;
}
