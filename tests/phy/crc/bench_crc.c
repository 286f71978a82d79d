/* SPDX-License-Identifier: Apache-2.0 */
/* CRC throughput: CRC24A over a 1 Mbit packed transport block, and over an 8448-bit code
 * block in one-bit-per-byte form (CRC24B, the LDPC segment case). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/crc.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

static double run(phy_crc_type_t t, const uint8_t *buf, size_t nbits, int packed, unsigned iters)
{
  volatile uint32_t sink = 0;
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++)
    sink ^= packed ? phy_crc_calc_packed(t, buf, nbits) : phy_crc_calc_bits(t, buf, nbits);
  uint64_t dt = olive_time_ns() - t0;
  (void)sink;
  return (double)nbits * iters / (double)(dt ? dt : 1); /* bits per ns = Gbit/s */
}

static void bench_case(const olive_bench_t *b, const char *keys, phy_crc_type_t t,
                       const uint8_t *buf, size_t nbits, int packed, unsigned iters)
{
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64;
  for (unsigned r = 0; r < reps; r++)
    v[r] = run(t, buf, nbits, packed, b->smoke ? 1 : iters);
  olive_bench_report("crc", keys, olive_bench_median(v, reps), "Gbit/s");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  const size_t tb_bits = 1u << 20, cb_bits = 8448;
  uint8_t *tb = olive_mem_alloc(tb_bits / 8), *cb = olive_mem_alloc(cb_bits);
  if (!tb || !cb)
    return 1;
  uint32_t s = 1;
  for (size_t i = 0; i < tb_bits / 8; i++)
    tb[i] = (uint8_t)((s = s * 1664525u + 1013904223u) >> 24);
  for (size_t i = 0; i < cb_bits; i++)
    cb[i] = (uint8_t)(((s = s * 1664525u + 1013904223u) >> 31) & 1);
  bench_case(&b, "type=CRC24A form=packed nbits=1048576", PHY_CRC24A, tb, tb_bits, 1, 20);
  bench_case(&b, "type=CRC24B form=bits nbits=8448", PHY_CRC24B, cb, cb_bits, 0, 500);
  olive_mem_free(tb);
  olive_mem_free(cb);
  return 0;
}
