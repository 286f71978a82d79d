/* SPDX-License-Identifier: Apache-2.0 */
/* A gNB broadcast stream built by our transmit chain, for the cell search tests and the
 * nrscan recording: cell frequencies from phy_band_cell_configure (band 3, DL ARFCN
 * 368500, 20 MHz, 15 kHz, CORESET#0 index 12: the srsRAN tutorial cell, SSB at ARFCN
 * 368410; or the n78 TDD cell of configs/gnb_b210_n78.yaml), MIB and SIB1 from the RRC encoders
 * (rrc_mib_pack, rrc_sib1_build_default), slots from the MAC broadcast scheduler (mac_bcast_slot)
 * and the PHY (phy_dl_slot) at 23.04 Msps. The stream starts `lead` samples of silence before frame
 * sfn0. */
#ifndef CS_CELL_H
#define CS_CELL_H

#include <stdlib.h>
#include <string.h>

#include "olive/mac/bcast.h"
#include "olive/phy/band.h"
#include "olive/phy/dl.h"
#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive_test.h"

#define CC_SRATE 23.04e6
#define CC_SLOT  23040u /* samples per 1 ms subframe (a slot at 15 kHz) */

/* The cell: the srsRAN tutorial one (cc_cfg_band3) or a TDD n78 one (cc_cfg_n78). */
typedef struct cc_cfg {
  uint32_t band, dl_arfcn, bw_mhz, scs_khz, coreset0, min_bw_mhz, l_max;
  uint32_t ss0;       /* searchSpaceZero (0 in both presets) */
  uint32_t tdra_row;  /* SIB1 row of default table A; 0 = 1 */
  uint32_t typea_pos; /* dmrs-TypeA-Position 2 or 3; 0 = 2 */
  phy_ssb_case_t ssb_case;
  bool tdd;
} cc_cfg_t;

static inline cc_cfg_t cc_cfg_band3(void)
{
  return (cc_cfg_t){.band = 3,
                    .dl_arfcn = 368500,
                    .bw_mhz = 20,
                    .scs_khz = 15,
                    .coreset0 = 12,
                    .min_bw_mhz = 5,
                    .l_max = 4,
                    .ssb_case = PHY_SSB_CASE_A};
}

/* configs/gnb_b210_n78.yaml's cell: n78 TDD, DL ARFCN 650000, 20 MHz at 30 kHz (51 PRB),
 * CORESET#0 index 12 of Table 13-4 (48 RB, 1 symbol, offset 16), case C, L_max 8. */
static inline cc_cfg_t cc_cfg_n78(void)
{
  return (cc_cfg_t){.band = 78,
                    .dl_arfcn = 650000,
                    .bw_mhz = 20,
                    .scs_khz = 30,
                    .coreset0 = 12,
                    .min_bw_mhz = 10,
                    .l_max = 8,
                    .ssb_case = PHY_SSB_CASE_C,
                    .tdd = true};
}

typedef struct cs_cell {
  cc_cfg_t cfg;
  uint32_t pci;
  phy_band_cell_t cell;
  rrc_mib_t mib;
  rrc_sib1_t sib1;
  uint8_t sib1_bytes[RRC_SIB1_MAX_BYTES];
  uint32_t sib1_len;
  double ssb_offset_hz; /* SS_REF - carrier centre */
} cs_cell_t;

static inline int cc_setup_cell(cs_cell_t *c, uint32_t pci, const cc_cfg_t *cfg)
{
  memset(c, 0, sizeof(*c));
  c->cfg = *cfg;
  c->pci = pci;
  phy_coreset0_t row;
  phy_band_cell_cfg_t bc = {
      .band = cfg->band, .dl_arfcn = cfg->dl_arfcn, .bw_mhz = cfg->bw_mhz, .scs_khz = cfg->scs_khz};
  if (phy_coreset0_get(cfg->scs_khz, cfg->scs_khz, cfg->min_bw_mhz, cfg->coreset0, &row) < 0) {
    return -1;
  }
  bc.coreset0_nof_rb = row.nof_rb;
  bc.coreset0_offset_rb = (uint32_t)row.offset_rb;
  if (phy_band_cell_configure(&bc, &c->cell, NULL, NULL, 0) < 0) {
    return -1;
  }
  c->ssb_offset_hz = (double)c->cell.ssb_hz - (double)c->cell.dl_hz;
  c->mib = (rrc_mib_t){.sub_carrier_spacing_common = cfg->scs_khz == 30 ? RRC_SCS_COMMON_SCS30OR120
                                                                        : RRC_SCS_COMMON_SCS15OR60,
                       .ssb_subcarrier_offset = (uint8_t)(c->cell.k_ssb & 15u),
                       .control_resource_set_zero = (uint8_t)cfg->coreset0,
                       .search_space_zero = (uint8_t)cfg->ss0,
                       .dmrs_type_a_position =
                           cfg->typea_pos == 3 ? RRC_DMRS_TYPE_A_POS3 : RRC_DMRS_TYPE_A_POS2,
                       .cell_barred = RRC_CELL_NOT_BARRED};
  rrc_sib1_cell_cfg_t sc;
  rrc_sib1_cell_cfg_default(&sc);
  sc.band = (uint16_t)cfg->band;
  sc.scs = cfg->scs_khz == 30 ? RRC_SCS_KHZ30 : RRC_SCS_KHZ15;
  sc.nof_prb = (uint16_t)c->cell.nof_prb;
  sc.coreset0_index = (uint8_t)cfg->coreset0;
  sc.ss0_index = (uint8_t)cfg->ss0;
  sc.offset_to_point_a = (uint16_t)c->cell.offset_to_pointa;
  if (cfg->tdd) { /* 5 ms at 30 kHz: 6 DL slots + 8 symbols, 3 UL slots */
    sc.tdd = true;
    sc.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){.dl_ul_transmission_periodicity = RRC_TDD_MS5,
                                               .nrof_downlink_slots = 6,
                                               .nrof_downlink_symbols = 8,
                                               .nrof_uplink_slots = 3};
  }
  size_t nbits;
  if (rrc_sib1_build_default(&sc, &c->sib1) < 0) {
    return -1;
  }
  int n = rrc_sib1_pack(&c->sib1, c->sib1_bytes, sizeof(c->sib1_bytes), &nbits, NULL);
  c->sib1_len = n > 0 ? (uint32_t)n : 0;
  return n > 0 ? 0 : -1;
}

static inline int cc_setup(cs_cell_t *c, uint32_t pci)
{
  cc_cfg_t cfg = cc_cfg_band3();
  return cc_setup_cell(c, pci, &cfg);
}

/* Frames sfn0 .. sfn0 + nof_frames - 1 into out (lead + nof_frames * 10 slots samples);
 * phase_comp: with the TS 38.211 5.4 term for f0 = the carrier centre. */
static inline int cc_stream(const cs_cell_t *c, uint32_t sfn0, uint32_t nof_frames, uint32_t lead,
                            bool phase_comp, cf_t *out)
{
  uint8_t mib[3];
  if (rrc_mib_pack(&c->mib, mib, sizeof(mib), NULL) < 0) {
    return -1;
  }
  mac_bcast_args_t ma = {.pci = (uint16_t)c->pci,
                         .scs_khz = c->cfg.scs_khz,
                         .ssb_case = c->cfg.ssb_case,
                         .min_bw_mhz = c->cfg.min_bw_mhz,
                         .nof_prb = c->cell.nof_prb,
                         .l_max = c->cfg.l_max,
                         .ssb_bitmap = 0x80,
                         .ssb_period_ms = 20,
                         .k_ssb = c->cell.k_ssb,
                         .offset_to_pointa = c->cell.offset_to_pointa,
                         .mib = (uint32_t)mib[0] << 16 | (uint32_t)mib[1] << 8 | mib[2],
                         .coreset0_index = c->cfg.coreset0,
                         .ss0_index = c->cfg.ss0,
                         .sib1_tdra_row = c->cfg.tdra_row,
                         .typea_pos = c->cfg.typea_pos ? c->cfg.typea_pos : 2,
                         .sib1 = c->sib1_bytes,
                         .sib1_len = c->sib1_len};
  mac_bcast_t *mac = mac_bcast_create(&ma, NULL);
  phy_carrier_t car = {.srate_hz = CC_SRATE};
  phy_band_cell_to_carrier(&c->cell, &car);
  phy_dl_args_t da = {.carrier = car,
                      .center_hz = (double)c->cell.dl_hz,
                      .phase_comp = phase_comp,
                      .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_dl_t *dl = phy_dl_create(&da, NULL);
  static phy_dl_slot_req_t req;
  int ret = mac != NULL && dl != NULL ? 0 : -1;
  memset(out, 0, lead * sizeof(cf_t));
  uint32_t mu = c->cfg.scs_khz == 30, n_slot = 10u << mu, slot_len = CC_SLOT >> mu;
  for (uint32_t f = 0; ret == 0 && f < nof_frames; f++) {
    for (uint32_t s = 0; ret == 0 && s < n_slot; s++) {
      ret = mac_bcast_slot(mac, (sfn0 + f) % 1024, s, &req);
      if (ret == 0) {
        ret = phy_dl_slot(dl, &req, out + lead + (f * n_slot + s) * slot_len, NULL);
      }
    }
  }
  phy_dl_destroy(dl);
  mac_bcast_destroy(mac);
  return ret;
}

#endif
