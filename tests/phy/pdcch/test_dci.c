/* SPDX-License-Identifier: Apache-2.0 */
/* DCI 1_0 / 0_0 sizes, packing and the RIV, pinned to values worked by hand from TS 38.212
 * 7.3.1.1.1 / 7.3.1.2.1 and TS 38.214 5.1.2.2.2:
 *  - 1_0 size = FDRA + 28 with FDRA = ceil(log2(N (N + 1) / 2)): N = 24 -> 9 (300 values),
 *    48 -> 11 (1176), 96 -> 13 (4656): 37, 39, 41 bits;
 *  - a complete SI-RNTI 1_0 for CORESET#0 of 48 RB written out bit by bit;
 *  - 0_0 alignment: padding and FDRA truncation cases;
 *  - RIV values worked by hand, and the RIV map a bijection onto 0 .. N(N+1)/2 - 1. */
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "olive_test.h"

static void test_sizes(void)
{
  static const uint32_t n[3] = {24, 48, 96}, fd[3] = {9, 11, 13}, sz[3] = {37, 39, 41};
  for (int i = 0; i < 3; i++) {
    phy_dci_size_cfg_t c = {.n_rb_dl = n[i], .n_rb_ul = n[i]};
    phy_dci_sizes_t s;
    CHECK(phy_dci_sizes(&c, &s) == 0 && s.fdra_1_0 == fd[i] && s.size_1_0 == sz[i],
          "N = %u: FDRA %u size %u", n[i], s.fdra_1_0, s.size_1_0);
    /* CSS 0_0 with the same N: 1 + FDRA + 4+1+5+1+2+4+2 = FDRA + 20, padded by 8 */
    CHECK(s.size_0_0 == sz[i] && s.pad_0_0 == 8 && s.fdra_0_0 == fd[i], "0_0 N = %u", n[i]);
  }
  /* CSS truncation: N_DL = 1 (FDRA 0 bits, 1_0 = 28), N_UL = 106 (5671 values -> 13 bits,
   * 0_0 = 33 before truncation): the 0_0 FDRA loses its 5 MSBs, 8 bits remain. */
  phy_dci_size_cfg_t c = {.n_rb_dl = 1, .n_rb_ul = 106};
  phy_dci_sizes_t s;
  CHECK(phy_dci_sizes(&c, &s) == 0 && s.size_1_0 == 28 && s.size_0_0 == 28 && s.fdra_0_0 == 8 &&
            s.pad_0_0 == 0,
        "truncation: fdra %u", s.fdra_0_0);
  /* USS: 1_0 (N = 1, 28 bits) padded to the 0_0 size (33 bits) */
  c.uss = true;
  CHECK(phy_dci_sizes(&c, &s) == 0 && s.size_1_0 == 33 && s.pad_1_0 == 5 && s.fdra_0_0 == 13,
        "USS padding");
  c.n_rb_dl = 0;
  CHECK(phy_dci_sizes(&c, &s) == OLIVE_EINVAL, "N = 0");
}

static void bits_to_str(const uint8_t *b, int n, char *out)
{
  for (int i = 0; i < n; i++) {
    out[i] = (char)('0' + b[i]);
  }
  out[n] = 0;
}

/* SIB1 scheduling DCI 1_0, SI-RNTI, CORESET#0 of 48 RB:
 *   FDRA  RIV(start 0, L 8) = 48 * 7 + 0 = 336       -> 00101010000 (11 bits)
 *   TDRA  3                                          -> 0011
 *   VRB-to-PRB 1                                     -> 1
 *   MCS 9                                            -> 01001
 *   RV 1                                             -> 01
 *   system information indicator 1                   -> 1
 *   reserved 15                                      -> 000000000000000   (39 bits) */
static void test_si_rnti_worked(void)
{
  phy_dci_size_cfg_t c = {.n_rb_dl = 48, .n_rb_ul = 48};
  phy_dci_sizes_t s;
  phy_dci_sizes(&c, &s);
  uint32_t riv;
  CHECK(phy_riv_encode(48, 0, 8, &riv) == 0 && riv == 336, "RIV %u", riv);
  phy_dci_1_0_t d = {.fdra = riv, .tdra = 3, .vrb_to_prb = 1, .mcs = 9, .rv = 1, .sii = 1};
  uint8_t b[64];
  char str[65];
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_SI, &d, b) == 39, "size");
  bits_to_str(b, 39, str);
  CHECK(strcmp(str, "00101010000"
                    "0011"
                    "1"
                    "01001"
                    "01"
                    "1"
                    "000000000000000") == 0,
        "SI-RNTI 1_0: %s", str);
  phy_dci_1_0_t u;
  CHECK(phy_dci_1_0_unpack(&s, PHY_RNTI_SI, b, &u) == 0 && u.fdra == 336 && u.tdra == 3 &&
            u.vrb_to_prb == 1 && u.mcs == 9 && u.rv == 1 && u.sii == 1,
        "unpack");
  d.mcs = 32;
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_SI, &d, b) == OLIVE_EINVAL, "MCS 32 does not fit");
}

/* C-RNTI 1_0 (N 96, 41 bits): 1 | FDRA 13 | TDRA 4 | VRB 1 | MCS 5 | NDI 1 | RV 2 | HARQ 4 |
 * DAI 2 | TPC 2 | PRI 3 | K1 3; RA-RNTI: FDRA | TDRA | VRB | MCS | TB scaling 2 | 16 reserved. */
static void test_c_ra_0_0(void)
{
  phy_dci_size_cfg_t c = {.n_rb_dl = 96, .n_rb_ul = 52};
  phy_dci_sizes_t s;
  phy_dci_sizes(&c, &s);
  phy_dci_1_0_t d = {.fdra = 0x1ABC,
                     .tdra = 0xA,
                     .vrb_to_prb = 0,
                     .mcs = 0x13,
                     .ndi = 1,
                     .rv = 2,
                     .harq_id = 0x9,
                     .dai = 1,
                     .tpc = 3,
                     .pri = 5,
                     .k1 = 6};
  uint8_t b[64];
  char str[65];
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_C, &d, b) == 41, "C size");
  bits_to_str(b, 41, str);
  CHECK(strcmp(str, "1"
                    "1101010111100"
                    "1010"
                    "0"
                    "10011"
                    "1"
                    "10"
                    "1001"
                    "01"
                    "11"
                    "101"
                    "110") == 0,
        "C-RNTI 1_0: %s", str);
  phy_dci_1_0_t u;
  CHECK(phy_dci_1_0_unpack(&s, PHY_RNTI_TC, b, &u) == 0 && memcmp(&u, &d, sizeof(d)) == 0,
        "TC-RNTI unpack of the same layout");
  phy_dci_1_0_t ra = {.fdra = 5, .tdra = 1, .mcs = 2, .tb_scaling = 2};
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_RA, &ra, b) == 41, "RA size");
  bits_to_str(b, 41, str);
  CHECK(strcmp(str, "0000000000101"
                    "0001"
                    "0"
                    "00010"
                    "10"
                    "0000000000000000") == 0,
        "RA-RNTI 1_0: %s", str);
  /* P-RNTI (N 96): SMI 2 | short messages 8 | FDRA 13 | TDRA 4 | VRB 1 | MCS 5 |
   * TB scaling 2 | 6 reserved */
  phy_dci_1_0_t pg = {.smi = 2,
                      .short_msg = 0x81,
                      .fdra = 3,
                      .tdra = 15,
                      .vrb_to_prb = 1,
                      .mcs = 1,
                      .tb_scaling = 1};
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_P, &pg, b) == 41, "P size");
  bits_to_str(b, 41, str);
  CHECK(strcmp(str, "10"
                    "10000001"
                    "0000000000011"
                    "1111"
                    "1"
                    "00001"
                    "01"
                    "000000") == 0,
        "P-RNTI 1_0: %s", str);
  /* 0_0 (N_UL 52: 1378 values -> 11 bits, 31 bits, padded by 10 to 41):
   * 0 | FDRA 11 | TDRA 4 | hopping 1 | MCS 5 | NDI 1 | RV 2 | HARQ 4 | TPC 2 | 10 zeros */
  phy_dci_0_0_t ul = {.fdra = 0x5A5,
                      .tdra = 2,
                      .hopping = 0,
                      .mcs = 27,
                      .ndi = 0,
                      .rv = 3,
                      .harq_id = 15,
                      .tpc = 1};
  CHECK(phy_dci_0_0_pack(&s, &ul, b) == 41, "0_0 size");
  bits_to_str(b, 41, str);
  CHECK(strcmp(str, "0"
                    "10110100101"
                    "0010"
                    "0"
                    "11011"
                    "0"
                    "11"
                    "1111"
                    "01"
                    "0000000000") == 0,
        "0_0: %s", str);
  phy_dci_0_0_t ul2;
  CHECK(phy_dci_0_0_unpack(&s, b, &ul2) == 0 && memcmp(&ul, &ul2, sizeof(ul)) == 0, "0_0 back");
  CHECK(phy_dci_1_0_unpack(&s, PHY_RNTI_C, b, &u) == OLIVE_EPROTO, "0_0 read as 1_0");
  CHECK(phy_dci_1_0_pack(&s, PHY_RNTI_C, &d, b) == 41 &&
            phy_dci_0_0_unpack(&s, b, &ul2) == OLIVE_EPROTO,
        "1_0 read as 0_0");
}

static void test_riv(void)
{
  uint32_t riv, st, l;
  /* L - 1 = 39 > 24: 48 (48 - 40 + 1) + (48 - 1 - 5) = 474 */
  CHECK(phy_riv_encode(48, 5, 40, &riv) == 0 && riv == 474, "second branch %u", riv);
  CHECK(phy_riv_decode(48, 474, &st, &l) == 0 && st == 5 && l == 40, "decode 474");
  CHECK(phy_riv_encode(48, 40, 9, &riv) == OLIVE_EINVAL, "beyond the BWP");
  for (uint32_t n = 1; n <= 60; n++) {
    static uint8_t hit[60 * 61 / 2];
    memset(hit, 0, sizeof(hit));
    int ok = 1;
    for (uint32_t s0 = 0; s0 < n; s0++) {
      for (uint32_t len = 1; len <= n - s0; len++) {
        ok &= phy_riv_encode(n, s0, len, &riv) == 0 && riv < n * (n + 1) / 2 && !hit[riv];
        if (ok) {
          hit[riv] = 1;
          ok &= phy_riv_decode(n, riv, &st, &l) == 0 && st == s0 && l == len;
        }
      }
    }
    CHECK(ok, "RIV not a bijection for N = %u", n);
    CHECK(phy_riv_decode(n, n * (n + 1) / 2, &st, &l) == OLIVE_EINVAL,
          "RIV out of range accepted, N = %u", n);
  }
}

int main(void)
{
  test_sizes();
  test_si_rnti_worked();
  test_c_ra_0_0();
  test_riv();
  return olive_test_done();
}
