/* SPDX-License-Identifier: Apache-2.0 */
/* Transform precoding in the PUSCH transmitter against a naive DFT written here from
 * TS 38.211 6.3.1.4: y(l M + k) = 1/sqrt(M) sum_i x(l M + i) exp(-j 2 pi i k / M). The same
 * TB and configuration (QAM64 table, DM-RS type 1 with two CDM groups without data, which
 * transform precoding implies) is sent with transform precoding off and on; every data
 * symbol of the "on" grid must be the DFT of the same symbol of the "off" grid (the
 * modulation symbols, mapped in the same order), for M = 12 x {1, 6, 25, 45} subcarriers;
 * the DM-RS symbols differ (low-PAPR vs Gold) and are checked elsewhere. */
#include <stdio.h>

#include "pusch_test_util.h"

#define NPRB 48

int main(void)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(12);
  static phy_pusch_t q;
  static phy_grid_t off, on;
  static uint8_t tb[20000];
  phy_pusch_args_t pa = {.max_prb = NPRB, .max_qm = 8, .tp = true, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_pusch_init(&q, &pa) == 0, "init");
  CHECK(phy_grid_init(&off, &ga) == 0 && phy_grid_init(&on, &ga) == 0, "grids");
  static const uint32_t prbs[] = {1, 6, 25, 45};
  for (uint32_t t = 0; t < OLIVE_ARRAY_SIZE(prbs); t++) {
    phy_pusch_cfg_t c = pusch_test_cfg(prbs[t], 10 + 5 * t);
    c.prb_start = NPRB - prbs[t];
    c.add_pos = 1;
    int tbs = phy_pusch_tbs(&c);
    pusch_test_tb(&r, tb, (uint32_t)tbs / 8);
    phy_grid_clear(&off);
    phy_grid_clear(&on);
    CHECK(phy_pusch_encode(&q, &c, tb, NULL, &off) > 0, "off");
    c.transform_precoding = true;
    CHECK(phy_pusch_encode(&q, &c, tb, NULL, &on) > 0, "on");
    uint32_t m = prbs[t] * 12, k0 = c.prb_start * 12, bad = 0;
    double worst = 0;
    for (uint32_t l = 0; l < 14; l++) {
      if (l == 2 || l == 11) {
        continue; /* DM-RS symbols (ld 14, pos1) */
      }
      const cf_t *x = phy_grid_symbol(&off, 0, l) + k0, *y = phy_grid_symbol(&on, 0, l) + k0;
      for (uint32_t k = 0; k < m; k++) {
        double re = 0, im = 0;
        for (uint32_t i = 0; i < m; i++) {
          double ph = -2.0 * M_PI * (double)((uint64_t)i * k % m) / m;
          re += crealf(x[i]) * cos(ph) - cimagf(x[i]) * sin(ph);
          im += crealf(x[i]) * sin(ph) + cimagf(x[i]) * cos(ph);
        }
        double e = hypot(re / sqrt(m) - crealf(y[k]), im / sqrt(m) - cimagf(y[k]));
        worst = e > worst ? e : worst;
        bad += e > 1e-4;
      }
    }
    printf("M = %u: largest |error| %.2e\n", m, worst);
    CHECK(bad == 0, "M = %u: %u REs differ from the DFT", m, bad);
  }
  phy_grid_free(&off);
  phy_grid_free(&on);
  phy_pusch_free(&q);
  return olive_test_done();
}
