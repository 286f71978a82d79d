/* SPDX-License-Identifier: Apache-2.0 */
/* Bit containers: one-bit-per-byte <-> packed big-endian bytes, field writes and reads,
 * bit reversal and copies at arbitrary bit offsets (olive/phy/bits.h). */
#include <string.h>

#include "olive/phy/bits.h"

#include "olive/support/cpu.h"

#include "bits_internal.h"

static void pack_bytes_generic(uint8_t *bytes, const uint8_t *bits, size_t nbytes)
{
  for (size_t i = 0; i < nbytes; i++)
    bytes[i] = phy_bits_pack8(bits + 8 * i);
}

static void unpack_bytes_generic(uint8_t *bits, const uint8_t *bytes, size_t nbytes)
{
  for (size_t i = 0; i < nbytes; i++)
    phy_bits_unpack8(bits + 8 * i, bytes[i]);
}

/* The ISA choice for the stateless pack/unpack: made once at library load, before main()
 * and any thread, from olive_cpu_isa() (so OLIVE_ISA applies); read-only afterwards. */
static void (*pack_bytes)(uint8_t *, const uint8_t *, size_t) = pack_bytes_generic;
static void (*unpack_bytes)(uint8_t *, const uint8_t *, size_t) = unpack_bytes_generic;

__attribute__((constructor)) static void bits_choose_isa(void)
{
#ifdef OLIVE_HAVE_X86_SIMD
  __builtin_cpu_init(); /* olive_cpu_isa() may run before libgcc's own initialiser */
  olive_isa_t isa = olive_cpu_isa();
  if (isa == OLIVE_ISA_AVX512) {
    pack_bytes = phy_bits_pack_bytes_avx512;
    unpack_bytes = phy_bits_unpack_bytes_avx512;
  } else if (isa == OLIVE_ISA_AVX2) {
    pack_bytes = phy_bits_pack_bytes_avx2;
    unpack_bytes = phy_bits_unpack_bytes_avx2;
  }
#endif
}

void phy_bits_pack_bytes(uint8_t *bytes, const uint8_t *bits, size_t nbytes)
{
  pack_bytes(bytes, bits, nbytes);
}

void phy_bits_unpack_bytes(uint8_t *bits, const uint8_t *bytes, size_t nbytes)
{
  unpack_bytes(bits, bytes, nbytes);
}

const char *phy_bits_isa(void)
{
#ifdef OLIVE_HAVE_X86_SIMD
  if (pack_bytes == phy_bits_pack_bytes_avx512)
    return "avx512";
  if (pack_bytes == phy_bits_pack_bytes_avx2)
    return "avx2";
#endif
  return "generic";
}

void phy_bits_pack(uint8_t *bytes, const uint8_t *bits, size_t nbits)
{
  size_t n8 = nbits / 8;
  pack_bytes(bytes, bits, n8);
  size_t rem = nbits % 8;
  if (rem) {
    uint8_t b = 0;
    for (size_t j = 0; j < rem; j++)
      b |= (uint8_t)((bits[8 * n8 + j] & 1u) << (7 - j));
    bytes[n8] = b;
  }
}

void phy_bits_unpack(uint8_t *bits, const uint8_t *bytes, size_t nbits)
{
  size_t n8 = nbits / 8;
  unpack_bytes(bits, bytes, n8);
  for (size_t j = 0; j < nbits % 8; j++)
    bits[8 * n8 + j] = (uint8_t)((bytes[n8] >> (7 - j)) & 1u);
}

/* n > 32 is out of range; write then emits zeros for the bits above value's 32 and read
 * keeps the last 32, rather than shifting by 32 or more (undefined in C). */
void phy_bits_write(uint8_t **bits, uint32_t value, unsigned n)
{
  uint8_t *p = *bits;
  for (unsigned i = 0; i < n; i++) {
    unsigned sh = n - 1 - i;
    p[i] = sh < 32 ? (uint8_t)((value >> sh) & 1u) : 0;
  }
  *bits = p + n;
}

uint32_t phy_bits_read(const uint8_t **bits, unsigned n)
{
  const uint8_t *p = *bits;
  uint32_t v = 0;
  for (unsigned i = 0; i < n; i++)
    v = (v << 1) | (p[i] & 1u);
  *bits = p + n;
  return v;
}

uint32_t phy_bits_reverse(uint32_t value, unsigned n)
{
  if (n == 0)
    return 0;
  if (n > 32)
    n = 32;
  uint32_t v = value;
  v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
  v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
  v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
  v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
  v = (v >> 16) | (v << 16);
  return v >> (32 - n);
}

/* Eight source bits starting at bit s (any alignment) as one byte, MSB first. Reads only
 * bytes that hold some of those bits. */
static inline uint8_t read8(const uint8_t *src, size_t s)
{
  unsigned sh = (unsigned)(s & 7);
  const uint8_t *p = src + (s >> 3);
  if (sh == 0)
    return p[0];
  return (uint8_t)((p[0] << sh) | (p[1] >> (8 - sh)));
}

static void copy_bitwise(uint8_t *dst, size_t d, const uint8_t *src, size_t s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    phy_bits_set(dst, d + i, phy_bits_get(src, s + i));
}

void phy_bits_copy(uint8_t *dst, size_t dst_off, const uint8_t *src, size_t src_off, size_t nbits)
{
  /* Head: bit by bit until dst is byte aligned. */
  size_t head = (8 - (dst_off & 7)) & 7;
  if (head > nbits)
    head = nbits;
  copy_bitwise(dst, dst_off, src, src_off, head);
  dst_off += head;
  src_off += head;
  nbits -= head;

  size_t nbytes = nbits / 8;
  uint8_t *d = dst + dst_off / 8;
  if ((src_off & 7) == 0) {
    memcpy(d, src + src_off / 8, nbytes);
  } else {
    for (size_t i = 0; i < nbytes; i++)
      d[i] = read8(src, src_off + 8 * i);
  }
  copy_bitwise(dst, dst_off + 8 * nbytes, src, src_off + 8 * nbytes, nbits % 8);
}
