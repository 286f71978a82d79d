/* SPDX-License-Identifier: Apache-2.0 */
/* UHD streaming: time alignment, continuous RX with overflow recovery, timed TX bursts,
 * and a thread that drains the TX async messages (underflow, late, sequence error). */
#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/time.h"
#include "uhd_internal.h"

/* Device time <-> sample count at the configured rate. */
static uint64_t to_samples(const uhd_radio_t *q, int64_t full, double frac)
{
  return (uint64_t)full * (uint64_t)llround(q->srate) + (uint64_t)llround(frac * q->srate);
}

static void to_time(const uhd_radio_t *q, uint64_t ts, int64_t *full, double *frac)
{
  uint64_t rate = (uint64_t)llround(q->srate);
  *full = (int64_t)(ts / rate);
  *frac = (double)(ts % rate) / q->srate;
}

static void count_async(uhd_radio_t *q, uhd_async_metadata_event_code_t code)
{
  switch (code) {
  case UHD_ASYNC_METADATA_EVENT_CODE_UNDERFLOW:
  case UHD_ASYNC_METADATA_EVENT_CODE_UNDERFLOW_IN_PACKET:
    RADIO_COUNT(&q->cnt, underflows, 1);
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_WARN, "uhd: TX underflow (counted from now on)");
    break;
  case UHD_ASYNC_METADATA_EVENT_CODE_SEQ_ERROR:
  case UHD_ASYNC_METADATA_EVENT_CODE_SEQ_ERROR_IN_BURST:
    RADIO_COUNT(&q->cnt, seq_errors, 1);
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_WARN, "uhd: TX sequence error (counted from now on)");
    break;
  case UHD_ASYNC_METADATA_EVENT_CODE_TIME_ERROR:
    RADIO_COUNT(&q->cnt, late, 1);
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_WARN, "uhd: TX burst late (counted from now on)");
    break;
  default:
    break;
  }
}

static void *async_thread(void *arg)
{
  uhd_radio_t *q = arg;
  while (atomic_load(&q->running)) {
    bool valid = false;
    if (uhd_tx_streamer_recv_async_msg(q->tx, &q->async_md, 0.1, &valid) != UHD_ERROR_NONE)
      break;
    uhd_async_metadata_event_code_t code;
    if (valid && uhd_async_metadata_event_code(q->async_md, &code) == UHD_ERROR_NONE)
      count_async(q, code);
  }
  return NULL;
}

/* Sets device time 0 at the next PPS edge (external/gpsdo) or now, then starts RX at
 * device time 0.2 s so every channel starts on the same sample. */
static int align_and_stream(uhd_radio_t *q)
{
  char e[256];
  uhd_error err = q->o.sync_pps ? uhd_usrp_set_time_next_pps(q->usrp, 0, 0.0, 0)
                                : uhd_usrp_set_time_now(q->usrp, 0, 0.0, 0);
  if (err != UHD_ERROR_NONE) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: time alignment failed: %s", uhd_last_error(e, sizeof(e)));
    return OLIVE_EIO;
  }
  if (q->o.sync_pps)
    olive_sleep_ns(1100000000ull); /* the time is latched on the PPS edge: wait past it */
  uhd_stream_cmd_t cmd = {.stream_mode = UHD_STREAM_MODE_START_CONTINUOUS,
                          .stream_now = q->nof_channels == 1,
                          .time_spec_full_secs = 0,
                          .time_spec_frac_secs = 0.2};
  if (uhd_rx_streamer_issue_stream_cmd(q->rx, &cmd) != UHD_ERROR_NONE) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: start streaming failed: %s", uhd_last_error(e, sizeof(e)));
    return OLIVE_EIO;
  }
  return OLIVE_OK;
}

int uhd_stream_start(uhd_radio_t *q)
{
  if (q->streaming)
    return OLIVE_OK;
  if (!(q->srate > 0))
    return OLIVE_ESTATE;
  int ret = align_and_stream(q);
  if (ret < 0)
    return ret;
  q->streaming = true;
  q->rx_next = UINT64_MAX; /* taken from the first packet */
  q->in_burst = false;
  atomic_store(&q->running, true);
  q->async_started = pthread_create(&q->async_thread, NULL, async_thread, q) == 0;
  return OLIVE_OK;
}

int uhd_stream_stop(uhd_radio_t *q)
{
  if (!q->streaming)
    return OLIVE_OK;
  uhd_stream_cmd_t cmd = {.stream_mode = UHD_STREAM_MODE_STOP_CONTINUOUS, .stream_now = true};
  uhd_rx_streamer_issue_stream_cmd(q->rx, &cmd);
  if (q->in_burst) { /* close the open burst so the device does not report underflow */
    const void *bufs[OLIVE_RADIO_MAX_CHANNELS] = {0};
    static const olive_radio_cf_t zero[OLIVE_RADIO_MAX_CHANNELS];
    size_t sent = 0;
    for (unsigned i = 0; i < q->nof_channels; i++)
      bufs[i] = &zero[i];
    uhd_tx_streamer_send(q->tx, bufs, 0, &q->md_eob, 0.1, &sent);
  }
  atomic_store(&q->running, false);
  if (q->async_started)
    pthread_join(q->async_thread, NULL);
  q->async_started = false;
  q->streaming = false;
  return OLIVE_OK;
}

/* Handles one recv() error code. Overflow: UHD keeps streaming and the next packet's
 * time shows how much was lost. Anything else: restart the stream. */
static int rx_error(uhd_radio_t *q, uhd_rx_metadata_error_code_t code)
{
  switch (code) {
  case UHD_RX_METADATA_ERROR_CODE_NONE:
    return OLIVE_OK;
  case UHD_RX_METADATA_ERROR_CODE_TIMEOUT:
    RADIO_COUNT(&q->cnt, timeouts, 1);
    return OLIVE_ETIMEDOUT;
  case UHD_RX_METADATA_ERROR_CODE_OVERFLOW:
    RADIO_COUNT(&q->cnt, overflows, 1);
    return OLIVE_OK;
  default: {
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_WARN, "uhd: RX error 0x%x, restarting the stream",
              (unsigned)code);
    uhd_stream_cmd_t cmd = {.stream_mode = UHD_STREAM_MODE_START_CONTINUOUS, .stream_now = true};
    uhd_rx_streamer_issue_stream_cmd(q->rx, &cmd);
    RADIO_COUNT(&q->cnt, overflows, 1);
    return OLIVE_EAGAIN;
  }
  }
}

static void rx_convert(uhd_radio_t *q, olive_radio_cf_t *const *bufs, uint32_t at, size_t n)
{
  for (unsigned i = 0; q->o.cpu_sc16 && i < q->nof_channels; i++)
    radio_sc16_to_cf32(q->scratch[i], bufs[i] + at, n);
}

/* Receives one packet's worth into bufs at offset `got`; returns the samples received
 * and the time of the first one in *t. */
static int rx_some(uhd_radio_t *q, olive_radio_cf_t *const *bufs, uint32_t got, uint32_t n,
                   uint64_t *t)
{
  void *p[OLIVE_RADIO_MAX_CHANNELS];
  size_t want = n - got, items = 0;
  if (q->o.cpu_sc16 && want > UHD_RADIO_CHUNK)
    want = UHD_RADIO_CHUNK;
  for (unsigned i = 0; i < q->nof_channels; i++)
    p[i] = q->o.cpu_sc16 ? (void *)q->scratch[i] : (void *)(bufs[i] + got);
  if (uhd_rx_streamer_recv(q->rx, p, want, &q->rx_md, 0.5, false, &items) != UHD_ERROR_NONE)
    return OLIVE_EIO;
  uhd_rx_metadata_error_code_t code;
  uhd_rx_metadata_error_code(q->rx_md, &code);
  int ret = rx_error(q, code);
  if (ret < 0)
    return ret;
  int64_t full = 0;
  double frac = 0;
  uhd_rx_metadata_time_spec(q->rx_md, &full, &frac);
  *t = to_samples(q, full, frac);
  rx_convert(q, bufs, got, items);
  return (int)items;
}

int uhd_stream_rx(void *state, olive_radio_cf_t *const *bufs, uint32_t n, uint64_t *ts)
{
  uhd_radio_t *q = state;
  if (!q->streaming)
    return OLIVE_ESTATE;
  uint32_t got = 0;
  uint64_t start = 0;
  while (got < n) {
    uint64_t t = 0;
    int k = rx_some(q, bufs, got, n, &t);
    if (k == OLIVE_EAGAIN)
      continue;
    if (k < 0)
      return k;
    if (k == 0)
      continue;
    if (q->rx_next != UINT64_MAX && t != q->rx_next) {
      /* A gap (overflow): restart this buffer at the new time. */
      RADIO_COUNT(&q->cnt, lost_samples, t > q->rx_next ? t - q->rx_next : 0);
      if (got) {
        for (unsigned i = 0; i < q->nof_channels; i++)
          memmove(bufs[i], bufs[i] + got, (size_t)k * sizeof(olive_radio_cf_t));
        got = 0;
      }
    }
    if (got == 0)
      start = t;
    got += (uint32_t)k;
    q->rx_next = t + (uint64_t)k;
  }
  *ts = start;
  RADIO_COUNT(&q->cnt, rx_samples, n);
  return (int)n;
}

/* A burst starts (SOB + time spec) when asked, or when ts is not right after the
 * previous samples; otherwise the samples continue the burst untimed. */
static int tx_send(uhd_radio_t *q, const void **p, size_t n, uint64_t ts, bool sob, bool eob)
{
  uhd_tx_metadata_handle md = eob ? q->md_eob : q->md_cont, timed = NULL;
  if (sob) {
    int64_t full;
    double frac;
    to_time(q, ts, &full, &frac);
    if (uhd_tx_metadata_make(&timed, true, full, frac, true, eob) != UHD_ERROR_NONE)
      return OLIVE_EIO;
    md = timed;
  }
  size_t sent = 0;
  uhd_error e = uhd_tx_streamer_send(q->tx, p, n, &md, 0.5, &sent);
  if (timed)
    uhd_tx_metadata_free(&timed);
  if (e != UHD_ERROR_NONE)
    return OLIVE_EIO;
  if (sent < n) {
    RADIO_COUNT(&q->cnt, lost_samples, n - sent);
    RADIO_COUNT(&q->cnt, timeouts, 1);
    return OLIVE_ETIMEDOUT;
  }
  return OLIVE_OK;
}

int uhd_stream_tx(void *state, const olive_radio_cf_t *const *bufs, uint32_t n, uint64_t ts,
                  unsigned flags)
{
  uhd_radio_t *q = state;
  if (!q->streaming)
    return OLIVE_ESTATE;
  bool sob = (flags & OLIVE_RADIO_TX_START_OF_BURST) || !q->in_burst || ts != q->tx_next;
  uint32_t done = 0;
  while (done < n) {
    uint32_t len = n - done;
    const void *p[OLIVE_RADIO_MAX_CHANNELS];
    if (q->o.cpu_sc16 && len > UHD_RADIO_CHUNK)
      len = UHD_RADIO_CHUNK;
    for (unsigned i = 0; i < q->nof_channels; i++) {
      if (q->o.cpu_sc16)
        radio_cf32_to_sc16(bufs[i] + done, q->scratch[i], len);
      p[i] = q->o.cpu_sc16 ? (const void *)q->scratch[i] : (const void *)(bufs[i] + done);
    }
    bool eob = (flags & OLIVE_RADIO_TX_END_OF_BURST) && done + len == n;
    int ret = tx_send(q, p, len, ts + done, sob && done == 0, eob);
    if (ret < 0)
      return ret;
    done += len;
  }
  q->in_burst = !(flags & OLIVE_RADIO_TX_END_OF_BURST);
  q->tx_next = ts + n;
  RADIO_COUNT(&q->cnt, tx_samples, n);
  return (int)n;
}
