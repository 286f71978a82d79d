/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: arbitrary parameters (as a buggy scheduler or a corrupt config could pass)
 * into TBS determination, segmentation and per-code-block rate matching. Every call must
 * either reject the parameters with an error or stay inside the buffers sized for the
 * largest valid code block; LLR contents are arbitrary. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "olive/phy/ldpc_rm.h"
#include "olive/phy/tbs.h"

#define FZ_MAX_E 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t take(const uint8_t **p, size_t *n, unsigned bytes)
{
  uint32_t v = 0;
  for (unsigned i = 0; i < bytes; i++) {
    v = (v << 8) | (*n ? **p : 0);
    if (*n) {
      (*p)++;
      (*n)--;
    }
  }
  return v;
}

static uint8_t d[PHY_LDPC_MAX_N / 8 + 8], f[FZ_MAX_E];
static int8_t llr[FZ_MAX_E], soft[PHY_LDPC_MAX_N];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const uint8_t *p = data;
  size_t n = size;
  phy_tbs_cfg_t tc = {.n_symb_sh = take(&p, &n, 1),
                      .n_dmrs_prb = take(&p, &n, 1),
                      .n_oh_prb = take(&p, &n, 1),
                      .n_prb = take(&p, &n, 2),
                      .n_layers = take(&p, &n, 1),
                      .qm = take(&p, &n, 1),
                      .r_x2048 = take(&p, &n, 2),
                      .tb_scaling = take(&p, &n, 1)};
  (void)phy_tbs_calc(&tc);
  phy_ldpc_seg_t seg;
  uint32_t tbs = take(&p, &n, 3);
  if (phy_ldpc_rm_segment(tbs, (phy_ldpc_bg_t)take(&p, &n, 1), &seg) == 0) {
    (void)phy_ldpc_rm_ncb(&seg, take(&p, &n, 3));
  }
  (void)phy_ldpc_rm_e(take(&p, &n, 3), take(&p, &n, 1), take(&p, &n, 1), take(&p, &n, 1),
                      take(&p, &n, 1));
  /* Mostly near-valid rate-matching parameters (so the walk itself is exercised),
   * with the edges just outside each range reachable. */
  phy_ldpc_rm_cfg_t rc;
  rc.bg = (phy_ldpc_bg_t)(take(&p, &n, 1) % 4);
  rc.z = phy_ldpc_lifting_size(take(&p, &n, 1) % 53);
  rc.k_prime = take(&p, &n, 2) % (22 * rc.z + 2);
  rc.n_cb = take(&p, &n, 2) % (66 * rc.z + 2);
  rc.rv = take(&p, &n, 1) % 5;
  rc.qm = take(&p, &n, 1) % 10;
  rc.e = take(&p, &n, 2) % (FZ_MAX_E + 2);
  if (rc.e > FZ_MAX_E) {
    return 0; /* E is the caller's buffer size: only the parameters are under test */
  }
  memset(llr, 0, sizeof(llr));
  memcpy(llr, p, n < sizeof(llr) ? n : sizeof(llr));
  (void)phy_ldpc_rm_needed(&rc);
  (void)phy_ldpc_rm_encode(&rc, d, f);
  if (phy_ldpc_rm_soft_reset(&rc, soft) == 0) {
    (void)phy_ldpc_rm_decode(&rc, llr, soft);
  }
  return 0;
}
