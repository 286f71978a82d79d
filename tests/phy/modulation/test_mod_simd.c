/* SPDX-License-Identifier: Apache-2.0 */
/* phy/modulation: every SIMD variant the CPU runs against the portable reference
 * (OLIVE_ISA_GENERIC), for every order, lengths 1, 7, 8, 33, 3300 and pointers off the
 * 64-byte alignment (by one float / one byte):
 *  - mapper, unpacked and packed: bit-exact (both read the same exact table values);
 *  - float LLRs, block and per-symbol N0: |d| <= 1e-5 |ref| + 1e-30 (the stated
 *    tolerance; the kernels use the reference's operation order, so in fact d = 0);
 *  - int8 LLRs: bit-exact.
 * Inputs include large values (saturating int8), NaN and infinities (float: NaN where the
 * reference has NaN; int8: still bit-exact) and per-symbol N0 down to 0. The output
 * one past the end is checked untouched. Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/modulation.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static uint64_t rng_state = 0xda942042e4dd58b5ull;
static uint32_t rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}
static float frand(float r)
{
  return ((float)rnd() / 4294967296.0f * 2.0f - 1.0f) * r;
}

enum { MAXN = 3300 };
static const size_t lens[] = {1, 7, 8, 33, MAXN};

typedef struct bufs {
  uint8_t bits[MAXN * 8 + 64], bytes[MAXN + 64];
  cf_t y[MAXN + 16], sym_ref[MAXN + 16], sym[MAXN + 16];
  float nv[MAXN + 16], llr_ref[MAXN * 8 + 16], llr[MAXN * 8 + 16];
  int8_t l8_ref[MAXN * 8 + 64], l8[MAXN * 8 + 64];
} bufs_t;

static void fill(bufs_t *b)
{
  for (size_t i = 0; i < sizeof(b->bits); i++) {
    b->bits[i] = (uint8_t)rnd();
  }
  for (size_t i = 0; i < sizeof(b->bytes); i++) {
    b->bytes[i] = (uint8_t)rnd();
  }
  for (size_t i = 0; i < MAXN + 16; i++) {
    float r = (i % 17 == 3) ? 1e4f : 1.6f; /* some far outliers saturate int8 */
    b->y[i] = frand(r) + frand(r) * I;
    if (i % 251 == 7) { /* garbage from outside: NaN and infinities must not diverge */
      b->y[i] = (i % 2 ? NAN : INFINITY) + (i % 3 ? -INFINITY : 0.5f) * I;
    }
    b->nv[i] = (i % 29 == 5) ? 0.0f : 0.001f + fabsf(frand(2.0f));
  }
}

static int float_close(const float *a, const float *r, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (isnan(a[i]) && isnan(r[i])) {
      continue;
    }
    if (!(a[i] == r[i] || fabsf(a[i] - r[i]) <= 1e-5f * fabsf(r[i]) + 1e-30f)) {
      fprintf(stderr, "  llr[%zu] = %.9g, reference %.9g\n", i, a[i], r[i]);
      return 0;
    }
  }
  return 1;
}

static void check_map(const phy_modulation_t *ref, const phy_modulation_t *q, bufs_t *b,
                      phy_mod_t mod, size_t n)
{
  unsigned qm = phy_mod_bits(mod);
  cf_t *o = (cf_t *)((float *)b->sym + 1), *o_ref = (cf_t *)((float *)b->sym_ref + 1);
  for (int packed = 0; packed < 2; packed++) {
    const uint8_t *in = packed ? b->bytes + 1 : b->bits + 1;
    memset(b->sym, 0x5a, sizeof(b->sym));
    int r1 = packed ? phy_modulation_map_packed(ref, mod, in, n * qm, o_ref)
                    : phy_modulation_map_bits(ref, mod, in, n * qm, o_ref);
    int r2 = packed ? phy_modulation_map_packed(q, mod, in, n * qm, o)
                    : phy_modulation_map_bits(q, mod, in, n * qm, o);
    CHECK(r1 == (int)n && r2 == (int)n);
    CHECK(memcmp(o, o_ref, n * sizeof(cf_t)) == 0);
    uint8_t guard[sizeof(cf_t)];
    memset(guard, 0x5a, sizeof(guard));
    CHECK(memcmp(o + n, guard, sizeof(cf_t)) == 0);
  }
}

static void check_demod(const phy_modulation_t *ref, const phy_modulation_t *q, bufs_t *b,
                        phy_mod_t mod, size_t n)
{
  unsigned qm = phy_mod_bits(mod);
  const cf_t *y = (const cf_t *)((const float *)b->y + 1);
  const float *nv = b->nv + 1;
  float *l = b->llr + 1, *l_ref = b->llr_ref + 1;
  int8_t *l8 = b->l8 + 1, *l8_ref = b->l8_ref + 1;
  for (int per_sym = 0; per_sym < 2; per_sym++) {
    memset(b->l8, 0x5a, sizeof(b->l8));
    memset(b->llr, 0x5a, sizeof(b->llr));
    if (per_sym) {
      phy_demod_llr_f32_nv(ref, mod, y, n, nv, l_ref);
      phy_demod_llr_f32_nv(q, mod, y, n, nv, l);
      phy_demod_llr_i8_nv(ref, mod, y, n, nv, 4.0f, l8_ref);
      phy_demod_llr_i8_nv(q, mod, y, n, nv, 4.0f, l8);
    } else {
      phy_demod_llr_f32(ref, mod, y, n, 0.37f, l_ref);
      phy_demod_llr_f32(q, mod, y, n, 0.37f, l);
      phy_demod_llr_i8(ref, mod, y, n, 0.37f, 4.0f, l8_ref);
      phy_demod_llr_i8(q, mod, y, n, 0.37f, 4.0f, l8);
    }
    int ok = float_close(l, l_ref, n * qm);
    if (!ok) {
      fprintf(stderr, "  %s n=%zu per_sym=%d\n", phy_mod_name(mod), n, per_sym);
    }
    CHECK(ok);
    CHECK(memcmp(l8, l8_ref, n * qm) == 0);
    CHECK(l8[n * qm] == 0x5a);
    uint32_t g;
    memcpy(&g, l + n * qm, 4);
    CHECK(g == 0x5a5a5a5au);
  }
}

int main(void)
{
  static bufs_t b;
  fill(&b);
  phy_modulation_t ref;
  phy_modulation_args_t ra = {.isa = OLIVE_ISA_GENERIC};
  CHECK(phy_modulation_init(&ref, &ra) == 0);
  int tested = 0;
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!olive_cpu_supports((olive_isa_t)isa)) {
      continue;
    }
    phy_modulation_t q;
    phy_modulation_args_t a = {.isa = (olive_isa_t)isa};
    CHECK(phy_modulation_init(&q, &a) == 0);
    CHECK(q.isa == (olive_isa_t)isa);
    printf("isa %s\n", olive_isa_name((olive_isa_t)isa));
    for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
      for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        int before = olive_test_failures;
        check_map(&ref, &q, &b, (phy_mod_t)m, lens[li]);
        check_demod(&ref, &q, &b, (phy_mod_t)m, lens[li]);
        if (olive_test_failures != before) {
          fprintf(stderr, "  ^ isa %s %s n=%zu\n", olive_isa_name((olive_isa_t)isa),
                  phy_mod_name((phy_mod_t)m), lens[li]);
        }
      }
    }
    phy_modulation_free(&q);
    tested++;
  }
  CHECK(tested >= 1);
  phy_modulation_free(&ref);
  return olive_test_done();
}
