/* SPDX-License-Identifier: Apache-2.0 */
/* RLC entity life cycle, the upper/lower thread boundary, and dispatch to TM/UM/AM
 * (TS 38.322 4.2.1). */
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "rlc_internal.h"

#define RLC_DEFAULT_MAX_SDU 9000
#define RLC_DEFAULT_TXQ     4096
#define RLC_DEFAULT_WIN     4096
#define RLC_DEFAULT_RX_BUFS 512

static bool pow2(uint32_t v)
{
  return v && !(v & (v - 1));
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
  return a < b ? a : b;
}

/* TS 38.322 7.2: UM_Window_Size 32 (6-bit SN) or 2048 (12-bit); AM_Window_Size 2048
 * (12-bit) or 131072 (18-bit). TM has none. */
static uint32_t spec_window(const rlc_cfg_t *c)
{
  if (c->mode == RLC_MODE_TM)
    return 1;
  return 1u << (c->sn_bits - 1);
}

static void set_timers(rlc_entity_t *e, const rlc_cfg_t *c)
{
  e->t_poll_retx_us = (uint64_t)rlc_t_poll_retx_ms(c->t_poll_retx) * 1000;
  e->t_reassembly_us = (uint64_t)rlc_t_reassembly_ms(c->t_reassembly) * 1000;
  e->t_status_prohibit_us = (uint64_t)rlc_t_status_prohibit_ms(c->t_status_prohibit) * 1000;
  e->poll_pdu = (uint64_t)rlc_poll_pdu_value(c->poll_pdu);
  e->poll_byte = (uint64_t)rlc_poll_byte_value(c->poll_byte);
  e->max_retx = rlc_max_retx_value(c->max_retx);
}

static int check_args(const rlc_entity_args_t *a, rlc_entity_args_t *d)
{
  *d = *a;
  if (!d->max_sdu_bytes)
    d->max_sdu_bytes = RLC_DEFAULT_MAX_SDU;
  if (!d->max_tx_sdus)
    d->max_tx_sdus = RLC_DEFAULT_TXQ;
  uint32_t win = spec_window(&a->cfg);
  if (!d->tx_window)
    d->tx_window = min_u32(win, RLC_DEFAULT_WIN);
  if (!d->rx_window)
    d->rx_window = min_u32(win, RLC_DEFAULT_WIN);
  if (!d->rx_nof_bufs)
    d->rx_nof_bufs = RLC_DEFAULT_RX_BUFS;
  if (d->max_sdu_bytes > 65535 || !pow2(d->max_tx_sdus) || !pow2(d->tx_window) ||
      !pow2(d->rx_window) || d->tx_window > win || !a->upper.deliver_sdu)
    return OLIVE_EINVAL;
  if (d->rx_pool && d->rx_pool->cap - d->rx_pool->headroom < d->max_sdu_bytes)
    return OLIVE_EINVAL;
  return 0;
}

static int alloc_state(rlc_entity_t *e, const rlc_entity_args_t *a)
{
  if (olive_spsc_init(&e->ring, sizeof(rlc_cmd_t), a->max_tx_sdus) < 0)
    return OLIVE_ENOMEM;
  e->txq_cap = a->max_tx_sdus;
  e->txq = olive_mem_calloc(e->txq_cap, sizeof(*e->txq));
  e->rxw_cap = a->rx_window;
  e->rxw = olive_mem_calloc(e->rxw_cap, sizeof(*e->rxw));
  if (!e->txq || !e->rxw)
    return OLIVE_ENOMEM;
  if (a->cfg.mode == RLC_MODE_AM) {
    e->txw_cap = a->tx_window;
    e->txw = olive_mem_calloc(e->txw_cap, sizeof(*e->txw));
    e->retxq_cap = 2 * a->tx_window + 64;
    e->retxq = olive_mem_calloc(e->retxq_cap, sizeof(*e->retxq));
    if (!e->txw || !e->retxq)
      return OLIVE_ENOMEM;
  }
  e->rx_pool = a->rx_pool;
  if (!e->rx_pool) {
    if (olive_buf_pool_init(&e->own_pool, a->rx_nof_bufs, a->max_sdu_bytes, 0) < 0)
      return OLIVE_ENOMEM;
    e->rx_pool = &e->own_pool;
  }
  return 0;
}

int rlc_entity_create(const rlc_entity_args_t *args, rlc_entity_t **out)
{
  rlc_entity_args_t a;
  if (!out)
    return OLIVE_EINVAL;
  *out = NULL;
  if (!args)
    return OLIVE_EINVAL;
  int err = rlc_cfg_validate(&args->cfg);
  if (err < 0)
    return err;
  if ((err = check_args(args, &a)) < 0)
    return err;
  rlc_entity_t *e = olive_mem_alloc(sizeof(*e));
  if (!e)
    return OLIVE_ENOMEM;
  e->cfg = a.cfg;
  e->sn_bits = a.cfg.sn_bits;
  e->sn_mod = 1u << a.cfg.sn_bits;
  e->window = spec_window(&a.cfg);
  e->max_sdu = a.max_sdu_bytes;
  set_timers(e, &a.cfg);
  e->up = a.upper;
  e->low = a.lower;
  e->pcap = a.pcap;
  e->ue_id = a.ue_id;
  e->bearer_type = a.bearer_type;
  e->bearer_id = a.bearer_id;
  e->tx_is_dl = a.tx_is_dl;
  if ((err = alloc_state(e, &a)) < 0) {
    rlc_entity_destroy(e);
    return err;
  }
  *out = e;
  return 0;
}

void rlc_entity_destroy(rlc_entity_t *e)
{
  if (!e)
    return;
  rlc_cmd_t c;
  if (e->ring.slots)
    while (olive_spsc_pop(&e->ring, &c) == 0)
      olive_buf_release(c.sdu);
  olive_spsc_free(&e->ring);
  for (uint32_t i = 0; e->txq && i < e->txq_cap; i++)
    olive_buf_release(e->txq[i]);
  if (e->cur && !e->txw)
    olive_buf_release(e->cur); /* AM: cur is also in the window, freed below */
  rlc_am_tx_free(e);
  for (uint32_t i = 0; e->rxw && i < e->rxw_cap; i++)
    olive_buf_release(e->rxw[i].buf);
  olive_mem_free(e->txq);
  olive_mem_free(e->rxw);
  olive_mem_free(e->txw);
  olive_mem_free(e->retxq);
  if (e->rx_pool == &e->own_pool)
    olive_buf_pool_free(&e->own_pool);
  olive_mem_free(e);
}

int rlc_entity_write_sdu(rlc_entity_t *e, olive_buf_t *sdu, uint32_t pdcp_sn)
{
  if (!e || !sdu || sdu->len == 0 || sdu->len > e->max_sdu)
    return OLIVE_EINVAL;
  rlc_cmd_t c = {.sdu = sdu, .pdcp_sn = pdcp_sn, .len = sdu->len};
  sdu->user = pdcp_sn;
  /* Count the bytes before the push so the MAC thread never sees them negative. */
  atomic_fetch_add_explicit(&e->ring_bytes, c.len, memory_order_relaxed);
  if (olive_spsc_push(&e->ring, &c) < 0) {
    atomic_fetch_sub_explicit(&e->ring_bytes, c.len, memory_order_relaxed);
    atomic_fetch_add_explicit(&e->sdus_dropped_full, 1, memory_order_relaxed);
    return OLIVE_ENOSPC;
  }
  atomic_fetch_add_explicit(&e->sdus_in, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&e->sdu_bytes_in, c.len, memory_order_relaxed);
  return 0;
}

int rlc_entity_discard_sdu(rlc_entity_t *e, uint32_t pdcp_sn)
{
  if (!e)
    return OLIVE_EINVAL;
  rlc_cmd_t c = {.sdu = NULL, .pdcp_sn = pdcp_sn};
  return olive_spsc_push(&e->ring, &c) < 0 ? OLIVE_ENOSPC : 0;
}

/* TS 38.322 5.4: discard only an SDU no segment of which has been submitted to lower
 * layers, i.e. one still in the queue (not the one being segmented). */
static void txq_discard(rlc_entity_t *e, uint32_t pdcp_sn)
{
  for (uint32_t i = 0; i < e->txq_count; i++) {
    uint32_t k = (e->txq_head + i) & (e->txq_cap - 1);
    olive_buf_t *b = e->txq[k];
    if (b && (uint32_t)b->user == pdcp_sn) {
      e->txq_bytes -= b->len;
      e->txq_sdus--;
      olive_buf_release(b);
      e->txq[k] = NULL;
      e->m.sdus_discarded++;
      return;
    }
  }
}

void rlc_txq_drain(rlc_entity_t *e)
{
  rlc_cmd_t c;
  while (e->txq_count < e->txq_cap && olive_spsc_pop(&e->ring, &c) == 0) {
    if (!c.sdu) {
      txq_discard(e, c.pdcp_sn);
      continue;
    }
    atomic_fetch_sub_explicit(&e->ring_bytes, c.len, memory_order_relaxed);
    e->txq[(e->txq_head + e->txq_count) & (e->txq_cap - 1)] = c.sdu;
    e->txq_count++;
    e->txq_sdus++;
    e->txq_bytes += c.len;
  }
}

/* The oldest queued SDU (skipping discarded holes), or NULL. */
olive_buf_t *rlc_txq_peek(rlc_entity_t *e)
{
  while (e->txq_count && !e->txq[e->txq_head]) {
    e->txq_head = (e->txq_head + 1) & (e->txq_cap - 1);
    e->txq_count--;
  }
  return e->txq_count ? e->txq[e->txq_head] : NULL;
}

/* Removes the SDU rlc_txq_peek() returned (its ownership moves to the caller). */
void rlc_txq_pop(rlc_entity_t *e)
{
  olive_buf_t *b = e->txq[e->txq_head];
  e->txq_bytes -= b->len;
  e->txq_sdus--;
  e->txq[e->txq_head] = NULL;
  e->txq_head = (e->txq_head + 1) & (e->txq_cap - 1);
  e->txq_count--;
}

static void report_bs(rlc_entity_t *e)
{
  if (!e->low.buffer_status)
    return;
  rlc_buffer_status_t bs;
  rlc_entity_buffer_status(e, &bs);
  e->low.buffer_status(e->low.ctx, &bs);
}

int rlc_entity_pull_pdu(rlc_entity_t *e, uint8_t *out, size_t max)
{
  if (!e || !out)
    return OLIVE_EINVAL;
  rlc_txq_drain(e);
  int n;
  switch (e->cfg.mode) {
  case RLC_MODE_TM:
    n = rlc_tm_pull(e, out, max);
    break;
  case RLC_MODE_UM:
    n = rlc_um_pull(e, out, max);
    break;
  default:
    n = rlc_am_pull(e, out, max);
    break;
  }
  if (n > 0) {
    e->m.pdus_tx++;
    e->m.pdu_bytes_tx += (uint64_t)n;
    rlc_pcap_pdu(e, true, out, (size_t)n);
    report_bs(e);
  }
  return n;
}

int rlc_entity_write_pdu(rlc_entity_t *e, const uint8_t *pdu, size_t len)
{
  if (!e || (!pdu && len))
    return OLIVE_EINVAL;
  e->m.pdus_rx++;
  e->m.pdu_bytes_rx += len;
  if (len)
    rlc_pcap_pdu(e, false, pdu, len);
  int r;
  if (len == 0) {
    r = OLIVE_EPROTO;
  } else if (e->cfg.mode == RLC_MODE_TM) {
    r = rlc_tm_rx(e, pdu, len);
  } else if (e->cfg.mode == RLC_MODE_UM) {
    r = rlc_um_rx(e, pdu, len);
  } else {
    r = rlc_am_is_control(pdu) ? rlc_am_tx_status(e, pdu, len) : rlc_am_rx(e, pdu, len);
    report_bs(e);
  }
  if (r == OLIVE_EPROTO) {
    e->m.pdus_malformed++;
    OLOG_ONCE(OLIVE_LOG_RLC, OLIVE_LOG_WARN, "rlc %s: malformed PDU of %zu bytes dropped",
              rlc_mode_name(e->cfg.mode), len);
  }
  return r;
}

void rlc_entity_tick(rlc_entity_t *e, uint64_t now_us)
{
  if (!e)
    return;
  if (now_us > e->now_us)
    e->now_us = now_us;
  rlc_txq_drain(e);
  if (e->cfg.mode == RLC_MODE_UM) {
    rlc_um_tick(e);
  } else if (e->cfg.mode == RLC_MODE_AM) {
    rlc_am_tx_tick(e);
    rlc_am_rx_tick(e);
    report_bs(e);
  }
}

void rlc_entity_buffer_status(rlc_entity_t *e, rlc_buffer_status_t *bs)
{
  memset(bs, 0, sizeof(*bs));
  if (!e)
    return;
  rlc_txq_drain(e);
  uint64_t ring = atomic_load_explicit(&e->ring_bytes, memory_order_relaxed);
  uint64_t cur = e->cur ? e->cur->len - e->cur_so : 0;
  uint64_t sdus = e->txq_sdus + (e->cur ? 1 : 0) + olive_spsc_count(&e->ring);
  uint64_t bytes = e->txq_bytes + cur + ring;
  bs->new_bytes = bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
  if (e->cfg.mode == RLC_MODE_TM) {
    bs->hdr_bytes = 0;
  } else if (e->cfg.mode == RLC_MODE_UM) {
    bs->hdr_bytes = (uint32_t)sdus * (uint32_t)rlc_umd_hdr_len(e->sn_bits, RLC_SI_FULL);
  } else {
    uint32_t h = (uint32_t)rlc_amd_hdr_len(e->sn_bits, RLC_SI_FULL);
    bs->retx_bytes = (uint32_t)e->retxq_bytes;
    bs->status_bytes = rlc_am_status_estimate(e);
    bs->hdr_bytes = (uint32_t)sdus * h + e->retxq_count * (h + 2);
  }
}

void rlc_entity_metrics(rlc_entity_t *e, rlc_metrics_t *m)
{
  if (!e || !m)
    return;
  rlc_txq_drain(e);
  *m = e->m;
  m->sdus_in = atomic_load_explicit(&e->sdus_in, memory_order_relaxed);
  m->sdu_bytes_in = atomic_load_explicit(&e->sdu_bytes_in, memory_order_relaxed);
  m->sdus_dropped_full = atomic_load_explicit(&e->sdus_dropped_full, memory_order_relaxed);
  m->tx_queue_sdus = e->txq_sdus;
  m->tx_queue_bytes = (uint32_t)e->txq_bytes;
  m->tx_unacked_sdus = e->txw_unacked;
  m->retx_queue_bytes = (uint32_t)e->retxq_bytes;
  m->rx_buffered_sns = e->rx_used;
}
