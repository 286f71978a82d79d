/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH allocation and resource mapping (TS 38.214 5.1.2, 5.1.4; TS 38.211 7.3.1):
 *  - default table A rows (Table 5.1.2.1.1-2) read off the table, every row valid by
 *    Table 5.1.2.1-1, and the pos3 column against the pos2 column by the rule of a second
 *    source (srsRAN Project); FDRA type 1 from hand-computed RIVs;
 *  - G and TBS worked by hand for an allocation overlapping the SSB (case 1) and a
 *    CORESET (case 2);
 *  - the RE map RE by RE against rules written here from the spec text, plus hand-read
 *    spot checks;
 *  - the transmitter against an independent chain: phy_sch_encode bits, scrambled with
 *    c(n) of c_init = n_RNTI 2^15 + n_ID (hand value), mapped with phy_mod_point (the
 *    38.211 formula, not the mapper tables), laid out frequency first over the map's data
 *    REs; DM-RS REs at beta_DMRS (38.214 Table 4.1-1), nothing else written. Two layers:
 *    port v carries d(2i + v). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/pdsch.h"
#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "olive_test.h"

#define GRID_PRB 24u
#define W        (GRID_PRB * 12u)

static void test_tda(void)
{
  phy_pdsch_tda_t t;
  CHECK(phy_pdsch_tda_default_a(1, 2, &t) == 0 && t.mapping == PHY_PDSCH_MAPPING_A && t.s == 2 &&
            t.l == 12,
        "row 1 pos2");
  CHECK(phy_pdsch_tda_default_a(1, 3, &t) == 0 && t.s == 3 && t.l == 11, "row 1 pos3");
  CHECK(phy_pdsch_tda_default_a(6, 3, &t) == 0 && t.mapping == PHY_PDSCH_MAPPING_B && t.s == 10 &&
            t.l == 4,
        "row 6 pos3");
  CHECK(phy_pdsch_tda_default_a(7, 2, &t) == 0 && t.s == 4 && t.l == 4, "row 7 pos2");
  CHECK(phy_pdsch_tda_default_a(12, 3, &t) == 0 && t.mapping == PHY_PDSCH_MAPPING_A && t.s == 1 &&
            t.l == 13,
        "row 12");
  CHECK(phy_pdsch_tda_default_a(16, 2, &t) == 0 && t.mapping == PHY_PDSCH_MAPPING_B && t.s == 8 &&
            t.l == 4,
        "row 16");
  CHECK(phy_pdsch_tda_default_a(0, 2, &t) == OLIVE_EINVAL, "row 0");
  CHECK(phy_pdsch_tda_default_a(17, 2, &t) == OLIVE_EINVAL, "row 17");
  CHECK(phy_pdsch_tda_default_a(1, 4, &t) == OLIVE_EINVAL, "pos4");
  /* Every default row is a valid Table 5.1.2.1-1 entry; type A rows start at or before
   * the DM-RS symbol l0 and K0 = 0. */
  for (uint32_t pos = 2; pos <= 3; pos++) {
    for (uint32_t row = 1; row <= 16; row++) {
      CHECK(phy_pdsch_tda_default_a(row, pos, &t) == 0, "row %u", row);
      CHECK(phy_pdsch_tda_check(&t, pos) == 0, "row %u pos%u not valid", row, pos);
      CHECK(t.k0 == 0 && (t.mapping == PHY_PDSCH_MAPPING_B || t.s <= pos), "row %u", row);
    }
  }
  /* Second source: srsRAN Project (lib/scheduler/support/pdsch/
   * pdsch_default_time_allocation.cpp, read for the facts) derives the pos3 column from
   * the pos2 column: rows 1..5 start one symbol later and are one shorter, row 6 starts
   * one later, row 7 two later, the rest are equal. */
  for (uint32_t row = 1; row <= 16; row++) {
    phy_pdsch_tda_t t2, t3;
    phy_pdsch_tda_default_a(row, 2, &t2);
    phy_pdsch_tda_default_a(row, 3, &t3);
    uint32_t ds = row <= 6 ? 1 : row == 7 ? 2 : 0, dl = row <= 5 ? 1 : 0;
    CHECK(t3.mapping == t2.mapping && t3.s == t2.s + ds && t3.l + dl == t2.l, "row %u pos3", row);
  }
  phy_pdsch_tda_t bad = {PHY_PDSCH_MAPPING_A, 0, 3, 10};
  CHECK(phy_pdsch_tda_check(&bad, 2) == OLIVE_EINVAL, "A S=3 with pos2");
  bad = (phy_pdsch_tda_t){PHY_PDSCH_MAPPING_B, 0, 12, 3};
  CHECK(phy_pdsch_tda_check(&bad, 2) == OLIVE_EINVAL, "B S+L 15");
  bad = (phy_pdsch_tda_t){PHY_PDSCH_MAPPING_B, 0, 0, 14};
  CHECK(phy_pdsch_tda_check(&bad, 2) == OLIVE_EINVAL, "B L 14");
  /* RIV (38.214 5.1.2.2.2) for N = 24, start 3, L 5: 24 * 4 + 3 = 99. */
  uint32_t s, n;
  CHECK(phy_pdsch_fdra_type1(24, 2, 99, &s, &n) == 0 && s == 5 && n == 5, "RIV 99");
  /* L - 1 = 20 > 12: RIV = 24 (24 - 21 + 1) + (24 - 1 - 1) = 118, start 1, L 21. */
  CHECK(phy_pdsch_fdra_type1(24, 0, 118, &s, &n) == 0 && s == 1 && n == 21, "RIV 118");
  phy_pdsch_reserved_t r;
  CHECK(phy_pdsch_reserved_ssb(30, 4, &r) == 0 && r.first_prb == 2 && r.nof_prb == 21 &&
            r.first_symb == 4 && r.nof_symb == 4,
        "SSB k0 30");
  CHECK(phy_pdsch_reserved_ssb(24, 2, &r) == 0 && r.first_prb == 2 && r.nof_prb == 20, "SSB k0 24");
  phy_coreset_t c = {.start_rb = 0, .groups = {0, 1, 1, 0, 1}, .nof_symb = 2, .first_symb = 1};
  phy_pdsch_reserved_t rc[4];
  CHECK(phy_pdsch_reserved_coreset(&c, rc, 4) == 2, "CORESET runs");
  CHECK(rc[0].first_prb == 6 && rc[0].nof_prb == 12 && rc[1].first_prb == 24 &&
            rc[1].nof_prb == 6 && rc[0].first_symb == 1 && rc[0].nof_symb == 2,
        "CORESET rectangles");
  CHECK(phy_pdsch_reserved_coreset(&c, rc, 1) == OLIVE_ERANGE, "too many runs");
}

/* Case 1: DM-RS type 1, 2 CDM groups without data, type A S=2 L=12, pos1 (DM-RS 2, 11),
 * all 24 PRBs, SSB at k0 = 30 in symbols 4..7 (PRBs 2..22), MCS 9 of the 64QAM table. */
static phy_pdsch_cfg_t case1(void)
{
  phy_pdsch_cfg_t c = {
      .slot = 3,
      .crb0 = 5,
      .tda = {PHY_PDSCH_MAPPING_A, 0, 2, 12},
      .prb_start = 0,
      .nof_prb = 24,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 321,
      .cdm_groups_no_data = 2,
      .n_layers = 1,
      .rnti = 0x4601,
      .n_id = 500,
      .mcs_table = PHY_MCS_TABLE_QAM64,
      .mcs = 9,
  };
  c.nof_reserved = 1;
  phy_pdsch_reserved_ssb(30, 4, &c.reserved[0]);
  return c;
}

/* Case 2: DM-RS type 2, 1 CDM group without data, type B S=1 L=7, pos1 (DM-RS at slot
 * symbols 1, 5), PRBs 4..15, CORESET PRBs 6..11 in symbols 1..2, MCS 20 (64QAM). */
static phy_pdsch_cfg_t case2(void)
{
  phy_pdsch_cfg_t c = {
      .slot = 0,
      .crb0 = 0,
      .tda = {PHY_PDSCH_MAPPING_B, 0, 1, 7},
      .prb_start = 4,
      .nof_prb = 12,
      .dmrs_type = PHY_DMRS_TYPE2,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 7,
      .cdm_groups_no_data = 1,
      .n_layers = 1,
      .rnti = 17,
      .n_id = 1,
      .mcs_table = PHY_MCS_TABLE_QAM64,
      .mcs = 20,
  };
  phy_coreset_t cs = {.start_rb = 0, .groups = {0, 1}, .nof_symb = 2, .first_symb = 1};
  c.nof_reserved = (uint32_t)phy_pdsch_reserved_coreset(&cs, c.reserved, PHY_PDSCH_MAX_RESERVED);
  return c;
}

/* The expected use of RE (l, k) written from the rules of 38.211 7.3.1.5 / 7.4.1.1.2 and
 * 38.214 5.1.4 for the two cases. */
static int expect_re(int which, uint32_t l, uint32_t k)
{
  uint32_t prb = k / 12, sc = k % 12;
  if (which == 1) {
    if (l < 2 || l > 13) {
      return PHY_PDSCH_RE_NONE;
    }
    if (l == 2 || l == 11) { /* group 0 (port 1000) on even k; group 1 empty */
      return sc % 2 == 0 ? PHY_PDSCH_RE_DMRS : PHY_PDSCH_RE_NONE;
    }
    if (l >= 4 && l <= 7 && prb >= 2 && prb <= 22) {
      return PHY_PDSCH_RE_NONE; /* SSB PRBs */
    }
    return PHY_PDSCH_RE_DATA;
  }
  if (l < 1 || l > 7 || prb < 4 || prb > 15) {
    return PHY_PDSCH_RE_NONE;
  }
  if (l <= 2 && prb >= 6 && prb <= 11) {
    return PHY_PDSCH_RE_NONE; /* CORESET */
  }
  if (l == 1 || l == 5) { /* type 2 group 0: k mod 6 in {0, 1} */
    return sc % 6 < 2 ? PHY_PDSCH_RE_DMRS : PHY_PDSCH_RE_DATA;
  }
  return PHY_PDSCH_RE_DATA;
}

static uint8_t map[PHY_NSYMB_SLOT * W];

static void test_map(int which)
{
  phy_pdsch_cfg_t c = which == 1 ? case1() : case2();
  int n = phy_pdsch_re_map(&c, GRID_PRB, map);
  /* Hand count. Case 1: 10 data symbols x 24 PRB x 12 = 2880, minus the SSB's 4 symbols
   * x 21 PRB x 12 = 1008: 1872 REs, Q_m 2: G = 3744. TBS: N'_RE = 12 x 12 - 2 x 12 = 120,
   * N_RE = 2880, N_info = 2880 x 679/1024 x 2 = 3819.4, n = 5, N'_info = 3808 -> 3824
   * (Table 5.1.3.2-1). The SSB does not enter the TBS.
   * Case 2: symbol 1: 6 free PRBs x 8 = 48; symbol 2: 6 x 12 = 72; symbols 3, 4, 6, 7:
   * 4 x 12 x 12 = 576; symbol 5: 12 x 8 = 96; total 792, Q_m 6: G = 4752. */
  int want_re = which == 1 ? 1872 : 792, want_g = which == 1 ? 3744 : 4752;
  CHECK(n == want_re, "case %d: %d data REs, want %d", which, n, want_re);
  CHECK(phy_pdsch_g(&c) == want_g, "case %d: G %d, want %d", which, phy_pdsch_g(&c), want_g);
  if (which == 1) {
    CHECK(phy_pdsch_tbs(&c) == 3824, "case 1 TBS %d", phy_pdsch_tbs(&c));
  }
  int bad = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < W; k++) {
      int e = expect_re(which, l, k);
      if (map[l * W + k] != e && bad++ < 5) {
        CHECK(0, "case %d: RE (l %u, k %u) is %d, want %d", which, l, k, map[l * W + k], e);
      }
    }
  }
  CHECK(bad == 0, "case %d: %d REs differ", which, bad);
  /* Spot checks read off the configuration by hand. */
  if (which == 1) {
    CHECK(map[4 * W + 23] == PHY_PDSCH_RE_DATA && map[4 * W + 24] == PHY_PDSCH_RE_NONE &&
              map[4 * W + 275] == PHY_PDSCH_RE_NONE && map[4 * W + 276] == PHY_PDSCH_RE_DATA,
          "SSB edges at k 24 and 275");
  }
}

static void test_tx(int which, uint32_t n_layers)
{
  phy_pdsch_cfg_t c = which == 1 ? case1() : case2();
  c.n_layers = n_layers;
  c.ports[1] = 1;
  phy_pdsch_t q;
  phy_pdsch_args_t a = {.max_prb = GRID_PRB, .max_layers = 2, .max_qm = 8, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_pdsch_init(&q, &a) == 0, "init");
  phy_grid_t grid;
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = GRID_PRB};
  CHECK(phy_grid_init(&grid, &ga) == 0, "grid");
  int tbs = phy_pdsch_tbs(&c);
  static uint8_t tb[20000], bits[100000], cseq[100000];
  olive_test_rng_t rng = OLIVE_TEST_RNG(which * 10 + n_layers);
  for (int i = 0; i < tbs / 8; i++) {
    tb[i] = (uint8_t)olive_test_below(&rng, 256);
  }
  int g = phy_pdsch_encode(&q, &c, tb, &grid);
  int nre = phy_pdsch_re_map(&c, GRID_PRB, map);
  CHECK(g == nre * (which == 1 ? 2 : 6) * (int)n_layers, "G %d", g);
  /* Independent chain for the data symbols. */
  phy_mcs_t mcs;
  phy_tbs_mcs_get(c.mcs_table, c.mcs, false, &mcs);
  phy_sch_t sch;
  phy_sch_args_t sa = {.max_prb = GRID_PRB, .max_layers = 2, .max_qm = 8, .isa = OLIVE_ISA_AUTO};
  phy_sch_init(&sch, &sa);
  phy_sch_cfg_t sc = {.tbs = (unsigned)tbs,
                      .r_x2048 = mcs.r_x2048,
                      .qm = mcs.qm,
                      .n_layers = n_layers,
                      .g = (unsigned)g};
  CHECK(phy_sch_encode(&sch, &sc, tb, bits) == g, "sch");
  uint32_t cinit = which == 1 ? 0x4601u * 32768u + 500u : 17u * 32768u + 1u;
  phy_seq_gold_bits(cseq, cinit, 0, (size_t)g);
  phy_mod_t mod = mcs.qm == 2 ? PHY_MOD_QPSK : PHY_MOD_QAM64;
  float beta = which == 1 ? sqrtf(2.0f) : 1.0f;
  uint32_t i = 0, bad = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < W; k++) {
      uint8_t m = map[l * W + k];
      for (uint32_t v = 0; v < n_layers; v++) {
        cf_t x = *phy_grid_re(&grid, v, l, k);
        if (m == PHY_PDSCH_RE_DATA) {
          uint32_t sym = i * n_layers + v, grp = 0;
          for (uint32_t b = 0; b < mcs.qm; b++) {
            grp = grp << 1 | ((bits[sym * mcs.qm + b] ^ cseq[sym * mcs.qm + b]) & 1);
          }
          cf_t want = phy_mod_point(mod, grp, sym);
          bad += cabsf(x - want) > 1e-5f;
        } else if (m == PHY_PDSCH_RE_DMRS) {
          bad += fabsf(cabsf(x) - beta) > 1e-5f;
        } else {
          bad += x != 0.0f;
        }
      }
      i += m == PHY_PDSCH_RE_DATA;
    }
  }
  CHECK(bad == 0, "case %d, %u layers: %u REs differ from the independent chain", which, n_layers,
        bad);
  phy_sch_free(&sch);
  phy_grid_free(&grid);
  phy_pdsch_free(&q);
  phy_pdsch_free(&q);
}

static void test_reject(void)
{
  phy_pdsch_cfg_t c = case1();
  c.cdm_groups_no_data = 3;
  CHECK(phy_pdsch_g(&c) == OLIVE_EINVAL, "3 CDM groups with type 1");
  c = case1();
  c.ports[0] = 2; /* CDM group 1 */
  c.cdm_groups_no_data = 1;
  CHECK(phy_pdsch_g(&c) == OLIVE_EINVAL, "port in a group that carries data");
  c = case1();
  c.prb_start = 1;
  CHECK(phy_pdsch_re_map(&c, GRID_PRB, map) == OLIVE_EINVAL, "allocation beyond the grid");
  c = case1();
  c.mcs = 29;
  CHECK(phy_pdsch_tbs(&c) == OLIVE_EINVAL, "reserved MCS without TBS");
  c.tbs = 3824;
  CHECK(phy_pdsch_tbs(&c) == 3824, "reserved MCS with TBS");
  c = case1();
  c.tda.s = 3; /* type A must contain l0 = 2 (and S = 3 needs pos3) */
  CHECK(phy_pdsch_g(&c) == OLIVE_EINVAL, "S after l0");
  phy_pdsch_t q;
  phy_pdsch_args_t a = {.max_prb = 0, .max_layers = 1, .max_qm = 8};
  CHECK(phy_pdsch_init(&q, &a) == OLIVE_EINVAL, "max_prb 0");
  phy_pdsch_free(&q);
  phy_pdsch_free(NULL);
}

int main(void)
{
  test_tda();
  test_map(1);
  test_map(2);
  test_tx(1, 1);
  test_tx(2, 1);
  test_tx(1, 2);
  test_reject();
  return olive_test_done();
}
