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
 * Long runs use p(z)^64 = p(z^64) (Frobenius): with V_j = x(m + 64j .. m + 64j + 63),
 * x1 gives V_{j+31} = V_{j+3} + V_j and x2 gives V_{j+31} = V_{j+3} + V_{j+2} + V_{j+1} +
 * V_j, i.e. a few XORs per 64 output bits once the first 31 words exist. */
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
  uint64_t w1 = x1_extend(g->x1), w2 = x2_extend(g->x2);
  g->x1 = (uint32_t)(w1 >> 32) & MASK31;
  g->x2 = (uint32_t)(w2 >> 32) & MASK31;
  return (uint32_t)(w1 ^ w2);
}

/* ---- Bulk generation ------------------------------------------------------------------ */

enum {
  BULK_B = 64, /* 64-bit words produced per block */
  BULK_MIN_WORDS = 256
}; /* 32-bit words below which the ring set-up does not pay */

typedef struct gold_bulk {
  uint64_t x1[31 + BULK_B], x2[31 + BULK_B];
} gold_bulk_t;

/* First 31 64-bit words of x1 and x2 from the windows in g (62 scalar steps each). */
static void bulk_start(gold_bulk_t *b, const phy_seq_gold_t *g)
{
  uint32_t s1 = g->x1, s2 = g->x2;
  for (int j = 0; j < 62; j++) {
    uint64_t w1 = x1_extend(s1), w2 = x2_extend(s2);
    s1 = (uint32_t)(w1 >> 32) & MASK31;
    s2 = (uint32_t)(w2 >> 32) & MASK31;
    int sh = 32 * (j & 1);
    b->x1[j / 2] = (j & 1 ? b->x1[j / 2] : 0) | (w1 & 0xffffffffu) << sh;
    b->x2[j / 2] = (j & 1 ? b->x2[j / 2] : 0) | (w2 & 0xffffffffu) << sh;
  }
}

/* Emits BULK_B words c = x1 ^ x2 and slides the ring by BULK_B. */
static void bulk_block(gold_bulk_t *b, uint64_t *out)
{
  uint64_t *x1 = b->x1, *x2 = b->x2;
  for (int k = 0; k < BULK_B; k++) {
    x1[k + 31] = x1[k + 3] ^ x1[k];
    x2[k + 31] = x2[k + 3] ^ x2[k + 2] ^ x2[k + 1] ^ x2[k];
    out[k] = x1[k] ^ x2[k];
  }
  memmove(x1, x1 + BULK_B, 31 * sizeof *x1);
  memmove(x2, x2 + BULK_B, 31 * sizeof *x2);
}

void phy_seq_gold_fill(phy_seq_gold_t *g, uint32_t *w, size_t nwords)
{
  size_t i = 0;
  if (nwords >= BULK_MIN_WORDS) {
    gold_bulk_t b;
    uint64_t blk[BULK_B];
    bulk_start(&b, g);
    for (; i + 2 * BULK_B <= nwords; i += 2 * BULK_B) {
      bulk_block(&b, blk);
      for (int k = 0; k < BULK_B; k++) {
        w[i + 2 * k] = (uint32_t)blk[k];
        w[i + 2 * k + 1] = (uint32_t)(blk[k] >> 32);
      }
    }
    g->x1 = (uint32_t)b.x1[0] & MASK31; /* windows at the first word not emitted */
    g->x2 = (uint32_t)b.x2[0] & MASK31;
  }
  for (; i < nwords; i++)
    w[i] = phy_seq_gold_next32(g);
}

typedef void (*bulk_store_fn)(void *dst, size_t bit_off, const uint64_t *blk);

/* Generates the first floor(len / (64 BULK_B)) blocks of 64 BULK_B bits through `store`
 * and leaves g positioned after them. Returns the number of bits produced. */
static size_t bulk_run(phy_seq_gold_t *g, size_t len, bulk_store_fn store, void *dst)
{
  const size_t blk_bits = 64 * BULK_B;
  if (len < 32 * BULK_MIN_WORDS)
    return 0;
  gold_bulk_t b;
  uint64_t blk[BULK_B];
  size_t i = 0;
  bulk_start(&b, g);
  for (; i + blk_bits <= len; i += blk_bits) {
    bulk_block(&b, blk);
    store(dst, i, blk);
  }
  g->x1 = (uint32_t)b.x1[0] & MASK31;
  g->x2 = (uint32_t)b.x2[0] & MASK31;
  return i;
}

/* One LSB-first byte of sequence as eight 0/1 bytes: replicate it, keep bit i in byte i,
 * map non-zero bytes to 1 (adding 0x7f carries into bit 7 only). */
static inline uint64_t spread8(uint64_t byte)
{
  uint64_t x = byte * 0x0101010101010101ull;
  x &= 0x8040201008040201ull;
  return ((x + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
}

static inline void word_to_bits(uint8_t *c, uint64_t w, size_t nbits)
{
  uint8_t tmp[64];
  for (int k = 0; k < 8; k++) {
    uint64_t x = spread8((w >> (8 * k)) & 0xffu);
    memcpy(tmp + 8 * k, &x, 8);
  }
  memcpy(c, tmp, nbits);
}

static void store_bits(void *dst, size_t off, const uint64_t *blk)
{
  for (int k = 0; k < BULK_B; k++)
    word_to_bits((uint8_t *)dst + off + 64 * k, blk[k], 64);
}

void phy_seq_gold_bits(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = bulk_run(&g, len, store_bits, c); i < len; i += 32)
    word_to_bits(c + i, phy_seq_gold_next32(&g), len - i < 32 ? len - i : 32);
}

/* LSB-first bytes to MSB-first bytes: reverse the bits inside each byte. */
static inline uint64_t rev_in_bytes(uint64_t w)
{
  w = ((w >> 1) & 0x5555555555555555ull) | ((w & 0x5555555555555555ull) << 1);
  w = ((w >> 2) & 0x3333333333333333ull) | ((w & 0x3333333333333333ull) << 2);
  return ((w >> 4) & 0x0f0f0f0f0f0f0f0full) | ((w & 0x0f0f0f0f0f0f0f0full) << 4);
}

static void store_packed(void *dst, size_t off, const uint64_t *blk)
{
  uint8_t *c = (uint8_t *)dst + off / 8;
  for (int k = 0; k < BULK_B; k++) {
    uint64_t w = rev_in_bytes(blk[k]);
    for (int j = 0; j < 8; j++)
      c[8 * k + j] = (uint8_t)(w >> (8 * j));
  }
}

void phy_seq_gold_packed(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = bulk_run(&g, len, store_packed, c); i < len; i += 32) {
    size_t rem = len - i < 32 ? len - i : 32;
    uint32_t w = phy_seq_gold_next32(&g);
    if (rem < 32)
      w &= (1u << rem) - 1; /* bits past len are zero */
    w = (uint32_t)rev_in_bytes(w);
    uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
    memcpy(c + i / 8, b, (rem + 7) / 8);
  }
}

static inline void word_to_float(float *c, uint64_t w, size_t n)
{
  for (size_t j = 0; j < n; j++)
    c[j] = ((w >> j) & 1u) ? -1.0f : 1.0f;
}

static void store_float(void *dst, size_t off, const uint64_t *blk)
{
  for (int k = 0; k < BULK_B; k++)
    word_to_float((float *)dst + off + 64 * k, blk[k], 64);
}

void phy_seq_gold_float(float *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = bulk_run(&g, len, store_float, c); i < len; i += 32)
    word_to_float(c + i, phy_seq_gold_next32(&g), len - i < 32 ? len - i : 32);
}
