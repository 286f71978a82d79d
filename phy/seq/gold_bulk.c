/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 5.2.1 c(n) for long runs, 64 bits per word step.
 *
 * p(z)^64 = p(z^64) over GF(2) (Frobenius), so with V_j = x(m + 64j .. m + 64j + 63) the
 * recurrences hold word-wise: x1 gives V_{j+31} = V_{j+3} + V_j and x2 gives
 * V_{j+31} = V_{j+3} + V_{j+2} + V_{j+1} + V_j. Once the first 31 words of each exist (62
 * scalar steps), every further 64 output bits cost a few XORs. */
#include <string.h>

#include "olive/phy/seq.h"

#include "gold_internal.h"

#define B         PHY_GOLD_BULK_WORDS
#define MIN_WORDS 128 /* 64-bit words below which the set-up does not pay */

typedef struct gold_ring {
  uint64_t x1[31 + B], x2[31 + B];
} gold_ring_t;

/* One 64-bit word of the m-sequence with window *s (LSB first), advancing *s by 64. */
static inline uint64_t x1_word(uint32_t *s)
{
  uint64_t a = phy_gold_x1_extend(*s);
  uint64_t b = phy_gold_x1_extend((uint32_t)(a >> 32) & PHY_GOLD_MASK31);
  *s = (uint32_t)(b >> 32) & PHY_GOLD_MASK31;
  return (a & 0xffffffffu) | (b << 32);
}

static inline uint64_t x2_word(uint32_t *s)
{
  uint64_t a = phy_gold_x2_extend(*s);
  uint64_t b = phy_gold_x2_extend((uint32_t)(a >> 32) & PHY_GOLD_MASK31);
  *s = (uint32_t)(b >> 32) & PHY_GOLD_MASK31;
  return (a & 0xffffffffu) | (b << 32);
}

static void ring_start(gold_ring_t *r, const phy_seq_gold_t *g)
{
  uint32_t s1 = g->x1, s2 = g->x2;
  for (int j = 0; j < 31; j++) {
    r->x1[j] = x1_word(&s1);
    r->x2[j] = x2_word(&s2);
  }
}

/* Emits B words of c = x1 + x2 and slides the ring by B words. */
static void ring_block(gold_ring_t *r, uint64_t *out)
{
  uint64_t *x1 = r->x1, *x2 = r->x2;
  for (int k = 0; k < B; k++) {
    x1[k + 31] = x1[k + 3] ^ x1[k];
    x2[k + 31] = x2[k + 3] ^ x2[k + 2] ^ x2[k + 1] ^ x2[k];
    out[k] = x1[k] ^ x2[k];
  }
  memmove(x1, x1 + B, 31 * sizeof *x1);
  memmove(x2, x2 + B, 31 * sizeof *x2);
}

size_t phy_gold_bulk_run(phy_seq_gold_t *g, size_t len, phy_gold_store_fn store, void *dst)
{
  if (len < 64 * MIN_WORDS)
    return 0;
  gold_ring_t r;
  uint64_t blk[B];
  size_t i = 0;
  ring_start(&r, g);
  for (; i + PHY_GOLD_BULK_BITS <= len; i += PHY_GOLD_BULK_BITS) {
    ring_block(&r, blk);
    store(dst, i, blk);
  }
  /* The windows at the first bit not emitted are the low 31 bits of the next words. */
  g->x1 = (uint32_t)r.x1[0] & PHY_GOLD_MASK31;
  g->x2 = (uint32_t)r.x2[0] & PHY_GOLD_MASK31;
  return i;
}

static void store_words(void *dst, size_t off, const uint64_t *blk)
{
  uint32_t *w = (uint32_t *)dst + off / 32;
  for (int k = 0; k < B; k++) {
    w[2 * k] = (uint32_t)blk[k];
    w[2 * k + 1] = (uint32_t)(blk[k] >> 32);
  }
}

void phy_seq_gold_fill(phy_seq_gold_t *g, uint32_t *w, size_t nwords)
{
  for (size_t i = phy_gold_bulk_run(g, 32 * nwords, store_words, w) / 32; i < nwords; i++)
    w[i] = phy_seq_gold_next32(g);
}
