/* SPDX-License-Identifier: Apache-2.0 */
/* nrscan: NR cell scanner (issue 8 part 7). A radio (ZeroMQ as the UE side, UHD or a
 * SigMF file) is tuned to each DL ARFCN of the list; every SSB frequency of the band's
 * synchronisation raster (TS 38.104 5.4.3) that fits in the captured band is searched
 * with phy_cellsearch; each cell found is reported with its MIB and SIB1. */
#ifndef NRSCAN_H
#define NRSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/band.h"
#include "olive/phy/cellsearch.h"
#include "olive/radio/radio.h"

#define NRSCAN_MAX_ARFCN 16
#define NRSCAN_MAX_CELLS 32
#define NRSCAN_MAX_CAND  256

typedef struct nrscan_opts {
  const char *driver, *device_args;
  double srate_hz;
  uint32_t band;
  uint32_t scs_khz; /* SSB SCS; 0 = the band's first SSB row */
  uint32_t nof_arfcn, arfcn[NRSCAN_MAX_ARFCN];
  uint32_t nof_ssb_arfcn, ssb_arfcn[NRSCAN_MAX_ARFCN];
  double duration_s; /* signal time per DL ARFCN */
  double rx_gain_db;
  bool any_offset; /* search SSBs off the 15 kHz grid of the tuned centre too */
  bool once;       /* stop at the first cell whose SIB1 decoded */
} nrscan_opts_t;

/* One cell found. */
typedef struct nrscan_cell {
  uint32_t pci, dl_arfcn, ssb_arfcn;
  phy_cellsearch_res_t res;
  bool sib1_ok;
  uint8_t sib1[PHY_CELLSEARCH_MAX_TB_BYTES];
  int sib1_len;
  phy_cellsearch_sib1_res_t sib1_res;
} nrscan_cell_t;

/* Runs the scan and prints the results on stdout. Returns the number of cells found, or
 * a negative error (radio or configuration). */
int nrscan_run(const nrscan_opts_t *o);

/* Printing (report.c). */
void nrscan_print_mib(const nrscan_cell_t *c, uint64_t ts);
void nrscan_print_cell(const nrscan_cell_t *c);

#endif
