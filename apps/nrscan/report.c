/* SPDX-License-Identifier: Apache-2.0 */
/* nrscan output: one line per event, "<what> key=value ...", readable by people and by
 * scripts (the MIB and SIB1 fields are rrc_mib_to_str / rrc_sib1_to_str). */
#include <stdio.h>

#include "nrscan.h"
#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"

void nrscan_print_mib(const nrscan_cell_t *c, uint64_t ts)
{
  const phy_cellsearch_res_t *r = &c->res;
  char mib[256] = "undecodable";
  rrc_mib_t m;
  if (rrc_mib_unpack(r->mib, sizeof(r->mib), &m) == 0) {
    rrc_mib_to_str(&m, mib, sizeof(mib));
  }
  printf("mib pci=%u ssb_arfcn=%u sample=%llu sfn=%u hrf=%u ssb_idx=%u k_ssb=%u cfo_hz=%.1f "
         "snr_db=%.1f %s\n",
         c->pci, c->ssb_arfcn,
         (unsigned long long)(ts + (uint64_t)(r->pss_pos > 0 ? r->pss_pos : 0)), r->sfn, r->hrf,
         r->ssb_idx, r->k_ssb, r->cfo_hz, r->snr_db, mib);
  fflush(stdout);
}

void nrscan_print_cell(const nrscan_cell_t *c)
{
  const phy_cellsearch_res_t *r = &c->res;
  const phy_cellsearch_sib1_res_t *s = &c->sib1_res;
  printf("cell pci=%u dl_arfcn=%u ssb_arfcn=%u cfo_hz=%.1f snr_db=%.1f sib1_sfn=%u sib1_slot=%u "
         "sib1_al=%u sib1_mcs=%u sib1_tbs=%u sib1_snr_db=%.1f\n",
         c->pci, c->dl_arfcn, c->ssb_arfcn, r->cfo_hz, r->snr_db, s->sfn, s->slot, s->al, s->mcs,
         s->tbs, s->snr_db);
  static rrc_sib1_t sib1;
  static char line[4096];
  int ret = rrc_sib1_unpack(c->sib1, (size_t)c->sib1_len, &sib1);
  if (ret == 0) {
    rrc_sib1_to_str(&sib1, line, sizeof(line));
    printf("sib1 pci=%u %s\n", c->pci, line);
  } else {
    printf("sib1 pci=%u undecodable=%d bytes=%d\n", c->pci, ret, c->sib1_len);
  }
  fflush(stdout);
}
