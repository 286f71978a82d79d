/* SPDX-License-Identifier: Apache-2.0 */
/* Input bit interleaver, TS 38.212 5.3.1.1 (I_IL = 1 for PBCH and DCI). */
#include "olive/phy/polar.h"
#include "olive/support/error.h"

/* Pi(k) for K <= K_IL^max: the entries of Pi_IL^max that are >= K_IL^max - K, in table
 * order, less K_IL^max - K. */
static void polar_il_pattern(uint8_t *pi, unsigned K)
{
  const uint8_t *pmax = phy_polar_il_pattern();
  unsigned off = PHY_POLAR_K_IL_MAX - K, k = 0;
  for (unsigned m = 0; m < PHY_POLAR_K_IL_MAX; m++) {
    if (pmax[m] >= off) {
      pi[k++] = (uint8_t)(pmax[m] - off);
    }
  }
}

int phy_polar_interleave(uint8_t *out, const uint8_t *in, unsigned K)
{
  if (out == NULL || in == NULL || K > PHY_POLAR_K_IL_MAX) {
    return OLIVE_EINVAL;
  }
  uint8_t pi[PHY_POLAR_K_IL_MAX];
  polar_il_pattern(pi, K);
  for (unsigned k = 0; k < K; k++) {
    out[k] = in[pi[k]];
  }
  return OLIVE_OK;
}

int phy_polar_deinterleave(uint8_t *out, const uint8_t *in, unsigned K)
{
  if (out == NULL || in == NULL || K > PHY_POLAR_K_IL_MAX) {
    return OLIVE_EINVAL;
  }
  uint8_t pi[PHY_POLAR_K_IL_MAX];
  polar_il_pattern(pi, K);
  for (unsigned k = 0; k < K; k++) {
    out[pi[k]] = in[k];
  }
  return OLIVE_OK;
}
