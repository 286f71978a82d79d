/* SPDX-License-Identifier: Apache-2.0 */
/* Demapper and mapper throughput per order and ISA, on a block of 13200 symbols (one slot
 * of 100 PRB x 11 data symbols) in L1-L2-resident buffers:
 *   bench=demapper mod=QAM64 out=int8 isa=avx512 value=... unit=Msym/s
 *   bench=mapper mod=QAM64 in=bits isa=avx2 value=... unit=Msym/s */
#include <complex.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/modulation.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

enum { NSYM = 13200, ITERS = 200 };

typedef struct work {
  uint8_t *bits, *bytes;
  cf_t *y, *sym;
  float *llr;
  int8_t *l8;
} work_t;

typedef enum kind { K_LLR_F32, K_LLR_I8, K_MAP_BITS, K_MAP_PACKED } kind_t;

static void run_once(const phy_modulation_t *q, phy_mod_t mod, kind_t k, work_t *w)
{
  unsigned qm = phy_mod_bits(mod);
  switch (k) {
  case K_LLR_F32:
    phy_demod_llr_f32(q, mod, w->y, NSYM, 0.1f, w->llr);
    olive_bench_keep(w->llr);
    break;
  case K_LLR_I8:
    phy_demod_llr_i8(q, mod, w->y, NSYM, 0.1f, 2.0f, w->l8);
    olive_bench_keep(w->l8);
    break;
  case K_MAP_BITS:
    phy_modulation_map_bits(q, mod, w->bits, (size_t)NSYM * qm, w->sym);
    olive_bench_keep(w->sym);
    break;
  case K_MAP_PACKED:
    phy_modulation_map_packed(q, mod, w->bytes, (size_t)NSYM * qm, w->sym);
    olive_bench_keep(w->sym);
    break;
  }
}

static double msym_per_s(const phy_modulation_t *q, phy_mod_t mod, kind_t k, work_t *w,
                         unsigned iters)
{
  run_once(q, mod, k, w); /* warm the caches */
  uint64_t t0 = olive_time_ns();
  for (unsigned i = 0; i < iters; i++) {
    run_once(q, mod, k, w);
  }
  uint64_t dt = olive_time_ns() - t0;
  return (double)NSYM * iters * 1e3 / (double)(dt ? dt : 1);
}

static void bench_case(const olive_bench_t *b, const phy_modulation_t *q, phy_mod_t mod, kind_t k,
                       work_t *w)
{
  static const char *const what[] = {"demapper", "demapper", "mapper", "mapper"};
  static const char *const key[] = {"out=float", "out=int8", "in=bits", "in=packed"};
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64;
  for (unsigned r = 0; r < reps; r++) {
    v[r] = msym_per_s(q, mod, k, w, b->smoke ? 1 : ITERS);
  }
  char keys[96];
  snprintf(keys, sizeof(keys), "mod=%s %s isa=%s", phy_mod_name(mod), key[k],
           olive_isa_name(q->isa));
  olive_bench_report(what[k], keys, olive_bench_median(v, reps), "Msym/s");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 7);
  work_t w = {
      .bits = olive_mem_alloc(NSYM * 8),
      .bytes = olive_mem_alloc(NSYM),
      .y = olive_mem_alloc(NSYM * sizeof(cf_t)),
      .sym = olive_mem_alloc(NSYM * sizeof(cf_t)),
      .llr = olive_mem_alloc(NSYM * 8 * sizeof(float)),
      .l8 = olive_mem_alloc(NSYM * 8),
  };
  if (!w.bits || !w.bytes || !w.y || !w.sym || !w.llr || !w.l8) {
    return 1;
  }
  uint32_t s = 1;
  for (size_t i = 0; i < NSYM * 8; i++) {
    w.bits[i] = (uint8_t)((s = s * 1664525u + 1013904223u) >> 31);
  }
  for (size_t i = 0; i < NSYM; i++) {
    w.bytes[i] = (uint8_t)((s = s * 1664525u + 1013904223u) >> 24);
    float re = (float)((s = s * 1664525u + 1013904223u) >> 8) / 16777216.0f * 2.4f - 1.2f;
    float im = (float)((s = s * 1664525u + 1013904223u) >> 8) / 16777216.0f * 2.4f - 1.2f;
    w.y[i] = re + im * I;
  }
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    const char *name = olive_isa_name((olive_isa_t)isa);
    if (!olive_cpu_supports((olive_isa_t)isa) ||
        (b.isa_filter && strcmp(b.isa_filter, name) != 0)) {
      continue;
    }
    phy_modulation_t q;
    phy_modulation_args_t args = {.isa = (olive_isa_t)isa};
    if (phy_modulation_init(&q, &args) != 0) {
      return 1;
    }
    for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
      for (int k = K_LLR_F32; k <= K_MAP_PACKED; k++) {
        bench_case(&b, &q, (phy_mod_t)m, (kind_t)k, &w);
      }
    }
    phy_modulation_free(&q);
  }
  olive_mem_free(w.bits);
  olive_mem_free(w.bytes);
  olive_mem_free(w.y);
  olive_mem_free(w.sym);
  olive_mem_free(w.llr);
  olive_mem_free(w.l8);
  return 0;
}
