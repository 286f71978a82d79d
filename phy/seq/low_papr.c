/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 5.2.2: Zadoff-Chu sequences and the low-PAPR base sequences r_u,v(n). */
#include <math.h>

#include "olive/phy/seq.h"
#include "olive/support/error.h"

#include "low_papr_internal.h"

/* exp(-j pi k / n) with k already reduced modulo 2n, in double so that long sequences
 * keep full float accuracy. */
static inline cf_t phase_pi(uint64_t k, unsigned n)
{
  double ph = -M_PI * (double)k / (double)n;
  return (float)cos(ph) + I * (float)sin(ph);
}

int phy_seq_zc(cf_t *x, unsigned n_zc, unsigned q, size_t len)
{
  if (n_zc == 0 || q == 0 || q >= n_zc)
    return OLIVE_EINVAL;
  uint64_t two_n = 2ull * n_zc;
  for (size_t m = 0; m < len; m++) {
    /* q m (m+1) mod 2 N_ZC, exact in integers. */
    uint64_t mm = (uint64_t)(m % two_n) * ((m + 1) % two_n) % two_n;
    x[m] = phase_pi(mm * q % two_n, n_zc);
  }
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

/* rbar_u,v(n) of 5.2.2.1 / 5.2.2.2 into r. */
static void base_seq(cf_t *r, unsigned m_zc, unsigned u, unsigned v)
{
  const int8_t *phi = phy_seq_low_papr_phi(m_zc, u);
  if (phi) {
    /* exp(j phi pi / 4) = exp(-j pi k / 4) with k = -phi mod 8. */
    for (unsigned n = 0; n < m_zc; n++)
      r[n] = phase_pi((unsigned)(8 - phi[n]) % 8, 4);
  } else if (m_zc == 30) {
    /* exp(-j pi (u+1)(n+1)(n+2) / 31) */
    for (unsigned n = 0; n < m_zc; n++)
      r[n] = phase_pi((uint64_t)(u + 1) * (n + 1) * (n + 2) % 62, 31);
  } else {
    unsigned n_zc = largest_prime_below(m_zc);
    unsigned q = zc_root(n_zc, u, v);
    phy_seq_zc(r, n_zc, q, n_zc);
    for (unsigned n = n_zc; n < m_zc; n++)
      r[n] = r[n - n_zc];
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
    for (unsigned n = 0; n < m_zc; n++) {
      double ph = fmod((double)alpha * n, 2.0 * M_PI);
      r[n] *= (float)cos(ph) + I * (float)sin(ph);
    }
  return 0;
}
