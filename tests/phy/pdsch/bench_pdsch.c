/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH chain time per slot, single thread, 20 MHz at 15 kHz (106 PRB), 256QAM table MCS
 * 27 (the highest), one layer, DM-RS type 1 at slot symbols 2 and 11, S = 0, L = 14:
 *   pdsch_tx: TB -> grid (phy_pdsch_encode: CRC, LDPC, rate matching, scrambling,
 *             modulation, mapping, DM-RS);
 *   pdsch_rx: grid -> TB (phy_pdsch_decode: channel estimate, MRC, demapping,
 *             descrambling, LDPC with early stop) on the noiseless grid of the
 *             transmitter copied to 1 or 2 RX ports.
 * Target for pdsch_tx (issue 5): <= 53 us/slot, srsRAN Project 25.10
 * pdsch_processor_benchmark -t lite measured on this machine. */
#include <stdio.h>
#include <string.h>

#include "olive/phy/pdsch.h"
#include "olive/support/bench.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define NPRB 106u

static phy_pdsch_cfg_t bench_cfg(void)
{
  phy_pdsch_cfg_t c = {
      .slot = 0,
      .tda = {PHY_PDSCH_MAPPING_A, 0, 0, 14},
      .nof_prb = NPRB,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 1,
      .cdm_groups_no_data = 2,
      .n_layers = 1,
      .rnti = 0x4601,
      .n_id = 1,
      .mcs_table = PHY_MCS_TABLE_QAM256,
      .mcs = 27,
      .new_data = true,
      .max_iters = 6,
  };
  return c;
}

static void run(const olive_bench_t *b, phy_pdsch_t *q, phy_grid_t *tx, phy_grid_t *rx,
                const uint8_t *tb, uint8_t *out, int dec, uint32_t nof_rx)
{
  phy_pdsch_cfg_t c = bench_cfg();
  double v[64];
  unsigned reps = b->reps < 64 ? b->reps : 64, iters = b->smoke ? 1 : 50;
  for (unsigned r = 0; r < reps; r++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < iters; i++) {
      if (dec) {
        phy_pdsch_decode(q, &c, rx, nof_rx, out, NULL);
      } else {
        phy_pdsch_encode(q, &c, tb, tx);
      }
      olive_bench_keep(dec ? (const void *)out : (const void *)tx->re);
    }
    v[r] = (double)(olive_time_ns() - t0) / iters / 1e3;
  }
  char keys[160];
  snprintf(keys, sizeof(keys), "prb=%u qm=8 mcs=27 table=qam256 layers=1 tbs=%d%s", NPRB,
           phy_pdsch_tbs(&c), dec ? (nof_rx == 2 ? " rx=2" : " rx=1") : "");
  olive_bench_report(dec ? "pdsch_rx" : "pdsch_tx", keys, olive_bench_median(v, reps), "us");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 15);
  phy_pdsch_t q;
  phy_pdsch_args_t a = {
      .max_prb = NPRB, .max_layers = 1, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  phy_grid_t tx, rx;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  phy_grid_args_t gr = {.max_ports = 2, .max_prb = NPRB};
  if (phy_pdsch_init(&q, &a) < 0 || phy_grid_init(&tx, &ga) < 0 || phy_grid_init(&rx, &gr) < 0) {
    return 1;
  }
  phy_pdsch_cfg_t c = bench_cfg();
  int tbs = phy_pdsch_tbs(&c);
  uint8_t *tb = olive_mem_alloc((size_t)tbs / 8), *out = olive_mem_alloc((size_t)tbs / 8);
  for (int i = 0; i < tbs / 8; i++) {
    tb[i] = (uint8_t)(i * 37 + 11);
  }
  run(&b, &q, &tx, &rx, tb, out, 0, 1);
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t r = 0; r < 2; r++) {
      memcpy(phy_grid_symbol(&rx, r, l), phy_grid_symbol(&tx, 0, l),
             sizeof(cf_t) * NPRB * PHY_NSC_RB);
    }
  }
  run(&b, &q, &tx, &rx, tb, out, 1, 1);
  run(&b, &q, &tx, &rx, tb, out, 1, 2);
  olive_mem_free(tb);
  olive_mem_free(out);
  phy_grid_free(&tx);
  phy_grid_free(&rx);
  phy_pdsch_free(&q);
  return 0;
}
