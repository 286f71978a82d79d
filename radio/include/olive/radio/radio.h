/* SPDX-License-Identifier: Apache-2.0 */
/* Radio interface: one ops table per driver (ZeroMQ, UHD, SigMF file, test fakes) behind
 * one handle. The gNB and the UE emulator talk to this; the PHY does not link it.
 *
 * Time is counted in samples at the configured sample rate: rx() reports the timestamp
 * of the first returned sample and tx() takes the timestamp of the first sample to send.
 * Samples are interleaved complex float32 (olive_radio_cf_t), one buffer per channel.
 *
 * Thread rules: open/set/start/stop/close from one control thread; rx() from one thread
 * and tx() from one thread (they may differ); counters() from any thread. */
#ifndef OLIVE_RADIO_RADIO_H
#define OLIVE_RADIO_RADIO_H

#include <complex.h>
#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef float complex olive_radio_cf_t;

#define OLIVE_RADIO_MAX_CHANNELS 4

/* tx() flags */
#define OLIVE_RADIO_TX_START_OF_BURST 0x1u
#define OLIVE_RADIO_TX_END_OF_BURST   0x2u

typedef struct olive_radio_counters {
  uint64_t rx_samples;   /* samples returned by rx() */
  uint64_t tx_samples;   /* samples handed to the device or the wire by tx() */
  uint64_t overflows;    /* RX overflow events (device or ring) */
  uint64_t underflows;   /* TX underflow events reported by the device */
  uint64_t late;         /* tx() calls (or device bursts) whose time had already passed */
  uint64_t lost_samples; /* samples dropped: late TX, RX overflow, oversized messages */
  uint64_t timeouts;     /* waits for a peer or device that ran out (trx_timeout_ms) */
  uint64_t seq_errors;   /* TX sequence errors reported by the device */
} olive_radio_counters_t;

/* A driver. Every function receives the driver state returned by open(). Functions the
 * driver does not support may be NULL (the wrappers then return OLIVE_ENOTSUP). */
typedef struct olive_radio_ops {
  const char *name; /* "zmq", "uhd", "file", ... */
  /* Parses device_args, opens the device for nof_channels channels; *state on success.
   * Errors: OLIVE_ECONFIG (bad args), OLIVE_ENODEV, OLIVE_EIO, OLIVE_ENOMEM. */
  int (*open)(void **state, const char *device_args, unsigned nof_channels);
  void (*close)(void *state);
  int (*set_srate)(void *state, double srate_hz);
  int (*set_rx_freq)(void *state, unsigned ch, double freq_hz);
  int (*set_tx_freq)(void *state, unsigned ch, double freq_hz);
  int (*set_rx_gain)(void *state, unsigned ch, double gain_db);
  int (*set_tx_gain)(void *state, unsigned ch, double gain_db);
  int (*start)(void *state);
  int (*stop)(void *state);
  int (*rx)(void *state, olive_radio_cf_t *const *bufs, uint32_t nsamples, uint64_t *ts);
  int (*tx)(void *state, const olive_radio_cf_t *const *bufs, uint32_t nsamples, uint64_t ts,
            unsigned flags);
  void (*counters)(void *state, olive_radio_counters_t *out);
} olive_radio_ops_t;

typedef struct olive_radio {
  const olive_radio_ops_t *ops;
  void *state;
  unsigned nof_channels;
} olive_radio_t;

/* Registry. The built-in drivers ("zmq" when built with ZeroMQ, "uhd" when built with
 * UHD, "file") are always present. register() adds a driver (tests add fakes); it
 * keeps the pointer. 0, OLIVE_ENOSPC (table full) or OLIVE_EINVAL (name taken). */
OLIVE_API int olive_radio_register(const olive_radio_ops_t *ops);
/* NULL when no driver has that name. */
OLIVE_API const olive_radio_ops_t *olive_radio_find(const char *name);
/* Comma-separated list of the registered driver names, for help texts. */
OLIVE_API const char *olive_radio_driver_names(void);

/* Opens driver `driver` with device_args ("key=value,key=value"; NULL or "" = none) for
 * nof_channels (1..OLIVE_RADIO_MAX_CHANNELS). On failure the driver has logged why
 * (naming the args) and r is left closed. */
OLIVE_API int olive_radio_open(olive_radio_t *r, const char *driver, const char *device_args,
                               unsigned nof_channels);
/* NULL-safe and idempotent. Stops the radio first when it is running. */
OLIVE_API void olive_radio_close(olive_radio_t *r);

OLIVE_API int olive_radio_set_srate(olive_radio_t *r, double srate_hz);
OLIVE_API int olive_radio_set_rx_freq(olive_radio_t *r, unsigned ch, double freq_hz);
OLIVE_API int olive_radio_set_tx_freq(olive_radio_t *r, unsigned ch, double freq_hz);
OLIVE_API int olive_radio_set_rx_gain(olive_radio_t *r, unsigned ch, double gain_db);
OLIVE_API int olive_radio_set_tx_gain(olive_radio_t *r, unsigned ch, double gain_db);
OLIVE_API int olive_radio_start(olive_radio_t *r);
OLIVE_API int olive_radio_stop(olive_radio_t *r);

/* Receives exactly nsamples per channel into bufs[0..nof_channels-1]; *ts is the time of
 * bufs[*][0] in samples. Returns nsamples, OLIVE_ETIMEDOUT (nothing consumed; call again
 * to resume), OLIVE_ESTATE (not started / stopped) or another negative error. */
OLIVE_API int olive_radio_rx(olive_radio_t *r, olive_radio_cf_t *const *bufs, uint32_t nsamples,
                             uint64_t *ts);

/* Sends nsamples per channel so that bufs[*][0] goes on air at sample time ts. A gap
 * since the previous transmission is filled with zeros (or the device is idle between
 * bursts). Samples whose time has passed are dropped and counted as late. Returns
 * nsamples, OLIVE_ETIMEDOUT, OLIVE_ESTATE or another negative error. */
OLIVE_API int olive_radio_tx(olive_radio_t *r, const olive_radio_cf_t *const *bufs,
                             uint32_t nsamples, uint64_t ts, unsigned flags);

/* Snapshot of the counters (zeros for a closed radio). */
OLIVE_API void olive_radio_counters(const olive_radio_t *r, olive_radio_counters_t *out);

#endif
