/* SPDX-License-Identifier: Apache-2.0 */
/* phy/crc: TS 38.212 5.1 CRCs pinned to
 *  - published check values: CRC of the ASCII string "123456789" from Greg Cook's
 *    "Catalogue of parametrised CRC algorithms" (reveng.sourceforge.io/crc-catalogue):
 *    CRC-24/LTE-A (poly 0x864cfb, init 0, no reflection, no xorout) = 0xcde703,
 *    CRC-24/LTE-B (poly 0x800063) = 0x23ef52, CRC-16/XMODEM (poly 0x1021) = 0x31c3, and
 *    CRC-24/OPENPGP (RFC 4880 6.1: poly 0x864cfb, init 0xb704ce) = 0x21cf02, reached
 *    through our zero-init CRC24A by XORing the init into the first 24 message bits;
 *  - values worked by hand: the CRC of the single bit "1" is g(D) - D^L, and of "1 0" is
 *    D^(L+1) mod g(D);
 *  - an independent GF(2) long division written here from the polynomials' exponent
 *    lists as printed in 5.1, on random messages;
 * and checks packed (every variant) == bits == bit-serial for lengths 0..200 on misaligned
 * pointers, the folding variants on long inputs around their block sizes,
 * detection of every single-bit error, and the 7.3.2 RNTI mask. CTest runs it once per
 * OLIVE_ISA value so the one-bit-per-byte path meets every packing variant.
 * Exit status 0 = pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/bits.h"
#include "olive/phy/crc.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x2545f4914f6cdd1dull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

/* TS 38.212 5.1, exponents of each g(D) as printed, -1 terminated. */
static const int g_exps[PHY_CRC_COUNT][16] = {
    [PHY_CRC6] = {6, 5, 0, -1},
    [PHY_CRC11] = {11, 10, 9, 5, 0, -1},
    [PHY_CRC16] = {16, 12, 5, 0, -1},
    [PHY_CRC24A] = {24, 23, 18, 17, 14, 11, 10, 7, 6, 5, 4, 3, 1, 0, -1},
    [PHY_CRC24B] = {24, 23, 6, 5, 1, 0, -1},
    [PHY_CRC24C] = {24, 23, 21, 20, 17, 15, 13, 12, 8, 4, 2, 1, 0, -1},
};

/* Remainder of a(D) * D^L by g(D): write the dividend out as a bit array (a_0 is the
 * highest power) and subtract shifted copies of g wherever the leading term is 1. */
static uint32_t long_division(phy_crc_type_t t, const uint8_t *a, size_t n)
{
  unsigned len = phy_crc_len(t);
  uint8_t *d = calloc(n + len + 1, 1);
  memcpy(d, a, n);
  for (size_t i = 0; i < n; i++) {
    if (!d[i])
      continue;
    for (const int *e = g_exps[t]; *e >= 0; e++)
      d[i + len - (size_t)*e] ^= 1; /* D^e of g lines up len - e places after the lead */
  }
  uint32_t r = 0;
  for (unsigned j = 0; j < len; j++)
    r = (r << 1) | d[n + j];
  free(d);
  return r;
}

static void test_catalogue(void)
{
  const char *msg = "123456789";
  uint8_t bits[72];
  phy_bits_unpack(bits, (const uint8_t *)msg, 72);
  CHECK(phy_crc_calc_packed(PHY_CRC24A, (const uint8_t *)msg, 72) == 0xcde703);
  CHECK(phy_crc_calc_packed(PHY_CRC24B, (const uint8_t *)msg, 72) == 0x23ef52);
  CHECK(phy_crc_calc_packed(PHY_CRC16, (const uint8_t *)msg, 72) == 0x31c3);
  CHECK(phy_crc_calc_bits(PHY_CRC24A, bits, 72) == 0xcde703);
  CHECK(phy_crc_calc_bits_ref(PHY_CRC24B, bits, 72) == 0x23ef52);
  CHECK(long_division(PHY_CRC16, bits, 72) == 0x31c3);
  uint8_t pgp[9];
  memcpy(pgp, msg, 9);
  pgp[0] ^= 0xb7;
  pgp[1] ^= 0x04;
  pgp[2] ^= 0xce;
  CHECK(phy_crc_calc_packed(PHY_CRC24A, pgp, 72) == 0x21cf02);
}

static void test_hand_worked(void)
{
  static const uint32_t g_low[PHY_CRC_COUNT] = {0x21, 0x621, 0x1021, 0x864cfb, 0x800063, 0xb2b117};
  /* D^(L+1) mod g = D * (g - D^L), minus g once more when that has a D^L term (all but
   * CRC16 do). */
  static const uint32_t d_l1[PHY_CRC_COUNT] = {
      0x23,     /* D^7 = D(D^5+1) = D^6+D -> (D^5+1)+D */
      0x263,    /* D^12 = D^11+D^10+D^6+D -> (0x621<<1) - D^11 + 0x621 */
      0x2042,   /* D^17 = D(D^12+D^5+1), no D^16 term */
      0x8ad50d, /* 0x0c99f6 ^ 0x864cfb */
      0x8000a5, /* 0x0000c6 ^ 0x800063 */
      0xd7d339, /* 0x65622e ^ 0xb2b117 */
  };
  const uint8_t one[2] = {1, 0};
  const uint8_t one_packed[1] = {0x80};
  for (int t = 0; t < PHY_CRC_COUNT; t++) {
    CHECK(phy_crc_calc_bits((phy_crc_type_t)t, one, 1) == g_low[t]);
    CHECK(phy_crc_calc_packed((phy_crc_type_t)t, one_packed, 1) == g_low[t]);
    CHECK(phy_crc_calc_bits((phy_crc_type_t)t, one, 2) == d_l1[t]);
    CHECK(phy_crc_calc_bits((phy_crc_type_t)t, one, 0) == 0);
  }
  CHECK(phy_crc_len(PHY_CRC11) == 11 && phy_crc_len(PHY_CRC24C) == 24);
  CHECK(strcmp(phy_crc_name(PHY_CRC24B), "CRC24B") == 0);
}

/* All three implementations and the long division agree for every length 0..200 and for a
 * few long inputs, with the packed buffer at every byte misalignment 0..7. */
static void test_equivalence(void)
{
  enum { MAXB = 12345 };
  uint8_t *bits = malloc(MAXB), *store = malloc(MAXB / 8 + 16);
  static const size_t longs[] = {1000, 1001, 4095, 8448, 8455, MAXB};
  for (size_t k = 0; k < 201 + OLIVE_ARRAY_SIZE(longs); k++) {
    size_t n = k <= 200 ? k : longs[k - 201];
    for (size_t i = 0; i < n; i++)
      bits[i] = (uint8_t)(rnd() & 1);
    for (int t = 0; t < PHY_CRC_COUNT; t++) {
      uint32_t ref = phy_crc_calc_bits_ref((phy_crc_type_t)t, bits, n);
      if (n < 300)
        CHECK(ref == long_division((phy_crc_type_t)t, bits, n));
      CHECK(phy_crc_calc_bits((phy_crc_type_t)t, bits, n) == ref);
      for (size_t off = 0; off < 8; off += (n < 300 ? 1 : 3)) {
        uint8_t *p = store + off;
        memset(store, 0xff, MAXB / 8 + 16); /* garbage in the unused trailing bits */
        for (size_t i = 0; i < n; i++)
          phy_bits_set(p, i, bits[i]);
        CHECK(phy_crc_calc_packed((phy_crc_type_t)t, p, n) == ref);
        for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++)
          CHECK(phy_crc_calc_packed_isa((phy_crc_type_t)t, p, n, (olive_isa_t)isa) == ref);
      }
    }
  }
  free(bits);
  free(store);
}

/* The folding variants against slicing-by-8 around every block threshold (16, 64, 128,
 * 256, 512 bytes) on misaligned buffers; slicing-by-8 is tied to the bit-serial
 * reference above. */
static void test_variants_long(void)
{
  enum { MAXN = 131072 + 64 };
  uint8_t *buf = malloc(MAXN + 8);
  for (size_t i = 0; i < MAXN + 8; i++)
    buf[i] = (uint8_t)rnd();
  static const size_t nbytes[] = {127, 128, 129, 143, 144, 191, 192,  255,  256,   257,
                                  511, 512, 513, 527, 767, 768, 1029, 4109, 131072};
  for (int isa = OLIVE_ISA_AVX2; isa < OLIVE_ISA_COUNT; isa++) {
    printf("CRC packed variant %s: %s\n", olive_isa_name((olive_isa_t)isa),
           phy_crc_packed_isa_supported((olive_isa_t)isa) ? "tested" : "not supported here");
    for (size_t k = 0; k < OLIVE_ARRAY_SIZE(nbytes); k++)
      for (size_t off = 0; off < 8; off += 3)
        for (int t = 0; t < PHY_CRC_COUNT; t++)
          for (size_t extra = 0; extra < 8; extra += 5) {
            size_t n = 8 * nbytes[k] + extra;
            uint32_t want = phy_crc_calc_packed_isa((phy_crc_type_t)t, buf + off, n, 0);
            CHECK(phy_crc_calc_packed_isa((phy_crc_type_t)t, buf + off, n, (olive_isa_t)isa) ==
                  want);
          }
  }
  free(buf);
}

/* Attach + check round trip, and every single-bit error in data or parity is caught. */
static void test_single_errors(void)
{
  uint8_t bits[300], packed[40];
  static const size_t lens[] = {0, 1, 13, 40, 164, 257};
  for (size_t li = 0; li < OLIVE_ARRAY_SIZE(lens); li++)
    for (int t = 0; t < PHY_CRC_COUNT; t++) {
      size_t n = lens[li], total = n + phy_crc_len((phy_crc_type_t)t);
      for (size_t i = 0; i < n; i++)
        bits[i] = (uint8_t)(rnd() & 1);
      phy_crc_attach_bits((phy_crc_type_t)t, bits, n);
      CHECK(phy_crc_check_bits((phy_crc_type_t)t, bits, n) == 0);
      memset(packed, 0x5a, sizeof packed);
      for (size_t i = 0; i < n; i++)
        phy_bits_set(packed, i, bits[i]);
      phy_crc_attach_packed((phy_crc_type_t)t, packed, n);
      for (size_t i = 0; i < total; i++)
        CHECK(phy_bits_get(packed, i) == bits[i]);
      for (size_t i = total; i < 8 * sizeof packed; i++) /* bits past n + L untouched */
        CHECK(phy_bits_get(packed, i) == ((0x5a >> (7 - i % 8)) & 1));
      CHECK(phy_crc_check_packed((phy_crc_type_t)t, packed, n) == 0);
      for (size_t i = 0; i < total; i++) {
        bits[i] ^= 1;
        CHECK(phy_crc_check_bits((phy_crc_type_t)t, bits, n) == OLIVE_ECRC);
        bits[i] ^= 1;
        packed[i / 8] ^= (uint8_t)(0x80u >> (i % 8));
        CHECK(phy_crc_check_packed((phy_crc_type_t)t, packed, n) == OLIVE_ECRC);
        packed[i / 8] ^= (uint8_t)(0x80u >> (i % 8));
      }
    }
}

/* TS 38.212 7.3.2: c_k = b_k for k < A+8, c_k = b_k + x_rnti,k-A-8 for A+8 <= k < A+24. */
static void test_rnti(void)
{
  uint8_t bits[100], plain[100], packed[16];
  const uint16_t rnti = 0x4601;
  const size_t a = 40;
  for (size_t i = 0; i < a; i++)
    bits[i] = plain[i] = (uint8_t)(rnd() & 1);
  phy_crc_attach_bits(PHY_CRC24C, plain, a);
  phy_crc_attach_bits_rnti(PHY_CRC24C, bits, a, rnti);
  for (size_t k = 0; k < a + 8; k++)
    CHECK(bits[k] == plain[k]);
  for (size_t k = a + 8; k < a + 24; k++)
    CHECK(bits[k] == (plain[k] ^ ((rnti >> (15 - (k - a - 8))) & 1)));
  CHECK(phy_crc_check_bits_rnti(PHY_CRC24C, bits, a, rnti) == 0);
  CHECK(phy_crc_check_bits_rnti(PHY_CRC24C, bits, a, rnti ^ 1) == OLIVE_ECRC);
  CHECK(phy_crc_check_bits(PHY_CRC24C, bits, a) == OLIVE_ECRC);
  CHECK(phy_crc_check_bits_rnti(PHY_CRC24C, plain, a, 0) == 0);

  memset(packed, 0, sizeof packed);
  for (size_t i = 0; i < a; i++)
    phy_bits_set(packed, i, bits[i]);
  phy_crc_attach_packed_rnti(PHY_CRC24C, packed, a, rnti);
  for (size_t k = 0; k < a + 24; k++)
    CHECK(phy_bits_get(packed, k) == bits[k]);
  CHECK(phy_crc_check_packed_rnti(PHY_CRC24C, packed, a, rnti) == 0);
  CHECK(phy_crc_check_packed_rnti(PHY_CRC24C, packed, a, 0x4600) == OLIVE_ECRC);
}

/* TS 38.212 7.3.2 written out: a' = 24 ones then a; p = CRC24C(a') by the bit-serial
 * reference; c = a, p_0..p_7, p_8..p_23 + x_rnti,0..15. */
static void test_dci(void)
{
  static const size_t lens[] = {12, 39, 40, 64, 140};
  uint8_t a1[200], b[200];
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(lens); k++) {
    size_t a = lens[k];
    uint16_t rnti = (uint16_t)rnd();
    memset(a1, 1, 24);
    for (size_t i = 0; i < a; i++)
      b[i] = a1[24 + i] = (uint8_t)(rnd() & 1);
    uint32_t p = phy_crc_calc_bits_ref(PHY_CRC24C, a1, a + 24) ^ rnti;
    phy_crc_attach_bits_dci(b, a, rnti);
    int ok = 1;
    for (size_t j = 0; j < 24; j++)
      ok &= b[a + j] == ((p >> (23 - j)) & 1);
    CHECK(ok);
    CHECK(phy_crc_check_bits_dci(b, a, rnti) == 0);
    CHECK(phy_crc_check_bits_dci(b, a, (uint16_t)(rnti ^ 0x8000)) == OLIVE_ECRC);
    CHECK(phy_crc_check_bits_rnti(PHY_CRC24C, b, a, rnti) == OLIVE_ECRC); /* ones matter */
    for (size_t i = 0; i < a + 24; i++) {
      b[i] ^= 1;
      CHECK(phy_crc_check_bits_dci(b, a, rnti) == OLIVE_ECRC);
      b[i] ^= 1;
    }
  }
}

static void test_invalid(void)
{
  uint8_t b[64] = {0};
  CHECK(phy_crc_calc_bits(PHY_CRC_COUNT, b, 8) == 0);
  CHECK(phy_crc_check_bits(PHY_CRC_COUNT, b, 8) == OLIVE_EINVAL);
  CHECK(phy_crc_check_packed((phy_crc_type_t)-1, b, 8) == OLIVE_EINVAL);
  CHECK(phy_crc_len(PHY_CRC_COUNT) == 0);
}

int main(void)
{
  printf("bit packing for the one-bit-per-byte form: %s\n", phy_bits_isa());
  test_catalogue();
  test_hand_worked();
  test_equivalence();
  test_variants_long();
  test_single_errors();
  test_rnti();
  test_dci();
  test_invalid();
  return olive_test_done();
}
