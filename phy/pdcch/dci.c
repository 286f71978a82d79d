/* SPDX-License-Identifier: Apache-2.0 */
/* DCI formats 1_0 and 0_0, TS 38.212 7.3.1.1.1, 7.3.1.2.1 and the size alignment of
 * 7.3.1.0 / 7.3.1.1.1 / 7.3.1.2.1. */
#include <stddef.h>
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/support/error.h"
#include "dci_internal.h"

const char *phy_rnti_type_name(phy_rnti_type_t t)
{
  static const char *const names[PHY_RNTI_TYPE_COUNT] = {"C-RNTI", "TC-RNTI", "SI-RNTI", "RA-RNTI",
                                                         "P-RNTI"};
  return (unsigned)t < PHY_RNTI_TYPE_COUNT ? names[t] : "?";
}

/* Fields after the FDRA: 1_0 has 28 bits besides the FDRA for every RNTI type here
 * (C/TC: 1 + 4+1+5+1+2+4+2+2+3+3; SI: 4+1+5+2+1 + 15 reserved; RA: 4+1+5+2 + 16 reserved;
 * P: 2+8 + 4+1+5+2 + 6 reserved);
 * 0_0 has 1 + 4+1+5+1+2+4+2 = 20. */
#define REST_1_0 28u
#define REST_0_0 20u

int phy_dci_sizes(const phy_dci_size_cfg_t *cfg, phy_dci_sizes_t *s)
{
  if (cfg == NULL || s == NULL || cfg->n_rb_dl < 1 || cfg->n_rb_dl > 275 || cfg->n_rb_ul < 1 ||
      cfg->n_rb_ul > 275) {
    return OLIVE_EINVAL;
  }
  memset(s, 0, sizeof(*s));
  s->n_rb_dl = cfg->n_rb_dl;
  s->n_rb_ul = cfg->n_rb_ul;
  s->fdra_1_0 = phy_dci_riv_bits(cfg->n_rb_dl);
  s->fdra_0_0 = phy_dci_riv_bits(cfg->n_rb_ul);
  uint32_t a10 = s->fdra_1_0 + REST_1_0, a00 = s->fdra_0_0 + REST_0_0;
  if (!cfg->uss) {
    /* CSS: 0_0 follows 1_0, padded or with its FDRA MSBs truncated */
    if (a00 < a10) {
      s->pad_0_0 = a10 - a00;
    } else {
      s->fdra_0_0 -= a00 - a10;
    }
    s->size_1_0 = s->size_0_0 = a10;
  } else {
    /* USS: the smaller format is zero-padded to the larger */
    s->pad_0_0 = a00 < a10 ? a10 - a00 : 0;
    s->pad_1_0 = a10 < a00 ? a00 - a10 : 0;
    s->size_1_0 = s->size_0_0 = a10 > a00 ? a10 : a00;
  }
  return OLIVE_OK;
}

/* The 1_0 layout of TS 38.212 7.3.1.2.1 for RNTI type t, into f[]; returns the count.
 * reserved holds a zero for the reserved bits (written as 0, ignored on unpack). */
static unsigned layout_1_0(const phy_dci_sizes_t *s, phy_rnti_type_t t, phy_dci_1_0_t *d,
                           uint32_t *ident, uint32_t *reserved, phy_dci_field_t f[16])
{
  unsigned n = 0;
  bool ue = t == PHY_RNTI_C || t == PHY_RNTI_TC;
  if (ue) {
    f[n++] = (phy_dci_field_t){ident, 1}; /* identifier for DCI formats: 1 = DL */
  } else if (t == PHY_RNTI_P) {
    f[n++] = (phy_dci_field_t){&d->smi, 2};
    f[n++] = (phy_dci_field_t){&d->short_msg, 8};
  }
  f[n++] = (phy_dci_field_t){&d->fdra, s->fdra_1_0};
  f[n++] = (phy_dci_field_t){&d->tdra, 4};
  f[n++] = (phy_dci_field_t){&d->vrb_to_prb, 1};
  f[n++] = (phy_dci_field_t){&d->mcs, 5};
  if (ue) {
    f[n++] = (phy_dci_field_t){&d->ndi, 1};
    f[n++] = (phy_dci_field_t){&d->rv, 2};
    f[n++] = (phy_dci_field_t){&d->harq_id, 4};
    f[n++] = (phy_dci_field_t){&d->dai, 2};
    f[n++] = (phy_dci_field_t){&d->tpc, 2};
    f[n++] = (phy_dci_field_t){&d->pri, 3};
    f[n++] = (phy_dci_field_t){&d->k1, 3};
  } else if (t == PHY_RNTI_SI) {
    f[n++] = (phy_dci_field_t){&d->rv, 2};
    f[n++] = (phy_dci_field_t){&d->sii, 1};
    f[n++] = (phy_dci_field_t){reserved, 15};
  } else {
    f[n++] = (phy_dci_field_t){&d->tb_scaling, 2};
    f[n++] = (phy_dci_field_t){reserved, t == PHY_RNTI_P ? 6u : 16u};
  }
  f[n++] = (phy_dci_field_t){reserved, s->pad_1_0};
  return n;
}

static bool type_ok(phy_rnti_type_t t)
{
  return (unsigned)t < PHY_RNTI_TYPE_COUNT;
}

int phy_dci_1_0_pack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const phy_dci_1_0_t *d,
                     uint8_t *bits)
{
  if (s == NULL || d == NULL || bits == NULL || !type_ok(t)) {
    return OLIVE_EINVAL;
  }
  phy_dci_1_0_t tmp = *d;
  uint32_t ident = 1, reserved = 0;
  phy_dci_field_t f[16];
  unsigned n = layout_1_0(s, t, &tmp, &ident, &reserved, f);
  return phy_dci_fields_put(f, n, bits);
}

int phy_dci_1_0_unpack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const uint8_t *bits,
                       phy_dci_1_0_t *d)
{
  if (s == NULL || d == NULL || bits == NULL || !type_ok(t)) {
    return OLIVE_EINVAL;
  }
  memset(d, 0, sizeof(*d));
  uint32_t ident = 1, reserved = 0;
  phy_dci_field_t f[16];
  unsigned n = layout_1_0(s, t, d, &ident, &reserved, f);
  phy_dci_fields_get(f, n, bits);
  return ident == 1 ? OLIVE_OK : OLIVE_EPROTO;
}

/* TS 38.212 7.3.1.1.1 (C-RNTI / TC-RNTI), without UL/SUL indicator. */
static unsigned layout_0_0(const phy_dci_sizes_t *s, phy_dci_0_0_t *d, uint32_t *ident,
                           uint32_t *pad, phy_dci_field_t f[12])
{
  unsigned n = 0;
  f[n++] = (phy_dci_field_t){ident, 1}; /* identifier for DCI formats: 0 = UL */
  f[n++] = (phy_dci_field_t){&d->fdra, s->fdra_0_0};
  f[n++] = (phy_dci_field_t){&d->tdra, 4};
  f[n++] = (phy_dci_field_t){&d->hopping, 1};
  f[n++] = (phy_dci_field_t){&d->mcs, 5};
  f[n++] = (phy_dci_field_t){&d->ndi, 1};
  f[n++] = (phy_dci_field_t){&d->rv, 2};
  f[n++] = (phy_dci_field_t){&d->harq_id, 4};
  f[n++] = (phy_dci_field_t){&d->tpc, 2};
  f[n++] = (phy_dci_field_t){pad, s->pad_0_0};
  return n;
}

int phy_dci_0_0_pack(const phy_dci_sizes_t *s, const phy_dci_0_0_t *d, uint8_t *bits)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  phy_dci_0_0_t tmp = *d;
  uint32_t ident = 0, pad = 0;
  phy_dci_field_t f[12];
  unsigned n = layout_0_0(s, &tmp, &ident, &pad, f);
  return phy_dci_fields_put(f, n, bits);
}

int phy_dci_0_0_unpack(const phy_dci_sizes_t *s, const uint8_t *bits, phy_dci_0_0_t *d)
{
  if (s == NULL || d == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  memset(d, 0, sizeof(*d));
  uint32_t ident = 0, pad = 0;
  phy_dci_field_t f[12];
  unsigned n = layout_0_0(s, d, &ident, &pad, f);
  phy_dci_fields_get(f, n, bits);
  return ident == 0 ? OLIVE_OK : OLIVE_EPROTO;
}
