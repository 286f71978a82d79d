/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 (TS 38.331 v16.9.0): a minimal SIB1 worked bit by bit from the ASN.1, random valid
 * SIB1s round-tripped (fixed seed), extension additions skipped on decode, truncated input
 * refused, out-of-range fields refused with their ASN.1 name, and the srsUE default. The
 * field-by-field check against an independent decoder is test_rrc_tshark. */
#include <stdlib.h>
#include <string.h>

#include "olive/rrc/sib1.h"
#include "olive/rrc/uper.h"
#include "olive/support/error.h"
#include "olive_test.h"
#include "sib1_foreign.h"
#include "sib1_random.h"

#define BIG 4096 /* random SIB1s may exceed the 372-byte air limit; the codec does not care */

static int bits_equal(const uint8_t *buf, size_t nbits, const char *bits)
{
  size_t n = 0;
  for (const char *p = bits; *p; p++) {
    if (*p == ' ')
      continue;
    if ((buf[n / 8] >> (7 - n % 8) & 1) != (*p - '0'))
      return 0;
    n++;
  }
  return n == nbits;
}

/* Minimal SIB1: only cellAccessRelatedInfo, PLMN 001-01, cellIdentity 0x123456789.
 *   BCCH-DL-SCH-MessageType c1, c1 systemInformationBlockType1     0 1
 *   SIB1 presence bits (11 OPTIONAL, none present, no "...")       00000000000
 *   CellAccessRelatedInfo: extension bit, cellReservedForOtherUse  0 0
 *   plmn-IdentityInfoList SIZE (1..12) = 1 -> 0 in 4 bits          0000
 *   PLMN-IdentityInfo: extension bit, trackingAreaCode, ranac      0 0 0
 *   plmn-IdentityList SIZE (1..12) = 1                             0000
 *   PLMN-Identity: mcc present; MCC SIZE (3): 0, 0, 1 (0..9: 4 b)  1 0000 0000 0001
 *   MNC SIZE (2..3) = 2 -> 1 bit 0; digits 0, 1                    0 0000 0001
 *   cellIdentity BIT STRING (SIZE (36))                            0x123456789
 *   cellReservedForOperatorUse notReserved                         1 */
static const char minimal_bits[] = "01 00000000000 00 0000 000 0000 1000000000001 000000001 "
                                   "0001 0010 0011 0100 0101 0110 0111 1000 1001 1";

static void minimal(rrc_sib1_t *s)
{
  memset(s, 0, sizeof *s);
  s->cell_access_related_info.nof_plmn = 1;
  s->cell_access_related_info.plmn[0] = (rrc_plmn_identity_t){true, {0, 0, 1}, 2, {0, 1, 0}};
  s->cell_access_related_info.cell_identity = 0x123456789ull;
  s->cell_access_related_info.cell_reserved_for_operator_use = RRC_CELL_NOT_RESERVED;
}

static void test_hand_vector(void)
{
  rrc_sib1_t s, d;
  uint8_t out[64];
  size_t nbits = 0;
  minimal(&s);
  int n = rrc_sib1_pack(&s, out, sizeof out, &nbits, NULL);
  CHECK(n == 11 && nbits == 85, "minimal SIB1: %d bytes %zu bits, expected 11 / 85", n, nbits);
  CHECK(bits_equal(out, nbits, minimal_bits), "minimal SIB1 bits differ");
  CHECK(rrc_sib1_unpack(out, (size_t)n, &d) == 0 && memcmp(&s, &d, sizeof s) == 0,
        "minimal decode");
}

/* The same SIB1 with CellAccessRelatedInfo's extension bit set and one addition
 * ([[cellReservedForFutureUse-r16, npn-IdentityInfoList-r16]]: 2 presence bits + true) as
 * an open type: a Rel-16 sender's message that our decoder must read past (X.691 19). */
static void test_extension_skipped(void)
{
  uint8_t out[64], cell_id[5] = {0x12, 0x34, 0x56, 0x78, 0x90};
  rrc_uper_writer_t w;
  rrc_sib1_t s, d;
  rrc_uper_writer_init(&w, out, sizeof out);
  rrc_uper_put_bits(&w, 0x1, 2);     /* c1, systemInformationBlockType1 */
  rrc_uper_put_bits(&w, 0, 11);      /* SIB1 presence bits */
  rrc_uper_put_bits(&w, 0x2, 2);     /* extension bit 1, cellReservedForOtherUse absent */
  rrc_uper_put_int(&w, 1, 1, 12);    /* plmn-IdentityInfoList size */
  rrc_uper_put_bits(&w, 0, 3);       /* PLMN-IdentityInfo: no extension, no TAC/ranac */
  rrc_uper_put_int(&w, 1, 1, 12);    /* plmn-IdentityList size */
  rrc_uper_put_bits(&w, 0x1001, 13); /* mcc present, 0 0 1 */
  rrc_uper_put_bits(&w, 0x01, 9);    /* mnc 2 digits: 0 1 */
  rrc_uper_put_bitstring(&w, cell_id, 36, 36, 36);
  rrc_uper_put_bits(&w, 1, 1);                       /* notReserved */
  rrc_uper_put_nsnn(&w, 0);                          /* bitmap of 1 addition group */
  rrc_uper_put_bits(&w, 1, 1);                       /* ... present */
  rrc_uper_put_open(&w, (const uint8_t[]){0x80}, 2); /* 1 0: futureUse present, {true} */
  minimal(&s);
  CHECK(w.err == 0, "writer");
  CHECK(rrc_sib1_unpack(out, rrc_uper_writer_bytes(&w), &d) == 0 && memcmp(&s, &d, sizeof s) == 0,
        "SIB1 with an extension addition not decoded to the root values");
}

static void test_round_trips(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(0x5B1);
  static uint8_t out[BIG], again[BIG];
  static rrc_sib1_t s, d;
  for (int i = 0; i < 3000; i++) {
    sib1_random(&rng, &s);
    size_t nbits, nbits2;
    const char *bad = NULL;
    int n = rrc_sib1_pack(&s, out, sizeof out, &nbits, &bad);
    CHECK(n > 0 && (size_t)n == (nbits + 7) / 8, "pack %d: %d (%s)", i, n, bad ? bad : "");
    if (n <= 0)
      continue;
    int e = rrc_sib1_unpack(out, (size_t)n, &d);
    CHECK(e == 0 && memcmp(&s, &d, sizeof s) == 0, "round trip %d: %d", i, e);
    int n2 = rrc_sib1_pack(&d, again, sizeof again, &nbits2, NULL);
    CHECK(n2 == n && nbits2 == nbits && memcmp(out, again, (size_t)n) == 0, "re-encode %d", i);
    /* every proper prefix is refused (the last octet holds at least one real bit) */
    size_t cut = olive_test_below(&rng, (uint32_t)n);
    CHECK(rrc_sib1_unpack(out, cut, &d) < 0, "prefix of %zu / %d bytes decoded", cut, n);
  }
}

typedef void (*mutate_fn)(rrc_sib1_t *);
#define SCC(s)  (s)->serving_cell_config_common
#define DLB(s)  SCC(s).downlink_config_common.initial_downlink_bwp
#define ULB(s)  SCC(s).uplink_config_common.initial_uplink_bwp
#define RACH(s) ULB(s).rach_config_common
static void m_qrx(rrc_sib1_t *s)
{
  s->cell_selection_info.q_rx_lev_min = -71;
}
static void m_mnc(rrc_sib1_t *s)
{
  s->cell_access_related_info.plmn[0].mnc[1] = 10;
}
static void m_nplmn(rrc_sib1_t *s)
{
  s->cell_access_related_info.nof_plmn = 0;
}
static void m_tac(rrc_sib1_t *s)
{
  s->cell_access_related_info.tracking_area_code = 1u << 24;
}
static void m_cid(rrc_sib1_t *s)
{
  s->cell_access_related_info.cell_identity = 1ull << 36;
}
static void m_pointa(rrc_sib1_t *s)
{
  SCC(s).downlink_config_common.frequency_info_dl.offset_to_point_a = 2200;
}
static void m_bw(rrc_sib1_t *s)
{
  SCC(s).downlink_config_common.frequency_info_dl.scs[0].carrier_bandwidth = 276;
}
static void m_riv(rrc_sib1_t *s)
{
  DLB(s).generic_parameters.location_and_bandwidth = 37950;
}
static void m_cs0(rrc_sib1_t *s)
{
  DLB(s).pdcch_config_common.control_resource_set_zero = 16;
}
static void m_ssid(rrc_sib1_t *s)
{
  DLB(s).pdcch_config_common.common_search_space[0].search_space_id = 40;
}
static void m_ssoff(rrc_sib1_t *s)
{
  DLB(s).pdcch_config_common.common_search_space[0].monitoring_slot_offset = 1;
}
static void m_ntdra(rrc_sib1_t *s)
{
  DLB(s).pdsch_config_common.nof_tdra = 17;
}
static void m_m1fs(rrc_sib1_t *s)
{
  RACH(s).rach_config_generic.msg1_frequency_start = 275;
}
static void m_prtp(rrc_sib1_t *s)
{
  RACH(s).rach_config_generic.preamble_received_target_power = -59;
}
static void m_root(rrc_sib1_t *s)
{
  RACH(s).prach_root_sequence_index = 838;
}
static void m_cb(rrc_sib1_t *s)
{
  RACH(s).cb_preambles_per_ssb = 6;
}
static void m_p0(rrc_sib1_t *s)
{
  ULB(s).pusch_config_common.p0_nominal_with_grant = 25;
}
static void m_pmax(rrc_sib1_t *s)
{
  SCC(s).uplink_config_common.frequency_info_ul.p_max = 34;
}
static void m_ta(rrc_sib1_t *s)
{
  SCC(s).n_timing_advance_offset = (rrc_n_timing_advance_offset_t)3;
}
static void m_ssbp(rrc_sib1_t *s)
{
  SCC(s).ssb_periodicity_serving_cell = (rrc_ssb_periodicity_t)6;
}
static void m_pwr(rrc_sib1_t *s)
{
  SCC(s).ss_pbch_block_power = 51;
}
static void m_t310(rrc_sib1_t *s)
{
  s->ue_timers_and_constants.t310 = (rrc_t310_t)7;
}
static void m_tdd(rrc_sib1_t *s)
{
  SCC(s).has_tdd_ul_dl_configuration_common = true;
  SCC(s).tdd_ul_dl_configuration_common.pattern1.nrof_downlink_slots = 321;
}

static void test_rejects(void)
{
  static const struct {
    mutate_fn fn;
    const char *field;
  } cases[] = {
      {m_qrx, "q-RxLevMin"},
      {m_mnc, "mnc"},
      {m_nplmn, "plmn-IdentityList"},
      {m_tac, "trackingAreaCode"},
      {m_cid, "cellIdentity"},
      {m_pointa, "offsetToPointA"},
      {m_bw, "carrierBandwidth"},
      {m_riv, "locationAndBandwidth"},
      {m_cs0, "controlResourceSetZero"},
      {m_ssid, "searchSpaceId"},
      {m_ssoff, "monitoringSlotPeriodicityAndOffset"},
      {m_ntdra, "pdsch-TimeDomainAllocationList"},
      {m_m1fs, "msg1-FrequencyStart"},
      {m_prtp, "preambleReceivedTargetPower"},
      {m_root, "prach-RootSequenceIndex"},
      {m_cb, "ssb-perRACH-OccasionAndCB-PreamblesPerSSB"},
      {m_p0, "p0-NominalWithGrant"},
      {m_pmax, "p-Max"},
      {m_ta, "n-TimingAdvanceOffset"},
      {m_ssbp, "ssb-PeriodicityServingCell"},
      {m_pwr, "ss-PBCH-BlockPower"},
      {m_t310, "t310"},
      {m_tdd, "nrofDownlinkSlots"},
  };
  rrc_sib1_cell_cfg_t cfg;
  static rrc_sib1_t base, s;
  static uint8_t out[BIG];
  rrc_sib1_cell_cfg_default(&cfg);
  CHECK(rrc_sib1_build_default(&cfg, &base) == 0, "default");
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(cases); i++) {
    const char *bad = NULL;
    s = base;
    cases[i].fn(&s);
    int e = rrc_sib1_pack(&s, out, sizeof out, NULL, &bad);
    CHECK(e == OLIVE_EINVAL, "%s: pack gave %d", cases[i].field, e);
    CHECK(bad && strcmp(bad, cases[i].field) == 0, "error names '%s', expected '%s'",
          bad ? bad : "(null)", cases[i].field);
  }
  CHECK(rrc_sib1_pack(&base, out, 20, NULL, NULL) == OLIVE_ERANGE, "20-byte buffer accepted");
}

/* shared/INTEROP.md: what srsUE requires of SIB1, checked on the decoded default. */
static void test_default(void)
{
  rrc_sib1_cell_cfg_t cfg;
  static rrc_sib1_t s, d;
  uint8_t out[RRC_SIB1_MAX_BYTES];
  size_t nbits;
  rrc_sib1_cell_cfg_default(&cfg);
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "build");
  int n = rrc_sib1_pack(&s, out, sizeof out, &nbits, NULL);
  CHECK(n > 0 && rrc_sib1_unpack(out, (size_t)n, &d) == 0, "default packs in 2976 bits: %d", n);
  const rrc_serving_cell_config_common_sib_t *scc = &d.serving_cell_config_common;
  const rrc_bwp_uplink_common_t *ul = &scc->uplink_config_common.initial_uplink_bwp;
  const rrc_bwp_downlink_common_t *dl = &scc->downlink_config_common.initial_downlink_bwp;
  CHECK(d.has_serving_cell_config_common && scc->has_uplink_config_common, "scc");
  CHECK(ul->has_rach_config_common && ul->has_pusch_config_common && ul->has_pucch_config_common &&
            dl->has_pdcch_config_common && dl->has_pdsch_config_common,
        "rach/pusch/pucch/pdcch/pdsch-ConfigCommon all present");
  CHECK(ul->rach_config_common.rach_config_generic.msg1_frequency_start >= 1, "msg1 start");
  CHECK(ul->rach_config_common.prach_root_sequence_index_type == RRC_PRACH_ROOT_L839, "l839");
  CHECK(ul->rach_config_common.rach_config_generic.prach_configuration_index == 1, "prach idx");
  CHECK(dl->pdcch_config_common.control_resource_set_zero == 12 &&
            dl->pdcch_config_common.search_space_zero == 0,
        "coreset0 / ss0");
  CHECK(dl->generic_parameters.subcarrier_spacing == RRC_SCS_KHZ15, "15 kHz");
  /* 38.214 5.1.2.2.2: RIV of 106 PRBs from 0 with N = 275: 275 * 105 + 0 */
  CHECK(dl->generic_parameters.location_and_bandwidth == 28875, "RIV %u",
        dl->generic_parameters.location_and_bandwidth);
  /* 38.214 5.1.2.1: S = 2, L = 12 -> 14 * (14 - 12 + 1) + (14 - 1 - 2) = 53 */
  CHECK(dl->pdsch_config_common.tdra[0].start_symbol_and_length == 53, "PDSCH SLIV");
  cfg.msg1_frequency_start = 0;
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "msg1-FrequencyStart 0 accepted");
  rrc_sib1_cell_cfg_default(&cfg);
  cfg.tac = 1u << 24;
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "25-bit TAC accepted");
}

/* A TDD n78 cell at 30 kHz (the B210 config of issue 8): tdd-UL-DL-ConfigurationCommon
 * present with the 5 ms DDDDDDDSUU pattern, no UL band list or point A (Cond FDD-OrSUL),
 * 30 kHz everywhere; patterns that do not fit their period are refused (38.213 11.1). */
static void test_default_tdd(void)
{
  rrc_sib1_cell_cfg_t cfg;
  static rrc_sib1_t s, d;
  uint8_t out[RRC_SIB1_MAX_BYTES];
  rrc_sib1_cell_cfg_default(&cfg);
  cfg.band = 78;
  cfg.scs = RRC_SCS_KHZ30;
  cfg.nof_prb = 51;
  cfg.tdd = true;
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS5, 7, 6, 2, 4};
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "TDD build");
  int n = rrc_sib1_pack(&s, out, sizeof out, NULL, NULL);
  CHECK(n > 0 && rrc_sib1_unpack(out, (size_t)n, &d) == 0, "TDD pack/unpack %d", n);
  const rrc_serving_cell_config_common_sib_t *scc = &d.serving_cell_config_common;
  const rrc_frequency_info_ul_sib_t *ful = &scc->uplink_config_common.frequency_info_ul;
  CHECK(scc->has_tdd_ul_dl_configuration_common &&
            scc->tdd_ul_dl_configuration_common.reference_subcarrier_spacing == RRC_SCS_KHZ30 &&
            scc->tdd_ul_dl_configuration_common.pattern1.nrof_downlink_slots == 7 &&
            scc->tdd_ul_dl_configuration_common.pattern1.nrof_uplink_symbols == 4,
        "TDD pattern");
  CHECK(ful->nof_bands == 0 && !ful->has_absolute_frequency_point_a, "UL frequency for TDD");
  CHECK(
      ful->scs[0].subcarrier_spacing == RRC_SCS_KHZ30 && ful->scs[0].carrier_bandwidth == 51 &&
          scc->downlink_config_common.initial_downlink_bwp.generic_parameters.subcarrier_spacing ==
              RRC_SCS_KHZ30,
      "30 kHz carrier");
  /* 30 kHz, 5 ms = 10 slots: 8 + 2 full slots leave none for 6 + 4 symbols */
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS5, 8, 6, 2, 4};
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "overfull pattern accepted");
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS5, 8, 0, 2, 0};
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "full DDDDDDDDUU refused");
  /* 0.625 ms exists only at 120 kHz; 1.25 ms needs 60 kHz or more */
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS0P625, 0, 0, 0, 0};
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "0.625 ms at 30 kHz accepted");
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS1P25, 1, 0, 1, 0};
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "1.25 ms at 30 kHz accepted");
  cfg.tdd_pattern = (rrc_tdd_ul_dl_pattern_t){RRC_TDD_MS2P5, 3, 10, 1, 2};
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "2.5 ms DDDSU at 30 kHz refused");
  cfg.scs = RRC_SCS_KHZ60;
  CHECK(rrc_sib1_build_default(&cfg, &s) == OLIVE_EINVAL, "60 kHz accepted");
}

/* Another gNB's SIB1 (sib1_foreign.h): the fields we model decode, the rest is stepped
 * over and flagged; every truncation of it is refused. */
static void test_foreign(void)
{
  uint8_t buf[RRC_SIB1_MAX_BYTES];
  static rrc_sib1_t want, got;
  size_t n = sib1_foreign(buf, sizeof buf);
  sib1_foreign_expected(&want);
  CHECK(n > 0, "writer");
  CHECK(rrc_sib1_unpack(buf, n, &got) == 0 && memcmp(&want, &got, sizeof want) == 0,
        "foreign SIB1 not decoded to its modelled fields");
  /* cut inside the uac-BarringInfo (before the last 5 octets: octet string and v1610) */
  CHECK(rrc_sib1_unpack(buf, n - 5, &got) == OLIVE_EPROTO, "truncated foreign SIB1 decoded");
  /* the default SIB1 with an nr-NS-PmaxList spliced into its DL band entry */
  n = sib1_with_pmax_list(buf, sizeof buf, &want);
  CHECK(n > 0 && rrc_sib1_unpack(buf, n, &got) == 0 && memcmp(&want, &got, sizeof want) == 0,
        "SIB1 with nr-NS-PmaxList not decoded to its modelled fields");
}

int main(void)
{
  test_foreign();
  test_default_tdd();
  test_hand_vector();
  test_extension_skipped();
  test_round_trips();
  test_rejects();
  test_default();
  return olive_test_done();
}
