/* SPDX-License-Identifier: Apache-2.0 */
/* Resource grid of one slot (TS 38.211 4.4.3): resource elements a_{k,l}^{(p)} stored per
 * antenna port p, OFDM symbol l (0..13 within the slot) and subcarrier k (0 .. K - 1,
 * K = 12 nof_prb, k = 0 the carrier's lowest subcarrier). Each symbol row starts on a
 * 64-byte boundary. Sized once at init for max_ports x 14 x 12 max_prb; the active width
 * is set per carrier with phy_grid_set_size().
 *
 * Two row layouts:
 *  - natural (fft_size 0, the default): row[k] = a_{k,l}, the layout every receiver and
 *    the uplink transmitters work on;
 *  - transmit (fft_size N): each row is the N-point DFT input of its OFDM symbol, so the
 *    modulator transforms the grid in place of copying it. Subcarrier k sits at frequency
 *    (k - K/2) SCS (TS 38.211 5.3.1), i.e. at bin (k - K/2) mod N: the lower half of the
 *    carrier at the top of the row (N - K/2 ..), the upper half from bin 0, the guard
 *    bins in between always zero. Each symbol also carries a complex weight w_l, stored
 *    values are a_{k,l} w_l: the OFDM modulator sets w_l to its scale times the 5.4 phase
 *    term, and the mappers (SSB/PBCH, PDCCH, PDSCH) multiply while they write, so no
 *    pass over the grid is left between the mappers and the DFT.
 * Code that walks a row must go through phy_grid_re() / phy_grid_span(); functions
 * written for the natural layout only return OLIVE_EINVAL on a transmit grid. */
#ifndef OLIVE_PHY_GRID_H
#define OLIVE_PHY_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/phy.h"

typedef struct phy_grid_args {
  uint32_t max_ports; /* 1 .. 8 */
  uint32_t max_prb;   /* 1 .. 275 */
  uint32_t fft_size;  /* 0: natural rows; else transmit rows of this DFT size (even,
                         >= 12 max_prb, <= PHY_GRID_MAX_FFT) */
} phy_grid_args_t;

#define PHY_GRID_MAX_FFT 8192u

typedef struct phy_grid {
  cf_t *re;      /* max_ports * 14 rows of `stride` elements */
  size_t stride; /* elements between two symbols, a multiple of 8 (64 bytes) */
  uint32_t max_ports;
  uint32_t max_prb;
  uint32_t nof_ports;     /* active ports, initially max_ports */
  uint32_t nof_prb;       /* active width, initially max_prb */
  uint32_t fft_size;      /* 0 (natural layout) or the DFT size of a transmit grid */
  uint32_t k_off;         /* row index of subcarrier 0: 0, or fft_size - K/2 */
  uint32_t k_wrap;        /* first subcarrier stored from index 0 (K/2); UINT32_MAX if natural */
  cf_t w[PHY_NSYMB_SLOT]; /* per-symbol weight w_l of the stored values; 1 if natural */
} phy_grid_t;

/* Allocates a zeroed grid. OLIVE_EINVAL on bad args, OLIVE_ENOMEM. */
OLIVE_API int phy_grid_init(phy_grid_t *g, const phy_grid_args_t *args);

/* NULL-safe and idempotent; fine after a failed init. */
OLIVE_API void phy_grid_free(phy_grid_t *g);

/* Sets the active ports and width (<= the maxima); OLIVE_EINVAL otherwise. On a transmit
 * grid the width moves the bins (zero the grid afterwards: phy_grid_clear_all()). */
OLIVE_API int phy_grid_set_size(phy_grid_t *g, uint32_t nof_ports, uint32_t nof_prb);

/* Zeroes the active part of every active port and symbol (call once per slot). */
OLIVE_API void phy_grid_clear(phy_grid_t *g);

/* Zeroes every row in full, guard bins included. */
OLIVE_API void phy_grid_clear_all(phy_grid_t *g);

/* Sets the 14 symbol weights w_l of a transmit grid (each finite and non-zero); the
 * values already stored are not rescaled, so call it on a cleared grid. OLIVE_EINVAL on
 * a natural grid or a bad weight. */
OLIVE_API int phy_grid_set_weights(phy_grid_t *g, const cf_t w[PHY_NSYMB_SLOT]);

/* True for the natural layout (row[k] = a_{k,l}). */
static inline int phy_grid_is_natural(const phy_grid_t *g)
{
  return g->fft_size == 0;
}

/* Active subcarriers per symbol, 12 nof_prb. */
static inline uint32_t phy_grid_nof_sc(const phy_grid_t *g)
{
  return g->nof_prb * PHY_NSC_RB;
}

/* Row of symbol l (0..13) of port p: subcarriers 0 .. nof_sc - 1 in the natural layout,
 * the DFT input (fft_size bins) of a transmit grid. No range check. */
static inline cf_t *phy_grid_symbol(const phy_grid_t *g, uint32_t port, uint32_t l)
{
  return g->re + ((size_t)port * PHY_NSYMB_SLOT + l) * g->stride;
}

/* Row index of subcarrier k (< K) in either layout. */
static inline uint32_t phy_grid_index(const phy_grid_t *g, uint32_t k)
{
  return k < g->k_wrap ? k + g->k_off : k - g->k_wrap;
}

/* Resource element (k, l) of port p (the stored value, a_{k,l} w_l). No range check. */
static inline cf_t *phy_grid_re(const phy_grid_t *g, uint32_t port, uint32_t l, uint32_t k)
{
  return phy_grid_symbol(g, port, l) + phy_grid_index(g, k);
}

/* Subcarriers k .. k + n - 1 of (port, l) as at most two contiguous pieces: piece[0] holds
 * n0 elements, piece[1] the remaining n - n0 (only on a transmit grid, when the span
 * crosses k = K/2). Returns n0. No range check. */
static inline uint32_t phy_grid_span(const phy_grid_t *g, uint32_t port, uint32_t l, uint32_t k,
                                     uint32_t n, cf_t *piece[2])
{
  cf_t *row = phy_grid_symbol(g, port, l);
  piece[0] = row + phy_grid_index(g, k);
  piece[1] = row;
  return k < g->k_wrap && k + n > g->k_wrap ? g->k_wrap - k : n;
}

/* a_{k,l}^{(p)} itself, the stored value divided by w_l (tests, displays). */
static inline cf_t phy_grid_get(const phy_grid_t *g, uint32_t port, uint32_t l, uint32_t k)
{
  cf_t v = *phy_grid_re(g, port, l, k);
  return g->fft_size == 0 ? v : v / g->w[l];
}

#endif
