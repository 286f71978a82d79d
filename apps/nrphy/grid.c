/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy grid: one slot's resource grid drawn as SVG (or PNG), one rectangle per RE coloured by
 * channel: an SS/PBCH block placed by the library's own mapper (phy_ssb_map, TS 38.211
 * 7.4.3.1) and a PDSCH allocation with DM-RS configuration type 1 on port 1000 (7.4.1.1.2:
 * k = 4n + 2k' + Delta, Delta = 0, so the even subcarriers of each DM-RS symbol). PDSCH is
 * rate-matched around the whole SSB block (TS 38.214 5.1.4). */
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"
#include "olive/phy/ssb.h"
#include "olive/support/api.h"

typedef enum re_class {
  RE_EMPTY,
  RE_PSS,
  RE_SSS,
  RE_PBCH,
  RE_PBCH_DMRS,
  RE_SSB_GUARD,
  RE_PDSCH,
  RE_PDSCH_DMRS,
  RE_COUNT
} re_class_t;

static const struct {
  const char *name;
  const char *colour;
} re_style[RE_COUNT] = {
    [RE_EMPTY] = {"empty", "#f4f4f4"},
    [RE_PSS] = {"pss", "#d62728"},
    [RE_SSS] = {"sss", "#ff7f0e"},
    [RE_PBCH] = {"pbch", "#2ca02c"},
    [RE_PBCH_DMRS] = {"pbch-dmrs", "#98df8a"},
    [RE_SSB_GUARD] = {"ssb-guard", "#dddddd"},
    [RE_PDSCH] = {"pdsch", "#1f77b4"},
    [RE_PDSCH_DMRS] = {"pdsch-dmrs", "#9467bd"},
};

typedef struct grid_cfg {
  unsigned prb, ssb, ssb_k0, ssb_l0, pci;
  unsigned rb0, nrb, l0, nsym, cdm_no_data;
  uint16_t dmrs_mask; /* bit l: symbol l carries PDSCH DM-RS */
  unsigned png;       /* 0 = SVG, 1 = PNG */
} grid_cfg_t;

/* Marker amplitudes: the mapper scales PSS, SSS, PBCH and DMRS by their beta, so the
 * magnitude of each RE names its channel. */
#define MARK_PSS  10.0f
#define MARK_SSS  20.0f
#define MARK_PBCH 30.0f
#define MARK_DMRS 40.0f

static re_class_t classify_ssb(cf_t v)
{
  static const float mark[] = {MARK_PSS, MARK_SSS, MARK_PBCH, MARK_DMRS};
  static const re_class_t cls[] = {RE_PSS, RE_SSS, RE_PBCH, RE_PBCH_DMRS};
  float m = cabsf(v);
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(mark); i++) {
    if (m > mark[i] - 1 && m < mark[i] + 1) {
      return cls[i];
    }
  }
  return RE_SSB_GUARD;
}

static int mark_ssb(const grid_cfg_t *g, uint8_t *cls)
{
  phy_grid_t grid = {0};
  cf_t pbch[PHY_PBCH_NRE], dmrs[PHY_PBCH_DMRS_NRE];
  for (unsigned i = 0; i < PHY_PBCH_NRE; i++) {
    pbch[i] = 1;
  }
  for (unsigned i = 0; i < PHY_PBCH_DMRS_NRE; i++) {
    dmrs[i] = 1;
  }
  phy_ssb_map_cfg_t m = {.k0 = g->ssb_k0,
                         .l0 = g->ssb_l0,
                         .n_id = g->pci,
                         .beta_pss = MARK_PSS,
                         .beta_sss = MARK_SSS,
                         .beta_pbch = MARK_PBCH,
                         .beta_dmrs = MARK_DMRS};
  int rc = phy_grid_init(&grid, &(phy_grid_args_t){.max_ports = 1, .max_prb = g->prb});
  rc = rc ? rc : phy_ssb_map(&m, pbch, dmrs, &grid, 0);
  for (unsigned l = 0; rc == 0 && l < PHY_SSB_NSYMB; l++) {
    for (unsigned k = 0; k < PHY_SSB_NSC; k++) {
      unsigned kk = g->ssb_k0 + k, ll = g->ssb_l0 + l;
      cls[ll * g->prb * PHY_NSC_RB + kk] = classify_ssb(*phy_grid_re(&grid, 0, ll, kk));
    }
  }
  phy_grid_free(&grid);
  return rc;
}

static void mark_pdsch(const grid_cfg_t *g, uint8_t *cls)
{
  unsigned nsc = g->prb * PHY_NSC_RB;
  for (unsigned l = g->l0; l < g->l0 + g->nsym; l++) {
    for (unsigned k = g->rb0 * PHY_NSC_RB; k < (g->rb0 + g->nrb) * PHY_NSC_RB; k++) {
      uint8_t *c = &cls[l * nsc + k];
      if (*c != RE_EMPTY) {
        continue; /* SSB: rate-matched around */
      }
      if (g->dmrs_mask >> l & 1) {
        *c = k % 2 == 0 ? RE_PDSCH_DMRS : (g->cdm_no_data == 1 ? RE_PDSCH : RE_EMPTY);
      } else {
        *c = RE_PDSCH;
      }
    }
  }
}

#define CELL_W 16
#define CELL_H 3

static int write_svg(const grid_cfg_t *g, const uint8_t *cls, const char *path)
{
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    return NRPHY_EXIT_FAIL;
  }
  unsigned nsc = g->prb * PHY_NSC_RB, w = PHY_NSYMB_SLOT * CELL_W, h = nsc * CELL_H;
  fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\">\n", w + 140,
          h > 20 * RE_COUNT ? h : 20 * RE_COUNT);
  fprintf(f,
          "<!-- nrphy grid: %u PRB x 14 symbols; x = symbol l, y = subcarrier k (0 at the "
          "bottom) -->\n",
          g->prb);
  for (unsigned l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (unsigned k = 0; k < nsc; k++) {
      uint8_t c = cls[l * nsc + k];
      fprintf(f, "<rect class=\"%s\" x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" fill=\"%s\"/>\n",
              re_style[c].name, l * CELL_W, (nsc - 1 - k) * CELL_H, CELL_W, CELL_H,
              re_style[c].colour);
    }
  }
  for (unsigned c = 0; c < RE_COUNT; c++) {
    fprintf(f,
            "<g><rect x=\"%u\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>"
            "<text x=\"%u\" y=\"%u\" font-size=\"12\">%s</text></g>\n",
            w + 10, 20 * c, re_style[c].colour, w + 28, 20 * c + 11, re_style[c].name);
  }
  fprintf(f, "</svg>\n");
  return fclose(f) == 0 ? 0 : NRPHY_EXIT_FAIL;
}

/* One CELL_W x CELL_H block of pixels per RE, k = 0 at the bottom, no legend. */
static int write_png(const grid_cfg_t *g, const uint8_t *cls, const char *path)
{
  unsigned nsc = g->prb * PHY_NSC_RB, w = PHY_NSYMB_SLOT * CELL_W, h = nsc * CELL_H;
  uint8_t *rgb = malloc((size_t)w * h * 3);
  if (rgb == NULL) {
    return NRPHY_EXIT_FAIL;
  }
  for (unsigned y = 0; y < h; y++) {
    for (unsigned x = 0; x < w; x++) {
      unsigned long c =
          strtoul(re_style[cls[(x / CELL_W) * nsc + nsc - 1 - y / CELL_H]].colour + 1, NULL, 16);
      uint8_t *p = rgb + ((size_t)y * w + x) * 3;
      p[0] = (uint8_t)(c >> 16);
      p[1] = (uint8_t)(c >> 8);
      p[2] = (uint8_t)c;
    }
  }
  int rc = nrphy_png_write(path, w, h, rgb);
  free(rgb);
  return rc;
}

/* "2,11" -> bits 2 and 11; NRPHY_EXIT_USAGE for anything but symbols 0..13. */
static int parse_dmrs(nrphy_args_t *a, const char *s, uint16_t *mask)
{
  *mask = 0;
  const char *p = s;
  while (*p != '\0') {
    char *end;
    long l = strtol(p, &end, 10);
    if (end == p || l < 0 || l >= (long)PHY_NSYMB_SLOT || (*end != ',' && *end != '\0')) {
      return nrphy_usage_error(a,
                               "--dmrs-symbols: value '%s' is not allowed; allowed: a comma "
                               "list of symbols in [0, 13], e.g. 2,11",
                               s);
    }
    *mask |= (uint16_t)(1u << l);
    p = *end == ',' ? end + 1 : end;
  }
  return 0;
}

static int grid_opts(nrphy_args_t *a, grid_cfg_t *g)
{
  int rc = nrphy_opt_uint(a, "prb", 24, 20, PHY_MAX_PRB, &g->prb);
  rc = rc ? rc : nrphy_opt_uint(a, "ssb", 1, 0, 1, &g->ssb);
  rc = rc ? rc : nrphy_opt_uint(a, "ssb-k0", 0, 0, g->prb * PHY_NSC_RB - PHY_SSB_NSC, &g->ssb_k0);
  rc = rc ? rc : nrphy_opt_uint(a, "ssb-l0", 2, 0, PHY_NSYMB_SLOT - PHY_SSB_NSYMB, &g->ssb_l0);
  rc = rc ? rc : nrphy_opt_uint(a, "pci", 0, 0, PHY_NID_CELL_MAX, &g->pci);
  rc = rc ? rc : nrphy_opt_uint(a, "pdsch-rb0", 0, 0, g->prb - 1, &g->rb0);
  rc = rc ? rc : nrphy_opt_uint(a, "pdsch-nrb", g->prb - g->rb0, 0, g->prb - g->rb0, &g->nrb);
  rc = rc ? rc : nrphy_opt_uint(a, "pdsch-l0", 1, 0, PHY_NSYMB_SLOT - 1, &g->l0);
  rc = rc ? rc
          : nrphy_opt_uint(a, "pdsch-nsym", PHY_NSYMB_SLOT - g->l0, 0, PHY_NSYMB_SLOT - g->l0,
                           &g->nsym);
  rc = rc ? rc : nrphy_opt_uint(a, "cdm-no-data", 1, 1, 2, &g->cdm_no_data);
  rc = rc ? rc : parse_dmrs(a, nrphy_opt_str(a, "dmrs-symbols", "2"), &g->dmrs_mask);
  static const char *const fmt_names[] = {"svg", "png"};
  rc = rc ? rc : nrphy_opt_enum(a, "format", fmt_names, OLIVE_ARRAY_SIZE(fmt_names), 0, &g->png);
  rc = rc ? rc : nrphy_args_unused(a);
  if (rc == 0 && a->out == NULL) {
    rc = nrphy_usage_error(a, "missing output file -o");
  }
  return rc;
}

int nrphy_grid(nrphy_args_t *a)
{
  grid_cfg_t g;
  int rc = grid_opts(a, &g);
  if (rc != 0) {
    return rc;
  }
  uint8_t *cls = calloc((size_t)g.prb * PHY_NSC_RB * PHY_NSYMB_SLOT, 1); /* RE_EMPTY = 0 */
  rc = cls != NULL ? 0 : NRPHY_EXIT_FAIL;
  if (rc == 0 && g.ssb && mark_ssb(&g, cls) != 0) {
    fprintf(stderr, "nrphy grid: the SSB mapper rejected k0 %u, l0 %u\n", g.ssb_k0, g.ssb_l0);
    rc = NRPHY_EXIT_FAIL;
  }
  if (rc == 0) {
    mark_pdsch(&g, cls);
    rc = g.png ? write_png(&g, cls, a->out) : write_svg(&g, cls, a->out);
  }
  free(cls);
  return rc;
}
