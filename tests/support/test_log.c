/* SPDX-License-Identifier: Apache-2.0 */
/* Logger: levels filter before formatting, nothing is lost below the ring's capacity,
 * and above it every message is either written or counted as dropped. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "olive/support/log.h"

static char log_path[64];

static int count_lines(const char *needle, int *max_index)
{
  FILE *f = fopen(log_path, "r");
  assert_non_null(f);
  char line[512];
  int n = 0, last = -1, ordered = 1;
  while (fgets(line, sizeof(line), f) != NULL) {
    const char *p = strstr(line, needle);
    if (p == NULL)
      continue;
    int idx = atoi(p + strlen(needle));
    if (idx <= last)
      ordered = 0;
    last = idx;
    n++;
  }
  fclose(f);
  if (max_index)
    *max_index = ordered ? last : -2;
  return n;
}

static int setup(void **state)
{
  (void)state;
  snprintf(log_path, sizeof(log_path), "/tmp/olive-log-test-%d.log", (int)getpid());
  unlink(log_path);
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  unlink(log_path);
  return 0;
}

static int formatted;
static const char *count_format(void)
{
  formatted++;
  return "x";
}

static void test_levels(void **state)
{
  (void)state;
  olive_log_args_t a = {.ring_entries = 64, .console = false, .file_path = log_path};
  assert_int_equal(olive_log_init(&a), 0);
  olive_log_set_level(OLIVE_LOG_MAC, OLIVE_LOG_WARN);
  formatted = 0;
  OLOG_INFO(OLIVE_LOG_MAC, "hidden %s", count_format()); /* arguments are not evaluated */
  OLOG_WARN(OLIVE_LOG_MAC, "shown %s", count_format());
  assert_int_equal(formatted, 1);
  olive_log_set_slot(512, 7);
  OLOG_ERROR(OLIVE_LOG_PHY, "with slot context");
  olive_log_set_slot(-1, 0);
  olive_log_stop();
  FILE *f = fopen(log_path, "r");
  char buf[2048];
  size_t n = fread(buf, 1, sizeof(buf) - 1, f);
  buf[n] = '\0';
  fclose(f);
  assert_null(strstr(buf, "hidden"));
  assert_non_null(strstr(buf, "[MAC  ] W shown x"));
  assert_non_null(strstr(buf, "[PHY  ] E [ 512.7 ] with slot context"));
  assert_int_equal(olive_log_level_parse("debug"), OLIVE_LOG_DEBUG);
  assert_int_equal(olive_log_level_parse("warning"), OLIVE_LOG_WARN);
  assert_int_equal(olive_log_level_parse("loud"), -1);
  olive_log_set_all_levels(OLIVE_LOG_INFO);
}

static void test_no_loss_below_capacity(void **state)
{
  (void)state;
  olive_log_args_t a = {.ring_entries = 1024, .console = false, .file_path = log_path};
  assert_int_equal(olive_log_init(&a), 0);
  assert_int_equal(olive_log_start(), 0);
  for (int i = 0; i < 1000; i++)
    OLOG_INFO(OLIVE_LOG_RLC, "msg=%d", i);
  olive_log_stop();
  int last;
  assert_int_equal(count_lines("msg=", &last), 1000);
  assert_int_equal(last, 999); /* in order */
  assert_int_equal(olive_log_dropped(), 0);
}

#define PER_THREAD 20000

static void *spam(void *arg)
{
  int id = (int)(intptr_t)arg;
  for (int i = 0; i < PER_THREAD; i++)
    OLOG_INFO(OLIVE_LOG_PHY, "t%d=%d", id, i);
  return NULL;
}

static void test_drops_counted(void **state)
{
  (void)state;
  olive_log_args_t a = {.ring_entries = 16, .console = false, .file_path = log_path};
  assert_int_equal(olive_log_init(&a), 0);
  assert_int_equal(olive_log_start(), 0);
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, spam, (void *)(intptr_t)i);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  olive_log_stop();
  int written = 0;
  for (int i = 0; i < 3; i++) {
    char needle[8];
    int last;
    snprintf(needle, sizeof(needle), "t%d=", i);
    written += count_lines(needle, &last);
    assert_true(last != -2); /* per-thread order kept */
  }
  uint64_t dropped = olive_log_dropped();
  assert_true(dropped > 0); /* 60000 messages through 16 slots */
  assert_int_equal((uint64_t)written + dropped, 3 * PER_THREAD);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_loss_below_capacity, setup, teardown),
      cmocka_unit_test_setup_teardown(test_drops_counted, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
