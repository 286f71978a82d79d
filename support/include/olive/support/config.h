/* SPDX-License-Identifier: Apache-2.0 */
/* Schema-driven configuration: YAML files plus command-line overrides of any key.
 *
 * An application describes its configuration as a table of olive_cfg_key_t (dotted key,
 * type, offset into its config struct, allowed range, default). olive_cfg_load() fills
 * the struct in this order, later winning:
 *     1. the defaults in the table,
 *     2. each YAML file, in the order given,
 *     3. each override "key=value" (from --key=value or --key value on the command line).
 * Any unknown key, wrong type or out-of-range value stops the load with one message that
 * names the file (or "command line"), the key, the value and what is allowed; apps exit
 * with status 2 on it (olive_cfg_load_or_exit()). Layers never see files: they receive
 * the validated struct. Parsing uses libyaml. */
#ifndef OLIVE_SUPPORT_CONFIG_H
#define OLIVE_SUPPORT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

#define OLIVE_CFG_EXIT_STATUS 2

typedef enum olive_cfg_type {
  OLIVE_CFG_BOOL,   /* bool; true/false, yes/no, on/off, 1/0 */
  OLIVE_CFG_INT,    /* int64_t field; range [min, max] */
  OLIVE_CFG_UINT32, /* uint32_t field; range [min, max] */
  OLIVE_CFG_DOUBLE, /* double field; range [min, max]; accepts 23.04e6 */
  OLIVE_CFG_STRING, /* char[size] field; at most size-1 characters */
  OLIVE_CFG_ENUM,   /* int field holding the index into names[] */
} olive_cfg_type_t;

typedef struct olive_cfg_key {
  const char *key; /* dotted path, e.g. "cell_cfg.dl_arfcn" */
  olive_cfg_type_t type;
  size_t offset;            /* offsetof(app_cfg_t, field) */
  size_t size;              /* sizeof the field (strings: buffer size) */
  double min, max;          /* numeric range, inclusive */
  const char *const *names; /* ENUM: NULL-terminated list of allowed names */
  const char *def;          /* default as text, parsed like a value; NULL = zero */
  const char *help;         /* one line for --help */
} olive_cfg_key_t;

/* Helpers to write schema rows compactly. */
#define OLIVE_CFG_ROW_INT(k, s, f, lo, hi, d, h)                                                   \
  {                                                                                                \
    (k), OLIVE_CFG_INT, offsetof(s, f), sizeof(((s *)0)->f), (lo), (hi), NULL, (d), (h)            \
  }
#define OLIVE_CFG_ROW_U32(k, s, f, lo, hi, d, h)                                                   \
  {                                                                                                \
    (k), OLIVE_CFG_UINT32, offsetof(s, f), sizeof(((s *)0)->f), (lo), (hi), NULL, (d), (h)         \
  }
#define OLIVE_CFG_ROW_DBL(k, s, f, lo, hi, d, h)                                                   \
  {                                                                                                \
    (k), OLIVE_CFG_DOUBLE, offsetof(s, f), sizeof(((s *)0)->f), (lo), (hi), NULL, (d), (h)         \
  }
#define OLIVE_CFG_ROW_BOOL(k, s, f, d, h)                                                          \
  {                                                                                                \
    (k), OLIVE_CFG_BOOL, offsetof(s, f), sizeof(((s *)0)->f), 0, 1, NULL, (d), (h)                 \
  }
#define OLIVE_CFG_ROW_STR(k, s, f, d, h)                                                           \
  {                                                                                                \
    (k), OLIVE_CFG_STRING, offsetof(s, f), sizeof(((s *)0)->f), 0, 0, NULL, (d), (h)               \
  }
#define OLIVE_CFG_ROW_ENUM(k, s, f, names, d, h)                                                   \
  {                                                                                                \
    (k), OLIVE_CFG_ENUM, offsetof(s, f), sizeof(((s *)0)->f), 0, 0, (names), (d), (h)              \
  }

typedef struct olive_cfg_schema {
  const olive_cfg_key_t *keys;
  size_t nof_keys;
} olive_cfg_schema_t;

typedef struct olive_cfg_error {
  char msg[512]; /* "configs/a.yaml: key 'cell_cfg.pci': value '1008' is out of range [0, 1007]" */
} olive_cfg_error_t;

/* Applies defaults, then files, then overrides ("key=value"). 0 on success, otherwise
 * OLIVE_ECONFIG with err->msg set (or OLIVE_EINVAL for a broken schema). */
OLIVE_API int olive_cfg_load(const olive_cfg_schema_t *schema, void *out, const char *const *files,
                             size_t nof_files, const char *const *overrides, size_t nof_overrides,
                             olive_cfg_error_t *err);

/* Sets one key from text (source names the origin for messages, e.g. "command line"). */
OLIVE_API int olive_cfg_set(const olive_cfg_schema_t *schema, void *out, const char *key,
                            const char *value, const char *source, olive_cfg_error_t *err);

/* Parses a typical command line: "-c FILE" / "--config FILE" (repeatable),
 * "--key=value" or "--key value" for any schema key, "--help" (prints the schema and
 * exits 0), and the app's own flags, which it lists in `app_flags` (NULL-terminated,
 * e.g. {"--duration", NULL}; each takes one value and is returned in app_values[] in the
 * same order, NULL when absent). On any error prints the message to stderr and exits
 * with OLIVE_CFG_EXIT_STATUS. `default_file` is loaded when no -c is given (NULL: none). */
OLIVE_API void olive_cfg_load_or_exit(const olive_cfg_schema_t *schema, void *out, int argc,
                                      char **argv, const char *default_file,
                                      const char *const *app_flags, const char **app_values);

/* Writes "key: value" lines of the effective configuration (for logs and --dump). */
OLIVE_API void olive_cfg_dump(const olive_cfg_schema_t *schema, const void *cfg, void *file);

#endif
