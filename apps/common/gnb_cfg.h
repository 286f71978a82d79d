/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB configuration: every key an olive app accepts in YAML or as --key=value.
 * Key names follow srsRAN Project's gnb YAML where the concept is the same, so lab
 * configs carry over (cell_cfg.*, ru_sdr.*, log.*, pcap.*). The app validates once and
 * hands the layers const structs derived from this; no layer reads files. */
#ifndef OLIVE_APPS_GNB_CFG_H
#define OLIVE_APPS_GNB_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/config.h"
#include "olive/support/log.h"

typedef enum { GNB_DRIVER_ZMQ, GNB_DRIVER_UHD, GNB_DRIVER_FILE } gnb_driver_t;
typedef enum { GNB_SCS_15, GNB_SCS_30 } gnb_scs_t;

typedef struct gnb_cfg {
  struct {
    int64_t dl_arfcn;
    uint32_t band;
    uint32_t channel_bandwidth_mhz;
    int common_scs; /* gnb_scs_t */
    uint32_t pci;
    char plmn[7];
    uint32_t tac;
  } cell;
  struct {
    int device_driver; /* gnb_driver_t */
    char device_args[512];
    double srate_mhz;
    double tx_gain_db;
    double rx_gain_db;
  } ru;
  struct {
    char filename[256];
    int all_level;
    int level[OLIVE_LOG_NCAT]; /* index into "all", "none", ...: 0 = use all_level */
  } log;
  struct {
    bool mac_enable;
    char mac_filename[256];
    bool rlc_enable;
    char rlc_filename[256];
  } pcap;
  struct {
    uint32_t period_ms; /* live metrics line period; 0 = off */
  } metrics;
  struct {
    int64_t rt_priority; /* SCHED_FIFO priority of slot threads; 0 = normal scheduling */
    bool mlock;
  } expert;
} gnb_cfg_t;

extern const olive_cfg_schema_t gnb_cfg_schema;

/* Loads defaults, -c files and --key=value overrides from the command line; exits with
 * status 2 and one message on any error. app_flags/app_values as in config.h. */
void gnb_cfg_load(gnb_cfg_t *cfg, int argc, char **argv, const char *const *app_flags,
                  const char **app_values);

/* Cross-key checks a single key's range cannot express. 0, or OLIVE_ECONFIG with msg. */
int gnb_cfg_validate(const gnb_cfg_t *cfg, olive_cfg_error_t *err);

/* Applies log.* to the logger (levels, file) and starts its drain thread. */
int gnb_cfg_apply_logging(const gnb_cfg_t *cfg);

#endif
