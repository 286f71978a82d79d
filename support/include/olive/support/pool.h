/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed pool of equal-size blocks. All memory is taken at init; get() fails (returns NULL
 * and counts) when the pool is empty and never grows. get() and put() are lock-free and
 * may be called from any thread (a tagged index free list, one 64-bit CAS). */
#ifndef OLIVE_SUPPORT_POOL_H
#define OLIVE_SUPPORT_POOL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef struct olive_pool {
  uint8_t *mem;           /* nof_blocks * block_size bytes, OLIVE_ALIGN aligned */
  _Atomic uint32_t *next; /* free-list links, one per block (index + 1, 0 = end) */
  size_t block_size;      /* rounded up to OLIVE_ALIGN */
  uint32_t nof_blocks;
  _Atomic uint64_t head; /* (tag << 32) | (index + 1); 0 = empty */
  _Atomic uint32_t in_use;
  _Atomic uint64_t nof_exhausted; /* get() calls that found the pool empty */
} olive_pool_t;

/* Allocates nof_blocks blocks of at least block_size bytes. 0 or OLIVE_EINVAL/ENOMEM. */
OLIVE_API int olive_pool_init(olive_pool_t *p, size_t block_size, uint32_t nof_blocks);

/* Frees the pool memory. NULL-safe and idempotent. */
OLIVE_API void olive_pool_free(olive_pool_t *p);

/* A free block (contents undefined), or NULL when the pool is exhausted. */
OLIVE_API void *olive_pool_get(olive_pool_t *p);

/* Returns a block obtained from this pool. NULL is ignored. */
OLIVE_API void olive_pool_put(olive_pool_t *p, void *block);

/* Blocks currently handed out. */
OLIVE_API uint32_t olive_pool_in_use(const olive_pool_t *p);

#endif
