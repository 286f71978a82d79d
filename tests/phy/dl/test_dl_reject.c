/* SPDX-License-Identifier: Apache-2.0 */
/* Invalid PDUs are skipped and counted, and change nothing else: the SIB1 request of
 * test_dl_sib1.c (which a UE decodes) with 18 invalid SSB, PDCCH and PDSCH PDUs mixed in
 * before and after the valid ones (two such requests: the SSB array holds 4) must give
 * nof_rejected = the number of invalid PDUs,
 * one of each valid kind sent, and samples bit-identical to the clean request. Each
 * invalid PDU breaks one rule of dl.h (ranges of slot_request.h; TS 38.213 10.1 for the
 * CCE; Table 7.4.3.1-1 / 38.213 4.1 for the SSB symbols). Also: PDU counts above the
 * array sizes, a PDSCH meeting more than PHY_PDSCH_MAX_RESERVED rectangles, and the
 * argument errors of phy_dl_create / phy_dl_slot. A counting allocator (dl_alloc.h) sees
 * create's allocations and none in any phy_dl_slot() call, valid or rejected. */
#include <stdlib.h>

#include "olive_test_alloc.h"
#include "dl_ref.h"
#include "olive/support/error.h"

#define MCS 4u
#define RB0 10u
#define NRB 48u

static phy_dl_slot_req_t clean, dirty;
static uint8_t tb[1024];
static uint32_t nof_bad;

static void build_clean(void)
{
  memset(&clean, 0, sizeof(clean));
  clean.sfn = 123;
  clean.nof_ssb = clean.nof_pdcch = clean.nof_pdsch = 1;
  clean.ssb[0] = ref_ssb(clean.sfn, 0, 4, 2);
  ref_pdcch_si(&clean.pdcch[0], 4, 8, RB0, NRB, MCS);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + RB0, NRB, MCS);
  clean.pdsch[0] = ref_pdsch_pdu(&c, REF_CS0_CRB, tb, (uint32_t)phy_pdsch_tbs(&c));
}

#define BAD_SSB(field_change)                                                                      \
  do {                                                                                             \
    phy_ssb_pdu_t *s_ = &dirty.ssb[dirty.nof_ssb++];                                               \
    *s_ = clean.ssb[0];                                                                            \
    field_change;                                                                                  \
    nof_bad++;                                                                                     \
  } while (0)
#define BAD_PDCCH(field_change)                                                                    \
  do {                                                                                             \
    phy_pdcch_pdu_t *p_ = &dirty.pdcch[dirty.nof_pdcch++];                                         \
    *p_ = clean.pdcch[0];                                                                          \
    field_change;                                                                                  \
    nof_bad++;                                                                                     \
  } while (0)
#define BAD_PDSCH(field_change)                                                                    \
  do {                                                                                             \
    phy_pdsch_pdu_t *d_ = &dirty.pdsch[dirty.nof_pdsch++];                                         \
    *d_ = clean.pdsch[0];                                                                          \
    field_change;                                                                                  \
    nof_bad++;                                                                                     \
  } while (0)

/* Two requests (the SSB array holds 4): each with 3 invalid SSBs and the valid one. */
static void build_dirty(int variant)
{
  memset(&dirty, 0, sizeof(dirty));
  nof_bad = 0;
  dirty.sfn = clean.sfn;
  if (variant == 0) {
    BAD_SSB(s_->first_symb = 11); /* 4 symbols from 11 leave the slot */
    BAD_SSB(s_->pci = 1008);
    BAD_SSB(s_->mib ^= 1u << 17); /* SFN field no longer the request's */
  } else {
    BAD_SSB(s_->offset_to_pointa = 90); /* 12 * 90 + 6 + 240 > 1272 subcarriers */
    BAD_SSB(s_->ssb_idx = 4);           /* >= L_max 4 */
    BAD_SSB(s_->k_ssb = 24);
  }
  dirty.ssb[dirty.nof_ssb++] = clean.ssb[0];
  BAD_PDCCH(p_->al = 3);
  BAD_PDCCH(p_->cce = 2);  /* AL 4 candidates start at multiples of 4 */
  BAD_PDCCH(p_->cce = 16); /* CORESET#0 has 16 CCEs */
  dirty.pdcch[dirty.nof_pdcch++] = clean.pdcch[0];
  BAD_PDCCH(p_->coreset.start_rb = 20); /* 96 RBs from 20 leave the 106-PRB carrier */
  BAD_PDCCH(p_->dci_len = 141);
  BAD_PDCCH(p_->coreset.first_symb = UINT32_MAX);    /* first_symb + 1 wraps to 0 */
  BAD_PDCCH(p_->coreset.start_rb = UINT32_MAX - 16); /* start_rb + 96 wraps */
  BAD_PDCCH(p_->dmrs_rb_offset = INT32_MAX);         /* DM-RS RB beyond any CRB */
  BAD_PDSCH(d_->prb_start = 100);                    /* 100 + 48 > 106 */
  BAD_PDSCH(d_->tb_len = d_->tb_len - 1);
  BAD_PDSCH(d_->tb = NULL);
  BAD_PDSCH(d_->mcs = 40);
  dirty.pdsch[dirty.nof_pdsch++] = clean.pdsch[0];
  BAD_PDSCH(d_->tbs = 1u << 20; d_->tb_len = 1u << 17); /* above max_tbs */
  BAD_PDSCH(d_->nof_symb = 0);
  BAD_PDSCH(d_->prb_start = 1); /* below its DM-RS reference CRB 2 */
}

static void check_api(phy_dl_t *q, cf_t *x)
{
  phy_carrier_t bad = ref_carrier(0, 0, 0);
  int err = 0;
  CHECK(phy_dl_create(&(phy_dl_args_t){.carrier = bad}, &err) == NULL && err == OLIVE_EINVAL);
  phy_dl_args_t big = {.carrier = ref_carrier(0, 25, 0), .max_tbs = 1u << 24};
  CHECK(phy_dl_create(&big, &err) == NULL && err == OLIVE_EINVAL, "max_tbs above the carrier");
  CHECK(phy_dl_create(NULL, NULL) == NULL);
  phy_dl_destroy(NULL);
  phy_dl_slot_req_t r = clean;
  r.slot = 10; /* 15 kHz: slots 0..9 */
  CHECK(phy_dl_slot(q, &r, x, NULL) == OLIVE_EINVAL);
  r.slot = 0;
  r.sfn = 1024;
  CHECK(phy_dl_slot(q, &r, x, NULL) == OLIVE_EINVAL);
  CHECK(phy_dl_slot(NULL, &clean, x, NULL) == OLIVE_EINVAL);
  CHECK(phy_dl_slot(q, NULL, x, NULL) == OLIVE_EINVAL);
  CHECK(phy_dl_slot(q, &clean, NULL, NULL) == OLIVE_EINVAL);
}

/* Counts above PHY_DL_SLOT_MAX_*: the excess is rejected, the rest processed. A CORESET
 * of 9 separate 6-RB groups gives a full-band PDSCH 9 rectangles to avoid (> 8). */
static void check_limits(phy_dl_t *q, cf_t *x)
{
  static phy_dl_slot_req_t r;
  r = clean;
  r.nof_pdcch = PHY_DL_SLOT_MAX_PDCCH + 4;
  for (uint32_t i = 0; i < PHY_DL_SLOT_MAX_PDCCH; i++) {
    r.pdcch[i] = clean.pdcch[0];
    r.pdcch[i].al = 3;
  }
  phy_dl_slot_stats_t st;
  CHECK(phy_dl_slot(q, &r, x, &st) == 0);
  CHECK(st.nof_ssb == 1 && st.nof_pdcch == 0 && st.nof_pdsch == 1 && st.nof_rejected == 20,
        "over the count: %u %u %u %u", st.nof_ssb, st.nof_pdcch, st.nof_pdsch, st.nof_rejected);
  r = clean;
  r.nof_ssb = 0;
  phy_coreset_t *cs = &r.pdcch[0].coreset;
  memset(cs->groups, 0, sizeof(cs->groups));
  for (uint32_t g = 0; g < 17; g += 2) {
    cs->groups[g] = 1;
  }
  cs->interleaved = false;
  cs->start_rb = 0;
  r.pdcch[0].cce = 0;
  r.pdcch[0].dmrs_rb_offset = 0;
  r.pdsch[0].first_symb = 0;
  r.pdsch[0].nof_symb = 14;
  r.pdsch[0].prb_start = REF_CS0_CRB; /* CRBs 2..105 meet all 9 groups */
  r.pdsch[0].nof_prb = 104;
  CHECK(phy_dl_slot(q, &r, x, &st) == 0);
  CHECK(st.nof_pdcch == 1 && st.nof_pdsch == 0 && st.nof_rejected == 1, "9 rectangles: %u %u %u",
        st.nof_pdcch, st.nof_pdsch, st.nof_rejected);
}

int main(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(99);
  for (size_t i = 0; i < sizeof(tb); i++) {
    tb[i] = (uint8_t)olive_test_u64(&rng);
  }
  phy_carrier_t car = ref_carrier(0, 106, 23.04e6);
  unsigned long at_start = olive_test_nof_allocs;
  phy_dl_t *q = ref_dl_create(&car);
  CHECK(!OLIVE_TEST_COUNT_ALLOCS || olive_test_nof_allocs > at_start,
        "the counter sees create's allocations");
  if (q == NULL) {
    return olive_test_done();
  }
  uint32_t len = phy_dl_slot_len(q, 0);
  cf_t *a = calloc(len, sizeof(cf_t)), *b = calloc(len, sizeof(cf_t));
  build_clean();
  phy_dl_slot_stats_t st;
  unsigned long before = olive_test_nof_allocs;
  CHECK(phy_dl_slot(q, &clean, a, &st) == 0 && st.nof_rejected == 0);
  for (int v = 0; v < 2; v++) {
    build_dirty(v);
    CHECK(phy_dl_slot(q, &dirty, b, &st) == 0);
    CHECK(st.nof_ssb == 1 && st.nof_pdcch == 1 && st.nof_pdsch == 1 && st.nof_rejected == nof_bad,
          "stats %u %u %u rejected %u of %u", st.nof_ssb, st.nof_pdcch, st.nof_pdsch,
          st.nof_rejected, nof_bad);
    CHECK(memcmp(a, b, len * sizeof(cf_t)) == 0, "samples differ from the clean request's");
  }
  check_limits(q, a);
  CHECK(olive_test_nof_allocs == before, "phy_dl_slot allocated %lu times",
        olive_test_nof_allocs - before);
  check_api(q, a);
  free(a);
  free(b);
  phy_dl_destroy(q);
  return olive_test_done();
}
