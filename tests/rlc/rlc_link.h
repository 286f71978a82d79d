/* SPDX-License-Identifier: Apache-2.0 */
/* Test harness: two RLC entities joined by a lossy link model (loss, duplication,
 * reordering by random delay, per-slot grant sizes), SDUs whose content is a function of
 * their index so the receiver can check every byte, and exactly-once bookkeeping. */
#ifndef OLIVE_TEST_RLC_LINK_H
#define OLIVE_TEST_RLC_LINK_H

#include <stdlib.h>
#include <string.h>

#include "olive/rlc/rlc.h"
#include "olive/rlc/rlc_pdu.h"
#include "olive/support/buf.h"
#include "olive_test.h"

#define LINK_MAX_PDU   1600
#define LINK_MAX_QUEUE 8192

typedef struct link_pdu {
  uint32_t due_slot;
  uint16_t len;
  uint8_t data[LINK_MAX_PDU];
} link_pdu_t;

/* One direction of the link. */
typedef struct link_dir {
  link_pdu_t *q;
  uint32_t n;
  double loss, dup;
  uint32_t max_delay; /* slots */
  uint64_t sent, lost, dups;
} link_dir_t;

/* SDU length and content are functions of the index (reproducible at the receiver). */
static inline uint32_t sdu_hash(uint32_t i)
{
  uint32_t x = i * 0x9E3779B1u;
  x ^= x >> 15;
  x *= 0x85EBCA77u;
  x ^= x >> 13;
  return x;
}

static inline uint32_t sdu_len(uint32_t i, uint32_t max_len)
{
  return 4 + sdu_hash(i) % (max_len - 3);
}

static inline uint8_t sdu_byte(uint32_t i, uint32_t j)
{
  return (uint8_t)(sdu_hash(i) >> 8) + (uint8_t)(j * 7);
}

static inline void sdu_fill(olive_buf_t *b, uint32_t i, uint32_t len)
{
  uint8_t *p = olive_buf_put(b, len);
  p[0] = (uint8_t)(i >> 24);
  p[1] = (uint8_t)(i >> 16);
  p[2] = (uint8_t)(i >> 8);
  p[3] = (uint8_t)i;
  for (uint32_t j = 4; j < len; j++)
    p[j] = sdu_byte(i, j);
}

#define SINK_ANY_LEN UINT32_MAX

/* Receiver-side bookkeeping. */
typedef struct sink {
  uint32_t n, max_len;
  uint32_t fixed_len; /* when not 0: every SDU has this length instead of sdu_len();
                         SINK_ANY_LEN: length not checked, content is */
  uint16_t *count;    /* deliveries per index */
  uint64_t delivered, corrupt;
  uint32_t last_idx;
  bool in_order;
  uint64_t rlf;
  uint32_t rlf_sn;
  uint64_t acked;
} sink_t;

static inline void sink_deliver(void *ctx, olive_buf_t *b)
{
  sink_t *s = ctx;
  uint32_t i = 0;
  if (b->len >= 4)
    i = (uint32_t)b->data[0] << 24 | (uint32_t)b->data[1] << 16 | (uint32_t)b->data[2] << 8 |
        b->data[3];
  uint32_t want = s->fixed_len ? s->fixed_len : (i < s->n ? sdu_len(i, s->max_len) : 0);
  bool ok = b->len >= 4 && i < s->n && (b->len == want || s->fixed_len == SINK_ANY_LEN);
  for (uint32_t j = 4; ok && j < b->len; j++)
    ok = b->data[j] == sdu_byte(i, j);
  if (!ok) {
    s->corrupt++;
  } else {
    if (s->delivered && i != s->last_idx + 1)
      s->in_order = false;
    s->last_idx = i;
    s->count[i]++;
    s->delivered++;
  }
  olive_buf_release(b);
}

static inline void sink_rlf(void *ctx, uint32_t pdcp_sn)
{
  sink_t *s = ctx;
  s->rlf++;
  s->rlf_sn = pdcp_sn;
}

static inline void sink_acked(void *ctx, uint32_t pdcp_sn)
{
  (void)pdcp_sn;
  ((sink_t *)ctx)->acked++;
}

static inline void sink_init(sink_t *s, uint32_t n, uint32_t max_len)
{
  memset(s, 0, sizeof(*s));
  s->n = n;
  s->max_len = max_len;
  s->count = calloc(n, sizeof(uint16_t));
  s->in_order = true;
}

static inline void link_init(link_dir_t *d, double loss, double dup, uint32_t max_delay)
{
  memset(d, 0, sizeof(*d));
  d->q = malloc(sizeof(link_pdu_t) * LINK_MAX_QUEUE);
  d->loss = loss;
  d->dup = dup;
  d->max_delay = max_delay;
}

/* Puts a PDU on the link: it may be lost, duplicated and delayed. Returns the number of
 * copies queued (0 = lost). */
static inline int link_send(link_dir_t *d, olive_test_rng_t *r, uint32_t slot, const uint8_t *pdu,
                            int len)
{
  d->sent++;
  if (olive_test_unit(r) < d->loss) {
    d->lost++;
    return 0;
  }
  int copies = olive_test_unit(r) < d->dup ? 2 : 1;
  d->dups += (uint64_t)(copies - 1);
  for (int c = 0; c < copies && d->n < LINK_MAX_QUEUE; c++) {
    link_pdu_t *p = &d->q[d->n++];
    p->due_slot = slot + (d->max_delay ? olive_test_below(r, d->max_delay + 1) : 0);
    p->len = (uint16_t)len;
    memcpy(p->data, pdu, (size_t)len);
  }
  return copies;
}

/* Delivers the PDUs due at this slot (in queue order, which the random delays have
 * already shuffled). */
static inline void link_deliver(link_dir_t *d, uint32_t slot, rlc_entity_t *rx)
{
  uint32_t k = 0;
  for (uint32_t i = 0; i < d->n; i++) {
    if (d->q[i].due_slot <= slot) {
      rlc_entity_write_pdu(rx, d->q[i].data, d->q[i].len);
    } else {
      if (k != i)
        d->q[k] = d->q[i];
      k++;
    }
  }
  d->n = k;
}

static inline void link_free(link_dir_t *d)
{
  free(d->q);
}

#endif
