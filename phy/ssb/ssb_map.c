/* SPDX-License-Identifier: Apache-2.0 */
/* SS/PBCH block resource mapping, TS 38.211 7.4.3.1 and Table 7.4.3.1-1. */
#include <stdbool.h>
#include <stddef.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"

typedef enum re_role { RE_ZERO, RE_PSS, RE_SSS, RE_PBCH, RE_DMRS } re_role_t;

/* Table 7.4.3.1-1, symbol l (0..3) and subcarrier k (0..239) of the SSB, v = N_ID mod 4:
 *   l = 0:    PSS on k = 56..182, zero elsewhere
 *   l = 1, 3: PBCH DMRS on k = 0+v, 4+v, .., 236+v; PBCH elsewhere
 *   l = 2:    SSS on 56..182; zero on 48..55 and 183..191; on 0..47 and 192..239 PBCH
 *             DMRS at k = 0+v, 4+v, .., 44+v and 192+v, .., 236+v, PBCH elsewhere */
static re_role_t role(uint32_t l, uint32_t k, uint32_t v)
{
  bool mid = k >= PHY_SSB_PSS_K0 && k < PHY_SSB_PSS_K0 + PHY_PSS_LEN;
  bool dmrs = (k & 3u) == v;
  switch (l) {
  case 0:
    return mid ? RE_PSS : RE_ZERO;
  case 2:
    if (mid) {
      return RE_SSS;
    }
    if (k >= 48 && k < 192) {
      return RE_ZERO;
    }
    return dmrs ? RE_DMRS : RE_PBCH;
  default:
    return dmrs ? RE_DMRS : RE_PBCH;
  }
}

static int check(const phy_ssb_map_cfg_t *cfg, const phy_grid_t *grid, uint32_t port)
{
  if (cfg == NULL || grid == NULL || grid->re == NULL || port >= grid->nof_ports ||
      cfg->n_id > PHY_NID_CELL_MAX || cfg->l0 + PHY_SSB_NSYMB > PHY_NSYMB_SLOT ||
      cfg->k0 + PHY_SSB_NSC > phy_grid_nof_sc(grid)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_ssb_map(const phy_ssb_map_cfg_t *cfg, const cf_t *pbch, const cf_t *dmrs, phy_grid_t *grid,
                uint32_t port)
{
  int ret = check(cfg, grid, port);
  if (ret < 0) {
    return ret;
  }
  float pss[PHY_PSS_LEN], sss[PHY_SSS_LEN];
  phy_pss_gen(cfg->n_id % 3, pss);
  phy_sss_gen(cfg->n_id, sss);
  uint32_t v = cfg->n_id % 4, ip = 0, id = 0;
  for (uint32_t l = 0; l < PHY_SSB_NSYMB; l++) {
    /* The stored value carries the symbol's weight (grid.h; 1 on a natural grid). */
    cf_t w = grid->w[cfg->l0 + l];
    for (uint32_t k = 0; k < PHY_SSB_NSC; k++) {
      cf_t *re = phy_grid_re(grid, port, cfg->l0 + l, cfg->k0 + k);
      switch (role(l, k, v)) {
      case RE_ZERO:
        *re = 0;
        break;
      case RE_PSS: /* 7.4.3.1.1: d_PSS(n) at k = n + 56, l = 0 */
        *re = cfg->beta_pss * pss[k - PHY_SSB_PSS_K0] * w;
        break;
      case RE_SSS: /* 7.4.3.1.2: d_SSS(n) at k = n + 56, l = 2 */
        *re = cfg->beta_sss * sss[k - PHY_SSB_PSS_K0] * w;
        break;
      case RE_PBCH: /* 7.4.3.1.3: increasing k, then l */
        if (pbch != NULL) {
          *re = phy_cmul(cfg->beta_pbch * pbch[ip], w);
        }
        ip++;
        break;
      case RE_DMRS: /* 7.4.3.1.4: increasing k, then l */
        if (dmrs != NULL) {
          *re = phy_cmul(cfg->beta_dmrs * dmrs[id], w);
        }
        id++;
        break;
      }
    }
  }
  return OLIVE_OK;
}

int phy_ssb_extract(const phy_ssb_map_cfg_t *cfg, const phy_grid_t *grid, uint32_t port, cf_t *pss,
                    cf_t *sss, cf_t *pbch, cf_t *dmrs)
{
  int ret = check(cfg, grid, port);
  if (ret < 0) {
    return ret;
  }
  uint32_t v = cfg->n_id % 4, ip = 0, id = 0;
  for (uint32_t l = 0; l < PHY_SSB_NSYMB; l++) {
    for (uint32_t k = 0; k < PHY_SSB_NSC; k++) {
      cf_t y = phy_grid_get(grid, port, cfg->l0 + l, cfg->k0 + k);
      switch (role(l, k, v)) {
      case RE_ZERO:
        break;
      case RE_PSS:
        if (pss != NULL) {
          pss[k - PHY_SSB_PSS_K0] = y;
        }
        break;
      case RE_SSS:
        if (sss != NULL) {
          sss[k - PHY_SSB_PSS_K0] = y;
        }
        break;
      case RE_PBCH:
        if (pbch != NULL) {
          pbch[ip] = y;
        }
        ip++;
        break;
      case RE_DMRS:
        if (dmrs != NULL) {
          dmrs[id] = y;
        }
        id++;
        break;
      }
    }
  }
  return OLIVE_OK;
}
