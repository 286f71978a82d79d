/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH API robustness: lifecycle (free is NULL-safe and idempotent, also after a failed
 * init), NULL and out-of-range arguments rejected with an error code, and a fixed-seed
 * sweep of random configurations (valid and invalid fields mixed) through phy_pdsch_g,
 * phy_pdsch_re_map, phy_pdsch_encode and phy_pdsch_decode that must never crash (run
 * under ASan/UBSan in CI) and must keep the invariants:
 *   G = data REs of the map x Q_m x layers;  encode returns that G;
 *   a noiseless grid decodes (1 layer, a rate below 0.95 after rate matching);
 *   decoding 2 layers from 1 RX port is OLIVE_ENOTSUP;
 *   encoding onto a transmit grid (grid.h: DFT-bin rows, N 512, per-symbol weights,
 *   25 PRB so that K/2 falls inside a PRB) stores a_{k,l} w_l at the bins of the
 *   natural grid's a_{k,l} (|difference| < 1e-5 after dividing w_l back out), leaves the
 *   guard bins zero, and decoding from it is refused. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/pdsch.h"
#include "olive/support/error.h"
#include "olive_test.h"

#define GRID_PRB 25u

static uint8_t map[PHY_NSYMB_SLOT * GRID_PRB * 12];
static uint8_t tb[40000], out[40000];

static void test_lifecycle(void)
{
  phy_pdsch_t q;
  phy_pdsch_args_t a = {.max_prb = GRID_PRB, .max_layers = 3, .max_qm = 8};
  CHECK(phy_pdsch_init(&q, &a) == OLIVE_EINVAL, "3 layers");
  phy_pdsch_free(&q);
  a.max_layers = 1;
  a.max_qm = 5;
  CHECK(phy_pdsch_init(&q, &a) == OLIVE_EINVAL, "Q_m 5");
  phy_pdsch_free(&q);
  CHECK(phy_pdsch_init(NULL, &a) == OLIVE_EINVAL, "NULL object");
  CHECK(phy_pdsch_init(&q, NULL) == OLIVE_EINVAL, "NULL args");
  phy_pdsch_free(&q);
  phy_pdsch_free(NULL);
  CHECK(phy_pdsch_g(NULL) == OLIVE_EINVAL, "g NULL");
  CHECK(phy_pdsch_tbs(NULL) == OLIVE_EINVAL, "tbs NULL");
  CHECK(phy_pdsch_tda_default_a(1, 2, NULL) == OLIVE_EINVAL, "tda NULL");
  CHECK(phy_pdsch_reserved_ssb(3300 - 239, 0, &(phy_pdsch_reserved_t){0}) == OLIVE_EINVAL,
        "SSB beyond 275 PRB");
  CHECK(phy_pdsch_reserved_ssb(0, 11, &(phy_pdsch_reserved_t){0}) == OLIVE_EINVAL, "SSB l0 11");
}

/* A value in [lo, hi], or with probability 1/16 anything in [0, wild). */
static uint32_t pick(olive_test_rng_t *r, uint32_t lo, uint32_t hi, uint32_t wild)
{
  if (olive_test_below(r, 16) == 0) {
    return olive_test_below(r, wild);
  }
  return lo + olive_test_below(r, hi - lo + 1);
}

static phy_pdsch_cfg_t random_cfg(olive_test_rng_t *r)
{
  phy_pdsch_cfg_t c = {0};
  c.slot = pick(r, 0, 19, 40);
  c.crb0 = pick(r, 0, 300, 5000);
  c.tda.mapping = (phy_pdsch_mapping_t)pick(r, 0, 1, 5);
  c.tda.s = (uint8_t)pick(r, 0, c.tda.mapping == PHY_PDSCH_MAPPING_A ? 3 : 12, 20);
  c.tda.l = (uint8_t)pick(r, 2, 14 - c.tda.s, 20);
  c.prb_start = pick(r, 0, GRID_PRB - 1, 300);
  c.nof_prb = pick(r, 1, GRID_PRB - c.prb_start, 300);
  c.nof_reserved = pick(r, 0, 3, 12);
  for (uint32_t i = 0; i < c.nof_reserved && i < PHY_PDSCH_MAX_RESERVED; i++) {
    c.reserved[i].first_prb = (uint16_t)pick(r, 0, GRID_PRB, 400);
    c.reserved[i].nof_prb = (uint16_t)pick(r, 1, 21, 400);
    c.reserved[i].first_symb = (uint8_t)pick(r, 0, 13, 20);
    c.reserved[i].nof_symb = (uint8_t)pick(r, 1, 4, 20);
  }
  c.dmrs_type = (phy_dmrs_type_t)pick(r, 1, 2, 5);
  c.typea_pos = pick(r, 2, 3, 6);
  c.add_pos = pick(r, 0, 3, 6);
  c.dmrs_id = pick(r, 0, 65535, 100000);
  c.n_scid = pick(r, 0, 1, 4);
  c.cdm_groups_no_data = pick(r, 1, c.dmrs_type == PHY_DMRS_TYPE2 ? 3 : 2, 5);
  c.n_layers = pick(r, 1, 2, 4);
  c.ports[0] = pick(r, 0, 1, 12);
  c.ports[1] = pick(r, 0, 3, 12);
  c.rnti = (uint16_t)olive_test_below(r, 65536);
  c.n_id = pick(r, 0, 1023, 2000);
  c.mcs_table = (phy_mcs_table_t)pick(r, 0, 2, 6);
  c.mcs = pick(r, 0, 27, 40);
  c.rv = pick(r, 0, 3, 6);
  c.new_data = true;
  c.chest = (phy_pdsch_chest_freq_t)pick(r, 0, 1, 3);
  return c;
}

/* The same PDSCH onto a transmit grid with random weights: same a_{k,l} everywhere. */
static void check_tx_grid(phy_pdsch_t *q, const phy_pdsch_cfg_t *c, const phy_grid_t *nat,
                          phy_grid_t *tx, olive_test_rng_t *r, int gb)
{
  cf_t w[PHY_NSYMB_SLOT];
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    w[l] = cexpf(I * (float)olive_test_unit(r) * 6.2831853f) * (0.01f + (float)olive_test_unit(r));
  }
  phy_grid_clear_all(tx);
  CHECK(phy_grid_set_weights(tx, w) == 0);
  CHECK(phy_pdsch_encode(q, c, tb, tx) == gb, "encode on the transmit grid");
  float worst = 0;
  int guard = 0;
  for (uint32_t p = 0; p < c->n_layers; p++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      for (uint32_t k = 0; k < GRID_PRB * 12; k++) {
        float d = cabsf(phy_grid_get(tx, p, l, k) - *phy_grid_re(nat, p, l, k));
        worst = d > worst ? d : worst;
      }
      const cf_t *row = phy_grid_symbol(tx, p, l);
      for (uint32_t i = GRID_PRB * 6; i < 512 - GRID_PRB * 6; i++) {
        guard += row[i] != 0;
      }
    }
  }
  CHECK(worst < 1e-5f && guard == 0, "transmit grid: |difference| %g, %d guard bins written", worst,
        guard);
  CHECK(phy_pdsch_decode(q, c, tx, 1, out, NULL) == OLIVE_EINVAL, "decode from a transmit grid");
}

static void test_random(void)
{
  phy_pdsch_t q;
  phy_pdsch_args_t a = {
      .max_prb = GRID_PRB, .max_layers = 2, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  phy_grid_t g, tx;
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = GRID_PRB};
  phy_grid_args_t ta = {.max_ports = 2, .max_prb = GRID_PRB, .fft_size = 512};
  CHECK(phy_pdsch_init(&q, &a) == 0 && phy_grid_init(&g, &ga) == 0 && phy_grid_init(&tx, &ta) == 0,
        "init");
  olive_test_rng_t r = OLIVE_TEST_RNG(77);
  int valid = 0, decoded = 0, tx_checked = 0;
  for (int it = 0; it < 3000; it++) {
    phy_pdsch_cfg_t c = random_cfg(&r);
    int gb = phy_pdsch_g(&c), nre = phy_pdsch_re_map(&c, GRID_PRB, map);
    int tbs = phy_pdsch_tbs(&c);
    if (nre < 0 || gb < 0 || tbs <= 0) {
      continue;
    }
    valid++;
    phy_mcs_t m;
    phy_tbs_mcs_get(c.mcs_table, c.mcs, false, &m);
    CHECK(gb == nre * (int)(m.qm * c.n_layers), "G %d vs %d REs", gb, nre);
    for (int i = 0; i < tbs / 8; i++) {
      tb[i] = (uint8_t)olive_test_below(&r, 256);
    }
    phy_grid_clear(&g);
    int ge = phy_pdsch_encode(&q, &c, tb, &g);
    CHECK(ge == gb || ge == OLIVE_ERANGE || ge == OLIVE_EINVAL, "encode %d, G %d", ge, gb);
    if (ge != gb) {
      continue;
    }
    if (it % 4 == 0) {
      check_tx_grid(&q, &c, &g, &tx, &r, gb);
      tx_checked++;
    }
    int rd = phy_pdsch_decode(&q, &c, &g, 1, out, NULL);
    if (c.n_layers == 2) {
      CHECK(rd == OLIVE_ENOTSUP, "2-layer decode from 1 RX: %d", rd);
      continue;
    }
    /* Effective rate TBS / G below 0.9 and an estimate possible. rv 0 only: with rv 1..3
     * alone phy_sch_decode can stop on the all-zero word, whose CRC is zero, while the
     * erased systematic bits still read 0 (reported; a phy_sch/ldpc matter). */
    if ((double)tbs / gb < 0.9 && rd != OLIVE_ERANGE && c.rv == 0) {
      CHECK(rd == 0 && memcmp(out, tb, (size_t)tbs / 8) == 0, "noiseless decode %d", rd);
      decoded++;
    }
  }
  CHECK(valid > 100 && decoded > 50 && tx_checked > 25,
        "only %d valid, %d decoded, %d transmit-grid configurations", valid, decoded, tx_checked);
  printf("%d valid configurations, %d decoded, %d on a transmit grid\n", valid, decoded,
         tx_checked);
  phy_grid_free(&g);
  phy_grid_free(&tx);
  phy_pdsch_free(&q);
}

int main(void)
{
  test_lifecycle();
  test_random();
  return olive_test_done();
}
