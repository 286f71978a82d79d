/* SPDX-License-Identifier: Apache-2.0 */
/* Low-PAPR sequence generation time: the longest DMRS/SRS length (M_ZC = 3276) with and
 * without a cyclic shift, and one PRB (M_ZC = 12, table based). */
#include <stdio.h>

#include "olive/phy/seq.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

static double run(cf_t *r, unsigned m_zc, float alpha, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    phy_seq_low_papr(r, m_zc, i % 30, 0, alpha);
    olive_bench_keep(r);
  }
  return (double)(olive_time_ns() - t0) / iters / 1e3;
}

int main(int argc, char **argv)
{
  static cf_t r[PHY_SEQ_LOW_PAPR_MAX_LEN];
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  static const struct {
    unsigned m;
    float alpha;
    const char *keys;
  } cases[] = {{3276, 0.0f, "m_zc=3276 alpha=0"},
               {3276, 2.6179939f, "m_zc=3276 alpha=5pi/6"},
               {12, 2.6179939f, "m_zc=12 alpha=5pi/6"}};
  unsigned reps = b.reps < 64 ? b.reps : 64;
  for (size_t c = 0; c < OLIVE_ARRAY_SIZE(cases); c++) {
    double v[64];
    for (unsigned k = 0; k < reps; k++)
      v[k] = run(r, cases[c].m, cases[c].alpha, b.smoke ? 1 : (cases[c].m > 100 ? 200 : 20000));
    olive_bench_report("low_papr", cases[c].keys, olive_bench_median(v, reps), "us");
  }
  return 0;
}
