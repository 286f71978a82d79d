/* SPDX-License-Identifier: Apache-2.0 */
/* Receive buffer shared by UM and AM: one slot per SN, direct-mapped by SN, holding the
 * byte ranges received so far (TS 38.322 5.2.2.2.2 / 5.2.3.2.2 "byte segment numbers y
 * to z ... received before") and the SDU being reassembled. */
#include <string.h>

#include "olive/support/error.h"
#include "rlc_internal.h"

rlc_rx_slot_t *rlc_rx_find(rlc_entity_t *e, uint32_t sn)
{
  rlc_rx_slot_t *s = &e->rxw[sn & (e->rxw_cap - 1)];
  return s->used && s->sn == sn ? s : NULL;
}

/* The slot of sn, claimed if free. NULL with *err = OLIVE_ENOSPC when another SN holds it
 * (dropped; AM recovers by retransmission). */
rlc_rx_slot_t *rlc_rx_get(rlc_entity_t *e, uint32_t sn, int *err)
{
  rlc_rx_slot_t *s = &e->rxw[sn & (e->rxw_cap - 1)];
  if (s->used) {
    *err = s->sn == sn ? 0 : OLIVE_ENOSPC;
    return s->sn == sn ? s : NULL;
  }
  memset(s, 0, sizeof(*s));
  s->used = true;
  s->sn = sn;
  e->rx_used++;
  *err = 0;
  return s;
}

void rlc_rx_free(rlc_entity_t *e, rlc_rx_slot_t *s)
{
  if (!s->used)
    return;
  olive_buf_release(s->buf);
  s->buf = NULL;
  s->used = false;
  e->rx_used--;
}

bool rlc_rx_complete(const rlc_rx_slot_t *s)
{
  return s->done ||
         (s->has_last && s->nof_iv == 1 && s->iv[0].start == 0 && s->iv[0].end == s->sdu_len);
}

/* "at least one missing byte segment ... before the last byte of all received segments"
 * (5.2.2.2.3, 5.2.3.2.3). */
bool rlc_rx_gap_before_last(const rlc_rx_slot_t *s)
{
  return !s->done && (s->nof_iv > 1 || (s->nof_iv == 1 && s->iv[0].start > 0));
}

/* Merges [so, end) into the sorted range list of s, writing the result to tmp; returns
 * the new count, or -1 when more than RLC_RX_MAX_IV ranges would be needed. */
static int merge(const rlc_rx_slot_t *s, uint32_t so, uint32_t end, rlc_rx_slot_t *tmp)
{
  uint32_t st[RLC_RX_MAX_IV + 1], en[RLC_RX_MAX_IV + 1];
  unsigned m = 0, i = 0;
  for (; i < s->nof_iv && s->iv[i].start <= so; i++, m++) {
    st[m] = s->iv[i].start;
    en[m] = s->iv[i].end;
  }
  st[m] = so;
  en[m++] = end;
  for (; i < s->nof_iv; i++, m++) {
    st[m] = s->iv[i].start;
    en[m] = s->iv[i].end;
  }
  int k = 0;
  for (unsigned j = 0; j < m; j++) {
    if (k > 0 && st[j] <= tmp->iv[k - 1].end) {
      if (en[j] > tmp->iv[k - 1].end)
        tmp->iv[k - 1].end = en[j];
      continue;
    }
    if (k == RLC_RX_MAX_IV)
      return -1;
    tmp->iv[k].start = st[j];
    tmp->iv[k].end = en[j];
    k++;
  }
  return k;
}

/* Adds bytes [so, so+n) of the SDU. 0 when new bytes were stored, 1 when all of them were
 * received before (duplicate), OLIVE_EPROTO when inconsistent with what was received
 * (beyond the known end, second different end), OLIVE_ENOSPC (no buffer / too many
 * holes). */
int rlc_rx_insert(rlc_entity_t *e, rlc_rx_slot_t *s, uint32_t so, const uint8_t *d, uint32_t n,
                  bool last)
{
  uint32_t end = so + n;
  if (s->done)
    return 1;
  if (end > e->max_sdu)
    return OLIVE_EPROTO;
  if (s->has_last && (end > s->sdu_len || (last && end != s->sdu_len)))
    return OLIVE_EPROTO;
  if (last && s->nof_iv && s->iv[s->nof_iv - 1].end > end)
    return OLIVE_EPROTO;
  for (unsigned i = 0; i < s->nof_iv; i++)
    if (s->iv[i].start <= so && end <= s->iv[i].end)
      return 1;
  rlc_rx_slot_t tmp;
  int k = merge(s, so, end, &tmp);
  if (k < 0)
    return OLIVE_ENOSPC;
  if (!s->buf) {
    s->buf = olive_buf_alloc(e->rx_pool);
    if (!s->buf) {
      e->m.rx_pool_exhausted++;
      return OLIVE_ENOSPC;
    }
  }
  memcpy(s->buf->data + so, d, n);
  memcpy(s->iv, tmp.iv, sizeof(s->iv[0]) * (unsigned)k);
  s->nof_iv = (uint8_t)k;
  if (last) {
    s->has_last = true;
    s->sdu_len = end;
  }
  return 0;
}

/* Hands the reassembled SDU up (TS 38.322 5.2.2.2.3 / 5.2.3.2.3 "reassemble ... and
 * deliver"); the slot stays as "done" for the window bookkeeping. */
void rlc_rx_deliver(rlc_entity_t *e, rlc_rx_slot_t *s)
{
  olive_buf_t *b = s->buf;
  s->buf = NULL;
  s->done = true;
  b->len = s->sdu_len;
  e->m.sdus_out++;
  e->m.sdu_bytes_out += b->len;
  e->up.deliver_sdu(e->up.ctx, b);
}

/* A complete SDU in one PDU that needs no SN bookkeeping (TM, UM with SI=00). */
int rlc_rx_deliver_copy(rlc_entity_t *e, const uint8_t *d, uint32_t n)
{
  if (n > e->max_sdu)
    return OLIVE_EPROTO;
  olive_buf_t *b = olive_buf_alloc(e->rx_pool);
  if (!b) {
    e->m.rx_pool_exhausted++;
    return OLIVE_ENOSPC;
  }
  memcpy(b->data, d, n);
  b->len = n;
  e->m.sdus_out++;
  e->m.sdu_bytes_out += n;
  e->up.deliver_sdu(e->up.ctx, b);
  return 0;
}
