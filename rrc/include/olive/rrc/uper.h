/* SPDX-License-Identifier: Apache-2.0 */
/* ASN.1 unaligned PER (ITU-T X.691 (08/2015), "UNALIGNED" variant, as TS 38.331 8.1
 * requires for NR RRC) bit writer and reader.
 *
 * Both keep a sticky error: after the first failure every further call does nothing and
 * returns the same error, so a message codec can run to its end and check once. The
 * reader treats its input as untrusted: every read is bounds-checked against the bit
 * length given at init, every value against its constraint, and nothing asserts.
 *
 * Clause references below are to X.691 (08/2015). Bits are written MSB first (X.691 11.1:
 * the leading bit of the encoding is the most significant bit of the first octet). */
#ifndef OLIVE_RRC_UPER_H
#define OLIVE_RRC_UPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* Largest length the length-determinant codecs accept. X.691 11.9 fragments lengths
 * of 16K and more; no broadcast message comes near that, so both sides refuse it. */
#define RRC_UPER_MAX_LEN 16383u

typedef struct rrc_uper_writer {
  uint8_t *buf;
  size_t cap_bits;
  size_t nbits; /* bits written so far */
  int err;      /* 0 or the first negative olive_err_t */
} rrc_uper_writer_t;

typedef struct rrc_uper_reader {
  const uint8_t *buf;
  size_t nbits; /* readable bits */
  size_t pos;   /* next bit to read */
  int err;
} rrc_uper_reader_t;

/* ---- writer ---------------------------------------------------------------------------- */

/* Starts writing at bit 0 of buf (cap_bytes bytes, zeroed here). */
OLIVE_API void rrc_uper_writer_init(rrc_uper_writer_t *w, uint8_t *buf, size_t cap_bytes);

/* The n low bits of v, MSB first; n in 0..64. OLIVE_ERANGE when buf is full. */
OLIVE_API int rrc_uper_put_bits(rrc_uper_writer_t *w, uint64_t v, unsigned n);

/* Constrained whole number (11.5, UNALIGNED variant): v - lb in the fewest bits that hold
 * ub - lb; zero bits when lb == ub. OLIVE_EINVAL when v is outside lb..ub.
 * Used for INTEGER (lb..ub) (13), SEQUENCE OF sizes (20) and CHOICE indices (23). */
OLIVE_API int rrc_uper_put_int(rrc_uper_writer_t *w, int64_t v, int64_t lb, int64_t ub);

/* BOOLEAN (12): one bit. */
OLIVE_API int rrc_uper_put_bool(rrc_uper_writer_t *w, bool v);

/* ENUMERATED (14) with n_root root values; ext says the type has an extension marker
 * ("..."). v < n_root: (ext bit 0) + index as constrained whole number 0..n_root-1. v >= n_root
 * (only with ext): bit 1 + normally small number v - n_root. */
OLIVE_API int rrc_uper_put_enum(rrc_uper_writer_t *w, uint32_t v, uint32_t n_root, bool ext);

/* CHOICE index (23) among n_root root alternatives; ext: the CHOICE has "...". A root index
 * is (ext bit 0) + constrained whole number 0..n_root-1 (nothing for a single alternative);
 * idx >= n_root (only with ext) is bit 1 + normally small idx - n_root, and the caller then
 * writes the alternative as an open type (rrc_uper_put_open). */
OLIVE_API int rrc_uper_put_choice(rrc_uper_writer_t *w, uint32_t idx, uint32_t n_root, bool ext);

/* Normally small non-negative whole number (11.6): extension bitmap lengths and indices. */
OLIVE_API int rrc_uper_put_nsnn(rrc_uper_writer_t *w, uint32_t v);

/* Length determinant (11.9). ub < 64K: constrained whole number lb..ub, nothing when lb == ub (a
 * fixed size has no length). ub == SIZE_MAX: unconstrained form (0 + 7 bits below 128,
 * 10 + 14 bits below 16K). */
OLIVE_API int rrc_uper_put_len(rrc_uper_writer_t *w, size_t n, size_t lb, size_t ub);

/* BIT STRING (16) of nbits bits taken MSB first from bits, with SIZE (lb..ub): length
 * determinant when lb != ub, then the bits. ub == SIZE_MAX: no upper bound. */
OLIVE_API int rrc_uper_put_bitstring(rrc_uper_writer_t *w, const uint8_t *bits, size_t nbits,
                                     size_t lb, size_t ub);

/* OCTET STRING (17) with SIZE (lb..ub), same conventions as the bit string. */
OLIVE_API int rrc_uper_put_octets(rrc_uper_writer_t *w, const uint8_t *data, size_t n, size_t lb,
                                  size_t ub);

/* Open type (11.2): the complete encoding of inner (inner_bits bits, MSB first) padded to
 * whole octets (an empty encoding becomes one zero octet, 11.1) behind an unconstrained
 * length in octets. This is how extension additions and OCTET STRING
 * (CONTAINING ...) fields travel. */
OLIVE_API int rrc_uper_put_open(rrc_uper_writer_t *w, const uint8_t *inner, size_t inner_bits);

/* Bytes holding the encoding so far: the complete encoding of a PDU is padded to a whole
 * octet with zeros (11.1) and at least one octet long. */
static inline size_t rrc_uper_writer_bytes(const rrc_uper_writer_t *w)
{
  return w->nbits ? (w->nbits + 7) / 8 : 1;
}

/* ---- reader ---------------------------------------------------------------------------- */

/* Reads nbits bits starting at bit 0 of buf (nbits <= 8 * bytes of buf). */
OLIVE_API void rrc_uper_reader_init(rrc_uper_reader_t *r, const uint8_t *buf, size_t nbits);

/* Each getter stores 0 (or false) in *v on failure. Errors: OLIVE_EPROTO for too few bits
 * or a value outside its constraint, OLIVE_ENOTSUP for a valid form we refuse (a
 * fragmented length, an extension value of an ENUMERATED or CHOICE we do not know). */
OLIVE_API int rrc_uper_get_bits(rrc_uper_reader_t *r, unsigned n, uint64_t *v);
OLIVE_API int rrc_uper_get_int(rrc_uper_reader_t *r, int64_t lb, int64_t ub, int64_t *v);
OLIVE_API int rrc_uper_get_bool(rrc_uper_reader_t *r, bool *v);
/* With ext, an extension value gives *v = n_root + its index (caller decides). */
OLIVE_API int rrc_uper_get_enum(rrc_uper_reader_t *r, uint32_t n_root, bool ext, uint32_t *v);
OLIVE_API int rrc_uper_get_nsnn(rrc_uper_reader_t *r, uint32_t *v);
/* CHOICE index; an extension alternative gives *idx = n_root + its index, and the caller
 * reads or skips (rrc_uper_skip_open) its open type. */
OLIVE_API int rrc_uper_get_choice(rrc_uper_reader_t *r, uint32_t n_root, bool ext, uint32_t *idx);
OLIVE_API int rrc_uper_get_len(rrc_uper_reader_t *r, size_t lb, size_t ub, size_t *n);
/* Bit string into bits (cap_bytes bytes; bits past *nbits are zero). */
OLIVE_API int rrc_uper_get_bitstring(rrc_uper_reader_t *r, uint8_t *bits, size_t cap_bytes,
                                     size_t lb, size_t ub, size_t *nbits);
OLIVE_API int rrc_uper_get_octets(rrc_uper_reader_t *r, uint8_t *data, size_t cap, size_t lb,
                                  size_t ub, size_t *n);

/* Skips an open type (11.2): reads its octet length and steps over the octets. */
OLIVE_API int rrc_uper_skip_open(rrc_uper_reader_t *r);

/* After the root components of an extensible SEQUENCE whose extension bit was 1: reads
 * the extension presence bitmap (19: normally small length - 1, then one bit per
 * addition) and skips every present addition as an open type. */
OLIVE_API int rrc_uper_skip_extensions(rrc_uper_reader_t *r);

/* Bits left to read. */
static inline size_t rrc_uper_reader_left(const rrc_uper_reader_t *r)
{
  return r->pos <= r->nbits ? r->nbits - r->pos : 0;
}

#endif
