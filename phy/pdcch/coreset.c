/* SPDX-License-Identifier: Apache-2.0 */
/* CCE-to-REG mapping of a CORESET, TS 38.211 7.3.2.2. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/carrier.h"
#include "olive/phy/coreset.h"
#include "olive/support/error.h"

int phy_coreset_from_coreset0(phy_coreset_t *c, const phy_coreset0_t *row, uint32_t start_rb,
                              uint32_t first_symb, uint32_t n_id_cell)
{
  if (c == NULL || row == NULL || row->nof_rb == 0 || row->nof_rb % 6 != 0 ||
      row->nof_rb / 6 > PHY_CORESET_MAX_GROUPS || row->nof_symb < 1 ||
      row->nof_symb > PHY_CORESET_MAX_SYMB || first_symb > 14u - row->nof_symb) {
    return OLIVE_EINVAL;
  }
  memset(c, 0, sizeof(*c));
  c->start_rb = start_rb;
  memset(c->groups, 1, row->nof_rb / 6u);
  c->nof_symb = row->nof_symb;
  c->first_symb = first_symb;
  /* 7.3.2.2: the CORESET configured by the PBCH is interleaved, L = 6, R = 2,
   * n_shift = N_ID^cell */
  c->interleaved = true;
  c->reg_bundle = 6;
  c->il_size = 2;
  c->shift = n_id_cell;
  return OLIVE_OK;
}

static uint32_t nof_rb(const phy_coreset_t *c)
{
  uint32_t n = 0;
  for (uint32_t g = 0; g < PHY_CORESET_MAX_GROUPS; g++) {
    n += c->groups[g] ? 6u : 0u;
  }
  return n;
}

static bool bundle_ok(const phy_coreset_t *c, uint32_t n_reg)
{
  if (!c->interleaved) {
    return true;
  }
  uint32_t l = c->reg_bundle, r = c->il_size;
  bool l_ok = l == 6 || (c->nof_symb == 1 ? l == 2 : l == c->nof_symb);
  bool r_ok = r == 2 || r == 3 || r == 6;
  /* n_shift: 0..274 when configured, N_ID^cell (0..1007) for CORESET#0 */
  return l_ok && r_ok && c->shift <= 1007 && n_reg % (l * r) == 0;
}

int phy_coreset_nof_cce(const phy_coreset_t *c)
{
  if (c == NULL || c->nof_symb < 1 || c->nof_symb > PHY_CORESET_MAX_SYMB ||
      c->first_symb > 14u - c->nof_symb || c->start_rb > PHY_MAX_PRB) {
    /* compared without sums: a field near UINT32_MAX must not wrap into range */
    return OLIVE_EINVAL;
  }
  uint32_t n_reg = nof_rb(c) * c->nof_symb;
  if (n_reg == 0 || !bundle_ok(c, n_reg)) {
    return OLIVE_EINVAL;
  }
  return (int)(n_reg / PHY_REG_PER_CCE);
}

/* Grid RB of the n-th RB (increasing order) of the CORESET. */
static uint32_t nth_rb(const phy_coreset_t *c, uint32_t n)
{
  uint32_t want = n / 6u;
  for (uint32_t g = 0; g < PHY_CORESET_MAX_GROUPS; g++) {
    if (c->groups[g] && want-- == 0) {
      return c->start_rb + 6u * g + n % 6u;
    }
  }
  return 0; /* unreachable for n < nof_rb */
}

/* 7.3.2.2 interleaver: x = c R + r -> f(x) = (r C + c + n_shift) mod (N_REG / L). */
static uint32_t bundle_map(const phy_coreset_t *c, uint32_t n_reg, uint32_t x)
{
  if (!c->interleaved) {
    return x;
  }
  uint32_t l = c->reg_bundle, r = c->il_size, cc = n_reg / (l * r);
  return ((x % r) * cc + x / r + c->shift) % (n_reg / l);
}

int phy_coreset_cce_regs(const phy_coreset_t *c, uint32_t cce, uint16_t rb[6], uint8_t symb[6])
{
  int n_cce = phy_coreset_nof_cce(c);
  if (n_cce < 0 || rb == NULL || symb == NULL || cce >= (uint32_t)n_cce) {
    return OLIVE_EINVAL;
  }
  uint32_t n_reg = (uint32_t)n_cce * PHY_REG_PER_CCE;
  uint32_t l = c->interleaved ? c->reg_bundle : 6u, i = 0;
  for (uint32_t b = 0; b < 6u / l; b++) {
    uint32_t bundle = bundle_map(c, n_reg, 6u * cce / l + b);
    for (uint32_t k = 0; k < l; k++, i++) {
      /* REGs are numbered time first: REG r is in CORESET RB r / N_symb, symbol r mod N_symb */
      uint32_t reg = bundle * l + k;
      rb[i] = (uint16_t)nth_rb(c, reg / c->nof_symb);
      symb[i] = (uint8_t)(c->first_symb + reg % c->nof_symb);
    }
  }
  return OLIVE_OK;
}
