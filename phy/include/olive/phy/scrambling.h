/* SPDX-License-Identifier: Apache-2.0 */
/* Scrambling and descrambling by the Gold sequence c(n) of TS 38.211 5.2.1 (used by
 * PBCH 7.3.3.1, PDCCH 7.3.2.3, PDSCH 7.3.1.1, PUCCH 6.3.2.5/6.3.2.6, PUSCH 6.3.1.1):
 *   bits: b~(i) = (b(i) + c(n + i)) mod 2;
 *   LLRs: the sign of llr(i) is flipped where c(n + i) = 1 (descrambling soft bits).
 *
 * The object only holds the SIMD variant chosen at init; every call is reentrant, does not
 * allocate and accepts any alignment and in == out. */
#ifndef OLIVE_PHY_SCRAMBLING_H
#define OLIVE_PHY_SCRAMBLING_H

#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"
#include "olive/support/cpu.h"

typedef struct phy_scrambling_args {
  olive_isa_t isa; /* OLIVE_ISA_AUTO (olive_cpu_isa()) or a variant to force */
} phy_scrambling_args_t;

typedef struct phy_scrambling_ops phy_scrambling_ops_t;

typedef struct phy_scrambling {
  olive_isa_t isa; /* the variant in use */
  const phy_scrambling_ops_t *ops;
} phy_scrambling_t;

/* Chooses the variant. args may be NULL (= OLIVE_ISA_AUTO). Returns 0, or OLIVE_ENOTSUP
 * when a forced isa is not supported by this CPU or build, OLIVE_EINVAL on a bad value. */
OLIVE_API int phy_scrambling_init(phy_scrambling_t *q, const phy_scrambling_args_t *args);

/* NULL-safe, idempotent. */
OLIVE_API void phy_scrambling_free(phy_scrambling_t *q);

/* In all calls below: len elements (bits or LLRs), sequence c(n + i) for c_init (low 31
 * bits used) starting at offset n. out may equal in. */

/* One bit per byte (0/1). */
OLIVE_API void phy_scrambling_bits(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in,
                                   size_t len, uint32_t c_init, uint32_t n);

/* TS 38.211 6.3.1.1 (PUSCH with UCI placeholders, and 6.3.2.5/6.3.2.6 where the UCI
 * encoder uses them): in[i] is 0, 1, PHY_SCRAMBLING_PH_X or PHY_SCRAMBLING_PH_Y;
 *   x -> b~(i) = 1;  y -> b~(i) = b~(i-1);  otherwise b~(i) = (b(i) + c(n+i)) mod 2.
 * A y at i = 0 has no previous bit and gives 1 (38.212 never emits one there). out may
 * equal in. */
#define PHY_SCRAMBLING_PH_X 2
#define PHY_SCRAMBLING_PH_Y 3
OLIVE_API void phy_scrambling_bits_ph(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in,
                                      size_t len, uint32_t c_init, uint32_t n);

/* Packed big-endian bits, len bits from bit 7 of in[0]; ceil(len/8) bytes are written and
 * the unused low bits of the last byte are copied from in unchanged. */
OLIVE_API void phy_scrambling_packed(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in,
                                     size_t len, uint32_t c_init, uint32_t n);

/* Float LLRs: out[i] = c(n+i) ? -in[i] : in[i] (an exact sign flip, NaN/inf kept). */
OLIVE_API void phy_scrambling_llr_f32(const phy_scrambling_t *q, float *out, const float *in,
                                      size_t len, uint32_t c_init, uint32_t n);

/* Saturated int8 LLRs: out[i] = c(n+i) ? -in[i] : in[i], with -(-128) saturated to 127. */
OLIVE_API void phy_scrambling_llr_i8(const phy_scrambling_t *q, int8_t *out, const int8_t *in,
                                     size_t len, uint32_t c_init, uint32_t n);

#endif
