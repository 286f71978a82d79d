/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH round trips at high SNR through the resource grid: every modulation order (pi/2-BPSK
 * with transform precoding, QPSK .. 256QAM), DM-RS types 1 and 2 with 1..3 CDM groups
 * without data, dmrs-AdditionalPosition 0..3, mapping types A and B, transform precoding on
 * and off, 1 and 2 RX ports, ZF and MMSE. Each case must pass the TB CRC and give the
 * TB back bit-exact, with an SNR estimate within 1.5 dB of the channel's (25 dB). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

#define MAX_PRB 52

typedef struct loop_env {
  phy_pusch_t ue, gnb;
  phy_grid_t tx, rx;
  uint8_t tb[40000], out[40000];
  olive_test_rng_t rng;
} loop_env_t;

static int run(loop_env_t *e, phy_pusch_cfg_t *c, uint32_t nof_rx, const char *what)
{
  int tbs = phy_pusch_tbs(c);
  CHECK(tbs > 0, "%s: tbs %d", what, tbs);
  if (tbs <= 0) {
    return -1;
  }
  pusch_test_tb(&e->rng, e->tb, (uint32_t)tbs / 8);
  phy_grid_clear(&e->tx);
  int g = phy_pusch_encode(&e->ue, c, e->tb, NULL, &e->tx);
  CHECK(g > 0, "%s: encode %d", what, g);
  cf_t gain[2] = {0.8f + 0.3f * I, -0.5f + 0.7f * I};
  float n0 = 0.0032f; /* 25 dB below unit power; |gain|^2 about 0.73 */
  pusch_test_channel(&e->tx, &e->rx, nof_rx, gain, 0.0, PHY_SCS_HZ(c->mu), n0, &e->rng);
  phy_pusch_rx_res_t res;
  memset(e->out, 0, (size_t)tbs / 8);
  int r = phy_pusch_decode(&e->gnb, c, &e->rx, nof_rx, e->out, &res);
  CHECK(r == 0 && res.sch.tb_ok, "%s: decode %d (%s)", what, r, olive_strerror(r));
  CHECK(memcmp(e->tb, e->out, (size_t)tbs / 8) == 0, "%s: TB differs", what);
  float p = 0;
  for (uint32_t i = 0; i < nof_rx; i++) {
    p += crealf(gain[i] * conjf(gain[i]));
  }
  float snr = 10.0f * log10f(p / nof_rx / n0);
  CHECK(fabsf(res.snr_db - snr) < 1.5f, "%s: snr %.2f dB, channel %.2f dB", what, res.snr_db, snr);
  return 0;
}

static void sweep_dmrs(loop_env_t *e)
{
  char what[160];
  for (uint32_t type = 1; type <= 2; type++) {
    for (uint32_t cdm = 1; cdm <= (type == 1 ? 2u : 3u); cdm++) {
      for (uint32_t map = 0; map < 2; map++) {
        for (uint32_t add = 0; add < 4; add++) {
          phy_pusch_cfg_t c = pusch_test_cfg(24, 9);
          c.dmrs_type = (phy_dmrs_type_t)type;
          c.cdm_groups_no_data = cdm;
          c.port = cdm > 1 ? 2 : 0; /* a port of CDM group 1 when it has no data */
          c.mapping = map ? PHY_PUSCH_MAPPING_B : PHY_PUSCH_MAPPING_A;
          c.s = map ? 2 : 0;
          c.l = map ? 10 : 14;
          c.add_pos = add;
          c.prb_start = 3;
          c.crb0 = 5;
          for (uint32_t nrx = 1; nrx <= 2; nrx++) {
            snprintf(what, sizeof(what), "type%u cdm%u map%c pos%u rx%u", type, cdm,
                     map ? 'B' : 'A', add, nrx);
            run(e, &c, nrx, what);
          }
        }
      }
    }
  }
}

static void sweep_mod(loop_env_t *e)
{
  /* (table, mcs): QPSK, 16QAM, 64QAM from Table 5.1.3.1-1, 256QAM from 5.1.3.1-2 */
  static const struct {
    phy_mcs_table_t t;
    uint32_t mcs;
  } m[] = {{PHY_MCS_TABLE_QAM64, 4},
           {PHY_MCS_TABLE_QAM64, 14},
           {PHY_MCS_TABLE_QAM64, 24},
           {PHY_MCS_TABLE_QAM256, 24}};
  char what[160];
  for (uint32_t i = 0; i < OLIVE_ARRAY_SIZE(m); i++) {
    for (uint32_t tp = 0; tp < 2; tp++) {
      for (uint32_t eq = 0; eq < 2; eq++) {
        phy_pusch_cfg_t c = pusch_test_cfg(MAX_PRB - 7, m[i].mcs); /* 45 = 3^2 5 PRBs */
        c.mcs_table = tp && m[i].t == PHY_MCS_TABLE_QAM64 ? PHY_MCS_TABLE_TP_QAM64 : m[i].t;
        c.transform_precoding = tp;
        c.eq = eq ? PHY_PUSCH_EQ_MMSE : PHY_PUSCH_EQ_ZF;
        c.add_pos = 1;
        c.prb_start = 2;
        snprintf(what, sizeof(what), "table %u mcs %u tp %u eq %u", c.mcs_table, c.mcs, tp, eq);
        run(e, &c, 2, what);
      }
    }
  }
  /* pi/2-BPSK: TP table row 0 with tp-pi2BPSK (q = 1) */
  phy_pusch_cfg_t c = pusch_test_cfg(12, 2);
  c.transform_precoding = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  c.tp_pi2bpsk = true;
  run(e, &c, 1, "pi/2-BPSK tp");
  /* transform precoding with DM-RS group hopping, then sequence hopping (M_ZC >= 72) */
  c = pusch_test_cfg(36, 10);
  c.transform_precoding = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  c.add_pos = 2;
  c.group_hopping = true;
  run(e, &c, 2, "tp group hopping");
  c.group_hopping = false;
  c.sequence_hopping = true;
  run(e, &c, 2, "tp sequence hopping");
}

int main(void)
{
  static loop_env_t e;
  e.rng = OLIVE_TEST_RNG(601);
  phy_pusch_args_t a = {
      .max_prb = MAX_PRB, .max_qm = 8, .nof_harq = 1, .tp = true, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_pusch_init(&e.ue, &a) == 0, "init ue");
  CHECK(phy_pusch_init(&e.gnb, &a) == 0, "init gnb");
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = MAX_PRB};
  CHECK(phy_grid_init(&e.tx, &ga) == 0 && phy_grid_init(&e.rx, &ga) == 0, "grids");
  sweep_dmrs(&e);
  sweep_mod(&e);
  phy_grid_free(&e.tx);
  phy_grid_free(&e.rx);
  phy_pusch_free(&e.ue);
  phy_pusch_free(&e.gnb);
  return olive_test_done();
}
