/* SPDX-License-Identifier: Apache-2.0 */
/* The threading contract of rlc.h: one upper-layer thread writes SDUs and discard
 * requests while the "MAC" thread pulls PDUs, runs the peer and feeds STATUS back. Every
 * SDU not discarded must arrive exactly once and byte-exact; every discard names an SDU
 * written just before it, so it either removes that SDU (if still queued) or is ignored
 * (already being sent): never both, never a lost neighbour. Run it under ASan/TSan. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "rlc_link.h"

#define N 200000

static olive_buf_pool_t pool;
static rlc_entity_t *A, *B;
static atomic_int done;

static void *producer(void *arg)
{
  (void)arg;
  for (uint32_t i = 0; i < N; i++) {
    olive_buf_t *b;
    while (!(b = olive_buf_alloc(&pool)))
      sched_yield();
    sdu_fill(b, i, sdu_len(i, 400));
    while (rlc_entity_write_sdu(A, b, i) < 0)
      sched_yield();
    if (i % 97 == 0)
      while (rlc_entity_discard_sdu(A, i) < 0)
        sched_yield();
  }
  atomic_store(&done, 1);
  return NULL;
}

int main(void)
{
  sink_t s;
  sink_init(&s, N, 400);
  olive_buf_pool_init(&pool, 1024, 400, 0);
  rlc_entity_args_t a = {
      .cfg = {.mode = RLC_MODE_AM,
              .sn_bits = 18,
              .t_poll_retx = RLC_T_POLL_RETX_MS45,
              .poll_pdu = RLC_POLL_PDU_P16,
              .poll_byte = RLC_POLL_BYTE_KB25,
              .max_retx = RLC_MAX_RETX_T8,
              .t_reassembly = RLC_T_REASSEMBLY_MS5,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS0},
      .max_sdu_bytes = 400,
      .max_tx_sdus = 256,
      .rx_nof_bufs = 256,
      .upper = {.ctx = &s, .deliver_sdu = sink_deliver},
  };
  CHECK(rlc_entity_create(&a, &A) == 0 && rlc_entity_create(&a, &B) == 0, "create");
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  uint8_t pdu[1024];
  int n;
  for (uint64_t spin = 0;; spin++) {
    while ((n = rlc_entity_pull_pdu(A, pdu, 300)) > 0)
      rlc_entity_write_pdu(B, pdu, (size_t)n);
    while ((n = rlc_entity_pull_pdu(B, pdu, 300)) > 0)
      rlc_entity_write_pdu(A, pdu, (size_t)n);
    rlc_buffer_status_t bs;
    rlc_entity_buffer_status(A, &bs);
    if (atomic_load(&done) && bs.new_bytes == 0)
      break;
    if (spin % 64 == 0)
      sched_yield();
  }
  pthread_join(t, NULL);
  rlc_metrics_t m;
  rlc_entity_metrics(A, &m);
  uint32_t bad = 0, gone = 0;
  for (uint32_t i = 0; i < N; i++) {
    if (i % 97 == 0 && s.count[i] == 0)
      gone++;
    else if (s.count[i] != 1)
      bad++;
  }
  CHECK(bad == 0 && s.corrupt == 0, "%u SDUs not delivered exactly once, %llu corrupt", bad,
        (unsigned long long)s.corrupt);
  CHECK(gone == m.sdus_discarded, "%u discarded SDUs missing, metrics say %llu", gone,
        (unsigned long long)m.sdus_discarded);
  printf("%u SDUs, %llu discarded by PDCP request\n", N, (unsigned long long)m.sdus_discarded);
  rlc_entity_destroy(A);
  rlc_entity_destroy(B);
  CHECK(olive_pool_in_use(&pool.pool) == 0, "SDU buffers leaked");
  olive_buf_pool_free(&pool);
  free(s.count);
  return olive_test_done();
}
