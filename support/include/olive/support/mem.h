/* SPDX-License-Identifier: Apache-2.0 */
/* Aligned allocation for init-time buffers. Nothing on a slot path allocates: size
 * everything from the object's _args_t at init. */
#ifndef OLIVE_SUPPORT_MEM_H
#define OLIVE_SUPPORT_MEM_H

#include <stddef.h>

#include "olive/support/api.h"

#define OLIVE_ALIGN 64 /* one cache line; enough for AVX-512 loads */

/* Zeroed allocation of `size` bytes aligned to OLIVE_ALIGN. size 0 returns a valid
 * pointer. NULL on failure. */
OLIVE_API void *olive_mem_alloc(size_t size);

/* Zeroed allocation of n elements of `size` bytes with overflow check. */
OLIVE_API void *olive_mem_calloc(size_t n, size_t size);

/* Frees memory from olive_mem_alloc(). NULL is fine. */
OLIVE_API void olive_mem_free(void *p);

#endif
