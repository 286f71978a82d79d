/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH object and transmitter, TS 38.211 6.3.1 (see olive/phy/pusch.h). */
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "pusch_buf.h"
#include "pusch_internal.h"

static int alloc_buf(phy_pusch_t *q)
{
  struct phy_pusch_buf *b = olive_mem_alloc(sizeof(*b));
  if (b == NULL) {
    return OLIVE_ENOMEM;
  }
  q->b = b;
  b->nsc = q->args.max_prb * PHY_NSC_RB;
  b->max_re = b->nsc * PHY_NSYMB_SLOT;
  b->max_g = b->max_re * q->args.max_qm;
  b->bits = olive_mem_alloc(b->max_g);
  b->llr = olive_mem_alloc(b->max_g);
  b->sym = olive_mem_alloc(sizeof(cf_t) * b->max_re);
  b->ref = olive_mem_alloc(sizeof(cf_t) * b->max_re);
  b->nv = olive_mem_alloc(sizeof(float) * b->max_re);
  b->h = olive_mem_alloc(sizeof(cf_t) * PHY_PUSCH_MAX_RX * PHY_DMRS_MAX_SYMB * b->nsc);
  b->ls = olive_mem_alloc(sizeof(cf_t) * PHY_PUSCH_MAX_RX * PHY_DMRS_MAX_SYMB * b->nsc / 2);
  b->rot = olive_mem_alloc(sizeof(cf_t) * b->nsc);
  b->pre = olive_mem_alloc(sizeof(double) * (b->nsc + 2));
  b->num = olive_mem_alloc(sizeof(float) * 2 * b->nsc);
  b->den = olive_mem_alloc(sizeof(float) * b->nsc);
  b->re_type = olive_mem_alloc(b->max_re);
  b->mux = olive_mem_alloc(b->max_g);
  b->uci_bits = olive_mem_alloc(b->max_g);
  b->uci_llr = olive_mem_alloc(sizeof(float) * b->max_g);
  b->llr_sch = olive_mem_alloc(b->max_g);
  b->polar =
      phy_polar_dec_create(&(phy_polar_dec_args_t){.max_n = 10, .max_list = 8, .isa = q->args.isa});
  if (!b->bits || !b->llr || !b->sym || !b->ref || !b->nv || !b->h || !b->ls || !b->rot ||
      !b->pre || !b->num || !b->den || !b->re_type || !b->mux || !b->uci_bits || !b->uci_llr ||
      !b->llr_sch || !b->polar) {
    return OLIVE_ENOMEM;
  }
  return 0;
}

static int init_parts(phy_pusch_t *q, const phy_pusch_args_t *args)
{
  phy_sch_args_t sa = {.max_prb = args->max_prb,
                       .max_layers = 1,
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
  if (r == 0 && args->tp) {
    phy_transform_precoding_args_t ta = {.max_prb = args->max_prb, .measure = false};
    r = phy_transform_precoding_init(&q->tp, &ta);
  }
  return r;
}

int phy_pusch_init(phy_pusch_t *q, const phy_pusch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  if (args == NULL || args->max_prb < 1 || args->max_prb > PHY_MAX_PRB || args->max_qm < 2 ||
      args->max_qm > 8 || args->max_qm % 2 || (args->tp && args->max_prb > PHY_TP_MAX_PRB)) {
    return OLIVE_EINVAL;
  }
  q->args = *args;
  int r = init_parts(q, args);
  if (r == 0) {
    r = alloc_buf(q);
  }
  if (r < 0) {
    phy_pusch_free(q);
  }
  return r;
}

void phy_pusch_free(phy_pusch_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_sch_free(&q->sch);
  phy_modulation_free(&q->mod);
  phy_scrambling_free(&q->scr);
  if (q->args.tp) {
    phy_transform_precoding_free(&q->tp);
  }
  struct phy_pusch_buf *b = q->b;
  if (b != NULL) {
    olive_mem_free(b->bits);
    olive_mem_free(b->llr);
    olive_mem_free(b->sym);
    olive_mem_free(b->ref);
    olive_mem_free(b->nv);
    olive_mem_free(b->h);
    olive_mem_free(b->ls);
    olive_mem_free(b->rot);
    olive_mem_free(b->pre);
    olive_mem_free(b->num);
    olive_mem_free(b->den);
    olive_mem_free(b->re_type);
    olive_mem_free(b->mux);
    olive_mem_free(b->uci_bits);
    olive_mem_free(b->uci_llr);
    olive_mem_free(b->llr_sch);
    phy_polar_dec_destroy(b->polar);
    olive_mem_free(b);
    q->b = NULL;
  }
}

/* TS 38.211 6.4.1.1.3: beta_DMRS r(2n + k') w_f(k') on the port's REs. */
static int put_dmrs(const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo, uint32_t l, cf_t *row)
{
  cf_t ref[PHY_MAX_PRB * 6];
  uint16_t k[PHY_MAX_PRB * 6];
  int n = pusch_dmrs_ref(cfg, lo, l, ref, k);
  for (int i = 0; i < n; i++) {
    row[k[i]] = lo->beta * ref[i];
  }
  return n < 0 ? n : 0;
}

/* 6.3.1.6: frequency first over the data REs of each symbol (all subcarriers, or those
 * of the CDM groups with data on DM-RS symbols). Returns the symbols consumed. */
static uint32_t map_symbol(const pusch_layout_t *lo, uint32_t l, const cf_t *x, cf_t *row)
{
  if (!((lo->dmrs_mask >> l) & 1)) {
    memcpy(row + lo->k0, x, sizeof(cf_t) * lo->m_sc);
    return lo->m_sc;
  }
  uint32_t n = 0;
  for (uint32_t i = 0; i < lo->m_sc; i++) {
    row[lo->k0 + i] = lo->dmrs_sc_data[i % PHY_NSC_RB] ? x[n++] : 0.0f;
  }
  return n;
}

/* UCI payloads -> coded bits in q->b->uci_bits; multiplexes them with the UL-SCH bits of
 * q->b->bits into q->b->mux (6.2.7). */
static int encode_uci(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                      const phy_pusch_uci_t *uci)
{
  uint32_t qm = lo->mcs.qm;
  int r = 0;
  if (cfg->uci.o_ack) {
    r = pusch_uci_encode_one(uci->ack, cfg->uci.o_ack, qm, q->b->uci_bits, lo->e_ack);
  }
  if (r == 0 && cfg->uci.o_csi1) {
    r = pusch_uci_encode_one(uci->csi1, cfg->uci.o_csi1, qm, q->b->uci_bits + lo->e_ack,
                             lo->e_csi1);
  }
  if (r < 0) {
    return r;
  }
  pusch_uci_mux_map(lo, q->b->re_type);
  pusch_uci_mux_bits(lo, q->b->re_type, q->b->bits, q->b->uci_bits, q->b->mux);
  return 0;
}

static int check_tx(const phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                    const phy_pusch_uci_t *uci)
{
  bool has_uci = cfg->uci.o_ack || cfg->uci.o_csi1;
  if (has_uci && uci == NULL) {
    return OLIVE_EINVAL;
  }
  if (lo->mcs.qm > q->args.max_qm || lo->g_all > q->b->max_g || cfg->nof_prb > q->args.max_prb ||
      (cfg->transform_precoding && !q->args.tp)) {
    return OLIVE_ERANGE;
  }
  return 0;
}

/* 6.3.1.1 scrambling (with the x / y placeholders of the UCI block code when UCI is
 * multiplexed), 6.3.1.2 modulation, 6.3.1.4 transform precoding per symbol, 6.3.1.6
 * mapping and the DM-RS. */
static int modulate_map(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                        uint8_t *bits, phy_grid_t *grid)
{
  if (bits == q->b->mux) {
    phy_scrambling_bits_ph(&q->scr, bits, bits, lo->g_all, pusch_scrambling_cinit(cfg), 0);
  } else {
    phy_scrambling_bits(&q->scr, bits, bits, lo->g_all, pusch_scrambling_cinit(cfg), 0);
  }
  cf_t *x = q->b->sym;
  phy_modulation_map_bits(&q->mod, lo->mod, bits, lo->g_all, x);
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    cf_t *row = phy_grid_symbol(grid, 0, l);
    if (cfg->transform_precoding && pusch_symbol_nof_re(lo, l) > 0) {
      phy_transform_precoding_encode(&q->tp, cfg->nof_prb, x, 1, x);
    }
    x += map_symbol(lo, l, x, row);
    if ((lo->dmrs_mask >> l) & 1) {
      int r = put_dmrs(cfg, lo, l, row);
      if (r < 0) {
        return r;
      }
    }
  }
  return 0;
}

int phy_pusch_encode(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const uint8_t *tb,
                     const phy_pusch_uci_t *uci, phy_grid_t *grid)
{
  pusch_layout_t lo;
  if (q == NULL || q->b == NULL || cfg == NULL || tb == NULL || grid == NULL ||
      !phy_grid_is_natural(grid) || grid->nof_ports < 1) {
    return OLIVE_EINVAL;
  }
  int r = pusch_layout(cfg, grid->nof_prb, &lo);
  if (r == 0) {
    r = check_tx(q, cfg, &lo, uci);
  }
  if (r < 0) {
    return r;
  }
  phy_sch_cfg_t s = {.tbs = lo.tbs,
                     .r_x2048 = lo.mcs.r_x2048,
                     .qm = lo.mcs.qm,
                     .n_layers = 1,
                     .g = lo.g,
                     .rv = cfg->rv,
                     .lbrm = cfg->lbrm};
  r = phy_sch_encode(&q->sch, &s, tb, q->b->bits);
  if (r < 0) {
    return r;
  }
  uint8_t *bits = q->b->bits;
  if (cfg->uci.o_ack || cfg->uci.o_csi1) {
    r = encode_uci(q, cfg, &lo, uci);
    if (r < 0) {
      return r;
    }
    bits = q->b->mux;
  }
  r = modulate_map(q, cfg, &lo, bits, grid);
  if (r < 0) {
    return r;
  }
  return (int)lo.g;
}
