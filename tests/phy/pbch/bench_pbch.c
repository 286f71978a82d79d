/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH cost per SS/PBCH block: encode (payload to mapped SSB, PSS/SSS/DMRS included) and
 * decode (extraction, 8-hypothesis DMRS test, estimate, demap, list-8 polar decode). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/pbch.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define MAX_REPS 10000
#define INNER    20

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 200);
  unsigned reps = b.smoke ? 1 : (b.reps > MAX_REPS ? MAX_REPS : b.reps);
  static double t_enc[MAX_REPS], t_dec[MAX_REPS];
  phy_pbch_t q;
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 52};
  if (phy_pbch_init(&q, NULL) < 0 || phy_grid_init(&g, &ga) < 0) {
    fprintf(stderr, "bench_pbch: init failed\n");
    return EXIT_FAILURE;
  }
  phy_pbch_cfg_t cfg = {.map = {.k0 = 192,
                                .l0 = 2,
                                .n_id = 321,
                                .beta_pss = 1,
                                .beta_sss = 1,
                                .beta_pbch = 1,
                                .beta_dmrs = 1},
                        .l_max = 8};
  phy_pbch_msg_t m = {.sfn = 517, .hrf = 1, .ssb_idx = 5, .k_ssb = 20};
  for (int i = 0; i < 24; i++) {
    m.bch[i] = (uint8_t)((0xA5C3F1u >> i) & 1u);
  }
  phy_pbch_res_t res;
  int fails = 0;
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (int i = 0; i < INNER; i++) {
      phy_pbch_encode(&q, &cfg, &m, &g, 0);
    }
    uint64_t t1 = olive_time_ns();
    for (int i = 0; i < INNER; i++) {
      fails += phy_pbch_decode(&q, &cfg, &g, 0, &res) != 0;
    }
    uint64_t t2 = olive_time_ns();
    t_enc[r] = (double)(t1 - t0) / 1e3 / INNER;
    t_dec[r] = (double)(t2 - t1) / 1e3 / INNER;
    olive_bench_keep(&res);
  }
  if (fails) {
    fprintf(stderr, "bench_pbch: %d decodes failed\n", fails);
    return EXIT_FAILURE;
  }
  olive_bench_report("pbch_enc", "l_max=8", olive_bench_median(t_enc, reps), "us_per_ssb");
  olive_bench_report("pbch_dec", "l_max=8 list=8 hyp=8", olive_bench_median(t_dec, reps),
                     "us_per_ssb");
  phy_grid_free(&g);
  phy_pbch_free(&q);
  return EXIT_SUCCESS;
}
