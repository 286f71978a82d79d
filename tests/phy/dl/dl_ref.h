/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the phy_dl tests: slot requests built from the spec by hand (MIB bits of
 * TS 38.331, CORESET#0 of TS 38.213 13, DCI 1_0 of TS 38.212 7.3.1.2.1) and a UE-side
 * receiver made of the existing blocks (OFDM demodulation, phy_pbch_decode,
 * phy_pdcch_blind_decode, phy_pdsch_decode) that never looks at the request.
 *
 * The reference cell is srsUE's (INTEROP.md): PCI 1, 15 kHz, 106 PRB at 23.04 Msps,
 * offsetToPointA 40, k_SSB 6, controlResourceSetZero 12, searchSpaceZero 0, case A with
 * L_max 4. Table 13-1 row 12 gives CORESET#0 = 96 RB x 1 symbol at offset 38, so CRBs
 * 2 .. 97; the SSB takes subcarriers 486 .. 725, i.e. PRBs 40 .. 60 (21 PRBs). */
#ifndef OLIVE_TEST_DL_REF_H
#define OLIVE_TEST_DL_REF_H

#include <string.h>

#include "olive/phy/dl.h"
#include "olive/phy/pbch.h"
#include "olive/phy/pdcch.h"
#include "olive/phy/pdsch.h"
#include "olive_test.h"

#define REF_PCI         1u
#define REF_OFFSET      40u
#define REF_K_SSB       6u
#define REF_CS0_INDEX   12u
#define REF_CS0_CRB     2u  /* 40 - 38 (Table 13-1 row 12 offset) */
#define REF_CS0_NRB     96u /* Table 13-1 row 12 */
#define REF_SSB_PRB0    40u /* (12 * 40 + 6) / 12 */
#define REF_SSB_NPRB    21u /* PRBs 40 .. (486 + 239) / 12 = 60 */
#define REF_SI_RNTI     0xFFFFu
#define REF_DCI_SI_BITS 41u /* 28 + ceil(log2(96 * 97 / 2)) = 28 + 13 (7.3.1.2.1) */

static inline phy_carrier_t ref_carrier(uint32_t mu, uint32_t nof_prb, double srate_hz)
{
  phy_carrier_t c = {.mu = mu,
                     .nof_prb = nof_prb,
                     .pointa_hz = 3e9,
                     .offset_to_pointa = REF_OFFSET,
                     .k_ssb = REF_K_SSB,
                     .srate_hz = srate_hz};
  return c;
}

static inline phy_dl_t *ref_dl_create(const phy_carrier_t *c)
{
  phy_dl_args_t a = {.carrier = *c, .plan = PHY_OFDM_PLAN_ESTIMATE};
  int err = 0;
  phy_dl_t *q = phy_dl_create(&a, &err);
  CHECK(q != NULL && err == 0, "phy_dl_create: %d", err);
  return q;
}

/* BCCH-BCH-Message (TS 38.331 6.2.1, UPER): a_0 CHOICE (0 = mib), a_1..a_6 SFN 6 MSBs,
 * a_7 subCarrierSpacingCommon (0 = scs15or60), a_8..a_11 ssb-SubcarrierOffset, a_12
 * dmrs-TypeA-Position (0 = pos2), a_13..a_16 controlResourceSetZero, a_17..a_20
 * searchSpaceZero, a_21 cellBarred (1 = notBarred), a_22 intraFreqReselection (0 =
 * allowed), a_23 spare. a_0 is bit 23 as in phy_ssb_pdu_t. */
static inline uint32_t ref_mib(uint32_t sfn, uint32_t k_ssb, uint32_t cs0, uint32_t ss0)
{
  return ((sfn >> 4) & 0x3Fu) << 17 | (k_ssb & 15u) << 12 | (cs0 & 15u) << 7 | (ss0 & 15u) << 3 |
         1u << 2;
}

static inline uint32_t ref_mib_field(const uint8_t *a, uint32_t first, uint32_t n)
{
  uint32_t v = 0;
  for (uint32_t i = 0; i < n; i++) {
    v = v << 1 | a[first + i];
  }
  return v;
}

static inline phy_ssb_pdu_t ref_ssb(uint32_t sfn, uint32_t idx, uint32_t l_max, uint32_t l0)
{
  phy_ssb_pdu_t s = {.pci = REF_PCI,
                     .ssb_idx = (uint8_t)idx,
                     .l_max = (uint8_t)l_max,
                     .first_symb = (uint8_t)l0,
                     .k_ssb = REF_K_SSB,
                     .offset_to_pointa = REF_OFFSET,
                     .mib = ref_mib(sfn, REF_K_SSB, REF_CS0_INDEX, 0)};
  return s;
}

/* CORESET#0 of controlResourceSetZero `index` (Table 13-1, 5 MHz minimum bandwidth) at
 * slot symbol l0, with the CCE-to-REG interleaving of 38.211 7.3.2.2 (n_shift = PCI). */
static inline void ref_coreset0(uint32_t index, uint32_t l0, phy_coreset_t *cs, uint32_t *crb)
{
  phy_coreset0_t row;
  CHECK(phy_coreset0_get(15, 15, 5, index, &row) == 0);
  CHECK(phy_coreset0_start_crb(&row, REF_OFFSET, 15, crb) == 0);
  CHECK(phy_coreset_from_coreset0(cs, &row, *crb, l0, REF_PCI) == 0);
}

/* DCI 1_0 with CRC scrambled by SI-RNTI in CORESET#0 (96 RB): RBs rb0 .. rb0 + n - 1 of
 * the CORESET, TDRA row 1 of default table A (S 2, L 12), MCS mcs. */
static inline void ref_pdcch_si(phy_pdcch_pdu_t *p, uint32_t al, uint32_t cce, uint32_t rb0,
                                uint32_t n, uint32_t mcs)
{
  uint32_t crb;
  memset(p, 0, sizeof(*p));
  ref_coreset0(REF_CS0_INDEX, 0, &p->coreset, &crb);
  p->dmrs_rb_offset = -(int32_t)crb; /* 7.4.1.3.2: reference = CORESET#0's lowest RB */
  p->n_id_dmrs = p->n_id = REF_PCI;
  p->rnti = REF_SI_RNTI;
  p->rnti_type = PHY_RNTI_SI;
  p->al = (uint8_t)al;
  p->cce = (uint16_t)cce;
  phy_dci_sizes_t sz;
  phy_dci_1_0_t d = {.tdra = 0, .mcs = mcs};
  CHECK(phy_dci_sizes(&(phy_dci_size_cfg_t){.n_rb_dl = REF_CS0_NRB, .n_rb_ul = 106}, &sz) == 0);
  CHECK(phy_riv_encode(REF_CS0_NRB, rb0, n, &d.fdra) == 0);
  int len = phy_dci_1_0_pack(&sz, PHY_RNTI_SI, &d, p->dci);
  CHECK(len == (int)REF_DCI_SI_BITS, "DCI 1_0 SI size %d", len);
  p->dci_len = (uint16_t)len;
}

/* PDSCH configuration as a UE builds it for SIB1 (DCI 1_0, SI-RNTI, TS 38.214 5.1.2,
 * 5.1.6.2: type A, DM-RS type 1 at pos2, two CDM groups without data for L > 2; DM-RS
 * reference at CORESET#0's lowest CRB, 38.211 7.4.1.1.2). TBS from the MCS (5.1.3.2). */
static inline phy_pdsch_cfg_t ref_sib1_cfg(uint32_t slot, uint32_t prb0, uint32_t n, uint32_t mcs)
{
  phy_pdsch_cfg_t c = {.slot = slot,
                       .crb0 = 0u - REF_CS0_CRB, /* grid PRB 0 is CRB -2 from the reference */
                       .tda = {.mapping = PHY_PDSCH_MAPPING_A, .s = 2, .l = 12},
                       .prb_start = prb0,
                       .nof_prb = n,
                       .dmrs_type = PHY_DMRS_TYPE1,
                       .typea_pos = 2,
                       .add_pos = 2,
                       .dmrs_id = REF_PCI,
                       .cdm_groups_no_data = 2,
                       .n_layers = 1,
                       .rnti = REF_SI_RNTI,
                       .n_id = REF_PCI,
                       .mcs_table = PHY_MCS_TABLE_QAM64,
                       .mcs = mcs,
                       .new_data = true};
  return c;
}

/* The PDU the MAC would send for that configuration, with the TB at tb. */
static inline phy_pdsch_pdu_t ref_pdsch_pdu(const phy_pdsch_cfg_t *c, uint32_t dmrs_ref_crb,
                                            const uint8_t *tb, uint32_t tbs)
{
  phy_pdsch_pdu_t p = {.rnti = c->rnti,
                       .rnti_type = PHY_RNTI_SI,
                       .prb_start = (uint16_t)c->prb_start,
                       .nof_prb = (uint16_t)c->nof_prb,
                       .dmrs_ref_crb = (uint16_t)dmrs_ref_crb,
                       .mapping = c->tda.mapping,
                       .first_symb = c->tda.s,
                       .nof_symb = c->tda.l,
                       .dmrs_type = c->dmrs_type,
                       .typea_pos = (uint8_t)c->typea_pos,
                       .add_pos = (uint8_t)c->add_pos,
                       .cdm_groups_no_data = (uint8_t)c->cdm_groups_no_data,
                       .dmrs_id = (uint16_t)c->dmrs_id,
                       .mcs_table = c->mcs_table,
                       .mcs = (uint8_t)c->mcs,
                       .n_id = (uint16_t)c->n_id,
                       .tbs = tbs,
                       .tb = tb,
                       .tb_len = tbs / 8};
  return p;
}

/* ---- UE side ------------------------------------------------------------------------- */

typedef struct ref_ue {
  phy_ofdm_t ofdm;
  phy_grid_t grid;
  phy_pbch_t pbch;
  phy_pdcch_t pdcch;
  phy_pdsch_t pdsch;
} ref_ue_t;

static inline int ref_ue_init(ref_ue_t *u, const phy_carrier_t *c)
{
  memset(u, 0, sizeof(*u));
  phy_ofdm_args_t oa = {.carrier = *c, .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_pdsch_args_t da = {.max_prb = c->nof_prb, .max_layers = 1, .max_qm = 8, .nof_harq = 1};
  int r = phy_ofdm_demod_init(&u->ofdm, &oa);
  r = r ? r : phy_grid_init(&u->grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = c->nof_prb});
  r = r ? r : phy_pbch_init(&u->pbch, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO});
  r = r ? r : phy_pdcch_init(&u->pdcch, &(phy_pdcch_args_t){.isa = OLIVE_ISA_AUTO});
  r = r ? r : phy_pdsch_init(&u->pdsch, &da);
  CHECK(r == 0, "UE init %d", r);
  return r;
}

static inline void ref_ue_free(ref_ue_t *u)
{
  phy_ofdm_free(&u->ofdm);
  phy_grid_free(&u->grid);
  phy_pbch_free(&u->pbch);
  phy_pdcch_free(&u->pdcch);
  phy_pdsch_free(&u->pdsch);
}

static inline void ref_ue_demod(ref_ue_t *u, const cf_t *x, uint32_t slot)
{
  CHECK(phy_ofdm_demod_slot(&u->ofdm, x, slot, 0, &u->grid, 0) > 0);
}

/* PBCH of the SSB whose subcarrier 0 is grid subcarrier k0 at slot symbol l0. */
static inline int ref_ue_pbch(ref_ue_t *u, uint32_t k0, uint32_t l0, uint32_t pci, uint32_t l_max,
                              phy_pbch_res_t *res)
{
  phy_pbch_cfg_t c = {.map = {.k0 = k0,
                              .l0 = l0,
                              .n_id = pci,
                              .beta_pss = 1,
                              .beta_sss = 1,
                              .beta_pbch = 1,
                              .beta_dmrs = 1},
                      .l_max = l_max};
  return phy_pbch_decode(&u->pbch, &c, &u->grid, 0, res);
}

/* Type0-PDCCH CSS blind decode as srsUE configures searchSpace#0 (AL4 x 4, AL8 x 2). */
static inline int ref_ue_pdcch_si(ref_ue_t *u, const phy_coreset_t *cs, uint32_t crb, uint32_t slot,
                                  uint8_t *a, phy_pdcch_res_t *res)
{
  phy_pdcch_cfg_t c = {.coreset = cs,
                       .slot = slot,
                       .n_id_dmrs = REF_PCI,
                       .dmrs_rb_offset = -(int32_t)crb,
                       .n_id = REF_PCI};
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}, .rnti = REF_SI_RNTI};
  return phy_pdcch_blind_decode(&u->pdcch, &c, &ss, REF_SI_RNTI, REF_DCI_SI_BITS, &u->grid, 0, a,
                                res);
}

/* Additive white Gaussian noise of variance n0 per complex sample. With the OFDM pair's
 * default 1/sqrt(N_fft) scaling on both sides (unitary), n0 is also the noise variance
 * per resource element, so the per-RE SNR of unit-energy data is -10 log10(n0). */
static inline void ref_awgn(cf_t *x, uint32_t n, float n0, olive_test_rng_t *r)
{
  float s = sqrtf(n0 / 2.0f);
  for (uint32_t i = 0; i < n; i++) {
    x[i] += s * (float)olive_test_gauss(r) + I * s * (float)olive_test_gauss(r);
  }
}

/* Largest |a - b| over the active grid (the a_{k,l} of either layout). */
static inline float ref_grid_diff(const phy_grid_t *a, const phy_grid_t *b)
{
  float m = 0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < phy_grid_nof_sc(a); k++) {
      float d = cabsf(phy_grid_get(a, 0, l, k) - phy_grid_get(b, 0, l, k));
      m = d > m ? d : m;
    }
  }
  return m;
}

#endif
