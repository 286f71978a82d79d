/* SPDX-License-Identifier: Apache-2.0 */
/* Slot engine state, shared by engine.c (threads) and engine_metrics.c. */
#ifndef OLIVE_RADIO_ENGINE_INTERNAL_H
#define OLIVE_RADIO_ENGINE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "olive/radio/engine.h"
#include "olive/support/thread.h"

#define ENGINE_QUEUE 64 /* jobs in flight; power of two */

enum { BUF_FREE, BUF_BUSY, BUF_READY, BUF_SKIP, BUF_ABANDONED };
enum { JOB_DL, JOB_UL };

typedef struct engine_job {
  int type;
  unsigned buf;
  uint64_t slot;
} engine_job_t;

typedef struct engine_hist {
  _Atomic uint64_t bins[OLIVE_ENGINE_HIST_US + 1];
  _Atomic uint64_t max_ns;
} engine_hist_t;

struct olive_engine {
  olive_engine_args_t a;
  unsigned nb_dl, nb_ul;
  olive_radio_cf_t **dl_buf, **ul_buf; /* [nb][nof_channels] */
  olive_radio_cf_t *scratch[OLIVE_RADIO_MAX_CHANNELS];
  _Atomic int *dl_state;
  _Atomic uint64_t *dl_slot; /* which slot a DL buffer holds */
  _Atomic int *ul_busy;

  pthread_mutex_t qmu;
  pthread_cond_t qcv;
  engine_job_t q[ENGINE_QUEUE];
  unsigned qhead, qtail; /* under qmu */

  pthread_mutex_t tmu; /* tx thread wake-ups */
  pthread_cond_t tcv;

  _Atomic uint64_t rx_next;  /* slot the rx thread receives next */
  _Atomic uint64_t first_dl; /* first DL slot queued; UINT64_MAX until known */
  _Atomic uint64_t tx_next;  /* next DL slot the tx thread decides on */
  _Atomic bool running, rx_alive, started;
  olive_thread_t rx_t, tx_t, hk_t, w_t[OLIVE_ENGINE_MAX_WORKERS];

  engine_hist_t dl_hist, ul_hist;
  _Atomic uint64_t rx_slots, dl_sent, ul_done, dl_late, ul_dropped, dl_failed, rx_errors;
};

void engine_hist_add(engine_hist_t *h, uint64_t ns);
void engine_hist_stats(engine_hist_t *h, double *p50, double *p99, double *max);
void *engine_hk_thread(void *arg);

#endif
