/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC decoder throughput, the cases of srsRAN Project's ldpc_decoder_benchmark: Z = 384,
 * BG1 and BG2 at the shortest (24 Z / 12 Z, rates 0.917 / 0.833) and longest (66 Z / 50 Z,
 * rates 0.333 / 0.2) codewords, random +-10 LLRs, 6 iterations without early stop.
 * Each case with cfg.llr_scale 0 (normalized min-sum) and 16 (offset min-sum at the rates
 * with extension rows).
 * Figure: information bits (K = 22 Z or 10 Z) per second, median over reps. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/ldpc.h"
#include "olive/support/bench.h"
#include "olive/support/cpu.h"
#include "olive/support/time.h"

#define BATCH 20

static int8_t llr[PHY_LDPC_MAX_N];
static uint8_t out[PHY_LDPC_MAX_K / 8 + 1];

static double run_once(phy_ldpc_dec_t *dec, const phy_ldpc_dec_cfg_t *cfg, unsigned n_llr,
                       unsigned batch)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < batch; i++) {
    phy_ldpc_decode(dec, cfg, llr, n_llr, out, NULL);
    olive_bench_keep(out);
  }
  uint64_t dt = olive_time_ns() - t0;
  unsigned k = phy_ldpc_bg_kb(cfg->bg) * cfg->z;
  return (double)k * batch / (double)(dt ? dt : 1) * 1e3; /* Mbit/s */
}

static void bench_isa(const olive_bench_t *b, olive_isa_t isa, int8_t llr_scale)
{
  phy_ldpc_dec_t dec;
  phy_ldpc_dec_args_t args = {.isa = isa};
  if (phy_ldpc_dec_init(&dec, &args) < 0) {
    return;
  }
  static const struct {
    phy_ldpc_bg_t bg;
    unsigned cols;
  } cases[] = {{PHY_LDPC_BG1, 24}, {PHY_LDPC_BG1, 66}, {PHY_LDPC_BG2, 12}, {PHY_LDPC_BG2, 50}};
  for (unsigned c = 0; c < OLIVE_ARRAY_SIZE(cases); c++) {
    phy_ldpc_dec_cfg_t cfg = {.bg = cases[c].bg,
                              .z = 384,
                              .max_iters = 6,
                              .stop = PHY_LDPC_STOP_NONE,
                              .llr_scale = llr_scale};
    unsigned n_llr = cases[c].cols * 384, k = phy_ldpc_bg_kb(cfg.bg) * 384;
    double v[256];
    unsigned reps = b->smoke ? 1 : b->reps > 256 ? 256 : b->reps;
    for (unsigned r = 0; r < reps; r++) {
      v[r] = run_once(&dec, &cfg, n_llr, b->smoke ? 1 : BATCH);
    }
    char keys[128];
    snprintf(keys, sizeof(keys), "bg=%d z=384 rate=%.3f iters=6 llr_scale=%d isa=%s", cfg.bg,
             (double)k / n_llr, llr_scale, olive_isa_name(isa));
    olive_bench_report("ldpc_dec", keys, olive_bench_median(v, reps), "Mbit/s");
  }
  phy_ldpc_dec_free(&dec);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 51);
  uint32_t s = 0;
  for (unsigned i = 0; i < PHY_LDPC_MAX_N; i++) {
    s = s * 1664525u + 1013904223u;
    llr[i] = (int8_t)((s >> 31) ? 10 : -10);
  }
  for (int isa = OLIVE_ISA_COUNT - 1; isa >= OLIVE_ISA_GENERIC; isa--) {
    if (olive_cpu_supports((olive_isa_t)isa) &&
        (b.isa_filter == NULL || strcmp(b.isa_filter, olive_isa_name((olive_isa_t)isa)) == 0)) {
      bench_isa(&b, (olive_isa_t)isa, 0);
      bench_isa(&b, (olive_isa_t)isa, 16);
    }
  }
  return 0;
}
