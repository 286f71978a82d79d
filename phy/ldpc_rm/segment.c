/* SPDX-License-Identifier: Apache-2.0 */
/* TB CRC choice (TS 38.212 7.2.1), base graph selection (7.2.2), code block segmentation
 * (5.2.2) and the per-code-block rate-matching sizes N_cb, k0, E_r (5.4.2.1). */
#include <stddef.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/support/error.h"

#define MAX_TBS 1277992u /* TBS_LBRM for 273 PRB, 4 layers, 256QAM: no TB is larger */

phy_ldpc_bg_t phy_ldpc_rm_select_bg(unsigned tbs, unsigned r_x2048)
{
  /* TS 38.212 7.2.2: R <= 0.67 is r_x2048 <= 1372.16, R <= 0.25 is r_x2048 <= 512 */
  if (tbs <= 292 || (tbs <= 3824 && r_x2048 <= 1372) || r_x2048 <= 512) {
    return PHY_LDPC_BG2;
  }
  return PHY_LDPC_BG1;
}

/* TS 38.212 5.2.2: K_b */
static unsigned seg_kb(phy_ldpc_bg_t bg, unsigned b)
{
  if (bg == PHY_LDPC_BG1) {
    return 22;
  }
  if (b > 640) {
    return 10;
  }
  if (b > 560) {
    return 9;
  }
  if (b > 192) {
    return 8;
  }
  return 6;
}

int phy_ldpc_rm_segment(unsigned tbs, phy_ldpc_bg_t bg, phy_ldpc_seg_t *seg)
{
  if (seg == NULL || tbs == 0 || tbs > MAX_TBS || (bg != PHY_LDPC_BG1 && bg != PHY_LDPC_BG2)) {
    return OLIVE_EINVAL;
  }
  phy_ldpc_seg_t s = {.tbs = tbs, .bg = bg};
  /* TS 38.212 7.2.1 */
  s.tb_crc = tbs > 3824 ? PHY_CRC24A : PHY_CRC16;
  s.tb_crc_len = tbs > 3824 ? 24 : 16;
  s.b = tbs + s.tb_crc_len;
  /* TS 38.212 5.2.2: K_cb = 8448 (BG1) or 3840 (BG2) */
  unsigned k_cb = bg == PHY_LDPC_BG1 ? 8448 : 3840;
  unsigned b_prime;
  if (s.b <= k_cb) {
    s.cb_crc_len = 0;
    s.c = 1;
    b_prime = s.b;
  } else {
    s.cb_crc_len = 24;
    s.c = (s.b + (k_cb - 24) - 1) / (k_cb - 24);
    b_prime = s.b + s.c * 24;
  }
  if (b_prime % s.c != 0) {
    return OLIVE_EINVAL; /* not a TBS of TS 38.214: K' would not be an integer */
  }
  s.k_prime = b_prime / s.c;
  s.kb = seg_kb(bg, s.b);
  s.z = phy_ldpc_lifting_size_min((s.k_prime + s.kb - 1) / s.kb);
  if (s.z == 0) {
    return OLIVE_EINVAL;
  }
  s.k = (bg == PHY_LDPC_BG1 ? 22 : 10) * s.z;
  s.f = s.k - s.k_prime;
  s.n = (bg == PHY_LDPC_BG1 ? 66 : 50) * s.z;
  *seg = s;
  return OLIVE_OK;
}

int phy_ldpc_rm_ncb(const phy_ldpc_seg_t *seg, unsigned tbs_lbrm)
{
  if (seg == NULL || seg->c == 0 || seg->n == 0) {
    return OLIVE_EINVAL;
  }
  if (tbs_lbrm == 0) {
    return (int)seg->n;
  }
  /* TS 38.212 5.4.2.1: N_ref = floor(TBS_LBRM / (C R_LBRM)), R_LBRM = 2/3 */
  uint64_t n_ref = (3ull * tbs_lbrm) / (2ull * seg->c);
  return (int)(n_ref < seg->n ? n_ref : seg->n);
}

int phy_ldpc_rm_k0(phy_ldpc_bg_t bg, unsigned z, unsigned n_cb, unsigned rv)
{
  /* TS 38.212 Table 5.4.2.1-2: k0 = floor(num_rv N_cb / (den Z_c)) Z_c */
  static const unsigned num[2][4] = {{0, 17, 33, 56}, {0, 13, 25, 43}};
  static const unsigned den[2] = {66, 50};
  if ((bg != PHY_LDPC_BG1 && bg != PHY_LDPC_BG2) || z == 0 || rv > 3 || n_cb == 0) {
    return OLIVE_EINVAL;
  }
  unsigned g = bg == PHY_LDPC_BG1 ? 0 : 1;
  uint64_t k0 = ((uint64_t)num[g][rv] * n_cb) / ((uint64_t)den[g] * z) * z;
  return (int)k0;
}

int phy_ldpc_rm_e_cbg(unsigned g, unsigned c, unsigned r, unsigned n_layers, unsigned qm,
                      const uint8_t *scheduled)
{
  if (c == 0 || r >= c || n_layers == 0 || qm == 0 || g % (n_layers * qm) != 0) {
    return OLIVE_EINVAL;
  }
  /* TS 38.212 5.4.2.1: C' scheduled code blocks, j = index of r among them */
  unsigned c_sched = 0, j = 0;
  for (unsigned i = 0; i < c; i++) {
    unsigned on = scheduled == NULL || scheduled[i] != 0;
    j += on && i < r;
    c_sched += on;
  }
  if (scheduled != NULL && scheduled[r] == 0) {
    return 0;
  }
  unsigned step = n_layers * qm;
  unsigned syms = g / step; /* G / (N_L Q_m) */
  unsigned lo = syms / c_sched;
  if (j <= c_sched - (syms % c_sched) - 1) {
    return (int)(step * lo);
  }
  return (int)(step * (lo + 1));
}

int phy_ldpc_rm_e(unsigned g, unsigned c, unsigned r, unsigned n_layers, unsigned qm)
{
  return phy_ldpc_rm_e_cbg(g, c, r, n_layers, qm, NULL);
}
