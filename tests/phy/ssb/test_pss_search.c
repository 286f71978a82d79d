/* SPDX-License-Identifier: Apache-2.0 */
/* Library PSS search (phy_pss_search_*): an SSB is mapped, OFDM-modulated, delayed,
 * frequency-shifted and buried in AWGN; at +10 dB per RE the search must return the exact
 * N_ID^(2), the exact sample of the PSS symbol's DFT window and the nearest frequency
 * hypothesis; at -3 dB per RE the right N_ID^(2) and the window within one sample. The expected
 * position is computed from the CP lengths, independently of the search. Noise alone must stay far
 * below the detection metric. Planning is counted (fftwf_plan_dft_1d interposed): none per call. */
#include <complex.h>
#include <dlfcn.h>
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/ssb.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

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

#define NPRB  52
#define NFFT  768
#define SRATE 11.52e6
#define SLOT  11520
#define L0    2
#define DELAY 2345
#define TOTAL (DELAY + SLOT + 100)

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x853C49E6748FEA9Bull);
static double urand(void)
{
  return olive_test_unit(&rng);
}

static cf_t gauss(double var)
{
  double r = sqrt(-var * log(urand())), t = 2 * M_PI * urand();
  return (float)(r * cos(t)) + I * (float)(r * sin(t));
}

/* Slot 0 with an SSB at (k0, L0), unit EPRE, random QPSK PBCH/DMRS, into x + DELAY; then
 * CFO (Hz) and AWGN of variance s2 per sample (= per RE: the modulator is unitary).
 * Returns the expected window position: DELAY + symbols 0..L0-1 + CP of L0. */
static uint32_t make_signal(cf_t *x, uint32_t pci, uint32_t k0, double cfo, double s2)
{
  phy_ofdm_args_t a = {.carrier = {.mu = 0, .nof_prb = NPRB, .srate_hz = SRATE}};
  phy_ofdm_t mod;
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_grid_init(&g, &ga) == 0);
  cf_t pbch[432], dmrs[144];
  for (int i = 0; i < 432; i++) {
    pbch[i] = ((urand() < .5 ? 1 : -1) + I * (urand() < .5 ? 1 : -1)) * (float)M_SQRT1_2;
  }
  for (int i = 0; i < 144; i++) {
    dmrs[i] = ((urand() < .5 ? 1 : -1) + I * (urand() < .5 ? 1 : -1)) * (float)M_SQRT1_2;
  }
  phy_ssb_map_cfg_t cfg = {.k0 = k0,
                           .l0 = L0,
                           .n_id = pci,
                           .beta_pss = 1.0f,
                           .beta_sss = 1.0f,
                           .beta_pbch = 1.0f,
                           .beta_dmrs = 1.0f};
  CHECK(phy_ssb_map(&cfg, pbch, dmrs, &g, 0) == 0);
  for (uint32_t n = 0; n < TOTAL; n++) {
    x[n] = 0;
  }
  CHECK(phy_ofdm_mod_slot(&mod, &g, 0, 0, x + DELAY) == SLOT);
  for (uint32_t n = 0; n < TOTAL; n++) {
    double ph = 2 * M_PI * cfo * n / SRATE;
    x[n] = x[n] * (float)cos(ph) + x[n] * I * (float)sin(ph) + gauss(s2);
  }
  /* 11.52 Msps, 15 kHz: CP 54, 60 on symbol 0 -> window of symbol 2 at 60+768+54+768+54 */
  uint32_t pos = DELAY + (60 + NFFT) + (54 + NFFT) + 54;
  phy_grid_free(&g);
  phy_ofdm_free(&mod);
  return pos;
}

static void test_centred_with_cfo(void)
{
  phy_pss_search_args_t a = {.srate_hz = SRATE,
                             .mu = 0,
                             .max_len = TOTAL,
                             .nof_hyp = 5,
                             .cfo_hz = {-10e3, -5e3, 0, 5e3, 10e3}};
  phy_pss_search_t q;
  CHECK(phy_pss_search_init(&q, &a) == 0);
  cf_t *x = olive_mem_calloc(TOTAL, sizeof(cf_t));
  static const uint32_t pcis[] = {0, 400, 1007};
  static const double cfos[] = {6.8e3, -4.1e3, 0.3e3};
  static const uint32_t hyp[] = {3, 1, 2};
  for (int i = 0; i < 3; i++) {
    /* SSB centred: SSB subcarrier 120 on grid k = 312 = K/2 (DC): k0 = 192 */
    uint32_t pos = make_signal(x, pcis[i], 192, cfos[i], 0.1); /* +10 dB per RE */
    phy_pss_search_res_t r;
    unsigned before = plan_calls;
    CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0);
    CHECK(plan_calls == before);
    CHECK(r.n_id2 == pcis[i] % 3 && r.pos == pos && r.hyp == hyp[i]);
    CHECK(r.cfo_hz == a.cfo_hz[hyp[i]] && r.metric > 0.4f);
  }
  /* -3 dB per RE (s2 = 2), 0.3 kHz CFO, 12 PCIs: N_ID^(2) always right and the window
   * within one sample (at this SNR the peak's neighbours are within the correlator's
   * ~18 dB output SNR; at +10 dB above it is exact) */
  unsigned ok = 0;
  for (uint32_t i = 0; i < 12; i++) {
    uint32_t pci = 83 * i + 5;
    uint32_t pos = make_signal(x, pci, 192, 0.3e3, 2.0);
    phy_pss_search_res_t r;
    CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0);
    ok += r.n_id2 == pci % 3 && r.pos + 1 >= pos && r.pos <= pos + 1 && r.metric > 0.04f;
  }
  CHECK(ok == 12);
  /* noise only: metric ~ 1/N per lag, max over ~1.4e4 lags x 15 replicas ~ 0.016 */
  for (uint32_t n = 0; n < TOTAL; n++) {
    x[n] = gauss(2.0);
  }
  phy_pss_search_res_t r;
  CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0 && r.metric < 0.03f);
  for (uint32_t n = 0; n < TOTAL; n++) {
    x[n] = 0;
  }
  CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0 && r.metric == 0.0f && r.pos == 0);
  /* strong noise, then silence with one faint sample (a ZeroMQ radio fills gaps with
   * zeros): the quiet windows' correlation is FFT round-off over a tiny window energy, and
   * the search must still report a noise-only metric from the noisy part */
  for (uint32_t n = 0; n < TOTAL; n++) {
    x[n] = n < TOTAL / 3 ? gauss(1e4) : 0;
  }
  x[TOTAL / 2] = 1e-3f; /* one faint sample: the windows over it have energy 1e-6 */
  CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0 && r.metric < 0.03f, "noise then zeros: %g at %u",
        r.metric, r.pos);
  CHECK(phy_pss_search_run(&q, x, TOTAL + 1, &r) == OLIVE_EINVAL);
  CHECK(phy_pss_search_run(&q, x, NFFT - 1, &r) == OLIVE_EINVAL);
  CHECK(phy_pss_search_run(&q, x, NFFT, &r) == 0);
  olive_mem_free(x);
  phy_pss_search_free(&q);
  phy_pss_search_free(&q);
}

/* SSB away from DC: k0 = 30 puts SSB subcarrier 120 on grid k = 150, i.e.
 * (150 - 312) * 15 kHz = -2.43 MHz from DC. */
static void test_offset(void)
{
  phy_pss_search_args_t a = {
      .srate_hz = SRATE, .mu = 0, .max_len = TOTAL, .ssb_offset_hz = -2.43e6};
  phy_pss_search_t q;
  CHECK(phy_pss_search_init(&q, &a) == 0);
  cf_t *x = olive_mem_calloc(TOTAL, sizeof(cf_t));
  uint32_t pos = make_signal(x, 661, 30, 0.0, 0.1); /* +10 dB per RE */
  phy_pss_search_res_t r;
  CHECK(phy_pss_search_run(&q, x, TOTAL, &r) == 0);
  CHECK(r.n_id2 == 661 % 3 && r.pos == pos && r.hyp == 0 && r.cfo_hz == 0.0);
  /* told the wrong offset (centred), the same signal is not found */
  phy_pss_search_t q0;
  a.ssb_offset_hz = 0;
  CHECK(phy_pss_search_init(&q0, &a) == 0);
  CHECK(phy_pss_search_run(&q0, x, TOTAL, &r) == 0 && r.metric < 0.03f);
  olive_mem_free(x);
  phy_pss_search_free(&q);
  phy_pss_search_free(&q0);
}

static void test_args(void)
{
  phy_pss_search_t q;
  phy_pss_search_args_t a = {.srate_hz = 1.92e6, .mu = 0, .max_len = 4000}; /* N = 128 */
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  phy_pss_search_free(&q);
  a.srate_hz = 3.84e6; /* N = 256 */
  CHECK(phy_pss_search_init(&q, &a) == 0);
  phy_pss_search_free(&q);
  a.max_len = 255;
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  a.max_len = 4000;
  a.ssb_offset_hz = 1.0e6; /* 1 MHz + 64 * 15 kHz > 1.92 MHz */
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  a.ssb_offset_hz = 0;
  a.nof_hyp = 1;
  a.cfo_hz[0] = 1.0e6;
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  a.nof_hyp = 17;
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  a.nof_hyp = 0;
  a.srate_hz = 3.84e6 + 1;
  CHECK(phy_pss_search_init(&q, &a) == OLIVE_EINVAL);
  CHECK(phy_pss_search_init(&q, NULL) == OLIVE_EINVAL);
  CHECK(phy_pss_search_init(NULL, &a) == OLIVE_EINVAL);
  phy_pss_search_free(NULL);
}

int main(void)
{
  test_centred_with_cfo();
  test_offset();
  test_args();
  return olive_test_done();
}
