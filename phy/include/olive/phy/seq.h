/* SPDX-License-Identifier: Apache-2.0 */
/* Sequences of TS 38.211 5.2: the length-31 Gold sequence c(n) (5.2.1), Zadoff-Chu
 * sequences (5.2.2.1, 6.3.3.1) and the low-PAPR base sequences r_u,v(n) (5.2.2).
 *
 * None of these functions allocate or fail on a valid argument; those that can be given
 * an invalid one return 0 or a negative olive_err_t. */
#ifndef OLIVE_PHY_SEQ_H
#define OLIVE_PHY_SEQ_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/phy.h"
#include "olive/support/api.h"

/* ---- Gold sequence c(n), TS 38.211 5.2.1 ----------------------------------------------
 * c(n) = (x1(n + Nc) + x2(n + Nc)) mod 2, Nc = 1600, x1(0) = 1, x1(1..30) = 0, and
 * c_init = sum_i x2(i) 2^i. c_init uses its low 31 bits (0 .. 2^31-1; bit 31 is ignored).
 * n (the start offset) may be any value 0 .. 2^32-1; starting at n costs O(log n), not
 * O(n). */

/* Generator state for streaming c(n) 32 bits at a time. Plain data: copy it to fork. */
typedef struct phy_seq_gold {
  uint32_t x1; /* bit i = x1(m + i), i = 0..30, m = n + Nc */
  uint32_t x2; /* bit i = x2(m + i) */
} phy_seq_gold_t;

/* Positions g at c(n) for the given c_init. */
OLIVE_API void phy_seq_gold_init(phy_seq_gold_t *g, uint32_t c_init, uint32_t n);

/* Returns c(n) .. c(n+31) with c(n) in bit 0 (LSB first) and advances g by 32. */
OLIVE_API uint32_t phy_seq_gold_next32(phy_seq_gold_t *g);

/* Fills w[0..nwords-1] with the next 32 nwords bits, each word as phy_seq_gold_next32()
 * would return it, and advances g. From 256 words on it switches to a word-parallel
 * recurrence (about 5x faster per bit, after a set-up worth ~60 single steps). */
OLIVE_API void phy_seq_gold_fill(phy_seq_gold_t *g, uint32_t *w, size_t nwords);

/* c[i] = c(n + i), one bit per byte (0/1), i = 0 .. len-1. */
OLIVE_API void phy_seq_gold_bits(uint8_t *c, uint32_t c_init, uint32_t n, size_t len);

/* c(n) .. c(n+len-1) packed big-endian (c(n) is bit 7 of byte 0), ceil(len/8) bytes
 * written; the unused low bits of the last byte are zero. */
OLIVE_API void phy_seq_gold_packed(uint8_t *c, uint32_t c_init, uint32_t n, size_t len);

/* c[i] = 1 - 2 c(n + i) (+1.0f or -1.0f), i = 0 .. len-1. */
OLIVE_API void phy_seq_gold_float(float *c, uint32_t c_init, uint32_t n, size_t len);

/* The QPSK reference-signal form of c(n) shared by the DM-RS of PDSCH/PUSCH (7.4.1.1.1,
 * 6.4.1.1.1), PDCCH (7.4.1.3.1), PBCH (7.4.1.4.1), CSI-RS and PT-RS:
 *   r[i] = ((1 - 2 c(2m)) + j (1 - 2 c(2m + 1))) / sqrt(2),  m = m0 + i, i < len.
 * m0 is in symbols (the sequence starts at bit 2 m0, m0 < 2^31). */
OLIVE_API void phy_seq_gold_qpsk(cf_t *r, uint32_t c_init, uint32_t m0, size_t len);

/* ---- Zadoff-Chu, TS 38.211 5.2.2.1 and 6.3.3.1 ---------------------------------------
 * x[m] = exp(-j pi q m (m+1) / n_zc), m = 0 .. len-1 (len may exceed n_zc: the sequence
 * is periodic in n_zc when n_zc is odd). The phase is reduced exactly in integers, so
 * every element is accurate to float rounding (~1e-7) at any length.
 * n_zc in 1 .. PHY_SEQ_ZC_MAX_LEN (prime for the NR uses: 139, 571, 839, 1151 for PRACH),
 * q in 1 .. n_zc-1. Returns 0, or OLIVE_EINVAL. */
#define PHY_SEQ_ZC_MAX_LEN 4096
OLIVE_API int phy_seq_zc(cf_t *x, unsigned n_zc, unsigned q, size_t len);

/* ---- Low-PAPR base sequences, TS 38.211 5.2.2 (type 1, delta = 0 form) ----------------
 * r_u,v^(alpha)(n) = exp(j alpha n) rbar_u,v(n), n = 0 .. m_zc-1, where rbar is
 *   m_zc = 6, 12, 18, 24: exp(j phi(n) pi / 4), phi from Tables 5.2.2.2-1 .. 5.2.2.2-4;
 *   m_zc = 30:            exp(-j pi (u+1)(n+1)(n+2) / 31)                (5.2.2.2);
 *   m_zc >= 36:           x_q(n mod N_ZC), N_ZC the largest prime < m_zc  (5.2.2.1).
 * u = group number 0..29; v = base sequence number, 0 or 1 for m_zc >= 72, 0 otherwise.
 * m_zc in {6, 12, 18, 24, 30} or 36 .. PHY_SEQ_LOW_PAPR_MAX_LEN (DMRS, PUCCH and SRS use
 * m_zc = m * 12 / 2^delta). alpha is the cyclic shift in radians.
 * Returns 0, or OLIVE_EINVAL for an out-of-range argument (r is then untouched). */
#define PHY_SEQ_LOW_PAPR_MAX_LEN 3300 /* 275 PRB * 12 subcarriers */

OLIVE_API int phy_seq_low_papr(cf_t *r, unsigned m_zc, unsigned u, unsigned v, float alpha);

/* The TS 38.211 Table 5.2.2.2-1..-4 phase row phi(0..m_zc-1) (values -3, -1, 1, 3) for
 * m_zc in {6, 12, 18, 24} and u in 0..29; NULL otherwise. */
OLIVE_API const int8_t *phy_seq_low_papr_phi(unsigned m_zc, unsigned u);

#endif
