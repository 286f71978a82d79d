/* SPDX-License-Identifier: Apache-2.0 */
/* TR 38.901 V17 7.7.2: the TDL-A, TDL-B and TDL-C tables (normalised delay, power in dB),
 * transcribed as printed. Cross-checked in tests/phy/channel/test_channel_tdl.c against
 * a second public transcription (NVlabs sionna, sionna/channel/tr38901/models/TDL-*.json)
 * and against the property of 7.7.3 that each table has an RMS delay spread of 1. */
#include <string.h>

#include "olive/phy/channel.h"
#include "olive/support/error.h"

/* TR 38.901 Table 7.7.2-1: TDL-A (NLOS, Rayleigh). */
static const phy_channel_tap_t tdl_a[] = {
    {0.0000f, -13.4f}, {0.3819f, 0.0f},   {0.4025f, -2.2f},  {0.5868f, -4.0f},  {0.4610f, -6.0f},
    {0.5375f, -8.2f},  {0.6708f, -9.9f},  {0.5750f, -10.5f}, {0.7618f, -7.5f},  {1.5375f, -15.9f},
    {1.8978f, -6.6f},  {2.2242f, -16.7f}, {2.1718f, -12.4f}, {2.4942f, -15.2f}, {2.5119f, -10.8f},
    {3.0582f, -11.3f}, {4.0810f, -12.7f}, {4.4579f, -16.2f}, {4.5695f, -18.3f}, {4.7966f, -18.9f},
    {5.0066f, -16.6f}, {5.3043f, -19.9f}, {9.6586f, -29.7f},
};

/* TR 38.901 Table 7.7.2-2: TDL-B (NLOS, Rayleigh). */
static const phy_channel_tap_t tdl_b[] = {
    {0.0000f, 0.0f},   {0.1072f, -2.2f}, {0.2155f, -4.0f},  {0.2095f, -3.2f}, {0.2870f, -9.8f},
    {0.2986f, -1.2f},  {0.3752f, -3.4f}, {0.5055f, -5.2f},  {0.3681f, -7.6f}, {0.3697f, -3.0f},
    {0.5700f, -8.9f},  {0.5283f, -9.0f}, {1.1021f, -4.8f},  {1.2756f, -5.7f}, {1.5474f, -7.5f},
    {1.7842f, -1.9f},  {2.0169f, -7.6f}, {2.8294f, -12.2f}, {3.0219f, -9.8f}, {3.6187f, -11.4f},
    {4.1067f, -14.9f}, {4.2790f, -9.2f}, {4.7834f, -11.3f},
};

/* TR 38.901 Table 7.7.2-3: TDL-C (NLOS, Rayleigh). */
static const phy_channel_tap_t tdl_c[] = {
    {0.0000f, -4.4f},  {0.2099f, -1.2f},  {0.2219f, -3.5f},  {0.2329f, -5.2f},  {0.2176f, -2.5f},
    {0.6366f, 0.0f},   {0.6448f, -2.2f},  {0.6560f, -3.9f},  {0.6584f, -7.4f},  {0.7935f, -7.1f},
    {0.8213f, -10.7f}, {0.9336f, -11.1f}, {1.2285f, -5.1f},  {1.3083f, -6.8f},  {2.1704f, -8.7f},
    {2.7105f, -13.2f}, {4.2589f, -13.9f}, {4.6003f, -13.9f}, {5.4902f, -15.8f}, {5.6077f, -17.1f},
    {6.3065f, -16.0f}, {6.6374f, -15.7f}, {7.0427f, -21.6f}, {8.6523f, -22.8f},
};

static const char *const model_names[PHY_CHANNEL_NOF_MODELS] = {"awgn", "tdla", "tdlb", "tdlc"};

const char *phy_channel_model_name(phy_channel_model_t m)
{
  return (unsigned)m < PHY_CHANNEL_NOF_MODELS ? model_names[m] : "?";
}

int phy_channel_model_parse(const char *s, phy_channel_model_t *m)
{
  if (s == NULL || m == NULL) {
    return OLIVE_EINVAL;
  }
  for (unsigned i = 0; i < PHY_CHANNEL_NOF_MODELS; i++) {
    if (strcmp(s, model_names[i]) == 0) {
      *m = (phy_channel_model_t)i;
      return 0;
    }
  }
  return OLIVE_EINVAL;
}

uint32_t phy_channel_tdl_table(phy_channel_model_t m, const phy_channel_tap_t **taps)
{
  const phy_channel_tap_t *t = NULL;
  uint32_t n = 0;
  switch (m) {
  case PHY_CHANNEL_TDLA:
    t = tdl_a, n = OLIVE_ARRAY_SIZE(tdl_a);
    break;
  case PHY_CHANNEL_TDLB:
    t = tdl_b, n = OLIVE_ARRAY_SIZE(tdl_b);
    break;
  case PHY_CHANNEL_TDLC:
    t = tdl_c, n = OLIVE_ARRAY_SIZE(tdl_c);
    break;
  default:
    break;
  }
  if (taps != NULL) {
    *taps = t;
  }
  return n;
}
