/* SPDX-License-Identifier: Apache-2.0 */
/* A schema shaped like the gNB's (srsRAN Project key names) for the config tests. */
#ifndef TEST_SCHEMA_H
#define TEST_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/config.h"

typedef struct test_cfg {
  int64_t dl_arfcn;
  uint32_t pci;
  char plmn[7];
  int scs;
  double srate;
  char driver[16];
  int log_level;
  bool metrics;
} test_cfg_t;

static const char *const scs_names[] = {"15", "30", NULL};
static const char *const level_names[] = {"none", "error", "warning", "info", "debug", NULL};

static const olive_cfg_key_t test_keys[] = {
    OLIVE_CFG_ROW_INT("cell_cfg.dl_arfcn", test_cfg_t, dl_arfcn, 0, 3279165, "536020", "DL ARFCN"),
    OLIVE_CFG_ROW_U32("cell_cfg.pci", test_cfg_t, pci, 0, 1007, "1", "physical cell id"),
    OLIVE_CFG_ROW_STR("cell_cfg.plmn", test_cfg_t, plmn, "00101", "MCC+MNC"),
    OLIVE_CFG_ROW_ENUM("cell_cfg.common_scs", test_cfg_t, scs, scs_names, "15", "kHz"),
    OLIVE_CFG_ROW_DBL("ru_sdr.srate", test_cfg_t, srate, 1e6, 245.76e6, "23.04e6", "Msps"),
    OLIVE_CFG_ROW_STR("ru_sdr.device_driver", test_cfg_t, driver, "zmq", "zmq|uhd|file"),
    OLIVE_CFG_ROW_ENUM("log.all_level", test_cfg_t, log_level, level_names, "info", "level"),
    OLIVE_CFG_ROW_BOOL("metrics_enabled", test_cfg_t, metrics, "false", "print metrics"),
};
static const olive_cfg_schema_t test_schema = {test_keys, OLIVE_ARRAY_SIZE(test_keys)};

#endif
