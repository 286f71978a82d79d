/* SPDX-License-Identifier: Apache-2.0 */
/* The cell a gNB configuration describes, derived and checked once at start-up:
 *   - frequencies: band tables, ARFCN and channel raster, bandwidth per band and SCS,
 *     SSB on the sync raster with k_SSB and offsetToPointA (phy_band_cell_configure,
 *     TS 38.104 5.2, 5.3.5, 5.4.2, 5.4.3);
 *   - CORESET#0 and searchSpace#0 from their indices (TS 38.213 13, Tables 13-1..13-6 and
 *     13-11), L_max and the SSB slots (TS 38.213 4.1);
 *   - the TDD pattern of unpaired bands (TS 38.331 TDD-UL-DL-Pattern, TS 38.213 11.1);
 *   - the PRACH configuration row (TS 38.211 Tables 6.3.3.2-2/-3);
 *   - the MIB and SIB1 (olive_rrc) and the broadcast scheduler's arguments (olive_mac).
 * Every rejection names the key, its value and what is allowed. Not for the slot path. */
#ifndef OLIVE_APPS_GNB_CELL_H
#define OLIVE_APPS_GNB_CELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gnb_cfg.h"
#include "olive/mac/bcast.h"
#include "olive/phy/band.h"
#include "olive/phy/carrier.h"
#include "olive/phy/coreset.h"
#include "olive/phy/prach.h"
#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"

/* Kind of a slot in a TDD pattern (TS 38.213 11.1): all DL, all UL, or DL symbols first,
 * flexible, UL symbols last. FDD slots are all GNB_SLOT_DL for the downlink. */
typedef enum { GNB_SLOT_DL, GNB_SLOT_UL, GNB_SLOT_SPECIAL } gnb_slot_kind_t;

typedef struct gnb_cell {
  phy_band_cell_t freq; /* band, duplex, ARFCNs, SSB placement, k_SSB, offsetToPointA */
  uint32_t scs_khz;     /* carrier = SCS common = SSB SCS */
  uint32_t mu;
  uint32_t min_bw_mhz; /* selects Tables 13-1..13-4 (5 or 10) or 13-5/13-6 (40) */
  uint32_t l_max;      /* SSBs per half frame, TS 38.213 4.1: 4 or 8 */
  uint8_t ssb_bitmap;  /* ssb-PositionsInBurst, MSB = SSB 0: olive sends SSB 0 only */
  uint32_t ssb_period_ms;
  phy_coreset0_t coreset0;
  phy_ss0_t ss0;
  phy_prach_config_t prach;
  bool tdd;
  rrc_tdd_ul_dl_pattern_t tdd_pattern; /* valid when tdd */
  uint32_t tdd_period_slots;
  phy_carrier_t carrier; /* with srate and N_fft */
  uint32_t slot_samples, slots_per_frame;
  double dl_hz, ul_hz; /* carrier centres (RF tuning) */
  uint64_t cell_identity;
  rrc_mib_t mib;
  uint32_t mib_bits; /* BCCH-BCH a_0..a_23, a_0 in bit 23, SFN bits 0 */
  uint8_t sib1[RRC_SIB1_MAX_BYTES];
  uint32_t sib1_len;
} gnb_cell_t;

typedef struct gnb_cell_err {
  const char *key; /* the key to blame (for the origin: file or command line) */
  char msg[480];   /* "<key>: value '<v>' ...; allowed: ..." */
} gnb_cell_err_t;

/* Derives and checks the cell of cfg (which passed gnb_cfg_validate). 0, or
 * OLIVE_ECONFIG with err filled. */
int gnb_cell_derive(const gnb_cfg_t *cfg, gnb_cell_t *cell, gnb_cell_err_t *err);

/* Kind of slot `slot` (0 .. slots_per_frame - 1) for the DL. */
gnb_slot_kind_t gnb_cell_slot_kind(const gnb_cell_t *cell, uint32_t slot);

/* The broadcast scheduler's arguments for the cell (they point into cell->sib1). */
void gnb_cell_bcast_args(const gnb_cell_t *cell, uint32_t pci, mac_bcast_args_t *a);

/* One line describing the cell for the start-up banner. */
int gnb_cell_describe(const gnb_cell_t *cell, char *out, size_t len);

#endif
