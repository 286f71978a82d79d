/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy pbch-encode: the BCH message through TS 38.212 7.1 and TS 38.211 7.3.3 into the 864
 * scrambled bits, or the whole SS/PBCH block (PSS, SSS, PBCH, DMRS; 38.211 7.4.3.1) as a
 * 240 x 4 grid, through olive/phy/pbch.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"
#include "olive/phy/pbch.h"
#include "olive/support/api.h"

static const char *const lmax_names[] = {"4", "8"};
static const char *const fmt_names[] = {"bits", "grid"};

static int pbch_opts(nrphy_args_t *a, phy_pbch_msg_t *m, phy_pbch_cfg_t *cfg, unsigned *fmt)
{
  unsigned pci = 0, lm = 1;
  int rc = nrphy_opt_uint(a, "pci", 0, 0, 1007, &pci);
  rc = rc ? rc : nrphy_opt_uint(a, "sfn", 0, 0, 1023, &m->sfn);
  rc = rc ? rc : nrphy_opt_uint(a, "hrf", 0, 0, 1, &m->hrf);
  rc = rc ? rc : nrphy_opt_enum(a, "lmax", lmax_names, OLIVE_ARRAY_SIZE(lmax_names), 1, &lm);
  rc = rc ? rc : nrphy_opt_uint(a, "ssb-idx", 0, 0, lm ? 7 : 3, &m->ssb_idx);
  rc = rc ? rc : nrphy_opt_uint(a, "kssb", 0, 0, 31, &m->k_ssb);
  rc = rc ? rc : nrphy_opt_enum(a, "format", fmt_names, OLIVE_ARRAY_SIZE(fmt_names), 0, fmt);
  rc = rc ? rc : nrphy_args_finish(a, true);
  *cfg = (phy_pbch_cfg_t){
      .map = {.n_id = pci, .beta_pss = 1, .beta_sss = 1, .beta_pbch = 1, .beta_dmrs = 1},
      .l_max = lm ? 8 : 4};
  return rc;
}

/* TS 38.331 MIB: bits a_1..a_6 are the 6 MSBs of the SFN; 38.212 7.1.1 adds the 4 LSBs. */
static int check_sfn(const nrphy_args_t *a, const phy_pbch_msg_t *m)
{
  unsigned msb = 0;
  for (unsigned i = 1; i <= 6; i++) {
    msb = msb << 1 | m->bch[i];
  }
  if (msb != m->sfn >> 4) {
    return nrphy_usage_error(a,
                             "--sfn: value '%u' disagrees with the message's bits a1..a6 "
                             "(systemFrameNumber MSBs = %u); allowed: %u..%u",
                             m->sfn, msb, msb << 4, (msb << 4) + 15);
  }
  return 0;
}

static int write_grid(phy_pbch_t *q, const phy_pbch_cfg_t *cfg, const phy_pbch_msg_t *m,
                      const char *out)
{
  phy_grid_t g = {0};
  cf_t ssb[PHY_SSB_NSYMB * PHY_SSB_NSC];
  int rc = NRPHY_EXIT_FAIL;
  if (phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 20}) == 0 &&
      phy_pbch_encode(q, cfg, m, &g, 0) == 0) {
    for (uint32_t l = 0; l < PHY_SSB_NSYMB; l++) {
      memcpy(ssb + l * PHY_SSB_NSC, phy_grid_symbol(&g, 0, l), sizeof(cf_t) * PHY_SSB_NSC);
    }
    rc = nrphy_write(out, ssb, sizeof(ssb));
  }
  phy_grid_free(&g);
  return rc;
}

int nrphy_pbch_encode(nrphy_args_t *a)
{
  phy_pbch_msg_t m = {0};
  phy_pbch_cfg_t cfg;
  unsigned fmt;
  int rc = pbch_opts(a, &m, &cfg, &fmt);
  if (rc != 0) {
    return rc;
  }
  uint8_t *in = nrphy_read_exact(a->in, PHY_BCH_MSG_BITS);
  if (in == NULL || nrphy_check_bits(a->in, in, PHY_BCH_MSG_BITS) != 0) {
    free(in);
    return NRPHY_EXIT_FAIL;
  }
  memcpy(m.bch, in, PHY_BCH_MSG_BITS);
  free(in);
  if ((rc = check_sfn(a, &m)) != 0) {
    return rc;
  }
  phy_pbch_t q = {0};
  uint8_t bits[PHY_PBCH_E];
  rc = NRPHY_EXIT_FAIL;
  if (phy_pbch_init(&q, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO}) == 0) {
    if (fmt == 1) {
      rc = write_grid(&q, &cfg, &m, a->out);
    } else if (phy_pbch_encode_bits(&q, &cfg, &m, bits) == 0) {
      rc = nrphy_write(a->out, bits, sizeof(bits));
    }
  }
  phy_pbch_free(&q);
  return rc;
}
