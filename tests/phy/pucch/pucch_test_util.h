/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the PUCCH tests: a bit-serial Gold sequence written straight from
 * TS 38.211 5.2.1 (independent of phy/seq), and an AWGN channel applied to the REs of one
 * resource. */
#ifndef PUCCH_TEST_UTIL_H
#define PUCCH_TEST_UTIL_H

#include <complex.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "olive/phy/pucch.h"
#include "olive_test.h"

/* re + j im for finite values (CMPLXF is missing from some clang/glibc pairs) */
static inline cf_t test_cf(float re, float im)
{
  return re + im * I;
}

/* c(n), TS 38.211 5.2.1: x1(n+31) = x1(n+3) + x1(n), x2(n+31) = x2(n+3) + x2(n+2) +
 * x2(n+1) + x2(n), Nc = 1600, one bit at a time. */
static inline uint8_t ref_gold(uint32_t c_init, uint32_t n)
{
  static uint8_t x1[1600 + 8192 + 31], x2[1600 + 8192 + 31];
  uint32_t len = 1600 + n + 1;
  if (n >= 8192) {
    return 0xff;
  }
  for (uint32_t i = 0; i < 31; i++) {
    x1[i] = i == 0;
    x2[i] = (c_init >> i) & 1u;
  }
  for (uint32_t i = 0; i + 31 < len; i++) {
    x1[i + 31] = x1[i + 3] ^ x1[i];
    x2[i + 31] = x2[i + 3] ^ x2[i + 2] ^ x2[i + 1] ^ x2[i];
  }
  return x1[n + 1600] ^ x2[n + 1600];
}

/* sum_{m<8} 2^m c(n0 + m) */
static inline uint32_t ref_gold_byte(uint32_t c_init, uint32_t n0)
{
  uint32_t v = 0;
  for (uint32_t m = 0; m < 8; m++) {
    v |= (uint32_t)ref_gold(c_init, n0 + m) << m;
  }
  return v;
}

static inline cf_t test_cgauss(olive_test_rng_t *r, float sigma)
{
  float s = sigma * 0.70710678f;
  return test_cf(s * (float)olive_test_gauss(r), s * (float)olive_test_gauss(r));
}

/* Port p of the grid = h[p] * (port 0 as encoded) + noise of variance n0 per RE, on the PRBs
 * the resource occupies in its symbols (signal = 0: noise alone). h[p] is constant over the
 * slot (a flat channel; |h| = 1 for AWGN with an unknown phase). */
static inline void test_channel(phy_grid_t *g, const phy_pucch_resource_t *res, const cf_t *h,
                                float n0, olive_test_rng_t *r, int signal)
{
  uint32_t nprb = res->format == PHY_PUCCH_F2 ? res->nof_prb : 1;
  float sigma = sqrtf(n0);
  for (uint32_t l = 0; l < res->nof_symbols; l++) {
    uint32_t ls = res->start_symbol + l;
    uint32_t prb = (res->intra_slot_hopping && l >= res->nof_symbols / 2) ? res->second_hop_prb
                                                                          : res->start_prb;
    cf_t tx[12 * PHY_PUCCH_F2_MAX_PRB];
    memcpy(tx, phy_grid_re(g, 0, ls, prb * 12), sizeof(cf_t) * 12 * nprb);
    for (uint32_t p = 0; p < g->nof_ports; p++) {
      cf_t *x = phy_grid_re(g, p, ls, prb * 12);
      for (uint32_t k = 0; k < 12 * nprb; k++) {
        x[k] = (signal ? h[p] * tx[k] : 0.0f) + test_cgauss(r, sigma);
      }
    }
  }
}

/* Random unit-magnitude channel per port. */
static inline void test_phases(cf_t *h, uint32_t n, olive_test_rng_t *r)
{
  for (uint32_t p = 0; p < n; p++) {
    float th = 6.2831853f * (float)olive_test_unit(r);
    h[p] = test_cf(cosf(th), sinf(th));
  }
}

#endif
