/* SPDX-License-Identifier: Apache-2.0 */
/* Transport-block processing around the LDPC code (TS 38.212 V17):
 *
 *   7.2.1  TB CRC: CRC24A when A > 3824, else CRC16
 *   7.2.2  base graph selection
 *   5.2.2  code block segmentation, CRC24B per code block when C > 1, K_b, Z_c, filler
 *   5.4.2  rate matching: circular buffer N_cb (with LBRM), k0 per rv, E_r per code block,
 *          bit selection skipping filler bits, bit interleaving per Q_m
 *   5.5    code block concatenation
 *
 * and the inverse on receive: de-interleaving, de-selection into the circular buffer with
 * HARQ soft combining (saturating int8 addition), CB-CRC and TB-CRC checks.
 *
 * Bit forms as in bits.h: the encoder output d is packed (as phy_ldpc_encode writes it);
 * rate-matched bits f are one bit per byte (what scrambling and modulation take). LLRs are
 * int8 with positive = bit 0 (as ldpc.h and modulation.h).
 *
 * phy_sch_* chains it all for one transport block (UL-SCH / DL-SCH): TB bytes -> G bits
 * and G LLRs -> TB bytes with HARQ. */
#ifndef OLIVE_PHY_LDPC_RM_H
#define OLIVE_PHY_LDPC_RM_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/crc.h"
#include "olive/phy/ldpc.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

/* ---- Segmentation (7.2.1, 7.2.2, 5.2.2) ----------------------------------------------- */

/* Code block segmentation of one transport block. */
typedef struct phy_ldpc_seg {
  unsigned tbs;          /* A: transport block bits */
  phy_crc_type_t tb_crc; /* PHY_CRC24A (A > 3824) or PHY_CRC16 (7.2.1) */
  unsigned tb_crc_len;   /* L_TB: 24 or 16 */
  unsigned b;            /* B = A + L_TB */
  phy_ldpc_bg_t bg;
  unsigned c;          /* C: code blocks */
  unsigned cb_crc_len; /* L: 24 (CRC24B) when C > 1, else 0 */
  unsigned k_prime;    /* K' = B' / C: bits per code block including its CB CRC */
  unsigned kb;         /* K_b: 22 (BG1) or 10/9/8/6 (BG2) */
  unsigned z;          /* Z_c: minimum lifting size with K_b Z_c >= K' */
  unsigned k;          /* K = 22 Z_c (BG1) or 10 Z_c (BG2) */
  unsigned f;          /* filler bits F = K - K' */
  unsigned n;          /* N = 66 Z_c (BG1) or 50 Z_c (BG2) */
} phy_ldpc_seg_t;

/* TS 38.212 7.2.2: BG2 if A <= 292, or A <= 3824 and R <= 0.67, or R <= 0.25; else BG1.
 * r_x2048 is the target code rate R x 2048 (phy_mcs_t.r_x2048). */
OLIVE_API phy_ldpc_bg_t phy_ldpc_rm_select_bg(unsigned tbs, unsigned r_x2048);

/* Segments A = tbs bits (1..1277992 and B' divisible by C, true for every TBS of
 * TS 38.214) for base graph bg. Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_segment(unsigned tbs, phy_ldpc_bg_t bg, phy_ldpc_seg_t *seg);

/* ---- Rate matching of one code block (5.4.2) ------------------------------------------ */

/* N_cb of 5.4.2.1: N without LBRM (tbs_lbrm = 0), else min(N, floor(TBS_LBRM / (C 2/3)))
 * with TBS_LBRM from phy_tbs_lbrm(). Returns N_cb or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_ncb(const phy_ldpc_seg_t *seg, unsigned tbs_lbrm);

/* k0 of Table 5.4.2.1-2 for rv 0..3. Returns k0 or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_k0(phy_ldpc_bg_t bg, unsigned z, unsigned n_cb, unsigned rv);

/* E_r of 5.4.2.1 for code block r of C (all C scheduled, C' = C): G coded bits for the TB,
 * n_layers N_L, Q_m. G must be a multiple of N_L Q_m. Returns E_r or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_e(unsigned g, unsigned c, unsigned r, unsigned n_layers, unsigned qm);

/* The same with code block groups: scheduled[0..c-1] (0/1) marks the code blocks the
 * CBGTI schedules; C' is their number, unscheduled blocks get E_r = 0 and j counts the
 * scheduled ones before r (5.4.2.1). scheduled NULL means all. */
OLIVE_API int phy_ldpc_rm_e_cbg(unsigned g, unsigned c, unsigned r, unsigned n_layers, unsigned qm,
                                const uint8_t *scheduled);

/* Per code block rate-matching parameters. */
typedef struct phy_ldpc_rm_cfg {
  phy_ldpc_bg_t bg;
  unsigned z;       /* Z_c */
  unsigned k_prime; /* K': filler bits occupy d_{K'-2Z} .. d_{K-2Z-1} */
  unsigned n_cb;    /* N_cb (phy_ldpc_rm_ncb), 1..N */
  unsigned rv;      /* 0..3 */
  unsigned qm;      /* 1, 2, 4, 6, 8 */
  unsigned e;       /* E_r: output bits, a multiple of qm, >= 1 */
} phy_ldpc_rm_cfg_t;

/* Number of codeword bits d_0.. that rate matching reads for cfg: min(N_cb, ...) covering
 * k0 + E + F with wrap-around; the encoder must produce at least this many (choose
 * nof_rows so that phy_ldpc_codeword_len() >= it). Returns it or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_needed(const phy_ldpc_rm_cfg_t *cfg);

/* Bit selection (5.4.2.1) and bit interleaving (5.4.2.2): reads packed d (at least
 * phy_ldpc_rm_needed() bits) and writes E bits f_0..f_{E-1}, one per byte. Returns E or
 * OLIVE_EINVAL. Never allocates. */
OLIVE_API int phy_ldpc_rm_encode(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *d, uint8_t *f);

/* Marks the filler positions of a circular soft buffer (n_cb int8 values) as known zeros
 * (+127) and clears the rest: call for a new transmission (new data indicator toggled). */
OLIVE_API int phy_ldpc_rm_soft_reset(const phy_ldpc_rm_cfg_t *cfg, int8_t *soft);

/* Inverse of phy_ldpc_rm_encode for E LLRs f_0..f_{E-1}: de-interleaves and adds each
 * LLR (saturating to [-127, 127]) into soft[] at its circular-buffer position; repeated
 * positions (E > N_cb - F) and retransmissions combine. soft has n_cb entries, indexed
 * like d, ready for phy_ldpc_decode(soft, n_cb). Returns E or OLIVE_EINVAL. */
OLIVE_API int phy_ldpc_rm_decode(const phy_ldpc_rm_cfg_t *cfg, const int8_t *f, int8_t *soft);

/* ---- Shared channel transport block chain (7.2) ---------------------------------------- */

typedef struct phy_sch_args {
  unsigned max_prb;    /* 1..275: largest allocation / BWP (sizes buffers, n_PRB,LBRM) */
  unsigned max_layers; /* 1..4: layers of one TB (TBS_LBRM uses this) */
  unsigned max_qm;     /* 2..8: largest modulation order (TBS_LBRM: 8 if 256QAM else 6) */
  unsigned nof_harq;   /* HARQ processes with soft buffers (0: encoder only), <= 32. Each
                          holds C(TBS_LBRM) x 66 x 384 int8 (BG1 code blocks at Z = 384):
                          273 PRB, 4 layers, 256QAM is 152 x 25344 = 3.9 MB per process */
  olive_isa_t isa;     /* LDPC encoder/decoder variant: OLIVE_ISA_AUTO normally (0 is
                          OLIVE_ISA_GENERIC, the slow portable decoder) */
} phy_sch_args_t;

typedef struct phy_sch_cfg {
  unsigned tbs;       /* A: multiple of 8, a TBS of TS 38.214 */
  unsigned r_x2048;   /* target code rate R x 2048 of the TB's initial transmission, for the
                         base graph (7.2.2). Decoding a retransmission (new_data false)
                         reuses the initial base graph, so 0 (reserved MCS) is fine there */
  unsigned qm;        /* 1, 2, 4, 6, 8 (<= args.max_qm) */
  unsigned n_layers;  /* N_L: 1..args.max_layers */
  unsigned g;         /* G: coded bits of the TB, multiple of N_L Q_m */
  unsigned rv;        /* 0..3 */
  bool lbrm;          /* I_LBRM = 1: N_cb limited with TBS_LBRM of the args */
  unsigned harq_id;   /* decode: HARQ process 0..nof_harq-1 */
  bool new_data;      /* decode: discard the soft buffer first (new transmission) */
  unsigned max_iters; /* decode: LDPC iterations 1..PHY_LDPC_MAX_ITERS (0 = 10) */
  int8_t llr_scale;   /* decode: int8 LLR steps per natural LLR unit of the input (and so of
                         the soft buffer), or 0 = unspecified; passed to the LDPC decoder
                         (phy_ldpc_dec_cfg_t.llr_scale: 8 and more select offset min-sum) */
} phy_sch_cfg_t;

typedef struct phy_sch_result {
  bool tb_ok;     /* TB CRC held */
  unsigned c;     /* code blocks */
  unsigned cb_ok; /* code blocks whose CRC held (C = 1: the TB CRC) */
  unsigned iters; /* LDPC iterations summed over the code blocks */
} phy_sch_result_t;

struct phy_sch_state;
typedef struct phy_sch {
  unsigned tbs_lbrm;        /* TBS_LBRM of the args (read-only) */
  struct phy_sch_state *st; /* private */
} phy_sch_t;

/* Allocates for the largest TB of the args and nof_harq soft buffers. 0, OLIVE_EINVAL or
 * OLIVE_ENOMEM. */
OLIVE_API int phy_sch_init(phy_sch_t *q, const phy_sch_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_sch_free(phy_sch_t *q);

/* TB (tbs / 8 bytes) -> CRC -> segmentation -> LDPC -> rate matching -> concatenation:
 * writes G bits, one per byte. Returns G, OLIVE_EINVAL or OLIVE_ERANGE (TB, Q_m or
 * layers beyond the args).
 * Never allocates. */
OLIVE_API int phy_sch_encode(phy_sch_t *q, const phy_sch_cfg_t *cfg, const uint8_t *tb,
                             uint8_t *bits);

/* G LLRs -> soft combining into HARQ process cfg->harq_id -> LDPC decoding with early
 * stop on the CB CRC -> TB bytes (tbs / 8) -> TB CRC. Code blocks already decoded in an
 * earlier transmission of the same TB are not decoded again. Returns 0 when the TB CRC
 * holds, OLIVE_ECRC when not, OLIVE_EINVAL / OLIVE_ERANGE / OLIVE_ESTATE (combining into
 * a process that holds another TB size) on bad input. res may be NULL. Never allocates. */
OLIVE_API int phy_sch_decode(phy_sch_t *q, const phy_sch_cfg_t *cfg, const int8_t *llr, uint8_t *tb,
                             phy_sch_result_t *res);

#endif
