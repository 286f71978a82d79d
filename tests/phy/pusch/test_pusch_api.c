/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH API robustness: lifecycle (free NULL-safe, idempotent, fine after a failed init);
 * NULL and out-of-range arguments rejected with an error code; hand-worked TA steps
 * (16 64 T_c / 2^mu, T_c = 1 / (480 kHz 4096): 0.5208 us at mu 0) and Table 6.1.2.1-1
 * limits; a grid of NaN / huge values decodes to OLIVE_ECRC without a crash; and a
 * fixed-seed sweep of random configurations (valid and invalid fields mixed) through
 * phy_pusch_g / _re_map / _encode / _decode that must never crash (ASan/UBSan in CI) and
 * keeps the invariants: G = data REs of the map x Q_m (no UCI); encode returns G; the
 * noiseless grid decodes whenever the code rate after rate matching is below 0.9. */
#include <stdio.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

#define GRID_PRB 25u

static uint8_t map[PHY_NSYMB_SLOT * GRID_PRB * 12];
static uint8_t tb[40000], out[40000];

static void lifecycle(void)
{
  phy_pusch_t q;
  phy_pusch_args_t a = {.max_prb = 276, .max_qm = 8};
  CHECK(phy_pusch_init(&q, &a) == OLIVE_EINVAL, "276 PRB");
  phy_pusch_free(&q);
  a.max_prb = 25;
  a.max_qm = 5;
  CHECK(phy_pusch_init(&q, &a) == OLIVE_EINVAL, "Q_m 5");
  phy_pusch_free(&q);
  phy_pusch_free(&q);
  CHECK(phy_pusch_init(NULL, &a) == OLIVE_EINVAL, "NULL object");
  CHECK(phy_pusch_init(&q, NULL) == OLIVE_EINVAL, "NULL args");
  phy_pusch_free(NULL);
  CHECK(phy_pusch_g(NULL) == OLIVE_EINVAL && phy_pusch_tbs(NULL) == OLIVE_EINVAL, "NULL cfg");
  CHECK(phy_pusch_uci_sizes(NULL, NULL, NULL, NULL) == OLIVE_EINVAL, "uci NULL");
  CHECK(phy_pusch_dmrs_positions(PHY_PUSCH_MAPPING_A, 14, 0, 2, NULL) == OLIVE_EINVAL, "NULL");
  CHECK(fabs(phy_pusch_ta_step_s(0) - 0.520833e-6) < 1e-12, "TA step mu 0");
  CHECK(fabs(phy_pusch_ta_step_s(1) - 0.260417e-6) < 1e-12, "TA step mu 1");
  CHECK(phy_pusch_ta_step_s(5) == 0.0, "TA step mu 5");
  CHECK(phy_pusch_tda_check(PHY_PUSCH_MAPPING_A, 0, 4) == 0, "A 0/4");
  CHECK(phy_pusch_tda_check(PHY_PUSCH_MAPPING_A, 1, 10) < 0, "A S 1");
  CHECK(phy_pusch_tda_check(PHY_PUSCH_MAPPING_A, 0, 3) < 0, "A L 3");
  CHECK(phy_pusch_tda_check(PHY_PUSCH_MAPPING_B, 13, 1) == 0, "B 13/1");
  CHECK(phy_pusch_tda_check(PHY_PUSCH_MAPPING_B, 13, 2) < 0, "B beyond the slot");
}

static void bad_fields(phy_pusch_t *q, phy_grid_t *g)
{
  phy_pusch_cfg_t c = pusch_test_cfg(10, 5);
  CHECK(phy_pusch_encode(q, &c, tb, NULL, g) > 0, "valid");
  CHECK(phy_pusch_encode(q, &c, NULL, NULL, g) == OLIVE_EINVAL, "NULL tb");
  CHECK(phy_pusch_encode(NULL, &c, tb, NULL, g) == OLIVE_EINVAL, "NULL q");
  CHECK(phy_pusch_decode(q, &c, g, 3, out, NULL) == OLIVE_EINVAL, "3 RX");
  CHECK(phy_pusch_decode(q, &c, g, 0, out, NULL) == OLIVE_EINVAL, "0 RX");
#define BAD(field, value, err)                                                                     \
  do {                                                                                             \
    phy_pusch_cfg_t b = c;                                                                         \
    b.field = value;                                                                               \
    CHECK(phy_pusch_encode(q, &b, tb, NULL, g) == (err), #field " = " #value);                     \
    CHECK(phy_pusch_decode(q, &b, g, 1, out, NULL) == (err), "decode " #field);                    \
  } while (0)
  BAD(nof_prb, 0, OLIVE_EINVAL);
  BAD(prb_start, 20, OLIVE_EINVAL);
  BAD(l, 15, OLIVE_EINVAL);
  BAD(s, 1, OLIVE_EINVAL);
  BAD(typea_pos, 4, OLIVE_EINVAL);
  BAD(add_pos, 4, OLIVE_EINVAL);
  BAD(port, 8, OLIVE_EINVAL);
  BAD(cdm_groups_no_data, 3, OLIVE_EINVAL);
  BAD(n_id, 1024, OLIVE_EINVAL);
  BAD(mcs, 32, OLIVE_EINVAL);
  BAD(mcs, 29, OLIVE_EINVAL); /* reserved index without a TBS */
  BAD(mcs_table, PHY_MCS_TABLE_TP_QAM64, OLIVE_EINVAL);
  BAD(n_layers, 2, OLIVE_ENOTSUP);
  BAD(mu, 2, OLIVE_EINVAL);
  BAD(uci.o_ack, 200, OLIVE_EINVAL);
  BAD(uci.o_ack, 3, OLIVE_EINVAL); /* beta and alpha unset */
  c.transform_precoding = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  BAD(nof_prb, 7, OLIVE_EINVAL); /* not 2^a 3^b 5^c */
  BAD(dmrs_type, PHY_DMRS_TYPE2, OLIVE_EINVAL);
  BAD(dmrs_id, 1008, OLIVE_EINVAL);
  c.group_hopping = true;
  BAD(sequence_hopping, true, OLIVE_EINVAL); /* not both */
  /* UCI without a payload pointer */
  phy_pusch_cfg_t u = pusch_test_cfg(10, 5);
  u.uci = (phy_pusch_uci_cfg_t){.o_ack = 2, .beta_ack = 2, .alpha = 1};
  CHECK(phy_pusch_encode(q, &u, tb, NULL, g) == OLIVE_EINVAL, "UCI NULL");
}

static void garbage(phy_pusch_t *q, phy_grid_t *g)
{
  phy_pusch_cfg_t c = pusch_test_cfg(GRID_PRB, 10);
  c.uci =
      (phy_pusch_uci_cfg_t){.o_ack = 20, .o_csi1 = 3, .beta_ack = 2, .beta_csi1 = 2, .alpha = 1};
  for (uint32_t l = 0; l < 14; l++) {
    for (uint32_t k = 0; k < GRID_PRB * 12; k++) {
      *phy_grid_re(g, 0, l, k) = k % 3 == 0 ? NAN : k % 3 == 1 ? 1e30f : -INFINITY;
    }
  }
  phy_pusch_rx_res_t res;
  CHECK(phy_pusch_decode(q, &c, g, 1, out, &res) == OLIVE_ECRC, "garbage grid");
}

static void sweep(phy_pusch_t *q, phy_grid_t *g, olive_test_rng_t *r)
{
  int decoded = 0, valid = 0;
  for (int i = 0; i < 1000; i++) {
    phy_pusch_cfg_t c = pusch_test_cfg(1 + olive_test_below(r, GRID_PRB), olive_test_below(r, 30));
    c.prb_start = olive_test_below(r, GRID_PRB + 2 - c.nof_prb); /* sometimes 1 beyond */
    c.mapping = olive_test_below(r, 2) ? PHY_PUSCH_MAPPING_B : PHY_PUSCH_MAPPING_A;
    c.s = olive_test_below(r, 4);
    c.l = 1 + olive_test_below(r, 14);
    c.add_pos = olive_test_below(r, 4);
    c.typea_pos = 2 + olive_test_below(r, 2);
    c.dmrs_type = (phy_dmrs_type_t)(1 + olive_test_below(r, 2));
    c.cdm_groups_no_data = 1 + olive_test_below(r, 3);
    c.port = olive_test_below(r, 6);
    c.transform_precoding = olive_test_below(r, 4) == 0;
    c.mcs_table = (phy_mcs_table_t)olive_test_below(r, 5);
    c.rv = olive_test_below(r, 4);
    int gg = phy_pusch_g(&c);
    int nre = phy_pusch_re_map(&c, GRID_PRB, map);
    if (gg >= 0 && c.prb_start + c.nof_prb > GRID_PRB) {
      CHECK(nre == OLIVE_EINVAL, "re_map accepts an allocation beyond the grid");
      CHECK(phy_pusch_encode(q, &c, tb, NULL, g) == OLIVE_EINVAL, "encode beyond the grid");
      continue;
    }
    if (gg < 0) {
      CHECK(nre < 0, "re_map accepts what g rejects");
      CHECK(phy_pusch_encode(q, &c, tb, NULL, g) < 0, "encode accepts a bad cfg");
      continue;
    }
    valid++;
    phy_mcs_t m;
    phy_tbs_mcs_get(c.mcs_table, c.mcs, false, &m);
    CHECK(nre > 0 && gg == nre * (int)m.qm, "G %d vs %d REs x %u", gg, nre, m.qm);
    phy_grid_clear(g);
    CHECK(phy_pusch_encode(q, &c, tb, NULL, g) == gg, "encode G");
    c.rv = 0;
    phy_pusch_encode(q, &c, tb, NULL, g);
    int r2 = phy_pusch_decode(q, &c, g, 1, out, NULL);
    double rate = (phy_pusch_tbs(&c) + 24.0) / gg;
    if (rate < 0.9) {
      CHECK(r2 == 0, "noiseless decode failed (rate %.2f, cfg %d)", rate, i);
    }
    decoded += r2 == 0;
  }
  printf("random configurations: %d valid, %d decoded\n", valid, decoded);
  CHECK(valid > 100, "too few valid configurations (%d)", valid);
}

int main(void)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(31);
  lifecycle();
  phy_pusch_t q;
  phy_grid_t g;
  /* isa 0: the portable C variants of every block */
  phy_pusch_args_t a = {.max_prb = GRID_PRB, .max_qm = 8, .nof_harq = 1, .tp = true};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = GRID_PRB};
  CHECK(phy_pusch_init(&q, &a) == 0 && phy_grid_init(&g, &ga) == 0, "init");
  for (size_t i = 0; i < sizeof(tb); i++) {
    tb[i] = (uint8_t)(i * 131 + 7);
  }
  bad_fields(&q, &g);
  garbage(&q, &g);
  sweep(&q, &g, &r);
  phy_grid_free(&g);
  phy_pusch_free(&q);
  phy_pusch_free(&q);
  return olive_test_done();
}
