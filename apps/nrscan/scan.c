/* SPDX-License-Identifier: Apache-2.0 */
/* nrscan: capture, candidate SSB frequencies and the per-capture search. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nrscan.h"
#include "olive/phy/carrier.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

typedef struct scan {
  const nrscan_opts_t *o;
  olive_radio_t radio;
  bool tx;    /* ZMQ with a tx_port: answer the gNB's RX with zeros, as srsUE does */
  bool sweep; /* no --arfcn: tuned centres are not carrier centres */
  phy_cellsearch_t cs;
  const phy_band_t *band;
  const phy_band_ssb_t *ssb;
  uint32_t min_bw_mhz;
  cf_t *buf, *zeros;
  uint32_t len, search_len; /* capture; its first part where the PSS is searched */
  uint64_t ts;
  uint32_t nof_cells;
  nrscan_cell_t cells[NRSCAN_MAX_CELLS];
} scan_t;

/* Band's smallest channel bandwidth at the SSB SCS: picks the CORESET#0 tables (38.213 13:
 * Tables 13-1..13-4 for 5/10 MHz, 13-5/13-6 for 40 MHz). */
static uint32_t min_bw(const phy_band_t *b, uint32_t scs_khz)
{
  uint32_t i = scs_khz == 15 ? 0 : 1;
  for (uint32_t bit = 0; bit < 15; bit++) {
    if (b->bw_mask[i] >> bit & 1u) {
      return phy_band_bw_mhz(bit);
    }
  }
  return 5;
}

static int scan_open(scan_t *s)
{
  const nrscan_opts_t *o = s->o;
  s->band = phy_band_get(o->band);
  s->ssb = s->band ? (o->scs_khz ? phy_band_ssb_row(s->band, o->scs_khz) : &s->band->ssb[0]) : NULL;
  if (s->ssb == NULL) {
    fprintf(stderr, "nrscan: --band=%u: no such band or no SSB row for that SCS\n", o->band);
    return OLIVE_ECONFIG;
  }
  s->min_bw_mhz = min_bw(s->band, s->ssb->scs_khz);
  uint32_t mu = s->ssb->scs_khz == 30;
  phy_cellsearch_args_t a = {.srate_hz = o->srate_hz,
                             .mu = mu,
                             .ssb_case = s->ssb->ssb_case,
                             .l_max = 8,
                             .max_cfo_hz = 5000,
                             .plan = PHY_OFDM_PLAN_ESTIMATE,
                             .isa = OLIVE_ISA_AUTO};
  /* L_max 4 below 3 GHz (TS 38.213 4.1, FR1 unpaired/paired thresholds), else 8 */
  a.l_max = phy_gscn_to_hz(s->ssb->gscn_first) < 3000000000ull ? 4 : 8;
  if (phy_cellsearch_init(&s->cs, &a) < 0) {
    fprintf(stderr, "nrscan: --srate=%g: not usable for %u kHz SSBs (N_fft multiple of 128)\n",
            o->srate_hz / 1e6, s->ssb->scs_khz);
    return OLIVE_ECONFIG;
  }
  /* two 20 ms SSB periods: one burst and one SIB1 occasion surely fit (38.213 13: SIB1
   * every 20 ms in frames of one parity) */
  s->len = phy_cellsearch_min_len(&s->cs, 40);
  s->search_len = phy_cellsearch_min_len(&s->cs, 20);
  s->buf = olive_mem_calloc(s->len, sizeof(cf_t));
  s->zeros = olive_mem_calloc(s->len, sizeof(cf_t));
  if (s->buf == NULL || s->zeros == NULL) {
    return OLIVE_ENOMEM;
  }
  s->tx = strcmp(o->driver, "zmq") == 0 && o->device_args && strstr(o->device_args, "tx_port");
  int r = olive_radio_open(&s->radio, o->driver, o->device_args, 1);
  if (r == 0) {
    r = olive_radio_set_srate(&s->radio, o->srate_hz);
  }
  if (r == 0 && o->rx_gain_db > -1000) {
    olive_radio_set_rx_gain(&s->radio, 0, o->rx_gain_db); /* not every driver has gain */
  }
  return r < 0 ? r : olive_radio_start(&s->radio);
}

static void scan_close(scan_t *s)
{
  olive_radio_close(&s->radio);
  phy_cellsearch_free(&s->cs);
  olive_mem_free(s->buf);
  olive_mem_free(s->zeros);
}

/* Fills the buffer 1 ms at a time; for ZMQ with TX also sends 1 ms of zeros after each
 * (as srsUE does every subframe): the gNB's receive side paces on them, so a long wait
 * for a whole capture before answering would stall it. */
static int capture(scan_t *s)
{
  uint32_t chunk = (uint32_t)(s->o->srate_hz / 1000.0);
  for (uint32_t off = 0; off < s->len; off += chunk) {
    uint32_t n = s->len - off < chunk ? s->len - off : chunk;
    cf_t *bufs[1] = {s->buf + off};
    uint64_t ts = 0;
    int r = OLIVE_ETIMEDOUT;
    for (int tries = 0; r == OLIVE_ETIMEDOUT && tries < 20; tries++) {
      r = olive_radio_rx(&s->radio, bufs, n, &ts);
    }
    if (r < 0) {
      return r;
    }
    if (off == 0) {
      s->ts = ts;
    }
    if (s->tx) {
      const cf_t *z[1] = {s->zeros};
      olive_radio_tx(&s->radio, z, n, ts + n, 0);
    }
  }
  return 0;
}

/* SS_REF of every GSCN of the band inside the captured band (margin: the SSB's half width
 * and the CFO range). Unless any_offset, only SSBs an integer number of 15 kHz from the
 * tuned centre: with the tuner on a carrier centre, SS_REF - f0 is a multiple of 15 kHz
 * (38.211 4.4.4.2 and 7.4.3.1: k_SSB and offsetToPointA on the 15 kHz grid). */
static uint32_t candidates(const scan_t *s, double fc, double *ssb_hz, uint32_t max)
{
  const nrscan_opts_t *o = s->o;
  uint32_t n = 0;
  if (o->nof_ssb_arfcn) {
    for (uint32_t i = 0; i < o->nof_ssb_arfcn && n < max; i++) {
      ssb_hz[n++] = phy_carrier_arfcn_to_hz(o->ssb_arfcn[i]);
    }
    return n;
  }
  double half = o->srate_hz / 2 - 120.0 * s->ssb->scs_khz * 1e3 - 2 * 15e3 - 5e3;
  for (uint32_t g = s->ssb->gscn_first; g <= s->ssb->gscn_last && n < max; g += s->ssb->gscn_step) {
    double f = (double)phy_gscn_to_hz(g), d = f - fc;
    if (fabs(d) > half || (!o->any_offset && !s->sweep && fmod(fabs(d), 15e3) != 0)) {
      continue;
    }
    ssb_hz[n++] = f;
  }
  return n;
}

static nrscan_cell_t *cell_slot(scan_t *s, uint32_t pci, uint32_t ssb_arfcn)
{
  for (uint32_t i = 0; i < s->nof_cells; i++) {
    if (s->cells[i].pci == pci && s->cells[i].ssb_arfcn == ssb_arfcn) {
      return &s->cells[i];
    }
  }
  if (s->nof_cells == NRSCAN_MAX_CELLS) {
    return NULL;
  }
  nrscan_cell_t *c = &s->cells[s->nof_cells++];
  memset(c, 0, sizeof(*c));
  c->pci = pci;
  c->ssb_arfcn = ssb_arfcn;
  return c;
}

/* SIB1 with the 5.4 phase term of a UE tuned to fc first (what a gNB does on air), then
 * without (a transmitter that applies none). */
static void try_sib1(scan_t *s, nrscan_cell_t *c, phy_cellsearch_cfg_t *cfg, double fc)
{
  for (int k = 0; k < 2 && !c->sib1_ok; k++) {
    cfg->rx_center_hz = k == 0 ? fc : 0.0;
    int n = phy_cellsearch_sib1(&s->cs, cfg, &c->res, s->min_bw_mhz, s->buf, s->len, c->sib1,
                                sizeof(c->sib1), &c->sib1_res);
    if (n > 0) {
      c->sib1_ok = true;
      c->sib1_len = n;
      nrscan_print_cell(c);
    }
  }
}

/* A cell found in this capture at SSB frequency ssb_hz: record, print, SIB1. */
static void report(scan_t *s, const phy_cellsearch_res_t *res, phy_cellsearch_cfg_t *cfg,
                   double ssb_hz, uint32_t dl_arfcn, double fc)
{
  uint32_t arfcn = 0;
  phy_carrier_hz_to_arfcn(ssb_hz, &arfcn);
  nrscan_cell_t *c = cell_slot(s, res->pci, arfcn);
  if (c == NULL) {
    return;
  }
  c->dl_arfcn = dl_arfcn;
  c->res = *res;
  nrscan_print_mib(c, s->ts);
  if (!c->sib1_ok) {
    phy_cellsearch_cfg_t sc = *cfg;
    try_sib1(s, c, &sc, fc);
  }
}

/* Every SSB frequency; at each, cells one after the other (the ones found so far passed
 * as cfg.known) until no new PCI shows up. */
static void search_capture(scan_t *s, uint32_t dl_arfcn, double fc)
{
  static double ssb_hz[NRSCAN_MAX_CAND];
  uint32_t n = candidates(s, fc, ssb_hz, NRSCAN_MAX_CAND);
  for (uint32_t i = 0; i < n; i++) {
    phy_cellsearch_res_t found[PHY_CELLSEARCH_MAX_KNOWN];
    phy_cellsearch_cfg_t cfg = {
        .ssb_offset_hz = ssb_hz[i] - fc, .rx_center_hz = fc, .known = found};
    for (uint32_t k = 0; k < PHY_CELLSEARCH_MAX_KNOWN; k++) {
      cfg.nof_known = k;
      if (phy_cellsearch_run(&s->cs, &cfg, s->buf, s->search_len, &found[k]) != 0) {
        break;
      }
      bool seen = false;
      for (uint32_t j = 0; j < k; j++) {
        seen |= found[j].pci == found[k].pci;
      }
      if (seen) {
        break;
      }
      report(s, &found[k], &cfg, ssb_hz[i], dl_arfcn, fc);
    }
  }
}

static bool all_done(const scan_t *s)
{
  for (uint32_t i = 0; i < s->nof_cells; i++) {
    if (!s->cells[i].sib1_ok) {
      return false;
    }
  }
  return s->nof_cells > 0;
}

/* 0, 1 at the end of a recording, or a radio error. */
static int scan_arfcn(scan_t *s, uint32_t arfcn)
{
  double fc = phy_carrier_arfcn_to_hz(arfcn);
  olive_radio_set_rx_freq(&s->radio, 0, fc); /* no-op for ZMQ and files */
  uint64_t want = (uint64_t)(s->o->duration_s * s->o->srate_hz), got = 0;
  while (got < want) {
    int r = capture(s);
    if (r == OLIVE_EIO && strcmp(s->o->driver, "file") == 0) {
      return 1; /* end of the recording: the scan stops there */
    }
    if (r < 0) {
      return r;
    }
    got += s->len;
    search_capture(s, arfcn, fc);
    if (s->o->once && all_done(s)) {
      break;
    }
  }
  return 0;
}

/* No --arfcn: centres across the band's DL range (TS 38.104 Table 5.2-1), 80% of the
 * sample rate apart, on a 300 kHz grid (on the 5 kHz and the 15 kHz NR-ARFCN rasters). */
static int sweep(scan_t *s)
{
  const double grid = 300e3;
  double step = floor(0.8 * s->o->srate_hz / grid) * grid;
  double lo = s->band->dl_low_khz * 1e3, hi = s->band->dl_high_khz * 1e3;
  int r = 0;
  s->sweep = true;
  for (double f = ceil((lo + step / 2) / grid) * grid; r == 0 && f - step / 2 < hi; f += step) {
    uint32_t arfcn;
    if (phy_carrier_hz_to_arfcn(f, &arfcn) == 0) {
      r = scan_arfcn(s, arfcn);
    }
  }
  return r;
}

int nrscan_run(const nrscan_opts_t *o)
{
  static scan_t s;
  memset(&s, 0, sizeof(s));
  s.o = o;
  int r = scan_open(&s);
  if (r == 0 && o->nof_arfcn == 0) {
    r = sweep(&s);
  }
  for (uint32_t i = 0; r == 0 && i < o->nof_arfcn; i++) {
    r = scan_arfcn(&s, o->arfcn[i]);
  }
  printf("summary cells=%u sib1=%u\n", s.nof_cells, (unsigned)(s.nof_cells ? all_done(&s) : 0));
  scan_close(&s);
  return r < 0 ? r : (int)s.nof_cells; /* r == 1: the recording ended */
}
