/* SPDX-License-Identifier: Apache-2.0 */
/* Eight-bit pack/unpack kernels shared by bits, crc and scrambling (not exported). */
#ifndef OLIVE_PHY_BITS_INTERNAL_H
#define OLIVE_PHY_BITS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Packs bits[0..7] (0/1, only bit 0 of each byte is used) into one byte, bits[0] as MSB.
 * On little-endian hosts one multiply gathers the eight bytes: with byte i holding b_i at
 * bit 8i, the constant sum_j 2^(9j) puts b_i at bit 63-i and the partial products of the
 * lower bytes stay below bit 56 without carries. */
static inline uint8_t phy_bits_pack8(const uint8_t *bits)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t x;
  memcpy(&x, bits, 8);
  x &= 0x0101010101010101ull;
  return (uint8_t)((x * 0x8040201008040201ull) >> 56);
#else
  uint8_t b = 0;
  for (int j = 0; j < 8; j++)
    b = (uint8_t)((b << 1) | (bits[j] & 1u));
  return b;
  /* Whole-byte pack/unpack with the variant chosen at library load (bits.c): nbytes bytes
   * from/to 8 nbytes one-bit-per-byte values. Used by phy_bits_pack/unpack and the CRC. */
  void phy_bits_pack_bytes(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes(uint8_t * bits, const uint8_t *bytes, size_t nbytes);

  void phy_bits_pack_bytes_avx2(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes_avx2(uint8_t * bits, const uint8_t *bytes, size_t nbytes);
  void phy_bits_pack_bytes_avx512(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes_avx512(uint8_t * bits, const uint8_t *bytes, size_t nbytes);

#endif
}

/* Unpacks byte v into bits[0..7], MSB first. Replicates v into every byte, keeps bit 7-i in
 * byte i, and turns each non-zero byte into 1 (adding 0x7f carries into bit 7 only). */
static inline void phy_bits_unpack8(uint8_t *bits, uint8_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t x = (uint64_t)v * 0x0101010101010101ull;
  x &= 0x0102040810204080ull;
  x = ((x + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
  memcpy(bits, &x, 8);
#else
  for (int j = 0; j < 8; j++)
    bits[j] = (uint8_t)((v >> (7 - j)) & 1u);
  /* Whole-byte pack/unpack with the variant chosen at library load (bits.c): nbytes bytes
   * from/to 8 nbytes one-bit-per-byte values. Used by phy_bits_pack/unpack and the CRC. */
  void phy_bits_pack_bytes(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes(uint8_t * bits, const uint8_t *bytes, size_t nbytes);

  void phy_bits_pack_bytes_avx2(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes_avx2(uint8_t * bits, const uint8_t *bytes, size_t nbytes);
  void phy_bits_pack_bytes_avx512(uint8_t * bytes, const uint8_t *bits, size_t nbytes);
  void phy_bits_unpack_bytes_avx512(uint8_t * bits, const uint8_t *bytes, size_t nbytes);

#endif
}

/* Whole-byte pack/unpack with the variant chosen at library load (bits.c): nbytes bytes
 * from/to 8 nbytes one-bit-per-byte values. Used by phy_bits_pack/unpack and the CRC. */
void phy_bits_pack_bytes(uint8_t *bytes, const uint8_t *bits, size_t nbytes);
void phy_bits_unpack_bytes(uint8_t *bits, const uint8_t *bytes, size_t nbytes);

void phy_bits_pack_bytes_avx2(uint8_t *bytes, const uint8_t *bits, size_t nbytes);
void phy_bits_unpack_bytes_avx2(uint8_t *bits, const uint8_t *bytes, size_t nbytes);
void phy_bits_pack_bytes_avx512(uint8_t *bytes, const uint8_t *bits, size_t nbytes);
void phy_bits_unpack_bytes_avx512(uint8_t *bits, const uint8_t *bytes, size_t nbytes);

#endif
