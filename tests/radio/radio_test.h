/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the radio tests (CHECK and the closing line come from olive_test.h):
 * a REQUIRE that stops the test when a precondition fails, a deterministic
 * sample pattern indexed by absolute sample time, TCP endpoints per test. */
#ifndef OLIVE_TESTS_RADIO_TEST_H
#define OLIVE_TESTS_RADIO_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/radio/radio.h"
#include "olive_test.h"

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

/* Closing line with the test's name: "<name>: N passed, N failed"; the exit status. */
static inline int test_report(const char *name)
{
  printf("%s: ", name);
  return olive_test_done();
}

#endif
