/* SPDX-License-Identifier: Apache-2.0 */
/* TDD pattern (TS 38.331 TDD-UL-DL-Pattern, TS 38.213 11.1) and PRACH configuration
 * (TS 38.211 6.3.3.2) checks of the cell. */
#include <stdio.h>

#include "gnb_cell_internal.h"
#include "olive/phy/ssb.h"
#include "olive/support/error.h"

#define TDD_KEY(k) "cell_cfg.tdd_ul_dl_cfg." k

/* dl-UL-TransmissionPeriodicity values, TS 38.331 TDD-UL-DL-Pattern, in us. */
static const uint32_t period_us[] = {500, 625, 1000, 1250, 2000, 2500, 5000, 10000};

gnb_slot_kind_t gnb_cell_slot_kind(const gnb_cell_t *c, uint32_t slot)
{
  if (!c->tdd)
    return GNB_SLOT_DL;
  const rrc_tdd_ul_dl_pattern_t *p = &c->tdd_pattern;
  uint32_t i = slot % c->tdd_period_slots;
  if (i < p->nrof_downlink_slots)
    return GNB_SLOT_DL;
  if (i >= c->tdd_period_slots - p->nrof_uplink_slots)
    return GNB_SLOT_UL;
  return GNB_SLOT_SPECIAL;
}

static int check_pattern(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  uint32_t per = cfg->cell.tdd.period_slots, dl = cfg->cell.tdd.nof_dl_slots;
  uint32_t ul = cfg->cell.tdd.nof_ul_slots, us = (per * 1000u) >> c->mu;
  int idx = -1;
  for (int i = 0; i < (int)OLIVE_ARRAY_SIZE(period_us); i++)
    if ((per * 1000u) % (1u << c->mu) == 0 && us == period_us[i])
      idx = i;
  if (idx < 0)
    return gnb_cell_fail(err, TDD_KEY("dl_ul_tx_period"),
                         "value '%u' slots at %u kHz is not a TDD period of TS 38.331 "
                         "(0.5, 0.625, 1, 1.25, 2, 2.5, 5 or 10 ms); allowed at %u kHz: %s",
                         per, c->scs_khz, c->scs_khz, c->mu ? "1, 2, 4, 5, 10, 20" : "1, 2, 5, 10");
  if (dl < 1 || dl + ul > per)
    return gnb_cell_fail(err, TDD_KEY("nof_dl_slots"),
                         "value '%u' with nof_ul_slots %u does not fit the %u-slot period; "
                         "allowed: 1 <= nof_dl_slots, nof_dl_slots + nof_ul_slots <= %u (the "
                         "SSB and SIB1 need DL slot 0)",
                         dl, ul, per, per);
  uint32_t ds = cfg->cell.tdd.nof_dl_symbols, uls = cfg->cell.tdd.nof_ul_symbols;
  if ((dl + ul == per && (ds || uls)) || ds + uls > 14)
    return gnb_cell_fail(err, TDD_KEY("nof_dl_symbols"),
                         "value '%u' with nof_ul_symbols %u does not fit: %s", ds, uls,
                         dl + ul == per ? "no special slot is left (nof_dl_slots + nof_ul_slots "
                                          "= period); allowed: 0"
                                        : "allowed: nof_dl_symbols + nof_ul_symbols <= 14");
  c->tdd_period_slots = per;
  c->tdd_pattern =
      (rrc_tdd_ul_dl_pattern_t){.dl_ul_transmission_periodicity = (rrc_dl_ul_tx_periodicity_t)idx,
                                .nrof_downlink_slots = (uint16_t)dl,
                                .nrof_downlink_symbols = (uint8_t)ds,
                                .nrof_uplink_slots = (uint16_t)ul,
                                .nrof_uplink_symbols = (uint8_t)uls};
  return 0;
}

/* The SSBs sent (TS 38.213 4.1 positions) and their SIB1 PDCCH/PDSCH slot n0 (TS 38.213
 * 13, Table 13-11; the scheduler uses n0 and the whole slot for PDSCH) must be DL. */
static int check_bcast_slots(const gnb_cfg_t *cfg, const gnb_cell_t *c, gnb_cell_err_t *err)
{
  uint32_t first[PHY_SSB_MAX_LMAX];
  if (phy_ssb_positions(c->freq.ssb_case, c->l_max, first) < 0)
    return gnb_cell_fail(err, "cell_cfg.band", "value '%u': no SSB positions", cfg->cell.band);
  for (uint32_t i = 0; i < c->l_max; i++) {
    if (!(c->ssb_bitmap & (0x80u >> i)))
      continue;
    uint32_t slot = first[i] / PHY_NSYMB_SLOT, end = first[i] % PHY_NSYMB_SLOT + 4;
    gnb_slot_kind_t k = gnb_cell_slot_kind(c, slot);
    if (k == GNB_SLOT_UL || (k == GNB_SLOT_SPECIAL && end > c->tdd_pattern.nrof_downlink_symbols))
      return gnb_cell_fail(err, TDD_KEY("nof_dl_slots"),
                           "value '%u': SSB %u in slot %u is not in the DL part of the TDD "
                           "pattern; allowed: a pattern whose DL part holds slot %u",
                           cfg->cell.tdd.nof_dl_slots, i, slot, slot);
    phy_ss0_occasion_t occ;
    if (phy_ss0_occasion(&c->ss0, c->mu, i, c->coreset0.nof_symb, &occ) < 0 ||
        gnb_cell_slot_kind(c, occ.n0) != GNB_SLOT_DL)
      return gnb_cell_fail(err, "cell_cfg.pdcch.common.ss0_index",
                           "value '%u' puts SIB1 (Type0-PDCCH slot n0 = %u, TS 38.213 13) "
                           "outside the DL slots of the TDD pattern; allowed: an index whose "
                           "n0 is a DL slot",
                           cfg->cell.ss0_index, occ.n0);
  }
  return 0;
}

int gnb_cell_check_tdd(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  int rc = c->tdd ? check_pattern(cfg, c, err) : 0;
  return rc < 0 ? rc : check_bcast_slots(cfg, c, err);
}

/* Every slot of the subframes a long-format occasion spans is UL. */
static bool prach_in_ul(const gnb_cell_t *c, uint32_t nsf)
{
  for (uint32_t sf = 0; sf < 10; sf++) {
    if (!(c->prach.sf_mask & (1u << sf)))
      continue;
    for (uint32_t s = sf << c->mu; s < ((sf + nsf) << c->mu); s++)
      if (gnb_cell_slot_kind(c, s % c->slots_per_frame) != GNB_SLOT_UL)
        return false;
  }
  return true;
}

int gnb_cell_check_prach(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  const char *key = "cell_cfg.prach.prach_config_index";
  uint32_t idx = cfg->cell.prach_config_index;
  const char *table = c->tdd ? "6.3.3.2-3" : "6.3.3.2-2";
  phy_prach_format_info_t info;
  if (phy_prach_config_get(c->tdd, idx, &c->prach) < 0 || c->prach.sf_mask == 0)
    return gnb_cell_fail(err, key, "value '%u' is reserved in TS 38.211 Table %s", idx, table);
  /* SIB1 carries prach-RootSequenceIndex l839 (srsUE): long formats 0..3 only. */
  if (c->prach.format > PHY_PRACH_FMT_3 ||
      phy_prach_format_info((phy_prach_format_t)c->prach.format, 0, &info) < 0)
    return gnb_cell_fail(err, key,
                         "value '%u' is format %s (TS 38.211 Table %s); allowed: a row with a "
                         "long preamble, formats 0..3 (L_RA = 839)",
                         idx, phy_prach_format_name((phy_prach_format_t)c->prach.format), table);
  /* One subframe is 30720 kappa T_c = 1966080 T_c (TS 38.211 4.1). */
  uint32_t nsf = (info.n_u_tc + info.n_cp_tc + 1966079u) / 1966080u;
  if (c->tdd && !prach_in_ul(c, nsf))
    return gnb_cell_fail(err, key,
                         "value '%u' (format %s, subframe mask 0x%03x, TS 38.211 Table %s) "
                         "puts PRACH occasions on slots that are not UL in the TDD pattern; "
                         "allowed: a row whose subframes are UL slots",
                         idx, phy_prach_format_name((phy_prach_format_t)c->prach.format),
                         c->prach.sf_mask, table);
  /* L_RA 839 at 1.25 kHz occupies 6 PRBs of 15 kHz PUSCH, 3 of 30 kHz (TS 38.211 Table
   * 6.3.3.2-1). */
  uint32_t n_ra = 6u >> c->mu;
  if (cfg->cell.prach_freq_start + n_ra > c->freq.nof_prb)
    return gnb_cell_fail(err, "cell_cfg.prach.prach_frequency_start",
                         "value '%u': the %u-PRB PRACH ends beyond the %u-PRB carrier; "
                         "allowed: 1..%u",
                         cfg->cell.prach_freq_start, n_ra, c->freq.nof_prb, c->freq.nof_prb - n_ra);
  return 0;
}
