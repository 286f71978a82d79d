/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB schema: every shipped config loads and validates; srsRAN-style keys land in
 * the right fields; cross-key validation rejects a bad PLMN. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gnb_cfg.h"
#include "olive/support/error.h"

static const char *configs_dir;

static int load(gnb_cfg_t *c, const char *name, const char *ovr, olive_cfg_error_t *err)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", configs_dir, name);
  const char *files[1] = {path};
  const char *ovrs[1] = {ovr};
  memset(c, 0, sizeof(*c));
  int rc = olive_cfg_load(&gnb_cfg_schema, c, files, 1, ovrs, ovr ? 1 : 0, err);
  if (rc == OLIVE_EINVAL)
    fail_msg("schema error: %s", err->msg);
  return rc < 0 ? rc : gnb_cfg_validate(c, err);
}

static void test_zmq_config(void **state)
{
  (void)state;
  gnb_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "gnb_zmq.yaml", NULL, &err), 0);
  assert_int_equal(c.cell.dl_arfcn, 368500);
  assert_int_equal(c.cell.band, 3);
  assert_int_equal(c.cell.channel_bandwidth_mhz, 20);
  assert_int_equal(c.cell.common_scs, GNB_SCS_15);
  assert_int_equal(c.cell.pci, 1);
  assert_string_equal(c.cell.plmn, "00101");
  assert_int_equal(c.cell.tac, 7);
  assert_int_equal(c.ru.device_driver, GNB_DRIVER_ZMQ);
  assert_non_null(strstr(c.ru.device_args, "tx_port=tcp://127.0.0.1:2000"));
  assert_true(c.ru.srate_mhz == 23.04);
  assert_int_equal(c.log.all_level, OLIVE_LOG_WARN);
  assert_int_equal(c.log.level[OLIVE_LOG_PHY], 0); /* "all" */
  assert_int_equal(c.metrics.period_ms, 1000);
}

static void test_b210_config(void **state)
{
  (void)state;
  gnb_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "gnb_b210.yaml", NULL, &err), 0);
  assert_int_equal(c.ru.device_driver, GNB_DRIVER_UHD);
}

static void test_rejections(void **state)
{
  (void)state;
  gnb_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "gnb_zmq.yaml", "cell_cfg.plmn=0a101", &err), OLIVE_ECONFIG);
  assert_non_null(strstr(err.msg, "cell_cfg.plmn: value '0a101' is not a PLMN"));
  assert_int_equal(load(&c, "gnb_zmq.yaml", "cell_cfg.pci=1008", &err), OLIVE_ECONFIG);
  assert_non_null(strstr(err.msg, "[0, 1007]"));
  assert_int_equal(load(&c, "gnb_zmq.yaml", "log.phy_level=chatty", &err), OLIVE_ECONFIG);
  assert_non_null(strstr(err.msg, "one of all, none, error, warning, info, debug"));
  assert_int_equal(load(&c, "gnb_zmq.yaml", "ru_sdr.device_driver=soapy", &err), OLIVE_ECONFIG);
  assert_int_equal(load(&c, "gnb_zmq.yaml", "log.phy_level=debug", &err), 0);
  assert_int_equal(c.log.level[OLIVE_LOG_PHY], OLIVE_LOG_DEBUG + 1);
}

int main(int argc, char **argv)
{
  configs_dir = argc > 1 ? argv[1] : "configs";
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_zmq_config),
      cmocka_unit_test(test_b210_config),
      cmocka_unit_test(test_rejections),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
