/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator/demodulator throughput, with raw fftwf_execute of the same size (same
 * planning effort) as the yardstick the issue sets (modulation >= 90% of raw FFT). */
#include <complex.h>
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>

#include "olive/phy/ofdm.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define MAX_REPS 1000

static const struct {
  uint32_t mu, prb;
  double srate;
} cases[] = {
    {0, 106, 23.04e6},  /* 20 MHz at 15 kHz, N_fft 1536 */
    {1, 51, 23.04e6},   /* 20 MHz at 30 kHz, N_fft 768 */
    {1, 273, 122.88e6}, /* 100 MHz at 30 kHz, N_fft 4096 */
};

static double time_slot_us(phy_ofdm_t *q, phy_grid_t *g, cf_t *buf, unsigned reps, bool rx)
{
  static double t[MAX_REPS];
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (int i = 0; i < 10; i++) {
      if (rx) {
        phy_ofdm_demod_slot(q, buf, 0, 0, g, 0);
      } else {
        phy_ofdm_mod_slot(q, g, 0, 0, buf);
      }
    }
    t[r] = (olive_time_ns() - t0) / 10e3;
    olive_bench_keep(buf);
  }
  return olive_bench_median(t, reps);
}

static double time_raw_us(uint32_t n, unsigned reps)
{
  static double t[MAX_REPS];
  fftwf_complex *in = fftwf_alloc_complex(n), *out = fftwf_alloc_complex(n);
  fftwf_plan p = fftwf_plan_dft_1d((int)n, in, out, FFTW_BACKWARD, FFTW_MEASURE);
  for (uint32_t i = 0; i < n; i++) {
    ((cf_t *)in)[i] = ((float)(i % 7) - 3.0f) + I * ((float)(i % 5) - 2.0f);
  }
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (int i = 0; i < 10 * 14; i++) {
      fftwf_execute(p);
    }
    t[r] = (olive_time_ns() - t0) / 10e3;
    olive_bench_keep(out);
  }
  fftwf_destroy_plan(p);
  fftwf_free(in);
  fftwf_free(out);
  return olive_bench_median(t, reps);
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 200);
  unsigned reps = b.smoke ? 1 : (b.reps > MAX_REPS ? MAX_REPS : b.reps);
  for (unsigned c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
    if (b.smoke && c > 0) {
      break;
    }
    phy_ofdm_args_t a = {
        .carrier = {.mu = cases[c].mu, .nof_prb = cases[c].prb, .srate_hz = cases[c].srate},
        .phase_comp = true,
        .center_hz = 3.5e9,
        .plan = b.smoke ? PHY_OFDM_PLAN_ESTIMATE : PHY_OFDM_PLAN_MEASURE};
    phy_ofdm_t mod, dem;
    phy_grid_t g;
    phy_grid_args_t ga = {.max_ports = 1, .max_prb = cases[c].prb};
    if (phy_ofdm_mod_init(&mod, &a) < 0 || phy_ofdm_demod_init(&dem, &a) < 0 ||
        phy_grid_init(&g, &ga) < 0) {
      fprintf(stderr, "bench_ofdm: init failed\n");
      return EXIT_FAILURE;
    }
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < phy_grid_nof_sc(&g); k++) {
        *phy_grid_re(&g, 0, l, k) = (k & 1 ? 0.7f : -0.7f) + I * (l & 1 ? 0.7f : -0.7f);
      }
    }
    cf_t *buf = olive_mem_calloc(phy_ofdm_slot_len(&mod, 0), sizeof(cf_t));
    char keys[128];
    snprintf(keys, sizeof(keys), "fft=%u scs=%ukHz srate=%.2fMsps prb=%u", mod.fft_size,
             15u << cases[c].mu, cases[c].srate / 1e6, cases[c].prb);
    olive_bench_report("ofdm_mod", keys, time_slot_us(&mod, &g, buf, reps, false), "us_per_slot");
    olive_bench_report("ofdm_demod", keys, time_slot_us(&dem, &g, buf, reps, true), "us_per_slot");
    if (!b.smoke) {
      olive_bench_report("fftw_raw_14", keys, time_raw_us(mod.fft_size, reps), "us_per_slot");
    }
    olive_mem_free(buf);
    phy_grid_free(&g);
    phy_ofdm_free(&mod);
    phy_ofdm_free(&dem);
  }
  return EXIT_SUCCESS;
}
