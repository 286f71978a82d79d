/* SPDX-License-Identifier: Apache-2.0 */
/* Single-producer / single-consumer ring of fixed-size elements, C11 atomics, no locks.
 * Capacity is a power of two fixed at init. Exactly one thread may push and exactly one
 * (other) thread may pop. push() fails when full; it never blocks or overwrites. */
#ifndef OLIVE_SUPPORT_RING_H
#define OLIVE_SUPPORT_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef struct olive_spsc {
  _Alignas(64) _Atomic uint64_t head; /* next slot to write; written by the producer */
  _Alignas(64) _Atomic uint64_t tail; /* next slot to read; written by the consumer */
  _Alignas(64) uint8_t *slots;
  size_t elem_size;
  uint64_t mask;
} olive_spsc_t;

/* capacity must be a power of two >= 2. 0, OLIVE_EINVAL or OLIVE_ENOMEM. */
OLIVE_API int olive_spsc_init(olive_spsc_t *r, size_t elem_size, uint64_t capacity);
OLIVE_API void olive_spsc_free(olive_spsc_t *r);

/* Copies elem into the ring. 0, or OLIVE_ENOSPC when full. Producer only. */
OLIVE_API int olive_spsc_push(olive_spsc_t *r, const void *elem);

/* Copies the oldest element out. 0, or OLIVE_EAGAIN when empty. Consumer only. */
OLIVE_API int olive_spsc_pop(olive_spsc_t *r, void *elem);

/* Elements queued now (a snapshot; exact only from the producer or consumer thread). */
OLIVE_API uint64_t olive_spsc_count(const olive_spsc_t *r);

#endif
