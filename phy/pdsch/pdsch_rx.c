/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH receiver (UE side): channel estimate, combining, demapping, descrambling and
 * transport block decoding (see olive/phy/pdsch.h). */
#include <complex.h>
#include <math.h>

#include "olive/support/error.h"
#include "pdsch_buf.h"
#include "pdsch_chest.h"

/* int8 LLR steps per natural LLR unit (ldpc.h: about 16 gives the best block error
 * rates). */
#define PDSCH_LLR_SCALE 16.0f

typedef struct rx_chest {
  uint32_t nof_est;                 /* DM-RS symbols with an estimate */
  uint8_t est_l[PHY_DMRS_MAX_SYMB]; /* their slot symbols */
  float n0;                         /* noise variance per RE at data scale */
  float snr;                        /* linear */
} rx_chest_t;

static cf_t *h_row_v(phy_pdsch_t *q, uint32_t v, uint32_t r, uint32_t d)
{
  size_t nsc = (size_t)q->args.max_prb * PHY_NSC_RB;
  return q->b->h + (((size_t)v * PHY_PDSCH_MAX_RX + r) * PHY_DMRS_MAX_SYMB + d) * nsc;
}

static cf_t *h_row(phy_pdsch_t *q, uint32_t r, uint32_t d)
{
  return h_row_v(q, 0, r, d);
}

static int estimate(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo,
                    const phy_grid_t *grid, uint32_t nof_rx, rx_chest_t *ce)
{
  pdsch_chest_stats_t st = {0};
  ce->nof_est = 0;
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    uint32_t l = lo->dmrs_l[d], got = 0;
    for (uint32_t v = 0; v < cfg->n_layers; v++) {
      for (uint32_t r = 0; r < nof_rx; r++) {
        got = pdsch_chest_symbol(cfg, lo, v, l, phy_grid_symbol(grid, r, l),
                                 h_row_v(q, v, r, ce->nof_est), &st);
      }
    }
    if (got) {
      ce->est_l[ce->nof_est++] = (uint8_t)l;
    }
  }
  if (ce->nof_est == 0) {
    return OLIVE_ERANGE; /* every DM-RS RE reserved: nothing to estimate from */
  }
  /* Each LS value carries noise N0 / beta^2, so E|ls0 - ls1|^2 = 2 N0 / beta^2 and the
   * pair mean carries N0 / (2 beta^2). Two layers in one CDM group: the pair difference
   * holds the other layer, so N0 comes from the neighbour residuals instead, whose
   * variance is 1.5 N0 / (2 beta^2). */
  float b2 = lo->beta * lo->beta;
  double n0 = b2 * st.diff2 / (2.0 * st.nof_pairs);
  if (cfg->n_layers == 2 && phy_dmrs_port(cfg->dmrs_type, cfg->ports[0])->cdm_group ==
                                phy_dmrs_port(cfg->dmrs_type, cfg->ports[1])->cdm_group) {
    n0 = st.nof_res ? 2.0 * b2 * st.res2 / (1.5 * st.nof_res) : 1e-12;
  }
  double sig = st.pow2 / st.nof_pairs - n0 / (2.0 * b2);
  ce->n0 = n0 > 1e-12 ? (float)n0 : 1e-12f;
  ce->snr = sig > 0 ? (float)(sig / ce->n0) : 0.0f;
  return 0;
}

/* Linear interpolation in time between the DM-RS symbols around l, held outside. */
static void time_weights(const rx_chest_t *ce, uint32_t l, uint32_t *da, uint32_t *db, float *wb)
{
  uint32_t i = 0;
  while (i + 1 < ce->nof_est && ce->est_l[i + 1] <= l) {
    i++;
  }
  *da = *db = i;
  *wb = 0.0f;
  if (l > ce->est_l[i] && i + 1 < ce->nof_est) {
    *db = i + 1;
    *wb = (float)(l - ce->est_l[i]) / (float)(ce->est_l[i + 1] - ce->est_l[i]);
  }
}

/* MRC over the RX ports (for one layer also the unbiased MMSE estimate): x = sum h* y /
 * sum |h|^2 with noise N0 / sum |h|^2, on one run of n subcarriers from k. */
static void equalise_run(phy_pdsch_t *q, const phy_grid_t *grid, uint32_t nof_rx, uint32_t l,
                         uint32_t da, uint32_t db, float wb, float n0, uint32_t k, uint32_t n,
                         cf_t *x, float *nv)
{
  float num_re[PHY_NSC_RB * 8], num_im[PHY_NSC_RB * 8], den[PHY_NSC_RB * 8];
  for (uint32_t j0 = 0; j0 < n; j0 += PHY_NSC_RB * 8) {
    uint32_t m = n - j0 < PHY_NSC_RB * 8 ? n - j0 : PHY_NSC_RB * 8;
    for (uint32_t j = 0; j < m; j++) {
      num_re[j] = num_im[j] = den[j] = 0.0f;
    }
    for (uint32_t r = 0; r < nof_rx; r++) {
      const float *ha = (const float *)(h_row(q, r, da) + k + j0);
      const float *hb = (const float *)(h_row(q, r, db) + k + j0);
      const float *y = (const float *)(phy_grid_symbol(grid, r, l) + k + j0);
      for (uint32_t j = 0; j < m; j++) {
        float hr = ha[2 * j] + wb * (hb[2 * j] - ha[2 * j]);
        float hi = ha[2 * j + 1] + wb * (hb[2 * j + 1] - ha[2 * j + 1]);
        num_re[j] += hr * y[2 * j] + hi * y[2 * j + 1];
        num_im[j] += hr * y[2 * j + 1] - hi * y[2 * j];
        den[j] += hr * hr + hi * hi;
      }
    }
    float *xo = (float *)(x + j0);
    for (uint32_t j = 0; j < m; j++) {
      float d = den[j] > 1e-12f ? den[j] : 1e-12f, inv = 1.0f / d;
      xo[2 * j] = num_re[j] * inv;
      xo[2 * j + 1] = num_im[j] * inv;
      nv[j0 + j] = n0 * inv;
    }
  }
}

/* Two layers, two RX ports: zero forcing x = H^-1 y per RE (H[r][v]), noise of layer v
 * N0 [(H^H H)^-1]_vv = N0 (|H[0][1-v]|^2 + |H[1][1-v]|^2) / |det H|^2; output interleaved
 * as the layer mapper's d(2i + v). */
static void equalise_run2(phy_pdsch_t *q, const phy_grid_t *grid, uint32_t l, uint32_t da,
                          uint32_t db, float wb, float n0, uint32_t k, uint32_t n, cf_t *x,
                          float *nv)
{
  const cf_t *y0 = phy_grid_symbol(grid, 0, l) + k, *y1 = phy_grid_symbol(grid, 1, l) + k;
  cf_t *ha[2][2], *hb[2][2];
  for (uint32_t r = 0; r < 2; r++) {
    for (uint32_t v = 0; v < 2; v++) {
      ha[r][v] = h_row_v(q, v, r, da) + k;
      hb[r][v] = h_row_v(q, v, r, db) + k;
    }
  }
  for (uint32_t j = 0; j < n; j++) {
    cf_t h[2][2];
    for (uint32_t r = 0; r < 2; r++) {
      for (uint32_t v = 0; v < 2; v++) {
        h[r][v] = ha[r][v][j] + wb * (hb[r][v][j] - ha[r][v][j]);
      }
    }
    cf_t det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
    float d2 = crealf(det) * crealf(det) + cimagf(det) * cimagf(det);
    d2 = d2 > 1e-12f ? d2 : 1e-12f;
    cf_t idet = conjf(det) / d2;
    x[2 * j] = (h[1][1] * y0[j] - h[0][1] * y1[j]) * idet;
    x[2 * j + 1] = (h[0][0] * y1[j] - h[1][0] * y0[j]) * idet;
    float p0 = crealf(h[0][1] * conjf(h[0][1])) + crealf(h[1][1] * conjf(h[1][1]));
    float p1 = crealf(h[0][0] * conjf(h[0][0])) + crealf(h[1][0] * conjf(h[1][0]));
    nv[2 * j] = n0 * p0 / d2;
    nv[2 * j + 1] = n0 * p1 / d2;
  }
}

static uint32_t equalise(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo,
                         const phy_grid_t *grid, uint32_t nof_rx, const rx_chest_t *ce)
{
  pdsch_run_t runs[PDSCH_MAX_RUNS];
  uint32_t n = 0, nl = cfg->n_layers;
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    uint32_t nre, nr = pdsch_symbol_runs(cfg, lo, l, runs, &nre), da, db;
    float wb;
    time_weights(ce, l, &da, &db, &wb);
    for (uint32_t j = 0; j < nr; j++) {
      if (nl == 2) {
        equalise_run2(q, grid, l, da, db, wb, ce->n0, runs[j].k, runs[j].n, q->b->sym + n,
                      q->b->nv + n);
      } else {
        equalise_run(q, grid, nof_rx, l, da, db, wb, ce->n0, runs[j].k, runs[j].n, q->b->sym + n,
                     q->b->nv + n);
      }
      n += runs[j].n * nl;
    }
  }
  return n;
}

/* RMS error of the equalised symbols against their hard decisions (the LLR signs). */
static float evm(phy_pdsch_t *q, const pdsch_layout_t *lo, uint32_t nsym)
{
  uint8_t *bits = q->b->bits;
  for (uint32_t i = 0; i < lo->g; i++) {
    bits[i] = q->b->llr[i] < 0;
  }
  phy_modulation_map_bits(&q->mod, lo->mod, bits, lo->g, q->b->ref);
  double e = 0;
  for (uint32_t i = 0; i < nsym; i++) {
    cf_t d = q->b->sym[i] - q->b->ref[i];
    e += crealf(d) * crealf(d) + cimagf(d) * cimagf(d);
  }
  return (float)sqrt(e / nsym);
}

int phy_pdsch_decode(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const phy_grid_t *grid,
                     uint32_t nof_rx, uint8_t *tb, phy_pdsch_rx_res_t *res)
{
  pdsch_layout_t lo;
  rx_chest_t ce;
  if (q == NULL || q->b == NULL || cfg == NULL || grid == NULL || !phy_grid_is_natural(grid) ||
      tb == NULL || nof_rx < 1 || nof_rx > PHY_PDSCH_MAX_RX || grid->nof_ports < nof_rx ||
      grid->nof_prb > q->args.max_prb) {
    return OLIVE_EINVAL;
  }
  int r = pdsch_layout(cfg, grid->nof_prb, &lo);
  if (r < 0) {
    return r;
  }
  if (cfg->n_layers > 1 && nof_rx != 2) {
    return OLIVE_ENOTSUP; /* two layers need two RX ports (ZF 2x2) */
  }
  if (cfg->n_layers > q->args.max_layers || lo.mcs.qm > q->args.max_qm || lo.g > q->b->max_g) {
    return OLIVE_ERANGE;
  }
  r = estimate(q, cfg, &lo, grid, nof_rx, &ce);
  if (r < 0) {
    return r;
  }
  uint32_t nsym = equalise(q, cfg, &lo, grid, nof_rx, &ce);
  int8_t *llr = q->b->llr;
  phy_demod_llr_i8_nv(&q->mod, lo.mod, q->b->sym, nsym, q->b->nv, PDSCH_LLR_SCALE, llr);
  float e = res ? evm(q, &lo, nsym) : 0.0f;
  phy_scrambling_llr_i8(&q->scr, llr, llr, lo.g, pdsch_scrambling_cinit(cfg), 0);
  phy_sch_cfg_t s = {.tbs = lo.tbs,
                     .r_x2048 = lo.mcs.r_x2048,
                     .qm = lo.mcs.qm,
                     .n_layers = cfg->n_layers,
                     .g = lo.g,
                     .rv = cfg->rv,
                     .lbrm = cfg->lbrm,
                     .harq_id = cfg->harq_id,
                     .new_data = cfg->new_data,
                     .max_iters = cfg->max_iters,
                     .llr_scale = (int8_t)PDSCH_LLR_SCALE};
  phy_sch_result_t sr = {0};
  r = phy_sch_decode(&q->sch, &s, llr, tb, &sr);
  if (res != NULL) {
    res->sch = sr;
    res->noise_var = ce.n0;
    res->snr_db = ce.snr > 0 ? 10.0f * log10f(ce.snr) : -99.0f;
    res->evm = e;
    res->g = lo.g;
  }
  return r;
}
