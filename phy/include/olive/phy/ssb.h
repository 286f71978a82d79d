/* SPDX-License-Identifier: Apache-2.0 */
/* SS/PBCH block pieces that need no channel coding: PSS and SSS (TS 38.211 7.4.2), PBCH
 * DMRS (7.4.1.4), the SSB resource mapping (7.4.3.1, Table 7.4.3.1-1) and the SSB
 * candidate positions in a half frame (TS 38.213 4.1, FR1 cases A, B, C).
 *
 * Physical cell identity N_ID^cell = 3 N_ID^(1) + N_ID^(2), N_ID^(1) in 0..335,
 * N_ID^(2) in 0..2 (7.4.2.1). */
#ifndef OLIVE_PHY_SSB_H
#define OLIVE_PHY_SSB_H

#include <stdint.h>

#include "olive/phy/grid.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/phy.h"

#define PHY_PSS_LEN       127u
#define PHY_SSS_LEN       127u
#define PHY_SSB_NSC       240u /* subcarriers of an SSB (20 RB) */
#define PHY_SSB_NSYMB     4u   /* OFDM symbols of an SSB */
#define PHY_SSB_PSS_K0    56u  /* PSS/SSS occupy k = 56 .. 182 (Table 7.4.3.1-1) */
#define PHY_PBCH_NRE      432u /* PBCH data resource elements (M_symb) */
#define PHY_PBCH_DMRS_NRE 144u /* PBCH DMRS resource elements */
#define PHY_NID_CELL_MAX  1007u
#define PHY_SSB_MAX_LMAX  8u /* L_max supported (FR1 up to 8) */

/* SSB time-domain patterns of TS 38.213 4.1 (FR1). */
typedef enum phy_ssb_case {
  PHY_SSB_CASE_A, /* 15 kHz: {2, 8} + 14 n */
  PHY_SSB_CASE_B, /* 30 kHz: {4, 8, 16, 20} + 28 n */
  PHY_SSB_CASE_C, /* 30 kHz: {2, 8} + 14 n */
  PHY_SSB_CASE_COUNT
} phy_ssb_case_t;

/* "A", "B", "C"; "?" for anything else. */
OLIVE_API const char *phy_ssb_case_name(phy_ssb_case_t c);

/* d_PSS(0..126) as +-1.0f for N_ID^(2) = n_id2 (7.4.2.2.1). OLIVE_EINVAL when n_id2 > 2. */
OLIVE_API int phy_pss_gen(uint32_t n_id2, float d[PHY_PSS_LEN]);

/* d_SSS(0..126) as +-1.0f for N_ID^cell = n_id (7.4.2.3.1). OLIVE_EINVAL when > 1007. */
OLIVE_API int phy_sss_gen(uint32_t n_id, float d[PHY_SSS_LEN]);

/* First OFDM symbols of the L_max candidate SSBs in a half frame (TS 38.213 4.1),
 * counted in symbols of the SSB numerology from the first symbol of the half frame;
 * first[i] is SSB index i. l_max is 4 or 8. Returns l_max, or OLIVE_EINVAL. */
OLIVE_API int phy_ssb_positions(phy_ssb_case_t c, uint32_t l_max, uint32_t first[PHY_SSB_MAX_LMAX]);

/* PBCH DMRS r(0..143) (7.4.1.4.1) for N_ID^cell n_id, SSB index ssb_idx (< l_max), l_max
 * 4 or 8 and half frame n_hf (0/1; used when l_max = 4). OLIVE_EINVAL when out of range. */
OLIVE_API int phy_pbch_dmrs_gen(uint32_t n_id, uint32_t ssb_idx, uint32_t l_max, uint32_t n_hf,
                                cf_t r[PHY_PBCH_DMRS_NRE]);

/* Where and how an SSB goes into a slot grid (7.4.3.1). */
typedef struct phy_ssb_map_cfg {
  uint32_t k0;   /* grid subcarrier of SSB subcarrier 0 (phy_carrier_ssb_k0) */
  uint32_t l0;   /* slot symbol of SSB symbol 0: 0 .. 10 (first[i] mod 14) */
  uint32_t n_id; /* N_ID^cell */
  /* Amplitude factors beta of 7.4.3.1.1 .. 7.4.3.1.4 (1.0 = unit-EPRE sequences).
   * 38.213 4.1: the PSS EPRE is 0 or 3 dB above the SSS EPRE; SSS, PBCH and PBCH DMRS
   * share one EPRE. */
  float beta_pss;
  float beta_sss;
  float beta_pbch;
  float beta_dmrs;
} phy_ssb_map_cfg_t;

/* Writes PSS, SSS, the zeroed guard REs of Table 7.4.3.1-1, and, when non-NULL, the 432
 * PBCH symbols and the 144 DMRS symbols (each in increasing k, then l) into port `port`
 * of the grid. OLIVE_EINVAL when the SSB does not fit or an argument is out of range. */
OLIVE_API int phy_ssb_map(const phy_ssb_map_cfg_t *cfg, const cf_t *pbch, const cf_t *dmrs,
                          phy_grid_t *grid, uint32_t port);

/* Reads the SSB back (UE side): any of pss[127], sss[127], pbch[432], dmrs[144] may be
 * NULL. n_id selects the DMRS positions (v = n_id mod 4). No scaling is undone. */
OLIVE_API int phy_ssb_extract(const phy_ssb_map_cfg_t *cfg, const phy_grid_t *grid, uint32_t port,
                              cf_t *pss, cf_t *sss, cf_t *pbch, cf_t *dmrs);

/* ---- PSS search (UE side, the first step of cell search) -------------------------------
 * Correlates a block of samples against the three PSS (7.4.2.2) as time-domain replicas
 * of the useful part of the PSS symbol (no CP), under a set of frequency hypotheses, by
 * FFT-based correlation (plans and replica spectra made at init). The replica of N_ID^(2)
 * under hypothesis f is
 *     p[t] = sum_n d_PSS(n) exp(j 2 pi ((n - 64) SCS + ssb_offset + f) t / srate),
 * t = 0 .. N_fft - 1, since PSS element n sits on SSB subcarrier n + 56 and the SSB
 * reference frequency is its subcarrier 120 (TS 38.211 7.4.3.1, 38.101-1 5.4.3.1). */
#define PHY_PSS_SEARCH_MAX_HYP 16u

typedef struct phy_pss_search_args {
  double srate_hz;      /* sample rate; srate / SCS must be an integer >= 256 */
  uint32_t mu;          /* SSB numerology: 0 (case A) or 1 (cases B, C) */
  uint32_t max_len;     /* longest block passed to phy_pss_search_run, >= srate / SCS */
  double ssb_offset_hz; /* SSB reference frequency (subcarrier 120) minus DC, Hz */
  uint32_t nof_hyp;     /* entries of cfo_hz; 0 = a single hypothesis at 0 Hz */
  double cfo_hz[PHY_PSS_SEARCH_MAX_HYP]; /* frequency offsets to try, Hz */
  phy_ofdm_plan_t plan;                  /* FFTW planning effort */
  const char *wisdom_path;               /* FFTW wisdom file or NULL */
} phy_pss_search_args_t;

typedef struct phy_pss_search_res {
  uint32_t n_id2; /* best N_ID^(2) */
  uint32_t pos;   /* block index of the first sample of the PSS symbol's useful part */
  uint32_t hyp;   /* index of the best frequency hypothesis */
  double cfo_hz;  /* its value */
  float metric;   /* |corr|^2 / (E_replica E_window), 0..1: 1 = noiseless match */
} phy_pss_search_res_t;

/* State; treat as opaque. */
typedef struct phy_pss_search {
  uint32_t fft_n; /* N_fft of the SSB numerology at srate */
  uint32_t m;     /* correlation FFT size, a power of two >= max_len */
  uint32_t max_len;
  uint32_t nof_hyp;
  double cfo_hz[PHY_PSS_SEARCH_MAX_HYP];
  void *fwd, *bwd; /* fftwf plans: buf -> spec, buf -> corr */
  cf_t *buf, *spec, *corr;
  cf_t *rep;      /* conj FFT of the replicas: nof_hyp * 3 spectra of m */
  double *energy; /* prefix sums of |x|^2, max_len + 1 */
} phy_pss_search_t;

/* OLIVE_EINVAL on bad args (including a replica band outside +-srate/2), OLIVE_ENOMEM. */
OLIVE_API int phy_pss_search_init(phy_pss_search_t *q, const phy_pss_search_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pss_search_free(phy_pss_search_t *q);

/* Searches x[0 .. len-1] (N_fft <= len <= max_len) over every lag 0 .. len - N_fft, the
 * three N_ID^(2) and every hypothesis; writes the best to *res. No allocation. */
OLIVE_API int phy_pss_search_run(phy_pss_search_t *q, const cf_t *x, uint32_t len,
                                 phy_pss_search_res_t *res);

#endif
