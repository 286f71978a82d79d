/* SPDX-License-Identifier: Apache-2.0 */
/* UM transmitter and receiver through a lossy link (loss 0-30 %, duplication, reordering,
 * varying grants), fixed seeds, 6- and 12-bit SN. The test parses every PDU it puts on the
 * link (TS 38.322 6.2.2.3) to know which SDU it belongs to, and predicts exactly what the
 * receiver must deliver (5.2.2.2):
 *   - a segmented SDU (it has an SN) is delivered once if every segment arrived at least
 *     once, never otherwise, and never twice (duplicate segments are discarded);
 *   - an SDU sent whole (SI=00, no SN) is delivered once per copy that arrived: UM has no
 *     SN to detect a duplicated complete SDU (6.2.2.3), so link duplicates go up.
 * Reordering is kept below t-Reassembly and the window, where the prediction is exact.
 * Byte-exact content is checked for every delivery. */
#include <stdio.h>

#include "rlc_link.h"

typedef struct um_case {
  unsigned sn_bits;
  double loss, dup;
  uint32_t delay, gmin, gmax, max_len, budget;
} um_case_t;

typedef struct expect {
  uint16_t *copies;  /* whole SDUs: copies put on the link */
  uint8_t *seg_lost; /* segmented SDUs: some segment lost */
  uint8_t *segmented;
  int32_t sn_idx[4096]; /* SN -> SDU index, from the first segment */
} expect_t;

static uint32_t idx_of(const uint8_t *d)
{
  return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
}

/* Records what the link did to one PDU. */
static void account(expect_t *x, unsigned sn_bits, const uint8_t *pdu, int len, int copies)
{
  rlc_data_hdr_t h;
  int hl = rlc_umd_hdr_unpack(pdu, (size_t)len, sn_bits, &h);
  CHECK(hl > 0, "UM sent an undecodable PDU");
  if (hl <= 0)
    return;
  if (h.si == RLC_SI_FULL) {
    x->copies[idx_of(pdu + hl)] += (uint16_t)copies;
    return;
  }
  if (h.si == RLC_SI_FIRST) {
    CHECK(len - hl >= 4, "first segment shorter than the index");
    x->sn_idx[h.sn] = (int32_t)idx_of(pdu + hl);
  }
  int32_t i = x->sn_idx[h.sn];
  x->segmented[i] = 1;
  if (copies == 0)
    x->seg_lost[i] = 1;
}

static void run_case(const um_case_t *c, uint32_t nsdus, uint64_t seed)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(seed);
  sink_t sb;
  sink_init(&sb, nsdus, c->max_len);
  expect_t *x = calloc(1, sizeof(*x));
  x->copies = calloc(nsdus, sizeof(uint16_t));
  x->seg_lost = calloc(nsdus, 1);
  x->segmented = calloc(nsdus, 1);
  rlc_entity_args_t a = {
      .cfg = {.mode = RLC_MODE_UM,
              .sn_bits = (uint8_t)c->sn_bits,
              .t_reassembly = RLC_T_REASSEMBLY_MS35},
      .max_sdu_bytes = 1600,
      .max_tx_sdus = 1024,
      .rx_nof_bufs = 4096,
      .upper = {.ctx = &sb, .deliver_sdu = sink_deliver},
  };
  rlc_entity_t *A, *B;
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  olive_buf_pool_t pool;
  olive_buf_pool_init(&pool, 2048, c->max_len + 16, 0);
  link_dir_t link;
  link_init(&link, c->loss, c->dup, c->delay);
  uint8_t pdu[LINK_MAX_PDU];
  uint32_t next = 0, slot;
  for (slot = 0; slot < nsdus * 40 + 1000; slot++) {
    rlc_buffer_status_t q;
    rlc_entity_buffer_status(A, &q);
    for (uint32_t queued = q.new_bytes; next < nsdus && queued < 8 * 1024;) {
      olive_buf_t *b = olive_buf_alloc(&pool);
      uint32_t len = sdu_len(next, c->max_len);
      sdu_fill(b, next, len);
      CHECK(rlc_entity_write_sdu(A, b, next) == 0, "write_sdu");
      queued += len;
      next++;
    }
    rlc_entity_tick(A, (uint64_t)slot * 500);
    rlc_entity_tick(B, (uint64_t)slot * 500);
    uint32_t budget = c->budget;
    for (int k = 0; k < 8 && budget >= c->gmin; k++) {
      uint32_t g = c->gmin + olive_test_below(&r, c->gmax - c->gmin + 1);
      int n = rlc_entity_pull_pdu(A, pdu, g < budget ? g : budget);
      if (n <= 0)
        break;
      CHECK((uint32_t)n <= g, "PDU larger than the grant");
      account(x, c->sn_bits, pdu, n, link_send(&link, &r, slot, pdu, n));
      budget -= (uint32_t)n;
    }
    link_deliver(&link, slot, B);
    rlc_buffer_status_t bs;
    rlc_entity_buffer_status(A, &bs);
    if (next == nsdus && bs.new_bytes == 0 && link.n == 0)
      break;
  }
  /* let t-Reassembly run out */
  for (uint32_t k = 1; k <= 200; k++)
    rlc_entity_tick(B, (uint64_t)(slot + k) * 500);
  uint32_t bad = 0, lost = 0, dup_whole = 0;
  for (uint32_t i = 0; i < nsdus; i++) {
    uint32_t want = x->segmented[i] ? !x->seg_lost[i] : x->copies[i];
    lost += want == 0;
    dup_whole += want > 1;
    if (sb.count[i] != want && bad++ < 5)
      fprintf(stderr, "SDU %u: delivered %u times, expected %u (segmented %d)\n", i, sb.count[i],
              want, x->segmented[i]);
  }
  rlc_metrics_t mb;
  rlc_entity_metrics(B, &mb);
  printf("UM%u loss=%.2f dup=%.2f delay=%u grant=%u..%u: %u SDUs, %u lost, %u whole dups, "
         "reasm-expiry %llu, rx-discard %llu, lost-by-rx %llu\n",
         c->sn_bits, c->loss, c->dup, c->delay, c->gmin, c->gmax, nsdus, lost, dup_whole,
         (unsigned long long)mb.t_reassembly_expiries, (unsigned long long)mb.pdus_rx_discarded,
         (unsigned long long)mb.sdus_lost_um);
  CHECK(bad == 0 && sb.corrupt == 0, "%u SDUs delivered a wrong number of times, %llu corrupt", bad,
        (unsigned long long)sb.corrupt);
  CHECK(mb.rx_buffered_sns == 0 || c->loss > 0, "clean link left SNs in reassembly");
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  CHECK(olive_pool_in_use(&pool.pool) == 0, "SDU buffers leaked");
  olive_buf_pool_free(&pool);
  link_free(&link);
  free(sb.count);
  free(x->copies);
  free(x->seg_lost);
  free(x->segmented);
  free(x);
}

int main(int argc, char **argv)
{
  uint32_t n = 100000;
  for (int i = 1; i + 1 < argc; i++)
    if (!strcmp(argv[i], "--sdus"))
      n = (uint32_t)strtoul(argv[i + 1], NULL, 0);
  const um_case_t cases[] = {
      {6, 0.00, 0.00, 0, 8, 1600, 1500, 3200}, {12, 0.00, 0.00, 0, 8, 1600, 1500, 3200},
      {6, 0.10, 0.05, 1, 8, 1600, 1500, 3200}, {12, 0.10, 0.05, 3, 8, 1600, 1500, 3200},
      {12, 0.30, 0.10, 4, 8, 800, 1500, 3200}, {6, 0.30, 0.10, 1, 8, 200, 600, 800},
  };
  for (unsigned k = 0; k < OLIVE_ARRAY_SIZE(cases); k++)
    run_case(&cases[k], n, 2000 + k);
  return olive_test_done();
}
