/* SPDX-License-Identifier: Apache-2.0 */
/* phy_dl_slot() time per slot, single thread, 15 kHz, 106 PRB at 23.04 Msps (N_fft 1536,
 * FFTW_MEASURE plans; --smoke uses ESTIMATE):
 *   case=sib1:  the SIB1 slot of test_dl_sib1.c (SSB, DCI 1_0 at AL4 in CORESET#0, a QPSK
 *               PDSCH of 48 PRBs rate-matched around the SSB);
 *   case=pdsch: a DCI at AL4 in a 48-RB CORESET on symbol 0 and a full-band PDSCH (106
 *               PRBs, S 0, L 14, rate-matched around the CORESET) at MCS 27 of the
 *               256QAM table (Q_m 8), DM-RS at symbols 2 and 11.
 *   case=empty: no PDU: clearing the grid and OFDM modulation of the 14 symbols, which
 *               the other two include. */
#include <stdio.h>
#include <string.h>

#include "dl_ref.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

static phy_dl_slot_req_t req;
static uint8_t tb[16384];

static void build_sib1(void)
{
  memset(&req, 0, sizeof(req));
  req.sfn = 1;
  req.nof_ssb = req.nof_pdcch = req.nof_pdsch = 1;
  req.ssb[0] = ref_ssb(req.sfn, 0, 4, 2);
  ref_pdcch_si(&req.pdcch[0], 4, 8, 10, 48, 4);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + 10, 48, 4);
  req.pdsch[0] = ref_pdsch_pdu(&c, REF_CS0_CRB, tb, (uint32_t)phy_pdsch_tbs(&c));
}

static void build_pdsch(void)
{
  memset(&req, 0, sizeof(req));
  req.nof_pdcch = req.nof_pdsch = 1;
  phy_pdcch_pdu_t *p = &req.pdcch[0];
  for (uint32_t g = 0; g < 8; g++) {
    p->coreset.groups[g] = 1;
  }
  p->coreset.nof_symb = 1;
  p->coreset.reg_bundle = 6;
  p->n_id_dmrs = p->n_id = REF_PCI;
  p->rnti = 0x4601;
  p->al = 4;
  p->dci_len = 39;
  phy_pdsch_cfg_t c = {.tda = {PHY_PDSCH_MAPPING_A, 0, 0, 14},
                       .nof_prb = 106,
                       .dmrs_type = PHY_DMRS_TYPE1,
                       .typea_pos = 2,
                       .add_pos = 1,
                       .dmrs_id = REF_PCI,
                       .cdm_groups_no_data = 2,
                       .n_layers = 1,
                       .rnti = 0x4601,
                       .n_id = REF_PCI,
                       .mcs_table = PHY_MCS_TABLE_QAM256,
                       .mcs = 27};
  req.pdsch[0] = ref_pdsch_pdu(&c, 0, tb, (uint32_t)phy_pdsch_tbs(&c));
}

static void run(const olive_bench_t *b, phy_dl_t *q, cf_t *x, const char *keys)
{
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64, iters = b->smoke ? 1 : 200;
  phy_dl_slot_stats_t st;
  phy_dl_slot(q, &req, x, &st); /* warm-up; also checks the request */
  if (st.nof_rejected != 0) {
    fprintf(stderr, "bench_dl: %s: %u PDUs rejected\n", keys, st.nof_rejected);
  }
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      phy_dl_slot(q, &req, x, NULL);
      olive_bench_keep(x);
    }
    v[r] = (double)(olive_time_ns() - t0) / iters / 1e3;
  }
  olive_bench_report("dl_slot", keys, olive_bench_median(v, reps), "us");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 9);
  for (size_t i = 0; i < sizeof(tb); i++) {
    tb[i] = (uint8_t)(i * 151u + 7u);
  }
  phy_dl_args_t a = {.carrier = ref_carrier(0, 106, 23.04e6),
                     .plan = b.smoke ? PHY_OFDM_PLAN_ESTIMATE : PHY_OFDM_PLAN_MEASURE};
  int err = 0;
  phy_dl_t *q = phy_dl_create(&a, &err);
  cf_t *x = olive_mem_alloc(sizeof(cf_t) * 23040);
  if (q == NULL || x == NULL) {
    fprintf(stderr, "bench_dl: create failed (%d)\n", err);
    return 1;
  }
  memset(&req, 0, sizeof(req));
  run(&b, q, x, "case=empty prb=106 fft=1536");
  build_sib1();
  run(&b, q, x, "case=sib1 prb=106 fft=1536");
  build_pdsch();
  run(&b, q, x, "case=pdsch prb=106 qm=8 mcs=27 fft=1536");
  olive_mem_free(x);
  phy_dl_destroy(q);
  return 0;
}
