/* SPDX-License-Identifier: Apache-2.0 */
/* MAC-NR pcap writer, pinned two independent ways:
 *  - bytes: headers written out by hand from Wireshark's packet-mac-nr.h (tags 0x01
 *    payload, 0x02 RNTI, 0x03 UE id, 0x05 PHR type 2 other cell, 0x06 HARQ id, 0x07 SFN +
 *    slot) and RFC 768, and the
 *    pcap file layout from pcap-savefile(5) (magic 0xa1b2c3d4, v2.4, link type 149);
 *  - tshark (Debian's Wireshark 4.0) decodes the files written through the API: each
 *    frame as mac-nr with the written radio type, direction, RNTI type, RNTI, UE id, HARQ
 *    id, PHR flag, SFN and slot; nr-rrc decodes the MIB (BCCH-BCH) and SIB1 (BCCH-DL-SCH on
 * SI-RNTI) from olive_rrc, and the SIB1 PLMN, TAC, cell identity, band and carrier width it prints
 *    are the configured ones; no "Malformed" and no error or warning expert info.
 * The write calls (slot path) are also checked not to allocate on the calling thread.
 * tshark is run with a private, empty configuration directory (the user's preferences
 * neither help nor break it) and the settings of mac/README.md. When tshark is missing
 * that part is skipped with a message (CI installs it). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "olive/mac/pcap.h"
#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive/support/error.h"
#include "olive_test.h"

#include "olive_test_alloc.h"

#define PCAP_FDD "test_mac_pcap_fdd.pcap"
#define PCAP_TDD "test_mac_pcap_tdd.pcap"
#define WS_CONF  "test_mac_pcap_wsconf"
#define OUT_MAX  (256 * 1024)

/* The configured cell, away from rrc's defaults so a field left at its default shows. */
#define CFG_TAC     0x12345u
#define CFG_CELL_ID 0x123456789ull /* 36 bits */
#define CFG_SFN     100u
#define CFG_K_SSB   6u

/* DL, SI-RNTI 0xFFFF, SFN 0x123 = 291, slot 5, 10-byte PDU, no UE id or HARQ id. */
static void test_header_bytes(void)
{
  static const uint8_t want[] = {
      0xBE, 0xEF, 0xDE, 0xAD,            /* UDP ports */
      0x00, 36,                          /* UDP length: 8 + 18 + 10 */
      0xFF, 0xFF,                        /* checksum (none computable, see pcap.c) */
      'm',  'a',  'c',  '-',  'n',  'r', /* MAC_NR_START_STRING */
      0x01,                              /* radioType FDD_RADIO */
      0x01,                              /* direction DIRECTION_DOWNLINK */
      0x04,                              /* rntiType SI_RNTI */
      0x02, 0xFF, 0xFF,                  /* MAC_NR_RNTI_TAG */
      0x07, 0x01, 0x23, 0x00, 0x05,      /* MAC_NR_FRAME_SLOT_TAG */
      0x01,                              /* MAC_NR_PAYLOAD_TAG */
  };
  mac_pcap_ctx_t c = {.dir = MAC_PCAP_DL,
                      .rnti_type = MAC_PCAP_SI_RNTI,
                      .rnti = 0xFFFF,
                      .harq_id = -1,
                      .sfn = 0x123,
                      .slot = 5};
  uint8_t out[MAC_PCAP_MAX_HDR];
  int n = mac_pcap_frame_header(MAC_PCAP_FDD, &c, 10, out, sizeof out);
  CHECK(n == (int)sizeof want, "header length %d", n);
  CHECK(n == (int)sizeof want && memcmp(out, want, sizeof want) == 0, "header bytes differ");

  /* Every tag: TDD, UL, C-RNTI 0x4601, UE id 7, HARQ 5, PHR type 2 other cell, SFN 1023,
   * slot 79 (120 kHz), empty PDU: UDP length 33. */
  static const uint8_t all[] = {
      0xBE, 0xEF, 0xDE, 0xAD, 0x00, 33,  0xFF, 0xFF, /* UDP */
      'm',  'a',  'c',  '-',  'n',  'r',             /* MAC_NR_START_STRING */
      0x02, 0x00, 0x03,                              /* TDD, UL, C-RNTI */
      0x02, 0x46, 0x01,                              /* RNTI */
      0x03, 0x00, 0x07,                              /* UE id */
      0x06, 0x05,                                    /* HARQ id */
      0x05, 0x01,                                    /* PHR type 2 other cell */
      0x07, 0x03, 0xFF, 0x00, 79,                    /* SFN, slot */
      0x01,                                          /* payload */
  };
  c = (mac_pcap_ctx_t){.dir = MAC_PCAP_UL,
                       .rnti_type = MAC_PCAP_C_RNTI,
                       .rnti = 0x4601,
                       .has_ue_id = true,
                       .ue_id = 7,
                       .harq_id = 5,
                       .sfn = 1023,
                       .slot = 79,
                       .phr_type2_othercell = true};
  n = mac_pcap_frame_header(MAC_PCAP_TDD, &c, 0, out, sizeof out);
  CHECK(n == MAC_PCAP_MAX_HDR && memcmp(out, all, sizeof all) == 0, "full header, n=%d", n);
}

static void test_header_errors(void)
{
  mac_pcap_ctx_t ok = {.dir = MAC_PCAP_DL, .rnti_type = MAC_PCAP_NO_RNTI, .harq_id = -1};
  uint8_t out[MAC_PCAP_MAX_HDR];
  mac_pcap_ctx_t c = ok;
  c.sfn = 1024;
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &c, 3, out, sizeof out) == OLIVE_EINVAL);
  c = ok;
  c.harq_id = 16;
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &c, 3, out, sizeof out) == OLIVE_EINVAL);
  c = ok;
  c.rnti_type = (mac_pcap_rnti_type_t)6;
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &c, 3, out, sizeof out) == OLIVE_EINVAL);
  c = ok;
  c.slot = 320;
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &c, 3, out, sizeof out) == OLIVE_EINVAL);
  CHECK(mac_pcap_frame_header((mac_pcap_duplex_t)0, &ok, 3, out, sizeof out) == OLIVE_EINVAL);
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &ok, 65535, out, sizeof out) == OLIVE_EINVAL);
  /* NO_RNTI, no tags but SFN/slot: 8 + 6 + 3 + 5 + 1 = 23 bytes. */
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &ok, 3, out, 22) == OLIVE_ERANGE);
  CHECK(mac_pcap_frame_header(MAC_PCAP_FDD, &ok, 3, out, 23) == 23);
  CHECK(mac_pcap_write(NULL, &ok, out, 3) == OLIVE_EINVAL);
  CHECK(mac_pcap_open(NULL) == NULL);
  mac_pcap_args_t bad = {.path = "/nonexistent-dir/x.pcap", .duplex = MAC_PCAP_FDD};
  CHECK(mac_pcap_open(&bad) == NULL);
  mac_pcap_close(NULL);
  CHECK(mac_pcap_dropped(NULL) == 0);
}

/* The messages of the configured cell, from olive_rrc. */
static int build_messages(uint8_t mib[RRC_MIB_BYTES], uint8_t *sib1, size_t cap)
{
  rrc_mib_t m = {.system_frame_number = rrc_mib_sfn_msbs(CFG_SFN),
                 .ssb_subcarrier_offset = CFG_K_SSB,
                 .control_resource_set_zero = 12,
                 .search_space_zero = 0,
                 .cell_barred = RRC_CELL_NOT_BARRED};
  CHECK(rrc_mib_pack(&m, mib, RRC_MIB_BYTES, NULL) == 0);
  rrc_sib1_cell_cfg_t cfg;
  rrc_sib1_cell_cfg_default(&cfg);
  static const uint8_t mcc[3] = {3, 1, 0}, mnc[3] = {4, 5, 6};
  memcpy(cfg.mcc, mcc, 3);
  memcpy(cfg.mnc, mnc, 3);
  cfg.nof_mnc_digits = 3;
  cfg.tac = CFG_TAC;
  cfg.cell_identity = CFG_CELL_ID;
  static rrc_sib1_t s;
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0);
  int n = rrc_sib1_pack(&s, sib1, cap, NULL, NULL);
  CHECK(n > 0, "sib1 pack %d", n);
  return n;
}

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return 0;
  size_t n = fread(buf, 1, cap, f);
  fclose(f);
  return n;
}

static uint32_t le32(const uint8_t *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* pcap-savefile(5): 24-byte global header, then per record ts_sec, ts_usec, incl_len,
 * orig_len (host order, here little-endian) and the bytes. */
static void check_file(const uint8_t *mib, const uint8_t *sib1, size_t sib1_len)
{
  static uint8_t f[4096];
  size_t n = read_file(PCAP_FDD, f, sizeof f);
  CHECK(n >= 24 && le32(f) == 0xa1b2c3d4u && le32(f + 20) == 149, "pcap global header");
  CHECK(f[4] == 2 && f[6] == 4, "pcap version 2.4");
  /* Record 1: BCH, NO_RNTI, SFN 100 = 0x64, slot 0, 23-byte header + 3-byte MIB. */
  static const uint8_t bch[] = {0xBE, 0xEF, 0xDE, 0xAD, 0x00, 26,   0xFF, 0xFF,
                                'm',  'a',  'c',  '-',  'n',  'r',  0x01, 0x01,
                                0x00, 0x07, 0x00, 0x64, 0x00, 0x00, 0x01};
  const uint8_t *r = f + 24;
  CHECK(n >= 24 + 16 + 26 && le32(r + 8) == 26 && le32(r + 12) == 26, "record 1 lengths");
  if (n >= 24 + 16 + 26) {
    CHECK(memcmp(r + 16, bch, sizeof bch) == 0, "record 1 header");
    CHECK(memcmp(r + 16 + sizeof bch, mib, 3) == 0, "record 1 MIB");
  }
  r += 16 + 26;
  size_t len2 = 26 + sib1_len;
  CHECK((size_t)(r - f) + 16 + len2 == n, "file holds exactly two records");
  if ((size_t)(r - f) + 16 + len2 <= n) {
    CHECK(le32(r + 8) == len2 && r[16 + 4] == len2 >> 8 && r[16 + 5] == (len2 & 0xFF));
    CHECK(memcmp(r + 16 + 26, sib1, sib1_len) == 0, "record 2 SIB1");
  }
}

static void write_files(const uint8_t *mib, const uint8_t *sib1, size_t sib1_len)
{
  mac_pcap_args_t a = {.path = PCAP_FDD, .duplex = MAC_PCAP_FDD};
  mac_pcap_t *p = mac_pcap_open(&a);
  CHECK(p != NULL);
#if OLIVE_TEST_COUNT_ALLOCS
  unsigned long allocs = olive_test_nof_allocs;
#endif
  CHECK(mac_pcap_write_bch(p, CFG_SFN, 0, mib, RRC_MIB_BYTES) == 0);
  CHECK(mac_pcap_write_dlsch(p, MAC_PCAP_SI_RNTI, 0xFFFF, CFG_SFN, 1, sib1, sib1_len) == 0);
#if OLIVE_TEST_COUNT_ALLOCS
  CHECK(olive_test_nof_allocs == allocs, "the write path allocated %lu times",
        olive_test_nof_allocs - allocs);
#endif
  CHECK(mac_pcap_dropped(p) == 0);
  mac_pcap_close(p);

  /* TDD: a C-RNTI DL-SCH PDU of one padding subPDU (LCID 63, TS 38.321 Table 6.2.1-1) with
   * RNTI, UE id and HARQ tags at a 30 kHz slot number above 15, then an UL one. */
  static const uint8_t pad[8] = {0x3F};
  a = (mac_pcap_args_t){.path = PCAP_TDD, .duplex = MAC_PCAP_TDD};
  p = mac_pcap_open(&a);
  CHECK(p != NULL);
  mac_pcap_ctx_t c = {.dir = MAC_PCAP_DL,
                      .rnti_type = MAC_PCAP_C_RNTI,
                      .rnti = 0x4601,
                      .has_ue_id = true,
                      .ue_id = 7,
                      .harq_id = 5,
                      .sfn = 1023,
                      .slot = 19};
  CHECK(mac_pcap_write(p, &c, pad, sizeof pad) == 0);
  /* and the same from the UE, with the PHR type 2 tag, slot 0 */
  c.dir = MAC_PCAP_UL;
  c.phr_type2_othercell = true;
  c.slot = 0;
  CHECK(mac_pcap_write(p, &c, pad, sizeof pad) == 0);
  mac_pcap_close(p);
}

static bool has_tshark(void)
{
  return system("command -v tshark >/dev/null 2>&1") == 0;
}

/* The command documented in mac/README.md, with a private configuration directory. */
static size_t run_tshark(const char *file, char *out, size_t cap)
{
  char cmd[512];
  mkdir(WS_CONF, 0700);
  snprintf(cmd, sizeof cmd,
           "WIRESHARK_CONFIG_DIR=" WS_CONF " tshark -n -r %s "
           "-o 'uat:user_dlts:\"User 2 (DLT=149)\",\"udp\",\"0\",\"\",\"0\",\"\"' "
           "--enable-heuristic mac_nr_udp -V 2>&1",
           file);
  FILE *f = popen(cmd, "r");
  if (f == NULL)
    return 0;
  size_t n = fread(out, 1, cap - 1, f);
  out[n] = '\0';
  int st = pclose(f);
  CHECK(st == 0, "tshark exit status %d", st);
  return n;
}

/* The text of frame k (1-based): from "Frame k:" to the next "\nFrame ". */
static const char *frame_text(const char *all, int k, char *buf, size_t cap)
{
  char tag[32];
  snprintf(tag, sizeof tag, "Frame %d:", k);
  const char *s = strstr(all, tag);
  if (s == NULL)
    return "";
  const char *e = strstr(s + 1, "\nFrame ");
  size_t n = e ? (size_t)(e - s) : strlen(s);
  n = n < cap - 1 ? n : cap - 1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return buf;
}

static void expect(const char *text, const char *what, int frame)
{
  CHECK(strstr(text, what) != NULL, "frame %d: tshark does not print \"%s\"", frame, what);
}

static void expect_clean(const char *out)
{
  CHECK(strstr(out, "Malformed") == NULL, "tshark reports a malformed packet");
  CHECK(strstr(out, "Expert Info (Error") == NULL, "tshark reports an expert error");
  CHECK(strstr(out, "Expert Info (Warn") == NULL, "tshark reports an expert warning");
  CHECK(strstr(out, "Frame 1:") != NULL, "tshark printed no frame:\n%s", out);
}

/* The MCC-MNC-Digit values in the order tshark prints them. */
static void plmn_digits(const char *t, char *digits, size_t cap)
{
  size_t n = 0;
  const char *key = "MCC-MNC-Digit: ";
  for (const char *s = strstr(t, key); s != NULL && n + 1 < cap; s = strstr(s + 1, key))
    digits[n++] = s[strlen(key)];
  digits[n] = '\0';
}

static void check_fdd_decode(const char *out)
{
  static char t[OUT_MAX];
  expect_clean(out);
  const char *f1 = frame_text(out, 1, t, sizeof t);
  const char *m1[] = {"Protocols in frame: user_dlt:udp:mac-nr:nr-rrc]",
                      "MAC-NR BCCH PDU (3 bytes, on BCH transport)",
                      "[Radio Type: FDD (1)]",
                      "[Direction: Downlink (1)]",
                      "[RNTI Type: NO-RNTI (0)]",
                      "[System Frame Number: 100]",
                      "[Slot: 0]",
                      "BCCH-BCH-Message",
                      "systemFrameNumber: 18 [", /* 100 >> 4 = 6 = 000110, padded 0x18 */
                      "ssb-SubcarrierOffset: 6",
                      "controlResourceSetZero: 12",
                      "searchSpaceZero: 0",
                      "cellBarred: notBarred (1)"};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(m1); i++)
    expect(f1, m1[i], 1);
  CHECK(strstr(f1, "decimal value 6]") != NULL, "MIB SFN MSBs");
  const char *f2 = frame_text(out, 2, t, sizeof t);
  const char *m2[] = {"Protocols in frame: user_dlt:udp:mac-nr:nr-rrc]",
                      "on DL-SCH transport)",
                      "[RNTI: 0xffff (65535)]",
                      "[RNTI Type: SI-RNTI (4)]",
                      "[System Frame Number: 100]",
                      "[Slot: 1]",
                      "BCCH-DL-SCH-Message",
                      "systemInformationBlockType1",
                      "decimal value 74565]",      /* TAC 0x12345 */
                      "decimal value 4886718345]", /* cell identity 0x123456789 */
                      "freqBandIndicatorNR: 3",
                      "carrierBandwidth: 106",
                      "controlResourceSetZero: 12"};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(m2); i++)
    expect(f2, m2[i], 2);
  expect(f2, "trackingAreaCode: 012345 [", 2);
  expect(f2, "cellIdentity: 1234567890 [", 2); /* 36 bits padded to 40 */
  char digits[16];
  plmn_digits(f2, digits, sizeof digits);
  CHECK(strcmp(digits, "310456") == 0, "PLMN digits %s, configured 310-456", digits);
  CHECK(strstr(out, "Frame 3:") == NULL, "more than two frames");
}

static void check_tdd_decode(const char *out)
{
  static char t[OUT_MAX];
  expect_clean(out);
  const char *f1 = frame_text(out, 1, t, sizeof t);
  const char *m[] = {"[Radio Type: TDD (2)]",
                     "[Direction: Downlink (1)]",
                     "[RNTI: 0x4601 (17921)]",
                     "[RNTI Type: C-RNTI (3)]",
                     "[UEId: 7]",
                     "[HarqId: 5]",
                     "[System Frame Number: 1023]",
                     "[Slot: 19]",
                     "LCID: Padding (0x3f)"};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(m); i++)
    expect(f1, m[i], 1);
  CHECK(strstr(f1, "PHR Type2") == NULL, "frame 1 carries no PHR tag");
  const char *f2 = frame_text(out, 2, t, sizeof t);
  const char *m2[] = {"MAC-NR UL-SCH", "[Direction: Uplink (0)]", "[Slot: 0]",
                      "[PHR Type2 other cell PHR: True]"};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(m2); i++)
    expect(f2, m2[i], 2);
}

int main(void)
{
  test_header_bytes();
  test_header_errors();
  uint8_t mib[RRC_MIB_BYTES];
  static uint8_t sib1[RRC_SIB1_MAX_BYTES];
  int sib1_len = build_messages(mib, sib1, sizeof sib1);
  if (sib1_len <= 0)
    return olive_test_done();
  write_files(mib, sib1, (size_t)sib1_len);
  check_file(mib, sib1, (size_t)sib1_len);
  if (!has_tshark()) {
    printf("SKIP tshark part: tshark not found in PATH (install Wireshark's tshark)\n");
    return olive_test_done();
  }
  static char out[OUT_MAX];
  run_tshark(PCAP_FDD, out, sizeof out);
  check_fdd_decode(out);
  run_tshark(PCAP_TDD, out, sizeof out);
  check_tdd_decode(out);
  return olive_test_done();
}
