/* SPDX-License-Identifier: Apache-2.0 */
/* Transform precoding for DFT-s-OFDM PUSCH, TS 38.211 6.3.1.4:
 *
 *   y(l M + k) = 1/sqrt(M) sum_{i=0}^{M-1} x(l M + i) e^{-j 2 pi i k / M},
 *   k = 0..M-1, l = 0..M_symb/M - 1,  M = M_sc^PUSCH = 12 M_RB^PUSCH,
 *   M_RB^PUSCH = 2^a2 3^a3 5^a5 (a2, a3, a5 >= 0).
 *
 * The inverse (receiver side) is the unitary inverse DFT with the same 1/sqrt(M).
 * FFTW single-precision plans for every allowed M_RB up to max_prb are made at init; the
 * per-call functions never plan, allocate or do I/O. The object owns work buffers, so one
 * object serves one thread at a time. Init plans with FFTW, whose planner is not
 * thread-safe: create these objects from one thread (or before other threads plan). */
#ifndef OLIVE_PHY_TRANSFORM_PRECODING_H
#define OLIVE_PHY_TRANSFORM_PRECODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/phy/phy.h"
#include "olive/support/api.h"

#define PHY_TP_MAX_PRB                                                                             \
  273 /* largest carrier (100 MHz at 30 kHz); the largest allowed M_RB is 270 */

/* True when n_prb is an allowed M_RB^PUSCH (2^a 3^b 5^c, 1..PHY_TP_MAX_PRB). */
OLIVE_API bool phy_transform_precoding_valid_prb(uint32_t n_prb);

typedef struct phy_transform_precoding_args {
  uint32_t max_prb; /* largest M_RB to plan for, 1..PHY_TP_MAX_PRB; 0 = PHY_TP_MAX_PRB */
  bool measure;     /* FFTW_MEASURE plans (slower init, faster DFTs); else FFTW_ESTIMATE */
} phy_transform_precoding_args_t;

typedef struct phy_transform_precoding {
  uint32_t max_prb;
  void *fwd[PHY_TP_MAX_PRB + 1]; /* fftwf_plan per allowed M_RB, NULL elsewhere */
  void *inv[PHY_TP_MAX_PRB + 1];
  cf_t *buf_in;  /* 12 * max_prb samples, plan input */
  cf_t *buf_out; /* 12 * max_prb samples, plan output */
} phy_transform_precoding_t;

/* Plans every allowed size up to args->max_prb (args may be NULL). Returns 0,
 * OLIVE_EINVAL (max_prb > PHY_TP_MAX_PRB) or OLIVE_ENOMEM (allocation or planning). */
OLIVE_API int phy_transform_precoding_init(phy_transform_precoding_t *q,
                                           const phy_transform_precoding_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_transform_precoding_free(phy_transform_precoding_t *q);

/* Transform precoding of nsym blocks of M = 12 n_prb symbols: x[l M .. l M + M - 1] ->
 * y[l M + k] for l = 0..nsym-1. in and out may be the same buffer; any alignment.
 * Returns 0, or OLIVE_EINVAL when n_prb is not allowed or above max_prb, or a pointer is
 * NULL. */
OLIVE_API int phy_transform_precoding_encode(phy_transform_precoding_t *q, uint32_t n_prb,
                                             const cf_t *x, size_t nsym, cf_t *y);

/* Transform deprecoding (receiver): the unitary inverse DFT of each block of M = 12 n_prb
 * samples. Same arguments and errors as phy_transform_precoding_encode. */
OLIVE_API int phy_transform_precoding_decode(phy_transform_precoding_t *q, uint32_t n_prb,
                                             const cf_t *y, size_t nsym, cf_t *x);

#endif
