/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 allocation for the broadcast scheduler: CORESET#0 and searchSpace#0 from the MIB
 * indices (TS 38.213 13), the ss0 candidate (TS 38.213 10.1, common search space Y = 0),
 * DCI 1_0 with SI-RNTI (TS 38.212 7.3.1.2.1), PDSCH time (TS 38.214 5.1.2.1.1 default
 * table A) and frequency (5.1.2.2.2, RIV within CORESET#0) allocation, DM-RS (5.1.6.2)
 * and the lowest MCS that carries the SIB1 (5.1.3). Runs at create time only. */
#include <string.h>

#include "bcast_internal.h"
#include "olive/phy/pdcch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

/* TS 38.214 5.1.3.2: no TBS above 2976 bits with SI-RNTI. */
#define SIB1_MAX_TBS 2976

/* TS 38.214 5.1.6.2, PDSCH scheduled by DCI 1_0: dmrs-AdditionalPosition pos2 for mapping
 * type A; for type B one additional DM-RS (pos1) with 7 symbols, none otherwise. */
static uint32_t sib1_add_pos(const phy_pdsch_tda_t *t)
{
  if (t->mapping == PHY_PDSCH_MAPPING_A)
    return 2;
  return t->l == 7 ? 1u : 0u;
}

static int coreset0_setup(mac_bcast_t *s)
{
  const mac_bcast_args_t *a = &s->a;
  mac_bcast_info_t *in = &s->info;
  int r = phy_coreset0_get(a->scs_khz, a->scs_khz, a->min_bw_mhz, a->coreset0_index, &in->coreset0);
  if (r < 0)
    return r;
  if (in->coreset0.pattern != 1)
    return OLIVE_ENOTSUP; /* only multiplexing pattern 1 (Table 13-11) */
  r = phy_ss0_get(a->ss0_index, &in->ss0);
  if (r < 0)
    return r;
  r = phy_coreset0_start_crb(&in->coreset0, a->offset_to_pointa, a->scs_khz, &in->coreset0_crb);
  if (r < 0)
    return OLIVE_ECONFIG;
  if (in->coreset0_crb + in->coreset0.nof_rb > a->nof_prb)
    return OLIVE_ECONFIG; /* CORESET#0 wider than the carrier */
  return 0;
}

/* The DM-RS REs per PRB of the SIB1 PDSCH (N_DMRS^PRB of 5.1.3.2); 5.1.6.2: with DCI 1_0
 * one CDM group without data for a 2-symbol PDSCH, two otherwise (type 1, single symbol). */
static int sib1_dmrs_re(const phy_pdsch_tda_t *t, uint32_t typea_pos, uint32_t *cdm)
{
  uint8_t l_bar[PHY_DMRS_MAX_SYMB];
  uint32_t ld = t->mapping == PHY_PDSCH_MAPPING_A ? (uint32_t)t->s + t->l : t->l;
  int n = phy_dmrs_pdsch_positions(t->mapping, ld, sib1_add_pos(t), typea_pos, l_bar);
  if (n < 0)
    return OLIVE_ECONFIG;
  *cdm = t->l == 2 ? 1u : 2u;
  return n * 6 * (int)*cdm; /* type 1: 6 REs per PRB per CDM group and symbol */
}

/* TS 38.214 5.1.3.1: a PDSCH scheduled with SI-RNTI uses Table 5.1.3.1-1 and the UE does
 * not expect Q_m > 2, so only MCS 0..9 qualify. Lowest one whose TBS holds the SIB1. */
static int sib1_mcs(mac_bcast_t *s, uint32_t n_prb, uint32_t dmrs_re, uint32_t bits)
{
  for (unsigned mcs = 0; mcs < 32; mcs++) {
    phy_mcs_t m;
    if (phy_tbs_mcs_get(PHY_MCS_TABLE_QAM64, mcs, false, &m) < 0 || m.reserved || m.qm > 2)
      break;
    phy_tbs_cfg_t c = {.n_symb_sh = s->info.tda.l,
                       .n_dmrs_prb = dmrs_re,
                       .n_prb = n_prb,
                       .n_layers = 1,
                       .qm = m.qm,
                       .r_x2048 = m.r_x2048};
    int tbs = phy_tbs_calc(&c);
    if (tbs > SIB1_MAX_TBS)
      break;
    if (tbs >= (int)bits) {
      s->info.sib1_mcs = mcs;
      s->info.sib1_tbs = (uint32_t)tbs;
      return 0;
    }
  }
  return OLIVE_ECONFIG;
}

/* The SIB1 RBs when the app leaves them to the scheduler (sib1_nof_rb 0): the larger of
 * the two blocks of CORESET#0 below and above the SSB's CRBs, when it can carry the SIB1.
 * A UE that knows the SSB rate-matches the PDSCH around it (TS 38.214 5.1.4), but srsUE
 * does not (its PDSCH decoder takes no reserved REs for SIB1), so a SIB1 over the SSB only
 * decodes in UEs that follow 5.1.4; srsRAN's gNB keeps SIB1 clear of the SSB the same way.
 * Falls back to the whole of CORESET#0 when neither side is large enough. */
static void sib1_auto_rbs(const mac_bcast_t *s, uint32_t dmrs_re, uint32_t bits, uint32_t *start,
                          uint32_t *n)
{
  const mac_bcast_args_t *a = &s->a;
  uint32_t n_cs = s->info.coreset0.nof_rb;
  /* SSB subcarrier 0 sits 12 offsetToPointA + k_SSB subcarriers of 15 kHz above point A
   * (TS 38.211 4.4.4.2, 7.4.3.1; FR1); in the common SCS that is subcarrier sc0, and the
   * 240 subcarriers cover CRBs sc0 / 12 .. (sc0 + 239) / 12 (21 of them unless aligned). */
  uint32_t sc0 = (12u * a->offset_to_pointa + a->k_ssb) >> s->mu;
  uint32_t ssb_lo = sc0 / 12u - s->info.coreset0_crb;
  uint32_t ssb_hi = (sc0 + 239u) / 12u + 1u - s->info.coreset0_crb;
  uint32_t below = ssb_lo < n_cs ? ssb_lo : n_cs;
  uint32_t above = ssb_hi < n_cs ? n_cs - ssb_hi : 0;
  uint32_t cand[2][2] = {{0, below}, {ssb_hi, above}};
  if (above > below) {
    cand[0][0] = ssb_hi, cand[0][1] = above;
    cand[1][0] = 0, cand[1][1] = below;
  }
  *start = 0;
  *n = n_cs;
  for (int i = 0; i < 2; i++) {
    mac_bcast_t probe = *s;
    if (cand[i][1] > 0 && sib1_mcs(&probe, cand[i][1], dmrs_re, bits) == 0) {
      *start = cand[i][0];
      *n = cand[i][1];
      return;
    }
  }
}

static int pdsch_setup(mac_bcast_t *s, phy_pdsch_pdu_t *p, uint32_t sib1_len)
{
  const mac_bcast_args_t *a = &s->a;
  mac_bcast_info_t *in = &s->info;
  int r = phy_pdsch_tda_default_a(a->sib1_tdra_row, a->typea_pos, &in->tda);
  if (r < 0 || in->tda.k0 != 0)
    return OLIVE_ECONFIG; /* SIB1 is sent in the PDCCH's slot */
  uint32_t cdm;
  int dmrs_re = sib1_dmrs_re(&in->tda, a->typea_pos, &cdm);
  if (dmrs_re < 0)
    return dmrs_re;
  uint32_t n_cs = in->coreset0.nof_rb;
  uint32_t rb0 = a->sib1_rb_start, n_rb = a->sib1_nof_rb;
  if (n_rb == 0)
    sib1_auto_rbs(s, (uint32_t)dmrs_re, sib1_len * 8u, &rb0, &n_rb);
  if (rb0 >= n_cs || phy_riv_encode(n_cs, rb0, n_rb, &in->sib1_riv))
    return OLIVE_ECONFIG;
  r = sib1_mcs(s, n_rb, (uint32_t)dmrs_re, sib1_len * 8u);
  if (r < 0)
    return r;
  *p = (phy_pdsch_pdu_t){.rnti = MAC_SI_RNTI,
                         .rnti_type = PHY_RNTI_SI,
                         .prb_start = (uint16_t)(in->coreset0_crb + rb0),
                         .nof_prb = (uint16_t)n_rb,
                         .dmrs_ref_crb = (uint16_t)in->coreset0_crb,
                         .mapping = in->tda.mapping,
                         .first_symb = in->tda.s,
                         .nof_symb = in->tda.l,
                         .dmrs_type = PHY_DMRS_TYPE1,
                         .typea_pos = (uint8_t)a->typea_pos,
                         .add_pos = (uint8_t)sib1_add_pos(&in->tda),
                         .cdm_groups_no_data = (uint8_t)cdm,
                         .dmrs_id = a->pci,
                         .mcs_table = PHY_MCS_TABLE_QAM64,
                         .mcs = (uint8_t)in->sib1_mcs,
                         .rv = 0,
                         .n_id = a->pci,
                         .tbs = in->sib1_tbs,
                         .tb_len = in->sib1_tbs / 8u};
  return 0;
}

/* DCI 1_0 with CRC scrambled by SI-RNTI (TS 38.212 7.3.1.2.1): FDRA sized by CORESET#0,
 * TDRA row - 1, MCS, RV 0, system information indicator 0 (SIB1). */
static int dci_setup(mac_bcast_t *s, phy_pdcch_pdu_t *p)
{
  phy_dci_size_cfg_t sc = {.n_rb_dl = s->info.coreset0.nof_rb, .n_rb_ul = s->a.nof_prb};
  phy_dci_sizes_t sz;
  int r = phy_dci_sizes(&sc, &sz);
  if (r < 0)
    return r;
  phy_dci_1_0_t d = {.fdra = s->info.sib1_riv,
                     .tdra = s->a.sib1_tdra_row - 1u,
                     .mcs = s->info.sib1_mcs,
                     .rv = 0,
                     .sii = 0};
  r = phy_dci_1_0_pack(&sz, PHY_RNTI_SI, &d, p->dci);
  if (r < 0)
    return r;
  p->dci_len = (uint16_t)r;
  s->info.dci_len = (uint32_t)r;
  return 0;
}

/* The CORESET#0 instance of SSB i's occasion and the ss0 candidate (38.213 10.1: CSS, so
 * Y = 0 and the candidate does not depend on the slot; srsUE: AL4 x4, AL8 x2). */
static int pdcch_setup(mac_bcast_t *s, phy_pdcch_pdu_t *p, uint32_t first_symb)
{
  const mac_bcast_args_t *a = &s->a;
  int r = phy_coreset_from_coreset0(&p->coreset, &s->info.coreset0, s->info.coreset0_crb,
                                    first_symb, a->pci);
  int n_cce = r < 0 ? r : phy_coreset_nof_cce(&p->coreset);
  if (n_cce < 0)
    return n_cce;
  s->info.nof_cce = (uint32_t)n_cce;
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}, .rnti = MAC_SI_RNTI};
  uint32_t cce[PHY_PDCCH_MAX_CAND];
  int m = phy_ss_candidates(&ss, (uint32_t)n_cce, a->sib1_al, 0, cce);
  if (m < 0 || a->sib1_cand >= (uint32_t)m)
    return OLIVE_ECONFIG;
  p->dmrs_rb_offset = -(int32_t)s->info.coreset0_crb;
  p->n_id_dmrs = p->n_id = a->pci;
  p->n_rnti = 0;
  p->rnti = MAC_SI_RNTI;
  p->rnti_type = PHY_RNTI_SI;
  p->al = (uint8_t)a->sib1_al;
  p->cce = (uint16_t)cce[a->sib1_cand];
  return dci_setup(s, p);
}

/* One occasion per transmitted SSB; a slot already taken by a lower SSB index is left to
 * it (one SIB1 per slot). */
static int occasions_setup(mac_bcast_t *s, const phy_pdsch_pdu_t *pdsch)
{
  s->nof_occ = 0;
  for (uint32_t i = 0; i < s->a.l_max; i++) {
    if (!((s->a.ssb_bitmap >> (7u - i)) & 1u))
      continue;
    phy_ss0_occasion_t o;
    int r = phy_ss0_occasion(&s->info.ss0, s->mu, i, s->info.coreset0.nof_symb, &o);
    if (r < 0)
      return r;
    if (o.first_symb + s->info.coreset0.nof_symb > s->info.tda.s)
      return OLIVE_ECONFIG; /* PDSCH would start inside the CORESET */
    int taken = 0;
    for (uint32_t k = 0; k < s->nof_occ; k++)
      taken |= s->occ[k].slot == o.n0 && s->occ[k].sfn_parity == o.sfn_parity;
    if (taken)
      continue;
    mac_bcast_occ_t *oc = &s->occ[s->nof_occ];
    oc->ssb_idx = i;
    oc->slot = o.n0;
    oc->sfn_parity = o.sfn_parity;
    oc->pdsch = *pdsch;
    r = pdcch_setup(s, &oc->pdcch, o.first_symb);
    if (r < 0)
      return r;
    s->nof_occ++;
  }
  return 0;
}

int mac_bcast_sib1_init(mac_bcast_t *s, const uint8_t *sib1)
{
  int r = coreset0_setup(s);
  if (r < 0)
    return r;
  phy_pdsch_pdu_t pdsch;
  r = pdsch_setup(s, &pdsch, s->a.sib1_len);
  if (r < 0)
    return r;
  s->tb = olive_mem_alloc(pdsch.tb_len);
  if (!s->tb)
    return OLIVE_ENOMEM;
  memcpy(s->tb, sib1, s->a.sib1_len);
  pdsch.tb = s->tb;
  return occasions_setup(s, &pdsch);
}
