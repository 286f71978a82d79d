/* SPDX-License-Identifier: Apache-2.0 */
/* A counting allocator for one test executable (include from exactly one .c): every heap
 * allocation made through malloc, calloc, realloc, aligned_alloc or posix_memalign (FFTW's
 * and olive_mem_alloc's paths) increments dl_nof_allocs, so a test can prove that
 * phy_dl_slot() never allocates. Off under ASan, which owns malloc (DL_COUNT_ALLOCS 0). */
#ifndef OLIVE_TEST_DL_ALLOC_H
#define OLIVE_TEST_DL_ALLOC_H

#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) /* clang */
#define DL_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(DL_TEST_ASAN)
#define DL_COUNT_ALLOCS 0
static unsigned long dl_nof_allocs;
#else
#define DL_COUNT_ALLOCS 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
static unsigned long dl_nof_allocs;
__attribute__((visibility("default"))) void *malloc(size_t n)
{
  dl_nof_allocs++;
  return __libc_malloc(n);
}
__attribute__((visibility("default"))) void *calloc(size_t n, size_t m)
{
  dl_nof_allocs++;
  return __libc_calloc(n, m);
}
__attribute__((visibility("default"))) void *realloc(void *p, size_t n)
{
  dl_nof_allocs++;
  return __libc_realloc(p, n);
}
__attribute__((visibility("default"))) void *aligned_alloc(size_t a, size_t n)
{
  dl_nof_allocs++;
  return __libc_memalign(a, n);
}
__attribute__((visibility("default"))) int posix_memalign(void **p, size_t a, size_t n)
{
  dl_nof_allocs++;
  *p = __libc_memalign(a, n);
  return *p == NULL && n != 0 ? 12 /* ENOMEM */ : 0;
}
#endif

#endif
