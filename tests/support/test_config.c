/* SPDX-License-Identifier: Apache-2.0 */
/* Config loader: defaults, files, overrides and every rejection path. Each rejection
 * must name the source, the key, the value and what is allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "olive/support/error.h"
#include "test_schema.h"

static const char *data_dir;

static const char *path(const char *name)
{
  static char buf[4][1024];
  static int i;
  i = (i + 1) % 4;
  snprintf(buf[i], sizeof(buf[i]), "%s/%s", data_dir, name);
  return buf[i];
}

static int load(test_cfg_t *c, const char *file, const char *ovr, olive_cfg_error_t *err)
{
  const char *files[1] = {file ? path(file) : NULL};
  const char *ovrs[1] = {ovr};
  return olive_cfg_load(&test_schema, c, files, file ? 1 : 0, ovrs, ovr ? 1 : 0, err);
}

static void assert_msg_has(const olive_cfg_error_t *err, const char *needle)
{
  if (strstr(err->msg, needle) == NULL)
    fail_msg("message '%s' lacks '%s'", err->msg, needle);
}

static void test_defaults(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, NULL, NULL, &err), 0);
  assert_int_equal(c.dl_arfcn, 536020);
  assert_int_equal(c.pci, 1);
  assert_string_equal(c.plmn, "00101");
  assert_int_equal(c.scs, 0);
  assert_true(c.srate == 23.04e6);
  assert_int_equal(c.log_level, 3);
  assert_false(c.metrics);
}

static void test_good_file(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "good.yaml", NULL, &err), 0);
  assert_int_equal(c.dl_arfcn, 368500);
  assert_int_equal(c.pci, 1);
  assert_string_equal(c.plmn, "00101");
  assert_int_equal(c.scs, 0);
  assert_true(c.srate == 23.04e6);
  assert_string_equal(c.driver, "zmq");
  assert_int_equal(c.log_level, 2);
  assert_true(c.metrics);
}

static void test_unknown_key(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "unknown_key.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "unknown_key.yaml:2");
  assert_msg_has(&err, "cell_cfg.dl_arfnc");
  assert_msg_has(&err, "unknown key");
  assert_msg_has(&err, "did you mean 'cell_cfg.dl_arfcn'");
}

static void test_bad_type(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "bad_type.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "bad_type.yaml:2");
  assert_msg_has(&err, "cell_cfg.pci");
  assert_msg_has(&err, "'twelve'");
  assert_msg_has(&err, "an integer in [0, 1007]");
}

static void test_out_of_range(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "out_of_range.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "out_of_range.yaml:2: cell_cfg.pci: value '1008' is out of range");
  assert_msg_has(&err, "allowed: an integer in [0, 1007]");
  assert_int_equal(load(&c, NULL, "ru_sdr.srate=1e12", &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "command line: ru_sdr.srate: value '1e12' is out of range");
}

static void test_override_precedence(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  /* file beats default */
  assert_int_equal(load(&c, "second.yaml", NULL, &err), 0);
  assert_int_equal(c.pci, 2);
  /* command line beats file */
  assert_int_equal(load(&c, "second.yaml", "cell_cfg.pci=7", &err), 0);
  assert_int_equal(c.pci, 7);
  /* a later file beats an earlier one */
  const char *files[2] = {path("good.yaml"), path("second.yaml")};
  assert_int_equal(olive_cfg_load(&test_schema, &c, files, 2, NULL, 0, &err), 0);
  assert_int_equal(c.pci, 2);
  assert_int_equal(c.dl_arfcn, 368500); /* untouched by the second file */
  /* a later override beats an earlier one */
  const char *ovr[2] = {"cell_cfg.pci=3", "cell_cfg.pci=4"};
  assert_int_equal(olive_cfg_load(&test_schema, &c, NULL, 0, ovr, 2, &err), 0);
  assert_int_equal(c.pci, 4);
}

static void test_other_rejections(void **state)
{
  (void)state;
  test_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, NULL, "cell_cfg.common_scs=60", &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "allowed: one of 15, 30");
  assert_int_equal(load(&c, NULL, "cell_cfg.plmn=0010199", &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "at most 6 characters");
  assert_int_equal(load(&c, NULL, "metrics_enabled=maybe", &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "true or false");
  assert_int_equal(load(&c, NULL, "novalue", &err), OLIVE_ECONFIG);
  assert_int_equal(load(&c, "mapping_for_value.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "cell_cfg.pci: got a mapping");
  assert_int_equal(load(&c, "list.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "got a list");
  assert_int_equal(load(&c, "syntax_error.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "YAML syntax error");
  assert_int_equal(load(&c, "does_not_exist.yaml", NULL, &err), OLIVE_ECONFIG);
  assert_msg_has(&err, "cannot open");
}

/* Runs olive_cfg_load_or_exit in a child; returns its exit status and its stderr. */
static int run_child(char **argv, int argc, char *out, size_t out_len)
{
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 2);
    close(fds[0]);
    test_cfg_t c;
    olive_cfg_load_or_exit(&test_schema, &c, argc, argv, NULL, NULL, NULL);
    _exit(c.pci == 9 ? 0 : 1);
  }
  close(fds[1]);
  ssize_t n = read(fds[0], out, out_len - 1);
  out[n > 0 ? n : 0] = '\0';
  close(fds[0]);
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_exit_status(void **state)
{
  (void)state;
  char out[1024];
  char *bad[] = {"gnb", "-c", (char *)path("out_of_range.yaml"), NULL};
  assert_int_equal(run_child(bad, 3, out, sizeof(out)), OLIVE_CFG_EXIT_STATUS);
  assert_non_null(strstr(out, "cell_cfg.pci: value '1008' is out of range"));
  char *unknown_flag[] = {"gnb", "--cell_cfg.pcii=3", NULL};
  assert_int_equal(run_child(unknown_flag, 2, out, sizeof(out)), OLIVE_CFG_EXIT_STATUS);
  assert_non_null(strstr(out, "unknown key"));
  char *ok[] = {"gnb", "-c", (char *)path("good.yaml"), "--cell_cfg.pci", "9", NULL};
  assert_int_equal(run_child(ok, 5, out, sizeof(out)), 0);
}

int main(int argc, char **argv)
{
  data_dir = argc > 1 ? argv[1] : "data";
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),         cmocka_unit_test(test_good_file),
      cmocka_unit_test(test_unknown_key),      cmocka_unit_test(test_bad_type),
      cmocka_unit_test(test_out_of_range),     cmocka_unit_test(test_override_precedence),
      cmocka_unit_test(test_other_rejections), cmocka_unit_test(test_exit_status),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
