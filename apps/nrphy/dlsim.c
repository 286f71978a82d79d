/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy dlsim: the PDSCH (olive/phy/pdsch.h, nrphy's fixed configuration of sim.h)
 * through the link of link.c. */
#include <stdio.h>

#include "olive/support/error.h"
#include "sim.h"

typedef struct dl_cw {
  phy_pdsch_t q;
  phy_pdsch_cfg_t cfg;
} dl_cw_t;

static int dl_encode(void *ctx, uint32_t slot, uint32_t rv, const uint8_t *tb, phy_grid_t *grid)
{
  dl_cw_t *d = ctx;
  d->cfg.slot = slot;
  d->cfg.rv = rv;
  return phy_pdsch_encode(&d->q, &d->cfg, tb, grid);
}

static int dl_decode(void *ctx, uint32_t slot, uint32_t rv, bool new_data, const phy_grid_t *grid,
                     uint32_t nof_rx, uint8_t *tb, double *evm_pct)
{
  dl_cw_t *d = ctx;
  phy_pdsch_rx_res_t res;
  d->cfg.slot = slot;
  d->cfg.rv = rv;
  d->cfg.new_data = new_data;
  int rc = phy_pdsch_decode(&d->q, &d->cfg, grid, nof_rx, tb, &res);
  *evm_pct = 100.0 * res.evm;
  return rc;
}

int nrphy_dlsim(nrphy_args_t *a)
{
  nrphy_sim_cfg_t c;
  int rc = nrphy_sim_parse(a, &c, false);
  if (rc != 0) {
    return rc;
  }
  dl_cw_t d = {.cfg = nrphy_pdsch_cfg(c.prb, c.mcs, c.table, 0, 0x4601, 1)};
  phy_pdsch_args_t pa = {.max_prb = c.prb, .max_layers = 1, .max_qm = 8, .nof_harq = 1};
  int tbs = phy_pdsch_tbs(&d.cfg);
  if (phy_pdsch_init(&d.q, &pa) != 0 || tbs <= 0) {
    fprintf(stderr, "nrphy dlsim: cannot set up the PDSCH (prb %u, mcs %u)\n", c.prb, c.mcs);
    phy_pdsch_free(&d.q);
    return NRPHY_EXIT_FAIL;
  }
  nrphy_cw_t cw = {.ctx = &d, .encode = dl_encode, .decode = dl_decode, .tbs = (uint32_t)tbs};
  rc = nrphy_link_main(a, &c, &cw, "PDSCH");
  phy_pdsch_free(&d.q);
  return rc;
}
