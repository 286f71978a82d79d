/* SPDX-License-Identifier: Apache-2.0 */
/* The srsRAN-compatible ZeroMQ wire protocol (facts from srsRAN 4G rf_zmq_imp_tx.c /
 * rf_zmq_imp_rx.c, see radio/README.md): REP answers each request with one message of
 * samples; REQ sends a 1-byte request and queues the reply. Every wait is a zmq_poll in
 * ZMQ_RADIO_SLICE_MS slices so stop() is noticed, and runs out after trx_timeout_ms: the
 * stall is logged once, counted, and either waited out (state kept) or, with
 * fail_on_disconnect, turned into a permanent OLIVE_EIO. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/time.h"
#include "zmq_internal.h"

void zmq_link_set_opts(void *sock, int timeout_ms)
{
  int linger = 0;
  zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof(linger));
  zmq_setsockopt(sock, ZMQ_SNDTIMEO, &timeout_ms, sizeof(timeout_ms));
}

static bool running(zmq_radio_t *q)
{
  return atomic_load_explicit(&q->running, memory_order_acquire) &&
         !atomic_load_explicit(&q->failed, memory_order_acquire);
}

/* A wait ran out: count it, log the first one of a stall, trip fail_on_disconnect. */
static int stall(zmq_radio_t *q, bool *stalled, uint64_t *since, const char *what, const char *addr)
{
  RADIO_COUNT(&q->cnt, timeouts, 1);
  if (!*stalled) {
    *stalled = true;
    *since = olive_time_ns() - (uint64_t)q->trx_timeout_ms * 1000000u;
    if (q->log_trx_timeout)
      OLOG_WARN(OLIVE_LOG_RADIO, "zmq[%s]: %s %s: no peer activity for %d ms%s", q->id, what, addr,
                q->trx_timeout_ms,
                q->fail_on_disconnect ? "; fail_on_disconnect: stopping" : "; waiting for it");
  }
  if (q->fail_on_disconnect) {
    atomic_store(&q->failed, true);
    return OLIVE_EIO;
  }
  return OLIVE_ETIMEDOUT;
}

static void resumed(zmq_radio_t *q, bool *stalled, uint64_t since, const char *what,
                    const char *addr)
{
  if (*stalled) {
    *stalled = false;
    OLOG_INFO(OLIVE_LOG_RADIO, "zmq[%s]: %s %s: peer back after %.1f s", q->id, what, addr,
              (double)(olive_time_ns() - since) * 1e-9);
  }
}

/* Polls sock for `events` up to trx_timeout_ms. 1 ready, 0 timed out, OLIVE_ESTATE when
 * stopped, OLIVE_EIO on a socket error. */
static int poll_sock(zmq_radio_t *q, void *sock, short events)
{
  int waited = 0;
  while (running(q)) {
    zmq_pollitem_t it = {.socket = sock, .events = events};
    int rc = zmq_poll(&it, 1, ZMQ_RADIO_SLICE_MS);
    if (rc < 0 && zmq_errno() != EINTR)
      return zmq_errno() == ETERM ? OLIVE_ESTATE : OLIVE_EIO;
    if (rc > 0)
      return 1;
    waited += ZMQ_RADIO_SLICE_MS;
    if (waited >= q->trx_timeout_ms)
      return 0;
  }
  return OLIVE_ESTATE;
}

/* Sends one message on a TX channel: waits for the peer's request first (REP). */
static int tx_msg(zmq_radio_t *q, zmq_tx_ch_t *c, const void *data, size_t nbytes)
{
  if (!c->pub) {
    int rc = poll_sock(q, c->sock, ZMQ_POLLIN);
    if (rc == 0)
      return stall(q, &c->stalled, &c->stall_start_ns, "tx", c->addr);
    if (rc < 0)
      return rc;
    uint8_t req[8];
    if (zmq_recv(c->sock, req, sizeof(req), ZMQ_DONTWAIT) < 0)
      return OLIVE_EIO;
    resumed(q, &c->stalled, c->stall_start_ns, "tx", c->addr);
  }
  if (zmq_send(c->sock, data, nbytes, 0) != (int)nbytes) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "zmq[%s]: tx %s: send failed: %s", q->id, c->addr,
               zmq_strerror(zmq_errno()));
    return OLIVE_EIO;
  }
  return OLIVE_OK;
}

/* Sends n samples (buf NULL = zeros), cut into messages the peer accepts. */
static int tx_samples(zmq_radio_t *q, zmq_tx_ch_t *c, const olive_radio_cf_t *buf, uint64_t n)
{
  while (n > 0) {
    uint64_t len = n;
    const void *data = buf;
    if (!buf || q->tx_sc16) {
      len = n < ZMQ_RADIO_CHUNK_SAMPLES ? n : ZMQ_RADIO_CHUNK_SAMPLES;
      if (!buf)
        data = q->zeros;
    } else if (len > ZMQ_RADIO_MAX_MSG_SAMPLES) {
      len = ZMQ_RADIO_MAX_MSG_SAMPLES;
    }
    size_t bytes = len * sizeof(olive_radio_cf_t);
    if (q->tx_sc16) {
      if (buf)
        radio_cf32_to_sc16(buf, q->sc16, len);
      else
        memset(q->sc16, 0, len * 2 * sizeof(int16_t));
      data = q->sc16;
      bytes = len * 2 * sizeof(int16_t);
    }
    int ret = tx_msg(q, c, data, bytes);
    if (ret < 0)
      return ret;
    c->nsamples += len;
    atomic_store_explicit(&c->clock, c->nsamples, memory_order_relaxed);
    n -= len;
    if (buf)
      buf += len;
  }
  return OLIVE_OK;
}

int zmq_link_tx_align(zmq_radio_t *q, unsigned ch, uint64_t ts)
{
  zmq_tx_ch_t *c = &q->tx[ch];
  pthread_mutex_lock(&c->mu);
  int ret = ts > c->nsamples ? tx_samples(q, c, NULL, ts - c->nsamples) : OLIVE_OK;
  pthread_mutex_unlock(&c->mu);
  return ret;
}

int zmq_link_tx(zmq_radio_t *q, unsigned ch, const olive_radio_cf_t *buf, uint32_t n, uint64_t ts)
{
  zmq_tx_ch_t *c = &q->tx[ch];
  int ret = OLIVE_OK;
  pthread_mutex_lock(&c->mu);
  if (ts < c->nsamples) {
    /* Time already on the wire (the zero fill got there first): drop what is late. */
    uint64_t late = c->nsamples - ts;
    if (late > n)
      late = n;
    RADIO_COUNT(&q->cnt, late, 1);
    RADIO_COUNT(&q->cnt, lost_samples, late);
    buf += late;
    n -= (uint32_t)late;
    ts += late;
  }
  if (ts > c->nsamples)
    ret = tx_samples(q, c, NULL, ts - c->nsamples);
  if (ret == OLIVE_OK && n > 0) {
    ret = tx_samples(q, c, buf, n);
    if (ret == OLIVE_OK && ch == 0)
      RADIO_COUNT(&q->cnt, tx_samples, n);
  }
  pthread_mutex_unlock(&c->mu);
  return ret;
}

/* A monitor tells the receive thread when the TCP connection to the peer drops: the
 * request in flight is then lost and must be sent again. */
static int rx_monitor(zmq_radio_t *q, zmq_rx_ch_t *c)
{
  char ep[96];
  snprintf(ep, sizeof(ep), "inproc://olive-zmq-mon-%p-%u", (void *)q, c->ch);
  if (zmq_socket_monitor(c->sock, ep, ZMQ_EVENT_DISCONNECTED) != 0)
    return OLIVE_EIO;
  c->mon = zmq_socket(q->ctx, ZMQ_PAIR);
  if (!c->mon)
    return OLIVE_EIO;
  zmq_link_set_opts(c->mon, q->trx_timeout_ms);
  return zmq_connect(c->mon, ep) == 0 ? OLIVE_OK : OLIVE_EIO;
}

int zmq_link_rx_socket(zmq_radio_t *q, zmq_rx_ch_t *c)
{
  c->sock = zmq_socket(q->ctx, c->sub ? ZMQ_SUB : ZMQ_REQ);
  if (!c->sock)
    return OLIVE_EIO;
  zmq_link_set_opts(c->sock, q->trx_timeout_ms);
  int one = 1;
  if (c->sub)
    zmq_setsockopt(c->sock, ZMQ_SUBSCRIBE, "", 0);
  else
    zmq_setsockopt(c->sock, ZMQ_REQ_RELAXED, &one, sizeof(one));
  c->need_req = true;
  if (!c->sub && rx_monitor(q, c) < 0)
    return OLIVE_EIO;
  if (zmq_connect(c->sock, c->addr) != 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "zmq[%s]: rx_port%u=%s: connect failed: %s", q->id, c->ch, c->addr,
               zmq_strerror(zmq_errno()));
    return OLIVE_ECONFIG;
  }
  return OLIVE_OK;
}

void zmq_link_rx_close(zmq_rx_ch_t *c)
{
  if (c->sock) {
    zmq_socket_monitor(c->sock, NULL, 0);
    zmq_close(c->sock);
  }
  if (c->mon)
    zmq_close(c->mon);
  c->sock = c->mon = NULL;
}

/* Drains monitor events; true when the connection dropped. */
static bool rx_disconnected(zmq_rx_ch_t *c)
{
  bool dropped = false;
  zmq_msg_t m;
  zmq_msg_init(&m);
  while (zmq_msg_recv(&m, c->mon, ZMQ_DONTWAIT) >= 0) {
    if (zmq_msg_more(&m) && zmq_msg_size(&m) >= 2) {
      uint16_t ev;
      memcpy(&ev, zmq_msg_data(&m), sizeof(ev));
      dropped |= ev == ZMQ_EVENT_DISCONNECTED;
    }
  }
  zmq_msg_close(&m);
  return dropped;
}

/* Waits for a reply up to trx_timeout_ms. 1 ready, 0 timed out, 2 connection dropped,
 * OLIVE_ESTATE when stopped. */
static int rx_poll(zmq_radio_t *q, zmq_rx_ch_t *c)
{
  int waited = 0;
  while (running(q)) {
    zmq_pollitem_t it[2] = {{.socket = c->sock, .events = ZMQ_POLLIN},
                            {.socket = c->mon, .events = ZMQ_POLLIN}};
    int rc = zmq_poll(it, c->mon ? 2 : 1, ZMQ_RADIO_SLICE_MS);
    if (rc < 0 && zmq_errno() != EINTR)
      return zmq_errno() == ETERM ? OLIVE_ESTATE : OLIVE_EIO;
    if (rc > 0 && (it[0].revents & ZMQ_POLLIN))
      return 1;
    if (rc > 0 && (it[1].revents & ZMQ_POLLIN) && rx_disconnected(c))
      return 2;
    waited += ZMQ_RADIO_SLICE_MS;
    if (waited >= q->trx_timeout_ms)
      return 0;
  }
  return OLIVE_ESTATE;
}

/* Queues one received message; a malformed or oversized one is dropped and counted. */
static int rx_store(zmq_radio_t *q, zmq_rx_ch_t *c, zmq_msg_t *msg)
{
  size_t bytes = zmq_msg_size(msg);
  size_t ssz = q->rx_sc16 ? 2 * sizeof(int16_t) : sizeof(olive_radio_cf_t);
  uint64_t n = bytes / ssz;
  if (bytes % ssz || n > c->ring.cap) {
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_ERROR,
              "zmq[%s]: rx %s: dropped a %zu-byte message (not whole samples or > %llu)", q->id,
              c->addr, bytes, (unsigned long long)c->ring.cap);
    RADIO_COUNT(&q->cnt, overflows, 1);
    RADIO_COUNT(&q->cnt, lost_samples, n);
    return OLIVE_OK;
  }
  if (c->sub && sring_space(&c->ring) < n) {
    RADIO_COUNT(&q->cnt, overflows, 1);
    RADIO_COUNT(&q->cnt, lost_samples, n);
    return OLIVE_OK;
  }
  /* REQ: back-pressure. The reader frees room as it consumes; the peer waits meanwhile. */
  int ret;
  do {
    ret = sring_wait_space(&c->ring, n, olive_time_ns() + ZMQ_RADIO_SLICE_MS * 1000000ull);
  } while (ret == OLIVE_ETIMEDOUT && running(q));
  if (ret < 0)
    return ret;
  sring_write(&c->ring, zmq_msg_data(msg), n, q->rx_sc16);
  c->received += n;
  return OLIVE_OK;
}

/* The peer's connection dropped, so the next peer is a new process whose sample clock
 * starts at zero where our TX stream stands now: its first sample received answers our
 * TX sample `clock`. The samples the old peer never sent (our RX clock up to `clock`) are
 * queued as silence, which keeps RX and TX aligned for the new peer and breaks the
 * lock-step wait in which each side waits for the other's first samples (a running gNB
 * would otherwise never serve a restarted UE). A TX reply lost in the dropped connection
 * can leave the new peer one message later than this. */
static int rx_resync(zmq_radio_t *q, zmq_rx_ch_t *c)
{
  const zmq_tx_ch_t *t = &q->tx[c->ch];
  if (!t->sock || c->sub)
    return OLIVE_OK;
  uint64_t clock = atomic_load_explicit(&t->clock, memory_order_relaxed);
  uint64_t gap = clock > c->received ? clock - c->received : 0;
  if (gap > 0)
    OLOG_INFO(OLIVE_LOG_RADIO, "zmq[%s]: rx %s: %llu samples of silence for the next peer", q->id,
              c->addr, (unsigned long long)gap);
  while (gap > 0 && running(q)) {
    uint64_t n = gap < ZMQ_RADIO_CHUNK_SAMPLES ? gap : ZMQ_RADIO_CHUNK_SAMPLES;
    int ret = sring_wait_space(&c->ring, n, olive_time_ns() + ZMQ_RADIO_SLICE_MS * 1000000ull);
    if (ret == OLIVE_ETIMEDOUT)
      continue;
    if (ret < 0)
      return ret;
    sring_write(&c->ring, q->zeros, n, false);
    c->received += n;
    gap -= n;
  }
  return OLIVE_OK;
}

/* One request/reply exchange. A peer that is slow or stalled keeps our request: we wait
 * (logging and counting each trx_timeout_ms) and lose nothing when it resumes. A peer
 * whose connection dropped lost it: the REQ socket is ZMQ_REQ_RELAXED so the request can
 * be sent again, and it reaches the peer (or its restarted successor) on reconnection. */
static int rx_exchange(zmq_radio_t *q, zmq_rx_ch_t *c, zmq_msg_t *msg)
{
  if (!c->sub && c->need_req) {
    uint8_t req = 0xff;
    if (zmq_send(c->sock, &req, 1, 0) != 1)
      return zmq_errno() == ETERM ? OLIVE_ESTATE : OLIVE_EAGAIN;
    c->need_req = false;
  }
  int rc = rx_poll(q, c);
  if (rc == 0)
    return stall(q, &c->stalled, &c->stall_start_ns, "rx", c->addr);
  if (rc == 2) {
    OLOG_WARN(OLIVE_LOG_RADIO, "zmq[%s]: rx %s: peer disconnected; requesting again", q->id,
              c->addr);
    c->need_req = true;
    return rx_resync(q, c);
  }
  if (rc < 0)
    return rc;
  if (zmq_msg_recv(msg, c->sock, ZMQ_DONTWAIT) < 0)
    return OLIVE_EAGAIN;
  c->need_req = true;
  resumed(q, &c->stalled, c->stall_start_ns, "rx", c->addr);
  return rx_store(q, c, msg);
}

static void *rx_thread(void *arg)
{
  zmq_rx_ch_t *c = arg;
  zmq_radio_t *q = c->q;
  zmq_msg_t msg;
  zmq_msg_init(&msg);
  while (running(q)) {
    int ret = rx_exchange(q, c, &msg);
    if (ret == OLIVE_EAGAIN) { /* socket in a state we do not expect: start it afresh */
      zmq_link_rx_close(c);
      ret = zmq_link_rx_socket(q, c) < 0 ? OLIVE_EIO : OLIVE_OK;
    }
    if (ret == OLIVE_EIO || ret == OLIVE_ESTATE)
      break;
  }
  zmq_msg_close(&msg);
  sring_wake(&c->ring); /* a reader waiting on us returns now */
  return NULL;
}

int zmq_link_rx_start(zmq_radio_t *q, unsigned ch)
{
  zmq_rx_ch_t *c = &q->rx[ch];
  sring_reset(&c->ring);
  if (pthread_create(&c->thread, NULL, rx_thread, c) != 0)
    return OLIVE_EIO;
  c->thread_started = true;
  return OLIVE_OK;
}

void zmq_link_rx_stop(zmq_radio_t *q, unsigned ch)
{
  zmq_rx_ch_t *c = &q->rx[ch];
  if (c->thread_started) {
    sring_wake(&c->ring);
    pthread_join(c->thread, NULL);
    c->thread_started = false;
  }
}
