/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 5.2.1: the length-31 Gold sequence c(n), 32 output bits per step.
 *
 * Each m-sequence is kept as a 31-bit window, bit i = x(m+i). One step extends the window
 * to 63 bits with the recurrences (28 new bits from the old window, then 4 more from
 * those) and emits x(m)..x(m+31).
 *
 * Jumping to c(n) needs x(n + Nc). For an LFSR with characteristic polynomial p(z)
 * (x1: z^31 + z^3 + 1; x2: z^31 + z^3 + z^2 + z + 1), z^N = r(z) mod p(z) gives
 * x(N + j) = sum_i r_i x(i + j), so the window after N steps is the XOR of the initial
 * 62-bit run shifted by every i with r_i = 1. r(z) costs O(log N) square-and-reduce
 * steps; the reductions are a few shifts because both p(z) are sparse.
 *
 * Long runs: gold_bulk.c. Output forms: gold_out.c. */
#include "olive/phy/seq.h"

#include "gold_internal.h"

#define NC     1600u
#define MASK31 PHY_GOLD_MASK31

/* a(z)^2 in GF(2)[z]: spread the 31 bits of a to the even positions. */
static inline uint64_t gf2_square(uint64_t a)
{
  a = (a | (a << 16)) & 0x0000ffff0000ffffull;
  a = (a | (a << 8)) & 0x00ff00ff00ff00ffull;
  a = (a | (a << 4)) & 0x0f0f0f0f0f0f0f0full;
  a = (a | (a << 2)) & 0x3333333333333333ull;
  return (a | (a << 1)) & 0x5555555555555555ull;
}

/* h mod p, p = z^31 + tail(z): the part above z^31 folds back as hi(z) * tail(z). */
static inline uint64_t reduce_x1(uint64_t h)
{
  while (h >> 31) {
    uint64_t hi = h >> 31;
    h = (h & MASK31) ^ hi ^ (hi << 3);
  }
  return h;
}

static inline uint64_t reduce_x2(uint64_t h)
{
  while (h >> 31) {
    uint64_t hi = h >> 31;
    h = (h & MASK31) ^ hi ^ (hi << 1) ^ (hi << 2) ^ (hi << 3);
  }
  return h;
}

/* z^N mod p, p selected by x2 (0: x1, 1: x2). */
static uint64_t z_pow(uint64_t n, int x2)
{
  uint64_t r = 1;
  for (int b = 63 - __builtin_clzll(n | 1); b >= 0; b--) {
    r = gf2_square(r);
    r = x2 ? reduce_x2(r) : reduce_x1(r);
    if ((n >> b) & 1) {
      r <<= 1;
      r = x2 ? reduce_x2(r) : reduce_x1(r);
    }
  }
  return r;
}

/* Window after N steps from the window `s`, given r(z) = z^N mod p. */
static uint32_t jump(uint32_t s, uint64_t r, int x2)
{
  uint64_t w = x2 ? phy_gold_x2_extend(s) : phy_gold_x1_extend(s);
  uint64_t acc = 0;
  for (; r; r &= r - 1)
    acc ^= w >> __builtin_ctzll(r);
  return (uint32_t)(acc & MASK31);
}

/* The start at n = 0, precomputed: the x1 window x1(Nc .. Nc+30) (x1 starts from a
 * fixed state) and z^Nc mod p2(z). tests/phy/seq checks every start against a bit-serial
 * run of the recurrences, so a wrong constant fails there. */
#define X1_AT_NC    0x5e485840u
#define Z_NC_MOD_P2 0x0099110eu

void phy_seq_gold_init(phy_seq_gold_t *g, uint32_t c_init, uint32_t n)
{
  if (n == 0) {
    g->x1 = X1_AT_NC;
    g->x2 = jump(c_init & MASK31, Z_NC_MOD_P2, 1);
    return;
  }
  uint64_t steps = (uint64_t)NC + n;
  g->x1 = jump(1u, z_pow(steps, 0), 0); /* x1(0) = 1, x1(1..30) = 0 */
  g->x2 = jump(c_init & MASK31, z_pow(steps, 1), 1);
}

uint32_t phy_seq_gold_next32(phy_seq_gold_t *g)
{
  uint64_t w1 = phy_gold_x1_extend(g->x1), w2 = phy_gold_x2_extend(g->x2);
  g->x1 = (uint32_t)(w1 >> 32) & MASK31;
  g->x2 = (uint32_t)(w2 >> 32) & MASK31;
  return (uint32_t)(w1 ^ w2);
}
