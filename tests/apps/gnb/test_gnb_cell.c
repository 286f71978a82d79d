/* SPDX-License-Identifier: Apache-2.0 */
/* The cell each shipped config describes (apps/common/gnb_cell.h), pinned to values worked
 * by hand from the specs:
 *  - gnb_zmq.yaml (srsRAN tutorial cell, shared/INTEROP.md): SSB ARFCN 368410 (srsUE's
 *    default), SS_REF 1842.05 MHz = 1535 * 1.2 MHz + 1 * 50 kHz -> GSCN 3 * 1535 - 1 =
 *    4604 (38.104 Table 5.4.3.1-1); point A 1842.5 - 53 * 0.18 = 1832.96 MHz, SSB sc 0 at
 *    1842.05 - 1.8 = 1840.25 MHz, 486 subcarriers up: k_SSB 6, offsetToPointA 40;
 *    CORESET#0 row 12 of Table 13-1 (96 RB, 1 symbol, offset 38) from CRB 40 - 38 = 2;
 *    UL ARFCN 368500 - 95 MHz / 5 kHz = 349500 (n3 duplex, 38.104 Table 5.2-1); L_max 4
 *    (38.213 4.1, f <= 3 GHz); MIB bits 0 000000 0 0110 0 1100 0000 1 0 0 = 0x006604.
 *  - gnb_b210_n78.yaml: 51 PRB at 30 kHz around 3750 MHz, point A 3740.82 MHz. CORESET#0
 *    row 12 of Table 13-4 (48 RB, offset 16) needs the SSB's CRB in 16..19; each GSCN
 *    step (1.44 MHz) is 4 CRBs, GSCN 8016 (SS_REF 3744.48 MHz, the first SSB inside the
 *    carrier) is at CRB 0, so GSCN 8020: SS_REF 3750.24 MHz = ARFCN 600000 + 750.24 /
 *    0.015 = 650016; sc 0 at 3746.64 MHz is 388 x 15 kHz above point A: k_SSB 388 mod 24
 *    = 4, offsetToPointA (388 - 4) / 12 = 32; CORESET#0 at CRB 16 - 16 = 0; L_max 8
 *    (case C unpaired above 1.88 GHz).
 *  - gnb_x310_n78_40mhz.yaml: 106 PRB, point A 3730.92 MHz; SSB CRB >= 16 first at
 *    GSCN 8014 (SS_REF 3741.6 MHz, ARFCN 649440), sc 0 472 x 15 kHz up: k_SSB 16,
 *    offsetToPointA 38, CORESET#0 at CRB 19 - 16 = 3. */
#include <stdio.h>
#include <string.h>

#include "gnb_cell.h"
#include "olive/support/error.h"
#include "olive_test.h"

static const char *configs_dir;

static int derive(const char *name, const char *ovr, gnb_cell_t *c, gnb_cell_err_t *err)
{
  static gnb_cfg_t cfg;
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", configs_dir, name);
  const char *files[1] = {path}, *ovrs[1] = {ovr};
  olive_cfg_error_t e;
  memset(&cfg, 0, sizeof(cfg));
  int rc = olive_cfg_load(&gnb_cfg_schema, &cfg, files, 1, ovrs, ovr ? 1 : 0, &e);
  if (rc == 0)
    rc = gnb_cfg_validate(&cfg, &e);
  CHECK(rc == 0, "%s loads: %s", name, e.msg);
  return rc < 0 ? rc : gnb_cell_derive(&cfg, c, err);
}

/* The scheduler built from the cell puts SIB1 (slot 0 of frame 0: searchSpace#0 row 0)
 * on CRBs first .. first + n - 1. */
static void check_sib1_rbs(const gnb_cell_t *c, uint32_t first, uint32_t n)
{
  static phy_dl_slot_req_t req;
  mac_bcast_args_t a;
  gnb_cell_bcast_args(c, 1, &a);
  mac_bcast_t *s = mac_bcast_create(&a, NULL);
  CHECK(s != NULL && mac_bcast_slot(s, 0, 0, &req) == 0 && req.nof_pdsch == 1, "SIB1 in slot 0");
  CHECK(req.pdsch[0].prb_start == first && req.pdsch[0].nof_prb == n, "SIB1 CRBs %u+%u",
        req.pdsch[0].prb_start, req.pdsch[0].nof_prb);
  mac_bcast_destroy(s);
}

static void check_zmq_sib1(const gnb_cell_t *c)
{
  static rrc_sib1_t s;
  CHECK(rrc_sib1_unpack(c->sib1, c->sib1_len, &s) == 0, "SIB1 decodes");
  const rrc_cell_access_related_info_t *a = &s.cell_access_related_info;
  CHECK(a->nof_plmn == 1 && a->plmn[0].mcc[2] == 1 && a->plmn[0].nof_mnc_digits == 2 &&
            a->plmn[0].mnc[1] == 1,
        "PLMN 001-01");
  CHECK(a->tracking_area_code == 7 && a->cell_identity == (uint64_t)411 << 14, "TAC, cell id");
  const rrc_serving_cell_config_common_sib_t *scc = &s.serving_cell_config_common;
  const rrc_frequency_info_dl_sib_t *f = &scc->downlink_config_common.frequency_info_dl;
  CHECK(f->band[0].freq_band_indicator_nr == 3 && f->offset_to_point_a == 40, "band, oTPA");
  CHECK(f->scs[0].carrier_bandwidth == 106, "106 PRB");
  const rrc_rach_config_common_t *r =
      &scc->uplink_config_common.initial_uplink_bwp.rach_config_common;
  CHECK(r->rach_config_generic.prach_configuration_index == 1, "PRACH index 1");
  CHECK(r->rach_config_generic.msg1_frequency_start == 4, "msg1-FrequencyStart 4");
  CHECK(r->prach_root_sequence_index_type == RRC_PRACH_ROOT_L839, "l839");
  CHECK(scc->uplink_config_common.frequency_info_ul.absolute_frequency_point_a == 347592,
        "UL point A 1737.96 MHz");
  CHECK(scc->ssb_periodicity_serving_cell == RRC_SSB_PERIOD_MS10, "SSB every 10 ms");
  CHECK(!scc->has_tdd_ul_dl_configuration_common, "FDD: no TDD pattern");
}

static void test_zmq(void)
{
  gnb_cell_t c;
  gnb_cell_err_t err;
  CHECK(derive("gnb_zmq.yaml", NULL, &c, &err) == 0, "gnb_zmq.yaml: %s", err.msg);
  CHECK(c.freq.ssb_arfcn == 368410 && c.freq.gscn == 4604, "SSB %u GSCN %u", c.freq.ssb_arfcn,
        c.freq.gscn);
  CHECK(c.freq.k_ssb == 6 && c.freq.offset_to_pointa == 40, "k_SSB %u oTPA %u", c.freq.k_ssb,
        c.freq.offset_to_pointa);
  CHECK(c.coreset0.nof_rb == 96 && c.coreset0.nof_symb == 1 && c.freq.coreset0_crb == 2);
  CHECK(c.freq.ul_arfcn == 349500 && !c.tdd && c.l_max == 4);
  CHECK(c.carrier.fft_size == 1536 && c.slot_samples == 23040 && c.slots_per_frame == 10);
  CHECK(c.mib_bits == 0x006604, "MIB bits 0x%06x", c.mib_bits);
  check_zmq_sib1(&c);
  /* SIB1 clear of the SSB: SSB CRBs 40..60 (k_SSB 6 adds one), CORESET#0 from CRB 2, so
   * its RBs 38..58 are taken; 38 RBs below, 37 above: CRBs 2..39. */
  check_sib1_rbs(&c, 2, 38);
  CHECK(derive("gnb_zmq.yaml", "cell_cfg.ssb.ssb_arfcn=368410", &c, &err) == 0,
        "explicit SSB ARFCN");
  CHECK(c.freq.k_ssb == 6 && c.freq.offset_to_pointa == 40);
}

static void test_n78(void)
{
  gnb_cell_t c;
  gnb_cell_err_t err;
  CHECK(derive("gnb_b210_n78.yaml", NULL, &c, &err) == 0, "gnb_b210_n78.yaml: %s", err.msg);
  CHECK(c.freq.ssb_arfcn == 650016 && c.freq.gscn == 8020, "SSB %u", c.freq.ssb_arfcn);
  CHECK(c.freq.k_ssb == 4 && c.freq.offset_to_pointa == 32 && c.freq.coreset0_crb == 0);
  CHECK(c.tdd && c.l_max == 8 && c.freq.ssb_case == PHY_SSB_CASE_C && c.mu == 1);
  CHECK(c.carrier.fft_size == 768 && c.slot_samples == 11520 && c.slots_per_frame == 20);
  CHECK(c.tdd_pattern.dl_ul_transmission_periodicity == RRC_TDD_MS5, "5 ms period");
  /* 6 D, 1 S, 3 U, twice per frame. */
  static const char kinds[] = "DDDDDDSUUUDDDDDDSUUU";
  for (uint32_t s = 0; s < 20; s++) {
    gnb_slot_kind_t k = gnb_cell_slot_kind(&c, s);
    char got = k == GNB_SLOT_DL ? 'D' : k == GNB_SLOT_UL ? 'U' : 'S';
    CHECK(got == kinds[s], "slot %u is %c", s, got);
  }
  static rrc_sib1_t s;
  CHECK(rrc_sib1_unpack(c.sib1, c.sib1_len, &s) == 0);
  const rrc_serving_cell_config_common_sib_t *scc = &s.serving_cell_config_common;
  CHECK(scc->has_tdd_ul_dl_configuration_common &&
            scc->tdd_ul_dl_configuration_common.pattern1.nrof_downlink_slots == 6 &&
            scc->tdd_ul_dl_configuration_common.pattern1.nrof_uplink_slots == 3,
        "SIB1 TDD pattern");

  CHECK(derive("gnb_x310_n78_40mhz.yaml", NULL, &c, &err) == 0, "x310: %s", err.msg);
  CHECK(c.freq.nof_prb == 106 && c.freq.ssb_arfcn == 649440 && c.freq.gscn == 8014);
  CHECK(c.freq.k_ssb == 16 && c.freq.offset_to_pointa == 38 && c.freq.coreset0_crb == 3);
  CHECK(c.carrier.fft_size == 1536 && c.slot_samples == 23040);
  /* SSB CRBs 19..39 in CORESET#0 CRBs 3..50: RBs 16..36 taken, 16 below, 11 above. */
  check_sib1_rbs(&c, 3, 16);
}

static void test_b210_n3(void)
{
  gnb_cell_t c;
  gnb_cell_err_t err;
  CHECK(derive("gnb_b210_n3.yaml", NULL, &c, &err) == 0, "gnb_b210_n3.yaml: %s", err.msg);
  CHECK(c.freq.ssb_arfcn == 368410 && c.freq.k_ssb == 6, "same cell as gnb_zmq.yaml");
}

/* Rejections name the key (the messages themselves: bad_configs.sh). */
static void test_rejections(void)
{
  static const struct {
    const char *cfg, *ovr, *key;
  } bad[] = {
      {"gnb_zmq.yaml", "cell_cfg.band=1", "cell_cfg.dl_arfcn"},
      {"gnb_zmq.yaml", "cell_cfg.band=100", "cell_cfg.band"},
      {"gnb_zmq.yaml", "cell_cfg.common_scs=30", "cell_cfg.common_scs"},
      {"gnb_zmq.yaml", "cell_cfg.channel_bandwidth_MHz=10", "cell_cfg.pdcch.common.coreset0_index"},
      {"gnb_zmq.yaml", "cell_cfg.ssb.ssb_arfcn=368411", "cell_cfg.ssb.ssb_arfcn"},
      {"gnb_zmq.yaml", "ru_sdr.srate=15.36", "ru_sdr.srate"},
      {"gnb_zmq.yaml", "cell_cfg.prach.prach_frequency_start=101",
       "cell_cfg.prach.prach_frequency_start"},
      {"gnb_b210_n78.yaml", "cell_cfg.common_scs=15", "cell_cfg.common_scs"},
      {"gnb_b210_n78.yaml", "cell_cfg.tdd_ul_dl_cfg.nof_ul_slots=10",
       "cell_cfg.tdd_ul_dl_cfg.nof_dl_slots"},
      {"gnb_b210_n78.yaml", "cell_cfg.tdd_ul_dl_cfg.nof_ul_symbols=7",
       "cell_cfg.tdd_ul_dl_cfg.nof_dl_symbols"},
  };
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(bad); i++) {
    gnb_cell_t c;
    gnb_cell_err_t err = {0};
    CHECK(derive(bad[i].cfg, bad[i].ovr, &c, &err) == OLIVE_ECONFIG, "%s rejected", bad[i].ovr);
    CHECK(err.key && strcmp(err.key, bad[i].key) == 0 &&
              strncmp(err.msg, bad[i].key, strlen(bad[i].key)) == 0,
          "%s blames %s: %s", bad[i].ovr, bad[i].key, err.msg);
  }
}

int main(int argc, char **argv)
{
  configs_dir = argc > 1 ? argv[1] : "configs";
  test_zmq();
  test_n78();
  test_b210_n3();
  test_rejections();
  return olive_test_done();
}
