/* SPDX-License-Identifier: Apache-2.0 */
/* PSS search cost: one half frame (5 ms, where at least one SSB of a 5..20 ms burst
 * periodicity may fall) per call, over 1 and 5 frequency hypotheses. */
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/ssb.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define MAX_REPS 1000

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 20);
  unsigned reps = b.smoke ? 1 : (b.reps > MAX_REPS ? MAX_REPS : b.reps);
  static const double srates[] = {11.52e6, 23.04e6};
  static double t[MAX_REPS];
  for (unsigned s = 0; s < 2; s++) {
    for (uint32_t nh = 1; nh <= 5; nh += 4) {
      uint32_t len = (uint32_t)(srates[s] / 200); /* 5 ms */
      phy_pss_search_args_t a = {.srate_hz = srates[s],
                                 .mu = 0,
                                 .max_len = len,
                                 .nof_hyp = nh,
                                 .cfo_hz = {0, -5e3, 5e3, -10e3, 10e3},
                                 .plan = b.smoke ? PHY_OFDM_PLAN_ESTIMATE : PHY_OFDM_PLAN_MEASURE};
      phy_pss_search_t q;
      if (phy_pss_search_init(&q, &a) < 0) {
        fprintf(stderr, "bench_pss_search: init failed\n");
        return EXIT_FAILURE;
      }
      cf_t *x = olive_mem_calloc(len, sizeof(cf_t));
      for (uint32_t n = 0; n < len; n++) {
        x[n] = (float)((n * 7919u) % 13u) - 6.0f + I * ((float)((n * 104729u) % 11u) - 5.0f);
      }
      phy_pss_search_res_t r;
      for (unsigned i = 0; i < reps; i++) {
        uint64_t t0 = olive_time_ns();
        phy_pss_search_run(&q, x, len, &r);
        t[i] = (olive_time_ns() - t0) / 1e3;
        olive_bench_keep(&r);
      }
      char keys[96];
      snprintf(keys, sizeof(keys), "srate=%.2fMsps len=%u fft=%u hyp=%u", srates[s] / 1e6, len, q.m,
               nh);
      olive_bench_report("pss_search", keys, olive_bench_median(t, reps), "us_per_call");
      olive_mem_free(x);
      phy_pss_search_free(&q);
      if (b.smoke) {
        return EXIT_SUCCESS;
      }
    }
  }
  return EXIT_SUCCESS;
}
