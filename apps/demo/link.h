/* SPDX-License-Identifier: Apache-2.0 */
/* One PHY link, transmitter to receiver, for one code block per slot:
 *   TB bits + CRC24A (TS 38.212 7.2.1) -> LDPC BG1 encode (5.3.2) -> modulation (38.211 5.1)
 *   -> AWGN -> max-log demapping -> layered min-sum decoding with CRC early stop -> CRC check.
 * All buffers are allocated at init; demo_link_run() never allocates. */
#ifndef OLIVE_APPS_DEMO_LINK_H
#define OLIVE_APPS_DEMO_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/ldpc.h"
#include "olive/phy/modulation.h"

typedef struct demo_link_args {
  unsigned z;        /* lifting size (BG1): K = 22 z information + CRC bits */
  unsigned nof_rows; /* parity rows used: 4 (rate 22/24 of the sent bits) .. 46 (1/3) */
  phy_mod_t mod;
  double snr_db; /* Es/N0 per received symbol */
  unsigned max_iters;
  uint64_t seed;
} demo_link_args_t;

typedef struct demo_link_result {
  bool crc_ok;
  unsigned iters;
  unsigned tb_bits; /* information bits carried */
} demo_link_result_t;

typedef struct demo_link {
  demo_link_args_t a;
  unsigned k, n, nsym;
  float noise_var;
  float dmin2; /* squared minimum distance of the constellation */
  phy_ldpc_enc_t enc;
  phy_ldpc_dec_t dec;
  phy_modulation_t mod;
  uint8_t *tb;    /* K bits packed */
  uint8_t *cw;    /* N bits packed */
  uint8_t *dec_c; /* K bits packed */
  cf_t *sym;
  int8_t *llr;
  cf_t *noise; /* NOISE_LEN unit-variance complex Gaussian samples, made at init */
  uint64_t rng;
} demo_link_t;

int demo_link_init(demo_link_t *l, const demo_link_args_t *args);
void demo_link_free(demo_link_t *l);
void demo_link_run(demo_link_t *l, demo_link_result_t *res);

#endif
