/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH format 2.
 *  - DM-RS pinned to TS 38.211 6.4.1.3.2: positions k = 3m + 1 (subcarriers 1, 4, 7, 10 of
 *    every PRB) and values from a bit-serial c(n) with a hand-worked c_init
 *    (slot 3, l = 12, N_ID^0 = 100: (2^17 * 55 * 201 + 200) mod 2^31 = 1449001160) and m
 *    counted from CRB 0 (BWP/grid start included: OAI merge request 3421, "Fix DMRS for PUCCH
 *    format 2", found this with a COTS UE whose BWP did not start at CRB 0).
 *  - Data pinned to 6.3.2.5: block-coded bits (phy_block_encode) scrambled with a bit-serial
 *    c(n), c_init = 17921 * 2^15 + 500 = 587235828 worked by hand, QPSK (5.1.3 formula),
 *    frequency first on the non-DM-RS REs, then the second symbol on the second hop.
 *  - Noiseless round trip, RM (A = 1..11) and polar (A = 12, 19, 20, 22, 60), 1 and 2 PRB
 *    symbols, 1 and 2 RX ports.
 *  - UCI BLER in AWGN (random phase per port), 2 RX, 4 PRB x 1 symbol: A = 4 (RM) and A = 22
 *    (polar, CRC11; 22 bits as in the 38.104 8.3.4 F2 tests). The SNR points are our own
 *    operating points (38.104 has no AWGN figure): BLER < 1% at -1 dB for A = 4 and at
 *    1.5 dB for A = 22. The curves measured with --slow (4000 trials per point) cross 1% at
 *    about -1.7 dB (A = 4) and 0.7 dB (A = 22), so a receiver loss of about 1 dB fails the
 *    test. SNR = Es/N0 per RE per RX port.
 *  - DTX: noise only gives a detection in < 1% of the trials (DM-RS pfa target 1e-3). */
#include <math.h>

#include "olive/phy/block.h"
#include "olive/support/error.h"
#include "pucch_test_util.h"

#define NPRB 25

static phy_pucch_cfg_t base_cfg(uint32_t nprb, uint32_t nsym, bool hop)
{
  return (phy_pucch_cfg_t){.res = {.format = PHY_PUCCH_F2,
                                   .start_prb = 4,
                                   .intra_slot_hopping = hop,
                                   .second_hop_prb = 18,
                                   .nof_symbols = nsym,
                                   .start_symbol = 14 - nsym,
                                   .nof_prb = nprb},
                           .n_id = 1,
                           .slot = 3,
                           .mu = 1,
                           .rnti = 17921,
                           .n_id_data = 500,
                           .n_id_dmrs = 100,
                           .grid_start_crb = 2};
}

static cf_t qpsk(uint8_t b0, uint8_t b1)
{
  return test_cf(1.0f - 2.0f * b0, 1.0f - 2.0f * b1) / sqrtf(2.0f);
}

static void test_mapping(phy_pucch_t *q, phy_grid_t *g)
{
  phy_pucch_cfg_t cfg = base_cfg(2, 2, true);
  uint8_t a[4] = {1, 0, 1, 1}, e[64];
  phy_grid_clear(g);
  CHECK(phy_pucch_f2_encode(q, &cfg, a, 4, g, 0) == 0, "encode");
  CHECK(phy_pucch_f2_e(&cfg.res) == 64, "E = 16 * 2 * 2");
  phy_block_encode(a, 4, 2, e, 64);
  float derr = 0, xerr = 0;
  uint32_t i = 0;
  for (uint32_t l = 0; l < 2; l++) {
    uint32_t ls = 12 + l, prb = l ? 18 : 4;
    uint32_t cinit = (uint32_t)(((uint64_t)131072 * (14 * 3 + ls + 1) * 201 + 200) % 2147483648u);
    if (l == 0) {
      CHECK(cinit == 1449001160u, "hand-worked c_init");
    }
    for (uint32_t k = 0; k < 24; k++) {
      cf_t v = *phy_grid_re(g, 0, ls, prb * 12 + k);
      if (k % 12 == 1 || k % 12 == 4 || k % 12 == 7 || k % 12 == 10) {
        uint32_t m = 4 * (2 + prb) + k / 3; /* from CRB 0: grid_start_crb = 2 */
        cf_t ref = qpsk(ref_gold(cinit, 2 * m), ref_gold(cinit, 2 * m + 1));
        derr = fmaxf(derr, cabsf(v - ref));
      } else {
        uint8_t b0 = e[2 * i] ^ ref_gold(587235828u, 2 * i);
        uint8_t b1 = e[2 * i + 1] ^ ref_gold(587235828u, 2 * i + 1);
        xerr = fmaxf(xerr, cabsf(v - qpsk(b0, b1)));
        i++;
      }
    }
  }
  CHECK(derr < 1e-6f, "DM-RS err %g", derr);
  CHECK(xerr < 1e-6f && i == 32, "data err %g (%u symbols)", xerr, i);
  uint32_t nz = 0;
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < NPRB * 12; k++) {
      nz += *phy_grid_re(g, 0, l, k) != 0.0f;
    }
  }
  CHECK(nz == 48, "only 2 x 24 REs written (%u)", nz);
  CHECK(phy_pucch_f2_encode(q, &cfg, a, 0, g, 0) == OLIVE_EINVAL, "A = 0");
  cfg.res.nof_prb = 17;
  CHECK(phy_pucch_f2_encode(q, &cfg, a, 4, g, 0) == OLIVE_EINVAL, "17 PRB");
}

static void test_roundtrip(phy_pucch_t *q, phy_grid_t *g)
{
  static const uint32_t As[] = {1, 2, 3, 7, 11, 12, 19, 20, 22, 60};
  olive_test_rng_t r = OLIVE_TEST_RNG(31);
  for (unsigned ai = 0; ai < OLIVE_ARRAY_SIZE(As); ai++) {
    for (uint32_t v = 0; v < 4; v++) {
      uint32_t nprb = As[ai] > 40 ? 6 : (As[ai] >= 12 ? 4 : 2) + v, nsym = 1 + v % 2;
      phy_pucch_cfg_t cfg = base_cfg(nprb, nsym, v == 3);
      g->nof_ports = 1 + (v >> 1);
      uint8_t a[64], d[64];
      for (uint32_t j = 0; j < As[ai]; j++) {
        a[j] = olive_test_below(&r, 2);
      }
      phy_grid_clear(g);
      CHECK(phy_pucch_f2_encode(q, &cfg, a, As[ai], g, 0) == 0, "enc A %u", As[ai]);
      cf_t h[2];
      test_phases(h, 2, &r);
      test_channel(g, &cfg.res, h, 1e-3f, &r, 1);
      phy_pucch_f2_rx_t rx;
      CHECK(phy_pucch_f2_decode(q, &cfg, As[ai], g, d, &rx) == 0, "dec");
      CHECK(rx.detected && memcmp(a, d, As[ai]) == 0, "A %u v %u conf %f", As[ai], v,
            rx.confidence);
    }
  }
  g->nof_ports = 2;
}

/* BLER (detected with the right bits counts as success) or, without signal, the rate of
 * detections. */
static double run(phy_pucch_t *q, phy_grid_t *g, uint32_t A, float snr_db, int signal,
                  uint32_t trials, uint64_t seed)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(seed);
  phy_pucch_cfg_t cfg = base_cfg(4, 1, false);
  float n0 = powf(10.0f, -snr_db / 10.0f);
  uint32_t bad = 0;
  for (uint32_t t = 0; t < trials; t++) {
    uint8_t a[32], d[32];
    for (uint32_t j = 0; j < A; j++) {
      a[j] = olive_test_below(&r, 2);
    }
    cfg.slot = t % 20;
    phy_grid_clear(g);
    if (signal) {
      phy_pucch_f2_encode(q, &cfg, a, A, g, 0);
    }
    cf_t h[2];
    test_phases(h, 2, &r);
    test_channel(g, &cfg.res, h, n0, &r, signal);
    phy_pucch_f2_rx_t rx;
    phy_pucch_f2_decode(q, &cfg, A, g, d, &rx);
    bad += signal ? !(rx.detected && memcmp(a, d, A) == 0) : rx.detected;
  }
  return (double)bad / trials;
}

int main(int argc, char **argv)
{
  bool slow = argc > 1 && strcmp(argv[1], "--slow") == 0;
  uint32_t trials = slow ? 20000 : 1500;
  phy_pucch_t q;
  phy_grid_t g;
  CHECK(phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = 2}) == 0, "init");
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 2, .max_prb = NPRB}) == 0, "grid");
  test_mapping(&q, &g);
  test_roundtrip(&q, &g);
  if (slow) { /* the curves behind the chosen operating points */
    for (float s = -6.0f; s <= 4.0f; s += 1.0f) {
      printf("F2 2RX 4PRB: snr %.1f BLER A=4 %.4f A=22 %.4f\n", s, run(&q, &g, 4, s, 1, 4000, 9),
             run(&q, &g, 22, s, 1, 4000, 10));
    }
  }
  double b4 = run(&q, &g, 4, -1.0f, 1, trials, 1), b22 = run(&q, &g, 22, 1.5f, 1, trials, 2);
  double f4 = run(&q, &g, 4, 0.0f, 0, trials, 3), f22 = run(&q, &g, 22, 0.0f, 0, trials, 4);
  printf("F2 2RX AWGN 4 PRB 1 sym: BLER A=4 @-1 dB %.4f, A=22 @1.5 dB %.4f; DTX detections "
         "%.4f / %.4f (%u trials)\n",
         b4, b22, f4, f22, trials);
  CHECK(b4 < 0.01 && b22 < 0.01, "BLER >= 1%%");
  CHECK(f4 < 0.01 && f22 < 0.01, "detections on noise >= 1%%");
  phy_pucch_free(&q);
  phy_grid_free(&g);
  return olive_test_done();
}
