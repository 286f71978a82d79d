/* SPDX-License-Identifier: Apache-2.0 */
/* Scrambling kernels per ISA (hidden; chosen once by phy_scrambling_init). A kernel
 * applies len <= 32 * PHY_SCRAMBLING_CHUNK_WORDS sequence bits given as LSB-first 32-bit
 * words (bit j of c[i] is the bit for element 32 i + j) to LLRs or to one-bit-per-byte
 * bits. */
#ifndef OLIVE_PHY_SCRAMBLING_INTERNAL_H
#define OLIVE_PHY_SCRAMBLING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "olive/phy/scrambling.h"
#include "olive/phy/seq.h"

#define PHY_SCRAMBLING_CHUNK_WORDS 1024 /* 32768 elements per sequence chunk (4 KiB) */

struct phy_scrambling_ops {
  void (*llr_f32)(float *out, const float *in, size_t len, const uint32_t *c);
  void (*llr_i8)(int8_t *out, const int8_t *in, size_t len, const uint32_t *c);
  void (*bits)(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c); /* 0/1 */
};

extern const phy_scrambling_ops_t phy_scrambling_ops_generic;
extern const phy_scrambling_ops_t phy_scrambling_ops_avx2;
extern const phy_scrambling_ops_t phy_scrambling_ops_avx512;

/* Flips the sign of in[j] where bit j of w is set, j < n <= 32 (exact: sign bit XOR). */
static inline void phy_scrambling_f32_word(float *out, const float *in, size_t n, uint32_t w)
{
  for (size_t j = 0; j < n; j++) {
    uint32_t u;
    memcpy(&u, &in[j], 4);
    u ^= ((w >> j) & 1u) << 31;
    memcpy(&out[j], &u, 4);
  }
}

/* out[j] = in[j] XOR bit j of w, j < n <= 32 (the scalar tail of the bit kernels). */
static inline void phy_scrambling_bits_word(uint8_t *out, const uint8_t *in, size_t n, uint32_t w)
{
  for (size_t j = 0; j < n; j++)
    out[j] = (uint8_t)(in[j] ^ ((w >> j) & 1u));
}

/* Saturated negation of in[j] where bit j of w is set, j < n <= 32. Branch-free:
 * with m = 0 or -1, (v ^ m) - m is v or -v, and only -(-128) = 128 needs clamping. */
static inline void phy_scrambling_i8_word(int8_t *out, const int8_t *in, size_t n, uint32_t w)
{
  for (size_t j = 0; j < n; j++) {
    int m = -(int)((w >> j) & 1u);
    int v = (in[j] ^ m) - m;
    out[j] = (int8_t)(v - (v == 128));
  }
}

#endif
