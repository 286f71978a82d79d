/* SPDX-License-Identifier: Apache-2.0 */
/* Threads start whether or not SCHED_FIFO and pinning are granted, and report which
 * were; a granted request is really in effect on the thread. */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "olive/support/thread.h"
#include "olive/support/time.h"

typedef struct {
  int policy;
  int prio;
  int cpu;
} seen_t;

static void *body(void *arg)
{
  seen_t *s = arg;
  struct sched_param sp;
  pthread_getschedparam(pthread_self(), &s->policy, &sp);
  s->prio = sp.sched_priority;
  s->cpu = sched_getcpu();
  return NULL;
}

static void test_rt_thread_starts(void **state)
{
  (void)state;
  seen_t s = {0};
  olive_thread_t t;
  olive_thread_args_t a = {.name = "olive-test-rt", .rt_priority = 50, .cpu = 0};
  assert_int_equal(olive_thread_start(&t, &a, body, &s), 0);
  olive_thread_join(&t);
  if (t.realtime) {
    assert_int_equal(s.policy, SCHED_FIFO);
    assert_int_equal(s.prio, 50);
  } else {
    assert_int_equal(s.policy, SCHED_OTHER);
  }
  if (t.pinned)
    assert_int_equal(s.cpu, 0);
  olive_thread_join(&t); /* no-op the second time */
}

static void test_normal_thread(void **state)
{
  (void)state;
  seen_t s = {0};
  olive_thread_t t;
  olive_thread_args_t a = {.name = "olive-test", .rt_priority = 0, .cpu = -1};
  assert_int_equal(olive_thread_start(&t, &a, body, &s), 0);
  olive_thread_join(&t);
  assert_false(t.realtime);
  assert_false(t.pinned);
  assert_int_equal(s.policy, SCHED_OTHER);
}

static void test_sleep(void **state)
{
  (void)state;
  uint64_t t0 = olive_time_ns();
  olive_sleep_ns(2000000);
  assert_true(olive_time_ns() - t0 >= 2000000);
  assert_true(olive_wallclock_ns() > 1600000000ull * 1000000000ull);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rt_thread_starts),
      cmocka_unit_test(test_normal_thread),
      cmocka_unit_test(test_sleep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
