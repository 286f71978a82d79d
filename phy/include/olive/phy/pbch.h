/* SPDX-License-Identifier: Apache-2.0 */
/* Physical broadcast channel: payload generation (TS 38.212 7.1.1), payload scrambling
 * (7.1.2), the polar chain of 7.1.3-7.1.5 (phy_polar_chain_*), bit scrambling (TS 38.211
 * 7.3.3.1), QPSK (7.3.3.2) and mapping into the SS/PBCH block (7.4.3.1, through ssb.h);
 * and the UE side: PBCH DMRS hypothesis test over i_SSB_bar (7.4.1.4.1), least-squares
 * channel estimate, equalisation, soft demapping, descrambling and decoding.
 *
 * Bits are one per byte (0/1). The BCCH-BCH message (24 bits: the 1-bit message CHOICE
 * then the 23 MIB bits, TS 38.331) is built by the caller; its bits 1..6 are the six
 * MSBs of the SFN, which 7.1.1 treats as SFN bits. */
#ifndef OLIVE_PHY_PBCH_H
#define OLIVE_PHY_PBCH_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/ctrl_chain.h"
#include "olive/phy/grid.h"
#include "olive/phy/modulation.h"
#include "olive/phy/phy.h"
#include "olive/phy/polar.h"
#include "olive/phy/scrambling.h"
#include "olive/phy/ssb.h"
#include "olive/support/api.h"
#include "olive/support/cpu.h"

#define PHY_BCH_MSG_BITS 24u  /* A: BCCH-BCH message bits (TS 38.212 7.1.1) */
#define PHY_PBCH_A_BAR   32u  /* A_bar = A + 8 */
#define PHY_PBCH_E       864u /* rate-matched bits (7.1.5), M_bit of TS 38.211 7.3.3.1 */

/* What one PBCH carries besides the MIB: the timing bits of TS 38.212 7.1.1. */
typedef struct phy_pbch_msg {
  uint8_t bch[PHY_BCH_MSG_BITS]; /* a_0 .. a_23, one bit per byte */
  uint32_t sfn;                  /* 0..1023; only its 4 LSBs are taken (a_A .. a_A+3): its
                                    6 MSBs travel in bch[1..6] (MIB systemFrameNumber),
                                    which the caller keeps consistent */
  uint32_t hrf;                  /* half-frame bit 0/1 (a_A+4) */
  uint32_t ssb_idx;              /* SS/PBCH block index (0 .. L_max - 1) */
  uint32_t k_ssb;                /* 0..31; its MSB (bit 4) is a_A+5 when L_max is 4 or 8 */
} phy_pbch_msg_t;

/* TS 38.212 Table 7.1.1-1: the PBCH payload interleaver pattern G(0..31). */
OLIVE_API const uint8_t *phy_pbch_interleaver_pattern(void);

/* TS 38.212 7.1.1: a_bar_0 .. a_bar_31, the message followed by the 8 timing bits
 * (L_max 4/8: SFN 4th..1st LSB, HRF, k_SSB MSB, 0, 0; L_max 64: the 6th..4th bits of
 * the SSB index instead of the last three). l_max is 4, 8 or 64. OLIVE_EINVAL otherwise. */
OLIVE_API int phy_pbch_payload_bits(const phy_pbch_msg_t *m, uint32_t l_max,
                                    uint8_t a_bar[PHY_PBCH_A_BAR]);

/* TS 38.212 7.1.1: the interleaving a'_{G(j)} = a_bar_i (SFN bits from j = 0, HRF at
 * j = 10, SSB-index bits (L_max 64) from j = 11, other bits from j = 14), and its
 * inverse. in and out must not overlap. */
OLIVE_API int phy_pbch_payload_interleave(const uint8_t a_bar[PHY_PBCH_A_BAR], uint32_t l_max,
                                          uint8_t a_prime[PHY_PBCH_A_BAR]);
OLIVE_API int phy_pbch_payload_deinterleave(const uint8_t a_prime[PHY_PBCH_A_BAR], uint32_t l_max,
                                            uint8_t a_bar[PHY_PBCH_A_BAR]);

/* TS 38.212 7.1.2: XORs s_i into a' (in place): s_i = 0 on the HRF, the SFN 2nd and 3rd
 * LSBs and (L_max 64) the SSB-index bits; elsewhere s_i = c(j + v M), j counting the
 * scrambled bits, c_init = N_ID^cell, M = A_bar - 3 (L_max 4, 8) or A_bar - 6 (L_max 64),
 * v = 2 * (SFN 3rd LSB) + (SFN 2nd LSB) (Table 7.1.2-1). Self-inverse. */
OLIVE_API int phy_pbch_payload_scramble(uint8_t a[PHY_PBCH_A_BAR], uint32_t n_id, uint32_t l_max,
                                        uint32_t v);

/* v of Table 7.1.2-1 read from an interleaved payload a' (scrambled or not: those two
 * bits are never scrambled). */
OLIVE_API uint32_t phy_pbch_payload_v(const uint8_t a_prime[PHY_PBCH_A_BAR], uint32_t l_max);

/* TS 38.211 7.3.3.1: v of the bit scrambling c(i + v M_bit): the 2 (L_max 4) or 3 (L_max 8,
 * 64) LSBs of the SSB index. */
static inline uint32_t phy_pbch_scrambling_v(uint32_t ssb_idx, uint32_t l_max)
{
  return l_max == 4 ? (ssb_idx & 3u) : (ssb_idx & 7u);
}

typedef struct phy_pbch_args {
  olive_isa_t isa; /* scrambling, demapper and polar decoder variant (OLIVE_ISA_AUTO) */
  unsigned list;   /* polar list size, 1..8; 0 = 8 */
} phy_pbch_args_t;

/* Per-SSB configuration. */
typedef struct phy_pbch_cfg {
  phy_ssb_map_cfg_t map; /* position (k0, l0), N_ID^cell and the beta factors */
  uint32_t l_max;        /* 4 or 8 (FR1) */
} phy_pbch_cfg_t;

typedef struct phy_pbch {
  phy_ctrl_chain_t c; /* QPSK, scrambling, polar decoder */
} phy_pbch_t;

/* OLIVE_EINVAL on bad args, OLIVE_ENOMEM. */
OLIVE_API int phy_pbch_init(phy_pbch_t *q, const phy_pbch_args_t *args);
/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_pbch_free(phy_pbch_t *q);

/* The 864 coded, scrambled bits b~(0..863) of TS 38.211 7.3.3.1 (before QPSK). */
OLIVE_API int phy_pbch_encode_bits(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg,
                                   const phy_pbch_msg_t *m, uint8_t bits[PHY_PBCH_E]);

/* d_PBCH(0..431), unit energy (the beta of cfg->map is applied at mapping). */
OLIVE_API int phy_pbch_encode_symbols(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg,
                                      const phy_pbch_msg_t *m, cf_t d[PHY_PBCH_NRE]);

/* The whole SS/PBCH block: PSS, SSS, PBCH and its DMRS (i_SSB_bar from m->ssb_idx and
 * m->hrf) written into port `port` of `grid`. m->ssb_idx < cfg->l_max. */
OLIVE_API int phy_pbch_encode(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg,
                              const phy_pbch_msg_t *m, phy_grid_t *grid, uint32_t port);

typedef struct phy_pbch_res {
  phy_pbch_msg_t msg; /* bch, sfn (6 MSBs from bch bits 1..6), hrf, ssb_idx, k_ssb MSB */
  uint32_t ibar;      /* detected i_SSB_bar (7.4.1.4.1) */
  float dmrs_metric;  /* normalised DMRS correlation of the chosen hypothesis, 0..1 */
  float noise_var;    /* estimated noise variance per RE */
  bool crc_ok;
} phy_pbch_res_t;

/* UE side: tests the 8 i_SSB_bar hypotheses of the PBCH DMRS, estimates the channel from
 * the DMRS (least squares, averaged over the 3 DMRS REs of each RB and symbol, the
 * average then used for the 9 REs of that RB and symbol), equalises, demaps, descrambles
 * and decodes. res->msg.k_ssb holds only the MSB (bit 4); the caller adds the 4 LSBs
 * from ssb-SubcarrierOffset. For L_max 4 the SSB index (2 bits) comes from the DMRS and
 * the HRF from the payload. Returns 0 when the CRC passes, OLIVE_ECRC when not (res still
 * filled with the best guess), OLIVE_EINVAL on bad arguments. Never allocates. */
OLIVE_API int phy_pbch_decode(phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_grid_t *grid,
                              uint32_t port, phy_pbch_res_t *res);

#endif
