/* SPDX-License-Identifier: Apache-2.0 */
/* NR operating bands and cell frequency configuration, FR1 (TS 38.104 Release 15/16).
 *
 * Tables (data in phy/band/band_table.c, each with its table number):
 *   Table 5.2-1      operating bands: duplex mode, UL and DL frequency ranges;
 *   Table 5.3.5-1    BS channel bandwidths per band and SCS;
 *   Table 5.4.2.3-1  channel raster: dF_Raster and the UL/DL N_REF ranges <step>;
 *   Table 5.4.3.3-1  SSB SCS, SSB pattern case and GSCN range <step> per band.
 * Conversions: Table 5.4.3.1-1 (GSCN <-> SS_REF). NR-ARFCN <-> Hz (5.4.2.1) is in
 * carrier.h and reused here.
 *
 * Cell placement (phy_band_cell_configure): from band, carrier (centre ARFCN or point A),
 * bandwidth, SCS and optionally the CORESET#0 size/offset (38.213 Tables 13-1..13-10),
 * finds an SSB on the band's sync raster whose 240 subcarriers lie inside the carrier on
 * the carrier's subcarrier grid, and whose CORESET#0 fits in the carrier. Frequencies:
 *   point A  = f0 - (12 N_grid^start + 6 N_RB) SCS          (38.104 5.4.2.2, 38.211 4.4)
 *   SSB sc 0 = SS_REF - 120 SCS_SSB                          (38.211 7.4.3.1: SS_REF is
 *              subcarrier 120 of the SS/PBCH block, 38.104 5.4.3.1)
 *   d        = (SSB sc 0 - point A) / 15 kHz                 (FR1: 15 kHz units)
 *   k_SSB    = d mod (12 * 2^mu)   (0..11 at 15 kHz, 0..23 at 30 kHz: it then also
 *              locates the 30 kHz CRB grid, 38.211 7.4.3.1, 38.213 4.1)
 *   offsetToPointA = (d - k_SSB) / 12  (15 kHz PRBs, 38.331 FrequencyInfoDL, 38.211 4.4.4.2)
 *   CRB of the SSB = offsetToPointA / 2^mu; CORESET#0 starts `offset` RBs below it
 *              (38.213 13). Only one numerology: SCS of carrier = SCS common = SSB SCS. */
#ifndef OLIVE_PHY_BAND_H
#define OLIVE_PHY_BAND_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/ssb.h" /* phy_ssb_case_t */
#include "olive/support/api.h"

#define PHY_BAND_MAX_RASTER 2u /* rows per band in Table 5.4.2.3-1 (n41: 15 and 30 kHz) */
#define PHY_BAND_MAX_SSB    2u /* rows per band in Table 5.4.3.3-1 (n5: 15 and 30 kHz) */
#define PHY_BAND_NOF_SCS    3u /* Table 5.3.5-1 columns: 15, 30, 60 kHz */

typedef enum phy_duplex { PHY_DUPLEX_FDD = 0, PHY_DUPLEX_TDD, PHY_DUPLEX_COUNT } phy_duplex_t;

/* One row of Table 5.4.2.3-1: N_REF first - <step> - last, UL and DL. */
typedef struct phy_band_raster {
  uint16_t raster_khz; /* dF_Raster: 100, 15 or 30 kHz */
  uint32_t ul_first, ul_step, ul_last;
  uint32_t dl_first, dl_step, dl_last;
} phy_band_raster_t;

/* One row of Table 5.4.3.3-1. */
typedef struct phy_band_ssb {
  uint16_t scs_khz; /* SSB SCS: 15 or 30 */
  phy_ssb_case_t ssb_case;
  uint32_t gscn_first, gscn_step, gscn_last;
} phy_band_ssb_t;

typedef struct phy_band {
  uint16_t band; /* n<band> */
  phy_duplex_t duplex;
  uint32_t ul_low_khz, ul_high_khz; /* Table 5.2-1 (equal to DL for TDD) */
  uint32_t dl_low_khz, dl_high_khz;
  uint32_t nof_raster;
  phy_band_raster_t raster[PHY_BAND_MAX_RASTER];
  uint32_t nof_ssb;
  phy_band_ssb_t ssb[PHY_BAND_MAX_SSB];
  /* Table 5.3.5-1: bit b set when bandwidth phy_band_bw_mhz(b) is allowed; index 0, 1, 2
   * for 15, 30, 60 kHz SCS. */
  uint16_t bw_mask[PHY_BAND_NOF_SCS];
} phy_band_t;

/* "FDD", "TDD"; "?" when out of range. (SSB case names: phy_ssb_case_name, ssb.h.) */
OLIVE_API const char *phy_duplex_name(phy_duplex_t d);

/* Number of bands in the table and the i-th one (ascending band number), NULL past the
 * end. */
OLIVE_API uint32_t phy_band_count(void);
OLIVE_API const phy_band_t *phy_band_at(uint32_t i);

/* The band n<band>, NULL when not in the table. */
OLIVE_API const phy_band_t *phy_band_get(uint32_t band);

/* Channel bandwidth (MHz) of bandwidth bit b of bw_mask (the FR1 list of TS 38.104
 * Table 5.3.2-1: 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100); 0 when b > 14.
 */
OLIVE_API uint32_t phy_band_bw_mhz(uint32_t b);

/* 1 when Table 5.3.5-1 allows bw_mhz at scs_khz (15, 30, 60) in band b, else 0. */
OLIVE_API int phy_band_bw_allowed(const phy_band_t *b, uint32_t scs_khz, uint32_t bw_mhz);

/* The SSB row of Table 5.4.3.3-1 for SSB SCS scs_khz, NULL when the band has none. */
OLIVE_API const phy_band_ssb_t *phy_band_ssb_row(const phy_band_t *b, uint32_t scs_khz);

/* 1 when dl_arfcn is on one of the band's DL channel rasters (Table 5.4.2.3-1) usable with
 * SCS scs_khz, else 0. 38.104 5.4.2.3: of two dF_Raster values the larger one (30 kHz)
 * applies only to channels whose SCS is at least that large; 100 kHz applies to all. The
 * UL variant checks the UL N_REF ranges. */
OLIVE_API int phy_band_dl_arfcn_valid(const phy_band_t *b, uint32_t dl_arfcn, uint32_t scs_khz);
OLIVE_API int phy_band_ul_arfcn_valid(const phy_band_t *b, uint32_t ul_arfcn, uint32_t scs_khz);

/* UL/DL pairing (Table 5.2-1 duplex spacing). FDD: UL = DL + (F_UL_low - F_DL_low) in
 * raster units; TDD: UL = DL. OLIVE_EINVAL when the input is not a valid ARFCN of the band
 * (at scs_khz) or the pair falls outside the other direction's range (n66's DL above the
 * paired UL range, for instance). */
OLIVE_API int phy_band_ul_from_dl(const phy_band_t *b, uint32_t dl_arfcn, uint32_t scs_khz,
                                  uint32_t *ul_arfcn);
OLIVE_API int phy_band_dl_from_ul(const phy_band_t *b, uint32_t ul_arfcn, uint32_t scs_khz,
                                  uint32_t *dl_arfcn);

/* Bands whose DL raster (at scs_khz) holds dl_arfcn, in preference order: the band with
 * the narrowest DL range first (the more specific band: n78 before n77, n1 before n66,
 * n38 before n41), ties by band number. Writes up to max_bands, returns how many bands
 * match (may exceed max_bands), 0 when none. */
OLIVE_API uint32_t phy_band_find_dl(uint32_t dl_arfcn, uint32_t scs_khz, uint16_t *bands,
                                    uint32_t max_bands);

/* Synchronization raster, TS 38.104 Table 5.4.3.1-1 (SS_REF in integer Hz):
 *   0 - 3000 MHz:      SS_REF = N 1200 kHz + M 50 kHz, N 1..2499, M in {1,3,5},
 *                      GSCN = 3N + (M - 3)/2            (GSCN 2 .. 7498)
 *   3000 - 24250 MHz:  SS_REF = 3000 MHz + N 1.44 MHz, N 0..14756, GSCN = 7499 + N
 *   24250 - 100000 MHz: SS_REF = 24250.08 MHz + N 17.28 MHz, N 0..4383, GSCN = 22256 + N
 * phy_gscn_to_hz returns 0 for a GSCN outside 2..26639. phy_hz_to_gscn fails with
 * OLIVE_EINVAL unless f_hz is exactly a raster point. */
OLIVE_API uint64_t phy_gscn_to_hz(uint32_t gscn);
OLIVE_API int phy_hz_to_gscn(uint64_t f_hz, uint32_t *gscn);

/* Why a cell configuration was rejected (phy_band_reason_name gives the enum name). */
typedef enum phy_band_reason {
  PHY_BAND_OK = 0,
  PHY_BAND_E_BAND,           /* band not in the table */
  PHY_BAND_E_SCS,            /* SCS not 15/30 kHz or not an SSB SCS of the band */
  PHY_BAND_E_BW,             /* bandwidth not allowed for band and SCS (Table 5.3.5-1) */
  PHY_BAND_E_ARFCN_RANGE,    /* ARFCN outside the band's N_REF range */
  PHY_BAND_E_ARFCN_RASTER,   /* ARFCN inside the range but off the channel raster */
  PHY_BAND_E_CARRIER_FIT,    /* channel edges outside the band (Table 5.2-1) */
  PHY_BAND_E_CORESET0_WIDTH, /* CORESET#0 wider than the carrier */
  PHY_BAND_E_CORESET0_FIT,   /* CORESET#0 below/above the carrier for the chosen SSB */
  PHY_BAND_E_SSB_ARFCN,      /* requested SSB not on the band's sync raster */
  PHY_BAND_E_SSB_FIT,        /* requested SSB outside the carrier or off its grid */
  PHY_BAND_E_NO_SYNC_POINT,  /* no GSCN of the band gives a valid placement */
  PHY_BAND_REASON_COUNT
} phy_band_reason_t;

OLIVE_API const char *phy_band_reason_name(phy_band_reason_t r);

/* Cell frequency configuration request. */
typedef struct phy_band_cell_cfg {
  uint32_t band;               /* NR band number, e.g. 3 or 78 */
  uint32_t dl_arfcn;           /* carrier centre F_REF as NR-ARFCN; 0: use pointa_arfcn */
  uint32_t pointa_arfcn;       /* absoluteFrequencyPointA, used only when dl_arfcn is 0 */
  uint32_t bw_mhz;             /* channel bandwidth, MHz */
  uint32_t scs_khz;            /* 15 or 30: carrier, SCS common and SSB */
  uint32_t start_prb;          /* offsetToCarrier N_grid^start in CRBs (normally 0) */
  uint32_t coreset0_nof_rb;    /* CORESET#0 width in RBs (38.213 13-x); 0 = no CORESET#0 */
  uint32_t coreset0_offset_rb; /* CORESET#0 offset in RBs (38.213 13-x) */
  uint32_t ssb_arfcn;          /* 0: place automatically; else the SS_REF NR-ARFCN wanted */
} phy_band_cell_cfg_t;

/* The resulting cell frequencies. */
typedef struct phy_band_cell {
  const phy_band_t *band;
  phy_duplex_t duplex;
  phy_ssb_case_t ssb_case;
  uint32_t mu;               /* 0 or 1 */
  uint32_t nof_prb;          /* N_RB from Table 5.3.2-1 */
  uint32_t start_prb;        /* N_grid^start */
  uint32_t dl_arfcn;         /* carrier centre */
  uint32_t ul_arfcn;         /* FDD pair (38.104 Table 5.2-1), TDD: dl_arfcn */
  uint32_t pointa_arfcn;     /* absoluteFrequencyPointA */
  uint32_t ssb_arfcn;        /* absoluteFrequencySSB: SS_REF as NR-ARFCN */
  uint32_t gscn;             /* SS_REF as GSCN */
  uint32_t k_ssb;            /* 15 kHz subcarriers, 0..11 (mu 0) or 0..23 (mu 1) */
  uint32_t offset_to_pointa; /* 15 kHz PRBs */
  uint32_t ssb_crb;          /* CRB (carrier SCS) overlapping the SSB's first RB */
  uint32_t coreset0_crb;     /* first CRB of CORESET#0 (ssb_crb - offset) */
  uint64_t dl_hz, pointa_hz, ssb_hz;
} phy_band_cell_t;

/* Validates `cfg` and places the SSB (see the header comment). Automatic placement picks
 * the lowest GSCN of the band that satisfies every constraint; with cfg->ssb_arfcn set,
 * that SSB is checked instead. Returns 0, OLIVE_EINVAL for NULL cfg/out, or OLIVE_ECONFIG
 * with *reason set (if reason is not NULL) and a one-line message naming the parameter,
 * its value and what is allowed written to msg (if msg_len > 0). Not for the slot path
 * (formats the message). */
OLIVE_API int phy_band_cell_configure(const phy_band_cell_cfg_t *cfg, phy_band_cell_t *out,
                                      phy_band_reason_t *reason, char *msg, size_t msg_len);

/* Fills the carrier fields the cell fixes (mu, nof_prb, start_prb, pointa_hz,
 * offset_to_pointa, k_ssb); srate_hz and fft_size are left to the caller. */
OLIVE_API void phy_band_cell_to_carrier(const phy_band_cell_t *cell, phy_carrier_t *c);

#endif
