/* SPDX-License-Identifier: Apache-2.0 */
/* Cell search object: lifecycle, MIB field positions, shared helpers (see cellsearch.h). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "cellsearch_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

static const uint32_t cs_rb[3] = {24, 48, 96}; /* CORESET#0 widths, Tables 13-1..13-6 */

static int check_args(const phy_cellsearch_args_t *a, uint32_t *fft_n)
{
  if (a == NULL || a->mu > 1 || (a->l_max != 4 && a->l_max != 8) || !isfinite(a->srate_hz) ||
      !isfinite(a->max_cfo_hz) || a->max_cfo_hz < 0 || !isfinite(a->cfo_step_hz) ||
      a->cfo_step_hz < 0 || a->plan > PHY_OFDM_PLAN_PATIENT) {
    return OLIVE_EINVAL;
  }
  /* TS 38.213 4.1: case A is the 15 kHz pattern, B and C the 30 kHz ones */
  if ((a->mu == 0) != (a->ssb_case == PHY_SSB_CASE_A) || a->ssb_case >= PHY_SSB_CASE_COUNT) {
    return OLIVE_EINVAL;
  }
  double n = a->srate_hz / PHY_SCS_HZ(a->mu);
  if (!(n >= 256 && n <= PHY_MAX_FFT) || n != floor(n) || (uint32_t)n % PHY_FFT_GRANULE) {
    return OLIVE_EINVAL;
  }
  *fft_n = (uint32_t)n;
  return OLIVE_OK;
}

/* Coarse CFO grid: -k step .. k step with k step >= max_cfo - step / 2, so any CFO in
 * +-max_cfo is within step / 2 of a hypothesis. */
static int cfo_grid(const phy_cellsearch_args_t *a, phy_pss_search_args_t *pa)
{
  double step = a->cfo_step_hz > 0 ? a->cfo_step_hz : PHY_SCS_HZ(a->mu) / 3.0;
  double kf = ceil(a->max_cfo_hz / step - 0.5 - 1e-9);
  uint32_t k = kf > 0 ? (uint32_t)kf : 0;
  if (2 * k + 1 > PHY_PSS_SEARCH_MAX_HYP) {
    return OLIVE_EINVAL;
  }
  pa->nof_hyp = 2 * k + 1;
  for (uint32_t h = 0; h < pa->nof_hyp; h++) {
    pa->cfo_hz[h] = ((double)h - k) * step;
  }
  return OLIVE_OK;
}

/* Unit-energy time-domain PSS at DC: p[t] = sum_n d(n) exp(j 2 pi (n - 64) t / N), the
 * useful part of an OFDM symbol holding only the PSS (7.4.3.1: PSS element n on SSB
 * subcarrier n + 56, SS_REF on subcarrier 120). */
static void make_replicas(phy_cellsearch_t *q)
{
  uint32_t n_fft = q->fft_n;
  double norm = 1.0 / sqrt((double)PHY_PSS_LEN * n_fft);
  for (uint32_t c = 0; c < 3; c++) {
    float d[PHY_PSS_LEN];
    phy_pss_gen(c, d);
    cf_t *p = q->rep + (size_t)c * n_fft;
    for (uint32_t t = 0; t < n_fft; t++) {
      double complex acc = 0;
      for (uint32_t k = 0; k < PHY_PSS_LEN; k++) {
        uint64_t ph = ((uint64_t)(k + n_fft - 64u) * t) % n_fft; /* exact phase index */
        acc += d[k] * cexp(2.0 * M_PI * I * (double)ph / n_fft);
      }
      p[t] = (cf_t)(acc * norm);
    }
  }
}

static int init_dem(phy_ofdm_t *dem, const phy_cellsearch_args_t *a, uint32_t nof_prb)
{
  phy_ofdm_args_t oa = {.carrier = {.mu = a->mu, .nof_prb = nof_prb, .srate_hz = a->srate_hz},
                        .plan = a->plan,
                        .wisdom_path = a->wisdom_path};
  return phy_ofdm_demod_init(dem, &oa);
}

static int init_blocks(phy_cellsearch_t *q, const phy_cellsearch_args_t *a)
{
  int r = init_dem(&q->ssb_dem, a, PHY_SSB_NSC / PHY_NSC_RB);
  for (uint32_t i = 0; r == 0 && i < 3; i++) {
    if (cs_rb[i] * PHY_NSC_RB <= q->fft_n) {
      r = init_dem(&q->cs_dem[i], a, cs_rb[i]);
      q->cs_ok[i] = r == 0;
    }
  }
  if (r == 0) {
    r = phy_grid_init(&q->ssb_grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = 20});
  }
  if (r == 0) {
    r = phy_grid_init(&q->cs_grid,
                      &(phy_grid_args_t){.max_ports = 1, .max_prb = PHY_CELLSEARCH_MAX_CORESET_RB});
  }
  if (r == 0) {
    r = phy_pbch_init(&q->pbch, &(phy_pbch_args_t){.isa = a->isa});
  }
  if (r == 0) {
    r = phy_pdcch_init(&q->pdcch, &(phy_pdcch_args_t){.isa = a->isa});
  }
  if (r == 0) {
    phy_pdsch_args_t pa = {.max_prb = PHY_CELLSEARCH_MAX_CORESET_RB,
                           .max_layers = 1,
                           .max_qm = 2, /* 38.214 5.1.3.1: SI-RNTI, Q_m <= 2 */
                           .nof_harq = 1,
                           .isa = a->isa};
    r = phy_pdsch_init(&q->pdsch, &pa);
  }
  return r;
}

int phy_cellsearch_init(phy_cellsearch_t *q, const phy_cellsearch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  uint32_t n;
  phy_pss_search_args_t pa = {.mu = args ? args->mu : 0};
  if (check_args(args, &n) < 0 || cfo_grid(args, &pa) < 0) {
    return OLIVE_EINVAL;
  }
  q->args = *args;
  q->fft_n = n;
  q->block = 1;
  while (q->block < 8 * n) { /* >= 87.5% of each block's lags are new */
    q->block <<= 1;
  }
  pa.srate_hz = args->srate_hz;
  pa.max_len = q->block;
  pa.plan = args->plan;
  pa.wisdom_path = args->wisdom_path;
  int r = phy_pss_search_init(&q->pss, &pa);
  q->blk = olive_mem_calloc(q->block, sizeof(cf_t));
  q->rep = olive_mem_calloc(3 * (size_t)n, sizeof(cf_t));
  q->tb = olive_mem_calloc(PHY_CELLSEARCH_MAX_TB_BYTES, 1);
  if (r == 0 && (q->blk == NULL || q->rep == NULL || q->tb == NULL)) {
    r = OLIVE_ENOMEM;
  }
  if (r == 0) {
    r = init_blocks(q, args);
  }
  if (r < 0) {
    phy_cellsearch_free(q);
    return r;
  }
  make_replicas(q);
  return OLIVE_OK;
}

void phy_cellsearch_free(phy_cellsearch_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_pss_search_free(&q->pss);
  phy_ofdm_free(&q->ssb_dem);
  for (uint32_t i = 0; i < 3; i++) {
    phy_ofdm_free(&q->cs_dem[i]);
  }
  phy_grid_free(&q->ssb_grid);
  phy_grid_free(&q->cs_grid);
  phy_pbch_free(&q->pbch);
  phy_pdcch_free(&q->pdcch);
  phy_pdsch_free(&q->pdsch);
  olive_mem_free(q->blk);
  olive_mem_free(q->rep);
  olive_mem_free(q->tb);
  memset(q, 0, sizeof(*q));
}

uint32_t phy_cellsearch_min_len(const phy_cellsearch_t *q, uint32_t period_ms)
{
  if (q == NULL || q->fft_n == 0) {
    return 0;
  }
  /* the burst lies in the first 5 ms of its half frame; one more half frame covers the
   * last SSB of a burst that started just before the buffer */
  uint32_t sf = (uint32_t)(q->args.srate_hz / 1000.0);
  return (period_ms + 5u) * sf;
}

/* TS 38.331 6.2.2 MIB (UPER, every field fixed-size): a_0 BCCH-BCH-MessageType CHOICE,
 * a_1..a_6 systemFrameNumber, a_7 subCarrierSpacingCommon, a_8..a_11
 * ssb-SubcarrierOffset, a_12 dmrs-TypeA-Position, a_13..a_16 controlResourceSetZero,
 * a_17..a_20 searchSpaceZero, a_21 cellBarred, a_22 intraFreqReselection, a_23 spare. */
static uint32_t bits_at(const uint8_t *b, uint32_t first, uint32_t n)
{
  uint32_t v = 0;
  for (uint32_t i = 0; i < n; i++) {
    v = v << 1 | (b[first + i] & 1u);
  }
  return v;
}

int phy_cellsearch_mib_parse(const uint8_t bch[PHY_BCH_MSG_BITS], phy_cellsearch_mib_t *mib)
{
  if (bch == NULL || mib == NULL) {
    return OLIVE_EINVAL;
  }
  if (bch[0] & 1u) {
    return OLIVE_EPROTO; /* messageClassExtension */
  }
  mib->sfn_msb = bits_at(bch, 1, 6);
  mib->scs_common = bits_at(bch, 7, 1);
  mib->k_ssb_lsb = bits_at(bch, 8, 4);
  mib->typea_pos = 2 + bits_at(bch, 12, 1);
  mib->coreset0 = bits_at(bch, 13, 4);
  mib->ss0 = bits_at(bch, 17, 4);
  mib->barred = bits_at(bch, 21, 1) == 0;
  mib->intra_freq_allowed = bits_at(bch, 22, 1) == 0;
  return OLIVE_OK;
}

void cs_rotate(const cf_t *in, cf_t *out, uint32_t n, double f_hz, double srate, double n0)
{
  double w = -2.0 * M_PI * f_hz / srate;
  double ph = fmod(w * n0, 2.0 * M_PI);
  double complex rot = cexp(I * ph), step = cexp(I * w);
  for (uint32_t t = 0; t < n; t++) {
    out[t] = in[t] * (cf_t)rot;
    rot *= step;
    if ((t & 1023u) == 1023u) {
      rot /= cabs(rot);
    }
  }
}

double cs_symbol_start(const phy_cellsearch_t *q, uint32_t s, uint32_t *cp)
{
  uint32_t nsf = PHY_SYMB_SF(q->args.mu), sf_len = (uint32_t)(q->args.srate_hz / 1000.0);
  double off = (double)(s / nsf) * sf_len;
  for (uint32_t l = 0; l < s % nsf; l++) {
    off += phy_ofdm_symbol_len(&q->ssb_dem, l);
  }
  if (cp != NULL) {
    *cp = phy_ofdm_symbol_len(&q->ssb_dem, s % nsf) - q->fft_n;
  }
  return off;
}

int cs_dem_tune(phy_ofdm_t *dem, const phy_cellsearch_cfg_t *cfg, double center_off_hz,
                double cfo_hz)
{
  int r = phy_ofdm_demod_set_cfo(dem, center_off_hz + cfo_hz);
  if (r == 0) {
    bool comp = cfg->rx_center_hz > 0;
    r = phy_ofdm_set_center(dem, comp ? cfg->rx_center_hz : 0.0, comp);
  }
  return r;
}

/* Shifting the stream by -off before the DFT leaves exp(-j 2 pi off u / srate) on every
 * RE of a symbol whose useful part starts at stream index u: the phase each subcarrier
 * had at the symbol start is kept while its frequency moves, and the cyclic prefixes
 * make u advance by non-multiples of N_fft. It is the TS 38.211 5.4 term of a tuning
 * offset off (up to a constant within a subframe), undone here from the stream index. */
int cs_demod_symbol(const phy_cellsearch_t *q, phy_ofdm_t *dem, const cf_t *x, uint32_t s,
                    uint32_t l_sf, double off_hz, cf_t *re)
{
  int k = phy_ofdm_demod_symbol(dem, x + s, l_sf, s, re);
  if (k < 0) {
    return k;
  }
  double u = (double)s + phy_ofdm_symbol_len(dem, l_sf) - q->fft_n;
  double ph = fmod(off_hz / q->args.srate_hz * u, 1.0);
  cf_t c = (cf_t)cexp(2.0 * M_PI * I * ph);
  for (int i = 0; i < k; i++) {
    re[i] *= c;
  }
  return k;
}

float cs_snr_db(const cf_t *h, uint32_t n)
{
  double p = 0, e = 0;
  for (uint32_t k = 0; k < n; k++) {
    p += crealf(h[k] * conjf(h[k]));
  }
  for (uint32_t k = 1; k + 1 < n; k++) {
    cf_t d = h[k] - 0.5f * (h[k - 1] + h[k + 1]);
    e += crealf(d * conjf(d));
  }
  double nv = e / (1.5 * (n - 2)), s = p / n - nv;
  double snr = nv > 0 && s > 0 ? s / nv : (s > 0 ? 1e9 : 1e-3);
  return (float)fmax(-30.0, 10.0 * log10(snr));
}
