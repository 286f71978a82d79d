/* SPDX-License-Identifier: Apache-2.0 */
/* AM transmitter and receiver through a lossy link (loss 0-30 %, duplication, reordering,
 * grant sizes varying per slot), fixed seeds. Pass criteria (TS 38.322 4.2.1.3: AM
 * delivers error-free, without loss or duplication):
 *   - every SDU is delivered exactly once and byte-exact (content is a function of the
 *     index, checked byte by byte), and every one is acknowledged to the sender;
 *   - on a clean link (no loss, no reordering) delivery is also in order (NR RLC delivers
 *     an SDU as soon as it is complete, 5.2.3.2.3, so in-order delivery under loss is
 *     PDCP's job);
 *   - no radio link failure indication at maxRetxThreshold t32.
 * Usage: rlc_am_link [--sdus N]   (default 100000 per case, < 1 s; the slow label runs 1M) */
#include <stdio.h>

#include "rlc_link.h"

typedef struct am_case {
  unsigned sn_bits;
  double loss, dup;
  uint32_t delay, gmin, gmax, max_len;
} am_case_t;

static rlc_entity_args_t am_args(unsigned sn_bits, sink_t *s)
{
  rlc_entity_args_t a = {
      .cfg = {.mode = RLC_MODE_AM,
              .sn_bits = (uint8_t)sn_bits,
              .t_poll_retx = RLC_T_POLL_RETX_MS45,
              .poll_pdu = RLC_POLL_PDU_P16,
              .poll_byte = RLC_POLL_BYTE_KB25,
              .max_retx = RLC_MAX_RETX_T32,
              .t_reassembly = RLC_T_REASSEMBLY_MS5,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS5},
      .max_sdu_bytes = 1600,
      .max_tx_sdus = 1024,
      .rx_nof_bufs = 4096,
      .upper = {.ctx = s,
                .deliver_sdu = sink_deliver,
                .max_retx_reached = sink_rlf,
                .sdu_delivered = sink_acked},
  };
  return a;
}

/* Pulls PDUs from tx into a transport block of a random size and puts them on the link. */
static void send_tb(rlc_entity_t *tx, link_dir_t *d, olive_test_rng_t *r, uint32_t slot,
                    uint32_t gmin, uint32_t gmax)
{
  uint8_t pdu[LINK_MAX_PDU];
  uint32_t budget = gmin + olive_test_below(r, gmax - gmin + 1);
  for (int k = 0; k < 8 && budget > 0; k++) {
    int n = rlc_entity_pull_pdu(tx, pdu, budget);
    if (n <= 0)
      break;
    CHECK((uint32_t)n <= budget, "PDU of %d bytes for a grant of %u", n, budget);
    link_send(d, r, slot, pdu, n);
    budget -= (uint32_t)n;
  }
}

static void run_case(const am_case_t *c, uint32_t nsdus, uint64_t seed)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(seed);
  sink_t sb, sa;
  sink_init(&sb, nsdus, c->max_len);
  sink_init(&sa, 1, c->max_len);
  rlc_entity_args_t aa = am_args(c->sn_bits, &sa), ab = am_args(c->sn_bits, &sb);
  aa.upper.ctx = &sb; /* A's acknowledgements and RLF go to the same bookkeeping */
  aa.upper.deliver_sdu = sink_deliver;
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&aa, &A) == 0 && rlc_entity_create(&ab, &B) == 0, "create");
  olive_buf_pool_t pool;
  CHECK(olive_buf_pool_init(&pool, 8192, c->max_len + 16, 0) == 0, "pool");
  link_dir_t ab_link, ba_link;
  link_init(&ab_link, c->loss, c->dup, c->delay);
  link_init(&ba_link, c->loss, c->dup, c->delay);
  uint32_t next = 0, slot = 0;
  const uint32_t max_slots = nsdus * 20 + 100000;
  rlc_metrics_t ma;
  for (; slot < max_slots; slot++) {
    rlc_buffer_status_t bs;
    rlc_entity_buffer_status(A, &bs);
    while (next < nsdus && bs.new_bytes < 64 * 1024) {
      olive_buf_t *b = olive_buf_alloc(&pool);
      if (!b)
        break;
      uint32_t len = sdu_len(next, c->max_len);
      sdu_fill(b, next, len);
      if (rlc_entity_write_sdu(A, b, next) < 0) {
        olive_buf_release(b);
        break;
      }
      bs.new_bytes += len;
      next++;
    }
    rlc_entity_tick(A, (uint64_t)slot * 500);
    rlc_entity_tick(B, (uint64_t)slot * 500);
    send_tb(A, &ab_link, &r, slot, c->gmin, c->gmax);
    send_tb(B, &ba_link, &r, slot, 8, 400);
    link_deliver(&ab_link, slot, B);
    link_deliver(&ba_link, slot, A);
    rlc_entity_metrics(A, &ma);
    if (next == nsdus && sb.delivered == nsdus && ma.tx_unacked_sdus == 0)
      break;
  }
  uint32_t missing = 0, dups = 0;
  for (uint32_t i = 0; i < nsdus; i++) {
    missing += sb.count[i] == 0;
    dups += sb.count[i] > 1;
  }
  rlc_metrics_t mb;
  rlc_entity_metrics(B, &mb);
  printf("AM%u loss=%.2f dup=%.2f delay=%u grant=%u..%u: %u SDUs in %u slots, retx %llu, "
         "status %llu, poll-expiry %llu, reasm-expiry %llu, rx-discard %llu\n",
         c->sn_bits, c->loss, c->dup, c->delay, c->gmin, c->gmax, nsdus, slot,
         (unsigned long long)ma.retx_pdus, (unsigned long long)mb.status_tx,
         (unsigned long long)ma.t_poll_retx_expiries, (unsigned long long)mb.t_reassembly_expiries,
         (unsigned long long)mb.pdus_rx_discarded);
  CHECK(missing == 0 && dups == 0 && sb.corrupt == 0,
        "missing %u duplicated %u corrupt %llu (delivered %llu)", missing, dups,
        (unsigned long long)sb.corrupt, (unsigned long long)sb.delivered);
  CHECK(sb.acked == nsdus, "acknowledged %llu of %u", (unsigned long long)sb.acked, nsdus);
  CHECK(sb.rlf == 0, "radio link failure indicated");
  if (c->loss == 0 && c->dup == 0 && c->delay == 0)
    CHECK(sb.in_order, "clean link delivered out of order");
  CHECK(ma.pdus_malformed == 0 && mb.pdus_malformed == 0, "malformed PDUs on the link");
  CHECK(ma.tx_queue_sdus == 0 && mb.rx_buffered_sns == 0, "state left behind");
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  CHECK(olive_pool_in_use(&pool.pool) == 0, "SDU buffers leaked: %u",
        olive_pool_in_use(&pool.pool));
  olive_buf_pool_free(&pool);
  link_free(&ab_link);
  link_free(&ba_link);
  free(sb.count);
  free(sa.count);
}

/* Radio link failure: after 1000 SDUs the A->B link loses everything and the sender
 * stops adding SDUs (at most 8 kB stay queued). With maxRetxThreshold t4 and
 * t-PollRetransmit 45 ms the indication must come (5.3.2: RETX_COUNT reaches 4 at the 5th
 * consideration, one per expiry once nothing new can be sent, 5.3.3.4) within 5 poll
 * periods plus 60 ms to drain the queue, and not before the link breaks. */
static void run_rlf_case(void)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(77);
  sink_t sb, sa;
  sink_init(&sb, 2000, 1500);
  sink_init(&sa, 1, 1500);
  rlc_entity_args_t aa = am_args(12, &sa), ab = am_args(12, &sb);
  aa.cfg.max_retx = RLC_MAX_RETX_T4;
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&aa, &A) == 0 && rlc_entity_create(&ab, &B) == 0, "create");
  olive_buf_pool_t pool;
  olive_buf_pool_init(&pool, 4096, 1516, 0);
  link_dir_t ab_link, ba_link;
  link_init(&ab_link, 0.1, 0.0, 2);
  link_init(&ba_link, 0.1, 0.0, 2);
  uint32_t next = 0, broke = 0, rlf_slot = 0;
  for (uint32_t slot = 0; slot < 20000 && !sa.rlf; slot++) {
    rlc_buffer_status_t bs;
    rlc_entity_buffer_status(A, &bs);
    for (int k = 0; k < 4 && next < 2000 && !broke && bs.new_bytes < 8 * 1024; k++) {
      olive_buf_t *b = olive_buf_alloc(&pool);
      sdu_fill(b, next, sdu_len(next, 1500));
      if (rlc_entity_write_sdu(A, b, next) < 0) {
        olive_buf_release(b);
        break;
      }
      bs.new_bytes += sdu_len(next, 1500);
      next++;
    }
    if (!broke && sb.delivered >= 1000) {
      broke = slot;
      ab_link.loss = 1.0;
    }
    rlc_entity_tick(A, (uint64_t)slot * 500);
    rlc_entity_tick(B, (uint64_t)slot * 500);
    send_tb(A, &ab_link, &r, slot, 8, 1600);
    send_tb(B, &ba_link, &r, slot, 8, 400);
    link_deliver(&ab_link, slot, B);
    link_deliver(&ba_link, slot, A);
    if (sa.rlf)
      rlf_slot = slot;
  }
  printf("RLF: link broken at slot %u, indication at slot %u (%u ms later)\n", broke, rlf_slot,
         (rlf_slot - broke) / 2);
  CHECK(broke > 0 && sa.rlf >= 1 && rlf_slot > broke, "no RLF indication after the break");
  CHECK(rlf_slot - broke <= 2 * (5 * 45 + 60), "RLF took %u slots", rlf_slot - broke);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  olive_buf_pool_free(&pool);
  link_free(&ab_link);
  link_free(&ba_link);
  free(sb.count);
  free(sa.count);
}

int main(int argc, char **argv)
{
  uint32_t n = 100000;
  for (int i = 1; i + 1 < argc; i++)
    if (!strcmp(argv[i], "--sdus"))
      n = (uint32_t)strtoul(argv[i + 1], NULL, 0);
  const am_case_t cases[] = {
      {12, 0.00, 0.00, 0, 1600, 1600, 1500}, /* clean, no segmentation */
      {12, 0.00, 0.00, 0, 8, 1600, 1500},    /* clean, any grant */
      {12, 0.10, 0.05, 3, 8, 1600, 1500},    {18, 0.10, 0.05, 3, 8, 1600, 1500},
      {12, 0.30, 0.10, 4, 8, 1600, 1500},    {18, 0.30, 0.10, 4, 50, 3000, 1500},
      {12, 0.05, 0.00, 2, 8, 64, 300}, /* small grants: heavy segmentation */
  };
  for (unsigned k = 0; k < OLIVE_ARRAY_SIZE(cases); k++)
    run_case(&cases[k], n, 1000 + k);
  run_rlf_case();
  return olive_test_done();
}
