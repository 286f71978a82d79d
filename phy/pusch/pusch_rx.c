/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH receiver (gNB side): channel estimate, equalisation, transform deprecoding,
 * demapping, descrambling and transport block decoding (see olive/phy/pusch.h). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "pusch_chest.h"

/* int8 LLR steps per natural LLR unit (ldpc.h: about 16 gives the best block error
 * rates, and enables offset min-sum). */
#define PUSCH_LLR_SCALE 16.0f

/* Time interpolation weights of symbol l: h(l) = ca h(d_a) + cb h(d_b), linear between the
 * DM-RS symbols around l (held outside) with the common phase drift psi per symbol removed
 * before and restored after: ca = (1 - w) e^{j psi (l - l_a)}, cb = w e^{j psi (l - l_b)}. */
typedef struct time_interp {
  uint32_t da, db;
  float car, cai, cbr, cbi;
} time_interp_t;

static void time_weights(const pusch_layout_t *lo, uint32_t l, float psi, time_interp_t *t)
{
  uint32_t i = 0;
  while (i + 1 < lo->nof_dmrs && lo->dmrs_l[i + 1] <= l) {
    i++;
  }
  t->da = t->db = i;
  float wb = 0.0f;
  if (l > lo->dmrs_l[i] && i + 1 < lo->nof_dmrs) {
    t->db = i + 1;
    wb = (float)(l - lo->dmrs_l[i]) / (float)(lo->dmrs_l[i + 1] - lo->dmrs_l[i]);
  }
  float pa = psi * ((float)l - lo->dmrs_l[t->da]), pb = psi * ((float)l - lo->dmrs_l[t->db]);
  t->car = (1.0f - wb) * cosf(pa);
  t->cai = (1.0f - wb) * sinf(pa);
  t->cbr = wb * cosf(pb);
  t->cbi = wb * sinf(pb);
}

/* Per subcarrier of symbol l (allocation-relative, m_sc of them): num = sum_r h* y and
 * den = sum_r |h|^2 (MRC over the RX ports), h interpolated in time. */
typedef struct eq_scratch {
  float *num; /* 2 m_sc */
  float *den; /* m_sc */
} eq_scratch_t;

static void combine(const phy_pusch_t *q, const pusch_layout_t *lo, const phy_grid_t *grid,
                    uint32_t nof_rx, uint32_t l, float psi, eq_scratch_t *w)
{
  time_interp_t t;
  uint32_t m = lo->m_sc;
  time_weights(lo, l, psi, &t);
  memset(w->num, 0, sizeof(float) * 2 * m);
  memset(w->den, 0, sizeof(float) * m);
  for (uint32_t r = 0; r < nof_rx; r++) {
    const float *restrict ha = (const float *)(pusch_h_row(q, r, t.da) + lo->k0);
    const float *restrict hb = (const float *)(pusch_h_row(q, r, t.db) + lo->k0);
    const float *restrict y = (const float *)(phy_grid_symbol(grid, r, l) + lo->k0);
    float *restrict num = w->num, *restrict den = w->den;
    for (size_t j = 0; j < m; j++) {
      float hr =
          t.car * ha[2 * j] - t.cai * ha[2 * j + 1] + t.cbr * hb[2 * j] - t.cbi * hb[2 * j + 1];
      float hi =
          t.car * ha[2 * j + 1] + t.cai * ha[2 * j] + t.cbr * hb[2 * j + 1] + t.cbi * hb[2 * j];
      num[2 * j] += hr * y[2 * j] + hi * y[2 * j + 1];
      num[2 * j + 1] += hr * y[2 * j + 1] - hi * y[2 * j];
      den[j] += hr * hr + hi * hi;
    }
  }
}

/* CP-OFDM: x = num / den with noise N0 / den (ZF = MRC; for one layer also the unbiased
 * MMSE estimate), on the data subcarriers of the symbol. Returns the symbols written. */
static uint32_t eq_ofdm(const pusch_layout_t *lo, uint32_t l, float n0, const eq_scratch_t *w,
                        cf_t *xc, float *restrict nv)
{
  const float *restrict num = w->num, *restrict den = w->den;
  float *restrict x = (float *)xc;
  uint32_t m = lo->m_sc;
  if (!((lo->dmrs_mask >> l) & 1)) {
    for (size_t j = 0; j < m; j++) {
      float inv = 1.0f / (den[j] + 1e-12f); /* den >= 0: the offset only guards 0 */
      x[2 * j] = num[2 * j] * inv;
      x[2 * j + 1] = num[2 * j + 1] * inv;
      nv[j] = n0 * inv;
    }
    return m;
  }
  uint32_t n = 0;
  for (uint32_t j = 0; j < m; j++) {
    if (!lo->dmrs_sc_data[j % PHY_NSC_RB]) {
      continue;
    }
    float inv = 1.0f / (den[j] > 1e-12f ? den[j] : 1e-12f);
    x[2 * n] = num[2 * j] * inv;
    x[2 * n + 1] = num[2 * j + 1] * inv;
    nv[n++] = n0 * inv;
  }
  return n;
}

/* Transform precoding: per-subcarrier ZF (z = num / den, noise N0 / den) or MMSE (z = num /
 * (den + N0), gain g = den / (den + N0)), the unitary IDFT, then for MMSE the unbiased
 * x / mu with mu the mean gain: error variance mu (1 - mu) before, (1 - mu) / mu after
 * scaling. ZF noise after the IDFT: the mean of N0 / den. */
static int eq_tp(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo, float n0,
                 const eq_scratch_t *w, cf_t *x, float *nv)
{
  bool mmse = cfg->eq == PHY_PUSCH_EQ_MMSE;
  uint32_t m = lo->m_sc;
  const float *restrict num = w->num, *restrict den = w->den;
  float *restrict xf = (float *)x;
  /* MMSE: inv = 1 / (den + N0), gain den inv; ZF: inv = 1 / den, noise N0 inv */
  float off = mmse ? n0 : 1e-12f, ga = mmse ? 1.0f : 0.0f, gb = mmse ? 0.0f : n0;
  float acc = 0;
  for (size_t j = 0; j < m; j++) {
    float inv = 1.0f / (den[j] + off);
    xf[2 * j] = num[2 * j] * inv;
    xf[2 * j + 1] = num[2 * j + 1] * inv;
    acc += (ga * den[j] + gb) * inv;
  }
  int r = phy_transform_precoding_decode(&q->tp, cfg->nof_prb, x, 1, x);
  if (r < 0) {
    return r;
  }
  float v = acc / (float)m;
  if (mmse) {
    float mu = v < 1e-6f ? 1e-6f : v > 1.0f - 1e-6f ? 1.0f - 1e-6f : v, g = 1.0f / mu;
    for (uint32_t j = 0; j < m; j++) {
      x[j] *= g;
    }
    v = (1.0f - mu) / mu;
  }
  for (uint32_t j = 0; j < m; j++) {
    nv[j] = v;
  }
  return 0;
}

static int equalise(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                    const phy_grid_t *grid, uint32_t nof_rx, const pusch_chest_t *ce)
{
  eq_scratch_t w = {.num = q->b->num, .den = q->b->den};
  uint32_t n = 0;
  for (uint32_t l = lo->l0; l < lo->l1; l++) {
    if (pusch_symbol_nof_re(lo, l) == 0) {
      continue;
    }
    combine(q, lo, grid, nof_rx, l, ce->psi, &w);
    if (cfg->transform_precoding) {
      int r = eq_tp(q, cfg, lo, ce->n0, &w, q->b->sym + n, q->b->nv + n);
      if (r < 0) {
        return r;
      }
      n += lo->m_sc;
    } else {
      n += eq_ofdm(lo, l, ce->n0, &w, q->b->sym + n, q->b->nv + n);
    }
  }
  return (int)n;
}

/* RMS error of the equalised symbols against their hard decisions (the LLR signs). */
static float evm(phy_pusch_t *q, const pusch_layout_t *lo)
{
  uint8_t *restrict bits = q->b->bits;
  const int8_t *restrict llr = q->b->llr;
  size_t n = lo->g_all;
  for (size_t i = 0; i < n; i++) {
    bits[i] = (uint8_t)((uint8_t)llr[i] >> 7);
  }
  const float *ref = (const float *)q->b->ref, *x = (const float *)q->b->sym;
  phy_modulation_map_bits(&q->mod, lo->mod, bits, lo->g_all, q->b->ref);
  /* eight partial sums (a vectorisable reduction without -ffast-math) per 1024 values,
   * accumulated in double */
  double e = 0;
  size_t nf = 2 * (size_t)lo->nof_re;
  for (size_t i0 = 0; i0 < nf; i0 += 1024) {
    size_t i1 = i0 + 1024 < nf ? i0 + 1024 : nf, i = i0;
    float s[8] = {0};
    for (; i + 8 <= i1; i += 8) {
      for (size_t v = 0; v < 8; v++) {
        float d = x[i + v] - ref[i + v];
        s[v] += d * d;
      }
    }
    for (; i < i1; i++) {
      float d = x[i] - ref[i];
      s[0] += d * d;
    }
    for (size_t v = 0; v < 8; v++) {
      e += s[v];
    }
  }
  return (float)sqrt(e / lo->nof_re);
}

/* 6.2.7 demultiplexing and UCI decoding; returns the UL-SCH LLRs. uci may be NULL (the
 * payloads then land in scratch). */
static const int8_t *decode_uci(phy_pusch_t *q, const phy_pusch_cfg_t *cfg,
                                const pusch_layout_t *lo, const int8_t *llr, phy_pusch_uci_t *uci,
                                bool *ack_ok, bool *csi1_ok)
{
  uint8_t scratch[PHY_PUSCH_MAX_UCI_BITS];
  pusch_uci_mux_map(lo, q->b->re_type);
  pusch_uci_demux_llr(lo, q->b->re_type, llr, PUSCH_LLR_SCALE, q->b->llr_sch, q->b->uci_llr);
  uint32_t qm = lo->mcs.qm;
  if (cfg->uci.o_ack) {
    int r = pusch_uci_decode_one(q->b->polar, q->b->uci_llr, lo->e_ack, cfg->uci.o_ack, qm,
                                 uci ? uci->ack : scratch);
    *ack_ok = r == 0;
  }
  if (cfg->uci.o_csi1) {
    int r = pusch_uci_decode_one(q->b->polar, q->b->uci_llr + lo->e_ack, lo->e_csi1,
                                 cfg->uci.o_csi1, qm, uci ? uci->csi1 : scratch);
    *csi1_ok = r == 0;
  }
  return q->b->llr_sch;
}

static void fill_res(const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo, const pusch_chest_t *ce,
                     float e, const phy_sch_result_t *sr, phy_pusch_rx_res_t *res)
{
  phy_pusch_uci_t uci = res->uci;
  memset(res, 0, sizeof(*res));
  res->uci = uci;
  res->sch = *sr;
  res->noise_var = ce->n0;
  res->snr_db = ce->sig > 0 ? 10.0f * log10f(ce->sig / ce->n0) : -99.0f;
  float p = lo->beta * lo->beta * ce->sig;
  res->rsrp_db = p > 0 ? 10.0f * log10f(p) : -199.0f;
  res->ta_s = ce->ta_s;
  res->ta_steps = (int32_t)lrint(ce->ta_s / phy_pusch_ta_step_s(cfg->mu));
  /* psi per OFDM symbol of 1 ms / (14 2^mu) (the longer first CP of each half subframe
   * ignored: 0.5% of a symbol) */
  res->cfo_hz = ce->psi / (2.0f * (float)M_PI) * 14000.0f * (float)(1u << cfg->mu);
  res->evm = e;
  res->g = lo->g;
}

static int check_rx(const phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const phy_grid_t *grid,
                    uint32_t nof_rx, const uint8_t *tb)
{
  if (q == NULL || q->b == NULL || cfg == NULL || grid == NULL || !phy_grid_is_natural(grid) ||
      tb == NULL || nof_rx < 1 || nof_rx > PHY_PUSCH_MAX_RX || grid->nof_ports < nof_rx ||
      grid->nof_prb > q->args.max_prb) {
    return OLIVE_EINVAL;
  }
  return 0;
}

/* De-rate-matching with HARQ combining, LDPC, CRCs (TS 38.212 6.2, through phy_sch). */
static int decode_sch(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const pusch_layout_t *lo,
                      const int8_t *llr, uint8_t *tb, phy_sch_result_t *sr)
{
  phy_sch_cfg_t s = {.tbs = lo->tbs,
                     .r_x2048 = lo->mcs.r_x2048,
                     .qm = lo->mcs.qm,
                     .n_layers = 1,
                     .g = lo->g,
                     .rv = cfg->rv,
                     .lbrm = cfg->lbrm,
                     .harq_id = cfg->harq_id,
                     .new_data = cfg->new_data,
                     .max_iters = cfg->max_iters,
                     .llr_scale = (int8_t)PUSCH_LLR_SCALE};
  return phy_sch_decode(&q->sch, &s, llr, tb, sr);
}

int phy_pusch_decode(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const phy_grid_t *grid,
                     uint32_t nof_rx, uint8_t *tb, phy_pusch_rx_res_t *res)
{
  pusch_layout_t lo;
  pusch_chest_t ce;
  int r = check_rx(q, cfg, grid, nof_rx, tb);
  if (r == 0) {
    r = pusch_layout(cfg, grid->nof_prb, &lo);
  }
  if (r < 0) {
    return r;
  }
  if (lo.mcs.qm > q->args.max_qm || lo.g_all > q->b->max_g ||
      (cfg->transform_precoding && !q->args.tp)) {
    return OLIVE_ERANGE;
  }
  r = pusch_chest(q, cfg, &lo, grid, nof_rx, &ce);
  if (r == 0) {
    r = equalise(q, cfg, &lo, grid, nof_rx, &ce);
  }
  if (r < 0) {
    return r;
  }
  int8_t *llr = q->b->llr;
  phy_demod_llr_i8_nv(&q->mod, lo.mod, q->b->sym, lo.nof_re, q->b->nv, PUSCH_LLR_SCALE, llr);
  float e = res ? evm(q, &lo) : 0.0f;
  phy_scrambling_llr_i8(&q->scr, llr, llr, lo.g_all, pusch_scrambling_cinit(cfg), 0);
  phy_pusch_uci_t *uci = res ? &res->uci : NULL;
  const int8_t *sch_llr = llr;
  bool ack_ok = false, csi1_ok = false;
  if (cfg->uci.o_ack || cfg->uci.o_csi1) {
    sch_llr = decode_uci(q, cfg, &lo, llr, uci, &ack_ok, &csi1_ok);
  }
  phy_sch_result_t sr = {0};
  r = decode_sch(q, cfg, &lo, sch_llr, tb, &sr);
  if (res != NULL) {
    fill_res(cfg, &lo, &ce, e, &sr, res);
    res->ack_ok = ack_ok;
    res->csi1_ok = csi1_ok;
  }
  return r;
}
