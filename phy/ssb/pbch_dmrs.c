/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH demodulation reference signal, TS 38.211 7.4.1.4.1. */
#include <math.h>
#include <stddef.h>

#include "olive/phy/seq.h"
#include "olive/phy/ssb.h"
#include "olive/support/error.h"

int phy_pbch_dmrs_gen(uint32_t n_id, uint32_t ssb_idx, uint32_t l_max, uint32_t n_hf,
                      cf_t r[PHY_PBCH_DMRS_NRE])
{
  if (n_id > PHY_NID_CELL_MAX || (l_max != 4 && l_max != 8) || ssb_idx >= l_max || n_hf > 1 ||
      r == NULL) {
    return OLIVE_EINVAL;
  }
  /* i_SSB_bar = i_SSB + 4 n_hf for L_max = 4 (i_SSB the two LSBs of the SSB index),
   * i_SSB_bar = i_SSB for L_max = 8 (the three LSBs). */
  uint32_t ibar = l_max == 4 ? (ssb_idx & 3u) + 4u * n_hf : (ssb_idx & 7u);
  /* c_init = 2^11 (i_SSB_bar + 1)(floor(N_ID / 4) + 1) + 2^6 (i_SSB_bar + 1) + N_ID mod 4 */
  uint32_t c_init = (1u << 11) * (ibar + 1) * (n_id / 4 + 1) + (1u << 6) * (ibar + 1) + n_id % 4;
  /* r(m) = (1 - 2c(2m)) / sqrt(2) + j (1 - 2c(2m+1)) / sqrt(2), m = 0 .. 143 */
  float c[2 * PHY_PBCH_DMRS_NRE];
  phy_seq_gold_float(c, c_init, 0, 2 * PHY_PBCH_DMRS_NRE);
  const float a = (float)M_SQRT1_2;
  for (uint32_t m = 0; m < PHY_PBCH_DMRS_NRE; m++) {
    r[m] = a * c[2 * m] + I * (a * c[2 * m + 1]);
  }
  return OLIVE_OK;
}
