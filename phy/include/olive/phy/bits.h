/* SPDX-License-Identifier: Apache-2.0 */
/* Bit containers. "bits" = one bit per byte (values 0/1), the form the coding chain is
 * specified in; "packed" = big-endian bytes, bit 7 of byte 0 is bit 0 of the sequence, the
 * form transport blocks and MAC PDUs travel in. */
#ifndef OLIVE_PHY_BITS_H
#define OLIVE_PHY_BITS_H

#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* Packs nbits one-per-byte bits into ceil(nbits/8) bytes; the unused low bits of the last
 * byte are zeroed. */
OLIVE_API void phy_bits_pack(uint8_t *bytes, const uint8_t *bits, size_t nbits);

/* Unpacks the first nbits bits of bytes into one bit per byte. */
OLIVE_API void phy_bits_unpack(uint8_t *bits, const uint8_t *bytes, size_t nbits);

/* Writes the low n bits of value (n <= 32), MSB first, as one bit per byte at *bits and
 * advances *bits. For building payloads field by field (MIB, DCI). */
OLIVE_API void phy_bits_write(uint8_t **bits, uint32_t value, unsigned n);

/* Reads n bits (n <= 32), MSB first, from one-bit-per-byte input and advances *bits. */
OLIVE_API uint32_t phy_bits_read(const uint8_t **bits, unsigned n);

/* Reverses the order of the low n bits of value (n <= 32). */
OLIVE_API uint32_t phy_bits_reverse(uint32_t value, unsigned n);

/* Copies nbits bits from packed src starting at bit src_off into packed dst at bit
 * dst_off; other bits of dst are kept. Any offsets, any overlap-free buffers. */
OLIVE_API void phy_bits_copy(uint8_t *dst, size_t dst_off, const uint8_t *src, size_t src_off,
                             size_t nbits);

/* The variant pack/unpack use ("generic", "avx2", "avx512"), chosen once at library load
 * from olive_cpu_isa() (OLIVE_ISA caps it). */
OLIVE_API const char *phy_bits_isa(void);

/* Reads bit i of a packed buffer (0/1). */
static inline uint8_t phy_bits_get(const uint8_t *bytes, size_t i)
{
  return (uint8_t)((bytes[i >> 3] >> (7 - (i & 7))) & 1);
}

/* Sets bit i of a packed buffer to b (0/1). */
static inline void phy_bits_set(uint8_t *bytes, size_t i, uint8_t b)
{
  uint8_t m = (uint8_t)(0x80u >> (i & 7));
  bytes[i >> 3] = (uint8_t)(b ? (bytes[i >> 3] | m) : (bytes[i >> 3] & ~m));
}

#endif
