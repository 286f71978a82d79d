/* SPDX-License-Identifier: Apache-2.0 */
/* MIB (TS 38.331 v16.9.0 6.2.2): bytes worked by hand from the ASN.1, round trips over
 * random valid MIBs (fixed seed), and refusal of out-of-range fields with their name. */
#include <string.h>

#include "olive/rrc/mib.h"
#include "olive/support/error.h"
#include "olive_test.h"

/* BCCH-BCH-Message, bit by bit (MSB of byte 0 first):
 *   message CHOICE index mib            0
 *   systemFrameNumber (6) = 0x12        010010
 *   subCarrierSpacingCommon scs15or60   0          -> byte 0 = 0010 0100 = 0x24
 *   ssb-SubcarrierOffset (0..15) = 0    0000
 *   dmrs-TypeA-Position pos2            0
 *   controlResourceSetZero (0..15) = 12 110|0      -> byte 1 = 0000 0110 = 0x06
 *   searchSpaceZero (0..15) = 0         0000
 *   cellBarred notBarred                1
 *   intraFreqReselection allowed        0
 *   spare                               0          -> byte 2 = 0000 0100 = 0x04
 * tshark 4.0 decodes these three bytes to the same values (test_rrc_tshark). */
static void test_hand_vector(void)
{
  rrc_mib_t m = {.system_frame_number = 0x12,
                 .sub_carrier_spacing_common = RRC_SCS_COMMON_SCS15OR60,
                 .ssb_subcarrier_offset = 0,
                 .dmrs_type_a_position = RRC_DMRS_TYPE_A_POS2,
                 .control_resource_set_zero = 12,
                 .search_space_zero = 0,
                 .cell_barred = RRC_CELL_NOT_BARRED,
                 .intra_freq_reselection = RRC_INTRA_FREQ_RESELECTION_ALLOWED};
  uint8_t out[3];
  CHECK(rrc_mib_pack(&m, out, sizeof out, NULL) == 0, "pack");
  CHECK(out[0] == 0x24 && out[1] == 0x06 && out[2] == 0x04, "MIB %02x %02x %02x, expected 24 06 04",
        out[0], out[1], out[2]);
  /* second vector: SFN MSBs 63, scs30or120, k_SSB 15, pos3, CORESET#0 5, SS#0 9, barred,
   * notAllowed: 0 111111 1 | 1111 1 010 | 1 1001 0 1 0 -> 7F FA CA */
  rrc_mib_t b = {63,
                 RRC_SCS_COMMON_SCS30OR120,
                 15,
                 RRC_DMRS_TYPE_A_POS3,
                 5,
                 9,
                 RRC_CELL_BARRED,
                 RRC_INTRA_FREQ_RESELECTION_NOT_ALLOWED,
                 0};
  CHECK(rrc_mib_pack(&b, out, sizeof out, NULL) == 0, "pack b");
  CHECK(out[0] == 0x7F && out[1] == 0xFA && out[2] == 0xCA, "MIB b %02x %02x %02x", out[0], out[1],
        out[2]);
  CHECK(rrc_mib_sfn_msbs(0x12 << 4 | 0xF) == 0x12, "SFN MSBs");
}

static void test_round_trips(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(0x31B);
  for (int i = 0; i < 5000; i++) {
    rrc_mib_t m = {0}, d;
    m.system_frame_number = (uint8_t)olive_test_below(&rng, 64);
    m.sub_carrier_spacing_common = (rrc_scs_common_t)olive_test_below(&rng, 2);
    m.ssb_subcarrier_offset = (uint8_t)olive_test_below(&rng, 16);
    m.dmrs_type_a_position = (rrc_dmrs_type_a_position_t)olive_test_below(&rng, 2);
    m.control_resource_set_zero = (uint8_t)olive_test_below(&rng, 16);
    m.search_space_zero = (uint8_t)olive_test_below(&rng, 16);
    m.cell_barred = (rrc_cell_barred_t)olive_test_below(&rng, 2);
    m.intra_freq_reselection = (rrc_intra_freq_reselection_t)olive_test_below(&rng, 2);
    m.spare = (uint8_t)olive_test_below(&rng, 2);
    uint8_t out[3];
    int e = rrc_mib_pack(&m, out, sizeof out, NULL);
    CHECK(e == 0 && rrc_mib_unpack(out, 3, &d) == 0 && memcmp(&m, &d, sizeof m) == 0,
          "round trip %d", i);
    /* every 24-bit pattern whose first bit is 0 is a valid MIB: decode-encode is identity */
    uint8_t in[3] = {(uint8_t)(olive_test_below(&rng, 128)), (uint8_t)olive_test_below(&rng, 256),
                     (uint8_t)olive_test_below(&rng, 256)};
    CHECK(rrc_mib_unpack(in, 3, &d) == 0 && rrc_mib_pack(&d, out, 3, NULL) == 0 &&
              memcmp(in, out, 3) == 0,
          "bytes %02x%02x%02x", in[0], in[1], in[2]);
  }
}

static void expect_bad(rrc_mib_t m, const char *field)
{
  uint8_t out[3];
  const char *bad = NULL;
  CHECK(rrc_mib_pack(&m, out, sizeof out, &bad) == OLIVE_EINVAL, "%s accepted", field);
  CHECK(bad && strcmp(bad, field) == 0, "error names '%s', expected '%s'", bad ? bad : "(null)",
        field);
}

static void test_rejects(void)
{
  rrc_mib_t ok = {0};
  rrc_mib_t m = ok;
  m.system_frame_number = 64;
  expect_bad(m, "systemFrameNumber");
  m = ok, m.sub_carrier_spacing_common = (rrc_scs_common_t)2;
  expect_bad(m, "subCarrierSpacingCommon");
  m = ok, m.ssb_subcarrier_offset = 16;
  expect_bad(m, "ssb-SubcarrierOffset");
  m = ok, m.control_resource_set_zero = 16;
  expect_bad(m, "controlResourceSetZero");
  m = ok, m.search_space_zero = 16;
  expect_bad(m, "searchSpaceZero");
  m = ok, m.cell_barred = (rrc_cell_barred_t)2;
  expect_bad(m, "cellBarred");
  m = ok, m.spare = 2;
  expect_bad(m, "spare");
  uint8_t out[3], in[3] = {0x80, 0, 0};
  rrc_mib_t d;
  CHECK(rrc_mib_pack(&ok, out, 2, NULL) == OLIVE_ERANGE, "2-byte buffer accepted");
  CHECK(rrc_mib_unpack(in, 2, &d) == OLIVE_EPROTO, "2-byte MIB decoded");
  CHECK(rrc_mib_unpack(in, 3, &d) == OLIVE_ENOTSUP, "messageClassExtension decoded");
}

int main(void)
{
  test_hand_vector();
  test_round_trips();
  test_rejects();
  return olive_test_done();
}
