/* SPDX-License-Identifier: Apache-2.0 */
/* A minimal srsRAN-protocol peer written from the protocol description alone (raw
 * libzmq, INTEROP.md): a REP socket that answers each request with one message of
 * samples from its own stream, and a REQ socket that sends 1-byte requests and keeps
 * every reply. It shares no code with the driver under test. */
#ifndef OLIVE_TESTS_ZMQ_PEER_H
#define OLIVE_TESTS_ZMQ_PEER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <zmq.h>

#include "radio_test.h"

#define PEER_MAX_MSGS 4096

typedef struct peer {
  void *ctx, *rep, *req;
  const char *rep_addr, *req_addr;
  bool sc16; /* wire format of both directions */
  /* REP side: message sizes cycle through sizes[]; sample k of the stream is
   * test_sample(seed, k) (fc32) or the int16 pair sc16_value(seed, k). */
  const unsigned *sizes;
  unsigned nof_sizes;
  uint64_t seed;
  uint64_t sent; /* samples sent so far */
  _Atomic bool pause_rep, pause_req, stop;
  _Atomic unsigned rep_msgs;
  /* REQ side: everything received, as raw bytes, plus each message's size. */
  uint8_t *rx_bytes;
  size_t rx_cap;
  _Atomic size_t rx_len; /* stored last: bytes and msg_len[] below it are complete */
  size_t msg_len[PEER_MAX_MSGS];
  _Atomic unsigned nof_msgs;
  bool awaiting;
  pthread_t thread;
} peer_t;

static inline void sc16_value(uint64_t seed, uint64_t k, int16_t v[2])
{
  olive_radio_cf_t x = test_sample(seed, k);
  v[0] = (int16_t)(crealf(x) * 32000.0f);
  v[1] = (int16_t)(cimagf(x) * 32000.0f);
}

static inline void *peer_socket(peer_t *p, int type, const char *addr, bool bind)
{
  void *s = zmq_socket(p->ctx, type);
  int zero = 0;
  zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
  REQUIRE((bind ? zmq_bind(s, addr) : zmq_connect(s, addr)) == 0);
  return s;
}

static inline void peer_answer(peer_t *p)
{
  uint8_t req[16];
  REQUIRE(zmq_recv(p->rep, req, sizeof(req), 0) >= 1);
  unsigned n = p->sizes[atomic_load(&p->rep_msgs) % p->nof_sizes];
  size_t ssz = p->sc16 ? 4 : 8;
  uint8_t *buf = malloc(n * ssz);
  for (unsigned i = 0; i < n; i++) {
    if (p->sc16) {
      sc16_value(p->seed, p->sent + i, (int16_t *)buf + 2 * i);
    } else {
      olive_radio_cf_t x = test_sample(p->seed, p->sent + i);
      memcpy(buf + 8 * i, &x, 8);
    }
  }
  REQUIRE(zmq_send(p->rep, buf, n * ssz, 0) == (int)(n * ssz));
  free(buf);
  p->sent += n;
  atomic_fetch_add(&p->rep_msgs, 1);
}

static inline void peer_collect(peer_t *p)
{
  zmq_msg_t m;
  zmq_msg_init(&m);
  REQUIRE(zmq_msg_recv(&m, p->req, 0) >= 0);
  size_t n = zmq_msg_size(&m);
  unsigned k = atomic_load(&p->nof_msgs);
  size_t len = atomic_load(&p->rx_len);
  if (len + n <= p->rx_cap && k < PEER_MAX_MSGS) {
    memcpy(p->rx_bytes + len, zmq_msg_data(&m), n);
    p->msg_len[k] = n;
    atomic_store(&p->nof_msgs, k + 1);
    atomic_store(&p->rx_len, len + n);
  }
  zmq_msg_close(&m);
  p->awaiting = false;
}

static inline void *peer_run(void *arg)
{
  peer_t *p = arg;
  while (!atomic_load(&p->stop)) {
    bool req_on = p->req && !atomic_load(&p->pause_req);
    bool rep_on = p->rep && !atomic_load(&p->pause_rep);
    if (req_on && !p->awaiting) {
      uint8_t one = 0xff;
      REQUIRE(zmq_send(p->req, &one, 1, 0) == 1);
      p->awaiting = true;
    }
    zmq_pollitem_t it[2] = {{.socket = rep_on ? p->rep : NULL, .fd = -1, .events = ZMQ_POLLIN},
                            {.socket = req_on ? p->req : NULL, .fd = -1, .events = ZMQ_POLLIN}};
    if (!rep_on && !req_on) {
      zmq_poll(NULL, 0, 5);
      continue;
    }
    zmq_pollitem_t *first = rep_on ? &it[0] : &it[1];
    int count = (rep_on && req_on) ? 2 : 1;
    if (zmq_poll(first, count, 5) <= 0)
      continue;
    if (rep_on && (it[0].revents & ZMQ_POLLIN))
      peer_answer(p);
    if (req_on && (it[1].revents & ZMQ_POLLIN))
      peer_collect(p);
  }
  return NULL;
}

static inline void peer_start(peer_t *p)
{
  p->ctx = zmq_ctx_new();
  if (p->rep_addr)
    p->rep = peer_socket(p, ZMQ_REP, p->rep_addr, true);
  if (p->req_addr)
    p->req = peer_socket(p, ZMQ_REQ, p->req_addr, false);
  if (p->rx_cap)
    p->rx_bytes = malloc(p->rx_cap);
  REQUIRE(pthread_create(&p->thread, NULL, peer_run, p) == 0);
}

static inline void peer_stop(peer_t *p)
{
  atomic_store(&p->stop, true);
  pthread_join(p->thread, NULL);
  if (p->rep)
    zmq_close(p->rep);
  if (p->req)
    zmq_close(p->req);
  zmq_ctx_term(p->ctx);
  free(p->rx_bytes);
}

#endif
