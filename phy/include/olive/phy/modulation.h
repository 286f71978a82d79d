/* SPDX-License-Identifier: Apache-2.0 */
/* Modulation mapper and soft demapper, TS 38.211 5.1.
 *
 * Constellations (b(i) the bits of one symbol, b(0) first, "1-2b" written s):
 *   pi/2-BPSK (5.1.1)  d(i) = e^{j pi/2 (i mod 2)} / sqrt(2) [s0 + j s0]
 *   BPSK      (5.1.2)  d    = [s0 + j s0] / sqrt(2)
 *   QPSK      (5.1.3)  d    = [s0 + j s1] / sqrt(2)
 *   16QAM     (5.1.4)  d    = [s0 (2 - s2) + j s1 (2 - s3)] / sqrt(10)
 *   64QAM     (5.1.5)  d    = [s0 (4 - s2 (2 - s4)) + j s1 (4 - s3 (2 - s5))] / sqrt(42)
 *   256QAM    (5.1.6)  d    = [s0 (8 - s2 (4 - s4 (2 - s6))) + j (same, odd bits)] / sqrt(170)
 * All have unit average energy.
 *
 * LLR sign convention (the one the LDPC and polar decoders use):
 *
 *   LLR(b) = ( min_{s: b=1} |y - s|^2  -  min_{s: b=0} |y - s|^2 ) / N0
 *
 * i.e. the max-log approximation of ln(P(b=0|y) / P(b=1|y)): POSITIVE MEANS BIT 0.
 * N0 ("noise_var") is the variance of the complex noise, E|n|^2 for y = d + n (N0/2 per
 * real dimension). For the square QAMs the demapper evaluates the exact separable
 * per-axis piecewise-linear form of this expression (equal to the brute-force minimum
 * over all points; tests/phy/modulation checks that).
 *
 * int8 output: llr_i8 = clamp(rint(LLR * scale), -127, 127) with rint rounding half to even
 * and NaN giving -127; -128 is never produced. Every ISA variant gives the same int8 values
 * as the portable reference (bit-exact); float LLRs agree within 1e-5 relative (in practice
 * bit-exact too, no FMA contraction is used).
 *
 * pi/2-BPSK: the rotation index i counts from 0 at the first symbol of each call. To map
 * or demap one codeword in several calls, split it at an even number of symbols.
 *
 * The object holds the constellation tables and the kernel set chosen at init; it is
 * read-only afterwards, so one object may be shared by several threads. */
#ifndef OLIVE_PHY_MODULATION_H
#define OLIVE_PHY_MODULATION_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/phy.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

typedef enum phy_mod {
  PHY_MOD_PI2_BPSK, /* TS 38.211 5.1.1, Qm = 1 */
  PHY_MOD_BPSK,     /* 5.1.2, Qm = 1 */
  PHY_MOD_QPSK,     /* 5.1.3, Qm = 2 */
  PHY_MOD_QAM16,    /* 5.1.4, Qm = 4 */
  PHY_MOD_QAM64,    /* 5.1.5, Qm = 6 */
  PHY_MOD_QAM256,   /* 5.1.6, Qm = 8 */
  PHY_MOD_COUNT
} phy_mod_t;

#define PHY_MOD_MAX_QM 8 /* bits per symbol of the highest order */

/* Smallest per-symbol noise variance used by the _nv demappers: smaller values, zero,
 * negative values and NaN are replaced by it (no division by zero, no trap). */
#define PHY_DEMOD_NOISE_VAR_MIN 1e-10f

/* "PI2BPSK", "BPSK", "QPSK", "QAM16", "QAM64", "QAM256"; "?" for a value out of range. */
OLIVE_API const char *phy_mod_name(phy_mod_t mod);

/* Bits per symbol Qm (1, 1, 2, 4, 6, 8); 0 for a value out of range. */
OLIVE_API unsigned phy_mod_bits(phy_mod_t mod);

/* The constellation point of one symbol computed straight from the 38.211 formula (not
 * through the tables): `group` holds the Qm bits, b(0) as its most significant bit;
 * `index` is the symbol index i (only pi/2-BPSK depends on it). 0 for invalid input. */
OLIVE_API cf_t phy_mod_point(phy_mod_t mod, unsigned group, size_t index);

typedef struct phy_modulation_args {
  olive_isa_t isa; /* OLIVE_ISA_AUTO, or a variant this CPU supports (tests use this) */
} phy_modulation_args_t;

struct phy_mod_kernels;

typedef struct phy_modulation {
  const struct phy_mod_kernels *k; /* kernel set of `isa` */
  olive_isa_t isa;                 /* resolved variant */
  cf_t *lut[PHY_MOD_COUNT];        /* 2^Qm points, index = bit group, b(0) as MSB;
                                      pi/2-BPSK: 4, index (i mod 2) * 2 + b(i) */
  cf_t *lut_mem;
} phy_modulation_t;

/* Fills the tables and chooses the kernels. args may be NULL (AUTO). Returns 0,
 * OLIVE_EINVAL for an ISA this CPU or build cannot run, OLIVE_ENOMEM. */
OLIVE_API int phy_modulation_init(phy_modulation_t *q, const phy_modulation_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_modulation_free(phy_modulation_t *q);

/* Maps nbits bits, one bit per byte (only bit 0 of each byte is used), to nbits / Qm
 * symbols. Returns the number of symbols, or OLIVE_EINVAL when nbits is not a multiple of
 * Qm or an argument is invalid. */
OLIVE_API int phy_modulation_map_bits(const phy_modulation_t *q, phy_mod_t mod, const uint8_t *bits,
                                      size_t nbits, cf_t *symbols);

/* As phy_modulation_map_bits, from packed big-endian bytes (bit 7 of byte 0 is b(0));
 * reads ceil(nbits / 8) bytes. */
OLIVE_API int phy_modulation_map_packed(const phy_modulation_t *q, phy_mod_t mod,
                                        const uint8_t *bytes, size_t nbits, cf_t *symbols);

/* Max-log LLRs of nsym received symbols y, one noise variance N0 > 0 (finite) for the
 * block (positive values below PHY_DEMOD_NOISE_VAR_MIN count as that floor). Writes nsym * Qm LLRs,
 * llr[i * Qm + k] for bit b(k) of symbol i. Returns the number of LLRs, or OLIVE_EINVAL (bad N0,
 * NULL pointer, unknown order). */
OLIVE_API int phy_demod_llr_f32(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y,
                                size_t nsym, float noise_var, float *llr);

/* As phy_demod_llr_f32 with one noise variance per symbol, noise_var[0..nsym-1] (values
 * below PHY_DEMOD_NOISE_VAR_MIN, and NaN, count as PHY_DEMOD_NOISE_VAR_MIN). */
OLIVE_API int phy_demod_llr_f32_nv(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y,
                                   size_t nsym, const float *noise_var, float *llr);

/* Saturated int8 LLRs: clamp(rint(LLR * scale), -127, 127) with LLR as computed by
 * phy_demod_llr_f32; scale > 0 finite (LLR units per int8 step). */
OLIVE_API int phy_demod_llr_i8(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y, size_t nsym,
                               float noise_var, float scale, int8_t *llr);

/* int8 LLRs with one noise variance per symbol. */
OLIVE_API int phy_demod_llr_i8_nv(const phy_modulation_t *q, phy_mod_t mod, const cf_t *y,
                                  size_t nsym, const float *noise_var, float scale, int8_t *llr);

#endif
