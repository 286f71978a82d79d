/* SPDX-License-Identifier: Apache-2.0 */
/* Broadcast scheduler: lifecycle, SSB scheduling (TS 38.213 4.1, TS 38.331
 * ssb-periodicityServingCell) and per-slot request assembly. */
#include <string.h>

#include "bcast_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

static int set_err(int *err, int e)
{
  if (err)
    *err = e;
  return e;
}

static int period_ok(uint32_t ms)
{
  return ms == 5 || ms == 10 || ms == 20 || ms == 40 || ms == 80 || ms == 160;
}

/* Case A is 15 kHz, cases B and C 30 kHz (TS 38.213 4.1). */
static int case_matches_scs(phy_ssb_case_t c, uint32_t scs_khz)
{
  if (c == PHY_SSB_CASE_A)
    return scs_khz == 15;
  return (c == PHY_SSB_CASE_B || c == PHY_SSB_CASE_C) && scs_khz == 30;
}

static int check_args(const mac_bcast_args_t *a)
{
  if (a->pci > PHY_NID_CELL_MAX || (a->scs_khz != 15 && a->scs_khz != 30))
    return OLIVE_EINVAL;
  if (!case_matches_scs(a->ssb_case, a->scs_khz))
    return OLIVE_EINVAL;
  if ((a->l_max != 4 && a->l_max != 8) || a->ssb_bitmap == 0)
    return OLIVE_EINVAL;
  if (a->l_max == 4 && (a->ssb_bitmap & 0x0Fu))
    return OLIVE_EINVAL; /* shortBitmap has 4 bits */
  if (!period_ok(a->ssb_period_ms) || a->k_ssb > 23 || a->offset_to_pointa > 2199)
    return OLIVE_EINVAL;
  if ((a->beta_pss_db != 0 && a->beta_pss_db != 3) || a->mib >= (1u << 24))
    return OLIVE_EINVAL;
  if (a->sib1_rep_ms != 0 && a->sib1_rep_ms != 20 && a->sib1_rep_ms != 40 && a->sib1_rep_ms != 80 &&
      a->sib1_rep_ms != 160)
    return OLIVE_EINVAL;
  if (a->sib1_al != 0 && a->sib1_al != 4 && a->sib1_al != 8)
    return OLIVE_EINVAL;
  if (a->nof_prb == 0 || a->nof_prb > PHY_MAX_PRB || a->sib1_tdra_row > 16)
    return OLIVE_EINVAL;
  if (!a->sib1 || a->sib1_len == 0 || a->sib1_len > MAC_SIB1_MAX_BYTES)
    return OLIVE_EINVAL;
  if (a->typea_pos != 2 && a->typea_pos != 3)
    return OLIVE_EINVAL;
  return 0;
}

mac_bcast_t *mac_bcast_create(const mac_bcast_args_t *args, int *err)
{
  if (set_err(err, args ? check_args(args) : OLIVE_EINVAL) < 0)
    return NULL;
  mac_bcast_t *s = olive_mem_alloc(sizeof(*s));
  if (!s) {
    set_err(err, OLIVE_ENOMEM);
    return NULL;
  }
  s->a = *args;
  s->a.sib1 = NULL;
  if (!s->a.sib1_rep_ms)
    s->a.sib1_rep_ms = 20;
  if (!s->a.sib1_al)
    s->a.sib1_al = 4;
  if (!s->a.sib1_tdra_row)
    s->a.sib1_tdra_row = 1;
  s->mu = args->scs_khz == 30 ? 1u : 0u;
  int r = phy_ssb_positions(args->ssb_case, args->l_max, s->ssb_first);
  if (r >= 0)
    r = mac_bcast_sib1_init(s, args->sib1);
  if (r < 0) {
    set_err(err, r);
    mac_bcast_destroy(s);
    return NULL;
  }
  set_err(err, 0);
  return s;
}

void mac_bcast_destroy(mac_bcast_t *s)
{
  if (!s)
    return;
  olive_mem_free(s->tb);
  olive_mem_free(s);
}

const mac_bcast_info_t *mac_bcast_info(const mac_bcast_t *s)
{
  return s ? &s->info : NULL;
}

static int ssb_sent(const mac_bcast_t *s, uint32_t i)
{
  return (s->a.ssb_bitmap >> (7u - i)) & 1u;
}

/* TS 38.212 7.1.1 / TS 38.331 MIB: a_0 is the BCCH-BCH CHOICE bit, a_1..a_6 the six MSBs
 * of the SFN. */
static uint32_t mib_with_sfn(uint32_t mib, uint32_t sfn)
{
  uint32_t sfn6 = (sfn >> 4) & 0x3Fu;
  return (mib & ~(0x3Fu << 17)) | (sfn6 << 17);
}

/* SSBs of half frame hrf sit in the half-frame slots floor(first / 14) (TS 38.213 4.1);
 * a burst goes out every ssb_period_ms, from frame 0 (half frame 0 unless 5 ms). */
static void add_ssbs(const mac_bcast_t *s, uint32_t sfn, uint32_t slot, phy_dl_slot_req_t *out)
{
  uint32_t hf_slots = 5u << s->mu;
  uint32_t hrf = slot / hf_slots;
  if (s->a.ssb_period_ms != 5 && (hrf != 0 || sfn % (s->a.ssb_period_ms / 10u) != 0))
    return; /* 5 ms: every half frame */
  for (uint32_t i = 0; i < s->a.l_max; i++) {
    if (!ssb_sent(s, i) || s->ssb_first[i] / PHY_NSYMB_SLOT != slot % hf_slots)
      continue;
    if (out->nof_ssb >= PHY_DL_SLOT_MAX_SSB)
      return;
    phy_ssb_pdu_t *p = &out->ssb[out->nof_ssb++];
    p->pci = s->a.pci;
    p->ssb_idx = (uint8_t)i;
    p->l_max = (uint8_t)s->a.l_max;
    p->hrf = (uint8_t)hrf;
    p->first_symb = (uint8_t)(s->ssb_first[i] % PHY_NSYMB_SLOT);
    p->k_ssb = (uint8_t)s->a.k_ssb;
    p->offset_to_pointa = (uint16_t)s->a.offset_to_pointa;
    p->beta_pss_db = s->a.beta_pss_db;
    p->mib = mib_with_sfn(s->a.mib, sfn);
  }
}

/* SIB1 goes out in the occasion's slot n0 of the frames with SFN mod (repetition period in
 * frames) equal to the occasion's SFN parity (TS 38.213 13; 38.331 SIB1 periodicity 160 ms
 * with repetitions inside it). */
static void add_sib1(const mac_bcast_t *s, uint32_t sfn, uint32_t slot, phy_dl_slot_req_t *out)
{
  uint32_t rep_frames = s->a.sib1_rep_ms / 10u;
  for (uint32_t k = 0; k < s->nof_occ; k++) {
    const mac_bcast_occ_t *o = &s->occ[k];
    if (o->slot != slot || sfn % rep_frames != o->sfn_parity)
      continue;
    if (out->nof_pdcch >= PHY_DL_SLOT_MAX_PDCCH || out->nof_pdsch >= PHY_DL_SLOT_MAX_PDSCH)
      return;
    out->pdcch[out->nof_pdcch++] = o->pdcch;
    out->pdsch[out->nof_pdsch++] = o->pdsch;
  }
}

int mac_bcast_slot(const mac_bcast_t *s, uint32_t sfn, uint32_t slot, phy_dl_slot_req_t *out)
{
  if (!s || !out || sfn > 1023 || slot >= (10u << s->mu))
    return OLIVE_EINVAL;
  out->sfn = (uint16_t)sfn;
  out->slot = (uint16_t)slot;
  out->nof_ssb = out->nof_pdcch = out->nof_pdsch = 0;
  add_ssbs(s, sfn, slot, out);
  add_sib1(s, sfn, slot, out);
  return 0;
}
