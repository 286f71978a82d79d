/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH DM-RS least-squares channel estimate (TS 38.211 6.4.1.1 gives where the DM-RS is;
 * the estimator is not specified):
 *   1. LS values y(k) conj(r) / beta on the port's DM-RS REs;
 *   2. timing offset from the mean phase step between neighbouring DM-RS REs: a delay tau
 *      multiplies subcarrier k by exp(-j 2 pi k SCS tau) (TS 38.213 4.2 defines the TA
 *      unit the result is reported in); the ramp is removed before averaging so that a
 *      timing error neither biases the noise estimate nor smears the average;
 *   3. k' pair means (despreading w_f of the CDM group) and differences (noise alone where
 *      the channel is flat over the pair);
 *   4. each pair mean averaged with its two neighbours (about one PRB), linear
 *      interpolation between pair centres, held flat at the edges, the ramp put back. */
#include <complex.h>
#include <math.h>

#include "olive/support/error.h"
#include "pusch_chest.h"

#define MAX_DMRS_RE (PHY_MAX_PRB * 6)
#define MAX_PAIRS   (MAX_DMRS_RE / 2)

typedef struct chest_acc {
  cf_t corr;      /* sum of ls(i+1) conj(ls(i)) at the smallest DM-RS spacing */
  uint32_t d_min; /* that spacing, subcarriers */
  double diff2;   /* sum over pairs of |ls(k'=0) - ls(k'=1)|^2 */
  double pow2;    /* sum over pairs of |pair mean|^2 */
  uint32_t npairs;
} chest_acc_t;

static cf_t *ls_row(const phy_pusch_t *q, uint32_t r, uint32_t d)
{
  return q->b->ls + ((size_t)r * PHY_DMRS_MAX_SYMB + d) * (q->b->nsc / 2);
}

/* Step 1 and the correlation of step 2 for one symbol and RX port. */
static void ls_symbol(const cf_t *row, const cf_t *ref, const uint16_t *k, uint32_t n, float ib,
                      cf_t *ls, chest_acc_t *acc)
{
  for (uint32_t i = 0; i < n; i++) {
    ls[i] = row[k[i]] * conjf(ref[i]) * ib;
  }
  cf_t c = 0;
  for (uint32_t i = 0; i + 1 < n; i++) {
    if ((uint32_t)(k[i + 1] - k[i]) == acc->d_min) {
      c += ls[i + 1] * conjf(ls[i]);
    }
  }
  acc->corr += c;
}

/* rot[m] = exp(j theta m), m = 0 .. n - 1, by recursion in double precision. */
static void ramp(double theta, uint32_t n, cf_t *rot)
{
  double c = cos(theta), s = sin(theta), re = 1.0, im = 0.0;
  for (uint32_t m = 0; m < n; m++) {
    rot[m] = (float)re + I * (float)im;
    double t = re * c - im * s;
    im = re * s + im * c;
    re = t;
  }
}

/* Step 3 on one symbol and port (ramp removed): pair centres c, means v. */
static uint32_t pairs(const cf_t *ls, const uint16_t *k, uint32_t n, const cf_t *rot, uint32_t k0,
                      float *c, cf_t *v, chest_acc_t *acc)
{
  uint32_t np = n / 2;
  double d2 = 0, p2 = 0;
  for (uint32_t j = 0; j < np; j++) {
    uint32_t a = k[2 * j], b = k[2 * j + 1];
    cf_t la = ls[2 * j] * rot[a - k0], lb = ls[2 * j + 1] * rot[b - k0];
    cf_t m = 0.5f * (la + lb), d = la - lb;
    c[j] = 0.5f * (float)(a + b);
    v[j] = m;
    d2 += crealf(d) * crealf(d) + cimagf(d) * cimagf(d);
    p2 += crealf(m) * crealf(m) + cimagf(m) * cimagf(m);
  }
  acc->diff2 += d2;
  acc->pow2 += p2;
  acc->npairs += np;
  return np;
}

/* Step 4: three-pair moving average, then linear interpolation onto k0 .. k0 + m - 1 with
 * the ramp restored (conj(rot)). */
static void smooth_interp(const float *c, const cf_t *v, uint32_t np, const cf_t *rot, uint32_t k0,
                          uint32_t m, cf_t *h)
{
  cf_t s[MAX_PAIRS];
  for (uint32_t j = 0; j < np; j++) {
    uint32_t a = j > 0 ? j - 1 : 0, b = j + 1 < np ? j + 1 : np - 1;
    cf_t acc = 0;
    for (uint32_t i = a; i <= b; i++) {
      acc += v[i];
    }
    s[j] = acc / (float)(b - a + 1);
  }
  uint32_t j = 0;
  for (uint32_t i = 0; i < m; i++) {
    float x = (float)(k0 + i);
    while (j + 1 < np && c[j + 1] <= x) {
      j++;
    }
    cf_t e;
    if (x <= c[0]) {
      e = s[0];
    } else if (j + 1 >= np) {
      e = s[np - 1];
    } else {
      float t = (x - c[j]) / (c[j + 1] - c[j]);
      e = s[j] + t * (s[j + 1] - s[j]);
    }
    h[k0 + i] = e * conjf(rot[i]);
  }
}

int pusch_chest(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                const phy_grid_t *grid, uint32_t nof_rx, pusch_chest_t *ce)
{
  cf_t ref[MAX_DMRS_RE];
  uint16_t k[MAX_DMRS_RE];
  float c[MAX_PAIRS];
  cf_t v[MAX_PAIRS];
  chest_acc_t acc = {.d_min =
                         cfg->dmrs_type == PHY_DMRS_TYPE2 && !cfg->transform_precoding ? 1 : 2};
  float ib = 1.0f / lo->beta;
  int n = 0;
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    n = pusch_dmrs_ref(cfg, lo, lo->dmrs_l[d], ref, k);
    if (n < 2) {
      return n < 0 ? n : OLIVE_EINVAL;
    }
    for (uint32_t r = 0; r < nof_rx; r++) {
      ls_symbol(phy_grid_symbol(grid, r, lo->dmrs_l[d]), ref, k, (uint32_t)n, ib, ls_row(q, r, d),
                &acc);
    }
  }
  /* H(k) ~ exp(-j 2 pi k SCS tau): the phase step over d_min subcarriers is -2 pi d_min SCS
   * tau. */
  double scs = (double)PHY_SCS_HZ(cfg->mu);
  double step = cabsf(acc.corr) > 0.0f ? (double)cargf(acc.corr) : 0.0;
  ce->ta_s = (float)(-step / (2.0 * M_PI * acc.d_min * scs));
  ramp(-step / acc.d_min, lo->m_sc, q->b->rot); /* exp(+j 2 pi SCS tau m) removes the delay */
  for (uint32_t d = 0; d < lo->nof_dmrs; d++) {
    /* The k of every DM-RS symbol are the same (they depend on the port and PRBs only). */
    for (uint32_t r = 0; r < nof_rx; r++) {
      uint32_t np = pairs(ls_row(q, r, d), k, (uint32_t)n, q->b->rot, lo->k0, c, v, &acc);
      smooth_interp(c, v, np, q->b->rot, lo->k0, lo->m_sc, pusch_h_row(q, r, d));
    }
  }
  /* Each LS value carries noise N0 / beta^2: E|ls0 - ls1|^2 = 2 N0 / beta^2 and a pair mean
   * holds N0 / (2 beta^2) of it. */
  float b2 = lo->beta * lo->beta;
  double n0 = b2 * acc.diff2 / (2.0 * acc.npairs);
  double sig = acc.pow2 / acc.npairs - n0 / (2.0 * b2);
  ce->n0 = n0 > 1e-12 ? (float)n0 : 1e-12f;
  ce->sig = sig > 0 ? (float)sig : 0.0f;
  return 0;
}
