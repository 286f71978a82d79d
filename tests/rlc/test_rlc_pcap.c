/* SPDX-License-Identifier: Apache-2.0 */
/* The RLC-NR pcap is decoded by an independent implementation: Wireshark's rlc-nr
 * dissector (tshark 4.0, heuristic "rlc_nr_udp" on a DLT 149 user link type mapped to
 * "udp"). The test drives TM, UM (6/12-bit) and AM (12/18-bit) entities through a known
 * sequence, including segmentation and a STATUS PDU with a NACK, writes their PDUs to a
 * pcap, runs tshark with a private config dir (HOME and WIRESHARK_CONFIG_DIR point to a
 * temporary directory), and compares the decoded fields line by line with the values the
 * sequence must produce (worked out below). Exit 77 (CTest skip) when tshark is absent. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "olive/support/pcap.h"
#include "rlc_link.h"

static olive_buf_pool_t pool;
static char dir[64];
static char pcap_path[128];

static void put(rlc_entity_t *e, uint32_t idx, uint32_t len)
{
  olive_buf_t *b = olive_buf_alloc(&pool);
  sdu_fill(b, idx, len);
  CHECK(rlc_entity_write_sdu(e, b, idx) == 0, "write_sdu");
}

static rlc_entity_t *make(rlc_mode_t mode, unsigned bits, sink_t *s, olive_pcap_t *p, uint8_t btype,
                          uint8_t bid, bool dl)
{
  rlc_entity_args_t a = {
      .cfg = {.mode = mode,
              .sn_bits = (uint8_t)bits,
              .t_poll_retx = RLC_T_POLL_RETX_MS45,
              .poll_pdu = RLC_POLL_PDU_INFINITY,
              .poll_byte = RLC_POLL_BYTE_INFINITY,
              .max_retx = RLC_MAX_RETX_T8,
              .t_reassembly = RLC_T_REASSEMBLY_MS5,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS0},
      .max_sdu_bytes = 1600,
      .rx_nof_bufs = 16,
      .upper = {.ctx = s, .deliver_sdu = sink_deliver},
      .pcap = p,
      .ue_id = 0x1234,
      .bearer_type = btype,
      .bearer_id = bid,
      .tx_is_dl = dl,
  };
  rlc_entity_t *e = NULL;
  CHECK(rlc_entity_create(&a, &e) == 0, "create");
  return e;
}

/* Moves every PDU from tx to rx with the given grant; drops the ones whose index (counted
 * from 0 over this call) is in drop_mask. */
static void xfer(rlc_entity_t *tx, rlc_entity_t *rx, size_t grant, uint32_t drop_mask)
{
  uint8_t pdu[2000];
  int n;
  for (uint32_t k = 0; (n = rlc_entity_pull_pdu(tx, pdu, grant)) > 0; k++)
    if (!(drop_mask >> k & 1))
      rlc_entity_write_pdu(rx, pdu, (size_t)n);
}

/* The traffic. Only the gNB-side entities (A, C, D, E) write to the pcap.
 * AM 12-bit DRB1 (A = gNB, DL):
 *   SDU0 100 B whole            -> DL AMD SN0 SI=00, P=1 (buffers empty after it, 5.3.3.2)
 *   SDU1 1500 B, grant 600      -> SN1 first (600-2 = 598 B), middle SO=598 (600-4 = 596 B),
 *                                  last SO=1194 (306 B; buffers empty -> P=1)
 *   STATUS from B (UL)          -> ACK_SN=2
 *   SDU2, SDU3, SDU4 (50 B), the PDU of SDU3 lost; SDU4 has P=1 (buffers empty)
 *                               -> DL SN2, SN3, SN4 P=1
 *   B's t-Reassembly (5 ms) expires -> STATUS ACK_SN=5, NACK_SN=3 (UL)
 *   A retransmits SN3 (P=1: buffers empty after it) -> DL SN3
 * UM 6-bit DRB2 (C): SDU 300 B with grant 200 -> SN0 first, SN0 last SO=199 (DL).
 * UM 12-bit DRB3 (F): SDU 40 B whole -> SI=00, no SN.
 * TM CCCH (D): SDU 20 B -> TM data (DL).
 * AM 18-bit SRB1 (E): SDU 10 B -> SN0 P=1. */
static void traffic(olive_pcap_t *p)
{
  sink_t sa, sb;
  sink_init(&sa, 64, 1600);
  sink_init(&sb, 64, 1600);
  sb.fixed_len = SINK_ANY_LEN;
  rlc_entity_t *A = make(RLC_MODE_AM, 12, &sa, p, RLC_PCAP_BEARER_DRB, 1, true);
  rlc_entity_t *B = make(RLC_MODE_AM, 12, &sb, NULL, RLC_PCAP_BEARER_DRB, 1, false);
  put(A, 0, 100);
  xfer(A, B, 1600, 0);
  put(A, 1, 1500);
  xfer(A, B, 600, 0);
  xfer(B, A, 1600, 0);
  put(A, 2, 50);
  put(A, 3, 50);
  put(A, 4, 50);
  rlc_entity_tick(A, 1000);
  rlc_entity_tick(B, 1000);
  uint8_t pdu[200];
  for (int k = 0; k < 3; k++) { /* one PDU per call so the second is the lost one */
    int n = rlc_entity_pull_pdu(A, pdu, 60);
    if (k != 1)
      rlc_entity_write_pdu(B, pdu, (size_t)n);
  }
  xfer(B, A, 1600, 0); /* B: no STATUS yet: RX_Highest_Status is still 3 (poll delayed) */
  rlc_entity_tick(A, 7000);
  rlc_entity_tick(B, 7000); /* t-Reassembly expiry */
  xfer(B, A, 1600, 0);
  xfer(A, B, 1600, 0);
  CHECK(sb.delivered == 5 && sb.corrupt == 0, "AM delivered %llu",
        (unsigned long long)sb.delivered);

  rlc_entity_t *C = make(RLC_MODE_UM, 6, &sa, p, RLC_PCAP_BEARER_DRB, 2, true);
  put(C, 10, 300);
  xfer(C, B, 200, 0xFFFFFFFF);
  rlc_entity_t *F = make(RLC_MODE_UM, 12, &sa, p, RLC_PCAP_BEARER_DRB, 3, true);
  put(F, 11, 40);
  xfer(F, B, 200, 0xFFFFFFFF);
  rlc_entity_t *D = make(RLC_MODE_TM, 0, &sa, p, RLC_PCAP_BEARER_CCCH, 0, true);
  put(D, 12, 20);
  xfer(D, B, 200, 0xFFFFFFFF);
  rlc_entity_t *E = make(RLC_MODE_AM, 18, &sa, p, RLC_PCAP_BEARER_SRB, 1, true);
  put(E, 13, 10);
  xfer(E, B, 200, 0xFFFFFFFF);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  rlc_entity_destroy(C);
  rlc_entity_destroy(D);
  rlc_entity_destroy(E);
  rlc_entity_destroy(F);
  free(sa.count);
  free(sb.count);
}

/* tshark fields, ';'-separated: mode, direction, ueid, bearer-type, bearer-id,
 * seqnum-length, am.sn, am.si, am.p, am.so, am.ack-sn, am.nack-sn, um.si, um.sn, um.so,
 * _ws.malformed (empty: no record is flagged malformed).
 * Wireshark prints booleans as 1/0 (am.p). TM=1, UM=2, AM=4; DL=1, UL=0. */
static const char *const expected[] = {
    "4;1;4660;5;1;12;0;0x00;1;;;;;;;",     /* SN0 whole, poll */
    "4;1;4660;5;1;12;1;0x01;0;;;;;;;",     /* SN1 first */
    "4;1;4660;5;1;12;1;0x03;0;598;;;;;;",  /* SN1 middle */
    "4;1;4660;5;1;12;1;0x02;1;1194;;;;;;", /* SN1 last, poll */
    "4;0;4660;5;1;12;;;;;2;;;;;",          /* STATUS ACK_SN=2 */
    "4;1;4660;5;1;12;2;0x00;0;;;;;;;",     /* SN2 */
    "4;1;4660;5;1;12;3;0x00;0;;;;;;;",     /* SN3 (lost on the link) */
    "4;1;4660;5;1;12;4;0x00;1;;;;;;;",     /* SN4, poll */
    "4;0;4660;5;1;12;;;;;5;3;;;;",         /* STATUS ACK_SN=5 NACK_SN=3 */
    "4;1;4660;5;1;12;3;0x00;1;;;;;;;",     /* SN3 retransmitted, poll */
    "2;1;4660;5;2;6;;;;;;;0x01;0;;",       /* UM6 first */
    "2;1;4660;5;2;6;;;;;;;0x02;0;199;",    /* UM6 last */
    "2;1;4660;5;3;12;;;;;;;0x00;;;",       /* UM12 whole */
    "1;1;4660;1;;;;;;;;;;;;",              /* TM: no bearer id / SN length shown */
    "4;1;4660;4;1;18;0;0x00;1;;;;;;;",     /* AM18 SN0 poll */
};

static int run_tshark(void)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "HOME=%s WIRESHARK_CONFIG_DIR=%s tshark -r %s "
           "-o 'uat:user_dlts:\"User 2 (DLT=149)\",\"udp\",\"0\",\"\",\"0\",\"\"' "
           "--enable-heuristic rlc_nr_udp -T fields -E separator=';' -e rlc-nr.mode "
           "-e rlc-nr.direction -e rlc-nr.ueid -e rlc-nr.bearer-type -e rlc-nr.bearer-id "
           "-e rlc-nr.seqnum-length -e rlc-nr.am.sn -e rlc-nr.am.si -e rlc-nr.am.p "
           "-e rlc-nr.am.so -e rlc-nr.am.ack-sn -e rlc-nr.am.nack-sn -e rlc-nr.um.si "
           "-e rlc-nr.um.sn -e rlc-nr.um.so -e _ws.malformed 2>/dev/null",
           dir, dir, pcap_path);
  FILE *f = popen(cmd, "r");
  if (!f)
    return -1;
  char line[512];
  unsigned i = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (getenv("RLC_PCAP_VERBOSE"))
      printf("%s\n", line);
    if (i < OLIVE_ARRAY_SIZE(expected))
      CHECK(strcmp(line, expected[i]) == 0, "record %u: tshark '%s', expected '%s'", i, line,
            expected[i]);
    i++;
  }
  CHECK(i == OLIVE_ARRAY_SIZE(expected), "%u records decoded, expected %zu", i,
        OLIVE_ARRAY_SIZE(expected));
  return pclose(f);
}

int main(void)
{
  if (system("command -v tshark >/dev/null 2>&1") != 0) {
    printf("SKIP: tshark not found; the RLC-NR pcap is not checked\n");
    return 77;
  }
  snprintf(dir, sizeof dir, "/tmp/olive_rlc_pcap_XXXXXX");
  if (!mkdtemp(dir))
    return 1;
  snprintf(pcap_path, sizeof pcap_path, "%s/rlc.pcap", dir);
  olive_buf_pool_init(&pool, 64, 1600, 0);
  olive_pcap_t *p = olive_pcap_open(pcap_path, OLIVE_PCAP_DLT_USER2, 0);
  CHECK(p != NULL, "pcap open");
  if (!p)
    return olive_test_done();
  traffic(p);
  CHECK(olive_pcap_dropped(p) == 0, "pcap records dropped");
  olive_pcap_close(p);
  CHECK(run_tshark() == 0, "tshark failed");
  olive_buf_pool_free(&pool);
  if (!getenv("RLC_PCAP_KEEP")) {
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0, "cleanup");
  } else {
    printf("kept %s\n", pcap_path);
  }
  return olive_test_done();
}
