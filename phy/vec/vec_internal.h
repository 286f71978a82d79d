/* SPDX-License-Identifier: Apache-2.0 */
/* The variants behind olive/phy/vec.h (the tests run each against the reference). */
#ifndef OLIVE_PHY_VEC_INTERNAL_H
#define OLIVE_PHY_VEC_INTERNAL_H

#include <complex.h>
#include <stdint.h>

#include "olive/phy/vec.h"

typedef void (*phy_vec_scale_fn)(cf_t *dst, const cf_t *src, cf_t c, uint32_t n);
void phy_vec_scale_generic(cf_t *dst, const cf_t *src, cf_t c, uint32_t n);
void phy_vec_scale_avx2(cf_t *dst, const cf_t *src, cf_t c, uint32_t n);
void phy_vec_scale_avx512(cf_t *dst, const cf_t *src, cf_t c, uint32_t n);

#endif
