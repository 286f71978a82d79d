/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator, TS 38.211 5.3.1 and 5.4 (see ofdm.h). */
#include <fftw3.h>
#include <stdbool.h>
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
  phy_vec_scale(q->fin, re + half, c, half);
  phy_vec_scale(q->fin + q->fft_size - half, re, c, half);
}

/* DFT of `in` (the plans' input alignment) into out[cp .. cp + N - 1], then the cyclic
 * prefix out[0 .. cp - 1], the last cp samples of the useful part. The DFT writes
 * straight into the caller's buffer when it has the plan's alignment; otherwise (an odd
 * CP puts every other symbol 8 bytes off) into q->fout and copied, which is 1.5-2x
 * faster than an FFTW plan for that alignment. */
static void dft_cp(phy_ofdm_t *q, const cf_t *in, uint32_t cp, cf_t *out)
{
  uint32_t n = q->fft_size;
  /* Out-of-place complex DFTs preserve their input (FFTW manual 4.3.2): the cast is
   * safe. */
  fftwf_complex *x = (fftwf_complex *)in;
  if (ofdm_fft_pick(q, out + cp) == 0) {
    fftwf_execute_dft(q->plan[0], x, (fftwf_complex *)(out + cp));
    memcpy(out, out + n, cp * sizeof(cf_t));
  } else {
    fftwf_execute_dft(q->plan[0], x, (fftwf_complex *)q->fout);
    memcpy(out, q->fout + n - cp, cp * sizeof(cf_t));
    memcpy(out + cp, q->fout, n * sizeof(cf_t));
  }
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
  dft_cp(q, q->fin, cp, out);
  return (int)(cp + n);
}

int phy_ofdm_slot_weights(const phy_ofdm_t *q, uint32_t slot, cf_t w[PHY_NSYMB_SLOT])
{
  if (q == NULL || q->rx || w == NULL) {
    return OLIVE_EINVAL;
  }
  uint32_t l0 = (slot % PHY_SLOTS_SF(q->carrier.mu)) * PHY_NSYMB_SLOT;
  memcpy(w, q->c + l0, PHY_NSYMB_SLOT * sizeof(cf_t));
  return OLIVE_OK;
}

/* Transmit grid (grid.h): the row already is the DFT input carrying w_l. When w_l is the
 * symbol's own c_l (the grid was filled after phy_ofdm_slot_weights) and the row has the
 * plans' input alignment (`direct`), the DFT reads the grid row itself and writes after
 * the CP; otherwise the row is rescaled by c_l / w_l into the plans' input first. */
static int mod_tx_symbol(phy_ofdm_t *q, const cf_t *row, cf_t w, bool direct, uint32_t l_sf,
                         cf_t *out)
{
  uint32_t l = l_sf % q->nsymb_sf;
  uint32_t cp = q->cp[l];
  uint32_t n = q->fft_size;
  const cf_t *in = row;
  if (!direct || w != q->c[l]) {
    phy_vec_scale(q->fin, row, q->c[l] / w, n);
    in = q->fin;
  }
  dft_cp(q, in, cp, out);
  return (int)(cp + n);
}

int phy_ofdm_mod_slot(phy_ofdm_t *q, const phy_grid_t *grid, uint32_t port, uint32_t slot,
                      cf_t *out)
{
  if (q == NULL || q->rx || q->fin == NULL || grid == NULL || grid->re == NULL || out == NULL ||
      port >= grid->nof_ports || phy_grid_nof_sc(grid) != q->nof_sc ||
      (grid->fft_size != 0 && grid->fft_size != q->fft_size)) {
    return OLIVE_EINVAL;
  }
  uint32_t l0 = (slot % PHY_SLOTS_SF(q->carrier.mu)) * PHY_NSYMB_SLOT;
  /* Rows are 64-byte multiples apart: one alignment for all of them. */
  bool direct = fftwf_alignment_of((float *)grid->re) == q->align[2];
  int total = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    const cf_t *row = phy_grid_symbol(grid, port, l);
    int n = phy_grid_is_natural(grid)
                ? phy_ofdm_mod_symbol(q, row, l0 + l, out + total)
                : mod_tx_symbol(q, row, grid->w[l], direct, l0 + l, out + total);
    if (n < 0) {
      return n;
    }
    total += n;
  }
  return total;
}
