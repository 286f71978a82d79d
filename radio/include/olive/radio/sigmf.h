/* SPDX-License-Identifier: Apache-2.0 */
/* SigMF metadata (SigMF specification v1.0.0, https://github.com/sigmf/SigMF): the
 * .sigmf-meta JSON beside a .sigmf-data file of raw samples. The "file" radio driver
 * records TX and replays RX as cf32_le, which inspectrum, GNU Radio and numpy read.
 *
 * The parser reads outside input: it checks the whole text against the JSON grammar
 * (RFC 8259) with a nesting limit, then takes the few fields olive needs. */
#ifndef OLIVE_RADIO_SIGMF_H
#define OLIVE_RADIO_SIGMF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

#define OLIVE_SIGMF_MAX_META  (1u << 20) /* larger .sigmf-meta files are refused */
#define OLIVE_SIGMF_MAX_DEPTH 32
#define OLIVE_SIGMF_STR_LEN   128

typedef struct olive_sigmf_meta {
  char datatype[32];                     /* global core:datatype, e.g. "cf32_le" (required) */
  char version[16];                      /* global core:version, e.g. "1.0.0" (required) */
  double sample_rate;                    /* global core:sample_rate in Hz (required, > 0) */
  char hw[OLIVE_SIGMF_STR_LEN];          /* global core:hw (optional) */
  char author[OLIVE_SIGMF_STR_LEN];      /* global core:author (optional) */
  char description[OLIVE_SIGMF_STR_LEN]; /* global core:description (optional) */
  bool has_frequency;
  double frequency;      /* captures[0] core:frequency in Hz (optional) */
  uint64_t sample_start; /* captures[0] core:sample_start (0 when absent) */
} olive_sigmf_meta_t;

/* Parses len bytes of JSON. 0, or OLIVE_EPROTO (malformed JSON, wrong types, missing
 * required field, too deep, too long) with a reason in err (err may be NULL). Strings
 * longer than the fields are truncated; \u0000 and \u escapes outside ASCII become '?'. */
OLIVE_API int olive_sigmf_meta_parse(const char *json, size_t len, olive_sigmf_meta_t *m, char *err,
                                     size_t err_len);

/* Writes the metadata as a SigMF v1.0.0 JSON document into buf (NUL-terminated).
 * Returns its length, or OLIVE_ERANGE when buf is too small. */
OLIVE_API int olive_sigmf_meta_write(const olive_sigmf_meta_t *m, char *buf, size_t len);

#endif
