/* SPDX-License-Identifier: Apache-2.0 */
/* Portable reference of the complex scale kernel (see olive/phy/vec.h). */
#include "vec_internal.h"

void phy_vec_scale_generic(cf_t *dst, const cf_t *src, cf_t c, uint32_t n)
{
  /* Real arithmetic on purpose: a C complex product would add the C99 Annex G NaN/inf
   * recovery (__mulsc3) to every element. */
  float cr = crealf(c), ci = cimagf(c);
  const float *x = (const float *)src;
  float *y = (float *)dst;
  for (uint32_t i = 0; i < n; i++) {
    float a = x[2 * i], b = x[2 * i + 1];
    y[2 * i] = a * cr - b * ci;
    y[2 * i + 1] = a * ci + b * cr;
  }
}
