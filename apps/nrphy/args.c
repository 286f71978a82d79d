/* SPDX-License-Identifier: Apache-2.0 */
/* Command-line option lookup with range checks; every rejection names the option, the
 * value and what is allowed, and maps to exit status 2. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"

int nrphy_usage_error(const nrphy_args_t *a, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "nrphy %s: ", a->cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, " (see nrphy %s --help)\n", a->cmd);
  return NRPHY_EXIT_USAGE;
}

static const char *opt_find(nrphy_args_t *a, const char *key)
{
  for (unsigned i = 0; i < a->nof_opt; i++) {
    if (strcmp(a->opt[i].key, key) == 0) {
      a->opt[i].used = true;
      return a->opt[i].val;
    }
  }
  return NULL;
}

int nrphy_opt_uint(nrphy_args_t *a, const char *key, unsigned def, unsigned min, unsigned max,
                   unsigned *v)
{
  const char *s = opt_find(a, key);
  if (s == NULL) {
    *v = def;
    return 0;
  }
  char *end;
  errno = 0;
  unsigned long x = strtoul(s, &end, 10);
  if (*s == '\0' || *s == '-' || *end != '\0' || errno != 0 || x < min || x > max) {
    return nrphy_usage_error(a, "--%s: value '%s' is out of range; allowed: an integer in [%u, %u]",
                             key, s, min, max);
  }
  *v = (unsigned)x;
  return 0;
}

int nrphy_opt_double(nrphy_args_t *a, const char *key, double def, double min, double max,
                     double *v)
{
  const char *s = opt_find(a, key);
  if (s == NULL) {
    *v = def;
    return 0;
  }
  char *end;
  double x = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || !isfinite(x) || x < min || x > max) {
    return nrphy_usage_error(a, "--%s: value '%s' is out of range; allowed: a number in [%g, %g]",
                             key, s, min, max);
  }
  *v = x;
  return 0;
}

int nrphy_opt_enum(nrphy_args_t *a, const char *key, const char *const *names, unsigned n,
                   unsigned def, unsigned *v)
{
  const char *s = opt_find(a, key);
  if (s == NULL) {
    *v = def;
    return 0;
  }
  for (unsigned i = 0; i < n; i++) {
    if (strcmp(s, names[i]) == 0) {
      *v = i;
      return 0;
    }
  }
  char list[256] = "";
  for (unsigned i = 0; i < n; i++) {
    strncat(list, names[i], sizeof(list) - strlen(list) - 2);
    if (i + 1 < n) {
      strncat(list, "|", sizeof(list) - strlen(list) - 1);
    }
  }
  return nrphy_usage_error(a, "--%s: value '%s' is not allowed; allowed: %s", key, s, list);
}

int nrphy_args_unused(const nrphy_args_t *a)
{
  for (unsigned i = 0; i < a->nof_opt; i++) {
    if (!a->opt[i].used) {
      return nrphy_usage_error(a, "unknown option --%s", a->opt[i].key);
    }
  }
  return 0;
}

const char *nrphy_opt_str(nrphy_args_t *a, const char *key, const char *def)
{
  const char *s = opt_find(a, key);
  return s != NULL ? s : def;
}

int nrphy_args_finish(const nrphy_args_t *a, bool need_out)
{
  if (nrphy_args_unused(a) != 0) {
    return NRPHY_EXIT_USAGE;
  }
  if (a->in == NULL) {
    return nrphy_usage_error(a, "missing input file -i");
  }
  if (need_out && a->out == NULL) {
    return nrphy_usage_error(a, "missing output file -o");
  }
  return 0;
}
