/* SPDX-License-Identifier: Apache-2.0 */
/* phy/bits against a trivial bit-by-bit model on random data (fixed seed), plus
 * hand-worked values for write/read/reverse. CTest runs it once per OLIVE_ISA value so
 * every pack/unpack variant meets the model. Exit status 0 = pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/bits.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x9e3779b97f4a7c15ull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

/* Model: bit i of packed big-endian bytes is bit 7 - i%8 of byte i/8. */
static int model_get(const uint8_t *b, size_t i)
{
  return (b[i / 8] >> (7 - i % 8)) & 1;
}

static void test_pack_unpack(void)
{
  uint8_t bits[128] = {0}, bytes[17], back[128], guard[17];
  for (size_t n = 0; n <= 100; n++) {
    for (size_t i = 0; i < n; i++)
      bits[i] = (uint8_t)(rnd() & 1);
    memset(bytes, 0xa5, sizeof bytes);
    phy_bits_pack(bytes, bits, n);
    for (size_t i = 0; i < n; i++)
      CHECK(model_get(bytes, i) == bits[i]);
    if (n % 8)
      CHECK((bytes[n / 8] & (0xffu >> (n % 8))) == 0); /* unused low bits zeroed */
    CHECK(bytes[(n + 7) / 8] == 0xa5);                 /* nothing written past the end */
    memset(back, 7, sizeof back);
    phy_bits_unpack(back, bytes, n);
    CHECK(memcmp(back, bits, n) == 0);
    CHECK(back[n] == 7);
    /* unpack of arbitrary bytes against the model */
    for (size_t i = 0; i < sizeof guard; i++)
      guard[i] = (uint8_t)rnd();
    phy_bits_unpack(back, guard, n);
    for (size_t i = 0; i < n; i++)
      CHECK(back[i] == model_get(guard, i));
  }
  /* long runs through the SIMD loops, on misaligned pointers */
  static const size_t longs[] = {517, 1024, 4099};
  static uint8_t lb[4099 + 8], lp[520 + 8], lu[4099 + 8];
  for (size_t k = 0; k < OLIVE_ARRAY_SIZE(longs); k++)
    for (size_t mis = 0; mis < 4; mis += 3) {
      size_t n = longs[k];
      for (size_t i = 0; i < n; i++)
        lb[mis + i] = (uint8_t)(rnd() & 1);
      phy_bits_pack(lp + mis, lb + mis, n);
      int ok = 1;
      for (size_t i = 0; i < n; i++)
        ok &= model_get(lp + mis, i) == lb[mis + i];
      CHECK(ok);
      phy_bits_unpack(lu + mis, lp + mis, n);
      CHECK(memcmp(lu + mis, lb + mis, n) == 0);
    }
  /* hand-worked: 1,0,1,1,0,0,1,0, 1 -> 0xb2 0x80 */
  const uint8_t hb[9] = {1, 0, 1, 1, 0, 0, 1, 0, 1};
  phy_bits_pack(bytes, hb, 9);
  CHECK(bytes[0] == 0xb2 && bytes[1] == 0x80);
}

static void test_write_read_reverse(void)
{
  uint8_t buf[64], *w = buf;
  phy_bits_write(&w, 0x5, 3);
  phy_bits_write(&w, 0xdeadbeef, 32);
  phy_bits_write(&w, 0x1, 0);
  CHECK(w == buf + 35);
  CHECK(buf[0] == 1 && buf[1] == 0 && buf[2] == 1);
  CHECK(buf[3] == 1 && buf[4] == 1 && buf[5] == 0 && buf[6] == 1); /* 0xd = 1101 */
  const uint8_t *r = buf;
  CHECK(phy_bits_read(&r, 3) == 5);
  CHECK(phy_bits_read(&r, 32) == 0xdeadbeef);
  CHECK(r == buf + 35);

  CHECK(phy_bits_reverse(0x1, 4) == 0x8);
  CHECK(phy_bits_reverse(0x6, 3) == 0x3);
  CHECK(phy_bits_reverse(0x1, 32) == 0x80000000u);
  CHECK(phy_bits_reverse(0xffffffffu, 0) == 0);
  CHECK(phy_bits_reverse(0xf0, 4) == 0); /* only the low n bits count */
  for (int k = 0; k < 1000; k++) {
    uint32_t v = rnd() ^ (rnd() << 16);
    unsigned n = rnd() % 33;
    uint32_t m = 0;
    for (unsigned i = 0; i < n; i++)
      m |= ((v >> i) & 1u) << (n - 1 - i);
    CHECK(phy_bits_reverse(v, n) == m);
  }
}

/* Copies with every pair of offsets 0..15 and lengths 0..100 into exactly sized heap
 * buffers (so ASan sees any over-read), against the bit-by-bit model. */
static void test_copy(void)
{
  uint8_t ref[32];
  for (size_t so = 0; so < 16; so++)
    for (size_t d_o = 0; d_o < 16; d_o++)
      for (size_t n = 0; n <= 100; n++) {
        size_t sbytes = (so + n + 7) / 8, dbytes = (d_o + n + 7) / 8 + 1;
        uint8_t *src = malloc(sbytes ? sbytes : 1), *dst = malloc(dbytes);
        for (size_t i = 0; i < sbytes; i++)
          src[i] = (uint8_t)rnd();
        for (size_t i = 0; i < dbytes; i++)
          dst[i] = ref[i] = (uint8_t)rnd();
        for (size_t i = 0; i < n; i++) {
          size_t j = d_o + i;
          uint8_t m = (uint8_t)(0x80u >> (j % 8));
          ref[j / 8] = (uint8_t)(model_get(src, so + i) ? ref[j / 8] | m : ref[j / 8] & ~m);
        }
        phy_bits_copy(dst, d_o, src, so, n);
        CHECK(memcmp(dst, ref, dbytes) == 0);
        free(src);
        free(dst);
      }
  /* hand-worked: 0xf0 bits 2..5 (1,1,0,0) into 0x00 at bit 6 -> 0x03 0x00 */
  uint8_t s1[1] = {0xf0}, d1[2] = {0, 0};
  phy_bits_copy(d1, 6, s1, 2, 4);
  CHECK(d1[0] == 0x03 && d1[1] == 0x00);
}

static void test_get_set(void)
{
  uint8_t b[2] = {0, 0};
  phy_bits_set(b, 0, 1);
  phy_bits_set(b, 9, 1);
  CHECK(b[0] == 0x80 && b[1] == 0x40);
  CHECK(phy_bits_get(b, 9) == 1 && phy_bits_get(b, 8) == 0);
  phy_bits_set(b, 0, 0);
  CHECK(b[0] == 0);
}

int main(void)
{
  printf("pack/unpack variant: %s\n", phy_bits_isa());
  test_pack_unpack();
  test_write_read_reverse();
  test_copy();
  test_get_set();
  return olive_test_done();
}
