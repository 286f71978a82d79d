/* SPDX-License-Identifier: Apache-2.0 */
/* A SIB1 slot of the srsUE reference cell (dl_ref.h) through phy_dl_slot, received the
 * way a UE does it with blocks that never see the request:
 *  - OFDM demodulation gives back phy_dl_grid() (|error| < 1e-4: the pair is unitary);
 *  - phy_pbch_decode on SSB 0 (PRBs 40..60, symbols 2..5): CRC ok, the 24 MIB bits and
 *    the SFN (6 MSBs from the MIB, 4 LSBs from the PBCH payload) equal what was sent;
 *  - CORESET#0 is then derived from the decoded MIB (controlResourceSetZero 12 ->
 *    Table 13-1: 96 RB, 1 symbol, CRB 2) and phy_pdcch_blind_decode over searchSpace#0
 *    finds the DCI 1_0 (SI-RNTI) at AL4, CCE 8 with the sent bits;
 *  - the PDSCH configuration is built from the decoded DCI (FDRA RIV in CORESET#0, TDRA
 *    row 1, MCS) and phy_pdsch_decode returns the random TB with its CRC ok. The PDSCH
 *    spans CRB 12..59 and so overlaps the SSB in symbols 2..5: the UE rate-matches around
 *    PRBs 40..60 of the SSB, written here by hand (TS 38.214 5.1.4).
 * Then the same with AWGN at a per-RE SNR of 3 dB (Es/N0 of a unit-energy data RE): five
 * slots with different TBs and noise must all decode fully (PBCH, PDCCH and PDSCH). The
 * PDSCH (QPSK R 308/1024, SE 0.60, Shannon limit -2.87 dB) is the weakest of the three;
 * measured with this chain when the test was written (100 slots per point): 0/100 slots
 * fully decoded at -0.5 dB, 64/100 at 0.0 dB, 100/100 at 0.5 dB, a gap to Shannon in the
 * 2.0 .. 3.5 dB range test_pdsch_e2e reports for phy_pdsch; so 3 dB leaves 2.5 dB margin.
 * At -12 dB the slot must not decode (the noise is really added). Also decoded once with
 * the TS 38.211 5.4 upconversion phase term on both sides (f0 = carrier centre). */
#include <stdlib.h>

#include "dl_ref.h"

#define SFN       123u
#define MCS       4u  /* Table 5.1.3.1-1: QPSK, R = 308/1024 */
#define RB0       10u /* first CORESET#0 RB of the PDSCH: CRB 12 */
#define NRB       48u
#define CCE       8u
#define SNR_DB    3.0f
#define NOF_NOISY 5

static void build(phy_dl_slot_req_t *req, const uint8_t *tb, uint32_t tbs)
{
  memset(req, 0, sizeof(*req));
  req->sfn = SFN;
  req->slot = 0;
  req->nof_ssb = req->nof_pdcch = req->nof_pdsch = 1;
  req->ssb[0] = ref_ssb(SFN, 0, 4, 2);
  ref_pdcch_si(&req->pdcch[0], 4, CCE, RB0, NRB, MCS);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + RB0, NRB, MCS);
  req->pdsch[0] = ref_pdsch_pdu(&c, REF_CS0_CRB, tb, tbs);
}

/* UE: MIB -> CORESET#0 -> DCI -> PDSCH. Returns the number of blocks decoded (0..3). */
static int receive(ref_ue_t *u, const uint8_t *tb, uint32_t tbs, bool verbose)
{
  int ok = 0;
  phy_pbch_res_t pr;
  int r = ref_ue_pbch(u, 12u * REF_OFFSET + REF_K_SSB, 2, REF_PCI, 4, &pr);
  uint32_t mib = ref_mib(SFN, REF_K_SSB, REF_CS0_INDEX, 0);
  bool mib_ok = r == 0 && pr.crc_ok && ref_mib_field(pr.msg.bch, 0, 24) == mib &&
                pr.msg.sfn == SFN && pr.msg.hrf == 0 && pr.msg.ssb_idx == 0;
  ok += mib_ok;
  if (verbose) {
    CHECK(mib_ok, "PBCH r %d crc %d mib %06x sfn %u", r, pr.crc_ok,
          ref_mib_field(pr.msg.bch, 0, 24), pr.msg.sfn);
  }
  /* CORESET#0 from the decoded controlResourceSetZero (a_13 .. a_16). */
  phy_coreset_t cs;
  uint32_t crb;
  ref_coreset0(ref_mib_field(pr.msg.bch, 13, 4), 0, &cs, &crb);
  uint8_t a[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t cr;
  r = ref_ue_pdcch_si(u, &cs, crb, 0, a, &cr);
  phy_dci_sizes_t sz;
  phy_dci_1_0_t d = {0};
  phy_dci_sizes(&(phy_dci_size_cfg_t){.n_rb_dl = REF_CS0_NRB, .n_rb_ul = 106}, &sz);
  bool dci_ok =
      r == 0 && cr.al == 4 && cr.cce == CCE && phy_dci_1_0_unpack(&sz, PHY_RNTI_SI, a, &d) >= 0;
  ok += dci_ok;
  if (verbose) {
    CHECK(dci_ok, "PDCCH r %d al %u cce %u", r, cr.al, cr.cce);
  }
  if (!dci_ok) {
    return ok;
  }
  uint32_t prb0 = 0, n = 0;
  phy_pdsch_tda_t t;
  CHECK(phy_pdsch_fdra_type1(REF_CS0_NRB, crb, d.fdra, &prb0, &n) == 0);
  CHECK(phy_pdsch_tda_default_a(d.tdra + 1, 2, &t) == 0 && t.s == 2 && t.l == 12);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, prb0, n, d.mcs);
  c.nof_reserved = 1;
  c.reserved[0] = (phy_pdsch_reserved_t){REF_SSB_PRB0, REF_SSB_NPRB, 2, 4};
  CHECK(phy_pdsch_tbs(&c) == (int)tbs, "UE TBS %d", phy_pdsch_tbs(&c));
  uint8_t rx[1024];
  phy_pdsch_rx_res_t res;
  r = phy_pdsch_decode(&u->pdsch, &c, &u->grid, 1, rx, &res);
  bool tb_ok = r == 0 && res.sch.tb_ok && memcmp(rx, tb, tbs / 8) == 0;
  ok += tb_ok;
  if (verbose) {
    CHECK(tb_ok, "PDSCH r %d", r);
  }
  return ok;
}

int main(void)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(20261125);
  phy_carrier_t car = ref_carrier(0, 106, 23.04e6);
  phy_dl_t *q = ref_dl_create(&car);
  ref_ue_t ue;
  if (q == NULL || ref_ue_init(&ue, &car) < 0) {
    return olive_test_done();
  }
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + RB0, NRB, MCS);
  int tbs = phy_pdsch_tbs(&c);
  CHECK(tbs > 0 && tbs <= 8192, "TBS %d", tbs);
  uint8_t tb[1024];
  for (int i = 0; i < tbs / 8; i++) {
    tb[i] = (uint8_t)olive_test_u64(&rng);
  }
  static phy_dl_slot_req_t req;
  build(&req, tb, (uint32_t)tbs);
  uint32_t len = phy_dl_slot_len(q, 0);
  CHECK(len == 23040u, "slot length %u", len);
  cf_t *x = malloc(sizeof(cf_t) * len);
  phy_dl_slot_stats_t st;
  CHECK(phy_dl_slot(q, &req, x, &st) == 0);
  CHECK(st.nof_ssb == 1 && st.nof_pdcch == 1 && st.nof_pdsch == 1 && st.nof_rejected == 0,
        "stats %u %u %u %u", st.nof_ssb, st.nof_pdcch, st.nof_pdsch, st.nof_rejected);
  ref_ue_demod(&ue, x, 0);
  float e = ref_grid_diff(&ue.grid, phy_dl_grid(q));
  CHECK(e < 1e-4f, "demodulated grid differs by %g", e);
  CHECK(receive(&ue, tb, (uint32_t)tbs, true) == 3);

  float n0 = powf(10.0f, -SNR_DB / 10.0f);
  for (int k = 0; k < NOF_NOISY; k++) {
    for (int i = 0; i < tbs / 8; i++) {
      tb[i] = (uint8_t)olive_test_u64(&rng);
    }
    CHECK(phy_dl_slot(q, &req, x, NULL) == 0);
    ref_awgn(x, len, n0, &rng);
    ref_ue_demod(&ue, x, 0);
    CHECK(receive(&ue, tb, (uint32_t)tbs, true) == 3, "noisy slot %d at %.1f dB", k, SNR_DB);
  }
  /* TS 38.211 5.4 phase term on (what srsUE expects on air) with f0 the carrier centre,
   * removed again by the UE's demodulator: the samples change, the slot still decodes. */
  phy_dl_args_t pa = {.carrier = car, .plan = PHY_OFDM_PLAN_ESTIMATE, .phase_comp = true};
  pa.center_hz = phy_carrier_center_hz(&car);
  phy_dl_t *qp = phy_dl_create(&pa, NULL);
  cf_t *y = malloc(sizeof(cf_t) * len);
  CHECK(qp != NULL && phy_dl_slot(q, &req, x, NULL) == 0 && phy_dl_slot(qp, &req, y, NULL) == 0);
  CHECK(memcmp(x, y, sizeof(cf_t) * len) != 0, "the 5.4 term changes the samples");
  CHECK(phy_ofdm_set_center(&ue.ofdm, pa.center_hz, true) == 0);
  ref_ue_demod(&ue, y, 0);
  CHECK(receive(&ue, tb, (uint32_t)tbs, true) == 3, "with the 5.4 phase term");
  CHECK(phy_ofdm_set_center(&ue.ofdm, 0, false) == 0);
  phy_dl_destroy(qp);
  free(y);
  /* The noise is real: at -12 dB the QPSK R 0.3 PDSCH cannot decode. */
  CHECK(phy_dl_slot(q, &req, x, NULL) == 0);
  ref_awgn(x, len, powf(10.0f, 1.2f), &rng);
  ref_ue_demod(&ue, x, 0);
  CHECK(receive(&ue, tb, (uint32_t)tbs, false) < 3, "decoded at -12 dB");
  free(x);
  ref_ue_free(&ue);
  phy_dl_destroy(q);
  return olive_test_done();
}
