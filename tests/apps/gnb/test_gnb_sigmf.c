/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB on the SigMF file driver for 1 s of samples, then the recording decoded as a UE
 * would, with receiver parameters taken from what srsUE is told (shared/INTEROP.md), not
 * from the gNB's cell derivation:
 *   carrier 1842.5 MHz (DL ARFCN 368500), 106 PRB at 15 kHz, 23.04 Msps (N_fft 1536);
 *   SSB at SSB ARFCN 368410: SS_REF 1842.05 MHz, 450 kHz below the centre, so SSB
 *   subcarrier 0 is carrier subcarrier (-450 - 120 * 15 + 6 * 106 * 15) / 15 = 486.
 * Run with --cell_cfg.pci=500 --cell_cfg.ssb.ssb_period=20. Checks:
 *   - the PSS search (phy_pss_search over 12 ms from 10 ms) finds N_ID^(2) = 500 mod 3
 *     at sample 2 * 230400 + 3408: frame 2 (frame 0 is still zeros: the engine sends from
 *     slot tx_advance; frame 1 has no SSB at a 20 ms period), SSB 0 of case A in symbols
 *     2..5 (TS 38.213 4.1), whose useful part
 *     starts after CPs of 120 and 108 samples and two 1536-sample symbols and one CP
 *     (TS 38.211 5.3.1 at N_fft 1536);
 *   - in every even frame of the file: the SSS (correlated here against all 336 N_ID^(1),
 *     TS 38.211 7.4.2.3) gives PCI 500, the PBCH decodes (phy_pbch_decode), and its MIB
 *     (rrc_mib_unpack) holds k_SSB 6, CORESET#0 12, SS#0 0, 15 kHz, not barred, and the
 *     SFN equals the frame number: SFN advancing with radio time;
 *   - odd frames carry no SSB (20 ms period): the SSB's REs hold < 1e-3 of the energy of
 *     an even frame's;
 *   - SIB1, read the way a UE reads it from the MIB alone: CORESET#0 row 12 of TS 38.213
 *     Table 13-1 (96 RB, 1 symbol, offset 38) from the SSB's CRB (486 - 6) / 12 = 40, so
 *     CRB 2; DCI 1_0 with SI-RNTI blind-decoded over srsUE's searchSpace#0 (AL4 x4, AL8
 *     x2) in slot 0 of the even frames (Table 13-11 row 0: O = 0, SFN mod 2 = 0); the PDSCH
 *     from the DCI's FDRA (in CORESET#0's 96 RBs) and TDRA (default table A), DM-RS as
 *     38.214 5.1.6.2 prescribes for DCI 1_0 (type A, pos2, 2 CDM groups without data,
 *     reference at CORESET#0's lowest CRB); its TB decoded by rrc_sib1_unpack holds the
 *     PLMN 001-99, TAC 4660 and cellIdentity 1234 * 2^14 given on the command line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/coreset.h"
#include "olive/phy/dci.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/pbch.h"
#include "olive/phy/pdcch.h"
#include "olive/phy/pdsch.h"
#include "olive/phy/ssb.h"
#include "olive/radio/sigmf.h"
#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive_test.h"

#define SRATE      23040000.0
#define FRAME      230400u
#define SLOT       23040u
#define K0         486u
#define PCI        500u
#define PSS_USEFUL 3408u

static char base[512];

static int run_gnb(const char *gnb, const char *configs)
{
  char cmd[2048];
  snprintf(cmd, sizeof(cmd),
           "%s -c %s/gnb_zmq.yaml --ru_sdr.device_driver=file --ru_sdr.device_args=tx_file=%s "
           "--cell_cfg.pci=%u --cell_cfg.ssb.ssb_period=20 --expert_execution.rt_priority=0 "
           "--cell_cfg.tac=4660 --cell_cfg.plmn=00199 --gnb_id=1234 "
           "--duration=1 >%s.log 2>&1",
           gnb, configs, base, PCI, base);
  return system(cmd);
}

static void check_meta(void)
{
  char path[600], text[4096], err[160];
  snprintf(path, sizeof(path), "%s.sigmf-meta", base);
  FILE *f = fopen(path, "rb");
  size_t n = f ? fread(text, 1, sizeof(text), f) : 0;
  if (f)
    fclose(f);
  olive_sigmf_meta_t m;
  CHECK(olive_sigmf_meta_parse(text, n, &m, err, sizeof(err)) == 0, "meta: %s", err);
  CHECK(m.sample_rate == SRATE && m.has_frequency && m.frequency == 1842.5e6, "rate, frequency");
}

/* Reads n samples at sample index pos (zeros past the end). */
static void read_at(FILE *f, uint64_t pos, cf_t *x, uint32_t n)
{
  memset(x, 0, n * sizeof(*x));
  if (fseek(f, (long)(pos * sizeof(cf_t)), SEEK_SET) == 0)
    CHECK(fread(x, sizeof(cf_t), n, f) <= n);
}

static void check_pss(FILE *f, cf_t *buf)
{
  uint32_t len = 12 * SLOT;
  phy_pss_search_args_t a = {.srate_hz = SRATE,
                             .mu = 0,
                             .max_len = len,
                             .ssb_offset_hz = -450e3,
                             .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_pss_search_t q;
  phy_pss_search_res_t r;
  read_at(f, FRAME, buf, len);
  CHECK(phy_pss_search_init(&q, &a) == 0 && phy_pss_search_run(&q, buf, len, &r) == 0);
  CHECK(r.n_id2 == PCI % 3, "N_ID2 %u", r.n_id2);
  CHECK(r.pos + FRAME == 2 * FRAME + PSS_USEFUL, "PSS at %u, expected %u", r.pos + FRAME,
        2 * FRAME + PSS_USEFUL);
  /* Noiseless, but symbol 2 also carries the SIB1 PDSCH (slot n0 = 0, 96 RBs of CORESET#0
   * less the 20 SSB RBs): the PSS holds 127 of about 1040 REs of the window's energy. */
  CHECK(r.metric > 0.08f, "metric %.3f", r.metric);
  phy_pss_search_free(&q);
}

/* N_ID^(1) whose SSS correlates best with the received one (real +-1 sequences). */
static uint32_t detect_pci(const cf_t *sss, uint32_t n_id2)
{
  float best = -1, d[PHY_SSS_LEN];
  uint32_t pci = 0;
  for (uint32_t n1 = 0; n1 < 336; n1++) {
    phy_sss_gen(3 * n1 + n_id2, d);
    cf_t acc = 0;
    for (uint32_t i = 0; i < PHY_SSS_LEN; i++)
      acc += sss[i] * d[i];
    if (cabsf(acc) > best) {
      best = cabsf(acc);
      pci = 3 * n1 + n_id2;
    }
  }
  return pci;
}

static void check_mib(const phy_pbch_res_t *r, uint32_t frame)
{
  uint8_t b[3] = {0};
  for (uint32_t i = 0; i < 24; i++)
    b[i / 8] |= (uint8_t)(r->msg.bch[i] << (7 - i % 8));
  rrc_mib_t m;
  CHECK(rrc_mib_unpack(b, 3, &m) == 0, "MIB unpacks");
  CHECK(m.ssb_subcarrier_offset == 6 && r->msg.k_ssb == 0, "k_SSB 6");
  CHECK(m.control_resource_set_zero == 12 && m.search_space_zero == 0, "CORESET#0 12, SS#0 0");
  CHECK(m.sub_carrier_spacing_common == RRC_SCS_COMMON_SCS15OR60 &&
            m.cell_barred == RRC_CELL_NOT_BARRED,
        "15 kHz, not barred");
  CHECK(r->msg.sfn == frame % 1024, "frame %u: SFN %u", frame, r->msg.sfn);
  CHECK(m.system_frame_number == rrc_mib_sfn_msbs(frame), "MIB SFN MSBs");
  CHECK(r->msg.hrf == 0 && r->msg.ssb_idx == 0, "half frame 0, SSB 0");
}

typedef struct rx {
  phy_ofdm_t ofdm;
  phy_grid_t grid;
  phy_pbch_t pbch;
  phy_pdcch_t pdcch;
  phy_pdsch_t pdsch;
  cf_t *slot;
  uint32_t sib1_ok;
} rx_t;

static void check_sib1(const uint8_t *tb, uint32_t len)
{
  static rrc_sib1_t s;
  CHECK(rrc_sib1_unpack(tb, len, &s) == 0, "SIB1 unpacks");
  const rrc_cell_access_related_info_t *a = &s.cell_access_related_info;
  CHECK(a->plmn[0].mcc[0] == 0 && a->plmn[0].mcc[1] == 0 && a->plmn[0].mcc[2] == 1 &&
            a->plmn[0].nof_mnc_digits == 2 && a->plmn[0].mnc[0] == 9 && a->plmn[0].mnc[1] == 9,
        "PLMN 001-99");
  CHECK(a->tracking_area_code == 4660 && a->cell_identity == (uint64_t)1234 << 14, "TAC, cell id");
}

/* DCI 1_0 on SI-RNTI in CORESET#0, then its PDSCH (see the top). */
static void decode_sib1(rx_t *x, uint32_t frame)
{
  phy_coreset0_t row;
  phy_coreset_t cs;
  uint32_t crb = 0;
  CHECK(phy_coreset0_get(15, 15, 5, 12, &row) == 0 && row.nof_rb == 96 && row.offset_rb == 38);
  CHECK(phy_coreset0_start_crb(&row, (K0 - 6) / 12, 15, &crb) == 0 && crb == 2);
  CHECK(phy_coreset_from_coreset0(&cs, &row, crb, 0, PCI) == 0);
  phy_pdcch_cfg_t pc = {
      .coreset = &cs, .slot = 0, .n_id_dmrs = PCI, .dmrs_rb_offset = -(int32_t)crb, .n_id = PCI};
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}, .rnti = 0xFFFF};
  phy_dci_sizes_t sz;
  CHECK(phy_dci_sizes(&(phy_dci_size_cfg_t){.n_rb_dl = 96, .n_rb_ul = 106}, &sz) == 0);
  uint8_t bits[PHY_DCI_MAX_BITS];
  phy_pdcch_res_t pr;
  phy_dci_1_0_t dci;
  if (phy_pdcch_blind_decode(&x->pdcch, &pc, &ss, 0xFFFF, sz.size_1_0, &x->grid, 0, bits, &pr) !=
          0 ||
      phy_dci_1_0_unpack(&sz, PHY_RNTI_SI, bits, &dci) < 0) {
    CHECK(0, "frame %u: no SIB1 DCI", frame);
    return;
  }
  phy_pdsch_cfg_t c = {.crb0 = 0u - crb, /* DM-RS reference: CORESET#0's lowest CRB */
                       .dmrs_type = PHY_DMRS_TYPE1,
                       .typea_pos = 2,
                       .add_pos = 2,
                       .dmrs_id = PCI,
                       .cdm_groups_no_data = 2,
                       .n_layers = 1,
                       .rnti = 0xFFFF,
                       .n_id = PCI,
                       .mcs_table = PHY_MCS_TABLE_QAM64,
                       .mcs = dci.mcs,
                       .rv = dci.rv,
                       .new_data = true};
  CHECK(phy_pdsch_fdra_type1(96, crb, dci.fdra, &c.prb_start, &c.nof_prb) == 0);
  CHECK(phy_pdsch_tda_default_a(dci.tdra + 1, 2, &c.tda) == 0);
  c.cdm_groups_no_data = c.tda.l <= 2 ? 1 : 2;
  int tbs = phy_pdsch_tbs(&c);
  static uint8_t tb[PHY_MAX_PRB * 156];
  CHECK(tbs > 0 && phy_pdsch_decode(&x->pdsch, &c, &x->grid, 1, tb, NULL) == 0,
        "frame %u: SIB1 PDSCH (PRB %u+%u, MCS %u, TBS %d)", frame, c.prb_start, c.nof_prb, dci.mcs,
        tbs);
  if (tbs > 0) {
    check_sib1(tb, (uint32_t)tbs / 8);
    x->sib1_ok++;
  }
}

/* Slot 0 of `frame`: returns the energy of the SSB's REs; decodes when expected. */
static double decode_frame(rx_t *x, FILE *f, uint32_t frame, bool expect_ssb)
{
  read_at(f, (uint64_t)frame * FRAME, x->slot, SLOT);
  CHECK(phy_ofdm_demod_slot(&x->ofdm, x->slot, 0, 0, &x->grid, 0) == (int)SLOT);
  phy_ssb_map_cfg_t map = {
      .k0 = K0, .l0 = 2, .n_id = PCI, .beta_pss = 1, .beta_sss = 1, .beta_pbch = 1, .beta_dmrs = 1};
  cf_t sss[PHY_SSS_LEN], pbch[432];
  CHECK(phy_ssb_extract(&map, &x->grid, 0, NULL, sss, pbch, NULL) == 0);
  double e = 0;
  for (uint32_t i = 0; i < PHY_SSS_LEN; i++)
    e += (double)(crealf(sss[i]) * crealf(sss[i]) + cimagf(sss[i]) * cimagf(sss[i]));
  for (uint32_t i = 0; i < 432; i++)
    e += (double)(crealf(pbch[i]) * crealf(pbch[i]) + cimagf(pbch[i]) * cimagf(pbch[i]));
  if (!expect_ssb)
    return e;
  CHECK(detect_pci(sss, PCI % 3) == PCI, "frame %u: PCI", frame);
  phy_pbch_cfg_t pc = {.map = map, .l_max = 4};
  phy_pbch_res_t r;
  CHECK(phy_pbch_decode(&x->pbch, &pc, &x->grid, 0, &r) == 0 && r.crc_ok, "frame %u: PBCH CRC",
        frame);
  check_mib(&r, frame);
  if (frame <= 12)
    decode_sib1(x, frame);
  return e;
}

static void check_frames(FILE *f, uint32_t nof_frames, cf_t *buf)
{
  rx_t x = {.slot = buf};
  phy_carrier_t c = {.mu = 0, .nof_prb = 106, .srate_hz = SRATE};
  phy_ofdm_args_t oa = {
      .carrier = c, .center_hz = 1842.5e6, .phase_comp = true, .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_carrier_check(&oa.carrier) == 0 && oa.carrier.fft_size == 1536);
  CHECK(phy_ofdm_demod_init(&x.ofdm, &oa) == 0);
  CHECK(phy_grid_init(&x.grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = 106}) == 0);
  CHECK(phy_pbch_init(&x.pbch, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO}) == 0);
  CHECK(phy_pdcch_init(&x.pdcch, &(phy_pdcch_args_t){.isa = OLIVE_ISA_AUTO}) == 0);
  phy_pdsch_args_t da = {
      .max_prb = 106, .max_layers = 1, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_pdsch_init(&x.pdsch, &da) == 0);
  uint32_t decoded = 0;
  double e_even = 0, e_odd = 0;
  for (uint32_t fr = 2; fr < nof_frames; fr++) {
    double e = decode_frame(&x, f, fr, fr % 2 == 0);
    if (fr % 2 == 0) {
      decoded++;
      e_even = e_even > 0 && e_even < e ? e_even : e;
    } else {
      e_odd = e_odd > e ? e_odd : e;
    }
  }
  CHECK(decoded >= 45, "%u SSBs decoded in %u frames", decoded, nof_frames);
  CHECK(e_odd < 1e-3 * e_even, "odd frames without SSB: %g vs %g", e_odd, e_even);
  CHECK(x.sib1_ok == 6, "SIB1 decoded in frames 2..12: %u", x.sib1_ok);
  phy_pdsch_free(&x.pdsch);
  phy_pdcch_free(&x.pdcch);
  phy_pbch_free(&x.pbch);
  phy_grid_free(&x.grid);
  phy_ofdm_free(&x.ofdm);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <gnb> <configs dir> <work dir>\n", argv[0]);
    return 2;
  }
  snprintf(base, sizeof(base), "%s/gnb_sigmf_rec", argv[3]);
  CHECK(run_gnb(argv[1], argv[2]) == 0, "gnb exits 0 (log: %s.log)", base);
  check_meta();
  char path[600];
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL, "%s", path);
  if (f != NULL) {
    fseek(f, 0, SEEK_END);
    uint64_t n = (uint64_t)ftell(f) / sizeof(cf_t);
    CHECK(n >= 98 * FRAME && n <= 110 * FRAME, "about 1 s of samples: %llu", (unsigned long long)n);
    cf_t *buf = malloc(12 * SLOT * sizeof(cf_t));
    check_pss(f, buf);
    check_frames(f, (uint32_t)(n / FRAME), buf);
    free(buf);
    fclose(f);
  }
  remove(path);
  return olive_test_done();
}
