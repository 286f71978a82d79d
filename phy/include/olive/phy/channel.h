/* SPDX-License-Identifier: Apache-2.0 */
/* Channel models for link-level simulation (a test and teaching tool; not on the gNB's
 * slot path):
 *
 *   TR 38.901 7.7.2  tapped delay line models TDL-A, TDL-B, TDL-C (Tables 7.7.2-1..-3,
 *                    all taps Rayleigh): tap n has delay tau_n = tau_norm,n * DS and power
 *                    P_n (dB, normalised here so that sum_n P_n = 1, as 7.7.3 scales
 *                    delays only and link-level practice normalises the total power)
 *   Clarke/Jakes     each tap of each RX antenna fades independently, a sum of M
 *                    sinusoids with random stratified arrival angles and phases:
 *                        a(t) = sqrt(P_n / M) sum_m exp(j (2 pi fd cos(alpha_m) t + phi_m)),
 *                        alpha_m = (2 pi m + theta) / M,  theta, phi_m ~ U(0, 2 pi)
 *                    whose autocorrelation over realisations is P_n J0(2 pi fd tau)
 *                    (classical Doppler spectrum, 38.901 7.7.2 / 7.7.3 "Doppler")
 *   delay            the whole channel is delayed by delay_samples (integer + fraction)
 *   CFO              y[n] *= exp(j 2 pi cfo_hz n / srate_hz), n the stream sample index
 *   AWGN             per-sample circular complex Gaussian noise of variance
 *                    N0 = signal_power 10^(-snr_db / 10) added on each RX antenna
 *
 * Sampling of the taps: tap n contributes a Kaiser-windowed sinc of 2 PHY_CHANNEL_FIR_HALF
 * samples centred on its delay in samples (an exact unit impulse when that delay is an
 * integer). Because a fractional tap needs samples on both sides, the output is late by
 * phy_channel_latency() samples: 0 when every delay is an integer, else
 * PHY_CHANNEL_FIR_HALF. In total, for a static channel without noise and CFO,
 *     out_r[n] = sum_taps a_r,n sinc_w(k - L - tau_n srate - delay) conv in[n - k].
 * The composite impulse response is recomputed from the fading gains every PHY_CHANNEL_UPDATE
 * x 2^k samples, k (0..6) the largest for which a Doppler cycle spans at least 256 updates
 * (fd x interval / srate <= 1/256: the gains move by at most 2 pi / 256 rad between updates).
 *
 * SNR convention. With the OFDM modulator's unitary scale 1 / sqrt(N_fft) and unit-energy
 * resource elements, signal_power = 1 makes snr_db the SNR per resource element (Es/N0 in
 * the occupied band), which is what the link-level simulators and the 38.104 / 38.101-4
 * requirements quote.
 *
 * Streaming: the object is a continuous-time channel. Successive calls continue the delay
 * line, the fading time, the CFO phase and the noise sequence. phy_channel_reset() starts
 * a new independent realisation (fading, noise) and clears the delay line.
 *
 * Everything is allocated by phy_channel_init(); phy_channel_run() never allocates. */
#ifndef OLIVE_PHY_CHANNEL_H
#define OLIVE_PHY_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/phy.h"
#include "olive/support/api.h"

#define PHY_CHANNEL_MAX_RX    2u  /* receive antennas */
#define PHY_CHANNEL_MAX_TAPS  24u /* TDL-C has 24 taps (Table 7.7.2-3) */
#define PHY_CHANNEL_FIR_HALF  32u /* half length of the fractional-delay sinc */
#define PHY_CHANNEL_UPDATE    16u /* shortest interval between impulse-response updates */
#define PHY_CHANNEL_MAX_SINUS 64u /* sinusoids per fading process */

typedef enum phy_channel_model {
  PHY_CHANNEL_NONE = 0, /* no fading: delay, CFO and AWGN only (the "awgn" channel) */
  PHY_CHANNEL_TDLA,     /* TR 38.901 Table 7.7.2-1 */
  PHY_CHANNEL_TDLB,     /* TR 38.901 Table 7.7.2-2 */
  PHY_CHANNEL_TDLC,     /* TR 38.901 Table 7.7.2-3 */
  PHY_CHANNEL_NOF_MODELS
} phy_channel_model_t;

/* "awgn", "tdla", "tdlb", "tdlc"; "?" otherwise. */
OLIVE_API const char *phy_channel_model_name(phy_channel_model_t m);

/* Parses the names above. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_channel_model_parse(const char *s, phy_channel_model_t *m);

/* One tap of a TDL table as transcribed: normalised delay (delay / DS) and power in dB
 * as printed in TR 38.901 (not normalised). */
typedef struct phy_channel_tap {
  float delay_norm;
  float power_db;
} phy_channel_tap_t;

/* The table of a TDL model: returns the number of taps (23, 23, 24) and sets *taps, or 0
 * for PHY_CHANNEL_NONE or an invalid model. */
OLIVE_API uint32_t phy_channel_tdl_table(phy_channel_model_t m, const phy_channel_tap_t **taps);

typedef struct phy_channel_args {
  uint32_t max_samples; /* most samples per phy_channel_run() call, >= 1 */
  uint32_t nof_rx;      /* 1 .. PHY_CHANNEL_MAX_RX, independent fading and noise */
  phy_channel_model_t model;
  double srate_hz;       /* sample rate, > 0 */
  float delay_spread_ns; /* DS of the TDL model (e.g. 30, 100, 300), >= 0; ignored for NONE */
  float doppler_hz;      /* maximum Doppler frequency fd >= 0 (0: static realisation) */
  float max_delay;       /* largest delay_samples a cfg may ask for, >= 0 */
  uint32_t nof_sinus;    /* sinusoids per fading process, 0 = 32, <= PHY_CHANNEL_MAX_SINUS */
  uint64_t seed;         /* fading and noise generator seed (any value, 0 included) */
} phy_channel_args_t;

typedef struct phy_channel_cfg {
  bool awgn;           /* add noise */
  float snr_db;        /* SNR against signal_power, dB (used when awgn) */
  float signal_power;  /* power per input sample the SNR refers to; 0 = 1 */
  double cfo_hz;       /* frequency offset, |cfo| < srate / 2 */
  float delay_samples; /* bulk delay 0 .. args.max_delay (integer part and fraction) */
} phy_channel_cfg_t;

struct phy_channel_state;
typedef struct phy_channel {
  phy_channel_args_t args;
  struct phy_channel_state *s; /* private */
} phy_channel_t;

/* 0, OLIVE_EINVAL (bad args), OLIVE_ENOMEM. The configuration starts as no noise, no CFO,
 * no delay. */
OLIVE_API int phy_channel_init(phy_channel_t *q, const phy_channel_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_channel_free(phy_channel_t *q);

/* Sets noise, CFO and delay. Recomputes the tap filters when the delay changes (O(taps x
 * 64), no allocation). 0 or OLIVE_EINVAL (the previous configuration stays). */
OLIVE_API int phy_channel_set_cfg(phy_channel_t *q, const phy_channel_cfg_t *cfg);

/* A new independent realisation from `seed`: fading angles and phases, noise generator,
 * time 0, delay line cleared. The configuration stays. */
OLIVE_API void phy_channel_reset(phy_channel_t *q, uint64_t seed);

/* Output latency in samples added to the modelled delays (see the header comment). */
OLIVE_API uint32_t phy_channel_latency(const phy_channel_t *q);

/* Noise variance N0 per complex sample of the current configuration (0 without noise). */
OLIVE_API float phy_channel_noise_var(const phy_channel_t *q);

/* Passes n (1 .. max_samples) samples of `in` through the channel into out[r][0..n-1] for
 * each RX antenna r < nof_rx (in may alias out[0]). 0 or OLIVE_EINVAL. Never allocates. */
OLIVE_API int phy_channel_run(phy_channel_t *q, const cf_t *in, uint32_t n,
                              cf_t *const out[PHY_CHANNEL_MAX_RX]);

/* The current fading gain of tap `tap` at RX antenna `rx` (the complex amplitude whose
 * mean power is the normalised table power), for tests and for a genie receiver.
 * OLIVE_EINVAL when out of range or for PHY_CHANNEL_NONE. */
OLIVE_API int phy_channel_tap_gain(const phy_channel_t *q, uint32_t rx, uint32_t tap, cf_t *gain);

/* The sampled impulse response currently applied at RX antenna rx: h[0 .. len - 1] with
 * out[n] = sum_k h[k] in[n - k] (latency and delay included). Writes at most max values;
 * returns len, or OLIVE_EINVAL / OLIVE_ERANGE (max too small). */
OLIVE_API int phy_channel_cir(const phy_channel_t *q, uint32_t rx, cf_t *h, uint32_t max);

#endif
