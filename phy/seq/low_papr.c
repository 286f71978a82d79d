/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 5.2.2: Zadoff-Chu sequences and the low-PAPR base sequences r_u,v(n). */
#include <complex.h>
#include <math.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"

#include "low_papr_internal.h"

/* exp(-j pi k / n) for integer k in [0, 2n), n <= PHY_SEQ_ZC_MAX_LEN, from two small
 * tables: k = 128 hi + lo, e(k) = E_hi[hi] E_lo[lo]. The tables are filled by complex
 * recursion in double from one sincos each (error ~1e-14 over 128 steps), so a sequence
 * costs two sincos and one complex multiply per element instead of a sincos each. */
enum { LO_BITS = 7, LO_N = 1 << LO_BITS, HI_N = 2 * PHY_SEQ_ZC_MAX_LEN / LO_N + 1 };

typedef struct phase_tab {
  cf_t hi[HI_N], lo[LO_N];
} phase_tab_t;

/* t[i] = exp(-j step_rad i), i < count, by recursion in double. */
static void fill_rotations(cf_t *t, size_t count, double step_rad)
{
  const double wr = cos(step_rad), wi = -sin(step_rad);
  double zr = 1.0, zi = 0.0;
  for (size_t i = 0; i < count; i++) {
    t[i] = phy_cf_make((float)zr, (float)zi);
    double nr = zr * wr - zi * wi;
    zi = zr * wi + zi * wr;
    zr = nr;
  }
}

static void phase_tab_init(phase_tab_t *t, unsigned n)
{
  fill_rotations(t->lo, LO_N, M_PI / n);
  fill_rotations(t->hi, (2 * n) / LO_N + 1, M_PI * LO_N / n);
}

static inline cf_t phase_tab_get(const phase_tab_t *t, unsigned k)
{
  return phy_cmul(t->hi[k >> LO_BITS], t->lo[k & (LO_N - 1)]);
}

/* x[m] = exp(-j pi q m (m+1) / n), m = 0..len-1. The exponent q m (m+1) mod 2n advances by
 * 2 q m each step, kept exact in integers. */
static void zc_fill(cf_t *x, unsigned n, unsigned q, size_t len)
{
  phase_tab_t t;
  phase_tab_init(&t, n);
  const unsigned two_n = 2 * n, step = (unsigned)((2ull * q) % two_n);
  unsigned k = 0, d = 0; /* k = q m (m+1) mod 2n, d = 2 q m mod 2n */
  for (size_t m = 0; m < len; m++) {
    x[m] = phase_tab_get(&t, k);
    d = d + step >= two_n ? d + step - two_n : d + step; /* now 2 q (m+1) */
    k = k + d >= two_n ? k + d - two_n : k + d;
  }
}

int phy_seq_zc(cf_t *x, unsigned n_zc, unsigned q, size_t len)
{
  if (n_zc == 0 || n_zc > PHY_SEQ_ZC_MAX_LEN || q == 0 || q >= n_zc)
    return OLIVE_EINVAL;
  zc_fill(x, n_zc, q, len);
  return 0;
}

static int is_prime(unsigned n)
{
  if (n < 2)
    return 0;
  for (unsigned d = 2; d * d <= n; d++)
    if (n % d == 0)
      return 0;
  return 1;
}

/* TS 38.211 5.2.2.1: N_ZC = largest prime < M_ZC. */
static unsigned largest_prime_below(unsigned m)
{
  unsigned n = m - 1;
  while (!is_prime(n))
    n--;
  return n;
}

/* TS 38.211 5.2.2.1: q = floor(qbar + 1/2) + v (-1)^floor(2 qbar), qbar = N_ZC (u+1)/31,
 * evaluated in integers: floor(qbar + 1/2) = floor((2 N (u+1) + 31) / 62). */
static unsigned zc_root(unsigned n_zc, unsigned u, unsigned v)
{
  unsigned a = n_zc * (u + 1);
  unsigned q = (2 * a + 31) / 62;
  unsigned two_qbar = 2 * a / 31;
  return (two_qbar & 1) ? q - v : q + v;
}

const int8_t *phy_seq_low_papr_phi(unsigned m_zc, unsigned u)
{
  if (u >= 30)
    return NULL;
  switch (m_zc) {
  case 6:
    return phy_seq_phi6[u];
  case 12:
    return phy_seq_phi12[u];
  case 18:
    return phy_seq_phi18[u];
  case 24:
    return phy_seq_phi24[u];
  default:
    return NULL;
  }
}

/* exp(j pi k / 4), k = 0..7: the Table 5.2.2.2 phases exactly. */
static const cf_t quarter_pi[8] = {
    1.0f,  (float)M_SQRT1_2 + (float)M_SQRT1_2 *I,  I,  -(float)M_SQRT1_2 + (float)M_SQRT1_2 *I,
    -1.0f, -(float)M_SQRT1_2 - (float)M_SQRT1_2 *I, -I, (float)M_SQRT1_2 - (float)M_SQRT1_2 *I,
};

/* TS 38.211 5.2.2.2, M_ZC = 30: exp(-j pi (u+1)(n+1)(n+2) / 31). */
static void base_30(cf_t *r, unsigned u)
{
  phase_tab_t t;
  phase_tab_init(&t, 31);
  for (unsigned n = 0; n < 30; n++)
    r[n] = phase_tab_get(&t, (u + 1) * (n + 1) * (n + 2) % 62);
}

/* rbar_u,v(n) of 5.2.2.1 / 5.2.2.2 into r. */
static void base_seq(cf_t *r, unsigned m_zc, unsigned u, unsigned v)
{
  const int8_t *phi = phy_seq_low_papr_phi(m_zc, u);
  if (phi) {
    for (unsigned n = 0; n < m_zc; n++)
      r[n] = quarter_pi[(phi[n] + 8) % 8];
  } else if (m_zc == 30) {
    base_30(r, u);
  } else {
    unsigned n_zc = largest_prime_below(m_zc);
    zc_fill(r, n_zc, zc_root(n_zc, u, v), n_zc);
    for (unsigned n = n_zc; n < m_zc; n++)
      r[n] = r[n - n_zc];
  }
}

/* r(n) *= exp(j alpha n) = exp(j alpha n0) exp(j alpha j), n = n0 + j: a 64-entry table of
 * exp(j alpha j) by double recursion, and one exact sincos per block of 64. */
static void cyclic_shift(cf_t *r, unsigned m_zc, float alpha)
{
  cf_t w[64];
  fill_rotations(w, m_zc < 64 ? m_zc : 64, -(double)alpha);
  for (unsigned n0 = 0; n0 < m_zc; n0 += 64) {
    double ph = fmod((double)alpha * n0, 2.0 * M_PI);
    cf_t z0 = phy_cf_make((float)cos(ph), (float)sin(ph));
    for (unsigned j = 0; j < 64 && n0 + j < m_zc; j++)
      r[n0 + j] = phy_cmul(r[n0 + j], phy_cmul(z0, w[j]));
  }
}

static int low_papr_len_ok(unsigned m_zc)
{
  return m_zc == 6 || m_zc == 12 || m_zc == 18 || m_zc == 24 || m_zc == 30 ||
         (m_zc >= 36 && m_zc <= PHY_SEQ_LOW_PAPR_MAX_LEN);
}

int phy_seq_low_papr(cf_t *r, unsigned m_zc, unsigned u, unsigned v, float alpha)
{
  if (!low_papr_len_ok(m_zc) || u >= 30 || v > 1 || (v == 1 && m_zc < 72))
    return OLIVE_EINVAL;
  base_seq(r, m_zc, u, v);
  if (alpha != 0.0f)
    cyclic_shift(r, m_zc, alpha);
  return 0;
}
