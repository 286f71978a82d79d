/* SPDX-License-Identifier: Apache-2.0 */
/* CRC throughput: CRC24A over a 1 Mbit packed transport block for every variant the CPU
 * has, and CRC24B over an 8448-bit code block in one-bit-per-byte form (the LDPC segment
 * case; its variant is the process-wide one, see phy_bits_isa()). */
#include <stdio.h>

#include "olive/phy/bits.h"
#include "olive/phy/crc.h"
#include "olive/support/bench.h"
#include "olive/support/cpu.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

/* isa < 0 (not an olive_isa_t): the one-bit-per-byte form; otherwise the packed form with that
 * variant. */
static double run(phy_crc_type_t t, const uint8_t *buf, size_t nbits, int isa, unsigned iters)
{
  volatile uint32_t sink = 0;
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++)
    sink ^= isa < 0 ? phy_crc_calc_bits(t, buf, nbits)
                    : phy_crc_calc_packed_isa(t, buf, nbits, (olive_isa_t)isa);
  uint64_t dt = olive_time_ns() - t0;
  (void)sink;
  return (double)nbits * iters / (double)(dt ? dt : 1); /* bits per ns = Gbit/s */
}

static void bench_case(const olive_bench_t *b, const char *keys, phy_crc_type_t t,
                       const uint8_t *buf, size_t nbits, int isa, unsigned iters)
{
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64;
  for (unsigned r = 0; r < reps; r++)
    v[r] = run(t, buf, nbits, isa, b->smoke ? 1 : iters);
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
  char keys[128];
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!olive_bench_want_isa(&b, isa) || !phy_crc_packed_isa_supported((olive_isa_t)isa))
      continue;
    snprintf(keys, sizeof keys, "type=CRC24A form=packed nbits=%zu isa=%s", tb_bits,
             olive_isa_name((olive_isa_t)isa));
    bench_case(&b, keys, PHY_CRC24A, tb, tb_bits, isa, isa > OLIVE_ISA_GENERIC ? 100 : 20);
  }
  snprintf(keys, sizeof keys, "type=CRC24B form=bits nbits=%zu isa=%s", cb_bits, phy_bits_isa());
  bench_case(&b, keys, PHY_CRC24B, cb, cb_bits, -1, 2000);
  olive_mem_free(tb);
  olive_mem_free(cb);
  return 0;
}
