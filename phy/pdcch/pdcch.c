/* SPDX-License-Identifier: Apache-2.0 */
/* PDCCH transmitter: TS 38.212 7.3.2-7.3.4, TS 38.211 7.3.2.3-7.3.2.5 and 7.4.1.3. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pdcch_internal.h"

int phy_pdcch_init(phy_pdcch_t *q, const phy_pdcch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  return phy_ctrl_chain_init(&q->c, args != NULL ? args->isa : OLIVE_ISA_AUTO,
                             args != NULL ? args->list : 0);
}

void phy_pdcch_free(phy_pdcch_t *q)
{
  if (q != NULL) {
    phy_ctrl_chain_free(&q->c);
  }
}

int pdcch_regs(const phy_pdcch_cfg_t *cfg, uint32_t cce, uint32_t al, uint16_t rb[PDCCH_MAX_REG],
               uint8_t symb[PDCCH_MAX_REG])
{
  int n_cce = phy_coreset_nof_cce(cfg->coreset);
  if (n_cce < 0 || al == 0 || al > PHY_PDCCH_MAX_AL || (al & (al - 1)) != 0 ||
      cce + al > (uint32_t)n_cce) {
    return OLIVE_EINVAL;
  }
  uint32_t n = 0;
  for (uint32_t c = cce; c < cce + al; c++) {
    phy_coreset_cce_regs(cfg->coreset, c, rb + n, symb + n);
    n += PHY_REG_PER_CCE;
  }
  for (uint32_t i = 1; i < n; i++) { /* insertion sort by (symbol, RB) */
    uint16_t r = rb[i];
    uint8_t s = symb[i];
    uint32_t j = i;
    for (; j > 0 && (symb[j - 1] > s || (symb[j - 1] == s && rb[j - 1] > r)); j--) {
      rb[j] = rb[j - 1];
      symb[j] = symb[j - 1];
    }
    rb[j] = r;
    symb[j] = s;
  }
  return (int)n;
}

void pdcch_dmrs_regs(const phy_pdcch_cfg_t *cfg, const uint16_t *rb, const uint8_t *symb, int nreg,
                     cf_t *r)
{
  cf_t run[3 * PHY_MAX_PRB];
  for (int g0 = 0; g0 < nreg;) {
    int g1 = g0 + 1;
    while (g1 < nreg && symb[g1] == symb[g0]) {
      g1++;
    }
    /* REGs g0 .. g1 - 1 share symbol l and are sorted by RB: one run from the first. */
    uint32_t l = symb[g0], lo = rb[g0], span = rb[g1 - 1] - lo + 1u;
    /* c_init = (2^17 (N_symb^slot n_s + l + 1)(2 N_ID + 1) + 2 N_ID) mod 2^31 */
    uint64_t c = ((uint64_t)1 << 17) * (14u * cfg->slot + l + 1u) * (2u * cfg->n_id_dmrs + 1u) +
                 2u * cfg->n_id_dmrs;
    uint32_t n = (uint32_t)((int32_t)lo + cfg->dmrs_rb_offset);
    phy_seq_gold_qpsk(run, (uint32_t)(c & 0x7FFFFFFFu), 3u * n, 3u * span);
    for (int g = g0; g < g1; g++) {
      memcpy(r + 3 * g, run + 3u * (rb[g] - lo), 3 * sizeof(cf_t));
    }
    g0 = g1;
  }
}

static int cfg_ok(const phy_pdcch_cfg_t *cfg)
{
  return cfg != NULL && cfg->coreset != NULL && cfg->mu <= 1 && cfg->slot < (10u << cfg->mu) &&
         cfg->n_id_dmrs < 65536 && cfg->n_id < 65536 &&
         (int64_t)cfg->coreset->start_rb + cfg->dmrs_rb_offset >= 0;
}

int phy_pdcch_encode(const phy_pdcch_t *q, const phy_pdcch_cfg_t *cfg, uint32_t cce, uint32_t al,
                     uint16_t rnti, const uint8_t *a, uint32_t a_bits, phy_grid_t *grid,
                     uint32_t port)
{
  uint16_t rb[PDCCH_MAX_REG];
  uint8_t symb[PDCCH_MAX_REG];
  if (q == NULL || a == NULL || grid == NULL || port >= grid->nof_ports || !cfg_ok(cfg)) {
    return OLIVE_EINVAL;
  }
  int nreg = pdcch_regs(cfg, cce, al, rb, symb);
  if (!pdcch_regs_in_grid(rb, symb, nreg, grid)) {
    return OLIVE_EINVAL;
  }
  /* TS 38.212 7.3.2-7.3.4: CRC24C over 24 ones + payload, RNTI-masked; polar; rate match */
  uint8_t e[PHY_PDCCH_MAX_E];
  uint32_t len = pdcch_e(al);
  phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_DCI, .A = a_bits, .E = len, .rnti = rnti};
  int ret = phy_polar_chain_encode(&pc, a, e);
  if (ret < 0) {
    return ret;
  }
  /* TS 38.211 7.3.2.3 scrambling, 7.3.2.4 QPSK */
  phy_scrambling_bits(&q->c.scr, e, e, len, pdcch_scr_cinit(cfg), 0);
  cf_t d[PHY_PDCCH_MAX_E / 2];
  phy_modulation_map_bits(&q->c.mod, PHY_MOD_QPSK, e, len, d);
  /* 7.3.2.5: increasing k, then l, skipping the DMRS REs k = 4k' + 1 of each RB (7.4.1.3.2) */
  float beta = cfg->beta_dmrs > 0 ? cfg->beta_dmrs : 1.0f;
  cf_t r[3 * PDCCH_MAX_REG];
  pdcch_dmrs_regs(cfg, rb, symb, nreg, r);
  uint32_t i = 0;
  for (int g = 0; g < nreg; g++) {
    cf_t w = grid->w[symb[g]]; /* the symbol's weight, grid.h */
    for (uint32_t k = 0; k < 12; k++) {
      cf_t v = (k & 3u) == 1 ? beta * r[3 * g + (k >> 2)] : d[i++];
      *phy_grid_re(grid, port, symb[g], 12u * rb[g] + k) = phy_cmul(v, w);
    }
  }
  return OLIVE_OK;
}
