/* SPDX-License-Identifier: Apache-2.0 */
/* Cell frequency configuration: validation against the band tables and SSB placement on
 * the synchronization raster (TS 38.104 5.4.2, 5.4.3; TS 38.211 4.4.4.2, 7.4.3.1;
 * TS 38.213 4.1, 13). See band.h for the frequency relations. */
#include <stdarg.h>
#include <stdio.h>

#include "band_internal.h"
#include "olive/support/error.h"

#define KHZ        1000
#define SSB_SC_REF 120u /* SS_REF is subcarrier 120 of the SS/PBCH block (38.211 7.4.3.1) */

typedef struct ctx {
  const phy_band_cell_cfg_t *cfg;
  phy_band_cell_t *out;
  phy_band_reason_t *reason;
  char *msg;
  size_t msg_len;
} ctx_t;

__attribute__((format(printf, 3, 4))) static int fail(ctx_t *x, phy_band_reason_t r,
                                                      const char *fmt, ...)
{
  if (x->reason != NULL) {
    *x->reason = r;
  }
  if (x->msg != NULL && x->msg_len > 0) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->msg, x->msg_len, fmt, ap);
    va_end(ap);
  }
  return OLIVE_ECONFIG;
}

const char *phy_band_reason_name(phy_band_reason_t r)
{
  static const char *const names[PHY_BAND_REASON_COUNT] = {"OK",
                                                           "E_BAND",
                                                           "E_SCS",
                                                           "E_BW",
                                                           "E_ARFCN_RANGE",
                                                           "E_ARFCN_RASTER",
                                                           "E_CARRIER_FIT",
                                                           "E_CORESET0_WIDTH",
                                                           "E_CORESET0_FIT",
                                                           "E_SSB_ARFCN",
                                                           "E_SSB_FIT",
                                                           "E_NO_SYNC_POINT"};
  return (unsigned)r < PHY_BAND_REASON_COUNT ? names[r] : "?";
}

static uint64_t arfcn_hz(uint32_t arfcn)
{
  double f = phy_carrier_arfcn_to_hz(arfcn); /* exact multiple of 5/15/60 kHz */
  return f < 0.0 ? 0 : (uint64_t)(f + 0.5);
}

/* Lists what is allowed, for the messages: "10 15 20 40" etc. */
static void list_bw(const phy_band_t *b, uint32_t scs_khz, char *s, size_t n)
{
  size_t used = 0;
  s[0] = '\0';
  for (uint32_t i = 0; phy_band_bw_mhz(i) != 0 && used < n; i++) {
    if (phy_band_bw_allowed(b, scs_khz, phy_band_bw_mhz(i))) {
      int w = snprintf(s + used, n - used, "%s%u", used ? " " : "", phy_band_bw_mhz(i));
      used += w > 0 ? (size_t)w : 0;
    }
  }
}

static int check_band_scs_bw(ctx_t *x)
{
  const phy_band_cell_cfg_t *c = x->cfg;
  const phy_band_t *b = phy_band_get(c->band);
  if (b == NULL) {
    return fail(x, PHY_BAND_E_BAND,
                "band=%u: not a supported band (n1 n2 n3 n5 n7 n8 n12 n20 n25 n28 n38 n40 n41 "
                "n66 n71 n77 n78 n79)",
                c->band);
  }
  x->out->band = b;
  x->out->duplex = b->duplex;
  const phy_band_ssb_t *s = phy_band_ssb_row(b, c->scs_khz);
  if ((c->scs_khz != 15 && c->scs_khz != 30) || s == NULL) {
    return fail(x, PHY_BAND_E_SCS,
                "scs_khz=%u: not an SSB SCS of band n%u (allowed: %u kHz%s; carrier, SCS common "
                "and SSB share one SCS)",
                c->scs_khz, b->band, b->ssb[0].scs_khz,
                b->nof_ssb > 1 ? (b->ssb[1].scs_khz == 30 ? " or 30 kHz" : " or 15 kHz") : "");
  }
  x->out->ssb_case = s->ssb_case;
  x->out->mu = c->scs_khz == 30 ? 1u : 0u;
  if (!phy_band_bw_allowed(b, c->scs_khz, c->bw_mhz)) {
    char allowed[64];
    list_bw(b, c->scs_khz, allowed, sizeof(allowed));
    return fail(x, PHY_BAND_E_BW, "bw_mhz=%u: not allowed in band n%u at %u kHz (allowed: %s)",
                c->bw_mhz, b->band, c->scs_khz, allowed);
  }
  x->out->nof_prb = phy_carrier_prb_from_bw(c->bw_mhz, x->out->mu);
  x->out->start_prb = c->start_prb;
  if (x->out->nof_prb == 0 || c->start_prb > PHY_MAX_PRB) {
    return fail(x, PHY_BAND_E_BW, "bw_mhz=%u, start_prb=%u: no N_RB at %u kHz or start > %u",
                c->bw_mhz, c->start_prb, c->scs_khz, PHY_MAX_PRB);
  }
  return OLIVE_OK;
}

/* Subcarriers (carrier SCS) from point A to the centre: 12 N_grid^start + 6 N_RB. */
static uint64_t half_span_hz(const phy_band_cell_t *o, uint32_t scs_khz)
{
  return (uint64_t)(PHY_NSC_RB * o->start_prb + 6u * o->nof_prb) * scs_khz * KHZ;
}

static int find_centre(ctx_t *x)
{
  const phy_band_cell_cfg_t *c = x->cfg;
  phy_band_cell_t *o = x->out;
  if (c->dl_arfcn != 0) {
    o->dl_arfcn = c->dl_arfcn;
    return OLIVE_OK;
  }
  uint64_t pa = arfcn_hz(c->pointa_arfcn);
  if (c->pointa_arfcn == 0 || pa == 0 ||
      phy_carrier_hz_to_arfcn((double)(pa + half_span_hz(o, c->scs_khz)), &o->dl_arfcn) < 0) {
    return fail(x, PHY_BAND_E_ARFCN_RASTER,
                "pointa_arfcn=%u: no carrier centre on the global raster (set dl_arfcn or a "
                "point A with pointA + (12 start_prb + 6 N_RB) SCS on the raster)",
                c->pointa_arfcn);
  }
  return OLIVE_OK;
}

static int check_raster(ctx_t *x, const char *what, uint32_t arfcn, int dl)
{
  const phy_band_t *b = x->out->band;
  uint32_t scs = x->cfg->scs_khz;
  if (dl ? phy_band_dl_arfcn_valid(b, arfcn, scs) : phy_band_ul_arfcn_valid(b, arfcn, scs)) {
    return OLIVE_OK;
  }
  const phy_band_raster_t *r = &b->raster[0]; /* the finest row: 100 kHz or 15 kHz */
  uint32_t first = dl ? r->dl_first : r->ul_first;
  uint32_t step = dl ? r->dl_step : r->ul_step;
  uint32_t last = dl ? r->dl_last : r->ul_last;
  int in = arfcn >= first && arfcn <= last;
  return fail(x, in ? PHY_BAND_E_ARFCN_RASTER : PHY_BAND_E_ARFCN_RANGE,
              "%s=%u: %s band n%u %s channel raster (allowed: %u + k*%u up to %u, %u kHz raster "
              "at %u kHz SCS)",
              what, arfcn, in ? "off the" : "outside the", b->band, dl ? "DL" : "UL", first, step,
              last, r->raster_khz, scs);
}

/* Channel edges F_REF -+ BW/2 inside the band's range (Table 5.2-1). */
static int check_fit(ctx_t *x, const char *what, uint32_t arfcn, uint32_t lo_khz, uint32_t hi_khz)
{
  uint64_t f = arfcn_hz(arfcn);
  uint64_t half = (uint64_t)x->cfg->bw_mhz * 500000u;
  if (f >= half && f - half >= (uint64_t)lo_khz * KHZ && f + half <= (uint64_t)hi_khz * KHZ) {
    return OLIVE_OK;
  }
  return fail(x, PHY_BAND_E_CARRIER_FIT,
              "%s=%u, bw_mhz=%u: channel %.3f..%.3f MHz outside band n%u (%.1f..%.1f MHz)", what,
              arfcn, x->cfg->bw_mhz, (double)(f - half) / 1e6, (double)(f + half) / 1e6,
              x->out->band->band, lo_khz / 1e3, hi_khz / 1e3);
}

static int check_carrier(ctx_t *x)
{
  phy_band_cell_t *o = x->out;
  const phy_band_t *b = o->band;
  int err = find_centre(x);
  if (err == OLIVE_OK) {
    err = check_raster(x, "dl_arfcn", o->dl_arfcn, 1);
  }
  if (err == OLIVE_OK) {
    err = check_fit(x, "dl_arfcn", o->dl_arfcn, b->dl_low_khz, b->dl_high_khz);
  }
  if (err != OLIVE_OK) {
    return err;
  }
  if (phy_band_ul_from_dl(b, o->dl_arfcn, x->cfg->scs_khz, &o->ul_arfcn) < 0) {
    int64_t ul = (int64_t)o->dl_arfcn + ((int64_t)b->ul_low_khz - b->dl_low_khz) / 5;
    return check_raster(x, "ul_arfcn (paired with dl_arfcn)", (uint32_t)(ul < 0 ? 0 : ul), 0);
  }
  err = check_fit(x, "ul_arfcn", o->ul_arfcn, b->ul_low_khz, b->ul_high_khz);
  if (err != OLIVE_OK) {
    return err;
  }
  o->dl_hz = arfcn_hz(o->dl_arfcn);
  uint64_t span = half_span_hz(o, x->cfg->scs_khz);
  o->pointa_hz = o->dl_hz > span ? o->dl_hz - span : 0;
  if (o->pointa_hz == 0 || phy_carrier_hz_to_arfcn((double)o->pointa_hz, &o->pointa_arfcn) < 0) {
    return fail(x, PHY_BAND_E_ARFCN_RASTER,
                "dl_arfcn=%u, start_prb=%u: point A %.3f MHz not on the global raster", o->dl_arfcn,
                o->start_prb, (double)o->pointa_hz / 1e6);
  }
  return OLIVE_OK;
}

static int check_coreset0_width(ctx_t *x)
{
  const phy_band_cell_t *o = x->out;
  uint32_t w = x->cfg->coreset0_nof_rb;
  if (w > o->nof_prb) {
    return fail(x, PHY_BAND_E_CORESET0_WIDTH,
                "coreset0_nof_rb=%u: wider than the carrier (N_RB=%u for bw_mhz=%u at %u kHz)", w,
                o->nof_prb, x->cfg->bw_mhz, x->cfg->scs_khz);
  }
  return OLIVE_OK;
}

/* Tries the SSB at `gscn`: fills the SSB fields of out, or returns the reason it fails. */
static phy_band_reason_t try_gscn(const phy_band_cell_cfg_t *c, phy_band_cell_t *o, uint32_t gscn)
{
  uint32_t mu = o->mu;
  uint64_t ss_ref = phy_gscn_to_hz(gscn);
  uint64_t sc0 = ss_ref - (uint64_t)SSB_SC_REF * c->scs_khz * KHZ;
  if (ss_ref == 0 || sc0 < o->pointa_hz || (sc0 - o->pointa_hz) % (15u * KHZ) != 0) {
    return PHY_BAND_E_SSB_FIT;
  }
  uint64_t d = (sc0 - o->pointa_hz) / (15u * KHZ); /* 15 kHz subcarriers above point A */
  if (d > 2u * PHY_NSC_RB * 2u * PHY_MAX_PRB) {    /* far above any carrier; keeps uint32 */
    return PHY_BAND_E_SSB_FIT;
  }
  uint32_t k_ssb = (uint32_t)(d % (PHY_NSC_RB << mu));
  phy_carrier_t car = {.mu = mu, .nof_prb = o->nof_prb, .start_prb = o->start_prb};
  car.k_ssb = k_ssb;
  car.offset_to_pointa = (uint32_t)((d - k_ssb) / PHY_NSC_RB);
  uint32_t k0;
  if (phy_carrier_ssb_k0(&car, &k0) < 0) { /* off the 30 kHz grid or not inside */
    return PHY_BAND_E_SSB_FIT;
  }
  uint32_t ssb_crb = car.offset_to_pointa >> mu;
  if (c->coreset0_nof_rb > 0 &&
      (ssb_crb < c->coreset0_offset_rb || ssb_crb - c->coreset0_offset_rb < o->start_prb ||
       ssb_crb - c->coreset0_offset_rb + c->coreset0_nof_rb > o->start_prb + o->nof_prb)) {
    return PHY_BAND_E_CORESET0_FIT;
  }
  if (phy_carrier_hz_to_arfcn((double)ss_ref, &o->ssb_arfcn) < 0) {
    return PHY_BAND_E_SSB_FIT;
  }
  o->gscn = gscn;
  o->ssb_hz = ss_ref;
  o->k_ssb = k_ssb;
  o->offset_to_pointa = car.offset_to_pointa;
  o->ssb_crb = ssb_crb;
  o->coreset0_crb = c->coreset0_nof_rb > 0 ? ssb_crb - c->coreset0_offset_rb : 0;
  return PHY_BAND_OK;
}

static int place_requested(ctx_t *x, const phy_band_ssb_t *s)
{
  const phy_band_cell_cfg_t *c = x->cfg;
  uint64_t f = arfcn_hz(c->ssb_arfcn);
  uint32_t g = 0;
  if (f == 0 || phy_hz_to_gscn(f, &g) < 0 || g < s->gscn_first || g > s->gscn_last ||
      (g - s->gscn_first) % s->gscn_step != 0) {
    return fail(x, PHY_BAND_E_SSB_ARFCN,
                "ssb_arfcn=%u (%.3f MHz): not on band n%u's sync raster (GSCN %u + k*%u up to %u, "
                "Table 5.4.3.3-1)",
                c->ssb_arfcn, (double)f / 1e6, x->out->band->band, s->gscn_first, s->gscn_step,
                s->gscn_last);
  }
  phy_band_reason_t r = try_gscn(c, x->out, g);
  if (r == PHY_BAND_E_CORESET0_FIT) {
    return fail(x, r,
                "ssb_arfcn=%u: CORESET#0 (coreset0_nof_rb=%u, coreset0_offset_rb=%u) falls outside "
                "the carrier (CRB %u..%u)",
                c->ssb_arfcn, c->coreset0_nof_rb, c->coreset0_offset_rb, x->out->start_prb,
                x->out->start_prb + x->out->nof_prb - 1);
  }
  if (r != PHY_BAND_OK) {
    return fail(x, r,
                "ssb_arfcn=%u: the SSB is not inside the carrier on its %u kHz subcarrier grid "
                "(point A %.3f MHz, N_RB=%u)",
                c->ssb_arfcn, c->scs_khz, (double)x->out->pointa_hz / 1e6, x->out->nof_prb);
  }
  return OLIVE_OK;
}

static int place_auto(ctx_t *x, const phy_band_ssb_t *s)
{
  const phy_band_cell_cfg_t *c = x->cfg;
  for (uint32_t g = s->gscn_first; g <= s->gscn_last; g += s->gscn_step) {
    if (try_gscn(c, x->out, g) == PHY_BAND_OK) {
      return OLIVE_OK;
    }
  }
  return fail(x, PHY_BAND_E_NO_SYNC_POINT,
              "dl_arfcn=%u, bw_mhz=%u: no GSCN of band n%u (%u + k*%u up to %u) puts the SSB "
              "inside the carrier with CORESET#0 (coreset0_nof_rb=%u, coreset0_offset_rb=%u) "
              "inside it",
              x->out->dl_arfcn, c->bw_mhz, x->out->band->band, s->gscn_first, s->gscn_step,
              s->gscn_last, c->coreset0_nof_rb, c->coreset0_offset_rb);
}

int phy_band_cell_configure(const phy_band_cell_cfg_t *cfg, phy_band_cell_t *out,
                            phy_band_reason_t *reason, char *msg, size_t msg_len)
{
  if (cfg == NULL || out == NULL) {
    return OLIVE_EINVAL;
  }
  phy_band_cell_t o = {0};
  ctx_t x = {.cfg = cfg, .out = &o, .reason = reason, .msg = msg, .msg_len = msg_len};
  int err = check_band_scs_bw(&x);
  if (err == OLIVE_OK) {
    err = check_carrier(&x);
  }
  if (err == OLIVE_OK) {
    err = check_coreset0_width(&x);
  }
  if (err == OLIVE_OK) {
    const phy_band_ssb_t *s = phy_band_ssb_row(o.band, cfg->scs_khz);
    err = cfg->ssb_arfcn != 0 ? place_requested(&x, s) : place_auto(&x, s);
  }
  if (err != OLIVE_OK) {
    return err;
  }
  if (reason != NULL) {
    *reason = PHY_BAND_OK;
  }
  if (msg != NULL && msg_len > 0) {
    msg[0] = '\0';
  }
  *out = o;
  return OLIVE_OK;
}

void phy_band_cell_to_carrier(const phy_band_cell_t *cell, phy_carrier_t *c)
{
  if (cell == NULL || c == NULL) {
    return;
  }
  c->mu = cell->mu;
  c->nof_prb = cell->nof_prb;
  c->start_prb = cell->start_prb;
  c->pointa_hz = (double)cell->pointa_hz;
  c->offset_to_pointa = cell->offset_to_pointa;
  c->k_ssb = cell->k_ssb;
}
