/* SPDX-License-Identifier: Apache-2.0 */
/* Polar coding chains: PBCH (TS 38.212 7.1.3-7.1.5), DCI (7.3.2-7.3.4) and UCI (6.3.1.2.1
 * with the code block segmentation of 5.2.1, 6.3.1.3.1, 6.3.1.4.1, concatenation 5.5).
 * Scrambling and modulation are not here. */
#include <string.h>

#include "olive/phy/crc.h"
#include "olive/phy/polar.h"
#include "olive/support/error.h"

#define UCI_A_MAX 1706 /* TS 38.212 5.2.1 */

typedef struct chain_params {
  phy_crc_type_t crc;
  unsigned ones; /* 7.3.2: 24 ones before a for the DCI CRC */
  bool rnti;
  unsigned n_max;
  bool il, bil;
  unsigned C;  /* code blocks (5.2.1) */
  unsigned Ap; /* A' = ceil(A / C) C; A' - A zeros lead the first block */
  unsigned Er; /* rate-matched bits per block, floor(E / C) (6.3.1.4.1) */
} chain_params_t;

static int chain_uci(const phy_polar_chain_cfg_t *cfg, chain_params_t *p)
{
  unsigned A = cfg->A, E = cfg->E;
  /* 6.3.1.2.1: CRC6 for 12..19 bits, CRC11 above; I_seg = 1 (two code blocks) when
   * A >= 1013, or A >= 360 and E >= 1088 */
  *p = (chain_params_t){A <= 19 ? PHY_CRC6 : PHY_CRC11, 0, false, 10, false, true, 1, A, E};
  if (A < 12 || A > UCI_A_MAX) {
    return OLIVE_EINVAL;
  }
  if (A >= 1013 || (A >= 360 && E >= 1088)) {
    p->C = 2;
    p->Ap = (A + 1) / 2 * 2;
    p->Er = E / 2;
  }
  return p->Er <= PHY_POLAR_EMAX ? OLIVE_OK : OLIVE_EINVAL;
}

static int chain_params(const phy_polar_chain_cfg_t *cfg, chain_params_t *p)
{
  unsigned A = cfg->A, E = cfg->E;
  switch (cfg->chain) {
  case PHY_POLAR_PBCH: /* 7.1.3: CRC24C; 7.1.4: n_max 9, I_IL 1; 7.1.5: E = 864, I_BIL 0 */
    *p = (chain_params_t){PHY_CRC24C, 0, false, 9, true, false, 1, A, E};
    return A == 32 && E == 864 ? OLIVE_OK : OLIVE_EINVAL;
  case PHY_POLAR_DCI: /* 7.3.2 CRC24C with RNTI; 7.3.3 n_max 9, I_IL 1; 7.3.4 I_BIL 0 */
    *p = (chain_params_t){PHY_CRC24C, 24, true, 9, true, false, 1, A, E};
    return A >= 12 && A + 24 <= PHY_POLAR_K_IL_MAX ? OLIVE_OK : OLIVE_EINVAL;
  case PHY_POLAR_UCI:
    return chain_uci(cfg, p);
  }
  return OLIVE_EINVAL;
}

/* Parameters and the code of one block (all blocks share it: same K_r and E_r). */
static int chain_code(const phy_polar_chain_cfg_t *cfg, chain_params_t *p, phy_polar_code_t *c)
{
  if (cfg == NULL) {
    return OLIVE_EINVAL;
  }
  int r = chain_params(cfg, p);
  if (r != OLIVE_OK) {
    return r;
  }
  unsigned K = p->Ap / p->C + phy_crc_len(p->crc);
  return phy_polar_code_get(c, K, p->Er, p->n_max, p->il, p->bil);
}

/* a' of 5.2.1: A' - A zeros, then a. */
static void chain_a_prime(const chain_params_t *p, const uint8_t *a, unsigned A, uint8_t *ap)
{
  memset(ap, 0, p->Ap - A);
  memcpy(ap + p->Ap - A, a, A);
}

/* One code block: bits b (A'/C) -> CRC -> interleaver -> encoder -> rate matching. */
static void chain_encode_block(const chain_params_t *p, const phy_polar_code_t *code,
                               const uint8_t *b, uint16_t rnti, uint8_t *e)
{
  uint8_t buf[24 + PHY_POLAR_KMAX], cp[PHY_POLAR_KMAX], u[PHY_POLAR_NMAX];
  unsigned nb = p->Ap / p->C;
  memset(buf, 1, p->ones);
  memcpy(buf + p->ones, b, nb);
  if (p->rnti) {
    phy_crc_attach_bits_rnti(p->crc, buf, p->ones + nb, rnti);
  } else {
    phy_crc_attach_bits(p->crc, buf, p->ones + nb);
  }
  const uint8_t *c = buf + p->ones; /* the ones are not transmitted */
  if (p->il) {
    phy_polar_interleave(cp, c, code->K);
  } else {
    memcpy(cp, c, code->K);
  }
  phy_polar_alloc(code, cp, u);
  phy_polar_encode(u, u, code->n);
  phy_polar_rm_tx(code, u, e);
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
  uint8_t ap[UCI_A_MAX + 1];
  chain_a_prime(&p, a, cfg->A, ap);
  for (unsigned b = 0; b < p.C; b++) { /* 5.5: blocks back to back */
    chain_encode_block(&p, &code, ap + b * (p.Ap / p.C), cfg->rnti, e + b * p.Er);
  }
  /* odd E with two blocks: the spare last bit is 0 (as MATLAB nrUCIEncode fills it) */
  memset(e + p.C * p.Er, 0, cfg->E - p.C * p.Er);
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
  uint8_t c[PHY_POLAR_KMAX], ap[UCI_A_MAX + 1];
  unsigned nb = p.Ap / p.C;
  int ret = OLIVE_OK;
  phy_polar_dec_cfg_t dc = {&code, cfg->list, p.crc, p.ones, p.rnti, cfg->rnti};
  for (unsigned b = 0; b < p.C; b++) {
    phy_polar_rm_rx(&code, llr_e + b * p.Er, llr_d);
    r = phy_polar_dec_run(q, &dc, llr_d, c, NULL);
    if (r != OLIVE_OK) {
      ret = r;
    }
    memcpy(ap + b * nb, c, nb);
  }
  memcpy(a, ap + p.Ap - cfg->A, cfg->A);
  return ret;
}
