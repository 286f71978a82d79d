/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of phy/ldpc_rm: segmentation (TS 38.212 7.2.1, 7.2.2, 5.2.2), N_cb, k0, E_r
 * (5.4.2.1), bit selection + interleaving (5.4.2.1, 5.4.2.2) and the inverse with HARQ
 * combining. Expected values are worked by hand from the clauses cited at each case;
 * rate matching is also compared with a literal transcription of the 5.4.2.1 pseudo-code
 * (the "while k < E" loop) and of the 5.4.2.2 double loop, written independently of the
 * run-based implementation. Fixed seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/support/error.h"
#include "olive_test.h"

static uint32_t rng = 12345u;
static uint32_t rnd(void)
{
  rng = rng * 1664525u + 1013904223u;
  return rng >> 8;
}

typedef struct {
  unsigned a;
  phy_ldpc_bg_t bg;
  unsigned c, k_prime, kb, z, f, crc_len;
} seg_case_t;

/* Worked by hand from TS 38.212 7.2.1 and 5.2.2:
 *  A=8424 BG1: B = 8448 <= K_cb = 8448 -> C = 1, K' = 8448, Z = 384, F = 0 (CRC24A).
 *  A=8448 BG1: B = 8472 > 8448 -> C = ceil(8472/8424) = 2, B' = 8520, K' = 4260,
 *     Z = min Z >= 4260/22 = 193.6 -> 208, K = 4576, F = 316.
 *  A=3824 BG2: CRC16, B = 3840 <= 3840 -> C = 1, K_b = 10 (B > 640), Z = 384, F = 0.
 *  A=3840 BG2: CRC24A, B = 3864 -> C = ceil(3864/3816) = 2, B' = 3912, K' = 1956, K_b = 10,
 *     Z >= 195.6 -> 208, K = 2080, F = 124.
 *  A=24 BG2: B = 40, K_b = 6 (B <= 192), Z >= 6.67 -> 7, K = 70, F = 30.
 *  A=600 BG2: B = 616, K_b = 9 (560 < B <= 640), Z >= 68.4 -> 72, K = 720, F = 104.
 *  A=500 BG2: B = 516, K_b = 8 (192 < B <= 560), Z >= 64.5 -> 72, K = 720, F = 204.
 *  A=217128 BG1: B = 217152, C = 26, B' = 217776, K' = 8376, Z >= 380.7 -> 384, F = 72.
 *  A=1277992 BG1: B = 1278016, C = 152, B' = 1281664, K' = 8432, Z = 384, F = 16. */
static const seg_case_t seg_cases[] = {
    {8424, PHY_LDPC_BG1, 1, 8448, 22, 384, 0, 24},
    {8448, PHY_LDPC_BG1, 2, 4260, 22, 208, 316, 24},
    {3824, PHY_LDPC_BG2, 1, 3840, 10, 384, 0, 16},
    {3840, PHY_LDPC_BG2, 2, 1956, 10, 208, 124, 24},
    {24, PHY_LDPC_BG2, 1, 40, 6, 7, 30, 16},
    {600, PHY_LDPC_BG2, 1, 616, 9, 72, 104, 16},
    {500, PHY_LDPC_BG2, 1, 516, 8, 72, 204, 16},
    {217128, PHY_LDPC_BG1, 26, 8376, 22, 384, 72, 24},
    {1277992, PHY_LDPC_BG1, 152, 8432, 22, 384, 16, 24},
};

/* MATLAB nrCodeBlockSegmentLDPC cases published in srsRAN Project
 * tests/unittests/phy/upper/channel_coding/ldpc/ldpc_segmenter_test_data.h:
 * {A, BG, C, K (segment length with filler)}. That list also has A = 40000 (C = 5 / 11),
 * for which B' = 40144 / 40288 is not a multiple of C: no TBS of 38.214 gives that, MATLAB
 * rounds K' up, phy_ldpc_rm_segment refuses it (checked below). */
static const unsigned matlab_seg[][4] = {
    {96, 1, 1, 132},  {600, 1, 1, 616}, {4000, 1, 1, 4224}, {12000, 1, 2, 6336}, {96, 2, 1, 200},
    {320, 2, 1, 440}, {600, 2, 1, 720}, {4000, 2, 2, 2080}, {12000, 2, 4, 3200}};

static void test_segmentation(void)
{
  for (size_t i = 0; i < sizeof(matlab_seg) / sizeof(matlab_seg[0]); i++) {
    phy_ldpc_seg_t s;
    int ret = phy_ldpc_rm_segment(matlab_seg[i][0], (phy_ldpc_bg_t)matlab_seg[i][1], &s);
    CHECK(ret == 0 && s.c == matlab_seg[i][2] && s.k == matlab_seg[i][3],
          "MATLAB segmentation A=%u BG%u: C %u K %u", matlab_seg[i][0], matlab_seg[i][1], s.c, s.k);
  }
  for (size_t i = 0; i < sizeof(seg_cases) / sizeof(seg_cases[0]); i++) {
    const seg_case_t *t = &seg_cases[i];
    phy_ldpc_seg_t s;
    int ret = phy_ldpc_rm_segment(t->a, t->bg, &s);
    CHECK(ret == 0, "segment A=%u ret %d", t->a, ret);
    CHECK(s.c == t->c && s.k_prime == t->k_prime && s.kb == t->kb && s.z == t->z && s.f == t->f &&
              s.tb_crc_len == t->crc_len,
          "A=%u: C %u K' %u Kb %u Z %u F %u L %u", t->a, s.c, s.k_prime, s.kb, s.z, s.f,
          s.tb_crc_len);
    CHECK(s.cb_crc_len == (t->c > 1 ? 24u : 0u), "A=%u: L_CB", t->a);
    CHECK(s.k == (t->bg == PHY_LDPC_BG1 ? 22u : 10u) * t->z, "A=%u: K", t->a);
    CHECK(s.n == (t->bg == PHY_LDPC_BG1 ? 66u : 50u) * t->z, "A=%u: N", t->a);
    CHECK(s.tb_crc == (t->a > 3824 ? PHY_CRC24A : PHY_CRC16), "A=%u: CRC type", t->a);
  }
  phy_ldpc_seg_t s;
  CHECK(phy_ldpc_rm_segment(0, PHY_LDPC_BG1, &s) == OLIVE_EINVAL, "A=0");
  CHECK(phy_ldpc_rm_segment(8449, PHY_LDPC_BG1, &s) == OLIVE_EINVAL, "A=8449: B' mod C != 0");
  CHECK(phy_ldpc_rm_segment(40000, PHY_LDPC_BG1, &s) == OLIVE_EINVAL, "A=40000 BG1");
  CHECK(phy_ldpc_rm_segment(40000, PHY_LDPC_BG2, &s) == OLIVE_EINVAL, "A=40000 BG2");
  CHECK(phy_ldpc_rm_segment(100, (phy_ldpc_bg_t)3, &s) == OLIVE_EINVAL, "bg 3");

  /* TS 38.212 7.2.2 boundaries (R x 2048: 0.67 -> 1372.16, 0.25 -> 512) */
  CHECK(phy_ldpc_rm_select_bg(292, 1900) == PHY_LDPC_BG2, "A 292");
  CHECK(phy_ldpc_rm_select_bg(293, 1900) == PHY_LDPC_BG1, "A 293 R 0.93");
  CHECK(phy_ldpc_rm_select_bg(3824, 1372) == PHY_LDPC_BG2, "A 3824 R 0.67");
  CHECK(phy_ldpc_rm_select_bg(3824, 1373) == PHY_LDPC_BG1, "A 3824 R > 0.67");
  CHECK(phy_ldpc_rm_select_bg(3825, 1000) == PHY_LDPC_BG1, "A 3825");
  CHECK(phy_ldpc_rm_select_bg(100000, 512) == PHY_LDPC_BG2, "R 0.25");
  CHECK(phy_ldpc_rm_select_bg(100000, 513) == PHY_LDPC_BG1, "R > 0.25");
}

static void test_ncb_k0_e(void)
{
  phy_ldpc_seg_t s;
  phy_ldpc_rm_segment(217128, PHY_LDPC_BG1, &s);
  /* no LBRM: N = 66 * 384 = 25344; LBRM with TBS_LBRM = 1277992: N_ref =
   * floor(1277992 / (26 * 2/3)) = floor(3833976 / 52) = 73730 -> N_cb = N;
   * TBS_LBRM = 57376 (52 PRB, 1 layer, 64QAM): N_ref = floor(172128 / 52) = 3310. */
  CHECK(phy_ldpc_rm_ncb(&s, 0) == 25344, "ncb no lbrm");
  CHECK(phy_ldpc_rm_ncb(&s, 1277992) == 25344, "ncb lbrm big");
  CHECK(phy_ldpc_rm_ncb(&s, 57376) == 3310, "ncb lbrm small %d", phy_ldpc_rm_ncb(&s, 57376));

  /* Table 5.4.2.1-2 by hand:
   * BG1 Z=384 N_cb=25344: floor(x * 25344 / 25344) * 384 -> 0, 17*384, 33*384, 56*384.
   * BG2 Z=384 N_cb=19200: 0, 13*384, 25*384, 43*384.
   * BG1 Z=208 N_cb=10000 (66 Z = 13728): floor(170000/13728)=12 -> 2496,
   *   floor(330000/13728)=24 -> 4992, floor(560000/13728)=40 -> 8320.
   * BG2 Z=7 N_cb=300 (50 Z = 350): floor(3900/350)=11 -> 77, floor(7500/350)=21 -> 147,
   *   floor(12900/350)=36 -> 252. */
  static const struct {
    phy_ldpc_bg_t bg;
    unsigned z, ncb;
    int k0[4];
  } kc[] = {{PHY_LDPC_BG1, 384, 25344, {0, 6528, 12672, 21504}},
            {PHY_LDPC_BG2, 384, 19200, {0, 4992, 9600, 16512}},
            {PHY_LDPC_BG1, 208, 10000, {0, 2496, 4992, 8320}},
            {PHY_LDPC_BG2, 7, 300, {0, 77, 147, 252}}};
  for (size_t i = 0; i < sizeof(kc) / sizeof(kc[0]); i++) {
    for (unsigned rv = 0; rv < 4; rv++) {
      int k0 = phy_ldpc_rm_k0(kc[i].bg, kc[i].z, kc[i].ncb, rv);
      CHECK(k0 == kc[i].k0[rv], "k0 case %zu rv %u: %d", i, rv, k0);
    }
  }
  CHECK(phy_ldpc_rm_k0(PHY_LDPC_BG1, 384, 25344, 4) == OLIVE_EINVAL, "rv 4");

  /* 5.4.2.1 E_r by hand: G = 1000, C = 3, N_L = 1, Q_m = 2: G/(N_L Q_m) = 500,
   * 500 mod 3 = 2, so r <= 3 - 2 - 1 = 0 gets 2 floor(500/3) = 332, r = 1, 2 get 334.
   * G = 1200, C = 2, N_L = 2, Q_m = 6: 100 mod 2 = 0 -> both 12 * 50 = 600. */
  CHECK(phy_ldpc_rm_e(1000, 3, 0, 1, 2) == 332, "E0");
  CHECK(phy_ldpc_rm_e(1000, 3, 1, 1, 2) == 334, "E1");
  CHECK(phy_ldpc_rm_e(1000, 3, 2, 1, 2) == 334, "E2");
  CHECK(phy_ldpc_rm_e(1200, 2, 1, 2, 6) == 600, "E 2 layers");
  CHECK(phy_ldpc_rm_e(1001, 3, 0, 1, 2) == OLIVE_EINVAL, "G not multiple");
  CHECK(phy_ldpc_rm_e(1000, 3, 3, 1, 2) == OLIVE_EINVAL, "r >= C");
  /* With CBGTI: C = 4, blocks 0, 2, 3 scheduled -> C' = 3 and j = 0, 1, 2 for them, so
   * E = 332, 0, 334, 334 (same split as above); all four sum to G. */
  static const uint8_t sched[4] = {1, 0, 1, 1};
  CHECK(phy_ldpc_rm_e_cbg(1000, 4, 0, 1, 2, sched) == 332, "cbg E0");
  CHECK(phy_ldpc_rm_e_cbg(1000, 4, 1, 1, 2, sched) == 0, "cbg E1 unscheduled");
  CHECK(phy_ldpc_rm_e_cbg(1000, 4, 2, 1, 2, sched) == 334, "cbg E2");
  CHECK(phy_ldpc_rm_e_cbg(1000, 4, 3, 1, 2, sched) == 334, "cbg E3");
}

/* Hand example of 5.4.2.2: E = 8, Q_m = 4 (E/Q_m = 2): f_{i + 4j} = e_{2i + j}, so
 * f = e0 e2 e4 e6 e1 e3 e5 e7. With rv 0, k0 = 0 and no filler in the first bits, e = d. */
static void test_interleaver_example(void)
{
  /* BG1 Z = 2: K = 44, N = 132; K' = 44 (no filler) */
  phy_ldpc_rm_cfg_t cfg = {
      .bg = PHY_LDPC_BG1, .z = 2, .k_prime = 44, .n_cb = 132, .rv = 0, .qm = 4, .e = 8};
  uint8_t d[17] = {0xB2}; /* d0..d7 = 1 0 1 1 0 0 1 0 */
  uint8_t f[8];
  CHECK(phy_ldpc_rm_encode(&cfg, d, f) == 8, "encode");
  static const uint8_t want[8] = {1, 1, 0, 1, 0, 1, 0, 0}; /* e0 e2 e4 e6 e1 e3 e5 e7 */
  CHECK(memcmp(f, want, 8) == 0, "interleaver: %u%u%u%u%u%u%u%u", f[0], f[1], f[2], f[3], f[4],
        f[5], f[6], f[7]);
  /* Filler skipping by hand: BG1 Z = 2, K' = 40 -> filler d_36..d_39 (K' - 2Z = 36,
   * K - 2Z = 40). rv 0, Q_m 1, E = 40: e_0..e_35 = d_0..d_35, e_36..e_39 = d_40..d_43. */
  cfg.k_prime = 40;
  cfg.qm = 1;
  cfg.e = 40;
  uint8_t dd[17];
  for (unsigned i = 0; i < 17; i++) {
    dd[i] = (uint8_t)rnd();
  }
  uint8_t ff[40];
  phy_ldpc_rm_encode(&cfg, dd, ff);
  int ok = 1;
  for (unsigned k = 0; k < 40; k++) {
    unsigned p = k < 36 ? k : k + 4;
    ok &= ff[k] == ((dd[p >> 3] >> (7 - (p & 7))) & 1);
  }
  CHECK(ok, "filler skipped");
  CHECK(phy_ldpc_rm_needed(&cfg) == 44, "needed %d", phy_ldpc_rm_needed(&cfg));

  /* Every byte value 0..255 unpacked MSB first (the byte-wise fast path): BG1 Z = 64,
   * K' = K (no filler), rv 0, Q_m 1, E = 2048 -> f_k = d_k. */
  phy_ldpc_rm_cfg_t c2 = {
      .bg = PHY_LDPC_BG1, .z = 64, .k_prime = 1408, .n_cb = 4224, .rv = 0, .qm = 1, .e = 2048};
  static uint8_t d2[528], f2[2048];
  for (unsigned i = 0; i < 528; i++) {
    d2[i] = (uint8_t)i;
  }
  phy_ldpc_rm_encode(&c2, d2, f2);
  unsigned bad = 0;
  for (unsigned k = 0; k < 2048; k++) {
    bad += f2[k] != (((k >> 3) >> (7 - (k & 7))) & 1);
  }
  CHECK(bad == 0, "byte unpacking: %u bits wrong", bad);
}

/* Literal 5.4.2.1 bit selection and 5.4.2.2 interleaving on one-bit-per-byte d with
 * filler marked 2 (<NULL>). Also counts how often each position is selected. */
static void ref_rate_match(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *dbits, uint8_t *f,
                           unsigned *hits)
{
  unsigned k0 = (unsigned)phy_ldpc_rm_k0(cfg->bg, cfg->z, cfg->n_cb, cfg->rv);
  static uint8_t e[200000];
  unsigned k = 0, j = 0;
  while (k < cfg->e) {
    unsigned p = (k0 + j) % cfg->n_cb;
    if (dbits[p] != 2) {
      e[k] = dbits[p];
      hits[p]++;
      k++;
    }
    j++;
  }
  unsigned m = cfg->e / cfg->qm;
  for (unsigned jj = 0; jj < m; jj++) {
    for (unsigned i = 0; i < cfg->qm; i++) {
      f[i + jj * cfg->qm] = e[i * m + jj];
    }
  }
}

static void test_rm_vs_reference(void)
{
  static const unsigned zs[] = {2, 7, 15, 36, 104, 208, 384};
  static const unsigned qms[] = {1, 2, 4, 6, 8};
  static uint8_t d[25344 / 8 + 1], dbits[25344], f[200000], fr[200000];
  static int8_t llr[200000], soft[25344];
  static unsigned hits[25344];
  unsigned ncase = 0;
  for (unsigned bgi = 0; bgi < 2; bgi++) {
    for (size_t zi = 0; zi < sizeof(zs) / sizeof(zs[0]); zi++) {
      for (unsigned trial = 0; trial < 6; trial++) {
        phy_ldpc_bg_t bg = bgi ? PHY_LDPC_BG2 : PHY_LDPC_BG1;
        unsigned z = zs[zi], kb = bgi ? 10 : 22, nmax = (bgi ? 50 : 66) * z;
        phy_ldpc_rm_cfg_t cfg = {.bg = bg, .z = z, .rv = trial % 4, .qm = qms[rnd() % 5]};
        /* K' in (2Z, K]; every other trial no filler */
        cfg.k_prime = trial & 1 ? kb * z : 2 * z + 1 + rnd() % (kb * z - 2 * z);
        /* N_cb: full, or limited (LBRM-like) but beyond the filler */
        cfg.n_cb = trial < 3 ? nmax : kb * z - 2 * z + 1 + rnd() % (nmax - (kb * z - 2 * z));
        /* E: from short to 2.5 N_cb (repetition) */
        unsigned emax = trial == 5 ? 5 * cfg.n_cb / 2 : cfg.n_cb;
        cfg.e = (1 + rnd() % (emax > 1 ? emax : 1)) * cfg.qm;
        if (cfg.e > 200000) {
          cfg.e = 200000 / cfg.qm * cfg.qm;
        }
        unsigned fs = cfg.k_prime - 2 * z, fe = kb * z - 2 * z;
        for (unsigned p = 0; p < nmax; p++) {
          dbits[p] = (p >= fs && p < fe) ? 2 : (uint8_t)(rnd() & 1);
          hits[p] = 0;
        }
        memset(d, 0, sizeof(d));
        for (unsigned p = 0; p < nmax; p++) {
          d[p >> 3] |= (uint8_t)((dbits[p] == 1) << (7 - (p & 7)));
        }
        ref_rate_match(&cfg, dbits, fr, hits);
        CHECK(phy_ldpc_rm_encode(&cfg, d, f) == (int)cfg.e, "encode ret");
        CHECK(memcmp(f, fr, cfg.e) == 0, "bg %u z %u k' %u ncb %u rv %u qm %u e %u differs", bg, z,
              cfg.k_prime, cfg.n_cb, cfg.rv, cfg.qm, cfg.e);
        /* needed: one past the highest selected position (filler end if inside) */
        unsigned hi = 0;
        for (unsigned p = 0; p < cfg.n_cb; p++) {
          if (hits[p]) {
            hi = p + 1;
          }
        }
        if (hi > fs && hi < fe) {
          hi = fe;
        }
        CHECK(phy_ldpc_rm_needed(&cfg) == (int)hi, "needed %d vs %u", phy_ldpc_rm_needed(&cfg), hi);
        /* Inverse: LLR +-3 for each f; the soft buffer must hold 3 * hits with the sign of d
         * (saturated at 127), filler +127, 0 elsewhere. */
        for (unsigned k = 0; k < cfg.e; k++) {
          llr[k] = f[k] ? -3 : 3;
        }
        phy_ldpc_rm_soft_reset(&cfg, soft);
        CHECK(phy_ldpc_rm_decode(&cfg, llr, soft) == (int)cfg.e, "decode ret");
        int ok = 1;
        for (unsigned p = 0; p < cfg.n_cb; p++) {
          int want;
          if (dbits[p] == 2) {
            want = 127;
          } else {
            int mag = 3 * (int)hits[p] > 127 ? 127 : 3 * (int)hits[p];
            want = dbits[p] ? -mag : mag;
          }
          ok &= soft[p] == want;
        }
        CHECK(ok, "de-rate-match bg %u z %u e %u ncb %u", bg, z, cfg.e, cfg.n_cb);
        ncase++;
      }
    }
  }
  CHECK(ncase == 84, "cases %u", ncase);
}

static void test_combining(void)
{
  /* Two transmissions of the same rv add up (saturating); rv2 fills other positions. */
  phy_ldpc_rm_cfg_t cfg = {
      .bg = PHY_LDPC_BG2, .z = 16, .k_prime = 150, .n_cb = 800, .rv = 0, .qm = 2, .e = 200};
  static int8_t soft[800], llr[200];
  memset(llr, 100, sizeof(llr));
  phy_ldpc_rm_soft_reset(&cfg, soft);
  phy_ldpc_rm_decode(&cfg, llr, soft);
  CHECK(soft[0] == 100, "first %d", soft[0]);
  phy_ldpc_rm_decode(&cfg, llr, soft);
  CHECK(soft[0] == 127, "saturates at 127: %d", soft[0]);
  memset(llr, -128, sizeof(llr));
  phy_ldpc_rm_decode(&cfg, llr, soft);
  phy_ldpc_rm_decode(&cfg, llr, soft);
  CHECK(soft[0] == -127, "saturates at -127: %d", soft[0]);
  /* filler d_{K'-2Z}..d_{K-2Z-1} = d_118..d_127 stay +127 */
  CHECK(soft[118] == 127 && soft[127] == 127 && soft[117] == -127, "filler");
  /* rv 2: k0 = floor(25 * 800 / 800) * 16 = 400 */
  cfg.rv = 2;
  memset(llr, 5, sizeof(llr));
  phy_ldpc_rm_decode(&cfg, llr, soft);
  CHECK(soft[399] == 0 && soft[400] == 5 && soft[599] == 5 && soft[600] == 0, "rv2 positions");
  /* bad configs */
  cfg.e = 201;
  CHECK(phy_ldpc_rm_decode(&cfg, llr, soft) == OLIVE_EINVAL, "E not multiple of Qm");
  cfg.e = 200;
  cfg.z = 17;
  CHECK(phy_ldpc_rm_decode(&cfg, llr, soft) == OLIVE_EINVAL, "Z 17");
  cfg.z = 16;
  cfg.n_cb = 801;
  CHECK(phy_ldpc_rm_decode(&cfg, llr, soft) == OLIVE_EINVAL, "Ncb > N");
}

int main(void)
{
  test_segmentation();
  test_ncb_k0_e();
  test_interleaver_example();
  test_rm_vs_reference();
  test_combining();
  return olive_test_done();
}
