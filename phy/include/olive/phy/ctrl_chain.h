/* SPDX-License-Identifier: Apache-2.0 */
/* What the two polar-coded control channels share: QPSK mapping and demapping, bit and LLR
 * scrambling, and an SCL polar decoder (PBCH, TS 38.212 7.1 / 38.211 7.3.3; PDCCH, TS
 * 38.212 7.3 / 38.211 7.3.2). phy_pbch_t and phy_pdcch_t each embed one. Header-only so
 * that neither module depends on the other's folder. */
#ifndef OLIVE_PHY_CTRL_CHAIN_H
#define OLIVE_PHY_CTRL_CHAIN_H

#include <string.h>

#include "olive/phy/modulation.h"
#include "olive/phy/polar.h"
#include "olive/phy/scrambling.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"

typedef struct phy_ctrl_chain {
  phy_modulation_t mod;
  phy_scrambling_t scr;
  phy_polar_dec_t *dec;
  unsigned list; /* SCL list size in use */
  olive_isa_t isa;
} phy_ctrl_chain_t;

/* Idempotent, NULL-safe, fine after a failed init. */
static inline void phy_ctrl_chain_free(phy_ctrl_chain_t *c)
{
  if (c == NULL) {
    return;
  }
  phy_modulation_free(&c->mod);
  phy_scrambling_free(&c->scr);
  phy_polar_dec_destroy(c->dec);
  c->dec = NULL;
}

/* list: the SCL list size, a power of two up to PHY_POLAR_LIST_MAX; 0 = the maximum.
 * Decoders up to N = 512 (both channels' mother code length). OLIVE_EINVAL for a bad list,
 * OLIVE_ENOMEM, or the modulation/scrambling init error; nothing is left allocated then. */
static inline int phy_ctrl_chain_init(phy_ctrl_chain_t *c, olive_isa_t isa, unsigned list)
{
  memset(c, 0, sizeof(*c));
  list = list != 0 ? list : PHY_POLAR_LIST_MAX;
  if (list > PHY_POLAR_LIST_MAX || (list & (list - 1)) != 0) {
    return OLIVE_EINVAL;
  }
  phy_modulation_args_t ma = {.isa = isa};
  phy_scrambling_args_t sa = {.isa = isa};
  phy_polar_dec_args_t da = {.max_n = 9, .max_list = list, .isa = isa};
  int ret = phy_modulation_init(&c->mod, &ma);
  if (ret == 0) {
    ret = phy_scrambling_init(&c->scr, &sa);
  }
  if (ret == 0) {
    c->dec = phy_polar_dec_create(&da);
    ret = c->dec != NULL ? 0 : OLIVE_ENOMEM;
  }
  if (ret < 0) {
    phy_ctrl_chain_free(c);
    return ret;
  }
  c->list = list;
  c->isa = isa;
  return OLIVE_OK;
}

#endif
