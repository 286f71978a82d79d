/* SPDX-License-Identifier: Apache-2.0 */
/* End to end through our transmit chain (cs_cell.h: RRC MIB/SIB1 encoders, MAC broadcast
 * scheduler, phy_dl at 23.04 Msps, the srsRAN tutorial cell with the SSB at ARFCN 368410):
 * 3 frames from SFN 510 behind a random lead, a CFO, a fractional delay and AWGN at an
 * SNR per RE (cs_testsig.h). Per trial:
 *  - phy_cellsearch_run finds the PCI and decodes the MIB; the MIB bytes decoded by the
 *    RRC's own UPER decoder (rrc_mib_unpack, independent of phy_cellsearch_mib_parse)
 *    give the transmitted fields, and both readings agree;
 *  - the frame start is within 1 sample of the truth for the decoded SFN (510 or 512,
 *    the two 20 ms SSB bursts);
 *  - phy_cellsearch_sib1 returns the SIB1 bytes: equal to what the RRC packed, and
 *    rrc_sib1_unpack reads PLMN 001-01, TAC 7 and the cell identity back;
 *  - neither call allocates (a counting malloc/calloc/realloc/aligned_alloc; not under
 *    ASan, which owns malloc).
 * A third pass adds a static 3-tap channel (0, 0.23, 0.46 us at 0, -3, -6 dB) at +3 dB;
 * there the frame start may lie anywhere from the first tap - 4 to the last tap + 3.
 * Pass: every trial at 0 dB (issue 5: the MIB decodes at 0 dB; the SIB1 PDSCH is QPSK at
 * a low code rate). Usage: test_cellsearch_sib1 [trials] [snr_db]. */
#include <stdio.h>

#include "cs_cell.h"
#include "cs_testsig.h"
#include "olive/phy/cellsearch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#include "olive_test_alloc.h"

#define FRAMES 3u
#define SFN0   510u
#define LEAD   7777u
#define LEN    (LEAD + FRAMES * 10u * CC_SLOT)

static void check_mib(const cs_cell_t *c, const phy_cellsearch_res_t *res)
{
  rrc_mib_t m;
  phy_cellsearch_mib_t p;
  CHECK(rrc_mib_unpack(res->mib, sizeof(res->mib), &m) == 0);
  CHECK(phy_cellsearch_mib_parse(res->bch, &p) == 0);
  CHECK(m.control_resource_set_zero == c->cfg.coreset0 && m.search_space_zero == c->cfg.ss0 &&
        m.ssb_subcarrier_offset == (c->cell.k_ssb & 15u) && m.cell_barred == RRC_CELL_NOT_BARRED);
  CHECK(p.coreset0 == m.control_resource_set_zero && p.ss0 == m.search_space_zero &&
            p.k_ssb_lsb == m.ssb_subcarrier_offset && p.sfn_msb == m.system_frame_number &&
            p.typea_pos == 2u + m.dmrs_type_a_position && p.barred == (m.cell_barred == 0) &&
            p.scs_common == m.sub_carrier_spacing_common,
        "MIB field positions");
  CHECK(m.system_frame_number == rrc_mib_sfn_msbs(res->sfn));
  CHECK(res->k_ssb == c->cell.k_ssb, "k_SSB %u", res->k_ssb);
}

static void check_sib1(const cs_cell_t *c, const uint8_t *b, int n)
{
  CHECK(n >= (int)c->sib1_len && memcmp(b, c->sib1_bytes, c->sib1_len) == 0, "SIB1 bytes (%d)", n);
  rrc_sib1_t s;
  CHECK(n > 0 && rrc_sib1_unpack(b, (size_t)n, &s) == 0);
  const rrc_cell_access_related_info_t *a = &s.cell_access_related_info;
  CHECK(a->nof_plmn == 1 && a->plmn[0].mcc[2] == 1 && a->plmn[0].mnc[1] == 1 &&
        a->tracking_area_code == 7 &&
        a->cell_identity == c->sib1.cell_access_related_info.cell_identity);
}

static void trial(phy_cellsearch_t *q, olive_test_rng_t *r, const cs_cell_t *c, const cf_t *clean,
                  cf_t *rx, double snr, double rx_center_hz, bool mp, uint32_t *ok)
{
  ts_channel_t ch = {.nof_taps = 1, .snr_db = snr};
  ch.cfo_hz = (ts_urand(r) * 2 - 1) * 5000;
  ch.delay[0] = ts_urand(r);
  if (mp) { /* 0, 0.23, 0.46 us at 0, -3, -6 dB */
    ch.nof_taps = 3;
    ch.delay[1] = ch.delay[0] + 5.3;
    ch.delay[2] = ch.delay[0] + 10.6;
    ch.power_db[1] = -3;
    ch.power_db[2] = -6;
  }
  ts_apply(r, &ch, CC_SRATE, clean, rx, LEN);
  phy_cellsearch_cfg_t cfg = {.ssb_offset_hz = c->ssb_offset_hz, .rx_center_hz = rx_center_hz};
  phy_cellsearch_res_t res;
#if OLIVE_TEST_COUNT_ALLOCS
  unsigned long allocs = olive_test_nof_allocs;
#endif
  int ret = phy_cellsearch_run(q, &cfg, rx, LEN, &res);
  CHECK(ret == 0 && res.pci == c->pci, "ret %d PCI %u", ret, res.pci);
  if (ret < 0) {
    return;
  }
  check_mib(c, &res);
  double truth = LEAD + ((double)res.sfn - SFN0) * 10 * CC_SLOT + TS_FIR_HALF + ch.delay[0];
  /* multipath: taps closer than the PSS resolution (N/127 = 12 samples) add with random
   * phases and their strongest coherent sum may lie a few samples outside them; 4
   * samples is 1/27 of the 108-sample CP */
  double tol_lo = mp ? 4.0 : 1.0, tol_hi = mp ? ch.delay[2] - ch.delay[0] + 3.0 : 1.0;
  CHECK((res.sfn == SFN0 || res.sfn == SFN0 + 2) && res.frame_pos > truth - tol_lo &&
            res.frame_pos < truth + tol_hi,
        "SFN %u frame at %.2f, truth %.2f", res.sfn, res.frame_pos, truth);
  CHECK(fabs(res.cfo_hz - ch.cfo_hz) < 500, "CFO %.1f, truth %.1f", res.cfo_hz, ch.cfo_hz);
  static uint8_t sib1[PHY_CELLSEARCH_MAX_TB_BYTES];
  phy_cellsearch_sib1_res_t sr;
  int n = phy_cellsearch_sib1(q, &cfg, &res, c->cfg.min_bw_mhz, rx, LEN, sib1, sizeof(sib1), &sr);
#if OLIVE_TEST_COUNT_ALLOCS
  CHECK(olive_test_nof_allocs == allocs, "%lu allocations in run + sib1",
        olive_test_nof_allocs - allocs);
#endif
  CHECK(n > 0, "SIB1: %d after %u slots", n, sr.nof_tries);
  if (n > 0) {
    check_sib1(c, sib1, n);
    /* TS 38.213 13: SSB 0's occasion is slot O 2^mu of even frames (O < 10 here); the
     * SSB (index 0, slot 0) is rate-matched around when SIB1 shares its slot */
    phy_ss0_t ss0;
    phy_ss0_get(c->cfg.ss0, &ss0);
    uint32_t slot = (uint32_t)ss0.o << (c->cfg.scs_khz == 30);
    CHECK(sr.sfn % 2 == 0 && sr.slot == slot && sr.nof_ssb_reserved == (slot == 0),
          "SIB1 at %u.%u, %u SSB", sr.sfn, sr.slot, sr.nof_ssb_reserved);
    *ok += 1;
  }
}

/* The n78 TDD cell at 30 kHz (case C, L_max 8, CORESET#0 48 RB from Table 13-4), with
 * the 5.4 term, flat channel: the mu = 1 path (symbol lengths, slot numbering, tables). */
static void run_n78(uint32_t trials, double snr, cf_t *clean, cf_t *rx)
{
  static cs_cell_t c;
  cc_cfg_t cc = cc_cfg_n78();
  CHECK(cc_setup_cell(&c, 1, &cc) == 0);
  CHECK(cc_stream(&c, SFN0, FRAMES, LEAD, true, clean) == 0);
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = {.srate_hz = CC_SRATE,
                             .mu = 1,
                             .ssb_case = PHY_SSB_CASE_C,
                             .l_max = 8,
                             .max_cfo_hz = 5000,
                             .plan = PHY_OFDM_PLAN_ESTIMATE,
                             .isa = OLIVE_ISA_AUTO};
  CHECK(phy_cellsearch_init(&q, &a) == 0);
  olive_test_rng_t r = OLIVE_TEST_RNG(0x78u);
  uint32_t ok = 0;
  for (uint32_t t = 0; t < trials; t++) {
    trial(&q, &r, &c, clean, rx, snr, (double)c.cell.dl_hz, false, &ok);
  }
  printf("cellsearch_sib1 band=n78 scs=30 snr=%.1f dB phase_comp=1 trials=%u sib1=%u "
         "ssb_arfcn=%u k_ssb=%u\n",
         snr, trials, ok, c.cell.ssb_arfcn, c.cell.k_ssb);
  phy_cellsearch_free(&q);
}

/* Other CORESET#0 / searchSpace#0 / TDRA / DM-RS combinations of the band 3 cell at 10 dB:
 * 2- and 3-symbol CORESETs of 24, 48 and 96 RB (Table 13-1 rows 2, 10, 13), occasions
 * in slots 5 and 2 (Table 13-11 rows 4, 2) and from symbol 1 (row 12; not in slot 0, where
 * a CORESET on symbols 1-2 would collide with the SSB's PSS), mapping type B rows of
 * default table A (rows 8: S 5 L 7 with one additional DM-RS; 6: S 9 L 4), and
 * dmrs-TypeA-Position 3 (row 2: S 2 L 10), and the SSB reaching past a 24-RB CORESET#0
 * (row 2, offset 4: the SSB's PRBs 4..24, rate-matched around inside RBs 0..23). */
static void run_matrix(phy_cellsearch_t *q, cf_t *clean, cf_t *rx)
{
  static const uint32_t m[][4] = {/* coreset0, ss0, tdra row, typea_pos */
                                  {13, 4, 1, 2}, {2, 12, 8, 2}, {10, 2, 6, 2},
                                  {12, 0, 2, 3}, {6, 2, 4, 3},  {2, 0, 1, 2}};
  static cs_cell_t c;
  olive_test_rng_t r = OLIVE_TEST_RNG(0x3A7u);
  for (uint32_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
    cc_cfg_t cc = cc_cfg_band3();
    cc.coreset0 = m[i][0];
    cc.ss0 = m[i][1];
    cc.tdra_row = m[i][2];
    cc.typea_pos = m[i][3];
    CHECK(cc_setup_cell(&c, 11 + i, &cc) == 0);
    CHECK(cc_stream(&c, SFN0, FRAMES, LEAD, true, clean) == 0, "row %u: gNB stream", i);
    uint32_t ok = 0;
    trial(q, &r, &c, clean, rx, 10.0, (double)c.cell.dl_hz, false, &ok);
    printf("cellsearch_sib1 coreset0=%u ss0=%u tdra_row=%u typea_pos=%u sib1=%u\n", m[i][0],
           m[i][1], m[i][2], m[i][3], ok);
  }
}

int main(int argc, char **argv)
{
  uint32_t trials = argc > 1 ? (uint32_t)atoi(argv[1]) : 4;
  double snr = argc > 2 ? atof(argv[2]) : 0.0;
  static cs_cell_t c;
  CHECK(cc_setup(&c, 1) == 0);
  CHECK(c.cell.ssb_arfcn == 368410, "SSB ARFCN %u", c.cell.ssb_arfcn);
  cf_t *clean = olive_mem_calloc(LEN, sizeof(cf_t)), *rx = olive_mem_calloc(LEN, sizeof(cf_t));
  phy_cellsearch_t q;
  phy_cellsearch_args_t a = {.srate_hz = CC_SRATE,
                             .ssb_case = PHY_SSB_CASE_A,
                             .l_max = 4,
                             .max_cfo_hz = 5000,
                             .plan = PHY_OFDM_PLAN_ESTIMATE,
                             .isa = OLIVE_ISA_AUTO};
  CHECK(phy_cellsearch_init(&q, &a) == 0);
#if OLIVE_TEST_COUNT_ALLOCS
  CHECK(olive_test_nof_allocs > 0, "the counting allocator sees init's allocations");
#endif
  olive_test_rng_t r = OLIVE_TEST_RNG(0x5B1u);
  for (int pass = 0; pass < 3; pass++) {
    /* pass 1, 2: the gNB applies the 5.4 term for f0 = the carrier centre and the UE,
     * tuned there, undoes it (cfg.rx_center_hz); pass 2 adds three static taps and 3 dB */
    bool phase = pass > 0, mp = pass == 2;
    CHECK(cc_stream(&c, SFN0, FRAMES, LEAD, phase, clean) == 0);
    uint32_t ok = 0;
    for (uint32_t t = 0; t < trials; t++) {
      trial(&q, &r, &c, clean, rx, mp ? snr + 3 : snr, phase ? (double)c.cell.dl_hz : 0.0, mp, &ok);
    }
    printf("cellsearch_sib1 snr=%.1f dB phase_comp=%d multipath=%d trials=%u sib1=%u\n",
           mp ? snr + 3 : snr, phase, mp, trials, ok);
  }
  run_matrix(&q, clean, rx);
  phy_cellsearch_free(&q);
  run_n78(trials, snr, clean, rx);
  olive_mem_free(clean);
  olive_mem_free(rx);
  return olive_test_done();
}
