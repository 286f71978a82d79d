/* SPDX-License-Identifier: Apache-2.0 */
/* One DCI of a slot request on its PDCCH (TS 38.212 7.3, TS 38.211 7.3.2, DM-RS 7.4.1.3),
 * through phy_pdcch, and the CORESET rectangles a PDSCH of the slot avoids (the
 * request's convention, olive/phy/slot_request.h; TS 38.214 5.1.4). */
#include <string.h>

#include "dl_internal.h"
#include "olive/support/error.h"

#define DL_CORESET_MAX_RUNS (PHY_CORESET_MAX_GROUPS / 2u + 1u) /* alternating 6-RB groups */

/* The CORESET inside the carrier's RBs and symbols (each term bounded first, so no sum
 * wraps); its DM-RS reference RB inside the CRBs a DM-RS sequence covers (7.4.1.3.2); the
 * candidate at a multiple of its aggregation level inside the CORESET's CCEs (TS 38.213
 * 10.1: first CCE L * (...)). */
static int pdcch_check(const phy_dl_t *q, const phy_pdcch_pdu_t *p)
{
  const phy_coreset_t *c = &p->coreset;
  uint32_t last = 0, n = q->carrier.nof_prb;
  for (uint32_t g = 0; g < PHY_CORESET_MAX_GROUPS; g++) {
    last = c->groups[g] ? g + 1 : last;
  }
  int64_t ref = (int64_t)c->start_rb + p->dmrs_rb_offset;
  if (last == 0 || c->start_rb > n || 6u * last > n - c->start_rb || c->nof_symb < 1 ||
      c->nof_symb > PHY_CORESET_MAX_SYMB || c->first_symb >= PHY_NSYMB_SLOT ||
      c->first_symb + c->nof_symb > PHY_NSYMB_SLOT || ref < 0 ||
      ref + 6 * last > PHY_DMRS_MAX_CRB) {
    return OLIVE_EINVAL;
  }
  int n_cce = phy_coreset_nof_cce(c);
  uint32_t al = p->al;
  if (n_cce < 0 || al == 0 || al > PHY_PDCCH_MAX_AL || (al & (al - 1u)) != 0 || p->cce % al != 0 ||
      p->cce + al > (uint32_t)n_cce || p->dci_len > PHY_DCI_MAX_BITS) {
    return OLIVE_EINVAL;
  }
  return 0;
}

static bool res_known(const phy_dl_t *q, const phy_pdsch_reserved_t *r)
{
  for (uint32_t i = 0; i < q->nof_res; i++) {
    if (memcmp(&q->res[i], r, sizeof(*r)) == 0) {
      return true;
    }
  }
  return false;
}

/* The CORESET's runs not yet listed, into out; OLIVE_ERANGE when q->res cannot take them. */
static int pdcch_new_res(const phy_dl_t *q, const phy_coreset_t *c,
                         phy_pdsch_reserved_t out[DL_CORESET_MAX_RUNS])
{
  phy_pdsch_reserved_t all[DL_CORESET_MAX_RUNS];
  int n = phy_pdsch_reserved_coreset(c, all, DL_CORESET_MAX_RUNS);
  if (n < 0) {
    return n;
  }
  uint32_t m = 0;
  for (int i = 0; i < n; i++) {
    if (!res_known(q, &all[i])) {
      out[m++] = all[i];
    }
  }
  return q->nof_res + m > DL_MAX_RESERVED ? OLIVE_ERANGE : (int)m;
}

int dl_pdcch(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_pdcch_pdu_t *p)
{
  phy_pdsch_reserved_t add[DL_CORESET_MAX_RUNS];
  int r = pdcch_check(q, p);
  int n = r < 0 ? r : pdcch_new_res(q, &p->coreset, add);
  if (n < 0) {
    return n;
  }
  phy_pdcch_cfg_t c = {.coreset = &p->coreset,
                       .mu = q->carrier.mu,
                       .slot = req->slot,
                       .n_id_dmrs = p->n_id_dmrs,
                       .dmrs_rb_offset = p->dmrs_rb_offset,
                       .n_id = p->n_id,
                       .n_rnti = p->n_rnti,
                       .beta_dmrs = 1.0f};
  r = phy_pdcch_encode(&q->pdcch, &c, p->cce, p->al, p->rnti, p->dci, p->dci_len, &q->grid, 0);
  if (r < 0) {
    return r;
  }
  memcpy(&q->res[q->nof_res], add, (size_t)n * sizeof(add[0]));
  q->nof_res += (uint32_t)n;
  return 0;
}
