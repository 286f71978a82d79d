/* SPDX-License-Identifier: Apache-2.0 */
/* Cost of the broadcast codecs per message: MIB pack (every 80 ms with a new SFN in a
 * real cell, or once per SSB if done per slot) and SIB1 pack/unpack for the srsUE default
 * (75 bytes). */
#include <stdio.h>

#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define MAX_REPS 64

typedef void (*op_fn)(unsigned i);

static rrc_sib1_t sib1, decoded;
static uint8_t sib1_bytes[RRC_SIB1_MAX_BYTES];
static int sib1_len;

static void op_mib(unsigned i)
{
  rrc_mib_t m = {.system_frame_number = (uint8_t)(i & 63),
                 .control_resource_set_zero = 12,
                 .cell_barred = RRC_CELL_NOT_BARRED};
  uint8_t out[RRC_MIB_BYTES];
  rrc_mib_pack(&m, out, sizeof out, NULL);
  olive_bench_keep(out);
}

static void op_sib1_pack(unsigned i)
{
  (void)i;
  rrc_sib1_pack(&sib1, sib1_bytes, sizeof sib1_bytes, NULL, NULL);
  olive_bench_keep(sib1_bytes);
}

static void op_sib1_unpack(unsigned i)
{
  (void)i;
  rrc_sib1_unpack(sib1_bytes, (size_t)sib1_len, &decoded);
  olive_bench_keep(&decoded);
}

static void run(const olive_bench_t *b, const char *name, const char *keys, op_fn op)
{
  unsigned iters = b->smoke ? 10 : 20000, reps = b->reps > MAX_REPS ? MAX_REPS : b->reps;
  double t[MAX_REPS];
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++)
      op(i);
    t[r] = (double)(olive_time_ns() - t0) / iters;
  }
  olive_bench_report(name, keys, olive_bench_median(t, reps), "ns");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  rrc_sib1_cell_cfg_t cfg;
  olive_bench_parse(&b, argc, argv, 9);
  rrc_sib1_cell_cfg_default(&cfg);
  if (rrc_sib1_build_default(&cfg, &sib1) != 0)
    return 1;
  sib1_len = rrc_sib1_pack(&sib1, sib1_bytes, sizeof sib1_bytes, NULL, NULL);
  if (sib1_len <= 0)
    return 1;
  run(&b, "rrc_mib_pack", "bits=24", op_mib);
  run(&b, "rrc_sib1_pack", "msg=srsue_default bytes=75", op_sib1_pack);
  run(&b, "rrc_sib1_unpack", "msg=srsue_default bytes=75", op_sib1_unpack);
  return 0;
}
