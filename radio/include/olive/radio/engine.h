/* SPDX-License-Identifier: Apache-2.0 */
/* Real-time slot engine: keeps a cell on time on top of the radio interface.
 *
 * Threads (see radio/README.md for the full model):
 *   rx      receives one slot at a time from the radio; the radio timestamps are the slot
 *           clock (slot n starts at sample n * slot_samples). For each slot n it queues
 *           UL work for slot n and DL work for slot n + tx_advance.
 *   workers a small pool running the user callbacks: ul_slot() on received samples and
 *           dl_slot() filling the samples of a future slot.
 *   tx      hands finished DL slots to the radio in slot order.
 *   hk      low priority: once a second computes the metrics and logs them.
 *
 * Deadlines. DL slot m must reach the radio before the rx thread starts receiving slot
 * m - 1: the ZeroMQ driver fills TX with zeros up to the end of the slot being received
 * (srsRAN's lock-step), and a USRP needs the samples before their air time. So with
 * tx_advance = A a DL slot has A - 2 slot durations for processing (A >= 3). A DL slot
 * that misses the deadline is skipped (never sent late) and counted; a UL slot whose
 * buffer is still busy when the radio delivers the next samples for it is dropped and
 * counted.
 *
 * Nothing on the slot path allocates, does I/O or formats logs: buffers and queues are
 * sized at init; the rx/worker/tx threads only count. */
#ifndef OLIVE_RADIO_ENGINE_H
#define OLIVE_RADIO_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/radio/radio.h"
#include "olive/support/api.h"

#define OLIVE_ENGINE_MAX_WORKERS 8
#define OLIVE_ENGINE_HIST_US     4096 /* processing-time histogram: 1 us bins, then overflow */

typedef struct olive_engine_slot {
  uint64_t abs_slot; /* slots since radio time 0 */
  uint32_t sfn;      /* abs_slot / slots_per_frame mod 1024 (TS 38.211 4.3.1) */
  uint32_t slot;     /* abs_slot mod slots_per_frame */
  uint64_t ts;       /* radio time of the slot's first sample */
} olive_engine_slot_t;

/* Fills tx[ch][0..slot_samples-1] for the slot. Runs on a worker thread. Return 0 to
 * send, or a negative value to leave the slot out (counted as dl_failed). */
typedef int (*olive_engine_dl_fn)(void *ctx, const olive_engine_slot_t *s,
                                  olive_radio_cf_t *const *tx);
/* Processes the received rx[ch][0..slot_samples-1]. Runs on a worker thread. */
typedef void (*olive_engine_ul_fn)(void *ctx, const olive_engine_slot_t *s,
                                   const olive_radio_cf_t *const *rx);

typedef struct olive_engine_thread_cfg {
  int rt_priority; /* SCHED_FIFO 1..99, 0 = normal; refused -> warning and normal */
  int cpu;         /* -1 = any */
} olive_engine_thread_cfg_t;

typedef struct olive_engine_args {
  olive_radio_t *radio; /* opened, rate set; the engine starts and stops it */
  unsigned nof_channels;
  uint32_t slot_samples;    /* samples per slot (constant: numerologies 0 and 1) */
  uint32_t slots_per_frame; /* 10 * 2^mu */
  unsigned tx_advance;      /* >= 3 */
  unsigned nof_workers;     /* 1..OLIVE_ENGINE_MAX_WORKERS */
  olive_engine_dl_fn dl_slot;
  olive_engine_ul_fn ul_slot; /* NULL: no UL processing */
  void *ctx;
  olive_engine_thread_cfg_t rx_thread, tx_thread, worker_thread[OLIVE_ENGINE_MAX_WORKERS];
  /* Virtual-time radios (ZMQ, file): the radio clock advances only as fast as we read,
   * so instead of letting DL slots run late, the rx thread waits until DL slot n + 2 is
   * with the radio before it starts receiving slot n + 1 (the ZMQ pair then runs at the
   * speed of the slowest DL processing, and no slot is late). Never with a real-time
   * device: holding the rx thread would overflow its buffers. */
  bool lockstep;
  unsigned metrics_period_ms; /* hk logging period; 0 = 1000 */
  bool log_metrics;           /* hk logs one metrics line per period */
} olive_engine_args_t;

typedef struct olive_engine_metrics {
  uint64_t rx_slots;                      /* slots received from the radio */
  uint64_t dl_sent, ul_done;              /* slots processed in time */
  uint64_t dl_late, ul_dropped;           /* skipped: deadline missed / buffer still busy */
  uint64_t dl_failed;                     /* dl_slot() returned an error */
  uint64_t rx_errors;                     /* radio rx() errors and timeouts */
  double dl_p50_us, dl_p99_us, dl_max_us; /* dl_slot() processing time */
  double ul_p50_us, ul_p99_us, ul_max_us; /* ul_slot() processing time */
  olive_radio_counters_t radio;
} olive_engine_metrics_t;

typedef struct olive_engine olive_engine_t;

/* Validates args and allocates every buffer and queue. NULL on error (logged). */
OLIVE_API olive_engine_t *olive_engine_create(const olive_engine_args_t *args);
/* Starts the radio and the threads. 0 or a negative olive_err_t. */
OLIVE_API int olive_engine_start(olive_engine_t *e);
/* Stops the threads (and the radio) and joins them. Idempotent. */
OLIVE_API void olive_engine_stop(olive_engine_t *e);
/* Stops if needed and frees. NULL-safe. */
OLIVE_API void olive_engine_destroy(olive_engine_t *e);
/* Snapshot of the metrics (any thread). */
OLIVE_API void olive_engine_metrics(olive_engine_t *e, olive_engine_metrics_t *m);
/* True while the rx thread runs (it stops on a fatal radio error). */
OLIVE_API bool olive_engine_running(olive_engine_t *e);

#endif
