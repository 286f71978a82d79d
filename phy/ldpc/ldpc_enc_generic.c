/* SPDX-License-Identifier: Apache-2.0 */
/* Portable reference of the encoder's byte-per-bit kernels (ldpc_internal.h). */
#include "ldpc_internal.h"

static void xor_rows_generic(uint8_t *acc, const uint8_t *const *src, unsigned n, unsigned z)
{
  for (unsigned i = 0; i < z; i++) {
    uint8_t x = 0;
    for (unsigned e = 0; e < n; e++) {
      x ^= src[e][i];
    }
    acc[i] = x;
  }
}

static void pack_generic(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  for (size_t i = 0; i < nbits / 8; i++) {
    uint8_t b = 0;
    for (unsigned k = 0; k < 8; k++) {
      b = (uint8_t)(b << 1 | (src[8 * i + k] & 1));
    }
    dst[i] = b;
  }
}

static void unpack_generic(uint8_t *dst, const uint8_t *src, size_t nbits)
{
  for (size_t i = 0; i < nbits / 8; i++) {
    for (unsigned k = 0; k < 8; k++) {
      dst[8 * i + k] = (uint8_t)((src[i] >> (7 - k)) & 1);
    }
  }
}

const ldpc_enc_ops_t ldpc_enc_ops_generic = {
    .xor_rows = xor_rows_generic,
    .pack = pack_generic,
    .unpack = unpack_generic,
};
