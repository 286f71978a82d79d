/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the rate-matching files (hidden): the walk over the valid circular-buffer
 * positions of TS 38.212 5.4.2.1 and the transmit kernel. */
#ifndef OLIVE_PHY_LDPC_RM_INTERNAL_H
#define OLIVE_PHY_LDPC_RM_INTERNAL_H

#include <stdint.h>

typedef struct cb_walk {
  unsigned p;   /* next circular-buffer position to read */
  unsigned fs;  /* first filler position (clipped to n_cb) */
  unsigned fe;  /* one past the last filler position (clipped to n_cb) */
  unsigned ncb; /* N_cb */
} cb_walk_t;

/* Bit selection and interleaving (5.4.2.1, 5.4.2.2) from the walk's start w->p = k0:
 * f_{i + j qm} = e_{i e/qm + j} for the e output bytes, qm 6 or 8. Reads only the bytes of
 * d holding selected bits. */
void phy_ldpc_rm_tx(const cb_walk_t *w, const uint8_t *d, uint8_t *f, unsigned qm, unsigned e);

/* Q_m = 8 block of 64 output groups: f[8 t + i] = bit 63 - t of r[i], t < 64, i < 8. */
typedef void (*phy_ldpc_rm_block8_fn)(uint8_t *f, const uint64_t *r);

void phy_ldpc_rm_block8_avx512(uint8_t *f, const uint64_t *r);

/* Q_m = 8 de-interleaver row: e[t] = f[8 t + i], t < n. phy_ldpc_rm_gather8 is the variant
 * chosen at library load (rate_match_tx.c). */
typedef void (*phy_ldpc_rm_gather8_fn)(int8_t *e, const int8_t *f, unsigned i, unsigned n);

extern phy_ldpc_rm_gather8_fn phy_ldpc_rm_gather8;

void phy_ldpc_rm_gather8_avx512(int8_t *e, const int8_t *f, unsigned i, unsigned n);

#endif
