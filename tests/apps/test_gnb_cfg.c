/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB schema: every shipped config loads and validates; srsRAN-style keys (nested
 * YAML, three levels deep) land in the right fields; cross-key validation rejects a bad
 * PLMN; the origin of a key (command line, the file that sets it, default) is named.
 * The cell checks themselves are tested in tests/apps/gnb/. */
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
  /* Issue 8 5.: the srsRAN tutorial cell. */
  assert_int_equal(c.cell.coreset0_index, 12);
  assert_int_equal(c.cell.ss0_index, 0);
  assert_int_equal(c.cell.prach_config_index, 1);
  assert_int_equal(c.cell.prach_freq_start, 4);
  assert_int_equal(c.cell.ssb_period, GNB_SSB_10MS);
  assert_int_equal(c.cell.ssb_arfcn, 0);
  assert_int_equal(c.expert.tx_advance, 4);
}

static void test_usrp_configs(void **state)
{
  (void)state;
  gnb_cfg_t c;
  olive_cfg_error_t err;
  assert_int_equal(load(&c, "gnb_b210_n3.yaml", NULL, &err), 0);
  assert_int_equal(c.ru.device_driver, GNB_DRIVER_UHD);
  assert_int_equal(c.cell.band, 3);
  assert_int_equal(load(&c, "gnb_b210_n78.yaml", NULL, &err), 0);
  assert_int_equal(c.cell.band, 78);
  assert_int_equal(c.cell.common_scs, GNB_SCS_30);
  assert_int_equal(c.cell.channel_bandwidth_mhz, 20);
  assert_int_equal(c.cell.tdd.period_slots, 10);
  assert_int_equal(c.cell.tdd.nof_dl_slots, 6);
  assert_int_equal(c.cell.tdd.nof_dl_symbols, 8);
  assert_int_equal(c.cell.tdd.nof_ul_slots, 3);
  assert_int_equal(load(&c, "gnb_x310_n78_40mhz.yaml", NULL, &err), 0);
  assert_int_equal(c.cell.channel_bandwidth_mhz, 40);
  assert_true(c.ru.srate_mhz == 46.08);
}

static void test_origin(void **state)
{
  (void)state;
  char path[1024], out[1100];
  snprintf(path, sizeof(path), "%s/gnb_zmq.yaml", configs_dir);
  char *argv[] = {"gnb", "-c", path, "--cell_cfg.pci=3", "--cell_cfg.tac", "9", NULL};
  assert_string_equal(gnb_cfg_origin(6, argv, "cell_cfg.pci", out, sizeof out), "command line");
  assert_string_equal(gnb_cfg_origin(6, argv, "cell_cfg.tac", out, sizeof out), "command line");
  assert_string_equal(
      gnb_cfg_origin(6, argv, "cell_cfg.pdcch.common.coreset0_index", out, sizeof out), path);
  assert_string_equal(gnb_cfg_origin(6, argv, "gnb_id", out, sizeof out), "default");
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
  assert_int_equal(load(&c, "gnb_zmq.yaml", "cell_cfg.ssb.ssb_period=15", &err), OLIVE_ECONFIG);
  assert_non_null(strstr(err.msg, "5, 10, 20, 40, 80, 160"));
  assert_int_equal(load(&c, "gnb_zmq.yaml", "cell_cfg.prach.prach_frequency_start=0", &err),
                   OLIVE_ECONFIG);
  assert_int_equal(load(&c, "gnb_zmq.yaml", "cell_cfg.pdcch.common.coreset0_index=16", &err),
                   OLIVE_ECONFIG);
  assert_non_null(strstr(err.msg, "[0, 15]"));
}

int main(int argc, char **argv)
{
  configs_dir = argc > 1 ? argv[1] : "configs";
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_zmq_config),
      cmocka_unit_test(test_usrp_configs),
      cmocka_unit_test(test_origin),
      cmocka_unit_test(test_rejections),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
