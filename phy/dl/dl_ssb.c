/* SPDX-License-Identifier: Apache-2.0 */
/* One SS/PBCH block of a slot request: PSS, SSS (TS 38.211 7.4.2), PBCH (TS 38.212 7.1,
 * TS 38.211 7.3.3) and its DM-RS (7.4.1.4) mapped by Table 7.4.3.1-1, through phy_pbch. */
#include <math.h>

#include "dl_internal.h"
#include "olive/support/error.h"

/* TS 38.212 7.1.1: the PBCH timing bits of the request and the PDU. The MIB's SFN field
 * (a_1 .. a_6, bits 22..17 of pdu->mib) must carry the 6 MSBs of the request's SFN, or
 * the UE would read a different frame number than the payload's 4 LSBs imply. */
static int ssb_msg(const phy_dl_slot_req_t *req, const phy_ssb_pdu_t *p, phy_pbch_msg_t *m)
{
  if (p->mib >= (1u << PHY_BCH_MSG_BITS) || ((p->mib >> 17) & 0x3Fu) != (uint32_t)req->sfn >> 4) {
    return OLIVE_EINVAL;
  }
  for (uint32_t i = 0; i < PHY_BCH_MSG_BITS; i++) {
    m->bch[i] = (uint8_t)((p->mib >> (PHY_BCH_MSG_BITS - 1u - i)) & 1u);
  }
  m->sfn = req->sfn;
  m->hrf = p->hrf;
  m->ssb_idx = p->ssb_idx;
  m->k_ssb = p->k_ssb;
  return 0;
}

/* Position of the SSB in the grid: the carrier with this PDU's offsetToPointA and k_SSB
 * (TS 38.211 7.4.3.1, 4.4.4.2; phy_carrier_ssb_k0 checks it fits and, at 30 kHz, that it
 * sits on the carrier's subcarrier raster). */
static int ssb_cfg(const phy_dl_t *q, const phy_ssb_pdu_t *p, phy_pbch_cfg_t *c)
{
  if (p->pci > PHY_NID_CELL_MAX || (p->l_max != 4 && p->l_max != 8) || p->ssb_idx >= p->l_max ||
      p->hrf > 1 || p->first_symb > PHY_NSYMB_SLOT - PHY_SSB_NSYMB || p->k_ssb > 23 ||
      (p->beta_pss_db != 0 && p->beta_pss_db != 3)) {
    return OLIVE_EINVAL;
  }
  phy_carrier_t cr = q->carrier;
  cr.offset_to_pointa = p->offset_to_pointa;
  cr.k_ssb = p->k_ssb;
  uint32_t k0;
  int r = phy_carrier_ssb_k0(&cr, &k0);
  if (r < 0) {
    return r;
  }
  /* TS 38.213 4.1: PSS EPRE 0 or 3 dB above the common SSS/PBCH/DM-RS EPRE. */
  float beta_pss = p->beta_pss_db == 3 ? powf(10.0f, 3.0f / 20.0f) : 1.0f;
  *c = (phy_pbch_cfg_t){.map = {.k0 = k0,
                                .l0 = p->first_symb,
                                .n_id = p->pci,
                                .beta_pss = beta_pss,
                                .beta_sss = 1.0f,
                                .beta_pbch = 1.0f,
                                .beta_dmrs = 1.0f},
                        .l_max = p->l_max};
  return 0;
}

int dl_ssb(phy_dl_t *q, const phy_dl_slot_req_t *req, const phy_ssb_pdu_t *p)
{
  phy_pbch_cfg_t c;
  phy_pbch_msg_t m;
  phy_pdsch_reserved_t rr;
  int r = ssb_cfg(q, p, &c);
  if (r == 0) {
    r = ssb_msg(req, p, &m);
  }
  if (r == 0) {
    r = phy_pdsch_reserved_ssb(c.map.k0, c.map.l0, &rr);
  }
  if (r == 0 && q->nof_res >= DL_MAX_RESERVED) {
    r = OLIVE_ERANGE;
  }
  if (r == 0) {
    r = phy_pbch_encode(&q->pbch, &c, &m, &q->grid, 0);
  }
  if (r < 0) {
    return r;
  }
  q->res[q->nof_res++] = rr;
  return 0;
}
