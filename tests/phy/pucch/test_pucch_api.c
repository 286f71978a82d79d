/* SPDX-License-Identifier: Apache-2.0 */
/* PUCCH API: lifecycle, one rejection per invalid argument (each must return OLIVE_EINVAL,
 * never crash), and a fixed-seed sweep of random configurations, valid and not, through
 * every encoder and detector (run it under ASan/UBSan: nothing may be read or written
 * outside the grid). */
#include "olive/support/error.h"
#include "pucch_test_util.h"

#define NPRB 20

static phy_pucch_cfg_t f0(void)
{
  return (phy_pucch_cfg_t){
      .res = {.format = PHY_PUCCH_F0, .nof_symbols = 1, .start_symbol = 13}, .n_id = 1, .mu = 1};
}

static void test_lifecycle(void)
{
  phy_pucch_t q;
  CHECK(phy_pucch_init(NULL, NULL) == OLIVE_EINVAL, "NULL");
  CHECK(phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = 0}) == OLIVE_EINVAL, "0 ports");
  phy_pucch_free(&q); /* after a failed init */
  CHECK(phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = PHY_PUCCH_MAX_PORTS + 1}) ==
            OLIVE_EINVAL,
        "too many ports");
  CHECK(phy_pucch_init(&q, NULL) == 0, "defaults");
  phy_pucch_free(&q);
  phy_pucch_free(&q);
  phy_pucch_free(NULL);
  CHECK(strcmp(phy_pucch_format_name(PHY_PUCCH_F1), "PUCCH F1") == 0 &&
            strcmp(phy_pucch_format_name(PHY_PUCCH_FORMAT_COUNT), "?") == 0,
        "names");
}

static void test_rejections(phy_pucch_t *q, phy_grid_t *g)
{
  phy_pucch_uci_t uci = {.nof_harq = 1, .harq = {1}};
  phy_pucch_uci_rx_t rx;
  phy_pucch_cfg_t c;
#define REJECT(field_stmt, what)                                                                   \
  do {                                                                                             \
    c = f0();                                                                                      \
    field_stmt;                                                                                    \
    CHECK(phy_pucch_f0_encode(q, &c, &uci, g, 0) == OLIVE_EINVAL, "encode: %s", what);             \
    CHECK(phy_pucch_f0_detect(q, &c, &uci, g, &rx) == OLIVE_EINVAL, "detect: %s", what);           \
  } while (0)
  REJECT(c.res.nof_symbols = 3, "F0 with 3 symbols");
  REJECT(c.res.nof_symbols = 0, "0 symbols");
  REJECT((c.res.start_symbol = 13, c.res.nof_symbols = 2), "past symbol 13");
  REJECT(c.res.initial_cs = 12, "m0 = 12");
  REJECT(c.n_id = 1024, "n_id = 1024");
  REJECT(c.slot = 20, "slot 20 at mu = 1");
  REJECT(c.res.start_prb = NPRB, "PRB outside the grid");
  REJECT((c.res.nof_symbols = 2, c.res.start_symbol = 12, c.res.intra_slot_hopping = true,
          c.res.second_hop_prb = NPRB),
         "second hop outside the grid");
  REJECT(c.res.format = PHY_PUCCH_F1, "F1 resource given to F0");
  REJECT(c.pfa = 1.0f, "pfa = 1");
  REJECT(c.group_hopping = (phy_pucch_group_hopping_t)3, "group hopping mode");
#undef REJECT
  c = f0();
  CHECK(phy_pucch_f0_encode(q, &c, &uci, g, g->nof_ports) == OLIVE_EINVAL, "port");
  phy_pucch_uci_t none = {.nof_harq = 0, .sr_opportunity = false};
  CHECK(phy_pucch_f0_detect(q, &c, &none, g, &rx) == OLIVE_EINVAL, "no hypothesis");
  uint32_t ports = g->nof_ports;
  g->nof_ports = 2; /* q was made for 1 RX port */
  CHECK(phy_pucch_f0_detect(q, &c, &uci, g, &rx) == OLIVE_EINVAL, "more ports than max_ports");
  g->nof_ports = ports;

  phy_pucch_cfg_t c1 = {.res = {.format = PHY_PUCCH_F1, .nof_symbols = 3, .start_symbol = 0},
                        .mu = 1};
  CHECK(phy_pucch_f1_encode(q, &c1, &uci, g, 0) == OLIVE_EINVAL, "F1 with 3 symbols");
  c1.res.nof_symbols = 4;
  c1.res.time_domain_occ = 2;
  CHECK(phy_pucch_f1_encode(q, &c1, &uci, g, 0) == OLIVE_EINVAL, "OCC 2 with N_SF 2");
  c1.res.time_domain_occ = 0;
  CHECK(phy_pucch_f1_encode(q, &c1, &uci, g, 0) == 0, "valid F1");
  uci.harq[0] = 2;
  CHECK(phy_pucch_f1_encode(q, &c1, &uci, g, 0) == OLIVE_EINVAL, "bit value 2");

  uint8_t a[64] = {0};
  phy_pucch_f2_rx_t r2;
  phy_pucch_cfg_t c2 = {
      .res = {.format = PHY_PUCCH_F2, .nof_symbols = 1, .start_symbol = 13, .nof_prb = 2}, .mu = 1};
  CHECK(phy_pucch_f2_encode(q, &c2, a, 0, g, 0) == OLIVE_EINVAL, "A = 0");
  CHECK(phy_pucch_f2_encode(q, &c2, a, 40, g, 0) == OLIVE_EINVAL, "A = 40 in E = 32");
  CHECK(phy_pucch_f2_decode(q, &c2, 40, g, a, &r2) == OLIVE_EINVAL, "decode A = 40 in E = 32");
  c2.res.nof_prb = 0;
  CHECK(phy_pucch_f2_encode(q, &c2, a, 4, g, 0) == OLIVE_EINVAL, "0 PRB");
  c2.res.nof_prb = 2;
  c2.n_id_data = 1024;
  CHECK(phy_pucch_f2_encode(q, &c2, a, 4, g, 0) == OLIVE_EINVAL, "n_id_data");
  CHECK(phy_pucch_f2_e(NULL) == 0, "E of NULL");

  phy_pucch_cfg_t c3 = {
      .res = {.format = PHY_PUCCH_F3, .nof_symbols = 4, .start_symbol = 10, .nof_prb = 7}, .mu = 1};
  CHECK(phy_pucch_f3_encode(q, &c3, a, 4, g, 0) == OLIVE_EINVAL, "F3 with 7 PRB (not 2^a3^b5^c)");
  c3.res.nof_prb = 18;
  CHECK(phy_pucch_f3_encode(q, &c3, a, 4, g, 0) == OLIVE_EINVAL, "F3 with 18 PRB");
  c3.res.nof_prb = 2;
  c3.res.nof_symbols = 3;
  CHECK(phy_pucch_f3_decode(q, &c3, 4, g, a, &r2) == OLIVE_EINVAL, "F3 with 3 symbols");
  c3.res.nof_symbols = 4;
  CHECK(phy_pucch_f3_encode(q, &c3, a, 4, g, 0) == 0, "valid F3");
  CHECK(phy_pucch_f3_encode(q, &c3, a, PHY_PUCCH_F3_MAX_A + 1, g, 0) == OLIVE_EINVAL, "A");

  phy_pucch_cfg_t c4 = {
      .res = {.format = PHY_PUCCH_F4, .nof_symbols = 14, .nof_prb = 1, .occ_length = 3}, .mu = 1};
  CHECK(phy_pucch_f4_encode(q, &c4, a, 4, g, 0) == OLIVE_EINVAL, "F4 N_SF 3");
  c4.res.occ_length = 2;
  c4.res.occ_index = 2;
  CHECK(phy_pucch_f4_encode(q, &c4, a, 4, g, 0) == OLIVE_EINVAL, "F4 OCC index 2 with N_SF 2");
  c4.res.occ_index = 1;
  c4.res.nof_prb = 2;
  CHECK(phy_pucch_f4_decode(q, &c4, 4, g, a, &r2) == OLIVE_EINVAL, "F4 with 2 PRB");
  c4.res.nof_prb = 1;
  CHECK(phy_pucch_f4_encode(q, &c4, a, 4, g, 0) == 0, "valid F4");
  CHECK(phy_pucch_f3_encode(q, &c4, a, 4, g, 0) == OLIVE_EINVAL, "F4 resource given to F3");
}

/* Random fields, some out of range: every call returns 0 or a negative code. */
static void test_sweep(phy_pucch_t *q, phy_grid_t *g)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(77);
  uint32_t ok = 0;
  for (int t = 0; t < 10000; t++) {
    phy_pucch_cfg_t c = {.res = {.format = (phy_pucch_format_t)olive_test_below(&r, 6),
                                 .start_prb = olive_test_below(&r, NPRB + 2),
                                 .intra_slot_hopping = olive_test_below(&r, 2),
                                 .second_hop_prb = olive_test_below(&r, NPRB + 2),
                                 .nof_symbols = olive_test_below(&r, 16),
                                 .start_symbol = olive_test_below(&r, 15),
                                 .initial_cs = olive_test_below(&r, 13),
                                 .time_domain_occ = olive_test_below(&r, 8),
                                 .nof_prb = olive_test_below(&r, 18)},
                         .group_hopping = (phy_pucch_group_hopping_t)olive_test_below(&r, 4),
                         .n_id = olive_test_below(&r, 1100),
                         .slot = olive_test_below(&r, 22),
                         .mu = 1,
                         .rnti = (uint16_t)olive_test_u64(&r),
                         .n_id_data = olive_test_below(&r, 1100),
                         .n_id_dmrs = olive_test_below(&r, 70000),
                         .grid_start_crb = olive_test_below(&r, 300)};
    phy_pucch_uci_t u = {.nof_harq = olive_test_below(&r, 4),
                         .harq = {olive_test_below(&r, 2), olive_test_below(&r, 2)},
                         .sr_opportunity = olive_test_below(&r, 2),
                         .sr = olive_test_below(&r, 2)};
    phy_pucch_uci_rx_t rx;
    phy_pucch_f2_rx_t r2;
    uint8_t a[PHY_PUCCH_F2_MAX_A] = {0};
    uint32_t A = olive_test_below(&r, 70);
    c.res.additional_dmrs = olive_test_below(&r, 2);
    c.res.pi2_bpsk = olive_test_below(&r, 2);
    c.res.occ_length = olive_test_below(&r, 5);
    c.res.occ_index = olive_test_below(&r, 5);
    int e[10] = {phy_pucch_f0_encode(q, &c, &u, g, 0),   phy_pucch_f0_detect(q, &c, &u, g, &rx),
                 phy_pucch_f1_encode(q, &c, &u, g, 0),   phy_pucch_f1_detect(q, &c, &u, g, &rx),
                 phy_pucch_f2_encode(q, &c, a, A, g, 0), phy_pucch_f2_decode(q, &c, A, g, a, &r2),
                 phy_pucch_f3_encode(q, &c, a, A, g, 0), phy_pucch_f3_decode(q, &c, A, g, a, &r2),
                 phy_pucch_f4_encode(q, &c, a, A, g, 0), phy_pucch_f4_decode(q, &c, A, g, a, &r2)};
    for (int i = 0; i < 10; i++) {
      CHECK(e[i] == 0 || e[i] == OLIVE_EINVAL, "call %d returned %d", i, e[i]);
      ok += e[i] == 0;
    }
  }
  CHECK(ok > 300, "the sweep exercised valid configurations too (%u)", ok);
}

int main(void)
{
  test_lifecycle();
  phy_pucch_t q;
  phy_grid_t g;
  CHECK(phy_pucch_init(&q, &(phy_pucch_args_t){.max_ports = 1}) == 0, "init");
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 2, .max_prb = NPRB}) == 0, "grid");
  g.nof_ports = 1;
  test_rejections(&q, &g);
  test_sweep(&q, &g);
  phy_pucch_free(&q);
  phy_grid_free(&g);
  return olive_test_done();
}
