/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers for plain-main self-checking tests (cmocka tests need none of this):
 * a CHECK macro that counts failures and says where, a fixed-seed random generator with
 * uniform, bit and Gaussian draws, and the closing line.
 * CHECK's message, if any, must start with a string literal. The ": " is glued to it so
 * the format is never empty (gcc -Wall -Werror rejects a zero-length format string).
 *
 *   int main(void) {
 *     olive_test_rng_t r = OLIVE_TEST_RNG(42);
 *     CHECK(phy_foo(...) == 0, "foo failed for n=%d", n);
 *     return olive_test_done();
 *   }
 */
#ifndef OLIVE_TEST_H
#define OLIVE_TEST_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>

static int olive_test_checks, olive_test_failures;

#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    olive_test_checks++;                                                                           \
    if (!(cond)) {                                                                                 \
      olive_test_failures++;                                                                       \
      fprintf(stderr, "%s:%d: CHECK(%s) failed", __FILE__, __LINE__, #cond);                       \
      fprintf(stderr, ": " __VA_ARGS__);                                                           \
      fprintf(stderr, "\n");                                                                       \
    }                                                                                              \
  } while (0)

/* Prints "N passed, N failed" (CTest and CI read it) and returns the exit status. */
static inline int olive_test_done(void)
{
  printf("%d passed, %d failed\n", olive_test_checks - olive_test_failures, olive_test_failures);
  return olive_test_failures ? 1 : 0;
}

/* xorshift64*: fast, deterministic for a given seed. */
typedef struct olive_test_rng {
  uint64_t s;
} olive_test_rng_t;

#define OLIVE_TEST_RNG(seed) ((olive_test_rng_t){(seed) ? (seed) : 1})

static inline uint64_t olive_test_u64(olive_test_rng_t *r)
{
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return r->s * 2685821657736338717ull;
}

/* Uniform integer in [0, n). */
static inline uint32_t olive_test_below(olive_test_rng_t *r, uint32_t n)
{
  return (uint32_t)((olive_test_u64(r) >> 32) * n >> 32);
}

/* Uniform double in (0, 1). */
static inline double olive_test_unit(olive_test_rng_t *r)
{
  return ((double)(olive_test_u64(r) >> 11) + 0.5) / 9007199254740992.0;
}

/* Standard normal draw (Box-Muller). */
static inline double olive_test_gauss(olive_test_rng_t *r)
{
  return sqrt(-2.0 * log(olive_test_unit(r))) * cos(6.283185307179586 * olive_test_unit(r));
}

#endif
