/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *olive_mem_alloc(size_t size)
{
  /* aligned_alloc needs a size that is a multiple of the alignment. */
  size_t rounded = (size + OLIVE_ALIGN - 1) / OLIVE_ALIGN * OLIVE_ALIGN;
  if (rounded < size)
    return NULL;
  if (rounded == 0)
    rounded = OLIVE_ALIGN;
  void *p = aligned_alloc(OLIVE_ALIGN, rounded);
  if (p != NULL)
    memset(p, 0, rounded);
  return p;
}

void *olive_mem_calloc(size_t n, size_t size)
{
  if (size != 0 && n > SIZE_MAX / size)
    return NULL;
  return olive_mem_alloc(n * size);
}

void olive_mem_free(void *p)
{
  free(p);
}
