/* SPDX-License-Identifier: Apache-2.0 */
/* One PDSCH codeword of a slot request (TS 38.212 7.2, TS 38.211 7.3.1, DM-RS 7.4.1.1)
 * through phy_pdsch, rate-matched around the SSBs and CORESETs already in the slot
 * (TS 38.214 5.1.4, as olive/phy/slot_request.h specifies). */
#include "dl_internal.h"
#include "olive/support/error.h"

static bool overlaps(const phy_pdsch_reserved_t *r, const phy_pdsch_cfg_t *c)
{
  uint32_t s = c->tda.s, e = s + c->tda.l;
  return r->first_prb < c->prb_start + c->nof_prb && r->first_prb + r->nof_prb > c->prb_start &&
         r->first_symb < e && r->first_symb + r->nof_symb > s;
}

/* The slot's rectangles that meet the allocation (the others change nothing). */
static int pdsch_reserved(const phy_dl_t *q, phy_pdsch_cfg_t *c)
{
  c->nof_reserved = 0;
  for (uint32_t i = 0; i < q->nof_res; i++) {
    if (!overlaps(&q->res[i], c)) {
      continue;
    }
    if (c->nof_reserved == PHY_PDSCH_MAX_RESERVED) {
      return OLIVE_ERANGE;
    }
    c->reserved[c->nof_reserved++] = q->res[i];
  }
  return 0;
}

/* PDU (common RBs) -> phy_pdsch_cfg_t (grid PRBs). The DM-RS reference CRB becomes the
 * crb0 of phy_pdsch_cfg_t: the index of grid PRB 0 counted from that CRB. It is negative
 * when the reference lies above the carrier start (CORESET#0, 38.211 7.4.1.1.2); phy_pdsch
 * only ever uses crb0 + PRB with PRB >= the reference, so the unsigned (mod 2^32) value
 * gives the right sequence index. */
static int pdsch_cfg(const phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_pdsch_pdu_t *p,
                     phy_pdsch_cfg_t *c)
{
  uint32_t start = q->carrier.start_prb;
  if (p->tb == NULL || p->tbs == 0 || p->tbs > q->max_tbs || (uint64_t)p->tb_len * 8u != p->tbs ||
      p->prb_start < start || p->prb_start < p->dmrs_ref_crb) {
    return OLIVE_EINVAL;
  }
  *c = (phy_pdsch_cfg_t){.slot = req->slot,
                         .crb0 = start - p->dmrs_ref_crb,
                         .tda = {.mapping = p->mapping, .s = p->first_symb, .l = p->nof_symb},
                         .prb_start = p->prb_start - start,
                         .nof_prb = p->nof_prb,
                         .dmrs_type = p->dmrs_type,
                         .typea_pos = p->typea_pos,
                         .add_pos = p->add_pos,
                         .dmrs_id = p->dmrs_id,
                         .cdm_groups_no_data = p->cdm_groups_no_data,
                         .n_layers = 1,
                         .rnti = p->rnti,
                         .n_id = p->n_id,
                         .mcs_table = p->mcs_table,
                         .mcs = p->mcs,
                         .tbs = p->tbs,
                         .rv = p->rv};
  return pdsch_reserved(q, c);
}

int dl_pdsch(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_pdsch_pdu_t *p)
{
  phy_pdsch_cfg_t c;
  int r = pdsch_cfg(q, req, p, &c);
  if (r == 0) {
    r = phy_pdsch_encode(&q->pdsch, &c, p->tb, &q->grid);
  }
  return r < 0 ? r : 0;
}
