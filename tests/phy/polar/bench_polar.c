/* SPDX-License-Identifier: Apache-2.0 */
/* CA-SCL-8 decoding time per codeword (de-rate-matching included) for the PBCH chain
 * (A = 32, K = 56, N = 512, E = 864) and PDCCH DCI (A = 40, K = 64, E = 432 and 864), for
 * every decoder ISA this CPU runs. Input: noisy QPSK LLRs at Es/N0 = 0 dB. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/polar.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"
#include "polar_test_util.h"

#define MAX_REPS 64
#define NCW      16

static void bench_case(const olive_bench_t *b, olive_isa_t isa, const char *name,
                       phy_polar_chain_t ch, unsigned A, unsigned E)
{
  phy_polar_dec_args_t da = {.max_n = 9, .max_list = 8, .isa = isa};
  phy_polar_dec_t *q = phy_polar_dec_create(&da);
  if (q == NULL) {
    return;
  }
  phy_polar_chain_cfg_t cfg = {.chain = ch, .A = A, .E = E, .rnti = 0x4601, .list = 8};
  static float llr[NCW][1728];
  uint64_t s = 1;
  for (unsigned c = 0; c < NCW; c++) {
    uint8_t a[64], e[1728];
    for (unsigned i = 0; i < A; i++) {
      a[i] = (uint8_t)(tu_rand(&s) & 1);
    }
    phy_polar_chain_encode(&cfg, a, e);
    tu_qpsk_awgn(e, E, 0.0f, &s, llr[c]);
  }
  unsigned reps = b->reps < MAX_REPS ? b->reps : MAX_REPS, iters = b->smoke ? 2 : 200;
  double t[MAX_REPS];
  uint8_t out[64];
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      phy_polar_chain_decode(q, &cfg, llr[i % NCW], out);
      olive_bench_keep(out);
    }
    t[r] = (double)(olive_time_ns() - t0) / 1e3 / iters;
  }
  phy_polar_code_t code;
  phy_polar_code_get(&code, A + 24, E, 9, true, false);
  char keys[160];
  snprintf(keys, sizeof(keys), "case=%s K=%u N=%u E=%u list=8 isa=%s", name, code.K, code.N, E,
           olive_isa_name(phy_polar_dec_isa(q)));
  olive_bench_report("polar_dec", keys, olive_bench_median(t, reps), "us");
  phy_polar_dec_destroy(q);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  for (int isa = OLIVE_ISA_GENERIC; isa <= OLIVE_ISA_AVX2; isa++) {
    if (!olive_cpu_supports((olive_isa_t)isa) ||
        (b.isa_filter != NULL && strcmp(b.isa_filter, olive_isa_name((olive_isa_t)isa)) != 0)) {
      continue;
    }
    bench_case(&b, (olive_isa_t)isa, "pbch", PHY_POLAR_PBCH, 32, 864);
    bench_case(&b, (olive_isa_t)isa, "pdcch_al4", PHY_POLAR_DCI, 40, 432);
    bench_case(&b, (olive_isa_t)isa, "pdcch_al8", PHY_POLAR_DCI, 40, 864);
  }
  return 0;
}
