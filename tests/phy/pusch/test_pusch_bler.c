/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH block error rate in AWGN (1 RX, 52 PRB at 15 kHz, mapping A over the slot, DM-RS
 * type 1 with two CDM groups without data at slot symbols 2 and 11, estimated channel,
 * ZF, 10 LDPC iterations). SNR = Es/N0 per RE (unit-power data, noise N0 per RE).
 *
 * Reference 1, external: an OpenAirInterface nr_ulsim run published in
 * github.com/richard93513/nr_ulsim-intern-log simulation_test/run-log.md ("nr_ulsim -s 0
 * -S 3 -n 100 -m 9 -r 25 -u 1 -I 20": AWGN, 1 RX, 25 PRB, MCS 9, S = 0, L = 12, one DM-RS
 * symbol, one CDM group without data, G = 6900, TBS 4608; OAI's ulsim.c sets sigma_dB =
 * 10 log10(txlev N_fft / (12 N_RB)) - SNR, so its SNR is per RE as here). Round 1 fails at
 * every SNR up to 1 dB; round 2 (RV 0 + RV 2 combined) has BLER 0.95 / 0.54 / 0.09 / 0 at
 * 0 / 0.2 / 0.4 / 0.6 dB: its 10% point is 0.4 dB. The same configuration here (G and TBS
 * checked equal), RV 0 then RV 2 combined.
 *
 * Reference 2: the 10% BLER points of the PDSCH chain published in
 * tests/phy/pdsch/test_pdsch_e2e.c (same MCS tables and LDPC, 52 PRB, DM-RS +3 dB on two
 * symbols, L = 12 through OFDM, 100 slots per 0.25 dB): MCS 0 (QPSK 120/1024) -4.0 dB,
 * MCS 9 (QPSK 679/1024) 3.85 dB, MCS 16 (16QAM 658/1024) 9.45 dB, MCS 27 (64QAM
 * 910/1024) 18.85 dB, 256QAM table MCS 27 (948/1024) 25.9 dB: a different transmitter and
 * receiver on the same code. (TS 38.104 8.2.1 specifies fading channels only.)
 *
 * Requirement (issue 6): within 1 dB. --sweep (label slow, 100 slots per point) finds the
 * 10% points and asserts |ours - reference| <= 1 dB. Measured when written: OAI case -0.40
 * dB (0.80 dB better than OAI's run); MCS 0 -4.75, MCS 9 3.85, MCS 16 9.20, MCS 27 18.85,
 * 256QAM MCS 27 25.65 dB, i.e. -0.75, 0.00, -0.25, 0.00, -0.25 dB from reference 2 (the
 * per-RE estimator with its adaptive average gains most at low SNR). The unit test (30
 * slots per point) checks BLER <= 10% at reference + 1 dB (not worse than the reference
 * by more than 1 dB), BLER > 10% at reference - 1.5 dB and no decode at the Shannon limit
 * 10 log10(2^(Q_m R) - 1) (controls on the SNR scale; the lower 1 dB side, where a
 * 30-slot estimate is too noisy near our curve, is left to --sweep). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

#define NPRB 52

typedef struct benv {
  phy_pusch_t q;
  phy_grid_t tx, rx;
  uint8_t tb[20000], out[20000];
  olive_test_rng_t rng;
} benv_t;

static const struct {
  phy_mcs_table_t t;
  uint32_t mcs;
  double ref, se;
} pts[] = {
    {PHY_MCS_TABLE_QAM64, 0, -4.0, 2 * 120 / 1024.0},
    {PHY_MCS_TABLE_QAM64, 9, 3.85, 2 * 679 / 1024.0},
    {PHY_MCS_TABLE_QAM64, 16, 9.45, 4 * 658 / 1024.0},
    {PHY_MCS_TABLE_QAM64, 27, 18.85, 6 * 910 / 1024.0},
    {PHY_MCS_TABLE_QAM256, 27, 25.9, 8 * 948 / 1024.0},
};

static uint32_t errors(benv_t *e, uint32_t i, double snr_db, uint32_t nslot)
{
  phy_pusch_cfg_t c = pusch_test_cfg(NPRB, pts[i].mcs);
  c.mcs_table = pts[i].t;
  c.add_pos = 1;
  c.max_iters = 10;
  int tbs = phy_pusch_tbs(&c);
  float n0 = powf(10.0f, (float)(-snr_db / 10.0));
  cf_t g = 1.0f;
  uint32_t err = 0;
  for (uint32_t s = 0; s < nslot; s++) {
    pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
    phy_grid_clear(&e->tx);
    phy_pusch_encode(&e->q, &c, e->tb, NULL, &e->tx);
    pusch_test_channel(&e->tx, &e->rx, 1, &g, 0.0, 15e3, n0, &e->rng);
    int r = phy_pusch_decode(&e->q, &c, &e->rx, 1, e->out, NULL);
    err += r != 0 || memcmp(e->tb, e->out, (size_t)tbs / 8) != 0;
  }
  return err;
}

/* OAI's nr_ulsim case: RV 0 then RV 2 combined; block errors after the second round. */
static uint32_t errors_harq(benv_t *e, double snr_db, uint32_t nslot)
{
  phy_pusch_cfg_t c = pusch_test_cfg(25, 9);
  c.l = 12;
  c.cdm_groups_no_data = 1;
  c.max_iters = 20;
  int tbs = phy_pusch_tbs(&c);
  float n0 = powf(10.0f, (float)(-snr_db / 10.0));
  cf_t g = 1.0f;
  uint32_t err = 0;
  for (uint32_t s = 0; s < nslot; s++) {
    pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
    int ok = 0;
    for (uint32_t t = 0; t < 2 && !ok; t++) {
      c.rv = t ? 2 : 0;
      c.new_data = t == 0;
      phy_grid_clear(&e->tx);
      phy_pusch_encode(&e->q, &c, e->tb, NULL, &e->tx);
      pusch_test_channel(&e->tx, &e->rx, 1, &g, 0.0, 15e3, n0, &e->rng);
      ok = phy_pusch_decode(&e->q, &c, &e->rx, 1, e->out, NULL) == 0 &&
           memcmp(e->tb, e->out, (size_t)tbs / 8) == 0;
    }
    err += !ok;
  }
  return err;
}

static void unit_oai(benv_t *e)
{
  phy_pusch_cfg_t c = pusch_test_cfg(25, 9);
  c.l = 12;
  c.cdm_groups_no_data = 1;
  CHECK(phy_pusch_g(&c) == 6900 && phy_pusch_tbs(&c) == 4608, "OAI case G %d TBS %d",
        phy_pusch_g(&c), phy_pusch_tbs(&c));
  uint32_t hi = errors_harq(e, 1.4, 30), lo = errors_harq(e, -1.1, 30);
  printf("OAI nr_ulsim MCS 9 case, RV0+RV2: %u/30 errors at 1.4 dB, %u/30 at -1.1 dB\n", hi, lo);
  CHECK(hi <= 3, "RV0+RV2 at 0.4 + 1 dB: %u/30", hi);
  CHECK(lo > 3, "RV0+RV2 at 0.4 - 1.5 dB: %u/30 (too good: SNR scale?)", lo);
}

static void unit(benv_t *e)
{
  unit_oai(e);
  const uint32_t nslot = 30;
  for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(pts); i++) {
    uint32_t hi = errors(e, i, pts[i].ref + 1.0, nslot);
    uint32_t lo = errors(e, i, pts[i].ref - 1.5, nslot);
    double shannon = 10.0 * log10(pow(2.0, pts[i].se) - 1.0);
    uint32_t sh = errors(e, i, shannon, 10);
    printf("table %u MCS %2u: ref %.2f dB: %2u/%u errors at +1 dB, %2u/%u at -1.5 dB, %u/10 at "
           "the Shannon limit %.2f dB\n",
           pts[i].t, pts[i].mcs, pts[i].ref, hi, nslot, lo, nslot, sh, shannon);
    CHECK(hi <= nslot / 10, "MCS %u: BLER at ref + 1 dB %u/%u", pts[i].mcs, hi, nslot);
    CHECK(lo > nslot / 10, "MCS %u: BLER at ref - 1.5 dB %u/%u (too good: SNR scale?)", pts[i].mcs,
          lo, nslot);
    CHECK(sh == 10, "MCS %u decodes at the Shannon limit", pts[i].mcs);
  }
}

static void sweep(benv_t *e)
{
  double oai10 = 99;
  for (double s = -0.6; s <= 1.41; s += 0.1) {
    uint32_t err = errors_harq(e, s, 100);
    printf("OAI case RV0+RV2 SNR %5.2f dB BLER %.2f\n", s, err / 100.0);
    if (err <= 10 && oai10 == 99) {
      oai10 = s;
    }
  }
  printf("OAI case: 10%% BLER after RV2 at %.2f dB, OAI 0.40 dB, difference %+.2f dB\n", oai10,
         oai10 - 0.4);
  CHECK(fabs(oai10 - 0.4) <= 1.0, "OAI case 10%% point %.2f dB", oai10);
  for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(pts); i++) {
    double p10 = 99;
    for (double s = pts[i].ref - 1.5; s <= pts[i].ref + 1.5; s += 0.25) {
      uint32_t err = errors(e, i, s, 100);
      printf("table %u MCS %2u SNR %6.2f dB BLER %.2f\n", pts[i].t, pts[i].mcs, s, err / 100.0);
      if (err <= 10 && p10 == 99) {
        p10 = s;
      }
    }
    printf("table %u MCS %2u: 10%% BLER at %.2f dB, reference %.2f dB, difference %+.2f dB\n",
           pts[i].t, pts[i].mcs, p10, pts[i].ref, p10 - pts[i].ref);
    CHECK(fabs(p10 - pts[i].ref) <= 1.0, "MCS %u: 10%% point %.2f dB", pts[i].mcs, p10);
  }
}

int main(int argc, char **argv)
{
  static benv_t e;
  e.rng = OLIVE_TEST_RNG(1234);
  phy_pusch_args_t a = {.max_prb = NPRB, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_pusch_init(&e.q, &a) == 0, "init");
  CHECK(phy_grid_init(&e.tx, &ga) == 0 && phy_grid_init(&e.rx, &ga) == 0, "grids");
  if (argc > 1 && strcmp(argv[1], "--sweep") == 0) {
    sweep(&e);
  } else {
    unit(&e);
  }
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_pusch_free(&e.q);
  return olive_test_done();
}
