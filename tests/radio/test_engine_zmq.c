/* SPDX-License-Identifier: Apache-2.0 */
/* The slot engine on the ZMQ driver against a second ZMQ instance playing the UE (a plain
 * rx/tx loop in a thread), in lock-step over loopback, 2,000 slots of 1,920 samples.
 * dl_slot() writes test_sample(1, t) at absolute sample time t; the UE checks every slot
 * it receives is either exactly that pattern (sent on time) or all zeros (the first
 * tx_advance slots, or a slot the engine skipped as late) and never a mix or a shifted
 * copy. The UE transmits test_sample(2, t); ul_slot() checks the same on the gNB side.
 * The engine runs with lockstep = true (the ZMQ clock is virtual, see engine.h).
 * Thresholds: no wrong slot at all; at least 90% of DL and UL slots carried data (the
 * rest would be zeros counted as late; lockstep makes that 0, a stall over 1 s aside). */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "olive/radio/engine.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "radio_test.h"

#define S     1920u
#define ADV   4u
#define NSLOT 2000u

static _Atomic uint64_t ul_bad, ul_data, ue_bad, ue_data, ue_zero, ue_done;

static int dl_slot(void *ctx, const olive_engine_slot_t *s, olive_radio_cf_t *const *tx)
{
  (void)ctx;
  for (uint32_t i = 0; i < S; i++)
    tx[0][i] = test_sample(1, s->ts + i);
  return 0;
}

/* 1: the whole slot is pattern `seed`, 0: all zeros, -1: anything else. */
static int classify(const olive_radio_cf_t *x, uint64_t ts, uint64_t seed)
{
  bool zero = true, pat = true;
  for (uint32_t i = 0; i < S; i++) {
    olive_radio_cf_t p = test_sample(seed, ts + i);
    zero &= x[i] == 0;
    pat &= memcmp(&x[i], &p, sizeof(p)) == 0;
  }
  return pat ? 1 : zero ? 0 : -1;
}

static void ul_slot(void *ctx, const olive_engine_slot_t *s, const olive_radio_cf_t *const *rx)
{
  (void)ctx;
  int c = classify(rx[0], s->ts, 2);
  atomic_fetch_add(c < 0 ? &ul_bad : c ? &ul_data : &ue_zero /* unused */, c == 0 ? 0 : 1);
}

static void *ue_thread(void *arg)
{
  olive_radio_t *r = arg;
  olive_radio_cf_t *rx = olive_mem_calloc(S, sizeof(*rx)), *tx = olive_mem_calloc(S, sizeof(*tx));
  for (unsigned k = 0; k < NSLOT; k++) {
    uint64_t ts;
    olive_radio_cf_t *rb[1] = {rx};
    if (olive_radio_rx(r, rb, S, &ts) != (int)S)
      break;
    int c = classify(rx, ts, 1);
    atomic_fetch_add(c < 0 ? &ue_bad : c ? &ue_data : &ue_zero, 1);
    for (uint32_t i = 0; i < S; i++)
      tx[i] = test_sample(2, ts + ADV * S + i);
    const olive_radio_cf_t *tb[1] = {tx};
    if (k + ADV < NSLOT && olive_radio_tx(r, tb, S, ts + ADV * S, 0) != (int)S)
      break;
    atomic_fetch_add(&ue_done, 1);
  }
  olive_mem_free(rx);
  olive_mem_free(tx);
  return NULL;
}

int main(void)
{
  olive_radio_t gnb, ue;
  REQUIRE(olive_radio_open(&gnb, "zmq",
                           "tx_port=tcp://127.0.0.1:24730,rx_port=tcp://127.0.0.1:24731,id=gnb",
                           1) == 0);
  REQUIRE(olive_radio_open(&ue, "zmq",
                           "tx_port=tcp://127.0.0.1:24731,rx_port=tcp://127.0.0.1:24730,id=ue",
                           1) == 0);
  olive_engine_args_t a = {.radio = &gnb,
                           .nof_channels = 1,
                           .slot_samples = S,
                           .slots_per_frame = 10,
                           .tx_advance = ADV,
                           .nof_workers = 2,
                           .dl_slot = dl_slot,
                           .ul_slot = ul_slot,
                           .lockstep = true,
                           .rx_thread = {0, -1},
                           .tx_thread = {0, -1},
                           .worker_thread = {{0, -1}, {0, -1}}};
  olive_engine_t *e = olive_engine_create(&a);
  REQUIRE(e);
  REQUIRE(olive_radio_start(&ue) == 0);
  REQUIRE(olive_engine_start(e) == 0);
  pthread_t t;
  pthread_create(&t, NULL, ue_thread, &ue);
  uint64_t t0 = olive_time_ns();
  while (atomic_load(&ue_done) < NSLOT && olive_time_ns() - t0 < 20000000000ull)
    olive_sleep_ns(10000000);
  olive_engine_stop(e);
  olive_radio_stop(&ue);
  pthread_join(t, NULL);
  olive_engine_metrics_t m;
  olive_engine_metrics(e, &m);
  printf("ue: data=%llu zero=%llu bad=%llu; gnb ul: data=%llu bad=%llu; engine dl_sent=%llu "
         "dl_late=%llu ul_drop=%llu\n",
         (unsigned long long)ue_data, (unsigned long long)ue_zero, (unsigned long long)ue_bad,
         (unsigned long long)ul_data, (unsigned long long)ul_bad, (unsigned long long)m.dl_sent,
         (unsigned long long)m.dl_late, (unsigned long long)m.ul_dropped);
  CHECK(atomic_load(&ue_done) == NSLOT);
  CHECK(ue_bad == 0 && ul_bad == 0);
  CHECK(ue_data * 10 >= NSLOT * 9);
  CHECK(ul_data * 10 >= NSLOT * 9);
  CHECK(ue_zero <= ADV + m.dl_late + 1);
  CHECK(m.dl_late == 0); /* lockstep: the rx thread waits for DL instead */
  olive_engine_destroy(e);
  olive_radio_close(&gnb);
  olive_radio_close(&ue);
  return test_report("radio_engine_zmq");
}
