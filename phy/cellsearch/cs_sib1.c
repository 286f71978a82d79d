/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 acquisition: CORESET#0 and Type0-PDCCH occasions from the MIB (TS 38.213 13), PDCCH
 * blind decoding on SI-RNTI, DCI 1_0 (TS 38.212 7.3.1.2.1), PDSCH (TS 38.214 5.1). The
 * slot is demodulated on a virtual carrier exactly CORESET#0 wide (grid PRB 0 = the
 * CORESET's lowest CRB), which is also the reference of the PDCCH DM-RS (38.211
 * 7.4.1.3.2) and of the PDSCH DM-RS for DCI 1_0 in the Type0 CSS (7.4.1.1.2). */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "cellsearch_internal.h"
#include "olive/phy/dci.h"
#include "olive/support/error.h"

/* What the MIB and the SSB fix for every occasion. */
typedef struct sib1_ctx {
  phy_cellsearch_mib_t mib;
  phy_coreset0_t row;
  phy_ss0_occasion_t occ;
  phy_ofdm_t *dem;
  double center_off_hz; /* virtual carrier centre minus baseband DC */
  uint32_t ssb_k0;      /* SSB subcarrier 0 in the CORESET grid */
  uint32_t dci_bits;
  phy_dci_sizes_t sizes;
  phy_coreset_t coreset;
} sib1_ctx_t;

/* TS 38.211 7.4.3.1 and 38.213 13: SSB subcarrier 0 is k_SSB 15 kHz subcarriers above the
 * start of CRB N_CRB^SSB, and CORESET#0 starts `offset` RBs below that CRB. */
static int sib1_setup(const phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                      const phy_cellsearch_res_t *cell, uint32_t min_bw, sib1_ctx_t *c)
{
  uint32_t mu = q->args.mu, scs = PHY_SCS_HZ(mu);
  int r = phy_cellsearch_mib_parse(cell->bch, &c->mib);
  if (r < 0) {
    return r;
  }
  /* 38.213 13: k_SSB > 23 (FR1) says there is no CORESET#0; one numerology only */
  if (cell->k_ssb > 23 || c->mib.scs_common != mu || (mu == 1 && (cell->k_ssb & 1u))) {
    return OLIVE_ENOTSUP;
  }
  r = phy_coreset0_get(scs / 1000, scs / 1000, min_bw, c->mib.coreset0, &c->row);
  phy_ss0_t ss0;
  if (r < 0 || c->row.pattern != 1 || phy_ss0_get(c->mib.ss0, &ss0) < 0 ||
      phy_ss0_occasion(&ss0, mu, cell->ssb_idx, c->row.nof_symb, &c->occ) < 0) {
    return r < 0 ? r : OLIVE_ENOTSUP;
  }
  uint32_t i = c->row.nof_rb == 24 ? 0 : c->row.nof_rb == 48 ? 1 : 2;
  if (!q->cs_ok[i] || c->row.offset_rb < 0) {
    return OLIVE_ENOTSUP; /* wider than N_fft at this sample rate */
  }
  c->dem = (phy_ofdm_t *)&q->cs_dem[i];
  c->ssb_k0 = cell->k_ssb * 15000u / scs + (uint32_t)c->row.offset_rb * PHY_NSC_RB;
  double start = cfg->ssb_offset_hz - 120.0 * scs - cell->k_ssb * 15e3 -
                 (double)c->row.offset_rb * PHY_NSC_RB * scs;
  c->center_off_hz = start + 6.0 * c->row.nof_rb * scs;
  phy_dci_size_cfg_t sc = {.n_rb_dl = c->row.nof_rb, .n_rb_ul = c->row.nof_rb};
  r = phy_dci_sizes(&sc, &c->sizes);
  c->dci_bits = c->sizes.size_1_0;
  if (r == 0) {
    r = phy_coreset_from_coreset0(&c->coreset, &c->row, 0, c->occ.first_symb, cell->pci);
  }
  return r;
}

/* Demodulates the slot whose first sample is at x position `start` (fractional). */
static int demod_slot(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg, const sib1_ctx_t *c,
                      const cf_t *x, double start, uint32_t slot, double cfo)
{
  uint32_t s = (uint32_t)floor(start), l_sf0 = (slot % PHY_SLOTS_SF(q->args.mu)) * PHY_NSYMB_SLOT;
  uint32_t cp_min = q->fft_n * 144u / 2048u;
  int r = cs_dem_tune(c->dem, cfg, c->center_off_hz, cfo);
  if (r == 0) {
    r = phy_ofdm_demod_set_timing(c->dem, cp_min / 2, (float)(start - s));
  }
  for (uint32_t l = 0; r >= 0 && l < PHY_NSYMB_SLOT; l++) {
    r = cs_demod_symbol(q, c->dem, x, s, l_sf0 + l, c->center_off_hz,
                        phy_grid_symbol(&q->cs_grid, 0, l));
    s += phy_ofdm_symbol_len(c->dem, l_sf0 + l);
  }
  return r < 0 ? r : 0;
}

/* Normalised PSS correlation |sum y d|^2 / (127 sum |y|^2): 1 for a clean PSS through a
 * flat channel, about 1/127 for noise. */
static float pss_presence(const phy_cellsearch_t *q, uint32_t l0, uint32_t k0, uint32_t n_id2)
{
  float d[PHY_PSS_LEN];
  phy_pss_gen(n_id2, d);
  const cf_t *y = phy_grid_symbol(&q->cs_grid, 0, l0) + k0 + PHY_SSB_PSS_K0;
  cf_t acc = 0;
  float e = 0;
  for (uint32_t k = 0; k < PHY_PSS_LEN; k++) {
    acc += y[k] * d[k];
    e += crealf(y[k] * conjf(y[k]));
  }
  return e > 0 ? crealf(acc * conjf(acc)) / (PHY_PSS_LEN * e) : 0.0f;
}

/* TS 38.214 5.1.4: the PDSCH is rate-matched around the SSBs the gNB sends in the slot.
 * Before SIB1 the UE does not know ssb-PositionsInBurst, so each candidate position of
 * the slot (38.213 4.1) counts when a PSS of this cell is seen there (threshold 0.2:
 * noise gives ~0.008, an SSB at 0 dB per RE ~0.5). */
static void reserve_ssbs(const phy_cellsearch_t *q, const phy_cellsearch_res_t *cell,
                         const sib1_ctx_t *c, uint32_t slot, phy_pdsch_cfg_t *pc)
{
  uint32_t first[PHY_SSB_MAX_LMAX], hf_slots = 5u << q->args.mu, nrb = c->row.nof_rb;
  phy_ssb_positions(q->args.ssb_case, q->args.l_max, first);
  if (c->ssb_k0 + PHY_SSB_PSS_K0 + PHY_PSS_LEN > nrb * PHY_NSC_RB) {
    return; /* the PSS is not inside CORESET#0's RBs: nothing to look at */
  }
  for (uint32_t i = 0; i < q->args.l_max && pc->nof_reserved < PHY_PDSCH_MAX_RESERVED; i++) {
    uint32_t l0 = first[i] % PHY_NSYMB_SLOT;
    phy_pdsch_reserved_t *r = &pc->reserved[pc->nof_reserved];
    if (first[i] / PHY_NSYMB_SLOT != slot % hf_slots ||
        pss_presence(q, l0, c->ssb_k0, cell->n_id2) < 0.2f ||
        phy_pdsch_reserved_ssb(c->ssb_k0, l0, r) < 0) {
      continue;
    }
    if (r->first_prb + r->nof_prb > nrb) { /* the SSB's top PRBs lie above CORESET#0 */
      r->nof_prb = (uint16_t)(nrb - r->first_prb);
    }
    pc->nof_reserved++;
  }
}

/* The CORESET's rectangles that meet the PDSCH's symbols (5.1.4, as the gNB's PHY does). */
static void reserve_coreset(const sib1_ctx_t *c, phy_pdsch_cfg_t *pc)
{
  phy_pdsch_reserved_t rr[PHY_PDSCH_MAX_RESERVED];
  int n = phy_pdsch_reserved_coreset(&c->coreset, rr, PHY_PDSCH_MAX_RESERVED);
  uint32_t s = pc->tda.s, e = s + pc->tda.l;
  for (int i = 0; i < n && pc->nof_reserved < PHY_PDSCH_MAX_RESERVED; i++) {
    if (rr[i].first_symb < e && rr[i].first_symb + rr[i].nof_symb > s &&
        rr[i].first_prb < pc->prb_start + pc->nof_prb &&
        rr[i].first_prb + rr[i].nof_prb > pc->prb_start) {
      pc->reserved[pc->nof_reserved++] = rr[i];
    }
  }
}

/* DCI 1_0 (SI-RNTI) -> PDSCH configuration: default table A (38.214 5.1.2.1.1), RIV in
 * CORESET#0 (5.1.2.2.2), DM-RS of 5.1.6.2 for DCI 1_0 (type 1; pos2 for mapping type A,
 * pos1 for a 7-symbol type B, else pos0; one CDM group without data for 2 symbols, else
 * two), scrambling and DM-RS with N_ID^cell, Table 5.1.3.1-1. */
static int pdsch_from_dci(const sib1_ctx_t *c, const phy_cellsearch_res_t *cell,
                          const phy_dci_1_0_t *d, uint32_t slot, phy_pdsch_cfg_t *pc)
{
  memset(pc, 0, sizeof(*pc));
  if (phy_pdsch_tda_default_a(d->tdra + 1, c->mib.typea_pos, &pc->tda) < 0 || pc->tda.k0 != 0 ||
      phy_pdsch_fdra_type1(c->row.nof_rb, 0, d->fdra, &pc->prb_start, &pc->nof_prb) < 0) {
    return OLIVE_EPROTO;
  }
  bool a = pc->tda.mapping == PHY_PDSCH_MAPPING_A;
  pc->slot = slot;
  pc->dmrs_type = PHY_DMRS_TYPE1;
  pc->typea_pos = c->mib.typea_pos;
  pc->add_pos = a ? 2u : (pc->tda.l == 7 ? 1u : 0u);
  pc->dmrs_id = cell->pci;
  pc->cdm_groups_no_data = pc->tda.l == 2 ? 1u : 2u;
  pc->n_layers = 1;
  pc->rnti = PHY_CELLSEARCH_SI_RNTI;
  pc->n_id = cell->pci;
  pc->mcs_table = PHY_MCS_TABLE_QAM64;
  pc->mcs = d->mcs;
  pc->rv = d->rv;
  pc->new_data = true;
  return OLIVE_OK;
}

/* One slot: PDCCH blind decode, DCI, PDSCH. 0 with q->tb holding the TB, else < 0. */
static int try_slot(phy_cellsearch_t *q, const phy_cellsearch_res_t *cell, const sib1_ctx_t *c,
                    uint32_t slot, phy_cellsearch_sib1_res_t *res)
{
  phy_pdcch_cfg_t pd = {.coreset = &c->coreset,
                        .mu = q->args.mu,
                        .slot = slot,
                        .n_id_dmrs = cell->pci,
                        .dmrs_rb_offset = 0,
                        .n_id = cell->pci};
  /* TS 38.213 Table 10.1-1: Type0-PDCCH CSS candidates AL4 4, AL8 2, AL16 1 */
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 1}, .rnti = PHY_CELLSEARCH_SI_RNTI};
  uint8_t a[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t pr;
  int r = phy_pdcch_blind_decode(&q->pdcch, &pd, &ss, PHY_CELLSEARCH_SI_RNTI, c->dci_bits,
                                 &q->cs_grid, 0, a, &pr);
  phy_dci_1_0_t d;
  if (r < 0 || phy_dci_1_0_unpack(&c->sizes, PHY_RNTI_SI, a, &d) < 0 || d.sii != 0) {
    return r < 0 ? r : OLIVE_EAGAIN; /* sii 1: another SI message */
  }
  phy_pdsch_cfg_t pc;
  r = pdsch_from_dci(c, cell, &d, slot, &pc);
  if (r == 0) {
    reserve_ssbs(q, cell, c, slot, &pc);
    res->nof_ssb_reserved = pc.nof_reserved;
    reserve_coreset(c, &pc);
  }
  int tbs = r == 0 ? phy_pdsch_tbs(&pc) : r;
  if (tbs <= 0 || tbs > (int)PHY_CELLSEARCH_MAX_TBS) {
    return OLIVE_EPROTO;
  }
  phy_pdsch_rx_res_t rx;
  r = phy_pdsch_decode(&q->pdsch, &pc, &q->cs_grid, 1, q->tb, &rx);
  *res = (phy_cellsearch_sib1_res_t){.slot = slot,
                                     .al = pr.al,
                                     .cce = pr.cce,
                                     .mcs = d.mcs,
                                     .tbs = (uint32_t)tbs,
                                     .prb_start = pc.prb_start,
                                     .nof_prb = pc.nof_prb,
                                     .nof_ssb_reserved = res->nof_ssb_reserved,
                                     .snr_db = rx.snr_db,
                                     .nof_tries = res->nof_tries};
  return r;
}

static int check_sib1(const phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                      const phy_cellsearch_res_t *cell, const cf_t *x, const uint8_t *sib1,
                      const phy_cellsearch_sib1_res_t *res)
{
  if (q == NULL || q->blk == NULL || cfg == NULL || cell == NULL || x == NULL || sib1 == NULL ||
      res == NULL || !cell->mib_ok || cell->pci > PHY_NID_CELL_MAX ||
      cell->ssb_idx >= q->args.l_max || !isfinite(cell->frame_pos) ||
      !isfinite(cfg->ssb_offset_hz) || !isfinite(cell->cfo_hz)) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_cellsearch_sib1(phy_cellsearch_t *q, const phy_cellsearch_cfg_t *cfg,
                        const phy_cellsearch_res_t *cell, uint32_t min_bw_mhz, const cf_t *x,
                        uint32_t len, uint8_t *sib1, uint32_t cap, phy_cellsearch_sib1_res_t *res)
{
  int r = check_sib1(q, cfg, cell, x, sib1, res);
  sib1_ctx_t c;
  if (r == 0) {
    r = sib1_setup(q, cfg, cell, min_bw_mhz, &c);
  }
  if (r < 0) {
    return r;
  }
  memset(res, 0, sizeof(*res));
  phy_grid_set_size(&q->cs_grid, 1, c.row.nof_rb);
  uint32_t n_slot = 10u << q->args.mu, slot_len = phy_ofdm_slot_len(c.dem, 0);
  double frame_len = (double)n_slot * slot_len;
  /* TS 38.213 13: slots n0 and n0 + 1 of the frames with SFN mod 2 = parity */
  int64_t f0 = (int64_t)cell->sfn + (int64_t)floor(-cell->frame_pos / frame_len) - 1;
  int64_t f1 = (int64_t)cell->sfn + (int64_t)ceil((len - cell->frame_pos) / frame_len);
  for (int64_t f = f0; f <= f1; f++) {
    if (((f % 1024 + 1024) % 1024) % 2 != c.occ.sfn_parity) {
      continue;
    }
    for (uint32_t j = 0; j < 2; j++) {
      int64_t abs_slot = f * n_slot + c.occ.n0 + j;
      double start = cell->frame_pos + (double)(abs_slot - (int64_t)cell->sfn * n_slot) * slot_len;
      if (start < 0 || start + slot_len + 1 > len) {
        continue;
      }
      uint32_t slot = (uint32_t)((abs_slot % n_slot + n_slot) % n_slot);
      res->nof_tries++;
      if (demod_slot(q, cfg, &c, x, start, slot, cell->cfo_hz) < 0 ||
          try_slot(q, cell, &c, slot, res) < 0) {
        continue;
      }
      res->sfn = (uint32_t)(((abs_slot / n_slot) % 1024 + 1024) % 1024);
      uint32_t n = res->tbs / 8;
      if (n > cap) {
        return OLIVE_ERANGE;
      }
      memcpy(sib1, q->tb, n);
      return (int)n;
    }
  }
  return OLIVE_EAGAIN;
}
