/* SPDX-License-Identifier: Apache-2.0 */
/* A peer that stalls or goes away (trx_timeout_ms=200 here):
 *  1. RX stall: the peer's REP stops answering for 1 s, then answers again on the same
 *     socket. rx() returns OLIVE_ETIMEDOUT meanwhile (never hangs), the timeout is
 *     counted, and afterwards the stream continues with no sample lost or repeated.
 *  2. RX peer restart: the peer closes its REP and binds a new one 1 s later (a
 *     restarted process). We resend the request and the new peer's samples flow.
 * A 2048-sample RX ring keeps our receive thread from buffering far ahead of rx(), so
 * the stall is seen within the test's time budget.
 *  3. TX stall: the peer stops requesting; tx() returns OLIVE_ETIMEDOUT after the
 *     timeout, then completes once the peer asks again, with all samples in order.
 *  4. fail_on_disconnect: the first timeout turns into OLIVE_EIO for good, and close()
 *     returns promptly. */
#include "olive/support/error.h"
#include "olive/support/time.h"
#include "zmq_peer.h"

static const unsigned sizes[] = {1000};

typedef struct rx_state {
  olive_radio_t *r;
  uint64_t next_k; /* next peer-stream sample we expect */
  unsigned timeouts, bad;
} rx_state_t;

/* Reads until `want` more samples arrived or max_ms passed. */
static void read_for(rx_state_t *s, peer_t *p, uint64_t want, unsigned max_ms)
{
  olive_radio_cf_t buf[500];
  olive_radio_cf_t *rb[1] = {buf};
  uint64_t t0 = olive_time_ns(), got = 0;
  while (got < want && olive_time_ns() - t0 < (uint64_t)max_ms * 1000000ull) {
    uint64_t ts;
    int ret = olive_radio_rx(s->r, rb, 500, &ts);
    if (ret == OLIVE_ETIMEDOUT) {
      s->timeouts++;
      continue;
    }
    REQUIRE(ret == 500);
    for (unsigned i = 0; i < 500; i++) {
      olive_radio_cf_t x = test_sample(p->seed, s->next_k + i);
      s->bad += memcmp(&x, &buf[i], sizeof(x)) != 0;
    }
    s->next_k += 500;
    got += 500;
  }
}

static void test_rx_stall_and_restart(void)
{
  const char *addr = "tcp://127.0.0.1:24720";
  peer_t p = {.rep_addr = addr, .sizes = sizes, .nof_sizes = 1, .seed = 3};
  peer_start(&p);
  olive_radio_t r;
  REQUIRE(olive_radio_open(
              &r, "zmq", "rx_port=tcp://127.0.0.1:24720,trx_timeout_ms=200,rx_buffer_samples=2048",
              1) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  rx_state_t s = {.r = &r};
  read_for(&s, &p, 5000, 3000);
  CHECK(s.next_k == 5000 && s.timeouts == 0);

  atomic_store(&p.pause_rep, true); /* 1: stall */
  uint64_t t0 = olive_time_ns();
  read_for(&s, &p, UINT64_MAX, 1000);
  CHECK(s.timeouts >= 1);
  CHECK(olive_time_ns() - t0 < 1500000000ull);
  atomic_store(&p.pause_rep, false);
  read_for(&s, &p, 5000, 3000);
  CHECK(s.bad == 0);
  CHECK(s.next_k >= 10000);

  /* 2: restart. The new peer continues the old one's sample stream (p.sent is kept) so
   * continuity can be checked across the restart. The old peer first stops answering
   * until our side has timed out: then no reply is in flight when it closes (a reply
   * dropped by a real restart is a gap the driver cannot see, not what this checks). */
  atomic_store(&p.pause_rep, true);
  unsigned timeouts_before = s.timeouts;
  read_for(&s, &p, UINT64_MAX, 600);
  CHECK(s.timeouts > timeouts_before);
  atomic_store(&p.stop, true);
  pthread_join(p.thread, NULL);
  zmq_close(p.rep);
  atomic_store(&p.pause_rep, false);
  p.rep = zmq_socket(p.ctx, ZMQ_REP);
  int rc = -1; /* the old listener is closed asynchronously: retry the bind briefly */
  for (int i = 0; i < 100 && rc != 0; i++)
    if ((rc = zmq_bind(p.rep, addr)) != 0)
      olive_sleep_ns(10000000);
  REQUIRE(rc == 0);
  atomic_store(&p.stop, false);
  REQUIRE(pthread_create(&p.thread, NULL, peer_run, &p) == 0);
  read_for(&s, &p, 5000, 3000);
  CHECK(s.bad == 0);
  CHECK(s.next_k >= 15000);

  olive_radio_counters_t c;
  olive_radio_counters(&r, &c);
  CHECK(c.timeouts >= 2);
  olive_radio_close(&r);
  peer_stop(&p);
}

static void test_tx_stall(void)
{
  peer_t p = {.req_addr = "tcp://127.0.0.1:24721", .rx_cap = 1u << 20};
  atomic_store(&p.pause_req, true);
  peer_start(&p);
  olive_radio_t r;
  REQUIRE(olive_radio_open(&r, "zmq", "tx_port=tcp://127.0.0.1:24721,trx_timeout_ms=200", 1) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  olive_radio_cf_t tx[1000];
  for (unsigned i = 0; i < 1000; i++)
    tx[i] = test_sample(4, i);
  const olive_radio_cf_t *tb[1] = {tx};
  uint64_t t0 = olive_time_ns();
  CHECK(olive_radio_tx(&r, tb, 1000, 0, 0) == OLIVE_ETIMEDOUT);
  uint64_t dt = olive_time_ns() - t0;
  CHECK(dt >= 190000000ull && dt < 1000000000ull);
  atomic_store(&p.pause_req, false);
  CHECK(olive_radio_tx(&r, tb, 1000, 0, 0) == 1000); /* same time: state was kept */
  uint64_t t1 = olive_time_ns();
  while (p.rx_len < 8000 && olive_time_ns() - t1 < 3000000000ull)
    olive_sleep_ns(1000000);
  CHECK(p.rx_len == 8000 && memcmp(p.rx_bytes, tx, 8000) == 0);
  olive_radio_counters_t c;
  olive_radio_counters(&r, &c);
  CHECK(c.timeouts == 1 && c.tx_samples == 1000 && c.lost_samples == 0);
  olive_radio_close(&r);
  peer_stop(&p);
}

static void test_fail_on_disconnect(void)
{
  olive_radio_t r;
  /* Nobody listens on 24722. */
  REQUIRE(olive_radio_open(&r, "zmq",
                           "rx_port=tcp://127.0.0.1:24722,trx_timeout_ms=100,"
                           "fail_on_disconnect=true",
                           1) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  olive_radio_cf_t buf[100];
  olive_radio_cf_t *rb[1] = {buf};
  uint64_t ts, t0 = olive_time_ns();
  int ret = olive_radio_rx(&r, rb, 100, &ts);
  CHECK(ret == OLIVE_EIO || ret == OLIVE_ETIMEDOUT);
  if (ret == OLIVE_ETIMEDOUT)
    ret = olive_radio_rx(&r, rb, 100, &ts);
  CHECK(ret == OLIVE_EIO);
  CHECK(olive_radio_rx(&r, rb, 100, &ts) == OLIVE_EIO);
  CHECK(olive_time_ns() - t0 < 1000000000ull);
  uint64_t tc = olive_time_ns();
  olive_radio_close(&r);
  CHECK(olive_time_ns() - tc < 500000000ull);
}

int main(void)
{
  test_rx_stall_and_restart();
  test_tx_stall();
  test_fail_on_disconnect();
  return test_report("radio_zmq_stall");
}
