/* SPDX-License-Identifier: Apache-2.0 */
/* PUSCH DM-RS, pinned to values worked by hand from TS 38.211:
 *  - Table 6.4.1.1.3-3, transcribed a second time below in the spec's own text layout and
 *    compared cell by cell with phy_pusch_dmrs_positions. The same cells are in the 5G NR
 *    grid tool "nrgrid" (Go, DmrsPuschPosOneSymbWoIntraSlotFh, 38.211 vh40) and in OAI's
 *    dmrs_nr.c bitmask table, except OAI's type B ld 5..7 "l0, 2" (value 5): the spec and
 *    nrgrid say "l0, 4";
 *  - the RE positions of a type-1 and a type-2 allocation (counted by hand below);
 *  - the DM-RS values: a bit-serial Gold sequence written here from 5.2.1 with the c_init
 *    of 6.4.1.1.1.1, and, with transform precoding, the Zadoff-Chu form of 5.2.2.1 for
 *    M_ZC = 36 (N_ZC = 31, q worked by hand) with the beta of TS 38.214 Table 6.2.2-1;
 *    with group hopping (f_gh from the bit-serial c(n), c_init = floor(N_ID / 30)) and with
 *    sequence hopping (M_ZC = 72, N_ZC = 71, v = c(14 n_s + l), c_init = N_ID) of
 *    6.4.1.1.1.2, q = floor(q-bar + 1/2) + v (-1)^floor(2 q-bar), q-bar = N_ZC (u + 1) / 31
 *    (5.2.2.1). */
#include <stdio.h>
#include <stdlib.h>

#include "olive/support/error.h"
#include "pusch_test_util.h"

/* TS 38.211 Table 6.4.1.1.3-3: rows ld = 1..14 ("<4" spelled out), columns type A pos0..3,
 * type B pos0..3. */
static const char *table[14][8] = {
    {"-", "-", "-", "-", "l0", "l0", "l0", "l0"},
    {"-", "-", "-", "-", "l0", "l0", "l0", "l0"},
    {"-", "-", "-", "-", "l0", "l0", "l0", "l0"},
    {"l0", "l0", "l0", "l0", "l0", "l0", "l0", "l0"},
    {"l0", "l0", "l0", "l0", "l0", "l0,4", "l0,4", "l0,4"},
    {"l0", "l0", "l0", "l0", "l0", "l0,4", "l0,4", "l0,4"},
    {"l0", "l0", "l0", "l0", "l0", "l0,4", "l0,4", "l0,4"},
    {"l0", "l0,7", "l0,7", "l0,7", "l0", "l0,6", "l0,3,6", "l0,3,6"},
    {"l0", "l0,7", "l0,7", "l0,7", "l0", "l0,6", "l0,3,6", "l0,3,6"},
    {"l0", "l0,9", "l0,6,9", "l0,6,9", "l0", "l0,8", "l0,4,8", "l0,3,6,9"},
    {"l0", "l0,9", "l0,6,9", "l0,6,9", "l0", "l0,8", "l0,4,8", "l0,3,6,9"},
    {"l0", "l0,9", "l0,6,9", "l0,5,8,11", "l0", "l0,10", "l0,5,10", "l0,3,6,9"},
    {"l0", "l0,11", "l0,7,11", "l0,5,8,11", "l0", "l0,10", "l0,5,10", "l0,3,6,9"},
    {"l0", "l0,11", "l0,7,11", "l0,5,8,11", "l0", "l0,10", "l0,5,10", "l0,3,6,9"},
};

static void check_table(void)
{
  for (uint32_t ld = 1; ld <= 14; ld++) {
    for (uint32_t col = 0; col < 8; col++) {
      phy_pusch_mapping_t m = col < 4 ? PHY_PUSCH_MAPPING_A : PHY_PUSCH_MAPPING_B;
      for (uint32_t l0 = 2; l0 <= 3; l0++) {
        uint8_t got[PHY_DMRS_MAX_SYMB];
        int n = phy_pusch_dmrs_positions(m, ld, col % 4, l0, got);
        const char *s = table[ld - 1][col];
        if (s[0] == '-' || (m == PHY_PUSCH_MAPPING_A && l0 == 3 && col == 3)) {
          CHECK(n == OLIVE_EINVAL, "ld %u col %u l0 %u: %d", ld, col, l0, n);
          continue;
        }
        uint32_t want[4], nw = 0, l0v = m == PHY_PUSCH_MAPPING_A ? l0 : 0;
        for (const char *p = s; *p;) {
          if (p[0] == 'l') {
            want[nw++] = l0v;
            p += 2;
          } else {
            want[nw++] = (uint32_t)strtoul(p, (char **)&p, 10);
          }
          p += *p == ',';
        }
        CHECK(n == (int)nw, "ld %u col %u: %d positions, table %u", ld, col, n, nw);
        for (uint32_t i = 0; i < nw && n == (int)nw; i++) {
          CHECK(got[i] == want[i], "ld %u col %u [%u]: %u != %u", ld, col, i, got[i], want[i]);
        }
      }
    }
  }
}

/* 5.2.1 bit by bit: x1(n+31) = x1(n+3) + x1(n), x2(n+31) = x2(n+3) + x2(n+2) + x2(n+1) +
 * x2(n), c(n) = x1(n + 1600) + x2(n + 1600). */
static void gold(uint32_t cinit, uint8_t *c, uint32_t len)
{
  static uint8_t x1[1600 + 4000 + 31], x2[1600 + 4000 + 31];
  memset(x1, 0, sizeof(x1));
  x1[0] = 1;
  for (int i = 0; i < 31; i++) {
    x2[i] = (cinit >> i) & 1;
  }
  for (uint32_t n = 0; n < 1600 + len; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) & 1;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) & 1;
  }
  for (uint32_t n = 0; n < len; n++) {
    c[n] = (x1[n + 1600] + x2[n + 1600]) & 1;
  }
}

static int count(const uint8_t *map, uint32_t nsc, uint32_t l, uint8_t v)
{
  int n = 0;
  for (uint32_t k = 0; k < nsc; k++) {
    n += map[l * nsc + k] == v;
  }
  return n;
}

/* Type 1, one CDM group without data, port 0, mapping A over the slot, pos1, 2 PRBs from
 * grid PRB 1 of 4: DM-RS on slot symbols 2 and 11, even subcarriers 12, 14, .., 34; data
 * on the odd ones there and on every allocated subcarrier elsewhere: 12 x 24 + 2 x 12 =
 * 312 data REs. */
static void check_map_type1(phy_grid_t *grid, phy_pusch_t *q)
{
  static uint8_t map[14 * 48];
  phy_pusch_cfg_t c = pusch_test_cfg(2, 5);
  c.prb_start = 1;
  c.cdm_groups_no_data = 1;
  c.add_pos = 1;
  c.crb0 = 3;
  c.slot = 7;
  c.n_scid = 1;
  c.dmrs_id = 517;
  CHECK(phy_pusch_re_map(&c, 4, map) == 312, "type 1 data REs");
  CHECK(count(map, 48, 2, PHY_PUSCH_RE_DMRS) == 12 && count(map, 48, 11, PHY_PUSCH_RE_DMRS) == 12,
        "type 1 DM-RS per symbol");
  CHECK(map[2 * 48 + 12] == PHY_PUSCH_RE_DMRS && map[2 * 48 + 13] == PHY_PUSCH_RE_DATA &&
            map[2 * 48 + 11] == PHY_PUSCH_RE_NONE && map[2 * 48 + 36] == PHY_PUSCH_RE_NONE,
        "type 1 edges");
  CHECK(count(map, 48, 3, PHY_PUSCH_RE_DATA) == 24 && count(map, 48, 0, PHY_PUSCH_RE_DATA) == 24,
        "type 1 data symbols");
  /* Values: beta = 1 (one CDM group); sequence index from CRB 0: k_crb = k + 12 crb0, type 1
   * port 0: r(m) at k_crb = 2m. c_init = 2^17 (14 n_s + l + 1)(2 N_ID + 1) + 2 N_ID + n_SCID
   * mod 2^31. */
  phy_grid_set_size(grid, 1, 4);
  phy_grid_clear(grid);
  uint8_t tb[64] = {0};
  CHECK(phy_pusch_encode(q, &c, tb, NULL, grid) > 0, "encode");
  for (uint32_t l = 2; l <= 11; l += 9) {
    uint64_t ci = ((1ull << 17) * (14 * 7 + l + 1) * (2 * 517 + 1) + 2 * 517 + 1) % (1ull << 31);
    static uint8_t bits[4 * 48];
    gold((uint32_t)ci, bits, 4 * 48);
    for (uint32_t k = 12; k < 36; k += 2) {
      uint32_t mm = (k + 12 * 3) / 2;
      cf_t want =
          ((1.0f - 2 * bits[2 * mm]) + I * (1.0f - 2 * bits[2 * mm + 1])) * (float)M_SQRT1_2;
      cf_t got = *phy_grid_re(grid, 0, l, k);
      CHECK(cabsf(got - want) < 1e-5f, "l %u k %u: %f%+fj != %f%+fj", l, k, crealf(got),
            cimagf(got), crealf(want), cimagf(want));
    }
  }
}

/* Type 2, two CDM groups without data, port 2 (group 1, Delta 2, w_f +1 +1), mapping B with
 * S = 5, L = 7, pos1: ld = 7 gives l0, 4: slot symbols 5 and 9; DM-RS at k mod 6 in
 * {2, 3}, data only at k mod 6 in {4, 5} there: 1 PRB: 5 x 12 + 2 x 4 = 68 data REs. */
static void check_map_type2(void)
{
  static uint8_t map[14 * 12];
  phy_pusch_cfg_t c = pusch_test_cfg(1, 0);
  c.dmrs_type = PHY_DMRS_TYPE2;
  c.cdm_groups_no_data = 2;
  c.port = 2;
  c.mapping = PHY_PUSCH_MAPPING_B;
  c.s = 5;
  c.l = 7;
  c.add_pos = 1;
  CHECK(phy_pusch_re_map(&c, 1, map) == 68, "type 2 data REs");
  static const uint8_t row[12] = {0, 0, 2, 2, 1, 1, 0, 0, 2, 2, 1, 1};
  CHECK(memcmp(map + 5 * 12, row, 12) == 0 && memcmp(map + 9 * 12, row, 12) == 0,
        "type 2 DM-RS symbols");
  CHECK(count(map, 12, 4, PHY_PUSCH_RE_NONE) == 12 && count(map, 12, 12, PHY_PUSCH_RE_NONE) == 12,
        "type 2 outside the allocation");
}

/* Transform precoding, 6 PRBs: M_ZC = 36, N_ZC = 31 (largest prime < 36), u = N_ID^RS mod 30
 * = 37 mod 30 = 7, v = 0: q-bar = N_ZC (u + 1) / 31 = 8, q = floor(8 + 1/2) = 8;
 * r(n) = exp(-j pi 8 m (m + 1) / 31), m = n mod 31, on subcarriers k0 + 2n, amplitude
 * sqrt 2 (two CDM groups without data). */
static void check_tp(phy_grid_t *grid, phy_pusch_t *q)
{
  phy_pusch_cfg_t c = pusch_test_cfg(6, 3);
  c.transform_precoding = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  c.dmrs_id = 37;
  c.prb_start = 2;
  phy_grid_set_size(grid, 1, 10);
  phy_grid_clear(grid);
  uint8_t tb[512] = {0};
  CHECK(phy_pusch_encode(q, &c, tb, NULL, grid) > 0, "encode tp");
  for (uint32_t n = 0; n < 36; n++) {
    uint32_t m = n % 31;
    double ph = -M_PI * 8.0 * m * (m + 1) / 31.0;
    cf_t want = (float)M_SQRT2 * ((float)cos(ph) + I * (float)sin(ph));
    cf_t got = *phy_grid_re(grid, 0, 2, 24 + 2 * n);
    CHECK(cabsf(got - want) < 1e-4f, "tp n %u", n);
    CHECK(cabsf(*phy_grid_re(grid, 0, 2, 25 + 2 * n)) == 0.0f, "tp odd sc %u empty", n);
  }
}

/* Expected TP DM-RS of slot symbol l by 5.2.2.1 with u, v from 6.4.1.1.1.2. */
static void check_hopping_one(phy_grid_t *grid, phy_pusch_t *q, uint32_t nprb, bool gh, bool sh)
{
  phy_pusch_cfg_t c = pusch_test_cfg(nprb, 3);
  c.transform_precoding = true;
  c.mcs_table = PHY_MCS_TABLE_TP_QAM64;
  c.dmrs_id = 517;
  c.slot = 3;
  c.group_hopping = gh;
  c.sequence_hopping = sh;
  c.add_pos = 1;
  phy_grid_set_size(grid, 1, nprb);
  phy_grid_clear(grid);
  static uint8_t tb[4096];
  CHECK(phy_pusch_encode(q, &c, tb, NULL, grid) > 0, "encode hopping");
  for (uint32_t l = 2; l <= 11; l += 9) {
    uint32_t n = 14 * 3 + l, f_gh = 0, v = 0, m_zc = 6 * nprb;
    static uint8_t bits[8 * 14 * 20 + 8];
    if (gh) {
      gold(517 / 30, bits, 8 * n + 8);
      for (uint32_t i = 0; i < 8; i++) {
        f_gh += (uint32_t)bits[8 * n + i] << i;
      }
      f_gh %= 30;
    }
    if (sh && m_zc >= 72) {
      gold(517, bits, n + 1);
      v = bits[n];
    }
    uint32_t u = (f_gh + 517) % 30, nzc = m_zc == 36 ? 31 : 71;
    double qb = (double)nzc * (u + 1) / 31.0;
    uint32_t qq = (uint32_t)floor(qb + 0.5) + (((uint32_t)floor(2 * qb) % 2) ? -v : v);
    uint32_t bad = 0;
    for (uint32_t k = 0; k < m_zc; k++) {
      uint32_t mm = k % nzc;
      double ph = -M_PI * qq * mm * (mm + 1) / nzc;
      cf_t want = (float)M_SQRT2 * ((float)cos(ph) + I * (float)sin(ph));
      bad += cabsf(*phy_grid_re(grid, 0, l, 2 * k) - want) > 1e-3f;
    }
    printf("TP DM-RS gh %d sh %d M_ZC %u symbol %u: u %u v %u q %u\n", gh, sh, m_zc, l, u, v, qq);
    CHECK(bad == 0, "hopping gh %d sh %d l %u (u %u v %u q %u): %u values differ", gh, sh, l, u, v,
          qq, bad);
  }
}

static void check_hopping(phy_grid_t *grid, phy_pusch_t *q)
{
  check_hopping_one(grid, q, 6, true, false);
  check_hopping_one(grid, q, 12, false, true);
  check_hopping_one(grid, q, 12, false, false);
}

int main(void)
{
  check_table();
  phy_pusch_t q;
  phy_grid_t grid;
  phy_pusch_args_t a = {.max_prb = 12, .max_qm = 8, .tp = true, .isa = OLIVE_ISA_AUTO};
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 12};
  CHECK(phy_pusch_init(&q, &a) == 0 && phy_grid_init(&grid, &ga) == 0, "init");
  check_map_type1(&grid, &q);
  check_map_type2();
  check_tp(&grid, &q);
  check_hopping(&grid, &q);
  phy_grid_free(&grid);
  phy_pusch_free(&q);
  return olive_test_done();
}
