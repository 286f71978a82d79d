/* SPDX-License-Identifier: Apache-2.0 */
/* Portable reference of the SC(L) LLR kernels (see polar_dec_kernels.h). */
#include <math.h>

#include "polar_dec_kernels.h"

static void polar_f_generic(const float *a, const float *b, float *out, unsigned n)
{
  for (unsigned k = 0; k < n; k++) {
    float fa = fabsf(a[k]), fb = fabsf(b[k]);
    float m = fa < fb ? fa : fb;
    out[k] = (signbit(a[k]) != 0) != (signbit(b[k]) != 0) ? -m : m;
  }
}

static void polar_g_generic(const float *a, const float *b, const uint8_t *beta, float *out,
                            unsigned n)
{
  for (unsigned k = 0; k < n; k++) {
    out[k] = beta[k] ? b[k] - a[k] : b[k] + a[k];
  }
}

void polar_dec_kernels_generic(polar_dec_kernels_t *k)
{
  k->f = polar_f_generic;
  k->g = polar_g_generic;
}
