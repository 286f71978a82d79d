/* SPDX-License-Identifier: Apache-2.0 */
/* ISA dispatch: OLIVE_ISA caps the choice, never raises it above what the CPU has. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "olive/support/cpu.h"
#include "olive/support/error.h"

static void test_cap(void **state)
{
  (void)state;
  assert_true(olive_cpu_supports(OLIVE_ISA_GENERIC));
  unsetenv("OLIVE_ISA");
  olive_isa_t best = olive_cpu_isa();
  assert_true(olive_cpu_supports(best));
  for (int i = best + 1; i < OLIVE_ISA_COUNT; i++)
    assert_false(olive_cpu_supports((olive_isa_t)i));
  setenv("OLIVE_ISA", "generic", 1);
  assert_int_equal(olive_cpu_isa(), OLIVE_ISA_GENERIC);
  assert_int_equal(olive_isa_resolve(OLIVE_ISA_AUTO), OLIVE_ISA_GENERIC);
  assert_int_equal(olive_isa_resolve(OLIVE_ISA_AVX2), OLIVE_ISA_AVX2);
  /* A zero-initialised _args_t means "auto", never the portable reference by accident. */
  struct {
    olive_isa_t isa;
  } zeroed = {0};
  assert_int_equal(zeroed.isa, OLIVE_ISA_AUTO);
  assert_int_equal(olive_isa_resolve(zeroed.isa), olive_cpu_isa());
  assert_string_equal(olive_isa_name(OLIVE_ISA_AUTO), "auto");
  assert_string_equal(olive_isa_name(OLIVE_ISA_GENERIC), "generic");
  assert_string_equal(olive_isa_name((olive_isa_t)OLIVE_ISA_COUNT), "unknown");
  setenv("OLIVE_ISA", "avx512", 1);
  assert_int_equal(olive_cpu_isa(), best); /* a cap above the CPU changes nothing */
  setenv("OLIVE_ISA", "avx2", 1);
  assert_true(olive_cpu_isa() <= OLIVE_ISA_AVX2);
  unsetenv("OLIVE_ISA");
  assert_string_equal(olive_isa_name(OLIVE_ISA_AVX512), "avx512");
  assert_string_equal(olive_isa_name((olive_isa_t)9), "unknown");
  assert_string_equal(olive_strerror(OLIVE_ECRC), "CRC check failed");
  assert_string_equal(olive_strerror(-999), "unknown error");
}

int main(void)
{
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_cap)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
