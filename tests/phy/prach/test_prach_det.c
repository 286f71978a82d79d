/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH detector, conformance-style (TS 38.141-1 8.4 / TS 38.104 8.4), format 0 at
 * 23.04 Msps, 106 PRB at 15 kHz, fixed-seed AWGN:
 *  - false alarm: noise only, P_fa <= 0.1 % (38.141-1 8.4.1.5); plus a calibration check
 *    that the threshold tracks its design target at 5 %;
 *  - missed detection: P_d >= 99 % with 2 RX at -14.5 dB, the requirement of TS 38.104 V16.4
 *    Table 8.4.2.2-1 (format 0, AWGN, 2 RX), and as margin at -15.2 dB. The conformance
 *    value of TS 38.141-1 Table 8.4.1.5-1 (test tolerance included) is -14.2 dB, 0.3 dB
 *    easier. Sources (the spec text was not at hand): NVIDIA Aerial 5GModel
 *    nr_matlab/test/testPerformance_prach.m lists both tables (-14.5 and -14.2 dB for F0 2 RX
 *    AWGN); srsRAN_matlab apps/simulators/PRACHPERF/PRACHthresholds.m lists the 38.141-1
 *    -14.2 dB. Timing error within 1.04 us (the AWGN format 0 time error tolerance of
 *    38.141-1 8.4.1.1); 1 RX is not in the spec: checked at -12 dB (the "custom" 1 RX point
 *    of the srsRAN_matlab file) and reported at -14.5 dB;
 *  - timing: TA within +-1 TA unit (16 * 64 T_c, mu = 0: 0.521 us) over the N_CS window;
 *  - two simultaneous preambles; N_CS = 0 (64 roots); a short format (A1).
 * Argument "slow": 10x more trials (CTest label slow). */
#include <stdio.h>
#include <string.h>

#include "olive/support/error.h"
#include "prach_sim.h"

static sim_t S;
static unsigned scale = 1;
static const double SRATE = 23.04e6;
#define TOL_US 1.04

static int setup(uint32_t nrx, phy_prach_format_t f, uint32_t mu, uint32_t prb, double srate,
                 uint32_t mu_ra, double p_fa)
{
  phy_prach_gen_free(&S.gen);
  phy_prach_det_free(&S.det);
  phy_prach_gen_args_t ga = {0};
  ga.carrier.mu = mu;
  ga.carrier.nof_prb = prb;
  ga.carrier.srate_hz = srate;
  ga.format = f;
  ga.mu_ra = mu_ra;
  phy_prach_det_args_t da = {0};
  da.carrier = ga.carrier;
  da.format = f;
  da.mu_ra = mu_ra;
  da.nof_rx = nrx;
  da.p_fa = p_fa;
  int rc = phy_prach_gen_init(&S.gen, &ga);
  return rc < 0 ? rc : phy_prach_det_init(&S.det, &da);
}

static phy_prach_cfg_t cfg0 = {
    .config_index = 16, .root_logical = 22, .zcz = 1, .msg1_freq_start = 4};

static phy_prach_occasion_t occ_of(const phy_prach_cfg_t *c)
{
  phy_prach_occasion_t o;
  phy_prach_occasion(&S.gen.carrier, S.gen.mu_ra, c, &o);
  return o;
}

static unsigned false_alarms(uint32_t nrx, unsigned trials)
{
  phy_prach_occasion_t o = occ_of(&cfg0);
  S.len = o.len;
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  unsigned fa = 0;
  for (unsigned t = 0; t < trials; t++) {
    sim_clear(&S, nrx, 1.0);
    fa += sim_detect(&S, &cfg0, d, nrx) > 0;
  }
  return fa;
}

static void test_false_alarm(void)
{
  /* Calibration: with the threshold for 5 % the measured rate is between 1 % and 5 %
   * (union bound over M = 1024 correlated lags: conservative, not loose by more than 5x). */
  S.rng = OLIVE_TEST_RNG(11);
  CHECK(setup(2, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 0.05) == 0, "setup");
  unsigned n = 400 * scale, fa = false_alarms(2, n);
  printf("false alarm at target 5%%: %u / %u\n", fa, n);
  CHECK(fa <= n / 20 + 4 && fa >= n / 100, "calibration: %u / %u", fa, n);
  /* Requirement: <= 0.1 % (design target 0.1 %). */
  CHECK(setup(2, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  n = 1000 * scale;
  fa = false_alarms(2, n);
  printf("false alarm at target 0.1%%, 2 RX: %u / %u\n", fa, n);
  CHECK(fa <= n / 1000 + 1, "P_fa %u / %u", fa, n);
  CHECK(setup(1, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  n = 500 * scale;
  fa = false_alarms(1, n);
  printf("false alarm at target 0.1%%, 1 RX: %u / %u\n", fa, n);
  CHECK(fa <= n / 1000 + 1, "P_fa 1 RX %u / %u", fa, n);
}

/* P_d trial loop: random preamble and delay within the N_CS window less one ZC sample
 * (0 .. 240 samples at 23.04 Msps = 0 .. 10.9 ZC samples of 0.954 us; N_CS = 13 leaves
 * room for the delay spread); success = that preamble, timing within TOL_US. */
static double detection_rate(uint32_t nrx, double snr_db, unsigned trials, unsigned *wrong,
                             unsigned *ta_bad)
{
  phy_prach_occasion_t o = occ_of(&cfg0);
  S.len = o.len;
  double nv = sim_noise_var(&o, snr_db);
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  unsigned ok = 0;
  *wrong = *ta_bad = 0;
  for (unsigned t = 0; t < trials; t++) {
    uint32_t p = olive_test_below(&S.rng, 64), delay = olive_test_below(&S.rng, 241);
    sim_clear(&S, nrx, nv);
    sim_add(&S, &cfg0, p, delay, 1.0, nrx);
    int nd = sim_detect(&S, &cfg0, d, nrx);
    double true_us = delay / SRATE * 1e6, true_ta = sim_ta(delay, SRATE, 0);
    for (int i = 0; i < nd; i++) {
      if (d[i].preamble != p) {
        (*wrong)++;
      } else if (fabs(d[i].delay_us - true_us) <= TOL_US) {
        ok++;
        *ta_bad += fabs((double)d[i].ta - true_ta) > 1.0;
      }
    }
  }
  return (double)ok / trials;
}

static void test_detection(void)
{
  unsigned wrong, tab, n = 300 * scale;
  S.rng = OLIVE_TEST_RNG(21);
  CHECK(setup(2, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  double pd = detection_rate(2, -14.5, n, &wrong, &tab);
  printf("P_d 2 RX -14.5 dB: %.4f (wrong %u, TA > 1 unit %u) over %u\n", pd, wrong, tab, n);
  /* Other preambles found in the same occasions are false alarms (separate requirement,
   * expected trials * 1e-3): a few at most. */
  CHECK(pd >= 0.99 && wrong <= 2, "2 RX -14.5 dB: %.4f, wrong %u", pd, wrong);
  /* Margin: still >= 99 % 0.7 dB below the requirement (measured when written: 100 % at
   * -15.2 dB, 99.0 % at -16.2 dB, 95 % at -17.2 dB over 300 trials). */
  pd = detection_rate(2, -15.2, n, &wrong, &tab);
  printf("P_d 2 RX -15.2 dB: %.4f (wrong %u, TA > 1 unit %u)\n", pd, wrong, tab);
  CHECK(pd >= 0.99, "2 RX -15.2 dB: %.4f", pd);
  if (scale > 1) {
    for (double snr = -17.2; snr < -15.5; snr += 1.0) {
      pd = detection_rate(2, snr, n, &wrong, &tab);
      printf("P_d 2 RX %.1f dB: %.4f (wrong %u, TA > 1 unit %u)\n", snr, pd, wrong, tab);
    }
  }
  CHECK(setup(1, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  pd = detection_rate(1, -12.0, n, &wrong, &tab);
  printf("P_d 1 RX -12 dB: %.4f (wrong %u, TA > 1 unit %u)\n", pd, wrong, tab);
  CHECK(pd >= 0.99 && wrong <= 2, "1 RX -12 dB: %.4f, wrong %u", pd, wrong);
  pd = detection_rate(1, -14.5, n, &wrong, &tab);
  printf("P_d 1 RX -14.5 dB: %.4f (reported only)\n", pd);
}

static void test_timing(void)
{
  /* 0 dB, 1 RX: TA = round(delay / (16 * 64 T_c)) within +-1 over the window. */
  S.rng = OLIVE_TEST_RNG(31);
  CHECK(setup(1, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  phy_prach_occasion_t o = occ_of(&cfg0);
  S.len = o.len;
  static const uint32_t delays[] = {0, 1, 7, 12, 23, 50, 101, 150, 199, 230, 240};
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  for (size_t i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
    sim_clear(&S, 1, sim_noise_var(&o, 0.0));
    sim_add(&S, &cfg0, 9, delays[i], 1.0, 1);
    int nd = sim_detect(&S, &cfg0, d, 1);
    double ta = sim_ta(delays[i], SRATE, 0);
    CHECK(nd == 1 && d[0].preamble == 9 && fabs(d[0].ta - ta) <= 1.0,
          "delay %u: nd %d, ta %u vs %.2f", delays[i], nd, nd ? d[0].ta : 0, ta);
    CHECK(nd == 1 && fabs(d[0].snr_db) < 1.5 && fabs(d[0].power_db) < 1.5,
          "SNR %.2f dB at 0 dB, power %.2f dB at 0 dB", nd ? d[0].snr_db : 0,
          nd ? d[0].power_db : 0);
  }
}

static void test_two_preambles(void)
{
  S.rng = OLIVE_TEST_RNG(41);
  CHECK(setup(2, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  phy_prach_occasion_t o = occ_of(&cfg0);
  S.len = o.len;
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  unsigned good = 0, extra = 0, trials = 50;
  for (unsigned t = 0; t < trials; t++) {
    uint32_t p1 = olive_test_below(&S.rng, 64), p2 = (p1 + 1 + olive_test_below(&S.rng, 63)) % 64;
    uint32_t d1 = olive_test_below(&S.rng, 250), d2 = olive_test_below(&S.rng, 250);
    sim_clear(&S, 2, sim_noise_var(&o, -10.0));
    sim_add(&S, &cfg0, p1, d1, 1.0, 2);
    sim_add(&S, &cfg0, p2, d2, 0.7, 2);
    int nd = sim_detect(&S, &cfg0, d, 2);
    unsigned hit = 0;
    for (int i = 0; i < nd; i++) {
      uint32_t dl = d[i].preamble == p1 ? d1 : d2;
      bool ours = d[i].preamble == p1 || d[i].preamble == p2;
      hit += ours && fabs(d[i].delay_us - dl / SRATE * 1e6) <= TOL_US;
      extra += !ours;
    }
    good += hit == 2;
  }
  CHECK(good == trials && extra == 0, "two preambles: %u / %u, extra %u", good, trials, extra);
}

static void test_ncs0(void)
{
  /* N_CS = 0: preamble p is root p; 64 correlations. */
  S.rng = OLIVE_TEST_RNG(51);
  CHECK(setup(1, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  phy_prach_cfg_t c = cfg0;
  c.zcz = 0;
  phy_prach_occasion_t o = occ_of(&c);
  S.len = o.len;
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  sim_clear(&S, 1, sim_noise_var(&o, -8.0));
  sim_add(&S, &c, 33, 77, 1.0, 1);
  int nd = sim_detect(&S, &c, d, 1);
  CHECK(nd == 1 && d[0].preamble == 33 && fabs(d[0].ta - sim_ta(77, SRATE, 0)) <= 1.0,
        "N_CS 0: nd %d p %u", nd, nd ? d[0].preamble : 99);
}

static void test_short_a1(void)
{
  /* A1 at 30 kHz on a 51 PRB 30 kHz carrier, 30.72 Msps, TDD index 67, zcz 3 (N_CS 6:
   * 23 shifts, 3 roots). 0 dB, 2 RX. */
  S.rng = OLIVE_TEST_RNG(61);
  CHECK(setup(2, PHY_PRACH_FMT_A1, 1, 51, 30.72e6, 1, 1e-3) == 0, "setup A1");
  phy_prach_cfg_t c = {.tdd = true, .config_index = 67, .root_logical = 3, .zcz = 3};
  phy_prach_occasion_t o = occ_of(&c);
  S.len = o.len;
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  unsigned good = 0;
  for (unsigned t = 0; t < 20; t++) {
    uint32_t p = olive_test_below(&S.rng, 64), delay = olive_test_below(&S.rng, 36);
    sim_clear(&S, 2, sim_noise_var(&o, 0.0));
    sim_add(&S, &c, p, delay, 1.0, 2);
    int nd = sim_detect(&S, &c, d, 2);
    good += nd == 1 && d[0].preamble == p && fabs(d[0].ta - sim_ta(delay, 30.72e6, 1)) <= 1.0;
  }
  CHECK(good == 20, "A1: %u / 20", good);
}

/* Every other format: 10 trials at 0 dB, 1 RX, random preamble and delay inside N_CS - 1
 * ZC samples; correct preamble and TA within +-1 unit (mu of the carrier). */
typedef struct fmt_case {
  phy_prach_format_t f;
  uint32_t mu, prb, mu_ra, index, zcz;
  bool tdd;
  double srate;
} fmt_case_t;

static void test_other_formats(void)
{
  static const fmt_case_t cases[] = {
      {PHY_PRACH_FMT_1, 0, 106, 0, 44, 1, false, 23.04e6},   /* FDD 44: format 1 */
      {PHY_PRACH_FMT_2, 0, 106, 0, 58, 1, false, 23.04e6},   /* FDD 58: format 2 */
      {PHY_PRACH_FMT_3, 0, 106, 0, 76, 1, false, 23.04e6},   /* FDD 76: format 3, 5 kHz */
      {PHY_PRACH_FMT_A2, 0, 52, 0, 120, 3, false, 15.36e6},  /* FDD 120: A2 */
      {PHY_PRACH_FMT_B4, 0, 106, 0, 201, 3, false, 23.04e6}, /* FDD 201: B4 */
      {PHY_PRACH_FMT_C0, 1, 51, 1, 222, 3, false, 30.72e6},  /* FDD 222: C0, 30 kHz */
  };
  S.rng = OLIVE_TEST_RNG(71);
  phy_prach_detection_t d[PHY_PRACH_MAX_DET];
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const fmt_case_t *k = &cases[i];
    CHECK(setup(1, k->f, k->mu, k->prb, k->srate, k->mu_ra, 1e-3) == 0, "setup %s",
          phy_prach_format_name(k->f));
    phy_prach_cfg_t c = {.tdd = k->tdd, .config_index = k->index, .root_logical = 7, .zcz = k->zcz};
    c.slot_ra = k->mu_ra; /* one PRACH slot per subframe at 30 kHz: n_slot = 1 */
    phy_prach_occasion_t o;
    CHECK(phy_prach_occasion(&S.gen.carrier, k->mu_ra, &c, &o) == 0 && o.format == k->f,
          "occasion %s", phy_prach_format_name(k->f));
    S.len = o.len;
    /* Delay range: N_CS - 1 ZC samples in samples. */
    double zc_samples = k->srate / ((double)o.info.l_ra * o.info.scs_hz);
    uint32_t dmax = (uint32_t)((o.ncs - 1) * zc_samples);
    unsigned good = 0;
    for (unsigned t = 0; t < 10; t++) {
      uint32_t p = olive_test_below(&S.rng, 64), delay = olive_test_below(&S.rng, dmax + 1);
      sim_clear(&S, 1, sim_noise_var(&o, 0.0));
      sim_add(&S, &c, p, delay, 1.0, 1);
      int nd = sim_detect(&S, &c, d, 1);
      good +=
          nd == 1 && d[0].preamble == p && fabs(d[0].ta - sim_ta(delay, k->srate, k->mu)) <= 1.0;
    }
    CHECK(good == 10, "format %s: %u / 10", phy_prach_format_name(k->f), good);
  }
}

static void test_errors(void)
{
  CHECK(setup(1, PHY_PRACH_FMT_0, 0, 106, SRATE, 0, 1e-3) == 0, "setup");
  phy_prach_detection_t d[4];
  const cf_t *in[1] = {NULL};
  CHECK(phy_prach_detect(&S.det, &cfg0, in, d, 4) == OLIVE_EINVAL, "NULL antenna");
  phy_prach_cfg_t c = cfg0;
  c.zcz = 16;
  in[0] = S.rx[0];
  CHECK(phy_prach_detect(&S.det, &c, in, d, 4) == OLIVE_EINVAL, "zcz 16");
  c = cfg0;
  c.config_index = 87; /* A1: not the format the detector was made for */
  CHECK(phy_prach_detect(&S.det, &c, in, d, 4) == OLIVE_EINVAL, "format mismatch");
  phy_prach_det_args_t bad = {0};
  phy_prach_det_t q;
  CHECK(phy_prach_det_init(&q, &bad) == OLIVE_EINVAL, "bad args");
  phy_prach_det_free(&q);
  phy_prach_det_free(&q);
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "slow") == 0) {
    scale = 10;
  }
  test_false_alarm();
  test_detection();
  test_timing();
  test_two_preambles();
  test_ncs0();
  test_short_a1();
  test_other_formats();
  test_errors();
  phy_prach_gen_free(&S.gen);
  phy_prach_det_free(&S.det);
  return olive_test_done();
}
