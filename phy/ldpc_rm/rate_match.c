/* SPDX-License-Identifier: Apache-2.0 */
/* Rate matching of one LDPC code block, TS 38.212 5.4.2, and its inverse with HARQ soft
 * combining.
 *
 * The circular buffer is d_0..d_{N_cb-1}. Filler bits (<NULL>) sit at
 * d_{K'-2Z}..d_{K-2Z-1} (5.3.2: d_{k-2Z} = c_k, and c_k = <NULL> for K' <= k < K); bit
 * selection (5.4.2.1) skips them. The buffer is therefore walked as runs of contiguous
 * valid positions: [k0, fs), [fe, N_cb), [0, fs), ... Bit interleaving (5.4.2.2) writes
 * e_{i E/Qm + j} to f_{i + j Qm}, done on the fly while walking. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/support/error.h"

typedef struct cb_walk {
  unsigned p;   /* next circular-buffer position to read */
  unsigned fs;  /* first filler position (clipped to n_cb) */
  unsigned fe;  /* one past the last filler position (clipped to n_cb) */
  unsigned ncb; /* N_cb */
} cb_walk_t;

static bool qm_ok(unsigned qm)
{
  return qm == 1 || qm == 2 || qm == 4 || qm == 6 || qm == 8;
}

static int cfg_check(const phy_ldpc_rm_cfg_t *cfg)
{
  if (cfg == NULL || (cfg->bg != PHY_LDPC_BG1 && cfg->bg != PHY_LDPC_BG2) ||
      phy_ldpc_ls_index(cfg->z) < 0 || cfg->rv > 3 || !qm_ok(cfg->qm) || cfg->e == 0 ||
      cfg->e % cfg->qm != 0) {
    return OLIVE_EINVAL;
  }
  unsigned k = (cfg->bg == PHY_LDPC_BG1 ? 22 : 10) * cfg->z;
  unsigned n = (cfg->bg == PHY_LDPC_BG1 ? 66 : 50) * cfg->z;
  if (cfg->k_prime <= 2 * cfg->z || cfg->k_prime > k || cfg->n_cb == 0 || cfg->n_cb > n) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

static unsigned umin(unsigned a, unsigned b)
{
  return a < b ? a : b;
}

/* Sets up the walk at k0; fails when the buffer holds no valid bit. */
static int walk_init(const phy_ldpc_rm_cfg_t *cfg, cb_walk_t *w)
{
  int k0 = phy_ldpc_rm_k0(cfg->bg, cfg->z, cfg->n_cb, cfg->rv);
  if (k0 < 0) {
    return k0;
  }
  unsigned k = (cfg->bg == PHY_LDPC_BG1 ? 22 : 10) * cfg->z;
  w->ncb = cfg->n_cb;
  w->fs = umin(cfg->k_prime - 2 * cfg->z, cfg->n_cb);
  w->fe = umin(k - 2 * cfg->z, cfg->n_cb);
  if (w->fe - w->fs >= w->ncb) {
    return OLIVE_EINVAL;
  }
  w->p = (unsigned)k0;
  return OLIVE_OK;
}

/* Next run of at most `want` valid positions: returns its length, *start its first
 * position, and advances the walk (wrapping at N_cb, skipping fillers). */
static unsigned walk_run(cb_walk_t *w, unsigned want, unsigned *start)
{
  for (;;) {
    if (w->p >= w->ncb) {
      w->p = 0;
    }
    if (w->p >= w->fs && w->p < w->fe) {
      w->p = w->fe;
      continue;
    }
    unsigned end = w->p < w->fs ? w->fs : w->ncb;
    unsigned len = umin(want, end - w->p);
    *start = w->p;
    w->p += len;
    return len;
  }
}

int phy_ldpc_rm_needed(const phy_ldpc_rm_cfg_t *cfg)
{
  cb_walk_t w;
  if (cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  unsigned left = cfg->e, hi = 0;
  while (left > 0 && hi < w.ncb) {
    unsigned s, n = walk_run(&w, left, &s);
    if (s + n > hi) {
      hi = s + n;
    }
    left -= n;
  }
  /* The decoder sees the filler positions anyway: never stop inside them. */
  if (hi > w.fs && hi < w.fe) {
    hi = w.fe;
  }
  return (int)hi;
}

int phy_ldpc_rm_encode(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *d, uint8_t *f)
{
  cb_walk_t w;
  if (d == NULL || f == NULL || cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  const unsigned qm = cfg->qm, m = cfg->e / qm; /* m = E / Q_m */
  unsigned i = 0, j = 0;                        /* e index k = i m + j */
  unsigned left = cfg->e;
  while (left > 0) {
    unsigned s, n = walk_run(&w, left, &s);
    for (unsigned p = s; p < s + n; p++) {
      /* TS 38.212 5.4.2.2: f_{i + j Q_m} = e_{i E/Q_m + j} */
      f[i + j * qm] = (uint8_t)((d[p >> 3] >> (7 - (p & 7))) & 1);
      if (++j == m) {
        j = 0;
        i++;
      }
    }
    left -= n;
  }
  return (int)cfg->e;
}

int phy_ldpc_rm_soft_reset(const phy_ldpc_rm_cfg_t *cfg, int8_t *soft)
{
  cb_walk_t w;
  if (soft == NULL || cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  memset(soft, 0, w.ncb);
  /* filler bits are known zeros: the strongest "0" LLR */
  memset(soft + w.fs, 127, w.fe - w.fs);
  return OLIVE_OK;
}

static int8_t sat_add(int8_t a, int8_t b)
{
  int s = a + b;
  return (int8_t)(s > 127 ? 127 : (s < -127 ? -127 : s));
}

int phy_ldpc_rm_decode(const phy_ldpc_rm_cfg_t *cfg, const int8_t *f, int8_t *soft)
{
  cb_walk_t w;
  if (f == NULL || soft == NULL || cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  const unsigned qm = cfg->qm, m = cfg->e / qm;
  unsigned i = 0, j = 0;
  unsigned left = cfg->e;
  while (left > 0) {
    unsigned s, n = walk_run(&w, left, &s);
    for (unsigned p = s; p < s + n; p++) {
      soft[p] = sat_add(soft[p], f[i + j * qm]);
      if (++j == m) {
        j = 0;
        i++;
      }
    }
    left -= n;
  }
  return (int)cfg->e;
}
