/* SPDX-License-Identifier: Apache-2.0 */
/* Published polar test vectors: NVlabs sionna v1.2.1, test/codes/polar/E*_k*_K*_{u,c}.npy
 * (first codeword of each file; pre-generated reference codewords for its 5G encoder
 * test "test_ref_implementation", uplink: CRC11, no input interleaver, coded-bit
 * interleaver, puncturing / shortening / repetition). Bits are hex, MSB first, the last
 * digit zero-padded. Encoded through phy_polar_chain_encode (UCI) and decoded back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "olive/phy/polar.h"

static const struct {
  unsigned A, E;
  const char *u, *c;
} vec[] = {
    {30, 45, "d9da7be8", "06df5b156698"},
    {32, 70, "33214938", "714fef12307da330fc"},
    {29, 127, "ff187c60", "2b6f73dcb919d2abd29c4ac27b13253a"},
    {400, 1023,
     "6e42a6e03480a6883d8effd967d6be3cce1a8e625ad3da5e9b52486650e0c248de8f8419aa7f"
     "e3cb307b680cf6099e394418",
     "aae5ea7420fbe5effa749de9a738fe33de8291e076702b43775c22a8c95991899f7818701dc9"
     "110d94207cf9e24338f225809ad57f02f04bee2390fec0ca546b9bcebabaf80f254fb8c61c77"
     "17c9d62a8245f2668993a8b0ff61b6c732b89687390689edd8351e00a403607e07fb09549a27"
     "a390198f516d57c19d2efdcfdc3a"},
    {28, 70, "d9da7be", "579f1c04b090d7d584"},
};

static void hex_bits(const char *h, uint8_t *b, unsigned n)
{
  for (unsigned i = 0; i < n; i++) {
    char ch = h[i / 4];
    unsigned v = (unsigned)(ch <= '9' ? ch - '0' : ch - 'a' + 10);
    b[i] = (uint8_t)((v >> (3 - i % 4)) & 1);
  }
}

static void test_sionna_vectors(void **state)
{
  (void)state;
  phy_polar_dec_args_t da = {.max_n = 10, .max_list = 8, .isa = OLIVE_ISA_AUTO};
  phy_polar_dec_t *q = phy_polar_dec_create(&da);
  assert_non_null(q);
  for (unsigned t = 0; t < sizeof(vec) / sizeof(vec[0]); t++) {
    static uint8_t a[PHY_POLAR_KMAX], out[PHY_POLAR_KMAX], c[PHY_POLAR_EMAX], e[PHY_POLAR_EMAX];
    static float llr[PHY_POLAR_EMAX];
    hex_bits(vec[t].u, a, vec[t].A);
    hex_bits(vec[t].c, c, vec[t].E);
    phy_polar_chain_cfg_t cfg = {.chain = PHY_POLAR_UCI, .A = vec[t].A, .E = vec[t].E, .list = 8};
    assert_int_equal(phy_polar_chain_encode(&cfg, a, e), 0);
    assert_memory_equal(e, c, vec[t].E);
    for (unsigned k = 0; k < vec[t].E; k++) {
      llr[k] = c[k] ? -1.0f : 1.0f;
    }
    assert_int_equal(phy_polar_chain_decode(q, &cfg, llr, out), 0);
    assert_memory_equal(out, a, vec[t].A);
  }
  phy_polar_dec_destroy(q);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sionna_vectors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
