/* SPDX-License-Identifier: Apache-2.0 */
/* Polar rate matching, TS 38.212 5.4.1: sub-block interleaver (5.4.1.1), bit selection
 * (5.4.1.2) and coded-bit interleaver (5.4.1.3), with the LLR inverse. */
#include <stdbool.h>
#include <string.h>

#include "olive/phy/polar.h"
#include "polar_internal.h"

/* TS 38.212 5.4.1.2: e_k = y_{(k + off) mod N}; off = N - E when puncturing, else 0. */
static unsigned polar_rm_offset(const phy_polar_code_t *c)
{
  return c->rm_mode == PHY_POLAR_RM_PUNCTURE ? (unsigned)(c->N - c->E) : 0;
}

/* TS 38.212 5.4.1.3: smallest T with T(T+1)/2 >= E. */
static unsigned polar_bil_t(unsigned E)
{
  unsigned T = 0;
  while (T * (T + 1) / 2 < E) {
    T++;
  }
  return T;
}

/* TS 38.212 5.4.1.3: writes, for each output position k, the index of e it takes.
 * Row i of the triangle holds T - i entries, written row by row and read column by
 * column; start[i] is the position in e of v_{i,0}. */
static void polar_bil_perm(unsigned E, uint16_t *perm)
{
  unsigned T = polar_bil_t(E), k = 0;
  unsigned start[128]; /* T <= 128 for E <= 8192 */
  for (unsigned i = 0, s = 0; i < T; i++) {
    start[i] = s;
    s += T - i;
  }
  for (unsigned j = 0; j < T; j++) {
    for (unsigned i = 0; i < T - j; i++) {
      unsigned idx = start[i] + j;
      if (idx < E) {
        perm[k++] = (uint16_t)idx;
      }
    }
  }
}

void phy_polar_rm_tx(const phy_polar_code_t *c, const uint8_t *d, uint8_t *e)
{
  unsigned N = c->N, E = c->E, off = polar_rm_offset(c);
  uint8_t y[PHY_POLAR_NMAX];
  for (unsigned n = 0; n < N; n++) {
    y[n] = d[polar_subblock_j(n, N)];
  }
  if (!c->bil) {
    for (unsigned k = 0; k < E; k++) {
      e[k] = y[(k + off) % N];
    }
    return;
  }
  uint16_t perm[PHY_POLAR_EMAX];
  polar_bil_perm(E, perm);
  for (unsigned k = 0; k < E; k++) {
    e[k] = y[(perm[k] + off) % N];
  }
}

void phy_polar_rm_rx(const phy_polar_code_t *c, const float *llr_e, float *llr_d)
{
  unsigned N = c->N, E = c->E, off = polar_rm_offset(c);
  float y[PHY_POLAR_NMAX];
  /* Untransmitted bits: punctured ones are unknown (0), shortened ones are known zeros. */
  for (unsigned n = 0; n < N; n++) {
    bool sent = E >= N || (n >= off && n - off < E);
    y[n] = sent ? 0.0f : (c->rm_mode == PHY_POLAR_RM_SHORTEN ? PHY_POLAR_LLR_KNOWN0 : 0.0f);
  }
  uint16_t perm[PHY_POLAR_EMAX];
  if (c->bil) {
    polar_bil_perm(E, perm);
  }
  for (unsigned k = 0; k < E; k++) {
    unsigned src = c->bil ? perm[k] : k; /* llr_e[k] carries e_src */
    y[(src + off) % N] += llr_e[k];      /* repetitions add up */
  }
  for (unsigned n = 0; n < N; n++) {
    llr_d[polar_subblock_j(n, N)] = y[n];
  }
}
