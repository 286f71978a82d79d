/* SPDX-License-Identifier: Apache-2.0 */
/* Downlink slot processor: lifecycle and the per-slot sequence (olive/phy/dl.h). */
#include <string.h>

#include "dl_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

/* The largest TBS one layer of the carrier can take (TS 38.214 5.1.3.2): all PRBs, the
 * N'_RE cap of 156 REs per PRB, 256QAM at the highest rate of Table 5.1.3.1-2 (948/1024). */
static int carrier_max_tbs(const phy_carrier_t *c)
{
  phy_tbs_cfg_t t = {
      .n_symb_sh = PHY_NSYMB_SLOT, .n_prb = c->nof_prb, .n_layers = 1, .qm = 8, .r_x2048 = 2 * 948};
  return phy_tbs_calc(&t);
}

static int dl_init(phy_dl_t *q, const phy_dl_args_t *a)
{
  q->carrier = a->carrier;
  int r = phy_carrier_check(&q->carrier);
  int max = r < 0 ? r : carrier_max_tbs(&q->carrier);
  if (max < 0 || a->max_tbs > (uint32_t)max) {
    return OLIVE_EINVAL;
  }
  q->max_tbs = a->max_tbs ? a->max_tbs : (uint32_t)max;
  uint32_t n = q->carrier.nof_prb;
  phy_ofdm_args_t oa = {.carrier = q->carrier,
                        .center_hz = a->center_hz,
                        .phase_comp = a->phase_comp,
                        .scale = a->scale,
                        .plan = a->plan,
                        .wisdom_path = a->wisdom_path};
  phy_pdsch_args_t da = {.max_prb = n, .max_layers = 1, .max_qm = 8, .isa = OLIVE_ISA_AUTO};
  /* A transmit grid (grid.h): the mappers write the DFT input of each symbol with the
   * modulator's weights, and the modulator transforms the rows in place of copying them. */
  if ((r = phy_ofdm_mod_init(&q->ofdm, &oa)) < 0 ||
      (r = phy_grid_init(
           &q->grid,
           &(phy_grid_args_t){.max_ports = 1, .max_prb = n, .fft_size = q->ofdm.fft_size})) < 0 ||
      (r = phy_pbch_init(&q->pbch, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO})) < 0 ||
      (r = phy_pdcch_init(&q->pdcch, &(phy_pdcch_args_t){.isa = OLIVE_ISA_AUTO})) < 0 ||
      (r = phy_pdsch_init(&q->pdsch, &da)) < 0) {
    return r;
  }
  return 0;
}

phy_dl_t *phy_dl_create(const phy_dl_args_t *args, int *err)
{
  int r = OLIVE_EINVAL;
  phy_dl_t *q = NULL;
  if (args != NULL) {
    q = olive_mem_alloc(sizeof(*q));
    r = q == NULL ? OLIVE_ENOMEM : dl_init(q, args);
  }
  if (r < 0) {
    phy_dl_destroy(q);
    q = NULL;
  }
  if (err != NULL) {
    *err = r;
  }
  return q;
}

void phy_dl_destroy(phy_dl_t *q)
{
  if (q == NULL) {
    return;
  }
  phy_ofdm_free(&q->ofdm);
  phy_pdsch_free(&q->pdsch);
  phy_pdcch_free(&q->pdcch);
  phy_pbch_free(&q->pbch);
  phy_grid_free(&q->grid);
  olive_mem_free(q);
}

uint32_t phy_dl_slot_len(const phy_dl_t *q, uint32_t slot)
{
  return q == NULL ? 0 : phy_carrier_slot_len(&q->carrier, slot);
}

const phy_grid_t *phy_dl_grid(const phy_dl_t *q)
{
  return q == NULL ? NULL : &q->grid;
}

/* PDUs beyond the array size are not read; they count as rejected. */
static uint32_t clamp(uint32_t n, uint32_t max, phy_dl_slot_stats_t *st)
{
  uint32_t m = n < max ? n : max;
  st->nof_rejected += n - m;
  return m;
}

static void tally(int r, uint32_t *sent, phy_dl_slot_stats_t *st)
{
  if (r == 0) {
    (*sent)++;
  } else {
    st->nof_rejected++;
  }
}

int phy_dl_slot(phy_dl_t *q, const phy_dl_slot_req_t *req, cf_t *out, phy_dl_slot_stats_t *stats)
{
  if (q == NULL || req == NULL || out == NULL || req->slot >= 10u * PHY_SLOTS_SF(q->carrier.mu) ||
      req->sfn > 1023) {
    return OLIVE_EINVAL;
  }
  phy_dl_slot_stats_t st = {0};
  cf_t w[PHY_NSYMB_SLOT];
  phy_ofdm_slot_weights(&q->ofdm, req->slot, w);
  phy_grid_clear(&q->grid);
  phy_grid_set_weights(&q->grid, w);
  q->nof_res = 0;
  /* Order matters: the PDSCHs rate-match around what the SSBs and PDCCHs took. */
  uint32_t n = clamp(req->nof_ssb, PHY_DL_SLOT_MAX_SSB, &st);
  for (uint32_t i = 0; i < n; i++) {
    tally(dl_ssb(q, req, &req->ssb[i]), &st.nof_ssb, &st);
  }
  n = clamp(req->nof_pdcch, PHY_DL_SLOT_MAX_PDCCH, &st);
  for (uint32_t i = 0; i < n; i++) {
    tally(dl_pdcch(q, req, &req->pdcch[i]), &st.nof_pdcch, &st);
  }
  n = clamp(req->nof_pdsch, PHY_DL_SLOT_MAX_PDSCH, &st);
  for (uint32_t i = 0; i < n; i++) {
    tally(dl_pdsch(q, req, &req->pdsch[i]), &st.nof_pdsch, &st);
  }
  int r = phy_ofdm_mod_slot(&q->ofdm, &q->grid, 0, req->slot, out);
  if (stats != NULL) {
    *stats = st;
  }
  return r < 0 ? r : 0;
}
