/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the SCH transport-block chain (phy_sch_*, TS 38.212 7.2):
 *  - structure: with rv 0, Q_m = 1 the first K' - 2Z bits of code block r are its
 *    systematic bits c_{2Z}.. (5.4.2.1: k0 = 0 and d_k = c_{k+2Z}), so the output is
 *    checked against the TB, its CRC (7.2.1) and the CB CRC24B (5.2.2) placed by hand;
 *  - noiseless round trips over TB sizes with C = 1 and C > 1, both base graphs, every rv
 *    (full circular-buffer coverage), LBRM on and off, Q_m 2..8 and 1..4 layers;
 *  - HARQ bookkeeping: combining into a process that holds another TB is refused,
 *    two half-power transmissions decode where one fails.
 * Fixed seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/bits.h"
#include "olive/phy/crc.h"
#include "olive/phy/ldpc_rm.h"
#include "olive/phy/tbs.h"
#include "olive/support/error.h"
#include "olive_test.h"

static uint32_t rng = 777u;
static uint32_t rnd(void)
{
  rng = rng * 1664525u + 1013904223u;
  return rng >> 8;
}

#define MAX_G 400000
static uint8_t tb[320000 / 8], tb_out[320000 / 8], bits[MAX_G];
static int8_t llr[MAX_G];

static void random_tb(unsigned a)
{
  for (unsigned i = 0; i < a / 8; i++) {
    tb[i] = (uint8_t)rnd();
  }
}

/* Bit i of the TB followed by its CRC (7.2.1), computed here independently of sch.c's
 * buffer handling. */
static uint8_t tb_crc_bit(const phy_ldpc_seg_t *s, uint32_t crc, unsigned i)
{
  if (i < s->tbs) {
    return phy_bits_get(tb, i);
  }
  return (uint8_t)((crc >> (s->tb_crc_len - 1 - (i - s->tbs))) & 1);
}

static void test_structure(phy_sch_t *q, unsigned a, unsigned r_x2048)
{
  phy_ldpc_seg_t s;
  phy_ldpc_rm_segment(a, phy_ldpc_rm_select_bg(a, r_x2048), &s);
  /* G so that each CB gets E_r >= K' - 2Z: with Q_m = 1, N_L = 1 */
  unsigned g = s.c * (s.k_prime - 2 * s.z + 8);
  phy_sch_cfg_t cfg = {.tbs = a, .r_x2048 = r_x2048, .qm = 1, .n_layers = 1, .g = g, .rv = 0};
  random_tb(a);
  CHECK(phy_sch_encode(q, &cfg, tb, bits) == (int)g, "encode A=%u", a);
  uint32_t crc = phy_crc_calc_packed(s.tb_crc, tb, a);
  unsigned payload = s.k_prime - s.cb_crc_len, off = 0, bad = 0;
  for (unsigned r = 0; r < s.c; r++) {
    /* code block r: c_k = TB+CRC bit r*payload + k for k < payload, then CRC24B */
    uint8_t cb[8448];
    for (unsigned k = 0; k < payload; k++) {
      cb[k] = tb_crc_bit(&s, crc, r * payload + k);
    }
    if (s.c > 1) {
      phy_crc_attach_bits(PHY_CRC24B, cb, payload);
    }
    for (unsigned k = 2 * s.z; k < s.k_prime; k++) {
      bad += bits[off + k - 2 * s.z] != cb[k];
    }
    off += (unsigned)phy_ldpc_rm_e(g, s.c, r, 1, 1);
  }
  CHECK(bad == 0, "structure A=%u C=%u: %u systematic bits differ", a, s.c, bad);
}

/* Encodes, maps bits to LLR +-amp, decodes; returns the decode status. */
static int loop(phy_sch_t *q, phy_sch_cfg_t *cfg, int amp)
{
  int n = phy_sch_encode(q, cfg, tb, bits);
  if (n < 0) {
    return n;
  }
  for (int i = 0; i < n; i++) {
    llr[i] = (int8_t)(bits[i] ? -amp : amp);
  }
  memset(tb_out, 0, sizeof(tb_out));
  phy_sch_result_t res;
  int ret = phy_sch_decode(q, cfg, llr, tb_out, &res);
  if (ret == 0 && memcmp(tb, tb_out, cfg->tbs / 8) != 0) {
    return -100; /* CRC passed on wrong data */
  }
  return ret;
}

static void test_round_trips(phy_sch_t *q)
{
  /* (A, R x 2048): BG2 small, BG2 C = 2 (R <= 1/4), BG1 C = 1, BG1 C = 3, BG1 C = 12 */
  static const unsigned cases[][2] = {{24, 600},    {1000, 1200},  {3840, 400},   {3824, 1500},
                                      {8424, 1200}, {20496, 1300}, {100392, 1500}};
  static const unsigned qms[] = {2, 4, 6, 8};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    unsigned a = cases[i][0];
    phy_ldpc_seg_t s;
    phy_ldpc_rm_segment(a, phy_ldpc_rm_select_bg(a, cases[i][1]), &s);
    for (unsigned rv = 0; rv < 4; rv++) {
      unsigned qm = qms[(i + rv) % 4], nl = 1 + (i + rv) % 4;
      bool lbrm = (i + rv) & 1;
      int ncb = phy_ldpc_rm_ncb(&s, lbrm ? q->tbs_lbrm : 0);
      /* rv 0: R about the target; rv 1..3: cover the whole circular buffer */
      unsigned step = qm * nl;
      unsigned g = rv == 0 ? (unsigned)((uint64_t)(a + 24) * 2048 / cases[i][1])
                           : s.c * (unsigned)ncb + 4 * step;
      g = (g + step - 1) / step * step;
      if (g > MAX_G) {
        g = MAX_G / step * step;
      }
      phy_sch_cfg_t cfg = {.tbs = a,
                           .r_x2048 = cases[i][1],
                           .qm = qm,
                           .n_layers = nl,
                           .g = g,
                           .rv = rv,
                           .lbrm = lbrm,
                           .harq_id = rv,
                           .new_data = true,
                           .max_iters = 20};
      random_tb(a);
      int ret = loop(q, &cfg, 20);
      CHECK(ret == 0, "round trip A=%u C=%u rv %u qm %u nl %u lbrm %d g %u: %d", a, s.c, rv, qm, nl,
            lbrm, g, ret);
    }
  }
}

static void test_harq(phy_sch_t *q)
{
  /* R = 3776/4800 = 0.79, BG1, hard LLRs +-4 with 8% of them flipped (a BSC with
   * capacity 1 - H(0.08) = 0.60 < 0.79, so rv 0 alone must fail). rv 2 of the same TB
   * with the same flip rate adds mostly new parity (incremental redundancy): the
   * combined rate 3776/9600 = 0.39 is well below 0.60 and decodes. */
  unsigned a = 3752;
  phy_sch_cfg_t cfg = {.tbs = a,
                       .r_x2048 = 1600,
                       .qm = 2,
                       .n_layers = 1,
                       .g = 4800,
                       .rv = 0,
                       .harq_id = 1,
                       .new_data = true,
                       .max_iters = 20};
  random_tb(a);
  int n = phy_sch_encode(q, &cfg, tb, bits);
  for (int i = 0; i < n; i++) {
    int v = bits[i] ? -4 : 4;
    llr[i] = (int8_t)(rnd() % 25 < 2 ? -v : v);
  }
  int ret1 = phy_sch_decode(q, &cfg, llr, tb_out, NULL);
  CHECK(ret1 == OLIVE_ECRC, "rv0 alone with 8%% flips should fail: %d", ret1);
  cfg.rv = 2;
  cfg.new_data = false;
  n = phy_sch_encode(q, &cfg, tb, bits);
  for (int i = 0; i < n; i++) {
    int v = bits[i] ? -4 : 4;
    llr[i] = (int8_t)(rnd() % 25 < 2 ? -v : v);
  }
  /* a retransmission with a reserved MCS carries no rate: the decoder keeps the initial
   * base graph (with R = 0 the 7.2.2 rule would pick BG2) */
  cfg.r_x2048 = 0;
  phy_sch_result_t res;
  int ret2 = phy_sch_decode(q, &cfg, llr, tb_out, &res);
  CHECK(ret2 == 0 && memcmp(tb, tb_out, a / 8) == 0, "rv0+rv2 combined should decode: %d", ret2);
  /* combining into a process holding another TB size is refused */
  cfg.tbs = 3624;
  CHECK(phy_sch_decode(q, &cfg, llr, tb_out, NULL) == OLIVE_ESTATE, "other TB");
  cfg.harq_id = 99;
  CHECK(phy_sch_decode(q, &cfg, llr, tb_out, NULL) == OLIVE_EINVAL, "harq id");
  cfg.harq_id = 1;
  cfg.tbs = 3752;
  cfg.g = 4801;
  CHECK(phy_sch_encode(q, &cfg, tb, bits) == OLIVE_EINVAL, "G not multiple");
  cfg.g = 4800;
  cfg.tbs = q->tbs_lbrm + 8;
  CHECK(phy_sch_encode(q, &cfg, tb, bits) == OLIVE_ERANGE, "TB above TBS_LBRM");
}

/* Every TB the args allow fits the soft buffers: all rows of all MCS tables, 1..52 PRB
 * (13 symbols, 12 DM-RS RE per PRB), 1..4 layers; encode and one decoder iteration must
 * not return OLIVE_ERANGE. */
static void test_capacity(phy_sch_t *q)
{
  static const unsigned prbs[] = {1, 7, 25, 52};
  unsigned calls = 0, refused = 0;
  for (int t = 0; t < PHY_MCS_TABLE_COUNT; t++) {
    for (unsigned mcs = 0; mcs < 32; mcs++) {
      phy_mcs_t m;
      phy_tbs_mcs_get((phy_mcs_table_t)t, mcs, false, &m);
      for (unsigned pi = 0; pi < 4 && !m.reserved; pi++) {
        for (unsigned nl = 1; nl <= 4; nl++) {
          phy_tbs_cfg_t tc = {.n_symb_sh = 13,
                              .n_dmrs_prb = 12,
                              .n_prb = prbs[pi],
                              .n_layers = nl,
                              .qm = m.qm,
                              .r_x2048 = m.r_x2048};
          phy_sch_cfg_t cfg = {.tbs = (unsigned)phy_tbs_calc(&tc),
                               .r_x2048 = m.r_x2048,
                               .qm = m.qm,
                               .n_layers = nl,
                               .g = 144 * prbs[pi] * m.qm * nl,
                               .harq_id = 0,
                               .new_data = true,
                               .max_iters = 1};
          int e = phy_sch_encode(q, &cfg, tb, bits);
          int d = phy_sch_decode(q, &cfg, llr, tb_out, NULL);
          refused += e == OLIVE_ERANGE || d == OLIVE_ERANGE;
          calls++;
        }
      }
    }
  }
  CHECK(refused == 0 && calls > 1000, "%u of %u TBs refused", refused, calls);
}

/* LBRM that really limits N_cb: 1 PRB, 1 layer, QPSK -> n_PRB,LBRM = 32,
 * N_RE = 4992, TBS_LBRM = 9224 (N_info = 9243.0, n = 8, N'_info = 9216, C = 2 ->
 * 16 ceil(9240/16) - 24 = 9224). A = 8424: C = 1, Z = 384, N = 25344,
 * N_ref = floor(9224 / (2/3)) = 13836 = N_cb. */
static void test_lbrm(void)
{
  phy_sch_t q;
  phy_sch_args_t args = {
      .max_prb = 1, .max_layers = 1, .max_qm = 2, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_sch_init(&q, &args) == 0, "init small");
  CHECK(q.tbs_lbrm == 9224, "TBS_LBRM %u", q.tbs_lbrm);
  phy_ldpc_seg_t s;
  phy_ldpc_rm_segment(8424, PHY_LDPC_BG1, &s);
  CHECK(phy_ldpc_rm_ncb(&s, q.tbs_lbrm) == 13836, "N_cb %d", phy_ldpc_rm_ncb(&s, q.tbs_lbrm));
  /* every rv over the whole limited buffer decodes; G = N_cb + a bit */
  for (unsigned rv = 0; rv < 4; rv++) {
    phy_sch_cfg_t cfg = {.tbs = 8424,
                         .r_x2048 = 1900,
                         .qm = 2,
                         .n_layers = 1,
                         .g = 13900,
                         .rv = rv,
                         .lbrm = true,
                         .new_data = true,
                         .max_iters = 20};
    random_tb(8424);
    CHECK(loop(&q, &cfg, 20) == 0, "LBRM round trip rv %u", rv);
  }
  /* switching LBRM between transmissions changes N_cb: refused */
  phy_sch_cfg_t cfg = {.tbs = 8424,
                       .r_x2048 = 1900,
                       .qm = 2,
                       .n_layers = 1,
                       .g = 9000,
                       .lbrm = true,
                       .new_data = false,
                       .max_iters = 20};
  cfg.lbrm = false;
  CHECK(phy_sch_decode(&q, &cfg, llr, tb_out, NULL) == OLIVE_ESTATE, "N_cb changed");
  phy_sch_free(&q);
}

int main(void)
{
  phy_sch_t q;
  phy_sch_args_t args = {
      .max_prb = 52, .max_layers = 4, .max_qm = 8, .nof_harq = 4, .isa = OLIVE_ISA_AUTO};
  int ret = phy_sch_init(&q, &args);
  CHECK(ret == 0, "init %d", ret);
  if (ret != 0) {
    return 1;
  }
  /* TBS_LBRM for 52 PRB (n_PRB,LBRM 66), 4 layers, 256QAM */
  CHECK(q.tbs_lbrm > 100392 && q.tbs_lbrm <= 320000, "tbs_lbrm %u (test buffers)", q.tbs_lbrm);
  test_structure(&q, 1000, 1000);  /* BG2, C = 1, CRC16 */
  test_structure(&q, 8424, 1500);  /* BG1, C = 1, CRC24A */
  test_structure(&q, 20496, 1500); /* BG1, C = 3 */
  test_structure(&q, 3840, 400);   /* BG2, C = 2 */
  test_round_trips(&q);
  test_harq(&q);
  test_capacity(&q);
  test_lbrm();
  phy_sch_free(&q);
  phy_sch_free(&q);
  phy_sch_args_t bad = args;
  bad.max_layers = 5;
  CHECK(phy_sch_init(&q, &bad) == OLIVE_EINVAL, "max_layers 5");
  phy_sch_free(&q);
  return olive_test_done();
}
