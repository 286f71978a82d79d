/* SPDX-License-Identifier: Apache-2.0 */
/* Private helpers shared by the polar code files. */
#ifndef OLIVE_PHY_POLAR_INTERNAL_H
#define OLIVE_PHY_POLAR_INTERNAL_H

/* TS 38.212 5.4.1.1: sub-block interleaver index J(n) for mother code length N. */
unsigned polar_subblock_j(unsigned n, unsigned N);

#endif
