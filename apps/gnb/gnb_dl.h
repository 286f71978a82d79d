/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB's downlink slot work, run by the engine's workers: the MAC broadcast scheduler
 * fills the slot request (olive/phy/slot_request.h), a DL processor (olive/phy/dl.h)
 * turns it into samples, and the MIB / SIB1 sent go to the MAC-NR pcap.
 *
 * One phy_dl_t per worker. A worker claims a free processor with one atomic test-and-set
 * per slot (no lock, no thread-local state): with as many processors as workers a free
 * one always exists. Nothing here allocates, prints or blocks on the slot path (the pcap
 * writer queues to its own thread). */
#ifndef OLIVE_APPS_GNB_DL_H
#define OLIVE_APPS_GNB_DL_H

#include <stdatomic.h>
#include <stdint.h>

#include "gnb_cell.h"
#include "olive/mac/bcast.h"
#include "olive/mac/pcap.h"
#include "olive/phy/dl.h"
#include "olive/radio/engine.h"

typedef struct gnb_dl_proc {
  atomic_flag busy;
  phy_dl_t *dl;
  phy_dl_slot_req_t req;
} gnb_dl_proc_t;

typedef struct gnb_dl {
  const gnb_cell_t *cell;
  mac_bcast_t *bcast;
  mac_pcap_t *pcap; /* NULL: no capture */
  unsigned nof_proc;
  gnb_dl_proc_t proc[OLIVE_ENGINE_MAX_WORKERS];
  _Atomic uint64_t slots, ssb, sib1, rejected, no_proc, ul_slots;
} gnb_dl_t;

typedef struct gnb_dl_args {
  const gnb_cell_t *cell;
  uint32_t pci;
  unsigned nof_proc;     /* = engine workers, 1..OLIVE_ENGINE_MAX_WORKERS */
  const char *pcap_path; /* NULL: no MAC pcap */
} gnb_dl_args_t;

/* Creates the scheduler, the processors and the pcap writer. 0, or a negative
 * olive_err_t with why written to msg. */
int gnb_dl_init(gnb_dl_t *g, const gnb_dl_args_t *a, char *msg, size_t msg_len);

/* Frees everything; flushes and closes the pcap. NULL-safe, idempotent. */
void gnb_dl_free(gnb_dl_t *g);

/* olive_engine_dl_fn: fills one DL slot. ctx is the gnb_dl_t. */
int gnb_dl_slot(void *ctx, const olive_engine_slot_t *s, olive_radio_cf_t *const *tx);

#endif
