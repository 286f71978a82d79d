/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the radio tests: a CHECK that reports and fails, a deterministic
 * sample pattern indexed by absolute sample time, TCP endpoints per test. */
#ifndef OLIVE_TESTS_RADIO_TEST_H
#define OLIVE_TESTS_RADIO_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/radio/radio.h"

static int test_failures;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                     \
      test_failures++;                                                                             \
    }                                                                                              \
  } while (0)

#define REQUIRE(cond)                                                                              \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond);                   \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

/* Sample t of stream `seed`: splitmix64 of (seed, t) mapped to two floats in [-1, 1).
 * Every sample is distinct, so a dropped, repeated or reordered sample is detected. */
static inline olive_radio_cf_t test_sample(uint64_t seed, uint64_t t)
{
  uint64_t z = t + seed * 0x9e3779b97f4a7c15ull + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  float re = (float)(int32_t)(uint32_t)z / 2147483648.0f;
  float im = (float)(int32_t)(uint32_t)(z >> 32) / 2147483648.0f;
  return re + im * I;
}

static inline int test_report(const char *name)
{
  if (test_failures)
    fprintf(stderr, "%s: %d check(s) failed\n", name, test_failures);
  else
    printf("%s: all checks passed\n", name);
  return test_failures ? 1 : 0;
}

#endif
