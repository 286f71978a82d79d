/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC coding of TS 38.212 5.3.2: the two base graphs (Tables 5.3.2-2 and 5.3.2-3), the
 * lifting sizes (Table 5.3.2-1), a systematic encoder and a layered min-sum decoder.
 *
 * Sizes. For base graph 1 (BG1) the code block has K = 22 Z bits c_0..c_{K-1} and the
 * lifted graph has 46 check rows and 68 columns; for BG2 K = 10 Z, 42 rows, 52 columns.
 * Columns 0..Kb_cols-1 (Kb_cols = 22 or 10) carry c, the others parity. Using only the first
 * nof_rows check rows (4 <= nof_rows <= 46 or 42) gives a shorter mother code with the first
 * nof_rows parity columns; that is all the rate matcher needs when E is small.
 *
 * Codeword (5.3.2): the first 2Z systematic bits are never transmitted, so the codeword is
 * d_k = c_{k+2Z} for 0 <= k < K - 2Z, followed by the parity bits w_0.. (d_{K-2Z+j} = w_j),
 * N = (Kb_cols - 2 + nof_rows) Z bits in all; with all rows N = 66 Z (BG1) or 50 Z (BG2).
 * Filler bits (<NULL> in 5.3.2) are the last F bits of c; they are encoded as 0 and come
 * out as 0 in d (the rate matcher skips them, 5.4.2.1).
 *
 * LLRs are int8, positive means bit 0. */
#ifndef OLIVE_PHY_LDPC_H
#define OLIVE_PHY_LDPC_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/crc.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

#define PHY_LDPC_MAX_Z     384 /* largest lifting size, Table 5.3.2-1 */
#define PHY_LDPC_NOF_LS    51  /* number of lifting sizes, Table 5.3.2-1 */
#define PHY_LDPC_NOF_SETS  8   /* lifting-size sets i_LS = 0..7 */
#define PHY_LDPC_BG1_ROWS  46
#define PHY_LDPC_BG1_COLS  68
#define PHY_LDPC_BG1_KB    22 /* systematic columns of BG1 */
#define PHY_LDPC_BG2_ROWS  42
#define PHY_LDPC_BG2_COLS  52
#define PHY_LDPC_BG2_KB    10 /* systematic columns of BG2 (K = 10 Z whatever Kb is) */
#define PHY_LDPC_MIN_ROWS  4  /* the core rows holding the double-diagonal parity */
#define PHY_LDPC_MAX_K     (PHY_LDPC_BG1_KB * PHY_LDPC_MAX_Z)         /* 8448 */
#define PHY_LDPC_MAX_N     ((PHY_LDPC_BG1_COLS - 2) * PHY_LDPC_MAX_Z) /* 25344 */
#define PHY_LDPC_MAX_ITERS 32

typedef enum phy_ldpc_bg {
  PHY_LDPC_BG1 = 1,
  PHY_LDPC_BG2 = 2,
} phy_ldpc_bg_t;

/* ---- Tables ---------------------------------------------------------------------------- */

/* Set index i_LS (0..7) of lifting size z (Table 5.3.2-1), or OLIVE_EINVAL if z is not one
 * of the 51 lifting sizes. */
OLIVE_API int phy_ldpc_ls_index(unsigned z);

/* The n-th smallest lifting size (n = 0..50: 2, 3, 4, ..., 384); 0 if n > 50. */
OLIVE_API unsigned phy_ldpc_lifting_size(unsigned n);

/* Smallest lifting size >= min_z (for 5.2.2: Zc = that for min_z = ceil(K'/Kb)); 0 if
 * min_z > 384. */
OLIVE_API unsigned phy_ldpc_lifting_size_min(unsigned min_z);

/* Rows, columns and systematic columns (22 / 10) of a base graph; 0 for an invalid bg. */
OLIVE_API unsigned phy_ldpc_bg_rows(phy_ldpc_bg_t bg);
OLIVE_API unsigned phy_ldpc_bg_cols(phy_ldpc_bg_t bg);
OLIVE_API unsigned phy_ldpc_bg_kb(phy_ldpc_bg_t bg);

/* Shift coefficient V_ij of base graph bg, row i, column j, set i_ls (Tables 5.3.2-2/3).
 * Returns 1 and writes *v when (i, j) is an edge, 0 when it is not (a zero block of H),
 * OLIVE_EINVAL for arguments out of range. The lifted shift is P_ij = V_ij mod Z (5.3.2). */
OLIVE_API int phy_ldpc_bg_coef(phy_ldpc_bg_t bg, unsigned row, unsigned col, unsigned i_ls,
                               unsigned *v);

/* Codeword length N = (Kb_cols - 2 + nof_rows) Z in bits that the encoder produces, or
 * OLIVE_EINVAL. nof_rows = 0 means all rows. */
OLIVE_API int phy_ldpc_codeword_len(phy_ldpc_bg_t bg, unsigned z, unsigned nof_rows);

/* ---- Encoder --------------------------------------------------------------------------- */

typedef struct phy_ldpc_enc_args {
  olive_isa_t isa; /* OLIVE_ISA_AUTO, or a variant to force (tests) */
} phy_ldpc_enc_args_t;

typedef struct phy_ldpc_enc_cfg {
  phy_ldpc_bg_t bg;
  unsigned z;        /* lifting size, one of Table 5.3.2-1 */
  unsigned nof_rows; /* parity rows to produce, 4..46 (BG1) / 4..42 (BG2); 0 = all */
} phy_ldpc_enc_cfg_t;

struct phy_ldpc_enc_state;
typedef struct phy_ldpc_enc {
  olive_isa_t isa;               /* variant in use (read-only) */
  struct phy_ldpc_enc_state *st; /* private */
} phy_ldpc_enc_t;

/* Allocates the scratch for Z = 384 and picks the SIMD variant. 0 or OLIVE_ENOMEM /
 * OLIVE_EINVAL (isa not supported by this CPU). */
OLIVE_API int phy_ldpc_enc_init(phy_ldpc_enc_t *q, const phy_ldpc_enc_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_ldpc_enc_free(phy_ldpc_enc_t *q);

/* Encodes c_0..c_{K-1} (K = 22 Z or 10 Z, packed big-endian as in bits.h, filler bits 0)
 * into d_0..d_{N-1} (packed, N = phy_ldpc_codeword_len(); see the top of this file). The
 * unused low bits of the last byte of d are zeroed. Returns N, or OLIVE_EINVAL. Never
 * allocates. */
OLIVE_API int phy_ldpc_encode(phy_ldpc_enc_t *q, const phy_ldpc_enc_cfg_t *cfg, const uint8_t *c,
                              uint8_t *d);

/* The same with one bit per byte (values 0/1) in c and d. */
OLIVE_API int phy_ldpc_encode_bits(phy_ldpc_enc_t *q, const phy_ldpc_enc_cfg_t *cfg,
                                   const uint8_t *c, uint8_t *d);

/* ---- Decoder --------------------------------------------------------------------------- */

typedef enum phy_ldpc_stop {
  PHY_LDPC_STOP_NONE = 0, /* always run max_iters (benchmarks) */
  PHY_LDPC_STOP_SYNDROME, /* stop when all parity checks of the used rows hold */
  PHY_LDPC_STOP_CRC,      /* stop when the CRC in the last L bits of c_0..c_{K-F-1} holds and
                             so do the parity checks of the used rows (the CRC alone passes
                             the all-zero word that erased systematic bits decide to) */
} phy_ldpc_stop_t;

typedef struct phy_ldpc_dec_args {
  olive_isa_t isa; /* OLIVE_ISA_AUTO, or a variant to force (tests) */
} phy_ldpc_dec_args_t;

typedef struct phy_ldpc_dec_cfg {
  phy_ldpc_bg_t bg;
  unsigned z;          /* lifting size, one of Table 5.3.2-1 */
  unsigned nof_filler; /* F: c_{K-F}..c_{K-1} are filler bits, known to be 0 */
  unsigned max_iters;  /* 1..PHY_LDPC_MAX_ITERS */
  phy_ldpc_stop_t stop;
  phy_crc_type_t crc; /* with PHY_LDPC_STOP_CRC: CRC24B per code block (CRC24A or CRC16 for a
                         single code block, 5.2.2) */
  int8_t llr_scale;   /* int8 LLR steps per natural LLR unit of llr (llr = round(llr_scale
                         ln(P0/P1))), or 0 = unspecified (so are values below 8). From 8 up,
                         with extension rows in use (rate below about 0.83), the decoder runs
                         offset min-sum, offsets 1/2 and 3/16 natural unit, which needs the
                         scale: 0.25-0.35 dB better at low rates (ldpc_dec.c pick_norm) */
} phy_ldpc_dec_cfg_t;

typedef struct phy_ldpc_dec_result {
  unsigned iters; /* iterations run */
  bool ok;        /* the syndrome (or, with STOP_CRC, the CRC) held at the end */
} phy_ldpc_dec_result_t;

struct phy_ldpc_dec_state;
typedef struct phy_ldpc_dec {
  olive_isa_t isa;               /* variant in use (read-only) */
  struct phy_ldpc_dec_state *st; /* private */
} phy_ldpc_dec_t;

/* Allocates everything for BG1 with Z = 384 and picks the SIMD variant. 0 or
 * OLIVE_ENOMEM / OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_dec_init(phy_ldpc_dec_t *q, const phy_ldpc_dec_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_ldpc_dec_free(phy_ldpc_dec_t *q);

/* Layered min-sum decoding: int8 check-to-variable messages, normalized by a factor chosen
 * per call from the base graph and the rows in use (about 3/4 on the core rows 0..3 and 5/8
 * to 11/16 on the extension rows; ldpc_dec.c pick_norm_unscaled), or with cfg->llr_scale >= 8
 * and extension rows in use reduced by an offset (offset min-sum, ldpc_dec.c pick_norm);
 * variable-to-check messages saturated to +-127, int16 a-posteriori LLRs (never saturate).
 * llr: n_llr LLRs of d_0..d_{n_llr-1}, indexed like the encoder output (so LLR i belongs
 * to c_{2Z+i} for i < K - 2Z), positive = 0; 1 <= n_llr <= 66 Z (BG1) / 50 Z (BG2). Rows
 * are used up to the last parity column n_llr reaches (at least the 4 core rows); missing
 * LLRs count as 0 (erased), the punctured c_0..c_{2Z-1} start at LLR 0 and the filler
 * positions are forced to "certainly 0" whatever llr holds there. -128 counts as -127.
 * Scale: about 16 per natural unit (llr = round(16 ln(P0/P1)), saturated at +-127) gives
 * the best block error rates in test_ldpc_bler.c at every rate; 4 per unit costs about
 * 0.1 dB at BG1 R = 1/3.
 * c: the K - F decoded bits c_0..c_{K-F-1}, packed big-endian (unused bits of the last
 * byte zeroed). res may be NULL. Returns 0 or OLIVE_EINVAL. Never allocates. */
OLIVE_API int phy_ldpc_decode(phy_ldpc_dec_t *q, const phy_ldpc_dec_cfg_t *cfg, const int8_t *llr,
                              unsigned n_llr, uint8_t *c, phy_ldpc_dec_result_t *res);

#endif
