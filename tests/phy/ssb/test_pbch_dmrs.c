/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH DMRS (TS 38.211 7.4.1.4.1) against an independent, bit-serial evaluation of the
 * spec written here: 5.2.1 c(n) = (x1(n + 1600) + x2(n + 1600)) mod 2 with
 * x1(n + 31) = (x1(n + 3) + x1(n)) mod 2, x1(0) = 1, x1(1..30) = 0, and
 * x2(n + 31) = (x2(n + 3) + x2(n + 2) + x2(n + 1) + x2(n)) mod 2, x2 from c_init. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"
#include "olive_test.h"

#define NC   1600
#define CLEN 288

static void gold_ref(uint32_t c_init, uint8_t c[CLEN])
{
  static uint8_t x1[NC + CLEN + 31], x2[NC + CLEN + 31];
  for (int i = 0; i < 31; i++) {
    x1[i] = i == 0;
    x2[i] = (c_init >> i) & 1;
  }
  for (int n = 0; n < NC + CLEN; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) % 2;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) % 2;
  }
  for (int n = 0; n < CLEN; n++) {
    c[n] = (x1[n + NC] + x2[n + NC]) % 2;
  }
}

/* The reference written out from 7.4.1.4.1 with the i_SSB_bar rule and c_init formula. */
static void dmrs_ref(uint32_t n_id, uint32_t idx, uint32_t l_max, uint32_t n_hf, cf_t r[144])
{
  uint32_t ibar = l_max == 4 ? idx % 4 + 4 * n_hf : idx % 8;
  uint32_t c_init = 2048 * (ibar + 1) * (n_id / 4 + 1) + 64 * (ibar + 1) + n_id % 4;
  uint8_t c[CLEN];
  gold_ref(c_init, c);
  for (int m = 0; m < 144; m++) {
    r[m] = (1 - 2 * c[2 * m]) / sqrtf(2) + I * ((1 - 2 * c[2 * m + 1]) / sqrtf(2));
  }
}

static int same(const cf_t *a, const cf_t *b)
{
  for (int i = 0; i < 144; i++) {
    if (cabsf(a[i] - b[i]) > 1e-6f) {
      return 0;
    }
  }
  return 1;
}

int main(void)
{
  static const uint32_t pcis[] = {0, 1, 2, 3, 4, 17, 500, 1006, 1007};
  cf_t r[144], ref[144], r2[144];
  unsigned cases = 0;
  for (unsigned p = 0; p < sizeof(pcis) / sizeof(pcis[0]); p++) {
    for (uint32_t l_max = 4; l_max <= 8; l_max += 4) {
      for (uint32_t idx = 0; idx < l_max; idx++) {
        for (uint32_t hf = 0; hf < 2; hf++) {
          CHECK(phy_pbch_dmrs_gen(pcis[p], idx, l_max, hf, r) == 0);
          dmrs_ref(pcis[p], idx, l_max, hf, ref);
          CHECK(same(r, ref));
          cases++;
        }
      }
    }
  }
  CHECK(cases == 9 * (4 + 8) * 2);
  /* The i_SSB_bar rule: (SSB 2, L_max 4, n_hf 1) and (SSB 6, L_max 8) share
   * i_SSB_bar = 6; n_hf is ignored for L_max 8 and matters for L_max 4. */
  phy_pbch_dmrs_gen(321, 2, 4, 1, r);
  phy_pbch_dmrs_gen(321, 6, 8, 0, r2);
  CHECK(same(r, r2));
  phy_pbch_dmrs_gen(321, 6, 8, 1, r);
  CHECK(same(r, r2));
  phy_pbch_dmrs_gen(321, 2, 4, 0, r);
  CHECK(!same(r, r2));
  /* unit-modulus QPSK */
  for (int i = 0; i < 144; i++) {
    CHECK(fabsf(fabsf(crealf(r[i])) - (float)M_SQRT1_2) < 1e-6f);
    CHECK(fabsf(fabsf(cimagf(r[i])) - (float)M_SQRT1_2) < 1e-6f);
  }
  CHECK(phy_pbch_dmrs_gen(1008, 0, 8, 0, r) == OLIVE_EINVAL);
  CHECK(phy_pbch_dmrs_gen(0, 4, 4, 0, r) == OLIVE_EINVAL);
  CHECK(phy_pbch_dmrs_gen(0, 0, 64, 0, r) == OLIVE_EINVAL);
  CHECK(phy_pbch_dmrs_gen(0, 0, 4, 2, r) == OLIVE_EINVAL);
  return olive_test_done();
}
