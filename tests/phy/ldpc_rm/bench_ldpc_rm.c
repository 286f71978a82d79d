/* SPDX-License-Identifier: Apache-2.0 */
/* Rate matching (TS 38.212 5.4.2: bit selection + interleaving) and de-rate matching
 * (de-interleaving + saturating soft combining) throughput for one BG1 Z = 384 code block
 * (K' = 8448, no filler) at the rates of the LDPC benchmarks, 0.917 and 0.333, Q_m 2 and 8.
 * Figure: rate-matched bits E per second (Gbit/s), median over --reps. */
#include <stdio.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define MAX_E 26000

static uint8_t *d, *f;
static int8_t *llr, *soft;

static double run(const phy_ldpc_rm_cfg_t *cfg, int decode, unsigned iters)
{
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    if (decode) {
      phy_ldpc_rm_decode(cfg, llr, soft);
      olive_bench_keep(soft);
    } else {
      phy_ldpc_rm_encode(cfg, d, f);
      olive_bench_keep(f);
    }
  }
  uint64_t dt = olive_time_ns() - t0;
  return (double)cfg->e * iters / (double)(dt ? dt : 1); /* bits per ns = Gbit/s */
}

static void bench_case(const olive_bench_t *b, double rate, unsigned qm, int decode)
{
  phy_ldpc_rm_cfg_t cfg = {
      .bg = PHY_LDPC_BG1, .z = 384, .k_prime = 8448, .n_cb = 66 * 384, .rv = 0, .qm = qm};
  cfg.e = (unsigned)(8448 / rate) / qm * qm;
  if (cfg.e > MAX_E) {
    cfg.e = MAX_E / qm * qm;
  }
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64;
  for (unsigned r = 0; r < reps; r++) {
    v[r] = run(&cfg, decode, b->smoke ? 1 : 200);
  }
  char keys[128];
  snprintf(keys, sizeof(keys), "op=%s bg=1 z=384 rate=%.3f qm=%u e=%u",
           decode ? "derate_match" : "rate_match", rate, qm, cfg.e);
  olive_bench_report("ldpc_rm", keys, olive_bench_median(v, reps), "Gbit/s");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  d = olive_mem_alloc(66 * 384 / 8);
  f = olive_mem_alloc(MAX_E);
  llr = olive_mem_alloc(MAX_E);
  soft = olive_mem_alloc(66 * 384);
  if (!d || !f || !llr || !soft) {
    return 1;
  }
  uint32_t s = 1;
  for (unsigned i = 0; i < 66 * 384 / 8; i++) {
    d[i] = (uint8_t)((s = s * 1664525u + 1013904223u) >> 24);
  }
  for (unsigned i = 0; i < MAX_E; i++) {
    llr[i] = (int8_t)((s = s * 1664525u + 1013904223u) >> 27) - 16;
  }
  static const double rates[2] = {0.917, 0.333};
  static const unsigned qms[2] = {2, 8};
  for (int dec = 0; dec < 2; dec++) {
    for (int ri = 0; ri < 2; ri++) {
      for (int qi = 0; qi < 2; qi++) {
        bench_case(&b, rates[ri], qms[qi], dec);
      }
    }
  }
  olive_mem_free(d);
  olive_mem_free(f);
  olive_mem_free(llr);
  olive_mem_free(soft);
  return 0;
}
