/* SPDX-License-Identifier: Apache-2.0 */
/* Cyclic redundancy checks of TS 38.212 5.1: gCRC6, gCRC11, gCRC16, gCRC24A, gCRC24B,
 * gCRC24C. The CRC of a sequence a_0..a_{A-1} is the remainder of
 * a(D) * D^L mod g(D), shift register initialised to zero, parity bits p_0..p_{L-1}
 * appended MSB first (5.1). Values are returned right-aligned in a uint32_t with p_0 as
 * bit L-1.
 *
 * Two input forms: "bits" = one bit per byte (0/1), "packed" = big-endian bytes, bit 7 of
 * byte 0 first; nbits need not be a multiple of 8 (unused trailing bits are ignored). */
#ifndef OLIVE_PHY_CRC_H
#define OLIVE_PHY_CRC_H

#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"
#include "olive/support/cpu.h"

typedef enum phy_crc_type {
  PHY_CRC6,   /* D^6 + D^5 + 1 */
  PHY_CRC11,  /* D^11 + D^10 + D^9 + D^5 + 1 */
  PHY_CRC16,  /* D^16 + D^12 + D^5 + 1 */
  PHY_CRC24A, /* D^24+D^23+D^18+D^17+D^14+D^11+D^10+D^7+D^6+D^5+D^4+D^3+D+1 */
  PHY_CRC24B, /* D^24 + D^23 + D^6 + D^5 + D + 1 */
  PHY_CRC24C, /* D^24+D^23+D^21+D^20+D^17+D^15+D^13+D^12+D^8+D^4+D^2+D+1 */
  PHY_CRC_COUNT
} phy_crc_type_t;

/* Number of parity bits L (6, 11, 16 or 24). */
OLIVE_API unsigned phy_crc_len(phy_crc_type_t type);

/* "CRC24A", ... */
OLIVE_API const char *phy_crc_name(phy_crc_type_t type);

/* CRC of nbits bits, one bit per byte. */
OLIVE_API uint32_t phy_crc_calc_bits(phy_crc_type_t type, const uint8_t *bits, size_t nbits);

/* CRC of the first nbits bits of packed big-endian bytes. */
OLIVE_API uint32_t phy_crc_calc_packed(phy_crc_type_t type, const uint8_t *bytes, size_t nbits);

/* Appends the L parity bits after bits[0..nbits-1] (bits[nbits..nbits+L-1]). */
OLIVE_API void phy_crc_attach_bits(phy_crc_type_t type, uint8_t *bits, size_t nbits);

/* Appends the L parity bits after the first nbits bits of a packed buffer (which must
 * hold nbits + L bits); bits past nbits + L are left untouched. */
OLIVE_API void phy_crc_attach_packed(phy_crc_type_t type, uint8_t *bytes, size_t nbits);

/* Checks bits[0..nbits-1] followed by L parity bits. 0 when they match, OLIVE_ECRC when
 * not. */
OLIVE_API int phy_crc_check_bits(phy_crc_type_t type, const uint8_t *bits, size_t nbits);
OLIVE_API int phy_crc_check_packed(phy_crc_type_t type, const uint8_t *bytes, size_t nbits);

/* TS 38.212 7.3.2: for DCI the last 16 CRC24C parity bits are scrambled with the RNTI,
 * x_rnti,0..15 (MSB first) added to p_{L-16}..p_{L-1}. These apply that mask on top of
 * the plain CRC; checking returns 0 when the parity equals CRC ^ rnti. (The 24 ones that
 * 7.3.2 prepends before CRC computation are the caller's job here; phy_crc_*_bits_dci
 * below do both.) */
OLIVE_API void phy_crc_attach_bits_rnti(phy_crc_type_t type, uint8_t *bits, size_t nbits,
                                        uint16_t rnti);
OLIVE_API int phy_crc_check_bits_rnti(phy_crc_type_t type, const uint8_t *bits, size_t nbits,
                                      uint16_t rnti);

/* The same RNTI-masked attachment and check on a packed buffer (nbits + L bits). For
 * L < 16 only the low L bits of rnti are applied. */
OLIVE_API void phy_crc_attach_packed_rnti(phy_crc_type_t type, uint8_t *bytes, size_t nbits,
                                          uint16_t rnti);
OLIVE_API int phy_crc_check_packed_rnti(phy_crc_type_t type, const uint8_t *bytes, size_t nbits,
                                        uint16_t rnti);

/* TS 38.212 7.3.2, whole DCI CRC attachment: CRC24C computed over 24 ones followed by
 * bits[0..nbits-1] (the ones are not stored), appended at bits[nbits..nbits+23] with
 * x_rnti,0..15 added to the last 16 parity bits. bits holds nbits + 24 values. Check
 * returns 0 when the parity matches for this rnti, OLIVE_ECRC otherwise. */
OLIVE_API void phy_crc_attach_bits_dci(uint8_t *bits, size_t nbits, uint16_t rnti);
OLIVE_API int phy_crc_check_bits_dci(const uint8_t *bits, size_t nbits, uint16_t rnti);

/* Bit-serial reference of 5.1 (one register shift per input bit). Slow; for tests and for
 * cross-checking the table-driven paths. Same result as phy_crc_calc_bits(). */
OLIVE_API uint32_t phy_crc_calc_bits_ref(phy_crc_type_t type, const uint8_t *bits, size_t nbits);

/* phy_crc_calc_packed() with a forced variant, for tests and benchmarks: generic = slicing
 * by 8, avx2 = PCLMULQDQ folding, avx512 = VPCLMULQDQ folding. phy_crc_calc_packed() itself
 * uses the best variant this CPU has (capped by OLIVE_ISA), chosen once at library load.
 * A variant the CPU lacks falls back to generic; phy_crc_packed_isa_supported() says
 * whether isa really runs (1) or not (0). */
OLIVE_API uint32_t phy_crc_calc_packed_isa(phy_crc_type_t type, const uint8_t *bytes, size_t nbits,
                                           olive_isa_t isa);
OLIVE_API int phy_crc_packed_isa_supported(olive_isa_t isa);

/* An invalid type makes calc return 0, attach do nothing and check return OLIVE_EINVAL. */

#endif
