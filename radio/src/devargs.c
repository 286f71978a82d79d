/* SPDX-License-Identifier: Apache-2.0 */
/* device_args parser (see olive/radio/devargs.h). This is outside input (config files,
 * command lines): every malformed form is rejected with a message, never truncated. */
#include "olive/radio/devargs.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "olive/support/error.h"

static void trim(const char **b, const char **e)
{
  while (*b < *e && isspace((unsigned char)**b))
    (*b)++;
  while (*e > *b && isspace((unsigned char)(*e)[-1]))
    (*e)--;
}

static int fail(olive_devargs_t *a, const char *what, const char *b, size_t n)
{
  snprintf(a->err, sizeof(a->err), "%s in '%.*s'", what, (int)(n > 64 ? 64 : n), b);
  return OLIVE_ECONFIG;
}

static int add_item(olive_devargs_t *a, const char *b, const char *e)
{
  const char *eq = memchr(b, '=', (size_t)(e - b));
  const char *kb = b, *ke = eq ? eq : e;
  const char *vb = eq ? eq + 1 : e, *ve = e;
  trim(&kb, &ke);
  trim(&vb, &ve);
  size_t kl = (size_t)(ke - kb), vl = (size_t)(ve - vb);
  if (kl == 0)
    return fail(a, "empty key", b, (size_t)(e - b));
  if (kl >= OLIVE_DEVARGS_KEY_LEN || vl >= OLIVE_DEVARGS_VAL_LEN)
    return fail(a, "key or value too long", b, (size_t)(e - b));
  for (size_t i = 0; i < kl; i++)
    if (!isalnum((unsigned char)kb[i]) && kb[i] != '_')
      return fail(a, "bad character in key", b, (size_t)(e - b));
  if (a->n == OLIVE_DEVARGS_MAX)
    return fail(a, "too many keys", b, (size_t)(e - b));
  olive_devargs_kv_t *kv = &a->kv[a->n];
  memcpy(kv->key, kb, kl);
  kv->key[kl] = '\0';
  memcpy(kv->val, vb, vl);
  kv->val[vl] = '\0';
  kv->used = false;
  for (unsigned i = 0; i < a->n; i++)
    if (strcmp(a->kv[i].key, kv->key) == 0)
      return fail(a, "duplicate key", b, (size_t)(e - b));
  a->n++;
  return OLIVE_OK;
}

int olive_devargs_parse(olive_devargs_t *a, const char *s)
{
  if (!a)
    return OLIVE_EINVAL;
  memset(a, 0, sizeof(*a));
  if (!s)
    return OLIVE_OK;
  const char *p = s;
  while (*p) {
    const char *e = strchr(p, ',');
    if (!e)
      e = p + strlen(p);
    const char *tb = p, *te = e;
    trim(&tb, &te);
    if (tb == te) {
      if (*e == '\0' && p != s)
        break; /* a trailing comma is tolerated */
      return fail(a, "empty entry", s, strlen(s));
    }
    int ret = add_item(a, p, e);
    if (ret < 0)
      return ret;
    p = *e ? e + 1 : e;
  }
  return OLIVE_OK;
}

const char *olive_devargs_get(olive_devargs_t *a, const char *key)
{
  if (!a || !key)
    return NULL;
  for (unsigned i = 0; i < a->n; i++) {
    if (strcmp(a->kv[i].key, key) == 0) {
      a->kv[i].used = true;
      return a->kv[i].val;
    }
  }
  return NULL;
}

static int bad_value(olive_devargs_t *a, const char *key, const char *v, const char *want)
{
  snprintf(a->err, sizeof(a->err), "%.31s='%.64s': expected %.96s", key, v, want);
  return OLIVE_ECONFIG;
}

int olive_devargs_get_double(olive_devargs_t *a, const char *key, double def, double min,
                             double max, double *out)
{
  const char *v = olive_devargs_get(a, key);
  *out = def;
  if (!v)
    return OLIVE_OK;
  char *end = NULL;
  errno = 0;
  double d = strtod(v, &end);
  if (*v == '\0' || *end != '\0' || errno != 0 || !(d >= min && d <= max)) {
    char want[96];
    snprintf(want, sizeof(want), "a number in [%g, %g]", min, max);
    return bad_value(a, key, v, want);
  }
  *out = d;
  return OLIVE_OK;
}

int olive_devargs_get_int(olive_devargs_t *a, const char *key, int64_t def, int64_t min,
                          int64_t max, int64_t *out)
{
  const char *v = olive_devargs_get(a, key);
  *out = def;
  if (!v)
    return OLIVE_OK;
  char *end = NULL;
  errno = 0;
  long long x = strtoll(v, &end, 10);
  if (*v == '\0' || *end != '\0' || errno != 0 || x < min || x > max) {
    char want[96];
    snprintf(want, sizeof(want), "an integer in [%" PRId64 ", %" PRId64 "]", min, max);
    return bad_value(a, key, v, want);
  }
  *out = x;
  return OLIVE_OK;
}

int olive_devargs_get_bool(olive_devargs_t *a, const char *key, bool def, bool *out)
{
  static const char *const yes[] = {"", "1", "true", "yes", "on"};
  static const char *const no[] = {"0", "false", "no", "off"};
  const char *v = olive_devargs_get(a, key);
  *out = def;
  if (!v)
    return OLIVE_OK;
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
    if (strcasecmp(v, yes[i]) == 0) {
      *out = true;
      return OLIVE_OK;
    }
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
    if (strcasecmp(v, no[i]) == 0) {
      *out = false;
      return OLIVE_OK;
    }
  return bad_value(a, key, v, "true/false");
}

const char *olive_devargs_unused(const olive_devargs_t *a)
{
  for (unsigned i = 0; a && i < a->n; i++)
    if (!a->kv[i].used)
      return a->kv[i].key;
  return NULL;
}
