/* SPDX-License-Identifier: Apache-2.0 */
/* phy/scrambling: every ISA variant the CPU has against a reference written here from
 * the definition (b~ = b + c mod 2; LLR sign flipped where c = 1) using c(n) from
 * phy_seq_gold_bits (itself pinned in tests/phy/seq), with lengths 0..100, 1, 7, 8, 33,
 * 3300 and across the 32768-element sequence chunks, misaligned pointers and in-place
 * calls. Also pinned to the ltePRBS(162,4) =
 * [1 0 1 1] documentation value (MathWorks LTE Toolbox). Exit status 0 = pass. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/scrambling.h"
#include "olive/phy/seq.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0xda3e39cb94b95bdbull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

enum { MAXLEN = 70037, PAD = 8 }; /* > 2 sequence chunks of 32768 */

static void check_len(const phy_scrambling_t *q, size_t len, size_t mis)
{
  static uint8_t c[MAXLEN], bits[MAXLEN + PAD], bout[MAXLEN + PAD];
  static uint8_t pk[MAXLEN / 8 + PAD], pout[MAXLEN / 8 + PAD];
  static float f[MAXLEN + PAD], fout[MAXLEN + PAD];
  static int8_t s[MAXLEN + PAD], sout[MAXLEN + PAD];
  uint32_t c_init = rnd() >> 1, n = rnd() % 5000;
  phy_seq_gold_bits(c, c_init, n, len);

  for (size_t i = 0; i < len; i++) {
    bits[mis + i] = (uint8_t)(rnd() & 1);
    f[mis + i] = (float)((int)(rnd() % 2001) - 1000) / 7.0f;
    s[mis + i] = (int8_t)(rnd() & 0xff);
  }
  s[mis] = -128; /* the saturating case is always present */

  /* bits, out of place then in place */
  memset(bout, 0x55, sizeof bout);
  phy_scrambling_bits(q, bout + mis, bits + mis, len, c_init, n);
  int ok = 1;
  for (size_t i = 0; i < len; i++)
    ok &= bout[mis + i] == (bits[mis + i] ^ c[i]);
  ok &= bout[mis + len] == 0x55;
  CHECK(ok);
  phy_scrambling_bits(q, bout + mis, bout + mis, len, c_init, n); /* descramble in place */
  CHECK(memcmp(bout + mis, bits + mis, len) == 0);

  /* packed: the same bits; unused trailing bits and bytes past ceil(len/8) untouched */
  for (size_t i = 0; i < sizeof pk; i++)
    pk[i] = (uint8_t)rnd();
  memset(pout, 0xa5, sizeof pout);
  phy_scrambling_packed(q, pout + mis, pk + mis, len, c_init, n);
  ok = 1;
  for (size_t i = 0; i < len; i++)
    ok &= ((pout[mis + i / 8] ^ pk[mis + i / 8]) >> (7 - i % 8) & 1) == c[i];
  for (size_t i = len; i < 8 * ((len + 7) / 8); i++)
    ok &= ((pout[mis + i / 8] ^ pk[mis + i / 8]) >> (7 - i % 8) & 1) == 0;
  ok &= pout[mis + (len + 7) / 8] == 0xa5;
  CHECK(ok);

  /* float LLRs */
  fout[mis + len] = 12345.0f;
  phy_scrambling_llr_f32(q, fout + mis, f + mis, len, c_init, n);
  ok = 1;
  for (size_t i = 0; i < len; i++)
    ok &= fout[mis + i] == (c[i] ? -f[mis + i] : f[mis + i]);
  ok &= fout[mis + len] == 12345.0f;
  CHECK(ok);
  phy_scrambling_llr_f32(q, fout + mis, fout + mis, len, c_init, n);
  CHECK(memcmp(fout + mis, f + mis, len * sizeof(float)) == 0);

  /* int8 LLRs with saturation */
  sout[mis + len] = 77;
  phy_scrambling_llr_i8(q, sout + mis, s + mis, len, c_init, n);
  ok = 1;
  for (size_t i = 0; i < len; i++) {
    int v = s[mis + i];
    int want = c[i] ? (v == -128 ? 127 : -v) : v;
    ok &= sout[mis + i] == want;
  }
  ok &= sout[mis + len] == 77;
  CHECK(ok);
}

/* TS 38.211 6.3.1.1 placeholders, worked by hand on c(0..3) = 1 0 1 1 (c_init 162,
 * ltePRBS documentation): in = 0 x y 1 -> 0+1, 1, 1 (repeat), 1+1 = 1 1 1 0; then long
 * random input against the rule applied element by element. */
static void test_placeholders(const phy_scrambling_t *q)
{
  const uint8_t in[4] = {0, PHY_SCRAMBLING_PH_X, PHY_SCRAMBLING_PH_Y, 1};
  uint8_t out[4];
  phy_scrambling_bits_ph(q, out, in, 4, 162, 0);
  CHECK(out[0] == 1 && out[1] == 1 && out[2] == 1 && out[3] == 0);
  const uint8_t in2[3] = {1, PHY_SCRAMBLING_PH_Y, PHY_SCRAMBLING_PH_Y};
  phy_scrambling_bits_ph(q, out, in2, 3, 162, 0);
  CHECK(out[0] == 0 && out[1] == 0 && out[2] == 0);

  enum { N = 40000 };
  static uint8_t b[N], o[N], c[N];
  for (size_t i = 0; i < N; i++) {
    uint32_t r = rnd() % 8;
    b[i] = (uint8_t)(r < 6 ? r & 1 : (r == 6 ? PHY_SCRAMBLING_PH_X : PHY_SCRAMBLING_PH_Y));
  }
  b[0] = 0;
  phy_seq_gold_bits(c, 0x1357, 11, N);
  phy_scrambling_bits_ph(q, o, b, N, 0x1357, 11);
  int ok = 1;
  for (size_t i = 0; i < N; i++) {
    uint8_t want = b[i] == PHY_SCRAMBLING_PH_X   ? 1
                   : b[i] == PHY_SCRAMBLING_PH_Y ? o[i - 1]
                                                 : (uint8_t)(b[i] ^ c[i]);
    ok &= o[i] == want;
  }
  CHECK(ok);
  phy_scrambling_bits_ph(q, b, b, N, 0x1357, 11); /* in place gives the same */
  CHECK(memcmp(b, o, N) == 0);
}

static void test_variant(olive_isa_t isa)
{
  phy_scrambling_t q;
  phy_scrambling_args_t a = {.isa = isa};
  CHECK(phy_scrambling_init(&q, &a) == 0);
  CHECK(q.isa == isa);
  static const size_t lens[] = {1, 7, 8, 33, 3300, 3299, 64, 65, 127, 32768, 32769, MAXLEN};
  for (size_t mis = 0; mis < 4; mis++) {
    for (size_t len = 0; len <= 100; len++)
      check_len(&q, len, mis);
    for (size_t k = 0; k < OLIVE_ARRAY_SIZE(lens); k++)
      check_len(&q, lens[k], mis);
  }

  /* ltePRBS(162,4) = 1 0 1 1: scrambling zeros yields c(n) itself */
  uint8_t z[4] = {0, 0, 0, 0};
  phy_scrambling_bits(&q, z, z, 4, 162, 0);
  CHECK(z[0] == 1 && z[1] == 0 && z[2] == 1 && z[3] == 1);
  float fz[4] = {1.0f, 1.0f, -0.0f, NAN};
  phy_scrambling_llr_f32(&q, fz, fz, 4, 162, 0);
  CHECK(fz[0] == -1.0f && fz[1] == 1.0f && fz[2] == 0.0f && !signbit(fz[2]));
  CHECK(isnan(fz[3]) && signbit(fz[3])); /* exact sign flip, NaN kept */
  test_placeholders(&q);
  phy_scrambling_free(&q);
  phy_scrambling_free(&q);
}

int main(void)
{
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!olive_cpu_supports((olive_isa_t)isa)) {
      printf("skip %s (not supported here)\n", olive_isa_name((olive_isa_t)isa));
      continue;
    }
    printf("testing %s\n", olive_isa_name((olive_isa_t)isa));
    test_variant((olive_isa_t)isa);
  }
  phy_scrambling_t q;
  phy_scrambling_args_t bad = {.isa = (olive_isa_t)7};
  CHECK(phy_scrambling_init(&q, &bad) == OLIVE_EINVAL);
  CHECK(phy_scrambling_init(&q, NULL) == 0 && q.isa == olive_cpu_isa());
  phy_scrambling_free(NULL);
  return olive_test_done();
}
