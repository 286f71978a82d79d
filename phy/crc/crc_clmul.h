/* SPDX-License-Identifier: Apache-2.0 */
/* Shared between the PCLMULQDQ and VPCLMULQDQ CRC files only (x86, SIMD flags). */
#ifndef OLIVE_PHY_CRC_CLMUL_H
#define OLIVE_PHY_CRC_CLMUL_H

#include <immintrin.h>

#include "crc_internal.h"

/* Folds the 16-byte blocks at p onto the running block a until fewer than 16 bytes are
 * left, then returns the register after a's 16 bytes and that tail (byte table). */
uint32_t phy_crc_clmul_tail(phy_crc_type_t type, const crc_fold_consts_t *k, __m128i a,
                            const uint8_t *p, size_t n);

#endif
