/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC internals shared by the table, encoder and decoder files (not exported). */
#ifndef OLIVE_PHY_LDPC_INTERNAL_H
#define OLIVE_PHY_LDPC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/ldpc.h"

#define LDPC_MAX_ROWS    PHY_LDPC_BG1_ROWS
#define LDPC_MAX_COLS    PHY_LDPC_BG1_COLS
#define LDPC_MAX_EDGES   316 /* nonzero blocks of BG1 (BG2 has 197) */
#define LDPC_MAX_ROW_DEG 19  /* heaviest row, BG1 rows 0..3 */
#define LDPC_CORE_COLS   4   /* parity columns solved by the double-diagonal shortcut */
#define LDPC_VEC         64  /* widest SIMD vector in bytes; buffers are padded by it */

/* One nonzero block of a base graph: column and V_ij for i_LS = 0..7. */
typedef struct ldpc_bg_entry {
  uint8_t col;
  uint16_t v[PHY_LDPC_NOF_SETS];
} ldpc_bg_entry_t;

extern const ldpc_bg_entry_t ldpc_bg1_entries[316];
extern const uint16_t ldpc_bg1_row_start[PHY_LDPC_BG1_ROWS + 1];
extern const ldpc_bg_entry_t ldpc_bg2_entries[197];
extern const uint16_t ldpc_bg2_row_start[PHY_LDPC_BG2_ROWS + 1];

/* A base graph lifted for one Z: per row the columns and shifts P = V mod Z, plus the plan
 * for solving the core parity (TS 38.212 5.3.2, double-diagonal structure). */
typedef struct ldpc_graph {
  phy_ldpc_bg_t bg;
  unsigned z;
  unsigned rows, cols, kb; /* kb: systematic columns, 22 or 10 */
  uint16_t row_start[LDPC_MAX_ROWS + 1];
  uint8_t col[LDPC_MAX_EDGES];
  uint16_t shift[LDPC_MAX_EDGES];
  /* Core solution: summing rows 0..3 leaves the first core column with shift core_p1_shift;
   * then core column core_col[k] (k = 1..3) follows from row core_row[k], where it has
   * shift core_shift[k], once the columns before it are known. */
  uint16_t core_p1_shift;
  uint8_t core_col[LDPC_CORE_COLS];
  uint8_t core_row[LDPC_CORE_COLS];
  uint16_t core_shift[LDPC_CORE_COLS];
} ldpc_graph_t;

/* Lifts bg for z into g and works out the core plan. 0, or OLIVE_EINVAL for a bad bg/z,
 * or OLIVE_ERANGE if the table lacks the double-diagonal structure (cannot happen with
 * the 38.212 tables). */
int ldpc_graph_lift(ldpc_graph_t *g, phy_ldpc_bg_t bg, unsigned z);

/* Byte per bit helpers (every variant). nbits any; src/dst unaligned. */
typedef struct ldpc_enc_ops {
  /* acc[0..z) = XOR over e < n of src[e][0..z); buffers readable/writable up to
   * z rounded up to LDPC_VEC. */
  void (*xor_rows)(uint8_t *acc, const uint8_t *const *src, unsigned n, unsigned z);
  /* Packs nbits bytes (0/1) into nbits/8 bytes, big-endian; nbits multiple of 8. */
  void (*pack)(uint8_t *dst, const uint8_t *src, size_t nbits);
  /* Unpacks nbits (multiple of 8) bits into bytes 0/1. */
  void (*unpack)(uint8_t *dst, const uint8_t *src, size_t nbits);
} ldpc_enc_ops_t;

extern const ldpc_enc_ops_t ldpc_enc_ops_generic;
extern const ldpc_enc_ops_t ldpc_enc_ops_avx2;
extern const ldpc_enc_ops_t ldpc_enc_ops_avx512;

/* Decoder APP storage (ldpc_dec.c): int16 per variable, each column kept as its Z values
 * twice in a row so a cyclic shift by s is the read of Z values at offset s. The canonical
 * copy starts at logical 0; logical -LDPC_MAX_Z .. 3 LDPC_MAX_Z is allocated because a
 * kernel writes a row-domain block back at offsets s - Z, s and s + Z (only the parts
 * landing in [0, 2Z) matter; see ldpc_dec_generic.c). The APP never saturates: it is the
 * channel LLR (|.| <= 127, or LDPC_APP_KNOWN) plus at most 30 messages of |.| <= 127. */
#define LDPC_APP_PRE    PHY_LDPC_MAX_Z
#define LDPC_APP_STRIDE (4 * PHY_LDPC_MAX_Z)
#define LDPC_APP_KNOWN  16384 /* APP of a filler bit: certainly 0 */

/* Check-to-variable magnitude of a row: max(((mag * mul + rnd) >> 4) - off, 0) for the
 * min-sum magnitude mag = 0..127, i.e. normalization by mul / 16 rounded down (rnd 0), to
 * nearest (8) or up (15), then an offset (off 0: plain normalized min-sum). */
typedef struct ldpc_norm {
  uint8_t mul; /* 1..16 */
  uint8_t rnd; /* 0..15 */
  uint8_t off; /* 0..127 */
} ldpc_norm_t;

/* One check row of the layered schedule, TS 38.212 5.3.2 H lifted by Z. */
typedef struct ldpc_dec_layer {
  int16_t *const *app;    /* per column, logical 0 of its APP buffer */
  int8_t *r;              /* check-to-variable messages, deg blocks of `stride` bytes */
  int8_t *q;              /* scratch, deg blocks of `stride` values */
  int16_t *q16;           /* scratch, deg blocks of `stride` values */
  const uint8_t *cols;    /* the row's deg columns */
  const uint16_t *shifts; /* and their shifts P = V mod Z */
  unsigned deg;
  unsigned z;
  unsigned stride;  /* ldpc_round_vec(z) */
  ldpc_norm_t norm; /* magnitude scaling of this row (ldpc_dec.c picks it) */
} ldpc_dec_layer_t;

/* Per lane the arithmetic is fixed (every variant bit-exact with the generic one):
 *   t_e   = app_e - r_e                      (int16, exact)
 *   q_e   = clamp(t_e, -127, 127)            (the int8 variable-to-check message)
 *   m1,m2 = smallest and second smallest |q_e| (m2 = m1 on a tie)
 *   mag_e = |q_e| == m1 ? m2 : m1
 *   scaled = max(((mag_e * norm.mul + norm.rnd) >> 4) - norm.off, 0)   (norm: per row)
 *   r_e   = scaled negated when the sign bits of the other q's XOR to 1 (q < 0 is a 1)
 *   app_e = t_e + r_e                        (int16, exact) */
typedef struct ldpc_dec_ops {
  void (*layer)(const ldpc_dec_layer_t *l);
  /* 1 when the row's parity check holds in all z lanes (hard decision: app < 0 is a 1). */
  int (*row_ok)(const ldpc_dec_layer_t *l);
} ldpc_dec_ops_t;

extern const ldpc_dec_ops_t ldpc_dec_ops_generic;
extern const ldpc_dec_ops_t ldpc_dec_ops_avx2;
extern const ldpc_dec_ops_t ldpc_dec_ops_avx512;

/* Rounds n up to a multiple of LDPC_VEC. */
static inline unsigned ldpc_round_vec(unsigned n)
{
  return (n + LDPC_VEC - 1) / LDPC_VEC * LDPC_VEC;
}

#endif
