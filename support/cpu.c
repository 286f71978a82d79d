/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/cpu.h"

#include <stdlib.h>
#include <string.h>

static const char *const isa_names[OLIVE_ISA_COUNT] = {"auto", "generic", "avx2", "avx512"};

bool olive_cpu_supports(olive_isa_t isa)
{
  switch (isa) {
  case OLIVE_ISA_GENERIC:
    return true;
#if defined(__x86_64__)
  case OLIVE_ISA_AVX2:
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("bmi2");
  case OLIVE_ISA_AVX512:
    return olive_cpu_supports(OLIVE_ISA_AVX2) && __builtin_cpu_supports("avx512f") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512dq");
#endif
  default:
    return false;
  }
}

/* The OLIVE_ISA cap, or OLIVE_ISA_COUNT when unset or unknown. */
static olive_isa_t env_cap(void)
{
  const char *s = getenv("OLIVE_ISA");
  if (s == NULL)
    return OLIVE_ISA_COUNT;
  for (int i = OLIVE_ISA_GENERIC; i < OLIVE_ISA_COUNT; i++) {
    if (strcmp(s, isa_names[i]) == 0)
      return (olive_isa_t)i;
  }
  return OLIVE_ISA_COUNT;
}

olive_isa_t olive_cpu_isa(void)
{
  olive_isa_t cap = env_cap();
  for (int i = OLIVE_ISA_COUNT - 1; i > OLIVE_ISA_GENERIC; i--) {
    if (i <= (int)cap && olive_cpu_supports((olive_isa_t)i))
      return (olive_isa_t)i;
  }
  return OLIVE_ISA_GENERIC;
}

olive_isa_t olive_isa_resolve(olive_isa_t requested)
{
  return requested == OLIVE_ISA_AUTO ? olive_cpu_isa() : requested;
}

const char *olive_isa_name(olive_isa_t isa)
{
  if ((unsigned)isa >= OLIVE_ISA_COUNT)
    return "unknown";
  return isa_names[isa];
}
