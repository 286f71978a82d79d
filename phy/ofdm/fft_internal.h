/* SPDX-License-Identifier: Apache-2.0 */
/* FFTW planning helpers shared by the PHY objects that own FFT plans (OFDM, PSS search).
 * Hidden: not part of the public API. Init-time only. */
#ifndef OLIVE_PHY_FFT_INTERNAL_H
#define OLIVE_PHY_FFT_INTERNAL_H

#include <stdbool.h>

#include "olive/phy/ofdm.h"

/* Takes the process-wide planner lock (FFTW's planner and wisdom are global and not
 * thread-safe) and imports wisdom from `wisdom_path` (NULL: none; a missing file is not
 * an error). Every begin is paired with phy_fft_planner_end. */
void phy_fft_planner_begin(const char *wisdom_path);

/* Exports wisdom when `planned_ok` (a write failure is logged, not fatal) and releases the
 * lock. */
void phy_fft_planner_end(const char *wisdom_path, bool planned_ok);

/* FFTW flags for a planning effort. */
unsigned phy_fft_flags(phy_ofdm_plan_t effort);

/* fftwf_destroy_plan under the planner lock; NULL is fine. */
void phy_fft_destroy(void *plan);

#endif
