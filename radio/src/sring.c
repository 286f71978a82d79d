/* SPDX-License-Identifier: Apache-2.0 */
/* Blocking sample ring and sample format conversion for the radio drivers. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "radio_internal.h"

void radio_counters_snapshot(radio_counters_atomic_t *c, olive_radio_counters_t *o)
{
  o->rx_samples = atomic_load(&c->rx_samples);
  o->tx_samples = atomic_load(&c->tx_samples);
  o->overflows = atomic_load(&c->overflows);
  o->underflows = atomic_load(&c->underflows);
  o->late = atomic_load(&c->late);
  o->lost_samples = atomic_load(&c->lost_samples);
  o->timeouts = atomic_load(&c->timeouts);
  o->seq_errors = atomic_load(&c->seq_errors);
}

int sring_init(sring_t *r, uint64_t cap)
{
  memset(r, 0, sizeof(*r));
  if (cap < 2 || (cap & (cap - 1)))
    return OLIVE_EINVAL;
  r->buf = olive_mem_calloc(cap, sizeof(olive_radio_cf_t));
  if (!r->buf)
    return OLIVE_ENOMEM;
  r->cap = cap;
  r->mask = cap - 1;
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&r->cv, &ca);
  pthread_condattr_destroy(&ca);
  pthread_mutex_init(&r->mu, NULL);
  r->init = true;
  return OLIVE_OK;
}

void sring_free(sring_t *r)
{
  if (!r || !r->init)
    return;
  pthread_cond_destroy(&r->cv);
  pthread_mutex_destroy(&r->mu);
  olive_mem_free(r->buf);
  memset(r, 0, sizeof(*r));
}

static int wait_until(sring_t *r, uint64_t n, bool space, uint64_t deadline_ns)
{
  struct timespec ts = {.tv_sec = (time_t)(deadline_ns / 1000000000u),
                        .tv_nsec = (long)(deadline_ns % 1000000000u)};
  int ret = OLIVE_OK;
  pthread_mutex_lock(&r->mu);
  for (;;) {
    uint64_t used = r->head - r->tail;
    if (r->woken) {
      ret = OLIVE_ESTATE;
      break;
    }
    if (space ? (r->cap - used >= n) : (used >= n))
      break;
    if (pthread_cond_timedwait(&r->cv, &r->mu, &ts) == ETIMEDOUT) {
      used = r->head - r->tail;
      if (!(space ? (r->cap - used >= n) : (used >= n)))
        ret = OLIVE_ETIMEDOUT;
      break;
    }
  }
  pthread_mutex_unlock(&r->mu);
  return ret;
}

int sring_wait_count(sring_t *r, uint64_t n, uint64_t deadline_ns)
{
  return n > r->cap ? OLIVE_EINVAL : wait_until(r, n, false, deadline_ns);
}

int sring_wait_space(sring_t *r, uint64_t n, uint64_t deadline_ns)
{
  return n > r->cap ? OLIVE_EINVAL : wait_until(r, n, true, deadline_ns);
}

uint64_t sring_space(sring_t *r)
{
  pthread_mutex_lock(&r->mu);
  uint64_t s = r->cap - (r->head - r->tail);
  pthread_mutex_unlock(&r->mu);
  return s;
}

/* The data copy runs outside the lock: only the producer moves head and only the
 * consumer moves tail, so the region being copied is owned by the copying side. */
void sring_write(sring_t *r, const void *src, uint64_t n, bool fmt_sc16)
{
  pthread_mutex_lock(&r->mu);
  uint64_t head = r->head;
  pthread_mutex_unlock(&r->mu);
  uint64_t done = 0;
  while (done < n) {
    uint64_t pos = (head + done) & r->mask;
    uint64_t len = r->cap - pos;
    if (len > n - done)
      len = n - done;
    if (fmt_sc16)
      radio_sc16_to_cf32((const uint8_t *)src + 4 * done, r->buf + pos, len);
    else
      memcpy(r->buf + pos, (const olive_radio_cf_t *)src + done, len * sizeof(olive_radio_cf_t));
    done += len;
  }
  pthread_mutex_lock(&r->mu);
  r->head = head + n;
  pthread_cond_broadcast(&r->cv);
  pthread_mutex_unlock(&r->mu);
}

void sring_read(sring_t *r, olive_radio_cf_t *dst, uint64_t n)
{
  pthread_mutex_lock(&r->mu);
  uint64_t tail = r->tail;
  pthread_mutex_unlock(&r->mu);
  uint64_t done = 0;
  while (done < n) {
    uint64_t pos = (tail + done) & r->mask;
    uint64_t len = r->cap - pos;
    if (len > n - done)
      len = n - done;
    if (dst)
      memcpy(dst + done, r->buf + pos, len * sizeof(olive_radio_cf_t));
    done += len;
  }
  pthread_mutex_lock(&r->mu);
  r->tail = tail + n;
  pthread_cond_broadcast(&r->cv);
  pthread_mutex_unlock(&r->mu);
}

void sring_wake(sring_t *r)
{
  pthread_mutex_lock(&r->mu);
  r->woken = true;
  pthread_cond_broadcast(&r->cv);
  pthread_mutex_unlock(&r->mu);
}

void sring_reset(sring_t *r)
{
  pthread_mutex_lock(&r->mu);
  r->woken = false;
  r->head = r->tail = 0;
  pthread_mutex_unlock(&r->mu);
}

static int16_t to_s16(float x)
{
  float v = x * 32767.0f;
  if (v >= 32767.0f)
    return 32767;
  if (v <= -32768.0f)
    return -32768;
  return (int16_t)lrintf(v);
}

void radio_cf32_to_sc16(const olive_radio_cf_t *src, int16_t *dst, uint64_t n)
{
  const float *f = (const float *)src;
  for (uint64_t i = 0; i < 2 * n; i++)
    dst[i] = to_s16(f[i]);
}

/* src may be unaligned: ZeroMQ message data has no alignment guarantee. */
void radio_sc16_to_cf32(const void *src, olive_radio_cf_t *dst, uint64_t n)
{
  const uint8_t *b = src;
  float *f = (float *)dst;
  for (uint64_t i = 0; i < 2 * n; i++) {
    int16_t v;
    memcpy(&v, b + 2 * i, sizeof(v));
    f[i] = (float)v / 32767.0f;
  }
}
