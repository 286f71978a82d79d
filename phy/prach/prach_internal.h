/* SPDX-License-Identifier: Apache-2.0 */
/* PRACH internals shared by the tables, the generator and the detector. Hidden. */
#ifndef OLIVE_PHY_PRACH_INTERNAL_H
#define OLIVE_PHY_PRACH_INTERNAL_H

#include "olive/phy/prach.h"

extern const phy_prach_config_t prach_cfg_fdd[PHY_PRACH_NOF_CFG];
extern const phy_prach_config_t prach_cfg_tdd[PHY_PRACH_NOF_CFG];

/* L_RA and delta f_RA of a format (short: 15 kHz 2^mu_ra); 0 on error. */
uint32_t prach_format_l_ra(phy_prach_format_t f);
uint32_t prach_format_scs(phy_prach_format_t f, uint32_t mu_ra);

/* Samples of `tc` T_c at srate_hz; OLIVE_EINVAL when not an integer. */
int prach_tc_to_samples(uint64_t tc, double srate_hz, uint32_t *n);

#endif
