/* SPDX-License-Identifier: Apache-2.0 */
/* SSB candidate positions in a half frame, TS 38.213 4.1 (FR1). */
#include <stddef.h>

#include "olive/phy/ssb.h"
#include "olive/support/error.h"

const char *phy_ssb_case_name(phy_ssb_case_t c)
{
  static const char *const names[PHY_SSB_CASE_COUNT] = {"A", "B", "C"};
  return (unsigned)c < PHY_SSB_CASE_COUNT ? names[c] : "?";
}

/* TS 38.213 4.1: first symbols {base} + period * n, n = 0 .. l_max / nbase - 1:
 *   case A: {2, 8} + 14 n     (n = 0, 1 for L_max 4; 0 .. 3 for L_max 8)
 *   case B: {4, 8, 16, 20} + 28 n (n = 0 for L_max 4; 0, 1 for L_max 8)
 *   case C: {2, 8} + 14 n     (n = 0, 1 for L_max 4; 0 .. 3 for L_max 8) */
static const struct {
  uint8_t nbase, period, base[4];
} pattern[PHY_SSB_CASE_COUNT] = {
    {2, 14, {2, 8}},
    {4, 28, {4, 8, 16, 20}},
    {2, 14, {2, 8}},
};

int phy_ssb_positions(phy_ssb_case_t c, uint32_t l_max, uint32_t first[PHY_SSB_MAX_LMAX])
{
  if ((unsigned)c >= PHY_SSB_CASE_COUNT || (l_max != 4 && l_max != 8) || first == NULL) {
    return OLIVE_EINVAL;
  }
  unsigned nb = pattern[c].nbase;
  for (uint32_t i = 0; i < l_max; i++) {
    first[i] = pattern[c].base[i % nb] + pattern[c].period * (i / nb);
  }
  return (int)l_max;
}
