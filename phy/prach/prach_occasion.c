/* SPDX-License-Identifier: Apache-2.0 */
/* Time and frequency position of one PRACH occasion: TS 38.211 5.3.2 (t_start^RA,
 * N_CP,l^RA, k_1, k_bar) with Tables 6.3.3.2-1 .. -3. One SCS-specific carrier whose
 * numerology is the PUSCH numerology (k_0^mu = 0). */
#include <stddef.h>

#include "olive/support/error.h"
#include "prach_internal.h"

/* Start of symbol l (0 .. 14 2^mu - 1) within the subframe at numerology mu, T_c (5.3.1,
 * normal CP): N_u = 2048 kappa 2^-mu, N_CP = 144 kappa 2^-mu + 16 kappa at l = 0, 7 2^mu. */
static uint64_t symbol_start_tc(uint32_t l, uint32_t mu)
{
  uint64_t t = 0;
  for (uint32_t i = 0; i < l; i++) {
    t += (uint64_t)((2048u + 144u) * PHY_PRACH_KAPPA) >> mu;
    if (i == 0 || i == 7u << mu) {
      t += 16u * PHY_PRACH_KAPPA;
    }
  }
  return t;
}

/* Format actually sent: 5.3.2, A1/B1 .. A3/B3 send B in the last occasion of the slot. */
static phy_prach_format_t resolve_format(const phy_prach_config_t *row, uint32_t n_t)
{
  phy_prach_format_t f = (phy_prach_format_t)row->format;
  if (f < PHY_PRACH_FMT_A1_B1) {
    return f;
  }
  bool last = n_t + 1 == row->nof_occ_slot;
  static const phy_prach_format_t a[3] = {PHY_PRACH_FMT_A1, PHY_PRACH_FMT_A2, PHY_PRACH_FMT_A3};
  static const phy_prach_format_t b[3] = {PHY_PRACH_FMT_B1, PHY_PRACH_FMT_B2, PHY_PRACH_FMT_B3};
  uint32_t i = (uint32_t)(f - PHY_PRACH_FMT_A1_B1);
  return last ? b[i] : a[i];
}

/* 5.3.2: t_start^RA (T_c) and the number n of 0 / 0.5 ms instants the occasion overlaps. */
static int time_position(const phy_prach_config_t *row, const phy_prach_cfg_t *cfg,
                         const phy_prach_format_info_t *info, uint32_t mu_ra, uint64_t *t_start,
                         uint32_t *n_ext)
{
  if (info->l_ra == PHY_PRACH_L_LONG) {
    *t_start = symbol_start_tc(row->start_symbol, 0);
    *n_ext = 0;
    return OLIVE_OK;
  }
  if (cfg->occ_in_slot >= row->nof_occ_slot) {
    return OLIVE_EINVAL;
  }
  uint32_t n_slot = 0;
  if (mu_ra == 1) {
    if (row->nof_slots_sf == 1 && cfg->slot_ra != 1) {
      return OLIVE_EINVAL;
    }
    if (cfg->slot_ra > 1) {
      return OLIVE_EINVAL;
    }
    n_slot = cfg->slot_ra;
  } else if (cfg->slot_ra != 0) {
    return OLIVE_EINVAL;
  }
  uint32_t l = row->start_symbol + cfg->occ_in_slot * row->duration + 14u * n_slot;
  *t_start = symbol_start_tc(l, mu_ra);
  uint64_t end = *t_start + info->n_u_tc + info->n_cp_tc;
  const uint64_t half = PHY_PRACH_TC_PER_MS / 2;
  *n_ext = (*t_start == 0 ? 1u : 0u) + (*t_start <= half && half < end ? 1u : 0u);
  return OLIVE_OK;
}

/* 5.3.2: first PRACH subcarrier relative to f0, in delta f_RA units: K k_1 + k_bar. */
static int freq_position(const phy_carrier_t *c, const phy_prach_cfg_t *cfg,
                         const phy_prach_format_info_t *info, int32_t *first_bin)
{
  uint32_t scs = PHY_SCS_HZ(c->mu), n_rb_ra, k_bar;
  if (phy_prach_alloc(info->l_ra, info->scs_hz, scs, &n_rb_ra, &k_bar) < 0) {
    return OLIVE_EINVAL;
  }
  uint32_t top = cfg->bwp_start + cfg->msg1_freq_start + (cfg->fdm_index + 1) * n_rb_ra;
  if (cfg->fdm_index >= 8 || top > c->nof_prb) {
    return OLIVE_EINVAL;
  }
  int64_t k1 = (int64_t)cfg->bwp_start * 12 - (int64_t)c->nof_prb * 6 +
               (int64_t)cfg->msg1_freq_start * 12 + (int64_t)cfg->fdm_index * n_rb_ra * 12;
  int64_t num = k1 * scs; /* K k_1 = k_1 delta f / delta f_RA */
  if (num % info->scs_hz != 0) {
    return OLIVE_EINVAL;
  }
  *first_bin = (int32_t)(num / info->scs_hz + k_bar);
  return OLIVE_OK;
}

int phy_prach_occasion(const phy_carrier_t *carrier, uint32_t mu_ra, const phy_prach_cfg_t *cfg,
                       phy_prach_occasion_t *occ)
{
  if (carrier == NULL || cfg == NULL || occ == NULL || cfg->config_index >= PHY_PRACH_NOF_CFG ||
      mu_ra > 1 || carrier->srate_hz <= 0) {
    return OLIVE_EINVAL;
  }
  const phy_prach_config_t *row = &phy_prach_config_table(cfg->tdd)[cfg->config_index];
  if (row->x == 0) {
    return OLIVE_EINVAL;
  }
  occ->format = resolve_format(row, cfg->occ_in_slot);
  if (phy_prach_format_info(occ->format, mu_ra, &occ->info) < 0) {
    return OLIVE_EINVAL;
  }
  int ncs = phy_prach_ncs(occ->info.scs_hz, PHY_PRACH_SET_UNRESTRICTED, cfg->zcz);
  if (ncs < 0 || cfg->root_logical >= occ->info.l_ra - 1) {
    return OLIVE_EINVAL;
  }
  occ->ncs = (uint32_t)ncs;
  uint64_t t_start;
  uint32_t n_ext, n_u;
  if (time_position(row, cfg, &occ->info, mu_ra, &t_start, &n_ext) < 0 ||
      freq_position(carrier, cfg, &occ->info, &occ->first_bin) < 0) {
    return OLIVE_EINVAL;
  }
  uint64_t cp_tc = occ->info.n_cp_tc + (uint64_t)n_ext * 16u * PHY_PRACH_KAPPA;
  if (prach_tc_to_samples(t_start, carrier->srate_hz, &occ->start) < 0 ||
      prach_tc_to_samples(cp_tc, carrier->srate_hz, &occ->n_cp) < 0 ||
      prach_tc_to_samples(occ->info.n_u_tc, carrier->srate_hz, &n_u) < 0) {
    return OLIVE_EINVAL;
  }
  double n_seq = carrier->srate_hz / occ->info.scs_hz;
  occ->n_seq = (uint32_t)n_seq;
  if ((double)occ->n_seq != n_seq || n_u != occ->info.nof_rep * occ->n_seq) {
    return OLIVE_EINVAL;
  }
  /* The PRACH band must be inside the sampled band. */
  int64_t lo = occ->first_bin, hi = lo + (int64_t)occ->info.l_ra - 1;
  if (lo <= -(int64_t)occ->n_seq / 2 || hi >= (int64_t)occ->n_seq / 2) {
    return OLIVE_EINVAL;
  }
  occ->len = occ->n_cp + n_u;
  return OLIVE_OK;
}
