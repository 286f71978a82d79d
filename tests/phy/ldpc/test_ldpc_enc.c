/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC encoder: every codeword satisfies H c = 0 (TS 38.212 5.3.2) for all 51 lifting
 * sizes of both base graphs and every SIMD variant. H is rebuilt here bit by bit from
 * phy_ldpc_bg_coef() with P_ij = V_ij mod Z, independently of the encoder's lifting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ldpc.h"
#include "olive/support/cpu.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(12345);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

static uint8_t get_bit(const uint8_t *p, size_t i)
{
  return (uint8_t)((p[i >> 3] >> (7 - (i & 7))) & 1);
}

/* Number of unsatisfied checks of H (rows 0..nof_rows-1) on x = [c, w]. */
static unsigned syndrome_weight(phy_ldpc_bg_t bg, unsigned z, unsigned nof_rows, const uint8_t *x)
{
  static int p[PHY_LDPC_BG1_ROWS][PHY_LDPC_BG1_COLS];
  int ils = phy_ldpc_ls_index(z);
  unsigned ncols = phy_ldpc_bg_kb(bg) + nof_rows, bad = 0, v;
  for (unsigned r = 0; r < nof_rows; r++) {
    for (unsigned j = 0; j < ncols; j++) {
      p[r][j] = phy_ldpc_bg_coef(bg, r, j, (unsigned)ils, &v) == 1 ? (int)(v % z) : -1;
    }
  }
  for (unsigned r = 0; r < nof_rows; r++) {
    for (unsigned i = 0; i < z; i++) {
      unsigned s = 0;
      for (unsigned j = 0; j < ncols; j++) {
        if (p[r][j] >= 0) {
          s ^= x[j * z + (i + (unsigned)p[r][j]) % z];
        }
      }
      bad += s;
    }
  }
  return bad;
}

static uint8_t c_bits[PHY_LDPC_MAX_K], c_packed[PHY_LDPC_MAX_K / 8 + 1];
static uint8_t d_bits[PHY_LDPC_MAX_N], d_packed[PHY_LDPC_MAX_N / 8 + 1],
    x[PHY_LDPC_MAX_K + PHY_LDPC_MAX_N];
static uint8_t d_ref[PHY_LDPC_MAX_N];

static void check_one(phy_ldpc_enc_t *enc, phy_ldpc_bg_t bg, unsigned z, unsigned nof_filler)
{
  unsigned kb = phy_ldpc_bg_kb(bg), k = kb * z, rows = phy_ldpc_bg_rows(bg);
  for (unsigned i = 0; i < k; i++) {
    c_bits[i] = i < k - nof_filler ? (uint8_t)(rnd() & 1) : 0;
  }
  memset(c_packed, 0, sizeof(c_packed));
  for (unsigned i = 0; i < k; i++) {
    c_packed[i >> 3] |= (uint8_t)(c_bits[i] << (7 - (i & 7)));
  }
  phy_ldpc_enc_cfg_t cfg = {.bg = bg, .z = z, .nof_rows = 0};
  int n = phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits);
  CHECK(n == (int)((kb - 2 + rows) * z), "bg%d z=%u n=%d", bg, z, n);
  if (n < 0) {
    return;
  }
  memcpy(x, c_bits, k);
  memcpy(x + k, d_bits + (k - 2 * z), (size_t)rows * z);
  CHECK(memcmp(d_bits, c_bits + 2 * z, k - 2 * z) == 0, "bg%d z=%u systematic", bg, z);
  unsigned bad = syndrome_weight(bg, z, rows, x);
  CHECK(bad == 0, "bg%d z=%u isa=%s: %u failed checks", bg, z, olive_isa_name(enc->isa), bad);
  /* The checker itself must see a single flipped bit (every column has an edge). */
  unsigned flip = rnd() % (k + rows * z);
  x[flip] ^= 1;
  CHECK(syndrome_weight(bg, z, rows, x) > 0, "bg%d z=%u flipped bit %u unseen", bg, z, flip);
  /* The packed API gives the same bits, with the tail of the last byte zeroed. */
  memset(d_packed, 0xa5, sizeof(d_packed));
  int n2 = phy_ldpc_encode(enc, &cfg, c_packed, d_packed);
  CHECK(n2 == n, "packed n");
  unsigned diff = 0;
  for (int i = 0; i < n; i++) {
    diff += get_bit(d_packed, (size_t)i) != d_bits[i];
  }
  for (int i = n; i % 8; i++) {
    diff += get_bit(d_packed, (size_t)i);
  }
  CHECK(diff == 0, "bg%d z=%u packed differs in %u bits", bg, z, diff);
  /* Misaligned input and output buffers give the same bytes. */
  static uint8_t c_mis[sizeof(c_packed) + 8], d_mis[sizeof(d_packed) + 8];
  memcpy(c_mis + 1, c_packed, (k + 7) / 8);
  CHECK(phy_ldpc_encode(enc, &cfg, c_mis + 1, d_mis + 3) == n &&
            memcmp(d_mis + 3, d_packed, (size_t)(n + 7) / 8) == 0,
        "bg%d z=%u misaligned buffers", bg, z);
  /* Fewer rows: a prefix of the full codeword. */
  unsigned short_rows = 4 + rnd() % (rows - 4);
  memcpy(d_ref, d_bits, (size_t)n);
  cfg.nof_rows = short_rows;
  int n3 = phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits);
  CHECK(n3 == (int)((kb - 2 + short_rows) * z) && memcmp(d_bits, d_ref, (size_t)n3) == 0,
        "bg%d z=%u rows=%u not a prefix", bg, z, short_rows);
}

static void check_args(phy_ldpc_enc_t *enc)
{
  phy_ldpc_enc_cfg_t cfg = {.bg = PHY_LDPC_BG1, .z = 17, .nof_rows = 0};
  CHECK(phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits) < 0, "z=17 accepted");
  cfg.z = 16;
  cfg.nof_rows = 3;
  CHECK(phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits) < 0, "3 rows accepted");
  cfg.nof_rows = 47;
  CHECK(phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits) < 0, "47 rows accepted");
  cfg.bg = PHY_LDPC_BG2;
  cfg.nof_rows = 43;
  CHECK(phy_ldpc_encode_bits(enc, &cfg, c_bits, d_bits) < 0, "BG2 43 rows accepted");
  cfg.bg = (phy_ldpc_bg_t)3;
  cfg.nof_rows = 0;
  CHECK(phy_ldpc_encode(enc, &cfg, c_packed, d_packed) < 0, "bg3 accepted");
}

int main(void)
{
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!olive_cpu_supports((olive_isa_t)isa)) {
      continue;
    }
    phy_ldpc_enc_t enc;
    phy_ldpc_enc_args_t args = {.isa = (olive_isa_t)isa};
    int err = phy_ldpc_enc_init(&enc, &args);
    CHECK(err == 0, "init %d", isa);
    if (err < 0) {
      continue;
    }
    for (unsigned n = 0; n < PHY_LDPC_NOF_LS; n++) {
      unsigned z = phy_ldpc_lifting_size(n);
      check_one(&enc, PHY_LDPC_BG1, z, rnd() % z);
      check_one(&enc, PHY_LDPC_BG2, z, rnd() % (2 * z));
    }
    check_args(&enc);
    phy_ldpc_enc_free(&enc);
    phy_ldpc_enc_free(&enc);
  }
  return olive_test_done();
}
