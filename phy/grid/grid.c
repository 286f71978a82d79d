/* SPDX-License-Identifier: Apache-2.0 */
/* Slot resource grid (TS 38.211 4.4.3), see grid.h. */
#include "olive/phy/grid.h"

#include <math.h>
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
  if (args->fft_size != 0 &&
      (args->fft_size % 2 != 0 || args->fft_size < nsc || args->fft_size > PHY_GRID_MAX_FFT)) {
    return OLIVE_EINVAL;
  }
  if (args->fft_size != 0) {
    nsc = args->fft_size;
  }
  g->stride = (nsc + CF_PER_LINE - 1) / CF_PER_LINE * CF_PER_LINE;
  g->re = olive_mem_calloc(g->stride * PHY_NSYMB_SLOT * args->max_ports, sizeof(cf_t));
  if (g->re == NULL) {
    return OLIVE_ENOMEM;
  }
  g->max_ports = g->nof_ports = args->max_ports;
  g->max_prb = args->max_prb;
  g->fft_size = args->fft_size;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    g->w[l] = 1.0f;
  }
  return phy_grid_set_size(g, g->max_ports, g->max_prb);
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
  if (g->fft_size == 0) {
    g->k_off = 0;
    g->k_wrap = UINT32_MAX;
  } else {
    g->k_wrap = nof_prb * PHY_NSC_RB / 2;
    g->k_off = g->fft_size - g->k_wrap;
  }
  return OLIVE_OK;
}

void phy_grid_clear(phy_grid_t *g)
{
  /* Transmit rows: the occupied bins are the first K/2 and the last K/2. */
  uint32_t nsc = phy_grid_nof_sc(g);
  for (uint32_t p = 0; p < g->nof_ports; p++) {
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      cf_t *piece[2];
      uint32_t n0 = phy_grid_span(g, p, l, 0, nsc, piece);
      memset(piece[0], 0, n0 * sizeof(cf_t));
      memset(piece[1], 0, (nsc - n0) * sizeof(cf_t));
    }
  }
}

void phy_grid_clear_all(phy_grid_t *g)
{
  memset(g->re, 0, g->stride * PHY_NSYMB_SLOT * g->max_ports * sizeof(cf_t));
}

int phy_grid_set_weights(phy_grid_t *g, const cf_t w[PHY_NSYMB_SLOT])
{
  if (g == NULL || g->fft_size == 0 || w == NULL) {
    return OLIVE_EINVAL;
  }
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    if (!isfinite(crealf(w[l])) || !isfinite(cimagf(w[l])) || w[l] == 0.0f) {
      return OLIVE_EINVAL;
    }
  }
  memcpy(g->w, w, sizeof(g->w));
  return OLIVE_OK;
}
