/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH detector time per occasion: format 0, 23.04 Msps (106 PRB, 15 kHz), 1 RX, noise
 * plus one preamble, FFTW_MEASURE plans. Cases: zcz 1 (N_CS 13: one root, 64 preambles,
 * the task's case) and zcz 0 (N_CS 0: 64 roots, srsRAN Project's
 * prach_detector_benchmark case). Also the UE generator per preamble. Median of --reps. */
#include <stdio.h>

#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "prach_sim.h"

static sim_t S;

static double time_detect(const phy_prach_cfg_t *cfg, unsigned reps)
{
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  double t[1000];
  reps = reps > 1000 ? 1000 : reps;
  sim_detect(&S, cfg, d, 1); /* load the root cache: it is per cell, not per occasion */
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    int n = sim_detect(&S, cfg, d, 1);
    t[r] = (olive_time_ns() - t0) / 1e3;
    olive_bench_keep(&n);
  }
  return olive_bench_median(t, reps);
}

static double time_gen(const phy_prach_cfg_t *cfg, unsigned reps)
{
  double t[1000];
  phy_prach_occasion_t occ;
  reps = reps > 1000 ? 1000 : reps;
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    phy_prach_gen(&S.gen, cfg, r % 64, S.tx, &occ);
    t[r] = (olive_time_ns() - t0) / 1e3;
    olive_bench_keep(S.tx);
  }
  return olive_bench_median(t, reps);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 200);
  unsigned reps = b.smoke ? 2 : b.reps;
  phy_prach_gen_args_t ga = {0};
  ga.carrier.mu = 0;
  ga.carrier.nof_prb = 106;
  ga.carrier.srate_hz = 23.04e6;
  ga.format = PHY_PRACH_FMT_0;
  ga.plan = b.smoke ? PHY_OFDM_PLAN_ESTIMATE : PHY_OFDM_PLAN_MEASURE;
  phy_prach_det_args_t da = {0};
  da.carrier = ga.carrier;
  da.format = PHY_PRACH_FMT_0;
  da.nof_rx = 1;
  da.plan = ga.plan;
  if (phy_prach_gen_init(&S.gen, &ga) < 0 || phy_prach_det_init(&S.det, &da) < 0) {
    fprintf(stderr, "init failed\n");
    return 1;
  }
  S.rng = OLIVE_TEST_RNG(1);
  for (uint32_t zcz = 0; zcz < 2; zcz++) {
    phy_prach_cfg_t cfg = {.config_index = 16, .root_logical = 22, .zcz = zcz};
    phy_prach_occasion_t occ;
    phy_prach_occasion(&S.gen.carrier, 0, &cfg, &occ);
    S.len = occ.len;
    sim_clear(&S, 1, sim_noise_var(&occ, -10.0));
    sim_add(&S, &cfg, 5, 40, 1.0, 1);
    double us = time_detect(&cfg, reps);
    char keys[128];
    snprintf(keys, sizeof(keys), "format=0 preambles=64 zcz=%u srate=23.04 rx=1", zcz);
    olive_bench_report("prach_det", keys, us, "us");
    if (zcz == 1) {
      olive_bench_report("prach_detect", "fmt=0 srate=23.04 roots=1", us, "us");
      olive_bench_report("prach_gen", "fmt=0 srate=23.04", time_gen(&cfg, reps), "us");
    }
  }
  phy_prach_gen_free(&S.gen);
  phy_prach_det_free(&S.det);
  return 0;
}
