/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the DCI format files: a DCI is a list of fields (value, width) written MSB
 * first, one bit per byte, in the order of TS 38.212 7.3.1. */
#ifndef OLIVE_PHY_DCI_INTERNAL_H
#define OLIVE_PHY_DCI_INTERNAL_H

#include <stdint.h>

typedef struct phy_dci_field {
  uint32_t *v; /* value, right-aligned; ignored (zeros written) for widths above 32 */
  uint32_t n;  /* width in bits, may be 0 */
} phy_dci_field_t;

/* ceil(log2(N (N + 1) / 2)): the type 1 FDRA width for an N-RB BWP (38.212 7.3.1). */
uint32_t phy_dci_riv_bits(uint32_t n);

/* ceil(log2(x)) for x >= 1 (0 for x <= 1). */
uint32_t phy_dci_log2_ceil(uint32_t x);

/* Writes the n fields; the number of bits, or OLIVE_EINVAL when a value does not fit. */
int phy_dci_fields_put(const phy_dci_field_t *f, unsigned n, uint8_t *bits);

/* Reads the n fields back. */
void phy_dci_fields_get(const phy_dci_field_t *f, unsigned n, const uint8_t *bits);

#endif
