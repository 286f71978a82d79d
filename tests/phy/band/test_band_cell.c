/* SPDX-License-Identifier: Apache-2.0 */
/* Cell frequency configuration and SSB placement (TS 38.104 5.4.2.2, 5.4.3; TS 38.211
 * 4.4.4.2, 7.4.3.1; TS 38.213 4.1, 13), pinned to hand-worked cells: the srsRAN tutorial /
 * srsUE cell (band 3, DL ARFCN 368500, SSB ARFCN 368410) and n78 at 3489.42 MHz. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/band.h"
#include "olive/support/error.h"
#include "olive_test.h"

/* The srsRAN tutorial cell: n3, 20 MHz, 15 kHz, coreset0_index 12 of Table 13-1
 * (96 RB, 1 symbol, offset 38). */
static phy_band_cell_cfg_t srsue_cfg(void)
{
  phy_band_cell_cfg_t c = {.band = 3,
                           .dl_arfcn = 368500,
                           .bw_mhz = 20,
                           .scs_khz = 15,
                           .coreset0_nof_rb = 96,
                           .coreset0_offset_rb = 38};
  return c;
}

/* Hand-worked (kHz):
 *  F_REF = 368500 * 5 = 1842500; N_RB = 106 (Table 5.3.2-1).
 *  point A = F_REF - 6 * 106 * 15 = 1842500 - 9540 = 1832960 -> ARFCN 366592.
 *  SSB 368410 = 1842050 = GSCN 4604 (1535 * 1200 + 50). SSB subcarrier 0 =
 *  1842050 - 120 * 15 = 1840250; d = (1840250 - 1832960) / 15 = 486 = 12 * 40 + 6:
 *  offsetToPointA = 40, k_SSB = 6, SSB in CRB 40. CORESET#0 from CRB 40 - 38 = 2 to
 *  2 + 96 - 1 = 97 <= 105: fits. The GSCNs below 4604 fail: only M = 1 points are on the
 *  15 kHz grid of point A (50 M - 5 = 0 mod 15), 1.2 MHz = 80 subcarriers apart, and the
 *  previous one (4601, d = 406, CRB 33) puts CORESET#0 at CRB -5. So the automatic choice,
 *  the lowest valid GSCN, is srsRAN's 368410. UL: 368500 - 19000 = 349500 (95 MHz). */
static void test_srsue_cell(void)
{
  phy_band_cell_cfg_t cfg = srsue_cfg();
  phy_band_cell_t o;
  phy_band_reason_t r = PHY_BAND_REASON_COUNT;
  char msg[256] = "x";
  CHECK(phy_band_cell_configure(&cfg, &o, &r, msg, sizeof(msg)) == 0);
  CHECK(r == PHY_BAND_OK && msg[0] == '\0');
  CHECK(o.band == phy_band_get(3) && o.duplex == PHY_DUPLEX_FDD && o.ssb_case == PHY_SSB_CASE_A);
  CHECK(o.mu == 0 && o.nof_prb == 106 && o.start_prb == 0);
  CHECK(o.dl_arfcn == 368500 && o.ul_arfcn == 349500 && o.pointa_arfcn == 366592);
  CHECK(o.ssb_arfcn == 368410 && o.gscn == 4604);
  CHECK(o.k_ssb == 6 && o.offset_to_pointa == 40 && o.ssb_crb == 40 && o.coreset0_crb == 2);
  CHECK(o.dl_hz == 1842500000u && o.pointa_hz == 1832960000u && o.ssb_hz == 1842050000u);

  /* the carrier.h view of the same cell: centre back at F_REF, SSB at subcarrier 486 */
  phy_carrier_t car = {0};
  phy_band_cell_to_carrier(&o, &car);
  uint32_t k0 = 0;
  CHECK(phy_carrier_ssb_k0(&car, &k0) == 0 && k0 == 486);
  CHECK(fabs(phy_carrier_center_hz(&car) - 1842.5e6) < 1.0);

  /* requesting 368410 explicitly gives the same; so does giving point A instead of F_REF */
  phy_band_cell_t o2;
  cfg.ssb_arfcn = 368410;
  CHECK(phy_band_cell_configure(&cfg, &o2, NULL, NULL, 0) == 0);
  CHECK(o2.gscn == 4604 && o2.k_ssb == 6 && o2.offset_to_pointa == 40);
  cfg = srsue_cfg();
  cfg.dl_arfcn = 0;
  cfg.pointa_arfcn = 366592;
  CHECK(phy_band_cell_configure(&cfg, &o2, NULL, NULL, 0) == 0);
  CHECK(o2.dl_arfcn == 368500 && o2.ssb_arfcn == 368410 && o2.k_ssb == 6);

  /* the other valid point: GSCN 4607 = 1843.25 MHz = ARFCN 368650; d = 486 + 80 = 566 =
   * 12 * 47 + 2: offsetToPointA 47, k_SSB 2, CORESET#0 at CRB 9..104 */
  cfg = srsue_cfg();
  cfg.ssb_arfcn = 368650;
  CHECK(phy_band_cell_configure(&cfg, &o2, &r, msg, sizeof(msg)) == 0);
  CHECK(o2.gscn == 4607 && o2.k_ssb == 2 && o2.offset_to_pointa == 47 && o2.coreset0_crb == 9);

  /* offsetToCarrier 2: point A 2 CRBs lower, 1842.5 - (24 + 636) * 0.015 = 1832.6 MHz
   * (ARFCN 366520); the same SSB is now d = (1840250 - 1832600) / 15 = 510 = 12 * 42 + 6
   * above it: offsetToPointA 42, CORESET#0 at CRB 4 (>= 2) .. 99 (<= 107) */
  cfg = srsue_cfg();
  cfg.start_prb = 2;
  CHECK(phy_band_cell_configure(&cfg, &o2, NULL, NULL, 0) == 0);
  CHECK(o2.pointa_arfcn == 366520 && o2.ssb_arfcn == 368410 && o2.offset_to_pointa == 42);
  CHECK(o2.k_ssb == 6 && o2.ssb_crb == 42 && o2.coreset0_crb == 4);

  /* no CORESET#0, or one with offset 0 (Table 13-1 index 0: 24 RB, offset 0): the lowest
   * point inside the carrier, GSCN 4586 = 1529 * 1.2 + 0.05 = 1834.85 MHz (ARFCN 366970):
   * d = (1834850 - 1800 - 1832960) / 15 = 6 -> k_SSB 6, CRB 0. A srsRAN Project gNB on n3
   * 20 MHz was reported with exactly this SSB (1834.85 MHz, k_SSB 6, offsetToPointA 0,
   * point A 1832.96 MHz; spritelab/5GSniffer issue #19; its CORESET#0 index not given). */
  cfg = srsue_cfg();
  cfg.coreset0_nof_rb = 0;
  CHECK(phy_band_cell_configure(&cfg, &o2, NULL, NULL, 0) == 0);
  CHECK(o2.gscn == 4586 && o2.ssb_arfcn == 366970 && o2.k_ssb == 6 && o2.offset_to_pointa == 0);
  cfg.coreset0_nof_rb = 24;
  cfg.coreset0_offset_rb = 0;
  CHECK(phy_band_cell_configure(&cfg, &o2, NULL, NULL, 0) == 0);
  CHECK(o2.pointa_hz == 1832960000u && o2.ssb_hz == 1834850000u && o2.coreset0_crb == 0);
}

/* 10 MHz at 368500 (the current srsRAN tutorial cell; srsRAN Project issue #1426 logs
 * "bw=10 MHz, dl_arfcn=368500 (n3), ... dl_ssb_arfcn=368410"): N_RB 52, point A =
 * 1842500 - 6 * 52 * 15 = 1837820 kHz; 368410: d = (1840250 - 1837820) / 15 = 162 =
 * 12 * 13 + 6 -> offsetToPointA 13, k_SSB 6. On this carrier only M = 1 points are on the
 * grid (1837820 + 1800 = 5 mod 15), d = 2, 82, 162, 242...; Table 13-1 index 6 (48 RB,
 * offset 12) needs CRB 12..16 (d 144..203): d = 162, GSCN 4604, is the only choice. */
static void test_srsue_10mhz(void)
{
  phy_band_cell_cfg_t cfg = {
      .band = 3, .dl_arfcn = 368500, .bw_mhz = 10, .scs_khz = 15, .ssb_arfcn = 368410};
  phy_band_cell_t o;
  CHECK(phy_band_cell_configure(&cfg, &o, NULL, NULL, 0) == 0);
  CHECK(o.nof_prb == 52 && o.pointa_hz == 1837820000u && o.offset_to_pointa == 13 && o.k_ssb == 6);
  cfg.ssb_arfcn = 0;
  cfg.coreset0_nof_rb = 48;
  cfg.coreset0_offset_rb = 12;
  CHECK(phy_band_cell_configure(&cfg, &o, NULL, NULL, 0) == 0);
  CHECK(o.ssb_arfcn == 368410 && o.ssb_crb == 13 && o.coreset0_crb == 1);
  cfg.coreset0_nof_rb = 0; /* lowest: d = 2, GSCN 4598 = 1533 * 1.2 + 0.05 = 1839.65 MHz */
  CHECK(phy_band_cell_configure(&cfg, &o, NULL, NULL, 0) == 0);
  CHECK(o.gscn == 4598 && o.ssb_hz == 1839650000u && o.k_ssb == 2 && o.offset_to_pointa == 0);
}

/* n78, F_REF = ARFCN 632628 = 3000 + 32628 * 0.015 = 3489.42 MHz, 30 kHz.
 * 20 MHz: N_RB 51, point A = 3489.42 - 6 * 51 * 0.03 = 3480.24 MHz (ARFCN 632016).
 *  SS_REF = 3000 + 1.44 N; SSB subcarrier 0 = SS_REF - 120 * 0.03; d (15 kHz units) =
 *  96 N - 32256. CORESET#0 Table 13-4 index 10 (48 RB, offset 12) needs the SSB's CRB
 *  floor(d / 24) in 12..15: N = 339, d = 288, CRB 12, k_SSB 0, offsetToPointA 24,
 *  SS_REF 3488.16 MHz = GSCN 7838 = ARFCN 632544; CORESET#0 at CRB 0..47 of 51.
 * 40 MHz: N_RB 106, point A = 3489.42 - 19.08 = 3470.34 MHz (ARFCN 631356), d = 96 N - 31596.
 *  Table 13-4 index 12 (48 RB, offset 16): CRB >= 16 -> N = 334, d = 468 = 24 * 19 + 12:
 *  CRB 19, k_SSB 12, offsetToPointA 38, SS_REF 3480.96 MHz = GSCN 7833 = ARFCN 632064. */
static void test_n78(void)
{
  phy_band_cell_cfg_t cfg = {.band = 78,
                             .dl_arfcn = 632628,
                             .bw_mhz = 20,
                             .scs_khz = 30,
                             .coreset0_nof_rb = 48,
                             .coreset0_offset_rb = 12};
  phy_band_cell_t o;
  CHECK(phy_band_cell_configure(&cfg, &o, NULL, NULL, 0) == 0);
  CHECK(o.duplex == PHY_DUPLEX_TDD && o.ssb_case == PHY_SSB_CASE_C && o.mu == 1);
  CHECK(o.nof_prb == 51 && o.pointa_arfcn == 632016 && o.ul_arfcn == 632628);
  CHECK(o.gscn == 7838 && o.ssb_arfcn == 632544 && o.k_ssb == 0 && o.offset_to_pointa == 24);
  CHECK(o.ssb_crb == 12 && o.coreset0_crb == 0);
  phy_carrier_t car = {0};
  uint32_t k0 = 0;
  phy_band_cell_to_carrier(&o, &car);
  CHECK(phy_carrier_ssb_k0(&car, &k0) == 0 && k0 == 144); /* 288 / 2 */

  cfg.bw_mhz = 40;
  cfg.coreset0_offset_rb = 16;
  CHECK(phy_band_cell_configure(&cfg, &o, NULL, NULL, 0) == 0);
  CHECK(o.nof_prb == 106 && o.pointa_arfcn == 631356);
  CHECK(o.gscn == 7833 && o.ssb_arfcn == 632064 && o.k_ssb == 12 && o.offset_to_pointa == 38);
  CHECK(o.ssb_crb == 19 && o.coreset0_crb == 3);
  phy_band_cell_to_carrier(&o, &car);
  CHECK(phy_carrier_ssb_k0(&car, &k0) == 0 && k0 == 234); /* 468 / 2 */
}

/* Expects rejection `want`, with the parameter name `key` and `value` in the message. */
static void expect_err(const phy_band_cell_cfg_t *cfg, phy_band_reason_t want, const char *key,
                       const char *value, int line)
{
  phy_band_cell_t o;
  phy_band_reason_t r = PHY_BAND_OK;
  char msg[256] = "";
  int err = phy_band_cell_configure(cfg, &o, &r, msg, sizeof(msg));
  CHECK(err == OLIVE_ECONFIG && r == want && strstr(msg, key) != NULL && strstr(msg, value) != NULL,
        "line %d: err %d reason %s (want %s), msg \"%s\"", line, err, phy_band_reason_name(r),
        phy_band_reason_name(want), msg);
}
#define EXPECT(cfg, want, key, value) expect_err(&(cfg), want, key, value, __LINE__)

static void test_validation(void)
{
  phy_band_cell_cfg_t c = srsue_cfg();
  c.band = 4;
  EXPECT(c, PHY_BAND_E_BAND, "band=4", "n78");
  c = srsue_cfg();
  c.scs_khz = 30; /* n3 has only a 15 kHz SSB */
  EXPECT(c, PHY_BAND_E_SCS, "scs_khz=30", "allowed: 15 kHz");
  c.scs_khz = 60;
  EXPECT(c, PHY_BAND_E_SCS, "scs_khz=60", "n3");
  c = srsue_cfg();
  c.bw_mhz = 40; /* n3 at 15 kHz: 5..30 MHz */
  EXPECT(c, PHY_BAND_E_BW, "bw_mhz=40", "allowed: 5 10 15 20 25 30");
  c = srsue_cfg();
  c.dl_arfcn = 360000;
  EXPECT(c, PHY_BAND_E_ARFCN_RANGE, "dl_arfcn=360000", "361000 + k*20 up to 376000");
  c.dl_arfcn = 368510;
  EXPECT(c, PHY_BAND_E_ARFCN_RASTER, "dl_arfcn=368510", "100 kHz raster");
  c.dl_arfcn = 361000; /* 1805 MHz -+ 10 MHz leaves the band */
  EXPECT(c, PHY_BAND_E_CARRIER_FIT, "dl_arfcn=361000", "1795.000..1815.000");
  c = srsue_cfg();
  c.bw_mhz = 10; /* 52 PRB < 96 */
  EXPECT(c, PHY_BAND_E_CORESET0_WIDTH, "coreset0_nof_rb=96", "N_RB=52");
  c = srsue_cfg();
  c.ssb_arfcn = 368890; /* GSCN 4610, d = 646, CRB 53: CORESET#0 15..110 > 105 */
  EXPECT(c, PHY_BAND_E_CORESET0_FIT, "ssb_arfcn=368890", "coreset0_offset_rb=38");
  c.ssb_arfcn = 368420; /* 1842.10 MHz: M = 2 is not a raster point */
  EXPECT(c, PHY_BAND_E_SSB_ARFCN, "ssb_arfcn=368420", "GSCN 4517");
  c.ssb_arfcn = 361230; /* 1806.15 MHz = GSCN 4516, below n3's 4517 */
  EXPECT(c, PHY_BAND_E_SSB_ARFCN, "ssb_arfcn=361230", "up to 4693");
  c.ssb_arfcn = 368430; /* GSCN 4605: d = 492.67, off the 15 kHz grid of point A */
  EXPECT(c, PHY_BAND_E_SSB_FIT, "ssb_arfcn=368430", "point A 1832.960");
  /* 5 MHz at 368500: point A 1840.25 MHz; the grid-aligned points have d = 0, 80, ...;
   * Table 13-1 index 2 (24 RB, offset 4) needs CRB 4..5 with the SSB inside (d <= 60) */
  c = srsue_cfg();
  c.bw_mhz = 5;
  c.coreset0_nof_rb = 24;
  c.coreset0_offset_rb = 4;
  EXPECT(c, PHY_BAND_E_NO_SYNC_POINT, "dl_arfcn=368500", "coreset0_nof_rb=24");
  c.coreset0_nof_rb = 0; /* without CORESET#0, d = 0 works: GSCN 4604 again */
  phy_band_cell_t o;
  CHECK(phy_band_cell_configure(&c, &o, NULL, NULL, 0) == 0 && o.gscn == 4604 && o.k_ssb == 0);
  /* n66: DL 2195 MHz has no UL partner */
  c = srsue_cfg();
  c.band = 66;
  c.dl_arfcn = 439000;
  c.bw_mhz = 5;
  c.coreset0_nof_rb = 0;
  EXPECT(c, PHY_BAND_E_ARFCN_RANGE, "ul_arfcn", "359000");
  /* n78 at 15 kHz: only a 30 kHz SSB */
  c = srsue_cfg();
  c.band = 78;
  c.dl_arfcn = 632628;
  EXPECT(c, PHY_BAND_E_SCS, "scs_khz=15", "allowed: 30 kHz");
  c = srsue_cfg();
  c.dl_arfcn = 0;
  EXPECT(c, PHY_BAND_E_ARFCN_RASTER, "pointa_arfcn=0", "dl_arfcn");

  /* NULLs, a short message buffer (truncated, terminated), no reason pointer */
  CHECK(phy_band_cell_configure(NULL, &o, NULL, NULL, 0) == OLIVE_EINVAL);
  c = srsue_cfg();
  CHECK(phy_band_cell_configure(&c, NULL, NULL, NULL, 0) == OLIVE_EINVAL);
  char small[8];
  memset(small, 'z', sizeof(small));
  c.band = 4;
  CHECK(phy_band_cell_configure(&c, &o, NULL, small, sizeof(small)) == OLIVE_ECONFIG);
  CHECK(strcmp(small, "band=4:") == 0);
  CHECK(strcmp(phy_band_reason_name(PHY_BAND_E_BW), "E_BW") == 0);
  CHECK(strcmp(phy_band_reason_name(PHY_BAND_REASON_COUNT), "?") == 0);
  CHECK(strcmp(phy_duplex_name(PHY_DUPLEX_TDD), "TDD") == 0);
}

/* Every band, SCS and bandwidth of the table, carrier in mid-band without CORESET#0: each
 * placement found satisfies the defining relations, recomputed here in Hz: SS_REF is the
 * GSCN's frequency and the SSB ARFCN's, subcarrier 0 of the SSB sits at
 * point A + (12 offsetToPointA + k_SSB) 15 kHz = SS_REF - 120 SCS, all 240 subcarriers lie
 * inside the carrier, the GSCN is in the band's range and step, and k_SSB < 12 * 2^mu. */
static void test_all_bands(void)
{
  uint32_t placed = 0, tried = 0;
  for (uint32_t i = 0; i < phy_band_count(); i++) {
    const phy_band_t *b = phy_band_at(i);
    for (uint32_t s = 0; s < b->nof_ssb; s++) {
      const phy_band_ssb_t *row = &b->ssb[s];
      /* the channel raster row of the SSB SCS (n41/n77/n78/n79 at 30 kHz: the 30 kHz row) */
      const phy_band_raster_t *r = &b->raster[b->nof_raster - 1];
      r = r->raster_khz <= row->scs_khz || r->raster_khz == 100 ? r : &b->raster[0];
      uint32_t mid = r->dl_first + (r->dl_last - r->dl_first) / r->dl_step / 2 * r->dl_step;
      for (uint32_t k = 0; phy_band_bw_mhz(k) != 0; k++) {
        phy_band_cell_cfg_t c = {.band = b->band,
                                 .dl_arfcn = mid,
                                 .bw_mhz = phy_band_bw_mhz(k),
                                 .scs_khz = row->scs_khz};
        if (!phy_band_bw_allowed(b, c.scs_khz, c.bw_mhz)) {
          continue;
        }
        phy_band_cell_t o;
        tried++;
        if (phy_band_cell_configure(&c, &o, NULL, NULL, 0) != 0) {
          continue;
        }
        placed++;
        uint64_t scs = c.scs_khz * 1000u;
        uint64_t sc0 = o.pointa_hz + (12u * o.offset_to_pointa + o.k_ssb) * 15000u;
        uint64_t first = o.pointa_hz + 12u * o.start_prb * scs;
        CHECK(o.ssb_hz == phy_gscn_to_hz(o.gscn));
        CHECK(fabs(phy_carrier_arfcn_to_hz(o.ssb_arfcn) - (double)o.ssb_hz) < 1.0);
        CHECK(sc0 + 120u * scs == o.ssb_hz);
        CHECK(sc0 >= first && sc0 + 240u * scs <= first + 12u * o.nof_prb * scs);
        CHECK(o.gscn >= row->gscn_first && o.gscn <= row->gscn_last &&
              (o.gscn - row->gscn_first) % row->gscn_step == 0);
        CHECK(o.k_ssb < (12u << o.mu) && (o.mu == 0 || (12u * o.offset_to_pointa) % 24u == 0));
        CHECK(o.dl_hz - o.pointa_hz == 6u * o.nof_prb * scs);
      }
    }
  }
  CHECK(tried == 104 && placed == tried);
  /* A 30 kHz carrier centred on an odd 15 kHz raster point (n79 713333, 3000 + 113333 *
   * 0.015 MHz) has point A an odd number of 15 kHz steps from every sync raster point
   * (3000 MHz + N * 96 * 15 kHz): the SSB would need an odd k_SSB, off the carrier's 30 kHz
   * grid, which this single-numerology carrier (carrier.h) cannot generate. */
  phy_band_cell_cfg_t odd = {.band = 79, .dl_arfcn = 713333, .bw_mhz = 40, .scs_khz = 30};
  phy_band_cell_t o;
  phy_band_reason_t why = PHY_BAND_OK;
  CHECK(phy_band_cell_configure(&odd, &o, &why, NULL, 0) == OLIVE_ECONFIG &&
        why == PHY_BAND_E_NO_SYNC_POINT);
  odd.dl_arfcn = 713334;
  CHECK(phy_band_cell_configure(&odd, &o, NULL, NULL, 0) == 0 && o.k_ssb % 2 == 0);
  printf("all bands: %u of %u placed\n", placed, tried);
}

int main(void)
{
  test_srsue_cell();
  test_srsue_10mhz();
  test_n78();
  test_validation();
  test_all_bands();
  return olive_test_done();
}
