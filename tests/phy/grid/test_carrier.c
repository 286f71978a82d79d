/* SPDX-License-Identifier: Apache-2.0 */
/* Carrier numerology and sampling (TS 38.211 4.4, 5.3.1; TS 38.101-1 5.3.2). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/carrier.h"
#include "olive/support/error.h"
#include "olive_test.h"

static phy_carrier_t mk(uint32_t mu, uint32_t nof_prb, double srate, uint32_t fft)
{
  phy_carrier_t c = {.mu = mu, .nof_prb = nof_prb, .srate_hz = srate, .fft_size = fft};
  return c;
}

/* CP lengths worked by hand from 5.3.1 at 30.72 Msps (T_s = 1/30.72 MHz = 64 T_c):
 * 15 kHz: N_fft = 2048, N_CP = 144 * 64 T_c / 64 = 144, l = 0, 7 add 16 * 64 / 64 = 16
 * -> 160. 30 kHz: N_fft = 1024, N_CP = 144 * 64 / 2 / 64 = 72, l = 0, 14 add 16 -> 88. */
static void test_cp_30m72(void)
{
  phy_carrier_t c = mk(0, 106, 30.72e6, 0);
  CHECK(phy_carrier_check(&c) == 0 && c.fft_size == 2048);
  for (uint32_t l = 0; l < 14; l++) {
    CHECK(phy_carrier_cp_len(&c, l) == ((l == 0 || l == 7) ? 160u : 144u));
  }
  CHECK(phy_carrier_slot_len(&c, 0) == 30720u);
  c = mk(1, 106, 30.72e6, 0); /* 1272 subcarriers do not fit 1024 */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(1, 51, 30.72e6, 0);
  CHECK(phy_carrier_check(&c) == 0 && c.fft_size == 1024);
  for (uint32_t l = 0; l < 28; l++) {
    CHECK(phy_carrier_cp_len(&c, l) == ((l == 0 || l == 14) ? 88u : 72u));
  }
  /* each 0.5 ms slot: 88 + 13 * 72 + 14 * 1024 = 15360 */
  CHECK(phy_carrier_slot_len(&c, 0) == 15360u && phy_carrier_slot_len(&c, 1) == 15360u);
  /* 23.04 Msps, 15 kHz: N_fft 1536, CP 144 * 1536 / 2048 = 108, long CP 108 + 12 = 120 */
  c = mk(0, 106, 23.04e6, 0);
  CHECK(phy_carrier_check(&c) == 0 && c.fft_size == 1536);
  CHECK(phy_carrier_cp_len(&c, 0) == 120u && phy_carrier_cp_len(&c, 1) == 108u);
}

/* Every supported (srate, mu): a subframe is exactly srate * 1 ms samples (the sum of
 * 14 * 2^mu symbols with their CPs). */
static void test_subframe_len(void)
{
  static const double srates[] = {3.84e6,  5.76e6,  7.68e6,  11.52e6, 15.36e6,
                                  23.04e6, 30.72e6, 46.08e6, 61.44e6, 122.88e6};
  for (uint32_t mu = 0; mu <= 1; mu++) {
    for (unsigned i = 0; i < sizeof(srates) / sizeof(srates[0]); i++) {
      phy_carrier_t c = mk(mu, 1, srates[i], 0);
      if (phy_carrier_check(&c) < 0) {
        /* 122.88 Msps at 15 kHz is N_fft 8192 > 4096; 5.76 Msps at 30 kHz is N_fft 192,
         * not a multiple of 128 (non-integer CP: 144 * 192 / 2048 = 13.5) */
        CHECK((mu == 0 && srates[i] == 122.88e6) || (mu == 1 && srates[i] == 5.76e6));
        continue;
      }
      uint32_t sum = 0;
      for (uint32_t l = 0; l < PHY_SYMB_SF(mu); l++) {
        sum += c.fft_size + phy_carrier_cp_len(&c, l);
      }
      CHECK((double)sum == srates[i] / 1000.0);
      CHECK(sum == phy_carrier_sf_len(&c));
      CHECK(phy_carrier_slot_len(&c, 0) * PHY_SLOTS_SF(mu) == sum);
    }
  }
}

static void test_validation(void)
{
  phy_carrier_t c = mk(0, 106, 20e6, 0); /* 20e6 / 15e3 is not an integer */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL && c.fft_size == 0);
  c = mk(0, 52, 7.68e6, 0); /* 624 subcarriers do not fit N_fft 512 */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(0, 52, 0, 1000); /* not a multiple of 128 */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(2, 52, 0, 0); /* mu = 2 not supported */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(0, 52, 15.36e6, 768); /* srate says 1024 */
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(0, 0, 15.36e6, 0);
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(0, 276, 0, 0);
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  c = mk(0, 52, 0, 0);
  c.k_ssb = 24;
  CHECK(phy_carrier_check(&c) == OLIVE_EINVAL);
  CHECK(phy_carrier_check(NULL) == OLIVE_EINVAL);
  /* fft only: srate derived */
  c = mk(1, 273, 0, 4096);
  CHECK(phy_carrier_check(&c) == 0 && c.srate_hz == 122.88e6);
  c = mk(1, 51, 46.08e6, 1536);
  CHECK(phy_carrier_check(&c) == 0);
  /* defaults: smallest standard size filled <= 85% */
  c = mk(0, 106, 0, 0);
  CHECK(phy_carrier_check(&c) == 0 && c.fft_size == 1536 && c.srate_hz == 23.04e6);
  CHECK(phy_carrier_default_fft(52) == 768 && phy_carrier_default_fft(25) == 384);
  CHECK(phy_carrier_default_fft(273) == 4096 && phy_carrier_default_fft(51) == 768);
  CHECK(phy_carrier_default_fft(11) == 256 && phy_carrier_default_fft(275) == 4096);
  CHECK(phy_carrier_default_fft(133) == 2048 && phy_carrier_default_fft(216) == 3072);
}

/* TS 38.101-1 Table 5.3.2-1 cross-checked against the minimum guard bands of Table 5.3.3-1
 * through GB = (BW - 12 N_RB SCS) / 2 - SCS / 2 (5.3.3). Guard band values (kHz) as
 * transcribed in Canonical's charm-oai-ran-du guard_band.py (a second, public source);
 * that file lists 552.5 kHz for 25 MHz / 15 kHz, which no integer N_RB gives
 * ((25000 - 552.5*2 - 15) / 180 = 132.67): the spec's 522.5 (N_RB 133) is used here. */
static void test_nrb_table(void)
{
  static const struct {
    unsigned bw, scs_khz;
    double gb_khz;
  } gb[] = {
      {5, 15, 242.5},  {10, 15, 312.5}, {15, 15, 382.5}, {20, 15, 452.5}, {25, 15, 522.5},
      {30, 15, 592.5}, {40, 15, 552.5}, {50, 15, 692.5}, {5, 30, 505},    {10, 30, 665},
      {15, 30, 645},   {20, 30, 805},   {25, 30, 785},   {30, 30, 945},   {40, 30, 905},
      {50, 30, 1045},  {60, 30, 825},   {70, 30, 965},   {80, 30, 925},   {90, 30, 885},
      {100, 30, 845},
  };
  for (unsigned i = 0; i < sizeof(gb) / sizeof(gb[0]); i++) {
    uint32_t mu = gb[i].scs_khz == 30;
    uint32_t n = phy_carrier_prb_from_bw(gb[i].bw, mu);
    double g = (gb[i].bw * 1000.0 - 12.0 * n * gb[i].scs_khz) / 2 - gb[i].scs_khz / 2.0;
    CHECK(n > 0 && fabs(g - gb[i].gb_khz) < 1e-9);
  }
  CHECK(phy_carrier_prb_from_bw(20, 0) == 106 && phy_carrier_prb_from_bw(100, 1) == 273);
  CHECK(phy_carrier_prb_from_bw(60, 0) == 0 && phy_carrier_prb_from_bw(7, 0) == 0);
  CHECK(phy_carrier_prb_from_bw(20, 2) == 0);
}

/* f0 and the SSB position from point A (4.4.4.2, 7.4.3.1), worked by hand. */
static void test_frequencies(void)
{
  /* 52 PRB at 15 kHz starting at CRB 0, point A 3.4 GHz: f0 = pA + 6*52*15 kHz */
  phy_carrier_t c = mk(0, 52, 0, 0);
  c.pointa_hz = 3.4e9;
  CHECK(phy_carrier_check(&c) == 0);
  CHECK(phy_carrier_center_hz(&c) == 3.4e9 + 312 * 15e3);
  /* offsetToPointA 2, k_SSB 6: SSB subcarrier 0 at 15 kHz offset 30 -> k0 = 30 */
  c.offset_to_pointa = 2;
  c.k_ssb = 6;
  uint32_t k0 = 99;
  CHECK(phy_carrier_ssb_k0(&c, &k0) == 0 && k0 == 30);
  /* 30 kHz carrier starting at CRB 1: offset 30 (15 kHz) = 15 (30 kHz), minus 12 -> 3 */
  c = mk(1, 51, 0, 0);
  c.start_prb = 1;
  c.offset_to_pointa = 2;
  c.k_ssb = 6;
  CHECK(phy_carrier_check(&c) == 0);
  CHECK(phy_carrier_ssb_k0(&c, &k0) == 0 && k0 == 3);
  c.k_ssb = 5; /* odd 15 kHz offset: off the 30 kHz raster */
  CHECK(phy_carrier_ssb_k0(&c, &k0) == OLIVE_EINVAL);
  c.k_ssb = 0;
  c.offset_to_pointa = 0; /* below the carrier start */
  CHECK(phy_carrier_ssb_k0(&c, &k0) == OLIVE_EINVAL);
  c.offset_to_pointa = 2 * 41; /* 15 kHz offset 984 -> 492 - 12 = 480; 480 + 240 > 612 */
  CHECK(phy_carrier_ssb_k0(&c, &k0) == OLIVE_EINVAL);
  c.offset_to_pointa = 2 * 31; /* 372 - 12 = 360; 360 + 240 = 600 <= 612 */
  CHECK(phy_carrier_ssb_k0(&c, &k0) == 0 && k0 == 360);
}

/* NR-ARFCN (38.104 5.4.2.1) by hand: 368500 * 5 kHz = 1842.5 MHz (band n3, the srsRAN
 * ZMQ examples' dl_arfcn); 3000 MHz + (632628 - 600000) * 15 kHz = 3489.42 MHz;
 * 24250.08 MHz + (2070832 - 2016667) * 60 kHz = 27499.98 MHz. */
static void test_arfcn(void)
{
  CHECK(phy_carrier_arfcn_to_hz(368500) == 1842.5e6);
  CHECK(fabs(phy_carrier_arfcn_to_hz(632628) - 3489.42e6) < 1e-3);
  CHECK(fabs(phy_carrier_arfcn_to_hz(2070832) - 27499.98e6) < 1e-3);
  CHECK(phy_carrier_arfcn_to_hz(599999) == 2999995e3 && phy_carrier_arfcn_to_hz(600000) == 3e9);
  CHECK(phy_carrier_arfcn_to_hz(3279166) == -1.0);
  uint32_t n = 0;
  CHECK(phy_carrier_hz_to_arfcn(1842.5e6, &n) == 0 && n == 368500);
  CHECK(phy_carrier_hz_to_arfcn(3489.42e6, &n) == 0 && n == 632628);
  CHECK(phy_carrier_hz_to_arfcn(3e9, &n) == 0 && n == 600000);
  CHECK(phy_carrier_hz_to_arfcn(27499.98e6, &n) == 0 && n == 2070832);
  CHECK(phy_carrier_hz_to_arfcn(1842.5e6 + 2e3, &n) == OLIVE_EINVAL); /* off the 5 kHz raster */
  CHECK(phy_carrier_hz_to_arfcn(200e9, &n) == OLIVE_EINVAL);
}

int main(void)
{
  test_arfcn();
  test_cp_30m72();
  test_subframe_len();
  test_validation();
  test_nrb_table();
  test_frequencies();
  return olive_test_done();
}
