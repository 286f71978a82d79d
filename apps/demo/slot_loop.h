/* SPDX-License-Identifier: Apache-2.0 */
/* A real-time slot loop for the demo: one thread wakes at every slot boundary (1 ms at
 * 15 kHz, TS 38.211 4.3.2), runs the slot work, measures it, and once per metrics period
 * pushes a snapshot through an SPSC ring to the main thread, which prints it. A slot whose
 * work ends after its deadline is counted late and the loop skips the slots it overran
 * instead of running behind. The slot thread never allocates, prints or blocks on I/O. */
#ifndef OLIVE_APPS_DEMO_SLOT_LOOP_H
#define OLIVE_APPS_DEMO_SLOT_LOOP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "olive/support/ring.h"
#include "olive/support/thread.h"

#define SLOT_HIST_BINS 200 /* 10 us bins up to 2 ms */

typedef struct slot_metrics {
  uint64_t t_ms;  /* end of the period, since start */
  uint64_t dt_ms; /* length of the period */
  uint64_t slots, late, skipped;
  uint64_t ok, fail;  /* transport blocks decoded / failed */
  uint64_t info_bits; /* information bits delivered */
  uint64_t iters;     /* LDPC iterations, summed */
  uint32_t p50_us, p99_us, max_us;
} slot_metrics_t;

/* Work for one slot; returns false to stop the loop. */
typedef bool (*slot_work_fn)(void *ctx, uint64_t slot_index, slot_metrics_t *acc);

typedef struct slot_loop_args {
  uint64_t slot_ns;
  uint32_t period_ms; /* metrics period */
  uint64_t nof_slots; /* 0 = until slot_loop_stop() */
  int rt_priority;
  slot_work_fn work;
  void *ctx;
} slot_loop_args_t;

typedef struct slot_loop {
  slot_loop_args_t a;
  olive_thread_t thread;
  olive_spsc_t metrics; /* slot_metrics_t, slot thread -> main thread */
  _Atomic bool stop;
  _Atomic bool done;
  uint32_t hist[SLOT_HIST_BINS + 1];
  uint64_t last_t_ms;
} slot_loop_t;

int slot_loop_start(slot_loop_t *l, const slot_loop_args_t *args);
void slot_loop_stop(slot_loop_t *l);
/* Next metrics snapshot: 0, or OLIVE_EAGAIN when none is ready. */
int slot_loop_poll(slot_loop_t *l, slot_metrics_t *m);
bool slot_loop_done(slot_loop_t *l);
void slot_loop_join(slot_loop_t *l);

#endif
