/* SPDX-License-Identifier: Apache-2.0 */
/* Slow BLER curve: DCI A = 40 (K = 64), E = 432 (AL4), Gray QPSK over AWGN, CA-SCL-8, at
 * Es/N0 = -5.5 .. -4.0 dB, 4000 blocks per point. Each point must lie within 0.5 dB of the
 * normal approximation (Polyanskiy, Poor, Verdu, IEEE Trans. IT 2010) for k = 64,
 * n = 432, i.e. BLER(x) <= NA64(x - 0.5 dB), and not below the k = 40 approximation
 * (values in test_polar_chain.c). Prints the curve. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/polar.h"
#include "polar_test_util.h"

int main(void)
{
  static const struct {
    float es_n0_db, na64_shifted, na40;
  } pts[] = {
      {-5.5f, 2.13e-1f, 8.0e-4f},
      {-5.0f, 9.09e-2f, 1.4e-4f},
      {-4.5f, 2.97e-2f, 1.7e-5f},
      {-4.0f, 7.14e-3f, 1.5e-6f},
  };
  phy_polar_dec_args_t da = {.max_n = 9, .max_list = 8, .isa = OLIVE_ISA_AUTO};
  phy_polar_dec_t *q = phy_polar_dec_create(&da);
  if (q == NULL) {
    return 1;
  }
  phy_polar_chain_cfg_t cfg = {
      .chain = PHY_POLAR_DCI, .A = 40, .E = 432, .rnti = 0x4601, .list = 8};
  int fail = 0;
  for (unsigned p = 0; p < sizeof(pts) / sizeof(pts[0]); p++) {
    uint64_t s = 1000 + p;
    unsigned err = 0, nb = 4000;
    for (unsigned b = 0; b < nb; b++) {
      uint8_t a[40], out[40], e[432];
      float le[432];
      for (unsigned i = 0; i < 40; i++) {
        a[i] = (uint8_t)(tu_rand(&s) & 1);
      }
      phy_polar_chain_encode(&cfg, a, e);
      tu_qpsk_awgn(e, 432, pts[p].es_n0_db, &s, le);
      err += phy_polar_chain_decode(q, &cfg, le, out) != 0 || memcmp(out, a, 40) != 0;
    }
    float bler = (float)err / (float)nb;
    int ok = bler <= pts[p].na64_shifted && bler >= pts[p].na40;
    printf("EsN0=%.1f dB BLER=%.4f (limit %.4f, floor %.6f) %s\n", pts[p].es_n0_db, bler,
           pts[p].na64_shifted, pts[p].na40, ok ? "ok" : "FAIL");
    fail |= !ok;
  }
  phy_polar_dec_destroy(q);
  return fail;
}
