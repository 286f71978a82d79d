/* SPDX-License-Identifier: Apache-2.0 */
/* Unacknowledged mode, TS 38.322 5.2.2: segmentation with SO on transmit, reassembly with
 * t-Reassembly and the reassembly window on receive. State variables (7.1): TX_Next,
 * RX_Next_Reassembly (e->rx_next), RX_Timer_Trigger (e->rx_trigger), RX_Next_Highest. */
#include <string.h>

#include "olive/support/error.h"
#include "rlc_internal.h"

static int um_put(rlc_entity_t *e, rlc_si_t si, uint8_t *out, size_t max, uint32_t n)
{
  rlc_data_hdr_t h = {.si = si, .sn = e->cur_sn, .so = (uint16_t)e->cur_so};
  int hl = rlc_umd_hdr_pack(&h, e->sn_bits, out, max);
  memcpy(out + hl, e->cur->data + e->cur_so, n);
  e->cur_so += n;
  return hl + (int)n;
}

/* TS 38.322 5.2.2.1: a whole SDU goes without SN (SI=00); segments carry SN and, after
 * the first, SO. TX_Next advances after the last segment of an SDU. */
int rlc_um_pull(rlc_entity_t *e, uint8_t *out, size_t max)
{
  if (!e->cur) {
    olive_buf_t *b = rlc_txq_peek(e);
    if (!b)
      return 0;
    if ((size_t)b->len + 1 <= max) {
      rlc_txq_pop(e);
      out[0] = 0; /* SI=00 */
      memcpy(out + 1, b->data, b->len);
      int n = (int)b->len + 1;
      olive_buf_release(b);
      return n;
    }
    size_t hl = (size_t)rlc_umd_hdr_len(e->sn_bits, RLC_SI_FIRST);
    if (max < hl + 1)
      return 0;
    rlc_txq_pop(e);
    e->cur = b;
    e->cur_so = 0;
    e->cur_sn = e->tx_next;
    return um_put(e, RLC_SI_FIRST, out, max, (uint32_t)(max - hl));
  }
  size_t hl = (size_t)rlc_umd_hdr_len(e->sn_bits, RLC_SI_LAST);
  if (max < hl + 1)
    return 0;
  uint32_t rem = e->cur->len - e->cur_so;
  uint32_t n = rem < max - hl ? rem : (uint32_t)(max - hl);
  int r = um_put(e, n == rem ? RLC_SI_LAST : RLC_SI_MIDDLE, out, max, n);
  if (e->cur_so == e->cur->len) {
    olive_buf_release(e->cur);
    e->cur = NULL;
    e->tx_next = rlc_sn_add(e, e->tx_next, 1);
  }
  return r;
}

/* Lower edge of the reassembly window: RX_Next_Highest - UM_Window_Size (7.2). */
static uint32_t um_lower(const rlc_entity_t *e)
{
  return (e->rx_next_highest - e->window) & (e->sn_mod - 1);
}

/* Position of sn in the window frame that starts at the lower edge. */
static uint32_t um_pos(const rlc_entity_t *e, uint32_t sn)
{
  return rlc_sn_diff(e, sn, um_lower(e));
}

/* Drops the SN slot; a never-completed SDU is lost for good. */
static void um_drop(rlc_entity_t *e, rlc_rx_slot_t *s)
{
  if (!s->done)
    e->m.sdus_lost_um++;
  rlc_rx_free(e, s);
}

/* Frees every slot with SN in [from, to). */
static void um_free_range(rlc_entity_t *e, uint32_t from, uint32_t to)
{
  uint32_t n = rlc_sn_diff(e, to, from);
  if (n >= e->rxw_cap) {
    for (uint32_t i = 0; i < e->rxw_cap; i++)
      if (e->rxw[i].used && rlc_sn_diff(e, e->rxw[i].sn, from) < n)
        um_drop(e, &e->rxw[i]);
    return;
  }
  for (uint32_t i = 0; i < n; i++) {
    rlc_rx_slot_t *s = rlc_rx_find(e, rlc_sn_add(e, from, i));
    if (s)
      um_drop(e, s);
  }
}

/* First SN >= from, not beyond RX_Next_Highest, that is not reassembled and delivered;
 * frees the delivered slots it passes. */
static uint32_t um_first_missing(rlc_entity_t *e, uint32_t from)
{
  uint32_t sn = from;
  while (sn != e->rx_next_highest) {
    rlc_rx_slot_t *s = rlc_rx_find(e, sn);
    if (!s || !s->done)
      break;
    rlc_rx_free(e, s);
    sn = rlc_sn_add(e, sn, 1);
  }
  return sn;
}

static bool um_gap_at(rlc_entity_t *e, uint32_t sn)
{
  rlc_rx_slot_t *s = rlc_rx_find(e, sn);
  return s && rlc_rx_gap_before_last(s);
}

/* TS 38.322 5.2.2.2.3, t-Reassembly part. */
static void um_timer_update(rlc_entity_t *e)
{
  uint32_t nh = um_pos(e, e->rx_next_highest), nr = um_pos(e, e->rx_next);
  if (e->t_reassembly.running) {
    uint32_t tt = um_pos(e, e->rx_trigger);
    if (tt <= nr || (tt >= e->window && e->rx_trigger != e->rx_next_highest) ||
        (nh == nr + 1 && !um_gap_at(e, e->rx_next)))
      rlc_timer_stop(&e->t_reassembly);
  }
  if (!e->t_reassembly.running && (nh > nr + 1 || (nh == nr + 1 && um_gap_at(e, e->rx_next)))) {
    rlc_timer_start(&e->t_reassembly, e->now_us, e->t_reassembly_us);
    e->rx_trigger = e->rx_next_highest;
  }
}

/* x lies beyond the window: move it so that x is its last SN (5.2.2.2.3). */
static void um_move_window(rlc_entity_t *e, uint32_t x)
{
  uint32_t old_lower = um_lower(e);
  e->rx_next_highest = rlc_sn_add(e, x, 1);
  uint32_t lower = um_lower(e);
  um_free_range(e, old_lower, lower);
  if (rlc_sn_diff(e, e->rx_next, lower) >= e->window)
    e->rx_next = um_first_missing(e, lower);
}

static int um_rx_segment(rlc_entity_t *e, const rlc_data_hdr_t *h, const uint8_t *d, uint32_t n)
{
  uint32_t x = h->sn;
  /* 5.2.2.2.2: RX_Next_Highest - UM_Window_Size <= x < RX_Next_Reassembly: discard. */
  if (um_pos(e, x) < um_pos(e, e->rx_next)) {
    e->m.pdus_rx_discarded++;
    return 0;
  }
  if (um_pos(e, x) >= e->window)
    um_move_window(e, x);
  int err;
  rlc_rx_slot_t *s = rlc_rx_get(e, x, &err);
  if (!s) {
    e->m.pdus_rx_discarded++;
    return err;
  }
  int r = rlc_rx_insert(e, s, h->so, d, n, h->si == RLC_SI_LAST);
  if (r != 0) {
    e->m.pdus_rx_discarded++;
    if (!s->nof_iv && !s->done)
      rlc_rx_free(e, s);
    return r == 1 ? 0 : r;
  }
  if (rlc_rx_complete(s)) {
    rlc_rx_deliver(e, s);
    if (x == e->rx_next)
      e->rx_next = um_first_missing(e, x);
  }
  um_timer_update(e);
  return 0;
}

int rlc_um_rx(rlc_entity_t *e, const uint8_t *pdu, size_t len)
{
  rlc_data_hdr_t h;
  int hl = rlc_umd_hdr_unpack(pdu, len, e->sn_bits, &h);
  if (hl < 0)
    return hl;
  uint32_t n = (uint32_t)(len - (size_t)hl);
  if (h.si == RLC_SI_FULL) /* 5.2.2.2.2: no SN, deliver directly */
    return rlc_rx_deliver_copy(e, pdu + hl, n);
  if (h.si == RLC_SI_FIRST && h.so != 0)
    return OLIVE_EPROTO;
  if ((uint32_t)h.so + n > e->max_sdu)
    return OLIVE_EPROTO;
  return um_rx_segment(e, &h, pdu + hl, n);
}

/* TS 38.322 5.2.2.2.4: t-Reassembly expiry. */
void rlc_um_tick(rlc_entity_t *e)
{
  if (!rlc_timer_expired(&e->t_reassembly, e->now_us))
    return;
  e->m.t_reassembly_expiries++;
  uint32_t old = e->rx_next;
  uint32_t sn = e->rx_trigger;
  while (sn != e->rx_next_highest) {
    rlc_rx_slot_t *s = rlc_rx_find(e, sn);
    if (!s || !s->done)
      break;
    sn = rlc_sn_add(e, sn, 1);
  }
  e->rx_next = sn;
  um_free_range(e, old, sn); /* discard segments with SN < RX_Next_Reassembly */
  uint32_t nh = um_pos(e, e->rx_next_highest), nr = um_pos(e, e->rx_next);
  if (nh > nr + 1 || (nh == nr + 1 && um_gap_at(e, e->rx_next))) {
    rlc_timer_start(&e->t_reassembly, e->now_us, e->t_reassembly_us);
    e->rx_trigger = e->rx_next_highest;
  }
}
