/* SPDX-License-Identifier: Apache-2.0 */
/* RLC entities for NR, TS 38.322: transparent (TM), unacknowledged (UM, 6/12-bit SN) and
 * acknowledged mode (AM, 12/18-bit SN). One rlc_entity_t serves one bearer in both
 * directions (TM and UM are unidirectional in the spec; here one object holds the
 * transmitting and the receiving side so the app wires one thing per bearer).
 *
 * Wiring. The RLC does not call PDCP or MAC directly: the app fills rlc_upper_if_t (SDU
 * delivery, radio link failure, delivery notification) and rlc_lower_if_t (buffer status
 * to the scheduler) with its adapters. Downwards the MAC pulls PDUs of at most N bytes
 * with rlc_entity_pull_pdu() while it builds a transport block.
 *
 * Threading contract.
 *   Upper-layer thread (PDCP), exactly one per entity:
 *     rlc_entity_write_sdu(), rlc_entity_discard_sdu().
 *   MAC slot thread, exactly one per entity:
 *     rlc_entity_pull_pdu(), rlc_entity_write_pdu(), rlc_entity_tick(),
 *     rlc_entity_buffer_status(), rlc_entity_metrics().
 *   Upper-interface callbacks (deliver_sdu, max_retx_reached, sdu_delivered) and the
 *   lower-interface callback run on the MAC slot thread, from inside those calls.
 * The two threads meet only in a lock-free SPSC ring of commands (SDU, discard) plus two
 * atomic counters. A mutex was rejected: the PDCP thread runs at lower priority, and a
 * slot thread blocking on a lock it holds is priority inversion on the slot deadline.
 * Commands keep their order (a discard cannot overtake the SDU it names); the MAC thread
 * drains the ring at the start of each of its calls. Everything else in the entity is
 * touched by the MAC thread only, so it needs no synchronisation.
 *
 * Memory. Everything is allocated in rlc_entity_create() from rlc_entity_args_t. SDUs
 * handed down are olive_buf_t from the caller's pool: the entity keeps them (AM keeps them
 * until acknowledged) and releases them to their pool. Received SDUs are reassembled in
 * olive_buf_t from the RX pool and handed up; the receiver releases them. A pool that runs
 * dry makes the entity drop (and count) the PDU, never allocate.
 *
 * Timers (t-PollRetransmit, t-Reassembly, t-StatusProhibit) are deadlines in the entity
 * checked by rlc_entity_tick(); no OS timers. */
#ifndef OLIVE_RLC_RLC_H
#define OLIVE_RLC_RLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/rlc/rlc_cfg.h"
#include "olive/support/api.h"
#include "olive/support/buf.h"
#include "olive/support/pcap.h"

typedef struct rlc_entity rlc_entity_t;

/* Upward interface (to PDCP / RRC). Callbacks other than deliver_sdu may be NULL. */
typedef struct rlc_upper_if {
  void *ctx;
  /* A reassembled SDU; ownership passes to the callee, which releases it. NR RLC delivers
   * as soon as an SDU is complete (TS 38.322 5.2.3.2.3): out of order; PDCP reorders. */
  void (*deliver_sdu)(void *ctx, olive_buf_t *sdu);
  /* AM: RETX_COUNT reached maxRetxThreshold for an SDU (TS 38.322 5.3.2): RRC declares
   * radio link failure (TS 38.331 5.3.10.3). Called once per such SDU. */
  void (*max_retx_reached)(void *ctx, uint32_t pdcp_sn);
  /* AM: the SDU the upper layer handed down with this PDCP SN is positively acknowledged
   * (TS 38.322 5.2.3.1.1, "indicate to upper layers of successful delivery"). */
  void (*sdu_delivered)(void *ctx, uint32_t pdcp_sn);
} rlc_upper_if_t;

/* Buffer status for the scheduler (TS 38.322 5.5 data volume, plus header estimate). */
typedef struct rlc_buffer_status {
  uint32_t new_bytes;    /* SDU bytes not yet transmitted (incl. queued in the ring) */
  uint32_t retx_bytes;   /* AM: bytes pending retransmission */
  uint32_t status_bytes; /* AM: size of the STATUS PDU waiting to go (0 if none/prohibited) */
  uint32_t hdr_bytes;    /* estimated RLC header bytes needed to send the above */
} rlc_buffer_status_t;

typedef struct rlc_lower_if {
  void *ctx;
  /* Optional: called on the MAC thread when the buffer status changed during a call. */
  void (*buffer_status)(void *ctx, const rlc_buffer_status_t *bs);
} rlc_lower_if_t;

/* Wireshark rlc-nr UDP framing tags (packet-rlc-nr.h): bearer type and direction. */
typedef enum rlc_pcap_bearer {
  RLC_PCAP_BEARER_CCCH = 1,
  RLC_PCAP_BEARER_SRB = 4,
  RLC_PCAP_BEARER_DRB = 5,
} rlc_pcap_bearer_t;

typedef struct rlc_entity_args {
  rlc_cfg_t cfg;
  uint32_t max_sdu_bytes;    /* largest SDU either way; <= 65535 (16-bit SO); 0 = 9000 */
  uint32_t max_tx_sdus;      /* TX queue (and ingress ring) capacity, power of two; 0 = 4096 */
  uint32_t tx_window;        /* AM SDUs in flight (<= AM window), power of two; 0 = min(window,
                                4096) */
  uint32_t rx_window;        /* RX SN slots, power of two; 0 = min(window, 4096). An SN whose
                                slot is taken by another in-window SN is dropped and counted */
  uint32_t rx_nof_bufs;      /* reassembly buffers in the entity's RX pool; 0 = 512 */
  olive_buf_pool_t *rx_pool; /* optional shared RX pool (cap >= max_sdu_bytes) */
  rlc_upper_if_t upper;
  rlc_lower_if_t lower;
  /* Optional trace of every PDU sent and received, Wireshark rlc-nr UDP framing. */
  olive_pcap_t *pcap;
  uint16_t ue_id;
  uint8_t bearer_type; /* rlc_pcap_bearer_t */
  uint8_t bearer_id;
  bool tx_is_dl; /* gNB: true (TX is downlink); UE side: false */
} rlc_entity_args_t;

/* Per-bearer counters (TS 38.322 has none; these are the list). */
typedef struct rlc_metrics {
  uint64_t sdus_in, sdu_bytes_in;         /* accepted from the upper layer */
  uint64_t sdus_dropped_full;             /* refused: ingress ring full */
  uint64_t sdus_discarded;                /* removed by rlc_entity_discard_sdu() */
  uint64_t sdus_out, sdu_bytes_out;       /* delivered upward */
  uint64_t pdus_tx, pdu_bytes_tx;         /* data and control PDUs sent */
  uint64_t pdus_rx, pdu_bytes_rx;         /* PDUs received */
  uint64_t pdus_malformed;                /* rejected by the decoder */
  uint64_t pdus_rx_discarded;             /* out of window, duplicate, SN slot busy */
  uint64_t retx_pdus, retx_bytes;         /* AM retransmitted PDUs / data bytes */
  uint64_t status_tx, status_rx;          /* STATUS PDUs sent / received */
  uint64_t status_rx_invalid;             /* STATUS PDUs ignored as inconsistent */
  uint64_t t_poll_retx_expiries;          /* AM */
  uint64_t t_reassembly_expiries;         /* UM/AM */
  uint64_t max_retx_events;               /* AM: maxRetxThreshold reached */
  uint64_t rx_pool_exhausted;             /* RX PDUs dropped for want of a buffer */
  uint64_t sdus_lost_um;                  /* UM: SNs given up by reassembly */
  uint32_t tx_queue_sdus, tx_queue_bytes; /* occupancy: waiting for first transmission */
  uint32_t tx_unacked_sdus;               /* AM: transmitted, not yet acknowledged */
  uint32_t retx_queue_bytes;              /* AM */
  uint32_t rx_buffered_sns;               /* SNs held in reassembly */
} rlc_metrics_t;

/* Creates an entity. 0, OLIVE_EINVAL (NULL / sizes), OLIVE_ECONFIG (rlc_cfg_validate),
 * or OLIVE_ENOMEM. On failure *out is NULL. */
OLIVE_API int rlc_entity_create(const rlc_entity_args_t *args, rlc_entity_t **out);

/* Releases every buffer the entity holds and frees it. NULL-safe. */
OLIVE_API void rlc_entity_destroy(rlc_entity_t *e);

/* Upper thread. Queues an SDU; the PDCP SN names it for discard and notifications. On
 * success the entity owns sdu. OLIVE_ENOSPC (ring full) or OLIVE_EINVAL (empty or longer
 * than max_sdu_bytes): the caller keeps sdu. */
OLIVE_API int rlc_entity_write_sdu(rlc_entity_t *e, olive_buf_t *sdu, uint32_t pdcp_sn);

/* Upper thread. Asks to discard the SDU with this PDCP SN; done on the MAC thread if no
 * segment of it has been submitted yet (TS 38.322 5.4). 0 or OLIVE_ENOSPC. */
OLIVE_API int rlc_entity_discard_sdu(rlc_entity_t *e, uint32_t pdcp_sn);

/* MAC thread. Writes one RLC PDU of at most max bytes into out and returns its length;
 * 0 when there is nothing to send or nothing fits (state is untouched then). Order per
 * TS 38.322 5.2.3.1.1: STATUS, then retransmissions, then new data, segmenting to fit.
 * Any max >= 8 fits a PDU when data is pending. */
OLIVE_API int rlc_entity_pull_pdu(rlc_entity_t *e, uint8_t *out, size_t max);

/* MAC thread. Processes one received RLC PDU. 0, or OLIVE_EPROTO (malformed, counted and
 * dropped), OLIVE_ENOSPC (no RX buffer; dropped). Never crashes on any input. */
OLIVE_API int rlc_entity_write_pdu(rlc_entity_t *e, const uint8_t *pdu, size_t len);

/* MAC thread. Advances the entity clock to now_us (monotonic, e.g. slot start) and runs
 * the timers that expired. */
OLIVE_API void rlc_entity_tick(rlc_entity_t *e, uint64_t now_us);

/* MAC thread. Current buffer status. */
OLIVE_API void rlc_entity_buffer_status(rlc_entity_t *e, rlc_buffer_status_t *bs);

/* MAC thread. A copy of the counters. */
OLIVE_API void rlc_entity_metrics(rlc_entity_t *e, rlc_metrics_t *m);

#endif
