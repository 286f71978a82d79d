/* SPDX-License-Identifier: Apache-2.0 */
/* PBCH transmit chain: TS 38.212 7.1.1-7.1.5, TS 38.211 7.3.3 and 7.4.3.1. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/pbch.h"
#include "olive/support/error.h"

int phy_pbch_init(phy_pbch_t *q, const phy_pbch_args_t *args)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  return phy_ctrl_chain_init(&q->c, args != NULL ? args->isa : OLIVE_ISA_AUTO,
                             args != NULL ? args->list : 0);
}

void phy_pbch_free(phy_pbch_t *q)
{
  if (q != NULL) {
    phy_ctrl_chain_free(&q->c);
  }
}

static int cfg_check(const phy_pbch_cfg_t *cfg)
{
  if (cfg == NULL || (cfg->l_max != 4 && cfg->l_max != 8) || cfg->map.n_id > PHY_NID_CELL_MAX) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_pbch_encode_bits(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_pbch_msg_t *m,
                         uint8_t bits[PHY_PBCH_E])
{
  if (q == NULL || bits == NULL || cfg_check(cfg) < 0) {
    return OLIVE_EINVAL;
  }
  uint8_t a_bar[PHY_PBCH_A_BAR], a[PHY_PBCH_A_BAR];
  int ret = phy_pbch_payload_bits(m, cfg->l_max, a_bar);
  if (ret < 0) {
    return ret;
  }
  /* TS 38.212 7.1.1 interleaving, 7.1.2 scrambling with v from the SFN 3rd and 2nd LSBs */
  phy_pbch_payload_interleave(a_bar, cfg->l_max, a);
  phy_pbch_payload_scramble(a, cfg->map.n_id, cfg->l_max, (m->sfn >> 1) & 3u);
  /* TS 38.212 7.1.3-7.1.5: CRC24C, polar code, rate matching to E = 864 */
  phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_PBCH, .A = PHY_PBCH_A_BAR, .E = PHY_PBCH_E};
  ret = phy_polar_chain_encode(&pc, a, bits);
  if (ret < 0) {
    return ret;
  }
  /* TS 38.211 7.3.3.1: c_init = N_ID^cell, c(i + v M_bit) */
  uint32_t v = phy_pbch_scrambling_v(m->ssb_idx, cfg->l_max);
  phy_scrambling_bits(&q->c.scr, bits, bits, PHY_PBCH_E, cfg->map.n_id, v * PHY_PBCH_E);
  return OLIVE_OK;
}

int phy_pbch_encode_symbols(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_pbch_msg_t *m,
                            cf_t d[PHY_PBCH_NRE])
{
  if (d == NULL) {
    return OLIVE_EINVAL;
  }
  uint8_t bits[PHY_PBCH_E];
  int ret = phy_pbch_encode_bits(q, cfg, m, bits);
  if (ret < 0) {
    return ret;
  }
  /* TS 38.211 7.3.3.2: QPSK */
  ret = phy_modulation_map_bits(&q->c.mod, PHY_MOD_QPSK, bits, PHY_PBCH_E, d);
  return ret < 0 ? ret : OLIVE_OK;
}

int phy_pbch_encode(const phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_pbch_msg_t *m,
                    phy_grid_t *grid, uint32_t port)
{
  cf_t d[PHY_PBCH_NRE], r[PHY_PBCH_DMRS_NRE];
  int ret = phy_pbch_encode_symbols(q, cfg, m, d);
  if (ret < 0) {
    return ret;
  }
  /* TS 38.211 7.4.1.4.1: DMRS from i_SSB_bar (SSB index LSBs, and n_hf for L_max = 4) */
  ret = phy_pbch_dmrs_gen(cfg->map.n_id, m->ssb_idx, cfg->l_max, m->hrf, r);
  if (ret < 0) {
    return ret;
  }
  return phy_ssb_map(&cfg->map, d, r, grid, port);
}
