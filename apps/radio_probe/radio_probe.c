/* SPDX-License-Identifier: Apache-2.0 */
/* olive-radio-probe: opens a radio through the radio interface, streams for a while and
 * prints the counters. Used to check a device or a ZMQ link by hand, and by the tests
 * for the no-device error path.
 *
 *   olive-radio-probe --driver uhd|zmq|file --args "k=v,..." [--duration s]
 *                     [--srate hz] [--freq hz] [--channels n]
 *
 * Exit status: 0 streamed, 1 the radio could not be opened or failed, 2 bad usage. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/radio/radio.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

typedef struct probe_args {
  const char *driver, *args;
  double duration_s, srate_hz, freq_hz;
  unsigned channels;
} probe_args_t;

static void usage(FILE *f)
{
  fprintf(f,
          "usage: olive-radio-probe --driver NAME --args \"k=v,...\" [--duration s] "
          "[--srate hz] [--freq hz] [--channels n]\ndrivers: %s\n",
          olive_radio_driver_names());
}

static int parse(int argc, char **argv, probe_args_t *a)
{
  static const struct option opts[] = {
      {"driver", required_argument, 0, 'd'},   {"args", required_argument, 0, 'a'},
      {"duration", required_argument, 0, 't'}, {"srate", required_argument, 0, 's'},
      {"freq", required_argument, 0, 'f'},     {"channels", required_argument, 0, 'c'},
      {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
  *a = (probe_args_t){
      .driver = NULL, .args = "", .duration_s = 1.0, .srate_hz = 1.92e6, .channels = 1};
  int c;
  while ((c = getopt_long(argc, argv, "d:a:t:s:f:c:h", opts, NULL)) != -1) {
    switch (c) {
    case 'd':
      a->driver = optarg;
      break;
    case 'a':
      a->args = optarg;
      break;
    case 't':
      a->duration_s = atof(optarg);
      break;
    case 's':
      a->srate_hz = atof(optarg);
      break;
    case 'f':
      a->freq_hz = atof(optarg);
      break;
    case 'c':
      a->channels = (unsigned)atoi(optarg);
      break;
    case 'h':
      usage(stdout);
      exit(0);
    default:
      return -1;
    }
  }
  if (!a->driver || optind != argc || a->duration_s < 0 || !(a->srate_hz > 0) || a->channels < 1 ||
      a->channels > OLIVE_RADIO_MAX_CHANNELS)
    return -1;
  return 0;
}

static int setup(olive_radio_t *r, const probe_args_t *a)
{
  int ret = olive_radio_set_srate(r, a->srate_hz);
  for (unsigned i = 0; ret >= 0 && a->freq_hz > 0 && i < a->channels; i++) {
    ret = olive_radio_set_rx_freq(r, i, a->freq_hz);
    if (ret >= 0)
      ret = olive_radio_set_tx_freq(r, i, a->freq_hz);
  }
  return ret < 0 ? ret : olive_radio_start(r);
}

/* Receives 1 ms blocks and transmits zeros 4 ms ahead, like a cell with nothing to say. */
static int stream(olive_radio_t *r, const probe_args_t *a)
{
  uint32_t n = (uint32_t)(a->srate_hz / 1000.0);
  olive_radio_cf_t *rx[OLIVE_RADIO_MAX_CHANNELS], *tx[OLIVE_RADIO_MAX_CHANNELS];
  int ret = OLIVE_OK;
  for (unsigned i = 0; i < a->channels; i++) {
    rx[i] = olive_mem_calloc(n, sizeof(olive_radio_cf_t));
    tx[i] = olive_mem_calloc(n, sizeof(olive_radio_cf_t));
  }
  uint64_t end = olive_time_ns() + (uint64_t)(a->duration_s * 1e9);
  while (olive_time_ns() < end) {
    uint64_t ts;
    ret = olive_radio_rx(r, rx, n, &ts);
    if (ret == OLIVE_ETIMEDOUT)
      continue;
    if (ret < 0)
      break;
    ret = olive_radio_tx(r, (const olive_radio_cf_t *const *)tx, n, ts + 4 * n, 0);
    if (ret < 0 && ret != OLIVE_ETIMEDOUT)
      break;
    ret = OLIVE_OK;
  }
  for (unsigned i = 0; i < a->channels; i++) {
    olive_mem_free(rx[i]);
    olive_mem_free(tx[i]);
  }
  return ret;
}

int main(int argc, char **argv)
{
  probe_args_t a;
  if (parse(argc, argv, &a) < 0) {
    usage(stderr);
    return 2;
  }
  olive_radio_t r;
  int ret = olive_radio_open(&r, a.driver, a.args, a.channels);
  if (ret < 0) {
    fprintf(stderr, "olive-radio-probe: cannot open radio driver '%s' with device_args '%s': %s\n",
            a.driver, a.args, olive_strerror(ret));
    return 1;
  }
  ret = setup(&r, &a);
  if (ret >= 0)
    ret = stream(&r, &a);
  olive_radio_counters_t c;
  olive_radio_counters(&r, &c);
  printf("rx_samples=%llu tx_samples=%llu overflows=%llu underflows=%llu late=%llu "
         "lost_samples=%llu timeouts=%llu seq_errors=%llu\n",
         (unsigned long long)c.rx_samples, (unsigned long long)c.tx_samples,
         (unsigned long long)c.overflows, (unsigned long long)c.underflows,
         (unsigned long long)c.late, (unsigned long long)c.lost_samples,
         (unsigned long long)c.timeouts, (unsigned long long)c.seq_errors);
  olive_radio_close(&r);
  if (ret < 0) {
    fprintf(stderr, "olive-radio-probe: radio '%s' (device_args '%s') failed: %s\n", a.driver,
            a.args, olive_strerror(ret));
    return 1;
  }
  return 0;
}
