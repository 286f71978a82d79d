/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH time per slot, single thread, 15 kHz, S = 0, L = 14, mapping type A, DM-RS type 1
 * at slot symbol 2 only, two CDM groups without data, one layer, rv 0, 1 RX port: the
 * configuration of srsRAN Project's pusch_processor_benchmark (profiles
 * pusch_scs15_5MHz_qpsk_min: 25 PRB, QPSK R = 120/1024; and the 20 MHz 64QAM / 256QAM
 * ones at 106 PRB; LDPC at most 2 iterations with early stop; the resource grid holds
 * complex normal noise, so every code block runs both iterations and fails):
 *   pusch_rx input=noise: that case exactly (phy_pusch_decode: estimate, TA/SNR/RSRP/EVM,
 *                         MRC, demapping, descrambling, de-rate-matching, LDPC, CRC);
 *   pusch_rx input=signal: the transmitter's noiseless grid (decodes, early stop), up to
 *                         6 iterations;
 *   pusch_tx: TB -> grid (phy_pusch_encode).
 * Extra cases: 2 RX ports (MRC), and transform precoding (DFT-s-OFDM, TP MCS table row 0,
 * also QPSK R = 120/1024).
 * Goal (issue 6): pusch_rx prb=25 qm=2 <= 67 us/slot (srsRAN Project 25.10 median). */
#include <stdio.h>
#include <string.h>

#include "olive/phy/pusch.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "olive_test.h"

#define MAX_PRB 106u

typedef struct bcase {
  uint32_t prb;
  phy_mcs_table_t table;
  uint32_t mcs;
  uint32_t qm, r1024;
  uint32_t nof_rx;
  bool tp;
} bcase_t;

static const bcase_t cases[] = {
    {25, PHY_MCS_TABLE_QAM64, 0, 2, 120, 1, false},    /* QPSK R = 120/1024 (srsRAN case) */
    {25, PHY_MCS_TABLE_QAM64, 0, 2, 120, 2, false},    /* the same with 2 RX ports */
    {25, PHY_MCS_TABLE_TP_QAM64, 0, 2, 120, 1, true},  /* with transform precoding */
    {106, PHY_MCS_TABLE_QAM64, 0, 2, 120, 1, false},   /* 20 MHz QPSK */
    {106, PHY_MCS_TABLE_QAM64, 27, 6, 873, 1, false},  /* 64QAM R = 873/1024 */
    {106, PHY_MCS_TABLE_QAM256, 27, 8, 948, 1, false}, /* 256QAM R = 948/1024 */
};

typedef struct benv {
  phy_pusch_t q;
  phy_grid_t tx, rx, noise;
  uint8_t *tb, *out;
} benv_t;

static phy_pusch_cfg_t bench_cfg(const bcase_t *k)
{
  phy_pusch_cfg_t c = {.mu = 0,
                       .mapping = PHY_PUSCH_MAPPING_A,
                       .s = 0,
                       .l = 14,
                       .nof_prb = k->prb,
                       .dmrs_type = PHY_DMRS_TYPE1,
                       .typea_pos = 2,
                       .add_pos = 0,
                       .dmrs_id = 0,
                       .cdm_groups_no_data = 2,
                       .n_layers = 1,
                       .rnti = 1,
                       .n_id = 0,
                       .mcs_table = k->table,
                       .mcs = k->mcs,
                       .transform_precoding = k->tp,
                       .new_data = true};
  return c;
}

/* mode 0: tx, 1: rx on noise (2 iterations), 2: rx on the signal (6 iterations) */
static void run(const olive_bench_t *b, benv_t *e, const bcase_t *k, int mode)
{
  phy_pusch_cfg_t c = bench_cfg(k);
  c.max_iters = mode == 1 ? 2 : 6;
  phy_grid_set_size(&e->tx, 1, k->prb);
  phy_grid_set_size(&e->rx, k->nof_rx, k->prb);
  phy_grid_set_size(&e->noise, k->nof_rx, k->prb);
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64, iters = b->smoke ? 1 : 40;
  phy_pusch_rx_res_t res;
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      if (mode == 0) {
        phy_pusch_encode(&e->q, &c, e->tb, NULL, &e->tx);
      } else {
        phy_pusch_decode(&e->q, &c, mode == 1 ? &e->noise : &e->rx, k->nof_rx, e->out, &res);
      }
      olive_bench_keep(mode ? (const void *)e->out : (const void *)e->tx.re);
    }
    v[r] = (double)(olive_time_ns() - t0) / iters / 1e3;
  }
  char keys[200];
  snprintf(keys, sizeof(keys), "prb=%u qm=%u r=%u/1024 mcs=%u table=%s tbs=%d rx=%u tp=%d %s",
           k->prb, k->qm, k->r1024, k->mcs, phy_tbs_mcs_table_name(k->table), phy_pusch_tbs(&c),
           mode ? k->nof_rx : 1, k->tp,
           mode == 0   ? "scs=15"
           : mode == 1 ? "iters=2 input=noise"
                       : "iters=6 input=signal");
  olive_bench_report(mode ? "pusch_rx" : "pusch_tx", keys, olive_bench_median(v, reps), "us");
}

static void fill_noise(phy_grid_t *g)
{
  olive_test_rng_t rng = OLIVE_TEST_RNG(7);
  for (uint32_t l = 0; l < 2 * PHY_NSYMB_SLOT; l++) {
    cf_t *y = phy_grid_symbol(g, l / PHY_NSYMB_SLOT, l % PHY_NSYMB_SLOT);
    for (uint32_t i = 0; i < MAX_PRB * PHY_NSC_RB; i++) {
      y[i] = (float)(olive_test_gauss(&rng) * M_SQRT1_2) +
             I * (float)(olive_test_gauss(&rng) * M_SQRT1_2);
    }
  }
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 15);
  static benv_t e;
  phy_pusch_args_t a = {
      .max_prb = MAX_PRB, .max_qm = 8, .nof_harq = 1, .tp = true, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = MAX_PRB};
  if (phy_pusch_init(&e.q, &a) < 0 || phy_grid_init(&e.tx, &ga) < 0 ||
      phy_grid_init(&e.rx, &ga) < 0 || phy_grid_init(&e.noise, &ga) < 0) {
    return 1;
  }
  e.tb = olive_mem_alloc(16384);
  e.out = olive_mem_alloc(16384);
  for (int i = 0; i < 16384; i++) {
    e.tb[i] = (uint8_t)(i * 37 + 11);
  }
  fill_noise(&e.noise);
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(cases); i++) {
    if (cases[i].nof_rx == 1) {
      run(&b, &e, &cases[i], 0);
    } else { /* the transmitter of the 1-RX case already printed */
      phy_pusch_cfg_t c = bench_cfg(&cases[i]);
      phy_pusch_encode(&e.q, &c, e.tb, NULL, &e.tx);
    }
    for (uint32_t p = 0; p < 2; p++) {
      memcpy(phy_grid_symbol(&e.rx, p, 0), e.tx.re, sizeof(cf_t) * e.tx.stride * PHY_NSYMB_SLOT);
    }
    run(&b, &e, &cases[i], 1);
    run(&b, &e, &cases[i], 2);
  }
  olive_mem_free(e.tb);
  olive_mem_free(e.out);
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_grid_free(&e.noise);
  phy_pusch_free(&e.q);
  return 0;
}
