/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB configuration: every key an olive app accepts in YAML or as --key=value.
 * Key names follow srsRAN Project's gnb YAML where the concept is the same, so lab
 * configs carry over (cell_cfg.*, ru_sdr.*, log.*, pcap.*). The app validates once and
 * hands the layers const structs derived from this; no layer reads files. */
#ifndef OLIVE_APPS_GNB_CFG_H
#define OLIVE_APPS_GNB_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/config.h"
#include "olive/support/log.h"

typedef enum { GNB_DRIVER_ZMQ, GNB_DRIVER_UHD, GNB_DRIVER_FILE } gnb_driver_t;
typedef enum { GNB_SCS_15, GNB_SCS_30 } gnb_scs_t;

/* cell_cfg.ssb.ssb_period names, in the order of 38.331 ssb-PeriodicityServingCell. */
typedef enum {
  GNB_SSB_5MS,
  GNB_SSB_10MS,
  GNB_SSB_20MS,
  GNB_SSB_40MS,
  GNB_SSB_80MS,
  GNB_SSB_160MS
} gnb_ssb_period_t;

typedef struct gnb_cfg {
  uint32_t gnb_id; /* 22-bit gNB identity: SIB1 cellIdentity = gnb_id << 14 (38.413 9.3.1.7) */
  struct {
    int64_t dl_arfcn;
    uint32_t band;
    uint32_t channel_bandwidth_mhz;
    int common_scs; /* gnb_scs_t */
    uint32_t pci;
    char plmn[7];
    uint32_t tac;
    int64_t ssb_arfcn;     /* 0 = automatic placement on the sync raster */
    int ssb_period;        /* gnb_ssb_period_t */
    int64_t ssb_power_dbm; /* ss-PBCH-BlockPower */
    uint32_t coreset0_index;
    uint32_t ss0_index;
    uint32_t prach_config_index;
    uint32_t prach_root_seq_index;
    uint32_t prach_freq_start; /* msg1-FrequencyStart, PRBs */
    struct {
      uint32_t period_slots; /* dl-UL-TransmissionPeriodicity in slots of common_scs */
      uint32_t nof_dl_slots, nof_dl_symbols, nof_ul_slots, nof_ul_symbols;
    } tdd;
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
    uint32_t nof_workers; /* engine worker threads (one DL processor each) */
    uint32_t tx_advance;  /* slots between reception of slot n and transmission of n + A */
  } expert;
} gnb_cfg_t;

extern const olive_cfg_schema_t gnb_cfg_schema;

/* Loads defaults, -c files and --key=value overrides from the command line; exits with
 * status 2 and one message on any error. app_flags/app_values as in config.h. */
void gnb_cfg_load(gnb_cfg_t *cfg, int argc, char **argv, const char *const *app_flags,
                  const char **app_values);

/* Cross-key checks a single key's range cannot express and that need no band tables
 * (the cell itself is checked by gnb_cell_derive, apps/common/gnb_cell.h). 0, or
 * OLIVE_ECONFIG with msg ("<key>: value '<v>' ...; allowed: ..."). */
int gnb_cfg_validate(const gnb_cfg_t *cfg, olive_cfg_error_t *err);

/* Where `key` got its value, for error messages: "command line" when argv overrides it,
 * else the last -c file whose text sets it (by its last path component), else
 * "default". Writes into out (len bytes) and returns out. */
const char *gnb_cfg_origin(int argc, char **argv, const char *key, char *out, size_t len);

/* Prints "error: <origin of key>: <msg>" to stderr and exits with status 2. */
_Noreturn void gnb_cfg_fail(int argc, char **argv, const char *key, const char *msg);

/* Applies log.* to the logger (levels, file) and starts its drain thread. */
int gnb_cfg_apply_logging(const gnb_cfg_t *cfg);

#endif
