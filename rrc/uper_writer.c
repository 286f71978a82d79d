/* SPDX-License-Identifier: Apache-2.0 */
/* Unaligned PER writer (X.691 (08/2015), UNALIGNED variant). See olive/rrc/uper.h. */
#include <string.h>

#include "olive/rrc/uper.h"
#include "olive/support/error.h"
#include "uper_internal.h"

void rrc_uper_writer_init(rrc_uper_writer_t *w, uint8_t *buf, size_t cap_bytes)
{
  w->buf = buf;
  w->cap_bits = cap_bytes * 8;
  w->nbits = 0;
  w->err = 0;
  if (buf && cap_bytes)
    memset(buf, 0, cap_bytes);
}

static int fail(rrc_uper_writer_t *w, int err)
{
  if (!w->err)
    w->err = err;
  return w->err;
}

int rrc_uper_put_bits(rrc_uper_writer_t *w, uint64_t v, unsigned n)
{
  if (w->err)
    return w->err;
  if (n > 64)
    return fail(w, OLIVE_EINVAL);
  if (n > w->cap_bits - w->nbits)
    return fail(w, OLIVE_ERANGE);
  for (unsigned i = n; i-- > 0; w->nbits++) { /* MSB first (11.1) */
    uint8_t bit = (uint8_t)(v >> i & 1);
    w->buf[w->nbits / 8] |= (uint8_t)(bit << (7 - w->nbits % 8));
  }
  return 0;
}

int rrc_uper_put_int(rrc_uper_writer_t *w, int64_t v, int64_t lb, int64_t ub)
{
  if (w->err)
    return w->err;
  if (lb > ub || v < lb || v > ub)
    return fail(w, OLIVE_EINVAL);
  uint64_t range = (uint64_t)ub - (uint64_t)lb;
  return rrc_uper_put_bits(w, (uint64_t)v - (uint64_t)lb, rrc_uper_range_bits(range));
}

int rrc_uper_put_bool(rrc_uper_writer_t *w, bool v)
{
  return rrc_uper_put_bits(w, v ? 1 : 0, 1);
}

int rrc_uper_put_nsnn(rrc_uper_writer_t *w, uint32_t v)
{
  if (v <= 63) /* 11.6: 0 + six bits */
    return rrc_uper_put_bits(w, v, 7);
  /* 1 + semi-constrained whole number: octet length, then the value in that many octets */
  unsigned octets = v > 0xFFFFFF ? 4 : v > 0xFFFF ? 3 : v > 0xFF ? 2 : 1;
  rrc_uper_put_bits(w, 1, 1);
  rrc_uper_put_len(w, octets, 0, SIZE_MAX);
  return rrc_uper_put_bits(w, v, 8 * octets);
}

int rrc_uper_put_enum(rrc_uper_writer_t *w, uint32_t v, uint32_t n_root, bool ext)
{
  if (w->err)
    return w->err;
  if (n_root == 0 || (!ext && v >= n_root))
    return fail(w, OLIVE_EINVAL);
  if (ext && v >= n_root) {
    rrc_uper_put_bits(w, 1, 1);
    return rrc_uper_put_nsnn(w, v - n_root);
  }
  if (ext)
    rrc_uper_put_bits(w, 0, 1);
  return rrc_uper_put_int(w, v, 0, (int64_t)n_root - 1);
}

int rrc_uper_put_choice(rrc_uper_writer_t *w, uint32_t idx, uint32_t n_root, bool ext)
{
  /* 23: the same bits as an ENUMERATED index with the same root count and marker */
  return rrc_uper_put_enum(w, idx, n_root, ext);
}

int rrc_uper_put_len(rrc_uper_writer_t *w, size_t n, size_t lb, size_t ub)
{
  if (w->err)
    return w->err;
  if (n < lb || n > ub)
    return fail(w, OLIVE_EINVAL);
  if (ub < 65536) /* 11.9: constrained length, a constrained whole number lb..ub */
    return rrc_uper_put_int(w, (int64_t)n, (int64_t)lb, (int64_t)ub);
  if (n < 128) /* 11.9: unconstrained, one octet 0xxxxxxx */
    return rrc_uper_put_bits(w, n, 8);
  if (n <= RRC_UPER_MAX_LEN) /* two octets 10xxxxxx xxxxxxxx */
    return rrc_uper_put_bits(w, 0x8000u | n, 16);
  return fail(w, OLIVE_ENOTSUP); /* fragmentation not implemented */
}

int rrc_uper_put_bitstring(rrc_uper_writer_t *w, const uint8_t *bits, size_t nbits, size_t lb,
                           size_t ub)
{
  if (rrc_uper_put_len(w, nbits, lb, ub))
    return w->err;
  for (size_t i = 0; i < nbits; i++)
    rrc_uper_put_bits(w, bits[i / 8] >> (7 - i % 8) & 1, 1);
  return w->err;
}

int rrc_uper_put_octets(rrc_uper_writer_t *w, const uint8_t *data, size_t n, size_t lb, size_t ub)
{
  if (rrc_uper_put_len(w, n, lb, ub))
    return w->err;
  for (size_t i = 0; i < n; i++)
    rrc_uper_put_bits(w, data[i], 8);
  return w->err;
}

int rrc_uper_put_open(rrc_uper_writer_t *w, const uint8_t *inner, size_t inner_bits)
{
  size_t octets = inner_bits ? (inner_bits + 7) / 8 : 1;
  if (rrc_uper_put_len(w, octets, 0, SIZE_MAX))
    return w->err;
  for (size_t i = 0; i < octets * 8; i++)
    rrc_uper_put_bits(w, i < inner_bits ? (inner[i / 8] >> (7 - i % 8) & 1) : 0, 1);
  return w->err;
}
