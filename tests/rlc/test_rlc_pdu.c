/* SPDX-License-Identifier: Apache-2.0 */
/* RLC header codecs against bytes worked out by hand from TS 38.322 6.2.2.3 (UMD),
 * 6.2.2.4 (AMD) and 6.2.2.5 (STATUS), bit by bit in the comments, plus rejection of
 * malformed input, and against byte vectors published by srsRAN Project (a second,
 * independent source). The RLC-Config value tables are checked against sums computed here
 * from the ASN.1 text of TS 38.331 and against the number of entries the ASN.1 lists. */
#include <stdio.h>
#include <string.h>

#include "olive/rlc/rlc_cfg.h"
#include "olive/rlc/rlc_pdu.h"
#include "olive/support/error.h"
#include "olive_test.h"

static void check_bytes(const uint8_t *got, int n, const uint8_t *want, int wn, const char *what)
{
  CHECK(n == wn, "%s: length %d, want %d", what, n, wn);
  if (n == wn)
    CHECK(memcmp(got, want, (size_t)n) == 0, "%s: bytes differ", what);
}

static void check_data(const rlc_data_hdr_t *h, bool am, unsigned bits, const uint8_t *want, int wn,
                       const char *what)
{
  uint8_t b[8] = {0};
  int n = am ? rlc_amd_hdr_pack(h, bits, b, sizeof b) : rlc_umd_hdr_pack(h, bits, b, sizeof b);
  check_bytes(b, n, want, wn, what);
  /* decode back, with one data byte after the header */
  uint8_t pdu[9];
  memcpy(pdu, want, (size_t)wn);
  pdu[wn] = 0x5A;
  rlc_data_hdr_t d;
  int hl = am ? rlc_amd_hdr_unpack(pdu, (size_t)wn + 1, bits, &d)
              : rlc_umd_hdr_unpack(pdu, (size_t)wn + 1, bits, &d);
  CHECK(hl == wn, "%s: unpack gave %d", what, hl);
  CHECK(d.si == h->si && (h->si == RLC_SI_FULL && !am ? 1 : d.sn == h->sn) &&
            (rlc_si_has_so(h->si) ? d.so == h->so : 1) && (am ? d.poll == h->poll : 1),
        "%s: fields differ after unpack", what);
  /* a header with no data field is malformed (6.2.2.3/6.2.2.4: data field present) */
  hl = am ? rlc_amd_hdr_unpack(pdu, (size_t)wn, bits, &d)
          : rlc_umd_hdr_unpack(pdu, (size_t)wn, bits, &d);
  CHECK(hl == OLIVE_EPROTO, "%s: header-only PDU accepted", what);
}

static void test_umd(void)
{
  /* SI=00 (complete SDU): SI(2)=00, R(6)=000000 -> 0x00; no SN, no SO. */
  rlc_data_hdr_t h = {.si = RLC_SI_FULL, .sn = 0};
  check_data(&h, false, 6, (const uint8_t[]){0x00}, 1, "UMD full 6");
  check_data(&h, false, 12, (const uint8_t[]){0x00}, 1, "UMD full 12");
  /* 6-bit, SI=01 first, SN=42=101010: 01|101010 = 0x6A. */
  h = (rlc_data_hdr_t){.si = RLC_SI_FIRST, .sn = 42};
  check_data(&h, false, 6, (const uint8_t[]){0x6A}, 1, "UMD 6 first");
  /* 6-bit, SI=10 last, SN=5: 10|000101 = 0x85; SO=300=0x012C. */
  h = (rlc_data_hdr_t){.si = RLC_SI_LAST, .sn = 5, .so = 300};
  check_data(&h, false, 6, (const uint8_t[]){0x85, 0x01, 0x2C}, 3, "UMD 6 last");
  /* 12-bit, SI=11 middle, SN=0xABC: 11|00|1010 = 0xCA, 0xBC; SO=0x1234. */
  h = (rlc_data_hdr_t){.si = RLC_SI_MIDDLE, .sn = 0xABC, .so = 0x1234};
  check_data(&h, false, 12, (const uint8_t[]){0xCA, 0xBC, 0x12, 0x34}, 4, "UMD 12 middle");
  /* 12-bit, SI=01, SN=0x801: 01|00|1000 = 0x48, 0x01. */
  h = (rlc_data_hdr_t){.si = RLC_SI_FIRST, .sn = 0x801};
  check_data(&h, false, 12, (const uint8_t[]){0x48, 0x01}, 2, "UMD 12 first");
  /* SN wider than the field is refused on encode. */
  uint8_t b[4];
  h = (rlc_data_hdr_t){.si = RLC_SI_FIRST, .sn = 64};
  CHECK(rlc_umd_hdr_pack(&h, 6, b, 4) == OLIVE_EINVAL, "6-bit SN 64 accepted");
  CHECK(rlc_umd_hdr_pack(&h, 6, b, 0) < 0, "no room accepted");
  CHECK(rlc_umd_hdr_len(7, RLC_SI_FIRST) < 0, "7-bit UM SN accepted");
}

static void test_amd(void)
{
  /* 12-bit: D/C=1, P=1, SI=00, SN=0x123: 1|1|00|0001 = 0xC1, 0x23. */
  rlc_data_hdr_t h = {.si = RLC_SI_FULL, .poll = true, .sn = 0x123};
  check_data(&h, true, 12, (const uint8_t[]){0xC1, 0x23}, 2, "AMD 12 full P");
  /* 12-bit: P=0, SI=10, SN=0xFFF: 1|0|10|1111 = 0xAF, 0xFF; SO=100=0x0064. */
  h = (rlc_data_hdr_t){.si = RLC_SI_LAST, .sn = 0xFFF, .so = 100};
  check_data(&h, true, 12, (const uint8_t[]){0xAF, 0xFF, 0x00, 0x64}, 4, "AMD 12 last");
  /* 18-bit: P=1, SI=11, SN=0x2ABCD: 1|1|11|00|10 = 0xF2, 0xAB, 0xCD; SO=0xBEEF. */
  h = (rlc_data_hdr_t){.si = RLC_SI_MIDDLE, .poll = true, .sn = 0x2ABCD, .so = 0xBEEF};
  check_data(&h, true, 18, (const uint8_t[]){0xF2, 0xAB, 0xCD, 0xBE, 0xEF}, 5, "AMD 18 mid");
  /* 18-bit: P=0, SI=01, SN=0x10000: 1|0|01|00|01 = 0x91, 0x00, 0x00. */
  h = (rlc_data_hdr_t){.si = RLC_SI_FIRST, .sn = 0x10000};
  check_data(&h, true, 18, (const uint8_t[]){0x91, 0x00, 0x00}, 3, "AMD 18 first");
  /* A control PDU (D/C=0) is not an AMD PDU. */
  rlc_data_hdr_t d;
  CHECK(rlc_amd_hdr_unpack((const uint8_t[]){0x41, 0x23, 0x00}, 3, 12, &d) == OLIVE_EPROTO,
        "D/C=0 parsed as data");
  /* SO for SI=10 needs 2 more bytes: a 3-byte 12-bit PDU with SI=10 is truncated. */
  CHECK(rlc_amd_hdr_unpack((const uint8_t[]){0xA0, 0x01, 0x00}, 3, 12, &d) == OLIVE_EPROTO,
        "truncated SO accepted");
}

static void test_status(void)
{
  uint8_t b[64];
  rlc_status_pdu_t s, d;
  /* 12-bit, ACK_SN=0x123, no NACK: D/C=0 CPT=000 ACK_SN[11:8]=0001 -> 0x01, 0x23,
   * E1=0 R=0000000 -> 0x00. */
  memset(&s, 0, sizeof s);
  s.ack_sn = 0x123;
  int n = rlc_status_pack(&s, 12, b, sizeof b);
  check_bytes(b, n, (const uint8_t[]){0x01, 0x23, 0x00}, 3, "STATUS 12 ack only");

  /* 12-bit, ACK_SN=10, NACKs: 3; 5 with SO 100..end; 7 with range 2.
   *   00 0A | E1=1 -> 80
   *   NACK 3:  NACK_SN[11:4]=00, NACK_SN[3:0]=0011 E1=1 E2=0 E3=0 R=0 -> 0011 1000 = 38
   *   NACK 5:  00, 0101 1 1 0 0 -> 5C, SOstart 00 64, SOend FF FF
   *   NACK 7:  00, 0111 0 0 1 0 -> 72, range 02 */
  s.ack_sn = 10;
  s.nof_nacks = 3;
  s.nacks[0] = (rlc_status_nack_t){.sn = 3};
  s.nacks[1] = (rlc_status_nack_t){.sn = 5, .has_so = true, .so_start = 100, .so_end = 0xFFFF};
  s.nacks[2] = (rlc_status_nack_t){.sn = 7, .range = 2};
  const uint8_t w12[] = {0x00, 0x0A, 0x80, 0x00, 0x38, 0x00, 0x5C,
                         0x00, 0x64, 0xFF, 0xFF, 0x00, 0x72, 0x02};
  n = rlc_status_pack(&s, 12, b, sizeof b);
  check_bytes(b, n, w12, (int)sizeof w12, "STATUS 12 nacks");
  CHECK(rlc_status_unpack(w12, sizeof w12, 12, &d) == (int)sizeof w12, "unpack 12");
  CHECK(d.ack_sn == 10 && d.nof_nacks == 3 && d.nacks[0].sn == 3 && !d.nacks[0].has_so &&
            d.nacks[1].sn == 5 && d.nacks[1].has_so && d.nacks[1].so_start == 100 &&
            d.nacks[1].so_end == 0xFFFF && d.nacks[2].sn == 7 && d.nacks[2].range == 2,
        "STATUS 12 fields");
  CHECK(rlc_status_pack(&s, 12, b, 13) == OLIVE_ERANGE, "STATUS packed into too few bytes");

  /* 18-bit, ACK_SN=0x3FFFF: 0|000|1111 = 0F, ACK_SN[13:6]=FF, ACK_SN[5:0]=111111 E1=1 R=0
   * -> FE. NACK 0x20001 with SO 0x10..0x20 and range 3: NACK_SN[17:10]=80,
   * NACK_SN[9:2]=00, NACK_SN[1:0]=01 E1=0 E2=1 E3=1 R=000 -> 0101 1000 = 58,
   * SO 00 10 00 20, range 03. */
  memset(&s, 0, sizeof s);
  s.ack_sn = 0x3FFFF;
  s.nof_nacks = 1;
  s.nacks[0] = (rlc_status_nack_t){
      .sn = 0x20001, .has_so = true, .so_start = 0x10, .so_end = 0x20, .range = 3};
  const uint8_t w18[] = {0x0F, 0xFF, 0xFE, 0x80, 0x00, 0x58, 0x00, 0x10, 0x00, 0x20, 0x03};
  n = rlc_status_pack(&s, 18, b, sizeof b);
  check_bytes(b, n, w18, (int)sizeof w18, "STATUS 18");
  CHECK(rlc_status_unpack(w18, sizeof w18, 18, &d) == (int)sizeof w18, "unpack 18");
  CHECK(d.ack_sn == 0x3FFFF && d.nof_nacks == 1 && d.nacks[0].sn == 0x20001 &&
            d.nacks[0].so_start == 0x10 && d.nacks[0].so_end == 0x20 && d.nacks[0].range == 3,
        "STATUS 18 fields");

  /* Malformed: truncated NACK, CPT=001, NACK range 0, SOstart > SOend without range. */
  CHECK(rlc_status_unpack(w12, 12, 12, &d) == OLIVE_EPROTO, "truncated STATUS accepted");
  CHECK(rlc_status_unpack((const uint8_t[]){0x10, 0x00, 0x00}, 3, 12, &d) == OLIVE_EPROTO,
        "CPT=001 accepted");
  CHECK(rlc_status_unpack((const uint8_t[]){0x00, 0x0A, 0x80, 0x00, 0x32, 0x00}, 6, 12, &d) ==
            OLIVE_EPROTO,
        "NACK range 0 accepted");
  CHECK(rlc_status_unpack((const uint8_t[]){0x00, 0x0A, 0x80, 0x00, 0x34, 0x00, 0x09, 0x00, 0x08},
                          9, 12, &d) == OLIVE_EPROTO,
        "SOstart > SOend accepted");
  CHECK(rlc_status_unpack((const uint8_t[]){0x80, 0x00, 0x00}, 3, 12, &d) == OLIVE_EPROTO,
        "data PDU parsed as STATUS");
  /* Trailing padding after the last entry is ignored. */
  CHECK(rlc_status_unpack((const uint8_t[]){0x01, 0x23, 0x00, 0xAA}, 4, 12, &d) == 3 &&
            d.ack_sn == 0x123,
        "padding");
}

/* More NACKs than RLC_STATUS_MAX_NACKS: the list is cut and ACK_SN moves down to the first
 * entry left out, so nothing beyond it is taken as acknowledged. */
static void test_status_truncation(void)
{
  static uint8_t b[3 + 2 * (RLC_STATUS_MAX_NACKS + 10)];
  unsigned total = RLC_STATUS_MAX_NACKS + 10;
  b[0] = 0x0F; /* ACK_SN = 0xFFF */
  b[1] = 0xFF;
  b[2] = 0x80;
  for (unsigned i = 0; i < total; i++) {
    unsigned sn = 2 * i;
    b[3 + 2 * i] = (uint8_t)(sn >> 4);
    b[4 + 2 * i] = (uint8_t)((sn & 15) << 4 | (i + 1 < total ? 0x08 : 0));
  }
  static rlc_status_pdu_t d;
  int n = rlc_status_unpack(b, sizeof b, 12, &d);
  CHECK(n > 0 && d.nof_nacks == RLC_STATUS_MAX_NACKS && d.ack_sn == 2 * RLC_STATUS_MAX_NACKS,
        "truncation: n=%d nacks=%u ack=%u", n, d.nof_nacks, d.ack_sn);
}

/* TS 38.331 RLC-Config ENUMERATED tables. Entry counts from the ASN.1 (spares excluded):
 * T-PollRetransmit 59 + 4 (v1610) of 64, PollPDU 24 of 32, PollByte 44 of 64,
 * T-Reassembly 31 of 32, T-StatusProhibit 62 of 64. Sums are arithmetic series of the
 * listed values: t-PollRetransmit 5*(1+..+50) + 300+350+400+450+500+800+1000+2000+4000
 * + 1+2+3+4 = 6375 + 9800 + 10 = 16185; t-StatusProhibit 5*(0+..+50) + 2000 + 800+1000+
 * 1200+1600+2000+2400 = 6375 + 2000 + 9000 = 17375; t-Reassembly 5*(0+..+20) +
 * 10*(11+..+20) = 1050 + 1550 = 2600. */
static void test_cfg_tables(void)
{
  int64_t s = 0;
  for (int i = 0; i < RLC_T_POLL_RETX_N; i++)
    s += rlc_t_poll_retx_ms((rlc_t_poll_retx_t)i);
  CHECK(s == 16185, "t-PollRetransmit sum %lld", (long long)s);
  CHECK(rlc_t_poll_retx_ms(RLC_T_POLL_RETX_N) == -1, "spare1 accepted");
  CHECK(rlc_t_poll_retx_ms(RLC_T_POLL_RETX_MS45) == 45 &&
            rlc_t_poll_retx_ms(RLC_T_POLL_RETX_MS4000) == 4000,
        "t-PollRetransmit values");
  s = 0;
  for (int i = 0; i < RLC_T_STATUS_PROHIBIT_N; i++)
    s += rlc_t_status_prohibit_ms((rlc_t_status_prohibit_t)i);
  CHECK(s == 17375, "t-StatusProhibit sum %lld", (long long)s);
  s = 0;
  for (int i = 0; i < RLC_T_REASSEMBLY_N; i++)
    s += rlc_t_reassembly_ms((rlc_t_reassembly_t)i);
  CHECK(s == 2600, "t-Reassembly sum %lld", (long long)s);
  CHECK(rlc_t_reassembly_ms(RLC_T_REASSEMBLY_MS35) == 35, "ms35");
  /* PollPDU: p4..p65536 then infinity; pInfinity maps to RLC_INFINITY. */
  CHECK(rlc_poll_pdu_value(RLC_POLL_PDU_P4) == 4 && rlc_poll_pdu_value(22) == 65536 &&
            rlc_poll_pdu_value(RLC_POLL_PDU_INFINITY) == RLC_INFINITY &&
            rlc_poll_pdu_value(RLC_POLL_PDU_N) == -1,
        "PollPDU");
  CHECK(rlc_poll_byte_value(RLC_POLL_BYTE_KB25) == 25000 &&
            rlc_poll_byte_value(RLC_POLL_BYTE_MB40) == 40000000 &&
            rlc_poll_byte_value(RLC_POLL_BYTE_INFINITY) == RLC_INFINITY,
        "PollByte");
  s = 0;
  for (int i = 0; i < RLC_MAX_RETX_N; i++)
    s += rlc_max_retx_value((rlc_max_retx_t)i);
  CHECK(s == 1 + 2 + 3 + 4 + 6 + 8 + 16 + 32, "maxRetxThreshold sum %lld", (long long)s);
  CHECK(strcmp(rlc_t_poll_retx_name(RLC_T_POLL_RETX_MS45), "ms45") == 0 &&
            strcmp(rlc_t_poll_retx_name(RLC_T_POLL_RETX_MS1_V1610), "ms1-v1610") == 0 &&
            strcmp(rlc_poll_byte_name(RLC_POLL_BYTE_MB40), "mB40") == 0 &&
            strcmp(rlc_poll_pdu_name(RLC_POLL_PDU_P64), "p64") == 0,
        "names");
  rlc_cfg_t c = {.mode = RLC_MODE_UM, .sn_bits = 18};
  CHECK(rlc_cfg_validate(&c) == OLIVE_ECONFIG, "UM with 18-bit SN accepted");
  c = (rlc_cfg_t){.mode = RLC_MODE_AM, .sn_bits = 12, .poll_pdu = RLC_POLL_PDU_N};
  CHECK(rlc_cfg_validate(&c) == OLIVE_ECONFIG, "spare pollPDU accepted");
}

/* Second source: byte vectors published in srsRAN Project's unit tests
 * (tests/unittests/rlc/rlc_am_pdu_test.cpp, rlc_um_pdu_test.cpp), with the field values
 * stated there. Each is
 * decoded and re-encoded; the encoding must give the same bytes. */
typedef struct amd_vec {
  unsigned bits;
  uint8_t b[5];
  int len;
  rlc_data_hdr_t h;
} amd_vec_t;

static const amd_vec_t amd_vecs[] = {
    {12, {0x80, 0x00}, 2, {RLC_SI_FULL, false, 0, 0}},
    {12, {0xd1, 0xff}, 2, {RLC_SI_FIRST, true, 511, 0}},
    {12, {0xb4, 0x04, 0x04, 0x04}, 4, {RLC_SI_MIDDLE, false, 1028, 1028}},
    {12, {0xa4, 0x04, 0x04, 0x04}, 4, {RLC_SI_LAST, false, 1028, 1028}},
    {18, {0xc2, 0x02, 0x02}, 3, {RLC_SI_FULL, true, 131586, 0}},
    {18, {0x92, 0x00, 0xff}, 3, {RLC_SI_FIRST, false, 131327, 0}},
    {18, {0xb2, 0x00, 0xff, 0x02, 0x02}, 5, {RLC_SI_MIDDLE, false, 131327, 514}},
    {18, {0xa2, 0x00, 0xff, 0x02, 0x02}, 5, {RLC_SI_LAST, false, 131327, 514}},
};

/* srsRAN Project tests/unittests/rlc/rlc_um_pdu_test.cpp: UMD headers. */
static const amd_vec_t umd_vecs[] = {
    {6, {0x00}, 1, {RLC_SI_FULL, false, 0, 0}},
    {6, {0x5f}, 1, {RLC_SI_FIRST, false, 31, 0}},
    {6, {0xc3, 0x01, 0x02}, 3, {RLC_SI_MIDDLE, false, 3, 258}},
    {6, {0x81, 0x01, 0x02}, 3, {RLC_SI_LAST, false, 1, 258}},
    {12, {0x00}, 1, {RLC_SI_FULL, false, 0, 0}},
    {12, {0x40, 0x05}, 2, {RLC_SI_FIRST, false, 5, 0}},
    {12, {0xc0, 0x05, 0x01, 0x68}, 4, {RLC_SI_MIDDLE, false, 5, 360}},
    {12, {0x86, 0x06, 0x03, 0xcc}, 4, {RLC_SI_LAST, false, 1542, 972}},
};

typedef struct status_vec {
  unsigned bits;
  uint8_t b[17];
  int len;
  uint32_t ack;
  uint32_t n;
  rlc_status_nack_t k[2];
} status_vec_t;

static const status_vec_t status_vecs[] = {
    {12, {0x08, 0x11, 0x00}, 3, 2065, 0, {{0}}},
    {12, {0x08, 0x11, 0x80, 0x11, 0x10}, 5, 2065, 1, {{.sn = 273}}},
    {12,
     {0x08, 0x11, 0x80, 0x11, 0x1c, 0x00, 0x02, 0x00, 0x05, 0x11, 0x34, 0x00, 0x05, 0xff, 0xff},
     15,
     2065,
     2,
     {{.sn = 273, .has_so = true, .so_start = 2, .so_end = 5},
      {.sn = 275, .has_so = true, .so_start = 5, .so_end = 0xffff}}},
    {12,
     {0x08, 0x11, 0x80, 0x11, 0x1a, 0x03, 0x11, 0x46, 0x00, 0x02, 0x00, 0x05, 0x04},
     13,
     2065,
     2,
     {{.sn = 273, .range = 3},
      {.sn = 276, .has_so = true, .so_start = 2, .so_end = 5, .range = 4}}},
    {18, {0x0e, 0x66, 0x64}, 3, 235929, 0, {{0}}},
    {18, {0x0e, 0x66, 0x66, 0xd9, 0x99, 0x80}, 6, 235929, 1, {{.sn = 222822}}},
    {18,
     {0x0e, 0x66, 0x66, 0xd9, 0x99, 0xb0, 0x00, 0x02, 0x00, 0x05, 0xd9, 0xbf, 0xd0, 0x00, 0x05,
      0xff, 0xff},
     17,
     235929,
     2,
     {{.sn = 222822, .has_so = true, .so_start = 2, .so_end = 5},
      {.sn = 222975, .has_so = true, .so_start = 5, .so_end = 0xffff}}},
    {18,
     {0x0c, 0x44, 0x46, 0x44, 0x44, 0x68, 0x03, 0x44, 0x46, 0x58, 0x00, 0x02, 0x00, 0x05, 0x04},
     15,
     200977,
     2,
     {{.sn = 69905, .range = 3},
      {.sn = 69913, .has_so = true, .so_start = 2, .so_end = 5, .range = 4}}},
};

static bool nack_eq(const rlc_status_nack_t *a, const rlc_status_nack_t *b)
{
  return a->sn == b->sn && a->has_so == b->has_so && a->range == b->range &&
         (!a->has_so || (a->so_start == b->so_start && a->so_end == b->so_end));
}

static void test_srsran_vectors(void)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(amd_vecs); i++) {
    const amd_vec_t *v = &amd_vecs[i];
    char what[32];
    snprintf(what, sizeof what, "srsRAN AMD vector %u", i);
    check_data(&v->h, true, v->bits, v->b, v->len, what);
  }
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(umd_vecs); i++) {
    const amd_vec_t *v = &umd_vecs[i];
    char what[32];
    snprintf(what, sizeof what, "srsRAN UMD vector %u", i);
    check_data(&v->h, false, v->bits, v->b, v->len, what);
  }
  /* Where we differ on purpose: srsRAN rejects a UMD PDU with R bits set (0x33 = SI=00,
   * R=110011); TS 38.322 6.2.3.x says "The receiving entity shall ignore this field", so
   * it is a complete SDU here. */
  rlc_data_hdr_t h;
  CHECK(rlc_umd_hdr_unpack((const uint8_t[]){0x33, 0x01, 0x02}, 3, 6, &h) == 1 &&
            h.si == RLC_SI_FULL,
        "R bits not ignored");
  static rlc_status_pdu_t s, d;
  uint8_t out[32];
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(status_vecs); i++) {
    const status_vec_t *v = &status_vecs[i];
    int n = rlc_status_unpack(v->b, (size_t)v->len, v->bits, &d);
    bool ok = n == v->len && d.ack_sn == v->ack && d.nof_nacks == v->n;
    for (uint32_t k = 0; ok && k < v->n; k++)
      ok = nack_eq(&d.nacks[k], &v->k[k]);
    CHECK(ok, "srsRAN STATUS vector %u decoded wrongly (n=%d)", i, n);
    memset(&s, 0, sizeof s);
    s.ack_sn = v->ack;
    s.nof_nacks = v->n;
    memcpy(s.nacks, v->k, sizeof(v->k[0]) * v->n);
    n = rlc_status_pack(&s, v->bits, out, sizeof out);
    check_bytes(out, n, v->b, v->len, "srsRAN STATUS vector re-encoded");
  }
  /* Their malformed 12-bit STATUS vectors: too short; E1, E2, E3 pointing past the end. */
  const uint8_t e1[] = {0x08, 0x11, 0x80, 0x11, 0x1c, 0x00, 0x02, 0x00,
                        0x05, 0x11, 0x3c, 0x00, 0x05, 0xff, 0xff};
  const uint8_t e2[] = {0x08, 0x11, 0x80, 0x11, 0x1c, 0x00, 0x02, 0x00, 0x05, 0x11, 0x34, 0x00};
  const uint8_t e3[] = {0x08, 0x11, 0x80, 0x11, 0x1c, 0x00, 0x02, 0x00, 0x05, 0x11, 0x32};
  CHECK(rlc_status_unpack(e1, 2, 12, &d) == OLIVE_EPROTO, "2-byte STATUS accepted");
  CHECK(rlc_status_unpack(e1, sizeof e1, 12, &d) == OLIVE_EPROTO, "E1 past the end accepted");
  CHECK(rlc_status_unpack(e2, sizeof e2, 12, &d) == OLIVE_EPROTO, "E2 past the end accepted");
  CHECK(rlc_status_unpack(e3, sizeof e3, 12, &d) == OLIVE_EPROTO, "E3 past the end accepted");
}

int main(void)
{
  test_umd();
  test_amd();
  test_status();
  test_status_truncation();
  test_srsran_vectors();
  test_cfg_tables();
  return olive_test_done();
}
