/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH formats 3 and 4, TS 38.211 6.3.2.6 (UCI of TS 38.212 6.3.1, scrambling as format 2,
 * QPSK or pi/2-BPSK, transform precoding of each data symbol with M = 12 N_PRB, mapping to * the
 * symbols without DM-RS) and its DM-RS, 6.4.1.3.3 (low-PAPR sequence of length 12 N_PRB with m_cs =
 * 0, the symbols of Table 6.4.1.3.3.2-1). Format 4 (one PRB) spreads each block of 12 / N_SF
 * modulation symbols over the 12 subcarriers with w_n (6.3.2.6.3) before the DFT, and shifts its
 * DM-RS by m0 of Table 6.4.1.3.3.1-1; format 3 has m0 = 0.
 *
 * Receiver: per hop, PRB and port the DM-RS symbols give one LS channel estimate (their
 * mean: flat over the PRB and the hop) and 12 N_dmrs - 1 noise degrees of freedom; the DM-RS
 * energy test and the code test share the DTX target as for format 2 (pucch_uci.c); MRC
 * across ports, transform deprecoding, LLRs with the mean post-MRC noise of the symbol. */
#include <math.h>
#include <string.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pucch_internal.h"

#define F3_MAX_SC (PUCCH_NRE * PHY_PUCCH_F3_MAX_PRB)

/* TS 38.211 Table 6.4.1.3.3.2-1: DM-RS positions l within the PUCCH for nof_symbols 4..14:
 * [L - 4][additional DM-RS][...], count first; length 4 depends on hopping instead. */
static const uint8_t f3_dmrs_pos[11][2][5] = {
    {{1, 1}, {1, 1}},               /* 4: no hopping {1}; hopping {0, 2} below */
    {{2, 0, 3}, {2, 0, 3}},         /* 5 */
    {{2, 1, 4}, {2, 1, 4}},         /* 6 */
    {{2, 1, 4}, {2, 1, 4}},         /* 7 */
    {{2, 1, 5}, {2, 1, 5}},         /* 8 */
    {{2, 1, 6}, {2, 1, 6}},         /* 9 */
    {{2, 2, 7}, {4, 1, 3, 6, 8}},   /* 10 */
    {{2, 2, 7}, {4, 1, 3, 6, 9}},   /* 11 */
    {{2, 2, 8}, {4, 1, 4, 7, 10}},  /* 12 */
    {{2, 2, 9}, {4, 1, 4, 7, 11}},  /* 13 */
    {{2, 3, 10}, {4, 1, 5, 8, 12}}, /* 14 */
};

int phy_pucch_f3_dmrs_symbols(const phy_pucch_resource_t *res, uint32_t idx[4])
{
  if (res == NULL || idx == NULL || res->nof_symbols < 4 || res->nof_symbols > 14) {
    return OLIVE_EINVAL;
  }
  if (res->nof_symbols == 4 && res->intra_slot_hopping) {
    idx[0] = 0;
    idx[1] = 2;
    return 2;
  }
  const uint8_t *row = f3_dmrs_pos[res->nof_symbols - 4][res->additional_dmrs ? 1 : 0];
  for (uint32_t i = 0; i < row[0]; i++) {
    idx[i] = row[1 + i];
  }
  return row[0];
}

uint32_t phy_pucch_f3_e(const phy_pucch_resource_t *res)
{
  uint32_t idx[4];
  int nd = phy_pucch_f3_dmrs_symbols(res, idx);
  if (nd < 0 || res->nof_prb < 1 || res->nof_prb > PHY_PUCCH_F3_MAX_PRB) {
    return 0;
  }
  uint32_t e = (res->pi2_bpsk ? 12u : 24u) * res->nof_prb * (res->nof_symbols - (uint32_t)nd);
  if (res->format == PHY_PUCCH_F4) {
    return (res->occ_length == 2 || res->occ_length == 4) && res->nof_prb == 1 ? e / res->occ_length
                                                                               : 0;
  }
  return e;
}

/* TS 38.211 Table 6.3.2.6.3-1 (N_SF = 2) and Table 6.3.2.6.3-2 (N_SF = 4): w_n(k) is constant
 * over blocks of 12 / N_SF subcarriers; entries as powers of j (0: +1, 1: +j, 2: -1, 3: -j):
 *   N_SF 2: n=0 [+1 +1], n=1 [+1 -1] (blocks of 6)
 *   N_SF 4: n=0 [+1 +1 +1 +1], n=1 [+1 -j -1 +j], n=2 [+1 -1 +1 -1], n=3 [+1 +j -1 -j] */
static const uint8_t f4_w_sf2[2][2] = {{0, 0}, {0, 2}};
static const uint8_t f4_w_sf4[4][4] = {{0, 0, 0, 0}, {0, 3, 2, 1}, {0, 2, 0, 2}, {0, 1, 2, 3}};

static cf_t f4_w(const phy_pucch_resource_t *res, uint32_t k)
{
  static const cf_t jpow[4] = {1.0f, I, -1.0f, -I};
  uint32_t blk = k / (PUCCH_NRE / res->occ_length);
  return jpow[res->occ_length == 2 ? f4_w_sf2[res->occ_index][blk] : f4_w_sf4[res->occ_index][blk]];
}

/* TS 38.211 Table 6.4.1.3.3.1-1: DM-RS m0 of format 4 by occ-Index (N_SF 2 uses n = 0, 1). */
static const uint8_t f4_dmrs_m0[4] = {0, 6, 3, 9};

/* Bit l of the mask: PUCCH symbol l carries DM-RS. */
static uint32_t f3_dmrs_mask(const phy_pucch_resource_t *res)
{
  uint32_t idx[4], mask = 0;
  int nd = phy_pucch_f3_dmrs_symbols(res, idx);
  for (int i = 0; i < nd; i++) {
    mask |= 1u << idx[i];
  }
  return mask;
}

/* r_u,v^(alpha_l)(n), n < 12 N_PRB, for PUCCH symbol l (6.4.1.3.3.1: m0 = 0, m_cs = 0). */
static int f3_dmrs(const phy_pucch_cfg_t *cfg, uint32_t l, cf_t *r)
{
  pucch_sym_t s = pucch_symbol(&cfg->res, l);
  uint32_t u, v;
  int err = phy_pucch_group_seq(cfg->group_hopping, cfg->n_id, cfg->slot, s.hop, &u, &v);
  if (err < 0) {
    return err;
  }
  uint32_t m = PUCCH_NRE * cfg->res.nof_prb;
  uint32_t m0 = cfg->res.format == PHY_PUCCH_F4 ? f4_dmrs_m0[cfg->res.occ_index] : 0;
  uint32_t a = phy_pucch_alpha_idx(cfg->n_id, cfg->slot, s.l_slot, m0, 0);
  /* v only exists for M_ZC >= 72 (TS 38.211 5.2.2) */
  return phy_seq_low_papr(r, m, u, m >= 72 ? v : 0, 2.0f * (float)M_PI * (float)a / 12.0f);
}

static int f3_check(const phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                    const phy_grid_t *grid, phy_pucch_format_t fmt)
{
  if (q == NULL || !q->ready || cfg == NULL || grid == NULL || !phy_grid_is_natural(grid) ||
      cfg->res.format != fmt || A < 1 || A > PHY_PUCCH_F3_MAX_A) {
    return OLIVE_EINVAL;
  }
  return phy_pucch_cfg_check(cfg, grid->nof_prb);
}

static phy_mod_t f3_mod(const phy_pucch_resource_t *res)
{
  return res->pi2_bpsk ? PHY_MOD_PI2_BPSK : PHY_MOD_QPSK;
}

/* Format 4: spreads data symbol i (12 / N_SF modulation symbols) and transform-precodes it
 * into x (6.3.2.6.3, 6.3.2.6.4). */
static int f4_spread(phy_pucch_t *q, const phy_pucch_resource_t *r, uint32_t i, cf_t *x)
{
  uint32_t nb = PUCCH_NRE / r->occ_length;
  cf_t y[PUCCH_NRE];
  for (uint32_t k = 0; k < PUCCH_NRE; k++) {
    y[k] = f4_w(r, k) * q->sym[i * nb + k % nb];
  }
  return phy_transform_precoding_encode(&q->tp, 1, y, 1, x);
}

static int f34_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a, uint32_t A,
                      phy_grid_t *grid, uint32_t port, phy_pucch_format_t fmt)
{
  int err = f3_check(q, cfg, A, grid, fmt);
  if (err < 0 || a == NULL || port >= grid->nof_ports) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t E = phy_pucch_f3_e(r), qm = r->pi2_bpsk ? 1 : 2, M = PUCCH_NRE * r->nof_prb;
  if ((err = pucch_uci_encode(q, a, A, qm, E)) < 0) {
    return err;
  }
  /* 6.3.2.6.1 scrambling (placeholders as 6.3.1.1), 6.3.2.6.2 modulation, 6.3.2.6.4 DFT */
  phy_scrambling_bits_ph(&q->scr, q->bits, q->bits, E, pucch_uci_cinit(cfg), 0);
  if ((err = phy_modulation_map_bits(&q->mod, f3_mod(r), q->bits, E, q->sym)) < 0) {
    return err;
  }
  if (fmt == PHY_PUCCH_F3 &&
      (err = phy_transform_precoding_encode(&q->tp, r->nof_prb, q->sym, E / qm / M, q->sym)) < 0) {
    return err;
  }
  uint32_t mask = f3_dmrs_mask(r), i = 0;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t *x = phy_grid_re(grid, port, s.l_slot, s.prb * PUCCH_NRE);
    if (mask >> l & 1u) {
      if ((err = f3_dmrs(cfg, l, x)) < 0) {
        return err;
      }
    } else if (fmt == PHY_PUCCH_F4) {
      if ((err = f4_spread(q, r, i++, x)) < 0) {
        return err;
      }
    } else {
      memcpy(x, q->sym + M * i++, sizeof(cf_t) * M);
    }
  }
  return OLIVE_OK;
}

int phy_pucch_f3_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a, uint32_t A,
                        phy_grid_t *grid, uint32_t port)
{
  return f34_encode(q, cfg, a, A, grid, port, PHY_PUCCH_F3);
}

int phy_pucch_f4_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a, uint32_t A,
                        phy_grid_t *grid, uint32_t port)
{
  return f34_encode(q, cfg, a, A, grid, port, PHY_PUCCH_F4);
}

/* Channel estimate h[hop][port][prb] and DM-RS statistics. */
typedef struct f3_est {
  cf_t h[2][PHY_PUCCH_MAX_PORTS][PHY_PUCCH_F3_MAX_PRB];
  float p, resid;
  uint32_t k, d;
} f3_est_t;

static int f3_estimate(const phy_pucch_cfg_t *cfg, const phy_grid_t *grid, f3_est_t *e)
{
  const phy_pucch_resource_t *r = &cfg->res;
  cf_t acc[2][PHY_PUCCH_MAX_PORTS][PHY_PUCCH_F3_MAX_PRB] = {{{0}}};
  float tot[2][PHY_PUCCH_MAX_PORTS][PHY_PUCCH_F3_MAX_PRB] = {{{0}}}, n[2] = {0};
  uint32_t mask = f3_dmrs_mask(r);
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    if (!(mask >> l & 1u)) {
      continue;
    }
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t dmrs[F3_MAX_SC];
    int err = f3_dmrs(cfg, l, dmrs);
    if (err < 0) {
      return err;
    }
    n[s.hop] += PUCCH_NRE;
    for (uint32_t p = 0; p < grid->nof_ports; p++) {
      const cf_t *y = phy_grid_re(grid, p, s.l_slot, s.prb * PUCCH_NRE);
      for (uint32_t k = 0; k < PUCCH_NRE * r->nof_prb; k++) {
        acc[s.hop][p][k / PUCCH_NRE] += y[k] * conjf(dmrs[k]);
        tot[s.hop][p][k / PUCCH_NRE] += crealf(y[k]) * crealf(y[k]) + cimagf(y[k]) * cimagf(y[k]);
      }
    }
  }
  *e = (f3_est_t){.p = 0.0f};
  for (uint32_t m = 0; m < 2; m++) {
    for (uint32_t p = 0; n[m] > 0 && p < grid->nof_ports; p++) {
      for (uint32_t j = 0; j < r->nof_prb; j++) {
        cf_t c = acc[m][p][j];
        float pj = (crealf(c) * crealf(c) + cimagf(c) * cimagf(c)) / n[m];
        e->h[m][p][j] = c / n[m];
        e->p += pj;
        e->resid += tot[m][p][j] - pj > 0.0f ? tot[m][p][j] - pj : 0.0f;
        e->k++;
        e->d += (uint32_t)n[m] - 1;
      }
    }
  }
  return OLIVE_OK;
}

/* MRC and transform deprecoding of the data symbols into q->sym / q->sym_nv. */
static int f3_equalize(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const phy_grid_t *grid,
                       const f3_est_t *e, float nv)
{
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t M = PUCCH_NRE * r->nof_prb, mask = f3_dmrs_mask(r), i = 0;
  for (uint32_t l = 0; l < r->nof_symbols; l++) {
    if (mask >> l & 1u) {
      continue;
    }
    pucch_sym_t s = pucch_symbol(r, l);
    cf_t *z = q->sym + M * i;
    float nv_sum = 0.0f;
    for (uint32_t k = 0; k < M; k++) {
      cf_t num = 0.0f;
      float den = 0.0f;
      for (uint32_t p = 0; p < grid->nof_ports; p++) {
        cf_t h = e->h[s.hop][p][k / PUCCH_NRE];
        num += conjf(h) * *phy_grid_re(grid, p, s.l_slot, s.prb * PUCCH_NRE + k);
        den += crealf(h) * crealf(h) + cimagf(h) * cimagf(h);
      }
      den = den > 1e-20f ? den : 1e-20f;
      z[k] = num / den;
      nv_sum += nv / den;
    }
    int err = phy_transform_precoding_decode(&q->tp, r->nof_prb, z, 1, z);
    if (err < 0) {
      return err;
    }
    for (uint32_t k = 0; k < M; k++) { /* the unitary IDFT spreads the noise evenly */
      q->sym_nv[M * i + k] = nv_sum / (float)M;
    }
    i++;
  }
  return OLIVE_OK;
}

/* Format 4: undoes the block-wise spreading of the deprecoded symbols in q->sym (M = 12 per
 * data symbol), compacting to 12 / N_SF per symbol; the noise of the mean of N_SF samples is
 * their summed variance / N_SF^2. */
static void f4_despread(phy_pucch_t *q, const phy_pucch_resource_t *r, uint32_t ndata)
{
  uint32_t sf = r->occ_length, nb = PUCCH_NRE / sf;
  for (uint32_t i = 0; i < ndata; i++) {
    cf_t z[PUCCH_NRE];
    float nv[PUCCH_NRE];
    memcpy(z, q->sym + PUCCH_NRE * i, sizeof(z));
    memcpy(nv, q->sym_nv + PUCCH_NRE * i, sizeof(nv));
    for (uint32_t j = 0; j < nb; j++) {
      cf_t acc = 0.0f;
      float v = 0.0f;
      for (uint32_t b = 0; b < sf; b++) {
        acc += conjf(f4_w(r, j + b * nb)) * z[j + b * nb];
        v += nv[j + b * nb];
      }
      q->sym[i * nb + j] = acc / (float)sf;
      q->sym_nv[i * nb + j] = v / (float)(sf * sf);
    }
  }
}

static int f34_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                      const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx,
                      phy_pucch_format_t fmt)
{
  int err = f3_check(q, cfg, A, grid, fmt);
  if (err < 0 || a == NULL || rx == NULL || grid->nof_ports < 1 || grid->nof_ports > q->max_ports) {
    return err < 0 ? err : OLIVE_EINVAL;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  uint32_t E = phy_pucch_f3_e(r), qm = r->pi2_bpsk ? 1 : 2;
  f3_est_t est;
  if ((err = f3_estimate(cfg, grid, &est)) < 0) {
    return err;
  }
  float conf_thr, pfa = cfg->pfa > 0.0f ? cfg->pfa : PHY_PUCCH_DEFAULT_PFA;
  float pfa_dmrs = pucch_uci_split(q, A, E, qm, pfa, &conf_thr);
  pucch_stat_t st = {.p_max = est.p,
                     .resid = est.resid,
                     .k = est.k,
                     .d = est.d,
                     .h = 1,
                     .n_obs = (float)est.d / (float)est.k + 1.0f};
  memset(rx, 0, sizeof(*rx));
  rx->dmrs_detected =
      pucch_decide(q, fmt, pfa_dmrs, &st, &rx->metric, &rx->threshold, &rx->noise_var, &rx->snr_db);
  float nv = rx->noise_var > 1e-20f ? rx->noise_var : 1e-20f;
  if ((err = f3_equalize(q, cfg, grid, &est, nv)) < 0) {
    return err;
  }
  if (fmt == PHY_PUCCH_F4) {
    f4_despread(q, r, E / qm * r->occ_length / PUCCH_NRE);
  }
  err = phy_demod_llr_f32_nv(&q->mod, f3_mod(r), q->sym, E / qm, q->sym_nv, q->llr);
  if (err < 0) {
    return err;
  }
  phy_scrambling_llr_f32(&q->scr, q->llr, q->llr, E, pucch_uci_cinit(cfg), 0);
  if ((err = pucch_uci_decode(q, A, E, qm, conf_thr, a, &rx->crc_ok, &rx->confidence)) < 0) {
    return err;
  }
  rx->detected = rx->dmrs_detected && rx->crc_ok;
  return OLIVE_OK;
}

int phy_pucch_f3_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                        const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx)
{
  return f34_decode(q, cfg, A, grid, a, rx, PHY_PUCCH_F3);
}

int phy_pucch_f4_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                        const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx)
{
  return f34_decode(q, cfg, A, grid, a, rx, PHY_PUCCH_F4);
}
