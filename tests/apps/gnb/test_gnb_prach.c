/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB's PRACH detection end to end: a UL recording made here is replayed by the SigMF
 * file driver (rx_file, loop) into the gNB running configs/gnb_zmq.yaml, and the gNB's
 * INFO lines and stop line are checked. The recording's timing and frequency come from the
 * cell as srsUE is told it (docs/srsue.md), worked by hand, not from the gNB's code:
 *   - prach-ConfigurationIndex 1, FDD: TS 38.211 Table 6.3.3.2-2 row 1 is format 0 at
 *     SFN mod 16 = 1, subframe 4, so the first occasion is subframe 14 of radio time:
 *     sample 14 * 23040 = 322560 at 23.04 Msps;
 *   - the UE sends N_TA,offset = 25600 T_c early (TS 38.211 4.3.1, TS 38.133 Table
 *     7.1.2-2 FR1), 25600 / 64 * 0.75 = 300 samples (T_c = 1 / 1.96608 GHz, 85 1/3 T_c per
 *     sample), so a preamble with TA 0 starts at 322260;
 *   - one TA unit is 16 * 64 T_c at mu = 0 (TS 38.213 4.2): 1024 T_c = 12 samples;
 *   - format 0: CP 3168 kappa = 2376 samples, sequence 24576 kappa = 18432 samples
 *     (TS 38.211 Table 6.3.3.1-1), 20808 samples in all;
 *   - zeroCorrelationZoneConfig 0: N_CS = 0 (Table 6.3.3.1-5), one preamble per root, so
 *     preamble p is logical root 1 + p (6.3.3.1);
 *   - msg1-FrequencyStart 4 of the 106-PRB carrier (generated with phy_prach_gen, the
 *     UE-side generator of the same module: that part is a round trip; srsUE, run by
 *     hand, is the independent check, see docs/srsue.md).
 * The .sigmf-meta names the UL carrier centre 1747.5 MHz (UL ARFCN 349500): the file driver
 * refuses a recording at another frequency than the gNB's RX tuning.
 * Cases (fixed seed, white Gaussian noise, SNR per PRACH subcarrier as in
 * tests/phy/prach/prach_sim.h):
 *   1. preamble 5 at TA 3 and preamble 40 at TA 40, each at 0 dB: both reported in
 *      sfn=1 slot=4 with their TA within +-1 unit (the tolerance of the brief; the detector
 *      test pins +-1 over the N_CS window), and nothing else;
 *   2. the same noise without preambles: no detection, and the occasion was searched
 *      (the stop line's "PRACH occasions searched" >= 1). */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/prach.h"
#include "olive/radio/sigmf.h"
#include "olive_test.h"

#define SRATE      23040000.0
#define SF         23040u
#define REC_LEN    (30u * SF) /* 30 ms: looped, the preamble realigns with an occasion at 494 ms */
#define OCC_START  (14u * SF - 300u)
#define TA_SAMPLES 12u
#define OCC_LEN    20808u
#define SNR_DB     0.0

static char base[512];
static cf_t rec[REC_LEN];

typedef struct pre {
  uint32_t preamble, ta;
} pre_t;

static void write_meta(void)
{
  olive_sigmf_meta_t m = {.sample_rate = SRATE, .has_frequency = true, .frequency = 1747.5e6};
  snprintf(m.datatype, sizeof(m.datatype), "cf32_le");
  snprintf(m.version, sizeof(m.version), "1.0.0");
  char text[4096], path[600];
  int n = olive_sigmf_meta_write(&m, text, sizeof(text));
  snprintf(path, sizeof(path), "%s.sigmf-meta", base);
  FILE *f = fopen(path, "wb");
  CHECK(n > 0 && f != NULL && fwrite(text, 1, (size_t)n, f) == (size_t)n, "%s", path);
  if (f)
    fclose(f);
}

static void write_data(void)
{
  char path[600];
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL && fwrite(rec, sizeof(cf_t), REC_LEN, f) == REC_LEN, "%s", path);
  if (f)
    fclose(f);
}

/* Noise of per-sample variance N / (L_RA SNR) for a unit-power preamble, plus the
 * preambles at their delays. */
static void make_recording(const pre_t *p, unsigned np)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(20261125);
  double sd = sqrt(18432.0 / 839.0 / pow(10.0, SNR_DB / 10.0) / 2.0);
  for (uint32_t i = 0; i < REC_LEN; i++)
    rec[i] = (float)(olive_test_gauss(&rng) * sd) + I * (float)(olive_test_gauss(&rng) * sd);
  phy_prach_gen_args_t ga = {.carrier = {.mu = 0, .nof_prb = 106, .srate_hz = SRATE},
                             .format = PHY_PRACH_FMT_0,
                             .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_prach_gen_t gen;
  static cf_t tx[OCC_LEN + 64];
  CHECK(phy_prach_gen_init(&gen, &ga) == 0, "generator");
  phy_prach_cfg_t cfg = {.config_index = 1, .root_logical = 1, .zcz = 0, .msg1_freq_start = 4};
  for (unsigned k = 0; k < np; k++) {
    phy_prach_occasion_t occ;
    CHECK(phy_prach_gen(&gen, &cfg, p[k].preamble, tx, &occ) >= 0, "preamble %u", p[k].preamble);
    CHECK(occ.start == 0 && occ.len == OCC_LEN && occ.n_cp == 2376, "format 0 timing");
    uint32_t at = OCC_START + p[k].ta * TA_SAMPLES;
    for (uint32_t i = 0; i < OCC_LEN; i++)
      rec[at + i] += tx[i];
  }
  phy_prach_gen_free(&gen);
  write_meta();
  write_data();
}

static int run_gnb(const char *gnb, const char *configs)
{
  char cmd[2048];
  snprintf(cmd, sizeof(cmd),
           "%s -c %s/gnb_zmq.yaml --ru_sdr.device_driver=file "
           "--ru_sdr.device_args=rx_file=%s,loop=true --expert_execution.rt_priority=0 "
           "--log.phy_level=info --duration=0.1 >%s.log 2>&1",
           gnb, configs, base, base);
  return system(cmd);
}

typedef struct result {
  unsigned n;
  uint32_t sfn[8], slot[8], preamble[8], ta[8];
  float us[8], snr[8], power[8];
  unsigned long long searched, found, ul_dropped;
  int stopped;
} result_t;

static void parse_line(const char *line, result_t *r)
{
  const char *p = strstr(line, "PRACH: ");
  if (p != NULL && r->n < 8) {
    unsigned i = r->n;
    if (sscanf(p, "PRACH: sfn=%u slot=%u preamble=%u ta=%u (%f us) snr=%f dB power=%f dB",
               &r->sfn[i], &r->slot[i], &r->preamble[i], &r->ta[i], &r->us[i], &r->snr[i],
               &r->power[i]) == 7)
      r->n++;
    else
      CHECK(0, "malformed PRACH line: %s", line);
  }
  /* "stopped: ..., N pcap records dropped, N PRACH occasions searched, N preambles, N UL
   * slots dropped" */
  p = strstr(line, "records dropped, ");
  if (strncmp(line, "stopped:", 8) == 0 && p != NULL)
    r->stopped = sscanf(p,
                        "records dropped, %llu PRACH occasions searched, %llu preambles, "
                        "%llu UL slots dropped",
                        &r->searched, &r->found, &r->ul_dropped) == 3;
}

static result_t read_log(void)
{
  result_t r = {0};
  char path[600], line[1024];
  snprintf(path, sizeof(path), "%s.log", base);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL, "%s", path);
  while (f != NULL && fgets(line, sizeof(line), f) != NULL)
    parse_line(line, &r);
  if (f)
    fclose(f);
  CHECK(r.stopped, "stop line with the PRACH counters (log %s.log)", base);
  return r;
}

static void case_preambles(const char *gnb, const char *configs)
{
  const pre_t p[2] = {{5, 3}, {40, 40}};
  make_recording(p, 2);
  CHECK(run_gnb(gnb, configs) == 0, "gnb exits 0 (log: %s.log)", base);
  result_t r = read_log();
  CHECK(r.n == 2 && r.found == 2, "2 preambles: %u lines, %llu counted (UL slots dropped %llu)",
        r.n, r.found, r.ul_dropped);
  for (unsigned k = 0; k < 2; k++) {
    bool seen = false;
    for (unsigned i = 0; i < r.n; i++) {
      if (r.preamble[i] != p[k].preamble)
        continue;
      seen = true;
      printf("preamble %u: sfn=%u slot=%u ta=%u (%.2f us) snr=%.1f dB power=%.1f dB\n",
             r.preamble[i], r.sfn[i], r.slot[i], r.ta[i], (double)r.us[i], (double)r.snr[i],
             (double)r.power[i]);
      CHECK(r.sfn[i] == 1 && r.slot[i] == 4, "preamble %u in sfn 1 slot 4", p[k].preamble);
      CHECK(abs((int)r.ta[i] - (int)p[k].ta) <= 1, "preamble %u: TA %u, sent %u", p[k].preamble,
            r.ta[i], p[k].ta);
    }
    CHECK(seen, "preamble %u reported", p[k].preamble);
  }
}

static void case_noise(const char *gnb, const char *configs)
{
  make_recording(NULL, 0);
  CHECK(run_gnb(gnb, configs) == 0, "gnb exits 0 (log: %s.log)", base);
  result_t r = read_log();
  CHECK(r.n == 0 && r.found == 0, "noise only: %u detections", r.n);
  CHECK(r.searched >= 1, "the occasion of sfn 1 was searched: %llu", r.searched);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <gnb> <configs dir> <work dir>\n", argv[0]);
    return 2;
  }
  snprintf(base, sizeof(base), "%s/gnb_prach_rec", argv[3]);
  case_preambles(argv[1], argv[2]);
  case_noise(argv[1], argv[2]);
  char path[600];
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  remove(path);
  return olive_test_done();
}
