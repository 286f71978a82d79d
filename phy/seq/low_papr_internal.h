/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OLIVE_PHY_LOW_PAPR_INTERNAL_H
#define OLIVE_PHY_LOW_PAPR_INTERNAL_H

#include <stdint.h>

/* TS 38.211 Tables 5.2.2.2-1 .. 5.2.2.2-4 (low_papr_tables.c). */
extern const int8_t phy_seq_phi6[30][6];
extern const int8_t phy_seq_phi12[30][12];
extern const int8_t phy_seq_phi18[30][18];
extern const int8_t phy_seq_phi24[30][24];

#endif
