/* SPDX-License-Identifier: Apache-2.0 */
/* Rate matching (TS 38.212 5.4.2: bit selection + interleaving) and de-rate matching
 * (de-interleaving + saturating soft combining) throughput for one BG1 Z = 384 code block
 * (K' = 8448, no filler) at the rates of the LDPC benchmarks, 0.917 and 0.333, Q_m 2 and 8.
 * Figure: rate-matched bits E per second (Gbit/s), median over --reps.
 * Also the whole SCH chain (phy_sch_encode / phy_sch_decode, TB bits per second) for a
 * 273-PRB 256QAM MCS 27 TB on one layer with noiseless LLRs (decoder stops on the CB CRC
 * after one or two iterations: an upper bound of the receive chain). */
#include <stdio.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/phy/tbs.h"
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

/* TS 38.214 Table 5.1.3.1-2 MCS 27 (256QAM, R = 948/1024), 273 PRB, 13 symbols, 12 DM-RS
 * RE per PRB, 1 layer. */
static void bench_sch(const olive_bench_t *b)
{
  phy_sch_t q;
  phy_sch_args_t args = {
      .max_prb = 273, .max_layers = 1, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  if (phy_sch_init(&q, &args) != 0) {
    return;
  }
  phy_mcs_t m;
  phy_tbs_mcs_get(PHY_MCS_TABLE_QAM256, 27, false, &m);
  phy_tbs_cfg_t tc = {.n_symb_sh = 13,
                      .n_dmrs_prb = 12,
                      .n_prb = 273,
                      .n_layers = 1,
                      .qm = m.qm,
                      .r_x2048 = m.r_x2048};
  phy_sch_cfg_t cfg = {.tbs = (unsigned)phy_tbs_calc(&tc),
                       .r_x2048 = m.r_x2048,
                       .qm = m.qm,
                       .n_layers = 1,
                       .g = 144 * 273 * m.qm,
                       .new_data = true,
                       .max_iters = 6};
  uint8_t *tb = olive_mem_alloc(cfg.tbs / 8), *bits = olive_mem_alloc(cfg.g);
  int8_t *l = olive_mem_alloc(cfg.g);
  if (tb && bits && l) {
    for (unsigned i = 0; i < cfg.tbs / 8; i++) {
      tb[i] = (uint8_t)(i * 37 + 11);
    }
    for (int dec = 0; dec < 2; dec++) {
      double v[64];
      unsigned reps = b->reps < 64 ? b->reps : 64, iters = b->smoke ? 1 : 10;
      for (unsigned r = 0; r < reps; r++) {
        uint64_t t0 = olive_time_ns();
        for (unsigned i = 0; i < iters; i++) {
          if (dec) {
            phy_sch_decode(&q, &cfg, l, tb, NULL);
          } else {
            phy_sch_encode(&q, &cfg, tb, bits);
          }
        }
        uint64_t dt = olive_time_ns() - t0;
        v[r] = (double)cfg.tbs * iters / (double)(dt ? dt : 1) * 1e3; /* Mbit/s */
      }
      if (!dec) {
        for (unsigned i = 0; i < cfg.g; i++) {
          l[i] = (int8_t)(bits[i] ? -16 : 16);
        }
      }
      char keys[128];
      snprintf(keys, sizeof(keys), "op=%s prb=273 mcs_table=qam256 mcs=27 tbs=%u",
               dec ? "sch_decode" : "sch_encode", cfg.tbs);
      olive_bench_report("ldpc_rm", keys, olive_bench_median(v, reps), "Mbit/s");
    }
  }
  olive_mem_free(tb);
  olive_mem_free(bits);
  olive_mem_free(l);
  phy_sch_free(&q);
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
  bench_sch(&b);
  olive_mem_free(d);
  olive_mem_free(f);
  olive_mem_free(llr);
  olive_mem_free(soft);
  return 0;
}
