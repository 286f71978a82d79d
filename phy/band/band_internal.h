/* SPDX-License-Identifier: Apache-2.0 */
/* Private to phy/band: the band table (band_table.c). */
#ifndef OLIVE_PHY_BAND_INTERNAL_H
#define OLIVE_PHY_BAND_INTERNAL_H

#include "olive/phy/band.h"
#include "olive/support/api.h"

__attribute__((visibility("hidden"))) extern const phy_band_t phy_band_table[];
__attribute__((visibility("hidden"))) extern const uint32_t phy_band_table_len;

#endif
