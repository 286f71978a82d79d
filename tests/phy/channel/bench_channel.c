/* SPDX-License-Identifier: Apache-2.0 */
/* phy/channel throughput: input samples per second through AWGN alone and through TDL
 * models with Doppler, 1 and 2 RX, at 23.04 Msps (20 MHz at 15 kHz, N_fft 1536): how much
 * faster than real time a link simulation's channel runs. */
#include <complex.h>
#include <stdio.h>

#include "olive/phy/channel.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define MAX_REPS 100
#define NSAMP    23040u /* one 1 ms subframe */

static const struct {
  phy_channel_model_t model;
  float ds_ns;
  uint32_t nof_rx;
} cases[] = {
    {PHY_CHANNEL_NONE, 0.0f, 1},   {PHY_CHANNEL_TDLA, 30.0f, 1},  {PHY_CHANNEL_TDLA, 100.0f, 2},
    {PHY_CHANNEL_TDLB, 100.0f, 2}, {PHY_CHANNEL_TDLC, 300.0f, 2},
};

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 20);
  unsigned reps = b.smoke ? 1 : (b.reps > MAX_REPS ? MAX_REPS : b.reps);
  cf_t *x = olive_mem_calloc(NSAMP, sizeof(cf_t)), *y0 = olive_mem_calloc(NSAMP, sizeof(cf_t)),
       *y1 = olive_mem_calloc(NSAMP, sizeof(cf_t));
  for (uint32_t i = 0; i < NSAMP; i++) {
    x[i] = (float)(i % 7) - 3.0f + I * ((float)(i % 5) - 2.0f);
  }
  cf_t *out[2] = {y0, y1};
  int rc = 0;
  for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
    phy_channel_t ch;
    phy_channel_args_t a = {.max_samples = NSAMP,
                            .nof_rx = cases[c].nof_rx,
                            .model = cases[c].model,
                            .srate_hz = 23.04e6,
                            .delay_spread_ns = cases[c].ds_ns,
                            .doppler_hz = 100.0f,
                            .seed = 1};
    phy_channel_cfg_t cfg = {.awgn = true, .snr_db = 10.0f};
    if (phy_channel_init(&ch, &a) != 0 || phy_channel_set_cfg(&ch, &cfg) != 0) {
      rc = 1;
      break;
    }
    static double t[MAX_REPS];
    for (unsigned r = 0; r < reps; r++) {
      uint64_t t0 = olive_time_ns();
      phy_channel_run(&ch, x, NSAMP, out);
      t[r] = (double)(olive_time_ns() - t0);
      olive_bench_keep(y0);
    }
    double ns = olive_bench_median(t, reps);
    char keys[128];
    snprintf(keys, sizeof(keys), "model=%s ds_ns=%.0f fd_hz=100 rx=%u srate=23.04e6 us_per_ms=%.0f",
             phy_channel_model_name(cases[c].model), cases[c].ds_ns, cases[c].nof_rx, ns / 1e3);
    olive_bench_report("channel", keys, NSAMP / (ns / 1e3), "Msps");
    phy_channel_free(&ch);
  }
  olive_mem_free(x), olive_mem_free(y0), olive_mem_free(y1);
  return rc;
}
