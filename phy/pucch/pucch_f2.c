/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH format 2: TS 38.212 6.3.1 channel coding of UCI (block code 5.3.3 for A <= 11,
 * polar 6.3.1.2-6.3.1.4 with CRC6/CRC11 for A >= 12), rate matched to E_tot = 16 N_PRB
 * N_symb (Table 6.3.1.4-1, QPSK); TS 38.211 6.3.2.5.1 scrambling (c_init = n_RNTI 2^15 +
 * n_ID), 6.3.2.5.2 QPSK, 6.3.2.5.3 mapping frequency first to the REs without DM-RS; DM-RS
 * 6.4.1.3.2 on subcarriers 1, 4, 7, 10 of each PRB.
 *
 * Receiver: LS estimate per PRB, symbol and port from the 4 DM-RS (their mean; the residual
 * of the 4 around it gives 3 noise degrees of freedom), DM-RS energy test for DTX, MRC
 * across ports, max-log QPSK LLRs with the post-combining noise, descrambling, decoding. */
#include <math.h>
#include <string.h>

#include "olive/phy/block.h"
#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pucch_internal.h"

#define F2_DMRS_PER_PRB 4u
#define F2_DATA_PER_PRB 8u

uint32_t phy_pucch_f2_e(const phy_pucch_resource_t *res)
{
  return res == NULL ? 0 : 16u * res->nof_prb * res->nof_symbols;
}

/* TS 38.211 6.4.1.3.2.1: c_init = (2^17 (N_symb^slot n_s + l + 1)(2 N_ID^0 + 1) + 2 N_ID^0)
 * mod 2^31, l the symbol in the slot. */
static uint32_t f2_dmrs_cinit(const phy_pucch_cfg_t *cfg, uint32_t l_slot)
{
  uint64_t nid = cfg->n_id_dmrs;
  uint64_t v =
      ((uint64_t)(PHY_NSYMB_SLOT * cfg->slot + l_slot + 1) * (2 * nid + 1) << 17) + 2 * nid;
  return (uint32_t)(v & 0x7fffffffu);
}

/* DM-RS r_l(m) of symbol s: m counts from CRB 0 (6.4.1.3.2.2, k = 3m + 1). */
static void f2_dmrs(const phy_pucch_cfg_t *cfg, pucch_sym_t s, cf_t *r)
{
  uint32_t m0 = F2_DMRS_PER_PRB * (cfg->grid_start_crb + s.prb);
  phy_seq_gold_qpsk(r, f2_dmrs_cinit(cfg, s.l_slot), m0, F2_DMRS_PER_PRB * cfg->res.nof_prb);
}

static int f2_check(const phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                    const phy_grid_t *grid)
{
  if (q == NULL || !q->ready || cfg == NULL || grid == NULL || !phy_grid_is_natural(grid) ||
      cfg->res.format != PHY_PUCCH_F2 || A < 1 || A > PHY_PUCCH_F2_MAX_A) {
    return OLIVE_EINVAL;
  }
  return phy_pucch_cfg_check(cfg, grid->nof_prb);
}

int phy_pucch_f2_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a, uint32_t A,
                        phy_grid_t *grid, uint32_t port)
{
  int err = f2_check(q, cfg, A, grid);
  if (err < 0 || a == NULL || port >= grid->nof_ports) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  uint32_t E = phy_pucch_f2_e(&cfg->res);
  if ((err = pucch_uci_encode(q, a, A, 2, E)) < 0) {
    return err;
  }
  /* placeholders of the K <= 2 codes resolve as in 38.211 6.3.1.1 (x -> 1, y -> repeat) */
  phy_scrambling_bits_ph(&q->scr, q->bits, q->bits, E, pucch_uci_cinit(cfg), 0);
  if ((err = phy_modulation_map_bits(&q->mod, PHY_MOD_QPSK, q->bits, E, q->sym)) < 0) {
    return err;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t i = 0;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t dmrs[F2_DMRS_PER_PRB * PHY_PUCCH_F2_MAX_PRB];
    f2_dmrs(cfg, s, dmrs);
    cf_t *x = phy_grid_re(grid, port, s.l_slot, s.prb * PUCCH_NRE);
    for (uint32_t k = 0; k < PUCCH_NRE * r->nof_prb; k++) {
      x[k] = k % 3 == 1 ? dmrs[k / 3] : q->sym[i++];
    }
  }
  return OLIVE_OK;
}

/* Channel estimates h[l][p][prb] and the DM-RS statistics. */
typedef struct f2_est {
  cf_t h[2][PHY_PUCCH_MAX_PORTS][PHY_PUCCH_F2_MAX_PRB];
  float p, resid;
} f2_est_t;

static void f2_estimate(const phy_pucch_cfg_t *cfg, const phy_grid_t *grid, f2_est_t *e)
{
  const phy_pucch_resource_t *r = &cfg->res;
  e->p = e->resid = 0.0f;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t dmrs[F2_DMRS_PER_PRB * PHY_PUCCH_F2_MAX_PRB];
    f2_dmrs(cfg, s, dmrs);
    for (uint32_t p = 0; p < grid->nof_ports; p++) {
      const cf_t *y = phy_grid_re(grid, p, s.l_slot, s.prb * PUCCH_NRE);
      for (uint32_t j = 0; j < r->nof_prb; j++) {
        cf_t acc = 0.0f;
        float tot = 0.0f;
        for (uint32_t m = 0; m < F2_DMRS_PER_PRB; m++) {
          cf_t v = y[j * PUCCH_NRE + 3 * m + 1];
          acc += v * conjf(dmrs[j * F2_DMRS_PER_PRB + m]);
          tot += crealf(v) * crealf(v) + cimagf(v) * cimagf(v);
        }
        float pj = (crealf(acc) * crealf(acc) + cimagf(acc) * cimagf(acc)) / F2_DMRS_PER_PRB;
        e->h[l][p][j] = acc / (float)F2_DMRS_PER_PRB;
        e->p += pj;
        e->resid += tot - pj > 0.0f ? tot - pj : 0.0f;
      }
    }
  }
}

/* MRC of the data REs into q->sym with the per-symbol noise variance in q->sym_nv. */
static void f2_equalize(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_grid_t *grid,
                        const f2_est_t *e, float nv)
{
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t i = 0;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    for (uint32_t k = 0; k < PUCCH_NRE * r->nof_prb; k++) {
      if (k % 3 == 1) {
        continue;
      }
      cf_t num = 0.0f;
      float den = 0.0f;
      for (uint32_t p = 0; p < grid->nof_ports; p++) {
        cf_t h = e->h[l][p][k / PUCCH_NRE];
        num += conjf(h) * *phy_grid_re(grid, p, s.l_slot, s.prb * PUCCH_NRE + k);
        den += crealf(h) * crealf(h) + cimagf(h) * cimagf(h);
      }
      den = den > 1e-20f ? den : 1e-20f;
      q->sym[i] = num / den;
      q->sym_nv[i++] = nv / den;
    }
  }
}

int phy_pucch_f2_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                        const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx)
{
  int err = f2_check(q, cfg, A, grid);
  if (err < 0 || a == NULL || rx == NULL || grid->nof_ports < 1 || grid->nof_ports > q->max_ports) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t E = phy_pucch_f2_e(r), k = r->nof_symbols * r->nof_prb * grid->nof_ports;
  f2_est_t est;
  f2_estimate(cfg, grid, &est);
  pucch_stat_t st = {
      .p_max = est.p, .resid = est.resid, .k = k, .d = 3 * k, .h = 1, .n_obs = F2_DMRS_PER_PRB};
  memset(rx, 0, sizeof(*rx));
  float conf_thr;
  float pfa_dmrs =
      pucch_uci_split(q, A, E, 2, cfg->pfa > 0.0f ? cfg->pfa : PHY_PUCCH_DEFAULT_PFA, &conf_thr);
  rx->dmrs_detected = pucch_decide(q, PHY_PUCCH_F2, pfa_dmrs, &st, &rx->metric, &rx->threshold,
                                   &rx->noise_var, &rx->snr_db);
  float nv = rx->noise_var > 1e-20f ? rx->noise_var : 1e-20f;
  f2_equalize(q, cfg, grid, &est, nv);
  if ((err = phy_demod_llr_f32_nv(&q->mod, PHY_MOD_QPSK, q->sym, E / 2, q->sym_nv, q->llr)) < 0) {
    return err;
  }
  phy_scrambling_llr_f32(&q->scr, q->llr, q->llr, E, pucch_uci_cinit(cfg), 0);
  if ((err = pucch_uci_decode(q, A, E, 2, conf_thr, a, &rx->crc_ok, &rx->confidence)) < 0) {
    return err;
  }
  rx->detected = rx->dmrs_detected && rx->crc_ok;
  return OLIVE_OK;
}
