/* SPDX-License-Identifier: Apache-2.0 */
/* Polar encoder, TS 38.212 5.3.1.2: sub-channel allocation with PC bits, then
 * d = u G_N with G_N = F^{(x)n}, F = [[1,0],[1,1]]. */
#include <string.h>

#include "olive/phy/polar.h"
#include "olive/support/error.h"

/* TS 38.212 5.3.1.2: y0..y4 cyclic shift register; every index rotates it, info bits are
 * added into y0, PC bits take y0. */
void phy_polar_alloc(const phy_polar_code_t *c, const uint8_t *cp, uint8_t *u)
{
  unsigned y = 0, k = 0; /* bit j of y is y_j */
  for (unsigned n = 0; n < c->N; n++) {
    y = ((y >> 1) | (y << 4)) & 0x1f; /* y0 <- y1, ..., y4 <- y0 */
    switch (c->role[n]) {
    case PHY_POLAR_INFO:
      u[n] = cp[k++] & 1;
      y ^= u[n];
      break;
    case PHY_POLAR_PC:
      u[n] = (uint8_t)(y & 1);
      break;
    default:
      u[n] = 0;
    }
  }
}

/* x[k] ^= x[k + h] for every k with bit h clear, bit j of the block at word bit j & 63. */
static void polar_butterfly_words(uint64_t *w, unsigned nw, unsigned N)
{
  static const uint64_t mask[6] = {0x5555555555555555ull, 0x3333333333333333ull,
                                   0x0f0f0f0f0f0f0f0full, 0x00ff00ff00ff00ffull,
                                   0x0000ffff0000ffffull, 0x00000000ffffffffull};
  for (unsigned s = 0; s < 6 && (1u << s) < N; s++) {
    for (unsigned i = 0; i < nw; i++) {
      w[i] ^= (w[i] >> (1u << s)) & mask[s];
    }
  }
  for (unsigned h = 1; h < nw; h <<= 1) {
    for (unsigned b = 0; b < nw; b += 2 * h) {
      for (unsigned k = 0; k < h; k++) {
        w[b + k] ^= w[b + h + k];
      }
    }
  }
}

int phy_polar_encode(const uint8_t *u, uint8_t *d, unsigned n)
{
  if (u == NULL || d == NULL || n < 5 || n > 10) {
    return OLIVE_EINVAL;
  }
  unsigned N = 1u << n, nw = (N + 63) / 64;
  uint64_t w[PHY_POLAR_NMAX / 64];
  memset(w, 0, sizeof(w));
  for (unsigned j = 0; j < N; j++) {
    w[j >> 6] |= (uint64_t)(u[j] & 1) << (j & 63);
  }
  polar_butterfly_words(w, nw, N);
  for (unsigned j = 0; j < N; j++) {
    d[j] = (uint8_t)((w[j >> 6] >> (j & 63)) & 1);
  }
  return OLIVE_OK;
}
