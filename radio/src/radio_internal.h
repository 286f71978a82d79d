/* SPDX-License-Identifier: Apache-2.0 */
/* Internal to olive_radio: built-in driver tables, atomic counters, the blocking sample
 * ring the drivers' receive threads fill. */
#ifndef OLIVE_RADIO_INTERNAL_H
#define OLIVE_RADIO_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "olive/radio/radio.h"

extern const olive_radio_ops_t olive_radio_zmq_ops;
extern const olive_radio_ops_t olive_radio_uhd_ops;
extern const olive_radio_ops_t olive_radio_file_ops;

/* Counters updated by driver threads, read by any thread. */
typedef struct radio_counters_atomic {
  _Atomic uint64_t rx_samples, tx_samples, overflows, underflows, late, lost_samples, timeouts,
      seq_errors;
} radio_counters_atomic_t;

#define RADIO_COUNT(c, field, n) atomic_fetch_add_explicit(&(c)->field, (n), memory_order_relaxed)

void radio_counters_snapshot(radio_counters_atomic_t *c, olive_radio_counters_t *out);

/* Sample ring, one producer thread and one consumer thread, blocking with deadlines.
 * Holds complex float samples; the producer may convert from sc16 on the way in. */
typedef struct sring {
  olive_radio_cf_t *buf;
  uint64_t cap, mask;
  uint64_t head, tail; /* under mu */
  bool woken;          /* sring_wake() called: waits return at once */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool init;
} sring_t;

int sring_init(sring_t *r, uint64_t cap_pow2);
void sring_free(sring_t *r);
/* Waits until at least n samples are queued (n <= cap). 0, OLIVE_ETIMEDOUT at the
 * CLOCK_MONOTONIC deadline, or OLIVE_ESTATE after sring_wake(). */
int sring_wait_count(sring_t *r, uint64_t n, uint64_t deadline_ns);
/* Waits until at least n samples are free. Same returns. */
int sring_wait_space(sring_t *r, uint64_t n, uint64_t deadline_ns);
uint64_t sring_space(sring_t *r);
/* Writes n samples (the caller made room). fmt_sc16: src holds 2n int16 scaled by 32767. */
void sring_write(sring_t *r, const void *src, uint64_t n, bool fmt_sc16);
/* Reads n samples (the caller waited for them). */
void sring_read(sring_t *r, olive_radio_cf_t *dst, uint64_t n);
/* Makes every present and future wait return OLIVE_ESTATE (shutdown). */
void sring_wake(sring_t *r);
void sring_reset(sring_t *r);

/* sc16 conversion shared by drivers: srsRAN scales by INT16_MAX both ways. */
void radio_cf32_to_sc16(const olive_radio_cf_t *src, int16_t *dst, uint64_t n);
void radio_sc16_to_cf32(const void *src, olive_radio_cf_t *dst, uint64_t n);

#endif
