/* SPDX-License-Identifier: Apache-2.0 */
/* Modulation and coding scheme tables and transport block size determination.
 *
 *   TS 38.214 5.1.3.1 Tables 5.1.3.1-1/-2/-3 (PDSCH, and PUSCH without transform precoding)
 *   TS 38.214 6.1.4.1 Tables 6.1.4.1-1/-2 (PUSCH with transform precoding)
 *   TS 38.214 5.1.3.2 / 6.1.4.2 (TBS; the PUSCH procedure is the PDSCH one)
 *   TS 38.212 5.4.2.1 (TBS_LBRM for limited-buffer rate matching)
 *
 * Pure functions: no state, no allocation. */
#ifndef OLIVE_PHY_TBS_H
#define OLIVE_PHY_TBS_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef enum phy_mcs_table {
  PHY_MCS_TABLE_QAM64 = 0,          /* TS 38.214 Table 5.1.3.1-1 */
  PHY_MCS_TABLE_QAM256 = 1,         /* TS 38.214 Table 5.1.3.1-2 */
  PHY_MCS_TABLE_QAM64_LOWSE = 2,    /* TS 38.214 Table 5.1.3.1-3 */
  PHY_MCS_TABLE_TP_QAM64 = 3,       /* TS 38.214 Table 6.1.4.1-1 (transform precoding) */
  PHY_MCS_TABLE_TP_QAM64_LOWSE = 4, /* TS 38.214 Table 6.1.4.1-2 (transform precoding) */
  PHY_MCS_TABLE_COUNT
} phy_mcs_table_t;

/* One row of an MCS index table. */
typedef struct phy_mcs {
  uint8_t qm;       /* modulation order Q_m: 1 (pi/2-BPSK), 2, 4, 6, 8 */
  bool reserved;    /* reserved index: only Q_m is defined (retransmissions) */
  uint16_t r_x2048; /* target code rate R x 2048 (R x 1024 has halves: 682.5, 916.5) */
  float se;         /* spectral efficiency as printed in the table, 0 when reserved */
} phy_mcs_t;

/* "qam64", "qam256", "qam64LowSE", "tp-qam64", "tp-qam64LowSE". */
OLIVE_API const char *phy_tbs_mcs_table_name(phy_mcs_table_t table);

/* Row `mcs` (0..31) of `table`. tp_pi2bpsk is the higher-layer tp-pi2BPSK flag, which
 * selects q = 1 (else q = 2) for the q-rows of Tables 6.1.4.1-1/-2; ignored for other
 * tables. Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_tbs_mcs_get(phy_mcs_table_t table, unsigned mcs, bool tp_pi2bpsk, phy_mcs_t *out);

/* Inputs of TS 38.214 5.1.3.2 (PDSCH) / 6.1.4.2 (PUSCH). */
typedef struct phy_tbs_cfg {
  unsigned n_symb_sh;  /* N_symb^sh: symbols of the allocation, 1..14 */
  unsigned n_dmrs_prb; /* N_DMRS^PRB: DM-RS REs per PRB over the allocation, incl. CDM
                          groups without data */
  unsigned n_oh_prb;   /* N_oh^PRB: xOverhead, 0/6/12/18 */
  unsigned n_prb;      /* n_PRB: allocated PRBs, 1..275 */
  unsigned n_layers;   /* v: 1..8 */
  unsigned qm;         /* Q_m: 1, 2, 4, 6, 8 */
  unsigned r_x2048;    /* target code rate R x 2048, 1..2047 (phy_mcs_t.r_x2048) */
  unsigned tb_scaling; /* TB scaling field of DCI 1_0 with P-/RA-RNTI: 0, 1, 2 for
                          S = 1, 0.5, 0.25 (Table 5.1.3.2-2); 0 otherwise */
} phy_tbs_cfg_t;

/* Transport block size in bits (> 0), or OLIVE_EINVAL for a field out of range, or
 * OLIVE_ERANGE when the allocation carries no data RE (N_RE' <= 0). */
OLIVE_API int phy_tbs_calc(const phy_tbs_cfg_t *cfg);

/* TBS from an already computed N_RE (steps 2-4 of 5.1.3.2), same ranges as above;
 * n_re = 0 gives OLIVE_ERANGE. */
OLIVE_API int phy_tbs_calc_nre(unsigned n_re, unsigned r_x2048, unsigned qm, unsigned n_layers,
                               unsigned tb_scaling);

/* n_PRB,LBRM of TS 38.212 Table 5.4.2.1-1 for the largest BWP size max_prb (1..275). */
OLIVE_API unsigned phy_tbs_lbrm_prb(unsigned max_prb);

/* TBS_LBRM of TS 38.212 5.4.2.1: the TBS with N_RE = 156 * n_PRB,LBRM(max_prb),
 * R = 948/1024, v = max_layers (the caller applies min(maxMIMO-Layers, 4) for DL-SCH),
 * Q_m = max_qm (8 with an MCS table allowing 256QAM, else 6). Negative on bad input. */
OLIVE_API int phy_tbs_lbrm(unsigned max_prb, unsigned max_layers, unsigned max_qm);

#endif
