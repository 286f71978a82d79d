/* SPDX-License-Identifier: Apache-2.0 */
/* DCI field lists (dci_internal.h). */
#include "dci_internal.h"

#include "olive/phy/bits.h"
#include "olive/support/error.h"

uint32_t phy_dci_log2_ceil(uint32_t x)
{
  uint32_t b = 0;
  while (b < 32 && (1ull << b) < x) {
    b++;
  }
  return b;
}

uint32_t phy_dci_riv_bits(uint32_t n)
{
  return phy_dci_log2_ceil(n * (n + 1) / 2);
}

int phy_dci_fields_put(const phy_dci_field_t *f, unsigned n, uint8_t *bits)
{
  for (unsigned i = 0; i < n; i++) {
    if (f[i].n < 32 && (*f[i].v >> f[i].n) != 0) {
      return OLIVE_EINVAL;
    }
  }
  uint8_t *p = bits;
  for (unsigned i = 0; i < n; i++) {
    for (uint32_t left = f[i].n; left > 0;) { /* pads may exceed 32 bits */
      uint32_t k = left > 32 ? 32 : left;
      phy_bits_write(&p, left > 32 ? 0 : *f[i].v, k);
      left -= k;
    }
  }
  return (int)(p - bits);
}

void phy_dci_fields_get(const phy_dci_field_t *f, unsigned n, const uint8_t *bits)
{
  const uint8_t *p = bits;
  for (unsigned i = 0; i < n; i++) {
    uint32_t v = 0;
    for (uint32_t left = f[i].n; left > 0;) {
      uint32_t k = left > 32 ? 32 : left;
      v = phy_bits_read(&p, k);
      left -= k;
    }
    *f[i].v = v;
  }
}
