/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy channel: time-domain IQ through olive/phy/channel.h (TR 38.901 TDL-A/B/C with
 * Jakes fading, CFO, bulk delay, AWGN). The output is aligned with the input: the
 * channel's filter latency is removed (the first tap of a TDL model and a zero --delay
 * leave the signal where it was), the tail past the input's length is dropped. With
 * --rx 2 the file holds RX 0's samples, then RX 1's (independent fading and noise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"
#include "olive/phy/channel.h"

#define CHUNK 65536u

typedef struct chan_opts {
  phy_channel_args_t args;
  phy_channel_cfg_t cfg;
} chan_opts_t;

static const char *const model_names[] = {"awgn", "tdla", "tdlb", "tdlc"};

static int parse(nrphy_args_t *a, chan_opts_t *o)
{
  unsigned model = 0, rx = 1, seed = 0;
  double ds = 0, fd = 0, srate = 1, snr = 0, p = 1, cfo = 0, delay = 0;
  int rc = nrphy_opt_enum(a, "channel", model_names, 4, 0, &model);
  rc = rc ? rc : nrphy_opt_double(a, "srate", 23.04e6, 1e3, 1e9, &srate);
  rc = rc ? rc : nrphy_opt_double(a, "ds-ns", 100.0, 0.0, 1000.0, &ds);
  rc = rc ? rc : nrphy_opt_double(a, "doppler-hz", 0.0, 0.0, 2000.0, &fd);
  rc = rc ? rc : nrphy_opt_double(a, "cfo-hz", 0.0, -1e6, 1e6, &cfo);
  rc = rc ? rc : nrphy_opt_double(a, "delay", 0.0, 0.0, 10000.0, &delay);
  rc = rc ? rc : nrphy_opt_uint(a, "rx", 1, 1, PHY_CHANNEL_MAX_RX, &rx);
  rc = rc ? rc : nrphy_opt_uint(a, "seed", 1, 0, 0xffffffffu, &seed);
  rc = rc ? rc : nrphy_opt_double(a, "signal-power", 1.0, 1e-12, 1e12, &p);
  const char *snr_s = nrphy_opt_str(a, "snr", NULL);
  rc = rc ? rc : nrphy_opt_double(a, "snr", 0.0, -50.0, 100.0, &snr);
  if (rc == 0 && (fd >= srate / 2 || cfo <= -srate / 2 || cfo >= srate / 2)) {
    rc = nrphy_usage_error(a, "--doppler-hz and --cfo-hz must stay below --srate / 2");
  }
  o->args = (phy_channel_args_t){.max_samples = CHUNK,
                                 .nof_rx = rx,
                                 .model = (phy_channel_model_t)model,
                                 .srate_hz = srate,
                                 .delay_spread_ns = (float)ds,
                                 .doppler_hz = (float)fd,
                                 .max_delay = (float)delay,
                                 .seed = seed};
  o->cfg = (phy_channel_cfg_t){.awgn = snr_s != NULL,
                               .snr_db = (float)snr,
                               .signal_power = (float)p,
                               .cfo_hz = cfo,
                               .delay_samples = (float)delay};
  return rc ? rc : nrphy_args_finish(a, true);
}

/* Runs n input samples (then zeros to flush the latency) through q into out[r][0..n-1]. */
static int run(phy_channel_t *q, const cf_t *in, size_t n, cf_t *const out[2], cf_t *tmp[2])
{
  uint32_t lat = phy_channel_latency(q);
  size_t total = n + lat, pos = 0;
  static const cf_t zeros[CHUNK];
  while (pos < total) {
    uint32_t m = (uint32_t)(total - pos < CHUNK ? total - pos : CHUNK);
    const cf_t *src = pos < n ? in + pos : zeros;
    if (pos < n && pos + m > n) {
      m = (uint32_t)(n - pos); /* the input part alone, zeros next round */
    }
    if (phy_channel_run(q, src, m, tmp) != 0) {
      return NRPHY_EXIT_FAIL;
    }
    for (uint32_t r = 0; r < q->args.nof_rx; r++) {
      for (uint32_t i = 0; i < m; i++) {
        if (pos + i >= lat && pos + i - lat < n) {
          out[r][pos + i - lat] = tmp[r][i];
        }
      }
    }
    pos += m;
  }
  return 0;
}

int nrphy_channel(nrphy_args_t *a)
{
  chan_opts_t o;
  int rc = parse(a, &o);
  if (rc != 0) {
    return rc;
  }
  phy_channel_t q = {0};
  size_t len = 0;
  cf_t *in = NULL, *out = NULL, *tmp[2] = {NULL, NULL};
  if (phy_channel_init(&q, &o.args) != 0 || phy_channel_set_cfg(&q, &o.cfg) != 0) {
    fprintf(stderr, "nrphy channel: the channel model rejected the options\n");
    phy_channel_free(&q);
    return NRPHY_EXIT_FAIL;
  }
  in = (cf_t *)nrphy_read_multiple(a->in, sizeof(cf_t), "complex float32 samples", &len);
  size_t n = len / sizeof(cf_t), nrx = o.args.nof_rx;
  out = in != NULL ? calloc(n * nrx, sizeof(cf_t)) : NULL;
  tmp[0] = malloc(CHUNK * sizeof(cf_t));
  tmp[1] = malloc(CHUNK * sizeof(cf_t));
  rc = NRPHY_EXIT_FAIL;
  if (out != NULL && tmp[0] != NULL && tmp[1] != NULL) {
    cf_t *const dst[2] = {out, out + n};
    rc = run(&q, in, n, dst, tmp);
  }
  if (rc == 0) {
    rc = nrphy_write(a->out, out, n * nrx * sizeof(cf_t));
  }
  phy_channel_free(&q);
  free(in), free(out), free(tmp[0]), free(tmp[1]);
  return rc;
}
