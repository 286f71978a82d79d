/* SPDX-License-Identifier: Apache-2.0 */
/* SPSC ring: full and empty edges, and two threads moving a counted sequence through a
 * small ring with no loss and order kept. */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "olive/support/error.h"
#include "olive/support/ring.h"

typedef struct {
  uint64_t seq;
  uint32_t check;
  uint8_t pad[20];
} item_t;

static void test_edges(void **state)
{
  (void)state;
  olive_spsc_t r;
  assert_int_equal(olive_spsc_init(&r, sizeof(item_t), 3), OLIVE_EINVAL);
  assert_int_equal(olive_spsc_init(&r, sizeof(item_t), 4), 0);
  item_t it = {0};
  assert_int_equal(olive_spsc_pop(&r, &it), OLIVE_EAGAIN);
  for (uint64_t i = 0; i < 4; i++) {
    it.seq = i;
    assert_int_equal(olive_spsc_push(&r, &it), 0);
  }
  assert_int_equal(olive_spsc_push(&r, &it), OLIVE_ENOSPC);
  assert_int_equal(olive_spsc_count(&r), 4);
  for (uint64_t i = 0; i < 4; i++) {
    assert_int_equal(olive_spsc_pop(&r, &it), 0);
    assert_int_equal(it.seq, i);
  }
  assert_int_equal(olive_spsc_pop(&r, &it), OLIVE_EAGAIN);
  olive_spsc_free(&r);
}

#define COUNT 500000ull

static void *producer(void *arg)
{
  olive_spsc_t *r = arg;
  for (uint64_t i = 0; i < COUNT;) {
    item_t it = {.seq = i, .check = (uint32_t)(i * 2654435761u)};
    if (olive_spsc_push(r, &it) == 0)
      i++;
    else
      sched_yield();
  }
  return NULL;
}

static void test_two_threads(void **state)
{
  (void)state;
  olive_spsc_t r;
  assert_int_equal(olive_spsc_init(&r, sizeof(item_t), 64), 0);
  pthread_t t;
  pthread_create(&t, NULL, producer, &r);
  uint64_t expect = 0, bad = 0;
  while (expect < COUNT) {
    item_t it;
    if (olive_spsc_pop(&r, &it) != 0) {
      sched_yield();
      continue;
    }
    if (it.seq != expect || it.check != (uint32_t)(expect * 2654435761u))
      bad++;
    expect++;
  }
  pthread_join(t, NULL);
  assert_int_equal(bad, 0);
  item_t it;
  assert_int_equal(olive_spsc_pop(&r, &it), OLIVE_EAGAIN);
  olive_spsc_free(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_edges),
      cmocka_unit_test(test_two_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
