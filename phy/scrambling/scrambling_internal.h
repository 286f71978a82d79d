/* SPDX-License-Identifier: Apache-2.0 */
/* Scrambling kernels per ISA (hidden; chosen once by phy_scrambling_init). Every kernel
 * applies c(n + i) from a Gold generator already positioned at c(n). */
#ifndef OLIVE_PHY_SCRAMBLING_INTERNAL_H
#define OLIVE_PHY_SCRAMBLING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "olive/phy/scrambling.h"
#include "olive/phy/seq.h"

struct phy_scrambling_ops {
  void (*llr_f32)(phy_seq_gold_t *g, float *out, const float *in, size_t len);
  void (*llr_i8)(phy_seq_gold_t *g, int8_t *out, const int8_t *in, size_t len);
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

/* Saturated negation of in[j] where bit j of w is set, j < n <= 32. */
static inline void phy_scrambling_i8_word(int8_t *out, const int8_t *in, size_t n, uint32_t w)
{
  for (size_t j = 0; j < n; j++) {
    int v = in[j];
    if ((w >> j) & 1u)
      v = v == -128 ? 127 : -v;
    out[j] = (int8_t)v;
  }
}

#endif
