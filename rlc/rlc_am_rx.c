/* SPDX-License-Identifier: Apache-2.0 */
/* AM receiving side, TS 38.322 5.2.3.2 (window, reassembly, t-Reassembly) and 5.3.4
 * (STATUS reporting). State variables (7.1): RX_Next (e->rx_next), RX_Next_Status_Trigger
 * (e->rx_trigger), RX_Highest_Status, RX_Next_Highest. */
#include "olive/support/error.h"
#include "rlc_internal.h"

static uint32_t pos(const rlc_entity_t *e, uint32_t sn)
{
  return rlc_sn_diff(e, sn, e->rx_next);
}

static bool am_gap_at(rlc_entity_t *e, uint32_t sn)
{
  rlc_rx_slot_t *s = rlc_rx_find(e, sn);
  return s && rlc_rx_gap_before_last(s);
}

static bool am_complete(rlc_entity_t *e, uint32_t sn)
{
  rlc_rx_slot_t *s = rlc_rx_find(e, sn);
  return s && rlc_rx_complete(s);
}

/* First SN >= from, below RX_Next_Highest, for which not all bytes have been received. */
static uint32_t am_first_incomplete(rlc_entity_t *e, uint32_t from)
{
  uint32_t sn = from;
  while (sn != e->rx_next_highest && am_complete(e, sn))
    sn = rlc_sn_add(e, sn, 1);
  return sn;
}

/* RX_Next moves to the first incomplete SN after it; the slots it passes are released. */
static void am_advance_rx_next(rlc_entity_t *e)
{
  while (e->rx_next != e->rx_next_highest) {
    rlc_rx_slot_t *s = rlc_rx_find(e, e->rx_next);
    if (!s || !rlc_rx_complete(s))
      break;
    rlc_rx_free(e, s);
    e->rx_next = rlc_sn_add(e, e->rx_next, 1);
  }
}

/* 5.3.4: a poll whose STATUS was delayed is answered once x < RX_Highest_Status or x is
 * outside the window. */
static void am_check_delayed_poll(rlc_entity_t *e)
{
  if (!e->poll_delayed)
    return;
  uint32_t x = pos(e, e->poll_delayed_sn);
  if (x < pos(e, e->rx_highest_status) || x >= e->window) {
    e->poll_delayed = false;
    e->status_triggered = true;
  }
}

/* TS 38.322 5.2.3.2.3, t-Reassembly part. */
static void am_timer_update(rlc_entity_t *e)
{
  uint32_t nh = pos(e, e->rx_next_highest);
  if (e->t_reassembly.running) {
    uint32_t tr = pos(e, e->rx_trigger);
    /* = RX_Next; = RX_Next + 1 with no gap in RX_Next; outside the window and not
     * RX_Next + AM_Window_Size */
    if (tr == 0 || (tr == 1 && !am_gap_at(e, e->rx_next)) || tr > e->window)
      rlc_timer_stop(&e->t_reassembly);
  }
  if (!e->t_reassembly.running && (nh > 1 || (nh == 1 && am_gap_at(e, e->rx_next)))) {
    rlc_timer_start(&e->t_reassembly, e->now_us, e->t_reassembly_us);
    e->rx_trigger = e->rx_next_highest;
  }
}

/* TS 38.322 5.2.3.2.3: the PDU with SN x was placed in the reception buffer. */
static void am_placed(rlc_entity_t *e, rlc_rx_slot_t *s, uint32_t x)
{
  if (pos(e, x) >= pos(e, e->rx_next_highest))
    e->rx_next_highest = rlc_sn_add(e, x, 1);
  if (rlc_rx_complete(s)) {
    rlc_rx_deliver(e, s);
    if (x == e->rx_highest_status)
      e->rx_highest_status = am_first_incomplete(e, rlc_sn_add(e, x, 1));
    if (x == e->rx_next)
      am_advance_rx_next(e);
  }
  am_timer_update(e);
}

/* 5.2.3.2.2: place the bytes unless outside the window or all received before. Returns
 * 1 when the PDU was discarded, 0 when placed, <0 on error (dropped too). */
static int am_place(rlc_entity_t *e, const rlc_data_hdr_t *h, const uint8_t *d, uint32_t n)
{
  if (pos(e, h->sn) >= e->window)
    return 1;
  int err;
  rlc_rx_slot_t *s = rlc_rx_get(e, h->sn, &err);
  if (!s)
    return err;
  int r = rlc_rx_insert(e, s, h->so, d, n, h->si == RLC_SI_FULL || h->si == RLC_SI_LAST);
  if (r != 0) {
    if (!s->nof_iv && !s->done)
      rlc_rx_free(e, s);
    return r;
  }
  am_placed(e, s, h->sn);
  return 0;
}

int rlc_am_rx(rlc_entity_t *e, const uint8_t *pdu, size_t len)
{
  rlc_data_hdr_t h;
  int hl = rlc_amd_hdr_unpack(pdu, len, e->sn_bits, &h);
  if (hl < 0)
    return hl;
  uint32_t n = (uint32_t)(len - (size_t)hl);
  if ((uint32_t)h.so + n > e->max_sdu)
    return OLIVE_EPROTO;
  int r = am_place(e, &h, pdu + hl, n);
  if (r != 0)
    e->m.pdus_rx_discarded++;
  if (h.poll) { /* 5.3.4 */
    uint32_t x = pos(e, h.sn);
    if (r != 0 || x < pos(e, e->rx_highest_status) || x >= e->window) {
      e->status_triggered = true;
    } else {
      e->poll_delayed = true;
      e->poll_delayed_sn = h.sn;
    }
  }
  am_check_delayed_poll(e);
  return r < 0 ? r : 0; /* EPROTO (inconsistent segment) or ENOSPC (no slot/buffer) */
}

/* TS 38.322 5.2.3.2.4: t-Reassembly expiry; 5.3.4: it triggers a STATUS report. */
static void am_reassembly_expired(rlc_entity_t *e)
{
  e->m.t_reassembly_expiries++;
  e->rx_highest_status = am_first_incomplete(e, e->rx_trigger);
  uint32_t nh = pos(e, e->rx_next_highest), hs = pos(e, e->rx_highest_status);
  if (nh > hs + 1 || (nh == hs + 1 && am_gap_at(e, e->rx_highest_status))) {
    rlc_timer_start(&e->t_reassembly, e->now_us, e->t_reassembly_us);
    e->rx_trigger = e->rx_next_highest;
  }
  e->status_triggered = true;
  am_check_delayed_poll(e);
}

void rlc_am_rx_tick(rlc_entity_t *e)
{
  if (rlc_timer_expired(&e->t_reassembly, e->now_us))
    am_reassembly_expired(e);
  rlc_timer_expired(&e->t_status_prohibit, e->now_us);
}
