/* SPDX-License-Identifier: Apache-2.0 */
/* PSS and SSS (TS 38.211 7.4.2): values worked by hand from the m-sequence definitions,
 * and the algebraic properties of m-sequences and of their products. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"
#include "olive_test.h"

static int dot(const float *a, const float *b, unsigned shift)
{
  float s = 0;
  for (unsigned n = 0; n < 127; n++) {
    s += a[n] * b[(n + shift) % 127];
  }
  return (int)s;
}

/* PSS, 7.4.2.2.1. By hand: [x(6)..x(0)] = [1 1 1 0 1 1 0] gives x(0..6) = 0 1 1 0 1 1 1,
 * x(i+7) = x(i+4) ^ x(i): x(7) = x(4)^x(0) = 1, x(8) = x(5)^x(1) = 0, x(9) = x(6)^x(2) = 0,
 * x(10) = x(7)^x(3) = 1. N_ID2 = 0 (m = n): d = 1 - 2x = +1 -1 -1 +1 -1 -1 -1 -1 +1 +1 -1. */
static void test_pss(void)
{
  static const float d0_ref[11] = {1, -1, -1, 1, -1, -1, -1, -1, 1, 1, -1};
  float d[3][127];
  for (uint32_t i = 0; i < 3; i++) {
    CHECK(phy_pss_gen(i, d[i]) == 0);
  }
  CHECK(memcmp(d[0], d0_ref, sizeof(d0_ref)) == 0);
  /* N_ID2 = 1, 2 are the same sequence advanced by 43 and 86 */
  for (unsigned n = 0; n < 127; n++) {
    CHECK(d[1][n] == d[0][(n + 43) % 127] && d[2][n] == d[0][(n + 86) % 127]);
  }
  /* x^7 + x^4 + 1 is primitive, so x is an m-sequence: 64 ones and 63 zeros (sum -1) and
   * periodic autocorrelation -1 at every non-zero lag. Hence the three PSS are nearly
   * orthogonal: zero-lag cross-correlation -1 out of 127. */
  CHECK(dot(d[0], d[0], 0) == 127);
  int sum = 0;
  for (unsigned n = 0; n < 127; n++) {
    sum += (int)d[0][n];
  }
  CHECK(sum == -1);
  for (unsigned s = 1; s < 127; s++) {
    CHECK(dot(d[0], d[0], s) == -1);
  }
  CHECK(dot(d[0], d[1], 0) == -1 && dot(d[0], d[2], 0) == -1 && dot(d[1], d[2], 0) == -1);
  CHECK(phy_pss_gen(3, d[0]) == OLIVE_EINVAL);
}

/* SSS, 7.4.2.3.1. By hand, both registers start x(0..6) = 1 0 0 0 0 0 0.
 *   x0(i+7) = x0(i+4) ^ x0(i): x0(7..14) = 1 0 0 1 0 0 1 1
 *   x1(i+7) = x1(i+1) ^ x1(i): x1(7..14) = 1 0 0 0 0 0 1 1
 * PCI 0 (m0 = m1 = 0): d(n) = (1-2x0(n))(1-2x1(n)) = 1 for n = 0..9 (x0 = x1 there),
 *   d(10) = -1 (x0(10) = 1, x1(10) = 0), d(11..14) = 1.
 * PCI 1 (N_ID1 = 0, N_ID2 = 1: m0 = 5, m1 = 0): d(n) = (1-2x0(n+5))(1-2x1(n)):
 *   n = 0: x0(5)=0, x1(0)=1 -> -1; n = 1: 0,0 -> 1; n = 2: x0(7)=1 -> -1; n = 3: 1;
 *   n = 4: 1; n = 5: x0(10)=1 -> -1; n = 6: 1; n = 7: x1(7)=1 -> -1;
 *   n = 8: x0(13)=1, x1(8)=0 -> -1.
 * PCI 3 * 112 = 336 (N_ID1 = 112: m0 = 15, m1 = 0): d(0) = (1-2x0(15))(1-2x1(0)),
 *   x0(15) = x0(12)^x0(8) = 0 -> d(0) = -1. */
static void test_sss_hand(void)
{
  static const float pci0[15] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 1, 1, 1};
  static const float pci1[9] = {-1, 1, -1, 1, 1, -1, 1, -1, -1};
  float d[127];
  CHECK(phy_sss_gen(0, d) == 0 && memcmp(d, pci0, sizeof(pci0)) == 0);
  CHECK(phy_sss_gen(1, d) == 0 && memcmp(d, pci1, sizeof(pci1)) == 0);
  CHECK(phy_sss_gen(336, d) == 0 && d[0] == -1);
  CHECK(phy_sss_gen(1008, d) == OLIVE_EINVAL);
}

/* All 1008 SSS distinct, and their zero-lag cross-correlations take only the values a
 * product of two m-sequences allows: with the shift-and-add property, sum d_a d_b is
 * either the autocorrelation of one m-sequence (-1) or the cross-correlation of the
 * x0 and x1 m-sequences (x^7+x^4+1 and x^7+x+1), which for this preferred pair is
 * three-valued {-1, -17, 15} (Gold, t(7) = 17). So the largest is 17/127. */
static void test_sss_all(void)
{
  static float d[1008][127];
  for (uint32_t i = 0; i < 1008; i++) {
    phy_sss_gen(i, d[i]);
  }
  int maxabs = 0, bad = 0;
  for (uint32_t a = 0; a < 1008; a++) {
    for (uint32_t b = a + 1; b < 1008; b++) {
      int c = dot(d[a], d[b], 0);
      bad += (c != -1 && c != -17 && c != 15);
      maxabs = abs(c) > maxabs ? abs(c) : maxabs;
    }
  }
  CHECK(bad == 0 && maxabs == 17);
}

int main(void)
{
  test_pss();
  test_sss_hand();
  test_sss_all();
  return olive_test_done();
}
