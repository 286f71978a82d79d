/* SPDX-License-Identifier: Apache-2.0 */
/* phy/channel without fading: AWGN at a given SNR, CFO, integer and fractional delay,
 * streaming across calls, argument checks. References are analytic: the noise power
 * N0 = P 10^(-SNR/10), x[n] e^{j 2 pi cfo n / fs}, and a complex exponential delayed by
 * D samples, e^{j 2 pi f (n - D)}. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/channel.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define N 100000u

static cf_t *buf(size_t n)
{
  return olive_mem_calloc(n, sizeof(cf_t));
}

static phy_channel_args_t awgn_args(uint32_t nof_rx)
{
  return (phy_channel_args_t){
      .max_samples = N, .nof_rx = nof_rx, .srate_hz = 7.68e6, .max_delay = 40.0f, .seed = 7};
}

/* Measured SNR within 0.1 dB for 1e6 samples (the estimate's standard deviation is
 * 4.3 / sqrt(1e6) = 0.004 dB) at three SNRs, with a unit-power QPSK-like input and with
 * signal_power 0.5; the two RX antennas' noises are uncorrelated. */
static void test_awgn(void)
{
  phy_channel_t ch;
  phy_channel_args_t a = awgn_args(2);
  CHECK(phy_channel_init(&ch, &a) == 0);
  cf_t *x = buf(N), *y0 = buf(N), *y1 = buf(N);
  olive_test_rng_t rng = OLIVE_TEST_RNG(3);
  const float snrs[] = {-5.0f, 10.0f, 30.0f};
  for (unsigned s = 0; s < 3; s++) {
    for (int pw = 0; pw < 2; pw++) {
      float p = pw ? 0.5f : 1.0f;
      phy_channel_cfg_t cfg = {.awgn = true, .snr_db = snrs[s], .signal_power = pw ? p : 0.0f};
      CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
      double e0 = 0.0, e1 = 0.0, cross = 0.0;
      for (int rep = 0; rep < 10; rep++) {
        for (uint32_t i = 0; i < N; i++) {
          x[i] = sqrtf(p / 2) * ((olive_test_u64(&rng) & 1 ? 1.0f : -1.0f) +
                                 I * (olive_test_u64(&rng) & 1 ? 1.0f : -1.0f));
        }
        cf_t *out[2] = {y0, y1};
        CHECK(phy_channel_run(&ch, x, N, out) == 0);
        for (uint32_t i = 0; i < N; i++) {
          cf_t n0 = y0[i] - x[i], n1 = y1[i] - x[i];
          e0 += crealf(n0 * conjf(n0));
          e1 += crealf(n1 * conjf(n1));
          cross += crealf(n0 * conjf(n1));
        }
      }
      double snr0 = 10.0 * log10(p * 10.0 * N / e0), snr1 = 10.0 * log10(p * 10.0 * N / e1);
      CHECK(fabs(snr0 - snrs[s]) < 0.1, "rx0 snr %.3f want %.1f", snr0, snrs[s]);
      CHECK(fabs(snr1 - snrs[s]) < 0.1, "rx1 snr %.3f want %.1f", snr1, snrs[s]);
      CHECK(fabs(cross / e0) < 0.01, "rx noises correlate: %.4f", cross / e0);
      double nv = p * pow(10.0, -snrs[s] / 10.0);
      CHECK(fabs(phy_channel_noise_var(&ch) / nv - 1.0) < 1e-5);
    }
  }
  olive_mem_free(x), olive_mem_free(y0), olive_mem_free(y1);
  phy_channel_free(&ch);
}

/* CFO: a constant input comes out as exp(j 2 pi cfo n / fs), phase continuous over calls
 * of odd lengths (checked to 1e-4 over 1e5 samples). */
static void test_cfo(void)
{
  phy_channel_t ch;
  phy_channel_args_t a = awgn_args(1);
  CHECK(phy_channel_init(&ch, &a) == 0);
  const double cfos[] = {5000.0, -4321.5, 123.25};
  cf_t *x = buf(N), *y = buf(N);
  for (uint32_t i = 0; i < N; i++) {
    x[i] = 0.5f;
  }
  for (unsigned c = 0; c < 3; c++) {
    phy_channel_reset(&ch, 1);
    phy_channel_cfg_t cfg = {.cfo_hz = cfos[c]};
    CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
    double err = 0.0;
    uint64_t n0 = 0;
    const uint32_t lens[] = {1, 7, 3333, N};
    for (unsigned k = 0; k < 4; k++) {
      cf_t *out[2] = {y, NULL};
      CHECK(phy_channel_run(&ch, x, lens[k], out) == 0);
      for (uint32_t i = 0; i < lens[k]; i++) {
        double ph = 2.0 * M_PI * cfos[c] * (double)(n0 + i) / a.srate_hz;
        double complex want = 0.5 * cexp(I * ph);
        err = fmax(err, cabs(y[i] - want));
      }
      n0 += lens[k];
    }
    CHECK(err < 1e-4, "cfo %.2f: max error %g", cfos[c], err);
  }
  olive_mem_free(x), olive_mem_free(y);
  phy_channel_free(&ch);
}

/* Delay: integer delays are exact (latency 0, y[n] = x[n - D]); fractional delays
 * reproduce a tone e^{j 2 pi f (n - D - L)} for |f| <= 0.42 fs (the occupied band of
 * the widest carrier olive uses, 12 x 106 / 1536 = 0.83 fs) within -60 dB. */
static void test_delay(void)
{
  phy_channel_t ch;
  phy_channel_args_t a = awgn_args(1);
  CHECK(phy_channel_init(&ch, &a) == 0);
  const uint32_t n = 4096;
  cf_t *x = buf(n), *y = buf(n);
  olive_test_rng_t rng = OLIVE_TEST_RNG(9);
  for (uint32_t i = 0; i < n; i++) {
    x[i] = (float)olive_test_gauss(&rng) + I * (float)olive_test_gauss(&rng);
  }
  const float ints[] = {0.0f, 1.0f, 17.0f, 40.0f};
  for (unsigned d = 0; d < 4; d++) {
    phy_channel_reset(&ch, 1);
    phy_channel_cfg_t cfg = {.delay_samples = ints[d]};
    CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
    CHECK(phy_channel_latency(&ch) == 0);
    cf_t *out[2] = {y, NULL};
    CHECK(phy_channel_run(&ch, x, n, out) == 0);
    uint32_t di = (uint32_t)ints[d];
    int ok = 1;
    for (uint32_t i = 0; i < n; i++) {
      cf_t want = i >= di ? x[i - di] : 0.0f;
      ok &= cabsf(y[i] - want) < 1e-6f;
    }
    CHECK(ok, "integer delay %u", di);
  }
  const float fracs[] = {0.5f, 0.25f, 3.7f, 39.01f};
  const double freqs[] = {0.0, 0.1, -0.3, 0.42};
  for (unsigned d = 0; d < 4; d++) {
    for (unsigned f = 0; f < 4; f++) {
      for (uint32_t i = 0; i < n; i++) {
        x[i] = (cf_t)cexp(I * 2.0 * M_PI * freqs[f] * i);
      }
      phy_channel_reset(&ch, 1);
      phy_channel_cfg_t cfg = {.delay_samples = fracs[d]};
      CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
      uint32_t lat = phy_channel_latency(&ch);
      CHECK(lat == PHY_CHANNEL_FIR_HALF);
      cf_t *out[2] = {y, NULL};
      CHECK(phy_channel_run(&ch, x, n, out) == 0);
      double err = 0.0;
      for (uint32_t i = 200; i < n; i++) {
        double complex want = cexp(I * 2.0 * M_PI * freqs[f] * (i - fracs[d] - (double)lat));
        err = fmax(err, cabs(y[i] - want));
      }
      CHECK(err < 1e-3, "delay %.2f f %.2f: error %g", fracs[d], freqs[f], err);
    }
  }
  olive_mem_free(x), olive_mem_free(y);
  phy_channel_free(&ch);
}

/* The same stream cut into calls of 1, 7, 8, 33 and 3300 samples gives the same output
 * as one call (delay line, noise and fading carried across calls), also in place. */
static void test_streaming(void)
{
  const phy_channel_model_t models[] = {PHY_CHANNEL_NONE, PHY_CHANNEL_TDLC};
  const uint32_t n = 1 + 7 + 8 + 33 + 3300;
  cf_t *x = buf(n), *y = buf(n), *z = buf(n);
  olive_test_rng_t rng = OLIVE_TEST_RNG(5);
  for (uint32_t i = 0; i < n; i++) {
    x[i] = (float)olive_test_gauss(&rng) + I * (float)olive_test_gauss(&rng);
  }
  for (unsigned m = 0; m < 2; m++) {
    phy_channel_t ch;
    phy_channel_args_t a = {.max_samples = n,
                            .nof_rx = 1,
                            .model = models[m],
                            .srate_hz = 7.68e6,
                            .delay_spread_ns = 300.0f,
                            .doppler_hz = 500.0f,
                            .max_delay = 10.0f,
                            .seed = 11};
    CHECK(phy_channel_init(&ch, &a) == 0);
    phy_channel_cfg_t cfg = {.awgn = true, .snr_db = 20.0f, .cfo_hz = 700.0, .delay_samples = 2.5f};
    CHECK(phy_channel_set_cfg(&ch, &cfg) == 0);
    cf_t *out[2] = {y, NULL};
    CHECK(phy_channel_run(&ch, x, n, out) == 0);
    phy_channel_reset(&ch, 11);
    memcpy(z, x, n * sizeof(cf_t));
    const uint32_t cuts[] = {1, 7, 8, 33, 3300};
    uint32_t off = 0;
    for (unsigned c = 0; c < 5; c++) {
      cf_t *o[2] = {z + off, NULL};
      CHECK(phy_channel_run(&ch, z + off, cuts[c], o) == 0); /* in place */
      off += cuts[c];
    }
    double err = 0.0;
    for (uint32_t i = 0; i < n; i++) {
      err = fmax(err, cabsf(y[i] - z[i]));
    }
    CHECK(err < 1e-4, "model %s: split calls differ by %g", phy_channel_model_name(models[m]), err);
    phy_channel_free(&ch);
    phy_channel_free(&ch);
  }
  olive_mem_free(x), olive_mem_free(y), olive_mem_free(z);
}

static void test_args(void)
{
  phy_channel_t ch;
  phy_channel_args_t a = awgn_args(1);
  phy_channel_args_t bad = a;
  bad.nof_rx = 3;
  CHECK(phy_channel_init(&ch, &bad) == OLIVE_EINVAL);
  phy_channel_free(&ch);
  bad = a, bad.srate_hz = 0.0;
  CHECK(phy_channel_init(&ch, &bad) == OLIVE_EINVAL);
  bad = a, bad.model = PHY_CHANNEL_NOF_MODELS;
  CHECK(phy_channel_init(&ch, &bad) == OLIVE_EINVAL);
  bad = a, bad.doppler_hz = NAN;
  CHECK(phy_channel_init(&ch, &bad) == OLIVE_EINVAL);
  bad = a, bad.nof_sinus = PHY_CHANNEL_MAX_SINUS + 1;
  CHECK(phy_channel_init(&ch, &bad) == OLIVE_EINVAL);
  CHECK(phy_channel_init(NULL, &a) == OLIVE_EINVAL);
  CHECK(phy_channel_init(&ch, &a) == 0);
  phy_channel_cfg_t c = {.delay_samples = 41.0f};
  CHECK(phy_channel_set_cfg(&ch, &c) == OLIVE_EINVAL);
  c = (phy_channel_cfg_t){.cfo_hz = 3.84e6};
  CHECK(phy_channel_set_cfg(&ch, &c) == OLIVE_EINVAL);
  c = (phy_channel_cfg_t){.awgn = true, .snr_db = INFINITY};
  CHECK(phy_channel_set_cfg(&ch, &c) == OLIVE_EINVAL);
  cf_t x[4] = {0}, *out[2] = {x, NULL};
  CHECK(phy_channel_run(&ch, x, 0, out) == OLIVE_EINVAL);
  CHECK(phy_channel_run(&ch, x, N + 1, out) == OLIVE_EINVAL);
  cf_t *none[2] = {NULL, NULL};
  CHECK(phy_channel_run(&ch, x, 4, none) == OLIVE_EINVAL);
  cf_t g;
  CHECK(phy_channel_tap_gain(&ch, 0, 0, &g) == OLIVE_EINVAL); /* no taps without fading */
  cf_t h[1];
  CHECK(phy_channel_cir(&ch, 0, h, 1) == 1 && h[0] == 1.0f);
  phy_channel_model_t m;
  CHECK(phy_channel_model_parse("tdlb", &m) == 0 && m == PHY_CHANNEL_TDLB);
  CHECK(phy_channel_model_parse("tdl-b", &m) == OLIVE_EINVAL);
  CHECK(strcmp(phy_channel_model_name(PHY_CHANNEL_NONE), "awgn") == 0);
  phy_channel_free(&ch);
  phy_channel_free(NULL);
}

int main(void)
{
  test_args();
  test_awgn();
  test_cfo();
  test_delay();
  test_streaming();
  return olive_test_done();
}
