/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM objects: init, per-symbol tables (TS 38.211 5.3.1 CP lengths, 5.4 phase term),
 * demodulator settings. See ofdm.h. */
#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <string.h>
#include <volk/volk.h>

#include "ofdm_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

/* T_c = 1 / (480 kHz * 4096) (TS 38.211 4.1): T_c periods per second. */
#define TC_PER_S 1966080000ull

double ofdm_phase_cycles(double f0_hz, uint64_t n_tc)
{
  /* f0 n_tc T_c exceeds double precision for GHz carriers (~1e16), so the integer Hz
   * part is reduced modulo 1/T_c in integers and the fractional Hz part added. */
  double f0i = floor(f0_hz);
  uint64_t a = ((uint64_t)f0i % TC_PER_S) * n_tc % TC_PER_S;
  double frac = (double)a / (double)TC_PER_S + (f0_hz - f0i) * (double)n_tc / (double)TC_PER_S;
  return frac - floor(frac);
}

/* TS 38.211 5.3.1 in units of T_c (kappa = 64): N_u = 2048 kappa 2^-mu,
 * N_CP,l = 144 kappa 2^-mu + 16 kappa on l = 0 and l = 7 * 2^mu. */
static uint64_t cp_tc(uint32_t mu, uint32_t l)
{
  return (9216u >> mu) + ((l == 0 || l == (7u << mu)) ? 1024u : 0u);
}

static void fill_tables(phy_ofdm_t *q)
{
  uint32_t mu = q->carrier.mu;
  uint32_t acc = 0;
  uint64_t tstart_tc = 0; /* t_start,l in T_c */
  float scale = q->scale != 0.0f ? q->scale : 1.0f / sqrtf((float)q->fft_size);
  for (uint32_t l = 0; l < q->nsymb_sf; l++) {
    q->cp[l] = phy_carrier_cp_len(&q->carrier, l);
    q->start[l] = acc;
    acc += q->cp[l] + q->fft_size;
    double cyc = 0.0;
    if (q->phase_comp) {
      cyc = ofdm_phase_cycles(q->center_hz, tstart_tc + cp_tc(mu, l));
    }
    tstart_tc += cp_tc(mu, l) + (131072u >> mu);
    /* tx: c_l = exp(-j 2 pi f0 (t_start,l + N_CP,l T_c)); rx: its conjugate. */
    double ph = (q->rx ? 2.0 : -2.0) * M_PI * cyc;
    q->c[l] = scale * (float)cos(ph) + I * (scale * (float)sin(ph));
  }
}

static int ofdm_init(phy_ofdm_t *q, const phy_ofdm_args_t *args, bool rx)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  if (args == NULL || args->plan > PHY_OFDM_PLAN_PATIENT || !isfinite(args->scale) ||
      !isfinite(args->center_hz) || args->center_hz < 0.0) {
    return OLIVE_EINVAL;
  }
  q->carrier = args->carrier;
  if (phy_carrier_check(&q->carrier) < 0) {
    return OLIVE_EINVAL;
  }
  q->rx = rx;
  q->fft_size = q->carrier.fft_size;
  q->nof_sc = phy_carrier_nof_sc(&q->carrier);
  q->nsymb_sf = PHY_SYMB_SF(q->carrier.mu);
  q->scale = args->scale;
  q->center_hz = args->center_hz;
  q->phase_comp = args->phase_comp;
  fill_tables(q);

  q->fin = olive_mem_calloc(q->fft_size + 1, sizeof(cf_t));
  q->fout = olive_mem_calloc(q->fft_size + 1, sizeof(cf_t));
  q->ramp = olive_mem_calloc(q->nof_sc, sizeof(cf_t));
  if (q->fin == NULL || q->fout == NULL || q->ramp == NULL) {
    phy_ofdm_free(q);
    return OLIVE_ENOMEM;
  }
  int ret = ofdm_fft_plan(q, rx ? FFTW_FORWARD : FFTW_BACKWARD, args->plan, args->wisdom_path);
  if (ret < 0) {
    phy_ofdm_free(q);
    return ret;
  }
  /* Planning scribbles on the buffers; the modulator relies on zero guard bins. */
  memset(q->fin, 0, (q->fft_size + 1) * sizeof(cf_t));
  /* VOLK picks its kernels (reading its config file) on the first call of each: do it
   * here, not on the slot path. */
  lv_32fc_t ph = 1.0f;
  volk_32fc_s32fc_multiply_32fc(q->fout, q->fout, 1.0f, 1);
  volk_32fc_x2_multiply_32fc(q->fout, q->fout, q->fout, 1);
  volk_32fc_s32fc_x2_rotator_32fc(q->fout, q->fout, 1.0f, &ph, 1);
  return OLIVE_OK;
}

int phy_ofdm_mod_init(phy_ofdm_t *q, const phy_ofdm_args_t *args)
{
  return ofdm_init(q, args, false);
}

int phy_ofdm_demod_init(phy_ofdm_t *q, const phy_ofdm_args_t *args)
{
  return ofdm_init(q, args, true);
}

void phy_ofdm_free(phy_ofdm_t *q)
{
  if (q == NULL) {
    return;
  }
  ofdm_fft_destroy(q);
  olive_mem_free(q->fin);
  olive_mem_free(q->fout);
  olive_mem_free(q->ramp);
  memset(q, 0, sizeof(*q));
}

int phy_ofdm_set_scale(phy_ofdm_t *q, float scale)
{
  if (q == NULL || q->fin == NULL || !isfinite(scale)) {
    return OLIVE_EINVAL;
  }
  q->scale = scale;
  fill_tables(q);
  return OLIVE_OK;
}

int phy_ofdm_set_center(phy_ofdm_t *q, double center_hz, bool phase_comp)
{
  if (q == NULL || q->fin == NULL || !isfinite(center_hz) || center_hz < 0.0) {
    return OLIVE_EINVAL;
  }
  q->center_hz = center_hz;
  q->phase_comp = phase_comp;
  fill_tables(q);
  return OLIVE_OK;
}

int phy_ofdm_demod_set_timing(phy_ofdm_t *q, uint32_t cp_advance, float delay)
{
  if (q == NULL || !q->rx || cp_advance > phy_carrier_cp_len(&q->carrier, 1) || !isfinite(delay) ||
      fabsf(delay) > (float)q->fft_size / 2) {
    return OLIVE_EINVAL;
  }
  q->cp_advance = cp_advance;
  double t = (double)cp_advance + delay;
  q->use_ramp = (t != 0.0);
  int half = (int)q->nof_sc / 2;
  for (int k = 0; k < (int)q->nof_sc; k++) {
    /* a_k *= exp(+j 2 pi (k - K/2)(advance + tau) / N), see ofdm.h */
    double ph = 2.0 * M_PI * (double)(k - half) * t / q->fft_size;
    q->ramp[k] = (float)cos(ph) + I * (float)sin(ph);
  }
  return OLIVE_OK;
}

int phy_ofdm_demod_set_cfo(phy_ofdm_t *q, double cfo_hz)
{
  if (q == NULL || !q->rx || !isfinite(cfo_hz) || fabs(cfo_hz) >= q->carrier.srate_hz / 2) {
    return OLIVE_EINVAL;
  }
  q->cfo_hz = cfo_hz;
  return OLIVE_OK;
}

uint32_t phy_ofdm_symbol_len(const phy_ofdm_t *q, uint32_t l_sf)
{
  return q->fft_size + q->cp[l_sf % q->nsymb_sf];
}

uint32_t phy_ofdm_slot_len(const phy_ofdm_t *q, uint32_t slot)
{
  return phy_carrier_slot_len(&q->carrier, slot);
}
