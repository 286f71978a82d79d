/* SPDX-License-Identifier: Apache-2.0 */
/* CRC-aided successive-cancellation list decoder for the NR polar code (TS 38.212 5.3.1),
 * LLR based with min-sum f and the path metric of Balatsoukas-Stimming et al. (IEEE TSP
 * 2015): a path pays |LLR| whenever its decision goes against the sign of the LLR.
 *
 * Stage s holds the LLRs of the current tree node of size 2^s; stage n is the channel.
 * LLR arrays are shared between paths and copied lazily (Tal and Vardy, IEEE Trans. IT
 * 2015): every path holds one index per stage into a pool of `list` arrays with reference
 * counts, and a path that must overwrite a shared array takes a free one instead (it is
 * rewritten as a whole, so nothing is copied). Partial sums live in place per path in
 * natural order (after leaf i, part[b .. b+2^s) holds the node's beta once its subtree is
 * done), and are copied on a fork up to the current leaf. */
#include <math.h>
#include <string.h>

#include "olive/phy/polar.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "polar_dec_kernels.h"
#include "polar_dec_internal.h"

#define L_MAX PHY_POLAR_LIST_MAX

static float *alpha_ptr(phy_polar_dec_t *q, unsigned p, unsigned s)
{
  return q->alpha[s] + ((size_t)q->aidx[p][s] << s);
}

static const float *alpha_in(phy_polar_dec_t *q, unsigned p, unsigned s)
{
  return s == q->n ? q->llr_ch : alpha_ptr(q, p, s);
}

/* Array of stage s that path p may overwrite: its own, or a free one if it is shared. */
static float *alpha_out(phy_polar_dec_t *q, unsigned p, unsigned s)
{
  uint8_t a = q->aidx[p][s];
  if (q->refcnt[s][a] > 1) {
    q->refcnt[s][a]--;
    for (a = 0; q->refcnt[s][a] != 0; a++) {
    }
    q->refcnt[s][a] = 1;
    q->aidx[p][s] = a;
  }
  return alpha_ptr(q, p, s);
}

/* LLRs of the node of stage `stop` whose first leaf is i, for path p: a g step into the
 * right child at stage t = ctz(i), then f steps down to `stop` (from the channel for
 * i = 0). */
static void polar_descend(phy_polar_dec_t *q, unsigned p, unsigned i, unsigned stop)
{
  unsigned s = q->n;
  if (i > 0) {
    s = (unsigned)__builtin_ctz(i);
    unsigned h = 1u << s;
    const float *in = alpha_in(q, p, s + 1);
    q->k.g(in, in + h, q->part + (size_t)p * q->nmax + i - h, alpha_out(q, p, s), h);
  }
  for (; s > stop; s--) {
    unsigned h = 1u << (s - 1);
    const float *in = alpha_in(q, p, s);
    q->k.f(in, in + h, alpha_out(q, p, s - 1), h);
  }
}

/* Partial sums after leaf i, whose subtree of stage s0 is complete: combine every larger
 * subtree that leaf i completes. */
static void polar_combine(phy_polar_dec_t *q, unsigned p, unsigned i, unsigned s0)
{
  uint8_t *part = q->part + (size_t)p * q->nmax;
  for (unsigned s = s0; s < q->n && ((i >> s) & 1); s++) {
    unsigned h = 1u << s, b = i + 1 - 2 * h;
    uint8_t *restrict lo = part + b;
    const uint8_t *restrict hi = part + b + h;
    for (unsigned k = 0; k < h; k++) {
      lo[k] ^= hi[k];
    }
  }
}

static void path_kill(phy_polar_dec_t *q, unsigned p)
{
  for (unsigned s = 0; s < q->n; s++) {
    q->refcnt[s][q->aidx[p][s]]--;
  }
  q->active[p] = false;
}

/* Path dst becomes a copy of src, decided up to leaf i - 1. */
static void path_clone(phy_polar_dec_t *q, unsigned dst, unsigned src, unsigned i)
{
  for (unsigned s = 0; s < q->n; s++) {
    q->aidx[dst][s] = q->aidx[src][s];
    q->refcnt[s][q->aidx[src][s]]++;
  }
  memcpy(q->part + (size_t)dst * q->nmax, q->part + (size_t)src * q->nmax, i);
  memcpy(q->uhat + (size_t)dst * q->nmax, q->uhat + (size_t)src * q->nmax, i);
  q->pm[dst] = q->pm[src];
  q->y[dst] = q->y[src];
  q->active[dst] = true;
}

static void path_set(phy_polar_dec_t *q, unsigned p, unsigned i, uint8_t u, float llr)
{
  q->part[(size_t)p * q->nmax + i] = u;
  q->uhat[(size_t)p * q->nmax + i] = u;
  if ((llr < 0) != (u != 0)) {
    q->pm[p] += llr < 0 ? -llr : llr;
  }
}

static unsigned free_slot(const phy_polar_dec_t *q)
{
  unsigned p = 0;
  while (q->active[p]) {
    p++;
  }
  return p;
}

/* Which of the 2 na candidates (path ids[j] with u = 0 / u = 1) survive: all when they fit
 * in the list, else the `list` of smallest metric, ranked branch-free (ties by index). */
static void polar_select(const phy_polar_dec_t *q, const unsigned *ids, unsigned na,
                         const float *llr, unsigned list, bool keep[][2])
{
  float m[2 * L_MAX];
  if (2 * na <= list) {
    for (unsigned j = 0; j < na; j++) {
      keep[j][0] = keep[j][1] = true;
    }
    return;
  }
  for (unsigned j = 0; j < na; j++) {
    float l = llr[ids[j]], a = l < 0 ? -l : l;
    m[2 * j] = q->pm[ids[j]] + (l < 0 ? a : 0.0f);
    m[2 * j + 1] = q->pm[ids[j]] + (l < 0 ? 0.0f : a);
  }
  for (unsigned c = 0; c < 2 * na; c++) {
    m[c] = m[c] == m[c] ? m[c] : INFINITY; /* NaN (from NaN/inf input) ranks last */
  }
  for (unsigned c = 0; c < 2 * na; c++) {
    unsigned rank = 0;
    for (unsigned d = 0; d < 2 * na; d++) {
      rank += (m[d] < m[c]) | ((m[d] == m[c]) & (d < c));
    }
    keep[c / 2][c % 2] = rank < list;
  }
}

/* Info bit at leaf i: every path forks; keep the `list` best of the candidates. Paths that
 * lose both die first so their slots can take the clones. */
static void polar_fork(phy_polar_dec_t *q, unsigned i, const float *llr, unsigned list)
{
  unsigned na = 0, ids[L_MAX];
  for (unsigned p = 0; p < list; p++) {
    if (q->active[p]) {
      ids[na++] = p;
    }
  }
  bool keep[L_MAX][2];
  polar_select(q, ids, na, llr, list, keep);
  for (unsigned j = 0; j < na; j++) {
    if (!keep[j][0] && !keep[j][1]) {
      path_kill(q, ids[j]);
    }
  }
  for (unsigned j = 0; j < na; j++) {
    unsigned p = ids[j];
    float l = llr[p];
    if (keep[j][0] && keep[j][1]) {
      unsigned d = free_slot(q);
      path_clone(q, d, p, i);
      path_set(q, d, i, 1, l);
      q->y[d] ^= 1;
      path_set(q, p, i, 0, l);
    } else if (keep[j][0] || keep[j][1]) {
      uint8_t u = keep[j][1];
      path_set(q, p, i, u, l);
      q->y[p] ^= u;
    }
  }
}

/* Leaf i for every path: frozen bits are 0, PC bits take y0 (TS 38.212 5.3.1.2). */
static void polar_leaf(phy_polar_dec_t *q, const phy_polar_code_t *c, unsigned i, unsigned list)
{
  float llr[L_MAX];
  for (unsigned p = 0; p < list; p++) {
    if (q->active[p]) {
      q->y[p] = (uint8_t)(((q->y[p] >> 1) | (q->y[p] << 4)) & 0x1f);
      polar_descend(q, p, i, 0);
      llr[p] = alpha_ptr(q, p, 0)[0];
    }
  }
  if (c->role[i] == PHY_POLAR_INFO) {
    polar_fork(q, i, llr, list);
  } else {
    for (unsigned p = 0; p < list; p++) {
      if (q->active[p]) {
        path_set(q, p, i, c->role[i] == PHY_POLAR_PC ? (q->y[p] & 1) : 0, llr[p]);
      }
    }
  }
  for (unsigned p = 0; p < list; p++) {
    if (q->active[p]) {
      polar_combine(q, p, i, 0);
    }
  }
}

/* A rate-0 node (every leaf frozen) of stage s starting at leaf i: its bits are all 0, so
 * no path forks; a path pays every negative LLR of the node (Hashemi, Condo, Gross, "Fast
 * and flexible successive-cancellation list decoders for polar codes", IEEE TSP 2017). */
static void polar_rate0(phy_polar_dec_t *q, unsigned i, unsigned s, unsigned list)
{
  unsigned len = 1u << s, rot = len % 5;
  for (unsigned p = 0; p < list; p++) {
    if (!q->active[p]) {
      continue;
    }
    polar_descend(q, p, i, s);
    const float *a = alpha_ptr(q, p, s);
    float pen = 0.0f;
    for (unsigned k = 0; k < len; k++) {
      pen += a[k] < 0.0f ? -a[k] : 0.0f;
    }
    q->pm[p] += pen;
    memset(q->part + (size_t)p * q->nmax + i, 0, len);
    memset(q->uhat + (size_t)p * q->nmax + i, 0, len);
    unsigned y = q->y[p]; /* the PC register still rotates once per bit index */
    q->y[p] = (uint8_t)(((y >> rot) | (y << (5 - rot))) & 0x1f);
    polar_combine(q, p, i + len - 1, s);
  }
}

/* Stage of the largest rate-0 node starting at leaf i (0 when leaf i is not frozen). */
static unsigned rate0_stage(const phy_polar_dec_t *q, unsigned i)
{
  unsigned s = 0;
  while (s < q->n && (i & ((2u << s) - 1)) == 0 && q->nonfrozen[i + (2u << s)] == q->nonfrozen[i]) {
    s++;
  }
  return s;
}

static void polar_dec_reset(phy_polar_dec_t *q, const phy_polar_code_t *c, const float *llr)
{
  q->n = c->n;
  q->llr_ch = llr;
  memset(q->refcnt, 0, sizeof(q->refcnt));
  memset(q->aidx, 0, sizeof(q->aidx));
  memset(q->active, 0, sizeof(q->active));
  for (unsigned s = 0; s < q->n; s++) {
    q->refcnt[s][0] = 1;
  }
  q->active[0] = true;
  q->pm[0] = 0.0f;
  q->y[0] = 0;
  q->nonfrozen[0] = 0; /* prefix counts of non-frozen leaves, for rate0_stage() */
  for (unsigned i = 0; i < c->N; i++) {
    q->nonfrozen[i + 1] = (uint16_t)(q->nonfrozen[i] + (c->role[i] != PHY_POLAR_FROZEN));
  }
}

/* Runs SCL over the whole tree; leaves the surviving paths in q. */
void polar_dec_scl(phy_polar_dec_t *q, const phy_polar_code_t *c, const float *llr, unsigned list)
{
  polar_dec_reset(q, c, llr);
  for (unsigned i = 0; i < c->N;) {
    unsigned s = c->role[i] == PHY_POLAR_FROZEN ? rate0_stage(q, i) : 0;
    if (s > 0) {
      polar_rate0(q, i, s, list);
      i += 1u << s;
    } else {
      polar_leaf(q, c, i, list);
      i++;
    }
  }
}
