/* SPDX-License-Identifier: Apache-2.0 */
/* Gold sequence internals shared by the scalar generator, the word-parallel generator and
 * the output forms (not exported). */
#ifndef OLIVE_PHY_GOLD_INTERNAL_H
#define OLIVE_PHY_GOLD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/seq.h"

#define PHY_GOLD_MASK31 0x7fffffffu

/* x1(m+31) = x1(m+3) + x1(m). Returns x1(m..m+62) from the window x1(m..m+30). */
static inline uint64_t phy_gold_x1_extend(uint64_t w)
{
  w |= ((w ^ (w >> 3)) & 0x0fffffffu) << 31;
  return w | (((w >> 28) ^ (w >> 31)) & 0xfu) << 59;
}

/* x2(m+31) = x2(m+3) + x2(m+2) + x2(m+1) + x2(m). */
static inline uint64_t phy_gold_x2_extend(uint64_t w)
{
  w |= ((w ^ (w >> 1) ^ (w >> 2) ^ (w >> 3)) & 0x0fffffffu) << 31;
  return w | (((w >> 28) ^ (w >> 29) ^ (w >> 30) ^ (w >> 31)) & 0xfu) << 59;
}

/* Produces the first floor(len / PHY_GOLD_BULK_BITS) blocks of PHY_GOLD_BULK_BITS bits
 * of the sequence at g through store(dst, bit offset, 64-bit LSB-first words) and leaves
 * g after them; returns the number of bits produced (0 when len is too short to pay for
 * the set-up). */
#define PHY_GOLD_BULK_WORDS 64 /* 64-bit words per block */
#define PHY_GOLD_BULK_BITS  (64 * PHY_GOLD_BULK_WORDS)

typedef void (*phy_gold_store_fn)(void *dst, size_t bit_off, const uint64_t *blk);

size_t phy_gold_bulk_run(phy_seq_gold_t *g, size_t len, phy_gold_store_fn store, void *dst);

#endif
