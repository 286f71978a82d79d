/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH end to end: TB -> phy_pdsch_encode -> grid (with an SSB mapped into the PRBs the
 * PDSCH rate-matches around) -> OFDM (ofdm.h, 15 kHz, 52 PRB, N_fft 768) -> channel ->
 * OFDM demodulation -> phy_pdsch_decode (estimated channel, never the true one) -> TB CRC.
 *
 * SNR is Es/N0 per RE: data REs have unit power, the channel has unit average power and
 * the complex noise added per time sample has variance N0 (both OFDM transforms are
 * scaled 1/sqrt(N_fft), so the noise per RE is N0 as well; the test checks the
 * receiver's noise estimate against this N0).
 *
 * Thresholds (AWGN, 1 RX, DM-RS type 1 at +3 dB on slot symbols 2 and 11, S = 2, L = 12,
 * 52 PRB, no SSB). For each MCS the unit test asserts error-free decoding of NSLOT slots at
 * snr_ok and failure of every slot at snr_fail. snr_ok is the 10% BLER point measured with
 * this chain (--sweep: 100 slots per 0.25 dB step, AVX-512 LDPC decoder, 10 iterations,
 * when the test was written) plus a 1 dB margin; snr_fail is the Shannon limit
 * 10 log10(2^SE - 1) of the MCS's spectral efficiency SE = Q_m R minus 0.5 dB, which no
 * receiver can beat (this catches an SNR or LLR scale error that flatters the chain).
 * Measured 10% points, with the Shannon limit and the gap to it:
 *   64QAM table MCS 0  (QPSK R 120/1024, SE 0.23):   -4.0 dB  [-7.54, gap 3.5]
 *   64QAM table MCS 9  (QPSK R 679/1024, SE 1.33):    3.85 dB [ 1.78, gap 2.1]
 *   64QAM table MCS 16 (16QAM R 658/1024, SE 2.57):   9.45 dB [ 6.94, gap 2.5]
 *   64QAM table MCS 27 (64QAM R 910/1024, SE 5.33):  18.85 dB [15.94, gap 2.9]
 *   256QAM table MCS 27 (256QAM R 948/1024, SE 7.41): 25.9 dB  [22.27, gap 3.6]
 * Every MCS 0..27 of both tables (--all-mcs: first 0.25 dB step with BLER <= 10% in 50
 * slots) lies 2.0 .. 3.5 dB (64QAM table) and 2.25 .. 3.75 dB (256QAM table) above its
 * Shannon limit; test_all_mcs asserts error-free decoding of each at the Shannon limit
 * + 4.75 dB (largest measured gap + 1 dB); --all-mcs itself asserts every gap in
 * (0, 4.25] dB and --sweep BLER <= 1% at each snr_ok.
 * The gaps include the finite length (one to six code blocks), max-log demapping, the
 * min-sum decoder (phy_sch's own test_sch_bler measures 1.0 dB from the finite-length
 * bound for BG1 R 1/2 16QAM with ideal LLRs) and the estimated channel (about 0.5-1 dB:
 * estimate noise N0 / 4 per pair, see test_estimates). The demo figure, MCS 16 decoding
 * at Es/N0 10 dB with ideal channel knowledge, is met here with the estimated channel
 * (BLER 0 of 100 at 10.0 dB).
 *
 * Also: a two-tap channel (second tap 3 samples late at -6 dB, per-antenna random
 * phases) with 2 RX antennas and MRC; the SNR and noise estimates against the injected
 * values; EVM at 30 dB against sqrt(N0); HARQ (rv 0 then rv 2 combined) below the
 * single-shot threshold. "--sweep" prints BLER curves (label slow). */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/pdsch.h"
#include "olive/phy/ssb.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define NPRB  52u
#define NFFT  768u
#define NSLOT 3

/* Measured 10% BLER points (dB), see the top comment. */
#define MEAS0    -4.0
#define MEAS9    3.85
#define MEAS9SSB 5.25
#define MEAS16   9.45
#define MEAS27   18.85
#define MEAS256  25.9

typedef struct link {
  phy_ofdm_t mod, dem;
  phy_grid_t tx, rx;
  phy_pdsch_t q;
  cf_t *x, *y;
  uint32_t len;
  olive_test_rng_t rng;
} link_t;

typedef struct chan {
  int two_tap; /* 0: AWGN; 1: h = g0 d[n] + g1 d[n - 3], |g1|^2 = |g0|^2 / 4 */
  uint32_t nof_rx;
  uint32_t delay; /* whole-channel delay in samples (inside the CP window) */
} chan_t;

static void link_init(link_t *k)
{
  phy_ofdm_args_t a = {
      .carrier = {.mu = 0, .nof_prb = NPRB, .fft_size = NFFT, .srate_hz = NFFT * 15000.0},
      .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_ofdm_mod_init(&k->mod, &a) == 0 && phy_ofdm_demod_init(&k->dem, &a) == 0, "ofdm");
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_grid_init(&k->tx, &ga) == 0, "tx grid");
  ga.max_ports = 2;
  CHECK(phy_grid_init(&k->rx, &ga) == 0, "rx grid");
  phy_pdsch_args_t pa = {
      .max_prb = NPRB, .max_layers = 1, .max_qm = 8, .nof_harq = 2, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_pdsch_init(&k->q, &pa) == 0, "pdsch");
  k->len = phy_ofdm_slot_len(&k->mod, 0);
  k->x = olive_mem_alloc(sizeof(cf_t) * k->len);
  k->y = olive_mem_alloc(sizeof(cf_t) * k->len);
  k->rng = OLIVE_TEST_RNG(2026);
}

static void link_free(link_t *k)
{
  phy_ofdm_free(&k->mod);
  phy_ofdm_free(&k->dem);
  phy_grid_free(&k->tx);
  phy_grid_free(&k->rx);
  phy_pdsch_free(&k->q);
  olive_mem_free(k->x);
  olive_mem_free(k->y);
}

/* SSB at grid subcarrier 126 (PRBs 10..30), slot symbols 4..7. */
#define SSB_K0 126u
#define SSB_L0 4u

static phy_pdsch_cfg_t make_cfg(phy_mcs_table_t table, uint32_t mcs, int ssb)
{
  phy_pdsch_cfg_t c = {
      .slot = 1,
      .crb0 = 0,
      .tda = {PHY_PDSCH_MAPPING_A, 0, 2, 12},
      .prb_start = 0,
      .nof_prb = NPRB,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 1,
      .cdm_groups_no_data = 2,
      .n_layers = 1,
      .rnti = 0x1234,
      .n_id = 1,
      .mcs_table = table,
      .mcs = mcs,
      .new_data = true,
  };
  c.nof_reserved = ssb ? 1 : 0;
  phy_pdsch_reserved_ssb(SSB_K0, SSB_L0, &c.reserved[0]);
  return c;
}

static cf_t cgauss(olive_test_rng_t *r, double var)
{
  double s = sqrt(var / 2);
  return (float)(s * olive_test_gauss(r)) + I * (float)(s * olive_test_gauss(r));
}

/* One slot through the link. Returns the decode result code; *res filled. */
static const phy_pdsch_cfg_t *rx_cfg; /* receiver configuration when it differs */
static int undetected;                /* TB CRC passed on a wrong TB */

/* encode: 1 = new random TB, 2 = the previous TB again (retransmission). */
static int run_slot(link_t *k, const phy_pdsch_cfg_t *c, double snr_db, chan_t ch,
                    phy_pdsch_rx_res_t *res, int encode)
{
  static uint8_t tb[40000], out[40000];
  int tbs = phy_pdsch_tbs(c);
  if (encode) {
    for (int i = 0; i < tbs / 8 && encode == 1; i++) {
      tb[i] = (uint8_t)olive_test_below(&k->rng, 256);
    }
    phy_grid_clear(&k->tx);
    phy_ssb_map_cfg_t s = {.k0 = SSB_K0, .l0 = SSB_L0, .n_id = 1, .beta_pss = 1, .beta_sss = 1};
    if (c->nof_reserved) {
      phy_ssb_map(&s, NULL, NULL, &k->tx, 0); /* PSS/SSS in the reserved PRBs */
    }
    CHECK(phy_pdsch_encode(&k->q, c, tb, &k->tx) > 0, "encode");
    phy_ofdm_mod_slot(&k->mod, &k->tx, 0, c->slot, k->x);
  }
  double n0 = pow(10.0, -snr_db / 10.0);
  for (uint32_t r = 0; r < ch.nof_rx; r++) {
    cf_t g0 = 1.0f, g1 = 0.0f;
    if (ch.two_tap) {
      double p0 = olive_test_unit(&k->rng) * 6.283185307, p1 = olive_test_unit(&k->rng) * 6.283;
      g0 = (float)sqrt(0.8) * cexpf(I * (float)p0);
      g1 = (float)sqrt(0.2) * cexpf(I * (float)p1);
    }
    for (uint32_t n = 0; n < k->len; n++) {
      uint32_t d = ch.delay;
      cf_t v = (n >= d ? g0 * k->x[n - d] : 0.0f) + (n >= d + 3 ? g1 * k->x[n - d - 3] : 0.0f);
      k->y[n] = v + cgauss(&k->rng, n0);
    }
    phy_ofdm_demod_slot(&k->dem, k->y, c->slot, 0, &k->rx, r);
  }
  int ret = phy_pdsch_decode(&k->q, rx_cfg ? rx_cfg : c, &k->rx, ch.nof_rx, out, res);
  if (ret == 0 && memcmp(out, tb, (size_t)tbs / 8) != 0) {
    undetected++; /* counted as a block error */
    return OLIVE_ECRC;
  }
  return ret;
}

static double bler(link_t *k, phy_mcs_table_t t, uint32_t mcs, int ssb, double snr, chan_t ch,
                   int n)
{
  phy_pdsch_cfg_t c = make_cfg(t, mcs, ssb);
  int err = 0;
  for (int i = 0; i < n; i++) {
    phy_pdsch_rx_res_t res;
    err += run_slot(k, &c, snr, ch, &res, 1) != 0;
  }
  return (double)err / n;
}

typedef struct point {
  phy_mcs_table_t table;
  uint32_t mcs;
  double snr_ok, snr_fail;
} point_t;

/* snr_ok = measured 10% BLER point + 1 dB; snr_fail = Shannon limit - 0.5 dB (see top). */
static const point_t points[] = {
    {PHY_MCS_TABLE_QAM64, 0, MEAS0 + 1.0, -7.54 - 0.5},
    {PHY_MCS_TABLE_QAM64, 9, MEAS9 + 1.0, 1.78 - 0.5},
    {PHY_MCS_TABLE_QAM64, 16, MEAS16 + 1.0, 6.94 - 0.5},
    {PHY_MCS_TABLE_QAM64, 27, MEAS27 + 1.0, 15.94 - 0.5},
    {PHY_MCS_TABLE_QAM256, 27, MEAS256 + 1.0, 22.27 - 0.5},
};

/* Shannon limit 2^SE - 1 of an MCS row, dB (SE = Q_m R as the table prints it). */
static double shannon_db(phy_mcs_table_t t, uint32_t mcs)
{
  phy_mcs_t m;
  phy_tbs_mcs_get(t, mcs, false, &m);
  return 10.0 * log10(pow(2.0, m.qm * m.r_x2048 / 2048.0) - 1.0);
}

static void test_thresholds(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(points); i++) {
    const point_t *p = &points[i];
    CHECK(fabs(p->snr_fail + 0.5 - shannon_db(p->table, p->mcs)) < 0.01, "Shannon limit");
    double b = bler(k, p->table, p->mcs, 0, p->snr_ok, awgn, NSLOT);
    CHECK(b == 0.0, "%s MCS %u at %.2f dB: BLER %.2f", phy_tbs_mcs_table_name(p->table), p->mcs,
          p->snr_ok, b);
    b = bler(k, p->table, p->mcs, 0, p->snr_fail, awgn, NSLOT);
    CHECK(b == 1.0, "%s MCS %u decodes at %.2f dB, below the Shannon limit",
          phy_tbs_mcs_table_name(p->table), p->mcs, p->snr_fail);
  }
}

/* MCS 9 with the SSB in 21 of the 52 PRBs for 4 symbols: G shrinks by 19% while the TBS
 * does not (38.214 5.1.3.2 ignores the SSB), so the effective rate rises from 0.66 to
 * 0.79; measured 10% point MEAS9SSB dB. It decodes at that + 1 dB, and fails there when
 * the receiver ignores the SSB (a mapping mismatch of rate matching). */
static void test_ssb_overlap(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  double snr = MEAS9SSB + 1.0;
  CHECK(bler(k, PHY_MCS_TABLE_QAM64, 9, 1, snr, awgn, NSLOT) == 0.0, "SSB overlap");
  phy_pdsch_cfg_t wrong = make_cfg(PHY_MCS_TABLE_QAM64, 9, 0);
  rx_cfg = &wrong;
  CHECK(bler(k, PHY_MCS_TABLE_QAM64, 9, 1, snr, awgn, NSLOT) == 1.0,
        "decodes although the receiver does not rate-match around the SSB");
  rx_cfg = NULL;
}

/* Estimates against the injected noise, per slot: 52 PRB x 3 pairs x 2 symbols = 312
 * DM-RS pairs, so the N0 estimate has a relative spread of 1/sqrt(312) = 5.7% and the SNR
 * estimate about 0.3 dB at 0 dB (less above): asserted |SNR_est - SNR| < 1 dB and N0
 * within 20% (3.5 sigma); EVM against sqrt(N0)
 * at 30 dB: the channel estimate adds N0 / (2 beta^2) = N0 / 4 at most (less after time
 * interpolation), so EVM / sqrt(N0) must lie in [1.0, sqrt(1.25)] (+2% for the spread). */
static void test_estimates(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  const double snrs[] = {0.0, 10.0, 30.0};
  phy_pdsch_cfg_t c = make_cfg(PHY_MCS_TABLE_QAM64, 0, 0);
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(snrs); i++) {
    phy_pdsch_rx_res_t r;
    double n0 = pow(10.0, -snrs[i] / 10.0);
    CHECK(run_slot(k, &c, snrs[i], awgn, &r, 1) == 0, "MCS 0 at %.0f dB", snrs[i]);
    CHECK(fabs(r.snr_db - snrs[i]) < 1.0, "SNR estimate %.2f dB at %.0f dB", r.snr_db, snrs[i]);
    CHECK(fabs(r.noise_var / n0 - 1.0) < 0.2, "N0 estimate %.4g, true %.4g", r.noise_var, n0);
    if (snrs[i] == 30.0) {
      double ratio = r.evm / sqrt(n0);
      CHECK(ratio > 1.0 && ratio < 1.14, "EVM %.4f = %.3f sqrt(N0)", r.evm, ratio);
    }
  }
}

/* Two taps (0.8 and 0.2 of the power, 3 samples apart, random phases per antenna), 2 RX
 * antennas with MRC, MCS 16 at the AWGN 1-RX snr_ok - 1 dB: the array gain (3 dB) must
 * make up for the frequency selectivity (the estimator interpolates over it). */
static void test_two_tap(link_t *k)
{
  chan_t ch = {1, 2, 0};
  double snr = MEAS16 + 1.0 - 1.0;
  CHECK(bler(k, PHY_MCS_TABLE_QAM64, 16, 0, snr, ch, NSLOT) == 0.0, "2-tap 2 RX");
}

/* A 12-sample delay (1.04 us at 11.52 Msps, inside the 54-sample CP) turns into a phase
 * slope of 2 pi 12 / 768 = 0.098 rad per subcarrier, 1.2 rad per PRB: the linear
 * interpolation between pair centres (2 or 4 subcarriers apart) follows it and decodes
 * MCS 16 at its AWGN snr_ok. PRB averaging interpolates between PRB centres 12
 * subcarriers apart, so a chord across 1.2 rad (up to 1 - cos(0.6) = 17% amplitude lost
 * mid-way) and a slope averaged out inside each PRB: a larger EVM (measured 0.215 against
 * 0.040 at 30 dB when written; asserted > 1.3 times the linear one). */
static void test_delay(link_t *k)
{
  chan_t ch = {0, 1, 12};
  phy_pdsch_cfg_t c = make_cfg(PHY_MCS_TABLE_QAM64, 16, 0);
  phy_pdsch_rx_res_t r, ra;
  for (int i = 0; i < NSLOT; i++) {
    CHECK(run_slot(k, &c, MEAS16 + 1.0, ch, &r, 1) == 0, "linear interpolation, delay 12");
  }
  CHECK(run_slot(k, &c, 30.0, ch, &r, 1) == 0, "linear, 30 dB");
  c.chest = PHY_PDSCH_CHEST_PRB_AVG;
  CHECK(run_slot(k, &c, 30.0, ch, &ra, 1) == 0, "PRB averaging, 30 dB");
  CHECK(ra.evm > 1.3f * r.evm, "EVM %.4f (PRB averaging) vs %.4f (linear)", ra.evm, r.evm);
  printf("delay 12 at 30 dB: EVM %.4f linear, %.4f PRB averaging\n", r.evm, ra.evm);
}

/* PRB-average estimator on AWGN at the MCS 16 point. */
static void test_prb_avg(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  phy_pdsch_cfg_t c = make_cfg(PHY_MCS_TABLE_QAM64, 16, 0);
  c.chest = PHY_PDSCH_CHEST_PRB_AVG;
  for (int i = 0; i < NSLOT; i++) {
    phy_pdsch_rx_res_t r;
    CHECK(run_slot(k, &c, MEAS16 + 1.0, awgn, &r, 1) == 0, "PRB averaging, slot %d", i);
  }
}

/* HARQ: MCS 27 (64QAM) 1.5 dB below its 10% point fails alone; rv 2 of the same TB
 * combined with it (incremental redundancy: the code rate halves) decodes. */
static void test_harq(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  double snr = MEAS27 - 1.5;
  for (int i = 0; i < NSLOT; i++) {
    phy_pdsch_cfg_t c = make_cfg(PHY_MCS_TABLE_QAM64, 27, 0);
    c.harq_id = 1;
    phy_pdsch_rx_res_t r;
    CHECK(run_slot(k, &c, snr, awgn, &r, 1) == OLIVE_ECRC, "rv 0 alone decodes");
    c.rv = 2;
    c.new_data = false;
    CHECK(run_slot(k, &c, snr, awgn, &r, 2) == 0, "rv 0 + rv 2 fails");
  }
}

/* --all-mcs: for MCS 0..27 of the 64QAM table and 0..27 of the 256QAM table, the first
 * 0.25 dB step above the Shannon limit where 50 slots give BLER <= 10%, and the gap. */
static void sweep_all(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  for (int t = 0; t < 2; t++) {
    phy_mcs_table_t table = t ? PHY_MCS_TABLE_QAM256 : PHY_MCS_TABLE_QAM64;
    for (uint32_t mcs = 0; mcs <= 27; mcs++) {
      double sh = shannon_db(table, mcs), s = sh;
      while (bler(k, table, mcs, 0, s, awgn, 50) > 0.1 && s < sh + 8) {
        s += 0.25;
      }
      printf("%s mcs %u shannon %.2f bler10 %.2f gap %.2f\n", phy_tbs_mcs_table_name(table), mcs,
             sh, s, s - sh);
      CHECK(s - sh > 0.0 && s - sh <= 4.25, "%s MCS %u: gap %.2f dB outside (0, 4.25]",
            phy_tbs_mcs_table_name(table), mcs, s - sh);
      fflush(stdout);
    }
  }
}

static void test_all_mcs(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  for (int t = 0; t < 2; t++) {
    phy_mcs_table_t table = t ? PHY_MCS_TABLE_QAM256 : PHY_MCS_TABLE_QAM64;
    for (uint32_t mcs = 0; mcs <= 27; mcs++) {
      double snr = shannon_db(table, mcs) + 4.75, b = bler(k, table, mcs, 0, snr, awgn, 2);
      CHECK(b == 0.0, "%s MCS %u at %.2f dB: BLER %.2f", phy_tbs_mcs_table_name(table), mcs, snr,
            b);
    }
  }
}

static void sweep(link_t *k)
{
  chan_t awgn = {0, 1, 0};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(points); i++) {
    const point_t *p = &points[i];
    double b = 1.0;
    for (double s = p->snr_ok - 2.5; s <= p->snr_ok + 0.01; s += 0.25) {
      b = bler(k, p->table, p->mcs, 0, s, awgn, 100);
      printf("%s mcs %u snr %.2f bler %.3f\n", phy_tbs_mcs_table_name(p->table), p->mcs, s, b);
      fflush(stdout);
    }
    CHECK(b <= 0.01, "%s MCS %u: BLER %.2f at snr_ok", phy_tbs_mcs_table_name(p->table), p->mcs, b);
  }
  for (double s = MEAS9SSB - 1.0; s <= MEAS9SSB + 1.01; s += 0.25) {
    printf("qam64 mcs 9 ssb snr %.2f bler %.3f\n", s,
           bler(k, PHY_MCS_TABLE_QAM64, 9, 1, s, awgn, 100));
  }
}

int main(int argc, char **argv)
{
  link_t k;
  link_init(&k);
  /* Undetected errors: a TB under 3824 bits carries CRC16 (38.212 7.2.1), and phy_sch
   * stops each code block's iterations on its CRC, so every failing block gets up to 10
   * CRC16 trials: about 10 x 2^-16 = 1.5e-4 false passes per failed block. The sweeps
   * fail a few thousand small blocks (one such event was seen in --sweep), so they may see
   * up to 3; the unit tests fail a few dozen and must see none. */
  int max_undetected = 0;
  if (argc > 1 && strcmp(argv[1], "--sweep") == 0) {
    sweep(&k);
    max_undetected = 3;
  } else if (argc > 1 && strcmp(argv[1], "--all-mcs") == 0) {
    sweep_all(&k);
    max_undetected = 3;
  } else {
    test_thresholds(&k);
    test_all_mcs(&k);
    test_ssb_overlap(&k);
    test_estimates(&k);
    test_two_tap(&k);
    test_prb_avg(&k);
    test_delay(&k);
    test_harq(&k);
  }
  printf("%d undetected errors\n", undetected);
  CHECK(undetected <= max_undetected, "%d TBs passed the CRC with wrong contents", undetected);
  link_free(&k);
  return olive_test_done();
}
