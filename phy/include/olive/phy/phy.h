/* SPDX-License-Identifier: Apache-2.0 */
/* The physical layer: common types and build information.
 * Each block has its own header beside this one (crc.h, polar.h, ldpc.h, ...). */
#ifndef OLIVE_PHY_PHY_H
#define OLIVE_PHY_PHY_H

#include <complex.h>
#include <stdint.h>

#include "olive/support/api.h"

/* One complex baseband sample or resource element: interleaved re, im float32 (the
 * layout FFTW's fftwf_complex, VOLK's lv_32fc_t and the ZeroMQ wire format share). */
typedef float complex cf_t;

/* olive's version string, e.g. "0.1.0". */
OLIVE_API const char *olive_phy_version(void);

/* Name of the SIMD variant set this process uses ("generic", "avx2", "avx512"). */
OLIVE_API const char *olive_phy_isa(void);

#endif
