/* SPDX-License-Identifier: Apache-2.0 */
/* Complex float vector kernels (olive/phy/vec.h).
 *
 * Pins: every scale variant the CPU runs against a double-precision complex product
 * (lengths 1, 7, 8, 33, 3300; both pointers one element off 64-byte alignment; nothing
 * written outside dst[0..n-1]), out of place and in place. Threshold: 1e-6 of |c| |x| per
 * element (float rounding is 6e-8 per operation, FMA or not). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "vec_internal.h"
#include "olive/support/cpu.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define MAXN     3300
#define SENTINEL 12345.0f

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x5ec);

static cf_t crand(void)
{
  return (float)olive_test_gauss(&rng) + I * (float)olive_test_gauss(&rng);
}

static void check_variant(const char *name, phy_vec_scale_fn f)
{
  static const uint32_t lens[] = {1, 7, 8, 33, MAXN};
  cf_t *src = olive_mem_alloc((MAXN + 2) * sizeof(cf_t));
  cf_t *dst = olive_mem_alloc((MAXN + 2) * sizeof(cf_t));
  for (unsigned li = 0; li < OLIVE_ARRAY_SIZE(lens); li++) {
    for (unsigned off = 0; off < 4; off++) {
      uint32_t n = lens[li], so = off & 1, d0 = off >> 1;
      cf_t c = crand();
      for (uint32_t i = 0; i < n + 2; i++) {
        src[i] = crand();
        dst[i] = SENTINEL;
      }
      f(dst + d0, src + so, c, n);
      double worst = 0.0;
      for (uint32_t i = 0; i < n; i++) {
        double complex ref = (double complex)c * (double complex)src[so + i];
        double err = cabs((double complex)dst[d0 + i] - ref);
        double rel = err / (cabsf(c) * cabsf(src[so + i]) + 1e-30);
        worst = rel > worst ? rel : worst;
      }
      CHECK(worst <= 1e-6, "%s n=%u src+%u dst+%u: relative error %g", name, n, so, d0, worst);
      bool outside = dst[n + d0] == SENTINEL && (d0 == 0 || dst[0] == SENTINEL);
      CHECK(outside, "%s n=%u src+%u dst+%u wrote outside dst[0..n-1]", name, n, so, d0);
    }
  }
  olive_mem_free(src);
  olive_mem_free(dst);
}

/* In place (dst == src) gives the out-of-place result exactly. */
static void check_in_place(const char *name, phy_vec_scale_fn f)
{
  cf_t a[37], b[37], c = crand();
  for (unsigned i = 0; i < 37; i++) {
    a[i] = crand();
  }
  f(b, a, c, 37);
  f(a, a, c, 37);
  CHECK(memcmp(a, b, sizeof(a)) == 0, "%s: in place differs from out of place", name);
}

int main(void)
{
  check_variant("generic", phy_vec_scale_generic);
  check_in_place("generic", phy_vec_scale_generic);
#ifdef OLIVE_HAVE_X86_SIMD
  if (olive_cpu_supports(OLIVE_ISA_AVX2)) {
    check_variant("avx2", phy_vec_scale_avx2);
    check_in_place("avx2", phy_vec_scale_avx2);
  }
  if (olive_cpu_supports(OLIVE_ISA_AVX512)) {
    check_variant("avx512", phy_vec_scale_avx512);
    check_in_place("avx512", phy_vec_scale_avx512);
  }
#endif
  /* The dispatched entry point is one of them. */
  cf_t x = 1.0f + 2.0f * I, y;
  phy_vec_scale(&y, &x, I, 1);
  CHECK(y == -2.0f + 1.0f * I, "phy_vec_scale: (1 + 2j) j = %g%+gj", crealf(y), cimagf(y));
  return olive_test_done();
}
