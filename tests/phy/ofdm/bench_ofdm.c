/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator/demodulator throughput, with raw fftwf_execute of the same size (same
 * planning effort) as the yardstick the issue sets (modulation >= 90% of raw FFT).
 * ofdm_mod grid=tx is the gNB's path: a transmit grid (grid.h) carrying the modulator's
 * weights, transformed straight from its rows. grid=natural costs one scaling pass per
 * symbol more. ofdm_mod_ratio = fftw_raw_14 / ofdm_mod grid=tx, in percent (the issue's
 * yardstick: FFTW on its own hot arrays); ofdm_mod_ratio_same_memory uses
 * fftw_raw_14_into_slot instead (the same transforms between the same memory as the
 * modulator), i.e. what the modulator adds on top of FFTW itself. */
#include <complex.h>
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    {0, 25, 5.76e6},    /* 5 MHz at 15 kHz, N_fft 384: odd CP (27), every other symbol
                           8 bytes off a 16-byte boundary */
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

/* Median time of 14 raw fftwf_execute on the plan's own (hot) arrays, of the same 14
 * transforms from the grid rows into the symbols' places in the slot buffer (no CP: what
 * FFTW alone costs on the modulator's memory), and of one modulated slot (transmit grid),
 * the three measured in alternation so that the load of this shared machine drifts over
 * all alike. The raw plan is the same problem as the modulator's (out of place, aligned),
 * so FFTW's in-process wisdom gives it the modulator's algorithm. */
static void time_raw_vs_tx(phy_ofdm_t *q, phy_grid_t *tx, cf_t *buf, unsigned reps, double *raw_us,
                           double *slot_us, double *tx_us)
{
  static double tr[MAX_REPS], ts[MAX_REPS], tt[MAX_REPS];
  uint32_t n = q->fft_size;
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
    uint64_t t1 = olive_time_ns();
    for (int i = 0; i < 10; i++) {
      cf_t *o = buf;
      for (uint32_t l = 0; l < 14; l++) {
        fftwf_complex *row = (fftwf_complex *)phy_grid_symbol(tx, 0, l);
        cf_t *body = o + q->cp[l];
        if (fftwf_alignment_of((float *)body) == fftwf_alignment_of((float *)out)) {
          fftwf_execute_dft(p, row, (fftwf_complex *)body);
        } else {
          /* The plan may not write off its alignment (FFTW manual 4.6): into its own
           * array and copied, as the modulator does. */
          fftwf_execute_dft(p, row, out);
          memcpy(body, out, n * sizeof(cf_t));
        }
        o += phy_ofdm_symbol_len(q, l);
      }
    }
    uint64_t t2 = olive_time_ns();
    for (int i = 0; i < 10; i++) {
      phy_ofdm_mod_slot(q, tx, 0, 0, buf);
    }
    uint64_t t3 = olive_time_ns();
    tr[r] = (t1 - t0) / 10e3;
    ts[r] = (t2 - t1) / 10e3;
    tt[r] = (t3 - t2) / 10e3;
    olive_bench_keep(out);
    olive_bench_keep(buf);
  }
  fftwf_destroy_plan(p);
  fftwf_free(in);
  fftwf_free(out);
  *raw_us = olive_bench_median(tr, reps);
  *slot_us = olive_bench_median(ts, reps);
  *tx_us = olive_bench_median(tt, reps);
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
    phy_grid_t g, tx;
    phy_grid_args_t ga = {.max_ports = 1, .max_prb = cases[c].prb};
    if (phy_ofdm_mod_init(&mod, &a) < 0 || phy_ofdm_demod_init(&dem, &a) < 0 ||
        phy_grid_init(&g, &ga) < 0 ||
        phy_grid_init(&tx, &(phy_grid_args_t){.max_ports = 1,
                                              .max_prb = cases[c].prb,
                                              .fft_size = mod.fft_size}) < 0) {
      fprintf(stderr, "bench_ofdm: init failed\n");
      return EXIT_FAILURE;
    }
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < phy_grid_nof_sc(&g); k++) {
        *phy_grid_re(&g, 0, l, k) = (k & 1 ? 0.7f : -0.7f) + I * (l & 1 ? 0.7f : -0.7f);
      }
    }
    cf_t w[PHY_NSYMB_SLOT];
    phy_ofdm_slot_weights(&mod, 0, w);
    phy_grid_set_weights(&tx, w);
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < phy_grid_nof_sc(&g); k++) {
        *phy_grid_re(&tx, 0, l, k) = *phy_grid_re(&g, 0, l, k) * w[l];
      }
    }
    cf_t *buf = olive_mem_calloc(phy_ofdm_slot_len(&mod, 0), sizeof(cf_t));
    char keys[128];
    snprintf(keys, sizeof(keys), "fft=%u scs=%ukHz srate=%.2fMsps prb=%u", mod.fft_size,
             15u << cases[c].mu, cases[c].srate / 1e6, cases[c].prb);
    char kt[160], kn[160];
    snprintf(kt, sizeof(kt), "%s grid=tx", keys);
    snprintf(kn, sizeof(kn), "%s grid=natural", keys);
    olive_bench_report("ofdm_mod", kn, time_slot_us(&mod, &g, buf, reps, false), "us_per_slot");
    olive_bench_report("ofdm_demod", keys, time_slot_us(&dem, &g, buf, reps, true), "us_per_slot");
    if (b.smoke) {
      olive_bench_report("ofdm_mod", kt, time_slot_us(&mod, &tx, buf, reps, false), "us_per_slot");
    } else {
      double t_raw, t_slot, t_tx;
      time_raw_vs_tx(&mod, &tx, buf, reps, &t_raw, &t_slot, &t_tx);
      olive_bench_report("ofdm_mod", kt, t_tx, "us_per_slot");
      olive_bench_report("fftw_raw_14", keys, t_raw, "us_per_slot");
      olive_bench_report("fftw_raw_14_into_slot", keys, t_slot, "us_per_slot");
      olive_bench_report("ofdm_mod_ratio", keys, 100.0 * t_raw / t_tx, "percent");
      olive_bench_report("ofdm_mod_ratio_same_memory", keys, 100.0 * t_slot / t_tx, "percent");
    }
    olive_mem_free(buf);
    phy_grid_free(&g);
    phy_grid_free(&tx);
    phy_ofdm_free(&mod);
    phy_ofdm_free(&dem);
  }
  return EXIT_SUCCESS;
}
