/* SPDX-License-Identifier: Apache-2.0 */
/* Primary and secondary synchronisation signals, TS 38.211 7.4.2.2 and 7.4.2.3. */
#include <stddef.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"

/* Length-127 m-sequence x(0..126) of x(i+7) = (x(i+taps) + x(i)) mod 2, from the initial
 * state init = [x(6) .. x(0)] given MSB first. */
static void mseq(uint8_t x[PHY_PSS_LEN], unsigned taps, unsigned init)
{
  for (unsigned i = 0; i < 7; i++) {
    x[i] = (uint8_t)((init >> i) & 1u);
  }
  for (unsigned i = 0; i + 7 < PHY_PSS_LEN; i++) {
    x[i + 7] = x[i + taps] ^ x[i];
  }
}

int phy_pss_gen(uint32_t n_id2, float d[PHY_PSS_LEN])
{
  if (n_id2 > 2 || d == NULL) {
    return OLIVE_EINVAL;
  }
  /* 7.4.2.2.1: x(i+7) = (x(i+4) + x(i)) mod 2, [x(6)..x(0)] = [1 1 1 0 1 1 0],
   * d_PSS(n) = 1 - 2 x(m), m = (n + 43 N_ID^(2)) mod 127. */
  uint8_t x[PHY_PSS_LEN];
  mseq(x, 4, 0x76);
  for (unsigned n = 0; n < PHY_PSS_LEN; n++) {
    d[n] = 1.0f - 2.0f * x[(n + 43u * n_id2) % PHY_PSS_LEN];
  }
  return OLIVE_OK;
}

int phy_sss_gen(uint32_t n_id, float d[PHY_SSS_LEN])
{
  if (n_id > PHY_NID_CELL_MAX || d == NULL) {
    return OLIVE_EINVAL;
  }
  /* 7.4.2.3.1: x0(i+7) = (x0(i+4) + x0(i)) mod 2, x1(i+7) = (x1(i+1) + x1(i)) mod 2, both
   * [x(6)..x(0)] = [0 0 0 0 0 0 1];
   * d_SSS(n) = [1 - 2 x0((n + m0) mod 127)] [1 - 2 x1((n + m1) mod 127)],
   * m0 = 15 floor(N_ID^(1) / 112) + 5 N_ID^(2), m1 = N_ID^(1) mod 112. */
  uint8_t x0[PHY_SSS_LEN], x1[PHY_SSS_LEN];
  mseq(x0, 4, 0x01);
  mseq(x1, 1, 0x01);
  uint32_t n1 = n_id / 3, n2 = n_id % 3;
  uint32_t m0 = 15u * (n1 / 112u) + 5u * n2, m1 = n1 % 112u;
  for (unsigned n = 0; n < PHY_SSS_LEN; n++) {
    float a = 1.0f - 2.0f * x0[(n + m0) % PHY_SSS_LEN];
    float b = 1.0f - 2.0f * x1[(n + m1) % PHY_SSS_LEN];
    d[n] = a * b;
  }
  return OLIVE_OK;
}
