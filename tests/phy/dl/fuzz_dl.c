/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for phy_dl_slot(): a valid slot request (byte 0 picks the SIB1 slot of
 * test_dl_sib1.c or a 2-SSB slot with a 256QAM PDSCH and a UE-specific PDCCH) with up to
 * 8 bytes anywhere in the request overwritten ((offset low, offset high, value) triples
 * from the input), the TB pointers then restored to a buffer of max_tbs / 8 bytes and the
 * one bool brought back to 0/1. Every
 * request must come back as 0 (or OLIVE_EINVAL when slot or SFN left their range) with
 * every PDU either sent or counted as rejected; crashes and sanitizer reports fail. */
#include <stdlib.h>

#include "dl_ref.h"
#include "olive/support/error.h"

#define MAX_EDITS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static phy_dl_t *q;
static cf_t *out;
static uint8_t *tb;
static phy_dl_slot_req_t tmpl[2];

static void make_templates(void)
{
  phy_dl_slot_req_t *r = &tmpl[0];
  r->sfn = 123;
  r->nof_ssb = r->nof_pdcch = r->nof_pdsch = 1;
  r->ssb[0] = ref_ssb(r->sfn, 0, 4, 2);
  ref_pdcch_si(&r->pdcch[0], 4, 8, 10, 48, 4);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + 10, 48, 4);
  r->pdsch[0] = ref_pdsch_pdu(&c, REF_CS0_CRB, tb, (uint32_t)phy_pdsch_tbs(&c));
  r = &tmpl[1];
  *r = tmpl[0];
  r->nof_ssb = 2;
  r->ssb[1] = ref_ssb(r->sfn, 1, 4, 8);
  phy_pdcch_pdu_t *p = &r->pdcch[0];
  memset(&p->coreset, 0, sizeof(p->coreset));
  for (uint32_t g = 0; g < 16; g++) {
    p->coreset.groups[g] = 1;
  }
  p->coreset.nof_symb = 1;
  p->coreset.reg_bundle = 6;
  p->dmrs_rb_offset = 0;
  p->rnti = 0x4601;
  p->al = 2;
  p->cce = 2;
  c.tda = (phy_pdsch_tda_t){PHY_PDSCH_MAPPING_A, 0, 0, 14};
  c.prb_start = 0;
  c.nof_prb = 106;
  c.crb0 = 0;
  c.add_pos = 1;
  c.mcs_table = PHY_MCS_TABLE_QAM256;
  c.mcs = 20;
  c.rnti = 0x4601;
  r->pdsch[0] = ref_pdsch_pdu(&c, 0, tb, (uint32_t)phy_pdsch_tbs(&c));
}

static int setup(void)
{
  phy_carrier_t car = ref_carrier(0, 106, 23.04e6);
  phy_dl_args_t a = {.carrier = car, .plan = PHY_OFDM_PLAN_ESTIMATE};
  q = phy_dl_create(&a, NULL);
  out = malloc(sizeof(cf_t) * phy_dl_slot_len(q, 0));
  tb = calloc(1u << 17, 1); /* >= max_tbs / 8 of 106 PRBs (about 12 kB) */
  if (q == NULL || out == NULL || tb == NULL) {
    abort();
  }
  make_templates();
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static int ready;
  static phy_dl_slot_req_t req;
  if (!ready) {
    ready = setup();
  }
  req = tmpl[size > 0 ? data[0] & 1u : 0];
  uint8_t *raw = (uint8_t *)&req;
  for (size_t i = 1; i + 3 <= size && i < 1 + 3 * MAX_EDITS; i += 3) {
    raw[(data[i] | (size_t)data[i + 1] << 8) % sizeof(req)] = data[i + 2];
  }
  for (uint32_t i = 0; i < PHY_DL_SLOT_MAX_PDSCH; i++) {
    req.pdsch[i].tb = req.pdsch[i].tb != NULL ? tb : NULL;
  }
  /* A C caller cannot hand over a bool other than 0 or 1 (reading one is undefined). */
  for (uint32_t i = 0; i < PHY_DL_SLOT_MAX_PDCCH; i++) {
    uint8_t b;
    memcpy(&b, &req.pdcch[i].coreset.interleaved, 1);
    req.pdcch[i].coreset.interleaved = b & 1u;
  }
  phy_dl_slot_stats_t st = {0};
  int r = phy_dl_slot(q, &req, out, &st);
  if (r == OLIVE_EINVAL && (req.slot >= 10 || req.sfn > 1023)) {
    return 0;
  }
  uint32_t sent = st.nof_ssb + st.nof_pdcch + st.nof_pdsch;
  if (r != 0 || sent + st.nof_rejected != (uint32_t)req.nof_ssb + req.nof_pdcch + req.nof_pdsch) {
    abort();
  }
  return 0;
}
