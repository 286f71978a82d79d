/* SPDX-License-Identifier: Apache-2.0 */
/* RLC entity unit tests:
 *  - segmentation at every grant size 1..1500 for TM, UM 6/12 and AM 12/18: the number of
 *    PDUs is checked against a count worked from the header sizes of TS 38.322 6.2.2.3/4
 *    (first segment: no SO; later segments: +2 bytes SO), grants below the minimum give 0
 *    bytes and leave the state intact, and the SDU is reassembled byte-exact;
 *  - window edges: the AM transmitter stalls after exactly AM_Window_Size new SNs, sets
 *    the poll bit on the PDU that stalls it (5.3.3.2), and moves on by exactly ACK_SN;
 *    the AM receiver accepts RX_Next + AM_Window_Size - 1 and discards RX_Next +
 *    AM_Window_Size (5.2.3.2.2), for 12 and 18 bits; the UM receiver discards an SN in
 *    [RX_Next_Highest - UM_Window_Size, RX_Next_Reassembly) (5.2.2.2.2);
 *  - SN wrap-around: 300000 SDUs through AM 18-bit (2^18 = 262144) in order;
 *  - maxRetxThreshold: with t4 the indication comes at the 5th consideration for
 *    retransmission (RETX_COUNT 0,1,2,3,4; 5.3.2), not before;
 *  - t-StatusProhibit (5.3.4), PDCP discard (5.4) and buffer status. */
#include <stdio.h>

#include "olive/support/error.h"
#include "rlc_link.h"

#define L 1500

static olive_buf_pool_t pool;

static rlc_entity_args_t args(rlc_mode_t mode, unsigned bits, sink_t *s)
{
  rlc_entity_args_t a = {
      .cfg = {.mode = mode,
              .sn_bits = (uint8_t)bits,
              .t_poll_retx = RLC_T_POLL_RETX_MS45,
              .poll_pdu = RLC_POLL_PDU_P4,
              .poll_byte = RLC_POLL_BYTE_KB25,
              .max_retx = RLC_MAX_RETX_T4,
              .t_reassembly = RLC_T_REASSEMBLY_MS35,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS0},
      .max_sdu_bytes = 1600,
      .max_tx_sdus = 4096,
      .rx_nof_bufs = 64,
      .upper = {.ctx = s,
                .deliver_sdu = sink_deliver,
                .max_retx_reached = sink_rlf,
                .sdu_delivered = sink_acked},
  };
  return a;
}

static void put_sdu(rlc_entity_t *e, uint32_t idx, uint32_t len)
{
  olive_buf_t *b = olive_buf_alloc(&pool);
  sdu_fill(b, idx, len);
  int r = rlc_entity_write_sdu(e, b, idx);
  CHECK(r == 0, "write_sdu %u", idx);
  if (r < 0)
    olive_buf_release(b);
}

static uint32_t ceil_div(uint32_t a, uint32_t b)
{
  return (a + b - 1) / b;
}

/* PDUs needed for an L-byte SDU at grant g. h1: header of a whole SDU / first segment;
 * hs: header of later segments (h1 + 2 bytes SO, or UM 12-bit 2 + 2). */
static uint32_t expected_pdus(rlc_mode_t mode, uint32_t hfull, uint32_t h1, uint32_t hs, uint32_t g)
{
  if (mode == RLC_MODE_TM)
    return g >= L;
  if (g >= L + hfull)
    return 1;
  if (g < h1 + 1)
    return 0;
  if (g < hs + 1)
    return 1; /* the first segment fits, the next ones do not */
  return 1 + ceil_div(L - (g - h1), g - hs);
}

static void test_segmentation(rlc_mode_t mode, unsigned bits)
{
  sink_t s;
  sink_init(&s, 2000, L + 4);
  rlc_entity_args_t a = args(mode, bits, &s);
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  uint32_t hfull, h1, hs;
  if (mode == RLC_MODE_UM) {
    hfull = 1;
    h1 = bits == 6 ? 1 : 2;
    hs = h1 + 2;
  } else {
    hfull = h1 = bits == 12 ? 2 : 3;
    hs = h1 + 2;
  }
  s.fixed_len = L;
  uint8_t pdu[2000];
  uint32_t bad_count = 0, bad_size = 0;
  for (uint32_t g = 1; g <= 1500; g++) {
    put_sdu(A, g, L);
    uint32_t npdu = 0, want = expected_pdus(mode, hfull, h1, hs, g);
    int n;
    while ((n = rlc_entity_pull_pdu(A, pdu, g)) > 0) {
      npdu++;
      bad_size += (uint32_t)n > g;
      rlc_entity_write_pdu(B, pdu, (size_t)n);
    }
    CHECK(n == 0, "pull returned %d", n);
    if (npdu != want && bad_count++ < 4)
      fprintf(stderr, "%s%u g=%u: %u PDUs, expected %u\n", rlc_mode_name(mode), bits, g, npdu,
              want);
    while ((n = rlc_entity_pull_pdu(A, pdu, 1600)) > 0) /* the rest with a big grant */
      rlc_entity_write_pdu(B, pdu, (size_t)n);
    while (mode == RLC_MODE_AM && (n = rlc_entity_pull_pdu(B, pdu, 1600)) > 0)
      rlc_entity_write_pdu(A, pdu, (size_t)n); /* STATUS back: keeps the window open */
  }
  CHECK(bad_count == 0 && bad_size == 0,
        "%s%u: %u grant sizes with a wrong PDU count, %u PDUs over the grant", rlc_mode_name(mode),
        bits, bad_count, bad_size);
  uint32_t once = 0;
  for (uint32_t g = 1; g <= 1500; g++)
    once += s.count[g] == 1;
  CHECK(once == 1500 && s.corrupt == 0, "%s%u: %u of 1500 SDUs delivered once, %llu corrupt",
        rlc_mode_name(mode), bits, once, (unsigned long long)s.corrupt);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  free(s.count);
}

static int amd_pdu(uint8_t *p, unsigned bits, uint32_t sn, bool poll, uint32_t idx)
{
  rlc_data_hdr_t h = {.si = RLC_SI_FULL, .sn = sn, .poll = poll};
  int n = rlc_amd_hdr_pack(&h, bits, p, 8);
  p[n] = (uint8_t)(idx >> 24);
  p[n + 1] = (uint8_t)(idx >> 16);
  p[n + 2] = (uint8_t)(idx >> 8);
  p[n + 3] = (uint8_t)idx;
  return n + 4;
}

/* 5.2.3.1.1: new SNs only while TX_Next < TX_Next_Ack + window. */
static void test_am_tx_stall(unsigned bits, uint32_t win)
{
  sink_t s;
  sink_init(&s, 1, 4);
  rlc_entity_args_t a = args(RLC_MODE_AM, bits, &s);
  a.max_tx_sdus = 8192;
  rlc_entity_t *A;
  CHECK(rlc_entity_create(&a, &A) == 0, "create");
  for (uint32_t i = 0; i < win + 200; i++)
    put_sdu(A, i, 4);
  uint8_t pdu[64];
  uint32_t npdu = 0, seq_bad = 0;
  int n;
  rlc_data_hdr_t h = {0};
  while ((n = rlc_entity_pull_pdu(A, pdu, sizeof pdu)) > 0) {
    rlc_amd_hdr_unpack(pdu, (size_t)n, bits, &h);
    seq_bad += h.sn != npdu;
    npdu++;
  }
  CHECK(npdu == win && seq_bad == 0, "AM%u: %u new SNs before stalling, want %u", bits, npdu, win);
  CHECK(h.poll, "AM%u: the PDU that stalls the window carries no poll (5.3.3.2)", bits);
  /* STATUS ACK_SN=100 (nothing NACKed) opens the window by exactly 100 SNs. */
  static rlc_status_pdu_t st;
  st.ack_sn = 100;
  st.nof_nacks = 0;
  n = rlc_status_pack(&st, bits, pdu, sizeof pdu);
  CHECK(rlc_entity_write_pdu(A, pdu, (size_t)n) == 0, "status");
  uint32_t more = 0;
  while ((n = rlc_entity_pull_pdu(A, pdu, sizeof pdu)) > 0) {
    rlc_amd_hdr_unpack(pdu, (size_t)n, bits, &h);
    seq_bad += h.sn != win + more;
    more++;
  }
  CHECK(more == 100 && seq_bad == 0 && s.acked == 100, "AM%u: %u SNs after ACK_SN=100 (acked %llu)",
        bits, more, (unsigned long long)s.acked);
  rlc_entity_destroy(A);
  free(s.count);
}

/* 5.2.3.2.2: RX_Next <= SN < RX_Next + AM_Window_Size is inside; the rest is discarded. */
static void test_am_rx_window(unsigned bits)
{
  sink_t s;
  sink_init(&s, 4, 4);
  s.fixed_len = 4;
  rlc_entity_args_t a = args(RLC_MODE_AM, bits, &s);
  rlc_entity_t *B;
  CHECK(rlc_entity_create(&a, &B) == 0, "create");
  uint32_t win = 1u << (bits - 1), mod = 1u << bits;
  uint8_t p[16];
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, bits, win - 1, false, 1));
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, bits, win, false, 2));
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, bits, mod - 1, false, 3));
  rlc_metrics_t m;
  rlc_entity_metrics(B, &m);
  CHECK(s.count[1] == 1 && s.count[2] == 0 && s.count[3] == 0 && m.pdus_rx_discarded == 2,
        "AM%u window edge: delivered %u/%u/%u discarded %llu", bits, s.count[1], s.count[2],
        s.count[3], (unsigned long long)m.pdus_rx_discarded);
  rlc_entity_destroy(B);
  free(s.count);
}

/* 5.2.2.2.2: an SN in [RX_Next_Highest - UM_Window_Size, RX_Next_Reassembly) is dropped. */
static void test_um_rx_window(void)
{
  sink_t s;
  sink_init(&s, 8, 4);
  s.fixed_len = 4;
  rlc_entity_args_t a = args(RLC_MODE_UM, 12, &s);
  rlc_entity_t *B;
  CHECK(rlc_entity_create(&a, &B) == 0, "create");
  /* SN 0 in two segments: 01|00|0000 00 + 2 bytes; 10|00|0000 00, SO=2 + 2 bytes. */
  const uint8_t first[] = {0x40, 0x00, 0x00, 0x00};
  const uint8_t last[] = {0x80, 0x00, 0x00, 0x02, 0x00, 0x05};
  rlc_entity_write_pdu(B, first, sizeof first);
  rlc_entity_write_pdu(B, last, sizeof last);
  rlc_entity_write_pdu(B, last, sizeof last); /* below RX_Next_Reassembly now */
  rlc_metrics_t m;
  rlc_entity_metrics(B, &m);
  CHECK(s.count[5] == 1 && m.pdus_rx_discarded == 1 && s.corrupt == 0,
        "UM window: delivered %u, discarded %llu", s.count[5],
        (unsigned long long)m.pdus_rx_discarded);
  rlc_entity_destroy(B);
  free(s.count);
}

/* 300000 SDUs through AM 18-bit: SNs wrap past 2^18 = 262144. */
static void test_am_wrap(void)
{
  const uint32_t n = 300000;
  sink_t s;
  sink_init(&s, n, 4);
  s.fixed_len = 4;
  rlc_entity_args_t a = args(RLC_MODE_AM, 18, &s);
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  uint8_t pdu[1600];
  int k;
  for (uint32_t i = 0; i < n; i++) {
    put_sdu(A, i, 4);
    while ((k = rlc_entity_pull_pdu(A, pdu, sizeof pdu)) > 0)
      rlc_entity_write_pdu(B, pdu, (size_t)k);
    while ((k = rlc_entity_pull_pdu(B, pdu, sizeof pdu)) > 0)
      rlc_entity_write_pdu(A, pdu, (size_t)k);
  }
  CHECK(s.delivered == n && s.in_order && s.corrupt == 0 && s.acked == n,
        "wrap: delivered %llu in order %d acked %llu", (unsigned long long)s.delivered, s.in_order,
        (unsigned long long)s.acked);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  free(s.count);
}

/* 5.3.3.4 + 5.3.2: every t-PollRetransmit expiry with nothing else to send considers
 * SN = TX_Next - 1 for retransmission; RETX_COUNT goes 0,1,2,3,4 and t4 is reached at the
 * 5th expiry. Every PDU is lost. */
static void test_max_retx(void)
{
  sink_t s;
  sink_init(&s, 1, 4);
  rlc_entity_args_t a = args(RLC_MODE_AM, 12, &s);
  rlc_entity_t *A;
  CHECK(rlc_entity_create(&a, &A) == 0, "create");
  put_sdu(A, 77, 100);
  uint8_t pdu[1600];
  uint64_t rlf_at[2] = {0, 0};
  for (uint32_t ms = 0; ms < 400; ms++) {
    rlc_entity_tick(A, (uint64_t)ms * 1000);
    while (rlc_entity_pull_pdu(A, pdu, sizeof pdu) > 0) {
    }
    if (ms == 45 * 5 - 1)
      rlf_at[0] = s.rlf;
    if (ms == 45 * 5)
      rlf_at[1] = s.rlf;
  }
  rlc_metrics_t m;
  rlc_entity_metrics(A, &m);
  CHECK(rlf_at[0] == 0 && rlf_at[1] == 1 && s.rlf_sn == 77,
        "RLF before/at the 5th expiry: %llu/%llu (sn %u)", (unsigned long long)rlf_at[0],
        (unsigned long long)rlf_at[1], s.rlf_sn);
  CHECK(m.t_poll_retx_expiries == 8 && m.max_retx_events == 1,
        "expiries %llu, max-retx events %llu", (unsigned long long)m.t_poll_retx_expiries,
        (unsigned long long)m.max_retx_events);
  rlc_entity_destroy(A);
  free(s.count);
}

/* 5.3.2, NACK-driven: each STATUS that NACKs SN 0 after its retransmission went out
 * increments RETX_COUNT; a NACK while the retransmission is still pending does not.
 * With t4: NACKs #1..#5 (each followed by a pull) give RETX_COUNT 0..4 -> indication at #5;
 * repeating a NACK before pulling changes nothing. */
static void test_max_retx_nack(void)
{
  sink_t s;
  sink_init(&s, 1, 4);
  rlc_entity_args_t a = args(RLC_MODE_AM, 12, &s);
  rlc_entity_t *A;
  CHECK(rlc_entity_create(&a, &A) == 0, "create");
  put_sdu(A, 5, 100);
  uint8_t pdu[1600];
  CHECK(rlc_entity_pull_pdu(A, pdu, sizeof pdu) == 102, "first transmission");
  /* STATUS: ACK_SN=1, NACK_SN=0: 00 01 80 | 00 00 (12-bit, worked as in test_rlc_pdu) */
  const uint8_t nack0[] = {0x00, 0x01, 0x80, 0x00, 0x00};
  uint64_t rlf[6] = {0};
  for (int k = 1; k <= 5; k++) {
    rlc_entity_write_pdu(A, nack0, sizeof nack0);
    rlc_entity_write_pdu(A, nack0, sizeof nack0); /* retransmission still pending */
    rlf[k] = s.rlf;
    CHECK(rlc_entity_pull_pdu(A, pdu, sizeof pdu) == 102, "retransmission %d", k);
    CHECK(rlc_entity_pull_pdu(A, pdu, sizeof pdu) == 0, "one retransmission per NACK");
  }
  CHECK(rlf[4] == 0 && rlf[5] == 1 && s.rlf_sn == 5, "RLF after NACK #4: %llu, #5: %llu",
        (unsigned long long)rlf[4], (unsigned long long)rlf[5]);
  rlc_entity_destroy(A);
  free(s.count);
}

/* 5.4: discard an SDU unless a segment of it was already submitted. */
static void test_discard(void)
{
  sink_t s;
  sink_init(&s, 32, 200);
  rlc_entity_args_t a = args(RLC_MODE_UM, 12, &s);
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  for (uint32_t i = 0; i < 10; i++)
    put_sdu(A, i, sdu_len(i, 200));
  rlc_entity_discard_sdu(A, 3);
  rlc_entity_discard_sdu(A, 7);
  uint8_t pdu[1600];
  int k;
  while ((k = rlc_entity_pull_pdu(A, pdu, sizeof pdu)) > 0)
    rlc_entity_write_pdu(B, pdu, (size_t)k);
  put_sdu(A, 20, sdu_len(20, 200));
  k = rlc_entity_pull_pdu(A, pdu, 50); /* first segment goes out */
  rlc_entity_write_pdu(B, pdu, (size_t)k);
  rlc_entity_discard_sdu(A, 20); /* too late: ignored */
  while ((k = rlc_entity_pull_pdu(A, pdu, sizeof pdu)) > 0)
    rlc_entity_write_pdu(B, pdu, (size_t)k);
  rlc_metrics_t m;
  rlc_entity_metrics(A, &m);
  CHECK(s.delivered == 9 && s.count[3] == 0 && s.count[7] == 0 && s.count[20] == 1 &&
            m.sdus_discarded == 2,
        "discard: delivered %llu, discarded %llu", (unsigned long long)s.delivered,
        (unsigned long long)m.sdus_discarded);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  free(s.count);
}

/* Buffer status and the smallest STATUS PDU: 3 bytes, 00 01 00 = ACK_SN 1 (6.2.2.5). */
static void test_buffer_status(void)
{
  sink_t s;
  sink_init(&s, 8, 200);
  s.fixed_len = 4;
  rlc_entity_args_t a = args(RLC_MODE_AM, 12, &s);
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  for (uint32_t i = 0; i < 3; i++)
    put_sdu(A, i, 100);
  rlc_buffer_status_t bs;
  rlc_entity_buffer_status(A, &bs);
  CHECK(bs.new_bytes == 300 && bs.hdr_bytes == 6 && bs.retx_bytes == 0, "bs %u/%u", bs.new_bytes,
        bs.hdr_bytes);
  uint8_t pdu[1600];
  CHECK(rlc_entity_pull_pdu(A, pdu, sizeof pdu) == 102, "one whole AMD PDU");
  rlc_entity_buffer_status(A, &bs);
  CHECK(bs.new_bytes == 200, "bs after one PDU: %u", bs.new_bytes);
  uint8_t p[16];
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, 12, 0, true, 1));
  rlc_entity_buffer_status(B, &bs);
  CHECK(bs.status_bytes == 3, "status bytes %u", bs.status_bytes);
  CHECK(rlc_entity_pull_pdu(B, pdu, 2) == 0, "STATUS in 2 bytes");
  int n = rlc_entity_pull_pdu(B, pdu, 3);
  CHECK(n == 3 && pdu[0] == 0x00 && pdu[1] == 0x01 && pdu[2] == 0x00, "STATUS bytes");
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  free(s.count);
}

/* 5.3.4: after a STATUS PDU goes out, t-StatusProhibit (ms10 here) holds the next one
 * back even though a poll triggers it; a single STATUS goes at the first opportunity
 * after expiry. */
static void test_status_prohibit(void)
{
  sink_t s;
  sink_init(&s, 8, 4);
  s.fixed_len = 4;
  rlc_entity_args_t a = args(RLC_MODE_AM, 12, &s);
  a.cfg.t_status_prohibit = (rlc_t_status_prohibit_t)2; /* ms10 */
  CHECK(rlc_t_status_prohibit_ms(a.cfg.t_status_prohibit) == 10, "ms10");
  rlc_entity_t *B;
  CHECK(rlc_entity_create(&a, &B) == 0, "create");
  uint8_t p[16], out[64];
  rlc_entity_tick(B, 1000);
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, 12, 0, true, 1));
  CHECK(rlc_entity_pull_pdu(B, out, sizeof out) == 3, "first STATUS");
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, 12, 1, true, 2));
  rlc_entity_write_pdu(B, p, (size_t)amd_pdu(p, 12, 2, true, 3));
  rlc_entity_tick(B, 10999);
  CHECK(rlc_entity_pull_pdu(B, out, sizeof out) == 0, "STATUS while t-StatusProhibit runs");
  rlc_entity_tick(B, 11000);
  int n = rlc_entity_pull_pdu(B, out, sizeof out);
  CHECK(n == 3 && out[1] == 3, "STATUS after expiry: %d bytes, ACK_SN %u", n, out[1]);
  CHECK(rlc_entity_pull_pdu(B, out, sizeof out) == 0, "a second STATUS");
  rlc_entity_destroy(B);
  free(s.count);
}

static void test_args(void)
{
  sink_t s;
  sink_init(&s, 1, 4);
  rlc_entity_t *e = (rlc_entity_t *)&s;
  rlc_entity_args_t a = args(RLC_MODE_AM, 12, &s);
  a.tx_window = 4096; /* > AM_Window_Size for 12 bits */
  CHECK(rlc_entity_create(&a, &e) == OLIVE_EINVAL && e == NULL, "tx_window 4096 accepted");
  a = args(RLC_MODE_AM, 6, &s);
  CHECK(rlc_entity_create(&a, &e) == OLIVE_ECONFIG, "AM 6-bit accepted");
  rlc_entity_destroy(NULL);
  free(s.count);
}

int main(void)
{
  olive_buf_pool_init(&pool, 8192, 1600, 0);
  test_segmentation(RLC_MODE_TM, 0);
  test_segmentation(RLC_MODE_UM, 6);
  test_segmentation(RLC_MODE_UM, 12);
  test_segmentation(RLC_MODE_AM, 12);
  test_segmentation(RLC_MODE_AM, 18);
  test_am_tx_stall(12, 2048);
  test_am_tx_stall(18, 4096);
  test_am_rx_window(12);
  test_am_rx_window(18);
  test_um_rx_window();
  test_am_wrap();
  test_max_retx();
  test_max_retx_nack();
  test_discard();
  test_buffer_status();
  test_status_prohibit();
  test_args();
  CHECK(olive_pool_in_use(&pool.pool) == 0, "SDU buffers leaked: %u",
        olive_pool_in_use(&pool.pool));
  olive_buf_pool_free(&pool);
  return olive_test_done();
}
