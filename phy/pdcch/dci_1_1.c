/* SPDX-License-Identifier: Apache-2.0 */
/* DCI formats 1_1 (TS 38.212 7.3.1.2.2) and 0_1 (7.3.1.1.2): field order of the clauses,
 * widths from phy_dci_ue_sizes(). */
#include <stddef.h>
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "dci_internal.h"

#define MAX_FIELDS 32

/* 7.3.1.2.2, in order. The second TB's fields are present with two codewords. */
static unsigned layout_1_1(const phy_dci_1_1_sizes_t *w, phy_dci_1_1_t *d, uint32_t *ident,
                           uint32_t *pad, phy_dci_field_t f[MAX_FIELDS])
{
  unsigned n = 0;
  f[n++] = (phy_dci_field_t){ident, 1}; /* identifier for DCI formats: 1 = DL */
  f[n++] = (phy_dci_field_t){&d->carrier, w->carrier};
  f[n++] = (phy_dci_field_t){&d->bwp, w->bwp};
  f[n++] = (phy_dci_field_t){&d->fdra, w->fdra};
  f[n++] = (phy_dci_field_t){&d->tdra, w->tdra};
  f[n++] = (phy_dci_field_t){&d->vrb_to_prb, w->vrb_to_prb};
  f[n++] = (phy_dci_field_t){&d->prb_bundling, w->prb_bundling};
  f[n++] = (phy_dci_field_t){&d->rate_match, w->rate_match};
  f[n++] = (phy_dci_field_t){&d->zp_csi_rs, w->zp_csi_rs};
  for (uint32_t tb = 0; tb < w->nof_tb; tb++) {
    f[n++] = (phy_dci_field_t){&d->mcs[tb], 5};
    f[n++] = (phy_dci_field_t){&d->ndi[tb], 1};
    f[n++] = (phy_dci_field_t){&d->rv[tb], 2};
  }
  f[n++] = (phy_dci_field_t){&d->harq_id, 4};
  f[n++] = (phy_dci_field_t){&d->dai, w->dai};
  f[n++] = (phy_dci_field_t){&d->tpc, 2};
  f[n++] = (phy_dci_field_t){&d->pri, 3};
  f[n++] = (phy_dci_field_t){&d->k1, w->k1};
  f[n++] = (phy_dci_field_t){&d->ant_ports, w->ant_ports};
  f[n++] = (phy_dci_field_t){&d->tci, w->tci};
  f[n++] = (phy_dci_field_t){&d->srs_req, 2};
  f[n++] = (phy_dci_field_t){&d->dmrs_id, 1};
  f[n++] = (phy_dci_field_t){pad, w->pad};
  return n;
}

/* 7.3.1.1.2, in order (no UL/SUL indicator, CBGTI or PTRS-DMRS association: 0 bits). */
static unsigned layout_0_1(const phy_dci_0_1_sizes_t *w, phy_dci_0_1_t *d, uint32_t *ident,
                           uint32_t *pad, phy_dci_field_t f[MAX_FIELDS])
{
  unsigned n = 0;
  f[n++] = (phy_dci_field_t){ident, 1}; /* identifier for DCI formats: 0 = UL */
  f[n++] = (phy_dci_field_t){&d->carrier, w->carrier};
  f[n++] = (phy_dci_field_t){&d->bwp, w->bwp};
  f[n++] = (phy_dci_field_t){&d->fdra, w->fdra};
  f[n++] = (phy_dci_field_t){&d->tdra, w->tdra};
  f[n++] = (phy_dci_field_t){&d->hopping, w->hopping};
  f[n++] = (phy_dci_field_t){&d->mcs, 5};
  f[n++] = (phy_dci_field_t){&d->ndi, 1};
  f[n++] = (phy_dci_field_t){&d->rv, 2};
  f[n++] = (phy_dci_field_t){&d->harq_id, 4};
  f[n++] = (phy_dci_field_t){&d->dai1, w->dai1};
  f[n++] = (phy_dci_field_t){&d->dai2, w->dai2};
  f[n++] = (phy_dci_field_t){&d->tpc, 2};
  f[n++] = (phy_dci_field_t){&d->sri, w->sri};
  f[n++] = (phy_dci_field_t){&d->precoding, w->precoding};
  f[n++] = (phy_dci_field_t){&d->ant_ports, w->ant_ports};
  f[n++] = (phy_dci_field_t){&d->srs_req, 2};
  f[n++] = (phy_dci_field_t){&d->csi_req, w->csi_req};
  f[n++] = (phy_dci_field_t){&d->beta_offset, w->beta_offset};
  f[n++] = (phy_dci_field_t){&d->dmrs_id, w->dmrs_id};
  f[n++] = (phy_dci_field_t){&d->ulsch, 1};
  f[n++] = (phy_dci_field_t){pad, w->pad};
  return n;
}

/* Bits from outside must be 0/1. */
static bool bits_ok(const uint8_t *bits, uint32_t n)
{
  uint8_t acc = 0;
  for (uint32_t i = 0; i < n; i++) {
    acc |= bits[i];
  }
  return acc <= 1;
}

int phy_dci_1_1_pack(const phy_dci_ue_sizes_t *s, const phy_dci_1_1_t *d, uint8_t *bits)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  phy_dci_1_1_t tmp = *d;
  uint32_t ident = 1, pad = 0;
  phy_dci_field_t f[MAX_FIELDS];
  unsigned n = layout_1_1(&s->f1_1, &tmp, &ident, &pad, f);
  return phy_dci_fields_put(f, n, bits);
}

int phy_dci_1_1_unpack(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t nbits,
                       phy_dci_1_1_t *d)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  if (nbits != s->f1_1.size || !bits_ok(bits, nbits)) {
    return OLIVE_EPROTO;
  }
  memset(d, 0, sizeof(*d));
  uint32_t ident = 0, pad = 0;
  phy_dci_field_t f[MAX_FIELDS];
  unsigned n = layout_1_1(&s->f1_1, d, &ident, &pad, f);
  phy_dci_fields_get(f, n, bits);
  return ident == 1 ? OLIVE_OK : OLIVE_EPROTO;
}

int phy_dci_0_1_pack(const phy_dci_ue_sizes_t *s, const phy_dci_0_1_t *d, uint8_t *bits)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  phy_dci_0_1_t tmp = *d;
  uint32_t ident = 0, pad = 0;
  phy_dci_field_t f[MAX_FIELDS];
  unsigned n = layout_0_1(&s->f0_1, &tmp, &ident, &pad, f);
  return phy_dci_fields_put(f, n, bits);
}

int phy_dci_0_1_unpack(const phy_dci_ue_sizes_t *s, const uint8_t *bits, uint32_t nbits,
                       phy_dci_0_1_t *d)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  if (nbits != s->f0_1.size || !bits_ok(bits, nbits)) {
    return OLIVE_EPROTO;
  }
  memset(d, 0, sizeof(*d));
  uint32_t ident = 1, pad = 0;
  phy_dci_field_t f[MAX_FIELDS];
  unsigned n = layout_0_1(&s->f0_1, d, &ident, &pad, f);
  phy_dci_fields_get(f, n, bits);
  return ident == 0 ? OLIVE_OK : OLIVE_EPROTO;
}
