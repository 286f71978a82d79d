/* SPDX-License-Identifier: Apache-2.0 */
/* Transmit side of TS 38.212 5.4.2: bit selection (5.4.2.1) fused with the bit interleaver
 * (5.4.2.2), f_{i + j Q_m} = e_{i m + j} with m = E / Q_m, produced in output order.
 *
 * Row i of the interleaver (e_{i m} .. e_{i m + m - 1}) is a walk over the circular
 * buffer that is contiguous between filler and wrap-around, so it is read 64 bits at a
 * time straight from packed d. Eight bits of each of the Q_m rows form an 8x8 bit matrix
 * (zero rows from Q_m up); after a transpose one byte holds the Q_m bits f_{j Q_m + i} of
 * one output group j, and a multiply spreads it to one bit per byte. This replaces Q_m
 * byte-strided stores per bit by one 8-byte store per group. For Q_m = 8, whole blocks of
 * 64 groups have an AVX-512 kernel, chosen once when the library loads. */
#include <stddef.h>
#include <string.h>

#include "olive/support/cpu.h"

#include "rate_match_internal.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RM_LE 1
#else
#define RM_LE 0
#endif

/* First valid position at or after p (skips the filler, wraps at N_cb). */
static unsigned walk_norm(const cb_walk_t *w, unsigned p)
{
  for (;;) {
    if (p >= w->ncb) {
      p = 0;
    } else if (p >= w->fs && p < w->fe) {
      p = w->fe;
    } else {
      return p;
    }
  }
}

/* Position of e_k: valid positions are numbered 0..L-1 skipping the filler, and e_k is
 * valid position (v0 + k) mod L, v0 that of the first valid position from k0. */
static unsigned walk_seek(const cb_walk_t *w, unsigned k)
{
  unsigned nf = w->fe - w->fs, len = w->ncb - nf;
  unsigned p0 = walk_norm(w, w->p);
  unsigned v0 = p0 < w->fs ? p0 : p0 - nf;
  unsigned v = (unsigned)(((uint64_t)v0 + k) % len);
  return v < w->fs ? v : v + nf;
}

static uint64_t load_be64(const uint8_t *s)
{
#if RM_LE
  uint64_t x;
  memcpy(&x, s, 8);
  return __builtin_bswap64(x);
#else
  uint64_t x = 0;
  for (unsigned b = 0; b < 8; b++) {
    x = x << 8 | s[b];
  }
  return x;
#endif
}

/* The next n (1..64) bits of a row from position *p, first bit in bit 63 (bits below
 * 64 - n are unspecified); advances *p. Touches only the bytes of d holding these bits. */
static uint64_t row_bits(const cb_walk_t *w, const uint8_t *d, unsigned *p, unsigned n)
{
  unsigned q = *p, end = q < w->fs ? w->fs : w->ncb;
  uint64_t x = 0;
  if (q + n > end) { /* crosses the filler or the wrap: bit by bit */
    for (unsigned t = 0; t < n; t++) {
      x |= (uint64_t)((d[q >> 3] >> (7 - (q & 7))) & 1) << (63 - t);
      q = walk_norm(w, q + 1);
    }
    *p = q;
    return x;
  }
  const uint8_t *s = d + (q >> 3);
  unsigned sh = q & 7;
  if (sh + n > 64 || n == 64) { /* 9 bytes, or 8 when aligned */
    x = load_be64(s);
    if (sh != 0) {
      x = x << sh | s[8] >> (8 - sh);
    }
  } else { /* at most 8 bytes */
    for (unsigned b = 0; b < (sh + n + 7) / 8; b++) {
      x |= (uint64_t)s[b] << (56 - 8 * b);
    }
    x <<= sh;
  }
  *p = walk_norm(w, q + n);
  return x;
}

/* Hacker's Delight 7-3: bit 8 r + c of x moves to bit 8 c + r. */
static inline uint64_t transpose8(uint64_t x)
{
  uint64_t t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aaull;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000ccccull;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0ull;
  return x ^ t ^ (t << 28);
}

/* Bit i of b to byte i (0 or 1), byte 0 lowest: isolate bit i in byte i of the replicated
 * byte, then adding 0x7f carries a non-zero byte into its bit 7. */
static inline uint64_t spread8(uint64_t b)
{
  uint64_t x = (b * 0x0101010101010101ull) & 0x8040201008040201ull;
  return ((x + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
}

/* The qm bytes f_{o} .. f_{o+qm-1} from the low bytes of v; when 8 bytes fit below e,
 * one 8-byte store (its bytes past qm are rewritten by the next group). */
static inline void store_group(uint8_t *f, size_t o, size_t e, uint64_t v, unsigned qm)
{
  if (RM_LE && o + 8 <= e) {
    memcpy(f + o, &v, 8);
    return;
  }
  for (unsigned i = 0; i < qm; i++) {
    f[o + i] = (uint8_t)(v >> (8 * i));
  }
}

/* Output groups j0 .. j0 + n - 1 (n <= 64) from the row words r[0..qm-1]. */
static inline void emit(uint8_t *f, const uint64_t *r, unsigned qm, unsigned j0, unsigned n,
                        size_t e)
{
  for (unsigned s = 0; 8 * s < n; s++) {
    uint64_t mtx = 0;
    for (unsigned i = 0; i < qm; i++) {
      mtx |= ((r[i] >> (56 - 8 * s)) & 0xff) << (8 * i);
    }
    /* row i, bit 7 - u (group j0 + 8 s + u) -> byte 7 - u, bit i */
    mtx = transpose8(mtx);
    for (unsigned u = 0; u < 8 && 8 * s + u < n; u++) {
      uint64_t v = spread8((mtx >> (56 - 8 * u)) & 0xff);
      store_group(f, (size_t)(j0 + 8 * s + u) * qm, e, v, qm);
    }
  }
}

/* Full Q_m = 8 block: groups 0..63 of the row words r[0..7], 512 bytes. */
static void block8_generic(uint8_t *f, const uint64_t *r)
{
  emit(f, r, 8, 0, 64, 512);
}

static void gather8_generic(int8_t *e, const int8_t *f, unsigned i, unsigned n)
{
  for (unsigned t = 0; t < n; t++) {
    e[t] = f[(size_t)t * 8 + i];
  }
}

static phy_ldpc_rm_block8_fn block8 = block8_generic;
phy_ldpc_rm_gather8_fn phy_ldpc_rm_gather8 = gather8_generic;

/* The rate-matching calls have no init: their variants are chosen once at load (OLIVE_ISA
 * caps the choice). */
__attribute__((constructor)) static void rm_select(void)
{
#ifdef OLIVE_HAVE_X86_SIMD
  if (olive_cpu_isa() == OLIVE_ISA_AVX512) {
    block8 = phy_ldpc_rm_block8_avx512;
    phy_ldpc_rm_gather8 = phy_ldpc_rm_gather8_avx512;
  }
#endif
}

static inline void tx_qm(const cb_walk_t *w, const uint8_t *d, uint8_t *f, unsigned qm, unsigned e)
{
  unsigned m = e / qm, p[8];
  uint64_t r[8];
  for (unsigned i = 0; i < qm; i++) {
    p[i] = walk_seek(w, i * m);
  }
  for (unsigned j0 = 0; j0 < m; j0 += 64) {
    unsigned n = m - j0 < 64 ? m - j0 : 64;
    for (unsigned i = 0; i < qm; i++) {
      r[i] = row_bits(w, d, &p[i], n);
    }
    if (qm == 8 && n == 64) {
      block8(f + (size_t)j0 * 8, r);
    } else {
      emit(f, r, qm, j0, n, e);
    }
  }
}

/* One instance per Q_m so the row loops have constant trip counts. */
void phy_ldpc_rm_tx(const cb_walk_t *w, const uint8_t *d, uint8_t *f, unsigned qm, unsigned e)
{
  if (qm == 6) {
    tx_qm(w, d, f, 6, e);
  } else {
    tx_qm(w, d, f, 8, e);
  }
}
