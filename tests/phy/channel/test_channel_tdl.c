/* SPDX-License-Identifier: Apache-2.0 */
/* phy/channel TDL models (TR 38.901 7.7.2) and Jakes fading. Pinned to:
 *  - the tables: tap counts, sums checked against two other public transcriptions, which
 *    agree to every digit: NVlabs sionna (sionna/channel/tr38901/models/TDL-{A,B,C}.json)
 *    and InterDigital NeoRadium (neoradium/tdl.py, tapInfo 'A'/'B'/'C', TR 38.901
 *    V17.0.0): sums of the normalised delays, of the linear powers and of delay x power,
 *    computed from their values; and the property of 7.7.3 (tables normalised to an RMS
 *    delay spread of 1);
 *  - the average power of each tap over 4000 realisations against the normalised table
 *    power (tolerance 10%: 4.5 sigma of the mean of 4000 exponential draws);
 *  - the frequency correlation E[H(f) H*(f + df)] of the sampled channel against the
 *    Fourier transform of the table's power delay profile, sum_n P_n e^{j 2 pi df tau_n};
 *  - the time autocorrelation of the taps against J0(2 pi fd tau) (Clarke), libm's j0;
 *  - the Rayleigh envelope: P(|a|^2 < 0.1 P) = 1 - e^{-0.1};
 *  - the output of phy_channel_run() against its reported impulse response
 *    (cross-correlation of a white input with the output). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/channel.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static const struct {
  phy_channel_model_t m;
  uint32_t n;
  double sum_d, sum_p, sum_dp; /* from the sionna and NeoRadium transcriptions */
} ref[] = {
    {PHY_CHANNEL_TDLA, 23, 58.1474, 3.467660, 3.078393},
    {PHY_CHANNEL_TDLB, 23, 34.1999, 7.093032, 5.457503},
    {PHY_CHANNEL_TDLC, 24, 62.0402, 5.874505, 4.281664},
};

static void test_tables(void)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(ref); i++) {
    const phy_channel_tap_t *t = NULL;
    uint32_t n = phy_channel_tdl_table(ref[i].m, &t);
    CHECK(n == ref[i].n && t != NULL, "%s: %u taps", phy_channel_model_name(ref[i].m), n);
    if (n != ref[i].n || t == NULL) {
      continue;
    }
    double sd = 0.0, sp = 0.0, sdp = 0.0, sdd = 0.0;
    for (uint32_t k = 0; k < n; k++) {
      double p = pow(10.0, t[k].power_db / 10.0);
      sd += t[k].delay_norm, sp += p, sdp += p * t[k].delay_norm;
      sdd += p * t[k].delay_norm * t[k].delay_norm;
    }
    CHECK(fabs(sd - ref[i].sum_d) < 1e-3, "%s sum of delays %.4f", phy_channel_model_name(ref[i].m),
          sd);
    CHECK(fabs(sp - ref[i].sum_p) < 1e-5, "%s sum of powers %.6f", phy_channel_model_name(ref[i].m),
          sp);
    CHECK(fabs(sdp - ref[i].sum_dp) < 1e-5);
    double mean = sdp / sp, rms = sqrt(sdd / sp - mean * mean);
    CHECK(fabs(rms - 1.0) < 2e-3, "%s rms delay spread %.4f", phy_channel_model_name(ref[i].m),
          rms);
  }
  CHECK(phy_channel_tdl_table(PHY_CHANNEL_NONE, NULL) == 0);
}

/* Normalised linear power of each tap of the table. */
static uint32_t table_powers(phy_channel_model_t m, double *p, double *d)
{
  const phy_channel_tap_t *t = NULL;
  uint32_t n = phy_channel_tdl_table(m, &t);
  double s = 0.0;
  for (uint32_t k = 0; k < n; k++) {
    p[k] = pow(10.0, t[k].power_db / 10.0), s += p[k], d[k] = t[k].delay_norm;
  }
  for (uint32_t k = 0; k < n; k++) {
    p[k] /= s;
  }
  return n;
}

/* Average tap power and the Rayleigh envelope over 4000 static realisations, 2 RX. */
static void test_pdp(phy_channel_model_t m)
{
  double p[PHY_CHANNEL_MAX_TAPS], d[PHY_CHANNEL_MAX_TAPS];
  uint32_t n = table_powers(m, p, d);
  phy_channel_t ch;
  phy_channel_args_t a = {.max_samples = 16,
                          .nof_rx = 2,
                          .model = m,
                          .srate_hz = 30.72e6,
                          .delay_spread_ns = 100.0f,
                          .seed = 1};
  CHECK(phy_channel_init(&ch, &a) == 0);
  double pw[2][PHY_CHANNEL_MAX_TAPS] = {{0}}, cross = 0.0, low = 0.0;
  const uint32_t k_n = 4000;
  int ok = 1;
  for (uint32_t k = 0; k < k_n; k++) {
    phy_channel_reset(&ch, 1000 + k);
    for (uint32_t t = 0; t < n; t++) {
      cf_t g0 = 0.0f, g1 = 0.0f;
      ok &= phy_channel_tap_gain(&ch, 0, t, &g0) == 0 && phy_channel_tap_gain(&ch, 1, t, &g1) == 0;
      pw[0][t] += crealf(g0 * conjf(g0)), pw[1][t] += crealf(g1 * conjf(g1));
      cross += crealf(g0 * conjf(g1)) / p[t];
      low += crealf(g0 * conjf(g0)) < 0.1 * p[t];
    }
  }
  CHECK(ok);
  double worst = 0.0;
  for (uint32_t r = 0; r < 2; r++) {
    for (uint32_t t = 0; t < n; t++) {
      worst = fmax(worst, fabs(pw[r][t] / k_n / p[t] - 1.0));
    }
  }
  CHECK(worst < 0.10, "%s: tap power off the table by %.3f", phy_channel_model_name(m), worst);
  CHECK(fabs(cross / (k_n * n)) < 0.03, "%s: RX antennas correlate %.3f", phy_channel_model_name(m),
        cross / (k_n * n));
  double frac = low / (k_n * n), want = 1.0 - exp(-0.1);
  CHECK(fabs(frac - want) < 0.01, "%s: P(|a|^2 < 0.1 P) %.4f want %.4f", phy_channel_model_name(m),
        frac, want);
  phy_channel_free(&ch);
}

/* E[H(f) H*(f + df)] of the sampled response, averaged over 1000 realisations and 64
 * frequencies in |f| < 0.35 fs, against sum_n P_n e^{j 2 pi df (tau_n + L / fs)}
 * (tolerance 0.05 on a value of magnitude <= 1). */
static void test_freq_corr(phy_channel_model_t m, float ds_ns)
{
  double p[PHY_CHANNEL_MAX_TAPS], d[PHY_CHANNEL_MAX_TAPS];
  uint32_t n = table_powers(m, p, d);
  const double fs = 30.72e6;
  phy_channel_t ch;
  phy_channel_args_t a = {.max_samples = 16,
                          .nof_rx = 1,
                          .model = m,
                          .srate_hz = fs,
                          .delay_spread_ns = ds_ns,
                          .seed = 1};
  CHECK(phy_channel_init(&ch, &a) == 0);
  const double dfs[] = {0.0, 30e3, 180e3, 720e3, 2.0e6};
  enum { NF = 64, ND = 5, LMAX = 256 };
  static cf_t e[NF][ND + 1][LMAX]; /* e^{-j 2 pi f l / fs} at f and f + df */
  for (uint32_t i = 0; i < NF; i++) {
    for (unsigned j = 0; j <= ND; j++) {
      double f = (-0.35 + 0.6 * i / NF) * fs + (j ? dfs[j - 1] : 0.0);
      for (uint32_t l = 0; l < LMAX; l++) {
        e[i][j][l] = (cf_t)cexp(-2.0 * I * M_PI * f * l / fs);
      }
    }
  }
  double complex acc[ND] = {0};
  cf_t h[LMAX];
  const uint32_t k_n = 1000;
  int len_ok = 1;
  for (uint32_t k = 0; k < k_n; k++) {
    phy_channel_reset(&ch, 77 + k);
    int len = phy_channel_cir(&ch, 0, h, LMAX);
    len_ok &= len > 0;
    for (uint32_t i = 0; i < NF; i++) {
      cf_t hf[ND + 1] = {0};
      for (unsigned j = 0; j <= ND; j++) {
        for (int l = 0; l < len; l++) {
          hf[j] += h[l] * e[i][j][l];
        }
      }
      for (unsigned j = 0; j < ND; j++) {
        acc[j] += hf[0] * conjf(hf[j + 1]);
      }
    }
  }
  CHECK(len_ok);
  const uint32_t nf = NF;
  double lat = phy_channel_latency(&ch) / fs;
  for (unsigned j = 0; j < 5; j++) {
    double complex want = 0.0;
    for (uint32_t t = 0; t < n; t++) {
      want += p[t] * cexp(2.0 * I * M_PI * dfs[j] * (d[t] * ds_ns * 1e-9 + lat));
    }
    double complex got = acc[j] / (double)(k_n * nf);
    CHECK(cabs(got - want) < 0.05, "%s DS %.0f ns df %.0f Hz: %.3f%+.3fj want %.3f%+.3fj",
          phy_channel_model_name(m), ds_ns, dfs[j], creal(got), cimag(got), creal(want),
          cimag(want));
  }
  phy_channel_free(&ch);
}

/* Time autocorrelation of every tap, normalised by its power, averaged over taps, 300
 * realisations and 40 time origins, against J0(2 pi fd tau) for tau up to 3.3 / fd
 * (tolerance 0.05). */
static void test_doppler(float fd)
{
  const double fs = 1.0e5;
  const uint32_t steps = 120, lags = 80, origins = steps - lags;
  double p[PHY_CHANNEL_MAX_TAPS], d[PHY_CHANNEL_MAX_TAPS];
  uint32_t n = table_powers(PHY_CHANNEL_TDLA, p, d);
  phy_channel_t ch;
  phy_channel_args_t a = {.max_samples = PHY_CHANNEL_UPDATE,
                          .nof_rx = 1,
                          .model = PHY_CHANNEL_TDLA,
                          .srate_hz = fs,
                          .delay_spread_ns = 30.0f,
                          .doppler_hz = fd,
                          .seed = 1};
  CHECK(phy_channel_init(&ch, &a) == 0);
  static cf_t g[120][PHY_CHANNEL_MAX_TAPS];
  double complex r[80] = {0};
  cf_t z[PHY_CHANNEL_UPDATE] = {0}, y[PHY_CHANNEL_UPDATE];
  cf_t *out[2] = {y, NULL};
  int ok = 1;
  for (uint32_t k = 0; k < 300; k++) {
    phy_channel_reset(&ch, 500 + k);
    for (uint32_t s = 0; s < steps; s++) {
      ok &= phy_channel_run(&ch, z, PHY_CHANNEL_UPDATE, out) == 0;
      for (uint32_t t = 0; t < n; t++) {
        phy_channel_tap_gain(&ch, 0, t, &g[s][t]);
      }
    }
    for (uint32_t o = 0; o < origins; o++) {
      for (uint32_t l = 0; l < lags; l++) {
        for (uint32_t t = 0; t < n; t++) {
          r[l] += g[o][t] * conjf(g[o + l][t]) / p[t];
        }
      }
    }
  }
  CHECK(ok);
  double worst = 0.0;
  for (uint32_t l = 0; l < lags; l++) {
    double tau = (double)l * PHY_CHANNEL_UPDATE / fs;
    double got = creal(r[l]) / (300.0 * origins * n);
    worst = fmax(worst, fabs(got - j0(2.0 * M_PI * fd * tau)));
  }
  CHECK(worst < 0.05, "fd %.0f Hz: autocorrelation off J0 by %.3f", fd, worst);
  phy_channel_free(&ch);
}

/* A static TDL-B realisation: the cross-correlation of a white unit-power input with the
 * output equals the impulse response phy_channel_cir() reports (error std 1 / sqrt(N)). */
static void test_run_matches_cir(void)
{
  const uint32_t nn = 200000;
  phy_channel_t ch;
  phy_channel_args_t a = {.max_samples = nn,
                          .nof_rx = 2,
                          .model = PHY_CHANNEL_TDLB,
                          .srate_hz = 15.36e6,
                          .delay_spread_ns = 300.0f,
                          .max_delay = 8.0f,
                          .seed = 4};
  CHECK(phy_channel_init(&ch, &a) == 0);
  phy_channel_cfg_t cfg = {.delay_samples = 3.3f};
  CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
  cf_t *x = olive_mem_calloc(nn, sizeof(cf_t)), *y0 = olive_mem_calloc(nn, sizeof(cf_t)),
       *y1 = olive_mem_calloc(nn, sizeof(cf_t));
  olive_test_rng_t rng = OLIVE_TEST_RNG(8);
  for (uint32_t i = 0; i < nn; i++) {
    x[i] = (float)(olive_test_gauss(&rng) * M_SQRT1_2) +
           I * (float)(olive_test_gauss(&rng) * M_SQRT1_2);
  }
  cf_t *out[2] = {y0, y1};
  CHECK(phy_channel_run(&ch, x, nn, out) == 0);
  cf_t h[256];
  for (uint32_t r = 0; r < 2; r++) {
    int len = phy_channel_cir(&ch, r, h, 256);
    CHECK(len > 0 && len <= 256);
    double err = 0.0, e = 0.0;
    for (int k = 0; k < len; k++) {
      double complex c = 0.0;
      for (uint32_t i = 200; i < nn; i++) {
        c += (r ? y1 : y0)[i] * conjf(x[i - k]);
      }
      c /= (nn - 200);
      err = fmax(err, cabs(c - h[k]));
      e += crealf(h[k] * conjf(h[k]));
    }
    CHECK(err < 0.015, "rx %u: output vs cir %.4f", r, err);
    CHECK(e > 0.05 && e < 10.0, "rx %u: cir energy %.3f", r, e);
  }
  olive_mem_free(x), olive_mem_free(y0), olive_mem_free(y1);
  phy_channel_free(&ch);
}

int main(void)
{
  test_tables();
  test_pdp(PHY_CHANNEL_TDLA);
  test_pdp(PHY_CHANNEL_TDLB);
  test_pdp(PHY_CHANNEL_TDLC);
  test_freq_corr(PHY_CHANNEL_TDLA, 300.0f);
  test_freq_corr(PHY_CHANNEL_TDLC, 100.0f);
  test_doppler(100.0f);
  test_doppler(37.0f);
  test_run_matches_cir();
  return olive_test_done();
}
