/* SPDX-License-Identifier: Apache-2.0 */
/* PDSCH DM-RS (TS 38.211 7.4.1.1) against independent references:
 *  - symbol positions: rows of Table 7.4.1.1.2-3 worked by hand, the exclusions of the
 *    notes of 7.4.1.1.2, and, for mapping type A, every (ld, add_pos, l0) against the rule
 *    form of the same table used by srsRAN Project
 *    (lib/scheduler/support/pdsch/pdsch_dmrs_symbol_mask.cpp, read for the facts only and
 *    re-expressed here as nested thresholds on ld); for mapping type B, every (ld, add_pos)
 *    against the same table as OpenAirInterface encodes it (nr_mac_common.c, Table
 *    7.4.1.1.2-3 as symbol bitmasks relative to the PDSCH start, read in the copy held by
 *    github.com/SyNSec-den/5GBaseChecker; the masks below are that table's facts), and
 *    the double-symbol Table 7.4.1.1.2-4 the same way (hand-read rows + OAI's masks);
 *  - c_init worked by hand (python: ((14 n_s + l + 1)(2 N_ID + 1) << 17) + 2 N_ID + n_SCID
 *    mod 2^31);
 *  - sequence values and RE positions against a bit-serial Gold generator written here
 *    from 5.2.1 (x1, x2 shift registers, Nc = 1600), not through phy/seq. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/dmrs.h"
#include "olive/support/error.h"
#include "olive_test.h"

static void check_pos(phy_pdsch_mapping_t m, uint32_t ld, uint32_t ap, uint32_t l0, int n,
                      const uint8_t *want)
{
  uint8_t l[PHY_DMRS_MAX_SYMB] = {0};
  int r = phy_dmrs_pdsch_positions(m, ld, ap, l0, l);
  CHECK(r == n, "map %d ld %u pos%u l0 %u: %d positions, want %d", m, ld, ap, l0, r, n);
  for (int i = 0; i < n && r == n; i++) {
    CHECK(l[i] == want[i], "map %d ld %u pos%u: l[%d] = %u, want %u", m, ld, ap, i, l[i], want[i]);
  }
}

static void test_positions_by_hand(void)
{
  /* Table 7.4.1.1.2-3, rows read off the table. */
  check_pos(PHY_PDSCH_MAPPING_A, 14, 0, 2, 1, (const uint8_t[]){2});
  check_pos(PHY_PDSCH_MAPPING_A, 14, 1, 2, 2, (const uint8_t[]){2, 11});
  check_pos(PHY_PDSCH_MAPPING_A, 14, 2, 3, 3, (const uint8_t[]){3, 7, 11});
  check_pos(PHY_PDSCH_MAPPING_A, 12, 3, 2, 4, (const uint8_t[]){2, 5, 8, 11});
  check_pos(PHY_PDSCH_MAPPING_A, 11, 3, 2, 3, (const uint8_t[]){2, 6, 9});
  check_pos(PHY_PDSCH_MAPPING_A, 10, 2, 3, 3, (const uint8_t[]){3, 6, 9});
  check_pos(PHY_PDSCH_MAPPING_A, 9, 1, 2, 2, (const uint8_t[]){2, 7});
  check_pos(PHY_PDSCH_MAPPING_A, 7, 3, 2, 1, (const uint8_t[]){2});
  check_pos(PHY_PDSCH_MAPPING_A, 3, 0, 2, 1, (const uint8_t[]){2});
  check_pos(PHY_PDSCH_MAPPING_B, 2, 0, 0, 1, (const uint8_t[]){0});
  check_pos(PHY_PDSCH_MAPPING_B, 4, 1, 0, 1, (const uint8_t[]){0});
  check_pos(PHY_PDSCH_MAPPING_B, 7, 1, 0, 2, (const uint8_t[]){0, 4});
  check_pos(PHY_PDSCH_MAPPING_B, 8, 1, 0, 2, (const uint8_t[]){0, 6});
  check_pos(PHY_PDSCH_MAPPING_B, 8, 2, 0, 3, (const uint8_t[]){0, 3, 6});
  check_pos(PHY_PDSCH_MAPPING_B, 11, 2, 0, 3, (const uint8_t[]){0, 4, 8});
  check_pos(PHY_PDSCH_MAPPING_B, 11, 3, 0, 4, (const uint8_t[]){0, 3, 6, 9});
  check_pos(PHY_PDSCH_MAPPING_B, 13, 2, 0, 3, (const uint8_t[]){0, 5, 9});
  /* "-" entries and the notes of 7.4.1.1.2. */
  uint8_t l[PHY_DMRS_MAX_SYMB];
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 2, 0, 2, l) == OLIVE_EINVAL, "A ld 2");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_B, 14, 0, 0, l) == OLIVE_EINVAL, "B ld 14");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 14, 3, 3, l) == OLIVE_EINVAL, "pos3 l0 3");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 4, 0, 3, l) == OLIVE_EINVAL, "ld 4 l0 3");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 14, 0, 1, l) == OLIVE_EINVAL, "l0 1");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 15, 0, 2, l) == OLIVE_EINVAL, "ld 15");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 14, 4, 2, l) == OLIVE_EINVAL, "pos4");
  CHECK(phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, 14, 0, 2, NULL) == OLIVE_EINVAL, "NULL");
}

/* Mapping type A as the threshold rule of the second source (see the file comment). */
static unsigned rule_type_a(unsigned ld, unsigned ap, unsigned l0)
{
  unsigned m = 1u << l0;
  if (ld < 8 || ap == 0) {
    return m;
  }
  if (ld < 10) {
    return m | 1u << 7;
  }
  if (ap == 1) {
    return m | (ld < 13 ? 1u << 9 : 1u << 11);
  }
  if (ap == 2) {
    return m | (ld < 13 ? (1u << 6 | 1u << 9) : (1u << 7 | 1u << 11));
  }
  return m | (ld < 12 ? (1u << 6 | 1u << 9) : (1u << 5 | 1u << 8 | 1u << 11));
}

static void test_positions_type_a_rule(void)
{
  for (unsigned l0 = 2; l0 <= 3; l0++) {
    for (unsigned ld = 3; ld <= 14; ld++) {
      for (unsigned ap = 0; ap <= 3; ap++) {
        uint8_t l[PHY_DMRS_MAX_SYMB];
        int n = phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_A, ld, ap, l0, l);
        if (l0 == 3 && (ap == 3 || ld < 5)) {
          CHECK(n == OLIVE_EINVAL, "ld %u pos%u l0 3 must be rejected", ld, ap);
          continue;
        }
        unsigned m = 0;
        for (int i = 0; i < n; i++) {
          m |= 1u << l[i];
          CHECK(i == 0 || l[i] > l[i - 1], "positions must increase");
          CHECK(l[i] < ld, "ld %u pos%u: DM-RS at %u outside the PDSCH", ld, ap, l[i]);
        }
        CHECK(m == rule_type_a(ld, ap, l0), "ld %u pos%u l0 %u: mask %#x, rule %#x", ld, ap, l0, m,
              rule_type_a(ld, ap, l0));
      }
    }
  }
}

/* Table 7.4.1.1.2-3, mapping type B columns (pos0..pos3) as symbol masks, ld = 2..14;
 * 0 = not allowed. Values as OAI's table holds them (see the file comment). */
static const uint16_t type_b_masks[13][4] = {
    {1, 1, 1, 1},       {1, 1, 1, 1},       {1, 1, 1, 1},       {1, 17, 17, 17},
    {1, 17, 17, 17},    {1, 17, 17, 17},    {1, 65, 73, 73},    {1, 129, 145, 145},
    {1, 129, 145, 145}, {1, 257, 273, 585}, {1, 513, 545, 585}, {1, 513, 545, 585},
    {0, 0, 0, 0},
};

static void test_positions_type_b_oai(void)
{
  for (unsigned ld = 2; ld <= 14; ld++) {
    for (unsigned ap = 0; ap <= 3; ap++) {
      uint8_t l[PHY_DMRS_MAX_SYMB];
      int n = phy_dmrs_pdsch_positions(PHY_PDSCH_MAPPING_B, ld, ap, 0, l);
      unsigned m = 0;
      for (int i = 0; i < n; i++) {
        m |= 1u << l[i];
      }
      unsigned want = type_b_masks[ld - 2][ap];
      CHECK(want ? m == want : n == OLIVE_EINVAL, "type B ld %u pos%u: mask %#x, OAI %#x", ld, ap,
            n < 0 ? 0 : m, want);
    }
  }
}

/* Table 7.4.1.1.2-4 (double-symbol) as OAI encodes it: masks of both symbols of each pair,
 * relative to l0 = 0 for type A (bit 0 stands for l0, l0 + 1) and to the PDSCH start for
 * type B; columns A pos0, pos1, B pos0, pos1; ld 2..14 (OAI's "< 4" row for 2 and 3);
 * 0 = "-" (not allowed). For type A, pos0 rows hold l0 only. */
static const uint16_t double_masks[13][4] = {
    {0, 0, 0, 0},     {0, 0, 0, 0},      {3, 3, 0, 0},    {3, 3, 3, 3},     {3, 3, 3, 3},
    {3, 3, 3, 3},     {3, 3, 3, 99},     {3, 3, 3, 99},   {3, 771, 3, 387}, {3, 771, 3, 387},
    {3, 771, 3, 771}, {3, 3075, 3, 771}, {3, 3075, 0, 0},
};

static void test_positions_double(void)
{
  /* Hand-read rows of Table 7.4.1.1.2-4. */
  uint8_t l[PHY_DMRS_MAX_SYMB];
  CHECK(phy_dmrs_pdsch_positions_double(PHY_PDSCH_MAPPING_A, 14, 1, 2, l) == 2 && l[0] == 2 &&
            l[1] == 10,
        "A ld 14 pos1");
  CHECK(phy_dmrs_pdsch_positions_double(PHY_PDSCH_MAPPING_A, 10, 1, 3, l) == 2 && l[0] == 3 &&
            l[1] == 8,
        "A ld 10 pos1 l0 3");
  CHECK(phy_dmrs_pdsch_positions_double(PHY_PDSCH_MAPPING_B, 8, 1, 0, l) == 2 && l[0] == 0 &&
            l[1] == 5,
        "B ld 8 pos1");
  CHECK(phy_dmrs_pdsch_positions_double(PHY_PDSCH_MAPPING_B, 4, 0, 0, l) == OLIVE_EINVAL, "B 4");
  CHECK(phy_dmrs_pdsch_positions_double(PHY_PDSCH_MAPPING_A, 14, 2, 2, l) == OLIVE_EINVAL, "pos2");
  /* Every entry against OAI's encoding (l0 = 2 shifted to bit 0 for type A). */
  for (unsigned ld = 2; ld <= 14; ld++) {
    for (unsigned col = 0; col < 4; col++) {
      phy_pdsch_mapping_t m = col < 2 ? PHY_PDSCH_MAPPING_A : PHY_PDSCH_MAPPING_B;
      int n = phy_dmrs_pdsch_positions_double(m, ld, col % 2, 2, l);
      unsigned mask = 0, base = col < 2 ? 2 : 0;
      for (int i = 0; i < n; i++) {
        unsigned lb = l[i] == base ? 0 : l[i];
        mask |= 3u << lb;
      }
      unsigned want = double_masks[ld - 2][col];
      if (col < 2 && want) {
        want = (want & ~3u) | 3u; /* l0 pair at bit 0 */
      }
      CHECK(want ? (n > 0 && mask == want) : n == OLIVE_EINVAL,
            "double ld %u col %u: mask %#x, OAI %#x", ld, col, n < 0 ? 0 : mask, want);
    }
  }
}

/* TS 38.211 5.2.1, bit by bit. */
static void gold_serial(uint32_t c_init, unsigned len, uint8_t *c)
{
  enum { NC = 1600, MAX = 1600 + 8000 + 31 };
  static uint8_t x1[MAX], x2[MAX];
  memset(x1, 0, sizeof(x1));
  x1[0] = 1;
  for (int i = 0; i < 31; i++) {
    x2[i] = (c_init >> i) & 1;
  }
  for (unsigned n = 0; n + 31 < NC + len; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) % 2;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) % 2;
  }
  for (unsigned n = 0; n < len; n++) {
    c[n] = (x1[n + NC] + x2[n + NC]) % 2;
  }
}

static void test_cinit(void)
{
  CHECK(phy_dmrs_pdsch_cinit(0, 2, 0, 0) == 393216u, "c_init(0, 2, 0, 0)");
  CHECK(phy_dmrs_pdsch_cinit(5, 11, 500, 1) == 21234665u, "c_init(5, 11, 500, 1)");
}

/* Sequence and RE positions of one symbol against the serial Gold: PRBs 3..6 of a grid
 * starting at CRB 10 (so n starts at 3 * 13 (type 1) or 2 * 13 (type 2)). */
static void test_values(phy_dmrs_type_t type, uint32_t port)
{
  enum { NPRB = 20 };
  const uint32_t crb0 = 10, prb0 = 3, nprb = 4;
  phy_grid_t g;
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = NPRB}) == 0, "grid");
  cf_t *row = phy_grid_symbol(&g, 0, 5);
  for (unsigned k = 0; k < NPRB * 12; k++) {
    row[k] = 99.0f;
  }
  uint32_t ci = phy_dmrs_pdsch_cinit(7, 3, 1234, 1);
  float beta = 1.41421356f;
  int n = phy_dmrs_pdsch_put(type, port, ci, crb0, prb0, nprb, beta, &g, 0, 5);
  unsigned per = type == PHY_DMRS_TYPE1 ? 6 : 4;
  CHECK(n == (int)(per * nprb), "type %d port %u: %d REs", type, port, n);
  static uint8_t c[16000];
  gold_serial(ci, 2 * 6 * 300, c);
  const phy_dmrs_port_t *p = phy_dmrs_port(type, port);
  for (unsigned k = 0; k < NPRB * 12; k++) {
    unsigned kc = k + 12 * crb0; /* from CRB 0 */
    int inside = k >= prb0 * 12 && k < (prb0 + nprb) * 12;
    int mine = 0;
    unsigned m = 0, kp = 0;
    if (type == PHY_DMRS_TYPE1 && kc % 2 == p->delta) {
      mine = 1; /* k = 4n + 2k' + Delta */
      kp = (kc / 2) % 2;
      m = 2 * (kc / 4) + kp;
    } else if (type == PHY_DMRS_TYPE2 && (kc % 6) / 2 * 2 == p->delta) {
      mine = 1; /* k = 6n + k' + Delta */
      kp = kc % 2;
      m = 2 * (kc / 6) + kp;
    }
    if (!inside || !mine) {
      CHECK(row[k] == 99.0f, "type %d port %u: k %u written", type, port, k);
      continue;
    }
    float s = (float)M_SQRT1_2 * beta * p->wf[kp];
    cf_t want = s * ((1.0f - 2.0f * c[2 * m]) + I * (1.0f - 2.0f * c[2 * m + 1]));
    CHECK(cabsf(row[k] - want) < 1e-5f, "type %d port %u k %u: (%g,%g) want (%g,%g)", type, port, k,
          crealf(row[k]), cimagf(row[k]), crealf(want), cimagf(want));
  }
  phy_grid_free(&g);
}

static void test_tables(void)
{
  /* Tables 7.4.1.1.2-1/-2: each CDM group holds two ports in the single-symbol range
   * (w_t = +1), with w_f = (+1, +1) and (+1, -1); Delta = lambda (type 1), 2 lambda (2). */
  for (int t = 1; t <= 2; t++) {
    phy_dmrs_type_t type = (phy_dmrs_type_t)t;
    uint32_t np = t == 1 ? 8 : 12;
    for (uint32_t p = 0; p < np; p++) {
      const phy_dmrs_port_t *d = phy_dmrs_port(type, p);
      CHECK(d->delta == (t == 1 ? 1 : 2) * d->cdm_group, "Delta of port %u", p);
      CHECK(d->cdm_group == (p % (np / 2)) / 2, "CDM group of port %u", p);
      CHECK(d->wf[0] == 1 && d->wf[1] == (p % 2 ? -1 : 1), "w_f of port %u", p);
      CHECK(d->wt[0] == 1 && d->wt[1] == (p < np / 2 ? 1 : -1), "w_t of port %u", p);
    }
    CHECK(phy_dmrs_port(type, np) == NULL, "port out of range");
    /* Groups partition the PRB for type 1 and cover 12 of 12 subcarriers for type 2. */
    for (uint32_t sc = 0; sc < 12; sc++) {
      int cnt = 0;
      for (uint32_t g = 0; g < phy_dmrs_nof_cdm_groups(type); g++) {
        cnt += phy_dmrs_sc_in_group(type, g, sc);
      }
      CHECK(cnt == 1, "type %d sc %u in %d groups", t, sc, cnt);
    }
  }
}

static void test_names_limits(void)
{
  CHECK(strcmp(phy_dmrs_type_name(PHY_DMRS_TYPE2), "type2") == 0, "type name");
  CHECK(strcmp(phy_pdsch_mapping_name(PHY_PDSCH_MAPPING_B), "typeB") == 0, "mapping name");
  CHECK(strcmp(phy_dmrs_type_name((phy_dmrs_type_t)7), "?") == 0, "bad type name");
  static cf_t ref[6 * 275];
  CHECK(phy_dmrs_pdsch_ref(PHY_DMRS_TYPE1, 0, 1, 2199, 0, 275, ref) == 6 * 275, "highest CRB");
  CHECK(phy_dmrs_pdsch_ref(PHY_DMRS_TYPE1, 0, 1, 2200, 0, 276, ref) == OLIVE_EINVAL, "276 PRB");
  CHECK(phy_dmrs_pdsch_ref(PHY_DMRS_TYPE1, 0, 1, 2201, 0, 275, ref) == OLIVE_EINVAL, "CRB 2476");
  CHECK(phy_dmrs_pdsch_ref(PHY_DMRS_TYPE1, 8, 1, 0, 0, 1, ref) == OLIVE_EINVAL, "port 8");
  phy_grid_t g;
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 4}) == 0, "grid");
  CHECK(phy_dmrs_pdsch_put(PHY_DMRS_TYPE2, 12, 1, 0, 0, 1, 1.0f, &g, 0, 0) == OLIVE_EINVAL,
        "port 12");
  CHECK(phy_dmrs_pdsch_put(PHY_DMRS_TYPE1, 0, 1, 0, 2, 3, 1.0f, &g, 0, 0) == OLIVE_EINVAL,
        "PRBs beyond the grid");
  CHECK(phy_dmrs_pdsch_put(PHY_DMRS_TYPE1, 0, 1, 0, 0, 1, 1.0f, &g, 1, 0) == OLIVE_EINVAL,
        "port 1");
  CHECK(phy_dmrs_pdsch_put(PHY_DMRS_TYPE1, 0, 1, 0, 0, 1, 1.0f, &g, 0, 14) == OLIVE_EINVAL,
        "symbol 14");
  phy_grid_free(&g);
}

int main(void)
{
  test_names_limits();
  test_positions_by_hand();
  test_positions_type_a_rule();
  test_positions_type_b_oai();
  test_positions_double();
  test_cinit();
  test_tables();
  test_values(PHY_DMRS_TYPE1, 0);
  test_values(PHY_DMRS_TYPE1, 3);
  test_values(PHY_DMRS_TYPE2, 0);
  test_values(PHY_DMRS_TYPE2, 5);
  test_values(PHY_DMRS_TYPE2, 9);
  return olive_test_done();
}
