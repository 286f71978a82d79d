/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH common procedures pinned to independent references:
 *  - n_cs, alpha, f_gh and v (TS 38.211 6.3.2.2) against a bit-serial c(n) written here
 *    from 5.2.1, with hand-worked arithmetic for the derived values;
 *  - Table 6.3.2.4.1-2 (OCC) against the DFT/Walsh structure of the table and entries from
 *    a second transcription (srsRAN_4G lib/src/phy/phch/pucch_nr.c, pucch_nr_format1_rho),
 *    plus pairwise orthogonality of the w_i of every N_SF;
 *  - Tables 6.3.2.4.1-1 / 6.4.1.3.1.1-1 (N_SF) transcribed row by row;
 *  - TS 38.213 Tables 9.2.3-3/-4, 9.2.5-1/-2 (F0 m_cs), also listed in OAI
 *    (openair1/SCHED_NR_UE/pucch_uci_ue_nr.h) and py5gphy (nr_pucch_format0.py);
 *  - the published MATLAB nrPUCCHHoppingInfo example (mathworks.com/help/5g/ref/
 *    nrpucchhoppinginfo.html: nslot 3, nid 512, 'enable', initialCS 5 -> U [13 22],
 *    FGH [11 20], FSS 2, NCS per symbol, Alpha per symbol);
 *  - the threshold's closed form against the k = 1 special case. */
#include <math.h>

#include "olive/support/error.h"
#include "pucch_test_util.h"

static void test_ncs_alpha(void)
{
  static const uint32_t ids[] = {0, 1, 29, 30, 512, 1007, 1023};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(ids); i++) {
    for (uint32_t slot = 0; slot < 20; slot += 7) {
      for (uint32_t l = 0; l < 14; l += 3) {
        uint32_t ref = ref_gold_byte(ids[i], 8 * 14 * slot + 8 * l);
        CHECK(phy_pucch_ncs(ids[i], slot, l) == ref, "n_cs id %u slot %u l %u", ids[i], slot, l);
        /* alpha index = (m0 + m_cs + n_cs) mod 12, worked for m0 = 5, m_cs = 6 */
        CHECK(phy_pucch_alpha_idx(ids[i], slot, l, 5, 6) == (11 + ref) % 12, "alpha");
      }
    }
  }
  /* Hand-checkable corner: c_init = 0 leaves x2 at zero, so c(n) = x1(n + 1600) and n_cs
   * only depends on x1; it must then be the same for every cell with N_ID = 0 and equal the
   * bit-serial value. */
  CHECK(phy_pucch_ncs(0, 3, 2) == ref_gold_byte(0, 8 * 14 * 3 + 16), "c_init 0");
}

static void test_group_seq(void)
{
  uint32_t u, v;
  /* neither: u = N_ID mod 30, v = 0: 512 mod 30 = 2, 1007 mod 30 = 17 */
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_NEITHER, 512, 7, 0, &u, &v) == 0 && u == 2 && v == 0,
        "neither 512");
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_NEITHER, 1007, 7, 1, &u, &v) == 0 && u == 17 && v == 0,
        "neither 1007");
  static const uint32_t ids[] = {0, 45, 512, 1007};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(ids); i++) {
    for (uint32_t slot = 0; slot < 20; slot += 3) {
      for (uint32_t hop = 0; hop < 2; hop++) {
        uint32_t fgh = ref_gold_byte(ids[i] / 30, 8 * (2 * slot + hop)) % 30;
        CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_ENABLE, ids[i], slot, hop, &u, &v) == 0 &&
                  u == (fgh + ids[i] % 30) % 30 && v == 0,
              "enable id %u slot %u hop %u", ids[i], slot, hop);
        uint32_t vref = ref_gold(32 * (ids[i] / 30) + ids[i] % 30, 2 * slot + hop);
        CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_DISABLE, ids[i], slot, hop, &u, &v) == 0 &&
                  u == ids[i] % 30 && v == vref,
              "disable id %u slot %u hop %u", ids[i], slot, hop);
      }
    }
  }
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_ENABLE, 1024, 0, 0, &u, &v) == OLIVE_EINVAL, "n_id");
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_ENABLE, 1, 0, 2, &u, &v) == OLIVE_EINVAL, "n_hop");
}

static void test_matlab_hopping(void)
{
  static const uint32_t ncs[14] = {239, 107, 223, 6, 24, 2, 3, 66, 238, 125, 209, 145, 44, 233};
  static const float alpha[14] = {2.0944f, 2.0944f, 0.0f,    5.7596f, 2.6180f, 3.6652f, 4.1888f,
                                  5.7596f, 1.5708f, 5.2360f, 5.2360f, 3.1416f, 0.5236f, 5.2360f};
  for (uint32_t l = 0; l < 14; l++) {
    CHECK(phy_pucch_ncs(512, 3, l) == ncs[l], "MATLAB NCS l %u: %u", l, phy_pucch_ncs(512, 3, l));
    float a = 2.0f * (float)M_PI / 12.0f * (float)phy_pucch_alpha_idx(512, 3, l, 5, 0);
    CHECK(fabsf(a - alpha[l]) < 1e-4f, "MATLAB Alpha l %u", l);
  }
  uint32_t u, v;
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_ENABLE, 512, 3, 0, &u, &v) == 0 && u == 13 && v == 0,
        "MATLAB U hop 0");
  CHECK(phy_pucch_group_seq(PHY_PUCCH_GH_ENABLE, 512, 3, 1, &u, &v) == 0 && u == 22 && v == 0,
        "MATLAB U hop 1");
}

static void test_occ(void)
{
  /* Entries of the second transcription (srsRAN_4G pucch_nr_format1_rho) */
  static const struct {
    uint32_t n, i;
    uint8_t phi[7];
  } rows[] = {
      {2, 1, {0, 1}},
      {3, 2, {0, 2, 1}},
      {4, 1, {0, 2, 0, 2}},
      {4, 2, {0, 0, 2, 2}},
      {4, 3, {0, 2, 2, 0}},
      {5, 3, {0, 3, 1, 4, 2}},
      {6, 4, {0, 4, 2, 0, 4, 2}},
      {7, 3, {0, 3, 6, 2, 5, 1, 4}},
      {7, 6, {0, 6, 5, 4, 3, 2, 1}},
  };
  for (unsigned r = 0; r < OLIVE_ARRAY_SIZE(rows); r++) {
    for (uint32_t m = 0; m < rows[r].n; m++) {
      CHECK(phy_pucch_f1_occ_phi(rows[r].n, rows[r].i, m) == rows[r].phi[m], "occ %u %u %u",
            rows[r].n, rows[r].i, m);
    }
  }
  for (uint32_t n = 1; n <= 7; n++) {
    for (uint32_t i = 0; i < n; i++) {
      for (uint32_t m = 0; m < n; m++) {
        int phi = phy_pucch_f1_occ_phi(n, i, m);
        if (n != 4) { /* every length but 4 is the DFT: phi = i m mod N_SF */
          CHECK(phi == (int)((i * m) % n), "dft n %u i %u m %u", n, i, m);
        } else { /* length 4: Walsh codes, phases 0 or pi */
          CHECK(phi == 0 || phi == 2, "walsh");
        }
      }
      for (uint32_t j = 0; j < i; j++) { /* sum_m w_i(m) conj(w_j(m)) = 0 */
        double re = 0, im = 0;
        for (uint32_t m = 0; m < n; m++) {
          double a = 2 * M_PI * (phy_pucch_f1_occ_phi(n, i, m) - phy_pucch_f1_occ_phi(n, j, m)) / n;
          re += cos(a);
          im += sin(a);
        }
        CHECK(fabs(re) < 1e-9 && fabs(im) < 1e-9, "orthogonal n %u i %u j %u", n, i, j);
      }
    }
  }
  CHECK(phy_pucch_f1_occ_phi(8, 0, 0) < 0 && phy_pucch_f1_occ_phi(3, 3, 0) < 0, "range");
}

static void test_nsf(void)
{
  /* {L, no hopping, hop 0, hop 1}: Table 6.3.2.4.1-1 (data) and Table 6.4.1.3.1.1-1 (DM-RS) */
  static const uint8_t data[11][4] = {{4, 2, 1, 1},  {5, 2, 1, 1},  {6, 3, 1, 2},  {7, 3, 1, 2},
                                      {8, 4, 2, 2},  {9, 4, 2, 2},  {10, 5, 2, 3}, {11, 5, 2, 3},
                                      {12, 6, 3, 3}, {13, 6, 3, 3}, {14, 7, 3, 4}};
  static const uint8_t dmrs[11][4] = {{4, 2, 1, 1},  {5, 3, 1, 2},  {6, 3, 2, 1},  {7, 4, 2, 2},
                                      {8, 4, 2, 2},  {9, 5, 2, 3},  {10, 5, 3, 2}, {11, 6, 3, 3},
                                      {12, 6, 3, 3}, {13, 7, 3, 4}, {14, 7, 4, 3}};
  for (unsigned r = 0; r < 11; r++) {
    uint32_t L = data[r][0];
    CHECK(phy_pucch_f1_nsf(L, false, 0, false) == data[r][1], "data L %u", L);
    CHECK(phy_pucch_f1_nsf(L, true, 0, false) == data[r][2], "data hop0 L %u", L);
    CHECK(phy_pucch_f1_nsf(L, true, 1, false) == data[r][3], "data hop1 L %u", L);
    CHECK(phy_pucch_f1_nsf(L, false, 0, true) == dmrs[r][1], "dmrs L %u", L);
    CHECK(phy_pucch_f1_nsf(L, true, 0, true) == dmrs[r][2], "dmrs hop0 L %u", L);
    CHECK(phy_pucch_f1_nsf(L, true, 1, true) == dmrs[r][3], "dmrs hop1 L %u", L);
  }
  CHECK(phy_pucch_f1_nsf(3, false, 0, false) == 0 && phy_pucch_f1_nsf(8, false, 1, false) == 0,
        "range");
}

static void test_f0_mcs(void)
{
  /* {nof_harq, b0, b1, sr, m_cs} */
  static const int rows[][5] = {
      {1, 0, 0, 0, 0}, {1, 1, 0, 0, 6},                                    /* 9.2.3-3 */
      {2, 0, 0, 0, 0}, {2, 0, 1, 0, 3}, {2, 1, 1, 0, 6}, {2, 1, 0, 0, 9},  /* 9.2.3-4 */
      {1, 0, 0, 1, 3}, {1, 1, 0, 1, 9},                                    /* 9.2.5-1 */
      {2, 0, 0, 1, 1}, {2, 0, 1, 1, 4}, {2, 1, 1, 1, 7}, {2, 1, 0, 1, 10}, /* 9.2.5-2 */
      {0, 0, 0, 1, 0},                                                     /* 9.2.4 */
  };
  for (unsigned r = 0; r < OLIVE_ARRAY_SIZE(rows); r++) {
    phy_pucch_uci_t u = {.nof_harq = (uint32_t)rows[r][0],
                         .harq = {(uint8_t)rows[r][1], (uint8_t)rows[r][2]},
                         .sr_opportunity = true,
                         .sr = rows[r][3] != 0};
    CHECK(phy_pucch_f0_mcs(&u) == rows[r][4], "row %u", r);
  }
  phy_pucch_uci_t none = {.nof_harq = 0, .sr_opportunity = true, .sr = false};
  CHECK(phy_pucch_f0_mcs(&none) == OLIVE_EINVAL, "negative SR alone sends nothing");
  phy_pucch_uci_t bad = {.nof_harq = 3};
  CHECK(phy_pucch_f0_mcs(&bad) == OLIVE_EINVAL, "3 bits");
}

static void test_threshold(void)
{
  /* k = 1: P(T > t) = (1 + t/d)^-d exactly, so t = d ((pfa/h)^(-1/d) - 1) */
  static const uint32_t ds[] = {4, 11, 22, 100};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(ds); i++) {
    double ref = ds[i] * (pow(1e-3 / 2, -1.0 / ds[i]) - 1.0);
    float t = phy_pucch_threshold(1, ds[i], 2, 1e-3f);
    CHECK(fabs(t - ref) < 1e-3 * ref, "k=1 d=%u: %f vs %f", ds[i], t, ref);
  }
  /* large d tends to the Gamma(k) tail: k = 2, P = e^-t (1 + t) */
  float t = phy_pucch_threshold(2, 1000000, 1, 1e-3f);
  CHECK(fabs(exp(-t) * (1 + t) - 1e-3) < 2e-5, "gamma limit %f", t);
  CHECK(isinf(phy_pucch_threshold(0, 3, 1, 1e-3f)), "k=0");
}

int main(void)
{
  test_ncs_alpha();
  test_group_seq();
  test_matlab_hopping();
  test_occ();
  test_nsf();
  test_f0_mcs();
  test_threshold();
  return olive_test_done();
}
