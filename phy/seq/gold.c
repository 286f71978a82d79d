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
 * steps; the reductions are a few shifts because both p(z) are sparse. */
#include "olive/phy/seq.h"

#include <string.h>

#define NC     1600u
#define MASK31 0x7fffffffu

/* x1(m+31) = x1(m+3) + x1(m). Returns x1(m..m+62) from the window x1(m..m+30). */
static inline uint64_t x1_extend(uint64_t w)
{
  w |= ((w ^ (w >> 3)) & 0x0fffffffu) << 31;
  return w | (((w >> 28) ^ (w >> 31)) & 0xfu) << 59;
}

/* x2(m+31) = x2(m+3) + x2(m+2) + x2(m+1) + x2(m). */
static inline uint64_t x2_extend(uint64_t w)
{
  w |= ((w ^ (w >> 1) ^ (w >> 2) ^ (w >> 3)) & 0x0fffffffu) << 31;
  return w | (((w >> 28) ^ (w >> 29) ^ (w >> 30) ^ (w >> 31)) & 0xfu) << 59;
}

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
  uint64_t w = x2 ? x2_extend(s) : x1_extend(s);
  uint64_t acc = 0;
  for (; r; r &= r - 1)
    acc ^= w >> __builtin_ctzll(r);
  return (uint32_t)(acc & MASK31);
}

void phy_seq_gold_init(phy_seq_gold_t *g, uint32_t c_init, uint32_t n)
{
  uint64_t steps = (uint64_t)NC + n;
  g->x1 = jump(1u, z_pow(steps, 0), 0); /* x1(0) = 1, x1(1..30) = 0 */
  g->x2 = jump(c_init & MASK31, z_pow(steps, 1), 1);
}

uint32_t phy_seq_gold_next32(phy_seq_gold_t *g)
{
  uint64_t w1 = x1_extend(g->x1), w2 = x2_extend(g->x2);
  g->x1 = (uint32_t)(w1 >> 32) & MASK31;
  g->x2 = (uint32_t)(w2 >> 32) & MASK31;
  return (uint32_t)(w1 ^ w2);
}

/* LSB-first word to four bytes of one-bit-per-byte output: replicate each byte 8 times,
 * keep bit i in byte i, map non-zero bytes to 1. */
static inline void word_to_bits(uint8_t *c, uint32_t w, size_t nbits)
{
  uint8_t tmp[32];
  for (int k = 0; k < 4; k++) {
    uint64_t x = (uint64_t)((w >> (8 * k)) & 0xffu) * 0x0101010101010101ull;
    x &= 0x8040201008040201ull;
    x = ((x + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
    memcpy(tmp + 8 * k, &x, 8);
  }
  memcpy(c, tmp, nbits);
}

void phy_seq_gold_bits(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0; i < len; i += 32)
    word_to_bits(c + i, phy_seq_gold_next32(&g), len - i < 32 ? len - i : 32);
}

/* LSB-first word to MSB-first bytes: reverse the bits inside each byte. */
static inline uint32_t rev_in_bytes(uint32_t w)
{
  w = ((w >> 1) & 0x55555555u) | ((w & 0x55555555u) << 1);
  w = ((w >> 2) & 0x33333333u) | ((w & 0x33333333u) << 2);
  return ((w >> 4) & 0x0f0f0f0fu) | ((w & 0x0f0f0f0fu) << 4);
}

void phy_seq_gold_packed(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0; i < len; i += 32) {
    size_t rem = len - i < 32 ? len - i : 32;
    uint32_t w = phy_seq_gold_next32(&g);
    if (rem < 32)
      w &= (1u << rem) - 1; /* bits past len are zero */
    w = rev_in_bytes(w);
    uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
    memcpy(c + i / 8, b, (rem + 7) / 8);
  }
}

void phy_seq_gold_float(float *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0; i < len; i += 32) {
    uint32_t w = phy_seq_gold_next32(&g);
    size_t rem = len - i < 32 ? len - i : 32;
    for (size_t j = 0; j < rem; j++)
      c[i + j] = ((w >> j) & 1u) ? -1.0f : 1.0f;
  }
}
