/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH payload generation (TS 38.212 7.1.1) and payload scrambling (7.1.2). */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "olive/phy/pbch.h"
#include "olive/phy/seq.h"
#include "olive/support/error.h"

#define A PHY_BCH_MSG_BITS

/* TS 38.212 Table 7.1.1-1: value of the PBCH payload interleaver pattern G(j). */
static const uint8_t g_pattern[PHY_PBCH_A_BAR] = {
    16, 23, 18, 17, 8,  30, 10, 6,  24, 7,  0,  5,  3,  2,  1,  4,
    9,  11, 12, 13, 14, 15, 19, 20, 21, 22, 25, 26, 27, 28, 29, 31,
};

const uint8_t *phy_pbch_interleaver_pattern(void)
{
  return g_pattern;
}

static bool lmax_ok(uint32_t l_max)
{
  return l_max == 4 || l_max == 8 || l_max == 64;
}

int phy_pbch_payload_bits(const phy_pbch_msg_t *m, uint32_t l_max, uint8_t a_bar[PHY_PBCH_A_BAR])
{
  if (m == NULL || a_bar == NULL || !lmax_ok(l_max) || m->sfn > 1023 || m->hrf > 1 ||
      m->ssb_idx >= l_max || m->k_ssb > 31) {
    return OLIVE_EINVAL;
  }
  for (uint32_t i = 0; i < A; i++) {
    a_bar[i] = m->bch[i] & 1u;
  }
  /* a_A .. a_A+3: 4th, 3rd, 2nd, 1st LSB of the SFN; a_A+4: half-frame bit */
  for (uint32_t b = 0; b < 4; b++) {
    a_bar[A + b] = (uint8_t)((m->sfn >> (3 - b)) & 1u);
  }
  a_bar[A + 4] = (uint8_t)m->hrf;
  if (l_max == 64) { /* a_A+5 .. a_A+7: 6th, 5th, 4th bits of the SSB index */
    for (uint32_t b = 0; b < 3; b++) {
      a_bar[A + 5 + b] = (uint8_t)((m->ssb_idx >> (5 - b)) & 1u);
    }
  } else { /* a_A+5: MSB of k_SSB; a_A+6, a_A+7 reserved (0) */
    a_bar[A + 5] = (uint8_t)((m->k_ssb >> 4) & 1u);
    a_bar[A + 6] = 0;
    a_bar[A + 7] = 0;
  }
  return OLIVE_OK;
}

/* TS 38.212 7.1.1: the index j into G of payload bit i. SFN bits are the six SFN MSBs of
 * the BCCH-BCH message (bits 1..6, after the 1-bit message CHOICE) and a_A .. a_A+3. */
static uint32_t g_index(uint32_t i)
{
  if (i >= 1 && i <= 6) {
    return i - 1; /* j_SFN 0..5 */
  }
  if (i >= A && i < A + 4) {
    return 6 + (i - A); /* j_SFN 6..9 */
  }
  if (i == A + 4) {
    return 10; /* j_HRF */
  }
  if (i >= A + 5) {
    return 11 + (i - A - 5); /* j_SSB 11..13 */
  }
  return 14 + (i == 0 ? 0 : i - 6); /* j_other: a_0, a_7 .. a_23 */
}

int phy_pbch_payload_interleave(const uint8_t a_bar[PHY_PBCH_A_BAR], uint32_t l_max,
                                uint8_t a_prime[PHY_PBCH_A_BAR])
{
  if (a_bar == NULL || a_prime == NULL || !lmax_ok(l_max)) {
    return OLIVE_EINVAL;
  }
  for (uint32_t i = 0; i < PHY_PBCH_A_BAR; i++) {
    a_prime[g_pattern[g_index(i)]] = a_bar[i];
  }
  return OLIVE_OK;
}

int phy_pbch_payload_deinterleave(const uint8_t a_prime[PHY_PBCH_A_BAR], uint32_t l_max,
                                  uint8_t a_bar[PHY_PBCH_A_BAR])
{
  if (a_bar == NULL || a_prime == NULL || !lmax_ok(l_max)) {
    return OLIVE_EINVAL;
  }
  for (uint32_t i = 0; i < PHY_PBCH_A_BAR; i++) {
    a_bar[i] = a_prime[g_pattern[g_index(i)]];
  }
  return OLIVE_OK;
}

uint32_t phy_pbch_payload_v(const uint8_t a_prime[PHY_PBCH_A_BAR], uint32_t l_max)
{
  (void)l_max;
  /* the SFN 3rd LSB is a_A+1 (j_SFN = 7), the 2nd LSB a_A+2 (j_SFN = 8) */
  return (uint32_t)(2u * (a_prime[g_pattern[7]] & 1u) + (a_prime[g_pattern[8]] & 1u));
}

/* TS 38.212 7.1.2: true for the interleaved positions that are never scrambled. */
static bool unscrambled(uint32_t pos, uint32_t l_max)
{
  if (pos == g_pattern[7] || pos == g_pattern[8] || pos == g_pattern[10]) {
    return true;
  }
  return l_max == 64 && (pos == g_pattern[11] || pos == g_pattern[12] || pos == g_pattern[13]);
}

int phy_pbch_payload_scramble(uint8_t a[PHY_PBCH_A_BAR], uint32_t n_id, uint32_t l_max, uint32_t v)
{
  if (a == NULL || !lmax_ok(l_max) || n_id > PHY_NID_CELL_MAX || v > 3) {
    return OLIVE_EINVAL;
  }
  uint32_t m = l_max == 64 ? PHY_PBCH_A_BAR - 6 : PHY_PBCH_A_BAR - 3;
  uint8_t c[PHY_PBCH_A_BAR];
  phy_seq_gold_bits(c, n_id, v * m, m);
  uint32_t j = 0;
  for (uint32_t i = 0; i < PHY_PBCH_A_BAR; i++) {
    if (!unscrambled(i, l_max)) {
      a[i] ^= c[j++];
    }
  }
  return OLIVE_OK;
}
