/* SPDX-License-Identifier: Apache-2.0 */
/* ZeroMQ radio driver: device_args, lifecycle and the rx()/tx() entry points. The wire
 * protocol lives in zmq_link.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

#include "olive/radio/devargs.h"
#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "zmq_internal.h"

typedef struct zmq_opts {
  const char *tx_port[OLIVE_RADIO_MAX_CHANNELS];
  const char *rx_port[OLIVE_RADIO_MAX_CHANNELS];
  bool tx_pub, rx_sub;
  int64_t ring;
} zmq_opts_t;

static int get_format(olive_devargs_t *a, const char *key, bool *sc16)
{
  const char *v = olive_devargs_get(a, key);
  *sc16 = false;
  if (!v || strcmp(v, "fc32") == 0)
    return OLIVE_OK;
  if (strcmp(v, "sc16") == 0) {
    *sc16 = true;
    return OLIVE_OK;
  }
  snprintf(a->err, sizeof(a->err), "%s='%.32s': expected fc32 or sc16", key, v);
  return OLIVE_ECONFIG;
}

static int get_type(olive_devargs_t *a, const char *key, const char *dflt, const char *other,
                    bool *is_other)
{
  const char *v = olive_devargs_get(a, key);
  *is_other = v && strcmp(v, other) == 0;
  if (!v || *is_other || strcmp(v, dflt) == 0)
    return OLIVE_OK;
  snprintf(a->err, sizeof(a->err), "%s='%.32s': expected %s or %s", key, v, dflt, other);
  return OLIVE_ECONFIG;
}

/* Channel 0 takes tx_port or tx_port0 (srsRAN accepts both). */
static void get_ports(olive_devargs_t *a, unsigned nch, zmq_opts_t *o)
{
  for (unsigned i = 0; i < nch; i++) {
    char k[24];
    snprintf(k, sizeof(k), "tx_port%u", i);
    o->tx_port[i] = olive_devargs_get(a, k);
    snprintf(k, sizeof(k), "rx_port%u", i);
    o->rx_port[i] = olive_devargs_get(a, k);
  }
  const char *tx = olive_devargs_get(a, "tx_port"), *rx = olive_devargs_get(a, "rx_port");
  if (tx && !o->tx_port[0])
    o->tx_port[0] = tx;
  if (rx && !o->rx_port[0])
    o->rx_port[0] = rx;
}

static int parse_opts(zmq_radio_t *q, olive_devargs_t *a, zmq_opts_t *o)
{
  int64_t tmo = 0;
  const char *id = olive_devargs_get(a, "id");
  snprintf(q->id, sizeof(q->id), "%s", id ? id : "olive");
  get_ports(a, q->nof_channels, o);
  int ret = olive_devargs_get_double(a, "base_srate", 0, 0, 1e9, &q->base_srate);
  if (!ret)
    ret = olive_devargs_get_int(a, "trx_timeout_ms", 2000, 10, 3600000, &tmo);
  if (!ret)
    ret = olive_devargs_get_bool(a, "fail_on_disconnect", false, &q->fail_on_disconnect);
  if (!ret)
    ret = olive_devargs_get_bool(a, "log_trx_timeout", true, &q->log_trx_timeout);
  if (!ret)
    ret = get_format(a, "tx_format", &q->tx_sc16);
  if (!ret)
    ret = get_format(a, "rx_format", &q->rx_sc16);
  if (!ret)
    ret = get_type(a, "tx_type", "rep", "pub", &o->tx_pub);
  if (!ret)
    ret = get_type(a, "rx_type", "req", "sub", &o->rx_sub);
  if (!ret)
    ret = olive_devargs_get_int(a, "rx_buffer_samples", 1 << 22, 1 << 10, 1 << 26, &o->ring);
  if (!ret && (o->ring & (o->ring - 1))) {
    snprintf(a->err, sizeof(a->err), "rx_buffer_samples must be a power of two");
    ret = OLIVE_ECONFIG;
  }
  const char *unused = olive_devargs_unused(a);
  if (!ret && unused) {
    snprintf(a->err, sizeof(a->err), "unknown key '%s'", unused);
    ret = OLIVE_ECONFIG;
  }
  q->trx_timeout_ms = (int)tmo;
  return ret;
}

static int open_tx(zmq_radio_t *q, unsigned ch, const char *addr, bool pub)
{
  zmq_tx_ch_t *c = &q->tx[ch];
  pthread_mutex_init(&c->mu, NULL);
  snprintf(c->addr, sizeof(c->addr), "%s", addr);
  c->pub = pub;
  c->sock = zmq_socket(q->ctx, pub ? ZMQ_PUB : ZMQ_REP);
  if (!c->sock)
    return OLIVE_EIO;
  zmq_link_set_opts(c->sock, q->trx_timeout_ms);
  if (zmq_bind(c->sock, addr) != 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "zmq[%s]: tx_port%u=%s: bind failed: %s", q->id, ch, addr,
               zmq_strerror(zmq_errno()));
    return OLIVE_EIO;
  }
  q->nof_tx++;
  return OLIVE_OK;
}

static int open_rx(zmq_radio_t *q, unsigned ch, const char *addr, bool sub, uint64_t ring)
{
  zmq_rx_ch_t *c = &q->rx[ch];
  c->q = q;
  c->ch = ch;
  c->sub = sub;
  snprintf(c->addr, sizeof(c->addr), "%s", addr);
  int ret = sring_init(&c->ring, ring);
  if (ret == OLIVE_OK)
    ret = zmq_link_rx_socket(q, c);
  if (ret == OLIVE_OK)
    q->nof_rx++;
  return ret;
}

static void zmq_close_drv(void *state);

static int open_sockets(zmq_radio_t *q, const zmq_opts_t *o)
{
  for (unsigned i = 0; i < q->nof_channels; i++) {
    int ret = OLIVE_OK;
    if (o->tx_port[i])
      ret = open_tx(q, i, o->tx_port[i], o->tx_pub);
    if (ret == OLIVE_OK && o->rx_port[i])
      ret = open_rx(q, i, o->rx_port[i], o->rx_sub, (uint64_t)o->ring);
    if (ret < 0)
      return ret;
  }
  return OLIVE_OK;
}

static int zmq_open_drv(void **state, const char *args, unsigned nch)
{
  zmq_radio_t *q = olive_mem_alloc(sizeof(*q));
  olive_devargs_t a;
  zmq_opts_t o = {0};
  if (!q)
    return OLIVE_ENOMEM;
  q->nof_channels = nch;
  for (unsigned i = 0; i < OLIVE_RADIO_MAX_CHANNELS; i++)
    q->rx_scale[i] = 1.0f;
  int ret = olive_devargs_parse(&a, args);
  if (ret == OLIVE_OK)
    ret = parse_opts(q, &a, &o);
  if (ret == OLIVE_OK && !o.tx_port[0] && !o.rx_port[0]) {
    snprintf(a.err, sizeof(a.err), "neither tx_port nor rx_port given");
    ret = OLIVE_ECONFIG;
  }
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "zmq: device_args '%s': %s", args, a.err);
    olive_mem_free(q);
    return ret;
  }
  q->zeros = olive_mem_calloc(ZMQ_RADIO_CHUNK_SAMPLES, sizeof(olive_radio_cf_t));
  q->sc16 = olive_mem_calloc(ZMQ_RADIO_CHUNK_SAMPLES, 2 * sizeof(int16_t));
  q->ctx = zmq_ctx_new();
  ret = (q->zeros && q->sc16 && q->ctx) ? open_sockets(q, &o) : OLIVE_ENOMEM;
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "zmq[%s]: cannot open with device_args '%s': %s", q->id, args,
               olive_strerror(ret));
    zmq_close_drv(q);
    return ret;
  }
  OLOG_INFO(OLIVE_LOG_RADIO, "zmq[%s]: %u channel(s), %u tx, %u rx, %s/%s, timeout %d ms", q->id,
            nch, q->nof_tx, q->nof_rx, q->tx_sc16 ? "sc16" : "fc32", q->rx_sc16 ? "sc16" : "fc32",
            q->trx_timeout_ms);
  *state = q;
  return OLIVE_OK;
}

static int zmq_stop_drv(void *state)
{
  zmq_radio_t *q = state;
  atomic_store(&q->running, false);
  for (unsigned i = 0; i < q->nof_channels; i++)
    zmq_link_rx_stop(q, i);
  return OLIVE_OK;
}

static void zmq_close_drv(void *state)
{
  zmq_radio_t *q = state;
  if (!q)
    return;
  zmq_stop_drv(q);
  for (unsigned i = 0; i < q->nof_channels; i++) {
    if (q->tx[i].sock) {
      zmq_close(q->tx[i].sock);
      pthread_mutex_destroy(&q->tx[i].mu);
    }
    zmq_link_rx_close(&q->rx[i]);
    sring_free(&q->rx[i].ring);
  }
  if (q->ctx)
    zmq_ctx_term(q->ctx); /* all sockets closed with linger 0: returns at once */
  olive_mem_free(q->zeros);
  olive_mem_free(q->sc16);
  olive_mem_free(q);
}

/* The wire rate is base_srate; srsRAN's decimation by base_srate/srate is not done
 * here, so the two must match (or base_srate is left out). */
static int zmq_set_srate(void *state, double srate)
{
  zmq_radio_t *q = state;
  if (q->base_srate > 0 && fabs(q->base_srate - srate) > 1e-3) {
    OLOG_ERROR(OLIVE_LOG_RADIO,
               "zmq[%s]: srate %.0f Hz differs from base_srate %.0f Hz "
               "(resampling not supported)",
               q->id, srate, q->base_srate);
    return OLIVE_ENOTSUP;
  }
  q->srate = srate;
  return OLIVE_OK;
}

static int zmq_set_freq(void *state, unsigned ch, double hz)
{
  (void)state, (void)ch, (void)hz; /* one carrier per channel: nothing to tune */
  return OLIVE_OK;
}

/* As srsRAN's ZMQ driver, the RX gain scales received samples (0 dB keeps them exact). */
static int zmq_set_rx_gain(void *state, unsigned ch, double db)
{
  zmq_radio_t *q = state;
  q->rx_scale[ch] = (float)pow(10.0, db / 20.0);
  return OLIVE_OK;
}

static int zmq_set_tx_gain(void *state, unsigned ch, double db)
{
  (void)state, (void)ch, (void)db;
  return OLIVE_OK;
}

static int zmq_start_drv(void *state)
{
  zmq_radio_t *q = state;
  if (atomic_load(&q->running))
    return OLIVE_OK;
  atomic_store(&q->running, true);
  for (unsigned i = 0; i < q->nof_channels; i++) {
    if (q->rx[i].sock && zmq_link_rx_start(q, i) < 0) {
      zmq_stop_drv(q);
      return OLIVE_EIO;
    }
  }
  return OLIVE_OK;
}

static int check_state(zmq_radio_t *q)
{
  if (atomic_load_explicit(&q->failed, memory_order_acquire))
    return OLIVE_EIO;
  return atomic_load_explicit(&q->running, memory_order_acquire) ? OLIVE_OK : OLIVE_ESTATE;
}

/* Waits until every receiving channel holds n samples (all or nothing, so a timeout
 * leaves the channels aligned). */
static int wait_all(zmq_radio_t *q, uint32_t n)
{
  uint64_t deadline = olive_time_ns() + (uint64_t)q->trx_timeout_ms * 1000000ull;
  for (unsigned i = 0; i < q->nof_channels; i++) {
    if (!q->rx[i].sock)
      continue;
    int ret = sring_wait_count(&q->rx[i].ring, n, deadline);
    if (ret == OLIVE_ESTATE)
      ret = check_state(q) < 0 ? check_state(q) : OLIVE_EIO;
    if (ret < 0)
      return ret;
  }
  return OLIVE_OK;
}

static void scale(olive_radio_cf_t *b, uint32_t n, float s)
{
  for (uint32_t i = 0; i < n; i++)
    b[i] *= s;
}

static int zmq_rx(void *state, olive_radio_cf_t *const *bufs, uint32_t n, uint64_t *ts)
{
  zmq_radio_t *q = state;
  int ret = check_state(q);
  /* Keep our TX stream level with RX time (zeros when idle) so the peer, which reads
   * our TX, never waits on us: srsRAN's rf_zmq does the same alignment on receive. */
  for (unsigned i = 0; ret == OLIVE_OK && i < q->nof_channels; i++)
    if (q->tx[i].sock)
      ret = zmq_link_tx_align(q, i, q->rx_ts + n);
  if (ret == OLIVE_OK)
    ret = wait_all(q, n);
  if (ret < 0)
    return ret;
  for (unsigned i = 0; i < q->nof_channels; i++) {
    if (!q->rx[i].sock) {
      memset(bufs[i], 0, n * sizeof(olive_radio_cf_t)); /* no rx_port: silence */
      continue;
    }
    sring_read(&q->rx[i].ring, bufs[i], n);
    if (q->rx_scale[i] != 1.0f)
      scale(bufs[i], n, q->rx_scale[i]);
  }
  *ts = q->rx_ts;
  q->rx_ts += n;
  RADIO_COUNT(&q->cnt, rx_samples, n);
  return (int)n;
}

static int zmq_tx(void *state, const olive_radio_cf_t *const *bufs, uint32_t n, uint64_t ts,
                  unsigned flags)
{
  zmq_radio_t *q = state;
  (void)flags; /* bursts do not exist on the wire: gaps are zeros */
  int ret = check_state(q);
  for (unsigned i = 0; ret == OLIVE_OK && i < q->nof_channels; i++)
    if (q->tx[i].sock)
      ret = zmq_link_tx(q, i, bufs[i], n, ts);
  return ret < 0 ? ret : (int)n;
}

static void zmq_counters(void *state, olive_radio_counters_t *out)
{
  radio_counters_snapshot(&((zmq_radio_t *)state)->cnt, out);
}

const olive_radio_ops_t olive_radio_zmq_ops = {
    .name = "zmq",
    .open = zmq_open_drv,
    .close = zmq_close_drv,
    .set_srate = zmq_set_srate,
    .set_rx_freq = zmq_set_freq,
    .set_tx_freq = zmq_set_freq,
    .set_rx_gain = zmq_set_rx_gain,
    .set_tx_gain = zmq_set_tx_gain,
    .start = zmq_start_drv,
    .stop = zmq_stop_drv,
    .rx = zmq_rx,
    .tx = zmq_tx,
    .counters = zmq_counters,
};
