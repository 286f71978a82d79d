/* SPDX-License-Identifier: Apache-2.0 */
/* Carrier and numerology: TS 38.211 4.2 (numerologies), 4.4 (point A, common resource
 * blocks, the SCS-specific carrier) and 5.3.1 (sampling of the OFDM baseband signal).
 *
 * Scope: FR1, numerologies mu = 0 (15 kHz) and mu = 1 (30 kHz), normal cyclic prefix,
 * one SCS-specific carrier whose numerology is also the SSB numerology (cases A, B, C).
 *
 * Frequencies. Point A is the centre of subcarrier 0 of common resource block 0 (4.4.4.2).
 * The carrier starts N_grid^start CRBs above point A and spans N_grid^size PRBs (4.4.2).
 * Subcarrier k of the carrier (k = 0 .. 12 N_grid^size - 1) sits at
 *     f(k) = pointA + (12 N_grid^start + k) * SCS,
 * and the carrier centre f0 (the frequency that 5.3.1 and 5.4 put at baseband DC, k0 = 0
 * for a single-numerology carrier) is subcarrier k = 6 N_grid^size:
 *     f0 = pointA + (12 N_grid^start + 6 N_grid^size) * SCS.
 * The SSB's subcarrier 0 is at pointA + (12 offsetToPointA + k_SSB) * 15 kHz (7.4.3.1;
 * FR1: offsetToPointA in 15 kHz PRBs, k_SSB in 15 kHz subcarriers, 38.211 4.4.4.2 and
 * 38.213 4.1).
 *
 * Sampling. N_fft = srate / SCS. With T_c = 1 / (480 kHz * 4096) and kappa = 64, the
 * cyclic prefix of 5.3.1 (normal CP) is N_CP = 144 kappa 2^-mu T_c, plus 16 kappa T_c for
 * l = 0 and l = 7 * 2^mu (the first symbol of each half subframe). At the sample rate
 * srate = N_fft * 15 kHz * 2^mu these are, in samples,
 *     N_CP        = 144 * N_fft / 2048                 (the 2^-mu cancels against srate)
 *     N_CP extra  =  16 * 2^mu * N_fft / 2048 = 16 * srate / 30.72 MHz
 * both integers when N_fft is a multiple of 128. Examples at 30.72 Msps:
 * 15 kHz: N_fft 2048, CP 144 (160 on l = 0, 7); 30 kHz: N_fft 1024, CP 72 (88 on l = 0, 14).
 * A subframe then holds exactly srate * 1 ms samples. */
#ifndef OLIVE_PHY_CARRIER_H
#define OLIVE_PHY_CARRIER_H

#include <stdint.h>

#include "olive/phy/phy.h"

#define PHY_NSC_RB       12u   /* subcarriers per resource block (4.4.4.1) */
#define PHY_NSYMB_SLOT   14u   /* OFDM symbols per slot, normal CP (Table 4.3.2-1) */
#define PHY_MAX_MU       1u    /* highest numerology supported */
#define PHY_MAX_PRB      275u  /* N_grid^size,mu upper bound (Table 4.4.2-1 / 38.101-1) */
#define PHY_MAX_FFT      4096u /* 100 MHz at 30 kHz */
#define PHY_MIN_FFT      128u
#define PHY_SCS_HZ(mu)   (15000u << (mu))
#define PHY_SLOTS_SF(mu) (1u << (mu)) /* slots per 1 ms subframe */
#define PHY_SYMB_SF(mu)  (PHY_NSYMB_SLOT << (mu))
#define PHY_FFT_GRANULE  128u /* N_fft must be a multiple: integer CP lengths (see above) */

/* One SCS-specific carrier and its sampling (TS 38.211 4.4.2, 4.4.4.2, 5.3.1). */
typedef struct phy_carrier {
  uint32_t mu;        /* numerology: 0 (15 kHz) or 1 (30 kHz) */
  uint32_t nof_prb;   /* N_grid^size,mu: 1 .. 275 */
  uint32_t start_prb; /* N_grid^start,mu: carrier start in CRBs from point A */
  double pointa_hz;   /* absolute frequency of point A, Hz (e.g. from absoluteFrequencyPointA) */
  uint32_t offset_to_pointa; /* offsetToPointA: 15 kHz PRBs from point A to the SSB's CRB */
  uint32_t k_ssb;            /* k_SSB: 0 .. 23, 15 kHz subcarriers (FR1) */
  double srate_hz;           /* baseband sample rate, Hz: fft_size * SCS */
  uint32_t fft_size;         /* N_fft; 0 in phy_carrier_check() input means "derive" */
} phy_carrier_t;

/* Validates `c` and derives what is missing. fft_size 0 and srate_hz 0: picks the
 * smallest standard size (phy_carrier_default_fft()); fft_size 0, srate given: N_fft =
 * srate / SCS; both given: they must agree. Checks: mu <= 1, 1 <= nof_prb <= 275,
 * N_fft a multiple of 128 and <= 4096, 12 nof_prb <= N_fft, k_ssb <= 23. Returns 0 or
 * OLIVE_EINVAL; on error `c` is left unchanged. */
OLIVE_API int phy_carrier_check(phy_carrier_t *c);

/* Smallest N_fft in {128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096} whose band
 * is filled at most 85% by 12 nof_prb subcarriers (so the anti-alias filter has room):
 * 106 PRB -> 1536, 52 -> 768, 25 -> 384, 273 -> 4096. 0 when none fits. */
OLIVE_API uint32_t phy_carrier_default_fft(uint32_t nof_prb);

/* N_grid^size for a channel bandwidth, TS 38.101-1 Table 5.3.2-1 (FR1 transmission
 * bandwidth configuration N_RB). 0 when the pair is not in the table. */
OLIVE_API uint32_t phy_carrier_prb_from_bw(uint32_t bw_mhz, uint32_t mu);

/* NR-ARFCN to frequency, TS 38.104 5.4.2.1: F_REF = F_REF-Offs + dF_Global (N_REF -
 * N_REF-Offs) with Table 5.4.2.1-1 (0..599999: 5 kHz from 0; 600000..2016666: 15 kHz from
 * 3 GHz; 2016667..3279165: 60 kHz from 24250.08 MHz). Returns Hz, or -1.0 when
 * arfcn > 3279165. */
OLIVE_API double phy_carrier_arfcn_to_hz(uint32_t arfcn);

/* The inverse: OLIVE_EINVAL unless f_hz lies on the global raster (within 1 Hz). */
OLIVE_API int phy_carrier_hz_to_arfcn(double f_hz, uint32_t *arfcn);

/* Subcarrier spacing in Hz. */
static inline uint32_t phy_carrier_scs_hz(const phy_carrier_t *c)
{
  return PHY_SCS_HZ(c->mu);
}

/* Subcarriers in the carrier, 12 N_grid^size. */
static inline uint32_t phy_carrier_nof_sc(const phy_carrier_t *c)
{
  return c->nof_prb * PHY_NSC_RB;
}

/* Carrier centre f0, Hz (see the header comment). */
OLIVE_API double phy_carrier_center_hz(const phy_carrier_t *c);

/* Cyclic prefix length in samples of symbol l_sf (0 .. 14 * 2^mu - 1, the symbol index
 * within the subframe), TS 38.211 5.3.1. The carrier must have passed phy_carrier_check. */
OLIVE_API uint32_t phy_carrier_cp_len(const phy_carrier_t *c, uint32_t l_sf);

/* Samples in slot `slot` (any slot number; only its position in the subframe matters). */
OLIVE_API uint32_t phy_carrier_slot_len(const phy_carrier_t *c, uint32_t slot);

/* Samples per 1 ms subframe: srate / 1000. */
OLIVE_API uint32_t phy_carrier_sf_len(const phy_carrier_t *c);

/* First subcarrier of the SSB in carrier subcarrier units (k = 0 is the carrier's first
 * subcarrier), from offsetToPointA, k_SSB and N_grid^start (TS 38.211 7.4.3.1, 4.4.4.2).
 * For mu = 1 the 15 kHz offset 12 offsetToPointA + k_SSB must be even (the SSB must sit
 * on the carrier's 30 kHz raster). Fails with OLIVE_EINVAL when it does not or when the
 * 240 SSB subcarriers do not fit inside the carrier. */
OLIVE_API int phy_carrier_ssb_k0(const phy_carrier_t *c, uint32_t *k0);

#endif
