/* SPDX-License-Identifier: Apache-2.0 */
/* Gold sequence c(n) throughput (packed output, 1 Mbit) and the cost of starting a new
 * sequence (init with the Nc = 1600 jump, then 32 bits, as per-symbol DMRS does). */
#include <stdio.h>

#include "olive/phy/seq.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

static double run_packed(uint8_t *buf, size_t nbits, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    phy_seq_gold_packed(buf, 0x1234567u + i, 0, nbits);
    olive_bench_keep(buf);
  }
  uint64_t dt = olive_time_ns() - t0;
  return (double)nbits * iters / (double)(dt ? dt : 1);
}

static double run_init(unsigned iters)
{
  phy_seq_gold_t g;
  volatile uint32_t sink = 0;
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    phy_seq_gold_init(&g, i * 2654435761u, 0);
    sink ^= phy_seq_gold_next32(&g);
  }
  (void)sink;
  return (double)(olive_time_ns() - t0) / iters;
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  const size_t nbits = 1u << 20;
  uint8_t *buf = olive_mem_alloc(nbits / 8);
  if (!buf)
    return 1;
  double v[64];
  unsigned reps = b.reps < 64 ? b.reps : 64;
  for (unsigned r = 0; r < reps; r++)
    v[r] = run_packed(buf, nbits, b.smoke ? 1 : 20);
  olive_bench_report("gold", "form=packed nbits=1048576", olive_bench_median(v, reps), "Gbit/s");
  for (unsigned r = 0; r < reps; r++)
    v[r] = run_init(b.smoke ? 10 : 200000);
  olive_bench_report("gold", "op=init_nc1600", olive_bench_median(v, reps), "ns");
  olive_mem_free(buf);
  return 0;
}
