/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/support/config.h"
#include "olive/support/cpu.h"

static void usage_exit(const char *prog, const char *bad)
{
  fprintf(stderr,
          "%s: unknown or incomplete argument '%s'\nusage: %s [--smoke] [--reps N] [--isa "
          "generic|avx2|avx512]\n",
          prog, bad, prog);
  exit(OLIVE_CFG_EXIT_STATUS);
}

void olive_bench_parse(olive_bench_t *b, int argc, char **argv, unsigned default_reps)
{
  b->smoke = false;
  b->reps = default_reps ? default_reps : 1;
  b->isa_filter = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--smoke") == 0) {
      b->smoke = true;
    } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      char *end;
      unsigned long v = strtoul(argv[++i], &end, 10);
      if (*end != '\0' || v == 0 || v > 1000000)
        usage_exit(argv[0], argv[i]);
      b->reps = (unsigned)v;
    } else if (strcmp(argv[i], "--isa") == 0 && i + 1 < argc) {
      b->isa_filter = argv[++i];
    } else {
      usage_exit(argv[0], argv[i]);
    }
  }
  if (b->smoke)
    b->reps = 1;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double olive_bench_median(double *v, unsigned n)
{
  if (n == 0)
    return 0.0;
  qsort(v, n, sizeof(*v), cmp_double);
  return (n & 1) ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void olive_bench_report(const char *name, const char *keys, double value, const char *unit)
{
  printf("bench=%s%s%s value=%.6g unit=%s\n", name, (keys && keys[0]) ? " " : "", keys ? keys : "",
         value, unit);
  fflush(stdout);
}

bool olive_bench_want_isa(const olive_bench_t *b, int isa)
{
  if (!olive_cpu_supports((olive_isa_t)isa))
    return false;
  return b->isa_filter == NULL || strcmp(b->isa_filter, olive_isa_name((olive_isa_t)isa)) == 0;
}
