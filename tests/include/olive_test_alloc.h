/* SPDX-License-Identifier: Apache-2.0 */
/* A counting allocator for one test executable (include it from exactly one .c): every
 * heap allocation this thread makes through malloc, calloc, realloc, aligned_alloc or
 * posix_memalign (FFTW's and olive_mem_alloc's paths) increments olive_test_nof_allocs,
 * so a test can prove that a per-slot function never allocates:
 *
 *     #if OLIVE_TEST_COUNT_ALLOCS
 *       unsigned long before = olive_test_nof_allocs;
 *     #endif
 *       ... the slot-path calls ...
 *     #if OLIVE_TEST_COUNT_ALLOCS
 *       CHECK(olive_test_nof_allocs == before, "allocated");
 *     #endif
 *
 * The count is per thread, so helper threads of the code under test (a pcap writer's stdio
 * buffers) do not disturb it. Off under ASan, which owns malloc (OLIVE_TEST_COUNT_ALLOCS
 * 0). glibc's __libc_* entry points do the real work. */
#ifndef OLIVE_TEST_ALLOC_H
#define OLIVE_TEST_ALLOC_H

#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) /* clang */
#define OLIVE_TEST_ASAN 1
#endif
#endif

/* unused under ASan where the counting sections compile out */
__attribute__((unused)) static _Thread_local unsigned long olive_test_nof_allocs;

#if defined(__SANITIZE_ADDRESS__) || defined(OLIVE_TEST_ASAN)
#define OLIVE_TEST_COUNT_ALLOCS 0
#else
#define OLIVE_TEST_COUNT_ALLOCS 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
__attribute__((visibility("default"))) void *malloc(size_t n)
{
  olive_test_nof_allocs++;
  return __libc_malloc(n);
}
__attribute__((visibility("default"))) void *calloc(size_t n, size_t m)
{
  olive_test_nof_allocs++;
  return __libc_calloc(n, m);
}
__attribute__((visibility("default"))) void *realloc(void *p, size_t n)
{
  olive_test_nof_allocs++;
  return __libc_realloc(p, n);
}
__attribute__((visibility("default"))) void *aligned_alloc(size_t a, size_t n)
{
  olive_test_nof_allocs++;
  return __libc_memalign(a, n);
}
__attribute__((visibility("default"))) int posix_memalign(void **p, size_t a, size_t n)
{
  olive_test_nof_allocs++;
  *p = __libc_memalign(a, n);
  return *p == NULL && n != 0 ? 12 /* ENOMEM */ : 0;
}
#endif

#endif
