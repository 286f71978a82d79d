/* SPDX-License-Identifier: Apache-2.0 */
/* UPER primitives against encodings worked by hand from X.691 (08/2015), UNALIGNED:
 * each case lists the bits the clause gives and the writer must produce exactly those
 * bits (count and value); the reader must give the value back and stop at the same bit.
 * Then the reader's refusals: short input, values outside the constraint, fragmented
 * lengths, sticky errors. */
#include <string.h>

#include "olive/rrc/uper.h"
#include "olive/support/error.h"
#include "olive_test.h"

/* Writes with fn, compares with the expected bit string ("0101 1..", spaces ignored). */
static void expect_bits(const rrc_uper_writer_t *w, const char *bits, const char *what)
{
  size_t n = 0;
  int ok = 1;
  for (const char *p = bits; *p; p++) {
    if (*p == ' ')
      continue;
    int b = w->buf[n / 8] >> (7 - n % 8) & 1;
    ok &= b == (*p - '0');
    n++;
  }
  CHECK(w->err == 0, "%s: writer error %d", what, w->err);
  CHECK(w->nbits == n, "%s: %zu bits written, expected %zu", what, w->nbits, n);
  CHECK(ok, "%s: bits differ from %s", what, bits);
}

static void test_int(void)
{
  uint8_t buf[16];
  rrc_uper_writer_t w;
  rrc_uper_reader_t r;
  int64_t v;
  /* 11.5 UNALIGNED: INTEGER (0..7) value 5 -> 3 bits 101 */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_int(&w, 5, 0, 7);
  expect_bits(&w, "101", "INTEGER (0..7) 5");
  /* ss-PBCH-BlockPower INTEGER (-60..50) = -16: range 111 values -> 7 bits of 44 */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_int(&w, -16, -60, 50);
  expect_bits(&w, "0101100", "INTEGER (-60..50) -16");
  rrc_uper_reader_init(&r, buf, 7);
  CHECK(rrc_uper_get_int(&r, -60, 50, &v) == 0 && v == -16 && r.pos == 7, "read -16: %lld",
        (long long)v);
  /* single-value range: no bits at all */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_int(&w, 3, 3, 3);
  expect_bits(&w, "", "INTEGER (3..3)");
  /* ARFCN-ValueNR (0..3279165) needs 22 bits: 3279165 = 0x32093D */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_int(&w, 3279165, 0, 3279165);
  expect_bits(&w, "11 0010 0000 1001 0011 1101", "ARFCN max");
  /* out of range is refused and sticks */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  CHECK(rrc_uper_put_int(&w, 8, 0, 7) == OLIVE_EINVAL, "8 in 0..7 accepted");
  CHECK(rrc_uper_put_bits(&w, 1, 1) == OLIVE_EINVAL && w.nbits == 0, "error not sticky");
  /* reader: 3-bit field holding 5..7 for INTEGER (0..4) is outside the constraint */
  buf[0] = 0xE0;
  rrc_uper_reader_init(&r, buf, 8);
  CHECK(rrc_uper_get_int(&r, 0, 4, &v) == OLIVE_EPROTO && v == 0, "7 in 0..4 accepted");
  /* reader: too few bits */
  rrc_uper_reader_init(&r, buf, 2);
  CHECK(rrc_uper_get_int(&r, 0, 7, &v) == OLIVE_EPROTO, "read past the end");
  CHECK(rrc_uper_get_bool(&r, &(bool){0}) == OLIVE_EPROTO, "error not sticky on read");
}

static void test_enum_nsnn(void)
{
  uint8_t buf[16];
  rrc_uper_writer_t w;
  rrc_uper_reader_t r;
  uint32_t u;
  /* 14: extensible ENUMERATED, root value 2 of 16: ext bit 0 + 4-bit index */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_enum(&w, 2, 16, true);
  expect_bits(&w, "0 0010", "enum ext root");
  /* extension value 1 (v = 17): ext bit 1 + normally small 1 = 0 000001 */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_enum(&w, 17, 16, true);
  expect_bits(&w, "1 0 000001", "enum ext addition");
  rrc_uper_reader_init(&r, buf, 8);
  CHECK(rrc_uper_get_enum(&r, 16, true, &u) == 0 && u == 17, "enum ext read %u", u);
  /* non-extensible ENUMERATED of 3: 2 bits, 3 is outside */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  CHECK(rrc_uper_put_enum(&w, 3, 3, false) == OLIVE_EINVAL, "enum 3 of 3 accepted");
  buf[0] = 0xC0;
  rrc_uper_reader_init(&r, buf, 8);
  CHECK(rrc_uper_get_enum(&r, 3, false, &u) == OLIVE_EPROTO, "enum index 3 of 3 read");
  /* 11.6: 64 is not small: 1 + length 1 (one octet, 0000 0001) + 0100 0000 */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_nsnn(&w, 64);
  expect_bits(&w, "1 00000001 01000000", "nsnn 64");
  rrc_uper_reader_init(&r, buf, 17);
  CHECK(rrc_uper_get_nsnn(&r, &u) == 0 && u == 64 && r.pos == 17, "nsnn 64 read %u", u);
}

static void test_len_strings(void)
{
  uint8_t buf[32], out[8];
  rrc_uper_writer_t w;
  rrc_uper_reader_t r;
  size_t n;
  /* 11.9 unconstrained: 5 -> 0000 0101; 200 -> 10 00000011001000 */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_len(&w, 5, 0, SIZE_MAX);
  rrc_uper_put_len(&w, 200, 0, SIZE_MAX);
  expect_bits(&w, "00000101 10000000 11001000", "lengths 5, 200");
  rrc_uper_reader_init(&r, buf, w.nbits);
  CHECK(rrc_uper_get_len(&r, 0, SIZE_MAX, &n) == 0 && n == 5, "len 5 read %zu", n);
  CHECK(rrc_uper_get_len(&r, 0, SIZE_MAX, &n) == 0 && n == 200, "len 200 read %zu", n);
  rrc_uper_writer_init(&w, buf, sizeof buf);
  CHECK(rrc_uper_put_len(&w, 20000, 0, SIZE_MAX) == OLIVE_ENOTSUP, "fragmented length written");
  buf[0] = 0xC1; /* 11xxxxxx: a fragment */
  rrc_uper_reader_init(&r, buf, 8);
  CHECK(rrc_uper_get_len(&r, 0, SIZE_MAX, &n) == OLIVE_ENOTSUP, "fragment accepted");
  /* BIT STRING (SIZE (1..8)) "101": length 3 as 0..7 offset from 1 (3 bits: 010), bits */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_bitstring(&w, (const uint8_t[]){0xA0}, 3, 1, 8);
  expect_bits(&w, "010 101", "BIT STRING (SIZE (1..8))");
  rrc_uper_reader_init(&r, buf, 6);
  CHECK(rrc_uper_get_bitstring(&r, out, 1, 1, 8, &n) == 0 && n == 3 && out[0] == 0xA0,
        "bit string read");
  /* fixed SIZE (12): no length */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_bitstring(&w, (const uint8_t[]){0xAB, 0xC0}, 12, 12, 12);
  expect_bits(&w, "1010 1011 1100", "BIT STRING (SIZE (12))");
  /* OCTET STRING unconstrained: length octet + octets */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_octets(&w, (const uint8_t[]){0xAB, 0xCD}, 2, 0, SIZE_MAX);
  expect_bits(&w, "00000010 10101011 11001101", "OCTET STRING");
  rrc_uper_reader_init(&r, buf, 24);
  CHECK(rrc_uper_get_octets(&r, out, sizeof out, 0, SIZE_MAX, &n) == 0 && n == 2 && out[1] == 0xCD,
        "octets read");
  /* the length says 2 octets but only one follows */
  rrc_uper_reader_init(&r, buf, 16);
  CHECK(rrc_uper_get_octets(&r, out, sizeof out, 0, SIZE_MAX, &n) == OLIVE_EPROTO, "short octets");
}

static void test_open_ext(void)
{
  uint8_t buf[32];
  rrc_uper_writer_t w;
  rrc_uper_reader_t r;
  /* 11.2 open type: inner "101" padded to one octet behind length 1; empty -> one 0 octet */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_open(&w, (const uint8_t[]){0xA0}, 3);
  rrc_uper_put_open(&w, NULL, 0);
  expect_bits(&w, "00000001 10100000 00000001 00000000", "open types");
  /* extension additions of a SEQUENCE (19): bitmap length 2 (nsnn 1), bits 10, the first
   * addition as an open type; then a 1-bit root-less trailer the reader must land on */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_nsnn(&w, 1);
  rrc_uper_put_bits(&w, 2, 2);
  rrc_uper_put_open(&w, (const uint8_t[]){0xFF, 0xFF}, 16);
  rrc_uper_put_bits(&w, 1, 1);
  rrc_uper_reader_init(&r, buf, w.nbits);
  CHECK(rrc_uper_skip_extensions(&r) == 0 && r.pos == w.nbits - 1, "skip extensions: pos %zu",
        r.pos);
  /* an addition whose length runs past the end */
  rrc_uper_reader_init(&r, buf, w.nbits - 9);
  CHECK(rrc_uper_skip_extensions(&r) == OLIVE_EPROTO, "truncated addition skipped");
  /* writer capacity */
  rrc_uper_writer_init(&w, buf, 1);
  CHECK(rrc_uper_put_bits(&w, 0, 9) == OLIVE_ERANGE, "9 bits fit one byte");
  rrc_uper_writer_init(&w, buf, 1);
  CHECK(rrc_uper_writer_bytes(&w) == 1, "an empty complete encoding is one octet (11.1)");
}

static void test_choice(void)
{
  uint8_t buf[16];
  rrc_uper_writer_t w;
  rrc_uper_reader_t r;
  uint32_t idx;
  /* 23: CHOICE of 3 root alternatives with "...": ext bit 0 + index 2 in 2 bits */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_choice(&w, 2, 3, true);
  expect_bits(&w, "0 10", "CHOICE root 2 of 3");
  /* a single alternative without "...": no index bits at all */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_choice(&w, 0, 1, false);
  expect_bits(&w, "", "CHOICE of 1");
  /* extension alternative 1 (idx 4): 1 + normally small 1, then its open type, then a bit */
  rrc_uper_writer_init(&w, buf, sizeof buf);
  rrc_uper_put_choice(&w, 4, 3, true);
  rrc_uper_put_open(&w, (const uint8_t[]){0xC0}, 2);
  rrc_uper_put_bits(&w, 1, 1);
  expect_bits(&w, "1 0000001 00000001 11000000 1", "CHOICE extension");
  rrc_uper_reader_init(&r, buf, w.nbits);
  CHECK(rrc_uper_get_choice(&r, 3, true, &idx) == 0 && idx == 4, "choice read %u", idx);
  CHECK(rrc_uper_skip_open(&r) == 0 && r.pos == w.nbits - 1, "open type skipped: pos %zu", r.pos);
  /* index 3 of 3 without "..." does not exist */
  buf[0] = 0xC0;
  rrc_uper_reader_init(&r, buf, 8);
  CHECK(rrc_uper_get_choice(&r, 3, false, &idx) == OLIVE_EPROTO, "choice 3 of 3 read");
}

int main(void)
{
  test_choice();
  test_int();
  test_enum_nsnn();
  test_len_strings();
  test_open_ext();
  return olive_test_done();
}
