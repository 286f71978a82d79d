/* SPDX-License-Identifier: Apache-2.0 */
/* LDPC known-answer vectors from a public source: srsRAN 4G
 * lib/src/phy/fec/ldpc/test/examplesBG1.dat and examplesBG2.dat (commit 2c4aa1e3798e),
 * the reference messages and codewords of its ldpc_enc_test. Each file holds, per lifting
 * size, 10 messages c_0..c_{K-1} ('-' = filler bit, always the last F bits) and their
 * codewords d_0..d_{N-1}, N = 66 Z / 50 Z ('-' where the filler bits sit).
 * Transcribed here: message 0 for a few small Z, as hex of the bits with filler as 0
 * (MSB first, zero-padded). A one-off run of our encoder over all 1020 codewords of both
 * files (51 Z x 10 messages x 2 graphs) matched; only these are kept in the tree.
 * Each codeword is also decoded noiselessly with every decoder variant. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/ldpc.h"
#include "olive/support/cpu.h"
#include "olive_test.h"

typedef struct kat {
  phy_ldpc_bg_t bg;
  unsigned z, nof_filler;
  const char *msg, *cwd;
} kat_t;

static const kat_t kats[] = {
    {PHY_LDPC_BG1, 2, 21, "d41036000000", "4103600000bfbe1c8fb4cee6eb2fead140"},
    {PHY_LDPC_BG1, 3, 21, "55fa86afe198000000",
     "7ea1abf866000005385dcd6aa630b344f94820a7a78afe86a8"},
    {PHY_LDPC_BG1, 15, 21,
     "e96b0f5a49d7e2839d0c21cc46e928a23544e98666a09baac24a3b6c3629d3516910cbd9bbef08000000",
     "9275f8a0e743087311ba4a288d513a6199a826eab0928edb0d8a74d45a4432f66efbc20000026b4c3060fa93"
     "0b99e7ce7554b58cfdada9453c73030e6c22bb9a06e61d92a764f865d35c07796dc10ff353633f0bd805472"
     "8b00a4456caf0d8e14a2f340429764e5db3b73deb0f8c564bf8ab9593b7c749fd493bd1ec"},
    {PHY_LDPC_BG2, 2, 9, "3fc000", "fc00c0f3cc3ff0030c3f03fc30"},
    {PHY_LDPC_BG2, 5, 9, "1b27376b778000",
     "9cddadde006e424e0f795b64df60b4bd656182a6ae78c890c8e96540bcd04780"},
    {PHY_LDPC_BG2, 7, 9, "2f1d6c92bf387e3800",
     "5b24afce1f8e000be1366573c3c5a31b43c7d539bc260eef2b1b4e976d25f733272f211956a3479e17b7cb9c"},
};

static unsigned hex_to_bytes(const char *hex, uint8_t *out)
{
  unsigned n = 0;
  for (; hex[0] && hex[1]; hex += 2) {
    unsigned v;
    sscanf(hex, "%2x", &v);
    out[n++] = (uint8_t)v;
  }
  return n;
}

static void run(const kat_t *t, phy_ldpc_enc_t *enc, phy_ldpc_dec_t *dec, int ndec)
{
  static uint8_t c[PHY_LDPC_MAX_K / 8 + 8], want[PHY_LDPC_MAX_N / 8 + 8];
  static uint8_t d[PHY_LDPC_MAX_N / 8 + 8], out[PHY_LDPC_MAX_K / 8 + 8];
  static int8_t llr[PHY_LDPC_MAX_N];
  memset(c, 0, sizeof(c));
  memset(want, 0, sizeof(want));
  hex_to_bytes(t->msg, c);
  unsigned nb = hex_to_bytes(t->cwd, want);
  phy_ldpc_enc_cfg_t cfg = {.bg = t->bg, .z = t->z, .nof_rows = 0};
  int n = phy_ldpc_encode(enc, &cfg, c, d);
  CHECK(n == phy_ldpc_codeword_len(t->bg, t->z, 0) && (unsigned)(n + 7) / 8 == nb &&
            memcmp(d, want, nb) == 0,
        "bg%d z=%u isa=%s codeword differs", t->bg, t->z, olive_isa_name(enc->isa));
  unsigned k = phy_ldpc_bg_kb(t->bg) * t->z, kp = k - t->nof_filler;
  for (int i = 0; i < n; i++) {
    llr[i] = (want[i >> 3] >> (7 - (i & 7))) & 1 ? -30 : 30;
  }
  for (int j = 0; j < ndec; j++) {
    phy_ldpc_dec_cfg_t dc = {.bg = t->bg,
                             .z = t->z,
                             .nof_filler = t->nof_filler,
                             .max_iters = 4,
                             .stop = PHY_LDPC_STOP_SYNDROME};
    phy_ldpc_dec_result_t res = {0};
    memset(out, 0, sizeof(out));
    int err = phy_ldpc_decode(&dec[j], &dc, llr, (unsigned)n, out, &res);
    CHECK(err == 0 && res.ok && memcmp(out, c, kp / 8) == 0 &&
              (kp % 8 == 0 || (out[kp / 8] ^ c[kp / 8]) >> (8 - kp % 8) == 0),
          "bg%d z=%u isa=%s decode", t->bg, t->z, olive_isa_name(dec[j].isa));
  }
}

int main(void)
{
  phy_ldpc_dec_t dec[OLIVE_ISA_COUNT];
  int ndec = 0;
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    phy_ldpc_dec_args_t da = {.isa = (olive_isa_t)isa};
    if (olive_cpu_supports((olive_isa_t)isa)) {
      int ok = phy_ldpc_dec_init(&dec[ndec], &da) == 0;
      CHECK(ok, "no %s decoder", olive_isa_name((olive_isa_t)isa));
      ndec += ok;
    }
  }
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    phy_ldpc_enc_t enc;
    phy_ldpc_enc_args_t ea = {.isa = (olive_isa_t)isa};
    if (!olive_cpu_supports((olive_isa_t)isa)) {
      continue;
    }
    if (phy_ldpc_enc_init(&enc, &ea) < 0) {
      CHECK(0, "no %s encoder", olive_isa_name((olive_isa_t)isa));
      continue;
    }
    for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(kats); i++) {
      run(&kats[i], &enc, dec, ndec);
    }
    phy_ldpc_enc_free(&enc);
  }
  for (int j = 0; j < ndec; j++) {
    phy_ldpc_dec_free(&dec[j]);
  }
  return olive_test_done();
}
