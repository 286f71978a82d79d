/* SPDX-License-Identifier: Apache-2.0 */
/* The MAC broadcast scheduler's requests (olive/mac/bcast.h, the srsUE reference cell:
 * SSBs 0..3 of case A every 20 ms, SIB1 for SSB i in slot i at AL4, 100 bytes over all
 * 96 RBs of CORESET#0) through phy_dl_slot, frames 0..2, received by the UE chain of
 * dl_ref.h that knows only the cell (PCI, SSB position, L_max) and what it decodes:
 *  - every SSB of TS 38.213 4.1 case A ({2, 8} + 14 n: SSBs 0, 1 in slot 0, 2, 3 in slot
 *    1) decodes with its index, the frame's SFN and the 24 MIB bits written by hand here
 *    (ref_mib: SFN MSBs, k_SSB 6, CORESET#0 12, SS#0 0), and no other slot carries one;
 *  - in slots 0..3 of even frames the SIB1 DCI is found in searchSpace#0 of that
 *    CORESET#0, and the PDSCH it points to (FDRA, TDRA, MCS of the DCI; DM-RS
 *    per TS 38.214 5.1.6.2 for DCI 1_0; rate-matched around the slot's SSBs, positions
 *    worked out here) carries the SIB1 bytes;
 *  - nothing is rejected. This pins the PDU conventions shared with the MAC (CRB
 *    numbering, DM-RS reference, SFN bits of the MIB). */
#include <stdlib.h>

#include "dl_ref.h"
#include "olive/mac/bcast.h"

static uint8_t sib1[100];
static phy_dl_slot_req_t req;

static void check_ssbs(ref_ue_t *ue, uint32_t sfn, uint32_t slot)
{
  bool burst = sfn % 2 == 0 && slot < 2; /* 20 ms period, case A: 2 SSBs per slot */
  CHECK(req.nof_ssb == (burst ? 2 : 0), "sfn %u slot %u: %u SSBs", sfn, slot, req.nof_ssb);
  for (uint32_t i = 0; burst && i < 2; i++) {
    phy_pbch_res_t r;
    int rc = ref_ue_pbch(ue, 12u * REF_OFFSET + REF_K_SSB, 2 + 6 * i, REF_PCI, 4, &r);
    CHECK(rc == 0 && r.msg.ssb_idx == 2 * slot + i && r.msg.sfn == sfn && r.msg.hrf == 0 &&
              ref_mib_field(r.msg.bch, 0, 24) == ref_mib(sfn, REF_K_SSB, REF_CS0_INDEX, 0),
          "sfn %u slot %u SSB %u: rc %d idx %u sfn %u", sfn, slot, i, rc, r.msg.ssb_idx, r.msg.sfn);
  }
}

static void check_sib1(ref_ue_t *ue, uint32_t sfn, uint32_t slot)
{
  phy_coreset_t cs;
  uint32_t crb;
  ref_coreset0(REF_CS0_INDEX, 0, &cs, &crb);
  uint8_t a[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t cr;
  int rc = ref_ue_pdcch_si(ue, &cs, crb, slot, a, &cr);
  CHECK(rc == 0, "sfn %u slot %u: SIB1 DCI not found (%d)", sfn, slot, rc);
  phy_dci_sizes_t sz;
  phy_dci_1_0_t d = {0};
  phy_dci_sizes(&(phy_dci_size_cfg_t){.n_rb_dl = REF_CS0_NRB, .n_rb_ul = 106}, &sz);
  uint32_t prb0 = 0, n = 0;
  phy_pdsch_tda_t t;
  if (rc < 0 || phy_dci_1_0_unpack(&sz, PHY_RNTI_SI, a, &d) < 0 ||
      phy_pdsch_fdra_type1(REF_CS0_NRB, crb, d.fdra, &prb0, &n) < 0 ||
      phy_pdsch_tda_default_a(d.tdra + 1, 2, &t) < 0) {
    CHECK(0, "DCI fields");
    return;
  }
  phy_pdsch_cfg_t c = ref_sib1_cfg(slot, prb0, n, d.mcs);
  c.tda = t;
  for (uint32_t i = 0; slot < 2 && i < 2; i++) {
    c.reserved[c.nof_reserved++] =
        (phy_pdsch_reserved_t){REF_SSB_PRB0, REF_SSB_NPRB, (uint8_t)(2 + 6 * i), 4};
  }
  uint8_t rx[512];
  int tbs = phy_pdsch_tbs(&c);
  rc = phy_pdsch_decode(&ue->pdsch, &c, &ue->grid, 1, rx, NULL);
  CHECK(rc == 0 && tbs >= 800 && memcmp(rx, sib1, sizeof(sib1)) == 0,
        "sfn %u slot %u: SIB1 rc %d TBS %d", sfn, slot, rc, tbs);
}

int main(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(5);
  for (size_t i = 0; i < sizeof(sib1); i++) {
    sib1[i] = (uint8_t)olive_test_u64(&rng);
  }
  mac_bcast_args_t ma = {.pci = REF_PCI,
                         .scs_khz = 15,
                         .ssb_case = PHY_SSB_CASE_A,
                         .min_bw_mhz = 5,
                         .nof_prb = 106,
                         .l_max = 4,
                         .ssb_bitmap = 0xF0,
                         .ssb_period_ms = 20,
                         .k_ssb = REF_K_SSB,
                         .offset_to_pointa = REF_OFFSET,
                         .mib = ref_mib(0, REF_K_SSB, REF_CS0_INDEX, 0),
                         .coreset0_index = REF_CS0_INDEX,
                         .ss0_index = 0,
                         .sib1_al = 4,
                         .sib1_cand = 2,
                         .typea_pos = 2,
                         .sib1 = sib1,
                         .sib1_len = sizeof(sib1)};
  int err = 0;
  mac_bcast_t *mac = mac_bcast_create(&ma, &err);
  CHECK(mac != NULL, "mac_bcast_create %d", err);
  phy_carrier_t car = ref_carrier(0, 106, 23.04e6);
  phy_dl_t *q = ref_dl_create(&car);
  ref_ue_t ue;
  if (mac == NULL || q == NULL || ref_ue_init(&ue, &car) < 0) {
    return olive_test_done();
  }
  cf_t *x = malloc(sizeof(cf_t) * phy_dl_slot_len(q, 0));
  uint32_t nof_sib1 = 0;
  for (uint32_t sfn = 0; sfn < 3; sfn++) {
    for (uint32_t slot = 0; slot < 10; slot++) {
      phy_dl_slot_stats_t st;
      CHECK(mac_bcast_slot(mac, sfn, slot, &req) == 0);
      CHECK(phy_dl_slot(q, &req, x, &st) == 0 && st.nof_rejected == 0);
      ref_ue_demod(&ue, x, slot);
      check_ssbs(&ue, sfn, slot);
      bool sib1_due = sfn % 2 == 0 && slot < 4;
      CHECK(st.nof_pdsch == (sib1_due ? 1u : 0u), "sfn %u slot %u: %u PDSCH", sfn, slot,
            st.nof_pdsch);
      if (sib1_due) {
        check_sib1(&ue, sfn, slot);
        nof_sib1++;
      }
    }
  }
  CHECK(nof_sib1 == 8);
  free(x);
  ref_ue_free(&ue);
  phy_dl_destroy(q);
  mac_bcast_destroy(mac);
  return olive_test_done();
}
