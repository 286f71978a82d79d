/* SPDX-License-Identifier: Apache-2.0 */
/* PDCCH cost: encode one AL4 candidate (41-bit DCI 1_0, CORESET#0 96 RB x 1 symbol) into
 * the grid, decode that one candidate, and blind-decode srsUE's searchSpace#0 (AL4 x4,
 * AL8 x2) with the DCI on its last AL4 candidate (4 candidate decodes). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/dci.h"
#include "olive/phy/pdcch.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define MAX_REPS 10000
#define INNER    20

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 200);
  unsigned reps = b.smoke ? 1 : (b.reps > MAX_REPS ? MAX_REPS : b.reps);
  static double t[3][MAX_REPS];
  phy_pdcch_t q;
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 106};
  phy_coreset0_t row;
  phy_coreset_t c;
  if (phy_pdcch_init(&q, NULL) < 0 || phy_grid_init(&g, &ga) < 0 ||
      phy_coreset0_get(15, 15, 5, 12, &row) < 0 ||
      phy_coreset_from_coreset0(&c, &row, 5, 0, 1) < 0) {
    fprintf(stderr, "bench_pdcch: init failed\n");
    return EXIT_FAILURE;
  }
  phy_pdcch_cfg_t p = {.coreset = &c, .slot = 1, .n_id_dmrs = 1, .dmrs_rb_offset = -5, .n_id = 1};
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}};
  phy_dci_size_cfg_t sc = {.n_rb_dl = 96, .n_rb_ul = 96};
  phy_dci_sizes_t s;
  phy_dci_sizes(&sc, &s);
  phy_dci_1_0_t d = {.fdra = 1000, .tdra = 2, .mcs = 5};
  uint8_t a[64], out[64];
  uint32_t nbits = (uint32_t)phy_dci_1_0_pack(&s, PHY_RNTI_SI, &d, a);
  phy_pdcch_res_t res;
  int fails = 0;
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (int i = 0; i < INNER; i++) {
      phy_pdcch_encode(&q, &p, 12, 4, 0xFFFF, a, nbits, &g, 0);
    }
    uint64_t t1 = olive_time_ns();
    for (int i = 0; i < INNER; i++) {
      fails += phy_pdcch_decode(&q, &p, 12, 4, 0xFFFF, nbits, &g, 0, out, &res) != 0;
    }
    uint64_t t2 = olive_time_ns();
    for (int i = 0; i < INNER; i++) {
      fails += phy_pdcch_blind_decode(&q, &p, &ss, 0xFFFF, nbits, &g, 0, out, &res) != 0;
    }
    uint64_t t3 = olive_time_ns();
    t[0][r] = (double)(t1 - t0) / 1e3 / INNER;
    t[1][r] = (double)(t2 - t1) / 1e3 / INNER;
    t[2][r] = (double)(t3 - t2) / 1e3 / INNER;
    olive_bench_keep(out);
  }
  if (fails) {
    fprintf(stderr, "bench_pdcch: %d decodes failed\n", fails);
    return EXIT_FAILURE;
  }
  olive_bench_report("pdcch_enc", "al=4 a=41", olive_bench_median(t[0], reps), "us");
  olive_bench_report("pdcch_dec", "al=4 a=41 list=8", olive_bench_median(t[1], reps), "us");
  olive_bench_report("pdcch_blind", "ss=ss0 cand=4xAL4+2xAL8 found=4th list=8",
                     olive_bench_median(t[2], reps), "us");
  phy_grid_free(&g);
  phy_pdcch_free(&q);
  return EXIT_SUCCESS;
}
