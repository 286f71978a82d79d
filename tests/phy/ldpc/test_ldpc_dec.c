/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC decoder:
 *  - noiseless: every lifting size of both graphs, with filler bits and shortened
 *    codewords, decodes to the encoded bits in one iteration with the syndrome satisfied;
 *  - every SIMD variant is bit-exact with the generic reference on noisy inputs (outputs
 *    and iteration counts), for small and large Z and misaligned buffers, with normalized
 *    (llr_scale 0) and offset (llr_scale 8, 16, 127) min-sum;
 *  - early stop on the code-block CRC, which never accepts the all-zero word that erased
 *    systematic bits decide to;
 *  - argument checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ldpc.h"
#include "olive/support/cpu.h"
#include "olive/support/error.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x1234567887654321ull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

static double gauss(void)
{
  return olive_test_gauss(&rng);
}

static phy_ldpc_enc_t enc;
static phy_ldpc_dec_t dec[OLIVE_ISA_COUNT];
static int have[OLIVE_ISA_COUNT];
static uint8_t c_bits[PHY_LDPC_MAX_K], c_packed[PHY_LDPC_MAX_K / 8 + 1];
static uint8_t d[PHY_LDPC_MAX_N];
static int8_t llr_buf[PHY_LDPC_MAX_N + 64];
static uint8_t out[OLIVE_ISA_COUNT][PHY_LDPC_MAX_K / 8 + 64];

/* Random c with nof_filler trailing zeros; d = its codeword; returns N. */
static int make_codeword(phy_ldpc_bg_t bg, unsigned z, unsigned nof_filler)
{
  unsigned k = phy_ldpc_bg_kb(bg) * z;
  memset(c_packed, 0, sizeof(c_packed));
  for (unsigned i = 0; i < k; i++) {
    c_bits[i] = i < k - nof_filler ? (uint8_t)(rnd() & 1) : 0;
    c_packed[i >> 3] |= (uint8_t)(c_bits[i] << (7 - (i & 7)));
  }
  phy_ldpc_enc_cfg_t cfg = {.bg = bg, .z = z, .nof_rows = 0};
  return phy_ldpc_encode_bits(&enc, &cfg, c_bits, d);
}

/* Output equals c_0..c_{kp-1} packed, with the tail bits of the last byte zero. */
static int same_bits(const uint8_t *o, unsigned kp)
{
  for (unsigned i = 0; i < kp; i++) {
    if (((o[i >> 3] >> (7 - (i & 7))) & 1) != c_bits[i]) {
      return 0;
    }
  }
  for (unsigned i = kp; i % 8; i++) {
    if ((o[i >> 3] >> (7 - (i & 7))) & 1) {
      return 0;
    }
  }
  return 1;
}

static void test_noiseless(phy_ldpc_bg_t bg, unsigned z)
{
  unsigned k = phy_ldpc_bg_kb(bg) * z, f = rnd() % ((k - 2 * z) / 2), rows = phy_ldpc_bg_rows(bg);
  int n = make_codeword(bg, z, f);
  CHECK(n > 0, "encode bg%d z=%u", bg, z);
  /* n_llr: either the full codeword or a random shorter length (rate matching). */
  unsigned n_llr = rnd() & 1 ? (unsigned)n : k - 2 * z + 4 * z + rnd() % ((rows - 4) * z);
  for (unsigned i = 0; i < (unsigned)n; i++) {
    llr_buf[i] = d[i] ? -20 : 20;
  }
  for (unsigned i = k - 2 * z - f; i < k - 2 * z; i++) {
    llr_buf[i] = -100; /* filler LLRs are ignored: the decoder knows they are 0 */
  }
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!have[isa]) {
      continue;
    }
    phy_ldpc_dec_cfg_t cfg = {
        .bg = bg, .z = z, .nof_filler = f, .max_iters = 10, .stop = PHY_LDPC_STOP_SYNDROME};
    phy_ldpc_dec_result_t res = {0};
    memset(out[isa], 0xff, sizeof(out[isa]));
    int err = phy_ldpc_decode(&dec[isa], &cfg, llr_buf, n_llr, out[isa], &res);
    CHECK(err == 0 && res.ok && res.iters <= 2 && same_bits(out[isa], k - f),
          "noiseless bg%d z=%u f=%u n_llr=%u isa=%s err=%d ok=%d iters=%u", bg, z, f, n_llr,
          olive_isa_name((olive_isa_t)isa), err, res.ok, res.iters);
  }
}

/* Noisy LLRs (BPSK, Es/N0 = snr_db, `steps` int8 steps per natural LLR unit, about +-16
 * per unit amplitude at 2 steps), decoded by every variant with cfg.llr_scale = llr_scale
 * (0, or `steps`: offset min-sum); outputs and iteration counts must match the generic
 * decoder exactly. */
static void test_bitexact_scaled(phy_ldpc_bg_t bg, unsigned z, double snr_db, phy_ldpc_stop_t stop,
                                 unsigned misalign, double steps, int8_t llr_scale)
{
  unsigned k = phy_ldpc_bg_kb(bg) * z, f = z > 8 ? rnd() % z : 0;
  int n = make_codeword(bg, z, f);
  CHECK(n > 0, "encode bg%d z=%u", bg, z);
  if (n <= 0) {
    return;
  }
  /* Mostly the full or a slightly shortened codeword; sometimes fewer LLRs than the
   * systematic part (heavy puncturing: decoding fails, but identically everywhere). */
  unsigned n_llr = rnd() % 4 ? (unsigned)n - (rnd() % 3) * z : 1 + rnd() % (k - 2 * z);
  double sigma = sqrt(0.5 / pow(10.0, snr_db / 10.0));
  int8_t *llr = llr_buf + misalign;
  for (unsigned i = 0; i < n_llr; i++) {
    double y = (d[i] ? -1.0 : 1.0) + sigma * gauss();
    double v = round(y * 2.0 / (sigma * sigma) * steps);
    llr[i] = (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
  }
  phy_ldpc_dec_result_t ref = {0};
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!have[isa]) {
      continue;
    }
    phy_ldpc_dec_cfg_t cfg = {
        .bg = bg, .z = z, .nof_filler = f, .max_iters = 8, .stop = stop, .llr_scale = llr_scale};
    phy_ldpc_dec_result_t res = {0};
    memset(out[isa], 0, sizeof(out[isa]));
    int err = phy_ldpc_decode(&dec[isa], &cfg, llr, n_llr, out[isa] + misalign, &res);
    CHECK(err == 0, "decode err %d", err);
    if (isa == OLIVE_ISA_GENERIC) {
      ref = res;
      continue;
    }
    CHECK(res.iters == ref.iters && res.ok == ref.ok &&
              memcmp(out[isa], out[OLIVE_ISA_GENERIC], (k - f + 7) / 8 + misalign) == 0,
          "bg%d z=%u snr=%.1f scale=%d isa=%s differs from generic (iters %u/%u ok %d/%d)", bg, z,
          snr_db, llr_scale, olive_isa_name((olive_isa_t)isa), res.iters, ref.iters, res.ok,
          ref.ok);
  }
}

static void test_bitexact(phy_ldpc_bg_t bg, unsigned z, double snr_db, phy_ldpc_stop_t stop,
                          unsigned misalign)
{
  test_bitexact_scaled(bg, z, snr_db, stop, misalign, 2.0, 0);
}

/* CB-CRC early stop (TS 38.212 5.2.2: CRC24B on each code block): a noiseless block stops
 * after the first iteration with ok; random LLRs never give ok. */
static void test_crc_stop(phy_ldpc_bg_t bg, unsigned z)
{
  unsigned k = phy_ldpc_bg_kb(bg) * z, f = z, kp = k - f;
  for (unsigned i = 0; i < kp - 24; i++) {
    c_bits[i] = (uint8_t)(rnd() & 1);
  }
  phy_crc_attach_bits(PHY_CRC24B, c_bits, kp - 24);
  memset(c_bits + kp, 0, f);
  phy_ldpc_enc_cfg_t ec = {.bg = bg, .z = z, .nof_rows = 0};
  int n = phy_ldpc_encode_bits(&enc, &ec, c_bits, d);
  for (int i = 0; i < n; i++) {
    llr_buf[i] = d[i] ? -20 : 20;
  }
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (!have[isa]) {
      continue;
    }
    phy_ldpc_dec_cfg_t cfg = {.bg = bg,
                              .z = z,
                              .nof_filler = f,
                              .max_iters = 10,
                              .stop = PHY_LDPC_STOP_CRC,
                              .crc = PHY_CRC24B};
    phy_ldpc_dec_result_t res = {0};
    int err = phy_ldpc_decode(&dec[isa], &cfg, llr_buf, (unsigned)n, out[isa], &res);
    CHECK(err == 0 && res.ok && res.iters == 1 && same_bits(out[isa], kp), "crc stop bg%d z=%u", bg,
          z);
  }
  for (int i = 0; i < n; i++) {
    llr_buf[i] = (int8_t)(rnd() & 1 ? -20 : 20);
  }
  phy_ldpc_dec_cfg_t cfg = {.bg = bg,
                            .z = z,
                            .nof_filler = f,
                            .max_iters = 5,
                            .stop = PHY_LDPC_STOP_CRC,
                            .crc = PHY_CRC24B};
  phy_ldpc_dec_result_t res = {0};
  CHECK(phy_ldpc_decode(&dec[OLIVE_ISA_GENERIC], &cfg, llr_buf, (unsigned)n, out[OLIVE_ISA_GENERIC],
                        &res) == 0 &&
            !res.ok && res.iters == 5,
        "crc on noise bg%d z=%u ok=%d iters=%u", bg, z, res.ok, res.iters);
}

/* A retransmission decoded on its own: the systematic bits are erased and only a window
 * of parity is present (as rv 2 of a high-rate code block). The hard decisions of the
 * erased bits start at all zero, and the all-zero word passes the CRC (zero initial
 * state, TS 38.212 5.1): the CRC stop must not accept it without the parity checks. */
static void test_crc_stop_erased(phy_ldpc_bg_t bg, unsigned z)
{
  unsigned k = phy_ldpc_bg_kb(bg) * z;
  int false_ok = 0, runs = 20;
  for (int t = 0; t < runs; t++) {
    for (unsigned i = 0; i < k - 16; i++) {
      c_bits[i] = (uint8_t)(rnd() & 1);
    }
    phy_crc_attach_bits(PHY_CRC16, c_bits, k - 16);
    phy_ldpc_enc_cfg_t ec = {.bg = bg, .z = z, .nof_rows = 0};
    int n = phy_ldpc_encode_bits(&enc, &ec, c_bits, d);
    int start = n * (3 + t % 5) / 10, len = n * 3 / 10;
    for (int i = 0; i < n; i++) {
      llr_buf[i] = (int8_t)(i >= start && i < start + len ? (d[i] ? -20 : 20) : 0);
    }
    phy_ldpc_dec_cfg_t cfg = {.bg = bg,
                              .z = z,
                              .nof_filler = 0,
                              .max_iters = 25,
                              .stop = PHY_LDPC_STOP_CRC,
                              .crc = PHY_CRC16};
    phy_ldpc_dec_result_t res = {0};
    phy_ldpc_decode(&dec[OLIVE_ISA_GENERIC], &cfg, llr_buf, (unsigned)n, out[OLIVE_ISA_GENERIC],
                    &res);
    false_ok += res.ok && !same_bits(out[OLIVE_ISA_GENERIC], k);
  }
  CHECK(false_ok == 0, "bg%d z=%u: %d of %d erased-systematic decodes claimed ok with wrong bits",
        bg, z, false_ok, runs);
}

static void test_args(void)
{
  phy_ldpc_dec_cfg_t cfg = {.bg = PHY_LDPC_BG1, .z = 384, .max_iters = 6};
  phy_ldpc_dec_t *q = &dec[OLIVE_ISA_GENERIC];
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 0, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "n_llr 0");
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 66 * 384 + 1, out[OLIVE_ISA_GENERIC], NULL) ==
            OLIVE_EINVAL,
        "n_llr");
  cfg.z = 17;
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 100, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "z 17");
  cfg.z = 384;
  cfg.max_iters = 0;
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 100, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "0 iters");
  cfg.max_iters = 6;
  cfg.nof_filler = 20 * 384 + 1;
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 100, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "filler");
  cfg.nof_filler = 0;
  cfg.stop = PHY_LDPC_STOP_CRC;
  cfg.crc = PHY_CRC_COUNT;
  CHECK(phy_ldpc_decode(q, &cfg, llr_buf, 100, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "crc type");
  CHECK(phy_ldpc_decode(NULL, &cfg, llr_buf, 100, out[OLIVE_ISA_GENERIC], NULL) == OLIVE_EINVAL,
        "NULL q");
  phy_ldpc_dec_free(NULL);
}

int main(void)
{
  phy_ldpc_enc_args_t ea = {.isa = OLIVE_ISA_GENERIC};
  if (phy_ldpc_enc_init(&enc, &ea) < 0) {
    return 1;
  }
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    phy_ldpc_dec_args_t a = {.isa = (olive_isa_t)isa};
    if (olive_cpu_supports((olive_isa_t)isa)) {
      have[isa] = phy_ldpc_dec_init(&dec[isa], &a) == 0;
      CHECK(have[isa], "no %s decoder on a CPU that has it", olive_isa_name((olive_isa_t)isa));
    }
  }
  CHECK(have[OLIVE_ISA_GENERIC], "generic decoder");
  for (unsigned i = 0; i < PHY_LDPC_NOF_LS; i++) {
    test_noiseless(PHY_LDPC_BG1, phy_ldpc_lifting_size(i));
    test_noiseless(PHY_LDPC_BG2, phy_ldpc_lifting_size(i));
  }
  static const unsigned zs[] = {2, 3, 7, 8, 15, 36, 64, 72, 104, 208, 352, 384};
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(zs); i++) {
    for (unsigned m = 0; m < 2; m++) {
      test_bitexact(PHY_LDPC_BG1, zs[i], 1.0 + m, PHY_LDPC_STOP_NONE, m);
      test_bitexact(PHY_LDPC_BG2, zs[i], 0.0 + m, PHY_LDPC_STOP_SYNDROME, m);
      test_bitexact(PHY_LDPC_BG1, zs[i], 3.0, PHY_LDPC_STOP_SYNDROME, m);
      /* offset min-sum (ldpc_dec.c pick_norm): offsets 8/3, 4/2 and 64/24 steps */
      test_bitexact_scaled(PHY_LDPC_BG1, zs[i], -3.0 + m, PHY_LDPC_STOP_NONE, m, 16.0, 16);
      test_bitexact_scaled(PHY_LDPC_BG2, zs[i], -4.0 + m, PHY_LDPC_STOP_SYNDROME, m, 8.0, 8);
      test_bitexact_scaled(PHY_LDPC_BG1, zs[i], -2.0, PHY_LDPC_STOP_SYNDROME, m, 127.0, 127);
    }
  }
  test_crc_stop(PHY_LDPC_BG1, 384);
  test_crc_stop(PHY_LDPC_BG2, 64);
  test_crc_stop(PHY_LDPC_BG1, 15);
  test_crc_stop_erased(PHY_LDPC_BG2, 104);
  test_crc_stop_erased(PHY_LDPC_BG1, 64);
  test_args();
  phy_ldpc_enc_free(&enc);
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    phy_ldpc_dec_free(&dec[isa]);
  }
  return olive_test_done();
}
