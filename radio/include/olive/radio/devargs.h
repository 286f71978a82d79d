/* SPDX-License-Identifier: Apache-2.0 */
/* device_args parser shared by the radio drivers: "key=value,key=value" as srsRAN and
 * UHD write them. Keys are [A-Za-z0-9_]; values run to the next comma (no escaping, as
 * in srsRAN's parser, so URLs such as tcp://127.0.0.1:2000 need none). Spaces around
 * keys and values are trimmed. A key without '=' is a flag with value "". */
#ifndef OLIVE_RADIO_DEVARGS_H
#define OLIVE_RADIO_DEVARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

#define OLIVE_DEVARGS_MAX     32
#define OLIVE_DEVARGS_KEY_LEN 32
#define OLIVE_DEVARGS_VAL_LEN 256

typedef struct olive_devargs_kv {
  char key[OLIVE_DEVARGS_KEY_LEN];
  char val[OLIVE_DEVARGS_VAL_LEN];
  bool used; /* set by the getters, so unknown keys can be reported */
} olive_devargs_kv_t;

typedef struct olive_devargs {
  olive_devargs_kv_t kv[OLIVE_DEVARGS_MAX];
  unsigned n;
  char err[256]; /* why parsing or a getter failed */
} olive_devargs_t;

/* Parses s (NULL or "" gives an empty set). OLIVE_ECONFIG with a->err set on: empty key,
 * a key with characters outside [A-Za-z0-9_], a key or value too long, a duplicate key,
 * more than OLIVE_DEVARGS_MAX entries. */
OLIVE_API int olive_devargs_parse(olive_devargs_t *a, const char *s);

/* Value of key, or NULL when absent. Marks the key used. */
OLIVE_API const char *olive_devargs_get(olive_devargs_t *a, const char *key);

/* Typed getters: *out = default when absent; 0, or OLIVE_ECONFIG (a->err set) when the
 * value does not parse completely or is outside [min, max]. */
OLIVE_API int olive_devargs_get_double(olive_devargs_t *a, const char *key, double def, double min,
                                       double max, double *out);
OLIVE_API int olive_devargs_get_int(olive_devargs_t *a, const char *key, int64_t def, int64_t min,
                                    int64_t max, int64_t *out);
/* true/false, yes/no, on/off, 1/0; a bare flag ("key") is true. */
OLIVE_API int olive_devargs_get_bool(olive_devargs_t *a, const char *key, bool def, bool *out);

/* First key not marked used, or NULL. Drivers call it last to reject typos. */
OLIVE_API const char *olive_devargs_unused(const olive_devargs_t *a);

#endif
