/* SPDX-License-Identifier: Apache-2.0 */
/* HARQ soft combining through the whole PUSCH receiver (AWGN, 1 RX, 25 PRB, QPSK MCS 9 of
 * Table 5.1.3.1-1, R = 679/1024):
 *  - at 1.0 dB SNR, below the ~3.5 dB this rate needs at 10% BLER in one shot, RV 0 alone
 *    decodes at most 10 of 40 TBs, while RV 0 + RV 2 combined (the receiver keeps the soft
 *    buffer of HARQ process 3) decode at least 38 of 40; the retransmission carries the
 *    parity RV 0 left out (k0 of Table 5.4.2.1-2) and 3 dB more energy, so combining turns
 *    failures into passes; RV 2 alone at the same SNR is also checked to fail mostly;
 *  - at -2.5 dB the sequence RV 0, 2, 3, 1 decodes every TB by the 4th transmission. */
#include <stdio.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

typedef struct henv {
  phy_pusch_t q;
  phy_grid_t tx, rx;
  uint8_t tb[2000], out[2000];
  olive_test_rng_t rng;
} henv_t;

static int send(henv_t *e, phy_pusch_cfg_t *c, float n0, uint32_t rv, bool new_data)
{
  cf_t g = 1.0f;
  int tbs = phy_pusch_tbs(c);
  c->rv = rv;
  c->new_data = new_data;
  phy_grid_clear(&e->tx);
  phy_pusch_encode(&e->q, c, e->tb, NULL, &e->tx);
  pusch_test_channel(&e->tx, &e->rx, 1, &g, 0.0, 15e3, n0, &e->rng);
  int r = phy_pusch_decode(&e->q, c, &e->rx, 1, e->out, NULL);
  return r == 0 && memcmp(e->tb, e->out, (size_t)tbs / 8) == 0;
}

int main(void)
{
  static henv_t e;
  e.rng = OLIVE_TEST_RNG(77);
  phy_pusch_args_t a = {.max_prb = 25, .max_qm = 8, .nof_harq = 4, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 25};
  CHECK(phy_pusch_init(&e.q, &a) == 0, "init");
  CHECK(phy_grid_init(&e.tx, &ga) == 0 && phy_grid_init(&e.rx, &ga) == 0, "grids");
  phy_pusch_cfg_t c = pusch_test_cfg(25, 9);
  c.harq_id = 3;
  int tbs = phy_pusch_tbs(&c);
  float n0 = powf(10.0f, -1.0f / 10.0f);
  int ok0 = 0, ok02 = 0, ok2 = 0;
  for (int i = 0; i < 40; i++) {
    pusch_test_tb(&e.rng, e.tb, (uint32_t)tbs / 8);
    int a0 = send(&e, &c, n0, 0, true);
    ok0 += a0;
    ok02 += a0 || send(&e, &c, n0, 2, false);
    ok2 += send(&e, &c, n0, 2, true);
  }
  printf("1.0 dB, TBS %d: RV0 alone %d/40, RV0+RV2 combined %d/40, RV2 alone %d/40\n", tbs, ok0,
         ok02, ok2);
  CHECK(ok0 <= 10, "RV0 alone decodes %d/40", ok0);
  CHECK(ok02 >= 38, "RV0+RV2 decodes %d/40", ok02);
  CHECK(ok2 <= 10, "RV2 alone decodes %d/40", ok2);
  n0 = powf(10.0f, 2.5f / 10.0f);
  static const uint32_t rvs[4] = {0, 2, 3, 1};
  int hist[5] = {0};
  for (int i = 0; i < 20; i++) {
    pusch_test_tb(&e.rng, e.tb, (uint32_t)tbs / 8);
    uint32_t t = 0;
    while (t < 4 && !send(&e, &c, n0, rvs[t], t == 0)) {
      t++;
    }
    hist[t]++;
  }
  printf("-2.5 dB: decoded after 1/2/3/4 transmissions: %d %d %d %d, never %d\n", hist[0], hist[1],
         hist[2], hist[3], hist[4]);
  CHECK(hist[4] == 0, "%d TBs not decoded after RV 0, 2, 3, 1", hist[4]);
  CHECK(hist[0] == 0, "RV0 alone should not decode at -2.5 dB (%d)", hist[0]);
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_pusch_free(&e.q);
  return olive_test_done();
}
