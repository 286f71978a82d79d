/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH formats 3 and 4.
 *  - DM-RS symbols (TS 38.211 Table 6.4.1.3.3.2-1) against a second transcription
 *    (srsRAN_4G lib/src/phy/ch_estimation/dmrs_pucch.c, dmrs_pucch_format_3_4_get_symbol_idx)
 *    for every length, with and without additional DM-RS and hopping.
 *  - E_tot (TS 38.212 Table 6.3.1.4-1) worked by hand.
 *  - Generation pinned to 6.3.2.6 worked independently: block code, scrambling with a
 *    bit-serial c(n), the QPSK formula, a naive DFT with 1/sqrt(M) (6.3.2.6.4) and the DM-RS
 *    low-PAPR sequence with alpha and u from the bit-serial c(n); hopping PRBs.
 *  - Noiseless round trip (QPSK and pi/2-BPSK, RM and polar, 1 and 2 RX, hopping, additional
 *    DM-RS, 6 PRB with sequence hopping 'disable').
 *  - UCI BLER in AWGN (random phase per port), 2 RX, 1 PRB x 14 symbols with hopping, at our
 *    own operating points: A = 4 (RM) at -6 dB and A = 22 (polar) at -5 dB, about 1 dB above
 *    where the curves measured with --slow (4000 trials per point) cross 1% (-7.3 dB and
 *    -5.8 dB). SNR = Es/N0 per RE per RX port.
 *  - DTX: noise only gives a detection in < 1% of the trials (design target 1e-3).
 *  - Format 4: generation pinned to w_n of TS 38.211 Tables 6.3.2.6.3-1/-2 as listed by a
 *    second source (srsRAN_matlab srsPUCCH4InverseBlockwiseSpreading.m) and the DM-RS m0 of
 *    Table 6.4.1.3.3.1-1 (also in srsRAN_Project and OAI: {0, 6, 3, 9}); E worked by hand;
 *    round trips; two UEs on one PRB with different OCC indices both decoded (the OCC and the
 *    DM-RS cyclic shifts must make them orthogonal). */
#include <math.h>

#include "olive/phy/block.h"
#include "olive/phy/seq.h"
#include "olive/support/error.h"
#include "pucch_test_util.h"

#define NPRB 25
/* Format 4 (N_SF 2, 14 symbols, hopping, 2 RX) operating points, about 1 dB above where the
 * --slow curves cross 1% BLER (A = 4: -7.3 dB; A = 22: -5.6 dB). */
#define F4_SNR_A4  -6.0f
#define F4_SNR_A22 -4.5f

static phy_pucch_cfg_t base_cfg(uint32_t L, uint32_t nprb, bool hop)
{
  return (phy_pucch_cfg_t){.res = {.format = PHY_PUCCH_F3,
                                   .start_prb = 1,
                                   .intra_slot_hopping = hop,
                                   .second_hop_prb = 12,
                                   .nof_symbols = L,
                                   .start_symbol = 14 - L,
                                   .nof_prb = nprb},
                           .group_hopping = PHY_PUCCH_GH_ENABLE,
                           .n_id = 700,
                           .slot = 9,
                           .mu = 1,
                           .rnti = 0x1234,
                           .n_id_data = 700};
}

static void test_dmrs_table(void)
{
  /* srsRAN_4G transcription: {L, hop, add, count, idx...} */
  static const uint8_t rows[][8] = {
      {4, 1, 0, 2, 0, 2},   {4, 0, 0, 1, 1},
      {5, 0, 0, 2, 0, 3},   {6, 0, 0, 2, 1, 4},
      {7, 1, 1, 2, 1, 4},   {8, 0, 0, 2, 1, 5},
      {9, 0, 1, 2, 1, 6},   {10, 0, 1, 4, 1, 3, 6, 8},
      {10, 1, 0, 2, 2, 7},  {11, 0, 1, 4, 1, 3, 6, 9},
      {11, 0, 0, 2, 2, 7},  {12, 0, 1, 4, 1, 4, 7, 10},
      {12, 0, 0, 2, 2, 8},  {13, 0, 1, 4, 1, 4, 7, 11},
      {13, 0, 0, 2, 2, 9},  {14, 0, 1, 4, 1, 5, 8, 12},
      {14, 1, 0, 2, 3, 10},
  };
  for (unsigned r = 0; r < OLIVE_ARRAY_SIZE(rows); r++) {
    phy_pucch_resource_t res = {.format = PHY_PUCCH_F3,
                                .nof_symbols = rows[r][0],
                                .intra_slot_hopping = rows[r][1],
                                .additional_dmrs = rows[r][2],
                                .nof_prb = 1};
    uint32_t idx[4];
    int n = phy_pucch_f3_dmrs_symbols(&res, idx);
    CHECK(n == rows[r][3], "L %u count %d", rows[r][0], n);
    for (int i = 0; i < n && i < 4; i++) {
      CHECK(idx[i] == rows[r][4 + i], "L %u idx %d", rows[r][0], i);
    }
  }
  phy_pucch_resource_t res = {.format = PHY_PUCCH_F3, .nof_symbols = 14, .nof_prb = 1};
  CHECK(phy_pucch_f3_e(&res) == 288, "E = 24 * 1 * 12");
  res = (phy_pucch_resource_t){.format = PHY_PUCCH_F3,
                               .nof_symbols = 4,
                               .nof_prb = 2,
                               .intra_slot_hopping = true,
                               .pi2_bpsk = true};
  CHECK(phy_pucch_f3_e(&res) == 48, "E = 12 * 2 * 2");
  res.nof_symbols = 3;
  CHECK(phy_pucch_f3_e(&res) == 0, "3 symbols");
}

static void test_generation(phy_pucch_t *q, phy_grid_t *g)
{
  phy_pucch_cfg_t cfg = base_cfg(5, 2, true); /* DM-RS on l = 0, 3; hop 1 from l = 2 */
  uint8_t a[5] = {1, 1, 0, 1, 0}, eb[144];
  uint32_t M = 24, E = 144; /* M = 12 * 2 PRB; E = 24 * 2 PRB * 3 data symbols */
  CHECK(phy_pucch_f3_e(&cfg.res) == E, "E = 24 * 2 * 3");
  phy_block_encode(a, 5, 2, eb, E);
  phy_grid_clear(g);
  CHECK(phy_pucch_f3_encode(q, &cfg, a, 5, g, 0) == 0, "encode");
  uint32_t cinit = 0x1234u * 32768u + 700u, di = 0;
  float derr = 0, xerr = 0;
  for (uint32_t l = 0; l < 5; l++) {
    uint32_t ls = 9 + l, hop = l >= 2, prb = hop ? 12 : 1;
    const cf_t *x = phy_grid_re(g, 0, ls, prb * 12);
    if (l == 0 || l == 3) {
      uint32_t u = (ref_gold_byte(700 / 30, 8 * (2 * 9 + hop)) % 30 + 700 % 30) % 30;
      uint32_t al = ref_gold_byte(700, 8 * 14 * 9 + 8 * ls) % 12;
      cf_t r[24];
      phy_seq_low_papr(r, 24, u, 0, 2.0f * (float)M_PI * al / 12.0f);
      for (uint32_t k = 0; k < M; k++) {
        derr = fmaxf(derr, cabsf(x[k] - r[k]));
      }
      continue;
    }
    cf_t d[24];
    for (uint32_t i = 0; i < M; i++, di++) {
      uint8_t b0 = eb[2 * di] ^ ref_gold(cinit, 2 * di),
              b1 = eb[2 * di + 1] ^ ref_gold(cinit, 2 * di + 1);
      d[i] = test_cf(1.0f - 2.0f * b0, 1.0f - 2.0f * b1) / sqrtf(2.0f);
    }
    for (uint32_t k = 0; k < M; k++) {
      double re = 0, im = 0;
      for (uint32_t i = 0; i < M; i++) {
        double ph = -2 * M_PI * (double)i * k / M;
        re += crealf(d[i]) * cos(ph) - cimagf(d[i]) * sin(ph);
        im += crealf(d[i]) * sin(ph) + cimagf(d[i]) * cos(ph);
      }
      cf_t ref = test_cf((float)(re / sqrt(M)), (float)(im / sqrt(M)));
      xerr = fmaxf(xerr, cabsf(x[k] - ref));
    }
  }
  CHECK(derr < 1e-5f, "DM-RS err %g", derr);
  CHECK(xerr < 1e-4f, "data err %g", xerr);
}

/* w_n(k) as listed by srsRAN_matlab (second source for Tables 6.3.2.6.3-1/-2) */
static cf_t ref_w(uint32_t sf, uint32_t n, uint32_t k)
{
  static const cf_t w2[2][12] = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                                 {1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1}};
  static const cf_t w4[4][12] = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                                 {1, 1, 1, -I, -I, -I, -1, -1, -1, I, I, I},
                                 {1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1},
                                 {1, 1, 1, I, I, I, -1, -1, -1, -I, -I, -I}};
  return sf == 2 ? w2[n][k] : w4[n][k];
}

static void check_f4_generation(phy_pucch_t *q, phy_grid_t *g, uint32_t sf, uint32_t n)
{
  phy_pucch_cfg_t cfg = base_cfg(5, 1, false); /* DM-RS on l = 0, 3 */
  cfg.res.format = PHY_PUCCH_F4;
  cfg.res.occ_length = sf;
  cfg.res.occ_index = n;
  uint32_t E = 24 * 3 / sf, nb = 12 / sf, di = 0;
  CHECK(phy_pucch_f3_e(&cfg.res) == E, "F4 E = 24 * 3 / %u", sf);
  uint8_t a[6] = {0, 1, 1, 0, 1, 1}, eb[36];
  phy_block_encode(a, 6, 2, eb, E);
  phy_grid_clear(g);
  CHECK(phy_pucch_f4_encode(q, &cfg, a, 6, g, 0) == 0, "F4 encode");
  uint32_t cinit = 0x1234u * 32768u + 700u;
  static const uint32_t m0[4] = {0, 6, 3, 9};
  float err = 0;
  for (uint32_t l = 0; l < 5; l++) {
    uint32_t ls = 9 + l;
    const cf_t *x = phy_grid_re(g, 0, ls, 12);
    cf_t ref[12];
    if (l == 0 || l == 3) {
      uint32_t u = (ref_gold_byte(700 / 30, 8 * (2 * 9)) % 30 + 700 % 30) % 30;
      uint32_t al = (m0[n] + ref_gold_byte(700, 8 * 14 * 9 + 8 * ls)) % 12;
      phy_seq_low_papr(ref, 12, u, 0, 2.0f * (float)M_PI * al / 12.0f);
    } else {
      cf_t d[12], y[12];
      for (uint32_t i = 0; i < nb; i++, di++) {
        uint8_t b0 = eb[2 * di] ^ ref_gold(cinit, 2 * di);
        uint8_t b1 = eb[2 * di + 1] ^ ref_gold(cinit, 2 * di + 1);
        d[i] = test_cf(1.0f - 2.0f * b0, 1.0f - 2.0f * b1) / sqrtf(2.0f);
      }
      for (uint32_t k = 0; k < 12; k++) {
        y[k] = ref_w(sf, n, k) * d[k % nb];
      }
      for (uint32_t k = 0; k < 12; k++) {
        cf_t acc = 0;
        for (uint32_t i = 0; i < 12; i++) {
          float ph = -2.0f * (float)M_PI * (float)(i * k) / 12.0f;
          acc += y[i] * test_cf(cosf(ph), sinf(ph));
        }
        ref[k] = acc / sqrtf(12.0f);
      }
    }
    for (uint32_t k = 0; k < 12; k++) {
      err = fmaxf(err, cabsf(x[k] - ref[k]));
    }
  }
  CHECK(err < 1e-4f, "F4 N_SF %u n %u: err %g", sf, n, err);
}

/* Two UEs on the same PRB and symbols, OCC indices 0 and 1 (their DM-RS shifted by m0 0 and
 * 6): each decodes its own payload from the sum. */
static void test_f4_multiplex(phy_pucch_t *q, phy_grid_t *g, uint32_t sf)
{
  phy_pucch_cfg_t c0 = base_cfg(14, 1, false), c1;
  c0.res.format = PHY_PUCCH_F4;
  c0.res.occ_length = sf;
  c1 = c0;
  c1.res.occ_index = 1;
  uint8_t a0[20], a1[20], d[20];
  for (uint32_t j = 0; j < 20; j++) {
    a0[j] = (uint8_t)(j % 3 == 0);
    a1[j] = (uint8_t)(j % 2);
  }
  phy_grid_t g1;
  CHECK(phy_grid_init(&g1, &(phy_grid_args_t){.max_ports = 1, .max_prb = NPRB}) == 0, "grid");
  phy_grid_clear(g);
  phy_pucch_f4_encode(q, &c0, a0, 20, g, 0);
  phy_pucch_f4_encode(q, &c1, a1, 20, &g1, 0);
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < 12 * NPRB; k++) {
      *phy_grid_re(g, 0, l, k) += *phy_grid_re(&g1, 0, l, k);
    }
  }
  g->nof_ports = 1;
  phy_pucch_f2_rx_t rx;
  CHECK(phy_pucch_f4_decode(q, &c0, 20, g, d, &rx) == 0 && rx.detected && memcmp(d, a0, 20) == 0,
        "UE 0 (N_SF %u)", sf);
  CHECK(phy_pucch_f4_decode(q, &c1, 20, g, d, &rx) == 0 && rx.detected && memcmp(d, a1, 20) == 0,
        "UE 1 (N_SF %u)", sf);
  g->nof_ports = 2;
  phy_grid_free(&g1);
}

static void test_f4_roundtrip(phy_pucch_t *q, phy_grid_t *g)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(43);
  for (uint32_t v = 0; v < 12; v++) {
    phy_pucch_cfg_t cfg = base_cfg(4 + v, 1, v % 2);
    cfg.res.format = PHY_PUCCH_F4;
    cfg.res.occ_length = v % 3 ? 4 : 2;
    cfg.res.occ_index = v % cfg.res.occ_length;
    cfg.res.pi2_bpsk = v % 4 == 1;
    cfg.res.additional_dmrs = v % 5 == 0;
    g->nof_ports = 1 + v % 2;
    uint32_t A = 3 + v * 3 % 20, E = phy_pucch_f3_e(&cfg.res);
    A = A > E / 3 ? E / 3 : A; /* a rate above 1/3 can make short RM words ambiguous */
    uint8_t a[32], d[32];
    for (uint32_t j = 0; j < A; j++) {
      a[j] = olive_test_below(&r, 2);
    }
    phy_grid_clear(g);
    int e = phy_pucch_f4_encode(q, &cfg, a, A, g, 0);
    if (e == OLIVE_EINVAL) { /* A too large for a small E: polar chain refuses */
      CHECK(phy_pucch_f3_e(&cfg.res) < A + 16, "unexpected rejection v %u", v);
      continue;
    }
    cf_t h[2];
    test_phases(h, 2, &r);
    test_channel(g, &cfg.res, h, 1e-3f, &r, 1);
    phy_pucch_f2_rx_t rx;
    CHECK(phy_pucch_f4_decode(q, &cfg, A, g, d, &rx) == 0 && rx.detected && memcmp(a, d, A) == 0,
          "F4 v %u A %u", v, A);
  }
  g->nof_ports = 2;
}

static void test_roundtrip(phy_pucch_t *q, phy_grid_t *g)
{
  static const struct {
    uint32_t L, nprb, A;
    bool hop, add, bpsk;
    phy_pucch_group_hopping_t gh;
  } cases[] = {
      {4, 1, 3, false, false, false, PHY_PUCCH_GH_NEITHER},
      {4, 2, 2, true, false, true, PHY_PUCCH_GH_ENABLE},
      {7, 3, 11, true, false, false, PHY_PUCCH_GH_ENABLE},
      {10, 1, 1, false, true, true, PHY_PUCCH_GH_NEITHER},
      {14, 6, 40, true, true, false, PHY_PUCCH_GH_DISABLE},
      {14, 4, 22, false, false, true, PHY_PUCCH_GH_DISABLE},
      {12, 5, 100, true, false, false, PHY_PUCCH_GH_ENABLE},
  };
  olive_test_rng_t r = OLIVE_TEST_RNG(41);
  for (unsigned c = 0; c < OLIVE_ARRAY_SIZE(cases); c++) {
    for (uint32_t ports = 1; ports <= 2; ports++) {
      phy_pucch_cfg_t cfg = base_cfg(cases[c].L, cases[c].nprb, cases[c].hop);
      cfg.res.additional_dmrs = cases[c].add;
      cfg.res.pi2_bpsk = cases[c].bpsk;
      cfg.group_hopping = cases[c].gh;
      g->nof_ports = ports;
      uint8_t a[128], d[128];
      for (uint32_t j = 0; j < cases[c].A; j++) {
        a[j] = olive_test_below(&r, 2);
      }
      phy_grid_clear(g);
      CHECK(phy_pucch_f3_encode(q, &cfg, a, cases[c].A, g, 0) == 0, "enc case %u", c);
      cf_t h[2];
      test_phases(h, 2, &r);
      test_channel(g, &cfg.res, h, 1e-3f, &r, 1);
      phy_pucch_f2_rx_t rx;
      CHECK(phy_pucch_f3_decode(q, &cfg, cases[c].A, g, d, &rx) == 0, "dec case %u", c);
      CHECK(rx.detected && memcmp(a, d, cases[c].A) == 0, "case %u ports %u conf %f", c, ports,
            rx.confidence);
    }
  }
  g->nof_ports = 2;
}

static bool run_f4; /* run() uses format 4 (N_SF 2, n = 1) instead of format 3 */

static double run(phy_pucch_t *q, phy_grid_t *g, uint32_t A, float snr_db, int signal,
                  uint32_t trials, uint64_t seed)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(seed);
  phy_pucch_cfg_t cfg = base_cfg(14, 1, true);
  if (run_f4) {
    cfg.res.format = PHY_PUCCH_F4;
    cfg.res.occ_length = 2;
    cfg.res.occ_index = 1;
  }
  float n0 = powf(10.0f, -snr_db / 10.0f);
  uint32_t bad = 0;
  for (uint32_t t = 0; t < trials; t++) {
    uint8_t a[64], d[64];
    for (uint32_t j = 0; j < A; j++) {
      a[j] = olive_test_below(&r, 2);
    }
    cfg.slot = t % 20;
    phy_grid_clear(g);
    if (signal) {
      (run_f4 ? phy_pucch_f4_encode : phy_pucch_f3_encode)(q, &cfg, a, A, g, 0);
    }
    cf_t h[2];
    test_phases(h, 2, &r);
    test_channel(g, &cfg.res, h, n0, &r, signal);
    phy_pucch_f2_rx_t rx;
    (run_f4 ? phy_pucch_f4_decode : phy_pucch_f3_decode)(q, &cfg, A, g, d, &rx);
    bad += signal ? !(rx.detected && memcmp(a, d, A) == 0) : rx.detected;
  }
  return (double)bad / trials;
}

int main(int argc, char **argv)
{
  bool slow = argc > 1 && strcmp(argv[1], "--slow") == 0;
  uint32_t trials = slow ? 20000 : 1000;
  phy_pucch_t q;
  phy_grid_t g;
  CHECK(phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = 2}) == 0, "init");
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 2, .max_prb = NPRB}) == 0, "grid");
  test_dmrs_table();
  test_generation(&q, &g);
  test_roundtrip(&q, &g);
  for (uint32_t n = 0; n < 4; n++) {
    check_f4_generation(&q, &g, 4, n);
  }
  check_f4_generation(&q, &g, 2, 0);
  check_f4_generation(&q, &g, 2, 1);
  test_f4_roundtrip(&q, &g);
  test_f4_multiplex(&q, &g, 2);
  test_f4_multiplex(&q, &g, 4);
  if (slow) {
    for (float s = -12.0f; s <= -2.0f; s += 1.0f) {
      printf("F3 2RX 1PRB 14sym: snr %.1f BLER A=4 %.4f A=22 %.4f\n", s,
             run(&q, &g, 4, s, 1, 4000, 9), run(&q, &g, 22, s, 1, 4000, 10));
    }
  }
  double b4 = run(&q, &g, 4, -6.0f, 1, trials, 1), b22 = run(&q, &g, 22, -5.0f, 1, trials, 2);
  double f4 = run(&q, &g, 4, 0.0f, 0, trials, 3), f22 = run(&q, &g, 22, 0.0f, 0, trials, 4);
  printf("F3 2RX AWGN 1 PRB 14 sym hopping: BLER A=4 @-6 dB %.4f, A=22 @-5 dB %.4f; DTX "
         "detections %.4f / %.4f (%u trials)\n",
         b4, b22, f4, f22, trials);
  CHECK(b4 < 0.01 && b22 < 0.01, "BLER >= 1%%");
  CHECK(f4 < 0.01 && f22 < 0.01, "detections on noise >= 1%%");
  run_f4 = true;
  if (slow) {
    for (float s = -10.0f; s <= 0.0f; s += 1.0f) {
      printf("F4 2RX N_SF 2 14sym: snr %.1f BLER A=4 %.4f A=22 %.4f\n", s,
             run(&q, &g, 4, s, 1, 4000, 11), run(&q, &g, 22, s, 1, 4000, 12));
    }
  }
  double g4 = run(&q, &g, 4, F4_SNR_A4, 1, trials, 5),
         g22 = run(&q, &g, 22, F4_SNR_A22, 1, trials, 6);
  double n4 = run(&q, &g, 4, 0.0f, 0, trials, 7), n22 = run(&q, &g, 22, 0.0f, 0, trials, 8);
  printf("F4 2RX AWGN N_SF 2: BLER A=4 @%.1f dB %.4f, A=22 @%.1f dB %.4f; DTX detections "
         "%.4f / %.4f\n",
         F4_SNR_A4, g4, F4_SNR_A22, g22, n4, n22);
  CHECK(g4 < 0.01 && g22 < 0.01, "F4 BLER >= 1%%");
  CHECK(n4 < 0.01 && n22 < 0.01, "F4 detections on noise >= 1%%");
  phy_pucch_free(&q);
  phy_grid_free(&g);
  return olive_test_done();
}
