/* SPDX-License-Identifier: Apache-2.0 */
/* Transform precoding (TS 38.211 6.3.1.4) time per DFT-s-OFDM symbol, forward and inverse:
 *   bench=transform_precoding prb=270 dir=fwd value=... unit=us */
#include <complex.h>
#include <stdio.h>

#include "olive/phy/transform_precoding.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

enum { NSYM = 14 };

static double us_per_symbol(phy_transform_precoding_t *q, uint32_t prb, int inverse, cf_t *x,
                            cf_t *y, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    if (inverse) {
      phy_transform_precoding_decode(q, prb, x, NSYM, y);
    } else {
      phy_transform_precoding_encode(q, prb, x, NSYM, y);
    }
    olive_bench_keep(y);
  }
  return (double)(olive_time_ns() - t0) / 1e3 / ((double)iters * NSYM);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 7);
  phy_transform_precoding_t q;
  phy_transform_precoding_args_t args = {.max_prb = PHY_TP_MAX_PRB, .measure = !b.smoke};
  size_t n = 12 * PHY_TP_MAX_PRB * NSYM;
  cf_t *x = olive_mem_alloc(n * sizeof(cf_t)), *y = olive_mem_alloc(n * sizeof(cf_t));
  if (!x || !y || phy_transform_precoding_init(&q, &args) != 0) {
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    x[i] = (float)(i % 7) - 3.0f + ((float)(i % 5) - 2.0f) * I;
  }
  static const uint32_t prbs[] = {1, 25, 100, 270};
  for (size_t p = 0; p < OLIVE_ARRAY_SIZE(prbs); p++) {
    for (int inv = 0; inv < 2; inv++) {
      double v[64];
      unsigned reps = b.reps < 64 ? b.reps : 64;
      for (unsigned r = 0; r < reps; r++) {
        v[r] = us_per_symbol(&q, prbs[p], inv, x, y, b.smoke ? 1 : 200);
      }
      char keys[64];
      snprintf(keys, sizeof(keys), "prb=%u dir=%s", prbs[p], inv ? "inv" : "fwd");
      olive_bench_report("transform_precoding", keys, olive_bench_median(v, reps), "us");
    }
  }
  phy_transform_precoding_free(&q);
  olive_mem_free(x);
  olive_mem_free(y);
  return 0;
}
