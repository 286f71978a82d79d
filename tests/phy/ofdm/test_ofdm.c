/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator/demodulator (TS 38.211 5.3.1, 5.4).
 *
 * Independent pins: every modulator sample of a single active subcarrier against the
 * 5.3.1 formula evaluated directly (no FFT) and its frequency by correlation; the 5.4
 * phase against the formula evaluated in long double from the spec's T_c definitions;
 * CP lengths and subframe length against hand-worked numbers; the demodulator against
 * integer sample shifts and an applied CFO. Planning is counted by interposing
 * fftwf_plan_dft_1d (the library's only planner call): it must happen at init only. */
#include <complex.h>
#include <dlfcn.h>
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "olive/phy/ofdm.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

/* ---- planner call counter (ELF interposition of the library's FFTW import) ---- */
static unsigned plan_calls;
typedef fftwf_plan (*plan_fn_t)(int, fftwf_complex *, fftwf_complex *, int, unsigned);

/* default visibility: the test is built with -fvisibility=hidden */
OLIVE_API fftwf_plan fftwf_plan_dft_1d(int n, fftwf_complex *in, fftwf_complex *out, int sign,
                                       unsigned flags)
{
  static plan_fn_t real;
  if (real == NULL) {
    real = (plan_fn_t)dlsym(RTLD_NEXT, "fftwf_plan_dft_1d");
  }
  plan_calls++;
  return real(n, in, out, sign, flags);
}

/* ---- helpers ---- */
static olive_test_rng_t rng = OLIVE_TEST_RNG(0x9E3779B97F4A7C15ull); /* fixed seed */
static float urand(void)
{
  return (float)olive_test_unit(&rng);
}

static cf_t qpsk(void)
{
  return ((urand() < 0.5f ? 1.0f : -1.0f) + I * (urand() < 0.5f ? 1.0f : -1.0f)) * (float)M_SQRT1_2;
}

static phy_ofdm_args_t mkargs(uint32_t mu, uint32_t nof_prb, double srate)
{
  phy_ofdm_args_t a = {.carrier = {.mu = mu, .nof_prb = nof_prb, .srate_hz = srate},
                       .plan = PHY_OFDM_PLAN_ESTIMATE};
  return a;
}

/* max |a - b| / rms(b) */
static double rel_err(const cf_t *a, const cf_t *b, size_t n)
{
  double e = 0, p = 0;
  for (size_t i = 0; i < n; i++) {
    e = fmax(e, cabs(a[i] - b[i]));
    p += creal(b[i] * conj(b[i]));
  }
  return e / sqrt(p / n);
}

/* ---- tests ---- */

/* Round trip over every supported rate and mu, both plan alignments, phase term on. */
static void test_round_trip(void)
{
  static const struct {
    uint32_t mu, prb;
    double srate;
  } cfg[] = {
      {0, 52, 11.52e6},  {0, 52, 15.36e6},  {0, 106, 23.04e6}, {0, 106, 30.72e6},
      {0, 216, 46.08e6}, {0, 270, 61.44e6}, {1, 24, 11.52e6},  {1, 51, 23.04e6},
      {1, 51, 30.72e6},  {1, 106, 46.08e6}, {1, 133, 61.44e6}, {1, 273, 122.88e6},
  };
  for (unsigned c = 0; c < sizeof(cfg) / sizeof(cfg[0]); c++) {
    phy_ofdm_args_t a = mkargs(cfg[c].mu, cfg[c].prb, cfg[c].srate);
    a.phase_comp = true;
    a.center_hz = 3.5e9 + 15e3 * c;
    phy_ofdm_t mod, dem;
    phy_grid_t tx, rx;
    phy_grid_args_t ga = {.max_ports = 1, .max_prb = cfg[c].prb};
    CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_ofdm_demod_init(&dem, &a) == 0);
    CHECK(phy_grid_init(&tx, &ga) == 0 && phy_grid_init(&rx, &ga) == 0);
    uint32_t sf = (uint32_t)(cfg[c].srate / 1000);
    cf_t *buf = olive_mem_calloc(sf + 1, sizeof(cf_t));
    for (uint32_t shift = 0; shift < 2; shift++) { /* caller buffer at both 8-byte phases */
      uint32_t pos = 0;
      for (uint32_t slot = 0; slot < PHY_SLOTS_SF(cfg[c].mu); slot++) {
        for (uint32_t l = 0; l < 14; l++) {
          for (uint32_t k = 0; k < phy_grid_nof_sc(&tx); k++) {
            *phy_grid_re(&tx, 0, l, k) = qpsk();
          }
        }
        int n = phy_ofdm_mod_slot(&mod, &tx, 0, slot, buf + shift + pos);
        CHECK(n == (int)phy_ofdm_slot_len(&mod, slot));
        int m = phy_ofdm_demod_slot(&dem, buf + shift + pos, slot, pos, &rx, 0);
        CHECK(m == n);
        double e = 0;
        for (uint32_t l = 0; l < 14; l++) {
          e = fmax(e, rel_err(phy_grid_symbol(&rx, 0, l), phy_grid_symbol(&tx, 0, l),
                              phy_grid_nof_sc(&tx)));
        }
        if (!(e < 1e-4)) {
          fprintf(stderr, "round trip mu=%u srate=%.2f: rel err %.3g\n", cfg[c].mu,
                  cfg[c].srate / 1e6, e);
        }
        CHECK(e < 1e-4);
        pos += (uint32_t)n;
      }
      CHECK(pos == sf); /* srate * 1 ms exactly */
    }
    olive_mem_free(buf);
    phy_grid_free(&tx);
    phy_grid_free(&rx);
    phy_ofdm_free(&mod);
    phy_ofdm_free(&dem);
  }
}

/* One subcarrier k = K/2 + m, scale 1, no 5.4 term: 5.3.1 gives
 *     x[n] = exp(j 2 pi m (n - N_CP) / N),  n = 0 .. N_CP + N - 1
 * (the CP is the same exponential continued backwards). Checked sample by sample and by
 * correlating the useful part against exponentials at m SCS and (m +- 1) SCS. */
static void test_single_subcarrier(void)
{
  phy_ofdm_args_t a = mkargs(0, 52, 15.36e6); /* N = 1024, CP 72 / 80 */
  a.scale = 1.0f;
  phy_ofdm_t q;
  CHECK(phy_ofdm_mod_init(&q, &a) == 0);
  uint32_t K = 624, N = 1024;
  static cf_t re[624], out[1024 + 80];
  static const int ms[] = {0, 1, -1, 100, -312, 311};
  for (unsigned i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
    int m = ms[i];
    memset(re, 0, sizeof(re));
    re[K / 2 + m] = 1.0f;
    for (uint32_t l = 0; l < 2; l++) {
      uint32_t cp = l == 0 ? 80 : 72;
      CHECK(phy_ofdm_mod_symbol(&q, re, l, out) == (int)(cp + N));
      double e = 0;
      for (uint32_t n = 0; n < cp + N; n++) {
        double ph = 2 * M_PI * m * ((double)n - cp) / N;
        e = fmax(e, cabs(out[n] - (cos(ph) + I * sin(ph))));
      }
      CHECK(e < 1e-4);
      double f_hz = m * 15e3, fs = 15.36e6, best = -1, corr[3];
      for (int d = -1; d <= 1; d++) {
        double complex acc = 0;
        for (uint32_t n = 0; n < N; n++) {
          double ph = -2 * M_PI * (f_hz + d * 15e3) * n / fs;
          acc += out[cp + n] * (cos(ph) + I * sin(ph));
        }
        corr[d + 1] = cabs(acc) / N;
        best = fmax(best, corr[d + 1]);
      }
      CHECK(fabs(corr[1] - 1) < 1e-4 && corr[0] < 1e-4 && corr[2] < 1e-4);
    }
  }
  phy_ofdm_free(&q);
}

/* 5.4: with f0 on, the DC subcarrier of symbol l becomes the constant
 *     c_l = exp(-j 2 pi f0 (t_start,l + N_CP,l T_c)),
 * evaluated here directly in long double from 4.1 (T_c = 1/(480e3 * 4096), kappa = 64)
 * and 5.3.1 (N_u = 2048 kappa 2^-mu, N_CP,l = 144 kappa 2^-mu + 16 kappa at l = 0, 7*2^mu,
 * t_start,l = t_start,l-1 + (N_u + N_CP,l-1) T_c). */
static void test_phase_term(void)
{
  static const double f0s[] = {3.5e9, 2.1e9 + 7.5e3, 5.999999e9 + 0.25, 700e6 + 123.456};
  for (uint32_t mu = 0; mu <= 1; mu++) {
    for (unsigned i = 0; i < sizeof(f0s) / sizeof(f0s[0]); i++) {
      phy_ofdm_args_t a = mkargs(mu, 24, 7.68e6 * (1 << mu)); /* N = 512 */
      a.scale = 1.0f;
      a.phase_comp = (i % 2) == 0; /* odd cases: switched on later with set_center */
      a.center_hz = a.phase_comp ? f0s[i] : 0.0;
      phy_ofdm_t q;
      CHECK(phy_ofdm_mod_init(&q, &a) == 0);
      if (!a.phase_comp) {
        CHECK(phy_ofdm_set_center(&q, -1.0, true) == OLIVE_EINVAL);
        CHECK(phy_ofdm_set_center(&q, f0s[i], true) == 0);
      }
      uint32_t K = 288, N = q.fft_size;
      cf_t re[288] = {0}, out[512 + 64];
      re[K / 2] = 1.0f;
      const long double tc = 1.0L / (480000.0L * 4096.0L), kappa = 64;
      long double t_start = 0;
      double emax = 0;
      for (uint32_t l = 0; l < PHY_SYMB_SF(mu); l++) {
        long double ncp = 144 * kappa / (1 << mu) + ((l == 0 || l == 7u << mu) ? 16 * kappa : 0);
        long double cyc = (long double)f0s[i] * (t_start + ncp * tc);
        cyc -= floorl(cyc);
        double complex ref = cexp(-2 * M_PI * I * (double)cyc);
        int n = phy_ofdm_mod_symbol(&q, re, l, out);
        CHECK(n > 0);
        uint32_t cp = (uint32_t)n - N;
        emax = fmax(emax, cabs(out[cp] - ref));
        emax = fmax(emax, cabs(out[cp + N - 1] - ref));
        t_start += (2048 * kappa / (1 << mu) + ncp) * tc;
      }
      CHECK(emax < 1e-5);
      phy_ofdm_free(&q);
    }
  }
}

/* Demodulator: an integer delay d (signal arrives d samples late, x[n - d]) with a CP
 * window advance, a fractional delay applied as the equivalent band-limited shift, and a
 * CFO applied to the stream; each corrected by the demodulator settings. */
static void test_demod_impairments(void)
{
  phy_ofdm_args_t a = mkargs(1, 51, 23.04e6); /* N = 768, CP 54 (66 on l = 0, 14) */
  phy_ofdm_t mod, dem;
  phy_grid_t tx, rx, txd;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 51};
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_ofdm_demod_init(&dem, &a) == 0);
  CHECK(phy_grid_init(&tx, &ga) == 0 && phy_grid_init(&rx, &ga) == 0);
  CHECK(phy_grid_init(&txd, &ga) == 0);
  uint32_t K = 612, len = phy_ofdm_slot_len(&mod, 0);
  cf_t *x = olive_mem_calloc(len + 64, sizeof(cf_t));
  cf_t *y = olive_mem_calloc(len + 64, sizeof(cf_t));
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < K; k++) {
      *phy_grid_re(&tx, 0, l, k) = qpsk();
    }
  }
  CHECK(phy_ofdm_mod_slot(&mod, &tx, 0, 0, x + 16) == (int)len);

  /* 1. integer delay 9 samples, window advanced by 20: y[n] = x[n - 9] */
  memcpy(y + 9, x + 16, len * sizeof(cf_t));
  CHECK(phy_ofdm_demod_set_timing(&dem, 20, 9.0f) == 0);
  CHECK(phy_ofdm_demod_slot(&dem, y, 0, 0, &rx, 0) == (int)len);
  double e = 0;
  for (uint32_t l = 0; l < 14; l++) {
    e = fmax(e, rel_err(phy_grid_symbol(&rx, 0, l), phy_grid_symbol(&tx, 0, l), K));
  }
  CHECK(e < 1e-4);
  /* without telling the demodulator, the same input is wrong: the test can fail */
  CHECK(phy_ofdm_demod_set_timing(&dem, 0, 0.0f) == 0);
  phy_ofdm_demod_slot(&dem, y, 0, 0, &rx, 0);
  CHECK(rel_err(phy_grid_symbol(&rx, 0, 3), phy_grid_symbol(&tx, 0, 3), K) > 0.1);

  /* 2. fractional delay tau = 0.37: a band-limited delay multiplies subcarrier k by
   * exp(-j 2 pi (k - K/2) tau / N) (5.3.1 with t -> t - tau / srate) */
  float tau = 0.37f;
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < K; k++) {
      double ph = -2 * M_PI * ((double)k - K / 2) * tau / 768;
      *phy_grid_re(&txd, 0, l, k) = *phy_grid_re(&tx, 0, l, k) * (cos(ph) + I * sin(ph));
    }
  }
  CHECK(phy_ofdm_mod_slot(&mod, &txd, 0, 0, y) == (int)len);
  CHECK(phy_ofdm_demod_set_timing(&dem, 4, tau) == 0);
  phy_ofdm_demod_slot(&dem, y, 0, 0, &rx, 0);
  e = 0;
  for (uint32_t l = 0; l < 14; l++) {
    e = fmax(e, rel_err(phy_grid_symbol(&rx, 0, l), phy_grid_symbol(&tx, 0, l), K));
  }
  CHECK(e < 1e-4);

  /* 3. CFO of +4.321 kHz applied with stream index n starting at n0 = 123456 */
  double cfo = 4321.0, fs = 23.04e6;
  uint64_t n0 = 123456;
  for (uint32_t n = 0; n < len; n++) {
    double ph = 2 * M_PI * cfo * (double)(n0 + n) / fs;
    y[n] = x[16 + n] * (cos(ph) + I * sin(ph));
  }
  CHECK(phy_ofdm_demod_set_timing(&dem, 0, 0.0f) == 0);
  CHECK(phy_ofdm_demod_set_cfo(&dem, cfo) == 0);
  CHECK(phy_ofdm_demod_slot(&dem, y, 0, n0, &rx, 0) == (int)len);
  e = 0;
  for (uint32_t l = 0; l < 14; l++) {
    e = fmax(e, rel_err(phy_grid_symbol(&rx, 0, l), phy_grid_symbol(&tx, 0, l), K));
  }
  CHECK(e < 1e-3); /* float rotator over 768 samples: ~1e-5 typical */
  CHECK(phy_ofdm_demod_set_cfo(&dem, 0.0) == 0);
  phy_ofdm_demod_slot(&dem, y, 0, n0, &rx, 0);
  CHECK(rel_err(phy_grid_symbol(&rx, 0, 13), phy_grid_symbol(&tx, 0, 13), K) > 0.1);

  olive_mem_free(x);
  olive_mem_free(y);
  phy_grid_free(&tx);
  phy_grid_free(&rx);
  phy_grid_free(&txd);
  phy_ofdm_free(&mod);
  phy_ofdm_free(&dem);
}

/* Planning at init only (one plan for the modulator, two for the demodulator), wisdom written,
 * per-call path plans nothing; scaling: default 1/sqrt(N) keeps unit-power subcarriers at power
 * K/N. */
static void test_plans_and_scale(void)
{
  char path[64];
  snprintf(path, sizeof(path), "/tmp/olive_test_wisdom_%d", (int)getpid());
  unlink(path);
  phy_ofdm_args_t a = mkargs(0, 52, 11.52e6);
  a.plan = PHY_OFDM_PLAN_MEASURE;
  a.wisdom_path = path;
  phy_ofdm_t mod, dem;
  unsigned before = plan_calls;
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0);
  CHECK(phy_ofdm_demod_init(&dem, &a) == 0);
  CHECK(plan_calls - before == 3);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL);
  if (f != NULL) {
    CHECK(fgetc(f) == '(');
    fclose(f);
  }
  static cf_t re[624], out[768 + 60 + 1];
  for (uint32_t k = 0; k < 624; k++) {
    re[k] = qpsk();
  }
  before = plan_calls;
  for (uint32_t l = 0; l < 28; l++) {
    CHECK(phy_ofdm_mod_symbol(&mod, re, l, out + (l & 1)) > 0);
    CHECK(phy_ofdm_demod_symbol(&dem, out + (l & 1), l, 0, re) == 624);
  }
  CHECK(phy_ofdm_demod_set_cfo(&dem, 100.0) == 0);
  CHECK(phy_ofdm_demod_symbol(&dem, out, 1, 0, re) == 624);
  CHECK(plan_calls == before);

  /* power (Parseval): default scale 1/sqrt(N) -> mean |x|^2 = K / N over the N useful
   * samples; an explicit scale 2/sqrt(N) -> 4x that */
  for (uint32_t k = 0; k < 624; k++) {
    re[k] = qpsk();
  }
  int n = phy_ofdm_mod_symbol(&mod, re, 1, out);
  double p = 0;
  for (int i = n - 768; i < n; i++) {
    p += creal(out[i] * conj(out[i]));
  }
  CHECK(fabs(p / 768 - 624.0 / 768) < 1e-4);
  CHECK(phy_ofdm_set_scale(&mod, 2.0f / sqrtf(768.0f)) == 0);
  CHECK(phy_ofdm_set_scale(&mod, INFINITY) == OLIVE_EINVAL);
  phy_ofdm_mod_symbol(&mod, re, 1, out);
  double p2 = 0;
  for (int i = n - 768; i < n; i++) {
    p2 += creal(out[i] * conj(out[i]));
  }
  CHECK(fabs(p2 / p - 4.0) < 1e-3);
  phy_ofdm_free(&mod);
  phy_ofdm_free(&dem);
  unlink(path);
}

static void test_errors(void)
{
  phy_ofdm_args_t a = mkargs(0, 106, 15.36e6); /* 1272 > 1024 */
  phy_ofdm_t q;
  CHECK(phy_ofdm_mod_init(&q, &a) == OLIVE_EINVAL);
  phy_ofdm_free(&q);
  CHECK(phy_ofdm_mod_init(&q, NULL) == OLIVE_EINVAL);
  a = mkargs(0, 52, 11.52e6);
  a.scale = NAN;
  CHECK(phy_ofdm_mod_init(&q, &a) == OLIVE_EINVAL);
  a.scale = 0;
  CHECK(phy_ofdm_demod_init(&q, &a) == 0);
  CHECK(phy_ofdm_demod_set_timing(&q, 55, 0) == OLIVE_EINVAL); /* CP is 54 */
  CHECK(phy_ofdm_demod_set_timing(&q, 54, 0) == 0);
  CHECK(phy_ofdm_demod_set_timing(&q, 0, 500.0f) == OLIVE_EINVAL);
  CHECK(phy_ofdm_demod_set_cfo(&q, 6e6) == OLIVE_EINVAL);
  CHECK(phy_ofdm_mod_symbol(&q, NULL, 0, NULL) == OLIVE_EINVAL); /* demod object */
  cf_t re[624];
  CHECK(phy_ofdm_demod_symbol(&q, NULL, 0, 0, re) == OLIVE_EINVAL);
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 51};
  CHECK(phy_grid_init(&g, &ga) == 0);
  CHECK(phy_ofdm_demod_slot(&q, re, 0, 0, &g, 0) == OLIVE_EINVAL); /* width mismatch */
  phy_grid_free(&g);
  phy_ofdm_free(&q);
  phy_ofdm_free(&q);
  phy_ofdm_free(NULL);
}

int main(void)
{
  test_round_trip();
  test_single_subcarrier();
  test_phase_term();
  test_demod_impairments();
  test_plans_and_scale();
  test_errors();
  return olive_test_done();
}
