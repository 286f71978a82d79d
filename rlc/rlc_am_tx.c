/* SPDX-License-Identifier: Apache-2.0 */
/* AM transmitting side, TS 38.322 5.2.3.1 (window), 5.3.2 (retransmission), 5.3.3
 * (polling). State variables (7.1): TX_Next_Ack, TX_Next, POLL_SN, PDU_WITHOUT_POLL,
 * BYTE_WITHOUT_POLL, RETX_COUNT (per SDU). */
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "rlc_internal.h"

static rlc_tx_ent_t *txw_ent(rlc_entity_t *e, uint32_t sn)
{
  rlc_tx_ent_t *t = &e->txw[sn & (e->txw_cap - 1)];
  return t->sdu && t->sn == sn ? t : NULL;
}

/* No new SN may be assigned: TX_Next >= TX_Next_Ack + window (5.2.3.1.1); the window here
 * is the configured tx_window (<= AM_Window_Size). */
static bool am_stalled(const rlc_entity_t *e)
{
  return rlc_sn_diff(e, e->tx_next, e->tx_next_ack) >= e->txw_cap;
}

void rlc_am_tx_free(rlc_entity_t *e)
{
  for (uint32_t i = 0; e->txw && i < e->txw_cap; i++) {
    olive_buf_release(e->txw[i].sdu);
    e->txw[i].sdu = NULL;
  }
  e->cur = NULL;
}

/* Writes an AMD PDU carrying bytes [so, so+n) of the SDU of t. */
static int am_put(rlc_entity_t *e, const rlc_tx_ent_t *t, uint32_t so, uint32_t n, uint8_t *out,
                  size_t max)
{
  uint32_t len = t->sdu->len;
  rlc_si_t si = so == 0 ? (n == len ? RLC_SI_FULL : RLC_SI_FIRST)
                        : (so + n == len ? RLC_SI_LAST : RLC_SI_MIDDLE);
  rlc_data_hdr_t h = {.si = si, .sn = t->sn, .so = (uint16_t)so};
  int hl = rlc_amd_hdr_pack(&h, e->sn_bits, out, max);
  memcpy(out + hl, t->sdu->data + so, n);
  return hl + (int)n;
}

static bool am_buffers_empty(rlc_entity_t *e)
{
  return !e->cur && !rlc_txq_peek(e) && e->retxq_count == 0;
}

/* TS 38.322 5.3.3.2: set the P field, then POLL_SN and t-PollRetransmit (5.3.3.2). */
static void am_poll(rlc_entity_t *e, uint8_t *out, bool new_data, uint32_t n)
{
  bool poll = e->poll_pending;
  if (new_data) {
    e->pdu_without_poll++;
    e->byte_without_poll += n;
    if (e->pdu_without_poll >= e->poll_pdu || e->byte_without_poll >= e->poll_byte)
      poll = true;
  }
  if (am_buffers_empty(e) || am_stalled(e))
    poll = true;
  if (!poll)
    return;
  out[0] |= 0x40;
  e->pdu_without_poll = 0;
  e->byte_without_poll = 0;
  e->poll_pending = false;
  e->poll_sn = rlc_sn_add(e, e->tx_next, e->sn_mod - 1); /* highest SN submitted */
  rlc_timer_start(&e->t_poll_retx, e->now_us, e->t_poll_retx_us);
}

static void retxq_pop(rlc_entity_t *e)
{
  rlc_retx_seg_t *s = &e->retxq[e->retxq_head];
  e->retxq_bytes -= s->end - s->so;
  rlc_tx_ent_t *t = txw_ent(e, s->sn);
  if (t && t->retx_queued)
    t->retx_queued--;
  e->retxq_head = (e->retxq_head + 1) % e->retxq_cap;
  e->retxq_count--;
}

/* TS 38.322 5.3.2: retransmit (re-segmenting to fit) the oldest pending segment. */
static int am_pull_retx(rlc_entity_t *e, uint8_t *out, size_t max)
{
  while (e->retxq_count) {
    rlc_retx_seg_t *s = &e->retxq[e->retxq_head];
    rlc_tx_ent_t *t = txw_ent(e, s->sn);
    if (!t || t->acked) {
      retxq_pop(e);
      continue;
    }
    size_t hl = (size_t)rlc_amd_hdr_len(e->sn_bits, s->so ? RLC_SI_MIDDLE : RLC_SI_FIRST);
    if (max < hl + 1)
      return 0;
    uint32_t n = s->end - s->so;
    if (n > max - hl)
      n = (uint32_t)(max - hl);
    int r = am_put(e, t, s->so, n, out, max);
    s->so += n;
    e->retxq_bytes -= n;
    if (s->so == s->end) {
      retxq_pop(e);
    }
    e->m.retx_pdus++;
    e->m.retx_bytes += n;
    am_poll(e, out, false, n);
    return r;
  }
  return 0;
}

/* Continues the SDU being segmented: SO is present from the second segment on. */
static int am_pull_cur(rlc_entity_t *e, uint8_t *out, size_t max)
{
  size_t hl = (size_t)rlc_amd_hdr_len(e->sn_bits, RLC_SI_LAST);
  if (max < hl + 1)
    return 0;
  rlc_tx_ent_t *t = &e->txw[e->cur_sn & (e->txw_cap - 1)];
  uint32_t rem = e->cur->len - e->cur_so, n = rem;
  if (n > max - hl)
    n = (uint32_t)(max - hl);
  int r = am_put(e, t, e->cur_so, n, out, max);
  e->cur_so += n;
  if (e->cur_so == e->cur->len) {
    e->cur = NULL;
    if (t->acked) { /* acknowledged (by a confused peer) before we finished sending it */
      olive_buf_release(t->sdu);
      t->sdu = NULL;
    }
  }
  am_poll(e, out, true, n);
  return r;
}

/* A new SDU: assign TX_Next (5.2.3.1.1) and send it whole or its first segment. */
static int am_pull_new(rlc_entity_t *e, uint8_t *out, size_t max)
{
  if (e->cur)
    return am_pull_cur(e, out, max);
  size_t hl = (size_t)rlc_amd_hdr_len(e->sn_bits, RLC_SI_FULL);
  olive_buf_t *b = rlc_txq_peek(e);
  if (!b || am_stalled(e) || max < hl + 1)
    return 0;
  rlc_txq_pop(e);
  rlc_tx_ent_t *t = &e->txw[e->tx_next & (e->txw_cap - 1)];
  *t = (rlc_tx_ent_t){.sdu = b, .sn = e->tx_next, .pdcp_sn = (uint32_t)b->user, .retx_count = -1};
  e->tx_next = rlc_sn_add(e, e->tx_next, 1);
  e->txw_unacked++;
  uint32_t n = b->len;
  if (n > max - hl) {
    n = (uint32_t)(max - hl);
    e->cur = b;
    e->cur_sn = t->sn;
    e->cur_so = n;
  }
  int r = am_put(e, t, 0, n, out, max);
  am_poll(e, out, true, n);
  return r;
}

/* TS 38.322 5.2.3.1.1: STATUS first, then retransmissions, then new data. */
int rlc_am_pull(rlc_entity_t *e, uint8_t *out, size_t max)
{
  if (e->status_triggered && !e->t_status_prohibit.running) {
    int r = rlc_am_status_build(e, out, max);
    if (r > 0)
      return r;
  }
  int r = am_pull_retx(e, out, max);
  if (r > 0)
    return r;
  return am_pull_new(e, out, max);
}

/* TS 38.322 5.3.2: consider bytes [so, end) of SDU t for retransmission; RETX_COUNT is
 * counted once per SDU per STATUS PDU and only when it is not already pending. */
static void am_consider_retx(rlc_entity_t *e, rlc_tx_ent_t *t, uint32_t so, uint32_t end)
{
  if (t->sdu == e->cur && end > e->cur_so)
    end = e->cur_so; /* bytes not yet sent go out as new data anyway */
  if (so >= end)
    return;
  if (t->status_id != e->status_seq) {
    t->status_id = e->status_seq;
    t->enq_this_status = t->retx_queued == 0;
    if (t->enq_this_status) {
      t->retx_count = t->retx_count < 0 ? 0 : t->retx_count + 1;
      if (t->retx_count == e->max_retx) {
        e->m.max_retx_events++;
        OLOG_WARN(OLIVE_LOG_RLC, "rlc AM: maxRetxThreshold %d reached for SN %u (PDCP SN %u)",
                  e->max_retx, t->sn, t->pdcp_sn);
        if (e->up.max_retx_reached)
          e->up.max_retx_reached(e->up.ctx, t->pdcp_sn);
      }
    }
  }
  if (!t->enq_this_status || e->retxq_count == e->retxq_cap)
    return;
  e->retxq[(e->retxq_head + e->retxq_count) % e->retxq_cap] =
      (rlc_retx_seg_t){.sn = t->sn, .so = so, .end = end};
  e->retxq_count++;
  e->retxq_bytes += end - so;
  t->retx_queued++;
}

static void am_ack(rlc_entity_t *e, rlc_tx_ent_t *t)
{
  t->acked = true;
  e->txw_unacked--;
  if (e->up.sdu_delivered)
    e->up.sdu_delivered(e->up.ctx, t->pdcp_sn);
  if (t->sdu != e->cur) {
    olive_buf_release(t->sdu);
    t->sdu = NULL;
  }
}

/* The NACK entries are consistent with our window: inside [TX_Next_Ack, ACK_SN) and in
 * increasing order (6.2.2.5); ACK_SN <= TX_Next. */
static bool status_valid(const rlc_entity_t *e, const rlc_status_pdu_t *s)
{
  uint32_t a = rlc_sn_diff(e, s->ack_sn, e->tx_next_ack);
  if (a > rlc_sn_diff(e, e->tx_next, e->tx_next_ack))
    return false;
  uint32_t prev = 0;
  for (uint32_t i = 0; i < s->nof_nacks; i++) {
    uint32_t d = rlc_sn_diff(e, s->nacks[i].sn, e->tx_next_ack);
    uint32_t r = s->nacks[i].range ? s->nacks[i].range : 1;
    if (d < prev || d + r > a)
      return false;
    prev = d;
  }
  return true;
}

/* Bytes of SN (NACK entry k, i-th SN of its range) that the entry reports missing. */
static void nack_bytes(const rlc_status_nack_t *k, uint32_t i, uint32_t len, uint32_t *so,
                       uint32_t *end)
{
  uint32_t r = k->range ? k->range : 1;
  *so = 0;
  *end = len;
  if (!k->has_so)
    return;
  if (i == 0)
    *so = k->so_start;
  if (i == r - 1 && k->so_end != RLC_SO_END_LAST && (uint32_t)k->so_end + 1 < len)
    *end = (uint32_t)k->so_end + 1;
}

static uint32_t nack_pos(const rlc_entity_t *e, const rlc_status_nack_t *k)
{
  return rlc_sn_diff(e, k->sn, e->tx_next_ack);
}

static uint32_t nack_span(const rlc_status_nack_t *k)
{
  return k->range ? k->range : 1;
}

/* Handles the SN at distance d from TX_Next_Ack: retransmission of every range the NACK
 * entries report for it, else a positive acknowledgement. *k is the first entry that
 * may still cover d or a later SN (entries are in increasing SN order). */
static void am_status_sn(rlc_entity_t *e, const rlc_status_pdu_t *s, uint32_t *k, uint32_t d)
{
  rlc_tx_ent_t *t = txw_ent(e, rlc_sn_add(e, e->tx_next_ack, d));
  while (*k < s->nof_nacks && nack_pos(e, &s->nacks[*k]) + nack_span(&s->nacks[*k]) <= d)
    (*k)++;
  bool nacked = false;
  for (uint32_t j = *k; j < s->nof_nacks && nack_pos(e, &s->nacks[j]) <= d; j++) {
    uint32_t kd = nack_pos(e, &s->nacks[j]);
    if (d >= kd + nack_span(&s->nacks[j]))
      continue;
    nacked = true;
    if (t && !t->acked) {
      uint32_t so, end;
      nack_bytes(&s->nacks[j], d - kd, t->sdu->len, &so, &end);
      am_consider_retx(e, t, so, end);
    }
  }
  if (!nacked && t && !t->acked)
    am_ack(e, t);
}

/* Applies a valid STATUS PDU: NACKed SNs to retransmission, the rest below ACK_SN
 * acknowledged, then TX_Next_Ack to the first SN not acknowledged (5.2.3.1.1, 5.3.2,
 * 5.3.3.3). */
static void am_apply_status(rlc_entity_t *e, const rlc_status_pdu_t *s)
{
  uint32_t a = rlc_sn_diff(e, s->ack_sn, e->tx_next_ack);
  e->status_seq++;
  if (e->t_poll_retx.running && rlc_sn_diff(e, e->poll_sn, e->tx_next_ack) < a)
    rlc_timer_stop(&e->t_poll_retx); /* 5.3.3.3: POLL_SN is ACKed or NACKed */
  uint32_t k = 0;
  for (uint32_t d = 0; d < a; d++)
    am_status_sn(e, s, &k, d);
  while (e->tx_next_ack != e->tx_next) {
    rlc_tx_ent_t *t = txw_ent(e, e->tx_next_ack);
    if (t && !t->acked)
      break;
    e->tx_next_ack = rlc_sn_add(e, e->tx_next_ack, 1);
  }
}

int rlc_am_tx_status(rlc_entity_t *e, const uint8_t *pdu, size_t len)
{
  int r = rlc_status_unpack(pdu, len, e->sn_bits, &e->status);
  if (r < 0)
    return r;
  e->m.status_rx++;
  if (!status_valid(e, &e->status)) {
    e->m.status_rx_invalid++;
    return 0;
  }
  am_apply_status(e, &e->status);
  return 0;
}

/* TS 38.322 5.3.3.4: t-PollRetransmit expiry. */
void rlc_am_tx_tick(rlc_entity_t *e)
{
  if (!rlc_timer_expired(&e->t_poll_retx, e->now_us))
    return;
  e->m.t_poll_retx_expiries++;
  e->poll_pending = true;
  if (!am_buffers_empty(e) && !am_stalled(e))
    return;
  rlc_tx_ent_t *t = txw_ent(e, rlc_sn_add(e, e->tx_next, e->sn_mod - 1));
  for (uint32_t sn = e->tx_next_ack; (!t || t->acked) && sn != e->tx_next;
       sn = rlc_sn_add(e, sn, 1))
    t = txw_ent(e, sn);
  if (!t || t->acked)
    return;
  e->status_seq++;
  am_consider_retx(e, t, 0, t->sdu->len);
}
