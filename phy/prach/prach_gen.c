/* SPDX-License-Identifier: Apache-2.0 */
/* UE-side PRACH preamble, TS 38.211 6.3.3.1 (y_u,v) and 5.3.2 (baseband signal):
 *   s(t) = sum_k a_k exp(j 2 pi (k + K k_1 + k_bar) delta f_RA (t - N_CP,l^RA T_c - t_start^RA))
 * sampled at the carrier rate: a_k = beta y_u,v(k) is placed on bin (first_bin + k) mod N of
 * an N = srate / delta f_RA point IFFT, whose output is one sequence period; the N_u part
 * repeats it nof_rep times and the CP is its tail (time 0 of the sum is the CP end). */
#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "../ofdm/fft_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "prach_internal.h"

void phy_prach_gen_free(phy_prach_gen_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_fft_destroy(q->plan_dft);
  phy_fft_destroy(q->plan_ifft);
  olive_mem_free(q->x);
  olive_mem_free(q->y);
  olive_mem_free(q->grid);
  olive_mem_free(q->tsym);
  memset(q, 0, sizeof(*q));
}

int phy_prach_gen_init(phy_prach_gen_t *q, const phy_prach_gen_args_t *args)
{
  if (q == NULL || args == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  q->carrier = args->carrier;
  q->mu_ra = args->mu_ra;
  q->l_ra = prach_format_l_ra(args->format);
  q->scs_hz = prach_format_scs(args->format, args->mu_ra);
  if (phy_carrier_check(&q->carrier) < 0 || q->l_ra == 0 || q->scs_hz == 0 ||
      !(args->amplitude >= 0.0f)) {
    return OLIVE_EINVAL;
  }
  double n = q->carrier.srate_hz / q->scs_hz;
  q->n_seq = (uint32_t)n;
  if ((double)q->n_seq != n) {
    return OLIVE_EINVAL;
  }
  q->amplitude = args->amplitude > 0.0f ? args->amplitude : 1.0f;
  q->x = olive_mem_alloc(sizeof(cf_t) * q->l_ra);
  q->y = olive_mem_alloc(sizeof(cf_t) * q->l_ra);
  q->grid = olive_mem_alloc(sizeof(cf_t) * q->n_seq);
  q->tsym = olive_mem_alloc(sizeof(cf_t) * q->n_seq);
  if (q->x == NULL || q->y == NULL || q->grid == NULL || q->tsym == NULL) {
    phy_prach_gen_free(q);
    return OLIVE_ENOMEM;
  }
  unsigned flags = phy_fft_flags(args->plan);
  phy_fft_planner_begin(args->wisdom_path);
  q->plan_dft = fftwf_plan_dft_1d((int)q->l_ra, (fftwf_complex *)q->x, (fftwf_complex *)q->y,
                                  FFTW_FORWARD, flags);
  q->plan_ifft = fftwf_plan_dft_1d((int)q->n_seq, (fftwf_complex *)q->grid,
                                   (fftwf_complex *)q->tsym, FFTW_BACKWARD, flags);
  bool ok = q->plan_dft != NULL && q->plan_ifft != NULL;
  phy_fft_planner_end(args->wisdom_path, ok);
  if (!ok) {
    phy_prach_gen_free(q);
    return OLIVE_ENOMEM;
  }
  return OLIVE_OK;
}

/* y_u,v of preamble p into q->y. */
static int make_y(phy_prach_gen_t *q, const phy_prach_occasion_t *occ, uint32_t root_logical,
                  uint32_t p)
{
  phy_prach_preamble_map_t map;
  int rc = phy_prach_preamble_map(&map, q->l_ra, root_logical, occ->ncs);
  if (rc < 0) {
    return rc;
  }
  rc = phy_prach_seq_x(q->x, q->l_ra, map.u[p / map.nof_shifts], map.cv[p % map.nof_shifts]);
  if (rc < 0) {
    return rc;
  }
  fftwf_execute(q->plan_dft); /* 6.3.3.1: y_u,v(n) = sum_m x_u,v(m) exp(-j 2 pi m n / L_RA) */
  return OLIVE_OK;
}

static int resolve(phy_prach_gen_t *q, const phy_prach_cfg_t *cfg, uint32_t p,
                   phy_prach_occasion_t *occ)
{
  if (q == NULL || q->plan_dft == NULL || cfg == NULL || p >= PHY_PRACH_NOF_PREAMBLES) {
    return OLIVE_EINVAL;
  }
  int rc = phy_prach_occasion(&q->carrier, q->mu_ra, cfg, occ);
  if (rc < 0 || occ->info.l_ra != q->l_ra || occ->info.scs_hz != q->scs_hz) {
    return OLIVE_EINVAL;
  }
  return make_y(q, occ, cfg->root_logical, p);
}

int phy_prach_gen_freq(phy_prach_gen_t *q, const phy_prach_cfg_t *cfg, uint32_t preamble, cf_t *y)
{
  phy_prach_occasion_t occ;
  if (y == NULL) {
    return OLIVE_EINVAL;
  }
  int rc = resolve(q, cfg, preamble, &occ);
  if (rc < 0) {
    return rc;
  }
  memcpy(y, q->y, sizeof(cf_t) * q->l_ra);
  return OLIVE_OK;
}

int phy_prach_gen(phy_prach_gen_t *q, const phy_prach_cfg_t *cfg, uint32_t preamble, cf_t *out,
                  phy_prach_occasion_t *occ)
{
  if (out == NULL || occ == NULL) {
    return OLIVE_EINVAL;
  }
  int rc = resolve(q, cfg, preamble, occ);
  if (rc < 0) {
    return rc;
  }
  /* beta: unit-modulus x gives |y(k)| = sqrt(L); sum_k |a_k|^2 = amplitude^2 per sample. */
  float beta = q->amplitude / (float)q->l_ra;
  uint32_t n = q->n_seq;
  memset(q->grid, 0, sizeof(cf_t) * n);
  for (uint32_t k = 0; k < q->l_ra; k++) {
    int64_t bin = ((int64_t)occ->first_bin + k) % (int64_t)n;
    q->grid[bin < 0 ? bin + n : bin] = q->y[k] * beta;
  }
  fftwf_execute(q->plan_ifft);
  /* out[n_cp + t] = s(t), periodic in N; the CP is the tail of the last period. */
  for (uint32_t i = 0; i < occ->len; i++) {
    uint32_t t = (i + n - occ->n_cp % n) % n;
    out[i] = q->tsym[t];
  }
  return (int)occ->len;
}
