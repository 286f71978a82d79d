/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC encoder throughput, the cases of srsRAN Project's ldpc_encoder_benchmark: Z = 384,
 * BG1 and BG2, shortest (24 Z / 12 Z: 4 parity rows) and longest (66 Z / 50 Z: all rows)
 * codewords, packed input and output. Figure: information bits per second, median. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/ldpc.h"
#include "olive/support/bench.h"
#include "olive/support/cpu.h"
#include "olive/support/time.h"

#define BATCH 200

static uint8_t c[PHY_LDPC_MAX_K / 8], d[PHY_LDPC_MAX_N / 8 + 1];

static double run_once(phy_ldpc_enc_t *enc, const phy_ldpc_enc_cfg_t *cfg, unsigned batch)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < batch; i++) {
    phy_ldpc_encode(enc, cfg, c, d);
    olive_bench_keep(d);
  }
  uint64_t dt = olive_time_ns() - t0;
  unsigned k = phy_ldpc_bg_kb(cfg->bg) * cfg->z;
  return (double)k * batch / (double)(dt ? dt : 1); /* Gbit/s */
}

static void bench_isa(const olive_bench_t *b, olive_isa_t isa)
{
  phy_ldpc_enc_t enc;
  phy_ldpc_enc_args_t args = {.isa = isa};
  if (phy_ldpc_enc_init(&enc, &args) < 0) {
    return;
  }
  static const struct {
    phy_ldpc_bg_t bg;
    unsigned rows;
  } cases[] = {{PHY_LDPC_BG1, 4}, {PHY_LDPC_BG1, 46}, {PHY_LDPC_BG2, 4}, {PHY_LDPC_BG2, 42}};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(cases); i++) {
    phy_ldpc_enc_cfg_t cfg = {.bg = cases[i].bg, .z = 384, .nof_rows = cases[i].rows};
    unsigned n = (unsigned)phy_ldpc_codeword_len(cfg.bg, 384, cfg.nof_rows);
    unsigned k = phy_ldpc_bg_kb(cfg.bg) * 384;
    double v[256];
    unsigned reps = b->smoke ? 1 : b->reps > 256 ? 256 : b->reps;
    for (unsigned r = 0; r < reps; r++) {
      v[r] = run_once(&enc, &cfg, b->smoke ? 1 : BATCH);
    }
    char keys[128];
    snprintf(keys, sizeof(keys), "bg=%d z=384 rate=%.3f isa=%s", cfg.bg, (double)k / n,
             olive_isa_name(isa));
    olive_bench_report("ldpc_enc", keys, olive_bench_median(v, reps), "Gbit/s");
  }
  phy_ldpc_enc_free(&enc);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 51);
  uint32_t s = 0;
  for (unsigned i = 0; i < sizeof(c); i++) {
    s = s * 1664525u + 1013904223u;
    c[i] = (uint8_t)(s >> 24);
  }
  for (int isa = OLIVE_ISA_COUNT - 1; isa >= OLIVE_ISA_GENERIC; isa--) {
    if (olive_cpu_supports((olive_isa_t)isa) &&
        (b.isa_filter == NULL || strcmp(b.isa_filter, olive_isa_name((olive_isa_t)isa)) == 0)) {
      bench_isa(&b, (olive_isa_t)isa);
    }
  }
  return 0;
}
