/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM demodulator: CP removal with window advance, CFO rotation, DFT, timing phase
 * ramp, 5.4 term (see ofdm.h). */
#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <string.h>
#include <volk/volk.h>

#include "ofdm_internal.h"
#include "olive/support/error.h"

/* DFT of the window w[0..N-1] into q->fout, rotating by exp(-j 2 pi cfo n / srate) first
 * when a CFO is set (n = stream index of w[0] onwards). */
static void window_dft(phy_ofdm_t *q, const cf_t *w, uint64_t n_w)
{
  uint32_t n = q->fft_size;
  if (q->cfo_hz != 0.0) {
    /* Phase at n_w in cycles. f * n_w is below 2^39 for n_w < 2^40 samples (2.5 hours
     * at 122.88 Msps), so its fraction keeps 13 bits or more; callers that run longer
     * pass a wrapped index. */
    double f = q->cfo_hz / q->carrier.srate_hz;
    double cyc = fmod(f * (double)(n_w & ((1ull << 40) - 1)), 1.0);
    lv_32fc_t ph = (float)cos(-2.0 * M_PI * cyc) + I * (float)sin(-2.0 * M_PI * cyc);
    lv_32fc_t inc = (float)cos(-2.0 * M_PI * f) + I * (float)sin(-2.0 * M_PI * f);
    volk_32fc_s32fc_x2_rotator_32fc(q->fin, w, inc, &ph, n);
    fftwf_execute_dft(q->plan[0], (fftwf_complex *)q->fin, (fftwf_complex *)q->fout);
    return;
  }
  int p = ofdm_fft_pick(q, w);
  if (p < 0) {
    memcpy(q->fin, w, n * sizeof(cf_t));
    w = q->fin;
    p = 0;
  }
  /* Out-of-place complex DFTs preserve their input (FFTW manual 4.3.2): the cast is
   * safe. */
  fftwf_execute_dft(q->plan[p], (fftwf_complex *)w, (fftwf_complex *)q->fout);
}

/* Inverse of the modulator's bin mapping, then ramp, scale and 5.4 term. */
static void demap_bins(phy_ofdm_t *q, cf_t *re, cf_t c)
{
  uint32_t half = q->nof_sc / 2;
  const cf_t *lo = q->fout + q->fft_size - half;
  const cf_t *hi = q->fout;
  if (q->use_ramp) {
    volk_32fc_x2_multiply_32fc(re, lo, q->ramp, half);
    volk_32fc_x2_multiply_32fc(re + half, hi, q->ramp + half, half);
    volk_32fc_s32fc_multiply_32fc(re, re, c, q->nof_sc);
  } else {
    phy_vec_scale(re, lo, c, half);
    phy_vec_scale(re + half, hi, c, half);
  }
}

int phy_ofdm_demod_symbol(phy_ofdm_t *q, const cf_t *in, uint32_t l_sf, uint64_t n0, cf_t *re)
{
  if (q == NULL || !q->rx || q->fin == NULL || in == NULL || re == NULL) {
    return OLIVE_EINVAL;
  }
  uint32_t l = l_sf % q->nsymb_sf;
  uint32_t off = q->cp[l] - q->cp_advance;
  window_dft(q, in + off, n0 + off);
  demap_bins(q, re, q->c[l]);
  return (int)q->nof_sc;
}

int phy_ofdm_demod_slot(phy_ofdm_t *q, const cf_t *in, uint32_t slot, uint64_t n0, phy_grid_t *grid,
                        uint32_t port)
{
  if (q == NULL || grid == NULL || !phy_grid_is_natural(grid) || grid->re == NULL ||
      port >= grid->nof_ports || phy_grid_nof_sc(grid) != q->nof_sc) {
    return OLIVE_EINVAL;
  }
  uint32_t l0 = (slot % PHY_SLOTS_SF(q->carrier.mu)) * PHY_NSYMB_SLOT;
  uint32_t pos = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    int r = phy_ofdm_demod_symbol(q, in + pos, l0 + l, n0 + pos, phy_grid_symbol(grid, port, l));
    if (r < 0) {
      return r;
    }
    pos += phy_ofdm_symbol_len(q, l0 + l);
  }
  return (int)pos;
}
