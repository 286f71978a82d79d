/* SPDX-License-Identifier: Apache-2.0 */
/* Short block codes for UCI of 1 to 11 bits, TS 38.212 5.3.3, with the rate matching of
 * 5.4.3 (cyclic repetition to E bits).
 *
 *   K = 1:      Table 5.3.3.1-1, repetition with placeholders, length Qm
 *   K = 2:      Table 5.3.3.2-1, simplex (c0, c1, c0^c1) with placeholders, length 3 Qm
 *   K = 3..11:  Reed-Muller (32, K) with the basis sequences of Table 5.3.3.3-1
 *
 * Bits are one per byte. The encoder writes the placeholders of 5.3.3.1/5.3.3.2 as
 * PHY_BLOCK_X and PHY_BLOCK_Y; TS 38.211 6.3.2.x/7.3.1.1 scrambling resolves them ('x'
 * becomes 1, 'y' repeats the previous scrambled bit). The decoder takes descrambled LLRs
 * (log P(0)/P(1)) and ignores the placeholder positions. */
#ifndef OLIVE_PHY_BLOCK_H
#define OLIVE_PHY_BLOCK_H

#include <stdint.h>

#include "olive/support/api.h"

#define PHY_BLOCK_KMAX 11
#define PHY_BLOCK_N_RM 32 /* (32, K) Reed-Muller length */
#define PHY_BLOCK_X    2  /* placeholder 'x' */
#define PHY_BLOCK_Y    3  /* placeholder 'y' */

/* TS 38.212 Table 5.3.3.3-1: M_{i,n} for row i, bit n of the returned word. */
OLIVE_API uint16_t phy_block_basis(unsigned i);

/* Encodes K bits c (1 <= K <= 11) into E bits e (E >= 1): the encoded block of 5.3.3 for
 * modulation order qm (1, 2, 4, 6 or 8; used for K <= 2 only) repeated cyclically (5.4.3).
 * Returns 0 or OLIVE_EINVAL. */
OLIVE_API int phy_block_encode(const uint8_t *c, unsigned K, unsigned qm, uint8_t *e, unsigned E);

/* Maximum-likelihood decoding of E LLRs into K bits c. *confidence (may be NULL) gets the
 * cosine between the LLRs and the decoded codeword (+1 for 0, -1 for 1) over the n coded
 * positions, corr / sqrt(n * sum llr^2), in [-1, 1]: 1 when every LLR has the same size and
 * agrees, about sqrt(2 ln(2^K) / n) for noise alone, so callers can threshold it for DTX
 * detection. Returns 0 or OLIVE_EINVAL. Never allocates. */
OLIVE_API int phy_block_decode(const float *llr, unsigned E, unsigned K, unsigned qm, uint8_t *c,
                               float *confidence);

#endif
