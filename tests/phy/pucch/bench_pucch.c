/* SPDX-License-Identifier: Apache-2.0 */
/* Detector time per PUCCH resource (microseconds), one slot of noisy signal in the grid:
 * F0 (1 and 2 symbols, 1 HARQ bit + SR), F1 (14 symbols with hopping, 2 bits), F2 (4 PRB,
 * A = 4 block code and A = 22 polar), F3 (14 symbols, 1 PRB A = 22, 4 PRB A = 100), F4 (14 symbols,
 * N_SF 2, A = 22), with 1 and 2 RX ports. */
#include <complex.h>
#include <stdio.h>

#include "olive/phy/pucch.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define MAX_REPS 64

typedef struct bcase {
  const char *name;
  phy_pucch_format_t f;
  uint32_t nsym, nprb, A;
} bcase_t;

static void fill_noise(phy_grid_t *g)
{
  uint32_t s = 12345;
  for (uint32_t p = 0; p < g->nof_ports; p++) {
    for (uint32_t l = 0; l < 14; l++) {
      cf_t *x = phy_grid_symbol(g, p, l);
      for (uint32_t k = 0; k < phy_grid_nof_sc(g); k++) {
        s = s * 1664525u + 1013904223u;
        float re = (float)(int32_t)s / 2147483648.0f;
        s = s * 1664525u + 1013904223u;
        x[k] += 0.3f * (re + (float)(int32_t)s / 2147483648.0f * I);
      }
    }
  }
}

static int run_once(phy_pucch_t *q, const bcase_t *c, const phy_pucch_cfg_t *cfg, phy_grid_t *g)
{
  phy_pucch_uci_t u = {.nof_harq = c->f == PHY_PUCCH_F1 ? 2 : 1, .sr_opportunity = true};
  phy_pucch_uci_rx_t rx;
  phy_pucch_f2_rx_t r2;
  uint8_t a[128];
  switch (c->f) {
  case PHY_PUCCH_F0:
    return phy_pucch_f0_detect(q, cfg, &u, g, &rx);
  case PHY_PUCCH_F1:
    return phy_pucch_f1_detect(q, cfg, &u, g, &rx);
  case PHY_PUCCH_F2:
    return phy_pucch_f2_decode(q, cfg, c->A, g, a, &r2);
  case PHY_PUCCH_F3:
    return phy_pucch_f3_decode(q, cfg, c->A, g, a, &r2);
  default:
    return phy_pucch_f4_decode(q, cfg, c->A, g, a, &r2);
  }
}

static void bench_case(const olive_bench_t *b, phy_pucch_t *q, phy_grid_t *g, const bcase_t *c,
                       uint32_t ports)
{
  phy_pucch_cfg_t cfg = {.res = {.format = c->f,
                                 .start_prb = 1,
                                 .intra_slot_hopping = true,
                                 .second_hop_prb = 10,
                                 .nof_symbols = c->nsym,
                                 .start_symbol = 14 - c->nsym,
                                 .nof_prb = c->nprb},
                         .group_hopping = PHY_PUCCH_GH_ENABLE,
                         .n_id = 300,
                         .slot = 5,
                         .mu = 1,
                         .rnti = 0x4601,
                         .n_id_data = 300,
                         .n_id_dmrs = 300};
  cfg.res.occ_length = 2; /* F4: N_SF 2, occ-Index 0 */
  g->nof_ports = 1;
  phy_grid_clear(g);
  phy_pucch_uci_t u = {.nof_harq = c->f == PHY_PUCCH_F1 ? 2 : 1, .harq = {1, 1}};
  uint8_t a[128] = {1, 0, 1, 1, 0, 1};
  if (c->f == PHY_PUCCH_F0) {
    phy_pucch_f0_encode(q, &cfg, &u, g, 0);
  } else if (c->f == PHY_PUCCH_F1) {
    phy_pucch_f1_encode(q, &cfg, &u, g, 0);
  } else if (c->f == PHY_PUCCH_F2) {
    phy_pucch_f2_encode(q, &cfg, a, c->A, g, 0);
  } else if (c->f == PHY_PUCCH_F3) {
    phy_pucch_f3_encode(q, &cfg, a, c->A, g, 0);
  } else {
    phy_pucch_f4_encode(q, &cfg, a, c->A, g, 0);
  }
  g->nof_ports = ports;
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t p = 1; p < ports; p++) {
      for (uint32_t k = 0; k < phy_grid_nof_sc(g); k++) {
        *phy_grid_re(g, p, l, k) = *phy_grid_re(g, 0, l, k);
      }
    }
  }
  fill_noise(g);
  unsigned reps = b->reps < MAX_REPS ? b->reps : MAX_REPS, iters = b->smoke ? 2 : 2000;
  double t[MAX_REPS];
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      int err = run_once(q, c, &cfg, g);
      olive_bench_keep(&err);
    }
    t[r] = (double)(olive_time_ns() - t0) / 1e3 / iters;
  }
  char keys[96];
  snprintf(keys, sizeof(keys), "format=%s symbols=%u prb=%u A=%u rx=%u", c->name, c->nsym, c->nprb,
           c->A, ports);
  olive_bench_report("pucch_det", keys, olive_bench_median(t, reps), "us");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  static const bcase_t cases[] = {
      {"F0", PHY_PUCCH_F0, 1, 1, 1},    {"F0", PHY_PUCCH_F0, 2, 1, 1},
      {"F1", PHY_PUCCH_F1, 14, 1, 2},   {"F2", PHY_PUCCH_F2, 1, 4, 4},
      {"F2", PHY_PUCCH_F2, 2, 4, 22},   {"F3", PHY_PUCCH_F3, 14, 1, 22},
      {"F3", PHY_PUCCH_F3, 14, 4, 100}, {"F4", PHY_PUCCH_F4, 14, 1, 22}};
  phy_pucch_t q;
  phy_grid_t g;
  if (phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = 2}) < 0 ||
      phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 2, .max_prb = 25}) < 0) {
    return 1;
  }
  for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    for (uint32_t ports = 1; ports <= 2; ports++) {
      bench_case(&b, &q, &g, &cases[i], ports);
    }
  }
  phy_pucch_free(&q);
  phy_grid_free(&g);
  return 0;
}
