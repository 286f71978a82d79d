/* SPDX-License-Identifier: Apache-2.0 */
/* Our ZMQ driver against a minimal srsRAN-protocol peer built from raw libzmq calls
 * (zmq_peer.h), following the protocol facts in INTEROP.md / srsRAN 4G rf_zmq:
 *  - our RX (REQ, connect) takes the peer's REP messages of odd sizes (1000, 3001, 7,
 *    1920 samples) and returns them as one continuous stream, in order, bit-exact;
 *  - our TX (REP, bind) answers the peer's 1-byte requests with header-less messages:
 *    the peer sees exactly 8 bytes per fc32 sample (4 per sc16), a tx() at a future
 *    time arrives as a zero message of the gap followed by the samples, and rx() keeps
 *    our TX level with RX time by sending zeros;
 *  - sc16: int16 pairs scaled by 32767 (srsRAN's INT16_MAX) in both directions. */
#include <math.h>

#include "olive/support/error.h"
#include "olive/support/time.h"
#include "zmq_peer.h"

static const unsigned sizes[] = {1000, 3001, 7, 1920};

#define NRX   2500u
#define NITER 8u

static void wait_bytes(peer_t *p, size_t bytes)
{
  uint64_t t0 = olive_time_ns();
  while (atomic_load(&p->rx_len) < bytes && olive_time_ns() - t0 < 5000000000ull)
    olive_sleep_ns(1000000);
}

static void check_rx_stream(peer_t *p, const olive_radio_cf_t *got, uint64_t k0, uint32_t n)
{
  unsigned bad = 0;
  for (uint32_t i = 0; i < n; i++) {
    olive_radio_cf_t want;
    if (p->sc16) {
      int16_t v[2];
      sc16_value(p->seed, k0 + i, v);
      want = (float)v[0] / 32767.0f + (float)v[1] / 32767.0f * I;
    } else {
      want = test_sample(p->seed, k0 + i);
    }
    bad += memcmp(&want, &got[i], sizeof(want)) != 0;
  }
  CHECK(bad == 0);
}

/* What the peer must have received from our TX: 300 zeros, 700 samples, then zeros. */
static void check_tx_stream(peer_t *p, uint64_t total)
{
  size_t ssz = p->sc16 ? 4 : 8;
  wait_bytes(p, total * ssz);
  REQUIRE(p->rx_len >= total * ssz);
  CHECK(p->msg_len[0] == 300 * ssz); /* the zero gap is one header-less message */
  CHECK(p->msg_len[1] == 700 * ssz);
  unsigned bad = 0;
  for (uint64_t t = 0; t < total; t++) {
    olive_radio_cf_t x = (t >= 300 && t < 1000) ? test_sample(9, t) : 0;
    if (p->sc16) {
      int16_t v[2],
          want[2] = {(int16_t)lrintf(crealf(x) * 32767.0f), (int16_t)lrintf(cimagf(x) * 32767.0f)};
      memcpy(v, p->rx_bytes + 4 * t, 4);
      bad += v[0] != want[0] || v[1] != want[1];
    } else {
      bad += memcmp(p->rx_bytes + 8 * t, &x, 8) != 0;
    }
  }
  CHECK(bad == 0);
}

static void run_case(bool sc16, const char *args, const char *our_tx, const char *our_rx)
{
  peer_t p = {.rep_addr = our_rx,
              .req_addr = our_tx,
              .sc16 = sc16,
              .sizes = sizes,
              .nof_sizes = 4,
              .seed = 5,
              .rx_cap = 64u << 20};
  peer_start(&p);
  olive_radio_t r;
  REQUIRE(olive_radio_open(&r, "zmq", args, 1) == OLIVE_OK);
  REQUIRE(olive_radio_start(&r) == OLIVE_OK);
  olive_radio_cf_t tx[700], rx[NRX];
  for (unsigned i = 0; i < 700; i++)
    tx[i] = test_sample(9, 300 + i);
  const olive_radio_cf_t *tb[1] = {tx};
  CHECK(olive_radio_tx(&r, tb, 700, 300, OLIVE_RADIO_TX_START_OF_BURST) == 700);
  for (unsigned k = 0; k < NITER; k++) {
    uint64_t ts = 99;
    olive_radio_cf_t *rb[1] = {rx};
    REQUIRE(olive_radio_rx(&r, rb, NRX, &ts) == (int)NRX);
    CHECK(ts == (uint64_t)k * NRX);
    check_rx_stream(&p, rx, ts, NRX);
  }
  /* A transmission whose time has passed is dropped and counted, never sent late. */
  CHECK(olive_radio_tx(&r, tb, 700, 1000, 0) == 700);
  olive_radio_counters_t c;
  olive_radio_counters(&r, &c);
  CHECK(c.late == 1 && c.lost_samples == 700);
  CHECK(c.rx_samples == NRX * NITER && c.tx_samples == 700);
  check_tx_stream(&p, (uint64_t)NRX * NITER);
  olive_radio_close(&r);
  peer_stop(&p);
}

/* tx_type=pub / rx_type=sub (srsRAN's broadcast variant): no requests, the publisher
 * never waits. A subscriber joining late misses the first messages (ZeroMQ's "slow
 * joiner"), so the check is that what arrives is the publisher's stream from a message
 * boundary on, contiguous and exact. */
static void test_pub_sub(void)
{
  olive_radio_t pub, sub;
  REQUIRE(olive_radio_open(&sub, "zmq", "rx_port=tcp://127.0.0.1:24714,rx_type=sub", 1) == 0);
  REQUIRE(olive_radio_open(&pub, "zmq", "tx_port=tcp://127.0.0.1:24714,tx_type=pub", 1) == 0);
  REQUIRE(olive_radio_start(&sub) == 0 && olive_radio_start(&pub) == 0);
  olive_sleep_ns(300000000); /* let the subscription reach the publisher */
  static olive_radio_cf_t tx[1000], rx[5000];
  const olive_radio_cf_t *tb[1] = {tx};
  for (unsigned k = 0; k < 20; k++) {
    for (unsigned i = 0; i < 1000; i++)
      tx[i] = test_sample(11, k * 1000 + i);
    CHECK(olive_radio_tx(&pub, tb, 1000, k * 1000, 0) == 1000);
  }
  olive_radio_cf_t *rb[1] = {rx};
  uint64_t ts;
  REQUIRE(olive_radio_rx(&sub, rb, 5000, &ts) == 5000);
  uint64_t k0 = 0;
  while (k0 < 20 && memcmp(&rx[0], &(olive_radio_cf_t){test_sample(11, k0 * 1000)}, 8) != 0)
    k0++;
  CHECK(k0 <= 15);
  unsigned bad = 0;
  for (unsigned i = 0; i < 5000; i++) {
    olive_radio_cf_t want = test_sample(11, k0 * 1000 + i);
    bad += memcmp(&want, &rx[i], sizeof(want)) != 0;
  }
  CHECK(bad == 0);
  olive_radio_close(&pub);
  olive_radio_close(&sub);
}

int main(void)
{
  run_case(false, "tx_port=tcp://127.0.0.1:24710,rx_port=tcp://127.0.0.1:24711",
           "tcp://127.0.0.1:24710", "tcp://127.0.0.1:24711");
  run_case(true,
           "tx_port0=tcp://127.0.0.1:24712,rx_port0=tcp://127.0.0.1:24713,tx_format=sc16,"
           "rx_format=sc16,base_srate=23.04e6,id=ue,trx_timeout_ms=2000",
           "tcp://127.0.0.1:24712", "tcp://127.0.0.1:24713");
  test_pub_sub();
  return test_report("radio_zmq_interop");
}
