/* SPDX-License-Identifier: Apache-2.0 */
/* The physical layer: common types and build information.
 * Each block has its own header beside this one (crc.h, polar.h, ldpc.h, ...). */
#ifndef OLIVE_PHY_PHY_H
#define OLIVE_PHY_PHY_H

#include <complex.h>
#include <stdint.h>
#include <string.h>

#include "olive/support/api.h"

/* One complex baseband sample or resource element: interleaved re, im float32 (the
 * layout FFTW's fftwf_complex, VOLK's lv_32fc_t and the ZeroMQ wire format share). */
typedef float complex cf_t;

/* re + j im built from its parts without complex arithmetic. C11's CMPLXF is missing
 * with clang + glibc; complex float is laid out as float[2] (C11 6.2.5). */
static inline cf_t phy_cf_make(float re, float im)
{
  const float parts[2] = {re, im};
  cf_t z;
  memcpy(&z, parts, sizeof z);
  return z;
}

/* a b by the plain formula, for finite values on the slot path: a C complex product
 * carries C99 Annex G's NaN/inf recovery (a __mulsc3 call) into every loop. */
static inline cf_t phy_cmul(cf_t a, cf_t b)
{
  float ar = crealf(a), ai = cimagf(a), br = crealf(b), bi = cimagf(b);
  return phy_cf_make(ar * br - ai * bi, ar * bi + ai * br);
}

/* olive's version string, e.g. "0.1.0". */
OLIVE_API const char *olive_phy_version(void);

/* Name of the SIMD variant set this process uses ("generic", "avx2", "avx512"). */
OLIVE_API const char *olive_phy_isa(void);

#endif
