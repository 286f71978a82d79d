/* SPDX-License-Identifier: Apache-2.0 */
/* The PHY consumes the broadcast scheduler's request (reference cell of test_mac_bcast.c):
 *  - each SIB1 PDCCH PDU, encoded by phy_pdcch_encode into a 106-PRB grid, is found by a
 *    UE-style blind decode over srsUE's searchSpace#0 (AL4 x4, AL8 x2, DCI 1_0, SI-RNTI,
 *    INTEROP.md) at the PDU's candidate with the same 41 payload bits;
 *  - the decoded FDRA, read as the UE does (38.214 5.1.2.2.2 in CORESET#0's RBs:
 *    phy_pdsch_fdra_type1), lands on the PDSCH PDU's PRBs, and the TDRA row on its symbols
 *    (phy_pdsch_tda_default_a);
 *  - the PHY's own TBS for the PDSCH PDU (phy_pdsch_tbs, which counts DM-RS from its
 *    DM-RS configuration) equals the scheduler's TBS. */
#include <string.h>

#include "olive/mac/bcast.h"
#include "olive/phy/pdcch.h"
#include "olive/phy/pdsch.h"
#include "olive_test.h"

static uint8_t sib1[100];
static phy_dl_slot_req_t req;

static void check_pdsch_tbs(const phy_pdsch_pdu_t *d)
{
  phy_pdsch_cfg_t c = {.crb0 = 0,
                       .tda = {.mapping = d->mapping, .s = d->first_symb, .l = d->nof_symb},
                       .prb_start = d->prb_start,
                       .nof_prb = d->nof_prb,
                       .dmrs_type = d->dmrs_type,
                       .typea_pos = d->typea_pos,
                       .add_pos = d->add_pos,
                       .dmrs_id = d->dmrs_id,
                       .cdm_groups_no_data = d->cdm_groups_no_data,
                       .n_layers = 1,
                       .rnti = d->rnti,
                       .n_id = d->n_id,
                       .mcs_table = d->mcs_table,
                       .mcs = d->mcs};
  CHECK(phy_pdsch_tbs(&c) == (int)d->tbs, "PHY TBS %d, MAC %u", phy_pdsch_tbs(&c), d->tbs);
}

static void check_ue_view(const phy_pdcch_pdu_t *p, const phy_pdsch_pdu_t *d, const uint8_t *a)
{
  phy_dci_size_cfg_t sc = {.n_rb_dl = 96, .n_rb_ul = 106};
  phy_dci_sizes_t sz;
  phy_dci_1_0_t dci;
  CHECK(phy_dci_sizes(&sc, &sz) == 0 && phy_dci_1_0_unpack(&sz, PHY_RNTI_SI, a, &dci) >= 0);
  uint32_t prb0 = 0, n = 0;
  CHECK(phy_pdsch_fdra_type1(96, p->coreset.start_rb, dci.fdra, &prb0, &n) == 0);
  CHECK(prb0 == d->prb_start && n == d->nof_prb, "FDRA -> %u+%u", prb0, n);
  phy_pdsch_tda_t t;
  CHECK(phy_pdsch_tda_default_a(dci.tdra + 1, 2, &t) == 0);
  CHECK(t.s == d->first_symb && t.l == d->nof_symb && t.mapping == d->mapping && t.k0 == 0);
}

static void decode_one(phy_pdcch_t *q, phy_grid_t *g, const phy_pdcch_pdu_t *p,
                       const phy_pdsch_pdu_t *d)
{
  phy_pdcch_cfg_t c = {.coreset = &p->coreset,
                       .mu = 0,
                       .slot = req.slot,
                       .n_id_dmrs = p->n_id_dmrs,
                       .dmrs_rb_offset = p->dmrs_rb_offset,
                       .n_id = p->n_id,
                       .n_rnti = p->n_rnti};
  phy_grid_clear(g);
  CHECK(phy_pdcch_encode(q, &c, p->cce, p->al, p->rnti, p->dci, p->dci_len, g, 0) == 0);
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}, .rnti = 0xFFFF};
  uint8_t a[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t res;
  CHECK(phy_pdcch_blind_decode(q, &c, &ss, 0xFFFF, 41, g, 0, a, &res) == 0, "SIB1 DCI found");
  CHECK(res.al == p->al && res.cce == p->cce, "AL %u CCE %u", res.al, res.cce);
  CHECK(memcmp(a, p->dci, 41) == 0, "payload");
  check_ue_view(p, d, a);
}

int main(void)
{
  mac_bcast_args_t a = {.pci = 1,
                        .scs_khz = 15,
                        .ssb_case = PHY_SSB_CASE_A,
                        .min_bw_mhz = 5,
                        .nof_prb = 106,
                        .l_max = 4,
                        .ssb_bitmap = 0xF0,
                        .ssb_period_ms = 20,
                        .k_ssb = 6,
                        .offset_to_pointa = 40,
                        .coreset0_index = 12,
                        .ss0_index = 0,
                        .typea_pos = 2,
                        .sib1 = sib1,
                        .sib1_len = 100};
  phy_pdcch_args_t pa = {.isa = OLIVE_ISA_AUTO};
  phy_pdcch_t q;
  phy_grid_t g;
  CHECK(phy_pdcch_init(&q, &pa) == 0);
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 106}) == 0);
  static const uint32_t al[3] = {4, 8, 8}, cand[3] = {2, 0, 1};
  for (int k = 0; k < 3; k++) {
    a.sib1_al = al[k];
    a.sib1_cand = cand[k];
    a.sib1_rb_start = 3u * (uint32_t)k;
    a.sib1_nof_rb = k ? 24 : 0;
    mac_bcast_t *s = mac_bcast_create(&a, NULL);
    CHECK(s != NULL);
    for (uint32_t slot = 0; s && slot < 4; slot++) {
      CHECK(mac_bcast_slot(s, 0, slot, &req) == 0 && req.nof_pdcch == 1);
      decode_one(&q, &g, &req.pdcch[0], &req.pdsch[0]);
      check_pdsch_tbs(&req.pdsch[0]);
    }
    mac_bcast_destroy(s);
  }
  phy_grid_free(&g);
  phy_pdcch_free(&q);
  return olive_test_done();
}
