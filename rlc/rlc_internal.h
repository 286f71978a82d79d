/* SPDX-License-Identifier: Apache-2.0 */
/* Internal state of an RLC entity (TS 38.322 7.1 state variables). Hidden. */
#ifndef OLIVE_RLC_INTERNAL_H
#define OLIVE_RLC_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "olive/rlc/rlc.h"
#include "olive/rlc/rlc_pdu.h"
#include "olive/support/ring.h"

#define RLC_RX_MAX_IV 8 /* disjoint byte ranges held per SN being reassembled */

/* A deadline on the entity clock; checked by rlc_entity_tick(). */
typedef struct rlc_timer {
  uint64_t deadline_us;
  bool running;
} rlc_timer_t;

/* Ingress command from the upper thread (SPSC ring element). */
typedef struct rlc_cmd {
  olive_buf_t *sdu; /* NULL: discard request */
  uint32_t pdcp_sn;
  uint32_t len;
} rlc_cmd_t;

/* One SN on the receiving side (UM and AM). */
typedef struct rlc_rx_slot {
  uint32_t sn;
  bool used;
  bool done;     /* all bytes received and the SDU delivered */
  bool has_last; /* the segment with the last byte has arrived: sdu_len known */
  uint8_t nof_iv;
  uint32_t sdu_len;
  struct {
    uint32_t start, end; /* [start, end) received, sorted, disjoint, non-adjacent */
  } iv[RLC_RX_MAX_IV];
  olive_buf_t *buf; /* reassembly buffer while !done */
} rlc_rx_slot_t;

/* One SDU in the AM transmit window (TS 38.322 5.2.3.1). */
typedef struct rlc_tx_ent {
  olive_buf_t *sdu; /* NULL when the slot is free */
  uint32_t sn;
  uint32_t pdcp_sn;
  int32_t retx_count;   /* RETX_COUNT; -1 before the first retransmission */
  uint32_t status_id;   /* last STATUS PDU that NACKed it */
  uint16_t retx_queued; /* segments of it in the retransmission queue */
  bool acked;
  bool enq_this_status;
} rlc_tx_ent_t;

typedef struct rlc_retx_seg {
  uint32_t sn;
  uint32_t so, end; /* bytes [so, end) of the SDU */
} rlc_retx_seg_t;

struct rlc_entity {
  rlc_cfg_t cfg;
  unsigned sn_bits;
  uint32_t sn_mod, window; /* 2^sn_bits; UM_Window_Size / AM_Window_Size (7.2) */
  uint32_t max_sdu;
  uint64_t t_poll_retx_us, t_reassembly_us, t_status_prohibit_us;
  uint64_t poll_pdu, poll_byte;
  int32_t max_retx;
  rlc_upper_if_t up;
  rlc_lower_if_t low;
  olive_pcap_t *pcap;
  uint16_t ue_id;
  uint8_t bearer_type, bearer_id;
  bool tx_is_dl;
  uint64_t now_us;

  /* Ingress from the upper thread. */
  olive_spsc_t ring;
  _Atomic uint64_t ring_bytes;
  _Atomic uint64_t sdus_in, sdu_bytes_in, sdus_dropped_full;

  /* TX queue of SDUs not yet (fully) sent: circular, entries may be NULL (discarded). */
  olive_buf_t **txq;
  uint32_t txq_cap, txq_head, txq_count;
  uint64_t txq_bytes;
  uint32_t txq_sdus;
  olive_buf_t *cur; /* SDU being segmented */
  uint32_t cur_sn, cur_so;

  /* UM TX (7.1): TX_Next. AM TX: TX_Next_Ack, TX_Next, POLL_SN, counters. */
  uint32_t tx_next, tx_next_ack, poll_sn;
  uint64_t pdu_without_poll, byte_without_poll;
  bool poll_pending;
  rlc_timer_t t_poll_retx;
  rlc_tx_ent_t *txw;
  uint32_t txw_cap, txw_unacked;
  rlc_retx_seg_t *retxq;
  uint32_t retxq_cap, retxq_head, retxq_count;
  uint64_t retxq_bytes;
  uint32_t status_seq;

  /* RX (7.1). UM: RX_Next_Reassembly, RX_Timer_Trigger, RX_Next_Highest.
   * AM: RX_Next, RX_Next_Status_Trigger, RX_Highest_Status, RX_Next_Highest. */
  rlc_rx_slot_t *rxw;
  uint32_t rxw_cap, rx_used;
  uint32_t rx_next, rx_trigger, rx_highest_status, rx_next_highest;
  rlc_timer_t t_reassembly, t_status_prohibit;
  bool status_triggered;
  bool poll_delayed;
  uint32_t poll_delayed_sn;
  olive_buf_pool_t own_pool;
  olive_buf_pool_t *rx_pool;
  rlc_status_pdu_t status; /* scratch for building / parsing STATUS PDUs */

  rlc_metrics_t m; /* MAC-thread counters */
};

/* Modular helpers: distance from base to sn in SN space. */
static inline uint32_t rlc_sn_diff(const struct rlc_entity *e, uint32_t sn, uint32_t base)
{
  return (sn - base) & (e->sn_mod - 1);
}
static inline uint32_t rlc_sn_add(const struct rlc_entity *e, uint32_t sn, uint32_t n)
{
  return (sn + n) & (e->sn_mod - 1);
}

static inline void rlc_timer_start(rlc_timer_t *t, uint64_t now, uint64_t dur)
{
  t->deadline_us = now + dur;
  t->running = true;
}
static inline void rlc_timer_stop(rlc_timer_t *t)
{
  t->running = false;
}
static inline bool rlc_timer_expired(rlc_timer_t *t, uint64_t now)
{
  if (!t->running || now < t->deadline_us)
    return false;
  t->running = false;
  return true;
}

/* rlc_entity.c: shared TX queue */
void rlc_txq_drain(struct rlc_entity *e);
olive_buf_t *rlc_txq_peek(struct rlc_entity *e);
void rlc_txq_pop(struct rlc_entity *e);

/* rlc_rx_slots.c */
rlc_rx_slot_t *rlc_rx_find(struct rlc_entity *e, uint32_t sn);
rlc_rx_slot_t *rlc_rx_get(struct rlc_entity *e, uint32_t sn, int *err);
int rlc_rx_insert(struct rlc_entity *e, rlc_rx_slot_t *s, uint32_t so, const uint8_t *d, uint32_t n,
                  bool last);
bool rlc_rx_complete(const rlc_rx_slot_t *s);
bool rlc_rx_gap_before_last(const rlc_rx_slot_t *s);
void rlc_rx_deliver(struct rlc_entity *e, rlc_rx_slot_t *s);
void rlc_rx_free(struct rlc_entity *e, rlc_rx_slot_t *s);
int rlc_rx_deliver_copy(struct rlc_entity *e, const uint8_t *d, uint32_t n);

/* rlc_pcap.c */
void rlc_pcap_pdu(struct rlc_entity *e, bool tx, const uint8_t *pdu, size_t len);

/* Mode handlers. */
int rlc_tm_pull(struct rlc_entity *e, uint8_t *out, size_t max);
int rlc_tm_rx(struct rlc_entity *e, const uint8_t *pdu, size_t len);
int rlc_um_pull(struct rlc_entity *e, uint8_t *out, size_t max);
int rlc_um_rx(struct rlc_entity *e, const uint8_t *pdu, size_t len);
void rlc_um_tick(struct rlc_entity *e);
int rlc_am_pull(struct rlc_entity *e, uint8_t *out, size_t max);
int rlc_am_tx_status(struct rlc_entity *e, const uint8_t *pdu, size_t len);
void rlc_am_tx_tick(struct rlc_entity *e);
int rlc_am_rx(struct rlc_entity *e, const uint8_t *pdu, size_t len);
void rlc_am_rx_tick(struct rlc_entity *e);
int rlc_am_status_build(struct rlc_entity *e, uint8_t *out, size_t max);
uint32_t rlc_am_status_estimate(const struct rlc_entity *e);
void rlc_am_tx_free(struct rlc_entity *e);

#endif
