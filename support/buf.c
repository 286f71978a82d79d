/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/buf.h"

#include <string.h>

#include "olive/support/error.h"

/* Each pool block holds the olive_buf_t header followed by its storage. */
#define BUF_HDR_SIZE ((sizeof(olive_buf_t) + 63) / 64 * 64)

int olive_buf_pool_init(olive_buf_pool_t *bp, uint32_t nof_bufs, uint32_t cap, uint32_t headroom)
{
  memset(bp, 0, sizeof(*bp));
  if (cap == 0 || headroom > cap)
    return OLIVE_EINVAL;
  bp->cap = cap;
  bp->headroom = headroom;
  return olive_pool_init(&bp->pool, BUF_HDR_SIZE + cap, nof_bufs);
}

void olive_buf_pool_free(olive_buf_pool_t *bp)
{
  if (bp == NULL)
    return;
  olive_pool_free(&bp->pool);
}

olive_buf_t *olive_buf_alloc(olive_buf_pool_t *bp)
{
  uint8_t *blk = olive_pool_get(&bp->pool);
  if (blk == NULL)
    return NULL;
  olive_buf_t *b = (olive_buf_t *)blk;
  b->head = blk + BUF_HDR_SIZE;
  b->data = b->head + bp->headroom;
  b->len = 0;
  b->cap = bp->cap;
  b->pool = bp;
  b->next = NULL;
  b->user = 0;
  return b;
}

void olive_buf_release(olive_buf_t *b)
{
  if (b == NULL)
    return;
  olive_pool_put(&b->pool->pool, b);
}
