/* SPDX-License-Identifier: Apache-2.0 */
/* Lock-free fixed pool: a Treiber stack of block indices. The head word carries a tag
 * that every successful update increments, so a block popped and pushed back between a
 * reader's load and its CAS (the ABA case) makes the CAS fail instead of corrupting the
 * list. Indices are stored +1 so that 0 means "empty". */
#include "olive/support/pool.h"

#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"

#define IDX_MASK 0xffffffffull

static uint64_t make_head(uint64_t old, uint32_t idx_plus1)
{
  return (((old >> 32) + 1) << 32) | idx_plus1;
}

int olive_pool_init(olive_pool_t *p, size_t block_size, uint32_t nof_blocks)
{
  memset(p, 0, sizeof(*p));
  if (block_size == 0 || nof_blocks == 0 || nof_blocks == UINT32_MAX)
    return OLIVE_EINVAL;
  p->block_size = (block_size + OLIVE_ALIGN - 1) / OLIVE_ALIGN * OLIVE_ALIGN;
  p->nof_blocks = nof_blocks;
  p->mem = olive_mem_calloc(nof_blocks, p->block_size);
  p->next = olive_mem_calloc(nof_blocks, sizeof(*p->next));
  if (p->mem == NULL || p->next == NULL) {
    olive_pool_free(p);
    return OLIVE_ENOMEM;
  }
  for (uint32_t i = 0; i < nof_blocks; i++)
    atomic_store_explicit(&p->next[i], i + 2 <= nof_blocks ? i + 2 : 0, memory_order_relaxed);
  atomic_store(&p->head, 1);
  return OLIVE_OK;
}

void olive_pool_free(olive_pool_t *p)
{
  if (p == NULL)
    return;
  olive_mem_free(p->mem);
  olive_mem_free((void *)p->next);
  p->mem = NULL;
  p->next = NULL;
  p->nof_blocks = 0;
}

void *olive_pool_get(olive_pool_t *p)
{
  uint64_t old = atomic_load_explicit(&p->head, memory_order_acquire);
  uint32_t idx;
  do {
    idx = (uint32_t)(old & IDX_MASK);
    if (idx == 0) {
      atomic_fetch_add_explicit(&p->nof_exhausted, 1, memory_order_relaxed);
      return NULL;
    }
    uint32_t nxt = atomic_load_explicit(&p->next[idx - 1], memory_order_relaxed);
    if (atomic_compare_exchange_weak_explicit(&p->head, &old, make_head(old, nxt),
                                              memory_order_acq_rel, memory_order_acquire))
      break;
  } while (1);
  atomic_fetch_add_explicit(&p->in_use, 1, memory_order_relaxed);
  return p->mem + (size_t)(idx - 1) * p->block_size;
}

void olive_pool_put(olive_pool_t *p, void *block)
{
  if (block == NULL)
    return;
  uint8_t *b = block;
  size_t off = (size_t)(b - p->mem);
  if (b < p->mem || off >= (size_t)p->nof_blocks * p->block_size || off % p->block_size != 0) {
    OLOG_ONCE(OLIVE_LOG_APP, OLIVE_LOG_ERROR, "pool: put() of a block %p not from this pool",
              block);
    return;
  }
  uint32_t idx_plus1 = (uint32_t)(off / p->block_size) + 1;
  uint64_t old = atomic_load_explicit(&p->head, memory_order_acquire);
  do {
    atomic_store_explicit(&p->next[idx_plus1 - 1], (uint32_t)(old & IDX_MASK),
                          memory_order_relaxed);
  } while (!atomic_compare_exchange_weak_explicit(&p->head, &old, make_head(old, idx_plus1),
                                                  memory_order_acq_rel, memory_order_acquire));
  atomic_fetch_sub_explicit(&p->in_use, 1, memory_order_relaxed);
}

uint32_t olive_pool_in_use(const olive_pool_t *p)
{
  return atomic_load_explicit(&((olive_pool_t *)p)->in_use, memory_order_relaxed);
}
