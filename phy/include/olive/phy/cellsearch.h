/* SPDX-License-Identifier: Apache-2.0 */
/* UE-side cell search and system information acquisition on a sample stream:
 *
 *   1. PSS search (TS 38.211 7.4.2.2) by FFT correlation (phy_pss_search, ssb.h) over a
 *      set of frequency hypotheses, block by block, after the SSB reference frequency
 *      (SS_REF, subcarrier 120 of the SSB, 38.211 7.4.3.1) is shifted to DC;
 *   2. CFO, three stages:
 *        coarse: the best hypothesis of the grid -max_cfo .. +max_cfo, step cfo_step
 *                (range +-max_cfo; residual <= cfo_step / 2);
 *        fine 1: phase between the PSS correlations of the two halves of the useful
 *                symbol, f = arg(c2 c1^*) / (2 pi (N/2) / srate) (unambiguous for a
 *                residual below +-SCS);
 *        fine 2: phase between the PSS and SSS channel estimates, two symbols apart,
 *                f = arg(sum h_SSS h_PSS^*) / (2 pi 2 T_symb) (unambiguous below
 *                +-1 / (4 T_symb), about +-3.5 kHz at 15 kHz; applied when the 5.4
 *                phase of each symbol is known: no phase term, or the PBCH decoded and
 *                gave the SSB index, hence the symbol numbers);
 *   3. timing: integer from the PSS peak, fractional from the LS channel estimates h_k
 *      on the 127 PSS subcarriers: the tau in +-1.5 samples maximising
 *      |sum_k h_k e^(j2pi k tau/N)|^2 (maximum likelihood for a flat channel), refined
 *      once the PCI is known with the SSS estimates added non-coherently;
 *   4. SSS (7.4.2.3): N_ID^(1) by correlating the SSS, equalised with the PSS channel
 *      estimate, against the 336 sequences; PCI = 3 N_ID^(1) + N_ID^(2);
 *   5. PBCH (phy_pbch_decode: DMRS i_SSB_bar hypotheses 7.4.1.4.1, polar decoding, CRC) to
 *      the 24-bit BCCH-BCH message, SFN, half frame, SSB index and k_SSB; from them the
 *      start of the radio frame (TS 38.213 4.1 SSB positions, 38.211 5.3.1 symbol lengths);
 *   6. SIB1: CORESET#0 and searchSpace#0 from the MIB (TS 38.213 13, Tables 13-1..13-6 and
 *      13-11), the Type0-PDCCH occasions of the detected SSB, PDCCH blind decoding on
 *      SI-RNTI over the Type0 CSS candidates (38.213 Table 10.1-1: AL4 x4, AL8 x2, AL16
 *      x1), DCI 1_0 (38.212 7.3.1.2.1), and the PDSCH (38.214 5.1.2.1.1 default table A,
 *      5.1.2.2.2 RIV in CORESET#0, 5.1.6.2 DM-RS for DCI 1_0; 5.1.4 rate matching around
 *      the SSBs whose PSS is seen in the slot) to the SIB1 bytes;
 *   7. further cells on the same SSB frequency: with the cells found so far in cfg.known
 *      the search skips their SSB positions and tries their PSS positions with the other
 *      two N_ID^(2) (synchronised cells).
 * SNR: per RE, from the SSS LS estimates (mean power) and their second differences across
 * subcarriers (noise, 1.5 N0 in white noise).
 *
 * Frequencies: the stream's baseband DC is at RF frequency rx_center_hz. The SSB to look
 * for has its SS_REF at ssb_offset_hz from DC. When rx_center_hz is not 0 the 5.4 phase
 * term of each symbol is undone as a UE tuned there would (38.211 5.4); 0 means the
 * transmitter applied none.
 *
 * One object per thread. Init allocates and plans everything; the per-call functions
 * never allocate, never do I/O. Sample indices are float positions in the caller's
 * buffer x (x[0] is 0). */
#ifndef OLIVE_PHY_CELLSEARCH_H
#define OLIVE_PHY_CELLSEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/grid.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/pbch.h"
#include "olive/phy/pdcch.h"
#include "olive/phy/pdsch.h"
#include "olive/phy/phy.h"
#include "olive/phy/ssb.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

#define PHY_CELLSEARCH_MAX_CORESET_RB 96u     /* widest CORESET#0 of Tables 13-1..13-6 */
#define PHY_CELLSEARCH_SI_RNTI        0xFFFFu /* TS 38.321 Table 7.1-1 */
#define PHY_CELLSEARCH_MAX_TBS        2976u   /* TS 38.214 5.1.3.2: SI-RNTI TBS cap, bits */
#define PHY_CELLSEARCH_MAX_KNOWN      4u      /* cells passed back to skip (cfg.known) */
#define PHY_CELLSEARCH_MAX_TB_BYTES   (PHY_CELLSEARCH_MAX_TBS / 8u)

typedef struct phy_cellsearch_args {
  double srate_hz;         /* N_fft = srate / SCS: a multiple of 128, >= 256, <= 4096 */
  uint32_t mu;             /* SSB numerology = subCarrierSpacingCommon: 0 or 1 */
  phy_ssb_case_t ssb_case; /* A (mu 0), B or C (mu 1) */
  uint32_t l_max;          /* 4 or 8 */
  double max_cfo_hz;       /* coarse hypotheses cover +-max_cfo_hz (0 = one, at 0 Hz) */
  double cfo_step_hz;      /* hypothesis spacing; 0 = SCS / 3 (5 kHz at 15 kHz) */
  phy_ofdm_plan_t plan;    /* FFTW planning effort */
  const char *wisdom_path; /* FFTW wisdom or NULL */
  olive_isa_t isa;         /* PBCH/PDCCH/PDSCH kernels, OLIVE_ISA_AUTO */
} phy_cellsearch_args_t;

typedef struct phy_cellsearch_cfg {
  double ssb_offset_hz; /* SS_REF minus the frequency of baseband DC, Hz */
  double rx_center_hz;  /* RF frequency of baseband DC (5.4 phase term); 0 = none */
  float min_metric;     /* PSS detection threshold on phy_pss_search's metric; 0 = default
                           (PHY_CELLSEARCH_MIN_METRIC_N / N_fft) */
  uint32_t segment_ms;  /* 0: the strongest PSS of the whole buffer; else the buffer is
                           searched one segment of segment_ms (the SSB period, e.g. 20) plus
                           5 ms at a time until a PBCH decodes: in fading, a later burst
                           may be received where an earlier one faded */
  const struct phy_cellsearch_res *known; /* cells already found in this x (their
                          pss_pos and frame_pos refer to x): their SSB positions are
                          skipped and their PSS positions tried with the other two
                          N_ID^(2), to find the next cell; NULL when nof_known is 0 */
  uint32_t nof_known;                     /* 0 .. PHY_CELLSEARCH_MAX_KNOWN */
} phy_cellsearch_cfg_t;

/* Noise alone gives a metric of about Exp(mean 1/N_fft) per lag; a 25 ms search at 3
 * hypotheses tests n = 3 x 3 x 0.025 s x srate = 3375 N_fft lags, so the default threshold
 * 24 / N_fft is crossed by noise with probability n e^-24, about 1e-4 (N_fft 1536:
 * 0.0156). An SSB at 0 dB SNR per RE gives about (127/N)/(1 + 127/N) (0.076 at N 1536),
 * 7 dB above it. A PSS above the threshold still has to pass the PBCH CRC. */
#define PHY_CELLSEARCH_MIN_METRIC_N 24.0f

typedef struct phy_cellsearch_res {
  bool found; /* a PSS above min_metric */
  uint32_t n_id1, n_id2, pci;
  float pss_metric;  /* phy_pss_search metric at the peak, 0..1 */
  float sss_metric;  /* best SSS correlation over the second best, >= 1 */
  double pss_pos;    /* start of the PSS useful part in x, samples (fractional) */
  double delay_frac; /* fractional part found from the phase slope, samples */
  double cfo_hz;     /* total CFO estimate = coarse + fine1 + fine2 */
  double cfo_coarse_hz, cfo_fine1_hz, cfo_fine2_hz;
  float snr_db; /* SSS RE power over the PBCH DMRS noise estimate */
  /* PBCH */
  bool mib_ok;                   /* PBCH CRC passed */
  uint8_t bch[PHY_BCH_MSG_BITS]; /* BCCH-BCH message a_0 .. a_23, one bit per byte */
  uint8_t mib[3];                /* the same packed MSB first (rrc_mib_unpack's input) */
  uint32_t sfn;                  /* SFN of the frame holding the SSB (10 bits) */
  uint32_t hrf;                  /* half frame 0/1 */
  uint32_t ssb_idx;              /* SS/PBCH block index */
  uint32_t k_ssb;                /* 0..31: 4 LSBs from the MIB, MSB from the PBCH payload */
  double frame_pos;              /* start of frame `sfn` in x, samples (may be < 0) */
} phy_cellsearch_res_t;

typedef struct phy_cellsearch_sib1_res {
  uint32_t sfn, slot;          /* where SIB1 was found */
  uint32_t al, cce;            /* PDCCH candidate */
  uint32_t mcs, tbs;           /* TBS bits */
  uint32_t prb_start, nof_prb; /* PRBs within CORESET#0 */
  uint32_t nof_ssb_reserved;   /* SSBs detected in the slot and rate-matched around */
  float snr_db;                /* PDSCH DM-RS SNR */
  uint32_t nof_tries;          /* slots tried */
} phy_cellsearch_sib1_res_t;

/* MIB fields the PHY needs (TS 38.331 MIB: fixed-size fields, so fixed positions in the
 * 24-bit BCCH-BCH message after its 1-bit CHOICE). */
typedef struct phy_cellsearch_mib {
  uint32_t sfn_msb;        /* systemFrameNumber, 6 bits */
  uint32_t scs_common;     /* 0: 15 kHz (FR1), 1: 30 kHz */
  uint32_t k_ssb_lsb;      /* ssb-SubcarrierOffset, 0..15 */
  uint32_t typea_pos;      /* dmrs-TypeA-Position: 2 or 3 */
  uint32_t coreset0;       /* controlResourceSetZero 0..15 */
  uint32_t ss0;            /* searchSpaceZero 0..15 */
  bool barred;             /* cellBarred = barred */
  bool intra_freq_allowed; /* intraFreqReselection = allowed */
} phy_cellsearch_mib_t;

/* Reads the fields from a_0 .. a_23. OLIVE_EPROTO when a_0 (the CHOICE) is not mib. */
OLIVE_API int phy_cellsearch_mib_parse(const uint8_t bch[PHY_BCH_MSG_BITS],
                                       phy_cellsearch_mib_t *mib);

/* State; treat as opaque. */
typedef struct phy_cellsearch {
  phy_cellsearch_args_t args;
  uint32_t fft_n, block; /* N_fft, PSS search block length */
  phy_pss_search_t pss;
  cf_t *blk;            /* rotated input block, `block` samples */
  cf_t *rep;            /* time-domain PSS at DC, 3 x N_fft, unit energy */
  phy_ofdm_t ssb_dem;   /* 20-PRB virtual carrier centred on SS_REF */
  phy_ofdm_t cs_dem[3]; /* CORESET#0-wide virtual carriers: 24, 48, 96 RB (those
                           that fit in N_fft; the others stay unused) */
  bool cs_ok[3];
  phy_grid_t ssb_grid; /* 20 PRB: SSB in rows 0..3 */
  phy_grid_t cs_grid;  /* 96 PRB: one slot */
  phy_pbch_t pbch;
  phy_pdcch_t pdcch;
  phy_pdsch_t pdsch;
  uint8_t *tb; /* SIB1 transport block buffer */
} phy_cellsearch_t;

/* 0, OLIVE_EINVAL, OLIVE_ENOMEM. */
OLIVE_API int phy_cellsearch_init(phy_cellsearch_t *q, const phy_cellsearch_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_cellsearch_free(phy_cellsearch_t *q);

/* Shortest buffer that surely holds one SSB burst of a cell with SSB period period_ms
 * (the UE's initial-access assumption is 20 ms, TS 38.213 4.1): period plus a symbol and
 * the last SSB's extent. */
OLIVE_API uint32_t phy_cellsearch_min_len(const phy_cellsearch_t *q, uint32_t period_ms);

/* Searches x[0 .. len - 1] (len >= 4 OFDM symbols) for the strongest SSB at
 * cfg->ssb_offset_hz (per segment when cfg->segment_ms), then runs steps 2-5 on it. Returns 0 with
 * res->mib_ok true when the PBCH decoded, OLIVE_ECRC when a cell was found (res->found, PCI,
 * timing, CFO filled) but the PBCH CRC failed, OLIVE_EAGAIN when no PSS passed the threshold,
 * OLIVE_EINVAL on bad arguments (including an SSB band outside +-srate/2). Never allocates. */
OLIVE_API int phy_cellsearch_run(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                                 const cf_t *x, uint32_t len, phy_cellsearch_res_t *res);

/* SIB1 of a cell found by phy_cellsearch_run (res->mib_ok; res->frame_pos and res->sfn
 * must refer to this x: shift frame_pos when x is another buffer of the same stream).
 * min_bw_mhz is the band's minimum channel bandwidth selecting the CORESET#0 table (5 or
 * 10: Tables 13-1..13-4; 40: 13-5/13-6). Tries every Type0-PDCCH occasion of the SSB
 * that lies wholly inside x, in time order, until one decodes. Returns the number of
 * SIB1 bytes written to sib1 (the transport block, tbs / 8 bytes, padding included),
 * OLIVE_EAGAIN when no occasion decoded, OLIVE_ENOTSUP when the MIB announces no
 * CORESET#0 (k_SSB > 23, 38.213 13) or a configuration outside FR1 pattern 1, OLIVE_ERANGE
 * when cap is too small, OLIVE_EINVAL on bad arguments. Never allocates. */
OLIVE_API int phy_cellsearch_sib1(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                                  const phy_cellsearch_res_t *cell, uint32_t min_bw_mhz,
                                  const cf_t *x, uint32_t len, uint8_t *sib1, uint32_t cap,
                                  phy_cellsearch_sib1_res_t *res);

#endif
