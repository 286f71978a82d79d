/* SPDX-License-Identifier: Apache-2.0 */
/* Complex float vector kernels shared by PHY blocks, each with a portable reference and
 * AVX2 / AVX-512 variants chosen once at library load from olive_cpu_isa() (so the
 * OLIVE_ISA environment variable applies). */
#ifndef OLIVE_PHY_VEC_H
#define OLIVE_PHY_VEC_H

#include <stdint.h>

#include "olive/phy/phy.h"

/* dst[i] = c * src[i], i < n. dst may equal src (in place) but must not otherwise overlap
 * it; either may be unaligned. The SIMD variants give the reference result up to float
 * rounding (they use FMA). Used by the OFDM modulator (scale times the 5.4 term) and by
 * the mappers of a transmit grid (grid.h). */
OLIVE_API void phy_vec_scale(cf_t *dst, const cf_t *src, cf_t c, uint32_t n);

#endif
