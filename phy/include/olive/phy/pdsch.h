/* SPDX-License-Identifier: Apache-2.0 */
/* Physical downlink shared channel, one codeword:
 *
 *   TS 38.214 5.1.2.1   time-domain allocation: default table A (Table 5.1.2.1.1-2) and
 *                       configured (S, L, mapping type) entries checked against
 *                       Table 5.1.2.1-1 (normal CP)
 *   TS 38.214 5.1.2.2.2 FDRA type 1 (contiguous VRBs), VRB-to-PRB non-interleaved
 *                       (38.211 7.3.1.6: PRB = VRB)
 *   TS 38.214 5.1.3     MCS and TBS (through tbs.h), 5.1.4 rate matching around the SSB
 *                       (its PRBs in its symbols) and around reserved PRB x symbol sets
 *                       (a CORESET's RBs in its symbols)
 *   TS 38.212 7.2       transport block -> G bits and back (through ldpc_rm.h, phy_sch_*)
 *   TS 38.211 7.3.1.1   scrambling, c_init = n_RNTI 2^15 + q 2^14 + n_ID, q = 0
 *   TS 38.211 7.3.1.2   modulation QPSK .. 256QAM
 *   TS 38.211 7.3.1.3   layer mapping, 1 or 2 layers (x^(v)(i) = d(2i + v) for 2)
 *   TS 38.211 7.3.1.4   precoding: identity (layer v -> grid port v)
 *   TS 38.211 7.3.1.5   mapping to VRBs: frequency first (k, then l) over the REs that
 *                       are not DM-RS of any CDM group without data, not reserved
 *   TS 38.211 7.4.1.1   DM-RS (dmrs.h) with beta_DMRS from TS 38.214 Table 4.1-1 (ratio
 *                       of PDSCH EPRE to DM-RS EPRE: 0 dB, -3 dB, -4.77 dB for 1, 2, 3
 *                       CDM groups without data, i.e. DM-RS amplitude 1, sqrt 2, sqrt 3
 *                       with unit-amplitude data)
 *
 * and the UE-side receiver: DM-RS least-squares estimate, despreading of each k' pair
 * (removes the other port of the CDM group), linear interpolation in frequency between
 * pair centres (flat at the allocation edges), linear interpolation in time between
 * DM-RS symbols (hold before the first and after the last), noise variance from the
 * difference inside each pair (or, for two layers in one CDM group, from the residual of
 * each pair mean against its neighbours), one layer: MRC over 1 or 2 RX ports (for one
 * layer the unbiased MMSE and the ZF/MRC combiner coincide); two layers: ZF over 2 RX
 * ports; per-RE noise into the max-log demapper, descrambling, phy_sch_decode with HARQ.
 *
 * Objects: phy_pdsch_t holds the TB chain, modulation and scrambling objects and all
 * buffers, sized at init by the args. One object per thread. */
#ifndef OLIVE_PHY_PDSCH_H
#define OLIVE_PHY_PDSCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/coreset.h"
#include "olive/phy/dmrs.h"
#include "olive/phy/grid.h"
#include "olive/phy/ldpc_rm.h"
#include "olive/phy/modulation.h"
#include "olive/phy/phy.h"
#include "olive/phy/scrambling.h"
#include "olive/phy/tbs.h"
#include "olive/support/api.h"

#define PHY_PDSCH_MAX_LAYERS   2u
#define PHY_PDSCH_MAX_RX       2u
#define PHY_PDSCH_MAX_RESERVED 8u

/* ---- Time-domain allocation, TS 38.214 5.1.2.1 ------------------------------------------ */

typedef struct phy_pdsch_tda {
  phy_pdsch_mapping_t mapping;
  uint8_t k0; /* slot offset K0 */
  uint8_t s;  /* first symbol S */
  uint8_t l;  /* number of symbols L */
} phy_pdsch_tda_t;

/* Row 1..16 of default PDSCH time-domain allocation A for normal CP (Table 5.1.2.1.1-2)
 * for dmrs-TypeA-Position typea_pos (2 or 3). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_tda_default_a(uint32_t row, uint32_t typea_pos, phy_pdsch_tda_t *out);

/* Checks a configured entry against Table 5.1.2.1-1 (normal CP; Rel-16 mapping type B
 * lengths): type A: S 0..3 (3 only with typea_pos 3), L 3..14, S + L 3..14; type B:
 * S 0..12, L 2..13, S + L 2..14. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_tda_check(const phy_pdsch_tda_t *t, uint32_t typea_pos);

/* FDRA type 1 (5.1.2.2.2) in a BWP of n_bwp PRBs starting at grid PRB bwp_start: RIV ->
 * first grid PRB and length, VRB-to-PRB non-interleaved. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_fdra_type1(uint32_t n_bwp, uint32_t bwp_start, uint32_t riv,
                                   uint32_t *prb_start, uint32_t *nof_prb);

/* ---- Resources not available for PDSCH (TS 38.214 5.1.4) ------------------------------- */

/* A rectangle of grid PRBs x slot symbols that the PDSCH rate-matches around. */
typedef struct phy_pdsch_reserved {
  uint16_t first_prb, nof_prb;
  uint8_t first_symb, nof_symb;
} phy_pdsch_reserved_t;

/* The SSB whose subcarrier 0 is grid subcarrier k0 and whose first symbol is slot symbol
 * l0: every PRB that contains one of its 240 subcarriers (20 or 21 PRBs), 4 symbols
 * (5.1.4: "PRBs containing SS/PBCH block transmission resources"). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_reserved_ssb(uint32_t k0, uint32_t l0, phy_pdsch_reserved_t *r);

/* A CORESET's RBs over its symbols, one rectangle per run of adjacent 6-RB groups.
 * Returns the number written (<= max) or OLIVE_EINVAL / OLIVE_ERANGE. */
OLIVE_API int phy_pdsch_reserved_coreset(const phy_coreset_t *c, phy_pdsch_reserved_t *r,
                                         uint32_t max);

/* ---- Configuration ---------------------------------------------------------------------- */

typedef enum phy_pdsch_chest_freq {
  PHY_PDSCH_CHEST_LINEAR = 0, /* linear interpolation between k' pair estimates */
  PHY_PDSCH_CHEST_PRB_AVG,    /* mean of each PRB's pairs, linear between PRB centres */
} phy_pdsch_chest_freq_t;

typedef struct phy_pdsch_cfg {
  /* Where */
  uint32_t slot;       /* n_s^mu in the frame (DM-RS c_init) */
  uint32_t crb0;       /* CRB index of grid PRB 0 (N_grid^start; crb0 + grid width <=
                          PHY_DMRS_MAX_CRB): the DM-RS reference point is CRB 0 (for a PDSCH
                          scheduled by DCI 1_0 in CORESET#0's common search space the caller
                          passes crb0 relative to the CORESET's lowest CRB: 38.211 7.4.1.1.2) */
  phy_pdsch_tda_t tda; /* mapping type, S, L (K0 unused here) */
  uint32_t prb_start;  /* first grid PRB (phy_pdsch_fdra_type1) */
  uint32_t nof_prb;    /* allocated PRBs, >= 1 */
  uint32_t nof_reserved;
  phy_pdsch_reserved_t reserved[PHY_PDSCH_MAX_RESERVED];
  /* DM-RS */
  phy_dmrs_type_t dmrs_type;
  uint32_t typea_pos;                   /* dmrs-TypeA-Position 2 or 3 */
  uint32_t add_pos;                     /* dmrs-AdditionalPosition 0..3 */
  uint32_t dmrs_id;                     /* N_ID^nSCID 0..65535 (N_ID^cell when not configured) */
  uint32_t n_scid;                      /* 0, 1 */
  uint32_t cdm_groups_no_data;          /* 1..2 (type 1), 1..3 (type 2) */
  uint32_t n_layers;                    /* 1 or 2 */
  uint32_t ports[PHY_PDSCH_MAX_LAYERS]; /* DM-RS port (p - 1000) of each layer */
  /* Codeword */
  uint16_t rnti;             /* n_RNTI */
  uint32_t n_id;             /* data scrambling identity 0..1023 (N_ID^cell when not configured) */
  phy_mcs_table_t mcs_table; /* QAM64, QAM256, QAM64_LOWSE */
  uint32_t mcs;              /* 0..31 (28..31 / 27..31: reserved, retransmission only, needs tbs) */
  uint32_t tbs;              /* 0: from 5.1.3.2 for this allocation; else given (retransmissions) */
  uint32_t n_oh_prb;         /* xOverhead 0, 6, 12, 18 */
  uint32_t rv;               /* 0..3 */
  bool lbrm;
  /* Receiver */
  uint32_t harq_id;
  bool new_data;
  uint32_t max_iters; /* LDPC, 0 = default */
  phy_pdsch_chest_freq_t chest;
} phy_pdsch_cfg_t;

/* Per-symbol use of each RE of the slot, as phy_pdsch_re_map() writes it. */
enum { PHY_PDSCH_RE_NONE = 0, PHY_PDSCH_RE_DATA = 1, PHY_PDSCH_RE_DMRS = 2 };

/* Marks, for grid width grid_prb, map[l * 12 grid_prb + k] with PHY_PDSCH_RE_DATA for the
 * REs carrying PDSCH data, PHY_PDSCH_RE_DMRS for the DM-RS REs of the layers' ports
 * (the other REs of the CDM groups without data stay NONE) and NONE elsewhere. Returns
 * the number of data REs per layer or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_re_map(const phy_pdsch_cfg_t *cfg, uint32_t grid_prb, uint8_t *map);

/* G = data REs x Q_m x layers (from the REs actually available), or OLIVE_EINVAL. */
OLIVE_API int phy_pdsch_g(const phy_pdsch_cfg_t *cfg);

/* TBS of 5.1.3.2 for cfg (N_DMRS^PRB counts the CDM groups without data; reserved REs do
 * not enter it), or cfg->tbs when non-zero. Negative on error. */
OLIVE_API int phy_pdsch_tbs(const phy_pdsch_cfg_t *cfg);

/* ---- Object ----------------------------------------------------------------------------- */

typedef struct phy_pdsch_args {
  uint32_t max_prb;    /* 1..275 (grid width and allocation) */
  uint32_t max_layers; /* 1..2 */
  uint32_t max_qm;     /* 2..8 (8 when the 256QAM table may be used) */
  uint32_t nof_harq;   /* HARQ processes for decoding (0: transmitter only) */
  olive_isa_t isa;     /* OLIVE_ISA_AUTO normally */
} phy_pdsch_args_t;

typedef struct phy_pdsch_rx_res {
  phy_sch_result_t sch; /* TB CRC, code blocks, iterations */
  float noise_var;      /* N0 per RE estimated from the DM-RS (data RE scale) */
  float snr_db;         /* E|h|^2 / N0 averaged over the RX ports, dB */
  float evm;            /* RMS error vector of the equalised data symbols against the
                           hard decisions, relative to unit power (0.01 = 1%) */
  uint32_t g;           /* coded bits */
} phy_pdsch_rx_res_t;

struct phy_pdsch_buf;
typedef struct phy_pdsch {
  phy_pdsch_args_t args;
  phy_sch_t sch;
  phy_modulation_t mod;
  phy_scrambling_t scr;
  struct phy_pdsch_buf *b; /* private */
} phy_pdsch_t;

/* 0, OLIVE_EINVAL, OLIVE_ENOMEM. */
OLIVE_API int phy_pdsch_init(phy_pdsch_t *q, const phy_pdsch_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pdsch_free(phy_pdsch_t *q);

/* TB (phy_pdsch_tbs(cfg) / 8 bytes) -> grid ports 0 .. n_layers - 1 (data with unit
 * amplitude, DM-RS with beta_DMRS). Only the REs of the allocation are written. Returns G
 * or OLIVE_EINVAL / OLIVE_ERANGE. Never allocates. */
OLIVE_API int phy_pdsch_encode(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const uint8_t *tb,
                               phy_grid_t *grid);

/* Notes: the UE may skip a PDSCH whose effective code rate exceeds 0.95 (38.214 5.1.3.1);
 * this function tries anyway (the TB CRC decides). A retransmission with rv 1..3 decoded
 * alone (new_data true) can pass the CRC on the all-zero word while the systematic part is
 * missing: phy_sch_decode's early stop, reported to its owner. */
/* Receives the layers from grid ports 0 .. nof_rx - 1 (the RX antennas, nof_rx 1..2) into
 * tb (phy_pdsch_tbs(cfg) / 8 bytes). Returns 0 when the TB CRC holds, OLIVE_ECRC when
 * not (res is filled in both cases), OLIVE_ENOTSUP for 2 layers with 1 RX, OLIVE_EINVAL /
 * OLIVE_ERANGE / OLIVE_ESTATE as phy_sch_decode. res may be NULL. Never allocates. */
OLIVE_API int phy_pdsch_decode(phy_pdsch_t *q, const phy_pdsch_cfg_t *cfg, const phy_grid_t *grid,
                               uint32_t nof_rx, uint8_t *tb, phy_pdsch_rx_res_t *res);

#endif
