/* SPDX-License-Identifier: Apache-2.0 */
/* The SCL f/g kernels of every ISA this CPU runs against the portable reference, bit-exact,
 * for lengths 1, 7, 8, 33, 3300 with misaligned pointers and signed zeros. The kernel files
 * are compiled into this test directly (they are internal to olive_phy). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "olive/support/cpu.h"
#include "polar_dec_kernels.h"
#include "polar_test_util.h"

#define LMAX 3300

static void fill(float *x, unsigned n, uint64_t *s)
{
  for (unsigned i = 0; i < n; i++) {
    unsigned r = tu_rand(s) % 16;
    x[i] = r == 0 ? 0.0f : r == 1 ? -0.0f : 10.0f * tu_gauss(s);
  }
}

static void test_variants(void **state)
{
  (void)state;
#if defined(OLIVE_HAVE_X86_SIMD)
  if (!olive_cpu_supports(OLIVE_ISA_AVX2)) {
    skip();
  }
  polar_dec_kernels_t ref, k;
  polar_dec_kernels_generic(&ref);
  polar_dec_kernels_avx2(&k);
  static const unsigned lens[5] = {1, 7, 8, 33, 3300};
  static float a[LMAX + 3], b[LMAX + 3], o0[LMAX + 3], o1[LMAX + 3];
  static uint8_t beta[LMAX + 3];
  uint64_t s = 42;
  for (unsigned t = 0; t < 5; t++) {
    for (unsigned off = 0; off < 3; off++) { /* 0: aligned; 1, 2: misaligned */
      unsigned n = lens[t];
      fill(a + off, n, &s);
      fill(b + 1, n, &s);
      for (unsigned i = 0; i < n; i++) {
        beta[off + i] = (uint8_t)(tu_rand(&s) & 1);
      }
      memset(o0, 0x55, sizeof(o0));
      memset(o1, 0x55, sizeof(o1));
      ref.f(a + off, b + 1, o0 + off, n);
      k.f(a + off, b + 1, o1 + off, n);
      assert_memory_equal(o0, o1, sizeof(o0)); /* also: nothing written outside */
      ref.g(a + off, b + 1, beta + off, o0 + 2, n);
      k.g(a + off, b + 1, beta + off, o1 + 2, n);
      assert_memory_equal(o0, o1, sizeof(o0));
    }
  }
#else
  skip();
#endif
}

/* The reference itself, on values worked by hand. */
static void test_reference(void **state)
{
  (void)state;
  polar_dec_kernels_t ref;
  polar_dec_kernels_generic(&ref);
  const float a[4] = {2.0f, -3.0f, -1.0f, 4.0f}, b[4] = {-1.0f, -2.0f, 5.0f, 0.5f};
  const uint8_t beta[4] = {0, 1, 1, 0};
  float o[4];
  ref.f(a, b, o, 4);
  assert_true(o[0] == -1.0f && o[1] == 2.0f && o[2] == -1.0f && o[3] == 0.5f);
  ref.g(a, b, beta, o, 4);
  assert_true(o[0] == 1.0f && o[1] == 1.0f && o[2] == 6.0f && o[3] == 4.5f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reference),
      cmocka_unit_test(test_variants),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
