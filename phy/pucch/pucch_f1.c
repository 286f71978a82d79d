/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH format 1, TS 38.211 6.3.2.4 (data) and 6.4.1.3.1 (DM-RS).
 *
 * Symbol l = 0 .. L-1 of the resource carries DM-RS when l is even and data when l is odd.
 * In hop m' the m-th data symbol is w_i(m) d(0) r_u,v^(alpha_l)(n) (6.3.2.4.2) and the m-th
 * DM-RS symbol w_i(m) r_u,v^(alpha_l)(n) (6.4.1.3.1.1), w_i from Table 6.3.2.4.1-2 with the
 * N_SF of that hop and signal type, alpha_l with m_cs = 0.
 *
 * Detector: per hop and RX port, A = <y_dmrs, s_dmrs> (the LS channel estimate times N_a)
 * and B = <y_data, s_data> (channel times d(0) times N_b). Choosing d maximising
 * |A + conj(d) B|^2 / (N_a + N_b) summed over hops and ports is the coherent combining of
 * the data with the DM-RS channel estimate (it maximises Re(d conj(sum conj(A) B)) plus terms
 * independent of d). The residual outside span{s_dmrs, s_data} estimates the noise. */
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "pucch_internal.h"

/* d(0): BPSK (5.1.2) for one bit, QPSK (5.1.3) for two (6.3.2.4.1); SR alone sends b(0) = 0
 * (TS 38.213 9.2.4). */
static cf_t f1_symbol(uint32_t nbits, const uint8_t *b)
{
  if (nbits <= 1) {
    return phy_mod_point(PHY_MOD_BPSK, nbits == 1 ? b[0] & 1u : 0u, 0);
  }
  return phy_mod_point(PHY_MOD_QPSK, ((b[0] & 1u) << 1) | (b[1] & 1u), 0);
}

/* w_i(m) for the symbol's hop and type, and r^(alpha_l): out = w r. */
typedef struct f1_sym {
  pucch_sym_t s;
  bool dmrs;
  cf_t seq[PUCCH_NRE]; /* w_i(m) r_u,v^(alpha_l)(n) */
} f1_sym_t;

static int f1_symbol_seq(const phy_pucch_cfg_t *cfg, const cf_t (*base)[PUCCH_NRE], uint32_t l,
                         uint32_t *count, f1_sym_t *o)
{
  const phy_pucch_resource_t *r = &cfg->res;
  o->s = pucch_symbol(r, l);
  o->dmrs = l % 2 == 0;
  /* count[hop * 2 + dmrs]: index m of this symbol among its kind in the hop */
  uint32_t m = count[o->s.hop * 2 + o->dmrs]++;
  uint32_t n_sf = phy_pucch_f1_nsf(r->nof_symbols, r->intra_slot_hopping, o->s.hop, o->dmrs);
  int phi = phy_pucch_f1_occ_phi(n_sf, r->time_domain_occ, m);
  if (phi < 0) {
    return OLIVE_EINVAL;
  }
  pucch_shift(o->seq, base[o->s.hop],
              phy_pucch_alpha_idx(cfg->n_id, cfg->slot, o->s.l_slot, r->initial_cs, 0));
  float th = 2.0f * (float)M_PI * (float)phi / (float)n_sf;
  cf_t w = phy_cf_make(cosf(th), sinf(th));
  for (uint32_t n = 0; n < PUCCH_NRE; n++) {
    o->seq[n] *= w;
  }
  return OLIVE_OK;
}

/* r_u,0 of both hops (6.3.2.2.1; the second only with hopping). */
static int f1_bases(const phy_pucch_cfg_t *cfg, cf_t (*base)[PUCCH_NRE])
{
  int err = pucch_base(cfg, 0, base[0]);
  if (err == 0 && cfg->res.intra_slot_hopping) {
    err = pucch_base(cfg, 1, base[1]);
  }
  return err;
}

static int f1_check(const phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_pucch_uci_t *u,
                    const phy_grid_t *grid)
{
  if (q == NULL || !q->ready || cfg == NULL || u == NULL || grid == NULL ||
      !phy_grid_is_natural(grid) || cfg->res.format != PHY_PUCCH_F1 || u->nof_harq > 2) {
    return OLIVE_EINVAL;
  }
  return phy_pucch_cfg_check(cfg, grid->nof_prb);
}

int phy_pucch_f1_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_pucch_uci_t *uci,
                        phy_grid_t *grid, uint32_t port)
{
  int err = f1_check(q, cfg, uci, grid);
  if (err < 0 || port >= grid->nof_ports || (uci->nof_harq == 0 && !uci->sr) ||
      (uci->nof_harq >= 1 && uci->harq[0] > 1) || (uci->nof_harq == 2 && uci->harq[1] > 1)) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  cf_t d = f1_symbol(uci->nof_harq, uci->harq), base[2][PUCCH_NRE];
  uint32_t count[4] = {0};
  if ((err = f1_bases(cfg, base)) < 0) {
    return err;
  }
  for (uint32_t l = 0; l < cfg->res.nof_symbols; l++) {
    f1_sym_t o;
    if ((err = f1_symbol_seq(cfg, (const cf_t(*)[PUCCH_NRE])base, l, count, &o)) < 0) {
      return err;
    }
    cf_t *x = phy_grid_re(grid, port, o.s.l_slot, o.s.prb * PUCCH_NRE);
    for (uint32_t n = 0; n < PUCCH_NRE; n++) {
      x[n] = o.dmrs ? o.seq[n] : d * o.seq[n];
    }
  }
  return OLIVE_OK;
}

/* Per hop and port: A, B (see the file comment), their RE counts and the received energy. */
typedef struct f1_acc {
  cf_t a, b;
  float na, nb, tot;
} f1_acc_t;

static int f1_accumulate(const phy_pucch_cfg_t *cfg, const phy_grid_t *grid,
                         f1_acc_t acc[2][PHY_PUCCH_MAX_PORTS])
{
  uint32_t count[4] = {0};
  cf_t base[2][PUCCH_NRE];
  memset(acc, 0, sizeof(f1_acc_t) * 2 * PHY_PUCCH_MAX_PORTS);
  int err = f1_bases(cfg, base);
  for (uint32_t l = 0; err == 0 && l < cfg->res.nof_symbols; l++) {
    f1_sym_t o;
    err = f1_symbol_seq(cfg, (const cf_t(*)[PUCCH_NRE])base, l, count, &o);
    if (err < 0) {
      return err;
    }
    for (uint32_t p = 0; p < grid->nof_ports; p++) {
      const cf_t *y = phy_grid_re(grid, p, o.s.l_slot, o.s.prb * PUCCH_NRE);
      f1_acc_t *c = &acc[o.s.hop][p];
      cf_t corr = 0.0f;
      for (uint32_t n = 0; n < PUCCH_NRE; n++) {
        corr += y[n] * conjf(o.seq[n]);
        c->tot += crealf(y[n]) * crealf(y[n]) + cimagf(y[n]) * cimagf(y[n]);
      }
      if (o.dmrs) {
        c->a += corr;
        c->na += PUCCH_NRE;
      } else {
        c->b += corr;
        c->nb += PUCCH_NRE;
      }
    }
  }
  return err;
}

static float sq(cf_t x)
{
  return crealf(x) * crealf(x) + cimagf(x) * cimagf(x);
}

int phy_pucch_f1_detect(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_pucch_uci_t *expect,
                        const phy_grid_t *grid, phy_pucch_uci_rx_t *rx)
{
  int err = f1_check(q, cfg, expect, grid);
  if (err < 0 || rx == NULL || grid->nof_ports < 1 || grid->nof_ports > q->max_ports) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  f1_acc_t acc[2][PHY_PUCCH_MAX_PORTS];
  if ((err = f1_accumulate(cfg, grid, acc)) < 0) {
    return err;
  }
  uint32_t nhops = cfg->res.intra_slot_hopping ? 2 : 1, nh = 1u << expect->nof_harq;
  float best_e = -1.0f, resid = 0.0f;
  uint32_t best = 0, dof = 0;
  for (uint32_t h = 0; h < nh; h++) {
    uint8_t b[2] = {(uint8_t)(expect->nof_harq == 2 ? h >> 1 : h & 1u), (uint8_t)(h & 1u)};
    cf_t d = f1_symbol(expect->nof_harq, b);
    float e = 0.0f;
    for (uint32_t m = 0; m < nhops; m++) {
      for (uint32_t p = 0; p < grid->nof_ports; p++) {
        const f1_acc_t *c = &acc[m][p];
        e += sq(c->a + conjf(d) * c->b) / (c->na + c->nb);
      }
    }
    if (e > best_e) {
      best_e = e;
      best = h;
    }
  }
  for (uint32_t m = 0; m < nhops; m++) {
    for (uint32_t p = 0; p < grid->nof_ports; p++) {
      const f1_acc_t *c = &acc[m][p];
      resid += c->tot - sq(c->a) / c->na - sq(c->b) / c->nb;
      dof += (uint32_t)(c->na + c->nb) - 2;
    }
  }
  uint32_t k = nhops * grid->nof_ports;
  pucch_stat_t st = {.p_max = best_e,
                     .resid = resid > 0.0f ? resid : 0.0f,
                     .k = k,
                     .d = dof,
                     .h = nh,
                     .n_obs = (float)PUCCH_NRE * cfg->res.nof_symbols / nhops};
  memset(rx, 0, sizeof(*rx));
  rx->detected = pucch_decide(q, PHY_PUCCH_F1, cfg->pfa, &st, &rx->metric, &rx->threshold,
                              &rx->noise_var, &rx->snr_db);
  if (rx->detected) {
    if (expect->nof_harq == 0) {
      rx->sr = true;
    } else {
      rx->harq[0] = (uint8_t)(expect->nof_harq == 2 ? best >> 1 : best & 1u);
      rx->harq[1] = expect->nof_harq == 2 ? (uint8_t)(best & 1u) : 0;
    }
  }
  return OLIVE_OK;
}
