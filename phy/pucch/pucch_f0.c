/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH format 0, TS 38.211 6.3.2.3: x(l * 12 + n) = r_u,v^(alpha_l)(n), the UCI carried
 * by the choice of m_cs (TS 38.213 9.2.3-9.2.5).
 *
 * Detector: the 12 cyclic shifts of r_u,v form an orthogonal basis of each symbol, so the
 * correlation with each hypothesis' shift is the projection onto one basis vector and the
 * energy in the 12 - H shifts no hypothesis uses estimates the noise (independently of the
 * hypotheses under DTX; another UE on those shifts only raises the estimate). */
#include <string.h>

#include "olive/support/error.h"
#include "pucch_internal.h"

#define F0_MAX_HYP 8

typedef struct f0_hyp {
  uint8_t mcs;
  uint8_t harq[2];
  bool sr;
} f0_hyp_t;

int phy_pucch_f0_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_pucch_uci_t *uci,
                        phy_grid_t *grid, uint32_t port)
{
  if (q == NULL || !q->ready || cfg == NULL || grid == NULL || !phy_grid_is_natural(grid) ||
      cfg->res.format != PHY_PUCCH_F0 || port >= grid->nof_ports) {
    return OLIVE_EINVAL;
  }
  int err = phy_pucch_cfg_check(cfg, grid->nof_prb);
  int mcs = err < 0 ? err : phy_pucch_f0_mcs(uci);
  if (mcs < 0) {
    return mcs;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t base[PUCCH_NRE];
    if ((err = pucch_base(cfg, s.hop, base)) < 0) {
      return err;
    }
    uint32_t a = phy_pucch_alpha_idx(cfg->n_id, cfg->slot, s.l_slot, r->initial_cs, (uint32_t)mcs);
    pucch_shift(phy_grid_re(grid, port, s.l_slot, s.prb * PUCCH_NRE), base, a);
  }
  return OLIVE_OK;
}

/* The hypotheses TS 38.213 allows for this UCI size: HARQ values (Tables 9.2.3-3/-4) and,
 * with an SR opportunity, the same with a positive SR (Tables 9.2.5-1/-2) or SR alone. */
static uint32_t f0_hypotheses(const phy_pucch_uci_t *ex, f0_hyp_t *hyp)
{
  uint32_t n = 0;
  for (int sr = 0; sr <= (ex->sr_opportunity ? 1 : 0); sr++) {
    for (uint32_t v = 0; v < (1u << ex->nof_harq); v++) {
      phy_pucch_uci_t u = {.nof_harq = ex->nof_harq, .sr_opportunity = true, .sr = sr != 0};
      u.harq[0] = ex->nof_harq == 2 ? (uint8_t)(v >> 1) : (uint8_t)(v & 1u);
      u.harq[1] = (uint8_t)(v & 1u);
      int mcs = phy_pucch_f0_mcs(&u);
      if (mcs >= 0) {
        hyp[n++] = (f0_hyp_t){.mcs = (uint8_t)mcs, .harq = {u.harq[0], u.harq[1]}, .sr = sr != 0};
      }
    }
  }
  return n;
}

/* Adds |<y, r^(a_h)>|^2 / 12 of one symbol and port to e[h]; returns sum |y|^2. */
static float f0_correlate(const cf_t *y, const cf_t *base, const uint32_t *a, uint32_t nh, float *e)
{
  cf_t z[PUCCH_NRE], r[PUCCH_NRE];
  float tot = 0.0f;
  for (uint32_t n = 0; n < PUCCH_NRE; n++) {
    z[n] = y[n];
    tot += crealf(y[n]) * crealf(y[n]) + cimagf(y[n]) * cimagf(y[n]);
  }
  for (uint32_t h = 0; h < nh; h++) {
    pucch_shift(r, base, a[h]);
    cf_t c = 0.0f;
    for (uint32_t n = 0; n < PUCCH_NRE; n++) {
      c += z[n] * conjf(r[n]);
    }
    e[h] += (crealf(c) * crealf(c) + cimagf(c) * cimagf(c)) / (float)PUCCH_NRE;
  }
  return tot;
}

int phy_pucch_f0_detect(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_pucch_uci_t *expect,
                        const phy_grid_t *grid, phy_pucch_uci_rx_t *rx)
{
  if (q == NULL || !q->ready || cfg == NULL || expect == NULL || grid == NULL ||
      !phy_grid_is_natural(grid) || rx == NULL || cfg->res.format != PHY_PUCCH_F0 ||
      expect->nof_harq > 2 || grid->nof_ports < 1 || grid->nof_ports > q->max_ports ||
      (expect->nof_harq == 0 && !expect->sr_opportunity)) {
    return OLIVE_EINVAL;
  }
  int err = phy_pucch_cfg_check(cfg, grid->nof_prb);
  if (err < 0) {
    return err;
  }
  f0_hyp_t hyp[F0_MAX_HYP];
  uint32_t nh = f0_hypotheses(expect, hyp);
  float e[F0_MAX_HYP] = {0}, tot = 0.0f;
  const phy_pucch_resource_t *r = &cfg->res;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t base[PUCCH_NRE];
    if ((err = pucch_base(cfg, s.hop, base)) < 0) {
      return err;
    }
    uint32_t ncs = phy_pucch_ncs(cfg->n_id, cfg->slot, s.l_slot), a[F0_MAX_HYP];
    for (uint32_t h = 0; h < nh; h++) {
      a[h] = (r->initial_cs + hyp[h].mcs + ncs) % PUCCH_NRE;
    }
    for (uint32_t p = 0; p < grid->nof_ports; p++) {
      tot += f0_correlate(phy_grid_re(grid, p, s.l_slot, s.prb * PUCCH_NRE), base, a, nh, e);
    }
  }
  uint32_t best = 0;
  float sum = 0.0f;
  for (uint32_t h = 0; h < nh; h++) {
    sum += e[h];
    best = e[h] > e[best] ? h : best;
  }
  uint32_t k = r->nof_symbols * grid->nof_ports;
  pucch_stat_t st = {.p_max = e[best],
                     .resid = tot - sum > 0.0f ? tot - sum : 0.0f,
                     .k = k,
                     .d = k * (PUCCH_NRE - nh),
                     .h = nh,
                     .n_obs = PUCCH_NRE};
  memset(rx, 0, sizeof(*rx));
  rx->detected = pucch_decide(q, PHY_PUCCH_F0, cfg->pfa, &st, &rx->metric, &rx->threshold,
                              &rx->noise_var, &rx->snr_db);
  if (rx->detected) {
    rx->harq[0] = hyp[best].harq[0];
    rx->harq[1] = expect->nof_harq == 2 ? hyp[best].harq[1] : 0;
    rx->sr = hyp[best].sr;
  }
  return OLIVE_OK;
}
