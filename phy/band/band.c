/* SPDX-License-Identifier: Apache-2.0 */
/* Band table look-ups, channel raster checks, UL/DL pairing (TS 38.104 5.2, 5.4.2.3) and
 * the synchronization raster (5.4.3.1). */
#include "band_internal.h"

#include "olive/support/error.h"

static const uint8_t bw_list_mhz[] = {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100};

const char *phy_duplex_name(phy_duplex_t d)
{
  static const char *const names[PHY_DUPLEX_COUNT] = {"FDD", "TDD"};
  return (unsigned)d < PHY_DUPLEX_COUNT ? names[d] : "?";
}

uint32_t phy_band_count(void)
{
  return phy_band_table_len;
}

const phy_band_t *phy_band_at(uint32_t i)
{
  return i < phy_band_table_len ? &phy_band_table[i] : NULL;
}

const phy_band_t *phy_band_get(uint32_t band)
{
  for (uint32_t i = 0; i < phy_band_table_len; i++) {
    if (phy_band_table[i].band == band) {
      return &phy_band_table[i];
    }
  }
  return NULL;
}

uint32_t phy_band_bw_mhz(uint32_t b)
{
  return b < OLIVE_ARRAY_SIZE(bw_list_mhz) ? bw_list_mhz[b] : 0;
}

int phy_band_bw_allowed(const phy_band_t *b, uint32_t scs_khz, uint32_t bw_mhz)
{
  uint32_t s = scs_khz == 15 ? 0 : scs_khz == 30 ? 1 : scs_khz == 60 ? 2 : PHY_BAND_NOF_SCS;
  if (b == NULL || s == PHY_BAND_NOF_SCS) {
    return 0;
  }
  for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(bw_list_mhz); i++) {
    if (bw_list_mhz[i] == bw_mhz) {
      return (b->bw_mask[s] >> i) & 1u;
    }
  }
  return 0;
}

const phy_band_ssb_t *phy_band_ssb_row(const phy_band_t *b, uint32_t scs_khz)
{
  for (uint32_t i = 0; b != NULL && i < b->nof_ssb; i++) {
    if (b->ssb[i].scs_khz == scs_khz) {
      return &b->ssb[i];
    }
  }
  return NULL;
}

/* TS 38.104 5.4.2.3: with two dF_Raster values the larger (30 kHz) one is for channels
 * whose SCS is at least 30 kHz; 100 kHz and 15 kHz rasters serve every SCS. */
static int raster_usable(const phy_band_raster_t *r, uint32_t scs_khz)
{
  return r->raster_khz == 100 || r->raster_khz <= scs_khz;
}

static int on_grid(uint32_t n, uint32_t first, uint32_t step, uint32_t last)
{
  return step != 0 && n >= first && n <= last && (n - first) % step == 0;
}

int phy_band_dl_arfcn_valid(const phy_band_t *b, uint32_t dl_arfcn, uint32_t scs_khz)
{
  for (uint32_t i = 0; b != NULL && i < b->nof_raster; i++) {
    const phy_band_raster_t *r = &b->raster[i];
    if (raster_usable(r, scs_khz) && on_grid(dl_arfcn, r->dl_first, r->dl_step, r->dl_last)) {
      return 1;
    }
  }
  return 0;
}

int phy_band_ul_arfcn_valid(const phy_band_t *b, uint32_t ul_arfcn, uint32_t scs_khz)
{
  for (uint32_t i = 0; b != NULL && i < b->nof_raster; i++) {
    const phy_band_raster_t *r = &b->raster[i];
    if (raster_usable(r, scs_khz) && on_grid(ul_arfcn, r->ul_first, r->ul_step, r->ul_last)) {
      return 1;
    }
  }
  return 0;
}

/* Duplex spacing in ARFCN units, F_UL_low - F_DL_low (Table 5.2-1); the FDD bands here are
 * all below 3 GHz, on the 5 kHz global raster of Table 5.4.2.1-1. */
static int64_t ul_minus_dl(const phy_band_t *b)
{
  return ((int64_t)b->ul_low_khz - (int64_t)b->dl_low_khz) / 5;
}

int phy_band_ul_from_dl(const phy_band_t *b, uint32_t dl_arfcn, uint32_t scs_khz,
                        uint32_t *ul_arfcn)
{
  if (b == NULL || ul_arfcn == NULL || !phy_band_dl_arfcn_valid(b, dl_arfcn, scs_khz)) {
    return OLIVE_EINVAL;
  }
  int64_t ul = b->duplex == PHY_DUPLEX_TDD ? (int64_t)dl_arfcn : dl_arfcn + ul_minus_dl(b);
  if (ul < 0 || ul > UINT32_MAX || !phy_band_ul_arfcn_valid(b, (uint32_t)ul, scs_khz)) {
    return OLIVE_EINVAL;
  }
  *ul_arfcn = (uint32_t)ul;
  return OLIVE_OK;
}

int phy_band_dl_from_ul(const phy_band_t *b, uint32_t ul_arfcn, uint32_t scs_khz,
                        uint32_t *dl_arfcn)
{
  if (b == NULL || dl_arfcn == NULL || !phy_band_ul_arfcn_valid(b, ul_arfcn, scs_khz)) {
    return OLIVE_EINVAL;
  }
  int64_t dl = b->duplex == PHY_DUPLEX_TDD ? (int64_t)ul_arfcn : ul_arfcn - ul_minus_dl(b);
  if (dl < 0 || dl > UINT32_MAX || !phy_band_dl_arfcn_valid(b, (uint32_t)dl, scs_khz)) {
    return OLIVE_EINVAL;
  }
  *dl_arfcn = (uint32_t)dl;
  return OLIVE_OK;
}

#define FIND_MAX 32u /* more than any ARFCN's band count */

/* Preference between overlapping bands: narrower DL range first, then lower number. */
static int preferred(const phy_band_t *a, const phy_band_t *b)
{
  uint32_t wa = a->dl_high_khz - a->dl_low_khz;
  uint32_t wb = b->dl_high_khz - b->dl_low_khz;
  return wa != wb ? wa < wb : a->band < b->band;
}

uint32_t phy_band_find_dl(uint32_t dl_arfcn, uint32_t scs_khz, uint16_t *bands, uint32_t max_bands)
{
  const phy_band_t *found[FIND_MAX];
  uint32_t n = 0;
  for (uint32_t i = 0; i < phy_band_table_len && n < OLIVE_ARRAY_SIZE(found); i++) {
    const phy_band_t *b = &phy_band_table[i];
    if (!phy_band_dl_arfcn_valid(b, dl_arfcn, scs_khz)) {
      continue;
    }
    uint32_t j = n++; /* insertion sort: a handful of entries at most */
    while (j > 0 && preferred(b, found[j - 1])) {
      found[j] = found[j - 1];
      j--;
    }
    found[j] = b;
  }
  for (uint32_t i = 0; bands != NULL && i < n && i < max_bands; i++) {
    bands[i] = found[i]->band;
  }
  return n;
}

/* TS 38.104 Table 5.4.3.1-1. */
#define GSCN_FR1_LOW_FIRST 2u
#define GSCN_FR1_HIGH_0    7499u
#define GSCN_FR2_0         22256u
#define GSCN_LAST          26639u
#define SSREF_LOW_N_HZ     1200000u
#define SSREF_LOW_M_HZ     50000u
#define SSREF_HIGH_HZ      1440000u
#define SSREF_FR2_HZ       17280000u
#define SSREF_HIGH_0_HZ    3000000000ull
#define SSREF_FR2_0_HZ     24250080000ull

uint64_t phy_gscn_to_hz(uint32_t gscn)
{
  if (gscn < GSCN_FR1_LOW_FIRST || gscn > GSCN_LAST) {
    return 0;
  }
  if (gscn < GSCN_FR1_HIGH_0) {
    /* GSCN = 3N + (M - 3)/2, (M - 3)/2 in {-1, 0, 1}: N = (GSCN + 1) / 3 */
    uint64_t n = (gscn + 1u) / 3u;
    uint64_t m = 2u * (gscn - 3u * n) + 3u;
    return n * SSREF_LOW_N_HZ + m * SSREF_LOW_M_HZ;
  }
  if (gscn < GSCN_FR2_0) {
    return SSREF_HIGH_0_HZ + (uint64_t)(gscn - GSCN_FR1_HIGH_0) * SSREF_HIGH_HZ;
  }
  return SSREF_FR2_0_HZ + (uint64_t)(gscn - GSCN_FR2_0) * SSREF_FR2_HZ;
}

int phy_hz_to_gscn(uint64_t f_hz, uint32_t *gscn)
{
  if (gscn == NULL) {
    return OLIVE_EINVAL;
  }
  if (f_hz < SSREF_HIGH_0_HZ) {
    for (uint64_t m = 1; m <= 5; m += 2) {
      if (f_hz > m * SSREF_LOW_M_HZ && (f_hz - m * SSREF_LOW_M_HZ) % SSREF_LOW_N_HZ == 0) {
        uint64_t n = (f_hz - m * SSREF_LOW_M_HZ) / SSREF_LOW_N_HZ;
        if (n < 1 || n > 2499) {
          return OLIVE_EINVAL;
        }
        *gscn = (uint32_t)(3u * n + m / 2u - 1u); /* 3N + (M - 3)/2 for M = 1, 3, 5 */
        return OLIVE_OK;
      }
    }
    return OLIVE_EINVAL;
  }
  uint64_t base = f_hz < SSREF_FR2_0_HZ ? SSREF_HIGH_0_HZ : SSREF_FR2_0_HZ;
  uint64_t step = f_hz < SSREF_FR2_0_HZ ? SSREF_HIGH_HZ : SSREF_FR2_HZ;
  uint32_t g0 = f_hz < SSREF_FR2_0_HZ ? GSCN_FR1_HIGH_0 : GSCN_FR2_0;
  uint32_t last = f_hz < SSREF_FR2_0_HZ ? GSCN_FR2_0 - 1u : GSCN_LAST;
  if ((f_hz - base) % step != 0 || (f_hz - base) / step > last - g0) {
    return OLIVE_EINVAL;
  }
  *gscn = g0 + (uint32_t)((f_hz - base) / step);
  return OLIVE_OK;
}
