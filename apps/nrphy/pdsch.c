/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy pdsch-encode / pdsch-decode: one slot's PDSCH (olive/phy/pdsch.h) between a TB
 * (bits) and a resource grid (IQ, 14 symbols x 12 prb REs, symbol-major: the layout of
 * ofdm-mod's input). The PDSCH is nrphy's fixed configuration (sim.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ofdm.h"
#include "olive/support/error.h"
#include "sim.h"

phy_pdsch_cfg_t nrphy_pdsch_cfg(unsigned prb, unsigned mcs, unsigned table, unsigned slot,
                                unsigned rnti, unsigned n_id)
{
  return (phy_pdsch_cfg_t){
      .slot = slot,
      .tda = {PHY_PDSCH_MAPPING_A, 0, 2, 12}, /* S = 2, L = 12 */
      .nof_prb = prb,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = n_id,
      .cdm_groups_no_data = 2,
      .n_layers = 1,
      .rnti = (uint16_t)rnti,
      .n_id = n_id,
      .mcs_table = (phy_mcs_table_t)table,
      .mcs = mcs,
      .new_data = true,
  };
}

typedef struct pdsch_opts {
  unsigned prb, nof_rx;
  phy_pdsch_cfg_t cfg;
} pdsch_opts_t;

static int parse(nrphy_args_t *a, pdsch_opts_t *o, bool rx)
{
  unsigned table = 0, mcs = 0, slot = 0, rnti = 0, n_id = 0;
  int rc = nrphy_opt_uint(a, "prb", 52, 1, PHY_MAX_PRB, &o->prb);
  rc = rc ? rc : nrphy_opt_enum(a, "mcs-table", nrphy_mcs_table_names, 3, 0, &table);
  rc = rc ? rc : nrphy_opt_uint(a, "mcs", 9, 0, table == 2 ? 28 : 27, &mcs);
  rc = rc ? rc : nrphy_opt_uint(a, "slot", 0, 0, 19, &slot);
  rc = rc ? rc : nrphy_opt_uint(a, "rnti", 0x4601, 1, 65535, &rnti);
  rc = rc ? rc : nrphy_opt_uint(a, "n-id", 1, 0, 1007, &n_id);
  o->nof_rx = 1;
  if (rc == 0 && rx) {
    rc = nrphy_opt_uint(a, "rx", 1, 1, PHY_PDSCH_MAX_RX, &o->nof_rx);
  }
  o->cfg = nrphy_pdsch_cfg(o->prb, mcs, table, slot, rnti, n_id);
  return rc ? rc : nrphy_args_finish(a, !rx);
}

static int ctx_init(phy_pdsch_t *q, phy_grid_t *g, const pdsch_opts_t *o)
{
  phy_pdsch_args_t pa = {.max_prb = o->prb, .max_layers = 1, .max_qm = 8, .nof_harq = 1};
  phy_grid_args_t ga = {.max_ports = o->nof_rx, .max_prb = o->prb};
  int rc = phy_pdsch_init(q, &pa);
  return rc ? rc : phy_grid_init(g, &ga);
}

/* Bits (one byte each, MSB first in each TB byte) <-> packed TB bytes. */
static void pack(const uint8_t *bits, uint32_t n, uint8_t *bytes)
{
  memset(bytes, 0, n / 8);
  for (uint32_t i = 0; i < n; i++) {
    bytes[i / 8] |= (uint8_t)(bits[i] << (7 - i % 8));
  }
}

static void unpack(const uint8_t *bytes, uint32_t n, uint8_t *bits)
{
  for (uint32_t i = 0; i < n; i++) {
    bits[i] = (bytes[i / 8] >> (7 - i % 8)) & 1u;
  }
}

int nrphy_pdsch_encode(nrphy_args_t *a)
{
  pdsch_opts_t o;
  int rc = parse(a, &o, false);
  if (rc != 0) {
    return rc;
  }
  phy_pdsch_t q = {0};
  phy_grid_t g = {0};
  int tbs = phy_pdsch_tbs(&o.cfg);
  size_t k = (size_t)PHY_NSC_RB * o.prb, nre = PHY_NSYMB_SLOT * k;
  uint8_t *bits = NULL, *tb = malloc(tbs > 0 ? (size_t)tbs / 8 : 1);
  cf_t *out = malloc(nre * sizeof(cf_t));
  rc = NRPHY_EXIT_FAIL;
  if (tbs > 0 && tb != NULL && out != NULL && ctx_init(&q, &g, &o) == 0) {
    bits = nrphy_read_exact(a->in, (size_t)tbs);
  }
  if (bits != NULL && nrphy_check_bits(a->in, bits, (size_t)tbs) == 0) {
    pack(bits, (uint32_t)tbs, tb);
    int gb = phy_pdsch_encode(&q, &o.cfg, tb, &g);
    for (uint32_t l = 0; gb > 0 && l < PHY_NSYMB_SLOT; l++) {
      memcpy(out + l * k, phy_grid_symbol(&g, 0, l), k * sizeof(cf_t));
    }
    fprintf(stderr, "tbs=%d g=%d\n", tbs, gb);
    rc = gb > 0 ? nrphy_write(a->out, out, nre * sizeof(cf_t)) : NRPHY_EXIT_FAIL;
  }
  phy_pdsch_free(&q);
  phy_grid_free(&g);
  free(bits), free(tb), free(out);
  return rc;
}

static int decode(phy_pdsch_t *q, phy_grid_t *g, const pdsch_opts_t *o, const cf_t *in, uint8_t *tb,
                  int tbs, nrphy_args_t *a)
{
  size_t k = (size_t)PHY_NSC_RB * o->prb;
  for (uint32_t r = 0; r < o->nof_rx; r++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      memcpy(phy_grid_symbol(g, r, l), in + (r * PHY_NSYMB_SLOT + l) * k, k * sizeof(cf_t));
    }
  }
  phy_pdsch_rx_res_t res;
  int rc = phy_pdsch_decode(q, &o->cfg, g, o->nof_rx, tb, &res);
  if (rc != 0 && rc != OLIVE_ECRC) {
    fprintf(stderr, "nrphy %s: decode failed: %s\n", a->cmd, olive_strerror(rc));
    return NRPHY_EXIT_FAIL;
  }
  fprintf(stderr, "tbs=%d crc=%s iterations=%u snr_db=%.1f evm_pct=%.2f\n", tbs,
          rc == 0 ? "ok" : "fail", res.sch.iters, res.snr_db, 100.0 * res.evm);
  return rc == 0 ? 0 : NRPHY_EXIT_FAIL;
}

int nrphy_pdsch_decode(nrphy_args_t *a)
{
  pdsch_opts_t o;
  int rc = parse(a, &o, true);
  if (rc != 0) {
    return rc;
  }
  phy_pdsch_t q = {0};
  phy_grid_t g = {0};
  int tbs = phy_pdsch_tbs(&o.cfg);
  size_t nre = (size_t)PHY_NSYMB_SLOT * PHY_NSC_RB * o.prb * o.nof_rx;
  uint8_t *tb = malloc(tbs > 0 ? (size_t)tbs / 8 : 1), *bits = malloc(tbs > 0 ? (size_t)tbs : 1);
  cf_t *in = NULL;
  rc = NRPHY_EXIT_FAIL;
  if (tbs > 0 && tb != NULL && bits != NULL && ctx_init(&q, &g, &o) == 0) {
    in = (cf_t *)nrphy_read_exact(a->in, nre * sizeof(cf_t));
  }
  if (in != NULL) {
    rc = decode(&q, &g, &o, in, tb, tbs, a);
    unpack(tb, (uint32_t)tbs, bits);
    if (rc == 0 && a->out != NULL) {
      rc = nrphy_write(a->out, bits, (size_t)tbs);
    }
  }
  phy_pdsch_free(&q);
  phy_grid_free(&g);
  free(bits), free(tb), free(in);
  return rc;
}
