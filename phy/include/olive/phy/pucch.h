/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH formats 0, 1 and 2: UE-side generation and gNB detectors.
 *
 *   TS 38.211 6.3.2.2  group/sequence hopping (6.3.2.2.1), cyclic shift hopping (6.3.2.2.2)
 *   TS 38.211 6.3.2.3  format 0: sequence selection, m_cs from TS 38.213 9.2.3 / 9.2.5
 *   TS 38.211 6.3.2.4  format 1: d(0) BPSK/QPSK, low-PAPR sequence, time-domain OCC
 *   TS 38.211 6.3.2.5  format 2: UCI (TS 38.212 6.3.1, block code or polar), scrambling, QPSK * *
 * TS 38.211 6.3.2.6  formats 3 and 4: as format 2 plus pi/2-BPSK and transform precoding; format 4
 * adds block-wise spreading (6.3.2.6.3) TS 38.211 6.4.1.3.1 / 6.4.1.3.2 / 6.4.1.3.3  DM-RS of
 * formats 1, 2 and 3
 *
 * Grid conventions (olive/phy/grid.h): one slot, subcarrier k = 12 * prb + n of the
 * carrier, symbol l = 0..13 of the slot. The encoders write the PUCCH REs of one port of a
 * grid (nothing else is touched); the detectors read ports 0 .. grid->nof_ports - 1 (the RX
 * antennas, 1 .. PHY_PUCCH_MAX_PORTS) and combine them.
 *
 * Detection and DTX. Each detector forms, for every hypothesis h, the correlation energy
 * P_h = sum over observations (symbol or hop, RX port) of |<y, s_h>|^2 / |s_h|^2, and an
 * independent noise estimate from the received energy outside the hypotheses' subspace
 * (d complex degrees of freedom). With noise alone P_h / sigma^2 ~ Gamma(k) (k observations)
 * and the ratio T = max_h P_h / sigma_hat^2 follows a scaled F law whose tail is known in
 * closed form; the threshold is set so that P(T > thr | noise) <= pfa (union bound over the
 * hypotheses). pfa defaults to 1e-3, well below the 1% DTX->ACK limit of TS 38.104 8.3.
 *
 * Threads: a phy_pucch_t holds scratch and a threshold cache; use one object per thread.
 * None of the per-call functions allocate, print or block. */
#ifndef OLIVE_PHY_PUCCH_H
#define OLIVE_PHY_PUCCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/grid.h"
#include "olive/phy/modulation.h"
#include "olive/phy/phy.h"
#include "olive/phy/polar.h"
#include "olive/phy/scrambling.h"
#include "olive/phy/transform_precoding.h"
#include "olive/support/api.h"

#define PHY_PUCCH_MAX_PORTS  4  /* RX ports a detector combines */
#define PHY_PUCCH_F2_MAX_PRB 16 /* TS 38.331 PUCCH-format2 nrofPRBs 1..16 */
#define PHY_PUCCH_F2_MAX_E   (16 * PHY_PUCCH_F2_MAX_PRB * 2) /* E = 16 N_PRB N_symb (6.3.2.5) */
#define PHY_PUCCH_F2_MAX_A   (PHY_PUCCH_F2_MAX_E / 2)        /* payload bound kept by the API */
#define PHY_PUCCH_F3_MAX_PRB 16   /* TS 38.331 PUCCH-format3 nrofPRBs (2^a 3^b 5^c <= 16) */
#define PHY_PUCCH_F3_MAX_A   1706 /* TS 38.212 6.3.1.2.1 */
/* Largest E of any format: F3 with QPSK, 16 PRB and 12 data symbols (6.3.2.6) */
#define PHY_PUCCH_MAX_E       (24 * PHY_PUCCH_F3_MAX_PRB * 12)
#define PHY_PUCCH_DEFAULT_PFA 1e-3f

/* pucch-GroupHopping (TS 38.331 PUCCH-ConfigCommon), TS 38.211 6.3.2.2.1. */
typedef enum phy_pucch_group_hopping {
  PHY_PUCCH_GH_NEITHER, /* f_gh = 0, v = 0 */
  PHY_PUCCH_GH_ENABLE,  /* group hopping, v = 0 */
  PHY_PUCCH_GH_DISABLE, /* f_gh = 0, sequence hopping v = c(2 n_s + n_hop) */
} phy_pucch_group_hopping_t;

typedef enum phy_pucch_format {
  PHY_PUCCH_F0,
  PHY_PUCCH_F1,
  PHY_PUCCH_F2,
  PHY_PUCCH_F3,
  PHY_PUCCH_F4,
  PHY_PUCCH_FORMAT_COUNT
} phy_pucch_format_t;

/* "PUCCH F0" .. "PUCCH F4"; "?" out of range. */
OLIVE_API const char *phy_pucch_format_name(phy_pucch_format_t f);

/* One PUCCH resource (TS 38.331 PUCCH-Resource), PRBs relative to the grid's PRB 0. */
typedef struct phy_pucch_resource {
  phy_pucch_format_t format;
  uint32_t start_prb;       /* startingPRB */
  bool intra_slot_hopping;  /* intraSlotFrequencyHopping */
  uint32_t second_hop_prb;  /* secondHopPRB (used when intra_slot_hopping) */
  uint32_t nof_symbols;     /* nrofSymbols: F0, F2: 1..2; F1, F3, F4: 4..14 */
  uint32_t start_symbol;    /* startingSymbolIndex l': F0, F2 0..13; F1 0..10 */
  uint32_t initial_cs;      /* initialCyclicShift m0, 0..11 (F0, F1) */
  uint32_t time_domain_occ; /* timeDomainOCC i, 0..6 (F1) */
  uint32_t nof_prb;         /* nrofPRBs: F2 1..16; F3 1-6, 8, 9, 10, 12, 15, 16; others 1 */
  bool additional_dmrs;     /* F3, F4: additionalDMRS (Table 6.4.1.3.3.2-1) */
  bool pi2_bpsk;            /* F3, F4: pi2BPSK instead of QPSK (6.3.2.6.2) */
  uint32_t occ_length;      /* F4: occ-Length N_SF, 2 or 4 (6.3.2.6.3) */
  uint32_t occ_index;       /* F4: occ-Index n, 0 .. occ_length - 1 */
} phy_pucch_resource_t;

/* Per-slot configuration of one PUCCH transmission. */
typedef struct phy_pucch_cfg {
  phy_pucch_resource_t res;
  phy_pucch_group_hopping_t group_hopping;
  uint32_t n_id; /* hoppingId if configured, else N_ID^cell (0..1023): 6.3.2.2 */
  uint32_t slot; /* n_s,f^mu, slot number in the frame, < 10 * 2^mu */
  uint32_t mu;   /* numerology 0..4 (only bounds slot) */
  /* Format 2 */
  uint16_t rnti;           /* n_RNTI (C-RNTI), 6.3.2.5.1 */
  uint32_t n_id_data;      /* dataScramblingIdentityPUSCH or N_ID^cell, 0..1023 (6.3.2.5.1) */
  uint32_t n_id_dmrs;      /* scramblingID0 of DMRS-UplinkConfig or N_ID^cell, 0..65535 */
  uint32_t grid_start_crb; /* CRB of the grid's PRB 0 (N_grid^start + ...): the F2 DM-RS
                              index m counts from CRB 0 (6.4.1.3.2.2) */
  /* Detectors */
  float pfa; /* target DTX false-alarm probability; 0 -> PHY_PUCCH_DEFAULT_PFA */
} phy_pucch_cfg_t;

/* UCI of formats 0 and 1 (TS 38.213 9.2.3, 9.2.4, 9.2.5). */
typedef struct phy_pucch_uci {
  uint32_t nof_harq;   /* 0, 1 or 2 HARQ-ACK bits */
  uint8_t harq[2];     /* 1 = ACK, 0 = NACK; harq[0] first */
  bool sr_opportunity; /* F0: this resource also carries an SR opportunity (Table 9.2.5-x) */
  bool sr;             /* positive SR (F0 with sr_opportunity; F1 with nof_harq = 0) */
} phy_pucch_uci_t;

/* Detector output of formats 0 and 1. */
typedef struct phy_pucch_uci_rx {
  bool detected;   /* false = DTX: nothing (or a negative SR only) was received */
  uint8_t harq[2]; /* valid when detected */
  bool sr;         /* positive SR detected */
  float metric;    /* T = max_h P_h / sigma_hat^2 */
  float threshold; /* detection threshold on T for the configured pfa */
  float noise_var; /* sigma_hat^2 per RE */
  float snr_db;    /* estimated SNR per RE of the detected hypothesis */
} phy_pucch_uci_rx_t;

/* Detector output of formats 2, 3 and 4. */
typedef struct phy_pucch_f2_rx {
  bool detected;      /* DM-RS found and the code word accepted (RM confidence/CRC) */
  bool dmrs_detected; /* DM-RS energy test alone */
  bool crc_ok;        /* polar: every CRC passed; block code: confidence >= threshold */
  float confidence;   /* block code: cosine of phy_block_decode; polar: 1 or 0 */
  float metric, threshold, noise_var, snr_db; /* DM-RS test, as for F0/F1 */
} phy_pucch_f2_rx_t;

typedef struct phy_pucch_args {
  uint32_t max_ports; /* RX ports of the detectors, 1 .. PHY_PUCCH_MAX_PORTS */
  olive_isa_t isa;    /* modulation/scrambling/polar kernels: OLIVE_ISA_AUTO or forced */
} phy_pucch_args_t;

typedef struct phy_pucch_thr_cache {
  uint32_t k, d, h;
  float pfa, thr;
} phy_pucch_thr_cache_t;

typedef struct phy_pucch_split_cache {
  uint32_t A, E, qm;
  float pfa, pfa_dmrs, conf_thr;
} phy_pucch_split_cache_t;

typedef struct phy_pucch {
  uint32_t max_ports;
  bool ready;
  phy_modulation_t mod;
  phy_scrambling_t scr;
  phy_polar_dec_t *polar;
  phy_pucch_thr_cache_t thr_cache[PHY_PUCCH_FORMAT_COUNT];
  phy_pucch_split_cache_t split_cache;
  phy_transform_precoding_t tp;
  /* Formats 2 and 3 scratch, PHY_PUCCH_MAX_E bits (allocated at init) */
  uint8_t *bits;
  float *llr;
  cf_t *sym;
  float *sym_nv;
} phy_pucch_t;

/* Allocates the scratch, the polar decoder and the DFT plans and sets up the kernels. args may be
 * NULL (1 port, AUTO). Returns 0, OLIVE_EINVAL, OLIVE_ENOTSUP or OLIVE_ENOMEM. */
OLIVE_API int phy_pucch_init(phy_pucch_t *q, const phy_pucch_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pucch_free(phy_pucch_t *q);

/* ---- Common procedures (TS 38.211 6.3.2.2), exposed for tests and other channels ---- */

/* Group u (0..29) and sequence v (0..1) number for hop n_hop (0, or 1 for the second hop of
 * an intra-slot hopping resource), TS 38.211 6.3.2.2.1. Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pucch_group_seq(phy_pucch_group_hopping_t gh, uint32_t n_id, uint32_t slot,
                                  uint32_t n_hop, uint32_t *u, uint32_t *v);

/* n_cs(n_s, l) = sum_{m=0}^{7} 2^m c(8 * 14 * n_s + 8 l + m), c_init = n_id (6.3.2.2.2);
 * l is the symbol index in the slot (l + l'). */
OLIVE_API uint32_t phy_pucch_ncs(uint32_t n_id, uint32_t slot, uint32_t l_slot);

/* alpha_l = 2 pi / 12 * ((m0 + m_cs + n_cs(n_s, l + l')) mod 12): returns the index
 * (m0 + m_cs + n_cs) mod 12 (the shift in units of 2 pi / 12). */
OLIVE_API uint32_t phy_pucch_alpha_idx(uint32_t n_id, uint32_t slot, uint32_t l_slot, uint32_t m0,
                                       uint32_t m_cs);

/* TS 38.211 Table 6.3.2.4.1-2: phi such that w_i(m) = exp(j 2 pi phi / n_sf); n_sf 1..7,
 * i < n_sf, m < n_sf. Returns -1 for an invalid index. */
OLIVE_API int phy_pucch_f1_occ_phi(uint32_t n_sf, uint32_t i, uint32_t m);

/* TS 38.211 Table 6.3.2.4.1-1 (data, dmrs = false) and Table 6.4.1.3.1.1-1 (DM-RS, dmrs =
 * true): N_SF,m' for a format 1 of nof_symbols (4..14) in hop m' (0, 1). 0 when m' = 1
 * without hopping or when nof_symbols is out of range. */
OLIVE_API uint32_t phy_pucch_f1_nsf(uint32_t nof_symbols, bool hopping, uint32_t m_prime,
                                    bool dmrs);

/* TS 38.213 Tables 9.2.3-3, 9.2.3-4 (no SR) and 9.2.5-1, 9.2.5-2 (positive SR), and 9.2.4
 * (SR alone, m_cs = 0): the m_cs of format 0 for uci. Returns m_cs (0..11), or OLIVE_EINVAL
 * when nothing is transmitted (no HARQ and no positive SR) or uci is invalid. */
OLIVE_API int phy_pucch_f0_mcs(const phy_pucch_uci_t *uci);

/* Checks cfg (resource ranges, format-specific limits) against a grid of nof_prb PRBs. */
OLIVE_API int phy_pucch_cfg_check(const phy_pucch_cfg_t *cfg, uint32_t grid_nof_prb);

/* The detection threshold on T (see the file comment) for k observations, d noise degrees of
 * freedom, h hypotheses and false-alarm target pfa: the t with h * P(G_k / (G_d / d) > t) =
 * pfa, G_x ~ Gamma(x, 1) independent. Closed form tail, bisection. */
OLIVE_API float phy_pucch_threshold(uint32_t k, uint32_t d, uint32_t h, float pfa);

/* ---- Format 0 (TS 38.211 6.3.2.3) ---- */

/* Writes the format 0 sequence for uci into port `port` of grid. OLIVE_EINVAL when nothing
 * is to be sent (negative SR only) or the configuration is invalid. */
OLIVE_API int phy_pucch_f0_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg,
                                  const phy_pucch_uci_t *uci, phy_grid_t *grid, uint32_t port);

/* Detects the format 0 UCI expected by `expect` (its nof_harq and sr_opportunity select the
 * hypotheses; the bit values are ignored). */
OLIVE_API int phy_pucch_f0_detect(phy_pucch_t *q, const phy_pucch_cfg_t *cfg,
                                  const phy_pucch_uci_t *expect, const phy_grid_t *grid,
                                  phy_pucch_uci_rx_t *rx);

/* ---- Format 1 (TS 38.211 6.3.2.4, 6.4.1.3.1) ---- */

/* Writes format 1 (data and DM-RS) for uci: nof_harq = 1 (BPSK) or 2 (QPSK) HARQ bits, or
 * nof_harq = 0 with sr = true (positive SR alone: b(0) = 0, TS 38.213 9.2.4). */
OLIVE_API int phy_pucch_f1_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg,
                                  const phy_pucch_uci_t *uci, phy_grid_t *grid, uint32_t port);

/* Detects format 1: `expect->nof_harq` bits (0 = SR alone). */
OLIVE_API int phy_pucch_f1_detect(phy_pucch_t *q, const phy_pucch_cfg_t *cfg,
                                  const phy_pucch_uci_t *expect, const phy_grid_t *grid,
                                  phy_pucch_uci_rx_t *rx);

/* ---- Format 2 (TS 38.211 6.3.2.5, 6.4.1.3.2; TS 38.212 6.3.1) ---- */

/* E_tot = 16 * nof_prb * nof_symbols bits (TS 38.212 6.3.1.4, Table 6.3.1.4-1, QPSK). */
OLIVE_API uint32_t phy_pucch_f2_e(const phy_pucch_resource_t *res);

/* Encodes A payload bits a (one per byte; the UCI bit sequence of TS 38.212 6.3.1.1) with
 * the block code (A <= 11) or the UCI polar chain (A >= 12, CRC6/CRC11), rate-matched to
 * E_tot, scrambles, maps to QPSK and writes data and DM-RS into port `port` of grid. */
OLIVE_API int phy_pucch_f2_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a,
                                  uint32_t A, phy_grid_t *grid, uint32_t port);

/* Receives format 2: LS channel estimate per PRB and symbol from the DM-RS, MRC across ports,
 * QPSK LLRs, descrambling and decoding of A bits into a. Returns 0 (rx says what was found)
 * or a negative error for an invalid configuration. */
OLIVE_API int phy_pucch_f2_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                                  const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx);

/* ---- Format 3 (TS 38.211 6.3.2.6, 6.4.1.3.3; TS 38.212 6.3.1) ---- */

/* The DM-RS symbols of a format 3 resource, TS 38.211 Table 6.4.1.3.3.2-1 (indices relative
 * to the first PUCCH symbol), written to idx[0..3]. Returns their number (1..4) or
 * OLIVE_EINVAL. */
OLIVE_API int phy_pucch_f3_dmrs_symbols(const phy_pucch_resource_t *res, uint32_t idx[4]);

/* E_tot = 24 (QPSK) or 12 (pi/2-BPSK) * N_PRB * N_symb,UCI, divided by N_SF for format 4
 * (TS 38.212 Table 6.3.1.4-1); 0 for an invalid resource. */
OLIVE_API uint32_t phy_pucch_f3_e(const phy_pucch_resource_t *res);

/* As phy_pucch_f2_encode, with transform precoding of each data symbol (6.3.2.6.4) and the
 * low-PAPR DM-RS of 6.4.1.3.3.1 (m0 = 0, group/sequence hopping per hop). */
OLIVE_API int phy_pucch_f3_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a,
                                  uint32_t A, phy_grid_t *grid, uint32_t port);

/* Receives format 3: LS channel estimate per PRB and hop from the DM-RS symbols, MRC across
 * ports, transform deprecoding, LLRs, descrambling, decoding, DTX as for format 2. */
OLIVE_API int phy_pucch_f3_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                                  const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx);

/* ---- Format 4 (TS 38.211 6.3.2.6 with 6.3.2.6.3, 6.4.1.3.3): one PRB, block-wise
 * spreading with w_n of Tables 6.3.2.6.3-1/-2, DM-RS cyclic shift m0 of Table 6.4.1.3.3.1-1.
 * Same arguments and results as format 3. ---- */
OLIVE_API int phy_pucch_f4_encode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, const uint8_t *a,
                                  uint32_t A, phy_grid_t *grid, uint32_t port);
OLIVE_API int phy_pucch_f4_decode(phy_pucch_t *q, const phy_pucch_cfg_t *cfg, uint32_t A,
                                  const phy_grid_t *grid, uint8_t *a, phy_pucch_f2_rx_t *rx);

#endif
