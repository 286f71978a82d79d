/* SPDX-License-Identifier: Apache-2.0 */
/* Unaligned PER reader (X.691 (08/2015), UNALIGNED variant) for bytes from outside: every
 * read is bounds-checked, every value checked against its constraint. See olive/rrc/uper.h. */
#include <string.h>

#include "olive/rrc/uper.h"
#include "olive/support/error.h"
#include "uper_internal.h"

void rrc_uper_reader_init(rrc_uper_reader_t *r, const uint8_t *buf, size_t nbits)
{
  r->buf = buf;
  r->nbits = buf ? nbits : 0;
  r->pos = 0;
  r->err = 0;
}

static int fail(rrc_uper_reader_t *r, int err)
{
  if (!r->err)
    r->err = err;
  return r->err;
}

int rrc_uper_get_bits(rrc_uper_reader_t *r, unsigned n, uint64_t *v)
{
  *v = 0;
  if (r->err)
    return r->err;
  if (n > 64)
    return fail(r, OLIVE_EINVAL);
  if (n > rrc_uper_reader_left(r))
    return fail(r, OLIVE_EPROTO);
  uint64_t x = 0;
  for (unsigned i = 0; i < n; i++, r->pos++)
    x = x << 1 | (uint64_t)(r->buf[r->pos / 8] >> (7 - r->pos % 8) & 1);
  *v = x;
  return 0;
}

static int skip_bits(rrc_uper_reader_t *r, size_t n)
{
  if (r->err)
    return r->err;
  if (n > rrc_uper_reader_left(r))
    return fail(r, OLIVE_EPROTO);
  r->pos += n;
  return 0;
}

int rrc_uper_get_int(rrc_uper_reader_t *r, int64_t lb, int64_t ub, int64_t *v)
{
  uint64_t raw;
  *v = 0;
  if (lb > ub)
    return fail(r, OLIVE_EINVAL);
  uint64_t range = (uint64_t)ub - (uint64_t)lb;
  if (rrc_uper_get_bits(r, rrc_uper_range_bits(range), &raw))
    return r->err;
  if (raw > range) /* the bit field can hold more than the range: outside the constraint */
    return fail(r, OLIVE_EPROTO);
  *v = (int64_t)((uint64_t)lb + raw);
  return 0;
}

int rrc_uper_get_bool(rrc_uper_reader_t *r, bool *v)
{
  uint64_t b;
  int e = rrc_uper_get_bits(r, 1, &b);
  *v = b != 0;
  return e;
}

int rrc_uper_get_nsnn(rrc_uper_reader_t *r, uint32_t *v)
{
  uint64_t x;
  size_t octets;
  *v = 0;
  if (rrc_uper_get_bits(r, 1, &x))
    return r->err;
  if (x == 0) { /* 11.6: six-bit value */
    rrc_uper_get_bits(r, 6, &x);
    *v = (uint32_t)x;
    return r->err;
  }
  if (rrc_uper_get_len(r, 1, SIZE_MAX, &octets))
    return r->err;
  if (octets > 4) /* larger than any index we could use */
    return fail(r, OLIVE_ENOTSUP);
  rrc_uper_get_bits(r, (unsigned)(8 * octets), &x);
  *v = (uint32_t)x;
  return r->err;
}

int rrc_uper_get_enum(rrc_uper_reader_t *r, uint32_t n_root, bool ext, uint32_t *v)
{
  bool extended = false;
  int64_t x;
  *v = 0;
  if (n_root == 0)
    return fail(r, OLIVE_EINVAL);
  if (ext && rrc_uper_get_bool(r, &extended))
    return r->err;
  if (extended) { /* 14: extension value, index as a normally small number */
    uint32_t idx;
    if (rrc_uper_get_nsnn(r, &idx))
      return r->err;
    if (idx > UINT32_MAX - n_root)
      return fail(r, OLIVE_ENOTSUP);
    *v = n_root + idx;
    return 0;
  }
  if (rrc_uper_get_int(r, 0, (int64_t)n_root - 1, &x))
    return r->err;
  *v = (uint32_t)x;
  return 0;
}

int rrc_uper_get_choice(rrc_uper_reader_t *r, uint32_t n_root, bool ext, uint32_t *idx)
{
  return rrc_uper_get_enum(r, n_root, ext, idx); /* 23: coded like an ENUMERATED index */
}

int rrc_uper_get_len(rrc_uper_reader_t *r, size_t lb, size_t ub, size_t *n)
{
  uint64_t x;
  *n = 0;
  if (r->err)
    return r->err;
  if (lb > ub)
    return fail(r, OLIVE_EINVAL);
  if (ub < 65536) { /* 11.9: constrained length */
    int64_t c;
    if (rrc_uper_get_int(r, (int64_t)lb, (int64_t)ub, &c))
      return r->err;
    *n = (size_t)c;
    return 0;
  }
  if (rrc_uper_get_bits(r, 8, &x))
    return r->err;
  if (x & 0x80) {
    if (x & 0x40) /* 11xxxxxx: a fragment of 16K-multiples */
      return fail(r, OLIVE_ENOTSUP);
    uint64_t lo;
    if (rrc_uper_get_bits(r, 8, &lo))
      return r->err;
    x = (x & 0x3F) << 8 | lo;
  }
  if (x < lb || x > ub)
    return fail(r, OLIVE_EPROTO);
  *n = (size_t)x;
  return 0;
}

int rrc_uper_get_bitstring(rrc_uper_reader_t *r, uint8_t *bits, size_t cap_bytes, size_t lb,
                           size_t ub, size_t *nbits)
{
  size_t n;
  *nbits = 0;
  if (cap_bytes)
    memset(bits, 0, cap_bytes);
  if (rrc_uper_get_len(r, lb, ub, &n))
    return r->err;
  if (n > cap_bytes * 8)
    return fail(r, OLIVE_EPROTO);
  if (n > rrc_uper_reader_left(r))
    return fail(r, OLIVE_EPROTO);
  for (size_t i = 0; i < n; i++) {
    uint64_t b;
    rrc_uper_get_bits(r, 1, &b);
    bits[i / 8] |= (uint8_t)(b << (7 - i % 8));
  }
  *nbits = n;
  return r->err;
}

int rrc_uper_get_octets(rrc_uper_reader_t *r, uint8_t *data, size_t cap, size_t lb, size_t ub,
                        size_t *n)
{
  size_t len;
  *n = 0;
  if (rrc_uper_get_len(r, lb, ub, &len))
    return r->err;
  if (len > cap || len > rrc_uper_reader_left(r) / 8)
    return fail(r, OLIVE_EPROTO);
  for (size_t i = 0; i < len; i++) {
    uint64_t b;
    rrc_uper_get_bits(r, 8, &b);
    data[i] = (uint8_t)b;
  }
  *n = len;
  return r->err;
}

int rrc_uper_skip_open(rrc_uper_reader_t *r)
{
  size_t octets;
  if (rrc_uper_get_len(r, 0, SIZE_MAX, &octets))
    return r->err;
  return skip_bits(r, octets * 8);
}

int rrc_uper_skip_extensions(rrc_uper_reader_t *r)
{
  uint32_t n;
  if (rrc_uper_get_nsnn(r, &n)) /* 19: bitmap length - 1 */
    return r->err;
  if ((size_t)n + 1 > rrc_uper_reader_left(r))
    return fail(r, OLIVE_EPROTO);
  size_t map_pos = r->pos;
  if (skip_bits(r, (size_t)n + 1))
    return r->err;
  for (size_t i = 0; i <= n && !r->err; i++)
    if (r->buf[(map_pos + i) / 8] >> (7 - (map_pos + i) % 8) & 1)
      rrc_uper_skip_open(r);
  return r->err;
}
