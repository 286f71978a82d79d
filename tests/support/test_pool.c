/* SPDX-License-Identifier: Apache-2.0 */
/* Pool and PDU buffers: exhaustion fails and counts, blocks are distinct and aligned,
 * concurrent get/put loses nothing, headroom arithmetic is exact. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "olive/support/buf.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive/support/pool.h"

#define N 64

static void test_exhaustion(void **state)
{
  (void)state;
  olive_pool_t p;
  assert_int_equal(olive_pool_init(&p, 100, N), 0);
  void *blocks[N];
  for (int i = 0; i < N; i++) {
    blocks[i] = olive_pool_get(&p);
    assert_non_null(blocks[i]);
    assert_int_equal((uintptr_t)blocks[i] % OLIVE_ALIGN, 0);
    memset(blocks[i], i, 100);
    for (int j = 0; j < i; j++)
      assert_ptr_not_equal(blocks[i], blocks[j]);
  }
  assert_int_equal(olive_pool_in_use(&p), N);
  assert_null(olive_pool_get(&p));
  assert_null(olive_pool_get(&p));
  assert_int_equal(p.nof_exhausted, 2);
  /* contents survive: no block overlaps another */
  for (int i = 0; i < N; i++)
    assert_int_equal(((uint8_t *)blocks[i])[99], i);
  olive_pool_put(&p, blocks[5]);
  assert_ptr_equal(olive_pool_get(&p), blocks[5]);
  for (int i = 0; i < N; i++)
    olive_pool_put(&p, blocks[i]);
  assert_int_equal(olive_pool_in_use(&p), 0);
  olive_pool_free(&p);
  olive_pool_free(&p); /* idempotent */
}

static void test_bad_args(void **state)
{
  (void)state;
  olive_pool_t p;
  assert_int_equal(olive_pool_init(&p, 0, 4), OLIVE_EINVAL);
  assert_int_equal(olive_pool_init(&p, 8, 0), OLIVE_EINVAL);
  olive_pool_free(&p);
  assert_int_equal(olive_pool_init(&p, 8, 4), 0);
  int not_from_pool;
  olive_pool_put(&p, &not_from_pool); /* ignored, logged once */
  olive_pool_put(&p, NULL);
  assert_int_equal(olive_pool_in_use(&p), 0);
  olive_pool_free(&p);
}

typedef struct {
  olive_pool_t *p;
  int iters;
  int errors;
} worker_t;

/* Each worker takes up to 4 blocks, stamps them with its id, checks nobody else wrote
 * them, and gives them back. A block handed out twice is caught by the stamp check. */
static void *worker(void *arg)
{
  worker_t *w = arg;
  uint64_t id = (uint64_t)(uintptr_t)w;
  for (int i = 0; i < w->iters; i++) {
    void *b[4];
    int got = 0;
    for (int k = 0; k < 4; k++) {
      b[got] = olive_pool_get(w->p);
      if (b[got] != NULL) {
        *(volatile uint64_t *)b[got] = id;
        got++;
      }
    }
    for (int k = 0; k < got; k++) {
      if (*(volatile uint64_t *)b[k] != id)
        w->errors++;
      olive_pool_put(w->p, b[k]);
    }
  }
  return NULL;
}

static void test_concurrent(void **state)
{
  (void)state;
  olive_pool_t p;
  assert_int_equal(olive_pool_init(&p, 64, 10), 0);
  worker_t w[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    w[i] = (worker_t){&p, 50000, 0};
    pthread_create(&t[i], NULL, worker, &w[i]);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    assert_int_equal(w[i].errors, 0);
  }
  assert_int_equal(olive_pool_in_use(&p), 0);
  /* every block is still reachable exactly once */
  void *all[10];
  for (int i = 0; i < 10; i++)
    assert_non_null(all[i] = olive_pool_get(&p));
  assert_null(olive_pool_get(&p));
  olive_pool_free(&p);
}

static void test_buf_headroom(void **state)
{
  (void)state;
  olive_buf_pool_t bp;
  assert_int_equal(olive_buf_pool_init(&bp, 2, 100, 16), 0);
  olive_buf_t *a = olive_buf_alloc(&bp);
  olive_buf_t *b = olive_buf_alloc(&bp);
  assert_non_null(a);
  assert_non_null(b);
  assert_null(olive_buf_alloc(&bp));
  assert_int_equal(olive_buf_headroom(a), 16);
  assert_int_equal(olive_buf_tailroom(a), 84);
  uint8_t *p = olive_buf_put(a, 10);
  memcpy(p, "0123456789", 10);
  uint8_t *h = olive_buf_push(a, 3);
  memcpy(h, "HDR", 3);
  assert_int_equal(a->len, 13);
  assert_memory_equal(a->data, "HDR0123456789", 13);
  assert_null(olive_buf_push(a, 14)); /* 13 bytes of headroom left */
  assert_null(olive_buf_put(a, 75));  /* 74 bytes of tailroom left */
  assert_non_null(olive_buf_put(a, 74));
  assert_int_equal(olive_buf_tailroom(a), 0);
  assert_ptr_equal(olive_buf_pull(a, 3), a->head + 16);
  assert_null(olive_buf_pull(a, 1000));
  assert_int_equal(olive_buf_trim(a, 84), 0);
  assert_int_equal(a->len, 0);
  assert_int_equal(olive_buf_trim(a, 1), OLIVE_ERANGE);
  olive_buf_release(a);
  olive_buf_t *c = olive_buf_alloc(&bp);
  assert_non_null(c);
  assert_int_equal(c->len, 0);
  assert_int_equal(olive_buf_headroom(c), 16);
  olive_buf_release(b);
  olive_buf_release(c);
  olive_buf_release(NULL);
  olive_buf_pool_free(&bp);
  assert_int_equal(olive_buf_pool_init(&bp, 2, 10, 11), OLIVE_EINVAL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exhaustion),
      cmocka_unit_test(test_bad_args),
      cmocka_unit_test(test_concurrent),
      cmocka_unit_test(test_buf_headroom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
