/* SPDX-License-Identifier: Apache-2.0 */
/* The cell's MIB (TS 38.331 6.2.2 MIB) and SIB1 (rrc_sib1_build_default), and the
 * broadcast scheduler's arguments. */
#include <stdio.h>
#include <string.h>

#include "gnb_cell_internal.h"
#include "olive/support/error.h"

/* UL point A: the UL carrier centre less half the carrier (TS 38.211 4.4.4.2, 5.4; one
 * numerology, offsetToCarrier 0), as NR-ARFCN (TS 38.104 5.4.2.1). */
static int ul_point_a(const gnb_cell_t *c, uint32_t *arfcn)
{
  double hz = c->ul_hz - 6.0 * c->freq.nof_prb * c->scs_khz * 1e3;
  return phy_carrier_hz_to_arfcn(hz, arfcn);
}

static void plmn_digits(const char *plmn, rrc_sib1_cell_cfg_t *s)
{
  for (int i = 0; i < 3; i++)
    s->mcc[i] = (uint8_t)(plmn[i] - '0');
  s->nof_mnc_digits = (uint8_t)(strlen(plmn) - 3);
  for (int i = 0; i < s->nof_mnc_digits; i++)
    s->mnc[i] = (uint8_t)(plmn[3 + i] - '0');
}

static int build_sib1(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  rrc_sib1_cell_cfg_t s;
  rrc_sib1_cell_cfg_default(&s);
  s.band = (uint16_t)c->freq.band->band;
  s.scs = c->mu ? RRC_SCS_KHZ30 : RRC_SCS_KHZ15;
  s.nof_prb = (uint16_t)c->freq.nof_prb;
  s.offset_to_point_a = (uint16_t)c->freq.offset_to_pointa;
  s.tdd = c->tdd;
  s.tdd_pattern = c->tdd_pattern;
  if (!c->tdd && ul_point_a(c, &s.ul_point_a_arfcn) < 0)
    return gnb_cell_fail(err, "cell_cfg.dl_arfcn", "value '%lld': no UL point A ARFCN",
                         (long long)cfg->cell.dl_arfcn);
  s.coreset0_index = (uint8_t)cfg->cell.coreset0_index;
  s.ss0_index = (uint8_t)cfg->cell.ss0_index;
  s.prach_config_index = (uint8_t)cfg->cell.prach_config_index;
  s.prach_root_seq_index = (uint16_t)cfg->cell.prach_root_seq_index;
  s.msg1_frequency_start = (uint16_t)cfg->cell.prach_freq_start;
  plmn_digits(cfg->cell.plmn, &s);
  s.tac = cfg->cell.tac;
  s.cell_identity = c->cell_identity;
  s.ssb_periodicity = (rrc_ssb_periodicity_t)cfg->cell.ssb_period;
  s.ss_pbch_block_power = (int8_t)cfg->cell.ssb_power_dbm;
  rrc_sib1_t sib1;
  const char *bad = NULL;
  int n = rrc_sib1_build_default(&s, &sib1);
  if (n == 0)
    n = rrc_sib1_pack(&sib1, c->sib1, sizeof(c->sib1), NULL, &bad);
  if (n <= 0)
    return gnb_cell_fail(err, "cell_cfg", "SIB1 cannot be built for this cell (%s%s)",
                         olive_strerror(n), bad ? bad : "");
  c->sib1_len = (uint32_t)n;
  return 0;
}

/* The broadcast scheduler checks what the tables alone do not: the SIB1 PDSCH (TDRA row
 * 1 of default table A, TS 38.214 5.1.2.1.1) clear of CORESET#0's symbols, and the SIB1
 * fitting its RBs at an MCS an SI-RNTI PDSCH may use (TS 38.214 5.1.3.1). */
static int check_scheduler(const gnb_cfg_t *cfg, const gnb_cell_t *c, gnb_cell_err_t *err)
{
  mac_bcast_args_t a;
  int rc = 0;
  gnb_cell_bcast_args(c, cfg->cell.pci, &a);
  mac_bcast_t *s = mac_bcast_create(&a, &rc);
  mac_bcast_destroy(s);
  if (s != NULL)
    return 0;
  return gnb_cell_fail(err, "cell_cfg.pdcch.common.coreset0_index",
                       "value '%u' with ss0_index %u (CORESET#0 %u RB x %u symbols) leaves no "
                       "valid SIB1 allocation for the broadcast scheduler (%s: SIB1 PDSCH "
                       "overlapping CORESET#0, or %u SIB1 bytes too many for its RBs); allowed: "
                       "an index whose CORESET#0 ends before the SIB1 PDSCH",
                       cfg->cell.coreset0_index, cfg->cell.ss0_index, c->coreset0.nof_rb,
                       c->coreset0.nof_symb, olive_strerror(rc), c->sib1_len);
}

int gnb_cell_build_msgs(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err)
{
  /* cellIdentity: gNB id (22 bits) then cell id 0 (14 bits), TS 38.413 9.3.1.7. */
  c->cell_identity = (uint64_t)cfg->gnb_id << 14;
  c->mib = (rrc_mib_t){
      .sub_carrier_spacing_common = c->mu ? RRC_SCS_COMMON_SCS30OR120 : RRC_SCS_COMMON_SCS15OR60,
      .ssb_subcarrier_offset = (uint8_t)(c->freq.k_ssb & 0xF), /* 4 LSBs, 38.211 7.4.3.1 */
      .dmrs_type_a_position = RRC_DMRS_TYPE_A_POS2,
      .control_resource_set_zero = (uint8_t)cfg->cell.coreset0_index,
      .search_space_zero = (uint8_t)cfg->cell.ss0_index,
      .cell_barred = RRC_CELL_NOT_BARRED, /* srsUE rejects a barred cell */
      .intra_freq_reselection = RRC_INTRA_FREQ_RESELECTION_ALLOWED};
  uint8_t b[RRC_MIB_BYTES];
  if (rrc_mib_pack(&c->mib, b, sizeof(b), NULL) < 0)
    return gnb_cell_fail(err, "cell_cfg", "MIB cannot be packed");
  c->mib_bits = (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
  int rc = build_sib1(cfg, c, err);
  return rc < 0 ? rc : check_scheduler(cfg, c, err);
}

void gnb_cell_bcast_args(const gnb_cell_t *c, uint32_t pci, mac_bcast_args_t *a)
{
  *a = (mac_bcast_args_t){.pci = (uint16_t)pci,
                          .scs_khz = c->scs_khz,
                          .ssb_case = c->freq.ssb_case,
                          .min_bw_mhz = c->min_bw_mhz,
                          .nof_prb = c->freq.nof_prb,
                          .l_max = c->l_max,
                          .ssb_bitmap = c->ssb_bitmap,
                          .ssb_period_ms = c->ssb_period_ms,
                          .k_ssb = c->freq.k_ssb,
                          .offset_to_pointa = c->freq.offset_to_pointa,
                          .mib = c->mib_bits,
                          .coreset0_index = c->mib.control_resource_set_zero,
                          .ss0_index = c->mib.search_space_zero,
                          .sib1_al = 4, /* srsUE monitors AL4 x4 and AL8 x2 (INTEROP.md) */
                          .typea_pos = 2,
                          .sib1 = c->sib1,
                          .sib1_len = c->sib1_len};
  /* sib1_nof_rb 0: the scheduler keeps SIB1 clear of the SSB's RBs (srsUE does not
   * rate-match SIB1 around the SSB). */
}
