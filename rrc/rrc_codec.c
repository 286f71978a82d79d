/* SPDX-License-Identifier: Apache-2.0 */
/* Direction-independent field helpers (see rrc_codec_internal.h). */
#include "olive/support/error.h"
#include "rrc_codec_internal.h"

void cx_fail(rrc_codec_t *c, const char *field, int err)
{
  if (!c->err) {
    c->err = err;
    c->field = field;
  }
}

/* Picks up a writer/reader error and names the field it happened in. */
static void sync(rrc_codec_t *c, const char *field)
{
  int e = c->w ? c->w->err : c->r->err;
  if (e)
    cx_fail(c, field, e);
}

void cx_int(rrc_codec_t *c, const char *field, int64_t *v, int64_t lb, int64_t ub)
{
  if (c->err)
    return;
  if (cx_enc(c))
    rrc_uper_put_int(c->w, *v, lb, ub);
  else
    rrc_uper_get_int(c->r, lb, ub, v);
  sync(c, field);
}

void cx_enum(rrc_codec_t *c, const char *field, int64_t *v, uint32_t n, bool ext)
{
  if (c->err)
    return;
  if (cx_enc(c)) {
    if (*v < 0 || *v >= (int64_t)n) /* we only send root values */
      cx_fail(c, field, OLIVE_EINVAL);
    else
      rrc_uper_put_enum(c->w, (uint32_t)*v, n, ext);
  } else {
    uint32_t u;
    rrc_uper_get_enum(c->r, n, ext, &u);
    *v = u;
    if (!c->r->err && u >= n) /* an extension value this release does not define */
      cx_fail(c, field, OLIVE_ENOTSUP);
  }
  sync(c, field);
}

void cx_bool(rrc_codec_t *c, const char *field, bool *v)
{
  if (c->err)
    return;
  if (cx_enc(c))
    rrc_uper_put_bool(c->w, *v);
  else
    rrc_uper_get_bool(c->r, v);
  sync(c, field);
}

void cx_bits(rrc_codec_t *c, const char *field, uint64_t *v, unsigned n)
{
  if (c->err)
    return;
  if (cx_enc(c)) {
    if (n < 64 && *v >> n)
      cx_fail(c, field, OLIVE_EINVAL);
    else
      rrc_uper_put_bits(c->w, *v, n);
  } else {
    rrc_uper_get_bits(c->r, n, v);
  }
  sync(c, field);
}

void cx_ext(rrc_codec_t *c, bool *ext)
{
  *ext = false; /* also what a decoder that already failed leaves for cx_ext_end */
  cx_bool(c, "extension bit", ext);
}

void cx_ext_end(rrc_codec_t *c, bool ext)
{
  if (c->err || cx_enc(c) || !ext)
    return;
  rrc_uper_skip_extensions(c->r);
  sync(c, "extension additions");
}

void cx_absent(rrc_codec_t *c, const char *field, bool present)
{
  if (!c->err && present)
    cx_fail(c, field, OLIVE_ENOTSUP);
}

void cx_size(rrc_codec_t *c, const char *field, int64_t *n, int64_t lb, int64_t ub, int64_t cap)
{
  if (c->err)
    return;
  if (cx_enc(c) && *n > cap) {
    cx_fail(c, field, OLIVE_EINVAL);
    return;
  }
  cx_int(c, field, n, lb, ub);
  if (!c->err && *n > cap) {
    *n = 0;
    cx_fail(c, field, OLIVE_ENOTSUP);
  }
}

void cx_setup(rrc_codec_t *c, const char *field)
{
  int64_t idx = 1;
  cx_int(c, field, &idx, 0, 1);
  cx_absent(c, field, idx == 0);
}

void cx_skip_octets(rrc_codec_t *c, const char *field)
{
  if (c->err || cx_enc(c))
    return;
  rrc_uper_skip_open(c->r);
  c->skipped = true;
  sync(c, field);
}
