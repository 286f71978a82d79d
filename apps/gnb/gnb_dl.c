/* SPDX-License-Identifier: Apache-2.0 */
#include "gnb_dl.h"

#include <stdio.h>
#include <string.h>

#include "olive/support/error.h"

static int init_procs(gnb_dl_t *g, const gnb_dl_args_t *a, char *msg, size_t len)
{
  phy_dl_args_t da = {.carrier = a->cell->carrier,
                      .center_hz = a->cell->dl_hz,
                      .phase_comp = true, /* TS 38.211 5.4, as a UE expects on air */
                      .plan = PHY_OFDM_PLAN_MEASURE};
  for (unsigned i = 0; i < a->nof_proc; i++) {
    int rc = 0;
    atomic_flag_clear(&g->proc[i].busy);
    g->proc[i].dl = phy_dl_create(&da, &rc);
    if (g->proc[i].dl == NULL) {
      snprintf(msg, len, "DL processor %u: %s", i, olive_strerror(rc));
      return rc < 0 ? rc : OLIVE_ENOMEM;
    }
    g->nof_proc = i + 1;
  }
  return 0;
}

int gnb_dl_init(gnb_dl_t *g, const gnb_dl_args_t *a, char *msg, size_t len)
{
  memset(g, 0, sizeof(*g));
  g->cell = a->cell;
  if (a->nof_proc < 1 || a->nof_proc > OLIVE_ENGINE_MAX_WORKERS) {
    snprintf(msg, len, "%u DL processors: allowed 1..%u", a->nof_proc, OLIVE_ENGINE_MAX_WORKERS);
    return OLIVE_EINVAL;
  }
  mac_bcast_args_t ba;
  gnb_cell_bcast_args(a->cell, a->pci, &ba);
  int rc = 0;
  if ((g->bcast = mac_bcast_create(&ba, &rc)) == NULL) {
    snprintf(msg, len, "broadcast scheduler: %s (CORESET#0 %u, searchSpace#0 %u, SIB1 %u bytes)",
             olive_strerror(rc), ba.coreset0_index, ba.ss0_index, ba.sib1_len);
    return rc < 0 ? rc : OLIVE_ENOMEM;
  }
  if ((rc = init_procs(g, a, msg, len)) < 0)
    return rc;
  if (a->pcap_path != NULL) {
    mac_pcap_args_t pa = {.path = a->pcap_path,
                          .duplex = a->cell->tdd ? MAC_PCAP_TDD : MAC_PCAP_FDD};
    if ((g->pcap = mac_pcap_open(&pa)) == NULL) {
      snprintf(msg, len, "pcap.mac_filename: cannot create '%s'", a->pcap_path);
      return OLIVE_EIO;
    }
  }
  return 0;
}

void gnb_dl_free(gnb_dl_t *g)
{
  if (g == NULL)
    return;
  mac_pcap_close(g->pcap);
  g->pcap = NULL;
  for (unsigned i = 0; i < g->nof_proc; i++) {
    phy_dl_destroy(g->proc[i].dl);
    g->proc[i].dl = NULL;
  }
  g->nof_proc = 0;
  mac_bcast_destroy(g->bcast);
  g->bcast = NULL;
}

/* The MIB of each SSB (its SFN bits set by the MAC) and the SIB1 to the pcap. The SIB1
 * record holds the BCCH-DL-SCH message without the transport block's padding. */
static void capture(gnb_dl_t *g, const phy_dl_slot_req_t *r)
{
  for (unsigned i = 0; i < r->nof_ssb; i++) {
    uint32_t m = r->ssb[i].mib;
    uint8_t b[RRC_MIB_BYTES] = {(uint8_t)(m >> 16), (uint8_t)(m >> 8), (uint8_t)m};
    mac_pcap_write_bch(g->pcap, r->sfn, r->slot, b, sizeof(b));
  }
  for (unsigned i = 0; i < r->nof_pdsch; i++) {
    const phy_pdsch_pdu_t *d = &r->pdsch[i];
    if (d->rnti_type != PHY_RNTI_SI)
      continue;
    uint32_t n = d->tb_len < g->cell->sib1_len ? d->tb_len : g->cell->sib1_len;
    mac_pcap_write_dlsch(g->pcap, MAC_PCAP_SI_RNTI, MAC_SI_RNTI, r->sfn, r->slot, d->tb, n);
  }
}

static gnb_dl_proc_t *claim(gnb_dl_t *g)
{
  for (unsigned i = 0; i < g->nof_proc; i++)
    if (!atomic_flag_test_and_set_explicit(&g->proc[i].busy, memory_order_acquire))
      return &g->proc[i];
  return NULL;
}

int gnb_dl_slot(void *ctx, const olive_engine_slot_t *s, olive_radio_cf_t *const *tx)
{
  gnb_dl_t *g = ctx;
  uint32_t len = g->cell->slot_samples;
  if (gnb_cell_slot_kind(g->cell, s->slot) == GNB_SLOT_UL) {
    memset(tx[0], 0, len * sizeof(*tx[0])); /* the UE transmits: we stay silent */
    atomic_fetch_add_explicit(&g->ul_slots, 1, memory_order_relaxed);
    return 0;
  }
  gnb_dl_proc_t *p = claim(g);
  if (p == NULL) {
    atomic_fetch_add_explicit(&g->no_proc, 1, memory_order_relaxed);
    return OLIVE_ENOSPC;
  }
  int rc = mac_bcast_slot(g->bcast, s->sfn, s->slot, &p->req);
  phy_dl_slot_stats_t st = {0};
  if (rc == 0)
    rc = phy_dl_slot(p->dl, &p->req, tx[0], &st);
  if (rc == 0 && g->pcap != NULL)
    capture(g, &p->req);
  atomic_flag_clear_explicit(&p->busy, memory_order_release);
  atomic_fetch_add_explicit(&g->slots, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&g->ssb, st.nof_ssb, memory_order_relaxed);
  atomic_fetch_add_explicit(&g->sib1, st.nof_pdsch, memory_order_relaxed);
  atomic_fetch_add_explicit(&g->rejected, st.nof_rejected, memory_order_relaxed);
  return rc;
}
