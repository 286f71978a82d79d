/* SPDX-License-Identifier: Apache-2.0 */
/* STATUS PDU construction, TS 38.322 5.3.4: NACK every SN in [RX_Next, RX_Highest_Status)
 * not completely received (with SOstart/SOend for missing byte ranges of partly received
 * SDUs, and a NACK range for runs of wholly missing SDUs); ACK_SN is the next SN not
 * reported as missing. When the grant is too small the report stops early and ACK_SN is
 * the first SN left out (5.3.4: "... in the resulting STATUS PDU"). */
#include "olive/support/error.h"
#include "rlc_internal.h"

typedef struct status_ctx {
  rlc_status_pdu_t *s;
  unsigned sn_bits;
  size_t size, max;
} status_ctx_t;

/* Adds a wholly missing SN, extending the previous NACK range when contiguous. */
static bool add_missing(status_ctx_t *c, const rlc_entity_t *e, uint32_t sn)
{
  rlc_status_pdu_t *s = c->s;
  if (s->nof_nacks) {
    rlc_status_nack_t *k = &s->nacks[s->nof_nacks - 1];
    uint32_t r = k->range ? k->range : 1;
    if (!k->has_so && r < 255 && rlc_sn_add(e, k->sn, r) == sn) {
      size_t cost = k->range ? 0 : 1;
      if (c->size + cost > c->max)
        return false;
      k->range = (uint8_t)(r + 1);
      c->size += cost;
      return true;
    }
  }
  size_t cost = (size_t)rlc_status_nack_len(c->sn_bits, false, false);
  if (c->size + cost > c->max || s->nof_nacks == RLC_STATUS_MAX_NACKS)
    return false;
  s->nacks[s->nof_nacks++] = (rlc_status_nack_t){.sn = sn};
  c->size += cost;
  return true;
}

/* Adds the holes of a partly received SN: all of them or none. */
static bool add_partial(status_ctx_t *c, const rlc_rx_slot_t *sl)
{
  rlc_status_nack_t g[RLC_RX_MAX_IV + 1];
  unsigned ng = 0;
  uint32_t at = 0;
  for (unsigned i = 0; i < sl->nof_iv; i++) {
    if (sl->iv[i].start > at)
      g[ng++] = (rlc_status_nack_t){.sn = sl->sn,
                                    .has_so = true,
                                    .so_start = (uint16_t)at,
                                    .so_end = (uint16_t)(sl->iv[i].start - 1)};
    at = sl->iv[i].end;
  }
  if (!sl->has_last)
    g[ng++] = (rlc_status_nack_t){
        .sn = sl->sn, .has_so = true, .so_start = (uint16_t)at, .so_end = RLC_SO_END_LAST};
  size_t cost = ng * (size_t)rlc_status_nack_len(c->sn_bits, true, false);
  if (c->size + cost > c->max || c->s->nof_nacks + ng > RLC_STATUS_MAX_NACKS)
    return false;
  for (unsigned i = 0; i < ng; i++)
    c->s->nacks[c->s->nof_nacks++] = g[i];
  c->size += cost;
  return true;
}

int rlc_am_status_build(rlc_entity_t *e, uint8_t *out, size_t max)
{
  size_t hl = (size_t)rlc_status_hdr_len(e->sn_bits);
  if (max < hl)
    return 0;
  status_ctx_t c = {.s = &e->status, .sn_bits = e->sn_bits, .size = hl, .max = max};
  e->status.nof_nacks = 0;
  e->status.ack_sn = e->rx_highest_status;
  for (uint32_t sn = e->rx_next; sn != e->rx_highest_status; sn = rlc_sn_add(e, sn, 1)) {
    rlc_rx_slot_t *sl = rlc_rx_find(e, sn);
    bool ok = true;
    if (sl && rlc_rx_complete(sl))
      continue;
    if (!sl || !sl->nof_iv)
      ok = add_missing(&c, e, sn);
    else
      ok = add_partial(&c, sl);
    if (!ok) {
      e->status.ack_sn = sn;
      break;
    }
  }
  int n = rlc_status_pack(&e->status, e->sn_bits, out, max);
  if (n <= 0)
    return 0;
  e->status_triggered = false;
  if (e->t_status_prohibit_us)
    rlc_timer_start(&e->t_status_prohibit, e->now_us, e->t_status_prohibit_us);
  e->m.status_tx++;
  return n;
}

/* Buffer-status estimate of the pending STATUS PDU: header plus one NACK per SN that
 * would be reported, capped at a typical MTU. */
uint32_t rlc_am_status_estimate(const rlc_entity_t *e)
{
  if (!e->status_triggered || e->t_status_prohibit.running)
    return 0;
  uint64_t n = rlc_sn_diff(e, e->rx_highest_status, e->rx_next);
  uint64_t est = 3 + n * (uint64_t)rlc_status_nack_len(e->sn_bits, false, false);
  return est > 1500 ? 1500 : (uint32_t)est;
}
