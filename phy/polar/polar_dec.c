/* SPDX-License-Identifier: Apache-2.0 */
/* Polar decoder object: allocation, ISA choice, and the CRC-aided choice among the list
 * (TS 38.212 5.3.1: the CRC of 5.1 / 7.3.2 picks the path). */
#include <string.h>

#include "olive/phy/crc.h"
#include "olive/phy/polar.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "polar_dec_internal.h"

#define CRC_ONES_MAX 24

static bool list_ok(unsigned l)
{
  return l == 1 || l == 2 || l == 4 || l == 8;
}

phy_polar_dec_t *phy_polar_dec_create(const phy_polar_dec_args_t *args)
{
  if (args == NULL || args->max_n < 5 || args->max_n > 10 || !list_ok(args->max_list)) {
    return NULL;
  }
  phy_polar_dec_t *q = olive_mem_alloc(sizeof(*q));
  if (q == NULL) {
    return NULL;
  }
  q->max_n = args->max_n;
  q->max_list = args->max_list;
  q->nmax = 1u << args->max_n;
  bool ok = true;
  for (unsigned s = 0; s < q->max_n; s++) {
    q->alpha[s] = olive_mem_calloc((size_t)q->max_list << s, sizeof(float));
    ok = ok && q->alpha[s] != NULL;
  }
  q->part = olive_mem_calloc(q->max_list, q->nmax);
  q->uhat = olive_mem_calloc(q->max_list, q->nmax);
  q->crcbuf = olive_mem_alloc(CRC_ONES_MAX + PHY_POLAR_KMAX);
  if (!ok || q->part == NULL || q->uhat == NULL || q->crcbuf == NULL) {
    phy_polar_dec_destroy(q);
    return NULL;
  }
  q->isa = OLIVE_ISA_GENERIC;
  polar_dec_kernels_generic(&q->k);
#if defined(OLIVE_HAVE_X86_SIMD)
  /* AVX-512 requests run the AVX2 kernels: the short upper stages gain nothing wider */
  if (olive_isa_resolve(args->isa) != OLIVE_ISA_GENERIC && olive_cpu_supports(OLIVE_ISA_AVX2)) {
    q->isa = OLIVE_ISA_AVX2;
    polar_dec_kernels_avx2(&q->k);
  }
#endif
  return q;
}

void phy_polar_dec_destroy(phy_polar_dec_t *q)
{
  if (q == NULL) {
    return;
  }
  for (unsigned s = 0; s < POLAR_STAGES; s++) {
    olive_mem_free(q->alpha[s]);
  }
  olive_mem_free(q->part);
  olive_mem_free(q->uhat);
  olive_mem_free(q->crcbuf);
  olive_mem_free(q);
}

olive_isa_t phy_polar_dec_isa(const phy_polar_dec_t *q)
{
  return q->isa;
}

/* c (K bits) of path p: the info (non-PC) positions of u in order, de-interleaved. */
static void polar_extract(const phy_polar_dec_t *q, const phy_polar_code_t *code, unsigned p,
                          uint8_t *c)
{
  const uint8_t *u = q->uhat + (size_t)p * q->nmax;
  uint8_t cp[PHY_POLAR_KMAX];
  unsigned k = 0;
  for (unsigned i = 0; i < code->N; i++) {
    if (code->role[i] == PHY_POLAR_INFO && k < code->K) {
      cp[k++] = u[i];
    }
  }
  if (code->input_il) {
    phy_polar_deinterleave(c, cp, code->K);
  } else {
    memcpy(c, cp, code->K);
  }
}

static bool polar_crc_ok(phy_polar_dec_t *q, const phy_polar_dec_cfg_t *cfg, const uint8_t *c)
{
  unsigned K = cfg->code->K, L = phy_crc_len(cfg->crc);
  memset(q->crcbuf, 1, cfg->crc_ones);
  memcpy(q->crcbuf + cfg->crc_ones, c, K);
  size_t nbits = cfg->crc_ones + K - L;
  if (cfg->rnti_masked) {
    return phy_crc_check_bits_rnti(cfg->crc, q->crcbuf, nbits, cfg->rnti) == 0;
  }
  return phy_crc_check_bits(cfg->crc, q->crcbuf, nbits) == 0;
}

static int polar_cfg_check(const phy_polar_dec_t *q, const phy_polar_dec_cfg_t *cfg)
{
  const phy_polar_code_t *c = cfg->code;
  if (c == NULL || c->n > q->max_n || c->n < 5 || c->N != (1u << c->n) || !list_ok(cfg->list) ||
      cfg->list > q->max_list || cfg->crc >= PHY_CRC_COUNT || cfg->crc_ones > CRC_ONES_MAX ||
      c->K > PHY_POLAR_KMAX || phy_crc_len(cfg->crc) > c->K) {
    return OLIVE_EINVAL;
  }
  return OLIVE_OK;
}

int phy_polar_dec_run(phy_polar_dec_t *q, const phy_polar_dec_cfg_t *cfg, const float *llr_d,
                      uint8_t *c, float *metric)
{
  if (q == NULL || cfg == NULL || llr_d == NULL || c == NULL ||
      polar_cfg_check(q, cfg) != OLIVE_OK) {
    return OLIVE_EINVAL;
  }
  polar_dec_scl(q, cfg->code, llr_d, cfg->list);
  /* surviving paths in ascending metric; the first that passes the CRC wins */
  unsigned order[PHY_POLAR_LIST_MAX], na = 0;
  for (unsigned p = 0; p < cfg->list; p++) {
    if (q->active[p]) {
      unsigned j = na++;
      for (; j > 0 && q->pm[order[j - 1]] > q->pm[p]; j--) {
        order[j] = order[j - 1];
      }
      order[j] = p;
    }
  }
  for (unsigned j = 0; j < na; j++) {
    polar_extract(q, cfg->code, order[j], c);
    if (polar_crc_ok(q, cfg, c)) {
      if (metric != NULL) {
        *metric = q->pm[order[j]];
      }
      return OLIVE_OK;
    }
  }
  polar_extract(q, cfg->code, order[0], c);
  if (metric != NULL) {
    *metric = q->pm[order[0]];
  }
  return OLIVE_ECRC;
}
