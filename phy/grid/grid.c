/* SPDX-License-Identifier: Apache-2.0 */
/* Slot resource grid (TS 38.211 4.4.3), see grid.h. */
#include "olive/phy/grid.h"

#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"

#define GRID_MAX_PORTS 8u
#define CF_PER_LINE    (OLIVE_ALIGN / sizeof(cf_t))

int phy_grid_init(phy_grid_t *g, const phy_grid_args_t *args)
{
  if (g == NULL) {
    return OLIVE_EINVAL;
  }
  memset(g, 0, sizeof(*g));
  if (args == NULL || args->max_ports < 1 || args->max_ports > GRID_MAX_PORTS ||
      args->max_prb < 1 || args->max_prb > PHY_MAX_PRB) {
    return OLIVE_EINVAL;
  }
  size_t nsc = (size_t)args->max_prb * PHY_NSC_RB;
  g->stride = (nsc + CF_PER_LINE - 1) / CF_PER_LINE * CF_PER_LINE;
  g->re = olive_mem_calloc(g->stride * PHY_NSYMB_SLOT * args->max_ports, sizeof(cf_t));
  if (g->re == NULL) {
    return OLIVE_ENOMEM;
  }
  g->max_ports = g->nof_ports = args->max_ports;
  g->max_prb = g->nof_prb = args->max_prb;
  return OLIVE_OK;
}

void phy_grid_free(phy_grid_t *g)
{
  if (g == NULL) {
    return;
  }
  olive_mem_free(g->re);
  memset(g, 0, sizeof(*g));
}

int phy_grid_set_size(phy_grid_t *g, uint32_t nof_ports, uint32_t nof_prb)
{
  if (g == NULL || g->re == NULL || nof_ports < 1 || nof_ports > g->max_ports || nof_prb < 1 ||
      nof_prb > g->max_prb) {
    return OLIVE_EINVAL;
  }
  g->nof_ports = nof_ports;
  g->nof_prb = nof_prb;
  return OLIVE_OK;
}

void phy_grid_clear(phy_grid_t *g)
{
  size_t bytes = (size_t)phy_grid_nof_sc(g) * sizeof(cf_t);
  for (uint32_t p = 0; p < g->nof_ports; p++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      memset(phy_grid_symbol(g, p, l), 0, bytes);
    }
  }
}
