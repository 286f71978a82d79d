/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH receiver (UE side): DMRS hypothesis test (TS 38.211 7.4.1.4.1), channel estimate,
 * equalisation, demapping, descrambling (7.3.3.1, 38.212 7.1.2) and decoding. */
#include <complex.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "olive/phy/pbch.h"
#include "olive/support/error.h"

/* Table 7.4.3.1-1 puts 3 DMRS and 9 PBCH REs in every (RB, symbol) that carries PBCH, and
 * both are numbered in increasing k then l, so DMRS triplet g and PBCH 9-tuple g share
 * one RB of one symbol: 48 groups. */
#define NGROUP   48u
#define DMRS_PER 3u
#define PBCH_PER 9u
#define NHYP     8u

/* Hypothesis h = i_SSB_bar: SSB index and half frame of phy_pbch_dmrs_gen. */
static void hyp_split(uint32_t h, uint32_t l_max, uint32_t *ssb, uint32_t *hf)
{
  *ssb = l_max == 4 ? (h & 3u) : h;
  *hf = l_max == 4 ? (h >> 2) : 0;
}

/* Per-group coherent correlation, summed non-coherently and normalised to 0..1. */
static float dmrs_metric(const cf_t *y, const cf_t *r, cf_t h[NGROUP])
{
  float num = 0, den = 0;
  for (uint32_t g = 0; g < NGROUP; g++) {
    cf_t acc = 0;
    for (uint32_t i = 0; i < DMRS_PER; i++) {
      uint32_t k = g * DMRS_PER + i;
      acc += y[k] * conjf(r[k]);
      den += crealf(y[k]) * crealf(y[k]) + cimagf(y[k]) * cimagf(y[k]);
    }
    h[g] = acc / (float)DMRS_PER;
    num += crealf(acc) * crealf(acc) + cimagf(acc) * cimagf(acc);
  }
  return den > 0 ? num / (den * (float)DMRS_PER) : 0.0f;
}

/* Best i_SSB_bar; h gets its per-group least-squares channel estimate (averaged). */
static uint32_t detect_ibar(const phy_pbch_cfg_t *cfg, const cf_t *y, cf_t h[NGROUP],
                            cf_t r_best[PHY_PBCH_DMRS_NRE], float *metric)
{
  uint32_t best = 0;
  float best_m = -1.0f;
  for (uint32_t hyp = 0; hyp < NHYP; hyp++) {
    uint32_t ssb, hf;
    cf_t r[PHY_PBCH_DMRS_NRE], hh[NGROUP];
    hyp_split(hyp, cfg->l_max, &ssb, &hf);
    phy_pbch_dmrs_gen(cfg->map.n_id, ssb, cfg->l_max, hf, r);
    float m = dmrs_metric(y, r, hh);
    if (m > best_m) {
      best_m = m;
      best = hyp;
      memcpy(h, hh, sizeof(hh));
      memcpy(r_best, r, sizeof(r));
    }
  }
  *metric = best_m;
  return best;
}

/* Noise variance per RE from the DMRS residuals around each group mean (2 of the 3
 * degrees of freedom of a group remain after removing its mean). */
static float noise_estimate(const cf_t *y, const cf_t *r, const cf_t h[NGROUP])
{
  float acc = 0;
  for (uint32_t k = 0; k < PHY_PBCH_DMRS_NRE; k++) {
    cf_t e = y[k] - h[k / DMRS_PER] * r[k];
    acc += crealf(e) * crealf(e) + cimagf(e) * cimagf(e);
  }
  return acc / (float)(NGROUP * (DMRS_PER - 1));
}

/* Zero-forcing equalisation; the per-symbol noise accounts for the estimate's own noise
 * (N0 / 3 from averaging 3 DMRS) as (1 + 1/3) N0 / |H|^2. */
static void equalize(const phy_pbch_cfg_t *cfg, cf_t *x, const cf_t h[NGROUP], float n0,
                     float nv[PHY_PBCH_NRE])
{
  float ratio = 1.0f;
  if (cfg->map.beta_dmrs > 0 && cfg->map.beta_pbch > 0) {
    ratio = cfg->map.beta_pbch / cfg->map.beta_dmrs;
  }
  for (uint32_t i = 0; i < PHY_PBCH_NRE; i++) {
    cf_t hk = h[i / PBCH_PER] * ratio;
    float p = crealf(hk) * crealf(hk) + cimagf(hk) * cimagf(hk);
    if (p < 1e-20f) {
      x[i] = 0;
      nv[i] = 1e10f;
      continue;
    }
    x[i] = x[i] * conjf(hk) / p;
    nv[i] = (4.0f / 3.0f) * n0 / p;
  }
}

/* TS 38.212 7.1.2 descrambling and 7.1.1 de-interleaving of the decoded a'' into res. */
static void unpack_payload(const phy_pbch_cfg_t *cfg, uint8_t a[PHY_PBCH_A_BAR],
                           phy_pbch_res_t *res)
{
  uint8_t a_bar[PHY_PBCH_A_BAR];
  phy_pbch_payload_scramble(a, cfg->map.n_id, cfg->l_max, phy_pbch_payload_v(a, cfg->l_max));
  phy_pbch_payload_deinterleave(a, cfg->l_max, a_bar);
  uint32_t sfn = 0;
  for (uint32_t i = 1; i <= 6; i++) { /* SFN MSBs inside the MIB (TS 38.331 MIB) */
    sfn = (sfn << 1) | a_bar[i];
  }
  for (uint32_t i = 0; i < 4; i++) {
    sfn = (sfn << 1) | a_bar[PHY_BCH_MSG_BITS + i];
  }
  memcpy(res->msg.bch, a_bar, PHY_BCH_MSG_BITS);
  res->msg.sfn = sfn;
  res->msg.hrf = a_bar[PHY_BCH_MSG_BITS + 4];
  res->msg.k_ssb = (uint32_t)a_bar[PHY_BCH_MSG_BITS + 5] << 4;
}

int phy_pbch_decode(phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_grid_t *grid, uint32_t port,
                    phy_pbch_res_t *res)
{
  if (q == NULL || q->c.dec == NULL || res == NULL || cfg == NULL ||
      (cfg->l_max != 4 && cfg->l_max != 8)) {
    return OLIVE_EINVAL;
  }
  cf_t x[PHY_PBCH_NRE], y[PHY_PBCH_DMRS_NRE], r[PHY_PBCH_DMRS_NRE], h[NGROUP];
  int ret = phy_ssb_extract(&cfg->map, grid, port, NULL, NULL, x, y);
  if (ret < 0) {
    return ret;
  }
  memset(res, 0, sizeof(*res));
  res->ibar = detect_ibar(cfg, y, h, r, &res->dmrs_metric);
  res->noise_var = noise_estimate(y, r, h);
  float nv[PHY_PBCH_NRE], llr[PHY_PBCH_E];
  equalize(cfg, x, h, res->noise_var, nv);
  phy_demod_llr_f32_nv(&q->c.mod, PHY_MOD_QPSK, x, PHY_PBCH_NRE, nv, llr);
  uint32_t ssb, hf;
  hyp_split(res->ibar, cfg->l_max, &ssb, &hf);
  /* TS 38.211 7.3.3.1 */
  phy_scrambling_llr_f32(&q->c.scr, llr, llr, PHY_PBCH_E, cfg->map.n_id,
                         phy_pbch_scrambling_v(ssb, cfg->l_max) * PHY_PBCH_E);
  /* No information at all (an empty grid): the all-zero LLRs would decode to the all-zero
   * word, whose CRC24C (no RNTI mask on the PBCH) is zero and passes. */
  float peak = 0;
  for (uint32_t i = 0; i < PHY_PBCH_E; i++) {
    peak = fmaxf(peak, fabsf(llr[i]));
  }
  if (!(peak > 1e-6f)) {
    res->msg.ssb_idx = ssb;
    return OLIVE_ECRC;
  }
  phy_polar_chain_cfg_t pc = {
      .chain = PHY_POLAR_PBCH, .A = PHY_PBCH_A_BAR, .E = PHY_PBCH_E, .list = q->c.list};
  uint8_t a[PHY_PBCH_A_BAR];
  ret = phy_polar_chain_decode(q->c.dec, &pc, llr, a);
  unpack_payload(cfg, a, res);
  res->msg.ssb_idx = ssb;
  res->crc_ok = ret == 0;
  return ret == 0 ? OLIVE_OK : (ret == OLIVE_ECRC ? OLIVE_ECRC : ret);
}
