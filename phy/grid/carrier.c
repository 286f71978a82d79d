/* SPDX-License-Identifier: Apache-2.0 */
/* Carrier numerology and sampling: TS 38.211 4.4 and 5.3.1 (see carrier.h). */
#include "olive/phy/carrier.h"

#include <math.h>
#include <stddef.h>

#include "olive/support/error.h"

/* TS 38.101-1 Table 5.3.2-1: transmission bandwidth configuration N_RB, FR1.
 * Columns: channel bandwidth in MHz, N_RB at 15 kHz, N_RB at 30 kHz (0 = not defined). */
static const uint16_t nrb_table[][3] = {
    {5, 25, 11},   {10, 52, 24},  {15, 79, 38},   {20, 106, 51},  {25, 133, 65},
    {30, 160, 78}, {35, 188, 92}, {40, 216, 106}, {45, 242, 119}, {50, 270, 133},
    {60, 0, 162},  {70, 0, 189},  {80, 0, 217},   {90, 0, 245},   {100, 0, 273},
};

/* FFT sizes offered by default: multiples of 128 built from 2^n and 3 * 2^n, the sizes
 * for which common SDR master clocks give the sample rate exactly. */
static const uint16_t std_fft[] = {128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096};

uint32_t phy_carrier_prb_from_bw(uint32_t bw_mhz, uint32_t mu)
{
  if (mu > PHY_MAX_MU) {
    return 0;
  }
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(nrb_table); i++) {
    if (nrb_table[i][0] == bw_mhz) {
      return nrb_table[i][1 + mu];
    }
  }
  return 0;
}

uint32_t phy_carrier_default_fft(uint32_t nof_prb)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(std_fft); i++) {
    /* 12 nof_prb <= 0.85 N_fft, in integers */
    if (nof_prb * PHY_NSC_RB * 100u <= 85u * std_fft[i]) {
      return std_fft[i];
    }
  }
  return 0;
}

static int fft_from_srate(double srate_hz, uint32_t scs, uint32_t *fft)
{
  double n = srate_hz / scs;
  if (!(n >= 1.0 && n <= PHY_MAX_FFT) || fabs(n - round(n)) > 1e-9 * n) {
    return OLIVE_EINVAL;
  }
  *fft = (uint32_t)round(n);
  return OLIVE_OK;
}

int phy_carrier_check(phy_carrier_t *c)
{
  if (c == NULL || c->mu > PHY_MAX_MU || c->nof_prb < 1 || c->nof_prb > PHY_MAX_PRB ||
      c->k_ssb > 23) {
    return OLIVE_EINVAL;
  }
  uint32_t scs = PHY_SCS_HZ(c->mu);
  uint32_t fft = c->fft_size;
  if (c->srate_hz != 0.0) {
    uint32_t f;
    if (fft_from_srate(c->srate_hz, scs, &f) < 0 || (fft != 0 && f != fft)) {
      return OLIVE_EINVAL;
    }
    fft = f;
  } else if (fft == 0) {
    fft = phy_carrier_default_fft(c->nof_prb);
  }
  if (fft == 0 || fft % PHY_FFT_GRANULE != 0 || fft > PHY_MAX_FFT ||
      c->nof_prb * PHY_NSC_RB > fft) {
    return OLIVE_EINVAL;
  }
  c->fft_size = fft;
  c->srate_hz = (double)fft * scs;
  return OLIVE_OK;
}

double phy_carrier_center_hz(const phy_carrier_t *c)
{
  double k = (double)PHY_NSC_RB * c->start_prb + 6.0 * c->nof_prb;
  return c->pointa_hz + k * PHY_SCS_HZ(c->mu);
}

uint32_t phy_carrier_cp_len(const phy_carrier_t *c, uint32_t l_sf)
{
  /* TS 38.211 5.3.1: N_CP = 144 kappa 2^-mu (+16 kappa for l = 0, 7 * 2^mu) in T_c,
   * i.e. 144 N_fft / 2048 (+ 16 * 2^mu N_fft / 2048) samples. */
  uint32_t l = l_sf % PHY_SYMB_SF(c->mu);
  uint32_t cp = 144u * c->fft_size / 2048u;
  if (l == 0 || l == (7u << c->mu)) {
    cp += (16u << c->mu) * c->fft_size / 2048u;
  }
  return cp;
}

uint32_t phy_carrier_slot_len(const phy_carrier_t *c, uint32_t slot)
{
  uint32_t l0 = (slot % PHY_SLOTS_SF(c->mu)) * PHY_NSYMB_SLOT;
  uint32_t n = 0;
  for (uint32_t l = l0; l < l0 + PHY_NSYMB_SLOT; l++) {
    n += c->fft_size + phy_carrier_cp_len(c, l);
  }
  return n;
}

uint32_t phy_carrier_sf_len(const phy_carrier_t *c)
{
  return 15u * (1u << c->mu) * c->fft_size; /* srate / 1000 */
}

int phy_carrier_ssb_k0(const phy_carrier_t *c, uint32_t *k0)
{
  /* TS 38.211 7.4.3.1: SSB subcarrier 0 at 15 kHz offset 12 offsetToPointA + k_SSB from
   * point A; the carrier starts at 12 N_grid^start subcarriers of its own SCS. */
  uint32_t off15 = PHY_NSC_RB * c->offset_to_pointa + c->k_ssb;
  uint32_t step = 1u << c->mu;
  if (off15 % step != 0) {
    return OLIVE_EINVAL;
  }
  uint32_t off = off15 / step;
  uint32_t start = PHY_NSC_RB * c->start_prb;
  if (off < start || off - start + 240u > phy_carrier_nof_sc(c)) {
    return OLIVE_EINVAL;
  }
  *k0 = off - start;
  return OLIVE_OK;
}

/* TS 38.104 Table 5.4.2.1-1: NR-ARFCN parameters for the global frequency raster. */
static const struct {
  uint32_t n_first, n_last;
  double df_hz, f_offs_hz;
} raster[] = {
    {0, 599999, 5e3, 0.0},
    {600000, 2016666, 15e3, 3000e6},
    {2016667, 3279165, 60e3, 24250.08e6},
};

double phy_carrier_arfcn_to_hz(uint32_t arfcn)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(raster); i++) {
    if (arfcn >= raster[i].n_first && arfcn <= raster[i].n_last) {
      return raster[i].f_offs_hz + raster[i].df_hz * (double)(arfcn - raster[i].n_first);
    }
  }
  return -1.0;
}

int phy_carrier_hz_to_arfcn(double f_hz, uint32_t *arfcn)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(raster); i++) {
    double n = (f_hz - raster[i].f_offs_hz) / raster[i].df_hz;
    double last = raster[i].n_last - raster[i].n_first;
    if (n >= -1e-6 && n <= last + 1e-6 && fabs(n - round(n)) * raster[i].df_hz < 1.0) {
      *arfcn = raster[i].n_first + (uint32_t)round(n);
      return OLIVE_OK;
    }
  }
  return OLIVE_EINVAL;
}
