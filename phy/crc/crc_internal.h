/* SPDX-License-Identifier: Apache-2.0 */
/* CRC engine internals shared by the portable and the carry-less-multiply paths. */
#ifndef OLIVE_PHY_CRC_INTERNAL_H
#define OLIVE_PHY_CRC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "olive/phy/crc.h"

/* The register is kept left-aligned in 32 bits: the L remainder bits occupy bits 31..32-L
 * and the generator (without its D^L term) is stored the same way, so every polynomial
 * shares one byte-wise update. */
typedef struct crc_desc {
  uint32_t poly_left; /* g(D) - D^L, left-aligned */
  unsigned len;       /* L */
  const char *name;
} crc_desc_t;

const crc_desc_t *phy_crc_desc(phy_crc_type_t type);

/* Slicing-by-8 tables: t[k][i] is the register after byte i followed by k zero bytes. */
const uint32_t (*phy_crc_tables(phy_crc_type_t type))[256];

/* Advances a left-aligned register over whole packed bytes (slicing-by-8). */
uint32_t phy_crc_update_bytes(phy_crc_type_t type, uint32_t reg, const uint8_t *p, size_t n);

#endif
