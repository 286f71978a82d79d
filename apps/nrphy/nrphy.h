/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy: runs one PHY block on files (issue 5, "Teaching and tools").
 *
 * File formats: bits = one byte per bit (0/1); LLRs = int8 or float32 (positive = bit 0);
 * IQ = interleaved complex float32 (re, im), host byte order.
 * Exit status: 0 ok, 1 processing or input-file error, 2 bad command line. */
#ifndef NRPHY_H
#define NRPHY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NRPHY_EXIT_FAIL  1
#define NRPHY_EXIT_USAGE 2
#define NRPHY_MAX_OPTS   24

typedef struct nrphy_opt {
  const char *key; /* without the leading "--" */
  const char *val;
  bool used;
} nrphy_opt_t;

typedef struct nrphy_args {
  const char *cmd;
  const char *in;  /* -i */
  const char *out; /* -o */
  nrphy_opt_t opt[NRPHY_MAX_OPTS];
  unsigned nof_opt;
} nrphy_args_t;

typedef struct nrphy_cmd {
  const char *name;
  const char *help;  /* one line */
  const char *usage; /* options with their ranges */
  int (*run)(nrphy_args_t *a);
} nrphy_cmd_t;

/* ---- Options (args.c): each returns 0, or prints a message naming the option, the value
 * and the allowed range and returns NRPHY_EXIT_USAGE. ---- */
int nrphy_opt_uint(nrphy_args_t *a, const char *key, unsigned def, unsigned min, unsigned max,
                   unsigned *v);
int nrphy_opt_double(nrphy_args_t *a, const char *key, double def, double min, double max,
                     double *v);
/* names[0..n-1]; *v = the index of the match. */
int nrphy_opt_enum(nrphy_args_t *a, const char *key, const char *const *names, unsigned n,
                   unsigned def, unsigned *v);
/* The value of --key, or def when absent. */
const char *nrphy_opt_str(nrphy_args_t *a, const char *key, const char *def);
/* Reports the first option no subcommand read. */
int nrphy_args_unused(const nrphy_args_t *a);
/* Reports the first option no subcommand read, and a missing -i / -o (need_out). */
int nrphy_args_finish(const nrphy_args_t *a, bool need_out);
int nrphy_usage_error(const nrphy_args_t *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- Files (io.c) ---- */
/* Reads the whole file into a malloc'd buffer (*len bytes). NULL after printing why. */
uint8_t *nrphy_read_all(const char *path, size_t *len);
/* As nrphy_read_all, but the size must be `expect` bytes (message names both sizes). */
uint8_t *nrphy_read_exact(const char *path, size_t expect);
/* The size must be a non-zero multiple of `unit` bytes (`what` names the unit). */
uint8_t *nrphy_read_multiple(const char *path, size_t unit, const char *what, size_t *len);
/* 0, or NRPHY_EXIT_FAIL after printing why. */
int nrphy_write(const char *path, const void *buf, size_t len);
/* 0 when every byte is 0 or 1; otherwise prints the first offending offset. */
int nrphy_check_bits(const char *path, const uint8_t *bits, size_t n);

/* 8-bit RGB image rgb[3 (y w + x) + c] as PNG (png.c); 0 or NRPHY_EXIT_FAIL. */
int nrphy_png_write(const char *path, unsigned w, unsigned h, const uint8_t *rgb);

/* ---- Subcommands ---- */
int nrphy_ldpc_encode(nrphy_args_t *a);
int nrphy_ldpc_decode(nrphy_args_t *a);
int nrphy_crc(nrphy_args_t *a);
int nrphy_modulate(nrphy_args_t *a);
int nrphy_demodulate(nrphy_args_t *a);
int nrphy_ofdm_mod(nrphy_args_t *a);
int nrphy_ofdm_demod(nrphy_args_t *a);
int nrphy_pbch_encode(nrphy_args_t *a);
int nrphy_grid(nrphy_args_t *a);
int nrphy_pdsch_encode(nrphy_args_t *a);
int nrphy_pdsch_decode(nrphy_args_t *a);
int nrphy_dlsim(nrphy_args_t *a);
int nrphy_ulsim(nrphy_args_t *a);
int nrphy_channel(nrphy_args_t *a);

#endif
