/* SPDX-License-Identifier: Apache-2.0 */
/* Building a cf_t from its parts without complex arithmetic (not exported). C11's CMPLXF
 * is missing with clang + glibc; complex float is laid out as float[2] (C11 6.2.5). */
#ifndef OLIVE_PHY_SEQ_CF_MAKE_H
#define OLIVE_PHY_SEQ_CF_MAKE_H

#include <string.h>

#include "olive/phy/phy.h"

static inline cf_t phy_cf_make(float re, float im)
{
  const float parts[2] = {re, im};
  cf_t z;
  memcpy(&z, parts, sizeof z);
  return z;
}

#endif
