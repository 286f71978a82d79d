/* SPDX-License-Identifier: Apache-2.0 */
/* PDCCH receiver (UE side): per-candidate extraction, DMRS least-squares channel estimate
 * (TS 38.211 7.4.1.3), equalisation, QPSK demapping, descrambling (7.3.2.3) and polar
 * decoding with the RNTI-masked CRC (TS 38.212 7.3.2), and blind decoding (38.213 10.1). */
#include <complex.h>
#include <stddef.h>
#include <string.h>

#include "olive/support/error.h"
#include "pdcch_internal.h"

static float pow2(cf_t x)
{
  return crealf(x) * crealf(x) + cimagf(x) * cimagf(x);
}

/* Least squares per REG (mean of its 3 DMRS), then averaged with the REGs of the
 * candidate on the RBs next to it in the same symbol (REGs are sorted by symbol, RB).
 * Returns the noise variance from the residuals around each REG's own mean. */
static float estimate(const phy_pdcch_cfg_t *cfg, const phy_grid_t *grid, uint32_t port, int nreg,
                      const uint16_t *rb, const uint8_t *symb, cf_t *h, float *epre)
{
  cf_t ls[PDCCH_MAX_REG];
  float resid = 0, en = 0, beta = cfg->beta_dmrs > 0 ? cfg->beta_dmrs : 1.0f;
  cf_t r[3 * PDCCH_MAX_REG];
  pdcch_dmrs_regs(cfg, rb, symb, nreg, r);
  for (int g = 0; g < nreg; g++) {
    const cf_t *re = phy_grid_re(grid, port, symb[g], 12u * rb[g]);
    cf_t y[3];
    ls[g] = 0;
    for (int k = 0; k < 3; k++) {
      y[k] = re[4 * k + 1] * conjf(r[3 * g + k]) / beta;
      ls[g] += y[k] / 3.0f;
      en += pow2(re[4 * k + 1]);
    }
    for (int k = 0; k < 3; k++) {
      resid += pow2(y[k] - ls[g]);
    }
  }
  for (int g = 0; g < nreg; g++) {
    cf_t acc = ls[g];
    float n = 1;
    for (int d = -1; d <= 1; d += 2) {
      int o = g + d;
      if (o >= 0 && o < nreg && symb[o] == symb[g] && (rb[o] + 1 == rb[g] || rb[g] + 1 == rb[o])) {
        acc += ls[o];
        n += 1;
      }
    }
    h[g] = acc / n;
  }
  *epre = en / (float)(3 * nreg);
  /* residual energy has 2 of 3 degrees of freedom per REG; the DMRS were scaled by beta */
  return beta * beta * resid / (float)(2 * nreg);
}

int phy_pdcch_decode(phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg, uint32_t cce, uint32_t al,
                     uint16_t rnti, uint32_t a_bits, const phy_grid_t *grid, uint32_t port,
                     uint8_t *a, phy_pdcch_res_t *res)
{
  uint16_t rb[PDCCH_MAX_REG];
  uint8_t symb[PDCCH_MAX_REG];
  if (q == NULL || q->c.dec == NULL || a == NULL || grid == NULL || cfg == NULL ||
      cfg->coreset == NULL || port >= grid->nof_ports || cfg->slot >= 20 ||
      !phy_grid_is_natural(grid)) {
    return OLIVE_EINVAL;
  }
  int nreg = pdcch_regs(cfg, cce, al, rb, symb);
  if (!pdcch_regs_in_grid(rb, symb, nreg, grid) ||
      (int64_t)cfg->coreset->start_rb + cfg->dmrs_rb_offset < 0) {
    return OLIVE_EINVAL;
  }
  cf_t h[PDCCH_MAX_REG], x[PHY_PDCCH_MAX_E / 2];
  float nv[PHY_PDCCH_MAX_E / 2], llr[PHY_PDCCH_MAX_E], epre;
  float n0 = estimate(cfg, grid, port, nreg, rb, symb, h, &epre);
  uint32_t i = 0;
  for (int g = 0; g < nreg; g++) {
    const cf_t *re = phy_grid_re(grid, port, symb[g], 12u * rb[g]);
    float p = pow2(h[g]);
    for (uint32_t k = 0; k < 12; k++) {
      if ((k & 3u) == 1) {
        continue;
      }
      x[i] = p > 1e-20f ? re[k] * conjf(h[g]) / p : 0;
      nv[i++] = p > 1e-20f ? 1.5f * n0 / p : 1e10f; /* + N0/6 .. N0/3 estimate noise */
    }
  }
  uint32_t len = pdcch_e(al);
  phy_demod_llr_f32_nv(&q->c.mod, PHY_MOD_QPSK, x, len / 2, nv, llr);
  phy_scrambling_llr_f32(&q->c.scr, llr, llr, len, pdcch_scr_cinit(cfg), 0);
  phy_polar_chain_cfg_t pc = {
      .chain = PHY_POLAR_DCI, .A = a_bits, .E = len, .rnti = rnti, .list = q->c.list};
  int ret = phy_polar_chain_decode(q->c.dec, &pc, llr, a);
  if (res != NULL) {
    res->al = al;
    res->cce = cce;
    res->noise_var = n0;
    res->epre = epre;
  }
  return ret;
}

int phy_pdcch_blind_decode(phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg, const phy_ss_cfg_t *ss,
                           uint16_t rnti, uint32_t a_bits, const phy_grid_t *grid, uint32_t port,
                           uint8_t *a, phy_pdcch_res_t *res)
{
  if (cfg == NULL || ss == NULL) {
    return OLIVE_EINVAL;
  }
  int n_cce = phy_coreset_nof_cce(cfg->coreset);
  if (n_cce < 0) {
    return n_cce;
  }
  for (uint32_t li = 0; li < PHY_PDCCH_NOF_AL; li++) {
    uint32_t cce[PHY_PDCCH_MAX_CAND];
    int m = phy_ss_candidates(ss, (uint32_t)n_cce, 1u << li, cfg->slot, cce);
    if (m < 0) {
      return m;
    }
    for (int c = 0; c < m; c++) {
      int ret = phy_pdcch_decode(q, cfg, cce[c], 1u << li, rnti, a_bits, grid, port, a, res);
      if (ret == 0 || ret == OLIVE_EINVAL) {
        return ret;
      }
    }
  }
  return OLIVE_EAGAIN;
}
