/* SPDX-License-Identifier: Apache-2.0 */
#include "gnb_ul.h"

#include <stdio.h>
#include <string.h>

#include "olive/rrc/sib1.h"
#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"

#define GNB_UL_DONE 0xFFFFFFFFu /* samples field of a searched (or never used) buffer */
#define RIV_N       275u        /* TS 38.331 BWP locationAndBandwidth: RIV with N = 275 */

/* TS 38.214 5.1.2.2.2: the RB start of a RIV over N_BWP^size = N. */
static uint32_t riv_start(uint32_t riv)
{
  uint32_t a = riv / RIV_N, b = riv % RIV_N;
  return a + b < RIV_N ? b : RIV_N - 1 - b;
}

/* N_TA,offset in T_c: n-TimingAdvanceOffset of ServingCellConfigCommonSIB, or when absent
 * the value of TS 38.133 Table 7.1.2-2 for FR1 without LTE-NR coexistence (olive is FR1). */
static uint32_t nta_offset_tc(const rrc_serving_cell_config_common_sib_t *sc)
{
  static const uint32_t tc[] = {0, 25600, 39936};
  if (sc->has_n_timing_advance_offset && sc->n_timing_advance_offset <= RRC_N_TA_OFFSET_N39936)
    return tc[sc->n_timing_advance_offset];
  return 25600;
}

/* The occasion as the cell's SIB1 describes it (what the UE reads). */
static int cfg_from_sib1(gnb_ul_t *g, const gnb_cell_t *c, char *msg, size_t len)
{
  static rrc_sib1_t s; /* large; start-up only, single-threaded */
  memset(&s, 0, sizeof(s));
  if (rrc_sib1_unpack(c->sib1, c->sib1_len, &s) < 0 || !s.has_serving_cell_config_common ||
      !s.serving_cell_config_common.has_uplink_config_common) {
    snprintf(msg, len, "PRACH: the cell's SIB1 has no uplinkConfigCommon");
    return OLIVE_EINVAL;
  }
  const rrc_serving_cell_config_common_sib_t *sc = &s.serving_cell_config_common;
  const rrc_bwp_uplink_common_t *bwp = &sc->uplink_config_common.initial_uplink_bwp;
  const rrc_rach_config_common_t *r = &bwp->rach_config_common;
  if (!bwp->has_rach_config_common || r->rach_config_generic.msg1_fdm != RRC_MSG1_FDM_ONE ||
      r->restricted_set_config != RRC_RESTRICTED_SET_UNRESTRICTED ||
      r->prach_root_sequence_index_type != RRC_PRACH_ROOT_L839) {
    snprintf(msg, len,
             "PRACH: SIB1 rach-ConfigCommon absent or not supported (msg1-FDM one, "
             "unrestricted set, l839 only)");
    return OLIVE_ENOTSUP;
  }
  g->prach =
      (phy_prach_cfg_t){.tdd = c->tdd,
                        .config_index = r->rach_config_generic.prach_configuration_index,
                        .root_logical = r->prach_root_sequence_index,
                        .zcz = r->rach_config_generic.zero_correlation_zone_config,
                        .msg1_freq_start = r->rach_config_generic.msg1_frequency_start,
                        .bwp_start = riv_start(bwp->generic_parameters.location_and_bandwidth)};
  double n = (double)nta_offset_tc(sc) * c->carrier.srate_hz / (PHY_PRACH_TC_PER_MS * 1000.0);
  g->nta_offset = (uint32_t)(n + 0.5);
  return 0;
}

static int init_det(gnb_ul_t *g, unsigned n, char *msg, size_t len)
{
  phy_prach_det_args_t da = {.carrier = g->cell->carrier,
                             .format = g->occ.format,
                             .nof_rx = 1,
                             .plan = PHY_OFDM_PLAN_MEASURE};
  for (unsigned i = 0; i < n; i++) {
    atomic_flag_clear(&g->det[i].busy);
    int rc = phy_prach_det_init(&g->det[i].det, &da);
    g->nof_det = i + 1; /* freed even after a failed init */
    /* A first search on the zeroed buffer fills the detector's root cache (up to 64
     * L_RA-point DFTs) now rather than on the first occasion. */
    const cf_t *zeros = g->buf[0].x;
    if (rc == 0)
      rc = phy_prach_detect(&g->det[i].det, &g->prach, &zeros, NULL, 0);
    if (rc < 0) {
      snprintf(msg, len, "PRACH detector %u: %s", i, olive_strerror(rc));
      return rc;
    }
  }
  return 0;
}

int gnb_ul_init(gnb_ul_t *g, const gnb_ul_args_t *a, char *msg, size_t len)
{
  memset(g, 0, sizeof(*g));
  g->cell = a->cell;
  if (a->nof_det < 1 || a->nof_det > OLIVE_ENGINE_MAX_WORKERS) {
    snprintf(msg, len, "%u PRACH detectors: allowed 1..%u", a->nof_det, OLIVE_ENGINE_MAX_WORKERS);
    return OLIVE_EINVAL;
  }
  int rc = cfg_from_sib1(g, a->cell, msg, len);
  if (rc < 0)
    return rc;
  if ((rc = phy_prach_occasion(&a->cell->carrier, 0, &g->prach, &g->occ)) < 0) {
    snprintf(msg, len, "PRACH occasion (configuration %u, msg1-FrequencyStart %u): %s",
             g->prach.config_index, g->prach.msg1_freq_start, olive_strerror(rc));
    return rc;
  }
  g->sf_samples = a->cell->slot_samples << a->cell->mu;
  for (unsigned i = 0; i < GNB_UL_NBUF; i++) {
    atomic_init(&g->buf[i].state, UINT64_MAX); /* no occasion, searched */
    if ((g->buf[i].x = olive_mem_alloc(g->occ.len * sizeof(cf_t))) == NULL) {
      snprintf(msg, len, "PRACH buffers: out of memory");
      return OLIVE_ENOMEM;
    }
  }
  return init_det(g, a->nof_det, msg, len);
}

void gnb_ul_free(gnb_ul_t *g)
{
  if (g == NULL)
    return;
  for (unsigned i = 0; i < g->nof_det; i++)
    phy_prach_det_free(&g->det[i].det);
  g->nof_det = 0;
  for (unsigned i = 0; i < GNB_UL_NBUF; i++) {
    olive_mem_free(g->buf[i].x);
    g->buf[i].x = NULL;
  }
}

/* Takes buffer b for occasion id: false when an older occasion is still being searched in
 * it, or this one was already searched. *displaced is set when an older occasion whose
 * window never completed (a slot dropped or handed in too late) is given up. */
static bool buf_claim(gnb_ul_buf_t *b, uint32_t id, uint32_t len, bool *displaced)
{
  uint64_t st = atomic_load_explicit(&b->state, memory_order_acquire);
  for (;;) {
    uint32_t sid = (uint32_t)(st >> 32), cnt = (uint32_t)st;
    if (sid == id)
      return cnt < len;
    if (cnt == len)
      return false;
    if (atomic_compare_exchange_weak_explicit(&b->state, &st, (uint64_t)id << 32,
                                              memory_order_acq_rel, memory_order_acquire)) {
      *displaced = cnt != GNB_UL_DONE;
      return true;
    }
  }
}

/* Adds n copied samples; true when they complete the window (the caller then searches). */
static bool buf_add(gnb_ul_buf_t *b, uint32_t id, uint32_t n, uint32_t len, bool *lost)
{
  uint64_t st = atomic_load_explicit(&b->state, memory_order_acquire);
  for (;;) {
    if ((uint32_t)(st >> 32) != id) {
      *lost = true; /* taken over by a newer occasion while we copied */
      return false;
    }
    if (atomic_compare_exchange_weak_explicit(&b->state, &st, st + n, memory_order_acq_rel,
                                              memory_order_acquire))
      return (uint32_t)st + n == len;
  }
}

static gnb_ul_det_t *det_claim(gnb_ul_t *g)
{
  for (unsigned i = 0; i < g->nof_det; i++)
    if (!atomic_flag_test_and_set_explicit(&g->det[i].busy, memory_order_acquire))
      return &g->det[i];
  return NULL;
}

/* Searches the complete window of the occasion in subframe k and logs each preamble. */
static void search(gnb_ul_t *g, const cf_t *x, uint64_t k)
{
  gnb_ul_det_t *d = det_claim(g);
  if (d == NULL) {
    atomic_fetch_add_explicit(&g->no_det, 1, memory_order_relaxed);
    return;
  }
  phy_prach_detection_t det[PHY_PRACH_MAX_DET];
  int nd = phy_prach_detect(&d->det, &g->prach, &x, det, PHY_PRACH_MAX_DET);
  atomic_flag_clear_explicit(&d->busy, memory_order_release);
  atomic_fetch_add_explicit(&g->occasions, 1, memory_order_relaxed);
  uint32_t sfn = (uint32_t)((k / 10) % 1024), slot = (uint32_t)(k % 10) << g->cell->mu;
  for (int i = 0; i < nd; i++)
    OLOG_INFO(OLIVE_LOG_PHY,
              "PRACH: sfn=%u slot=%u preamble=%u ta=%u (%.2f us) snr=%.1f dB power=%.1f dB", sfn,
              slot, det[i].preamble, det[i].ta, (double)det[i].delay_us, (double)det[i].snr_db,
              (double)det[i].power_db);
  if (nd > 0)
    atomic_fetch_add_explicit(&g->preambles, (uint64_t)nd, memory_order_relaxed);
}

/* The part of subframe k's occasion window inside slot [s0, s0 + slot_samples). */
static void occasion_part(gnb_ul_t *g, uint64_t k, int64_t w0, int64_t s0, const cf_t *rx)
{
  int64_t s1 = s0 + g->cell->slot_samples, w1 = w0 + g->occ.len;
  int64_t lo = w0 > s0 ? w0 : s0, hi = w1 < s1 ? w1 : s1;
  gnb_ul_buf_t *b = &g->buf[k % GNB_UL_NBUF];
  uint32_t id = (uint32_t)k, n = (uint32_t)(hi - lo);
  bool lost = false, displaced = false;
  bool ok = buf_claim(b, id, g->occ.len, &displaced);
  if (!ok || displaced)
    atomic_fetch_add_explicit(&g->overrun, 1, memory_order_relaxed);
  if (!ok)
    return;
  memcpy(b->x + (lo - w0), rx + (lo - s0), n * sizeof(cf_t));
  if (buf_add(b, id, n, g->occ.len, &lost)) {
    search(g, b->x, k);
    atomic_store_explicit(&b->state, (uint64_t)id << 32 | GNB_UL_DONE, memory_order_release);
  } else if (lost) {
    atomic_fetch_add_explicit(&g->overrun, 1, memory_order_relaxed);
  }
}

void gnb_ul_slot(void *ctx, const olive_engine_slot_t *s, const olive_radio_cf_t *const *rx)
{
  gnb_ul_t *g = ctx;
  const phy_prach_config_t *row = &g->cell->prach;
  int64_t sf = g->sf_samples, s0 = (int64_t)s->abs_slot * g->cell->slot_samples;
  int64_t s1 = s0 + g->cell->slot_samples, off = (int64_t)g->occ.start - g->nta_offset;
  /* Subframes whose window [k sf + off, k sf + off + len) can overlap the slot. */
  int64_t k0 = (s0 - off - (int64_t)g->occ.len) / sf, k1 = (s1 - 1 - off) / sf;
  for (int64_t k = k0 < 0 ? 0 : k0; k <= k1; k++) {
    int64_t w0 = k * sf + off;
    if (w0 < 0 || w0 >= s1 || w0 + (int64_t)g->occ.len <= s0 ||
        !phy_prach_config_is_occasion(row, (uint32_t)((k / 10) % 1024), (uint32_t)(k % 10)))
      continue;
    occasion_part(g, (uint64_t)k, w0, s0, rx[0]);
  }
}
