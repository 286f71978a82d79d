/* SPDX-License-Identifier: Apache-2.0 */
/* Short block codes for UCI, TS 38.212 5.3.3, with rate matching by repetition (5.4.3),
 * and their maximum-likelihood decoders. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "olive/phy/block.h"
#include "olive/support/error.h"

/* TS 38.212 Table 5.3.3.3-1: basis sequences M_{i,n} for the (32, K) code; row i, n = 0..10.
 * Cross-checked in tests/phy/block/test_block.c. */
static const uint8_t block_m[PHY_BLOCK_N_RM][PHY_BLOCK_KMAX] = {
    {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, /*  0 */
    {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1}, /*  1 */
    {1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1}, /*  2 */
    {1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1}, /*  3 */
    {1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1}, /*  4 */
    {1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1}, /*  5 */
    {1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1}, /*  6 */
    {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1}, /*  7 */
    {1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1}, /*  8 */
    {1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1}, /*  9 */
    {1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1}, /* 10 */
    {1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1}, /* 11 */
    {1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1}, /* 12 */
    {1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1}, /* 13 */
    {1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1}, /* 14 */
    {1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1}, /* 15 */
    {1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0}, /* 16 */
    {1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0}, /* 17 */
    {1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0}, /* 18 */
    {1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, /* 19 */
    {1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, /* 20 */
    {1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1}, /* 21 */
    {1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1}, /* 22 */
    {1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1}, /* 23 */
    {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0}, /* 24 */
    {1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1}, /* 25 */
    {1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0}, /* 26 */
    {1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0}, /* 27 */
    {1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0}, /* 28 */
    {1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0}, /* 29 */
    {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, /* 30 */
    {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    /* 31 */};

uint16_t phy_block_basis(unsigned i)
{
  uint16_t w = 0;
  for (unsigned n = 0; i < PHY_BLOCK_N_RM && n < PHY_BLOCK_KMAX; n++) {
    w |= (uint16_t)(block_m[i][n] << n);
  }
  return w;
}

static bool qm_ok(unsigned qm)
{
  return qm == 1 || qm == 2 || qm == 4 || qm == 6 || qm == 8;
}

/* TS 38.212 5.3.3.1 / 5.3.3.2: for K <= 2 the block is Qm (K = 1) or 3 Qm (K = 2) long; in
 * each group of Qm the first one (K = 1) or two (K = 2) carry c, the second one of a K = 1
 * group is 'y', the rest 'x'. For K = 2 the groups carry (c0 c1), (c2 c0), (c1 c2),
 * c2 = c0 ^ c1; for Qm = 1 the block is c0 c1 c2. Returns the block length; code[j] is the
 * index of c carried (0..2) or PHY_BLOCK_X / PHY_BLOCK_Y + 8. */
static unsigned block_small_layout(unsigned K, unsigned qm, uint8_t *code)
{
  static const uint8_t k2[6] = {0, 1, 2, 0, 1, 2};
  if (K == 1) {
    code[0] = 0;
    for (unsigned j = 1; j < qm; j++) {
      code[j] = 8 + (j == 1 ? PHY_BLOCK_Y : PHY_BLOCK_X);
    }
    return qm;
  }
  if (qm == 1) {
    memcpy(code, k2, 3);
    return 3;
  }
  for (unsigned g = 0; g < 3; g++) {
    code[g * qm] = k2[2 * g];
    code[g * qm + 1] = k2[2 * g + 1];
    for (unsigned j = 2; j < qm; j++) {
      code[g * qm + j] = 8 + PHY_BLOCK_X;
    }
  }
  return 3 * qm;
}

/* TS 38.212 5.3.3.3: d_i = sum_n c_n M_{i,n} mod 2. */
static void block_rm_encode(const uint8_t *c, unsigned K, uint8_t *d)
{
  unsigned w = 0;
  for (unsigned n = 0; n < K; n++) {
    w |= (unsigned)(c[n] & 1) << n;
  }
  for (unsigned i = 0; i < PHY_BLOCK_N_RM; i++) {
    d[i] = (uint8_t)(__builtin_popcount(w & phy_block_basis(i)) & 1);
  }
}

int phy_block_encode(const uint8_t *c, unsigned K, unsigned qm, uint8_t *e, unsigned E)
{
  if (c == NULL || e == NULL || K < 1 || K > PHY_BLOCK_KMAX || E < 1 || (K <= 2 && !qm_ok(qm))) {
    return OLIVE_EINVAL;
  }
  uint8_t d[PHY_BLOCK_N_RM], lay[3 * 8];
  unsigned N = PHY_BLOCK_N_RM;
  if (K <= 2) {
    uint8_t cc[3] = {c[0] & 1, K == 2 ? c[1] & 1 : 0, 0};
    cc[2] = cc[0] ^ cc[1];
    N = block_small_layout(K, qm, lay);
    for (unsigned j = 0; j < N; j++) {
      d[j] = lay[j] >= 8 ? (uint8_t)(lay[j] - 8) : cc[lay[j]];
    }
  } else {
    block_rm_encode(c, K, d);
  }
  for (unsigned k = 0; k < E; k++) { /* TS 38.212 5.4.3: e_k = d_{k mod N} */
    e[k] = d[k % N];
  }
  return OLIVE_OK;
}

/* In-place Walsh-Hadamard transform of 32 values: v[a] = sum_l v[l] (-1)^popcount(a & l). */
static void block_fht32(float *v)
{
  for (unsigned h = 1; h < 32; h <<= 1) {
    for (unsigned b = 0; b < 32; b += 2 * h) {
      for (unsigned k = b; k < b + h; k++) {
        float x = v[k], y = v[k + h];
        v[k] = x + y;
        v[k + h] = x - y;
      }
    }
  }
}

/* ML decoding of the (32, K) code. Columns 1..5 of Table 5.3.3.3-1 give every row a
 * distinct 5-bit label and column 0 is all ones, so for each value of c_6..c_{K-1} one
 * 32-point Hadamard transform correlates against all choices of c_0..c_5. */
static float block_rm_decode(const float *acc, unsigned K, uint8_t *c)
{
  unsigned nmask = K > 6 ? 1u << (K - 6) : 1, na = K > 6 ? 32 : 1u << (K - 1);
  float best = -1.0f;
  unsigned best_w = 0, rows[PHY_BLOCK_N_RM];
  for (unsigned i = 0; i < PHY_BLOCK_N_RM; i++) {
    rows[i] = phy_block_basis(i);
  }
  for (unsigned m = 0; m < nmask; m++) {
    float v[32];
    for (unsigned i = 0; i < PHY_BLOCK_N_RM; i++) {
      unsigned w = rows[i];
      unsigned flip = (unsigned)__builtin_popcount((w >> 6) & m) & 1;
      v[(w >> 1) & 31] = flip ? -acc[i] : acc[i];
    }
    block_fht32(v);
    for (unsigned a = 0; a < na; a++) {
      float mag = fabsf(v[a]);
      if (mag > best) {
        best = mag;
        best_w = (m << 6) | (a << 1) | (v[a] < 0);
      }
    }
  }
  for (unsigned n = 0; n < K; n++) {
    c[n] = (uint8_t)((best_w >> n) & 1);
  }
  return best;
}

/* K = 1, 2: correlation with each of the 2^K codewords over the positions carrying c. */
static float block_small_decode(const float *acc, unsigned K, const uint8_t *lay, unsigned N,
                                uint8_t *c)
{
  float s[3] = {0, 0, 0};
  for (unsigned j = 0; j < N; j++) {
    if (lay[j] < 8) {
      s[lay[j]] += acc[j];
    }
  }
  float best = -INFINITY;
  for (unsigned m = 0; m < (1u << K); m++) {
    unsigned b0 = m & 1, b1 = (m >> 1) & 1, b2 = b0 ^ b1;
    float corr = (b0 ? -s[0] : s[0]);
    if (K == 2) {
      corr += (b1 ? -s[1] : s[1]) + (b2 ? -s[2] : s[2]);
    }
    if (corr > best) {
      best = corr;
      c[0] = (uint8_t)b0;
      if (K == 2) {
        c[1] = (uint8_t)b1;
      }
    }
  }
  return best;
}

int phy_block_decode(const float *llr, unsigned E, unsigned K, unsigned qm, uint8_t *c,
                     float *confidence)
{
  if (llr == NULL || c == NULL || K < 1 || K > PHY_BLOCK_KMAX || E < 1 || (K <= 2 && !qm_ok(qm))) {
    return OLIVE_EINVAL;
  }
  uint8_t lay[3 * 8];
  unsigned N = K <= 2 ? block_small_layout(K, qm, lay) : PHY_BLOCK_N_RM;
  float acc[PHY_BLOCK_N_RM] = {0};
  for (unsigned k = 0; k < E; k++) { /* undo 5.4.3: combine the repetitions */
    acc[k % N] += llr[k];
  }
  /* cosine between the raw LLRs and the decoded +-1 codeword over the coded positions */
  float energy = 0.0f;
  unsigned n = 0;
  for (unsigned k = 0; k < E; k++) {
    if (K > 2 || lay[k % N] < 8) {
      energy += llr[k] * llr[k];
      n++;
    }
  }
  float corr = K <= 2 ? block_small_decode(acc, K, lay, N, c) : block_rm_decode(acc, K, c);
  if (confidence != NULL) {
    *confidence = energy > 0.0f ? corr / sqrtf((float)n * energy) : 0.0f;
  }
  return OLIVE_OK;
}
