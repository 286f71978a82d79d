/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator, TS 38.211 5.3.1 and 5.4 (see ofdm.h). */
#include <fftw3.h>
#include <string.h>

#include "ofdm_internal.h"
#include "olive/support/error.h"

/* Subcarrier k sits at frequency (k - K/2) SCS (5.3.1, k0 = 0), i.e. DFT bin
 * (k - K/2) mod N: the upper half of the grid goes to bins 0 .. K/2 - 1, the lower half
 * to bins N - K/2 .. N - 1. The guard bins stay zero from init. The scale and the 5.4
 * term are applied here, on K values rather than N + N_CP samples. */
static void map_bins(phy_ofdm_t *q, const cf_t *re, cf_t c)
{
  uint32_t half = q->nof_sc / 2;
  ofdm_scale(q->fin, re + half, c, half);
  ofdm_scale(q->fin + q->fft_size - half, re, c, half);
}

int phy_ofdm_mod_symbol(phy_ofdm_t *q, const cf_t *re, uint32_t l_sf, cf_t *out)
{
  if (q == NULL || q->rx || q->fin == NULL || re == NULL || out == NULL) {
    return OLIVE_EINVAL;
  }
  uint32_t l = l_sf % q->nsymb_sf;
  uint32_t cp = q->cp[l];
  uint32_t n = q->fft_size;
  map_bins(q, re, q->c[l]);
  /* The DFT writes straight into the caller's buffer after the CP when a plan matches
   * its alignment. */
  int p = ofdm_fft_pick(q, out + cp);
  if (p >= 0) {
    fftwf_execute_dft(q->plan[p], (fftwf_complex *)q->fin, (fftwf_complex *)(out + cp));
  } else {
    fftwf_execute_dft(q->plan[0], (fftwf_complex *)q->fin, (fftwf_complex *)q->fout);
    memcpy(out + cp, q->fout, n * sizeof(cf_t));
  }
  /* Cyclic prefix: the last N_CP samples of the useful part. */
  memcpy(out, out + n, cp * sizeof(cf_t));
  return (int)(cp + n);
}

int phy_ofdm_mod_slot(phy_ofdm_t *q, const phy_grid_t *grid, uint32_t port, uint32_t slot,
                      cf_t *out)
{
  if (q == NULL || grid == NULL || grid->re == NULL || port >= grid->nof_ports ||
      phy_grid_nof_sc(grid) != q->nof_sc) {
    return OLIVE_EINVAL;
  }
  uint32_t l0 = (slot % PHY_SLOTS_SF(q->carrier.mu)) * PHY_NSYMB_SLOT;
  int total = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    int n = phy_ofdm_mod_symbol(q, phy_grid_symbol(grid, port, l), l0 + l, out + total);
    if (n < 0) {
      return n;
    }
    total += n;
  }
  return total;
}
