/* SPDX-License-Identifier: Apache-2.0 */
/* UCI on PUSCH (TS 38.212 6.2.7, 6.3.2), pinned to values worked by hand:
 *
 * Allocation: 2 PRB (M_sc = 24), mapping A, S = 0, L = 14, DM-RS type 1 at slot symbol 2
 * only, two CDM groups without data, QPSK MCS 0 (R 120/1024):
 *   N_RE = 12 x 14 - 12 = 156 per PRB, N_info = 312 x 0.1171875 x 2 = 73.1 -> TBS 72
 *   (38.214 5.1.3.2: n = 3, N'_info = 72, Table 5.1.3.2-1); 38.212: CRC16, B = 88, BG2
 *   (A <= 292), K_b = 6, Z_c = 15 (6 x 15 >= 88), K = 10 Z_c = 150, C = 1: sum K_r = 150;
 *   N_uci = 13 x 24 = 312 (symbols without DM-RS), N_uci,l0 = 11 x 24 = 264 (symbols 3..13).
 * Case 1: O_ACK = 2, beta 2.0, O_CSI1 = 5, beta 2.0, alpha 1:
 *   Q'_ACK = min(ceil(2 x 2 x 312 / 150) = ceil(8.32), 264) = 9 = Q'_rvd;
 *   Q'_CSI1 = min(ceil(5 x 2 x 312 / 150) = ceil(20.8), 312 - 9) = 21;
 *   G_UL-SCH = (312 - 21) x 2 = 582 (the reserved REs still count: HARQ-ACK punctures).
 *   Step 1: 18 reserved bits from symbol 3: 18 < 24 x 2 -> d = floor(48 / 18) = 2,
 *   9 REs: subcarriers 0, 2, .., 16. Step 3: 42 CSI bits from symbol 0: d = floor(48 / 42)
 *   = 1, 21 REs: subcarriers 0..20. Step 5: 18 HARQ-ACK bits on the 9 reserved REs, d = 1.
 * Case 2: O_ACK = 4 (> 2: rate-matched): Q'_ACK = ceil(4 x 2 x 312 / 150) = ceil(16.64) =
 *   17 on symbol 3 subcarriers 0..16 (34 bits < 48: d = 1); Q'_CSI1 = min(21, 312 - 17) =
 *   21; G = (312 - 17 - 21) x 2 = 548.
 * Case 3: O_ACK = 3, beta 20: Q'_ACK = ceil(124.8) = 125: symbols 3..7 whole (5 x 24 =
 *   120 REs, 240 bits), then 10 bits on symbol 8: d = floor(48 / 10) = 4, 5 REs at
 *   subcarriers 0, 4, 8, 12, 16.
 * Case 4 (alpha bound, exact arithmetic): 5 PRB (M_sc 60), MCS 0: N_RE 780, N_info 182.8
 *   -> TBS 176, B = 192, BG2, K_b 6, Z_c 32, sum K_r = 320; N_uci = 780, N_uci,l0 = 660.
 *   O_ACK = 0 with beta_ACK 2: Q'_rvd = min(ceil(2 x 2 x 780 / 320) = ceil(9.75), ceil(0.8 x
 *   660) = 528) = 10; O_CSI1 = 40 (CRC11) with beta 20 (Table 9.3-2 index 18), alpha 0.8:
 *   Q'_CSI1 = min(ceil(51 x 20 x 780 / 320) = ceil(2486.25), ceil(0.8 x 780) - 10 = 614)
 *   = 614 (0.8f x 780 in float is 624.0000093: a float ceiling gives 615).
 *
 * Also: the placeholders of 5.3.3.1 (1 bit, 16QAM: c0 y x x) after 6.3.1.1 scrambling put
 * every HARQ-ACK RE on a corner point (s (3 + 3j) / sqrt 10: x -> 1, y repeats the
 * previous bit); round trips (block code and polar, QPSK..64QAM, 1 and 2 RX, with transform
 * precoding) give back TB, HARQ-ACK and CSI part 1; and the beta offset at work: at -1 dB
 * (QPSK R 0.66, where the UL-SCH never decodes) 2 HARQ-ACK bits with beta 20 (Table 9.3-1
 * index 11) and 12 with beta 12.625 (polar, CRC6) are right in every one of 40 slots, while
 * 12 bits with beta 1 fail the CRC in most of them. */
#include <stdio.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

static uint8_t map[14 * 24];

static phy_pusch_cfg_t small_cfg(uint32_t o_ack, float beta_ack, uint32_t o_csi1)
{
  phy_pusch_cfg_t c = pusch_test_cfg(2, 0);
  c.uci.o_ack = o_ack;
  c.uci.beta_ack = beta_ack;
  c.uci.o_csi1 = o_csi1;
  c.uci.beta_csi1 = 2.0f;
  c.uci.alpha = 1.0f;
  return c;
}

static int count(uint32_t l, uint8_t v)
{
  int n = 0;
  for (uint32_t k = 0; k < 24; k++) {
    n += map[l * 24 + k] == v;
  }
  return n;
}

static void hand_cases(void)
{
  uint32_t qa, qc, qr;
  phy_pusch_cfg_t c = small_cfg(2, 2.0f, 5);
  CHECK(phy_pusch_tbs(&c) == 72, "TBS %d", phy_pusch_tbs(&c));
  CHECK(phy_pusch_uci_sizes(&c, &qa, &qc, &qr) == 0 && qa == 9 && qc == 21 && qr == 9,
        "case 1 sizes %u %u %u", qa, qc, qr);
  CHECK(phy_pusch_g(&c) == 582, "case 1 G %d", phy_pusch_g(&c));
  CHECK(phy_pusch_re_map(&c, 2, map) == 312, "case 1 map");
  for (uint32_t k = 0; k < 24; k++) {
    CHECK(map[3 * 24 + k] == (k % 2 == 0 && k <= 16 ? PHY_PUSCH_RE_ACK : PHY_PUSCH_RE_DATA),
          "case 1 ACK at k %u", k);
    CHECK(map[0 * 24 + k] == (k <= 20 ? PHY_PUSCH_RE_CSI1 : PHY_PUSCH_RE_DATA), "CSI k %u", k);
  }
  CHECK(count(1, PHY_PUSCH_RE_DATA) == 24 && count(2, PHY_PUSCH_RE_DMRS) == 12 &&
            count(4, PHY_PUSCH_RE_DATA) == 24,
        "case 1 other symbols");
  /* 1 HARQ-ACK bit: same reservation and CSI (sized for 2 bits), fewer HARQ-ACK REs */
  phy_pusch_cfg_t c1 = small_cfg(1, 2.0f, 5);
  CHECK(phy_pusch_g(&c1) == 582, "1-bit G %d", phy_pusch_g(&c1));
  c = small_cfg(4, 2.0f, 5);
  CHECK(phy_pusch_uci_sizes(&c, &qa, &qc, &qr) == 0 && qa == 17 && qc == 21 && qr == 0,
        "case 2 sizes %u %u %u", qa, qc, qr);
  CHECK(phy_pusch_g(&c) == 548, "case 2 G %d", phy_pusch_g(&c));
  phy_pusch_re_map(&c, 2, map);
  for (uint32_t k = 0; k < 24; k++) {
    CHECK(map[3 * 24 + k] == (k <= 16 ? PHY_PUSCH_RE_ACK : PHY_PUSCH_RE_DATA), "case 2 k %u", k);
  }
  c = small_cfg(3, 20.0f, 0);
  CHECK(phy_pusch_uci_sizes(&c, &qa, NULL, NULL) == 0 && qa == 125, "case 3 Q'_ACK %u", qa);
  phy_pusch_re_map(&c, 2, map);
  for (uint32_t l = 3; l <= 7; l++) {
    CHECK(count(l, PHY_PUSCH_RE_ACK) == 24, "case 3 symbol %u", l);
  }
  for (uint32_t k = 0; k < 24; k++) {
    CHECK(map[8 * 24 + k] == (k % 4 == 0 && k <= 16 ? PHY_PUSCH_RE_ACK : PHY_PUSCH_RE_DATA),
          "case 3 symbol 8 k %u", k);
  }
  CHECK(count(0, PHY_PUSCH_RE_ACK) == 0 && count(9, PHY_PUSCH_RE_ACK) == 0, "case 3 others");
  c = pusch_test_cfg(5, 0);
  c.uci = (phy_pusch_uci_cfg_t){
      .o_ack = 0, .o_csi1 = 40, .beta_ack = 2.0f, .beta_csi1 = 20.0f, .alpha = 0.8f};
  CHECK(phy_pusch_tbs(&c) == 176, "case 4 TBS %d", phy_pusch_tbs(&c));
  CHECK(phy_pusch_uci_sizes(&c, &qa, &qc, &qr) == 0 && qa == 0 && qc == 614 && qr == 10,
        "case 4 sizes %u %u %u", qa, qc, qr);
}

typedef struct uenv {
  phy_pusch_t q;
  phy_grid_t tx, rx;
  uint8_t tb[8000], out[8000];
  olive_test_rng_t rng;
} uenv_t;

static void placeholders(uenv_t *e)
{
  phy_pusch_cfg_t c = pusch_test_cfg(10, 12); /* 16QAM */
  c.uci.o_ack = 1;
  c.uci.beta_ack = 8.0f;
  c.uci.alpha = 1.0f;
  static uint8_t m[14 * 120];
  CHECK(phy_pusch_re_map(&c, 10, m) > 0, "map");
  phy_pusch_uci_t u = {.ack = {1}};
  pusch_test_tb(&e->rng, e->tb, (uint32_t)phy_pusch_tbs(&c) / 8);
  phy_grid_set_size(&e->tx, 1, 10);
  phy_grid_clear(&e->tx);
  CHECK(phy_pusch_encode(&e->q, &c, e->tb, &u, &e->tx) > 0, "encode");
  int n = 0, bad = 0;
  float a = 3.0f / sqrtf(10.0f);
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < 120; k++) {
      if (m[l * 120 + k] == PHY_PUSCH_RE_ACK) {
        cf_t x = *phy_grid_re(&e->tx, 0, l, k);
        n++;
        bad += fabsf(fabsf(crealf(x)) - a) > 1e-5f || fabsf(crealf(x) - cimagf(x)) > 1e-5f;
      }
    }
  }
  CHECK(n > 0 && bad == 0, "16QAM 1-bit HARQ-ACK REs on corners: %d of %d not", bad, n);
}

static void round_trip(uenv_t *e, uint32_t mcs, uint32_t o_ack, uint32_t o_csi1, bool tp,
                       uint32_t nrx)
{
  phy_pusch_cfg_t c = pusch_test_cfg(20, mcs);
  c.transform_precoding = tp;
  c.mcs_table = tp ? PHY_MCS_TABLE_TP_QAM64 : PHY_MCS_TABLE_QAM64;
  c.add_pos = 1;
  c.uci = (phy_pusch_uci_cfg_t){
      .o_ack = o_ack, .o_csi1 = o_csi1, .beta_ack = 6.25f, .beta_csi1 = 4.0f, .alpha = 0.8f};
  phy_pusch_uci_t u, *got;
  for (uint32_t i = 0; i < PHY_PUSCH_MAX_UCI_BITS; i++) {
    u.ack[i] = (uint8_t)olive_test_below(&e->rng, 2);
    u.csi1[i] = (uint8_t)olive_test_below(&e->rng, 2);
  }
  int tbs = phy_pusch_tbs(&c);
  CHECK(tbs > 0, "tbs %d", tbs);
  pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
  phy_grid_set_size(&e->tx, 1, 20);
  phy_grid_set_size(&e->rx, nrx, 20);
  phy_grid_clear(&e->tx);
  CHECK(phy_pusch_encode(&e->q, &c, e->tb, &u, &e->tx) > 0, "encode");
  cf_t g[2] = {0.7f + 0.5f * I, -0.4f + 0.8f * I};
  pusch_test_channel(&e->tx, &e->rx, nrx, g, 0.3e-6, 15e3, 0.003f, &e->rng);
  phy_pusch_rx_res_t res;
  int r = phy_pusch_decode(&e->q, &c, &e->rx, nrx, e->out, &res);
  got = &res.uci;
  CHECK(r == 0 && memcmp(e->tb, e->out, (size_t)tbs / 8) == 0,
        "mcs %u ack %u csi %u tp %d: TB (%s)", mcs, o_ack, o_csi1, tp, olive_strerror(r));
  CHECK(o_ack == 0 || (res.ack_ok && memcmp(u.ack, got->ack, o_ack) == 0), "mcs %u ack %u bits",
        mcs, o_ack);
  CHECK(o_csi1 == 0 || (res.csi1_ok && memcmp(u.csi1, got->csi1, o_csi1) == 0),
        "mcs %u csi1 %u bits", mcs, o_csi1);
}

static void round_trip_pi2(uenv_t *e)
{
  phy_pusch_cfg_t c = pusch_test_cfg(20, 1);
  c.transform_precoding = true;
  c.tp_pi2bpsk = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  c.uci = (phy_pusch_uci_cfg_t){
      .o_ack = 1, .o_csi1 = 13, .beta_ack = 8.0f, .beta_csi1 = 4.0f, .alpha = 1.0f};
  phy_pusch_uci_t u = {.ack = {1}, .csi1 = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1}};
  int tbs = phy_pusch_tbs(&c);
  pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
  phy_grid_set_size(&e->tx, 1, 20);
  phy_grid_set_size(&e->rx, 1, 20);
  phy_grid_clear(&e->tx);
  CHECK(phy_pusch_encode(&e->q, &c, e->tb, &u, &e->tx) > 0, "pi/2-BPSK encode");
  cf_t g = 0.8f;
  pusch_test_channel(&e->tx, &e->rx, 1, &g, 0.0, 15e3, 0.01f, &e->rng);
  phy_pusch_rx_res_t res;
  int r = phy_pusch_decode(&e->q, &c, &e->rx, 1, e->out, &res);
  CHECK(r == 0 && memcmp(e->tb, e->out, (size_t)tbs / 8) == 0, "pi/2-BPSK TB");
  CHECK(res.ack_ok && res.uci.ack[0] == 1 && res.csi1_ok && memcmp(res.uci.csi1, u.csi1, 13) == 0,
        "pi/2-BPSK UCI");
}

/* Counts correct HARQ-ACK payloads over n slots at snr_db (1 RX, AWGN). */
static int ack_ok(uenv_t *e, uint32_t o_ack, float beta, float snr_db, int n)
{
  phy_pusch_cfg_t c = pusch_test_cfg(20, 9);
  c.uci = (phy_pusch_uci_cfg_t){.o_ack = o_ack, .beta_ack = beta, .alpha = 1.0f};
  int tbs = phy_pusch_tbs(&c), ok = 0;
  phy_grid_set_size(&e->tx, 1, 20);
  phy_grid_set_size(&e->rx, 1, 20);
  cf_t g = 1.0f;
  for (int i = 0; i < n; i++) {
    phy_pusch_uci_t u;
    for (uint32_t b = 0; b < o_ack; b++) {
      u.ack[b] = (uint8_t)olive_test_below(&e->rng, 2);
    }
    pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
    phy_grid_clear(&e->tx);
    phy_pusch_encode(&e->q, &c, e->tb, &u, &e->tx);
    pusch_test_channel(&e->tx, &e->rx, 1, &g, 0.0, 15e3, powf(10.0f, -snr_db / 10.0f), &e->rng);
    phy_pusch_rx_res_t res;
    phy_pusch_decode(&e->q, &c, &e->rx, 1, e->out, &res);
    ok += res.ack_ok && memcmp(res.uci.ack, u.ack, o_ack) == 0;
  }
  return ok;
}

static void beta_offsets(uenv_t *e)
{
  int a2 = ack_ok(e, 2, 20.0f, -1.0f, 40), a12 = ack_ok(e, 12, 12.625f, -1.0f, 40);
  int a12_1 = ack_ok(e, 12, 1.0f, -1.0f, 40);
  printf("-1 dB: 2 bits beta 20: %d/40, 12 bits beta 12.625: %d/40, 12 bits beta 1: %d/40\n", a2,
         a12, a12_1);
  CHECK(a2 == 40 && a12 == 40, "HARQ-ACK with beta: %d %d", a2, a12);
  CHECK(a12_1 < 20, "HARQ-ACK with beta 1 should mostly fail: %d", a12_1);
}

int main(void)
{
  static uenv_t e;
  e.rng = OLIVE_TEST_RNG(99);
  hand_cases();
  phy_pusch_args_t a = {
      .max_prb = 20, .max_qm = 8, .nof_harq = 1, .tp = true, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = 20};
  CHECK(phy_pusch_init(&e.q, &a) == 0, "init");
  CHECK(phy_grid_init(&e.tx, &ga) == 0 && phy_grid_init(&e.rx, &ga) == 0, "grids");
  placeholders(&e);
  beta_offsets(&e);
  static const uint32_t acks[] = {0, 1, 2, 3, 7, 11, 12, 19, 20, 64};
  static const uint32_t csis[] = {0, 5, 11, 18, 40};
  static const uint32_t mcss[] = {5, 14, 22};
  /* pi/2-BPSK (transform precoding, tp-pi2BPSK, TP table row 0): Q_m = 1, Table 5.3.3.1-1
   * row Q_m = 1 has no placeholder */
  round_trip_pi2(&e);
  for (uint32_t m = 0; m < 3; m++) {
    for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(acks); i++) {
      for (uint32_t j = 0; j < OLIVE_ARRAY_SIZE(csis); j++) {
        if (acks[i] || csis[j]) {
          round_trip(&e, mcss[m], acks[i], csis[j], (i + j) % 3 == 0, 1 + (i + j) % 2);
        }
      }
    }
  }
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_pusch_free(&e.q);
  return olive_test_done();
}
