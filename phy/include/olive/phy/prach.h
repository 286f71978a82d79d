/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH: TS 38.211 6.3.3 (preamble formats, sequences, configuration tables), 5.3.2
 * (PRACH baseband signal) and TS 38.213 8 (occasions), FR1.
 *
 * Tables (data with their table numbers, prach_tables.c / prach_cfg_tables.c):
 *   6.3.3.1-1 / -2  preamble formats (L_RA, delta f_RA, N_u, N_CP);
 *   6.3.3.1-3 / -4  logical root index i -> ZC sequence number u (L_RA = 839 / 139);
 *   6.3.3.1-5/-6/-7 N_CS from zeroCorrelationZoneConfig;
 *   6.3.3.2-1       N_RB^RA and k_bar for (L_RA, delta f_RA, delta f PUSCH);
 *   6.3.3.2-2 / -3  random access configurations, FR1 FDD / TDD (256 rows each).
 *
 * Sequences (6.3.3.1): x_u(i) = exp(-j pi u i (i+1) / L_RA), x_u,v(n) = x_u((n + C_v) mod
 * L_RA), y_u,v(k) = sum_n x_u,v(n) exp(-j 2 pi n k / L_RA). Unrestricted sets only:
 * C_v = v N_CS, v = 0 .. floor(L_RA / N_CS) - 1 (v = 0 only when N_CS = 0). The 64
 * preambles of a cell take all cyclic shifts of the root with the configured logical index,
 * then of the roots with the following logical indexes (cyclically: 837 -> 0 for 839).
 *
 * UE generator (phy_prach_gen_*): the 5.3.2 signal of one occasion at the carrier's sample
 * rate, one y_u,v DFT of L_RA and one IFFT of N = srate / delta f_RA (FFTW plans made at init).
 *
 * gNB detector (phy_prach_det_*): see prach_det.c for the method, the statistic and the
 * threshold. Timing advance is reported in the TA units of TS 38.213 4.2 for the RAR:
 * one unit is 16 * 64 / 2^mu T_c (T_c = 1 / (480 kHz * 4096)), mu the PUSCH numerology
 * (0.521 us at 15 kHz, 0.260 us at 30 kHz). */
#ifndef OLIVE_PHY_PRACH_H
#define OLIVE_PHY_PRACH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/phy.h"
#include "olive/support/api.h"

#define PHY_PRACH_NOF_PREAMBLES 64u
#define PHY_PRACH_L_LONG        839u
#define PHY_PRACH_L_SHORT       139u
#define PHY_PRACH_NOF_CFG       256u
#define PHY_PRACH_MAX_RX        4u       /* receive antennas the detector combines */
#define PHY_PRACH_MAX_DET       64u      /* detections reported per occasion */
#define PHY_PRACH_TC_PER_MS     1966080u /* T_c per millisecond: 480 kHz * 4096 / 1000 */
#define PHY_PRACH_KAPPA         64u

/* Preamble formats, TS 38.211 Tables 6.3.3.1-1 and 6.3.3.1-2; A1/B1 .. A3/B3 are the
 * combined entries of Tables 6.3.3.2-2 / -3 (5.3.2: B in the last occasion of a slot). */
typedef enum phy_prach_format {
  PHY_PRACH_FMT_0,
  PHY_PRACH_FMT_1,
  PHY_PRACH_FMT_2,
  PHY_PRACH_FMT_3,
  PHY_PRACH_FMT_A1,
  PHY_PRACH_FMT_A2,
  PHY_PRACH_FMT_A3,
  PHY_PRACH_FMT_B1,
  PHY_PRACH_FMT_B2,
  PHY_PRACH_FMT_B3,
  PHY_PRACH_FMT_B4,
  PHY_PRACH_FMT_C0,
  PHY_PRACH_FMT_C2,
  PHY_PRACH_FMT_A1_B1,
  PHY_PRACH_FMT_A2_B2,
  PHY_PRACH_FMT_A3_B3,
  PHY_PRACH_FMT_COUNT
} phy_prach_format_t;

/* "0" .. "3", "A1" .. "C2", "A1/B1" ..; "?" when out of range. */
OLIVE_API const char *phy_prach_format_name(phy_prach_format_t f);

/* One preamble format at one PRACH numerology. Times are in T_c. */
typedef struct phy_prach_format_info {
  uint32_t l_ra;     /* sequence length: 839 or 139 */
  uint32_t scs_hz;   /* delta f_RA: 1250, 5000, or 15000 * 2^mu_ra */
  uint32_t nof_rep;  /* repetitions of the 1 / delta f_RA sequence period in N_u */
  uint32_t n_u_tc;   /* N_u, T_c */
  uint32_t n_cp_tc;  /* N_CP^RA, T_c (without the 5.3.2 16 kappa extension) */
  bool restricted_a; /* restricted set type A / B allowed (long formats only) */
  bool restricted_b;
} phy_prach_format_info_t;

/* Tables 6.3.3.1-1 / -2. mu_ra is the PRACH numerology for short formats (delta f_RA =
 * 15 kHz 2^mu_ra, 0 .. 1 in FR1) and ignored for long ones. A combined format (A1/B1)
 * is rejected: pass A1 or B1. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_prach_format_info(phy_prach_format_t f, uint32_t mu_ra,
                                    phy_prach_format_info_t *info);

/* One row of Table 6.3.3.2-2 (FDD/SUL) or 6.3.3.2-3 (TDD). The occasion is in frames with
 * n_SFN mod x = y and in the subframes whose bit is set in sf_mask (bit s = subframe s).
 * For the long formats nof_slots_sf, nof_occ_slot and duration are 0 (the tables' "-"). */
typedef struct phy_prach_config {
  uint8_t format; /* phy_prach_format_t */
  uint8_t x;
  uint8_t y;
  uint16_t sf_mask;
  uint8_t start_symbol; /* l_0 */
  uint8_t nof_slots_sf; /* PRACH slots within a subframe (1 or 2) */
  uint8_t nof_occ_slot; /* N_t^RA,slot */
  uint8_t duration;     /* N_dur^RA, symbols */
} phy_prach_config_t;

/* The 256 rows of Table 6.3.3.2-3 (tdd) or 6.3.3.2-2 (!tdd). */
OLIVE_API const phy_prach_config_t *phy_prach_config_table(bool tdd);

/* Row `index` (prach-ConfigurationIndex 0 .. 255). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_prach_config_get(bool tdd, uint32_t index, phy_prach_config_t *row);

/* True when subframe `sf` (0 .. 9) of frame `sfn` holds PRACH occasions of `row`. */
OLIVE_API bool phy_prach_config_is_occasion(const phy_prach_config_t *row, uint32_t sfn,
                                            uint32_t sf);

/* Table 6.3.3.1-3 (l_ra 839, i 0 .. 837) / 6.3.3.1-4 (l_ra 139, i 0 .. 137): sequence
 * number u, or OLIVE_EINVAL. */
OLIVE_API int phy_prach_root_u(uint32_t l_ra, uint32_t logical);

typedef enum phy_prach_set {
  PHY_PRACH_SET_UNRESTRICTED,
  PHY_PRACH_SET_TYPE_A,
  PHY_PRACH_SET_TYPE_B,
} phy_prach_set_t;

/* N_CS, Tables 6.3.3.1-5 (1.25 kHz), -6 (5 kHz), -7 (15 * 2^mu kHz, unrestricted only),
 * for zeroCorrelationZoneConfig zcz 0 .. 15. OLIVE_EINVAL for another SCS, zcz > 15 or a
 * reserved entry. */
OLIVE_API int phy_prach_ncs(uint32_t scs_hz, phy_prach_set_t set, uint32_t zcz);

/* Table 6.3.3.2-1: PRACH allocation N_RB^RA (in PUSCH RBs) and k_bar for l_ra, the PRACH
 * SCS and the PUSCH SCS (FR1 rows). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_prach_alloc(uint32_t l_ra, uint32_t scs_ra_hz, uint32_t scs_pusch_hz,
                              uint32_t *n_rb_ra, uint32_t *k_bar);

/* The 64 preambles of a cell (unrestricted set). */
typedef struct phy_prach_preamble_map {
  uint32_t l_ra;
  uint32_t ncs;
  uint32_t nof_shifts; /* cyclic shifts per root: floor(L / N_CS), 1 when N_CS = 0 */
  uint32_t nof_roots;  /* roots needed for 64 preambles */
  uint32_t u[PHY_PRACH_NOF_PREAMBLES];  /* sequence number of root r (r < nof_roots) */
  uint16_t cv[PHY_PRACH_NOF_PREAMBLES]; /* C_v of cyclic shift v (v < min(64, nof_shifts)) */
} phy_prach_preamble_map_t;

/* Fills `m` from the logical root index and N_CS. Preamble p uses root p / nof_shifts
 * and cyclic shift p % nof_shifts. OLIVE_EINVAL on an invalid l_ra, index or N_CS. */
OLIVE_API int phy_prach_preamble_map(phy_prach_preamble_map_t *m, uint32_t l_ra,
                                     uint32_t root_logical, uint32_t ncs);

/* x_u,v(n), n = 0 .. l_ra - 1 (6.3.3.1). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_prach_seq_x(cf_t *x, uint32_t l_ra, uint32_t u, uint32_t cv);

/* ---- Occasion geometry ------------------------------------------------------------ */

/* One PRACH occasion in time and frequency (per call). */
typedef struct phy_prach_cfg {
  bool tdd;                 /* Table 6.3.3.2-3 instead of -2 */
  uint32_t config_index;    /* prach-ConfigurationIndex 0 .. 255 */
  uint32_t root_logical;    /* prach-RootSequenceIndex */
  uint32_t zcz;             /* zeroCorrelationZoneConfig 0 .. 15 */
  uint32_t msg1_freq_start; /* n_RA^start: msg1-FrequencyStart, PRBs from the BWP start */
  uint32_t fdm_index;       /* n_RA: frequency occasion 0 .. msg1-FDM - 1 */
  uint32_t bwp_start;       /* N_BWP^start - N_grid^start, PRBs (0: BWP = carrier) */
  uint32_t slot_ra;         /* n_slot^RA (short formats at 30 kHz: 0 or 1) */
  uint32_t occ_in_slot;     /* n_t^RA, 0 .. N_t^RA,slot - 1 (short formats) */
} phy_prach_cfg_t;

/* Resolved occasion: everything the generator and detector need. */
typedef struct phy_prach_occasion {
  phy_prach_format_t format; /* A or B resolved for the combined entries */
  phy_prach_format_info_t info;
  uint32_t ncs;
  int32_t first_bin; /* k + K k1 + k_bar for k = 0: PRACH subcarriers from f0 (DC) */
  uint32_t start;    /* t_start^RA in samples from the subframe start */
  uint32_t n_cp;     /* N_CP,l^RA in samples (16 kappa extension included) */
  uint32_t n_seq;    /* N = srate / delta f_RA: samples of one sequence period */
  uint32_t len;      /* n_cp + nof_rep * n_seq */
} phy_prach_occasion_t;

/* Resolves `cfg` on `carrier` (its mu is the PUSCH numerology, one SCS-specific carrier,
 * k_0 = 0) at PRACH numerology mu_ra (short formats). OLIVE_EINVAL when the configuration
 * is invalid, the sample counts are not integers, or the PRACH band falls outside the
 * sampled band. */
OLIVE_API int phy_prach_occasion(const phy_carrier_t *carrier, uint32_t mu_ra,
                                 const phy_prach_cfg_t *cfg, phy_prach_occasion_t *occ);

/* ---- UE-side generator (5.3.2) ------------------------------------------------------ */

typedef struct phy_prach_gen_args {
  phy_carrier_t carrier;     /* carrier (checked with phy_carrier_check) */
  uint32_t mu_ra;            /* PRACH numerology for the short formats (ignored for long) */
  phy_prach_format_t format; /* the format the plans are sized for (any of the same SCS) */
  float amplitude;           /* RMS amplitude of the sequence part; 0 = 1 */
  phy_ofdm_plan_t plan;
  const char *wisdom_path;
} phy_prach_gen_args_t;

typedef struct phy_prach_gen {
  phy_carrier_t carrier;
  uint32_t mu_ra, l_ra, scs_hz, n_seq;
  float amplitude;
  void *plan_dft;  /* L_RA point DFT x -> y */
  void *plan_ifft; /* N point IFFT */
  cf_t *x, *y, *grid, *tsym;
} phy_prach_gen_t;

OLIVE_API int phy_prach_gen_init(phy_prach_gen_t *q, const phy_prach_gen_args_t *args);
OLIVE_API void phy_prach_gen_free(phy_prach_gen_t *q);

/* y_u,v(k), k = 0 .. L_RA - 1, of preamble `preamble` (0 .. 63) of `cfg` into y (uses the
 * L_RA DFT plan). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_prach_gen_freq(phy_prach_gen_t *q, const phy_prach_cfg_t *cfg, uint32_t preamble,
                                 cf_t *y);

/* Generates preamble `preamble` of occasion `cfg` into out[0 .. occ->len - 1] (CP, then
 * the N_u part), filling *occ. The occasion starts occ->start samples after the start of
 * the subframe (slot for mu_ra and n_slot^RA included). No 5.4 upconversion term. */
OLIVE_API int phy_prach_gen(phy_prach_gen_t *q, const phy_prach_cfg_t *cfg, uint32_t preamble,
                            cf_t *out, phy_prach_occasion_t *occ);

/* ---- gNB detector ---------------------------------------------------------------- */

typedef struct phy_prach_det_args {
  phy_carrier_t carrier;
  uint32_t mu_ra;            /* PRACH numerology for short formats */
  phy_prach_format_t format; /* the format (SCS and L_RA) the filters are designed for */
  uint32_t nof_rx;           /* receive antennas, 1 .. PHY_PRACH_MAX_RX */
  double p_fa;               /* target false-alarm probability per occasion (all 64 preambles);
                                0 = 1e-3 (TS 38.104 / 38.141-1 8.4: at most 0.1 %) */
  phy_ofdm_plan_t plan;
  const char *wisdom_path;
} phy_prach_det_args_t;

typedef struct phy_prach_detection {
  uint32_t preamble; /* 0 .. 63 */
  uint32_t ta;       /* timing advance in TA units (see above), rounded */
  float delay_us;    /* delay estimate, microseconds */
  float metric;      /* detection statistic (see prach_det.c) */
  float power_db;    /* preamble power per input sample (its RMS amplitude squared), dB */
  float snr_db;      /* per-subcarrier SNR estimate, dB (averaged over antennas) */
} phy_prach_detection_t;

typedef struct phy_prach_det {
  phy_carrier_t carrier;
  uint32_t mu_ra, l_ra, scs_hz, nof_rx;
  uint32_t n_seq;     /* N = srate / delta f_RA */
  uint32_t dec;       /* decimation factor D = N / m */
  uint32_t m;         /* small FFT size after decimation */
  uint32_t corr_size; /* correlation IFFT size M */
  uint32_t ntaps;     /* low-pass FIR taps (odd) */
  uint32_t ntaps_pad; /* ntaps rounded up to a multiple of 4 */
  double p_fa;
  float *taps;                        /* low-pass FIR, ntaps */
  float *eq;                          /* D / H(f) at the L_RA bins around DC */
  cf_t *w;                            /* exp(-j 2 pi n / N), n < N */
  cf_t *acc;                          /* repetition sum, mixed, cyclically extended: N + ntaps */
  cf_t *small_in, *small_out;         /* m */
  cf_t *y[PHY_PRACH_MAX_RX];          /* extracted PRACH bins per antenna, L_RA */
  cf_t *roots;                        /* conj(y_u) of up to 64 roots, 64 * L_RA (a cache) */
  cf_t *xtmp, *ytmp;                  /* L_RA scratch for the root DFT */
  cf_t *cin, *cout;                   /* correlation IFFT, corr_size */
  float *metric;                      /* combined statistic per lag, corr_size */
  float thr[PHY_PRACH_NOF_PREAMBLES]; /* threshold for 1 .. 64 roots */
  uint32_t cache_root, cache_nroots;  /* roots cached: logical index, count (0 = none) */
  void *plan_small, *plan_corr, *plan_dft;
} phy_prach_det_t;

OLIVE_API int phy_prach_det_init(phy_prach_det_t *q, const phy_prach_det_args_t *args);
OLIVE_API void phy_prach_det_free(phy_prach_det_t *q);

/* Detector threshold on the statistic for nof_roots roots (see prach_det.c). */
OLIVE_API double phy_prach_det_threshold(const phy_prach_det_t *q, uint32_t nof_roots);

/* Detects preambles in occasion `cfg`. The root spectra (conj y_u) are cached: a call with
 * a new root_logical or N_CS recomputes them (up to 64 L_RA-point DFTs, no allocation). in[a]
 * points at the first sample of the occasion (t_start^RA, the start of its CP, as phy_prach_gen
 * writes it) of antenna a and holds at least occ.len samples (phy_prach_occasion). Writes up to
 * max_det detections, strongest root-window peak per preamble, and returns their number, or
 * OLIVE_EINVAL. */
OLIVE_API int phy_prach_detect(phy_prach_det_t *q, const phy_prach_cfg_t *cfg,
                               const cf_t *const *in, phy_prach_detection_t *det, uint32_t max_det);

#endif
