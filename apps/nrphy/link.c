/* SPDX-License-Identifier: Apache-2.0 */
/* The link of nrphy dlsim / ulsim (like OAI's nr_dlsim / nr_ulsim). Per trial: a random TB
 * -> the codeword's encoder (PDSCH or PUSCH) into a grid -> OFDM (ofdm.h) -> phy_channel
 * (TDL, CFO, AWGN) -> OFDM demodulation per RX antenna -> the codeword's receiver (DM-RS
 * channel estimate, never the true channel) -> TB CRC and comparison with the sent TB.
 *
 * Conventions: SNR is per resource element (unit-energy data REs, unitary OFDM scaling, so
 * the channel's noise variance per sample is N0 = 10^(-SNR/10)); the carrier is exactly
 * the allocation (--prb PRBs). Timing is genie-aided on the first path: the DFT window
 * starts (CP - max tap delay) / 2 samples before the end of the cyclic prefix, centred in
 * the part of the CP that the delay spread leaves free. Each trial is an independent
 * channel realisation (phy_channel_reset, seed and trial) that evolves with the Doppler
 * during the slot; the same seeds are used at every SNR (smoother curves). The receiver
 * removes the CFO only with --cfo-comp 1 (a known CFO). --delay D delays the whole channel by
 * D samples; the receiver's window follows the integer part only. With --harq N a TB that fails is
 * sent again (rv 0, 2, 3, 1, soft combining) up to N times; the CSV's errors are the TBs
 * still wrong after that and the throughput counts the slots the retransmissions used. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "sim.h"

/* Largest tap delay of the model in samples. */
static double max_tap_delay(const nrphy_sim_cfg_t *c, double srate)
{
  const phy_channel_tap_t *t = NULL;
  uint32_t n = phy_channel_tdl_table(c->model, &t);
  double d = 0.0;
  for (uint32_t i = 0; i < n; i++) {
    d = fmax(d, t[i].delay_norm * c->ds_ns * 1e-9 * srate);
  }
  return d;
}

static int link_ofdm(nrphy_link_t *k, const nrphy_sim_cfg_t *c)
{
  k->car = (phy_carrier_t){.mu = c->mu, .nof_prb = c->prb};
  if (phy_carrier_check(&k->car) != 0) {
    return OLIVE_EINVAL;
  }
  phy_ofdm_args_t oa = {.carrier = k->car, .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = c->prb};
  int rc = phy_ofdm_mod_init(&k->mod, &oa);
  rc = rc ? rc : phy_ofdm_demod_init(&k->dem, &oa);
  rc = rc ? rc : phy_grid_init(&k->tx, &ga);
  ga.max_ports = c->nof_rx;
  return rc ? rc : phy_grid_init(&k->rx, &ga);
}

int nrphy_link_init(nrphy_link_t *k, const nrphy_sim_cfg_t *c, const nrphy_cw_t *cw)
{
  memset(k, 0, sizeof(*k));
  k->c = c;
  k->cw = *cw;
  int rc = link_ofdm(k, c);
  if (rc) {
    return rc;
  }
  double dmax = max_tap_delay(c, k->car.srate_hz);
  uint32_t len = phy_ofdm_slot_len(&k->mod, 0); /* slot 0 of a subframe is the longest */
  k->pad = PHY_CHANNEL_FIR_HALF + (uint32_t)ceil(dmax + c->delay) + 1;
  phy_channel_args_t ca = {.max_samples = len + k->pad,
                           .nof_rx = c->nof_rx,
                           .model = c->model,
                           .srate_hz = k->car.srate_hz,
                           .delay_spread_ns = (float)c->ds_ns,
                           .doppler_hz = (float)c->doppler_hz,
                           .max_delay = (float)c->delay,
                           .seed = c->seed};
  rc = phy_channel_init(&k->ch, &ca);
  if (rc) {
    return rc;
  }
  uint32_t cp = phy_carrier_cp_len(&k->car, 1);
  uint32_t adv = dmax < cp ? (uint32_t)((cp - dmax) / 2) : 0;
  rc = phy_ofdm_demod_set_timing(&k->dem, adv, 0.0f);
  rc = rc ? rc : phy_ofdm_demod_set_cfo(&k->dem, c->cfo_comp ? c->cfo_hz : 0.0);
  if (rc) {
    return rc;
  }
  k->x = olive_mem_calloc(len + k->pad, sizeof(cf_t));
  k->tb = olive_mem_calloc(cw->tbs / 8, 1);
  k->tb_rx = olive_mem_calloc(cw->tbs / 8, 1);
  bool ok = k->x && k->tb && k->tb_rx;
  for (uint32_t r = 0; r < c->nof_rx; r++) {
    k->y[r] = olive_mem_calloc(len + k->pad, sizeof(cf_t));
    ok = ok && k->y[r];
  }
  return ok ? 0 : OLIVE_ENOMEM;
}

void nrphy_link_free(nrphy_link_t *k)
{
  phy_ofdm_free(&k->mod);
  phy_ofdm_free(&k->dem);
  phy_grid_free(&k->tx);
  phy_grid_free(&k->rx);
  phy_channel_free(&k->ch);
  olive_mem_free(k->x);
  olive_mem_free(k->tb);
  olive_mem_free(k->tb_rx);
  for (uint32_t r = 0; r < PHY_CHANNEL_MAX_RX; r++) {
    olive_mem_free(k->y[r]);
  }
  memset(k, 0, sizeof(*k));
}

/* Channel and demodulation of one slot of len samples into the RX grid. */
static int link_channel(nrphy_link_t *k, double snr_db, unsigned trial, unsigned tx, int len,
                        uint32_t slot_sf)
{
  const nrphy_sim_cfg_t *c = k->c;
  memset(k->x + len, 0, k->pad * sizeof(cf_t));
  phy_channel_reset(&k->ch, (c->seed * 1000003u + trial) ^ ((uint64_t)tx << 48));
  phy_channel_cfg_t cc = {
      .awgn = true, .snr_db = (float)snr_db, .cfo_hz = c->cfo_hz, .delay_samples = (float)c->delay};
  if (phy_channel_set_cfg(&k->ch, &cc) != 0 ||
      phy_channel_run(&k->ch, k->x, (uint32_t)len + k->pad, k->y) != 0) {
    return NRPHY_EXIT_FAIL;
  }
  /* the receiver aligns on the integer part of the delay; the fraction is a phase ramp
     across the subcarriers that the DM-RS channel estimate absorbs */
  uint32_t lat = phy_channel_latency(&k->ch) + (uint32_t)c->delay;
  for (uint32_t r = 0; r < c->nof_rx; r++) {
    if (phy_ofdm_demod_slot(&k->dem, k->y[r] + lat, slot_sf, lat, &k->rx, r) != len) {
      return NRPHY_EXIT_FAIL;
    }
  }
  return 0;
}

/* Redundancy versions of successive transmissions (TS 38.214 Table 5.1.2.1-2 / 6.1.2.1-2
 * order 0, 2, 3, 1 as the usual HARQ schedule). */
static const uint32_t rv_seq[4] = {0, 2, 3, 1};

int nrphy_link_trial(void *ctx, double snr_db, unsigned trial, bool *ok, double *evm_pct,
                     unsigned *tx)
{
  nrphy_link_t *k = ctx;
  const nrphy_sim_cfg_t *c = k->c;
  uint32_t slot = trial % (10u << c->mu), slot_sf = slot % PHY_SLOTS_SF(c->mu);
  uint64_t s = (c->seed + 1) * 0x9e3779b97f4a7c15ull + trial;
  for (uint32_t i = 0; i < k->cw.tbs / 8; i++) {
    k->tb[i] = (uint8_t)(nrphy_rng(&s) >> 56);
  }
  double evm_sum = 0.0;
  *ok = false;
  for (*tx = 0; *tx < c->max_tx && !*ok;) {
    uint32_t rv = rv_seq[*tx];
    phy_grid_clear(&k->tx);
    int len = k->cw.encode(k->cw.ctx, slot, rv, k->tb, &k->tx);
    len = len > 0 ? phy_ofdm_mod_slot(&k->mod, &k->tx, 0, slot_sf, k->x) : len;
    /* each transmission sees its own realisation: a HARQ round trip (8 slots or more) is
       long against the coherence time of any Doppler worth simulating HARQ with */
    if (len <= 0 || link_channel(k, snr_db, trial, *tx, len, slot_sf) != 0) {
      return NRPHY_EXIT_FAIL;
    }
    double evm = 0.0;
    int rc = k->cw.decode(k->cw.ctx, slot, rv, *tx == 0, &k->rx, c->nof_rx, k->tb_rx, &evm);
    if (rc != 0 && rc != OLIVE_ECRC) {
      return NRPHY_EXIT_FAIL;
    }
    evm_sum += evm;
    (*tx)++;
    *ok = rc == 0 && memcmp(k->tb, k->tb_rx, k->cw.tbs / 8) == 0;
  }
  *evm_pct = evm_sum / *tx;
  return 0;
}

int nrphy_link_main(nrphy_args_t *a, const nrphy_sim_cfg_t *c, const nrphy_cw_t *cw,
                    const char *what)
{
  nrphy_link_t k;
  if (nrphy_link_init(&k, c, cw) != 0) {
    fprintf(stderr, "nrphy %s: cannot set up the link (prb %u, mcs %u)\n", a->cmd, c->prb, c->mcs);
    nrphy_link_free(&k);
    return NRPHY_EXIT_FAIL;
  }
  char title[200];
  snprintf(title, sizeof(title), "%s %u PRB %s kHz %s MCS %u, %s DS %g ns fd %g Hz, %u RX, TBS %u",
           what, c->prb, c->mu ? "30" : "15", nrphy_mcs_table_names[c->table], c->mcs,
           phy_channel_model_name(c->model), c->ds_ns, c->doppler_hz, c->nof_rx, cw->tbs);
  fprintf(stderr, "nrphy %s: %s, %u trials per point\n", a->cmd, title, c->trials);
  nrphy_sim_link_t l = {
      .ctx = &k, .trial = nrphy_link_trial, .tbs = cw->tbs, .slot_s = 1e-3 / PHY_SLOTS_SF(c->mu)};
  int rc = nrphy_sim_run(c, &l, title);
  nrphy_link_free(&k);
  return rc;
}
