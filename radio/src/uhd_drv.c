/* SPDX-License-Identifier: Apache-2.0 */
/* UHD (USRP) driver through the UHD C API: device_args, device set-up and tuning.
 * Keys olive understands are taken out of device_args; the rest (type=, serial=, addr=,
 * num_recv_frames=, ...) go to uhd_usrp_make() unchanged. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/radio/devargs.h"
#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "uhd_internal.h"

const char *uhd_last_error(char *buf, size_t len)
{
  buf[0] = '\0';
  uhd_get_last_error(buf, len);
  return buf[0] ? buf : "no detail from UHD";
}

static void get_str(olive_devargs_t *a, const char *key, const char *def, char *out, size_t len)
{
  const char *v = olive_devargs_get(a, key);
  snprintf(out, len, "%s", v ? v : def);
}

static int check_source(olive_devargs_t *a, const char *key, const char *v)
{
  if (!strcmp(v, "internal") || !strcmp(v, "external") || !strcmp(v, "gpsdo"))
    return OLIVE_OK;
  snprintf(a->err, sizeof(a->err), "%s='%.32s': expected internal, external or gpsdo", key, v);
  return OLIVE_ECONFIG;
}

static void get_antennas(olive_devargs_t *a, uhd_opts_t *o)
{
  char all_rx[UHD_RADIO_STR_LEN], all_tx[UHD_RADIO_STR_LEN];
  get_str(a, "rx_antenna", "", all_rx, sizeof(all_rx));
  get_str(a, "tx_antenna", "", all_tx, sizeof(all_tx));
  for (unsigned i = 0; i < OLIVE_RADIO_MAX_CHANNELS; i++) {
    char k[24];
    snprintf(k, sizeof(k), "rx_antenna%u", i);
    get_str(a, k, all_rx, o->rx_ant[i], sizeof(o->rx_ant[i]));
    snprintf(k, sizeof(k), "tx_antenna%u", i);
    get_str(a, k, all_tx, o->tx_ant[i], sizeof(o->tx_ant[i]));
  }
}

static int parse_opts(olive_devargs_t *a, uhd_opts_t *o)
{
  char cpu[8];
  int ret = olive_devargs_get_double(a, "master_clock_rate", 0, 0, 1e10, &o->master_clock_rate);
  if (!ret)
    ret = olive_devargs_get_double(a, "lo_offset", 0, -1e9, 1e9, &o->lo_offset_hz);
  get_str(a, "clock", "internal", o->clock, sizeof(o->clock));
  get_str(a, "time_source", o->clock, o->time_source, sizeof(o->time_source));
  get_str(a, "subdev", "", o->rx_subdev, sizeof(o->rx_subdev));
  get_str(a, "rx_subdev", o->rx_subdev, o->rx_subdev, sizeof(o->rx_subdev));
  get_str(a, "tx_subdev", o->rx_subdev, o->tx_subdev, sizeof(o->tx_subdev));
  get_str(a, "otw_format", "sc16", o->otw, sizeof(o->otw));
  get_str(a, "cpu_format", "fc32", cpu, sizeof(cpu));
  get_antennas(a, o);
  if (!ret)
    ret = check_source(a, "clock", o->clock);
  if (!ret)
    ret = check_source(a, "time_source", o->time_source);
  if (!ret && strcmp(o->otw, "sc16") && strcmp(o->otw, "sc12") && strcmp(o->otw, "sc8")) {
    snprintf(a->err, sizeof(a->err), "otw_format='%s': expected sc16, sc12 or sc8", o->otw);
    ret = OLIVE_ECONFIG;
  }
  if (!ret && strcmp(cpu, "fc32") && strcmp(cpu, "sc16")) {
    snprintf(a->err, sizeof(a->err), "cpu_format='%s': expected fc32 or sc16", cpu);
    ret = OLIVE_ECONFIG;
  }
  o->cpu_sc16 = strcmp(cpu, "sc16") == 0;
  o->sync_pps = strcmp(o->time_source, "internal") != 0;
  return ret;
}

/* Everything olive did not consume, as "k=v,k=v" for uhd_usrp_make(). */
static void uhd_args(const olive_devargs_t *a, char *out, size_t len)
{
  size_t pos = 0;
  out[0] = '\0';
  for (unsigned i = 0; i < a->n && pos < len; i++) {
    if (a->kv[i].used)
      continue;
    int w = snprintf(out + pos, len - pos, "%s%s%s%s", pos ? "," : "", a->kv[i].key,
                     a->kv[i].val[0] ? "=" : "", a->kv[i].val);
    pos += w > 0 ? (size_t)w : 0;
  }
}

#define UHD_TRY(q, call, what)                                                                     \
  do {                                                                                             \
    if ((call) != UHD_ERROR_NONE) {                                                                \
      char e_[256];                                                                                \
      OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: %s failed: %s", (what), uhd_last_error(e_, sizeof(e_)));   \
      return OLIVE_EIO;                                                                            \
    }                                                                                              \
  } while (0)

static int set_subdev(uhd_radio_t *q, const char *spec, bool rx)
{
  if (!spec[0])
    return OLIVE_OK;
  uhd_subdev_spec_handle h;
  UHD_TRY(q, uhd_subdev_spec_make(&h, spec), "subdev spec");
  uhd_error e =
      rx ? uhd_usrp_set_rx_subdev_spec(q->usrp, h, 0) : uhd_usrp_set_tx_subdev_spec(q->usrp, h, 0);
  uhd_subdev_spec_free(&h);
  UHD_TRY(q, e, rx ? "rx_subdev" : "tx_subdev");
  return OLIVE_OK;
}

static int configure(uhd_radio_t *q)
{
  const uhd_opts_t *o = &q->o;
  UHD_TRY(q, uhd_usrp_set_clock_source(q->usrp, o->clock, 0), "clock source");
  UHD_TRY(q, uhd_usrp_set_time_source(q->usrp, o->time_source, 0), "time source");
  if (o->master_clock_rate > 0)
    UHD_TRY(q, uhd_usrp_set_master_clock_rate(q->usrp, o->master_clock_rate, 0),
            "master_clock_rate");
  if (set_subdev(q, o->rx_subdev, true) < 0 || set_subdev(q, o->tx_subdev, false) < 0)
    return OLIVE_EIO;
  for (unsigned i = 0; i < q->nof_channels; i++) {
    if (o->rx_ant[i][0])
      UHD_TRY(q, uhd_usrp_set_rx_antenna(q->usrp, o->rx_ant[i], i), "rx_antenna");
    if (o->tx_ant[i][0])
      UHD_TRY(q, uhd_usrp_set_tx_antenna(q->usrp, o->tx_ant[i], i), "tx_antenna");
  }
  return OLIVE_OK;
}

static int make_streamers(uhd_radio_t *q)
{
  size_t chans[OLIVE_RADIO_MAX_CHANNELS] = {0, 1, 2, 3};
  uhd_stream_args_t sa = {.cpu_format = q->o.cpu_sc16 ? "sc16" : "fc32",
                          .otw_format = q->o.otw,
                          .args = "",
                          .channel_list = chans,
                          .n_channels = (int)q->nof_channels};
  UHD_TRY(q, uhd_rx_streamer_make(&q->rx), "rx streamer");
  q->have_rx = true;
  UHD_TRY(q, uhd_usrp_get_rx_stream(q->usrp, &sa, q->rx), "rx stream");
  UHD_TRY(q, uhd_tx_streamer_make(&q->tx), "tx streamer");
  q->have_tx = true;
  UHD_TRY(q, uhd_usrp_get_tx_stream(q->usrp, &sa, q->tx), "tx stream");
  UHD_TRY(q, uhd_rx_metadata_make(&q->rx_md), "rx metadata");
  q->have_rx_md = true;
  /* The C API has no setters for TX metadata: the two untimed kinds are made once here;
   * a timed burst start makes (and frees) one handle per burst. */
  UHD_TRY(q, uhd_tx_metadata_make(&q->md_cont, false, 0, 0, false, false), "tx metadata");
  UHD_TRY(q, uhd_tx_metadata_make(&q->md_eob, false, 0, 0, false, true), "tx metadata");
  q->have_md = true;
  UHD_TRY(q, uhd_async_metadata_make(&q->async_md), "async metadata");
  q->have_async = true;
  for (unsigned i = 0; q->o.cpu_sc16 && i < q->nof_channels; i++)
    if (!(q->scratch[i] = olive_mem_calloc(UHD_RADIO_CHUNK, 2 * sizeof(int16_t))))
      return OLIVE_ENOMEM;
  return OLIVE_OK;
}

static void uhd_close_drv(void *state);

static int uhd_open_drv(void **state, const char *args, unsigned nch)
{
  uhd_radio_t *q = olive_mem_alloc(sizeof(*q));
  olive_devargs_t a;
  char uargs[1024], err[512];
  if (!q)
    return OLIVE_ENOMEM;
  q->nof_channels = nch;
  int ret = olive_devargs_parse(&a, args);
  if (ret == OLIVE_OK)
    ret = parse_opts(&a, &q->o);
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: device_args '%s': %s", args, a.err);
    olive_mem_free(q);
    return ret;
  }
  uhd_args(&a, uargs, sizeof(uargs));
  if (uhd_usrp_make(&q->usrp, uargs) != UHD_ERROR_NONE) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: no usable USRP for device_args '%s' (uhd args '%s'): %s",
               args, uargs, uhd_last_error(err, sizeof(err)));
    uhd_usrp_free(&q->usrp);
    olive_mem_free(q);
    return OLIVE_ENODEV;
  }
  q->have_usrp = true;
  ret = configure(q);
  if (ret == OLIVE_OK)
    ret = make_streamers(q);
  if (ret < 0) {
    OLOG_ERROR(OLIVE_LOG_RADIO, "uhd: cannot set up the USRP for device_args '%s'", args);
    uhd_close_drv(q);
    return ret;
  }
  *state = q;
  return OLIVE_OK;
}

static void uhd_close_drv(void *state)
{
  uhd_radio_t *q = state;
  if (!q)
    return;
  uhd_stream_stop(q);
  if (q->have_async)
    uhd_async_metadata_free(&q->async_md);
  if (q->have_md) {
    uhd_tx_metadata_free(&q->md_cont);
    uhd_tx_metadata_free(&q->md_eob);
  }
  if (q->have_rx_md)
    uhd_rx_metadata_free(&q->rx_md);
  if (q->have_rx)
    uhd_rx_streamer_free(&q->rx);
  if (q->have_tx)
    uhd_tx_streamer_free(&q->tx);
  if (q->have_usrp)
    uhd_usrp_free(&q->usrp);
  for (unsigned i = 0; i < OLIVE_RADIO_MAX_CHANNELS; i++)
    olive_mem_free(q->scratch[i]);
  olive_mem_free(q);
}

static int uhd_set_srate(void *state, double srate)
{
  uhd_radio_t *q = state;
  double got = 0;
  for (unsigned i = 0; i < q->nof_channels; i++) {
    UHD_TRY(q, uhd_usrp_set_rx_rate(q->usrp, srate, i), "rx rate");
    UHD_TRY(q, uhd_usrp_set_tx_rate(q->usrp, srate, i), "tx rate");
  }
  UHD_TRY(q, uhd_usrp_get_rx_rate(q->usrp, 0, &got), "rx rate");
  if (fabs(got - srate) > 1.0) {
    OLOG_ERROR(OLIVE_LOG_RADIO,
               "uhd: asked %.0f Hz, device gives %.3f Hz: pick a "
               "master_clock_rate that is a multiple of the sample rate",
               srate, got);
    return OLIVE_ENOTSUP;
  }
  q->srate = srate;
  return OLIVE_OK;
}

/* With lo_offset the RF LO sits lo_offset away from the carrier (keeping the LO leakage
 * out of the band) and the DSP shifts the remainder. */
static uhd_tune_request_t tune_req(const uhd_radio_t *q, double hz)
{
  uhd_tune_request_t t = {.target_freq = hz,
                          .rf_freq_policy = UHD_TUNE_REQUEST_POLICY_AUTO,
                          .dsp_freq_policy = UHD_TUNE_REQUEST_POLICY_AUTO,
                          .args = ""};
  if (q->o.lo_offset_hz != 0) {
    t.rf_freq_policy = UHD_TUNE_REQUEST_POLICY_MANUAL;
    t.rf_freq = hz + q->o.lo_offset_hz;
  }
  return t;
}

static int uhd_set_rx_freq(void *state, unsigned ch, double hz)
{
  uhd_radio_t *q = state;
  uhd_tune_request_t t = tune_req(q, hz);
  uhd_tune_result_t r;
  UHD_TRY(q, uhd_usrp_set_rx_freq(q->usrp, &t, ch, &r), "rx freq");
  return OLIVE_OK;
}

static int uhd_set_tx_freq(void *state, unsigned ch, double hz)
{
  uhd_radio_t *q = state;
  uhd_tune_request_t t = tune_req(q, hz);
  uhd_tune_result_t r;
  UHD_TRY(q, uhd_usrp_set_tx_freq(q->usrp, &t, ch, &r), "tx freq");
  return OLIVE_OK;
}

static int uhd_set_rx_gain(void *state, unsigned ch, double db)
{
  uhd_radio_t *q = state;
  UHD_TRY(q, uhd_usrp_set_rx_gain(q->usrp, db, ch, ""), "rx gain");
  return OLIVE_OK;
}

static int uhd_set_tx_gain(void *state, unsigned ch, double db)
{
  uhd_radio_t *q = state;
  UHD_TRY(q, uhd_usrp_set_tx_gain(q->usrp, db, ch, ""), "tx gain");
  return OLIVE_OK;
}

static int uhd_start_drv(void *state)
{
  return uhd_stream_start(state);
}

static int uhd_stop_drv(void *state)
{
  return uhd_stream_stop(state);
}

static void uhd_counters(void *state, olive_radio_counters_t *out)
{
  radio_counters_snapshot(&((uhd_radio_t *)state)->cnt, out);
}

const olive_radio_ops_t olive_radio_uhd_ops = {
    .name = "uhd",
    .open = uhd_open_drv,
    .close = uhd_close_drv,
    .set_srate = uhd_set_srate,
    .set_rx_freq = uhd_set_rx_freq,
    .set_tx_freq = uhd_set_tx_freq,
    .set_rx_gain = uhd_set_rx_gain,
    .set_tx_gain = uhd_set_tx_gain,
    .start = uhd_start_drv,
    .stop = uhd_stop_drv,
    .rx = uhd_stream_rx,
    .tx = uhd_stream_tx,
    .counters = uhd_counters,
};
