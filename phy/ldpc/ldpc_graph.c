/* SPDX-License-Identifier: Apache-2.0 */
/* Lifting sizes (TS 38.212 Table 5.3.2-1), base graph access and lifting (5.3.2). */
#include <string.h>

#include "ldpc_internal.h"
#include "olive/support/error.h"

/* TS 38.212 Table 5.3.2-1: Z = a * 2^j; set i_LS is given by a = 2, 3, 5, 7, 9, 11, 13, 15. */
static const uint8_t ls_a[PHY_LDPC_NOF_SETS] = {2, 3, 5, 7, 9, 11, 13, 15};

int phy_ldpc_ls_index(unsigned z)
{
  if (z < 2 || z > PHY_LDPC_MAX_Z) {
    return OLIVE_EINVAL;
  }
  for (unsigned i = 0; i < PHY_LDPC_NOF_SETS; i++) {
    unsigned a = ls_a[i];
    if (z % a == 0) {
      unsigned m = z / a;
      if ((m & (m - 1)) == 0) { /* power of two, 2^0 included */
        return (int)i;
      }
    }
  }
  return OLIVE_EINVAL;
}

unsigned phy_ldpc_lifting_size(unsigned n)
{
  unsigned k = 0;
  for (unsigned z = 2; z <= PHY_LDPC_MAX_Z; z++) {
    if (phy_ldpc_ls_index(z) >= 0 && k++ == n) {
      return z;
    }
  }
  return 0;
}

unsigned phy_ldpc_lifting_size_min(unsigned min_z)
{
  for (unsigned z = min_z < 2 ? 2 : min_z; z <= PHY_LDPC_MAX_Z; z++) {
    if (phy_ldpc_ls_index(z) >= 0) {
      return z;
    }
  }
  return 0;
}

unsigned phy_ldpc_bg_rows(phy_ldpc_bg_t bg)
{
  return bg == PHY_LDPC_BG1 ? PHY_LDPC_BG1_ROWS : bg == PHY_LDPC_BG2 ? PHY_LDPC_BG2_ROWS : 0;
}

unsigned phy_ldpc_bg_cols(phy_ldpc_bg_t bg)
{
  return bg == PHY_LDPC_BG1 ? PHY_LDPC_BG1_COLS : bg == PHY_LDPC_BG2 ? PHY_LDPC_BG2_COLS : 0;
}

unsigned phy_ldpc_bg_kb(phy_ldpc_bg_t bg)
{
  return bg == PHY_LDPC_BG1 ? PHY_LDPC_BG1_KB : bg == PHY_LDPC_BG2 ? PHY_LDPC_BG2_KB : 0;
}

static void bg_table(phy_ldpc_bg_t bg, const ldpc_bg_entry_t **e, const uint16_t **rs)
{
  *e = bg == PHY_LDPC_BG1 ? ldpc_bg1_entries : ldpc_bg2_entries;
  *rs = bg == PHY_LDPC_BG1 ? ldpc_bg1_row_start : ldpc_bg2_row_start;
}

int phy_ldpc_bg_coef(phy_ldpc_bg_t bg, unsigned row, unsigned col, unsigned i_ls, unsigned *v)
{
  if (row >= phy_ldpc_bg_rows(bg) || col >= phy_ldpc_bg_cols(bg) || i_ls >= PHY_LDPC_NOF_SETS ||
      v == NULL) {
    return OLIVE_EINVAL;
  }
  const ldpc_bg_entry_t *e;
  const uint16_t *rs;
  bg_table(bg, &e, &rs);
  for (unsigned k = rs[row]; k < rs[row + 1]; k++) {
    if (e[k].col == col) {
      *v = e[k].v[i_ls];
      return 1;
    }
  }
  return 0;
}

int phy_ldpc_codeword_len(phy_ldpc_bg_t bg, unsigned z, unsigned nof_rows)
{
  unsigned rows = phy_ldpc_bg_rows(bg);
  if (rows == 0 || phy_ldpc_ls_index(z) < 0 || nof_rows > rows ||
      (nof_rows != 0 && nof_rows < PHY_LDPC_MIN_ROWS)) {
    return OLIVE_EINVAL;
  }
  if (nof_rows == 0) {
    nof_rows = rows;
  }
  return (int)((phy_ldpc_bg_kb(bg) - 2 + nof_rows) * z);
}

/* Shift of column col in row r of g, or -1 when there is no edge. */
static int edge_shift(const ldpc_graph_t *g, unsigned r, unsigned col)
{
  for (unsigned k = g->row_start[r]; k < g->row_start[r + 1]; k++) {
    if (g->col[k] == col) {
      return g->shift[k];
    }
  }
  return -1;
}

/* In the sum of rows 0..3, blocks of one column with equal shifts cancel in pairs. Returns
 * the single surviving shift of column col, -1 if all cancel, -2 if several survive. */
static int surviving_shift(const ldpc_graph_t *g, unsigned col)
{
  int s[PHY_LDPC_MIN_ROWS], n = 0;
  for (unsigned r = 0; r < PHY_LDPC_MIN_ROWS; r++) {
    int v = edge_shift(g, r, col);
    if (v >= 0) {
      s[n++] = v;
    }
  }
  int out = -1;
  for (int i = 0; i < n; i++) {
    int cnt = 0;
    for (int j = 0; j < n; j++) {
      cnt += s[j] == s[i];
    }
    if (cnt & 1) {
      if (out >= 0 && out != s[i]) {
        return -2;
      }
      out = s[i];
    }
  }
  return out;
}

/* TS 38.212 5.3.2 leaves the parity computation to the implementation; with the core
 * columns kb..kb+3 double-diagonal, the sum of rows 0..3 isolates the first one, and each
 * other one is the only unknown of some core row once the previous ones are known. */
static int plan_core(ldpc_graph_t *g)
{
  unsigned kb = g->kb;
  if (surviving_shift(g, kb) < 0) {
    return OLIVE_ERANGE;
  }
  for (unsigned c = kb + 1; c < kb + LDPC_CORE_COLS; c++) {
    if (surviving_shift(g, c) != -1) {
      return OLIVE_ERANGE;
    }
  }
  g->core_p1_shift = (uint16_t)surviving_shift(g, kb);
  g->core_col[0] = (uint8_t)kb;
  unsigned known = 1u; /* bit k: core column kb + k solved */
  for (unsigned k = 1; k < LDPC_CORE_COLS; k++) {
    int found = 0;
    for (unsigned r = 0; r < PHY_LDPC_MIN_ROWS && !found; r++) {
      int unknown = -1, n_unknown = 0;
      for (unsigned c = 0; c < LDPC_CORE_COLS; c++) {
        if (edge_shift(g, r, kb + c) >= 0 && !(known >> c & 1)) {
          unknown = (int)c;
          n_unknown++;
        }
      }
      if (n_unknown == 1) {
        g->core_col[k] = (uint8_t)(kb + (unsigned)unknown);
        g->core_row[k] = (uint8_t)r;
        g->core_shift[k] = (uint16_t)edge_shift(g, r, kb + (unsigned)unknown);
        known |= 1u << unknown;
        found = 1;
      }
    }
    if (!found) {
      return OLIVE_ERANGE;
    }
  }
  return OLIVE_OK;
}

int ldpc_graph_lift(ldpc_graph_t *g, phy_ldpc_bg_t bg, unsigned z)
{
  int ils = phy_ldpc_ls_index(z);
  if (ils < 0 || phy_ldpc_bg_rows(bg) == 0) {
    return OLIVE_EINVAL;
  }
  const ldpc_bg_entry_t *e;
  const uint16_t *rs;
  bg_table(bg, &e, &rs);
  memset(g, 0, sizeof(*g));
  g->bg = bg;
  g->z = z;
  g->rows = phy_ldpc_bg_rows(bg);
  g->cols = phy_ldpc_bg_cols(bg);
  g->kb = phy_ldpc_bg_kb(bg);
  for (unsigned r = 0; r <= g->rows; r++) {
    g->row_start[r] = rs[r];
  }
  for (unsigned k = 0; k < rs[g->rows]; k++) {
    g->col[k] = e[k].col;
    g->shift[k] = (uint16_t)(e[k].v[ils] % z); /* 5.3.2: P_ij = mod(V_ij, Z_c) */
  }
  /* The extension rows r >= 4 each end with their own parity column kb + r, shift 0. */
  for (unsigned r = PHY_LDPC_MIN_ROWS; r < g->rows; r++) {
    unsigned last = g->row_start[r + 1] - 1u;
    if (g->col[last] != g->kb + r || g->shift[last] != 0 ||
        g->col[last - 1] >= g->kb + LDPC_CORE_COLS) {
      return OLIVE_ERANGE;
    }
  }
  return plan_core(g);
}
