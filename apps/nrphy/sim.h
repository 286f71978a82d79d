/* SPDX-License-Identifier: Apache-2.0 */
/* Link-level simulators of nrphy (dlsim, ulsim): the options they share, the SNR sweep
 * with its CSV output, the optional BLER plot, and the PDSCH configuration that dlsim and
 * pdsch-encode / pdsch-decode share. */
#ifndef NRPHY_SIM_H
#define NRPHY_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "nrphy.h"
#include "olive/phy/channel.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/pdsch.h"

#define NRPHY_SIM_MAX_POINTS 1000u

typedef struct nrphy_sim_cfg {
  unsigned prb, mu, mcs, table, nof_rx, trials;
  unsigned max_tx; /* HARQ transmissions per TB, 1..4 (rv 0, 2, 3, 1) */
  phy_channel_model_t model;
  double ds_ns, doppler_hz, cfo_hz;
  bool cfo_comp;
  double delay; /* bulk channel delay, samples */
  bool tp;      /* ulsim: transform precoding */
  double snr0, snr_step, snr1;
  uint64_t seed;
  const char *plot; /* PNG path or NULL */
} nrphy_sim_cfg_t;

/* One TB at snr_db: *ok when it decoded correctly, *evm in percent (mean over its
 * transmissions), *tx the slots it used (HARQ transmissions). Returns 0 or
 * NRPHY_EXIT_FAIL. trial numbers the channel and data seeds. */
typedef int (*nrphy_sim_trial_fn)(void *ctx, double snr_db, unsigned trial, bool *ok,
                                  double *evm_pct, unsigned *tx);

typedef struct nrphy_sim_link {
  void *ctx;
  nrphy_sim_trial_fn trial;
  uint32_t tbs;  /* bits per block */
  double slot_s; /* seconds per slot (throughput) */
} nrphy_sim_link_t;

/* Parses the common simulator options (see dlsim's usage; ul adds --tp). 0 or
 * NRPHY_EXIT_USAGE. */
int nrphy_sim_parse(nrphy_args_t *a, nrphy_sim_cfg_t *c, bool ul);

/* Runs the sweep, prints the CSV on stdout, writes the plot when asked. */
int nrphy_sim_run(const nrphy_sim_cfg_t *c, const nrphy_sim_link_t *l, const char *title);

/* 0 when a plotting tool is available for --plot; NRPHY_EXIT_USAGE after saying so. */
int nrphy_sim_plot_check(const char *cmd);

/* The BLER curve as PNG through gnuplot or python3-matplotlib. */
int nrphy_sim_plot(const char *path, const char *title, const double *snr, const double *bler,
                   unsigned n);

/* The codeword a link carries: encode a TB with redundancy version rv into grid port 0
 * (returns > 0 or an error), decode the RX grid (0, OLIVE_ECRC or another error; new_data
 * false combines with the soft bits of the earlier transmissions) with the EVM in percent. */
typedef struct nrphy_cw {
  void *ctx;
  int (*encode)(void *ctx, uint32_t slot, uint32_t rv, const uint8_t *tb, phy_grid_t *grid);
  int (*decode)(void *ctx, uint32_t slot, uint32_t rv, bool new_data, const phy_grid_t *grid,
                uint32_t nof_rx, uint8_t *tb, double *evm_pct);
  uint32_t tbs;
} nrphy_cw_t;

/* OFDM + channel + OFDM link around a codeword (link.c). */
typedef struct nrphy_link {
  const nrphy_sim_cfg_t *c;
  nrphy_cw_t cw;
  phy_carrier_t car;
  phy_ofdm_t mod, dem;
  phy_grid_t tx, rx;
  phy_channel_t ch;
  cf_t *x, *y[PHY_CHANNEL_MAX_RX];
  uint32_t pad;
  uint8_t *tb, *tb_rx;
} nrphy_link_t;

int nrphy_link_init(nrphy_link_t *k, const nrphy_sim_cfg_t *c, const nrphy_cw_t *cw);
void nrphy_link_free(nrphy_link_t *k);
int nrphy_link_trial(void *ctx, double snr_db, unsigned trial, bool *ok, double *evm_pct,
                     unsigned *tx);
/* Sets up the link, runs the sweep (CSV, plot), frees. what names the channel. */
int nrphy_link_main(nrphy_args_t *a, const nrphy_sim_cfg_t *c, const nrphy_cw_t *cw,
                    const char *what);

/* PDSCH options shared by dlsim and pdsch-encode/-decode: --mcs, --mcs-table (prb is the
 * carrier width, parsed by the caller). */
extern const char *const nrphy_mcs_table_names[3];

/* The fixed PDSCH of nrphy: mapping type A, symbols 2..13, all prb PRBs, DM-RS type 1 on
 * port 1000 at symbols 2 and 11 (dmrs-AdditionalPosition 1), 2 CDM groups without data,
 * one layer (the configuration of tests/phy/pdsch/test_pdsch_e2e.c). */
phy_pdsch_cfg_t nrphy_pdsch_cfg(unsigned prb, unsigned mcs, unsigned table, unsigned slot,
                                unsigned rnti, unsigned n_id);

/* Simple fixed-seed generator for TB contents. */
static inline uint64_t nrphy_rng(uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ull;
}

#endif
