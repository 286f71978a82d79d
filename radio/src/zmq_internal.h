/* SPDX-License-Identifier: Apache-2.0 */
/* ZeroMQ driver state, shared by zmq_drv.c (options, lifecycle) and zmq_link.c (the
 * wire protocol). Protocol as srsRAN 4G's rf_zmq (see radio/README.md):
 *   TX: per channel a REP socket bound at tx_port; each message answers one request.
 *   RX: per channel a REQ socket connected to rx_port; a thread sends a 1-byte request,
 *       receives one message of samples and queues it in a ring.
 *   No header; time is the running sample count; TX gaps are filled with zeros. */
#ifndef OLIVE_RADIO_ZMQ_INTERNAL_H
#define OLIVE_RADIO_ZMQ_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "radio_internal.h"

#define ZMQ_RADIO_ADDR_LEN 256
#define ZMQ_RADIO_ID_LEN   32
/* srsRAN's ZMQ_MAX_BUFFER_SIZE is 3,072,000 samples: never send a longer message. */
#define ZMQ_RADIO_MAX_MSG_SAMPLES 3072000u
/* Messages we build (zero gaps, sc16 conversions) are cut to this many samples. */
#define ZMQ_RADIO_CHUNK_SAMPLES 65536u
/* Blocking waits wake this often to notice stop(). */
#define ZMQ_RADIO_SLICE_MS 20

struct zmq_radio;

typedef struct zmq_tx_ch {
  void *sock;
  bool pub; /* tx_type=pub: send without waiting for a request */
  char addr[ZMQ_RADIO_ADDR_LEN];
  pthread_mutex_t mu;     /* tx() and rx()'s zero alignment share the socket */
  uint64_t nsamples;      /* samples sent: the TX clock */
  _Atomic uint64_t clock; /* nsamples as published to the RX threads (peer resync) */
  bool stalled;
  uint64_t stall_start_ns;
} zmq_tx_ch_t;

typedef struct zmq_rx_ch {
  struct zmq_radio *q;
  unsigned ch;
  void *sock;
  void *mon;     /* PAIR end of the REQ socket's monitor (disconnect events) */
  bool need_req; /* no request outstanding: send one */
  bool sub;      /* rx_type=sub */
  char addr[ZMQ_RADIO_ADDR_LEN];
  sring_t ring;
  uint64_t received; /* samples written into the ring: the peer's TX clock as we see it */
  pthread_t thread;
  bool thread_started;
  bool stalled;
  uint64_t stall_start_ns;
} zmq_rx_ch_t;

typedef struct zmq_radio {
  void *ctx;
  unsigned nof_channels;
  char id[ZMQ_RADIO_ID_LEN];
  bool tx_sc16, rx_sc16;
  bool fail_on_disconnect;
  bool log_trx_timeout;
  int trx_timeout_ms;
  double base_srate, srate;
  float rx_scale[OLIVE_RADIO_MAX_CHANNELS];
  zmq_tx_ch_t tx[OLIVE_RADIO_MAX_CHANNELS];
  zmq_rx_ch_t rx[OLIVE_RADIO_MAX_CHANNELS];
  unsigned nof_tx, nof_rx; /* channels with a tx_port / rx_port */
  uint64_t rx_ts;          /* time of the next sample rx() returns */
  _Atomic bool running;
  _Atomic bool failed; /* fail_on_disconnect tripped: every call returns OLIVE_EIO */
  olive_radio_cf_t *zeros;
  int16_t *sc16; /* TX conversion scratch, ZMQ_RADIO_CHUNK_SAMPLES */
  radio_counters_atomic_t cnt;
} zmq_radio_t;

/* zmq_link.c */
int zmq_link_tx(zmq_radio_t *q, unsigned ch, const olive_radio_cf_t *buf, uint32_t n, uint64_t ts);
int zmq_link_tx_align(zmq_radio_t *q, unsigned ch, uint64_t ts);
int zmq_link_rx_start(zmq_radio_t *q, unsigned ch);
void zmq_link_rx_stop(zmq_radio_t *q, unsigned ch);
int zmq_link_rx_socket(zmq_radio_t *q, zmq_rx_ch_t *c);
void zmq_link_rx_close(zmq_rx_ch_t *c);
void zmq_link_set_opts(void *sock, int timeout_ms);

#endif
