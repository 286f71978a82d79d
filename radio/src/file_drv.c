/* SPDX-License-Identifier: Apache-2.0 */
/* SigMF file driver: tx() records to <tx_file>.sigmf-data (cf32_le) with a
 * <tx_file>.sigmf-meta written on stop/close; rx() replays <rx_file>.sigmf-data after
 * checking its .sigmf-meta. Time is the sample index in the file. device_args:
 *   rx_file=PATH, tx_file=PATH (with or without the .sigmf-data/.sigmf-meta suffix),
 *   loop=true (replay from the start at the end), realtime=true (rx() paced at the
 *   sample rate), author=..., description=...
 * One channel. File I/O blocks: this driver is for offline runs and captures. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/radio/devargs.h"
#include "olive/radio/sigmf.h"
#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "radio_internal.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the file driver writes cf32_le by copying memory: little-endian hosts only"
#endif

#define FILE_PATH_LEN 512
#define FILE_ZEROS    4096u

typedef struct file_radio {
  FILE *rx, *tx;
  char rx_base[FILE_PATH_LEN], tx_base[FILE_PATH_LEN];
  bool loop, realtime, running, meta_dirty;
  olive_sigmf_meta_t rx_meta, tx_meta;
  double srate;
  uint64_t rx_ts, tx_written, t0_ns;
  radio_counters_atomic_t cnt;
} file_radio_t;

static const olive_radio_cf_t file_zeros[FILE_ZEROS];

static void base_path(const char *v, char *out, size_t len)
{
  snprintf(out, len, "%s", v);
  size_t l = strlen(out);
  static const char *const sfx[] = {".sigmf-data", ".sigmf-meta"};
  for (int i = 0; i < 2; i++)
    if (l > strlen(sfx[i]) && strcmp(out + l - strlen(sfx[i]), sfx[i]) == 0)
      out[l - strlen(sfx[i])] = '\0';
}

static FILE *open_part(const char *base, const char *sfx, const char *mode)
{
  char path[FILE_PATH_LEN + 16];
  snprintf(path, sizeof(path), "%s%s", base, sfx);
  FILE *f = fopen(path, mode);
  if (!f)
    OLOG_ERROR(OLIVE_LOG_RADIO, "file: cannot open %s", path);
  return f;
}

static int read_meta(file_radio_t *q)
{
  FILE *f = open_part(q->rx_base, ".sigmf-meta", "rb");
  if (!f)
    return OLIVE_EIO;
  char *text = olive_mem_alloc(OLIVE_SIGMF_MAX_META + 1);
  size_t n = text ? fread(text, 1, OLIVE_SIGMF_MAX_META + 1, f) : 0;
  fclose(f);
  char err[160];
  int ret = text ? olive_sigmf_meta_parse(text, n, &q->rx_meta, err, sizeof(err)) : OLIVE_ENOMEM;
  olive_mem_free(text);
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "file: %s.sigmf-meta rejected: %s", q->rx_base, err);
    return ret;
  }
  if (strcmp(q->rx_meta.datatype, "cf32_le") != 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "file: %s.sigmf-meta: core:datatype '%s' not supported (cf32_le)",
               q->rx_base, q->rx_meta.datatype);
    return OLIVE_ENOTSUP;
  }
  return OLIVE_OK;
}

static int parse_args(file_radio_t *q, olive_devargs_t *a)
{
  const char *rx = olive_devargs_get(a, "rx_file"), *tx = olive_devargs_get(a, "tx_file");
  const char *au = olive_devargs_get(a, "author"), *de = olive_devargs_get(a, "description");
  int ret = olive_devargs_get_bool(a, "loop", false, &q->loop);
  if (!ret)
    ret = olive_devargs_get_bool(a, "realtime", false, &q->realtime);
  const char *unused = olive_devargs_unused(a);
  if (!ret && unused) {
    snprintf(a->err, sizeof(a->err), "unknown key '%s'", unused);
    ret = OLIVE_ECONFIG;
  }
  if (!ret && !rx && !tx) {
    snprintf(a->err, sizeof(a->err), "neither rx_file nor tx_file given");
    ret = OLIVE_ECONFIG;
  }
  if (rx)
    base_path(rx, q->rx_base, sizeof(q->rx_base));
  if (tx)
    base_path(tx, q->tx_base, sizeof(q->tx_base));
  snprintf(q->tx_meta.author, sizeof(q->tx_meta.author), "%s", au ? au : "");
  snprintf(q->tx_meta.description, sizeof(q->tx_meta.description), "%s",
           de ? de : "olive gNB transmit samples");
  return ret;
}

static void file_close_drv(void *state);

static int file_open_drv(void **state, const char *args, unsigned nch)
{
  file_radio_t *q = olive_mem_alloc(sizeof(*q));
  olive_devargs_t a;
  if (!q)
    return OLIVE_ENOMEM;
  int ret = nch == 1 ? olive_devargs_parse(&a, args) : OLIVE_ENOTSUP;
  if (ret == OLIVE_OK)
    ret = parse_args(q, &a);
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "file: device_args '%s': %s", args,
               nch == 1 ? a.err : "one channel only");
    olive_mem_free(q);
    return ret;
  }
  if (q->rx_base[0]) {
    ret = read_meta(q);
    if (ret == OLIVE_OK && !(q->rx = open_part(q->rx_base, ".sigmf-data", "rb")))
      ret = OLIVE_EIO;
  }
  if (ret == OLIVE_OK && q->tx_base[0]) {
    if (!(q->tx = open_part(q->tx_base, ".sigmf-data", "wb")))
      ret = OLIVE_EIO;
    q->meta_dirty = true;
  }
  if (ret < 0) {
    file_close_drv(q);
    return ret;
  }
  *state = q;
  return OLIVE_OK;
}

static void write_meta(file_radio_t *q)
{
  if (!q->tx || !q->meta_dirty)
    return;
  olive_sigmf_meta_t *m = &q->tx_meta;
  snprintf(m->datatype, sizeof(m->datatype), "cf32_le");
  snprintf(m->version, sizeof(m->version), "1.0.0");
  snprintf(m->hw, sizeof(m->hw), "olive radio file driver");
  m->sample_rate = q->srate;
  char buf[4096];
  int n = olive_sigmf_meta_write(m, buf, sizeof(buf));
  FILE *f = n > 0 ? open_part(q->tx_base, ".sigmf-meta", "wb") : NULL;
  if (f) {
    fwrite(buf, 1, (size_t)n, f);
    fclose(f);
  }
  fflush(q->tx);
  q->meta_dirty = false;
}

static int file_stop_drv(void *state)
{
  file_radio_t *q = state;
  write_meta(q);
  q->running = false;
  return OLIVE_OK;
}

static void file_close_drv(void *state)
{
  file_radio_t *q = state;
  if (!q)
    return;
  write_meta(q);
  if (q->rx)
    fclose(q->rx);
  if (q->tx)
    fclose(q->tx);
  olive_mem_free(q);
}

static int file_set_srate(void *state, double srate)
{
  file_radio_t *q = state;
  if (q->rx && fabs(q->rx_meta.sample_rate - srate) > 1e-6 * srate) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "file: %s was recorded at %.0f Hz, not %.0f Hz", q->rx_base,
               q->rx_meta.sample_rate, srate);
    return OLIVE_ENOTSUP;
  }
  q->srate = srate;
  q->meta_dirty = true;
  return OLIVE_OK;
}

static int file_set_rx_freq(void *state, unsigned ch, double hz)
{
  file_radio_t *q = state;
  (void)ch;
  if (q->rx && q->rx_meta.has_frequency && fabs(q->rx_meta.frequency - hz) > 1.0)
    OLOG_WARN(OLIVE_LOG_RADIO, "file: %s was recorded at %.0f Hz, replaying as %.0f Hz", q->rx_base,
              q->rx_meta.frequency, hz);
  return OLIVE_OK;
}

static int file_set_tx_freq(void *state, unsigned ch, double hz)
{
  file_radio_t *q = state;
  (void)ch;
  q->tx_meta.frequency = hz;
  q->tx_meta.has_frequency = true;
  q->meta_dirty = true;
  return OLIVE_OK;
}

static int file_set_gain(void *state, unsigned ch, double db)
{
  (void)state, (void)ch, (void)db;
  return OLIVE_OK;
}

static int file_start_drv(void *state)
{
  file_radio_t *q = state;
  if (!(q->srate > 0))
    q->srate = q->rx ? q->rx_meta.sample_rate : 0;
  if (!(q->srate > 0))
    return OLIVE_ESTATE;
  q->running = true;
  q->t0_ns = olive_time_ns();
  return OLIVE_OK;
}

/* Fills buf from the recording; at the end, rewinds (loop) or pads with zeros. */
static int replay(file_radio_t *q, olive_radio_cf_t *buf, uint32_t n)
{
  uint32_t got = 0;
  while (got < n) {
    size_t k = fread(buf + got, sizeof(*buf), n - got, q->rx);
    got += (uint32_t)k;
    if (got < n && q->loop && (k > 0 || ftell(q->rx) > 0))
      rewind(q->rx);
    else if (got < n)
      break;
  }
  if (got == 0)
    return OLIVE_EIO;
  memset(buf + got, 0, (n - got) * sizeof(*buf));
  return OLIVE_OK;
}

static int file_rx(void *state, olive_radio_cf_t *const *bufs, uint32_t n, uint64_t *ts)
{
  file_radio_t *q = state;
  if (!q->running)
    return OLIVE_ESTATE;
  if (q->realtime)
    olive_sleep_until_ns(q->t0_ns + (uint64_t)((double)(q->rx_ts + n) / q->srate * 1e9));
  if (q->rx) {
    if (replay(q, bufs[0], n) < 0) {
      OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_INFO, "file: end of %s.sigmf-data", q->rx_base);
      return OLIVE_EIO;
    }
  } else {
    memset(bufs[0], 0, n * sizeof(olive_radio_cf_t));
  }
  *ts = q->rx_ts;
  q->rx_ts += n;
  RADIO_COUNT(&q->cnt, rx_samples, n);
  return (int)n;
}

static int write_samples(file_radio_t *q, const olive_radio_cf_t *buf, uint64_t n)
{
  while (n > 0) {
    uint64_t len = buf ? n : (n < FILE_ZEROS ? n : FILE_ZEROS);
    if (fwrite(buf ? buf : file_zeros, sizeof(*buf), len, q->tx) != len)
      return OLIVE_EIO;
    q->tx_written += len;
    n -= len;
  }
  return OLIVE_OK;
}

static int file_tx(void *state, const olive_radio_cf_t *const *bufs, uint32_t n, uint64_t ts,
                   unsigned flags)
{
  file_radio_t *q = state;
  const olive_radio_cf_t *b = bufs[0];
  const uint32_t n0 = n;
  (void)flags;
  if (!q->running)
    return OLIVE_ESTATE;
  if (!q->tx)
    return (int)n0;
  if (ts < q->tx_written) { /* that time is already in the file: drop the late part */
    uint64_t late = q->tx_written - ts < n ? q->tx_written - ts : n;
    RADIO_COUNT(&q->cnt, late, 1);
    RADIO_COUNT(&q->cnt, lost_samples, late);
    b += late, n -= (uint32_t)late, ts += late;
  }
  int ret = ts > q->tx_written ? write_samples(q, NULL, ts - q->tx_written) : OLIVE_OK;
  if (ret == OLIVE_OK)
    ret = write_samples(q, b, n);
  if (ret < 0) {
    OLOG_ONCE(OLIVE_LOG_RADIO, OLIVE_LOG_ERROR, "file: write to %s.sigmf-data failed", q->tx_base);
    return ret;
  }
  RADIO_COUNT(&q->cnt, tx_samples, n);
  return (int)n0;
}

static void file_counters(void *state, olive_radio_counters_t *out)
{
  radio_counters_snapshot(&((file_radio_t *)state)->cnt, out);
}

const olive_radio_ops_t olive_radio_file_ops = {
    .name = "file",
    .open = file_open_drv,
    .close = file_close_drv,
    .set_srate = file_set_srate,
    .set_rx_freq = file_set_rx_freq,
    .set_tx_freq = file_set_tx_freq,
    .set_rx_gain = file_set_gain,
    .set_tx_gain = file_set_gain,
    .start = file_start_drv,
    .stop = file_stop_drv,
    .rx = file_rx,
    .tx = file_tx,
    .counters = file_counters,
};
