/* SPDX-License-Identifier: Apache-2.0 */
/* One PDSCH-like link, transmitter to receiver, one transport block per slot:
 *   TBS (TS 38.214 5.1.3.2) -> TB CRC, segmentation, LDPC, rate matching (TS 38.212 7.2,
 *   5.2.2, 5.3.2, 5.4.2) -> modulation (TS 38.211 5.1) -> AWGN -> max-log demapping ->
 *   HARQ buffer, LDPC decoding with CB-CRC early stop -> TB CRC.
 * The allocation is n_prb PRBs of 12 data symbols with one DM-RS symbol whose two CDM
 * groups carry no data (132 data REs per PRB). All buffers are allocated at init;
 * demo_link_run() never allocates. */
#ifndef OLIVE_APPS_DEMO_LINK_H
#define OLIVE_APPS_DEMO_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/phy/modulation.h"
#include "olive/phy/tbs.h"

typedef struct demo_link_args {
  unsigned n_prb;        /* 1..275 */
  phy_mcs_table_t table; /* MCS table */
  unsigned mcs;          /* MCS index of the table (not reserved) */
  double snr_db;         /* Es/N0 per received symbol */
  unsigned max_iters;
  uint64_t seed;
} demo_link_args_t;

typedef struct demo_link_result {
  bool tb_ok;
  unsigned iters; /* LDPC iterations summed over the code blocks */
} demo_link_result_t;

typedef struct demo_link {
  demo_link_args_t a;
  phy_mcs_t mcs;
  phy_mod_t mod;
  phy_sch_cfg_t sch_cfg;
  unsigned tbs, g, nsym, c;
  float noise_var;
  phy_sch_t sch;
  phy_modulation_t modem;
  uint8_t *tb, *tb_rx;
  uint8_t *bits;
  cf_t *sym;
  int8_t *llr;
  cf_t *noise; /* unit-variance complex Gaussian samples, made at init */
  uint64_t rng;
} demo_link_t;

/* 0, OLIVE_EINVAL (a reserved or unknown MCS, a bad size) or OLIVE_ENOMEM. */
int demo_link_init(demo_link_t *l, const demo_link_args_t *args);
void demo_link_free(demo_link_t *l);
void demo_link_run(demo_link_t *l, demo_link_result_t *res);

#endif
