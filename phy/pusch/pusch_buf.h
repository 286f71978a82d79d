/* SPDX-License-Identifier: Apache-2.0 */
/* Buffers of phy_pusch_t, sized at init (private to phy/pusch). */
#ifndef OLIVE_PHY_PUSCH_BUF_H
#define OLIVE_PHY_PUSCH_BUF_H

#include <stdint.h>

#include "olive/phy/polar.h"
#include "olive/phy/pusch.h"

struct phy_pusch_buf {
  uint32_t max_g;  /* coded bits */
  uint32_t max_re; /* data REs of one slot */
  uint32_t nsc;    /* 12 max_prb: row length of h */
  uint8_t *bits;   /* max_g, one bit per byte */
  int8_t *llr;     /* max_g */
  cf_t *sym;       /* max_re: modulation symbols / equalised symbols */
  cf_t *ref;       /* max_re: hard decisions (EVM) */
  float *nv;       /* max_re: per-symbol noise variance */
  cf_t *h;         /* channel estimate per RX port and DM-RS symbol: [rx][d][nsc] */
  cf_t *ls;        /* DM-RS least-squares values: [rx][d][nsc / 2] */
  cf_t *rot;       /* nsc: exp(j theta m), the timing-phase ramp of one reception */
  double *pre;     /* nsc + 2: prefix sums of one row of LS values (re, im) */
  float *num;      /* 2 nsc: combiner numerator sum_r h* y of one symbol */
  float *den;      /* nsc: combiner denominator sum_r |h|^2 */
  /* UCI on PUSCH */
  uint8_t *re_type;            /* max_re: TS 38.212 6.2.7 type of each data RE */
  uint8_t *mux;                /* max_g: multiplexed coded bits */
  uint8_t *uci_bits;           /* max_g: HARQ-ACK then CSI part 1 coded bits */
  float *uci_llr;              /* max_g: their LLRs */
  int8_t *llr_sch;             /* max_g: UL-SCH LLRs after demultiplexing */
  struct phy_polar_dec *polar; /* UCI of 12 bits and more */
};

#endif
