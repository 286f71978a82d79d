/* SPDX-License-Identifier: Apache-2.0 */
/* Polar code of TS 38.212 5.3.1 with the rate matching of 5.4.1, and the coding chains of
 * PBCH (7.1.3-7.1.5), DCI (7.3.2-7.3.4) and polar-coded UCI (6.3.1.2-6.3.1.4).
 *
 * Bits are one per byte (0/1). LLRs are float, log(P(b=0)/P(b=1)): positive means 0.
 *
 * Pipeline (transmit):  c (K bits, CRC included) --input interleaver 5.3.1.1 (I_IL)-->
 *   c' --sub-channel allocation + PC bits 5.3.1.2--> u (N bits) --encoder d = u G_N-->
 *   d --sub-block interleaver, bit selection, coded-bit interleaver 5.4.1 (I_BIL)--> e (E).
 * Receive: LLR(e) --phy_polar_rm_rx--> LLR(d) --phy_polar_dec_run--> c. */
#ifndef OLIVE_PHY_POLAR_H
#define OLIVE_PHY_POLAR_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/crc.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

#define PHY_POLAR_NMAX       1024 /* 2^10, n_max = 10 (UL) */
#define PHY_POLAR_EMAX       8192 /* TS 38.212 5.4.1: E <= 8192 */
#define PHY_POLAR_KMAX       1023 /* largest UCI code block (6.3.1.2.1: A <= 1012 + CRC11) */
#define PHY_POLAR_LIST_MAX   8
#define PHY_POLAR_N_PC       3    /* TS 38.212 5.3.1.2: n_PC = 3 for 18 <= K <= 25 */
#define PHY_POLAR_K_IL_MAX   164  /* TS 38.212 5.3.1.1: K_IL^max */
#define PHY_POLAR_LLR_KNOWN0 1e6f /* LLR of a shortened bit (known to be 0) */

/* Sub-channel roles in u (phy_polar_code_t.role). */
enum { PHY_POLAR_FROZEN = 0, PHY_POLAR_INFO = 1, PHY_POLAR_PC = 2 };

/* A constructed code (TS 38.212 5.3.1, 5.3.1.2). Filled by phy_polar_code_get(). */
typedef struct phy_polar_code {
  uint16_t K;      /* bits into the encoder, CRC included (c_0..c_{K-1}) */
  uint16_t E;      /* rate-matched length */
  uint16_t N;      /* mother code length 2^n */
  uint8_t n;       /* log2(N) */
  uint8_t n_pc;    /* parity-check bits (0 or 3) */
  uint8_t n_pc_wm; /* of which placed at minimum row weight (0 or 1) */
  bool input_il;   /* I_IL: input bit interleaver on (DL) */
  bool bil;        /* I_BIL: coded-bit interleaver on (UCI) */
  uint8_t rm_mode; /* PHY_POLAR_RM_* chosen by 5.4.1.2 */
  uint16_t info_set[PHY_POLAR_KMAX + PHY_POLAR_N_PC]; /* Q_I sorted ascending (PC included) */
  uint8_t role[PHY_POLAR_NMAX];                       /* PHY_POLAR_FROZEN / INFO / PC per u_n */
} phy_polar_code_t;

enum { PHY_POLAR_RM_REPEAT = 0, PHY_POLAR_RM_PUNCTURE = 1, PHY_POLAR_RM_SHORTEN = 2 };

/* TS 38.212 5.3.1.2 Table 5.3.1.2-1: Q_0^{1023}, indices in ascending reliability. */
OLIVE_API const uint16_t *phy_polar_sequence(void);

/* TS 38.212 5.3.1.1 Table 5.3.1.1-1: Pi_IL^max(m), m = 0..163. */
OLIVE_API const uint8_t *phy_polar_il_pattern(void);

/* TS 38.212 5.4.1.1 Table 5.4.1.1-1: P(i), i = 0..31. */
OLIVE_API const uint8_t *phy_polar_subblock_pattern(void);

/* Constructs the code for K bits (CRC included) rate-matched to E bits. n_max is 9 (PBCH,
 * PDCCH) or 10 (UCI); input_il / bil set I_IL and I_BIL. Chooses N (5.3.1), the
 * rate-matching mode (5.4.1.2), the frozen set including the positions frozen by puncturing
 * or shortening, and the PC bits (n_PC = 3 when 18 <= K <= 25, 5.3.1.2).
 * Ranges: 1 <= K <= 1023, K + n_PC < E <= 8192, K + n_PC < N; with input_il, K <= 164.
 * Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_polar_code_get(phy_polar_code_t *c, unsigned K, unsigned E, unsigned n_max,
                                 bool input_il, bool bil);

/* TS 38.212 5.3.1.1: c'_k = c_{Pi(k)} for K <= 164. in and out must not overlap. */
OLIVE_API int phy_polar_interleave(uint8_t *out, const uint8_t *in, unsigned K);
/* Inverse: out_{Pi(k)} = in_k. */
OLIVE_API int phy_polar_deinterleave(uint8_t *out, const uint8_t *in, unsigned K);

/* TS 38.212 5.3.1.2: places c' (K bits) into u (N bits), frozen bits 0, PC bits from the
 * cyclic register y0..y4. */
OLIVE_API void phy_polar_alloc(const phy_polar_code_t *c, const uint8_t *cp, uint8_t *u);

/* TS 38.212 5.3.1.2: d = u G_N, G_N the n-th Kronecker power of [[1,0],[1,1]]. In place
 * allowed (d == u). 5 <= n <= 10. */
OLIVE_API int phy_polar_encode(const uint8_t *u, uint8_t *d, unsigned n);

/* TS 38.212 5.4.1: sub-block interleaving, bit selection and (if c->bil) coded-bit
 * interleaving of d (N bits) into e (E bits). */
OLIVE_API void phy_polar_rm_tx(const phy_polar_code_t *c, const uint8_t *d, uint8_t *e);

/* Inverse of phy_polar_rm_tx on LLRs: llr_e (E) to llr_d (N). Repeated positions are added,
 * punctured positions get 0, shortened positions PHY_POLAR_LLR_KNOWN0. */
OLIVE_API void phy_polar_rm_rx(const phy_polar_code_t *c, const float *llr_e, float *llr_d);

/* ---- CRC-aided successive-cancellation list decoder ---- */

typedef struct phy_polar_dec_args {
  unsigned max_n;    /* largest log2(N) to decode (5..10) */
  unsigned max_list; /* largest list size (1, 2, 4 or 8) */
  olive_isa_t isa;   /* OLIVE_ISA_AUTO or a variant (tests) */
} phy_polar_dec_args_t;

/* How the decoder picks a path: the first one in metric order whose CRC checks. */
typedef struct phy_polar_dec_cfg {
  const phy_polar_code_t *code;
  unsigned list;      /* 1, 2, 4 or 8 (<= max_list) */
  phy_crc_type_t crc; /* CRC over the K bits of c (its L bits are the last of c) */
  unsigned crc_ones;  /* ones prepended before computing the CRC (24 for DCI, 7.3.2) */
  bool rnti_masked;   /* last 16 parity bits scrambled with rnti (DCI, 7.3.2) */
  uint16_t rnti;
} phy_polar_dec_cfg_t;

typedef struct phy_polar_dec phy_polar_dec_t; /* opaque; phy_polar_dec_create() */

/* Allocates a decoder for codes up to 2^max_n with lists up to max_list. NULL on bad args
 * or out of memory. */
OLIVE_API phy_polar_dec_t *phy_polar_dec_create(const phy_polar_dec_args_t *args);
/* NULL-safe. */
OLIVE_API void phy_polar_dec_destroy(phy_polar_dec_t *q);
/* The ISA the decoder kernels run with. */
OLIVE_API olive_isa_t phy_polar_dec_isa(const phy_polar_dec_t *q);

/* Decodes llr_d (N LLRs, after phy_polar_rm_rx) into c (K bits, de-interleaved when
 * code->input_il). Returns 0 when the chosen path passes the CRC, OLIVE_ECRC when no path
 * does (c then holds the best-metric path), OLIVE_EINVAL on bad arguments. Never allocates.
 * *metric (may be NULL) gets the path metric of the chosen path (0 = all LLRs agree). */
OLIVE_API int phy_polar_dec_run(phy_polar_dec_t *q, const phy_polar_dec_cfg_t *cfg,
                                const float *llr_d, uint8_t *c, float *metric);

/* ---- Channel coding chains: payload bits a_0..a_{A-1} <-> rate-matched bits ---- */

typedef enum phy_polar_chain {
  PHY_POLAR_PBCH, /* 7.1.3-7.1.5: A = 32, CRC24C, n_max 9, I_IL 1, E = 864 */
  PHY_POLAR_DCI,  /* 7.3.2-7.3.4: 12 <= A <= 140, 24 ones + CRC24C ^ RNTI, n_max 9, I_IL 1 */
  PHY_POLAR_UCI,  /* 6.3.1.2-6.3.1.4: 12 <= A <= 1706, CRC6/CRC11, n_max 10, I_IL 0,
                     I_BIL 1; two code blocks (5.2.1) when A >= 1013, or A >= 360 and
                     E >= 1088, each E_r = floor(E / 2) bits, a spare last bit set to 0 */
} phy_polar_chain_t;

typedef struct phy_polar_chain_cfg {
  phy_polar_chain_t chain;
  unsigned A;    /* payload bits */
  unsigned E;    /* rate-matched bits (E_UCI for UCI: all code blocks) */
  uint16_t rnti; /* DCI only */
  unsigned list; /* decoder list size */
} phy_polar_chain_cfg_t;

/* Encodes A payload bits into E rate-matched bits (no scrambling, no modulation). */
OLIVE_API int phy_polar_chain_encode(const phy_polar_chain_cfg_t *cfg, const uint8_t *a,
                                     uint8_t *e);

/* Decodes E LLRs into A payload bits. 0 when every code block passes its CRC, OLIVE_ECRC
 * otherwise (a holds the best guess), OLIVE_EINVAL on bad configuration. */
OLIVE_API int phy_polar_chain_decode(phy_polar_dec_t *q, const phy_polar_chain_cfg_t *cfg,
                                     const float *llr_e, uint8_t *a);

#endif
