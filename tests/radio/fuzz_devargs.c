/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for the device_args parser (config files and command lines). An accepted
 * string must give keys of [A-Za-z0-9_] only, no duplicates, and typed getters that
 * never crash. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "olive/radio/devargs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char s[2048];
  if (size >= sizeof(s))
    size = sizeof(s) - 1;
  memcpy(s, data, size);
  s[size] = '\0';
  olive_devargs_t a;
  if (olive_devargs_parse(&a, s) != 0)
    return 0;
  for (unsigned i = 0; i < a.n; i++) {
    if (!a.kv[i].key[0])
      abort();
    for (const char *k = a.kv[i].key; *k; k++)
      if (!isalnum((unsigned char)*k) && *k != '_')
        abort();
    for (unsigned j = 0; j < i; j++)
      if (!strcmp(a.kv[i].key, a.kv[j].key))
        abort();
    double d;
    int64_t v;
    bool b;
    olive_devargs_get_double(&a, a.kv[i].key, 0, -1e300, 1e300, &d);
    olive_devargs_get_int(&a, a.kv[i].key, 0, INT64_MIN, INT64_MAX, &v);
    olive_devargs_get_bool(&a, a.kv[i].key, false, &b);
  }
  if (olive_devargs_unused(&a) != NULL)
    abort();
  return 0;
}
