/* SPDX-License-Identifier: Apache-2.0 */
/* Polar code construction, TS 38.212 5.3.1 (N selection), 5.3.1.2 (frozen set, PC bits)
 * and 5.4.1.1 (sub-block interleaver pattern J(n), which decides the positions frozen by
 * puncturing and shortening). */
#include <string.h>

#include "olive/phy/polar.h"
#include "olive/support/error.h"
#include "polar_internal.h"

static unsigned ceil_log2(unsigned x)
{
  unsigned e = 0;
  while ((1u << e) < x) {
    e++;
  }
  return e;
}

/* TS 38.212 5.3.1: n = max(min(n1, n2, n_max), n_min) with n_min = 5, R_min = 1/8. */
static unsigned polar_select_n(unsigned K, unsigned E, unsigned n_max)
{
  unsigned e = ceil_log2(E);
  unsigned n1 = e;
  /* E <= (9/8) 2^(ceil(log2 E) - 1) and K/E < 9/16, in integers */
  if (e > 0 && 8 * E <= 9 * (1u << (e - 1)) && 16 * K < 9 * E) {
    n1 = e - 1;
  }
  unsigned n2 = ceil_log2(8 * K); /* ceil(log2(K / R_min)) */
  unsigned n = n1 < n2 ? n1 : n2;
  n = n < n_max ? n : n_max;
  return n < 5 ? 5 : n;
}

/* TS 38.212 5.4.1.1: J(n) = P(floor(32 n / N)) * (N / 32) + n mod (N / 32). */
unsigned polar_subblock_j(unsigned n, unsigned N)
{
  unsigned sh = (unsigned)__builtin_ctz(N) - 5; /* N / 32 = 2^sh */
  return ((unsigned)phy_polar_subblock_pattern()[n >> sh] << sh) | (n & ((1u << sh) - 1));
}

/* TS 38.212 5.4.1.2 decides the mode; 5.3.1.2 freezes the matching bit indices. */
static void polar_rm_frozen(phy_polar_code_t *c, uint8_t *frozen)
{
  unsigned N = c->N, E = c->E, K = c->K;
  memset(frozen, 0, N);
  if (E >= N) {
    c->rm_mode = PHY_POLAR_RM_REPEAT;
    return;
  }
  if (16 * K <= 7 * E) { /* K/E <= 7/16: puncturing */
    c->rm_mode = PHY_POLAR_RM_PUNCTURE;
    for (unsigned n = 0; n < N - E; n++) {
      frozen[polar_subblock_j(n, N)] = 1;
    }
    /* E >= 3N/4: ceil(3N/4 - E/2); else ceil(9N/16 - E/4). In quarters to stay integer. */
    unsigned t4 = 4 * E >= 3 * N ? 3 * N - 2 * E : (9 * N) / 4 - E;
    unsigned t = (t4 + 3) / 4;
    for (unsigned n = 0; n < t && n < N; n++) {
      frozen[n] = 1;
    }
  } else {
    c->rm_mode = PHY_POLAR_RM_SHORTEN;
    for (unsigned n = E; n < N; n++) {
      frozen[polar_subblock_j(n, N)] = 1;
    }
  }
}

static unsigned popcount16(unsigned x)
{
  return (unsigned)__builtin_popcount(x);
}

/* TS 38.212 5.3.1.2: the n_PC^wm PC bit goes to the bit index of minimum row weight
 * (2^popcount) among the (|Q_I| - n_PC) most reliable indices of Q_I, the most reliable
 * one on ties. q_i lists Q_I in ascending reliability. */
static void polar_place_pc(phy_polar_code_t *c, const uint16_t *q_i, unsigned n_qi)
{
  for (unsigned i = 0; i < (unsigned)(c->n_pc - c->n_pc_wm); i++) {
    c->role[q_i[i]] = PHY_POLAR_PC; /* the least reliable ones */
  }
  if (!c->n_pc_wm) {
    return;
  }
  unsigned best = 0, best_w = 99;
  for (unsigned i = c->n_pc; i < n_qi; i++) { /* ascending reliability: ties go to later */
    unsigned w = popcount16(q_i[i]);
    if (w <= best_w) {
      best_w = w;
      best = q_i[i];
    }
  }
  c->role[best] = PHY_POLAR_PC;
}

static int polar_code_check(unsigned K, unsigned E, unsigned n_max, bool input_il)
{
  if (K < 1 || E > PHY_POLAR_EMAX || (n_max != 9 && n_max != 10)) {
    return OLIVE_EINVAL;
  }
  if (K > PHY_POLAR_KMAX || (input_il && K > PHY_POLAR_K_IL_MAX)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_polar_code_get(phy_polar_code_t *c, unsigned K, unsigned E, unsigned n_max, bool input_il,
                       bool bil)
{
  if (c == NULL || polar_code_check(K, E, n_max, input_il) != OLIVE_OK) {
    return OLIVE_EINVAL;
  }
  unsigned n_pc = (K >= 18 && K <= 25) ? PHY_POLAR_N_PC : 0;
  if (K + n_pc >= E) {
    return OLIVE_EINVAL;
  }
  unsigned n = polar_select_n(K, E, n_max);
  if (K + n_pc >= (1u << n)) {
    return OLIVE_EINVAL;
  }
  c->K = (uint16_t)K;
  c->E = (uint16_t)E;
  c->n = (uint8_t)n;
  c->N = (uint16_t)(1u << n);
  c->n_pc = (uint8_t)n_pc;
  c->n_pc_wm = (uint8_t)(n_pc && E + n_pc > K + 192); /* E - K + 3 > 192 */
  c->input_il = input_il;
  c->bil = bil;

  uint8_t frozen[PHY_POLAR_NMAX];
  polar_rm_frozen(c, frozen);

  /* Q_I: the K + n_PC most reliable of Q_0^{N-1} \ Q_F,tmp. Walk Q from the most reliable
   * end, so q_i ends up in descending reliability; reverse it for polar_place_pc. */
  const uint16_t *q = phy_polar_sequence();
  unsigned nq = K + n_pc, got = 0;
  uint16_t q_i[PHY_POLAR_KMAX + PHY_POLAR_N_PC];
  memset(c->role, PHY_POLAR_FROZEN, sizeof(c->role));
  for (int i = PHY_POLAR_NMAX - 1; i >= 0 && got < nq; i--) {
    if (q[i] < c->N && !frozen[q[i]]) {
      q_i[nq - 1 - got++] = q[i];
      c->role[q[i]] = PHY_POLAR_INFO;
    }
  }
  if (got < nq) {
    return OLIVE_EINVAL; /* rate matching froze too much */
  }
  polar_place_pc(c, q_i, nq);
  unsigned k = 0;
  for (unsigned i = 0; i < c->N; i++) {
    if (c->role[i] != PHY_POLAR_FROZEN) {
      c->info_set[k++] = (uint16_t)i;
    }
  }
  return OLIVE_OK;
}
