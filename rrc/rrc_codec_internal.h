/* SPDX-License-Identifier: Apache-2.0 */
/* One description per message, run in either direction. Each message codec walks its
 * ASN.1 type once with these helpers: with a writer they check the field's constraint and
 * encode it, with a reader they decode it into the same field. So field order and
 * optionality are written down once, and encode and decode cannot drift apart (tshark and
 * the hand-worked vectors check the shared description itself).
 *
 * The first failure is kept with the name of its ASN.1 field; later calls do nothing. */
#ifndef OLIVE_RRC_CODEC_INTERNAL_H
#define OLIVE_RRC_CODEC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/rrc/uper.h"

typedef struct rrc_codec {
  rrc_uper_writer_t *w; /* encoding when set */
  rrc_uper_reader_t *r; /* decoding otherwise */
  int err;
  const char *field; /* ASN.1 name of the field that failed first */
  bool skipped;      /* decode: a field we do not model was stepped over */
} rrc_codec_t;

static inline bool cx_enc(const rrc_codec_t *c)
{
  return c->w != NULL;
}

void cx_fail(rrc_codec_t *c, const char *field, int err);
/* INTEGER (lb..ub); also SEQUENCE OF sizes and CHOICE indices without extension. */
void cx_int(rrc_codec_t *c, const char *field, int64_t *v, int64_t lb, int64_t ub);
/* ENUMERATED with n root values; ext: the type has "...". Extension values are refused. */
void cx_enum(rrc_codec_t *c, const char *field, int64_t *v, uint32_t n, bool ext);
/* BOOLEAN, a presence bit of the preamble, or an ENUMERATED {true} OPTIONAL. */
void cx_bool(rrc_codec_t *c, const char *field, bool *v);
/* BIT STRING (SIZE (n)) held in the n low bits of *v, n <= 64. */
void cx_bits(rrc_codec_t *c, const char *field, uint64_t *v, unsigned n);
/* Extension bit of an extensible SEQUENCE (19.1): we always send 0. On decode a 1 is
 * remembered in *ext and cx_ext_end skips the additions after the root. */
void cx_ext(rrc_codec_t *c, bool *ext);
void cx_ext_end(rrc_codec_t *c, bool ext);
/* A field we never send; decoding refuses it with OLIVE_ENOTSUP (present but unsupported). */
void cx_absent(rrc_codec_t *c, const char *field, bool present);

/* Field-typed wrappers: a temporary int64_t/bool carries any integer or enum field. */
#define CX_INT(c, name, lval, lb, ub)                                                              \
  do {                                                                                             \
    int64_t t_ = (int64_t)(lval);                                                                  \
    cx_int(c, name, &t_, lb, ub);                                                                  \
    (lval) = t_;                                                                                   \
  } while (0)
#define CX_ENUM(c, name, lval, n)                                                                  \
  do {                                                                                             \
    int64_t t_ = (int64_t)(lval);                                                                  \
    cx_enum(c, name, &t_, n, false);                                                               \
    (lval) = t_;                                                                                   \
  } while (0)
#define CX_ENUM_EXT(c, name, lval, n)                                                              \
  do {                                                                                             \
    int64_t t_ = (int64_t)(lval);                                                                  \
    cx_enum(c, name, &t_, n, true);                                                                \
    (lval) = t_;                                                                                   \
  } while (0)
#define CX_BITS(c, name, lval, n)                                                                  \
  do {                                                                                             \
    uint64_t t_ = (uint64_t)(lval);                                                                \
    cx_bits(c, name, &t_, n);                                                                      \
    (lval) = t_;                                                                                   \
  } while (0)
/* SEQUENCE (SIZE (lb..ub)) OF with our array holding cap entries: the size is coded with the
 * ASN.1 bounds; more than cap is refused (encode: OLIVE_EINVAL, decode: OLIVE_ENOTSUP). */
void cx_size(rrc_codec_t *c, const char *field, int64_t *n, int64_t lb, int64_t ub, int64_t cap);
#define CX_SIZE(c, name, lval, lb, ub, cap)                                                        \
  do {                                                                                             \
    int64_t t_ = (int64_t)(lval);                                                                  \
    cx_size(c, name, &t_, lb, ub, cap);                                                            \
    (lval) = t_;                                                                                   \
  } while (0)
/* Decode only: steps over an OCTET STRING without size constraint (length + octets, the
 * same bits as an open type, X.691 17) and notes the skip. */
void cx_skip_octets(rrc_codec_t *c, const char *field);
/* SetupRelease { X } (6.3.2): CHOICE {release NULL, setup X}, 1 bit; we only send setup. */
void cx_setup(rrc_codec_t *c, const char *field);

#endif
