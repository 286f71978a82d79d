/* SPDX-License-Identifier: Apache-2.0 */
/* gnb_ul (apps/gnb/gnb_ul.c) driven slot by slot, without the engine, on the cell of
 * configs/gnb_zmq.yaml (23.04 Msps, 23040 samples per slot):
 *   - configuration from the SIB1: N_TA,offset 25600 T_c = 300 samples (TS 38.133 Table
 *     7.1.2-2, FR1, n-TimingAdvanceOffset absent), format 0 window of 2376 + 18432 samples
 *     (TS 38.211 Table 6.3.3.1-1), root 1, N_CS 0 (zeroCorrelationZoneConfig 0), start 4;
 *   - a preamble at TA 3 in the occasion of subframe 14 (config 1: SFN mod 16 = 1,
 *     subframe 4, Table 6.3.3.2-2), its window across slots 13 and 14, found with the slots
 *     handed in either order, once; a slot handed in twice does not search again;
 *   - occasion count: prach-ConfigurationIndex 27 (Table 6.3.3.2-2: format 0 in every
 *     subframe, x = 1) gives 99 searched windows over slots 0..99 (subframe 0's window
 *     would start 300 samples before radio time 0), slots handed in with a lag of up to 3
 *     (windows complete out of order, GNB_UL_NBUF buffers in flight), no overrun; with
 *     slot 50 left out, 97 and two windows counted as given up (overrun);
 *     index 1 over 200 slots gives 2 (subframes 14 and 174);
 *   - 30 kHz TDD (test_n78): a window over three slots, the logged slot and TA in the
 *     numerology's units (read back from the log file). */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gnb_cell.h"
#include "gnb_cfg.h"
#include "gnb_ul.h"
#include "olive/support/config.h"
#include "olive/support/log.h"
#include "olive_test.h"

#define SLOT 23040u

static const char *configs_dir = "configs";
static cf_t slots[200][SLOT];

static int derive_file(const char *name, const char *ovr, gnb_cell_t *c)
{
  static gnb_cfg_t cfg;
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", configs_dir, name);
  const char *files[1] = {path}, *ovrs[1] = {ovr};
  olive_cfg_error_t e;
  gnb_cell_err_t err;
  memset(&cfg, 0, sizeof(cfg));
  int rc = olive_cfg_load(&gnb_cfg_schema, &cfg, files, 1, ovrs, ovr ? 1 : 0, &e);
  if (rc == 0)
    rc = gnb_cfg_validate(&cfg, &e);
  CHECK(rc == 0, "config loads: %s", e.msg);
  if (rc == 0)
    rc = gnb_cell_derive(&cfg, c, &err);
  CHECK(rc == 0, "cell: %s", err.msg);
  return rc;
}

static int derive(const char *ovr, gnb_cell_t *c)
{
  return derive_file("gnb_zmq.yaml", ovr, c);
}

static void feed(gnb_ul_t *g, uint64_t abs_slot)
{
  olive_engine_slot_t s = {.abs_slot = abs_slot,
                           .sfn = (uint32_t)(abs_slot / 10 % 1024),
                           .slot = (uint32_t)(abs_slot % 10),
                           .ts = abs_slot * SLOT};
  const olive_radio_cf_t *rx[1] = {slots[abs_slot]};
  gnb_ul_slot(g, &s, rx);
}

/* Low noise everywhere; preamble `p` of the cell at `ta` TA units (12 samples) after
 * 14 * 23040 - 300 when p < 64. */
static void fill(uint32_t p, uint32_t ta)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(7);
  for (uint32_t i = 0; i < 200; i++)
    for (uint32_t j = 0; j < SLOT; j++)
      slots[i][j] = 0.1f * (float)olive_test_gauss(&rng) + I * 0.1f * (float)olive_test_gauss(&rng);
  if (p >= 64)
    return;
  phy_prach_gen_t gen;
  phy_prach_gen_args_t ga = {.carrier = {.mu = 0, .nof_prb = 106, .srate_hz = 23.04e6},
                             .format = PHY_PRACH_FMT_0,
                             .plan = PHY_OFDM_PLAN_ESTIMATE};
  static cf_t tx[20808];
  phy_prach_cfg_t cfg = {.config_index = 1, .root_logical = 1, .msg1_freq_start = 4};
  phy_prach_occasion_t occ;
  CHECK(phy_prach_gen_init(&gen, &ga) == 0 && phy_prach_gen(&gen, &cfg, p, tx, &occ) >= 0);
  cf_t *flat = &slots[0][0];
  for (uint32_t i = 0; i < 20808; i++)
    flat[14 * SLOT - 300 + ta * 12 + i] += tx[i];
  phy_prach_gen_free(&gen);
}

static void test_config(void)
{
  static gnb_cell_t cell;
  static gnb_ul_t g;
  char msg[256] = "";
  if (derive(NULL, &cell) < 0)
    return;
  gnb_ul_args_t a = {.cell = &cell, .nof_det = 1};
  CHECK(gnb_ul_init(&g, &a, msg, sizeof(msg)) == 0, "init: %s", msg);
  CHECK(g.nta_offset == 300, "N_TA,offset %u samples", g.nta_offset);
  CHECK(g.occ.len == 2376 + 18432 && g.occ.start == 0, "window %u", g.occ.len);
  CHECK(g.prach.config_index == 1 && g.prach.root_logical == 1 && g.prach.zcz == 0 &&
            g.prach.msg1_freq_start == 4 && g.prach.bwp_start == 0,
        "SIB1 rach-ConfigCommon");
  gnb_ul_free(&g);
  gnb_ul_free(&g); /* idempotent */
}

static void test_order(bool reverse)
{
  static gnb_cell_t cell;
  static gnb_ul_t g;
  char msg[256] = "";
  if (derive(NULL, &cell) < 0)
    return;
  gnb_ul_args_t a = {.cell = &cell, .nof_det = 2};
  CHECK(gnb_ul_init(&g, &a, msg, sizeof(msg)) == 0, "init: %s", msg);
  fill(7, 3);
  feed(&g, reverse ? 14 : 13);
  CHECK(g.occasions == 0, "one part of the window: not searched yet");
  feed(&g, reverse ? 13 : 14);
  feed(&g, 14); /* again: already searched */
  CHECK(g.occasions == 1 && g.preambles == 1, "%s order: %llu searched, %llu found",
        reverse ? "reverse" : "slot", (unsigned long long)g.occasions,
        (unsigned long long)g.preambles);
  gnb_ul_free(&g);
}

static void test_count(const char *ovr, uint32_t nslots, uint32_t skip, uint64_t expect,
                       uint64_t overruns)
{
  static gnb_cell_t cell;
  static gnb_ul_t g;
  char msg[256] = "";
  if (derive(ovr, &cell) < 0)
    return;
  gnb_ul_args_t a = {.cell = &cell, .nof_det = 1};
  CHECK(gnb_ul_init(&g, &a, msg, sizeof(msg)) == 0, "init: %s", msg);
  /* Slot order 3, 2, 1, 0, 7, 6, 5, 4, ...: lag up to 3 slots. */
  for (uint32_t b = 0; b < nslots; b += 4)
    for (uint32_t i = 4; i-- > 0;)
      if (b + i < nslots && b + i != skip)
        feed(&g, b + i);
  CHECK(g.occasions == expect && g.overrun == overruns && g.no_det == 0,
        "%s: %llu windows searched (expected %llu), %llu overruns (expected %llu)", ovr,
        (unsigned long long)g.occasions, (unsigned long long)expect, (unsigned long long)g.overrun,
        (unsigned long long)overruns);
  gnb_ul_free(&g);
}

/* The TA of the logged line "PRACH: sfn=<sfn> slot=<slot> preamble=<p> ta=..", or -1.
 * Closes the log file first (later lines go to stderr). */
static int logged_ta(const char *path, uint32_t sfn, uint32_t slot, uint32_t p)
{
  char line[512], want[96];
  snprintf(want, sizeof(want), "PRACH: sfn=%u slot=%u preamble=%u ta=", sfn, slot, p);
  olive_log_stop();
  FILE *f = fopen(path, "r");
  int ta = -1;
  while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
    const char *q = strstr(line, want);
    if (q != NULL && sscanf(q + strlen(want), "%d", &ta) != 1)
      ta = -1;
  }
  if (f)
    fclose(f);
  return ta;
}

/* configs/gnb_b210_n78.yaml: TDD, 30 kHz, 51 PRB, 23.04 Msps: 11520-sample slots, TA unit
 * 16 * 64 / 2 T_c = 6 samples (TS 38.213 4.2). prach-ConfigurationIndex 1 of Table
 * 6.3.3.2-3: format 0, SFN mod 8 = 1, subframe 9, so radio subframe 19 = slots 38 and 39
 * (logged as sfn=1 slot=18); its window starts 300 samples before, in slot 37: three
 * slots. Preamble 9 at TA 5 (30 samples) is found and logged with TA 5 +- 1. */
static void test_n78(const char *log_path)
{
  static gnb_cell_t cell;
  static gnb_ul_t g;
  char msg[256] = "";
  const uint32_t slot = 11520, at = 19 * 23040 - 300 + 5 * 6;
  if (derive_file("gnb_b210_n78.yaml", NULL, &cell) < 0)
    return;
  CHECK(cell.slot_samples == slot && cell.mu == 1 && cell.tdd, "n78 cell");
  gnb_ul_args_t a = {.cell = &cell, .nof_det = 1};
  CHECK(gnb_ul_init(&g, &a, msg, sizeof(msg)) == 0, "init: %s", msg);
  fill(64, 0); /* noise only; the preamble is added below */
  phy_prach_gen_t gen;
  phy_prach_gen_args_t ga = {.carrier = {.mu = 1, .nof_prb = 51, .srate_hz = 23.04e6},
                             .format = PHY_PRACH_FMT_0,
                             .plan = PHY_OFDM_PLAN_ESTIMATE};
  static cf_t tx[20808];
  phy_prach_cfg_t cfg = {.tdd = true, .config_index = 1, .root_logical = 1, .msg1_freq_start = 4};
  phy_prach_occasion_t occ;
  CHECK(phy_prach_gen_init(&gen, &ga) == 0 && phy_prach_gen(&gen, &cfg, 9, tx, &occ) >= 0);
  cf_t *flat = &slots[0][0];
  for (uint32_t i = 0; i < occ.len; i++)
    flat[at + i] += tx[i];
  phy_prach_gen_free(&gen);
  for (uint64_t n = 36; n < 42; n++) {
    olive_engine_slot_t s = {.abs_slot = n, .sfn = (uint32_t)(n / 20), .slot = (uint32_t)(n % 20)};
    const olive_radio_cf_t *rx[1] = {flat + n * slot};
    gnb_ul_slot(&g, &s, rx);
  }
  CHECK(g.occasions == 1 && g.preambles == 1, "n78: %llu searched, %llu found",
        (unsigned long long)g.occasions, (unsigned long long)g.preambles);
  int ta = logged_ta(log_path, 1, 18, 9);
  CHECK(ta >= 4 && ta <= 6, "n78: logged TA %d, sent 5", ta);
  gnb_ul_free(&g);
}

int main(int argc, char **argv)
{
  configs_dir = argc > 1 ? argv[1] : "configs";
  char log_path[1024];
  snprintf(log_path, sizeof(log_path), "%s/apps_gnb_ul.log", argc > 2 ? argv[2] : ".");
  remove(log_path);
  /* Not started: each line goes straight to the file (olive/support/log.h). */
  CHECK(olive_log_init(&(olive_log_args_t){.console = true, .file_path = log_path}) == 0);
  olive_log_set_level(OLIVE_LOG_PHY, OLIVE_LOG_INFO);
  test_config();
  test_order(false);
  test_order(true);
  fill(64, 0);
  test_count("cell_cfg.prach.prach_config_index=27", 100, UINT32_MAX, 99, 0);
  /* Slot 50 dropped: the windows of subframes 50 and 51 never complete; both are given up
   * when subframes 58 and 59 take their buffers. */
  test_count("cell_cfg.prach.prach_config_index=27", 100, 50, 97, 2);
  test_count("cell_cfg.prach.prach_config_index=1", 200, UINT32_MAX, 2, 0);
  test_n78(log_path);
  return olive_test_done();
}
