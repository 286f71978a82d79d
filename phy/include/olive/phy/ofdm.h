/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM modulator and demodulator, TS 38.211 5.3.1 (baseband signal) and 5.4
 * (upconversion phase term), normal cyclic prefix.
 *
 * Modulator, symbol l_sf of a subframe (0 .. 14 * 2^mu - 1), N = N_fft, K = 12 N_grid^size:
 *     x[n] = scale * c_l * sum_{k=0}^{K-1} a_k exp(j 2 pi (k - K/2) (n - N_CP,l) / N),
 *            n = 0 .. N_CP,l + N - 1
 * which is 5.3.1's s_l(t) sampled at t = t_start,l + n / srate (k0 = 0: one numerology),
 * i.e. FFTW_BACKWARD over the bins (k - K/2) mod N followed by a cyclic prefix copy.
 * c_l is the 5.4 term: a real upconverter multiplies by exp(j 2 pi f0 t) from the start
 * of the subframe, while 5.4 wants exp(j 2 pi f0 (t - t_start,l - N_CP,l T_c)) for
 * symbol l, so the baseband symbol is pre-multiplied by
 *     c_l = exp(-j 2 pi f0 (t_start,l + N_CP,l T_c))          (1 when disabled)
 * evaluated exactly in units of T_c (so it stays exact for f0 of several GHz).
 *
 * Demodulator: the inverse. The DFT window starts cp_advance samples before the end of
 * the cyclic prefix (a CP-window advance: robust to timing error and channel spread),
 * a CFO of cfo_hz is removed by rotating the window by exp(-j 2 pi cfo n / srate) (n the
 * stream sample index) before the FFT, and the linear phase of the advance plus a
 * fractional delay tau (samples; the received signal is x[n - tau]) is removed with
 *     a_k *= exp(+j 2 pi (k - K/2) (cp_advance + tau) / N),
 * then the conjugate 5.4 term and the scale are applied.
 *
 * FFTW single-precision plans are made at init only (the per-call functions never plan,
 * never allocate, do no I/O). The modulator's DFT writes into the caller's buffer
 * directly when the symbol's useful part starts on a 16-byte boundary; otherwise (an odd
 * CP length, e.g. 27 samples at N 384, puts every other symbol 8 bytes off) it writes
 * into an aligned buffer and copies, which is 1.5-2x faster than an FFTW plan for the
 * odd alignment. The demodulator has two plans, for windows at either 8-byte phase of a
 * 16-byte boundary, so its DFT always reads the caller's buffer. Planning with MEASURE or
 * PATIENT reads and then writes FFTW wisdom in `wisdom_path` so later inits are fast.
 * Init must not run concurrently with other FFTW planning outside olive (FFTW's planner is
 * global; olive serialises its own calls). */
#ifndef OLIVE_PHY_OFDM_H
#define OLIVE_PHY_OFDM_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/phy/carrier.h"
#include "olive/phy/grid.h"
#include "olive/phy/phy.h"

typedef enum phy_ofdm_plan {
  PHY_OFDM_PLAN_ESTIMATE, /* FFTW_ESTIMATE: instant, slower transforms */
  PHY_OFDM_PLAN_MEASURE,  /* FFTW_MEASURE (default for a gNB) */
  PHY_OFDM_PLAN_PATIENT,  /* FFTW_PATIENT: slow planning, cache it with wisdom */
} phy_ofdm_plan_t;

typedef struct phy_ofdm_args {
  phy_carrier_t carrier;   /* mu, nof_prb, fft_size/srate_hz (checked with phy_carrier_check) */
  double center_hz;        /* f0 of 5.4, Hz; ignored when !phase_comp */
  bool phase_comp;         /* apply the 5.4 phase term c_l */
  float scale;             /* amplitude factor on the unnormalised DFT; 0 = 1/sqrt(N_fft) */
  phy_ofdm_plan_t plan;    /* FFTW planning effort */
  const char *wisdom_path; /* FFTW wisdom file, imported then exported; NULL = none */
} phy_ofdm_args_t;

/* State; treat as opaque. */
typedef struct phy_ofdm {
  phy_carrier_t carrier;
  bool rx;
  uint32_t nof_sc, fft_size, nsymb_sf;
  uint32_t cp[PHY_SYMB_SF(PHY_MAX_MU)];    /* N_CP,l in samples, l in the subframe */
  uint32_t start[PHY_SYMB_SF(PHY_MAX_MU)]; /* symbol start in the subframe, samples */
  cf_t c[PHY_SYMB_SF(PHY_MAX_MU)];         /* scale * 5.4 term (conjugated for rx) */
  double center_hz;
  bool phase_comp;
  float scale;
  void *plan[2]; /* fftwf_plan for caller buffers at byte offset 0 / 8 mod 16 (plan[1]:
                    demodulator only, NULL in a modulator) */
  int align[3];  /* fftwf_alignment_of: caller-side buffer of plan[0], of plan[1] (-1:
                    none); fin */
  cf_t *fin;     /* FFT input, N + 1 elements */
  cf_t *fout;    /* FFT output, N + 1 elements */
  cf_t *ramp;    /* rx: per-subcarrier timing phase ramp, K elements */
  bool use_ramp;
  double cfo_hz; /* rx */
  uint32_t cp_advance;
} phy_ofdm_t;

/* Allocates buffers and makes the FFTW plans. OLIVE_EINVAL on a bad carrier or args,
 * OLIVE_ENOMEM when allocation or planning fails. */
OLIVE_API int phy_ofdm_mod_init(phy_ofdm_t *q, const phy_ofdm_args_t *args);
OLIVE_API int phy_ofdm_demod_init(phy_ofdm_t *q, const phy_ofdm_args_t *args);

/* NULL-safe, idempotent, fine after a failed init. */
OLIVE_API void phy_ofdm_free(phy_ofdm_t *q);

/* Changes the amplitude factor (0 = 1/sqrt(N_fft)). O(28), no allocation. OLIVE_EINVAL
 * when not finite. */
OLIVE_API int phy_ofdm_set_scale(phy_ofdm_t *q, float scale);

/* Changes f0 (Hz, >= 0) and switches the 5.4 term on or off. O(28), no allocation. */
OLIVE_API int phy_ofdm_set_center(phy_ofdm_t *q, double center_hz, bool phase_comp);

/* Demodulator: CP-window advance (0 .. the shortest CP) and fractional delay of the
 * received signal in samples (|tau| <= N_fft / 2). O(K) cexp, no allocation. */
OLIVE_API int phy_ofdm_demod_set_timing(phy_ofdm_t *q, uint32_t cp_advance, float delay);

/* Demodulator: frequency offset of the received signal to remove, Hz (|cfo| < srate/2). */
OLIVE_API int phy_ofdm_demod_set_cfo(phy_ofdm_t *q, double cfo_hz);

/* Samples of symbol l_sf (index within the subframe), CP included. */
OLIVE_API uint32_t phy_ofdm_symbol_len(const phy_ofdm_t *q, uint32_t l_sf);

/* Samples in slot `slot` (its position in the subframe counts). */
OLIVE_API uint32_t phy_ofdm_slot_len(const phy_ofdm_t *q, uint32_t slot);

/* Modulates K resource elements re[0..K-1] as symbol l_sf into out[0 .. N_CP + N - 1].
 * Returns the number of samples written, or OLIVE_EINVAL. */
OLIVE_API int phy_ofdm_mod_symbol(phy_ofdm_t *q, const cf_t *re, uint32_t l_sf, cf_t *out);

/* The 14 weights c_l (scale times the 5.4 term) of slot `slot`, for
 * phy_grid_set_weights() on a transmit grid that this modulator will transform. */
OLIVE_API int phy_ofdm_slot_weights(const phy_ofdm_t *q, uint32_t slot, cf_t w[PHY_NSYMB_SLOT]);

/* Modulates the 14 symbols of port `port` of `grid` (its width must be the carrier's; a
 * transmit grid must have this fft_size) as slot `slot`. A transmit grid whose weights
 * are phy_ofdm_slot_weights(slot) is transformed straight from its rows: the DFT and the
 * cyclic prefix copies are the whole cost. Any other grid costs one scaling pass per
 * symbol. Returns the number of samples written (phy_ofdm_slot_len). */
OLIVE_API int phy_ofdm_mod_slot(phy_ofdm_t *q, const phy_grid_t *grid, uint32_t port, uint32_t slot,
                                cf_t *out);

/* Demodulates symbol l_sf whose first sample (start of its CP) is in[0] and has stream
 * index n0 (the CFO rotation's time reference) into re[0..K-1]. Returns K or
 * OLIVE_EINVAL. Reads in[0 .. N_CP + N - 1] only. */
OLIVE_API int phy_ofdm_demod_symbol(phy_ofdm_t *q, const cf_t *in, uint32_t l_sf, uint64_t n0,
                                    cf_t *re);

/* Demodulates slot `slot` starting at in[0] (stream index n0) into port `port` of
 * `grid`. Returns the number of samples consumed. */
OLIVE_API int phy_ofdm_demod_slot(phy_ofdm_t *q, const cf_t *in, uint32_t slot, uint64_t n0,
                                  phy_grid_t *grid, uint32_t port);

#endif
