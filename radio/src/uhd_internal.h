/* SPDX-License-Identifier: Apache-2.0 */
/* UHD driver state, shared by uhd_drv.c (options, open, tuning) and uhd_stream.c
 * (streaming, async events). */
#ifndef OLIVE_RADIO_UHD_INTERNAL_H
#define OLIVE_RADIO_UHD_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <uhd.h>

#include "radio_internal.h"

#define UHD_RADIO_STR_LEN 64
/* sc16 CPU format: conversion scratch per channel, in samples; longer calls are cut. */
#define UHD_RADIO_CHUNK 32768u

typedef struct uhd_opts {
  double master_clock_rate; /* 0 = device default */
  double lo_offset_hz;      /* RF LO this far from the carrier, DSP tunes the rest */
  char clock[UHD_RADIO_STR_LEN], time_source[UHD_RADIO_STR_LEN];
  char rx_subdev[UHD_RADIO_STR_LEN], tx_subdev[UHD_RADIO_STR_LEN];
  char rx_ant[OLIVE_RADIO_MAX_CHANNELS][UHD_RADIO_STR_LEN];
  char tx_ant[OLIVE_RADIO_MAX_CHANNELS][UHD_RADIO_STR_LEN];
  char otw[8];
  bool cpu_sc16;
  bool sync_pps; /* align device time at the next PPS (external/gpsdo time) */
} uhd_opts_t;

typedef struct uhd_radio {
  uhd_usrp_handle usrp;
  uhd_rx_streamer_handle rx;
  uhd_tx_streamer_handle tx;
  uhd_rx_metadata_handle rx_md;
  uhd_tx_metadata_handle md_cont, md_eob; /* untimed continuation / end-of-burst */
  uhd_async_metadata_handle async_md;
  bool have_usrp, have_rx, have_tx, have_rx_md, have_md, have_async;
  unsigned nof_channels;
  uhd_opts_t o;
  double srate;
  uint64_t rx_next; /* expected time of the next RX sample */
  uint64_t tx_next; /* time right after the last TX sample sent */
  bool in_burst;    /* a burst was started and not ended */
  bool streaming;
  _Atomic bool running;
  pthread_t async_thread;
  bool async_started;
  int16_t *scratch[OLIVE_RADIO_MAX_CHANNELS]; /* cpu_format=sc16 only */
  radio_counters_atomic_t cnt;
} uhd_radio_t;

/* uhd_stream.c */
int uhd_stream_start(uhd_radio_t *q);
int uhd_stream_stop(uhd_radio_t *q);
int uhd_stream_rx(void *state, olive_radio_cf_t *const *bufs, uint32_t n, uint64_t *ts);
int uhd_stream_tx(void *state, const olive_radio_cf_t *const *bufs, uint32_t n, uint64_t ts,
                  unsigned flags);
/* Last UHD error text, for messages. */
const char *uhd_last_error(char *buf, size_t len);

#endif
