/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.212 5.1 CRC attachment and checking, plain, RNTI-masked (7.3.2) and the whole DCI
 * attachment of 7.3.2 (24 leading ones). The CRC values come from crc.c. */
#include "olive/phy/bits.h"
#include "olive/phy/crc.h"
#include "olive/support/error.h"

#include "crc_internal.h"

static inline int type_ok(phy_crc_type_t type)
{
  return (unsigned)type < PHY_CRC_COUNT;
}

/* TS 38.212 7.3.2: x_rnti,0..15 go onto the last 16 parity bits, i.e. the low 16 bits of
 * the right-aligned CRC value. For L < 16 only the low L bits of the RNTI fit. */
static uint32_t rnti_mask(phy_crc_type_t type, uint16_t rnti)
{
  unsigned len = phy_crc_len(type);
  return len >= 16 ? rnti : (rnti & ((1u << len) - 1));
}

static void put_bits(uint8_t *bits, uint32_t v, unsigned len)
{
  phy_bits_write(&bits, v, len);
}

static uint32_t get_bits(const uint8_t *bits, unsigned len)
{
  return phy_bits_read(&bits, len);
}

static void put_packed(uint8_t *bytes, size_t off, uint32_t v, unsigned len)
{
  uint8_t tmp[4];
  uint32_t left = v << (32 - len);
  tmp[0] = (uint8_t)(left >> 24);
  tmp[1] = (uint8_t)(left >> 16);
  tmp[2] = (uint8_t)(left >> 8);
  tmp[3] = (uint8_t)left;
  phy_bits_copy(bytes, off, tmp, 0, len);
}

static uint32_t get_packed(const uint8_t *bytes, size_t off, unsigned len)
{
  uint32_t v = 0;
  for (unsigned i = 0; i < len; i++)
    v = (v << 1) | phy_bits_get(bytes, off + i);
  return v;
}

void phy_crc_attach_bits(phy_crc_type_t type, uint8_t *bits, size_t nbits)
{
  if (type_ok(type))
    put_bits(bits + nbits, phy_crc_calc_bits(type, bits, nbits), phy_crc_len(type));
}

void phy_crc_attach_packed(phy_crc_type_t type, uint8_t *bytes, size_t nbits)
{
  if (type_ok(type))
    put_packed(bytes, nbits, phy_crc_calc_packed(type, bytes, nbits), phy_crc_len(type));
}

int phy_crc_check_bits(phy_crc_type_t type, const uint8_t *bits, size_t nbits)
{
  if (!type_ok(type))
    return OLIVE_EINVAL;
  uint32_t rx = get_bits(bits + nbits, phy_crc_len(type));
  return rx == phy_crc_calc_bits(type, bits, nbits) ? 0 : OLIVE_ECRC;
}

int phy_crc_check_packed(phy_crc_type_t type, const uint8_t *bytes, size_t nbits)
{
  if (!type_ok(type))
    return OLIVE_EINVAL;
  uint32_t rx = get_packed(bytes, nbits, phy_crc_len(type));
  return rx == phy_crc_calc_packed(type, bytes, nbits) ? 0 : OLIVE_ECRC;
}

void phy_crc_attach_bits_rnti(phy_crc_type_t type, uint8_t *bits, size_t nbits, uint16_t rnti)
{
  if (!type_ok(type))
    return;
  uint32_t p = phy_crc_calc_bits(type, bits, nbits) ^ rnti_mask(type, rnti);
  put_bits(bits + nbits, p, phy_crc_len(type));
}

int phy_crc_check_bits_rnti(phy_crc_type_t type, const uint8_t *bits, size_t nbits, uint16_t rnti)
{
  if (!type_ok(type))
    return OLIVE_EINVAL;
  uint32_t rx = get_bits(bits + nbits, phy_crc_len(type)) ^ rnti_mask(type, rnti);
  return rx == phy_crc_calc_bits(type, bits, nbits) ? 0 : OLIVE_ECRC;
}

void phy_crc_attach_packed_rnti(phy_crc_type_t type, uint8_t *bytes, size_t nbits, uint16_t rnti)
{
  if (!type_ok(type))
    return;
  uint32_t p = phy_crc_calc_packed(type, bytes, nbits) ^ rnti_mask(type, rnti);
  put_packed(bytes, nbits, p, phy_crc_len(type));
}

int phy_crc_check_packed_rnti(phy_crc_type_t type, const uint8_t *bytes, size_t nbits,
                              uint16_t rnti)
{
  if (!type_ok(type))
    return OLIVE_EINVAL;
  uint32_t rx = get_packed(bytes, nbits, phy_crc_len(type)) ^ rnti_mask(type, rnti);
  return rx == phy_crc_calc_packed(type, bytes, nbits) ? 0 : OLIVE_ECRC;
}

/* TS 38.212 7.3.2: CRC24C of a' = (1 x 24, a_0 .. a_{A-1}); the 24 ones are three 0xff
 * bytes run through the table first. */
static uint32_t dci_crc(const uint8_t *bits, size_t nbits)
{
  static const uint8_t ones[3] = {0xff, 0xff, 0xff};
  uint32_t reg = phy_crc_update_bytes(PHY_CRC24C, 0, ones, sizeof ones);
  return phy_crc_reg_bits(PHY_CRC24C, reg, bits, nbits) >> 8;
}

void phy_crc_attach_bits_dci(uint8_t *bits, size_t nbits, uint16_t rnti)
{
  put_bits(bits + nbits, dci_crc(bits, nbits) ^ rnti, 24);
}

int phy_crc_check_bits_dci(const uint8_t *bits, size_t nbits, uint16_t rnti)
{
  return (get_bits(bits + nbits, 24) ^ rnti) == dci_crc(bits, nbits) ? 0 : OLIVE_ECRC;
}
