/* SPDX-License-Identifier: Apache-2.0 */
/* UCI channel coding shared by PUCCH formats 2 and 3 (TS 38.212 6.3.1): block code of 5.3.3
 * for A <= 11 (rate matching 5.4.3), UCI polar chain (6.3.1.2-6.3.1.4, CRC6/CRC11) for
 * A >= 12; and the split of the DTX false-alarm target between the DM-RS energy test and
 * the code (RM cosine / CRC). */
#include <math.h>

#include "olive/phy/block.h"
#include "olive/support/error.h"
#include "pucch_internal.h"

#define UCI_CODE_PFA      0.01  /* share of the DTX false alarms left to the code test */
#define UCI_CODE_PFA_LONG 0.002 /* the same when the cosine threshold stays low */
#define UCI_CONF_LONG_MAX 0.35  /* "low": the cosine threshold with UCI_CODE_PFA_LONG */
#define UCI_CONF_MAX      0.9   /* highest usable cosine threshold */
#define UCI_DMRS_PFA_MAX  0.5

static phy_polar_chain_cfg_t uci_polar_cfg(uint32_t A, uint32_t E)
{
  return (phy_polar_chain_cfg_t){.chain = PHY_POLAR_UCI, .A = A, .E = E, .list = 8};
}

uint32_t pucch_uci_cinit(const phy_pucch_cfg_t *cfg)
{
  return ((uint32_t)cfg->rnti << 15) + cfg->n_id_data; /* 6.3.2.5.1, 6.3.2.6.1 */
}

int pucch_uci_encode(phy_pucch_t *q, const uint8_t *a, uint32_t A, uint32_t qm, uint32_t E)
{
  if (A <= PHY_BLOCK_KMAX) {
    return phy_block_encode(a, A, qm, q->bits, E);
  }
  phy_polar_chain_cfg_t pc = uci_polar_cfg(A, E);
  return phy_polar_chain_encode(&pc, a, q->bits);
}

/* Upper Gaussian tail Q(x) and its inverse (bisection, a few microseconds). */
static double q_tail(double x)
{
  return 0.5 * erfc(x / M_SQRT2);
}

static double q_inv(double p)
{
  double lo = 0.0, hi = 40.0;
  for (int it = 0; it < 60; it++) {
    double mid = 0.5 * (lo + hi);
    if (q_tail(mid) > p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

/* TS 38.104 8.3 bounds only the product of the two tests. Block code: under noise each of the
 * 2^A code words has a cosine of about N(0, 1/n) over the n coded positions, so
 * 2^A Q(thr_c sqrt(n)) bounds pfa_code. Polar: a list-8 decoder passes a random CRC of c
 * bits with probability about 8 2^-c. */
static float uci_split(uint32_t A, uint32_t E, uint32_t qm, float pfa, float *conf_thr)
{
  double pc;
  if (A <= PHY_BLOCK_KMAX) {
    double n = (A == 1 && qm > 1) ? E / (double)qm : E; /* K = 1: placeholders (5.3.3.1) */
    /* Long code words make the cosine test sharp: give it most of the budget (the DM-RS test
     * is weak with few DM-RS REs). Short ones keep a looser cosine threshold. */
    pc = UCI_CODE_PFA_LONG;
    double thr = q_inv(pc / ldexp(1.0, (int)A)) / sqrt(n);
    if (thr > UCI_CONF_LONG_MAX) {
      pc = UCI_CODE_PFA;
      thr = q_inv(pc / ldexp(1.0, (int)A)) / sqrt(n);
    }
    if (thr > UCI_CONF_MAX) {
      thr = UCI_CONF_MAX;
      pc = fmin(1.0, ldexp(q_tail(thr * sqrt(n)), (int)A));
    }
    *conf_thr = (float)thr;
  } else {
    pc = 8.0 / (A >= 20 ? 2048.0 : 64.0); /* CRC11 / CRC6 (38.212 6.3.1.2.1) */
    *conf_thr = 0.0f;
  }
  double pd = pfa / pc;
  return (float)(pd < UCI_DMRS_PFA_MAX ? pd : UCI_DMRS_PFA_MAX);
}

float pucch_uci_split(phy_pucch_t *q, uint32_t A, uint32_t E, uint32_t qm, float pfa,
                      float *conf_thr)
{
  phy_pucch_split_cache_t *c = &q->split_cache;
  if (c->A != A || c->E != E || c->qm != qm || c->pfa != pfa) {
    *c = (phy_pucch_split_cache_t){.A = A, .E = E, .qm = qm, .pfa = pfa};
    c->pfa_dmrs = uci_split(A, E, qm, pfa, &c->conf_thr);
  }
  *conf_thr = c->conf_thr;
  return c->pfa_dmrs;
}

int pucch_uci_decode(phy_pucch_t *q, uint32_t A, uint32_t E, uint32_t qm, float conf_thr,
                     uint8_t *a, bool *ok, float *conf)
{
  if (A <= PHY_BLOCK_KMAX) {
    int err = phy_block_decode(q->llr, E, A, qm, a, conf);
    *ok = err == 0 && *conf >= conf_thr;
    return err;
  }
  phy_polar_chain_cfg_t pc = uci_polar_cfg(A, E);
  int err = phy_polar_chain_decode(q->polar, &pc, q->llr, a);
  *ok = err == 0;
  *conf = *ok ? 1.0f : 0.0f;
  return err == OLIVE_ECRC ? 0 : err;
}
