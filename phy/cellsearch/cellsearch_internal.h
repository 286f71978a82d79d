/* SPDX-License-Identifier: Apache-2.0 */
/* Private helpers shared by the cell search files. */
#ifndef OLIVE_PHY_CELLSEARCH_INTERNAL_H
#define OLIVE_PHY_CELLSEARCH_INTERNAL_H

#include "olive/phy/cellsearch.h"

/* out[t] = in[t] exp(-j 2 pi f (n0 + t) / srate), t = 0 .. n - 1 (in may alias out). */
void cs_rotate(const cf_t *in, cf_t *out, uint32_t n, double f_hz, double srate, double n0);

/* Step 1 (cs_pss.c): the strongest PSS whose useful part starts in [lo, hi) of x,
 * skipping +-N/2 around the skip positions and the SSB positions of cfg->known, and
 * trying the known cells' PSS positions with the other N_ID^(2). best->metric 0 when
 * nothing was searched. */
void cs_find_pss(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const cf_t *x, uint32_t lo,
                 uint32_t hi, const uint32_t *skip, uint32_t nof_skip, phy_pss_search_res_t *best);

/* Samples from the start of a half frame to the start of symbol s of that half frame
 * (numerology of q, TS 38.211 5.3.1), and the cyclic prefix of that symbol. */
double cs_symbol_start(const phy_cellsearch_t *q, uint32_t s, uint32_t *cp);

/* Sets the demodulator's CFO (the digital shift of the virtual carrier's centre to DC,
 * center_off_hz, plus the estimate) and its 5.4 phase reference: the RF centre
 * rx_center_hz (none when 0). */
int cs_dem_tune(phy_ofdm_t *dem, const phy_cellsearch_cfg_t *cfg, double center_off_hz,
                double cfo_hz);

/* Demodulates the symbol whose CP starts at x[s] (symbol l_sf of a subframe) into re and
 * undoes the phase the digital shift by off_hz leaves on it (see cellsearch.c). */
int cs_demod_symbol(const phy_cellsearch_t *q, phy_ofdm_t *dem, const cf_t *x, uint32_t s,
                    uint32_t l_sf, double off_hz, cf_t *re);

/* Mean RE power and noise variance of LS channel estimates h[0..n-1] of a smooth
 * channel: noise from second differences, e = h_k - (h_k-1 + h_k+1)/2 has variance
 * 1.5 N0 in white noise. Returns the SNR in dB (floored at -30). */
float cs_snr_db(const cf_t *h, uint32_t n);

#endif
