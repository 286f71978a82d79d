/* SPDX-License-Identifier: Apache-2.0 */
/* Polar coding chains: PBCH (TS 38.212 7.1.3-7.1.5), DCI (7.3.2-7.3.4) and UCI on a single
 * code block (6.3.1.2.1, 6.3.1.3.1, 6.3.1.4.1). Scrambling and modulation are not here. */
#include <string.h>

#include "olive/phy/crc.h"
#include "olive/phy/polar.h"
#include "olive/support/error.h"

typedef struct chain_params {
  phy_crc_type_t crc;
  unsigned ones; /* 7.3.2: 24 ones before a for the DCI CRC */
  bool rnti;
  unsigned n_max;
  bool il, bil;
} chain_params_t;

static int chain_params(const phy_polar_chain_cfg_t *cfg, chain_params_t *p)
{
  unsigned A = cfg->A, E = cfg->E;
  memset(p, 0, sizeof(*p));
  switch (cfg->chain) {
  case PHY_POLAR_PBCH: /* 7.1.3: CRC24C; 7.1.4: n_max 9, I_IL 1; 7.1.5: E = 864, I_BIL 0 */
    *p = (chain_params_t){PHY_CRC24C, 0, false, 9, true, false};
    return A == 32 && E == 864 ? OLIVE_OK : OLIVE_EINVAL;
  case PHY_POLAR_DCI: /* 7.3.2 CRC24C with RNTI; 7.3.3 n_max 9, I_IL 1; 7.3.4 I_BIL 0 */
    *p = (chain_params_t){PHY_CRC24C, 24, true, 9, true, false};
    return A >= 12 && A + 24 <= PHY_POLAR_K_IL_MAX ? OLIVE_OK : OLIVE_EINVAL;
  case PHY_POLAR_UCI: /* 6.3.1.2.1: CRC6 for 12..19 bits, CRC11 above */
    *p = (chain_params_t){A <= 19 ? PHY_CRC6 : PHY_CRC11, 0, false, 10, false, true};
    if (A < 12) {
      return OLIVE_EINVAL;
    }
    /* 6.3.1.2.1: two code blocks when A >= 1013, or A >= 360 and E >= 1088 */
    return (A >= 1013 || (A >= 360 && E >= 1088)) ? OLIVE_ENOTSUP : OLIVE_OK;
  }
  return OLIVE_EINVAL;
}

static int chain_code(const phy_polar_chain_cfg_t *cfg, chain_params_t *p, phy_polar_code_t *c)
{
  if (cfg == NULL) {
    return OLIVE_EINVAL;
  }
  int r = chain_params(cfg, p);
  if (r != OLIVE_OK) {
    return r;
  }
  unsigned K = cfg->A + phy_crc_len(p->crc);
  return phy_polar_code_get(c, K, cfg->E, p->n_max, p->il, p->bil);
}

int phy_polar_chain_encode(const phy_polar_chain_cfg_t *cfg, const uint8_t *a, uint8_t *e)
{
  chain_params_t p;
  phy_polar_code_t code;
  if (a == NULL || e == NULL) {
    return OLIVE_EINVAL;
  }
  int r = chain_code(cfg, &p, &code);
  if (r != OLIVE_OK) {
    return r;
  }
  uint8_t buf[24 + PHY_POLAR_KMAX], cp[PHY_POLAR_KMAX], u[PHY_POLAR_NMAX];
  memset(buf, 1, p.ones);
  memcpy(buf + p.ones, a, cfg->A);
  if (p.rnti) {
    phy_crc_attach_bits_rnti(p.crc, buf, p.ones + cfg->A, cfg->rnti);
  } else {
    phy_crc_attach_bits(p.crc, buf, p.ones + cfg->A);
  }
  const uint8_t *c = buf + p.ones; /* the ones are not transmitted */
  if (p.il) {
    phy_polar_interleave(cp, c, code.K);
  } else {
    memcpy(cp, c, code.K);
  }
  phy_polar_alloc(&code, cp, u);
  phy_polar_encode(u, u, code.n);
  phy_polar_rm_tx(&code, u, e);
  return OLIVE_OK;
}

int phy_polar_chain_decode(phy_polar_dec_t *q, const phy_polar_chain_cfg_t *cfg, const float *llr_e,
                           uint8_t *a)
{
  chain_params_t p;
  phy_polar_code_t code;
  if (q == NULL || llr_e == NULL || a == NULL) {
    return OLIVE_EINVAL;
  }
  int r = chain_code(cfg, &p, &code);
  if (r != OLIVE_OK) {
    return r;
  }
  float llr_d[PHY_POLAR_NMAX];
  uint8_t c[PHY_POLAR_KMAX];
  phy_polar_rm_rx(&code, llr_e, llr_d);
  phy_polar_dec_cfg_t dc = {&code, cfg->list, p.crc, p.ones, p.rnti, cfg->rnti};
  r = phy_polar_dec_run(q, &dc, llr_d, c, NULL);
  memcpy(a, c, cfg->A);
  return r;
}
