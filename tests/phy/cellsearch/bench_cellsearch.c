/* SPDX-License-Identifier: Apache-2.0 */
/* Cell search cost at 23.04 Msps on the srsRAN tutorial cell (cs_cell.h: RRC, MAC
 * broadcast scheduler, phy_dl) plus AWGN at 10 dB per RE (an empty, noiseless block would be
 * skipped): phy_cellsearch_run over one SSB period plus
 * 5 ms (25 ms of samples, 3 CFO hypotheses) and phy_cellsearch_sib1 over 45 ms. Reported
 * per call in ms, and as the fraction of real time the search needs. */
#include <stdio.h>

#include "cs_cell.h"
#include "cs_testsig.h"
#include "olive/phy/cellsearch.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define LEN (45u * CC_SLOT)

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  unsigned reps = b.smoke ? 1 : b.reps;
  static cs_cell_t c;
  cf_t *x = olive_mem_calloc(LEN + 10 * CC_SLOT, sizeof(cf_t));
  if (x == NULL || cc_setup(&c, 1) < 0 || cc_stream(&c, 0, 5, 0, true, x) < 0) {
    return 1;
  }
  olive_test_rng_t r = OLIVE_TEST_RNG(3);
  for (uint32_t i = 0; i < LEN; i++) {
    x[i] += ts_gauss(&r, 0.1);
  }
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = {.srate_hz = CC_SRATE,
                             .ssb_case = PHY_SSB_CASE_A,
                             .l_max = 4,
                             .max_cfo_hz = 5000,
                             .plan = PHY_OFDM_PLAN_MEASURE,
                             .isa = OLIVE_ISA_AUTO};
  if (phy_cellsearch_init(&q, &a) < 0) {
    return 1;
  }
  phy_cellsearch_cfg_t cfg = {.ssb_offset_hz = c.ssb_offset_hz,
                              .rx_center_hz = (double)c.cell.dl_hz};
  double t_run[64], t_sib1[64];
  static uint8_t sib1[PHY_CELLSEARCH_MAX_TB_BYTES];
  int ok = 1;
  for (unsigned i = 0; i < reps && i < 64; i++) {
    phy_cellsearch_res_t res;
    phy_cellsearch_sib1_res_t sr;
    uint64_t t0 = olive_time_ns();
    ok &= phy_cellsearch_run(&q, &cfg, x, 25 * CC_SLOT, &res) == 0;
    uint64_t t1 = olive_time_ns();
    ok &= phy_cellsearch_sib1(&q, &cfg, &res, 5, x, LEN, sib1, sizeof(sib1), &sr) > 0;
    uint64_t t2 = olive_time_ns();
    t_run[i] = (t1 - t0) / 1e6;
    t_sib1[i] = (t2 - t1) / 1e6;
  }
  unsigned n = reps < 64 ? reps : 64;
  double run = olive_bench_median(t_run, n), s1 = olive_bench_median(t_sib1, n);
  olive_bench_report("cellsearch_run", "srate=23.04 span_ms=25 hyp=3", run, "ms");
  olive_bench_report("cellsearch_run_rt", "srate=23.04 span_ms=25 hyp=3", run / 25.0, "x_realtime");
  olive_bench_report("cellsearch_sib1", "srate=23.04 prb=96", s1, "ms");
  phy_cellsearch_free(&q);
  olive_mem_free(x);
  return ok ? 0 : 1;
}
