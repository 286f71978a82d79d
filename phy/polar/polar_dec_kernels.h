/* SPDX-License-Identifier: Apache-2.0 */
/* LLR kernels of the SC(L) polar decoder, one set per ISA, chosen at decoder creation.
 *
 *   f: out[k] = sign(a[k]) sign(b[k]) min(|a[k]|, |b[k]|)     (min-sum check node)
 *   g: out[k] = b[k] + (1 - 2 beta[k]) a[k]                     (variable node) */
#ifndef OLIVE_PHY_POLAR_DEC_KERNELS_H
#define OLIVE_PHY_POLAR_DEC_KERNELS_H

#include <stdint.h>

typedef struct polar_dec_kernels {
  void (*f)(const float *a, const float *b, float *out, unsigned n);
  void (*g)(const float *a, const float *b, const uint8_t *beta, float *out, unsigned n);
} polar_dec_kernels_t;

void polar_dec_kernels_generic(polar_dec_kernels_t *k);
void polar_dec_kernels_avx2(polar_dec_kernels_t *k);

#endif
