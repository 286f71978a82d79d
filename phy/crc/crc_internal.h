/* SPDX-License-Identifier: Apache-2.0 */
/* CRC engine internals shared by the portable and the carry-less-multiply paths. */
#ifndef OLIVE_PHY_CRC_INTERNAL_H
#define OLIVE_PHY_CRC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/crc.h"

/* The register is kept left-aligned in 32 bits: the L remainder bits occupy bits 31..32-L
 * and g(D) - D^L is stored the same way. This is the CRC-32 problem for
 * P'(x) = g(x) x^(32-L), whose remainder is the L-bit CRC shifted up by 32-L, so every
 * polynomial shares one byte-wise update and one set of folding code. */

/* Folding constants K(d) = x^d mod P'(x) (degree < 32) for the carry-less-multiply paths:
 * a 128-bit block H x^64 + L moved d - 64 bits further is H K(d) + L K(d - 64). */
typedef struct crc_fold_consts {
  uint64_t k128, k192;   /* fold by one 16-byte block */
  uint64_t k512, k576;   /* fold by four blocks (64 bytes) */
  uint64_t k2048, k2112; /* fold by sixteen blocks (256 bytes) */
} crc_fold_consts_t;

/* Left-aligned register after one-bit-per-byte input, starting from reg (any variant). */
uint32_t phy_crc_reg_bits(phy_crc_type_t type, uint32_t reg, const uint8_t *bits, size_t nbits);

/* Advances a left-aligned register over n whole packed bytes (slicing-by-8). */
uint32_t phy_crc_update_bytes(phy_crc_type_t type, uint32_t reg, const uint8_t *p, size_t n);

/* Register after n packed bytes from a zero register, by PCLMULQDQ folding (SSE4.1) or
 * VPCLMULQDQ (AVX-512). Both finish with phy_crc_update_bytes. */
uint32_t phy_crc_bytes_clmul(phy_crc_type_t type, const crc_fold_consts_t *k, const uint8_t *p,
                             size_t n);
uint32_t phy_crc_bytes_vpclmul(phy_crc_type_t type, const crc_fold_consts_t *k, const uint8_t *p,
                               size_t n);

#endif
