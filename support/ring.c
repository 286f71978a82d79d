/* SPDX-License-Identifier: Apache-2.0 */
/* SPSC ring: the producer owns head, the consumer owns tail. Each side reads the other's
 * index with acquire and publishes its own with release, so the element copy is visible
 * before the index that covers it. Indices run freely (64 bits never wrap in practice). */
#include "olive/support/ring.h"

#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"

int olive_spsc_init(olive_spsc_t *r, size_t elem_size, uint64_t capacity)
{
  memset(r, 0, sizeof(*r));
  if (elem_size == 0 || capacity < 2 || (capacity & (capacity - 1)) != 0)
    return OLIVE_EINVAL;
  r->slots = olive_mem_calloc(capacity, elem_size);
  if (r->slots == NULL)
    return OLIVE_ENOMEM;
  r->elem_size = elem_size;
  r->mask = capacity - 1;
  return OLIVE_OK;
}

void olive_spsc_free(olive_spsc_t *r)
{
  if (r == NULL)
    return;
  olive_mem_free(r->slots);
  r->slots = NULL;
}

int olive_spsc_push(olive_spsc_t *r, const void *elem)
{
  uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
  uint64_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
  if (head - tail > r->mask)
    return OLIVE_ENOSPC;
  memcpy(r->slots + (head & r->mask) * r->elem_size, elem, r->elem_size);
  atomic_store_explicit(&r->head, head + 1, memory_order_release);
  return OLIVE_OK;
}

int olive_spsc_pop(olive_spsc_t *r, void *elem)
{
  uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
  uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
  if (tail == head)
    return OLIVE_EAGAIN;
  memcpy(elem, r->slots + (tail & r->mask) * r->elem_size, r->elem_size);
  atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
  return OLIVE_OK;
}

uint64_t olive_spsc_count(const olive_spsc_t *r)
{
  olive_spsc_t *m = (olive_spsc_t *)r;
  uint64_t head = atomic_load_explicit(&m->head, memory_order_acquire);
  uint64_t tail = atomic_load_explicit(&m->tail, memory_order_acquire);
  return head - tail;
}
