/* SPDX-License-Identifier: Apache-2.0 */
/* Two cells on one SSB frequency (cs_cell.h: the band 3 cell from our TX chain, PCI 10
 * and PCI 401, N_ID^(2) 1 and 2), summed with AWGN 10 dB below the first:
 *  - not aligned: the second cell 6 dB weaker, its frames 2.345 ms later (its SSBs fall
 *    on empty symbols of the first);
 *  - aligned (a synchronised network): the second cell 1 dB weaker on the same samples,
 *    so the two SSBs collide.
 * The first phy_cellsearch_run finds the stronger cell; a second run with it in
 * cfg.known finds the other, with its MIB (SFN of its own frames) and, when not aligned,
 * its SIB1; a third run with both known finds no new PCI. */
#include <stdio.h>

#include "cs_cell.h"
#include "cs_testsig.h"
#include "olive/phy/cellsearch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define FRAMES 3u
#define SFN0   40u
#define LEN    (FRAMES * 10u * CC_SLOT)

static void mix(const cf_t *a, const cf_t *b, double gain_db, uint32_t shift, cf_t *out)
{
  olive_test_rng_t r = OLIVE_TEST_RNG(shift + 1);
  float g = (float)pow(10, gain_db / 20);
  for (uint32_t n = 0; n < LEN; n++) {
    out[n] = a[n] + (n >= shift ? g * b[n - shift] : 0) + ts_gauss(&r, 0.1);
  }
}

static void scenario(phy_cellsearch_t *q, const cs_cell_t *ca, const cs_cell_t *cb, const cf_t *a,
                     const cf_t *b, cf_t *x, bool aligned)
{
  uint32_t shift = aligned ? 0 : 54029; /* 2.345 ms */
  mix(a, b, aligned ? -1.0 : -6.0, shift, x);
  phy_cellsearch_res_t found[3];
  phy_cellsearch_cfg_t cfg = {
      .ssb_offset_hz = ca->ssb_offset_hz, .rx_center_hz = (double)ca->cell.dl_hz, .known = found};
  int r = phy_cellsearch_run(q, &cfg, x, LEN, &found[0]);
  CHECK(r == 0 && found[0].pci == ca->pci, "first: %d PCI %u", r, found[0].pci);
  cfg.nof_known = 1;
  r = phy_cellsearch_run(q, &cfg, x, LEN, &found[1]);
  CHECK(r == 0 && found[1].pci == cb->pci, "second (%s): %d PCI %u", aligned ? "aligned" : "not", r,
        found[1].pci);
  double truth = (double)shift + ((double)found[1].sfn - SFN0) * 10 * CC_SLOT;
  CHECK(r == 0 && fabs(found[1].frame_pos - truth) < 1.0, "second frame at %.1f, truth %.1f",
        found[1].frame_pos, truth);
  if (!aligned && r == 0) {
    static uint8_t sib1[PHY_CELLSEARCH_MAX_TB_BYTES];
    phy_cellsearch_sib1_res_t sr;
    int n = phy_cellsearch_sib1(q, &cfg, &found[1], 5, x, LEN, sib1, sizeof(sib1), &sr);
    CHECK(n >= (int)cb->sib1_len && memcmp(sib1, cb->sib1_bytes, cb->sib1_len) == 0,
          "second SIB1: %d", n);
  }
  cfg.nof_known = 2;
  r = phy_cellsearch_run(q, &cfg, x, LEN, &found[2]);
  CHECK(r != 0 || found[2].pci == ca->pci || found[2].pci == cb->pci, "third: PCI %u",
        found[2].pci);
  printf("cellsearch_multi aligned=%d first=%u second=%u third_ret=%d\n", aligned, found[0].pci,
         found[1].pci, r);
}

int main(void)
{
  static cs_cell_t ca, cb;
  CHECK(cc_setup(&ca, 10) == 0 && cc_setup(&cb, 401) == 0);
  cf_t *a = olive_mem_calloc(LEN, sizeof(cf_t)), *b = olive_mem_calloc(LEN, sizeof(cf_t));
  cf_t *x = olive_mem_calloc(LEN, sizeof(cf_t));
  CHECK(cc_stream(&ca, SFN0, FRAMES, 0, true, a) == 0);
  CHECK(cc_stream(&cb, SFN0, FRAMES, 0, true, b) == 0);
  phy_cellsearch_t q;
  phy_cellsearch_args_t args = {.srate_hz = CC_SRATE,
                                .ssb_case = PHY_SSB_CASE_A,
                                .l_max = 4,
                                .max_cfo_hz = 5000,
                                .plan = PHY_OFDM_PLAN_ESTIMATE,
                                .isa = OLIVE_ISA_AUTO};
  CHECK(phy_cellsearch_init(&q, &args) == 0);
  scenario(&q, &ca, &cb, a, b, x, false);
  scenario(&q, &ca, &cb, a, b, x, true);
  phy_cellsearch_free(&q);
  olive_mem_free(a);
  olive_mem_free(b);
  olive_mem_free(x);
  return olive_test_done();
}
