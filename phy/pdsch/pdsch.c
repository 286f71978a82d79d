/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH object and transmitter, TS 38.211 7.3.1 (see olive/phy/pdsch.h). */
#include <string.h>

#include "olive/phy/vec.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "pdsch_buf.h"
#include "pdsch_internal.h"

static int alloc_buf(phy_pdsch_t *q)
{
  const phy_pdsch_args_t *a = &q->args;
  struct phy_pdsch_buf *b = olive_mem_alloc(sizeof(*b));
  if (b == NULL) {
    return OLIVE_ENOMEM;
  }
  q->b = b;
  uint32_t nsc = a->max_prb * PHY_NSC_RB;
  b->max_sym = nsc * PHY_NSYMB_SLOT * a->max_layers;
  b->max_g = b->max_sym * a->max_qm;
  b->bits = olive_mem_alloc(b->max_g);
  b->llr = olive_mem_alloc(b->max_g);
  b->sym = olive_mem_alloc(sizeof(cf_t) * b->max_sym);
  b->ref = olive_mem_alloc(sizeof(cf_t) * b->max_sym);
  b->nv = olive_mem_alloc(sizeof(float) * b->max_sym);
  b->h = olive_mem_alloc(sizeof(cf_t) * PHY_PDSCH_MAX_LAYERS * PHY_PDSCH_MAX_RX *
                         PHY_DMRS_MAX_SYMB * nsc);
  if (!b->bits || !b->llr || !b->sym || !b->ref || !b->nv || !b->h) {
    return OLIVE_ENOMEM;
  }
  return 0;
}

int phy_pdsch_init(phy_pdsch_t *q, const phy_pdsch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  if (args == NULL || args->max_prb < 1 || args->max_prb > PHY_MAX_PRB || args->max_layers < 1 ||
      args->max_layers > PHY_PDSCH_MAX_LAYERS || args->max_qm < 2 || args->max_qm > 8 ||
      args->max_qm % 2) {
    return OLIVE_EINVAL;
  }
  q->args = *args;
  phy_sch_args_t sa = {.max_prb = args->max_prb,
                       .max_layers = args->max_layers,
                       .max_qm = args->max_qm,
                       .nof_harq = args->nof_harq,
                       .isa = args->isa};
  phy_modulation_args_t ma = {.isa = args->isa};
  phy_scrambling_args_t ca = {.isa = args->isa};
  int r = phy_sch_init(&q->sch, &sa);
  if (r == 0) {
    r = phy_modulation_init(&q->mod, &ma);
  }
  if (r == 0) {
    r = phy_scrambling_init(&q->scr, &ca);
  }
  if (r == 0) {
    r = alloc_buf(q);
  }
  if (r < 0) {
    phy_pdsch_free(q);
  }
  return r;
}

void phy_pdsch_free(phy_pdsch_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_sch_free(&q->sch);
  phy_modulation_free(&q->mod);
  phy_scrambling_free(&q->scr);
  struct phy_pdsch_buf *b = q->b;
  if (b != NULL) {
    olive_mem_free(b->bits);
    olive_mem_free(b->llr);
    olive_mem_free(b->sym);
    olive_mem_free(b->ref);
    olive_mem_free(b->nv);
    olive_mem_free(b->h);
    olive_mem_free(b);
    q->b = NULL;
  }
}

/* DM-RS of every layer on one symbol, over each run of PRBs not reserved there. */
static void put_dmrs(const phy_pdsch_cfg_t *cfg, const pdsch_layout_t *lo, uint32_t l,
                     phy_grid_t *grid)
{
  uint8_t avail[PHY_MAX_PRB];
  pdsch_prb_avail(cfg, l, avail);
  uint32_t ci = phy_dmrs_pdsch_cinit(cfg->slot, l, cfg->dmrs_id, cfg->n_scid);
  for (uint32_t p = 0; p < cfg->nof_prb;) {
    if (!avail[p]) {
      p++;
      continue;
    }
    uint32_t e = p;
    while (e < cfg->nof_prb && avail[e]) {
      e++;
    }
    for (uint32_t v = 0; v < cfg->n_layers; v++) {
      phy_dmrs_pdsch_put(cfg->dmrs_type, cfg->ports[v], ci, cfg->crb0, cfg->prb_start + p, e - p,
                         lo->beta, grid, v, l);
    }
    p = e;
  }
}

int phy_pdsch_encode(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const uint8_t *tb,
                     phy_grid_t *grid)
{
  pdsch_layout_t lo;
  pdsch_run_t runs[PDSCH_MAX_RUNS];
  if (q == NULL || q->b == NULL || tb == NULL || grid == NULL || cfg == NULL ||
      grid->nof_ports < cfg->n_layers) {
    return OLIVE_EINVAL;
  }
  int r = pdsch_layout(cfg, grid->nof_prb, &lo);
  if (r < 0) {
    return r;
  }
  if (cfg->n_layers > q->args.max_layers || lo.mcs.qm > q->args.max_qm || lo.g > q->b->max_g) {
    return OLIVE_ERANGE;
  }
  phy_sch_cfg_t s = {.tbs = lo.tbs,
                     .r_x2048 = lo.mcs.r_x2048,
                     .qm = lo.mcs.qm,
                     .n_layers = cfg->n_layers,
                     .g = lo.g,
                     .rv = cfg->rv,
                     .lbrm = cfg->lbrm};
  uint8_t *bits = q->b->bits;
  r = phy_sch_encode(&q->sch, &s, tb, bits);
  if (r < 0) {
    return r;
  }
  /* 7.3.1.1 scrambling; 7.3.1.2 modulation below. */
  phy_scrambling_bits(&q->scr, bits, bits, lo.g, pdsch_scrambling_cinit(cfg), 0);
  /* 7.3.1.3 layer mapping x^(v)(i) = d(N_L i + v), 7.3.1.4 identity precoding, 7.3.1.5
   * frequency-first mapping of each layer onto its port. One layer: modulated straight
   * into the grid, run by run. */
  uint32_t nl = cfg->n_layers, i = 0, qm = lo.mcs.qm;
  if (nl > 1) {
    phy_modulation_map_bits(&q->mod, lo.mod, bits, lo.g, q->b->sym);
  }
  for (uint32_t l = lo.l0; l < lo.l1; l++) {
    uint32_t nre, nr = pdsch_symbol_runs(cfg, &lo, l, runs, &nre);
    cf_t w = grid->w[l]; /* the symbol's weight (grid.h): 1 on a natural grid */
    if (nl == 1 && nre >= PHY_NSC_RB * nr) {
      /* Runs of a PRB or more: modulated straight into the grid (a run crosses k = K/2
       * of a transmit grid in two pieces), then weighted in place while still in L1. */
      for (uint32_t j = 0; j < nr; j++) {
        cf_t *piece[2];
        uint32_t n = runs[j].n, n0 = phy_grid_span(grid, 0, l, runs[j].k, n, piece);
        const uint8_t *b = bits + (size_t)i * qm;
        phy_modulation_map_bits(&q->mod, lo.mod, b, (size_t)n0 * qm, piece[0]);
        if (n0 < n) {
          phy_modulation_map_bits(&q->mod, lo.mod, b + (size_t)n0 * qm, (size_t)(n - n0) * qm,
                                  piece[1]);
        }
        if (w != 1.0f) {
          phy_vec_scale(piece[0], piece[0], w, n0);
          phy_vec_scale(piece[1], piece[1], w, n - n0);
        }
        i += n;
      }
    } else {
      /* Two layers, or data between the DM-RS REs of a symbol (runs of one RE): the
       * symbol's values placed RE by RE, weighted on the way. */
      const cf_t *x = q->b->sym + (size_t)i * nl;
      if (nl == 1) {
        phy_modulation_map_bits(&q->mod, lo.mod, bits + (size_t)i * qm, (size_t)nre * qm,
                                q->b->sym);
        x = q->b->sym;
      }
      for (uint32_t v = 0; v < nl; v++) {
        uint32_t m = 0;
        for (uint32_t j = 0; j < nr; j++) {
          for (uint32_t t = 0; t < runs[j].n; t++, m++) {
            *phy_grid_re(grid, v, l, runs[j].k + t) = phy_cmul(x[(size_t)m * nl + v], w);
          }
        }
      }
      i += nre;
    }
    if ((lo.dmrs_mask >> l) & 1) {
      put_dmrs(cfg, &lo, l, grid);
    }
  }
  return (int)lo.g;
}
