/* SPDX-License-Identifier: Apache-2.0 */
/* PDU buffers with headroom, in the spirit of Osmocom's msgb: each layer prepends its
 * header in place with olive_buf_push() instead of copying the payload. Buffers come from
 * an olive_buf_pool_t sized at init; a pool that runs dry returns NULL and counts.
 *
 *   head           data            data+len           head+cap
 *    |  headroom    |   payload      |   tailroom       |
 */
#ifndef OLIVE_SUPPORT_BUF_H
#define OLIVE_SUPPORT_BUF_H

#include <stdint.h>

#include "olive/support/api.h"
#include "olive/support/pool.h"

typedef struct olive_buf {
  uint8_t *head; /* start of storage */
  uint8_t *data; /* start of payload */
  uint32_t len;  /* payload bytes */
  uint32_t cap;  /* storage bytes */
  struct olive_buf_pool *pool;
  struct olive_buf *next; /* free for the owner's use (queues) */
  uint64_t user;          /* free for the owner's use (e.g. PDCP SN, arrival time) */
} olive_buf_t;

typedef struct olive_buf_pool {
  olive_pool_t pool;
  uint32_t cap;      /* storage bytes per buffer */
  uint32_t headroom; /* default headroom of a fresh buffer */
} olive_buf_pool_t;

/* nof_bufs buffers of `cap` storage bytes, `headroom` of which are reserved in front. */
OLIVE_API int olive_buf_pool_init(olive_buf_pool_t *bp, uint32_t nof_bufs, uint32_t cap,
                                  uint32_t headroom);
OLIVE_API void olive_buf_pool_free(olive_buf_pool_t *bp);

/* An empty buffer with the pool's headroom, or NULL when the pool is exhausted. */
OLIVE_API olive_buf_t *olive_buf_alloc(olive_buf_pool_t *bp);

/* Returns the buffer to its pool. NULL is ignored. */
OLIVE_API void olive_buf_release(olive_buf_t *b);

static inline uint32_t olive_buf_headroom(const olive_buf_t *b)
{
  return (uint32_t)(b->data - b->head);
}
static inline uint32_t olive_buf_tailroom(const olive_buf_t *b)
{
  return b->cap - olive_buf_headroom(b) - b->len;
}

/* Prepends n bytes; returns a pointer to them, or NULL when headroom is short. */
static inline uint8_t *olive_buf_push(olive_buf_t *b, uint32_t n)
{
  if (n > olive_buf_headroom(b))
    return NULL;
  b->data -= n;
  b->len += n;
  return b->data;
}

/* Removes n bytes from the front; returns the new data pointer, or NULL when len < n. */
static inline uint8_t *olive_buf_pull(olive_buf_t *b, uint32_t n)
{
  if (n > b->len)
    return NULL;
  b->data += n;
  b->len -= n;
  return b->data;
}

/* Appends n bytes; returns a pointer to them, or NULL when tailroom is short. */
static inline uint8_t *olive_buf_put(olive_buf_t *b, uint32_t n)
{
  if (n > olive_buf_tailroom(b))
    return NULL;
  uint8_t *p = b->data + b->len;
  b->len += n;
  return p;
}

/* Removes n bytes from the end; 0 or OLIVE_ERANGE. */
static inline int olive_buf_trim(olive_buf_t *b, uint32_t n)
{
  if (n > b->len)
    return -3;
  b->len -= n;
  return 0;
}

#endif
