/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the UPER writer and reader (not part of the API). */
#ifndef OLIVE_RRC_UPER_INTERNAL_H
#define OLIVE_RRC_UPER_INTERNAL_H

#include <stdint.h>

/* Bits of a constrained whole number whose range is range + 1 values (X.691 11.5, UNALIGNED:
 * "the minimum number of bits necessary to represent the range"): 0 for a single value. */
static inline unsigned rrc_uper_range_bits(uint64_t range)
{
  return range ? 64u - (unsigned)__builtin_clzll(range) : 0u;
}

#endif
