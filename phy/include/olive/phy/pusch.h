/* SPDX-License-Identifier: Apache-2.0 */
/* Physical uplink shared channel, one codeword, one layer:
 *
 * UE side (transmitter)
 *   TS 38.214 6.1.2.1   time-domain allocation (S, L, mapping type A/B) checked against
 *                       Table 6.1.2.1-1 (normal CP)
 *   TS 38.214 6.1.4     MCS (Tables 5.1.3.1-1/-2/-3, and 6.1.4.1-1/-2 with transform
 *                       precoding) and TBS (6.1.4.2, through tbs.h)
 *   TS 38.212 6.2       UL-SCH: TB CRC, LDPC, rate matching (through ldpc_rm.h, phy_sch_*)
 *   TS 38.211 6.3.1.1   scrambling, c_init = n_RNTI 2^15 + n_ID, with the UCI placeholders
 *                       x / y (scrambling.h phy_scrambling_bits_ph)
 *   TS 38.211 6.3.1.2   modulation pi/2-BPSK (transform precoding only), QPSK .. 256QAM
 *   TS 38.211 6.3.1.4   transform precoding (DFT-s-OFDM), when enabled
 *   TS 38.211 6.3.1.6   mapping to VRBs frequency first over the REs that are not DM-RS of
 *                       any CDM group without data (with transform precoding the DM-RS
 *                       symbols carry no data), VRB = PRB
 *   TS 38.211 6.4.1.1   DM-RS: without transform precoding the Gold-sequence DM-RS of
 *                       6.4.1.1.1.1 (the PDSCH one of dmrs.h, Rel-15 c_init), type 1 or 2;
 *                       with transform precoding the low-PAPR sequence r_u,v^(0,1) of
 *                       6.4.1.1.1.2 (delta = 1, M_ZC = 6 N_PRB, u = (f_gh + N_ID^RS) mod
 *                       30, v = 0, or with group hopping f_gh from c(n) with c_init =
 *                       floor(N_ID^RS / 30), or with sequence hopping v = c(14 n_s + l)
 *                       with c_init = N_ID^RS when M_ZC >= 72) on the type-1 comb
 *                       of port 0 from the allocation's first subcarrier; positions of
 *                       Table 6.4.1.1.3-3 (single-symbol, no intra-slot hopping);
 *                       amplitude beta_DMRS of TS 38.214 Table 6.2.2-1 (0, -3, -4.77 dB
 *                       for 1, 2, 3 CDM groups without data: sqrt 1, 2, 3 with unit data)
 *
 * gNB side (receiver), 1 or 2 RX ports (grid ports 0 .. nof_rx - 1)
 *   - DM-RS least-squares estimate on every DM-RS RE (one layer: no k' despreading), the
 *     timing phase ramp removed, a moving average in frequency of 1..9 REs chosen per
 *     symbol and port for the least estimated error, linear interpolation in frequency and
 *     in time between DM-RS symbols (held outside) (phy/pusch/pusch_chest.c);
 *   - measurements: noise variance, SNR, RSRP, the timing offset from the phase slope
 *     of the estimate across frequency (in seconds and in TA steps of 16 64 T_c / 2^mu,
 *     TS 38.213 4.2), and the frequency offset from the phase drift between DM-RS symbols
 *     (removed in the time interpolation, used to extrapolate beyond the DM-RS symbols);
 *   - per-RE equalisation: ZF (= MRC over the RX ports) or MMSE; with transform
 *     precoding MMSE is per subcarrier before the IDFT and the unbiased output and its
 *     noise come from the mean MMSE gain of the symbol;
 *   - transform deprecoding, max-log demapping with per-symbol noise, descrambling,
 *     de-rate-matching with HARQ soft combining (any RV order, 0 2 3 1 is the usual),
 *     LDPC with early termination on the CB CRC, the TB CRC verdict.
 *
 * UCI on PUSCH with UL-SCH (TS 38.212 6.2.7, 6.3.2): HARQ-ACK and CSI part 1, sizes with
 * beta offsets and alpha, reserved REs and puncturing for 0..2 HARQ-ACK bits, block code
 * or polar; the receiver demultiplexes and decodes them (phy_pusch_uci_cfg_t).
 *
 * Not supported: more than one layer, intra-slot frequency hopping, double-symbol DM-RS,
 * PT-RS, CSI part 2, UCI without UL-SCH.
 *
 * Objects: phy_pusch_t holds the TB chain, modulation, scrambling, transform precoding
 * objects and all buffers, sized at init by the args. One object per thread. The per-call
 * functions never allocate, print or block. */
#ifndef OLIVE_PHY_PUSCH_H
#define OLIVE_PHY_PUSCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/dmrs.h"
#include "olive/phy/grid.h"
#include "olive/phy/ldpc_rm.h"
#include "olive/phy/modulation.h"
#include "olive/phy/phy.h"
#include "olive/phy/scrambling.h"
#include "olive/phy/tbs.h"
#include "olive/phy/transform_precoding.h"
#include "olive/support/api.h"

#define PHY_PUSCH_MAX_RX       2u   /* RX ports the receiver combines */
#define PHY_PUSCH_MAX_UCI_BITS 128u /* HARQ-ACK or CSI part 1 payload bound kept by the API */

/* Mapping types are the PDSCH ones of dmrs.h (same meaning for PUSCH, TS 38.214 6.1.2.1). */
typedef phy_pdsch_mapping_t phy_pusch_mapping_t;
#define PHY_PUSCH_MAPPING_A PHY_PDSCH_MAPPING_A
#define PHY_PUSCH_MAPPING_B PHY_PDSCH_MAPPING_B

/* ---- Tables ------------------------------------------------------------------------------ */

/* TS 38.211 Table 6.4.1.1.3-3 (single-symbol DM-RS, intra-slot frequency hopping disabled):
 * l-bar positions for duration ld (mapping A: from the slot start to the last PUSCH symbol;
 * mapping B: the PUSCH duration, 1..14), dmrs-AdditionalPosition add_pos 0..3 and l0 (2 or 3
 * for mapping A, ignored for B where l0 = 0). Positions are relative to the slot (A) or to
 * the PUSCH start (B). Returns their number (1..4) or OLIVE_EINVAL for an entry the table
 * marks "-" (mapping A with ld < 4), add_pos 3 with l0 = 3 (6.4.1.1.3), or arguments out of
 * range. */
OLIVE_API int phy_pusch_dmrs_positions(phy_pusch_mapping_t mapping, uint32_t ld, uint32_t add_pos,
                                       uint32_t l0, uint8_t l_bar[PHY_DMRS_MAX_SYMB]);

/* Checks (mapping, S, L) against TS 38.214 Table 6.1.2.1-1 (normal CP): type A: S = 0,
 * L 4..14, S + L 4..14; type B: S 0..13, L 1..14, S + L 1..14. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pusch_tda_check(phy_pusch_mapping_t mapping, uint32_t s, uint32_t l);

/* One TA step of TS 38.213 4.2, 16 64 T_c / 2^mu seconds (T_c = 1 / (480 kHz 4096)):
 * 0.521 us at mu 0, 0.260 us at mu 1. 0 for mu > 4. */
OLIVE_API double phy_pusch_ta_step_s(uint32_t mu);

/* ---- Configuration ----------------------------------------------------------------------- */

typedef enum phy_pusch_eq {
  PHY_PUSCH_EQ_ZF = 0, /* zero forcing; over 2 RX ports MRC (one layer) */
  PHY_PUSCH_EQ_MMSE,   /* MMSE; equal to ZF/MRC for CP-OFDM (unbiased, one layer), differs
                          with transform precoding (per-subcarrier weights before the IDFT) */
} phy_pusch_eq_t;

/* UCI multiplexed on the PUSCH with UL-SCH, TS 38.212 6.2.7 / 6.3.2 (one layer, no
 * frequency hopping; CSI part 2 and UCI without UL-SCH are not supported). Beta offsets of
 * TS 38.213 9.3 as values, e.g. 20.0 for betaOffsetACK-Index 11 of Table 9.3-1. Zero bits:
 * no UCI of that kind. HARQ-ACK of 1..11 bits and CSI part 1 of 1..11 bits use the block
 * codes of 38.212 5.3.3, 12 bits and more polar with CRC6/CRC11. With 0..2 HARQ-ACK bits
 * REs are reserved as for 2 bits (6.2.7 step 1), so beta_ack is needed whenever UCI is
 * present. */
typedef struct phy_pusch_uci_cfg {
  uint32_t o_ack;  /* HARQ-ACK bits O_ACK, 0..PHY_PUSCH_MAX_UCI_BITS */
  uint32_t o_csi1; /* CSI part 1 bits O_CSI-1, 0..PHY_PUSCH_MAX_UCI_BITS */
  float beta_ack;  /* beta_offset^HARQ-ACK >= 1 */
  float beta_csi1; /* beta_offset^CSI-1 >= 1 */
  float alpha;     /* scaling (TS 38.331 PUSCH-Config scaling): 0.5, 0.65, 0.8, 1. The sizes
                      are computed exactly with beta rounded to 1/8 and alpha to 1/20 (every
                      value of Tables 9.3-1/-2 and of scaling is such a multiple) */
} phy_pusch_uci_cfg_t;

/* UCI payload bits, one per byte (0/1). */
typedef struct phy_pusch_uci {
  uint8_t ack[PHY_PUSCH_MAX_UCI_BITS];
  uint8_t csi1[PHY_PUSCH_MAX_UCI_BITS];
} phy_pusch_uci_t;

typedef struct phy_pusch_cfg {
  /* Where */
  uint32_t mu;                 /* numerology 0, 1 (TA step) */
  uint32_t slot;               /* n_s^mu in the frame (DM-RS c_init) */
  uint32_t crb0;               /* CRB index of grid PRB 0 (the DM-RS sequence reference
                                  point is CRB 0 without transform precoding) */
  phy_pusch_mapping_t mapping; /* type A or B */
  uint32_t s;                  /* first symbol S */
  uint32_t l;                  /* number of symbols L */
  uint32_t prb_start;          /* first grid PRB */
  uint32_t nof_prb;            /* allocated PRBs >= 1 (2^a 3^b 5^c with transform precoding) */
  bool transform_precoding;
  /* DM-RS */
  phy_dmrs_type_t dmrs_type;   /* type 1 or 2 (type 1 only with transform precoding) */
  uint32_t typea_pos;          /* dmrs-TypeA-Position 2 or 3 */
  uint32_t add_pos;            /* dmrs-AdditionalPosition 0..3 */
  uint32_t dmrs_id;            /* without TP: N_ID^nSCID 0..65535; with TP: N_ID^RS
                                  (nPUSCH-Identity 0..1007, or N_ID^cell) */
  uint32_t n_scid;             /* 0, 1 (without TP) */
  bool group_hopping;          /* TP: groupHoppingEnabledTransformPrecoding (6.4.1.1.1.2) */
  bool sequence_hopping;       /* TP: sequenceHopping (not with group_hopping) */
  uint32_t cdm_groups_no_data; /* 1..2 (type 1), 1..3 (type 2); 2 with TP */
  uint32_t n_layers;           /* 1 (the only value supported) */
  uint32_t port;               /* DM-RS port p - 1000: 0..7 (type 1), 0..11 (type 2); 0 with TP */
  /* Codeword */
  uint16_t rnti;             /* n_RNTI */
  uint32_t n_id;             /* data scrambling identity 0..1023 (N_ID^cell when not set) */
  phy_mcs_table_t mcs_table; /* QAM64, QAM256, QAM64_LOWSE; TP_QAM64, TP_QAM64_LOWSE with TP */
  bool tp_pi2bpsk;           /* tp-pi2BPSK (TP tables only) */
  uint32_t mcs;              /* 0..31. A reserved index (retransmission) needs tbs, and the
                                base graph (7.2.2) and sum K_r of the UCI sizes then follow
                                from R = 0: send retransmissions whose first transmission used
                                BG1 with the initial index instead */
  uint32_t tbs;              /* 0: from 6.1.4.2 for this allocation; else given (retx) */
  uint32_t n_oh_prb;         /* xOverhead 0, 6, 12, 18 */
  uint32_t rv;               /* 0..3 */
  bool lbrm;
  phy_pusch_uci_cfg_t uci;
  /* Receiver */
  uint32_t harq_id;
  bool new_data;
  uint32_t max_iters; /* LDPC, 0 = default (10) */
  phy_pusch_eq_t eq;
} phy_pusch_cfg_t;

/* Per-RE use in phy_pusch_re_map(). */
enum {
  PHY_PUSCH_RE_NONE = 0,
  PHY_PUSCH_RE_DATA = 1, /* UL-SCH */
  PHY_PUSCH_RE_DMRS = 2,
  PHY_PUSCH_RE_ACK = 3,  /* HARQ-ACK (TS 38.212 6.2.7; with 1-2 bits it punctures UL-SCH) */
  PHY_PUSCH_RE_CSI1 = 4, /* CSI part 1 */
};

/* Marks, for grid width grid_prb, map[l * 12 grid_prb + k] with PHY_PUSCH_RE_DATA for the
 * REs carrying UL-SCH, PHY_PUSCH_RE_ACK / _CSI1 for those carrying UCI (without transform
 * precoding; with it UCI is multiplexed before the DFT and the REs are all DATA),
 * PHY_PUSCH_RE_DMRS for the DM-RS REs of the port and NONE elsewhere (including the unused
 * REs of CDM groups without data). Returns the number of data REs (UL-SCH and UCI) or a
 * negative error. */
OLIVE_API int phy_pusch_re_map(const phy_pusch_cfg_t *cfg, uint32_t grid_prb, uint8_t *map);

/* UCI sizes of TS 38.212 6.3.2.4.1 for cfg: coded modulation symbols Q'_ACK, Q'_CSI-1 and
 * the REs reserved for 0..2 HARQ-ACK bits Q'_rvd (6.2.7 step 1; 0 without UCI). Any pointer
 * may be NULL. 0 or a negative error (OLIVE_ERANGE when the UCI does not fit). */
OLIVE_API int phy_pusch_uci_sizes(const phy_pusch_cfg_t *cfg, uint32_t *q_ack, uint32_t *q_csi1,
                                  uint32_t *q_rvd);

/* G of the UL-SCH: data REs x Q_m (minus the UCI bits when UCI is present), or
 * OLIVE_EINVAL. */
OLIVE_API int phy_pusch_g(const phy_pusch_cfg_t *cfg);

/* TBS of TS 38.214 6.1.4.2 for cfg (N_DMRS^PRB counts the CDM groups without data), or
 * cfg->tbs when non-zero. Negative on error. */
OLIVE_API int phy_pusch_tbs(const phy_pusch_cfg_t *cfg);

/* ---- Object ------------------------------------------------------------------------------- */

typedef struct phy_pusch_args {
  uint32_t max_prb;  /* 1..275: grid width and allocation */
  uint32_t max_qm;   /* 2..8 (8 when the 256QAM table may be used) */
  uint32_t nof_harq; /* HARQ processes with soft buffers (0: transmitter only) */
  bool tp;           /* plan transform precoding for every allowed size up to max_prb */
  olive_isa_t isa;   /* OLIVE_ISA_AUTO normally */
} phy_pusch_args_t;

/* Measurements and verdicts of one reception. */
typedef struct phy_pusch_rx_res {
  phy_sch_result_t sch; /* TB CRC, code blocks, LDPC iterations */
  float noise_var;      /* N0 per RE, grid scale (unit-amplitude data) */
  float snr_db;         /* E|h|^2 / N0 averaged over the RX ports, dB */
  float rsrp_db;        /* DM-RS received power per RE (beta^2 E|h|^2), noise removed,
                           averaged over the RX ports, dB relative to 1 (grid units) */
  float ta_s;           /* timing offset of the UE (positive: late), seconds */
  int32_t ta_steps;     /* ta_s in TA steps (phy_pusch_ta_step_s), rounded */
  float cfo_hz;         /* frequency offset from the common phase drift between DM-RS
                           symbols (0 with a single DM-RS symbol), Hz; unambiguous while
                           the drift between neighbouring DM-RS symbols is below pi */
  float evm;            /* RMS error of the equalised data symbols against the hard
                           decisions, relative to unit power */
  uint32_t g;           /* UL-SCH coded bits */
  /* UCI (when configured) */
  bool ack_ok; /* HARQ-ACK decoded (polar: CRC held; block code: always true) */
  bool csi1_ok;
  phy_pusch_uci_t uci; /* decoded payloads */
} phy_pusch_rx_res_t;

struct phy_pusch_buf;
typedef struct phy_pusch {
  phy_pusch_args_t args;
  phy_sch_t sch;
  phy_modulation_t mod;
  phy_scrambling_t scr;
  phy_transform_precoding_t tp;
  struct phy_pusch_buf *b; /* private */
} phy_pusch_t;

/* 0, OLIVE_EINVAL, OLIVE_ENOMEM. FFTW planning (args.tp): call from one thread. */
OLIVE_API int phy_pusch_init(phy_pusch_t *q, const phy_pusch_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pusch_free(phy_pusch_t *q);

/* TB (phy_pusch_tbs(cfg) / 8 bytes) and UCI payload (uci, may be NULL when cfg->uci has no
 * bits) -> grid port 0 (data with unit amplitude, DM-RS with beta_DMRS). Only the REs of
 * the allocation are written. Returns G (UL-SCH bits) or OLIVE_EINVAL / OLIVE_ERANGE /
 * OLIVE_ENOTSUP (more than one layer). Never allocates. */
OLIVE_API int phy_pusch_encode(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const uint8_t *tb,
                               const phy_pusch_uci_t *uci, phy_grid_t *grid);

/* Receives from grid ports 0 .. nof_rx - 1 (nof_rx 1..2) into tb (phy_pusch_tbs(cfg) / 8
 * bytes). Returns 0 when the TB CRC holds, OLIVE_ECRC when not (res is filled in both
 * cases), OLIVE_EINVAL / OLIVE_ERANGE / OLIVE_ESTATE as phy_sch_decode, OLIVE_ENOTSUP as
 * phy_pusch_encode. res may be NULL. Never allocates. */
OLIVE_API int phy_pusch_decode(phy_pusch_t *q, const phy_pusch_cfg_t *cfg, const phy_grid_t *grid,
                               uint32_t nof_rx, uint8_t *tb, phy_pusch_rx_res_t *res);

#endif
