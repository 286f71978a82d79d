/* SPDX-License-Identifier: Apache-2.0 */
/* Slots with two SSBs, a UE-specific PDCCH and a full-band C-RNTI PDSCH, on several
 * carriers, each received by the independent UE chain of dl_ref.h (PBCH decode of every
 * SSB with its index, PDCCH decode at the sent candidate, PDSCH decode of the TB):
 *  - 15 kHz, 106 PRB, case A with L_max 4: SSBs 0 and 1 at symbols 2 and 8 of slot 0
 *    (TS 38.213 4.1: {2, 8} + 14 n), PDSCH S 0, L 14 with 256QAM (Q_m 8), rate-matched
 *    around the CORESET (RBs 0..95, symbol 0) and both SSBs (PRBs 40..60, symbols 2..5
 *    and 8..11), the rectangles written by hand on the UE side;
 *  - 30 kHz (mu 1), 51 PRB at 23.04 Msps, case C with L_max 8: SSBs 2 and 3 at symbols
 *    2 and 8 of slot 1; the SSB starts at 30 kHz subcarrier (12 * 40 + 6) / 2 = 243, so
 *    PRBs 20..40;
 *  - 5 MHz: 15 kHz, 25 PRB at 5.76 Msps, offsetToPointA 2, k_SSB 0: SSB on PRBs 2..21;
 *  - every carrier of TS 38.101-1 Table 5.3.2-1 at 15 and 30 kHz (5..50 and 5..100 MHz)
 *    at its default sampling rate, one SSB and a QPSK PDSCH over the whole carrier.
 * The UE side also checks that the demodulated grid equals phy_dl_grid(), and a counting
 * allocator (dl_alloc.h) that phy_dl_slot() allocates nothing on any of these carriers. */
#include <stdlib.h>

#include "olive_test_alloc.h"
#include "dl_ref.h"

#define C_RNTI 0x4601u
#define MAXRES 3u

typedef struct dl_case {
  const char *name;
  phy_carrier_t car;
  uint32_t slot, l_max, nof_ssb;
  uint32_t ssb_idx[2], ssb_l0[2];
  uint32_t offset, k_ssb;
  uint32_t ssb_k0, ssb_prb0, ssb_nprb; /* hand-worked position (carrier subcarriers, PRBs) */
  uint32_t cs_groups;                  /* CORESET: 6-RB groups from RB 0, symbol 0; 0 = none */
  phy_mcs_table_t table;
  uint32_t mcs;
} dl_case_t;

static phy_dl_slot_req_t req;
static uint8_t tb[80000], rx[80000];

static void make_coreset(const dl_case_t *t, phy_pdcch_pdu_t *p, olive_test_rng_t *rng)
{
  memset(p, 0, sizeof(*p));
  for (uint32_t g = 0; g < t->cs_groups; g++) {
    p->coreset.groups[g] = 1;
  }
  p->coreset.nof_symb = 1;
  p->coreset.reg_bundle = 6; /* non-interleaved: bundles of 6 REGs (7.3.2.2) */
  p->n_id_dmrs = p->n_id = REF_PCI;
  p->rnti = C_RNTI;
  p->al = 2;
  p->cce = 2;
  p->dci_len = 39;
  for (uint32_t i = 0; i < p->dci_len; i++) {
    p->dci[i] = (uint8_t)(olive_test_u64(rng) & 1u);
  }
}

static phy_pdsch_cfg_t pdsch_cfg(const dl_case_t *t)
{
  phy_pdsch_cfg_t c = {.slot = t->slot,
                       .tda = {.mapping = PHY_PDSCH_MAPPING_A, .s = 0, .l = 14},
                       .nof_prb = t->car.nof_prb,
                       .dmrs_type = PHY_DMRS_TYPE1,
                       .typea_pos = 2,
                       .add_pos = 1,
                       .dmrs_id = REF_PCI,
                       .cdm_groups_no_data = 2,
                       .n_layers = 1,
                       .rnti = C_RNTI,
                       .n_id = REF_PCI,
                       .mcs_table = t->table,
                       .mcs = t->mcs,
                       .new_data = true};
  return c;
}

static int build(const dl_case_t *t, olive_test_rng_t *rng)
{
  memset(&req, 0, sizeof(req));
  req.sfn = 517;
  req.slot = (uint16_t)t->slot;
  req.nof_ssb = (uint8_t)t->nof_ssb;
  for (uint32_t i = 0; i < t->nof_ssb; i++) {
    phy_ssb_pdu_t *s = &req.ssb[i];
    *s = ref_ssb(req.sfn, t->ssb_idx[i], t->l_max, t->ssb_l0[i]);
    s->offset_to_pointa = (uint16_t)t->offset;
    s->k_ssb = (uint8_t)t->k_ssb;
  }
  if (t->cs_groups) {
    req.nof_pdcch = 1;
    make_coreset(t, &req.pdcch[0], rng);
  }
  phy_pdsch_cfg_t c = pdsch_cfg(t);
  int tbs = phy_pdsch_tbs(&c);
  CHECK(tbs > 0 && tbs / 8 <= (int)sizeof(tb), "%s: TBS %d", t->name, tbs);
  for (int i = 0; i < tbs / 8; i++) {
    tb[i] = (uint8_t)olive_test_u64(rng);
  }
  req.nof_pdsch = 1;
  req.pdsch[0] = ref_pdsch_pdu(&c, 0, tb, (uint32_t)tbs);
  req.pdsch[0].rnti_type = PHY_RNTI_C;
  return tbs;
}

static void check_pbch(const dl_case_t *t, ref_ue_t *ue)
{
  for (uint32_t i = 0; i < t->nof_ssb; i++) {
    phy_pbch_res_t r;
    int rc = ref_ue_pbch(ue, t->ssb_k0, t->ssb_l0[i], REF_PCI, t->l_max, &r);
    CHECK(rc == 0 && r.msg.ssb_idx == t->ssb_idx[i] && r.msg.sfn == req.sfn &&
              ref_mib_field(r.msg.bch, 0, 24) == req.ssb[i].mib,
          "%s: SSB %u: rc %d idx %u sfn %u", t->name, t->ssb_idx[i], rc, r.msg.ssb_idx, r.msg.sfn);
  }
}

static void check_pdcch(const dl_case_t *t, ref_ue_t *ue)
{
  const phy_pdcch_pdu_t *p = &req.pdcch[0];
  phy_pdcch_cfg_t c = {.coreset = &p->coreset,
                       .mu = t->car.mu,
                       .slot = t->slot,
                       .n_id_dmrs = REF_PCI,
                       .n_id = REF_PCI};
  uint8_t a[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t r;
  int rc = phy_pdcch_decode(&ue->pdcch, &c, 2, 2, C_RNTI, 39, &ue->grid, 0, a, &r);
  CHECK(rc == 0 && memcmp(a, p->dci, 39) == 0, "%s: PDCCH rc %d", t->name, rc);
}

/* The UE's rate-matching rectangles, from the hand-worked positions of the case. */
static void check_pdsch(const dl_case_t *t, ref_ue_t *ue, int tbs)
{
  phy_pdsch_cfg_t c = pdsch_cfg(t);
  for (uint32_t i = 0; i < t->nof_ssb; i++) {
    c.reserved[c.nof_reserved++] = (phy_pdsch_reserved_t){
        (uint16_t)t->ssb_prb0, (uint16_t)t->ssb_nprb, (uint8_t)t->ssb_l0[i], 4};
  }
  if (t->cs_groups) {
    c.reserved[c.nof_reserved++] = (phy_pdsch_reserved_t){0, (uint16_t)(6 * t->cs_groups), 0, 1};
  }
  phy_pdsch_rx_res_t r;
  int rc = phy_pdsch_decode(&ue->pdsch, &c, &ue->grid, 1, rx, &r);
  CHECK(rc == 0 && memcmp(rx, tb, (size_t)tbs / 8) == 0, "%s: PDSCH rc %d", t->name, rc);
}

static void run(const dl_case_t *t, olive_test_rng_t *rng)
{
  phy_dl_t *q = ref_dl_create(&t->car);
  ref_ue_t ue;
  if (q == NULL || ref_ue_init(&ue, &t->car) < 0) {
    phy_dl_destroy(q);
    return;
  }
  int tbs = build(t, rng);
  uint32_t len = phy_dl_slot_len(q, t->slot);
  cf_t *x = malloc(sizeof(cf_t) * len);
  phy_dl_slot_stats_t st;
  unsigned long before = olive_test_nof_allocs;
  CHECK(phy_dl_slot(q, &req, x, &st) == 0);
  CHECK(olive_test_nof_allocs == before, "%s: phy_dl_slot allocated", t->name);
  CHECK(st.nof_ssb == t->nof_ssb && st.nof_pdcch == (t->cs_groups ? 1u : 0u) && st.nof_pdsch == 1 &&
            st.nof_rejected == 0,
        "%s: stats %u %u %u %u", t->name, st.nof_ssb, st.nof_pdcch, st.nof_pdsch, st.nof_rejected);
  ref_ue_demod(&ue, x, t->slot);
  float e = ref_grid_diff(&ue.grid, phy_dl_grid(q));
  CHECK(e < 1e-4f, "%s: grid error %g", t->name, e);
  check_pbch(t, &ue);
  if (t->cs_groups) {
    check_pdcch(t, &ue);
  }
  check_pdsch(t, &ue, tbs);
  free(x);
  ref_ue_free(&ue);
  phy_dl_destroy(q);
}

/* Every bandwidth of Table 5.3.2-1 at this SCS with room for an SSB, at the carrier's low
 * edge (offsetToPointA 0, k_SSB 0: the SSB's 240 subcarriers are PRBs 0..19). */
static void sweep(uint32_t mu, olive_test_rng_t *rng)
{
  for (uint32_t bw = 5; bw <= 100; bw += 5) {
    uint32_t n = phy_carrier_prb_from_bw(bw, mu);
    if (n == 0 || n < 20) {
      continue;
    }
    dl_case_t t = {.name = "sweep",
                   .car = ref_carrier(mu, n, 0),
                   .slot = mu,
                   .l_max = 4,
                   .nof_ssb = 1,
                   .ssb_idx = {mu ? 2u : 0u},
                   .ssb_l0 = {2},
                   .ssb_k0 = 0,
                   .ssb_prb0 = 0,
                   .ssb_nprb = 20,
                   .table = PHY_MCS_TABLE_QAM64,
                   .mcs = 2};
    t.car.offset_to_pointa = t.car.k_ssb = 0;
    run(&t, rng);
  }
}

int main(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(31);
  static const dl_case_t cases[] = {
      {.name = "15 kHz 106 PRB case A",
       .car = {.mu = 0, .nof_prb = 106, .srate_hz = 23.04e6},
       .slot = 0,
       .l_max = 4,
       .nof_ssb = 2,
       .ssb_idx = {0, 1},
       .ssb_l0 = {2, 8},
       .offset = REF_OFFSET,
       .k_ssb = REF_K_SSB,
       .ssb_k0 = 486,
       .ssb_prb0 = 40,
       .ssb_nprb = 21,
       .cs_groups = 16,
       .table = PHY_MCS_TABLE_QAM256,
       .mcs = 20},
      {.name = "30 kHz 51 PRB case C",
       .car = {.mu = 1, .nof_prb = 51, .srate_hz = 23.04e6},
       .slot = 1,
       .l_max = 8,
       .nof_ssb = 2,
       .ssb_idx = {2, 3},
       .ssb_l0 = {2, 8},
       .offset = REF_OFFSET,
       .k_ssb = REF_K_SSB,
       .ssb_k0 = 243,
       .ssb_prb0 = 20,
       .ssb_nprb = 21,
       .cs_groups = 8,
       .table = PHY_MCS_TABLE_QAM64,
       .mcs = 16},
      {.name = "5 MHz 25 PRB",
       .car = {.mu = 0, .nof_prb = 25, .srate_hz = 5.76e6},
       .slot = 3,
       .l_max = 4,
       .nof_ssb = 1,
       .ssb_idx = {1},
       .ssb_l0 = {8},
       .offset = 2,
       .k_ssb = 0,
       .ssb_k0 = 24,
       .ssb_prb0 = 2,
       .ssb_nprb = 20,
       .cs_groups = 4,
       .table = PHY_MCS_TABLE_QAM64,
       .mcs = 9},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    dl_case_t t = cases[i];
    t.car.offset_to_pointa = t.offset;
    t.car.k_ssb = t.k_ssb;
    run(&t, &rng);
  }
  sweep(0, &rng);
  sweep(1, &rng);
  return olive_test_done();
}
