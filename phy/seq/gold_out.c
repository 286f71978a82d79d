/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 5.2.1 c(n) in the three output forms: one bit per byte, packed big-endian
 * bytes and +-1 floats (1 - 2 c(n)). Long outputs go through the word-parallel generator
 * (gold_bulk.c), the rest 32 bits at a time. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/seq.h"

#include "gold_internal.h"

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
  for (int k = 0; k < PHY_GOLD_BULK_WORDS; k++)
    word_to_bits((uint8_t *)dst + off + 64 * k, blk[k], 64);
}

void phy_seq_gold_bits(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = phy_gold_bulk_run(&g, len, store_bits, c); i < len; i += 32)
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
  for (int k = 0; k < PHY_GOLD_BULK_WORDS; k++) {
    uint64_t w = rev_in_bytes(blk[k]);
    for (int j = 0; j < 8; j++)
      c[8 * k + j] = (uint8_t)(w >> (8 * j));
  }
}

void phy_seq_gold_packed(uint8_t *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = phy_gold_bulk_run(&g, len, store_packed, c); i < len; i += 32) {
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
  for (int k = 0; k < PHY_GOLD_BULK_WORDS; k++)
    word_to_float((float *)dst + off + 64 * k, blk[k], 64);
}

void phy_seq_gold_float(float *c, uint32_t c_init, uint32_t n, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = phy_gold_bulk_run(&g, len, store_float, c); i < len; i += 32)
    word_to_float(c + i, phy_seq_gold_next32(&g), len - i < 32 ? len - i : 32);
}

/* Two sequence bits per symbol: 16 symbols per 32-bit word, c(2m) in the even bit. */
static inline void word_to_qpsk(cf_t *r, uint64_t w, size_t nsym)
{
  const float a = (float)M_SQRT1_2;
  for (size_t j = 0; j < nsym; j++)
    r[j] = phy_cf_make(((w >> (2 * j)) & 1u) ? -a : a, ((w >> (2 * j + 1)) & 1u) ? -a : a);
}

static void store_qpsk(void *dst, size_t off, const uint64_t *blk)
{
  for (int k = 0; k < PHY_GOLD_BULK_WORDS; k++)
    word_to_qpsk((cf_t *)dst + off / 2 + 32 * k, blk[k], 32);
}

void phy_seq_gold_qpsk(cf_t *r, uint32_t c_init, uint32_t m0, size_t len)
{
  phy_seq_gold_t g;
  phy_seq_gold_init(&g, c_init, 2 * m0);
  size_t nbits = 2 * len;
  for (size_t i = phy_gold_bulk_run(&g, nbits, store_qpsk, r); i < nbits; i += 32)
    word_to_qpsk(r + i / 2, phy_seq_gold_next32(&g), (nbits - i < 32 ? nbits - i : 32) / 2);
}
