/* SPDX-License-Identifier: Apache-2.0 */
#include "gnb_cfg.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/support/error.h"

static const char *const driver_names[] = {"zmq", "uhd", "file", NULL};
static const char *const scs_names[] = {"15", "30", NULL};
static const char *const ssb_period_names[] = {"5", "10", "20", "40", "80", "160", NULL};
static const char *const level_names[] = {"none", "error", "warning", "info", "debug", NULL};
static const char *const level_or_all[] = {"all",  "none",  "error", "warning",
                                           "info", "debug", NULL};

#define LEVEL_ROW(name, cat)                                                                       \
  OLIVE_CFG_ROW_ENUM("log." name "_level", gnb_cfg_t, log.level[cat], level_or_all, "all",         \
                     name " log level (all = log.all_level)")

/* Ranges: ARFCN TS 38.104 5.4.2.1 (0..3279165), PCI TS 38.211 7.4.2.1 (0..1007), TAC
 * TS 38.413 9.3.3.10 (24 bits), channel bandwidths TS 38.104 Table 5.3.2-1 (FR1), gNB id
 * TS 38.413 9.3.1.6 (22..32 bits; olive uses 22), ss-PBCH-BlockPower, PRACH and TDD
 * fields TS 38.331 6.3.2 (ServingCellConfigCommonSIB, RACH-ConfigGeneric,
 * TDD-UL-DL-Pattern), CORESET#0 / searchSpace#0 indices TS 38.213 13 (4 bits each). */
static const olive_cfg_key_t keys[] = {
    OLIVE_CFG_ROW_U32("gnb_id", gnb_cfg_t, gnb_id, 0, 4194303, "411",
                      "gNB identity (22 bits); SIB1 cellIdentity = gnb_id * 2^14"),
    OLIVE_CFG_ROW_INT("cell_cfg.dl_arfcn", gnb_cfg_t, cell.dl_arfcn, 0, 3279165, "368500",
                      "downlink NR-ARFCN of the carrier centre"),
    OLIVE_CFG_ROW_U32("cell_cfg.band", gnb_cfg_t, cell.band, 1, 261, "3", "NR operating band"),
    OLIVE_CFG_ROW_U32("cell_cfg.channel_bandwidth_MHz", gnb_cfg_t, cell.channel_bandwidth_mhz, 5,
                      100, "20", "channel bandwidth in MHz"),
    OLIVE_CFG_ROW_ENUM("cell_cfg.common_scs", gnb_cfg_t, cell.common_scs, scs_names, "15",
                       "subcarrier spacing in kHz"),
    OLIVE_CFG_ROW_U32("cell_cfg.pci", gnb_cfg_t, cell.pci, 0, 1007, "1", "physical cell id"),
    OLIVE_CFG_ROW_STR("cell_cfg.plmn", gnb_cfg_t, cell.plmn, "00101", "MCC and MNC, 5 or 6 digits"),
    OLIVE_CFG_ROW_U32("cell_cfg.tac", gnb_cfg_t, cell.tac, 0, 16777215, "7", "tracking area code"),
    OLIVE_CFG_ROW_INT("cell_cfg.ssb.ssb_arfcn", gnb_cfg_t, cell.ssb_arfcn, 0, 3279165, "0",
                      "SSB centre (SS_REF) as NR-ARFCN; 0 = lowest GSCN that fits"),
    OLIVE_CFG_ROW_ENUM("cell_cfg.ssb.ssb_period", gnb_cfg_t, cell.ssb_period, ssb_period_names,
                       "10", "SSB burst period in ms"),
    OLIVE_CFG_ROW_INT("cell_cfg.ssb.ssb_block_power_dbm", gnb_cfg_t, cell.ssb_power_dbm, -60, 50,
                      "-16", "ss-PBCH-BlockPower broadcast in SIB1, dBm"),
    OLIVE_CFG_ROW_U32("cell_cfg.pdcch.common.coreset0_index", gnb_cfg_t, cell.coreset0_index, 0, 15,
                      "12", "controlResourceSetZero (TS 38.213 Tables 13-1..13-6)"),
    OLIVE_CFG_ROW_U32("cell_cfg.pdcch.common.ss0_index", gnb_cfg_t, cell.ss0_index, 0, 15, "0",
                      "searchSpaceZero (TS 38.213 Table 13-11)"),
    OLIVE_CFG_ROW_U32("cell_cfg.prach.prach_config_index", gnb_cfg_t, cell.prach_config_index, 0,
                      255, "1", "prach-ConfigurationIndex (TS 38.211 Tables 6.3.3.2-2/3)"),
    OLIVE_CFG_ROW_U32("cell_cfg.prach.prach_root_sequence_index", gnb_cfg_t,
                      cell.prach_root_seq_index, 0, 837, "1", "prach-RootSequenceIndex (l839)"),
    OLIVE_CFG_ROW_U32("cell_cfg.prach.prach_frequency_start", gnb_cfg_t, cell.prach_freq_start, 1,
                      274, "4", "msg1-FrequencyStart in PRBs (srsUE: >= 3 at 106 PRB)"),
    OLIVE_CFG_ROW_U32("cell_cfg.tdd_ul_dl_cfg.dl_ul_tx_period", gnb_cfg_t, cell.tdd.period_slots, 1,
                      320, "10", "TDD pattern period in slots (TDD bands only)"),
    OLIVE_CFG_ROW_U32("cell_cfg.tdd_ul_dl_cfg.nof_dl_slots", gnb_cfg_t, cell.tdd.nof_dl_slots, 0,
                      320, "6", "full DL slots at the start of the TDD period"),
    OLIVE_CFG_ROW_U32("cell_cfg.tdd_ul_dl_cfg.nof_dl_symbols", gnb_cfg_t, cell.tdd.nof_dl_symbols,
                      0, 13, "8", "DL symbols at the start of the slot after the DL slots"),
    OLIVE_CFG_ROW_U32("cell_cfg.tdd_ul_dl_cfg.nof_ul_slots", gnb_cfg_t, cell.tdd.nof_ul_slots, 0,
                      320, "3", "full UL slots at the end of the TDD period"),
    OLIVE_CFG_ROW_U32("cell_cfg.tdd_ul_dl_cfg.nof_ul_symbols", gnb_cfg_t, cell.tdd.nof_ul_symbols,
                      0, 13, "0", "UL symbols at the end of the slot before the UL slots"),
    OLIVE_CFG_ROW_ENUM("ru_sdr.device_driver", gnb_cfg_t, ru.device_driver, driver_names, "zmq",
                       "radio driver"),
    OLIVE_CFG_ROW_STR(
        "ru_sdr.device_args", gnb_cfg_t, ru.device_args,
        "tx_port=tcp://127.0.0.1:2000,rx_port=tcp://127.0.0.1:2001,base_srate=23.04e6",
        "driver arguments"),
    OLIVE_CFG_ROW_DBL("ru_sdr.srate", gnb_cfg_t, ru.srate_mhz, 1.92, 245.76, "23.04",
                      "sample rate in MHz"),
    OLIVE_CFG_ROW_DBL("ru_sdr.tx_gain", gnb_cfg_t, ru.tx_gain_db, 0, 100, "50", "TX gain in dB"),
    OLIVE_CFG_ROW_DBL("ru_sdr.rx_gain", gnb_cfg_t, ru.rx_gain_db, 0, 100, "60", "RX gain in dB"),
    OLIVE_CFG_ROW_STR("log.filename", gnb_cfg_t, log.filename, "stdout",
                      "log file, or stdout for the console"),
    OLIVE_CFG_ROW_ENUM("log.all_level", gnb_cfg_t, log.all_level, level_names, "warning",
                       "level of every category"),
    LEVEL_ROW("phy", OLIVE_LOG_PHY),
    LEVEL_ROW("mac", OLIVE_LOG_MAC),
    LEVEL_ROW("rlc", OLIVE_LOG_RLC),
    LEVEL_ROW("pdcp", OLIVE_LOG_PDCP),
    LEVEL_ROW("rrc", OLIVE_LOG_RRC),
    LEVEL_ROW("ngap", OLIVE_LOG_NGAP),
    LEVEL_ROW("radio", OLIVE_LOG_RADIO),
    LEVEL_ROW("app", OLIVE_LOG_APP),
    OLIVE_CFG_ROW_BOOL("pcap.mac_enable", gnb_cfg_t, pcap.mac_enable, "false",
                       "write a MAC-NR pcap"),
    OLIVE_CFG_ROW_STR("pcap.mac_filename", gnb_cfg_t, pcap.mac_filename, "/tmp/gnb_mac.pcap",
                      "MAC-NR pcap path"),
    OLIVE_CFG_ROW_BOOL("pcap.rlc_enable", gnb_cfg_t, pcap.rlc_enable, "false",
                       "write an RLC-NR pcap"),
    OLIVE_CFG_ROW_STR("pcap.rlc_filename", gnb_cfg_t, pcap.rlc_filename, "/tmp/gnb_rlc.pcap",
                      "RLC-NR pcap path"),
    OLIVE_CFG_ROW_U32("metrics.period_ms", gnb_cfg_t, metrics.period_ms, 0, 60000, "1000",
                      "live metrics period in ms (0 = off)"),
    OLIVE_CFG_ROW_INT("expert_execution.rt_priority", gnb_cfg_t, expert.rt_priority, 0, 99, "90",
                      "SCHED_FIFO priority of slot threads (0 = normal)"),
    OLIVE_CFG_ROW_BOOL("expert_execution.mlockall", gnb_cfg_t, expert.mlock, "true",
                       "lock memory against paging"),
    OLIVE_CFG_ROW_U32("expert_execution.nof_workers", gnb_cfg_t, expert.nof_workers, 1, 8, "2",
                      "slot worker threads (one DL processor each)"),
    OLIVE_CFG_ROW_U32("expert_phy.tx_advance", gnb_cfg_t, expert.tx_advance, 3, 16, "4",
                      "slots from receiving slot n to sending slot n + A (A - 2 for DL work)"),
};

const olive_cfg_schema_t gnb_cfg_schema = {keys, OLIVE_ARRAY_SIZE(keys)};

static int validate(const gnb_cfg_t *cfg, olive_cfg_error_t *err, const char **key)
{
  size_t n = strlen(cfg->cell.plmn);
  if ((n != 5 && n != 6) || strspn(cfg->cell.plmn, "0123456789") != n) {
    *key = "cell_cfg.plmn";
    snprintf(err->msg, sizeof(err->msg),
             "cell_cfg.plmn: value '%s' is not a PLMN; allowed: 5 or 6 digits (MCC + MNC)",
             cfg->cell.plmn);
    return OLIVE_ECONFIG;
  }
  return 0;
}

void gnb_cfg_load(gnb_cfg_t *cfg, int argc, char **argv, const char *const *app_flags,
                  const char **app_values)
{
  memset(cfg, 0, sizeof(*cfg));
  olive_cfg_load_or_exit(&gnb_cfg_schema, cfg, argc, argv, NULL, app_flags, app_values);
  olive_cfg_error_t err;
  const char *key = NULL;
  if (validate(cfg, &err, &key) < 0)
    gnb_cfg_fail(argc, argv, key, err.msg);
}

int gnb_cfg_validate(const gnb_cfg_t *cfg, olive_cfg_error_t *err)
{
  const char *key;
  return validate(cfg, err, &key);
}

/* True when the YAML text sets the key's last component ("coreset0_index:"). */
static bool file_sets(const char *path, const char *key)
{
  const char *leaf = strrchr(key, '.');
  leaf = leaf ? leaf + 1 : key;
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return false;
  char line[512];
  bool found = false;
  size_t n = strlen(leaf);
  while (!found && fgets(line, sizeof(line), f) != NULL) {
    const char *p = line + strspn(line, " \t");
    found = strncmp(p, leaf, n) == 0 && (p[n] == ':' || p[n] == ' ');
  }
  fclose(f);
  return found;
}

const char *gnb_cfg_origin(int argc, char **argv, const char *key, char *out, size_t len)
{
  const char *file = NULL;
  size_t kl = strlen(key);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) && i + 1 < argc) {
      if (file_sets(argv[i + 1], key))
        file = argv[i + 1];
      i++;
    } else if (strncmp(a, "--", 2) == 0 && strncmp(a + 2, key, kl) == 0 &&
               (a[2 + kl] == '=' || a[2 + kl] == '\0')) {
      snprintf(out, len, "command line");
      return out;
    }
  }
  snprintf(out, len, "%s", file ? file : "default");
  return out;
}

void gnb_cfg_fail(int argc, char **argv, const char *key, const char *msg)
{
  char origin[300];
  fprintf(stderr, "error: %s: %s\n", gnb_cfg_origin(argc, argv, key, origin, sizeof(origin)), msg);
  exit(OLIVE_CFG_EXIT_STATUS);
}

int gnb_cfg_apply_logging(const gnb_cfg_t *cfg)
{
  /* level_or_all: index 0 is "all", index i is level i-1. */
  for (int c = 0; c < OLIVE_LOG_NCAT; c++) {
    int l = cfg->log.level[c] == 0 ? cfg->log.all_level : cfg->log.level[c] - 1;
    olive_log_set_level((olive_log_cat_t)c, (olive_log_level_t)l);
  }
  bool console = strcmp(cfg->log.filename, "stdout") == 0;
  olive_log_args_t la = {.console = console, .file_path = console ? NULL : cfg->log.filename};
  int rc = olive_log_init(&la);
  if (rc < 0) {
    fprintf(stderr, "error: log.filename: cannot open '%s' (%s)\n", cfg->log.filename,
            olive_strerror(rc));
    return rc;
  }
  return olive_log_start();
}
