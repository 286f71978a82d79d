/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark helpers. A benchmark is its own executable; for each case it prints one line
 *
 *   bench=<name> <key>=<value> ... value=<number> unit=<unit>
 *
 * (value= and unit= always last) so tools/run_benchmarks can collect the figures.
 * Every benchmark accepts --smoke (one short repetition: CTest runs that to keep it
 * building and running) and --reps N (repetitions whose median is reported). */
#ifndef OLIVE_SUPPORT_BENCH_H
#define OLIVE_SUPPORT_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef struct olive_bench {
  bool smoke;             /* --smoke given */
  unsigned reps;          /* repetitions to take the median over */
  const char *isa_filter; /* --isa NAME: only this variant; NULL = all the CPU has */
} olive_bench_t;

/* Parses --smoke, --reps N and --isa NAME; exits with status 2 on anything else. */
OLIVE_API void olive_bench_parse(olive_bench_t *b, int argc, char **argv, unsigned default_reps);

/* True when variant isa should run: the CPU supports it and --isa did not exclude it. */
OLIVE_API bool olive_bench_want_isa(const olive_bench_t *b, int isa);

/* Median of n values (sorts them in place). */
OLIVE_API double olive_bench_median(double *v, unsigned n);

/* Prints one result line: "bench=<name> <keys> value=<value> unit=<unit>". `keys` is a
 * preformatted "k=v k=v" string (may be empty). Flushes stdout. */
OLIVE_API void olive_bench_report(const char *name, const char *keys, double value,
                                  const char *unit);

/* Keeps the compiler from discarding a computed value. */
static inline void olive_bench_keep(const void *p)
{
  __asm__ volatile("" : : "r"(p) : "memory");
}

#endif
