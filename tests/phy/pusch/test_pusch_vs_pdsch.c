/* SPDX-License-Identifier: Apache-2.0 */
/* The PUSCH transmitter against the separately written PDSCH transmitter (phy/pdsch).
 * Without transform precoding and UCI, for one layer, TS 38.211 6.3.1 and 7.3.1 are the
 * same procedure: scrambling c_init = n_RNTI 2^15 + n_ID (7.3.1.1 with q = 0), the same
 * modulation, frequency-first mapping around the DM-RS CDM groups without data, the
 * Gold-sequence DM-RS with the Rel-15 c_init (6.4.1.1.1.1 = 7.4.1.1.1) and the same
 * Tables 6.4.1.1.3-1/-2 = 7.4.1.1.2-1/-2, beta from Table 6.2.2-1 = Table 4.1-1, and the
 * same TBS (6.1.4.2 refers to 5.1.3.2). For mapping type A with the DM-RS positions where
 * Table 6.4.1.1.3-3 equals Table 7.4.1.1.2-3 (ld 14: pos0..3; ld 12: pos0..2), both
 * transmitters must write identical grids for every modulation, DM-RS type, CDM groups,
 * port, slot, CRB offset and RV. The PUSCH object runs the best SIMD variants of the
 * blocks, the PDSCH object the portable C ones (isa 0), so this also compares variants. */
#include <stdio.h>

#include "olive/phy/pdsch.h"
#include "pusch_test_util.h"

#define NPRB 20

int main(void)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(8);
  static phy_pusch_t ue;
  static phy_pdsch_t dl;
  static phy_grid_t a, b;
  static uint8_t tb[20000];
  phy_pusch_args_t pa = {.max_prb = NPRB, .max_qm = 8, .isa = OLIVE_ISA_AUTO};
  phy_pdsch_args_t da = {.max_prb = NPRB, .max_layers = 1, .max_qm = 8};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  CHECK(phy_pusch_init(&ue, &pa) == 0 && phy_pdsch_init(&dl, &da) == 0, "init");
  CHECK(phy_grid_init(&a, &ga) == 0 && phy_grid_init(&b, &ga) == 0, "grids");
  int cases = 0;
  for (int i = 0; i < 60; i++) {
    phy_pusch_cfg_t u = pusch_test_cfg(1 + olive_test_below(&r, NPRB), olive_test_below(&r, 28));
    u.mcs_table = olive_test_below(&r, 2) ? PHY_MCS_TABLE_QAM256 : PHY_MCS_TABLE_QAM64;
    u.mcs = u.mcs_table == PHY_MCS_TABLE_QAM256 ? u.mcs % 28 : u.mcs;
    u.prb_start = olive_test_below(&r, NPRB - u.nof_prb + 1);
    u.crb0 = olive_test_below(&r, 100);
    u.slot = olive_test_below(&r, 10);
    u.l = olive_test_below(&r, 2) ? 14 : 12;
    u.add_pos = olive_test_below(&r, u.l == 14 ? 4 : 3);
    u.typea_pos = 2 + (u.add_pos == 3 ? 0 : olive_test_below(&r, 2));
    u.dmrs_type = (phy_dmrs_type_t)(1 + olive_test_below(&r, 2));
    u.cdm_groups_no_data = 1 + olive_test_below(&r, u.dmrs_type == PHY_DMRS_TYPE1 ? 2 : 3);
    u.port = u.cdm_groups_no_data > 1 ? olive_test_below(&r, 4) : olive_test_below(&r, 2);
    u.dmrs_id = olive_test_below(&r, 65536);
    u.n_scid = olive_test_below(&r, 2);
    u.rnti = (uint16_t)(1 + olive_test_below(&r, 65519));
    u.n_id = olive_test_below(&r, 1024);
    u.rv = olive_test_below(&r, 4);
    phy_pdsch_cfg_t d = {.slot = u.slot,
                         .crb0 = u.crb0,
                         .tda = {PHY_PDSCH_MAPPING_A, 0, 0, (uint8_t)u.l},
                         .prb_start = u.prb_start,
                         .nof_prb = u.nof_prb,
                         .dmrs_type = u.dmrs_type,
                         .typea_pos = u.typea_pos,
                         .add_pos = u.add_pos,
                         .dmrs_id = u.dmrs_id,
                         .n_scid = u.n_scid,
                         .cdm_groups_no_data = u.cdm_groups_no_data,
                         .n_layers = 1,
                         .ports = {u.port},
                         .rnti = u.rnti,
                         .n_id = u.n_id,
                         .mcs_table = u.mcs_table,
                         .mcs = u.mcs,
                         .rv = u.rv};
    int tbs = phy_pusch_tbs(&u);
    if (tbs <= 0) {
      continue;
    }
    CHECK(tbs == phy_pdsch_tbs(&d), "case %d: TBS %d vs %d", i, tbs, phy_pdsch_tbs(&d));
    pusch_test_tb(&r, tb, (uint32_t)tbs / 8);
    phy_grid_clear(&a);
    phy_grid_clear(&b);
    int ga_ = phy_pusch_encode(&ue, &u, tb, NULL, &a), gb = phy_pdsch_encode(&dl, &d, tb, &b);
    CHECK(ga_ > 0 && ga_ == gb, "case %d: G %d vs %d", i, ga_, gb);
    uint32_t diff = 0;
    for (uint32_t l = 0; l < 14; l++) {
      for (uint32_t k = 0; k < NPRB * 12; k++) {
        diff += cabsf(*phy_grid_re(&a, 0, l, k) - *phy_grid_re(&b, 0, l, k)) > 1e-6f;
      }
    }
    CHECK(diff == 0, "case %d: %u REs differ (type %d cdm %u port %u pos %u L %u)", i, diff,
          u.dmrs_type, u.cdm_groups_no_data, u.port, u.add_pos, u.l);
    cases++;
  }
  printf("%d configurations compared RE by RE\n", cases);
  CHECK(cases >= 40, "only %d configurations", cases);
  phy_grid_free(&a);
  phy_grid_free(&b);
  phy_pusch_free(&ue);
  phy_pdsch_free(&dl);
  return olive_test_done();
}
