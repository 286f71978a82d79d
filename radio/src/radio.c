/* SPDX-License-Identifier: Apache-2.0 */
/* Driver registry and the thin wrappers that check arguments before calling a driver. */
#include "olive/radio/radio.h"

#include <pthread.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "radio_internal.h"

#define MAX_DRIVERS 16

static const olive_radio_ops_t *drivers[MAX_DRIVERS];
static unsigned nof_drivers;
static char names[256];
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static int add_driver(const olive_radio_ops_t *ops)
{
  if (!ops || !ops->name || !ops->open)
    return OLIVE_EINVAL;
  int ret = OLIVE_OK;
  pthread_mutex_lock(&registry_lock);
  for (unsigned i = 0; i < nof_drivers; i++)
    if (strcmp(drivers[i]->name, ops->name) == 0)
      ret = OLIVE_EINVAL;
  if (ret == OLIVE_OK && nof_drivers == MAX_DRIVERS)
    ret = OLIVE_ENOSPC;
  if (ret == OLIVE_OK) {
    drivers[nof_drivers++] = ops;
    size_t len = strlen(names);
    if (len + strlen(ops->name) + 2 < sizeof(names)) {
      if (len)
        strcat(names, ",");
      strcat(names, ops->name);
    }
  }
  pthread_mutex_unlock(&registry_lock);
  return ret;
}

static void add_builtins(void)
{
#ifdef OLIVE_RADIO_HAVE_ZMQ
  add_driver(&olive_radio_zmq_ops);
#endif
#ifdef OLIVE_RADIO_HAVE_UHD
  add_driver(&olive_radio_uhd_ops);
#endif
  add_driver(&olive_radio_file_ops);
}

int olive_radio_register(const olive_radio_ops_t *ops)
{
  pthread_once(&builtins_once, add_builtins);
  return add_driver(ops);
}

const olive_radio_ops_t *olive_radio_find(const char *name)
{
  pthread_once(&builtins_once, add_builtins);
  const olive_radio_ops_t *found = NULL;
  pthread_mutex_lock(&registry_lock);
  for (unsigned i = 0; name && i < nof_drivers && !found; i++)
    if (strcmp(drivers[i]->name, name) == 0)
      found = drivers[i];
  pthread_mutex_unlock(&registry_lock);
  return found;
}

const char *olive_radio_driver_names(void)
{
  pthread_once(&builtins_once, add_builtins);
  return names;
}

int olive_radio_open(olive_radio_t *r, const char *driver, const char *device_args,
                     unsigned nof_channels)
{
  if (!r)
    return OLIVE_EINVAL;
  memset(r, 0, sizeof(*r));
  if (nof_channels < 1 || nof_channels > OLIVE_RADIO_MAX_CHANNELS)
    return OLIVE_EINVAL;
  const olive_radio_ops_t *ops = olive_radio_find(driver);
  if (!ops) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "radio: unknown driver '%s' (available: %s)",
               driver ? driver : "(null)", olive_radio_driver_names());
    return OLIVE_ENODEV;
  }
  void *state = NULL;
  int ret = ops->open(&state, device_args ? device_args : "", nof_channels);
  if (ret < 0)
    return ret;
  r->ops = ops;
  r->state = state;
  r->nof_channels = nof_channels;
  return OLIVE_OK;
}

void olive_radio_close(olive_radio_t *r)
{
  if (!r || !r->ops)
    return;
  if (r->ops->stop)
    r->ops->stop(r->state);
  if (r->ops->close)
    r->ops->close(r->state);
  memset(r, 0, sizeof(*r));
}

#define CALL(r, fn, ...)                                                                           \
  ((!(r) || !(r)->ops) ? OLIVE_ESTATE : !(r)->ops->fn ? OLIVE_ENOTSUP : (r)->ops->fn(__VA_ARGS__))

int olive_radio_set_srate(olive_radio_t *r, double srate_hz)
{
  if (!(srate_hz > 0))
    return OLIVE_EINVAL;
  return CALL(r, set_srate, r->state, srate_hz);
}

static bool bad_ch(const olive_radio_t *r, unsigned ch)
{
  return r && r->ops && ch >= r->nof_channels;
}

int olive_radio_set_rx_freq(olive_radio_t *r, unsigned ch, double freq_hz)
{
  return bad_ch(r, ch) ? OLIVE_EINVAL : CALL(r, set_rx_freq, r->state, ch, freq_hz);
}

int olive_radio_set_tx_freq(olive_radio_t *r, unsigned ch, double freq_hz)
{
  return bad_ch(r, ch) ? OLIVE_EINVAL : CALL(r, set_tx_freq, r->state, ch, freq_hz);
}

int olive_radio_set_rx_gain(olive_radio_t *r, unsigned ch, double gain_db)
{
  return bad_ch(r, ch) ? OLIVE_EINVAL : CALL(r, set_rx_gain, r->state, ch, gain_db);
}

int olive_radio_set_tx_gain(olive_radio_t *r, unsigned ch, double gain_db)
{
  return bad_ch(r, ch) ? OLIVE_EINVAL : CALL(r, set_tx_gain, r->state, ch, gain_db);
}

int olive_radio_start(olive_radio_t *r)
{
  return CALL(r, start, r->state);
}

int olive_radio_stop(olive_radio_t *r)
{
  return CALL(r, stop, r->state);
}

int olive_radio_rx(olive_radio_t *r, olive_radio_cf_t *const *bufs, uint32_t nsamples, uint64_t *ts)
{
  if (!bufs || !ts || nsamples == 0)
    return OLIVE_EINVAL;
  return CALL(r, rx, r->state, bufs, nsamples, ts);
}

int olive_radio_tx(olive_radio_t *r, const olive_radio_cf_t *const *bufs, uint32_t nsamples,
                   uint64_t ts, unsigned flags)
{
  if (!bufs || nsamples == 0)
    return OLIVE_EINVAL;
  return CALL(r, tx, r->state, bufs, nsamples, ts, flags);
}

void olive_radio_counters(const olive_radio_t *r, olive_radio_counters_t *out)
{
  if (!out)
    return;
  memset(out, 0, sizeof(*out));
  if (r && r->ops && r->ops->counters)
    r->ops->counters(r->state, out);
}
