/* SPDX-License-Identifier: Apache-2.0 */
/* SigMF metadata reader and writer (SigMF v1.0.0: global core:datatype, core:version,
 * core:sample_rate, core:hw, core:author, core:description; captures[].core:sample_start,
 * core:frequency; annotations[]). The reader is a recursive-descent JSON parser (RFC
 * 8259 grammar) bounded in depth and length; it validates the whole document and keeps
 * the fields named above. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/radio/sigmf.h"
#include "olive/support/error.h"

enum { K_ROOT, K_GLOBAL, K_CAPTURES, K_CAP0, K_OTHER };
enum { J_STR, J_NUM, J_OTHER };

typedef struct jval {
  int type;
  double num;
  char str[OLIVE_SIGMF_STR_LEN];
} jval_t;

typedef struct jp {
  const char *s;
  size_t n, i;
  int depth;
  unsigned seen; /* bit per required field */
  olive_sigmf_meta_t *m;
  char *err;
  size_t err_len;
} jp_t;

static int fail(jp_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(jp_t *p, const char *fmt, ...)
{
  if (p->err && p->err_len && !p->err[0]) {
    char what[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    snprintf(p->err, p->err_len, "%s (at byte %zu)", what, p->i);
  }
  return OLIVE_EPROTO;
}

static void ws(jp_t *p)
{
  while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
    p->i++;
}

static int peek(jp_t *p)
{
  ws(p);
  return p->i < p->n ? (unsigned char)p->s[p->i] : -1;
}

static int expect(jp_t *p, char c)
{
  if (peek(p) != (unsigned char)c)
    return fail(p, "expected '%c'", c);
  p->i++;
  return OLIVE_OK;
}

static int hex4(jp_t *p, unsigned *u)
{
  *u = 0;
  for (int k = 0; k < 4; k++, p->i++) {
    if (p->i >= p->n)
      return fail(p, "short \\u escape");
    char c = p->s[p->i];
    unsigned d = (c >= '0' && c <= '9')   ? (unsigned)(c - '0')
                 : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
                 : (c >= 'A' && c <= 'F') ? (unsigned)(c - 'A' + 10)
                                          : 16u;
    if (d == 16)
      return fail(p, "bad \\u escape");
    *u = *u * 16 + d;
  }
  return OLIVE_OK;
}

static int escape(jp_t *p, char *c)
{
  static const char in[] = "\"\\/bfnrt", out[] = "\"\\/\b\f\n\r\t";
  if (p->i >= p->n)
    return fail(p, "unterminated string");
  const char *k = strchr(in, p->s[p->i]);
  if (k && p->s[p->i]) {
    *c = out[k - in];
    p->i++;
    return OLIVE_OK;
  }
  if (p->s[p->i] != 'u')
    return fail(p, "bad escape");
  p->i++;
  unsigned u;
  int ret = hex4(p, &u);
  *c = (u >= 0x01 && u < 0x7f) ? (char)u : '?'; /* NUL and non-ASCII: "?" */
  return ret;
}

/* Reads a string into out (truncated to out_len - 1; out may be NULL). */
static int string(jp_t *p, char *out, size_t out_len)
{
  size_t w = 0;
  int ret = expect(p, '"');
  while (ret == OLIVE_OK) {
    if (p->i >= p->n)
      return fail(p, "unterminated string");
    char c = p->s[p->i++];
    if (c == '"')
      break;
    if ((unsigned char)c < 0x20)
      return fail(p, "control character in string");
    if (c == '\\')
      ret = escape(p, &c);
    if (out && w + 1 < out_len)
      out[w++] = c;
  }
  if (out && out_len)
    out[w] = '\0';
  return ret;
}

static size_t digits(jp_t *p)
{
  size_t k = 0;
  while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
    p->i++, k++;
  return k;
}

/* RFC 8259 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int number(jp_t *p, double *d)
{
  size_t b = p->i;
  if (p->i < p->n && p->s[p->i] == '-')
    p->i++;
  if (p->i < p->n && p->s[p->i] == '0')
    p->i++;
  else if (digits(p) == 0)
    return fail(p, "bad number");
  if (p->i < p->n && p->s[p->i] == '.' && (p->i++, digits(p) == 0))
    return fail(p, "bad number");
  if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
    p->i++;
    if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
      p->i++;
    if (digits(p) == 0)
      return fail(p, "bad number");
  }
  char tmp[64];
  if (p->i - b >= sizeof(tmp))
    return fail(p, "number too long");
  memcpy(tmp, p->s + b, p->i - b);
  tmp[p->i - b] = '\0';
  *d = strtod(tmp, NULL);
  return isfinite(*d) ? OLIVE_OK : fail(p, "number out of range");
}

static int literal(jp_t *p, const char *word)
{
  size_t l = strlen(word);
  if (p->n - p->i < l || memcmp(p->s + p->i, word, l) != 0)
    return fail(p, "unexpected character");
  p->i += l;
  return OLIVE_OK;
}

static int value(jp_t *p, int kind, jval_t *v);

static int member_kind(int parent, const char *key)
{
  if (parent == K_ROOT && !strcmp(key, "global"))
    return K_GLOBAL;
  if (parent == K_ROOT && !strcmp(key, "captures"))
    return K_CAPTURES;
  return K_OTHER;
}

#define SEEN_DATATYPE 1u
#define SEEN_VERSION  2u
#define SEEN_RATE     4u

static int want(jp_t *p, const jval_t *v, int type, const char *key)
{
  if (v->type != type)
    return fail(p, "%s must be a %s", key, type == J_STR ? "string" : "number");
  return OLIVE_OK;
}

static int take_str(jp_t *p, const jval_t *v, const char *key, char *dst, size_t len, unsigned bit)
{
  int ret = want(p, v, J_STR, key);
  if (ret == OLIVE_OK) {
    size_t l = strnlen(v->str, len - 1); /* truncation is documented */
    memcpy(dst, v->str, l);
    dst[l] = '\0';
    p->seen |= bit;
  }
  return ret;
}

/* Keeps the fields olive uses; everything else is validated and ignored. */
static int assign(jp_t *p, int kind, const char *key, const jval_t *v)
{
  olive_sigmf_meta_t *m = p->m;
  if (kind == K_GLOBAL) {
    if (!strcmp(key, "core:datatype"))
      return take_str(p, v, key, m->datatype, sizeof(m->datatype), SEEN_DATATYPE);
    if (!strcmp(key, "core:version"))
      return take_str(p, v, key, m->version, sizeof(m->version), SEEN_VERSION);
    if (!strcmp(key, "core:hw"))
      return take_str(p, v, key, m->hw, sizeof(m->hw), 0);
    if (!strcmp(key, "core:author"))
      return take_str(p, v, key, m->author, sizeof(m->author), 0);
    if (!strcmp(key, "core:description"))
      return take_str(p, v, key, m->description, sizeof(m->description), 0);
    if (!strcmp(key, "core:sample_rate")) {
      if (want(p, v, J_NUM, key) < 0 || !(v->num > 0))
        return fail(p, "core:sample_rate must be a positive number");
      m->sample_rate = v->num;
      p->seen |= SEEN_RATE;
    }
  } else if (kind == K_CAP0) {
    if (!strcmp(key, "core:frequency")) {
      if (want(p, v, J_NUM, key) < 0)
        return OLIVE_EPROTO;
      m->frequency = v->num;
      m->has_frequency = true;
    } else if (!strcmp(key, "core:sample_start")) {
      if (want(p, v, J_NUM, key) < 0 || v->num < 0 || v->num > 9007199254740992.0 ||
          v->num != floor(v->num))
        return fail(p, "core:sample_start must be a non-negative integer");
      m->sample_start = (uint64_t)v->num;
    }
  }
  return OLIVE_OK;
}

static int object(jp_t *p, int kind)
{
  int ret = expect(p, '{');
  if (ret == OLIVE_OK && peek(p) == '}')
    return expect(p, '}');
  while (ret == OLIVE_OK) {
    char key[64];
    jval_t v;
    ret = string(p, key, sizeof(key));
    if (ret == OLIVE_OK)
      ret = expect(p, ':');
    if (ret == OLIVE_OK)
      ret = value(p, member_kind(kind, key), &v);
    if (ret == OLIVE_OK)
      ret = assign(p, kind, key, &v);
    if (ret == OLIVE_OK && peek(p) != ',')
      return expect(p, '}');
    if (ret == OLIVE_OK)
      p->i++;
  }
  return ret;
}

static int array(jp_t *p, int kind)
{
  int ret = expect(p, '[');
  if (ret == OLIVE_OK && peek(p) == ']')
    return expect(p, ']');
  for (unsigned idx = 0; ret == OLIVE_OK; idx++) {
    jval_t v;
    ret = value(p, (kind == K_CAPTURES && idx == 0) ? K_CAP0 : K_OTHER, &v);
    if (ret == OLIVE_OK && peek(p) != ',')
      return expect(p, ']');
    if (ret == OLIVE_OK)
      p->i++;
  }
  return ret;
}

static int value(jp_t *p, int kind, jval_t *v)
{
  v->type = J_OTHER;
  if (++p->depth > OLIVE_SIGMF_MAX_DEPTH)
    return fail(p, "nested deeper than %d", OLIVE_SIGMF_MAX_DEPTH);
  int c = peek(p), ret;
  if ((kind == K_ROOT || kind == K_GLOBAL || kind == K_CAP0) && c != '{')
    ret = fail(p, "expected an object");
  else if (kind == K_CAPTURES && c != '[')
    ret = fail(p, "captures must be an array");
  else if (c == '{')
    ret = object(p, kind);
  else if (c == '[')
    ret = array(p, kind);
  else if (c == '"')
    ret = (v->type = J_STR, string(p, v->str, sizeof(v->str)));
  else if (c == '-' || (c >= '0' && c <= '9'))
    ret = (v->type = J_NUM, number(p, &v->num));
  else if (c == 't')
    ret = literal(p, "true");
  else if (c == 'f')
    ret = literal(p, "false");
  else if (c == 'n')
    ret = literal(p, "null");
  else
    ret = fail(p, c < 0 ? "unexpected end" : "unexpected character");
  p->depth--;
  return ret;
}

int olive_sigmf_meta_parse(const char *json, size_t len, olive_sigmf_meta_t *m, char *err,
                           size_t err_len)
{
  if (err && err_len)
    err[0] = '\0';
  if (!json || !m)
    return OLIVE_EINVAL;
  memset(m, 0, sizeof(*m));
  jp_t p = {.s = json, .n = len, .m = m, .err = err, .err_len = err_len};
  if (len > OLIVE_SIGMF_MAX_META)
    return fail(&p, "metadata longer than %u bytes", OLIVE_SIGMF_MAX_META);
  jval_t v;
  int ret = value(&p, K_ROOT, &v);
  if (ret == OLIVE_OK && peek(&p) != -1)
    ret = fail(&p, "trailing characters");
  if (ret == OLIVE_OK && !(p.seen & SEEN_DATATYPE))
    ret = fail(&p, "global core:datatype missing");
  if (ret == OLIVE_OK && !(p.seen & SEEN_VERSION))
    ret = fail(&p, "global core:version missing");
  if (ret == OLIVE_OK && !(p.seen & SEEN_RATE))
    ret = fail(&p, "global core:sample_rate missing");
  return ret;
}

/* JSON string body with the escapes RFC 8259 7 requires. */
static size_t put_str(char *dst, size_t len, const char *s)
{
  size_t w = 0;
  for (; *s; s++) {
    char tmp[8];
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      snprintf(tmp, sizeof(tmp), "\\%c", c);
    else if (c < 0x20)
      snprintf(tmp, sizeof(tmp), "\\u%04x", c);
    else
      snprintf(tmp, sizeof(tmp), "%c", c);
    for (char *t = tmp; *t; t++, w++)
      if (w + 1 < len)
        dst[w] = *t;
  }
  if (len)
    dst[w + 1 < len ? w : len - 1] = '\0';
  return w;
}

int olive_sigmf_meta_write(const olive_sigmf_meta_t *m, char *buf, size_t len)
{
  char hw[2 * 6 * OLIVE_SIGMF_STR_LEN], au[sizeof(hw)], de[sizeof(hw)], dt[200], ve[100];
  char fr[64] = "";
  put_str(ve, sizeof(ve), m->version[0] ? m->version : "1.0.0");
  put_str(hw, sizeof(hw), m->hw);
  put_str(au, sizeof(au), m->author);
  put_str(de, sizeof(de), m->description);
  put_str(dt, sizeof(dt), m->datatype);
  if (m->has_frequency)
    snprintf(fr, sizeof(fr), ", \"core:frequency\": %.17g", m->frequency);
  int n = snprintf(buf, len,
                   "{\n  \"global\": {\n    \"core:datatype\": \"%s\",\n"
                   "    \"core:sample_rate\": %.17g,\n    \"core:version\": \"%s\",\n"
                   "    \"core:hw\": \"%s\",\n    \"core:author\": \"%s\",\n"
                   "    \"core:description\": \"%s\"\n  },\n"
                   "  \"captures\": [\n    {\"core:sample_start\": %llu%s}\n  ],\n"
                   "  \"annotations\": []\n}\n",
                   dt, m->sample_rate, ve, hw, au, de, (unsigned long long)m->sample_start, fr);
  return (n < 0 || (size_t)n >= len) ? OLIVE_ERANGE : n;
}
