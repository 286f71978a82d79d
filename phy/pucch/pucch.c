/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH object lifecycle, configuration checks and the DTX detection threshold shared by the
 * three detectors (see olive/phy/pucch.h for the statistic). */
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "pucch_internal.h"

int phy_pucch_init(phy_pucch_t *q, const phy_pucch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  phy_pucch_args_t def = {.max_ports = 1, .isa = OLIVE_ISA_AUTO};
  const phy_pucch_args_t *a = args != NULL ? args : &def;
  if (a->max_ports < 1 || a->max_ports > PHY_PUCCH_MAX_PORTS) {
    return OLIVE_EINVAL;
  }
  q->max_ports = a->max_ports;
  int err = phy_modulation_init(&q->mod, &(phy_modulation_args_t){.isa = a->isa});
  if (err == 0) {
    err = phy_scrambling_init(&q->scr, &(phy_scrambling_args_t){.isa = a->isa});
  }
  if (err == 0) {
    phy_transform_precoding_args_t tpa = {.max_prb = PHY_PUCCH_F3_MAX_PRB};
    err = phy_transform_precoding_init(&q->tp, &tpa);
  }
  if (err == 0) {
    q->bits = olive_mem_alloc(PHY_PUCCH_MAX_E);
    q->llr = olive_mem_alloc(sizeof(float) * PHY_PUCCH_MAX_E);
    q->sym = olive_mem_alloc(sizeof(cf_t) * PHY_PUCCH_MAX_E);
    q->sym_nv = olive_mem_alloc(sizeof(float) * PHY_PUCCH_MAX_E);
    err = q->bits && q->llr && q->sym && q->sym_nv ? 0 : OLIVE_ENOMEM;
  }
  if (err == 0) {
    /* UCI polar: n_max = 10 (TS 38.212 6.3.1.3.1), list 8 */
    q->polar =
        phy_polar_dec_create(&(phy_polar_dec_args_t){.max_n = 10, .max_list = 8, .isa = a->isa});
    err = q->polar != NULL ? 0 : OLIVE_ENOMEM;
  }
  if (err < 0) {
    phy_pucch_free(q);
    return err;
  }
  q->ready = true;
  return OLIVE_OK;
}

void phy_pucch_free(phy_pucch_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_modulation_free(&q->mod);
  phy_scrambling_free(&q->scr);
  phy_polar_dec_destroy(q->polar);
  q->polar = NULL;
  phy_transform_precoding_free(&q->tp);
  olive_mem_free(q->bits);
  olive_mem_free(q->llr);
  olive_mem_free(q->sym);
  olive_mem_free(q->sym_nv);
  q->bits = NULL;
  q->llr = NULL;
  q->sym = NULL;
  q->sym_nv = NULL;
  q->ready = false;
}

static int check_hops(const phy_pucch_resource_t *r, uint32_t nprb, uint32_t grid_nof_prb)
{
  if (r->start_prb + nprb > grid_nof_prb) {
    return OLIVE_EINVAL;
  }
  if (r->intra_slot_hopping && r->second_hop_prb + nprb > grid_nof_prb) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_pucch_cfg_check(const phy_pucch_cfg_t *cfg, uint32_t grid_nof_prb)
{
  if (cfg == NULL || cfg->n_id > 1023 || cfg->mu > 4 || cfg->slot >= (10u << cfg->mu) ||
      (unsigned)cfg->group_hopping > PHY_PUCCH_GH_DISABLE || !(cfg->pfa >= 0.0f) ||
      cfg->pfa >= 1.0f) {
    return OLIVE_EINVAL;
  }
  const phy_pucch_resource_t *r = &cfg->res;
  if (r->start_symbol + r->nof_symbols > PHY_NSYMB_SLOT) {
    return OLIVE_EINVAL;
  }
  switch (r->format) {
  case PHY_PUCCH_F0:
    if (r->nof_symbols < 1 || r->nof_symbols > 2 || r->initial_cs > 11) {
      return OLIVE_EINVAL;
    }
    return check_hops(r, 1, grid_nof_prb);
  case PHY_PUCCH_F1:
    if (r->nof_symbols < 4 || r->nof_symbols > 14 || r->initial_cs > 11) {
      return OLIVE_EINVAL;
    }
    /* the OCC index must exist for the data N_SF of every hop (Table 6.3.2.4.1-2) */
    for (uint32_t m = 0; m < (r->intra_slot_hopping ? 2u : 1u); m++) {
      if (r->time_domain_occ >= phy_pucch_f1_nsf(r->nof_symbols, r->intra_slot_hopping, m, false)) {
        return OLIVE_EINVAL;
      }
    }
    return check_hops(r, 1, grid_nof_prb);
  case PHY_PUCCH_F2:
    if (r->nof_symbols < 1 || r->nof_symbols > 2 || r->nof_prb < 1 ||
        r->nof_prb > PHY_PUCCH_F2_MAX_PRB || cfg->n_id_data > 1023 || cfg->n_id_dmrs > 65535) {
      return OLIVE_EINVAL;
    }
    return check_hops(r, r->nof_prb, grid_nof_prb);
  case PHY_PUCCH_F3:
    if (r->nof_symbols < 4 || r->nof_symbols > 14 || r->nof_prb < 1 ||
        r->nof_prb > PHY_PUCCH_F3_MAX_PRB || !phy_transform_precoding_valid_prb(r->nof_prb) ||
        cfg->n_id_data > 1023) {
      return OLIVE_EINVAL;
    }
    return check_hops(r, r->nof_prb, grid_nof_prb);
  case PHY_PUCCH_F4:
    if (r->nof_symbols < 4 || r->nof_symbols > 14 || r->nof_prb != 1 ||
        (r->occ_length != 2 && r->occ_length != 4) || r->occ_index >= r->occ_length ||
        cfg->n_id_data > 1023) {
      return OLIVE_EINVAL;
    }
    return check_hops(r, 1, grid_nof_prb);
  default:
    return OLIVE_EINVAL;
  }
}

/* P(G_k / (G_d / d) > t) = sum_{i<k} C(d+i-1, i) a^i (1+a)^-(d+i), a = t / d: the Gamma(k)
 * tail e^-x sum x^i / i! averaged over x = a G_d. */
static double f_tail(uint32_t k, uint32_t d, double t)
{
  double a = t / d, la = log(a), l1 = log1p(a), s = 0.0;
  for (uint32_t i = 0; i < k; i++) {
    double lt =
        lgamma((double)d + i) - lgamma((double)d) - lgamma(i + 1.0) + i * la - ((double)d + i) * l1;
    s += exp(lt);
  }
  return s;
}

float phy_pucch_threshold(uint32_t k, uint32_t d, uint32_t h, float pfa)
{
  if (k == 0 || d == 0 || h == 0 || !(pfa > 0.0f) || pfa >= 1.0f) {
    return INFINITY;
  }
  double target = (double)pfa / h, lo = 0.0, hi = k + 1.0;
  while (f_tail(k, d, hi) > target && hi < 1e12) {
    lo = hi;
    hi *= 2.0;
  }
  for (int it = 0; it < 60; it++) {
    double mid = 0.5 * (lo + hi);
    if (f_tail(k, d, mid) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (float)hi;
}

bool pucch_decide(phy_pucch_t *q, phy_pucch_format_t f, float pfa, const pucch_stat_t *s,
                  float *metric, float *thr, float *nv, float *snr_db)
{
  float p = pfa > 0.0f ? pfa : PHY_PUCCH_DEFAULT_PFA;
  phy_pucch_thr_cache_t *c = &q->thr_cache[f];
  if (c->k != s->k || c->d != s->d || c->h != s->h || c->pfa != p) {
    *c = (phy_pucch_thr_cache_t){.k = s->k, .d = s->d, .h = s->h, .pfa = p};
    c->thr = phy_pucch_threshold(s->k, s->d, s->h, p);
  }
  float noise = s->resid / (float)s->d;
  float t = noise > 0.0f ? s->p_max / noise : (s->p_max > 0.0f ? INFINITY : 0.0f);
  float sig = (s->p_max / (float)s->k - noise) / s->n_obs; /* |h|^2 per RE */
  *metric = t;
  *thr = c->thr;
  *nv = noise;
  *snr_db = (sig > 0.0f && noise > 0.0f) ? 10.0f * log10f(sig / noise) : -INFINITY;
  return t > c->thr;
}
