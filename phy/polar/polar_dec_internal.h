/* SPDX-License-Identifier: Apache-2.0 */
/* State of the SCL polar decoder (polar_decoder.c, polar_dec.c). */
#ifndef OLIVE_PHY_POLAR_DEC_INTERNAL_H
#define OLIVE_PHY_POLAR_DEC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/polar.h"
#include "polar_dec_kernels.h"

#define POLAR_STAGES 10 /* stages 0..9 live in the pool; stage n is the channel */

struct phy_polar_dec {
  unsigned max_n, max_list, nmax; /* nmax = 2^max_n */
  olive_isa_t isa;
  polar_dec_kernels_t k;
  float *alpha[POLAR_STAGES]; /* stage s: max_list arrays of 2^s */
  uint8_t refcnt[POLAR_STAGES][PHY_POLAR_LIST_MAX];
  uint8_t aidx[PHY_POLAR_LIST_MAX][POLAR_STAGES]; /* array of stage s used by path p */
  uint8_t *part;                                  /* [max_list][nmax] partial sums */
  uint8_t *uhat;                                  /* [max_list][nmax] decided u */
  uint8_t *crcbuf;                                /* 24 ones + K bits for the CRC check */
  uint16_t nonfrozen[PHY_POLAR_NMAX + 1];         /* non-frozen leaves before leaf i */
  float pm[PHY_POLAR_LIST_MAX];
  uint8_t y[PHY_POLAR_LIST_MAX]; /* PC shift register, bit j = y_j */
  bool active[PHY_POLAR_LIST_MAX];
  unsigned n;
  const float *llr_ch;
};

void polar_dec_scl(phy_polar_dec_t *q, const phy_polar_code_t *c, const float *llr, unsigned list);

#endif
