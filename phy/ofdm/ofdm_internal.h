/* SPDX-License-Identifier: Apache-2.0 */
/* Internal pieces shared by the OFDM modulator and demodulator. */
#ifndef OLIVE_PHY_OFDM_INTERNAL_H
#define OLIVE_PHY_OFDM_INTERNAL_H

#include <complex.h>
#include <stdint.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/vec.h"

/* Makes q->plan[0] for an N-point transform in direction `sign` (FFTW_FORWARD or
 * FFTW_BACKWARD) between q->fin and q->fout and, for FFTW_FORWARD, q->plan[1] with the
 * input shifted by one element (backward: NULL). Serialised with a mutex; imports/exports
 * wisdom. OLIVE_ENOMEM when FFTW cannot plan. */
int ofdm_fft_plan(phy_ofdm_t *q, int sign, phy_ofdm_plan_t effort, const char *wisdom_path);

/* Destroys the plans (serialised like planning). */
void ofdm_fft_destroy(phy_ofdm_t *q);

/* Index of the plan matching the caller's pointer, or -1 when none does. */
int ofdm_fft_pick(const phy_ofdm_t *q, const cf_t *p);

/* Fractional part of f0 * n_tc * T_c (cycles of the 5.4 term). The integer-Hz part of f0
 * is reduced exactly in 64-bit integers (needs n_tc < 2^21 T_c: one subframe is 1966080),
 * the fractional-Hz part in double. */
double ofdm_phase_cycles(double f0_hz, uint64_t n_tc);

#endif
