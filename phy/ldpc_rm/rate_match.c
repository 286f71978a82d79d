/* SPDX-License-Identifier: Apache-2.0 */
/* Rate matching of one LDPC code block, TS 38.212 5.4.2, and its inverse with HARQ soft
 * combining.
 *
 * The circular buffer is d_0..d_{N_cb-1}. Filler bits (<NULL>) sit at
 * d_{K'-2Z}..d_{K-2Z-1} (5.3.2: d_{k-2Z} = c_k, and c_k = <NULL> for K' <= k < K); bit
 * selection (5.4.2.1) skips them. The buffer is therefore walked as runs of contiguous
 * valid positions: [k0, fs), [fe, N_cb), [0, fs), ... Bit interleaving (5.4.2.2) writes
 * e_{i E/Qm + j} to f_{i + j Qm}; e is built (or, receiving, taken apart) in chunks of
 * RM_CHUNK bits between the walk and the interleaver, so no per-call buffer is needed.
 * For Q_m >= 6 the transmit side fuses both steps instead (rate_match_tx.c): its
 * bit-matrix transposes beat Q_m byte-strided stores only for the longer groups. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/support/error.h"

#include "rate_match_internal.h"

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

/* Bits per pass: e is produced (or consumed) in chunks of this many bits so the bit
 * selection and the interleaver are each a simple loop the compiler can vectorise. */
#define RM_CHUNK 4096

/* TS 38.212 5.4.2.2: f_{i + j Q_m} = e_{i E/Q_m + j}; writes e_k0..e_{k0+n-1}. */
static void interleave(uint8_t *f, const uint8_t *e, unsigned k0, unsigned n, unsigned qm,
                       unsigned m)
{
  unsigned i = k0 / m, j = k0 % m;
  while (n > 0) {
    unsigned len = umin(n, m - j);
    uint8_t *dst = f + i + (size_t)j * qm;
    for (unsigned t = 0; t < len; t++) {
      dst[(size_t)t * qm] = e[t];
    }
    e += len;
    n -= len;
    i++;
    j = 0;
  }
}

/* Inverse of interleave: reads e_k0..e_{k0+n-1} out of f. */
static void deinterleave(int8_t *e, const int8_t *f, unsigned k0, unsigned n, unsigned qm,
                         unsigned m)
{
  unsigned i = k0 / m, j = k0 % m;
  while (n > 0) {
    unsigned len = umin(n, m - j);
    if (qm == 8) {
      phy_ldpc_rm_gather8(e, f + (size_t)j * 8, i, len);
    } else {
      const int8_t *src = f + i + (size_t)j * qm;
      for (unsigned t = 0; t < len; t++) {
        e[t] = src[(size_t)t * qm];
      }
    }
    e += len;
    n -= len;
    i++;
    j = 0;
  }
}

/* e[0..n-1] = bits s..s+n-1 of packed d. Whole bytes are spread with one multiply:
 * bit 7-t of x lands in byte t of (x * 0x8040201008040201) >> 7 (checked for all 256 x in
 * the unit test through phy_ldpc_rm_encode). */
static void unpack_run(uint8_t *e, const uint8_t *d, unsigned s, unsigned n)
{
  unsigned t = 0;
  for (; t < n && ((s + t) & 7) != 0; t++) {
    unsigned p = s + t;
    e[t] = (uint8_t)((d[p >> 3] >> (7 - (p & 7))) & 1);
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; t + 8 <= n; t += 8) {
    uint64_t x = d[(s + t) >> 3];
    uint64_t v = ((x * 0x8040201008040201ull) >> 7) & 0x0101010101010101ull;
    memcpy(e + t, &v, 8);
  }
#endif
  for (; t < n; t++) {
    unsigned p = s + t;
    e[t] = (uint8_t)((d[p >> 3] >> (7 - (p & 7))) & 1);
  }
}

int phy_ldpc_rm_encode(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *d, uint8_t *f)
{
  cb_walk_t w;
  if (d == NULL || f == NULL || cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  if (cfg->qm >= 6) {
    phy_ldpc_rm_tx(&w, d, f, cfg->qm, cfg->e);
    return (int)cfg->e;
  }
  const unsigned qm = cfg->qm, m = cfg->e / qm; /* m = E / Q_m */
  uint8_t e[RM_CHUNK];
  for (unsigned k = 0; k < cfg->e;) {
    unsigned chunk = umin(RM_CHUNK, cfg->e - k), fill = 0;
    /* TS 38.212 5.4.2.1 bit selection: e_k = d_{(k0 + j) mod N_cb}, fillers skipped */
    while (fill < chunk) {
      unsigned s, n = walk_run(&w, chunk - fill, &s);
      unpack_run(e + fill, d, s, n);
      fill += n;
    }
    interleave(f, e, k, chunk, qm, m);
    k += chunk;
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

/* soft[t] += e[t], saturating to [-127, 127]. */
static void sat_accumulate(int8_t *soft, const int8_t *e, unsigned n)
{
  for (unsigned t = 0; t < n; t++) {
    int v = soft[t] + e[t];
    v = v > 127 ? 127 : v;
    v = v < -127 ? -127 : v;
    soft[t] = (int8_t)v;
  }
}

int phy_ldpc_rm_decode(const phy_ldpc_rm_cfg_t *cfg, const int8_t *f, int8_t *soft)
{
  cb_walk_t w;
  if (f == NULL || soft == NULL || cfg_check(cfg) < 0 || walk_init(cfg, &w) < 0) {
    return OLIVE_EINVAL;
  }
  const unsigned qm = cfg->qm, m = cfg->e / qm;
  int8_t e[RM_CHUNK];
  for (unsigned k = 0; k < cfg->e;) {
    unsigned chunk = umin(RM_CHUNK, cfg->e - k), used = 0;
    deinterleave(e, f, k, chunk, qm, m);
    /* each e_k goes back to its circular-buffer position and combines there */
    while (used < chunk) {
      unsigned s, n = walk_run(&w, chunk - used, &s);
      sat_accumulate(soft + s, e + used, n);
      used += n;
    }
    k += chunk;
  }
  return (int)cfg->e;
}
