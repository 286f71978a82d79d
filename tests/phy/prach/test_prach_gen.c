/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH sequences (TS 38.211 6.3.3.1) and UE-side generation (5.3.2): CAZAC and
 * cyclic-shift properties, the 64-preamble map, y_u,v against a direct DFT computed here in
 * double precision, and the generated occasion's lengths, position and spectrum against
 * values worked by hand from the spec. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/prach.h"
#include "olive/support/error.h"
#include "olive_test.h"

#define L 839u

static double complex corr(const cf_t *a, const cf_t *b, uint32_t l, uint32_t tau)
{
  double complex s = 0;
  for (uint32_t n = 0; n < l; n++) {
    s += a[n] * conj(b[(n + tau) % l]);
  }
  return s;
}

static void test_cazac(void)
{
  static const uint32_t ls[2] = {839, 139};
  for (int t = 0; t < 2; t++) {
    uint32_t l = ls[t];
    cf_t x[L];
    int u = phy_prach_root_u(l, 0);
    CHECK(phy_prach_seq_x(x, l, (uint32_t)u, 0) == 0, "seq");
    double amax = 0, rmax = 0;
    for (uint32_t n = 0; n < l; n++) {
      amax = fmax(amax, fabs(cabsf(x[n]) - 1.0));
    }
    for (uint32_t tau = 1; tau < l; tau++) {
      rmax = fmax(rmax, cabs(corr(x, x, l, tau)));
    }
    double r0 = cabs(corr(x, x, l, 0));
    /* Constant amplitude; ideal periodic autocorrelation (0 off-peak, float rounding). */
    CHECK(amax < 1e-5 && fabs(r0 - l) < 1e-2 && rmax < 1e-3 * l, "L=%u: |x| %g, R0 %g, Rmax %g", l,
          amax, r0, rmax);
  }
}

static void test_preamble_map(void)
{
  phy_prach_preamble_map_t m;
  /* zcz 1 at 1.25 kHz: N_CS 13, 64 shifts of root u = 129 (logical 0). */
  CHECK(phy_prach_preamble_map(&m, 839, 0, 13) == 0 && m.nof_shifts == 64 && m.nof_roots == 1 &&
            m.u[0] == 129 && m.cv[63] == 63 * 13,
        "zcz 1");
  /* N_CS 0: one preamble per root, 64 consecutive roots; logical 837 wraps to 0. */
  CHECK(phy_prach_preamble_map(&m, 839, 837, 0) == 0 && m.nof_roots == 64 && m.u[0] == 610 &&
            m.u[1] == 129 && m.u[2] == 710,
        "wrap");
  /* N_CS 119 (zcz 12): 7 shifts, ceil(64 / 7) = 10 roots. */
  CHECK(phy_prach_preamble_map(&m, 839, 0, 119) == 0 && m.nof_shifts == 7 && m.nof_roots == 10,
        "zcz 12");
  CHECK(phy_prach_preamble_map(&m, 839, 838, 13) == OLIVE_EINVAL, "bad root");

  /* 64 distinct preambles, mutually orthogonal (zero-lag cross-correlation 0 within a root:
   * ideal autocorrelation at lag C_v - C_v'). */
  CHECK(phy_prach_preamble_map(&m, 839, 0, 13) == 0, "map");
  static cf_t x[64][L];
  for (uint32_t p = 0; p < 64; p++) {
    phy_prach_seq_x(x[p], 839, m.u[0], m.cv[p]);
  }
  double worst = 0;
  int same = 0;
  for (uint32_t p = 0; p < 64; p++) {
    for (uint32_t q = p + 1; q < 64; q++) {
      worst = fmax(worst, cabs(corr(x[p], x[q], L, 0)));
      same += memcmp(x[p], x[q], sizeof(x[p])) == 0;
    }
  }
  CHECK(same == 0 && worst < 1e-3 * L, "distinct %d, worst cross %g", same, worst);
}

static phy_prach_gen_t gen;

static int gen_init(double srate, uint32_t mu, uint32_t prb, phy_prach_format_t f, uint32_t mu_ra)
{
  phy_prach_gen_args_t a = {0};
  a.carrier.mu = mu;
  a.carrier.nof_prb = prb;
  a.carrier.srate_hz = srate;
  a.format = f;
  a.mu_ra = mu_ra;
  return phy_prach_gen_init(&gen, &a);
}

static void test_freq_domain(void)
{
  CHECK(gen_init(23.04e6, 0, 106, PHY_PRACH_FMT_0, 0) == 0, "init");
  phy_prach_cfg_t cfg = {.config_index = 16, .root_logical = 5, .zcz = 1};
  cf_t y[L], x[L];
  CHECK(phy_prach_gen_freq(&gen, &cfg, 37, y) == 0, "freq");
  phy_prach_preamble_map_t m;
  phy_prach_preamble_map(&m, 839, 5, 13);
  phy_prach_seq_x(x, 839, m.u[0], m.cv[37]);
  double err = 0, mag = 0;
  for (uint32_t k = 0; k < L; k++) {
    double complex s = 0;
    for (uint32_t n = 0; n < L; n++) {
      s += x[n] * cexp(-2.0 * I * M_PI * (double)((uint64_t)n * k % L) / L);
    }
    err = fmax(err, cabs(s - y[k]));
    mag = fmax(mag, fabs(cabsf(y[k]) - sqrt(L)));
  }
  /* 6.3.3.1: y_u,v = DFT of x_u,v, and |y| = sqrt(L) (a ZC DFT is a ZC). */
  CHECK(err < 1e-2 && mag < 1e-2, "y vs direct DFT: %g, |y| - sqrt(L): %g", err, mag);
  phy_prach_gen_free(&gen);
}

/* Unnormalised DFT of s[0..n-1] at bin b (double). */
static double complex dft_bin(const cf_t *s, uint32_t n, int64_t b)
{
  double complex acc = 0;
  int64_t bb = ((b % n) + n) % n;
  for (uint32_t i = 0; i < n; i++) {
    acc += s[i] * cexp(2.0 * I * M_PI * (double)((uint64_t)bb * i % n) / n * -1.0);
  }
  return acc;
}

static cf_t buf[4 * 24576 + 21024];

static void test_format0(double srate, uint32_t n_cp, uint32_t n_seq)
{
  CHECK(gen_init(srate, 0, 106, PHY_PRACH_FMT_0, 0) == 0, "init");
  phy_prach_cfg_t cfg = {
      .config_index = 16, .root_logical = 0, .zcz = 1, .msg1_freq_start = 2, .fdm_index = 1};
  phy_prach_occasion_t occ;
  int n = phy_prach_gen(&gen, &cfg, 3, buf, &occ);
  /* N_CP = 3168 kappa T_c = 103.125 us, N_u = 24576 kappa T_c = 800 us. */
  CHECK(n == (int)(n_cp + n_seq) && occ.n_cp == n_cp && occ.n_seq == n_seq && occ.start == 0,
        "srate %g: len %d cp %u", srate, n, occ.n_cp);
  /* k_1 = -106 * 6 + 2 * 12 + 1 * 6 * 12 = -540, K = 12, k_bar = 7: -6473. */
  CHECK(occ.first_bin == -6473, "first bin %d", occ.first_bin);
  int cp_bad = 0;
  double pw = 0;
  for (uint32_t i = 0; i < n_cp; i++) {
    cp_bad += cabsf(buf[i] - buf[i + n_seq]) > 1e-6f;
  }
  for (uint32_t i = n_cp; i < n_cp + n_seq; i++) {
    pw += crealf(buf[i] * conjf(buf[i]));
  }
  CHECK(cp_bad == 0 && fabs(pw / n_seq - 1.0) < 1e-3, "CP %d, power %g", cp_bad, pw / n_seq);
  /* Spectrum: N beta y(k) on bins first_bin + k, nothing next to the band. */
  cf_t y[L];
  phy_prach_gen_freq(&gen, &cfg, 3, y);
  double err = 0, out = 0;
  for (uint32_t k = 0; k < L; k += 97) {
    double complex s = dft_bin(buf + n_cp, n_seq, (int64_t)occ.first_bin + k) / n_seq;
    err = fmax(err, cabs(s - y[k] / (double)L));
  }
  out = fmax(cabs(dft_bin(buf + n_cp, n_seq, occ.first_bin - 1)),
             cabs(dft_bin(buf + n_cp, n_seq, (int64_t)occ.first_bin + L)));
  CHECK(err < 1e-4 && out < 1e-2, "spectrum err %g, outside %g", err, out);
  phy_prach_gen_free(&gen);
}

static void test_short(void)
{
  /* 30 kHz carrier and PRACH (mu = 1) at 30.72 Msps. Table 6.3.3.2-3 index 67: A1, start
   * symbol 0, 2 PRACH slots, 6 occasions of 2 symbols. */
  CHECK(gen_init(30.72e6, 1, 51, PHY_PRACH_FMT_A1, 1) == 0, "init A1");
  phy_prach_cfg_t cfg = {.tdd = true, .config_index = 67, .zcz = 3};
  phy_prach_occasion_t occ;
  /* l = 0: t_start 0; the occasion overlaps t = 0, so N_CP = 288 kappa / 2 + 16 kappa
   * = 10240 T_c = 160 samples; N_u = 4096 kappa / 2 = 2048 samples. */
  int n = phy_prach_gen(&gen, &cfg, 0, buf, &occ);
  CHECK(n == 160 + 2048 && occ.start == 0 && occ.n_cp == 160 && occ.n_seq == 1024, "A1 l=0: %d", n);
  /* n_slot 1, n_t 3: l = 3 * 2 + 14 = 20; t_start = 20 * 2192 * 32 + 2 * 1024 T_c = 21952
   * samples; no 0 / 0.5 ms overlap: N_CP = 144 samples. */
  cfg.slot_ra = 1;
  cfg.occ_in_slot = 3;
  n = phy_prach_gen(&gen, &cfg, 0, buf, &occ);
  CHECK(n == 144 + 2048 && occ.start == 21952 && occ.n_cp == 144, "A1 l=20: %d start %u", n,
        occ.start);
  /* k_1 = -51 * 6 = -306, K = 1, k_bar = 2. */
  CHECK(occ.first_bin == -304, "first bin %d", occ.first_bin);
  cfg.occ_in_slot = 6;
  CHECK(phy_prach_gen(&gen, &cfg, 0, buf, &occ) == OLIVE_EINVAL, "n_t out of range");
  phy_prach_gen_free(&gen);

  /* A1/B1 (Table 6.3.3.2-2 index 108: 7 occasions): B1 in the last one (5.3.2). */
  CHECK(gen_init(15.36e6, 0, 52, PHY_PRACH_FMT_A1, 0) == 0, "init A1/B1");
  phy_prach_cfg_t c2 = {.config_index = 108, .occ_in_slot = 6};
  CHECK(phy_prach_gen(&gen, &c2, 1, buf, &occ) > 0 && occ.format == PHY_PRACH_FMT_B1, "B1");
  /* B1: N_CP = 216 kappa = 13824 T_c = 108 samples at 15.36 Msps. */
  CHECK(occ.n_cp == 108, "B1 cp %u", occ.n_cp);
  c2.occ_in_slot = 5;
  CHECK(phy_prach_gen(&gen, &c2, 1, buf, &occ) > 0 && occ.format == PHY_PRACH_FMT_A1, "A1");
  phy_prach_gen_free(&gen);
  phy_prach_gen_free(&gen); /* idempotent */
}

int main(void)
{
  test_cazac();
  test_preamble_map();
  test_freq_domain();
  test_format0(23.04e6, 2376, 18432);
  test_format0(30.72e6, 3168, 24576);
  test_short();
  return olive_test_done();
}
