/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy ulsim: the PUSCH (olive/phy/pusch.h) through the link of link.c. The PUSCH is
 * mapping type A over symbols 0..13 and all PRBs, DM-RS type 1 on port 0 at symbols 2 and
 * 11 (dmrs-TypeA-Position 2, dmrs-AdditionalPosition 1), 2 CDM groups without data, one
 * layer; --tp 1 switches transform precoding on (the TP MCS table of 38.214 6.1.4.1,
 * --prb then must be 2^a 3^b 5^c). MMSE equalisation. */
#include <stdio.h>

#include "olive/phy/pusch.h"
#include "olive/support/error.h"
#include "sim.h"

typedef struct ul_cw {
  phy_pusch_t q;
  phy_pusch_cfg_t cfg;
} ul_cw_t;

static int ul_encode(void *ctx, uint32_t slot, uint32_t rv, const uint8_t *tb, phy_grid_t *grid)
{
  ul_cw_t *u = ctx;
  u->cfg.slot = slot;
  u->cfg.rv = rv;
  return phy_pusch_encode(&u->q, &u->cfg, tb, NULL, grid);
}

static int ul_decode(void *ctx, uint32_t slot, uint32_t rv, bool new_data, const phy_grid_t *grid,
                     uint32_t nof_rx, uint8_t *tb, double *evm_pct)
{
  ul_cw_t *u = ctx;
  phy_pusch_rx_res_t res;
  u->cfg.slot = slot;
  u->cfg.rv = rv;
  u->cfg.new_data = new_data;
  int rc = phy_pusch_decode(&u->q, &u->cfg, grid, nof_rx, tb, &res);
  *evm_pct = 100.0 * res.evm;
  return rc;
}

static phy_pusch_cfg_t ul_cfg(const nrphy_sim_cfg_t *c)
{
  static const phy_mcs_table_t tp_tables[3] = {PHY_MCS_TABLE_TP_QAM64, PHY_MCS_TABLE_QAM256,
                                               PHY_MCS_TABLE_TP_QAM64_LOWSE};
  return (phy_pusch_cfg_t){
      .mu = c->mu,
      .mapping = PHY_PUSCH_MAPPING_A,
      .s = 0,
      .l = 14,
      .nof_prb = c->prb,
      .transform_precoding = c->tp,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 1,
      .cdm_groups_no_data = 2,
      .n_layers = 1,
      .rnti = 0x4601,
      .n_id = 1,
      .mcs_table = c->tp ? tp_tables[c->table] : (phy_mcs_table_t)c->table,
      .mcs = c->mcs,
      .new_data = true,
      .eq = PHY_PUSCH_EQ_MMSE,
  };
}

int nrphy_ulsim(nrphy_args_t *a)
{
  nrphy_sim_cfg_t c;
  int rc = nrphy_sim_parse(a, &c, true);
  if (rc != 0) {
    return rc;
  }
  ul_cw_t u = {.cfg = ul_cfg(&c)};
  phy_pusch_args_t pa = {.max_prb = c.prb, .max_qm = 8, .nof_harq = 1, .tp = c.tp};
  int tbs = phy_pusch_tbs(&u.cfg);
  if (phy_pusch_init(&u.q, &pa) != 0 || tbs <= 0) {
    fprintf(stderr, "nrphy ulsim: cannot set up the PUSCH (prb %u, mcs %u, tp %d)\n", c.prb, c.mcs,
            (int)c.tp);
    phy_pusch_free(&u.q);
    return NRPHY_EXIT_FAIL;
  }
  nrphy_cw_t cw = {.ctx = &u, .encode = ul_encode, .decode = ul_decode, .tbs = (uint32_t)tbs};
  rc = nrphy_link_main(a, &c, &cw, c.tp ? "PUSCH (DFT-s-OFDM)" : "PUSCH");
  phy_pusch_free(&u.q);
  return rc;
}
