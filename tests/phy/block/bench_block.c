/* SPDX-License-Identifier: Apache-2.0 */
/* ML decoding time of the UCI Reed-Muller (32, 11) code (E = 32) and of K = 6 (one
 * Hadamard transform). */
#include <stdio.h>

#include "olive/phy/block.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define MAX_REPS 64

static void bench_k(const olive_bench_t *b, unsigned K)
{
  float llr[16][32];
  uint32_t s = 1;
  for (unsigned c = 0; c < 16; c++) {
    for (unsigned i = 0; i < 32; i++) {
      s = s * 1664525u + 1013904223u;
      llr[c][i] = (float)(int32_t)s / 2147483648.0f;
    }
  }
  unsigned reps = b->reps < MAX_REPS ? b->reps : MAX_REPS, iters = b->smoke ? 2 : 20000;
  double t[MAX_REPS];
  uint8_t out[11];
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      phy_block_decode(llr[i & 15], 32, K, 0, out, NULL);
      olive_bench_keep(out);
    }
    t[r] = (double)(olive_time_ns() - t0) / 1e3 / iters;
  }
  char keys[64];
  snprintf(keys, sizeof(keys), "code=rm32 K=%u E=32", K);
  olive_bench_report("block_dec", keys, olive_bench_median(t, reps), "us");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  bench_k(&b, 11);
  bench_k(&b, 6);
  return 0;
}
