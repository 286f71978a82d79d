/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for the DCI unpackers (bits that come off the air after a CRC match): the
 * first 8 bytes choose a configuration (1_1/0_1 and the 1_0/0_0 fallback sizes), the rest
 * is the payload, one bit per byte: first unfiltered, so non-binary bytes and every length
 * reach the unpackers, then made binary and cut to each format's size. Whatever unpacks
 * must pack back to the same bits (padding excepted). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "olive/phy/dci.h"

#define HDR 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static phy_dci_ue_cfg_t cfg_from(const uint8_t *h)
{
  phy_dci_ue_cfg_t c = {0};
  c.n_rb_dl = 1 + (h[0] | (h[1] & 1) << 8) % 275;
  c.n_rb_ul = 1 + (h[2] | (h[3] & 1) << 8) % 275;
  c.dl_bwp_start = (h[1] >> 1) % (276 - c.n_rb_dl);
  c.ul_bwp_start = (h[3] >> 1) % (276 - c.n_rb_ul);
  c.dl_ra_type = (phy_dci_ra_type_t)(h[4] % 3);
  c.ul_ra_type = (phy_dci_ra_type_t)(h[4] / 3 % 3);
  c.dl_rbg_config = c.ul_rbg_config = 1 + (h[4] >> 7);
  c.nof_dl_tdra = h[5] & 15;
  c.nof_ul_tdra = h[5] >> 4;
  c.two_codewords = h[6] & 1;
  c.dl_dmrs_type = 1 + (h[6] >> 1 & 1);
  c.dl_dmrs_max_len = 1 + (h[6] >> 2 & 1);
  c.transform_precoding = h[6] >> 3 & 1;
  c.ul_dmrs_type = c.transform_precoding ? 1 : 1 + (h[6] >> 4 & 1);
  c.ul_dmrs_max_len = 1 + (h[6] >> 5 & 1);
  c.carrier_indicator = h[6] >> 6 & 1;
  c.dynamic_harq_codebook = h[6] >> 7;
  c.nof_dl_data_to_ul_ack = 1 + (h[7] & 7);
  c.csi_report_trigger_size = (h[7] >> 3) % 7;
  c.tx_config = (phy_dci_tx_config_t)(h[7] >> 6 == 3 ? 0 : h[7] >> 6);
  c.nof_srs_resources = 1 + (h[7] >> 3 & 3);
  return c;
}

static void check_1_1(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t n)
{
  phy_dci_1_1_t d;
  uint8_t again[PHY_DCI_MAX_BITS];
  if (phy_dci_1_1_unpack(s, bits, n, &d) == 0) {
    if (phy_dci_1_1_pack(s, &d, again) != (int)n || memcmp(again, bits, n - s->f1_1.pad) != 0) {
      __builtin_trap();
    }
  }
}

static void check_0_1(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t n)
{
  phy_dci_0_1_t d;
  uint8_t again[PHY_DCI_MAX_BITS];
  if (phy_dci_0_1_unpack(s, bits, n, &d) == 0) {
    if (phy_dci_0_1_pack(s, &d, again) != (int)n || memcmp(again, bits, n - s->f0_1.pad) != 0) {
      __builtin_trap();
    }
  }
}

/* The 1_0 / 0_0 unpackers take no length: they only get a full payload. */
static void check_fallback(const phy_dci_sizes_t *f, const uint8_t *bits, uint32_t n)
{
  if (n < f->size_1_0) {
    return;
  }
  phy_dci_1_0_t d;
  phy_dci_0_0_t e;
  for (int t = 0; t < PHY_RNTI_TYPE_COUNT; t++) {
    (void)phy_dci_1_0_unpack(f, (phy_rnti_type_t)t, bits, &d);
  }
  (void)phy_dci_0_0_unpack(f, bits, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < HDR) {
    return 0;
  }
  phy_dci_ue_cfg_t c = cfg_from(data);
  phy_dci_size_cfg_t fc = {.n_rb_dl = c.n_rb_dl, .n_rb_ul = c.n_rb_ul, .uss = data[0] & 1};
  phy_dci_sizes_t css, uss;
  phy_dci_ue_sizes_t s;
  if (phy_dci_sizes(&fc, &css) != 0 || phy_dci_sizes(&fc, &uss) != 0 ||
      phy_dci_ue_sizes(&c, &css, (data[2] & 1) ? &uss : NULL, &s) != 0) {
    return 0;
  }
  const uint8_t *bits = data + HDR;
  uint32_t n = (uint32_t)(size - HDR > PHY_DCI_MAX_BITS ? PHY_DCI_MAX_BITS : size - HDR);
  check_1_1(&s, bits, n);
  check_0_1(&s, bits, n);
  check_fallback(&css, bits, n);
  /* Again with the bytes made binary and the length cut to each format's size, so random
   * inputs also reach the field parsing and the re-pack comparison. */
  uint8_t bin[PHY_DCI_MAX_BITS];
  for (uint32_t i = 0; i < n; i++) {
    bin[i] = bits[i] & 1;
  }
  if (n >= s.f1_1.size) {
    check_1_1(&s, bin, s.f1_1.size);
  }
  if (n >= s.f0_1.size) {
    check_0_1(&s, bin, s.f0_1.size);
  }
  return 0;
}
