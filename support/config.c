/* SPDX-License-Identifier: Apache-2.0 */
/* Schema-driven configuration loader (see config.h). Every message has the form
 *   <source>: <key>: <problem>; allowed: <what>
 * where source is "file:line", "command line" or "default". */
#include "olive/support/config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "olive/support/error.h"

#define MAX_FILES     8
#define MAX_OVERRIDES 64
#define KEY_MAX       128

static int fail(olive_cfg_error_t *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(olive_cfg_error_t *err, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
  va_end(ap);
  return OLIVE_ECONFIG;
}

static const olive_cfg_key_t *find_key(const olive_cfg_schema_t *s, const char *key)
{
  for (size_t i = 0; i < s->nof_keys; i++) {
    if (strcmp(s->keys[i].key, key) == 0)
      return &s->keys[i];
  }
  return NULL;
}

/* Edit distance, for "did you mean" on unknown keys. */
static size_t edit_distance(const char *a, const char *b)
{
  size_t lb = strlen(b);
  if (lb >= KEY_MAX)
    return (size_t)-1;
  size_t row[KEY_MAX + 1];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; a[i - 1] != '\0'; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t sub = diag + (a[i - 1] != b[j - 1]);
      size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
      row[j] = sub < best ? sub : best;
      diag = up;
    }
  }
  return row[lb];
}

static int unknown_key(const olive_cfg_schema_t *s, const char *key, const char *source,
                       olive_cfg_error_t *err)
{
  const char *best = NULL;
  size_t best_d = 4; /* suggest only close matches */
  for (size_t i = 0; i < s->nof_keys; i++) {
    size_t d = edit_distance(key, s->keys[i].key);
    if (d < best_d) {
      best_d = d;
      best = s->keys[i].key;
    }
  }
  if (best != NULL)
    return fail(
        err,
        "%s: %s: unknown key; allowed: one of the %zu keys listed by --help (did you mean '%s'?)",
        source, key, s->nof_keys, best);
  return fail(err, "%s: %s: unknown key; allowed: one of the %zu keys listed by --help", source,
              key, s->nof_keys);
}

static void describe_allowed(const olive_cfg_key_t *k, char *buf, size_t n)
{
  switch (k->type) {
  case OLIVE_CFG_BOOL:
    snprintf(buf, n, "true or false");
    break;
  case OLIVE_CFG_INT:
  case OLIVE_CFG_UINT32:
    snprintf(buf, n, "an integer in [%.0f, %.0f]", k->min, k->max);
    break;
  case OLIVE_CFG_DOUBLE:
    snprintf(buf, n, "a number in [%g, %g]", k->min, k->max);
    break;
  case OLIVE_CFG_STRING:
    snprintf(buf, n, "a string of at most %zu characters", k->size - 1);
    break;
  case OLIVE_CFG_ENUM: {
    size_t used = (size_t)snprintf(buf, n, "one of");
    for (const char *const *e = k->names; *e != NULL && used < n; e++)
      used += (size_t)snprintf(buf + used, n - used, "%s %s", e == k->names ? "" : ",", *e);
    break;
  }
  }
}

static int bad_value(const olive_cfg_key_t *k, const char *value, const char *problem,
                     const char *source, olive_cfg_error_t *err)
{
  char allowed[256];
  describe_allowed(k, allowed, sizeof(allowed));
  return fail(err, "%s: %s: value '%s' %s; allowed: %s", source, k->key, value, problem, allowed);
}

static int parse_bool(const char *v, bool *out)
{
  static const char *const yes[] = {"true", "yes", "on", "1"};
  static const char *const no[] = {"false", "no", "off", "0"};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(yes); i++) {
    if (strcasecmp(v, yes[i]) == 0) {
      *out = true;
      return 0;
    }
    if (strcasecmp(v, no[i]) == 0) {
      *out = false;
      return 0;
    }
  }
  return -1;
}

static int set_number(const olive_cfg_key_t *k, void *field, const char *value, const char *source,
                      olive_cfg_error_t *err)
{
  char *end;
  errno = 0;
  if (k->type == OLIVE_CFG_DOUBLE) {
    double d = strtod(value, &end);
    if (end == value || *end != '\0' || errno != 0 || !isfinite(d))
      return bad_value(k, value, "is not a number", source, err);
    if (d < k->min || d > k->max)
      return bad_value(k, value, "is out of range", source, err);
    *(double *)field = d;
    return 0;
  }
  long long v = strtoll(value, &end, 0);
  if (end == value || *end != '\0' || errno != 0)
    return bad_value(k, value, "is not an integer", source, err);
  if ((double)v < k->min || (double)v > k->max)
    return bad_value(k, value, "is out of range", source, err);
  if (k->type == OLIVE_CFG_UINT32)
    *(uint32_t *)field = (uint32_t)v;
  else
    *(int64_t *)field = v;
  return 0;
}

static int check_field_size(const olive_cfg_key_t *k)
{
  switch (k->type) {
  case OLIVE_CFG_BOOL:
    return k->size == sizeof(bool);
  case OLIVE_CFG_INT:
    return k->size == sizeof(int64_t);
  case OLIVE_CFG_UINT32:
    return k->size == sizeof(uint32_t);
  case OLIVE_CFG_DOUBLE:
    return k->size == sizeof(double);
  case OLIVE_CFG_STRING:
    return k->size >= 1;
  case OLIVE_CFG_ENUM:
    return k->size == sizeof(int) && k->names != NULL;
  }
  return 0;
}

int olive_cfg_set(const olive_cfg_schema_t *schema, void *out, const char *key, const char *value,
                  const char *source, olive_cfg_error_t *err)
{
  const olive_cfg_key_t *k = find_key(schema, key);
  if (k == NULL)
    return unknown_key(schema, key, source, err);
  if (!check_field_size(k)) {
    fail(err, "schema: %s: field size or type does not match its declaration", key);
    return OLIVE_EINVAL;
  }
  void *field = (uint8_t *)out + k->offset;
  switch (k->type) {
  case OLIVE_CFG_BOOL: {
    bool b;
    if (parse_bool(value, &b) < 0)
      return bad_value(k, value, "is not a boolean", source, err);
    *(bool *)field = b;
    return 0;
  }
  case OLIVE_CFG_INT:
  case OLIVE_CFG_UINT32:
  case OLIVE_CFG_DOUBLE:
    return set_number(k, field, value, source, err);
  case OLIVE_CFG_STRING:
    if (strlen(value) >= k->size)
      return bad_value(k, value, "is too long", source, err);
    memcpy(field, value, strlen(value) + 1);
    return 0;
  case OLIVE_CFG_ENUM:
    for (int i = 0; k->names[i] != NULL; i++) {
      if (strcmp(k->names[i], value) == 0) {
        *(int *)field = i;
        return 0;
      }
    }
    return bad_value(k, value, "is not a known name", source, err);
  }
  return OLIVE_EINVAL;
}

static const char *node_kind(const yaml_node_t *n)
{
  return n->type == YAML_MAPPING_NODE    ? "a mapping"
         : n->type == YAML_SEQUENCE_NODE ? "a list"
                                         : "a value";
}

/* Walks a mapping node, setting "<prefix>.<key>" for every scalar leaf. */
static int walk(const olive_cfg_schema_t *s, void *out, yaml_document_t *doc, yaml_node_t *map,
                const char *prefix, const char *path, olive_cfg_error_t *err)
{
  for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
       pr++) {
    yaml_node_t *kn = yaml_document_get_node(doc, pr->key);
    yaml_node_t *vn = yaml_document_get_node(doc, pr->value);
    char source[512];
    snprintf(source, sizeof(source), "%s:%zu", path, kn ? kn->start_mark.line + 1 : 0);
    if (kn == NULL || vn == NULL || kn->type != YAML_SCALAR_NODE)
      return fail(err, "%s: keys must be plain names", source);
    char key[KEY_MAX];
    int n = snprintf(key, sizeof(key), "%s%s%s", prefix, prefix[0] ? "." : "",
                     (const char *)kn->data.scalar.value);
    if (n < 0 || (size_t)n >= sizeof(key))
      return fail(err, "%s: key too long", source);
    int rc;
    if (vn->type == YAML_MAPPING_NODE) {
      const olive_cfg_key_t *leaf = find_key(s, key);
      if (leaf != NULL) {
        char allowed[256];
        describe_allowed(leaf, allowed, sizeof(allowed));
        return fail(err, "%s: %s: got a mapping; allowed: %s", source, key, allowed);
      }
      rc = walk(s, out, doc, vn, key, path, err);
    } else if (vn->type == YAML_SCALAR_NODE) {
      rc = olive_cfg_set(s, out, key, (const char *)vn->data.scalar.value, source, err);
    } else {
      return fail(err, "%s: %s: got %s; allowed: a single value or a mapping", source, key,
                  node_kind(vn));
    }
    if (rc < 0)
      return rc;
  }
  return 0;
}

static int load_file(const olive_cfg_schema_t *s, void *out, const char *path,
                     olive_cfg_error_t *err)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return fail(err, "%s: cannot open: %s", path, strerror(errno));
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  int rc = 0;
  if (!yaml_parser_load(&parser, &doc)) {
    rc = fail(err, "%s:%zu: YAML syntax error: %s", path, parser.problem_mark.line + 1,
              parser.problem ? parser.problem : "unknown");
  } else {
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root != NULL && root->type == YAML_MAPPING_NODE)
      rc = walk(s, out, &doc, root, "", path, err);
    else if (root != NULL && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
      rc = fail(err, "%s:%zu: the top level must be a mapping of keys, got %s", path,
                root->start_mark.line + 1, node_kind(root));
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  fclose(f);
  return rc;
}

/* The text a key starts from when its schema row has no default. */
static const char *default_text(const olive_cfg_key_t *k)
{
  if (k->def != NULL)
    return k->def;
  if (k->type == OLIVE_CFG_ENUM)
    return k->names != NULL ? k->names[0] : "";
  return k->type == OLIVE_CFG_STRING ? "" : "0";
}

int olive_cfg_load(const olive_cfg_schema_t *schema, void *out, const char *const *files,
                   size_t nof_files, const char *const *overrides, size_t nof_overrides,
                   olive_cfg_error_t *err)
{
  err->msg[0] = '\0';
  for (size_t i = 0; i < schema->nof_keys; i++) {
    const olive_cfg_key_t *k = &schema->keys[i];
    /* A bad default is a bug in the schema, reported with source "default". */
    if (olive_cfg_set(schema, out, k->key, default_text(k), "default", err) < 0)
      return OLIVE_EINVAL;
  }
  for (size_t i = 0; i < nof_files; i++) {
    int rc = load_file(schema, out, files[i], err);
    if (rc < 0)
      return rc;
  }
  for (size_t i = 0; i < nof_overrides; i++) {
    const char *eq = strchr(overrides[i], '=');
    if (eq == NULL || eq == overrides[i])
      return fail(err, "command line: '%s': expected key=value", overrides[i]);
    char key[KEY_MAX];
    size_t kl = (size_t)(eq - overrides[i]);
    if (kl >= sizeof(key))
      return fail(err, "command line: key too long");
    memcpy(key, overrides[i], kl);
    key[kl] = '\0';
    int rc = olive_cfg_set(schema, out, key, eq + 1, "command line", err);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static void print_help(const olive_cfg_schema_t *s, const char *prog, const char *const *app_flags)
{
  printf("usage: %s [-c FILE.yaml]... [--key=value]...", prog);
  for (size_t i = 0; app_flags != NULL && app_flags[i] != NULL; i++)
    printf(" [%s VALUE]", app_flags[i]);
  printf("\n\nlater sources win: defaults < files (in order) < --key=value\n\nkeys:\n");
  for (size_t i = 0; i < s->nof_keys; i++) {
    char allowed[256];
    describe_allowed(&s->keys[i], allowed, sizeof(allowed));
    printf("  %-34s %s (%s; default %s)\n", s->keys[i].key, s->keys[i].help ? s->keys[i].help : "",
           allowed, s->keys[i].def ? s->keys[i].def : "-");
  }
}

static void die(const char *msg)
{
  fprintf(stderr, "error: %s\n", msg);
  exit(OLIVE_CFG_EXIT_STATUS);
}

void olive_cfg_load_or_exit(const olive_cfg_schema_t *schema, void *out, int argc, char **argv,
                            const char *default_file, const char *const *app_flags,
                            const char **app_values)
{
  const char *files[MAX_FILES];
  const char *ovr[MAX_OVERRIDES];
  static char ovr_buf[MAX_OVERRIDES][512];
  size_t nf = 0, no = 0;
  char msg[600];
  for (size_t j = 0; app_flags != NULL && app_flags[j] != NULL; j++)
    app_values[j] = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      print_help(schema, argv[0], app_flags);
      exit(0);
    }
    if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) {
      if (i + 1 >= argc)
        die("command line: -c needs a file name");
      if (nf == MAX_FILES)
        die("command line: too many -c files");
      files[nf++] = argv[++i];
      continue;
    }
    bool matched = false;
    for (size_t j = 0; app_flags != NULL && app_flags[j] != NULL; j++) {
      if (strcmp(a, app_flags[j]) == 0) {
        if (i + 1 >= argc) {
          snprintf(msg, sizeof(msg), "command line: %s needs a value", a);
          die(msg);
        }
        app_values[j] = argv[++i];
        matched = true;
      }
    }
    if (matched)
      continue;
    if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
      snprintf(msg, sizeof(msg),
               "command line: unexpected argument '%s'; allowed: -c FILE, --key=value, --help", a);
      die(msg);
    }
    if (no == MAX_OVERRIDES)
      die("command line: too many overrides");
    if (strchr(a, '=') != NULL)
      snprintf(ovr_buf[no], sizeof(ovr_buf[no]), "%s", a + 2);
    else if (i + 1 < argc)
      snprintf(ovr_buf[no], sizeof(ovr_buf[no]), "%s=%s", a + 2, argv[++i]);
    else {
      snprintf(msg, sizeof(msg),
               "command line: %s: missing value; allowed: --key=value or --key value", a + 2);
      die(msg);
    }
    ovr[no] = ovr_buf[no];
    no++;
  }
  if (nf == 0 && default_file != NULL)
    files[nf++] = default_file;
  olive_cfg_error_t err;
  if (olive_cfg_load(schema, out, files, nf, ovr, no, &err) < 0)
    die(err.msg);
}

void olive_cfg_dump(const olive_cfg_schema_t *schema, const void *cfg, void *file)
{
  FILE *f = file;
  for (size_t i = 0; i < schema->nof_keys; i++) {
    const olive_cfg_key_t *k = &schema->keys[i];
    const void *field = (const uint8_t *)cfg + k->offset;
    fprintf(f, "%s: ", k->key);
    switch (k->type) {
    case OLIVE_CFG_BOOL:
      fprintf(f, "%s\n", *(const bool *)field ? "true" : "false");
      break;
    case OLIVE_CFG_INT:
      fprintf(f, "%lld\n", (long long)*(const int64_t *)field);
      break;
    case OLIVE_CFG_UINT32:
      fprintf(f, "%u\n", *(const uint32_t *)field);
      break;
    case OLIVE_CFG_DOUBLE:
      fprintf(f, "%.10g\n", *(const double *)field);
      break;
    case OLIVE_CFG_STRING:
      fprintf(f, "\"%s\"\n", (const char *)field);
      break;
    case OLIVE_CFG_ENUM:
      fprintf(f, "%s\n", k->names[*(const int *)field]);
      break;
    }
  }
}
