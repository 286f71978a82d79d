/* SPDX-License-Identifier: Apache-2.0 */
/* DCI 1_1 / 0_1 field sizes, alignment and packing, against values worked by hand from
 * TS 38.212 7.3.1.1.2, 7.3.1.2.2, 7.3.1.0 and TS 38.214 Table 5.1.2.2.1-1:
 *
 * Config A (the 106-PRB srsUE cell, CORESET#0 of 48 RB): DL/UL BWP 106 RB, type 1, default
 *   TDRA tables, one codeword, DMRS type 1 maxLength 1, 8 dl-DataToUL-ACK entries, dynamic
 *   HARQ-ACK codebook, one cell, PUSCH codebook with one SRS resource of one port,
 *   reportTriggerSize 1.
 *   1_1: id 1 + FDRA 13 (106*107/2 = 5671 <= 2^13) + TDRA 4 + TB 5+1+2 + HARQ 4 + DAI 2 +
 *        TPC 2 + PRI 3 + K1 3 + ports 4 (Table 7.3.1.2.2-1) + SRS 2 + DMRS 1 = 47.
 *   0_1: id 1 + FDRA 13 + TDRA 4 + MCS 5 + NDI 1 + RV 2 + HARQ 4 + DAI1 2 + TPC 2 + SRI 0
 *        (ceil(log2 1)) + ports 3 (Table 7.3.1.1.2-8) + SRS 2 + CSI 1 + DMRS 1 + UL-SCH 1
 *        = 42.
 *   Fallback: CSS 1_0 with N = 48: 11 + 28 = 39; USS 1_0 with N = 106: 13 + 28 = 41 (0_0:
 *   33, padded to 41). Step 3: {39, 41, 47, 42} = 4 sizes > 3, so step 4: USS 1_0/0_0
 *   take the CSS size 39, leaving 3 sizes.
 *
 * Config B (most optional fields): carrier indicator; 2 DL BWPs (n_BWP = 3: 2 bits), 4 UL
 *   BWPs (n_BWP = 4: 2 bits).
 *   DL: 52 RB at start 0, type 0, rbg-Size config1 (P = 4 for 37..72 RB): N_RBG = 13;
 *   7 TDRA rows (3 bits); interleaver configured but type 0 (VRB-to-PRB 0 bits); dynamic PRB
 *   bundling 1; 2 rate-match groups 2; 3 ZP CSI-RS sets ceil(log2 4) = 2; two codewords
 *   2 x 8; semi-static codebook (DAI 0); 4 K1 entries 2; DMRS type 2 maxLength 2: 6 bits
 *   (Table 7.3.1.2.2-4); TCI 3.
 *   1_1 = 1+3+2+13+3+0+1+2+2+16+4+0+2+3+2+6+3+2+1 = 66.
 *   UL: 52 RB at start 10, dynamicSwitch, config2 (P = 8): N_RBG = ceil((52 + 2) / 8) = 7;
 *   type 1: 52*53/2 = 1378 -> 11 bits; FDRA max(7, 11) + 1 = 12; hopping 1; 16 TDRA rows
 *   4; semi-static DAI1 1; non-codebook with 3 SRS resources, L_max 1: ceil(log2 3) = 2;
 *   transform precoding, DMRS type 1 maxLength 2: 4 bits (Table 7.3.1.1.2-7), no DMRS
 *   sequence initialisation; reportTriggerSize 6; dynamic beta offsets 2.
 *   0_1 = 1+3+2+12+4+1+5+1+2+4+1+0+2+2+0+4+2+6+2+0+1 = 55.
 *
 * Config C (step 2 padding): DL/UL BWP 24 RB (FDRA 9: 300 <= 512), 8 PDSCH TDRA rows (3),
 *   one K1 entry (0 bits), semi-static codebook, reportTriggerSize 1, txConfig absent.
 *   1_1 = 1+9+3+8+4+0+2+3+0+4+2+1 = 37; 0_1 = 1+9+4+5+1+2+4+1+2+0+3+2+1+1+1 = 37.
 *   USS 1_0 with N = 24: 9 + 28 = 37 = both, so each gets one zero bit: 38.
 *
 * The antenna-port widths and field rules agree with srsRAN Project's
 * lib/ran/pdcch/dci_packing.cpp (read as a second source, not copied).
 * Then: one 1_1 of config A written out bit by bit; round trips over random configurations
 * and field values (fixed seed); unpack rejects truncated, over-long, non-binary and
 * wrong-direction input. */
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "olive_test.h"

static phy_dci_ue_cfg_t cfg_a(void)
{
  return (phy_dci_ue_cfg_t){.n_rb_dl = 106,
                            .n_rb_ul = 106,
                            .dl_ra_type = PHY_DCI_RA_TYPE1,
                            .ul_ra_type = PHY_DCI_RA_TYPE1,
                            .dl_dmrs_type = 1,
                            .dl_dmrs_max_len = 1,
                            .ul_dmrs_type = 1,
                            .ul_dmrs_max_len = 1,
                            .nof_dl_data_to_ul_ack = 8,
                            .dynamic_harq_codebook = true,
                            .tx_config = PHY_DCI_TX_CODEBOOK,
                            .nof_srs_resources = 1,
                            .csi_report_trigger_size = 1};
}

static phy_dci_ue_cfg_t cfg_b(void)
{
  return (phy_dci_ue_cfg_t){.n_rb_dl = 52,
                            .n_rb_ul = 52,
                            .ul_bwp_start = 10,
                            .nof_dl_bwp = 2,
                            .nof_ul_bwp = 4,
                            .carrier_indicator = true,
                            .dl_ra_type = PHY_DCI_RA_TYPE0,
                            .dl_rbg_config = 1,
                            .nof_dl_tdra = 7,
                            .dl_vrb_interleaved = true,
                            .dynamic_prb_bundling = true,
                            .nof_rate_match_groups = 2,
                            .nof_zp_csi_rs_sets = 3,
                            .two_codewords = true,
                            .dl_dmrs_type = 2,
                            .dl_dmrs_max_len = 2,
                            .tci_present = true,
                            .nof_dl_data_to_ul_ack = 4,
                            .ul_ra_type = PHY_DCI_RA_DYNAMIC,
                            .ul_rbg_config = 2,
                            .nof_ul_tdra = 16,
                            .ul_freq_hopping = true,
                            .transform_precoding = true,
                            .ul_dmrs_type = 1,
                            .ul_dmrs_max_len = 2,
                            .tx_config = PHY_DCI_TX_NONCODEBOOK,
                            .nof_srs_resources = 3,
                            .csi_report_trigger_size = 6,
                            .dynamic_beta_offsets = true};
}

static phy_dci_ue_cfg_t cfg_c(void)
{
  return (phy_dci_ue_cfg_t){.n_rb_dl = 24,
                            .n_rb_ul = 24,
                            .dl_ra_type = PHY_DCI_RA_TYPE1,
                            .ul_ra_type = PHY_DCI_RA_TYPE1,
                            .nof_dl_tdra = 8,
                            .dl_dmrs_type = 1,
                            .dl_dmrs_max_len = 1,
                            .ul_dmrs_type = 1,
                            .ul_dmrs_max_len = 1,
                            .nof_dl_data_to_ul_ack = 1,
                            .csi_report_trigger_size = 1};
}

static void fallback(uint32_t n_css, uint32_t n_uss, phy_dci_sizes_t *css, phy_dci_sizes_t *uss)
{
  phy_dci_size_cfg_t c = {.n_rb_dl = n_css, .n_rb_ul = n_css};
  CHECK(phy_dci_sizes(&c, css) == 0);
  c = (phy_dci_size_cfg_t){.n_rb_dl = n_uss, .n_rb_ul = n_uss, .uss = true};
  CHECK(phy_dci_sizes(&c, uss) == 0);
}

static void test_config_a(void)
{
  phy_dci_ue_cfg_t c = cfg_a();
  phy_dci_sizes_t css, uss;
  fallback(48, 106, &css, &uss);
  CHECK(css.size_1_0 == 39 && uss.size_1_0 == 41, "fallback %u %u", css.size_1_0, uss.size_1_0);
  phy_dci_ue_sizes_t s;
  CHECK(phy_dci_ue_sizes(&c, &css, &uss, &s) == 0);
  const phy_dci_1_1_sizes_t *d = &s.f1_1;
  CHECK(d->fdra == 13 && d->tdra == 4 && d->dai == 2 && d->k1 == 3 && d->ant_ports == 4 &&
            d->bwp == 0 && d->carrier == 0 && d->vrb_to_prb == 0 && d->zp_csi_rs == 0,
        "A 1_1 widths");
  CHECK(d->size == 47 && d->pad == 0, "A 1_1 size %u", d->size);
  const phy_dci_0_1_sizes_t *u = &s.f0_1;
  CHECK(u->fdra == 13 && u->tdra == 4 && u->dai1 == 2 && u->sri == 0 && u->ant_ports == 3 &&
            u->csi_req == 1 && u->dmrs_id == 1 && u->beta_offset == 0,
        "A 0_1 widths");
  CHECK(u->size == 42 && u->pad == 0, "A 0_1 size %u", u->size);
  CHECK(s.fallback_uss_as_css && s.fallback_uss == 39 && s.nof_sizes == 3, "A step 4");
  /* Without 1_0/0_0 in a USS: {39, 47, 42}, no step 4. */
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == 0 && !s.fallback_uss_as_css && s.nof_sizes == 3);
}

static void test_config_b(void)
{
  phy_dci_ue_cfg_t c = cfg_b();
  CHECK(phy_dci_nof_rbg(52, 0, 1) == 13 && phy_dci_nof_rbg(52, 10, 2) == 7, "RBGs");
  phy_dci_sizes_t css, uss;
  fallback(48, 52, &css, &uss);
  phy_dci_ue_sizes_t s;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == 0);
  const phy_dci_1_1_sizes_t *d = &s.f1_1;
  CHECK(d->carrier == 3 && d->bwp == 2 && d->fdra == 13 && d->tdra == 3 && d->vrb_to_prb == 0 &&
            d->prb_bundling == 1 && d->rate_match == 2 && d->zp_csi_rs == 2 && d->nof_tb == 2 &&
            d->dai == 0 && d->k1 == 2 && d->ant_ports == 6 && d->tci == 3,
        "B 1_1 widths");
  CHECK(d->size == 66, "B 1_1 size %u", d->size);
  const phy_dci_0_1_sizes_t *u = &s.f0_1;
  CHECK(u->carrier == 3 && u->bwp == 2 && u->fdra == 12 && u->tdra == 4 && u->hopping == 1 &&
            u->dai1 == 1 && u->sri == 2 && u->ant_ports == 4 && u->csi_req == 6 &&
            u->beta_offset == 2 && u->dmrs_id == 0,
        "B 0_1 widths");
  CHECK(u->size == 55, "B 0_1 size %u", u->size);
}

static void test_config_c(void)
{
  phy_dci_ue_cfg_t c = cfg_c();
  phy_dci_sizes_t css, uss;
  fallback(24, 24, &css, &uss);
  phy_dci_ue_sizes_t s;
  CHECK(phy_dci_ue_sizes(&c, &css, &uss, &s) == 0);
  CHECK(s.f1_1.pad == 1 && s.f1_1.size == 38 && s.f0_1.pad == 1 && s.f0_1.size == 38,
        "C step 2: 1_1 %u+%u 0_1 %u+%u", s.f1_1.size, s.f1_1.pad, s.f0_1.size, s.f0_1.pad);
  CHECK(!s.fallback_uss_as_css && s.fallback_uss == 37 && s.nof_sizes == 2, "C sizes");
}

/* TS 38.214 Table 5.1.2.2.1-1 rows, and the RBG count at each row edge. */
static void test_rbg(void)
{
  static const uint32_t size[] = {1, 36, 36, 37, 72, 73, 144, 145, 275, 275};
  static const uint32_t start[] = {0, 0, 1, 0, 3, 0, 7, 0, 0, 0};
  static const uint32_t conf[] = {1, 1, 1, 1, 2, 1, 2, 1, 1, 2};
  /* P:                           2  2  2  4  8  8  16 16 16 16 */
  static const uint32_t want[] = {1, 18, 19, 10, 10, 10, 10, 10, 18, 18};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(size); i++) {
    uint32_t n = phy_dci_nof_rbg(size[i], start[i], conf[i]);
    CHECK(n == want[i], "RBG size %u start %u config %u: %u, want %u", size[i], start[i], conf[i],
          n, want[i]);
  }
  CHECK(phy_dci_nof_rbg(0, 0, 1) == 0 && phy_dci_nof_rbg(10, 0, 3) == 0, "RBG bad args");
}

static void bits_to_str(const uint8_t *b, int n, char *out)
{
  for (int i = 0; i < n; i++) {
    out[i] = (char)('0' + b[i]);
  }
  out[n] = 0;
}

/* Config A, 1_1:
 *   id 1; FDRA RIV(start 10, L 20, N 106) = 106 * 19 + 10 = 2024 -> 0011111101000;
 *   TDRA 2 -> 0010; MCS 27 -> 11011; NDI 1; RV 2 -> 10; HARQ 13 -> 1101; DAI 3 -> 11;
 *   TPC 1 -> 01; PRI 5 -> 101; K1 6 -> 110; ports 2 -> 0010; SRS 0 -> 00; DMRS 1. */
static void test_worked_1_1(void)
{
  phy_dci_ue_cfg_t c = cfg_a();
  phy_dci_sizes_t css, uss;
  fallback(48, 106, &css, &uss);
  phy_dci_ue_sizes_t s;
  phy_dci_ue_sizes(&c, &css, &uss, &s);
  uint32_t riv;
  CHECK(phy_riv_encode(106, 10, 20, &riv) == 0 && riv == 2024, "RIV %u", riv);
  phy_dci_1_1_t d = {.fdra = riv,
                     .tdra = 2,
                     .mcs = {27},
                     .ndi = {1},
                     .rv = {2},
                     .harq_id = 13,
                     .dai = 3,
                     .tpc = 1,
                     .pri = 5,
                     .k1 = 6,
                     .ant_ports = 2,
                     .dmrs_id = 1};
  uint8_t b[PHY_DCI_MAX_BITS];
  char str[PHY_DCI_MAX_BITS + 1];
  CHECK(phy_dci_1_1_pack(&s, &d, b) == 47);
  bits_to_str(b, 47, str);
  CHECK(strcmp(str, "1"
                    "0011111101000"
                    "0010"
                    "11011"
                    "1"
                    "10"
                    "1101"
                    "11"
                    "01"
                    "101"
                    "110"
                    "0010"
                    "00"
                    "1") == 0,
        "1_1 bits %s", str);
  phy_dci_1_1_t u;
  CHECK(phy_dci_1_1_unpack(&s, b, 47, &u) == 0 && memcmp(&u, &d, sizeof d) == 0, "unpack");
  d.k1 = 8; /* 3 bits */
  CHECK(phy_dci_1_1_pack(&s, &d, b) == OLIVE_EINVAL, "K1 8 does not fit 3 bits");
}

static void test_cfg_errors(void)
{
  phy_dci_sizes_t css, uss;
  fallback(48, 106, &css, &uss);
  phy_dci_ue_sizes_t s;
  phy_dci_ue_cfg_t c = cfg_a();
  c.sul = true;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_ENOTSUP, "SUL");
  c = cfg_a();
  c.dl_max_cbg = 4;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_ENOTSUP, "CBG");
  c = cfg_a();
  c.nof_srs_ports = 2;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_ENOTSUP, "UL precoding 2 ports");
  c = cfg_a();
  c.ul_max_rank = 2;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_ENOTSUP, "rank 2");
  c = cfg_a();
  c.harq_bits = 5;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_ENOTSUP, "5-bit HARQ");
  c = cfg_a();
  c.transform_precoding = true;
  c.ul_dmrs_type = 2;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_EINVAL, "TP with DMRS type 2");
  c = cfg_a();
  c.nof_srs_resources = 3;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_EINVAL, "codebook with 3 SRS resources");
  c = cfg_a();
  c.nof_dl_data_to_ul_ack = 0;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_EINVAL, "no K1 set");
  c = cfg_a();
  c.dl_bwp_start = 200;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_EINVAL, "BWP beyond 275 RB");
  c = cfg_a();
  c.dl_ra_type = PHY_DCI_RA_TYPE0;
  CHECK(phy_dci_ue_sizes(&c, &css, NULL, &s) == OLIVE_EINVAL, "type 0 without rbg-Size");
  CHECK(phy_dci_ue_sizes(NULL, &css, NULL, &s) == OLIVE_EINVAL);
}

static uint32_t rnd_bits(olive_test_rng_t *r, uint32_t n)
{
  return n == 0 ? 0 : (uint32_t)(olive_test_u64(r) >> (64 - n));
}

static phy_dci_ue_cfg_t rnd_cfg(olive_test_rng_t *r)
{
  phy_dci_ue_cfg_t c = {0};
  c.n_rb_dl = 1 + olive_test_below(r, 275);
  c.dl_bwp_start = olive_test_below(r, 276 - c.n_rb_dl);
  c.n_rb_ul = 1 + olive_test_below(r, 275);
  c.ul_bwp_start = olive_test_below(r, 276 - c.n_rb_ul);
  c.nof_dl_bwp = olive_test_below(r, 5);
  c.nof_ul_bwp = olive_test_below(r, 5);
  c.carrier_indicator = olive_test_below(r, 2);
  c.dl_ra_type = (phy_dci_ra_type_t)olive_test_below(r, 3);
  c.ul_ra_type = (phy_dci_ra_type_t)olive_test_below(r, 3);
  c.dl_rbg_config = 1 + olive_test_below(r, 2);
  c.ul_rbg_config = 1 + olive_test_below(r, 2);
  c.nof_dl_tdra = olive_test_below(r, 17);
  c.nof_ul_tdra = olive_test_below(r, 17);
  c.dl_vrb_interleaved = olive_test_below(r, 2);
  c.dynamic_prb_bundling = olive_test_below(r, 2);
  c.nof_rate_match_groups = olive_test_below(r, 3);
  c.nof_zp_csi_rs_sets = olive_test_below(r, 4);
  c.two_codewords = olive_test_below(r, 2);
  c.dl_dmrs_type = 1 + olive_test_below(r, 2);
  c.dl_dmrs_max_len = 1 + olive_test_below(r, 2);
  c.tci_present = olive_test_below(r, 2);
  c.nof_dl_data_to_ul_ack = 1 + olive_test_below(r, 8);
  c.dynamic_harq_codebook = olive_test_below(r, 2);
  c.multi_cell_dl = olive_test_below(r, 2);
  c.ul_freq_hopping = olive_test_below(r, 2);
  c.transform_precoding = olive_test_below(r, 2);
  c.ul_dmrs_type = c.transform_precoding ? 1 : 1 + olive_test_below(r, 2);
  c.ul_dmrs_max_len = 1 + olive_test_below(r, 2);
  c.tx_config = (phy_dci_tx_config_t)olive_test_below(r, 3);
  c.nof_srs_resources = olive_test_below(r, c.tx_config == PHY_DCI_TX_CODEBOOK ? 3 : 5);
  c.csi_report_trigger_size = olive_test_below(r, 7);
  c.dynamic_beta_offsets = olive_test_below(r, 2);
  return c;
}

static void rnd_1_1(olive_test_rng_t *r, const phy_dci_1_1_sizes_t *w, phy_dci_1_1_t *d)
{
  *d = (phy_dci_1_1_t){.carrier = rnd_bits(r, w->carrier),
                       .bwp = rnd_bits(r, w->bwp),
                       .fdra = rnd_bits(r, w->fdra),
                       .tdra = rnd_bits(r, w->tdra),
                       .vrb_to_prb = rnd_bits(r, w->vrb_to_prb),
                       .prb_bundling = rnd_bits(r, w->prb_bundling),
                       .rate_match = rnd_bits(r, w->rate_match),
                       .zp_csi_rs = rnd_bits(r, w->zp_csi_rs),
                       .harq_id = rnd_bits(r, 4),
                       .dai = rnd_bits(r, w->dai),
                       .tpc = rnd_bits(r, 2),
                       .pri = rnd_bits(r, 3),
                       .k1 = rnd_bits(r, w->k1),
                       .ant_ports = rnd_bits(r, w->ant_ports),
                       .tci = rnd_bits(r, w->tci),
                       .srs_req = rnd_bits(r, 2),
                       .dmrs_id = rnd_bits(r, 1)};
  for (uint32_t tb = 0; tb < w->nof_tb; tb++) {
    d->mcs[tb] = rnd_bits(r, 5);
    d->ndi[tb] = rnd_bits(r, 1);
    d->rv[tb] = rnd_bits(r, 2);
  }
}

static void rnd_0_1(olive_test_rng_t *r, const phy_dci_0_1_sizes_t *w, phy_dci_0_1_t *d)
{
  *d = (phy_dci_0_1_t){.carrier = rnd_bits(r, w->carrier),
                       .bwp = rnd_bits(r, w->bwp),
                       .fdra = rnd_bits(r, w->fdra),
                       .tdra = rnd_bits(r, w->tdra),
                       .hopping = rnd_bits(r, w->hopping),
                       .mcs = rnd_bits(r, 5),
                       .ndi = rnd_bits(r, 1),
                       .rv = rnd_bits(r, 2),
                       .harq_id = rnd_bits(r, 4),
                       .dai1 = rnd_bits(r, w->dai1),
                       .dai2 = rnd_bits(r, w->dai2),
                       .tpc = rnd_bits(r, 2),
                       .sri = rnd_bits(r, w->sri),
                       .precoding = rnd_bits(r, w->precoding),
                       .ant_ports = rnd_bits(r, w->ant_ports),
                       .srs_req = rnd_bits(r, 2),
                       .csi_req = rnd_bits(r, w->csi_req),
                       .beta_offset = rnd_bits(r, w->beta_offset),
                       .dmrs_id = rnd_bits(r, w->dmrs_id),
                       .ulsch = rnd_bits(r, 1)};
}

/* Unpack must refuse: one bit short, one bit long, a byte other than 0/1, and the other
 * direction's identifier. */
static void check_rejects_1_1(const phy_dci_ue_sizes_t *s, uint8_t *b)
{
  phy_dci_1_1_t u;
  uint32_t n = s->f1_1.size;
  CHECK(phy_dci_1_1_unpack(s, b, n - 1, &u) == OLIVE_EPROTO, "1_1 truncated");
  CHECK(phy_dci_1_1_unpack(s, b, n + 1, &u) == OLIVE_EPROTO, "1_1 long");
  b[n / 2] ^= 2;
  CHECK(phy_dci_1_1_unpack(s, b, n, &u) == OLIVE_EPROTO, "1_1 non-binary");
  b[n / 2] ^= 2;
  b[0] = 0;
  CHECK(phy_dci_1_1_unpack(s, b, n, &u) == OLIVE_EPROTO, "1_1 with UL identifier");
}

static void check_rejects_0_1(const phy_dci_ue_sizes_t *s, uint8_t *b)
{
  phy_dci_0_1_t u;
  uint32_t n = s->f0_1.size;
  CHECK(phy_dci_0_1_unpack(s, b, n - 1, &u) == OLIVE_EPROTO, "0_1 truncated");
  CHECK(phy_dci_0_1_unpack(s, b, 0, &u) == OLIVE_EPROTO, "0_1 empty");
  b[0] = 1;
  CHECK(phy_dci_0_1_unpack(s, b, n, &u) == OLIVE_EPROTO, "0_1 with DL identifier");
}

static void test_round_trip(void)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(0xdc1);
  int bad = 0, cfgs = 0;
  for (int it = 0; it < 2000; it++) {
    phy_dci_ue_cfg_t c = rnd_cfg(&r);
    phy_dci_sizes_t css, uss;
    fallback(1 + olive_test_below(&r, 96), c.n_rb_dl, &css, &uss);
    phy_dci_ue_sizes_t s;
    if (phy_dci_ue_sizes(&c, &css, olive_test_below(&r, 2) ? &uss : NULL, &s) != 0) {
      bad++;
      continue;
    }
    cfgs++;
    uint8_t b[PHY_DCI_MAX_BITS + 8];
    phy_dci_1_1_t d, u;
    rnd_1_1(&r, &s.f1_1, &d);
    int n = phy_dci_1_1_pack(&s, &d, b);
    CHECK(n == (int)s.f1_1.size && phy_dci_1_1_unpack(&s, b, (uint32_t)n, &u) == 0 &&
              memcmp(&u, &d, sizeof d) == 0,
          "1_1 round trip, iteration %d", it);
    check_rejects_1_1(&s, b);
    phy_dci_0_1_t e, v;
    rnd_0_1(&r, &s.f0_1, &e);
    n = phy_dci_0_1_pack(&s, &e, b);
    CHECK(n == (int)s.f0_1.size && phy_dci_0_1_unpack(&s, b, (uint32_t)n, &v) == 0 &&
              memcmp(&v, &e, sizeof e) == 0,
          "0_1 round trip, iteration %d", it);
    check_rejects_0_1(&s, b);
    CHECK(s.nof_sizes <= 3, "step 3 budget");
  }
  CHECK(bad == 0 && cfgs == 2000, "%d random configurations rejected", bad);
}

int main(void)
{
  test_config_a();
  test_config_b();
  test_config_c();
  test_rbg();
  test_worked_1_1();
  test_cfg_errors();
  test_round_trip();
  return olive_test_done();
}
