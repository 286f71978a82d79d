/* SPDX-License-Identifier: Apache-2.0 */
/* Resource grid of one slot (TS 38.211 4.4.3): resource elements a_{k,l}^{(p)} stored per
 * antenna port p, OFDM symbol l (0..13 within the slot) and subcarrier k (0 .. 12 nof_prb
 * - 1, k = 0 the carrier's lowest subcarrier). Each symbol row starts on a 64-byte
 * boundary. Sized once at init for max_ports x 14 x 12 max_prb; the active width is set
 * per carrier with phy_grid_set_prb(). */
#ifndef OLIVE_PHY_GRID_H
#define OLIVE_PHY_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/phy.h"

typedef struct phy_grid_args {
  uint32_t max_ports; /* 1 .. 8 */
  uint32_t max_prb;   /* 1 .. 275 */
} phy_grid_args_t;

typedef struct phy_grid {
  cf_t *re;      /* max_ports * 14 rows of `stride` elements */
  size_t stride; /* elements between two symbols, a multiple of 8 (64 bytes) */
  uint32_t max_ports;
  uint32_t max_prb;
  uint32_t nof_ports; /* active ports, initially max_ports */
  uint32_t nof_prb;   /* active width, initially max_prb */
} phy_grid_t;

/* Allocates a zeroed grid. OLIVE_EINVAL on bad args, OLIVE_ENOMEM. */
OLIVE_API int phy_grid_init(phy_grid_t *g, const phy_grid_args_t *args);

/* NULL-safe and idempotent; fine after a failed init. */
OLIVE_API void phy_grid_free(phy_grid_t *g);

/* Sets the active ports and width (<= the maxima); OLIVE_EINVAL otherwise. */
OLIVE_API int phy_grid_set_size(phy_grid_t *g, uint32_t nof_ports, uint32_t nof_prb);

/* Zeroes the active part of every active port and symbol (call once per slot). */
OLIVE_API void phy_grid_clear(phy_grid_t *g);

/* Active subcarriers per symbol, 12 nof_prb. */
static inline uint32_t phy_grid_nof_sc(const phy_grid_t *g)
{
  return g->nof_prb * PHY_NSC_RB;
}

/* Row of symbol l (0..13) of port p: subcarriers 0 .. nof_sc - 1. No range check. */
static inline cf_t *phy_grid_symbol(const phy_grid_t *g, uint32_t port, uint32_t l)
{
  return g->re + ((size_t)port * PHY_NSYMB_SLOT + l) * g->stride;
}

/* Resource element (k, l) of port p. No range check. */
static inline cf_t *phy_grid_re(const phy_grid_t *g, uint32_t port, uint32_t l, uint32_t k)
{
  return phy_grid_symbol(g, port, l) + k;
}

#endif
