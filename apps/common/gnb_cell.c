/* SPDX-License-Identifier: Apache-2.0 */
/* Cell derivation: frequencies, CORESET#0 / searchSpace#0, L_max, carrier sampling (see
 * gnb_cell.h). The TDD pattern and PRACH checks are in gnb_cell_tdd.c, the MIB, SIB1 and
 * scheduler arguments in gnb_cell_msgs.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gnb_cell.h"
#include "gnb_cell_internal.h"
#include "olive/support/error.h"

int gnb_cell_fail(gnb_cell_err_t *err, const char *key, const char *fmt, ...)
{
  va_list ap;
  err->key = key;
  int n = snprintf(err->msg, sizeof(err->msg), "%s: ", key);
  va_start(ap, fmt);
  vsnprintf(err->msg + n, sizeof(err->msg) - (size_t)n, fmt, ap);
  va_end(ap);
  return OLIVE_ECONFIG;
}

static void list_bands(uint32_t scs_khz, char *s, size_t n)
{
  size_t used = 0;
  s[0] = '\0';
  for (uint32_t i = 0; i < phy_band_count() && used < n; i++) {
    const phy_band_t *b = phy_band_at(i);
    if (scs_khz == 0 || phy_band_ssb_row(b, scs_khz) != NULL) {
      int w = snprintf(s + used, n - used, "%sn%u", used ? " " : "", b->band);
      used += w > 0 ? (size_t)w : 0;
    }
  }
}

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

/* Band, SCS and bandwidth: TS 38.104 Tables 5.2-1, 5.4.3.3-1 (SSB SCS per band) and
 * 5.3.5-1 (bandwidths per band and SCS). */
static int check_band(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  char list[256];
  const phy_band_t *b = phy_band_get(cfg->cell.band);
  c->scs_khz = cfg->cell.common_scs == GNB_SCS_30 ? 30 : 15;
  c->mu = c->scs_khz == 30 ? 1 : 0;
  if (b == NULL) {
    list_bands(0, list, sizeof(list));
    return gnb_cell_fail(err, "cell_cfg.band", "value '%u' is not a supported band; allowed: %s",
                         cfg->cell.band, list);
  }
  if (phy_band_ssb_row(b, c->scs_khz) == NULL) {
    list_bands(c->scs_khz, list, sizeof(list));
    return gnb_cell_fail(err, "cell_cfg.common_scs",
                         "value '%u' is not an SSB subcarrier spacing of band n%u (TS 38.104 "
                         "Table 5.4.3.3-1); bands with %u kHz SSBs: %s",
                         c->scs_khz, b->band, c->scs_khz, list);
  }
  if (!phy_band_bw_allowed(b, c->scs_khz, cfg->cell.channel_bandwidth_mhz)) {
    list_bw(b, c->scs_khz, list, sizeof(list));
    return gnb_cell_fail(err, "cell_cfg.channel_bandwidth_MHz",
                         "value '%u' is not allowed in band n%u at %u kHz (TS 38.104 Table "
                         "5.3.5-1); allowed: %s",
                         cfg->cell.channel_bandwidth_mhz, b->band, c->scs_khz, list);
  }
  /* Tables 13-1..13-4 serve bands whose minimum channel bandwidth is 5 or 10 MHz, 13-5
   * and 13-6 those with 40 MHz (TS 38.213 13). */
  uint32_t min = 0;
  for (uint32_t i = 0; phy_band_bw_mhz(i) != 0 && min == 0; i++)
    if (phy_band_bw_allowed(b, c->scs_khz, phy_band_bw_mhz(i)))
      min = phy_band_bw_mhz(i);
  c->min_bw_mhz = min >= 40 ? 40 : (min <= 5 ? 5 : 10);
  return 0;
}

static int get_coreset0(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  int rc = phy_coreset0_get(c->scs_khz, c->scs_khz, c->min_bw_mhz, cfg->cell.coreset0_index,
                            &c->coreset0);
  if (rc < 0)
    return gnb_cell_fail(err, "cell_cfg.pdcch.common.coreset0_index",
                         "value '%u' is a reserved row of TS 38.213 Table 13-%s for {SSB, PDCCH} "
                         "SCS {%u, %u} kHz; allowed: a row that is not reserved",
                         cfg->cell.coreset0_index, c->scs_khz == 15 ? "1" : "4", c->scs_khz,
                         c->scs_khz);
  if (c->coreset0.nof_rb > phy_carrier_prb_from_bw(cfg->cell.channel_bandwidth_mhz, c->mu))
    return gnb_cell_fail(err, "cell_cfg.pdcch.common.coreset0_index",
                         "value '%u' gives a CORESET#0 of %u RBs (TS 38.213 Table %s), wider "
                         "than the %u-PRB carrier (%u MHz at %u kHz); allowed: an index whose "
                         "CORESET#0 has at most %u RBs",
                         cfg->cell.coreset0_index, c->coreset0.nof_rb, c->coreset0.table,
                         phy_carrier_prb_from_bw(cfg->cell.channel_bandwidth_mhz, c->mu),
                         cfg->cell.channel_bandwidth_mhz, c->scs_khz,
                         phy_carrier_prb_from_bw(cfg->cell.channel_bandwidth_mhz, c->mu));
  return 0;
}

/* The key a placement failure blames, and its value as text. */
static const char *reason_key(phy_band_reason_t r, const gnb_cfg_t *cfg, char *val, size_t n)
{
  switch (r) {
  case PHY_BAND_E_CORESET0_WIDTH:
  case PHY_BAND_E_CORESET0_FIT:
    snprintf(val, n, "%u", cfg->cell.coreset0_index);
    return "cell_cfg.pdcch.common.coreset0_index";
  case PHY_BAND_E_SSB_ARFCN:
  case PHY_BAND_E_SSB_FIT:
    snprintf(val, n, "%lld", (long long)cfg->cell.ssb_arfcn);
    return "cell_cfg.ssb.ssb_arfcn";
  case PHY_BAND_E_BW:
    snprintf(val, n, "%u", cfg->cell.channel_bandwidth_mhz);
    return "cell_cfg.channel_bandwidth_MHz";
  default:
    snprintf(val, n, "%lld", (long long)cfg->cell.dl_arfcn);
    return "cell_cfg.dl_arfcn";
  }
}

/* ARFCN, raster, carrier inside the band, SSB on the sync raster, CORESET#0 inside the
 * carrier: phy_band_cell_configure (TS 38.104 5.4.2, 5.4.3; TS 38.213 13). */
static int place(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  phy_band_cell_cfg_t in = {.band = cfg->cell.band,
                            .dl_arfcn = (uint32_t)cfg->cell.dl_arfcn,
                            .bw_mhz = cfg->cell.channel_bandwidth_mhz,
                            .scs_khz = c->scs_khz,
                            .coreset0_nof_rb = c->coreset0.nof_rb,
                            .coreset0_offset_rb = (uint32_t)c->coreset0.offset_rb,
                            .ssb_arfcn = (uint32_t)cfg->cell.ssb_arfcn};
  phy_band_reason_t why = PHY_BAND_OK;
  char msg[300], val[32];
  if (cfg->cell.dl_arfcn == 0)
    return gnb_cell_fail(err, "cell_cfg.dl_arfcn",
                         "value '0' is not a carrier; allowed: the NR-ARFCN of the carrier "
                         "centre inside the band");
  if (phy_band_cell_configure(&in, &c->freq, &why, msg, sizeof(msg)) < 0) {
    const char *key = reason_key(why, cfg, val, sizeof(val));
    return gnb_cell_fail(err, key, "value '%s' rejected (%s): %s", val, phy_band_reason_name(why),
                         msg);
  }
  c->tdd = c->freq.duplex == PHY_DUPLEX_TDD;
  c->dl_hz = phy_carrier_arfcn_to_hz(c->freq.dl_arfcn);
  c->ul_hz = phy_carrier_arfcn_to_hz(c->freq.ul_arfcn);
  return 0;
}

/* L_max, TS 38.213 4.1 (Rel-16, shared spectrum access not used): cases A and B and
 * paired case C have 4 candidates up to 3 GHz and 8 above; unpaired case C has 4 up to
 * 1.88 GHz and 8 above. */
static uint32_t l_max_of(const gnb_cell_t *c)
{
  double cut = c->freq.ssb_case == PHY_SSB_CASE_C && c->tdd ? 1.88e9 : 3e9;
  return c->dl_hz <= cut ? 4 : 8;
}

static int sampling(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  phy_band_cell_to_carrier(&c->freq, &c->carrier);
  c->carrier.srate_hz = round(cfg->ru.srate_mhz * 1e6);
  c->carrier.fft_size = 0;
  uint32_t min_fft =
      ((12 * c->freq.nof_prb + PHY_FFT_GRANULE - 1) / PHY_FFT_GRANULE) * PHY_FFT_GRANULE;
  if (phy_carrier_check(&c->carrier) < 0)
    return gnb_cell_fail(err, "ru_sdr.srate",
                         "value '%g' does not sample a %u-PRB carrier at %u kHz (TS 38.211 "
                         "5.3.1: N_fft = srate / SCS must be a multiple of %u, at least 12 N_RB "
                         "and at most %u); allowed: N_fft * %u kHz with N_fft >= %u, e.g. %g",
                         cfg->ru.srate_mhz, c->freq.nof_prb, c->scs_khz, PHY_FFT_GRANULE,
                         PHY_MAX_FFT, c->scs_khz, min_fft,
                         phy_carrier_default_fft(c->freq.nof_prb) * c->scs_khz / 1000.0);
  c->slots_per_frame = 10u << c->mu;
  c->slot_samples = (uint32_t)(c->carrier.srate_hz / 1000.0) >> c->mu;
  return 0;
}

int gnb_cell_derive(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  memset(c, 0, sizeof(*c));
  int rc = check_band(cfg, c, err);
  if (rc == 0)
    rc = get_coreset0(cfg, c, err);
  if (rc == 0)
    rc = place(cfg, c, err);
  if (rc < 0)
    return rc;
  c->l_max = l_max_of(c);
  c->ssb_bitmap = 0x80; /* SSB 0 only: one beam */
  static const uint32_t period_ms[] = {5, 10, 20, 40, 80, 160};
  c->ssb_period_ms = period_ms[cfg->cell.ssb_period];
  if (phy_ss0_get(cfg->cell.ss0_index, &c->ss0) < 0)
    return gnb_cell_fail(err, "cell_cfg.pdcch.common.ss0_index",
                         "value '%u' is not in TS 38.213 Table 13-11; allowed: 0..15",
                         cfg->cell.ss0_index);
  if ((rc = sampling(cfg, c, err)) < 0)
    return rc;
  if ((rc = gnb_cell_check_tdd(cfg, c, err)) < 0)
    return rc;
  if ((rc = gnb_cell_check_prach(cfg, c, err)) < 0)
    return rc;
  return gnb_cell_build_msgs(cfg, c, err);
}

int gnb_cell_describe(const gnb_cell_t *c, char *out, size_t len)
{
  return snprintf(out, len,
                  "band n%u %s, %u PRB at %u kHz, DL ARFCN %u (%.3f MHz), UL ARFCN %u, SSB "
                  "ARFCN %u (GSCN %u, case %s, L_max %u, every %u ms), k_SSB %u, "
                  "offsetToPointA %u, CORESET#0 %u RB x %u symb at CRB %u, srate %.2f Msps "
                  "(N_fft %u)",
                  c->freq.band->band, phy_duplex_name(c->freq.duplex), c->freq.nof_prb, c->scs_khz,
                  c->freq.dl_arfcn, c->dl_hz / 1e6, c->freq.ul_arfcn, c->freq.ssb_arfcn,
                  c->freq.gscn, phy_ssb_case_name(c->freq.ssb_case), c->l_max, c->ssb_period_ms,
                  c->freq.k_ssb, c->freq.offset_to_pointa, c->coreset0.nof_rb, c->coreset0.nof_symb,
                  c->freq.coreset0_crb, c->carrier.srate_hz / 1e6, c->carrier.fft_size);
}
