/* SPDX-License-Identifier: Apache-2.0 */
/* TDLC300-100 Low for the PUCCH conformance tests, applied in the frequency domain.
 *
 * The fading comes from phy/channel (TR 38.901 Table 7.7.2-3 TDL-C, delays scaled to a 300 ns
 * delay spread, Jakes sum of sinusoids with fd = 100 Hz, independent per RX antenna = "Low"
 * correlation). Two channel objects of 2 RX each give up to 4 RX. The channel's clock runs
 * at 8 samples per OFDM symbol (14 symbols per 1 ms slot at 15 kHz), so the tap gains are
 * refreshed every 2 symbols (16 samples, 0.09 rad of the 100 Hz Doppler); the response of
 * RX r on subcarrier k is
 *     H_r(k) = sum_n g_r,n exp(-j 2 pi k scs tau_n),
 * exact for an OFDM receiver whose cyclic prefix (4.7 us) covers the 2.6 us excess delay of
 * TDL-C at 300 ns, up to the inter-carrier leakage of a 100 Hz Doppler (fd / scs = 0.7%,
 * negligible). This is TR 38.901 TDL-C scaled, as MATLAB's nrTDLChannel 'TDL-C' with
 * DelaySpread 300e-9; TS 38.104 Annex G.2.1.1 specifies a 12-tap simplified TDLC300 instead
 * (same delay spread). */
#ifndef PUCCH_TDL_H
#define PUCCH_TDL_H

#include "olive/phy/channel.h"
#include "pucch_test_util.h"

#define TDL_MAX_RX      4u
#define TDL_SYM_SAMPLES 8u
#define TDL_SCS_HZ      15000.0
#define TDL_MAX_GAP     2u
#define TDL_MAX_SAMPLES (14u * (TDL_MAX_GAP + 1u) * TDL_SYM_SAMPLES)
#define TDL_NOF_SINUS   16u

typedef struct tdl {
  phy_channel_t ch[2];
  uint32_t nof_rx, ntaps, prb[2];
  cf_t rot[2][PHY_CHANNEL_MAX_TAPS][12]; /* exp(-j 2 pi f_k tau_n), first and second hop PRB */
  cf_t h[14][TDL_MAX_RX][2][12];         /* the current slot: symbol, RX, hop, subcarrier */
} tdl_t;

static inline int tdl_init(tdl_t *t, uint32_t nof_rx, uint32_t prb0, uint32_t prb1, uint64_t seed)
{
  memset(t, 0, sizeof(*t));
  t->nof_rx = nof_rx;
  t->prb[0] = prb0;
  t->prb[1] = prb1;
  for (uint32_t c = 0; 2 * c < nof_rx; c++) {
    phy_channel_args_t a = {.max_samples = TDL_MAX_SAMPLES,
                            .nof_rx = nof_rx - 2 * c < 2 ? 1 : 2,
                            .model = PHY_CHANNEL_TDLC,
                            .srate_hz = 14000.0 * TDL_SYM_SAMPLES,
                            .delay_spread_ns = 300.0f,
                            .doppler_hz = 100.0f,
                            .nof_sinus = TDL_NOF_SINUS,
                            .seed = seed * 2 + c};
    if (phy_channel_init(&t->ch[c], &a) != 0) {
      return -1;
    }
  }
  const phy_channel_tap_t *tab;
  t->ntaps = phy_channel_tdl_table(PHY_CHANNEL_TDLC, &tab);
  for (uint32_t hp = 0; hp < 2; hp++) {
    for (uint32_t n = 0; n < t->ntaps; n++) {
      double tau = tab[n].delay_norm * 300e-9;
      for (uint32_t k = 0; k < 12; k++) {
        double ph = -2.0 * M_PI * (12.0 * t->prb[hp] + k) * TDL_SCS_HZ * tau;
        t->rot[hp][n][k] = test_cf((float)cos(ph), (float)sin(ph));
      }
    }
  }
  return 0;
}

static inline void tdl_free(tdl_t *t)
{
  phy_channel_free(&t->ch[0]);
  phy_channel_free(&t->ch[1]);
}

/* Advances the fading by n OFDM symbols (n <= 14 * (TDL_MAX_GAP + 1)). Each call costs a
 * resynchronisation of every sinusoid in phy/channel, so calls are few and long. */
static inline void tdl_step(tdl_t *t, uint32_t n)
{
  static const cf_t zero[TDL_MAX_SAMPLES];
  static cf_t o0[TDL_MAX_SAMPLES], o1[TDL_MAX_SAMPLES];
  cf_t *const out[PHY_CHANNEL_MAX_RX] = {o0, o1};
  for (uint32_t c = 0; 2 * c < t->nof_rx && n > 0; c++) {
    phy_channel_run(&t->ch[c], zero, n * TDL_SYM_SAMPLES, out);
  }
}

/* H of every RX and both hops from the current tap gains, into symbols l0 .. l1 - 1. */
static inline void tdl_response(tdl_t *t, uint32_t l0, uint32_t l1)
{
  for (uint32_t r = 0; r < t->nof_rx; r++) {
    cf_t g[PHY_CHANNEL_MAX_TAPS];
    for (uint32_t n = 0; n < t->ntaps; n++) {
      phy_channel_tap_gain(&t->ch[r / 2], r % 2, n, &g[n]);
    }
    for (uint32_t hp = 0; hp < 2; hp++) {
      for (uint32_t k = 0; k < 12; k++) {
        cf_t s = 0;
        for (uint32_t n = 0; n < t->ntaps; n++) {
          s += g[n] * t->rot[hp][n][k];
        }
        for (uint32_t l = l0; l < l1; l++) {
          t->h[l][r][hp][k] = s;
        }
      }
    }
  }
}

/* Runs one slot and stores the frequency response of symbols first .. first + nsym - 1,
 * read every `every` symbols (the gains move every 2 symbols); then skips `gap` slots, so
 * that successive trials see less correlated fading (the per-slot statistics are the same). */
static inline void tdl_slot(tdl_t *t, uint32_t first, uint32_t nsym, uint32_t every, uint32_t gap)
{
  tdl_step(t, first);
  for (uint32_t l = first; l < first + nsym; l += every) {
    uint32_t e = first + nsym - l < every ? first + nsym - l : every;
    tdl_step(t, e);
    tdl_response(t, l, l + e);
  }
  tdl_step(t, 14 - first - nsym + 14 * gap);
}

/* Port p of the grid = H_p * (port 0 as encoded) + noise of variance n0 per RE on the REs of
 * the resource (signal = 0: noise alone), H from the last tdl_slot(). */
static inline void tdl_apply(const tdl_t *t, phy_grid_t *g, const phy_pucch_resource_t *res,
                             float n0, olive_test_rng_t *r, int signal)
{
  float sigma = sqrtf(n0);
  for (uint32_t l = 0; l < res->nof_symbols; l++) {
    uint32_t ls = res->start_symbol + l;
    uint32_t hp = res->intra_slot_hopping && l >= res->nof_symbols / 2;
    uint32_t prb = hp ? res->second_hop_prb : res->start_prb;
    cf_t tx[12];
    memcpy(tx, phy_grid_re(g, 0, ls, prb * 12), sizeof(tx));
    for (uint32_t p = 0; p < g->nof_ports; p++) {
      cf_t *x = phy_grid_re(g, p, ls, prb * 12);
      for (uint32_t k = 0; k < 12; k++) {
        x[k] = (signal ? t->h[ls][p][hp][k] * tx[k] : 0.0f) + test_cgauss(r, sigma);
      }
    }
  }
}

#endif
