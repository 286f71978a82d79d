/* SPDX-License-Identifier: Apache-2.0 */
/* MAC broadcast scheduler against values worked by hand from the specs:
 *  - SSB slots and symbols: TS 38.213 4.1 case A, L_max 4: first symbols {2, 8, 16, 22};
 *    cases B {4, 8, 16, 20, 32, 36, 44, 48} and C {2, 8, 16, 22, 30, 36, 44, 50} (L_max 8).
 *  - SIB1 occasions: TS 38.213 Table 13-11 rows 0, 1, 9 and n0 = (O 2^mu + floor(i M))
 *    mod N_slot, SFN parity floor((O 2^mu + floor(i M)) / N_slot) mod 2.
 *  - CORESET#0 index 12 (Table 13-1: 96 RB, 1 symbol, offset 38) at offsetToPointA 40
 *    (the srsUE reference cell, SSB ARFCN 368410 in a 106-PRB carrier at 368500) starts at
 *    CRB 2; ss0 candidates with Y = 0 (38.213 10.1) over 16 CCEs: AL4 {0, 4, 8, 12},
 *    AL8 {0, 8}.
 *  - DCI 1_0 SI-RNTI for N = 96: FDRA ceil(log2(96 97 / 2)) = 13 bits, 41 bits in all
 *    (38.212 7.3.1.2.1); RIV(0, 38) = 96 37 + 0 = 3552, RIV(10, 8) = 96 7 + 10 = 682.
 *  - Automatic SIB1 RBs: the SSB (CRB 40 = offsetToPointA, k_SSB 6 -> 21 RBs, CRB 40..60)
 *    is RB 38..58 of CORESET#0, leaving RB 0..37 (38 RBs) below and 59..95 (37) above:
 *    the lower block, CRB 2..39 (what srsRAN's gNB sends for this cell).
 *  - TBS (38.214 5.1.3.2): 12 symbols, DM-RS pos2 at {2, 7, 11} with 2 CDM groups -> 36
 *    REs, N'_RE = 108. 38 PRB MCS 0: N_RE 4104, N_info = 961.9 -> 960 -> TBS 984. 8 PRB:
 *    MCS 6 gives N_info 757.7 -> 752 -> TBS 768 < 800 bits; MCS 7 gives 887.6 -> 880 ->
 *    TBS 888.
 * Plus a sweep over periods, bitmaps, cases and indices checking the invariants, with a
 * counting allocator proving the slot path never allocates (skipped under ASan). */
#include <stdlib.h>
#include <string.h>

#include "olive/mac/bcast.h"
#include "olive/phy/pdcch.h"
#include "olive/support/error.h"
#include "olive_test.h"

#include "olive_test_alloc.h"

static uint8_t sib1[MAC_SIB1_MAX_BYTES];
static phy_dl_slot_req_t req; /* static: about 8 kB */

static mac_bcast_args_t ref_args(void)
{
  for (unsigned i = 0; i < sizeof(sib1); i++)
    sib1[i] = (uint8_t)(0x5Au ^ (i * 7u));
  return (mac_bcast_args_t){.pci = 1,
                            .scs_khz = 15,
                            .ssb_case = PHY_SSB_CASE_A,
                            .min_bw_mhz = 5,
                            .nof_prb = 106,
                            .l_max = 4,
                            .ssb_bitmap = 0xF0,
                            .ssb_period_ms = 20,
                            .k_ssb = 6,
                            .offset_to_pointa = 40,
                            .mib = 0x00A5C3u,
                            .coreset0_index = 12,
                            .ss0_index = 0,
                            .typea_pos = 2,
                            .sib1 = sib1,
                            .sib1_len = 100};
}

static uint32_t bits_value(const uint8_t *b, unsigned n)
{
  uint32_t v = 0;
  for (unsigned i = 0; i < n; i++)
    v = (v << 1) | b[i];
  return v;
}

/* DCI of a SIB1 PDCCH: fields read straight from the bits (field order of 7.3.1.2.1
 * for SI-RNTI) and through phy_dci_1_0_unpack. */
static void check_dci(const phy_pdcch_pdu_t *p, uint32_t riv, uint32_t mcs)
{
  CHECK(p->dci_len == 41, "len %u", p->dci_len);
  CHECK(bits_value(p->dci, 13) == riv, "fdra");
  CHECK(bits_value(p->dci + 13, 4) == 0, "tdra row 1");
  CHECK(bits_value(p->dci + 17, 1) == 0, "vrb-to-prb");
  CHECK(bits_value(p->dci + 18, 5) == mcs, "mcs");
  CHECK(bits_value(p->dci + 23, 2) == 0, "rv");
  CHECK(bits_value(p->dci + 25, 1) == 0, "sii");
  CHECK(bits_value(p->dci + 26, 15) == 0, "reserved");
  phy_dci_size_cfg_t sc = {.n_rb_dl = 96, .n_rb_ul = 106};
  phy_dci_sizes_t sz;
  phy_dci_1_0_t d;
  CHECK(phy_dci_sizes(&sc, &sz) == 0 && sz.size_1_0 == 41);
  CHECK(phy_dci_1_0_unpack(&sz, PHY_RNTI_SI, p->dci, &d) >= 0);
  CHECK(d.fdra == riv && d.tdra == 0 && d.mcs == mcs && d.sii == 0 && d.rv == 0);
}

static void check_sib1_pdus(const phy_dl_slot_req_t *r, uint32_t al, uint32_t cce)
{
  const phy_pdcch_pdu_t *c = &r->pdcch[0];
  const phy_pdsch_pdu_t *d = &r->pdsch[0];
  CHECK(c->rnti == 0xFFFF && c->rnti_type == PHY_RNTI_SI && c->al == al && c->cce == cce);
  CHECK(c->coreset.start_rb == 2 && c->coreset.nof_symb == 1 && c->coreset.first_symb == 0);
  CHECK(c->coreset.interleaved && c->coreset.reg_bundle == 6 && c->coreset.il_size == 2);
  CHECK(c->coreset.shift == 1 && c->n_id == 1 && c->n_id_dmrs == 1 && c->n_rnti == 0);
  CHECK(c->dmrs_rb_offset == -2);
  CHECK(d->rnti == 0xFFFF && d->mapping == PHY_PDSCH_MAPPING_A);
  CHECK(d->first_symb == 2 && d->nof_symb == 12 && d->add_pos == 2, "tdra row 1, pos2");
  CHECK(d->cdm_groups_no_data == 2 && d->dmrs_type == PHY_DMRS_TYPE1 && d->dmrs_ref_crb == 2);
  CHECK(d->mcs_table == PHY_MCS_TABLE_QAM64 && d->n_id == 1 && d->dmrs_id == 1);
  CHECK(d->tb_len == d->tbs / 8 && d->tb_len >= 100);
  CHECK(memcmp(d->tb, sib1, 100) == 0, "payload");
  int pad = 0;
  for (uint32_t i = 100; i < d->tb_len; i++)
    pad |= d->tb[i];
  CHECK(pad == 0, "zero padding");
}

/* Reference cell, 4 frames (2 SSB periods, 2 SIB1 repetitions) from SFN 1022 (wrap). */
static void test_ref_cell(void)
{
  mac_bcast_args_t a = ref_args();
  int err = 1;
  mac_bcast_t *s = mac_bcast_create(&a, &err);
  CHECK(s && err == 0, "%s", olive_strerror(err));
  if (!s)
    return;
  const mac_bcast_info_t *in = mac_bcast_info(s);
  CHECK(in->coreset0_crb == 2 && in->coreset0.nof_rb == 96 && in->nof_cce == 16);
  CHECK(in->sib1_mcs == 0 && in->sib1_tbs == 984 && in->sib1_riv == 3552, "mcs %u tbs %u riv %u",
        in->sib1_mcs, in->sib1_tbs, in->sib1_riv);
  static const uint32_t al4[4] = {0, 4, 8, 12};
  for (uint32_t f = 0; f < 4; f++) {
    uint32_t sfn = (1022 + f) % 1024;
    for (uint32_t slot = 0; slot < 10; slot++) {
      CHECK(mac_bcast_slot(s, sfn, slot, &req) == 0);
      CHECK(req.sfn == sfn && req.slot == slot);
      uint32_t want_ssb = (sfn % 2 == 0 && slot < 2) ? 2 : 0;
      CHECK(req.nof_ssb == want_ssb, "sfn %u slot %u: %u SSBs", sfn, slot, req.nof_ssb);
      for (uint32_t k = 0; k < req.nof_ssb; k++) {
        const phy_ssb_pdu_t *p = &req.ssb[k];
        CHECK(p->ssb_idx == 2 * slot + k && p->first_symb == (k ? 8 : 2) && p->hrf == 0);
        CHECK(p->pci == 1 && p->k_ssb == 6 && p->offset_to_pointa == 40 && p->l_max == 4);
        CHECK(((p->mib >> 17) & 0x3F) == (sfn >> 4), "SFN MSBs");
        CHECK((p->mib & ~(0x3Fu << 17)) == (0x00A5C3u & ~(0x3Fu << 17)), "rest of MIB");
      }
      uint32_t want_sib1 = (sfn % 2 == 0 && slot < 4) ? 1 : 0;
      CHECK(req.nof_pdcch == want_sib1 && req.nof_pdsch == want_sib1, "sfn %u slot %u", sfn, slot);
      if (req.nof_pdcch) {
        check_sib1_pdus(&req, 4, al4[0]);
        check_dci(&req.pdcch[0], 3552, 0);
        CHECK(req.pdsch[0].prb_start == 2 && req.pdsch[0].nof_prb == 38);
        CHECK(req.pdsch[0].tbs == 984);
      }
    }
  }
  mac_bcast_destroy(s);
}

/* 8 RBs from RB 10 of CORESET#0, AL8 candidate 1 (CCE 8). */
static void test_mcs_choice(void)
{
  mac_bcast_args_t a = ref_args();
  a.sib1_rb_start = 10;
  a.sib1_nof_rb = 8;
  a.sib1_al = 8;
  a.sib1_cand = 1;
  mac_bcast_t *s = mac_bcast_create(&a, NULL);
  CHECK(s != NULL);
  if (!s)
    return;
  const mac_bcast_info_t *in = mac_bcast_info(s);
  CHECK(in->sib1_mcs == 7 && in->sib1_tbs == 888 && in->sib1_riv == 682, "mcs %u tbs %u",
        in->sib1_mcs, in->sib1_tbs);
  CHECK(mac_bcast_slot(s, 0, 0, &req) == 0 && req.nof_pdcch == 1);
  check_sib1_pdus(&req, 8, 8);
  check_dci(&req.pdcch[0], 682, 7);
  CHECK(req.pdsch[0].prb_start == 12 && req.pdsch[0].nof_prb == 8 && req.pdsch[0].tbs == 888);
  mac_bcast_destroy(s);
  /* 150 bytes do not fit 8 RBs at Q_m 2 (MCS 9, R 679: N_info 1145.8 -> 1136 -> TBS 1160
   * < 1200 bits) although MCS 10 (16QAM) would: 38.214 5.1.3.1 excludes Q_m > 2 for SI-RNTI */
  a.sib1_len = 150;
  int err = 0;
  CHECK(mac_bcast_create(&a, &err) == NULL && err == OLIVE_ECONFIG);
  a.sib1_len = 145; /* 1160 bits: fits exactly at MCS 9 */
  s = mac_bcast_create(&a, &err);
  CHECK(s && mac_bcast_info(s)->sib1_mcs == 9 && mac_bcast_info(s)->sib1_tbs == 1160);
  mac_bcast_destroy(s);
}

/* Where SIB1 goes for ss0 index `ss0` and repetition period rep_ms over 32 frames: the
 * occasion slot in each frame (-1 none), checked against want(sfn) from the table. */
static void sib1_slots(uint32_t ss0, uint32_t rep_ms, uint32_t bitmap,
                       int (*want)(uint32_t, uint32_t))
{
  mac_bcast_args_t a = ref_args();
  a.ss0_index = ss0;
  a.sib1_rep_ms = rep_ms;
  a.ssb_bitmap = (uint8_t)bitmap;
  mac_bcast_t *s = mac_bcast_create(&a, NULL);
  CHECK(s != NULL, "ss0 %u", ss0);
  if (!s)
    return;
  for (uint32_t sfn = 0; sfn < 32; sfn++) {
    for (uint32_t slot = 0; slot < 10; slot++) {
      mac_bcast_slot(s, sfn, slot, &req);
      int w = want(sfn, slot);
      CHECK(req.nof_pdcch == (w >= 0), "ss0 %u rep %u sfn %u slot %u", ss0, rep_ms, sfn, slot);
      if (req.nof_pdcch && w >= 0)
        CHECK(req.pdcch[0].coreset.first_symb == (uint32_t)w, "first symbol");
    }
  }
  mac_bcast_destroy(s);
}

/* Row 0: O 0, M 1, symbol 0 -> SSB i in slot i, even frames; rep 40 ms: SFN mod 4 = 0. */
static int want_ss0_rep40(uint32_t sfn, uint32_t slot)
{
  return (sfn % 4 == 0 && slot < 4) ? 0 : -1;
}
/* rep 160 ms: SFN mod 16 = 0. */
static int want_ss0_rep160(uint32_t sfn, uint32_t slot)
{
  return (sfn % 16 == 0 && slot < 4) ? 0 : -1;
}
/* Row 9: O 5, M 2 -> n0 = 5 + 2i = 5, 7, 9 (even frames) and 11 -> slot 1 of odd frames. */
static int want_ss9(uint32_t sfn, uint32_t slot)
{
  if (sfn % 2 == 0)
    return (slot == 5 || slot == 7 || slot == 9) ? 0 : -1;
  return slot == 1 ? 0 : -1;
}
/* Row 1: O 0, M 1/2 -> SSBs 0, 1 share slot 0 and 2, 3 slot 1; the even index (symbol 0)
 * keeps it. With bitmap 0101 (SSBs 1, 3 only) the odd ones get symbol N_symb = 1. */
static int want_ss1(uint32_t sfn, uint32_t slot)
{
  return (sfn % 2 == 0 && slot < 2) ? 0 : -1;
}
static int want_ss1_odd(uint32_t sfn, uint32_t slot)
{
  return (sfn % 2 == 0 && slot < 2) ? 1 : -1;
}

/* Default table A (38.214 Table 5.1.2.1.1-2, dmrs-TypeA-Position 2) rows of mapping type B
 * and the DCI 1_0 DM-RS rules of 5.1.6.2, over all 96 RBs:
 *  row 8: S 5, L 7 -> pos1, DM-RS l-bar {0, 4} (Table 7.4.1.1.2-3), 2 CDM groups: 24 REs,
 *    N'_RE 60, N_RE 5760; MCS 0: N_info 1350 -> 1344 -> TBS 1352 (>= 800 bits).
 *  row 9: S 5, L 2 -> pos0, one DM-RS symbol, 1 CDM group: 6 REs, N'_RE 18, N_RE 1728;
 *    MCS 0..2 give TBS 408, 528, 672 < 800; MCS 3 (R 251): N_info 847.1 -> 840 -> 848. */
static void test_tdra_type_b(void)
{
  static const struct {
    uint32_t row, s, l, add_pos, cdm, mcs, tbs;
  } v[2] = {{8, 5, 7, 1, 2, 0, 1352}, {9, 5, 2, 0, 1, 3, 848}};
  for (int k = 0; k < 2; k++) {
    mac_bcast_args_t a = ref_args();
    a.sib1_tdra_row = v[k].row;
    a.sib1_nof_rb = 96; /* explicit: the values above are for all of CORESET#0 */
    mac_bcast_t *s = mac_bcast_create(&a, NULL);
    CHECK(s != NULL, "row %u", v[k].row);
    if (!s)
      continue;
    CHECK(mac_bcast_slot(s, 0, 0, &req) == 0 && req.nof_pdsch == 1);
    const phy_pdsch_pdu_t *d = &req.pdsch[0];
    CHECK(d->mapping == PHY_PDSCH_MAPPING_B && d->first_symb == v[k].s && d->nof_symb == v[k].l);
    CHECK(d->add_pos == v[k].add_pos && d->cdm_groups_no_data == v[k].cdm, "row %u", v[k].row);
    CHECK(d->mcs == v[k].mcs && d->tbs == v[k].tbs, "row %u: mcs %u tbs %u", v[k].row, d->mcs,
          d->tbs);
    CHECK(bits_value(req.pdcch[0].dci + 13, 4) == v[k].row - 1, "TDRA field");
    mac_bcast_destroy(s);
  }
}

/* 30 kHz (mu 1, 20 slots), case C, L_max 8, all SSBs; CORESET#0 Table 13-4 row 0.
 * Row 4: O 5, M 1 -> n0 = 10 + i: slots 10..17 of even frames.
 * Row 9: O 5, M 2 -> n0 = 10 + 2i: 10, 12, 14, 16, 18 (even frames), then 20, 22, 24 ->
 * slots 0, 2, 4 of odd frames. */
static void test_sib1_mu1(void)
{
  for (uint32_t row = 4; row <= 9; row += 5) {
    mac_bcast_args_t a = ref_args();
    a.scs_khz = 30;
    a.ssb_case = PHY_SSB_CASE_C;
    a.l_max = 8;
    a.ssb_bitmap = 0xFF;
    a.coreset0_index = 0;
    a.offset_to_pointa = 4;
    a.min_bw_mhz = 10;
    a.nof_prb = 51;
    a.ss0_index = row;
    mac_bcast_t *s = mac_bcast_create(&a, NULL);
    CHECK(s != NULL, "row %u", row);
    for (uint32_t sfn = 0; s && sfn < 4; sfn++) {
      for (uint32_t slot = 0; slot < 20; slot++) {
        int want;
        if (row == 4)
          want = sfn % 2 == 0 && slot >= 10 && slot <= 17;
        else if (sfn % 2 == 0)
          want = slot >= 10 && slot % 2 == 0;
        else
          want = slot <= 4 && slot % 2 == 0;
        CHECK(mac_bcast_slot(s, sfn, slot, &req) == 0);
        CHECK(req.nof_pdcch == (uint32_t)want, "row %u sfn %u slot %u", row, sfn, slot);
      }
    }
    mac_bcast_destroy(s);
  }
}

/* Automatic SIB1 RBs over every 15 kHz CORESET#0 row of Table 13-1 that fits the carrier:
 * the PDSCH stays off the SSB's CRBs (srsUE reads SIB1 without rate matching around the
 * SSB) and takes the larger free block, unless neither block carries the SIB1 at Q_m 2,
 * when it takes all of CORESET#0. */
static void test_sib1_clear_of_ssb(void)
{
  uint32_t n_clear = 0, n_whole = 0;
  for (uint32_t idx = 0; idx < 15; idx++) {
    mac_bcast_args_t a = ref_args();
    a.coreset0_index = idx;
    mac_bcast_t *s = mac_bcast_create(&a, NULL);
    if (!s)
      continue; /* reserved row or CORESET#0 outside the carrier */
    const mac_bcast_info_t *in = mac_bcast_info(s);
    uint32_t ssb_lo = a.offset_to_pointa, ssb_hi = ssb_lo + 21; /* k_SSB 6: 21 CRBs */
    uint32_t cs_lo = in->coreset0_crb, cs_hi = cs_lo + in->coreset0.nof_rb;
    uint32_t below = ssb_lo > cs_lo ? ssb_lo - cs_lo : 0;
    uint32_t above = cs_hi > ssb_hi ? cs_hi - ssb_hi : 0;
    CHECK(mac_bcast_slot(s, 0, 0, &req) == 0 && req.nof_pdsch == 1, "row %u", idx);
    uint32_t lo = req.pdsch[0].prb_start, hi = lo + req.pdsch[0].nof_prb;
    if (hi <= ssb_lo || lo >= ssb_hi) {
      n_clear++;
      CHECK(req.pdsch[0].nof_prb == (below >= above ? below : above) ||
                req.pdsch[0].nof_prb == (below >= above ? above : below),
            "row %u: %u RBs, blocks %u/%u", idx, req.pdsch[0].nof_prb, below, above);
      CHECK(lo >= cs_lo && hi <= cs_hi, "row %u inside CORESET#0", idx);
    } else {
      n_whole++;
      CHECK(lo == cs_lo && hi == cs_hi, "row %u: fallback is the whole CORESET#0", idx);
      CHECK(below < 38 && above < 38, "row %u: a 38-RB block carries 100 bytes", idx);
    }
    mac_bcast_destroy(s);
  }
  CHECK(n_clear >= 3 && n_whole >= 1, "both paths taken: %u clear, %u whole", n_clear, n_whole);
}

static void test_sib1_occasions(void)
{
  test_sib1_mu1();
  test_sib1_clear_of_ssb();
  sib1_slots(0, 40, 0xF0, want_ss0_rep40);
  sib1_slots(0, 160, 0xF0, want_ss0_rep160);
  sib1_slots(9, 20, 0xF0, want_ss9);
  sib1_slots(1, 20, 0xF0, want_ss1);
  sib1_slots(1, 20, 0x50, want_ss1_odd);
}

static int is_candidate(uint32_t n_cce, uint32_t al, uint32_t cce)
{
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}, .rnti = 0xFFFF};
  uint32_t c[PHY_PDCCH_MAX_CAND];
  int m = phy_ss_candidates(&ss, n_cce, al, 0, c);
  for (int i = 0; i < m; i++)
    if (c[i] == cce)
      return 1;
  return 0;
}

/* First symbols of 38.213 4.1, written out by hand. */
static const uint32_t pos_a[8] = {2, 8, 16, 22, 30, 36, 44, 50};
static const uint32_t pos_b[8] = {4, 8, 16, 20, 32, 36, 44, 48};

/* One configuration over 160 ms: SSB count = popcount x 160 / period, each on its
 * hand-listed symbol; every request within bounds; every PDCCH a candidate; no malloc. */
static void sweep_one(mac_bcast_args_t *a)
{
#if OLIVE_TEST_COUNT_ALLOCS
  unsigned long at_create = olive_test_nof_allocs;
#endif
  mac_bcast_t *s = mac_bcast_create(a, NULL);
#if OLIVE_TEST_COUNT_ALLOCS
  CHECK(olive_test_nof_allocs > at_create, "the counting allocator sees create's allocations");
#endif
  CHECK(s != NULL, "case %u lmax %u bitmap %02x", a->ssb_case, a->l_max, a->ssb_bitmap);
  if (!s)
    return;
  const mac_bcast_info_t *in = mac_bcast_info(s);
  uint32_t nslot = a->scs_khz == 30 ? 20 : 10, n_ssb = 0, n_sib1 = 0;
  const uint32_t *pos = a->ssb_case == PHY_SSB_CASE_B ? pos_b : pos_a;
#if OLIVE_TEST_COUNT_ALLOCS
  unsigned long before = olive_test_nof_allocs;
#endif
  for (uint32_t sfn = 0; sfn < 16; sfn++) {
    for (uint32_t slot = 0; slot < nslot; slot++) {
      mac_bcast_slot(s, sfn, slot, &req);
      CHECK(req.nof_ssb <= 2 && req.nof_pdcch <= 1 && req.nof_pdsch == req.nof_pdcch);
      n_ssb += req.nof_ssb;
      n_sib1 += req.nof_pdcch;
      for (uint32_t k = 0; k < req.nof_ssb; k++) {
        uint32_t i = req.ssb[k].ssb_idx, hs = slot % (nslot / 2);
        CHECK((a->ssb_bitmap >> (7 - i)) & 1);
        CHECK(pos[i] == hs * 14 + req.ssb[k].first_symb, "SSB %u at slot %u", i, slot);
        CHECK(req.ssb[k].hrf == slot / (nslot / 2) && req.ssb[k].l_max == a->l_max);
      }
      for (uint32_t k = 0; k < req.nof_pdcch; k++)
        CHECK(is_candidate(in->nof_cce, req.pdcch[k].al, req.pdcch[k].cce));
    }
  }
#if OLIVE_TEST_COUNT_ALLOCS
  CHECK(olive_test_nof_allocs == before, "slot path allocated");
#endif
  uint32_t pop = (uint32_t)__builtin_popcount(a->ssb_bitmap);
  CHECK(n_ssb == pop * 160 / a->ssb_period_ms, "period %u: %u SSBs", a->ssb_period_ms, n_ssb);
  CHECK(n_sib1 > 0 && n_sib1 <= pop * 8, "%u SIB1 in 160 ms", n_sib1);
  mac_bcast_destroy(s);
}

static void test_sweep(void)
{
  static const uint32_t periods[6] = {5, 10, 20, 40, 80, 160};
  for (uint32_t p = 0; p < 6; p++) {
    for (uint32_t bm = 1; bm < 16; bm++) {
      mac_bcast_args_t a = ref_args();
      a.ssb_period_ms = periods[p];
      a.ssb_bitmap = (uint8_t)(bm << 4);
      sweep_one(&a);
      /* 30 kHz, L_max 8, cases B and C: Table 13-4 row 0 (24 RB, 2 symbols) */
      for (int c = PHY_SSB_CASE_B; c <= PHY_SSB_CASE_C; c++) {
        a.scs_khz = 30;
        a.ssb_case = (phy_ssb_case_t)c;
        a.l_max = 8;
        a.ssb_bitmap = (uint8_t)(bm * 17u);
        a.coreset0_index = 0;
        a.offset_to_pointa = 4;
        a.min_bw_mhz = 10;
        a.nof_prb = 51;
        a.sib1_len = 20;
        sweep_one(&a);
      }
    }
  }
}

static void test_reject(void)
{
  mac_bcast_args_t a = ref_args();
  int err = 0;
  a.ssb_period_ms = 30;
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_EINVAL);
  a = ref_args();
  a.ssb_bitmap = 0xF8; /* 5 SSBs with L_max 4 */
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_EINVAL);
  a = ref_args();
  a.nof_prb = 52; /* CORESET#0 CRB 2..97 outside 52 PRBs */
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_ECONFIG);
  a = ref_args();
  a.coreset0_index = 15; /* reserved */
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_ENOTSUP);
  a = ref_args();
  a.coreset0_index = 14; /* 3 symbols: PDSCH from symbol 2 overlaps */
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_ECONFIG);
  a = ref_args();
  a.sib1_cand = 4;
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_ECONFIG);
  a = ref_args();
  a.ssb_case = PHY_SSB_CASE_B; /* 30 kHz case at 15 kHz */
  CHECK(!mac_bcast_create(&a, &err) && err == OLIVE_EINVAL);
  a = ref_args();
  mac_bcast_t *s = mac_bcast_create(&a, NULL);
  CHECK(mac_bcast_slot(s, 1024, 0, &req) == OLIVE_EINVAL);
  CHECK(mac_bcast_slot(s, 0, 10, &req) == OLIVE_EINVAL);
  CHECK(mac_bcast_slot(NULL, 0, 0, &req) == OLIVE_EINVAL);
  mac_bcast_destroy(s);
  mac_bcast_destroy(NULL);
  CHECK(!mac_bcast_create(NULL, &err) && err == OLIVE_EINVAL);
}

int main(void)
{
  test_ref_cell();
  test_mcs_choice();
  test_sib1_occasions();
  test_tdra_type_b();
  test_sweep();
  test_reject();
  return olive_test_done();
}
