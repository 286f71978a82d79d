/* SPDX-License-Identifier: Apache-2.0 */
/* Scrambling throughput, 100000 elements per call (about one 100 MHz 256QAM PDSCH symbol
 * on 4 layers): LLR descrambling per variant (float and int8), and bit scrambling in the
 * one-bit-per-byte and packed forms (portable C only). */
#include <stdio.h>

#include "olive/phy/scrambling.h"
#include "olive/support/bench.h"
#include "olive/support/cpu.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

enum { LEN = 100000 };

static double run(const phy_scrambling_t *q, void *buf, int i8, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    if (i8)
      phy_scrambling_llr_i8(q, buf, buf, LEN, 0x1234567u, 0);
    else
      phy_scrambling_llr_f32(q, buf, buf, LEN, 0x1234567u, 0);
    olive_bench_keep(buf);
  }
  uint64_t dt = olive_time_ns() - t0;
  return (double)LEN * iters / (double)(dt ? dt : 1) * 1e3; /* Mllr/s */
}

static double run_bits(const phy_scrambling_t *q, void *buf, int packed, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    if (packed)
      phy_scrambling_packed(q, buf, buf, LEN, 0x1234567u, 0);
    else
      phy_scrambling_bits(q, buf, buf, LEN, 0x1234567u, 0);
    olive_bench_keep(buf);
  }
  uint64_t dt = olive_time_ns() - t0;
  return (double)LEN * iters / (double)(dt ? dt : 1);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  float *buf = olive_mem_alloc(LEN * sizeof(float));
  if (!buf)
    return 1;
  unsigned reps = b.reps < 64 ? b.reps : 64;
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!olive_bench_want_isa(&b, isa))
      continue;
    phy_scrambling_t q;
    phy_scrambling_args_t a = {.isa = (olive_isa_t)isa};
    if (phy_scrambling_init(&q, &a) != 0)
      continue;
    for (int i8 = 0; i8 < 2; i8++) {
      double v[64];
      for (unsigned r = 0; r < reps; r++)
        v[r] = run(&q, buf, i8, b.smoke ? 1 : 200);
      char keys[96];
      snprintf(keys, sizeof keys, "type=%s len=%d isa=%s", i8 ? "i8" : "f32", LEN,
               olive_isa_name((olive_isa_t)isa));
      olive_bench_report("scrambling_llr", keys, olive_bench_median(v, reps), "Mllr/s");
    }
    phy_scrambling_free(&q);
  }
  phy_scrambling_t q;
  if (phy_scrambling_init(&q, NULL) == 0) {
    for (int packed = 0; packed < 2; packed++) {
      double v[64];
      for (unsigned r = 0; r < reps; r++)
        v[r] = run_bits(&q, buf, packed, b.smoke ? 1 : 200);
      olive_bench_report("scrambling_bits",
                         packed ? "form=packed len=100000" : "form=bits len=100000",
                         olive_bench_median(v, reps), "Gbit/s");
    }
  }
  olive_mem_free(buf);
  return 0;
}
