/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.212 5.1 cyclic redundancy checks, the engine: bit-serial reference, slicing-by-8
 * tables, carry-less-multiply folding for packed input (crc_clmul.c, crc_vpclmul.c) and
 * SIMD packing for one-bit-per-byte input. Attachment and checking: crc_attach.c. */
#include "olive/phy/crc.h"

#include "olive/phy/bits.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"

#include "../bits/bits_internal.h"
#include "crc_internal.h"

typedef struct crc_desc {
  uint32_t poly_left; /* g(D) - D^L, left-aligned in 32 bits (crc_internal.h) */
  unsigned len;       /* L */
  const char *name;
} crc_desc_t;

/* TS 38.212 5.1: generator polynomials, the D^L term dropped and the rest written as an
 * L-bit number (bit k = coefficient of D^k), then left-aligned in 32 bits. */
static const crc_desc_t crc_descs[PHY_CRC_COUNT] = {
    [PHY_CRC6] = {0x21u << 26, 6, "CRC6"},         /* D^6+D^5+1 */
    [PHY_CRC11] = {0x621u << 21, 11, "CRC11"},     /* D^11+D^10+D^9+D^5+1 */
    [PHY_CRC16] = {0x1021u << 16, 16, "CRC16"},    /* D^16+D^12+D^5+1 */
    [PHY_CRC24A] = {0x864cfbu << 8, 24, "CRC24A"}, /* see crc.h */
    [PHY_CRC24B] = {0x800063u << 8, 24, "CRC24B"}, /* D^24+D^23+D^6+D^5+D+1 */
    [PHY_CRC24C] = {0xb2b117u << 8, 24, "CRC24C"}, /* see crc.h */
};

/* Read-only after library load: built by a constructor before main() and before any
 * thread exists, so no call ever races on a lazy initialisation. The variant for packed
 * input is chosen there too, from olive_cpu_isa() (so OLIVE_ISA applies). */
static uint32_t crc_tab[PHY_CRC_COUNT][8][256];
static crc_fold_consts_t crc_fold[PHY_CRC_COUNT];
static olive_isa_t crc_isa = OLIVE_ISA_GENERIC;

static inline int type_ok(phy_crc_type_t type)
{
  return (unsigned)type < PHY_CRC_COUNT;
}

static inline uint32_t step_bit(uint32_t reg, uint32_t bit, uint32_t poly)
{
  reg ^= bit << 31;
  return (reg & 0x80000000u) ? (reg << 1) ^ poly : reg << 1;
}

/* x^d mod P'(x), P' = x^32 + poly_left. */
static uint64_t x_pow_mod(unsigned d, uint32_t poly)
{
  uint32_t r = 1;
  for (unsigned i = 0; i < d; i++)
    r = (r & 0x80000000u) ? (r << 1) ^ poly : r << 1;
  return r;
}

/* The packed-input variants need PCLMULQDQ (AVX2 level) or VPCLMULQDQ (AVX-512 level) on
 * top of what olive_cpu_supports() checks. */
static int clmul_ok(olive_isa_t isa)
{
#if defined(OLIVE_HAVE_X86_SIMD) && defined(__x86_64__)
  if (isa == OLIVE_ISA_AVX2)
    return olive_cpu_supports(isa) && __builtin_cpu_supports("pclmul") &&
           __builtin_cpu_supports("sse4.1");
  if (isa == OLIVE_ISA_AVX512)
    return olive_cpu_supports(isa) && clmul_ok(OLIVE_ISA_AVX2) &&
           __builtin_cpu_supports("vpclmulqdq");
#endif
  return isa == OLIVE_ISA_GENERIC;
}

static void build_tables(int t)
{
  uint32_t poly = crc_descs[t].poly_left;
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t reg = i << 24;
    for (int b = 0; b < 8; b++)
      reg = step_bit(reg, 0, poly);
    crc_tab[t][0][i] = reg;
  }
  for (int k = 1; k < 8; k++)
    for (int i = 0; i < 256; i++) {
      uint32_t prev = crc_tab[t][k - 1][i];
      crc_tab[t][k][i] = (prev << 8) ^ crc_tab[t][0][prev >> 24];
    }
}

__attribute__((constructor)) static void crc_init(void)
{
#if defined(__x86_64__)
  __builtin_cpu_init(); /* __builtin_cpu_supports may run before libgcc's own init here */
#endif
  for (int t = 0; t < PHY_CRC_COUNT; t++) {
    uint32_t p = crc_descs[t].poly_left;
    build_tables(t);
    crc_fold[t] = (crc_fold_consts_t){x_pow_mod(128, p), x_pow_mod(192, p),  x_pow_mod(512, p),
                                      x_pow_mod(576, p), x_pow_mod(2048, p), x_pow_mod(2112, p)};
  }
  for (int i = olive_cpu_isa(); i > OLIVE_ISA_GENERIC; i--)
    if (clmul_ok((olive_isa_t)i)) {
      crc_isa = (olive_isa_t)i;
      break;
    }
}

static inline uint32_t load_be32(const uint8_t *p)
{
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

uint32_t phy_crc_update_bytes(phy_crc_type_t type, uint32_t reg, const uint8_t *p, size_t n)
{
  const uint32_t(*t)[256] = crc_tab[type];
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t x = reg ^ load_be32(p);
    reg = t[7][x >> 24] ^ t[6][(x >> 16) & 0xff] ^ t[5][(x >> 8) & 0xff] ^ t[4][x & 0xff] ^
          t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
  }
  for (; n; n--, p++)
    reg = (reg << 8) ^ t[0][(reg >> 24) ^ *p];
  return reg;
}

unsigned phy_crc_len(phy_crc_type_t type)
{
  return type_ok(type) ? crc_descs[type].len : 0;
}

const char *phy_crc_name(phy_crc_type_t type)
{
  return type_ok(type) ? crc_descs[type].name : "invalid";
}

uint32_t phy_crc_calc_bits_ref(phy_crc_type_t type, const uint8_t *bits, size_t nbits)
{
  if (!type_ok(type))
    return 0;
  uint32_t reg = 0, poly = crc_descs[type].poly_left;
  for (size_t i = 0; i < nbits; i++)
    reg = step_bit(reg, bits[i] & 1u, poly);
  return reg >> (32 - crc_descs[type].len);
}

/* Register after n whole bytes from zero, with variant isa (already checked). */
static uint32_t bytes_isa(phy_crc_type_t type, const uint8_t *p, size_t n, olive_isa_t isa)
{
#ifdef OLIVE_HAVE_X86_SIMD
  if (isa == OLIVE_ISA_AVX512)
    return phy_crc_bytes_vpclmul(type, &crc_fold[type], p, n);
  if (isa == OLIVE_ISA_AVX2)
    return phy_crc_bytes_clmul(type, &crc_fold[type], p, n);
#else
  (void)isa;
#endif
  return phy_crc_update_bytes(type, 0, p, n);
}

/* One-bit-per-byte input is packed 4096 bits at a time (SIMD pack) and each block goes
 * through the packed variant; a non-zero register carries into the next block by XOR
 * onto its first 32 bits (the direct-form CRC is linear in register and message).
 * Returns the left-aligned register after the bits, starting from reg. */
enum { BITS_BLK = 512 }; /* bytes per packed block */

uint32_t phy_crc_reg_bits(phy_crc_type_t type, uint32_t reg, const uint8_t *bits, size_t nbits)
{
  uint8_t blk[BITS_BLK];
  size_t i = 0;
  for (; i + 8 * BITS_BLK <= nbits; i += 8 * BITS_BLK) {
    phy_bits_pack_bytes(blk, bits + i, BITS_BLK);
    blk[0] ^= (uint8_t)(reg >> 24);
    blk[1] ^= (uint8_t)(reg >> 16);
    blk[2] ^= (uint8_t)(reg >> 8);
    blk[3] ^= (uint8_t)reg;
    reg = bytes_isa(type, blk, BITS_BLK, crc_isa);
  }
  size_t nb = (nbits - i) / 8;
  phy_bits_pack_bytes(blk, bits + i, nb);
  reg = phy_crc_update_bytes(type, reg, blk, nb);
  uint32_t poly = crc_descs[type].poly_left;
  for (i += 8 * nb; i < nbits; i++)
    reg = step_bit(reg, bits[i] & 1u, poly);
  return reg;
}

uint32_t phy_crc_calc_bits(phy_crc_type_t type, const uint8_t *bits, size_t nbits)
{
  if (!type_ok(type))
    return 0;
  return phy_crc_reg_bits(type, 0, bits, nbits) >> (32 - crc_descs[type].len);
}

static uint32_t calc_packed(phy_crc_type_t type, const uint8_t *bytes, size_t nbits,
                            olive_isa_t isa)
{
  uint32_t reg = bytes_isa(type, bytes, nbits / 8, isa);
  uint32_t poly = crc_descs[type].poly_left;
  for (size_t i = nbits & ~(size_t)7; i < nbits; i++)
    reg = step_bit(reg, phy_bits_get(bytes, i), poly);
  return reg >> (32 - crc_descs[type].len);
}

uint32_t phy_crc_calc_packed(phy_crc_type_t type, const uint8_t *bytes, size_t nbits)
{
  return type_ok(type) ? calc_packed(type, bytes, nbits, crc_isa) : 0;
}

uint32_t phy_crc_calc_packed_isa(phy_crc_type_t type, const uint8_t *bytes, size_t nbits,
                                 olive_isa_t isa)
{
  if (!type_ok(type))
    return 0;
  isa = olive_isa_resolve(isa);
  return calc_packed(type, bytes, nbits, clmul_ok(isa) ? isa : OLIVE_ISA_GENERIC);
}

int phy_crc_packed_isa_supported(olive_isa_t isa)
{
  return clmul_ok(olive_isa_resolve(isa));
}
