/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy dlsim / ulsim: the shared options, the SNR sweep and its CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

const char *const nrphy_mcs_table_names[3] = {"qam64", "qam256", "qam64lowse"};
static const char *const chan_names[] = {"awgn", "tdla", "tdlb", "tdlc"};
static const char *const scs_names[] = {"15", "30"};

/* "start:step:stop" or one value. */
static int parse_snr(nrphy_args_t *a, nrphy_sim_cfg_t *c)
{
  const char *s = nrphy_opt_str(a, "snr", "0:2:20");
  char *e1 = NULL, *e2 = NULL, *e3 = NULL;
  c->snr0 = strtod(s, &e1);
  if (e1 != s && *e1 == '\0') {
    c->snr_step = 1.0, c->snr1 = c->snr0;
  } else if (e1 != s && *e1 == ':') {
    c->snr_step = strtod(e1 + 1, &e2);
    if (e2 != e1 + 1 && *e2 == ':') {
      c->snr1 = strtod(e2 + 1, &e3);
    }
  }
  bool ok = e3 != NULL ? (e3 != e2 + 1 && *e3 == '\0') : (e1 != s && *e1 == '\0');
  ok = ok && isfinite(c->snr0) && isfinite(c->snr1) && isfinite(c->snr_step) && c->snr_step > 0.0 &&
       c->snr1 >= c->snr0 && c->snr0 >= -50.0 && c->snr1 <= 100.0 &&
       (c->snr1 - c->snr0) / c->snr_step < NRPHY_SIM_MAX_POINTS;
  if (!ok) {
    return nrphy_usage_error(a,
                             "--snr: value '%s' is not allowed; allowed: start:step:stop (dB, "
                             "step > 0, -50 <= start <= stop <= 100, at most %u points) or "
                             "one value",
                             s, NRPHY_SIM_MAX_POINTS);
  }
  return 0;
}

static int parse_channel(nrphy_args_t *a, nrphy_sim_cfg_t *c)
{
  unsigned model = 0, comp = 0;
  int rc = nrphy_opt_enum(a, "channel", chan_names, 4, 0, &model);
  if (rc == 0) {
    rc = nrphy_opt_double(a, "ds-ns", 100.0, 0.0, 1000.0, &c->ds_ns);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "doppler-hz", 0.0, 0.0, 2000.0, &c->doppler_hz);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "cfo-hz", 0.0, -20000.0, 20000.0, &c->cfo_hz);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "cfo-comp", 0, 0, 1, &comp);
  }
  if (rc == 0) {
    rc = nrphy_opt_double(a, "delay", 0.0, 0.0, 1000.0, &c->delay);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "rx", 1, 1, PHY_CHANNEL_MAX_RX, &c->nof_rx);
  }
  c->model = (phy_channel_model_t)model;
  c->cfo_comp = comp != 0;
  return rc;
}

int nrphy_sim_parse(nrphy_args_t *a, nrphy_sim_cfg_t *c, bool ul)
{
  unsigned seed = 0, tp = 0;
  memset(c, 0, sizeof(*c));
  int rc = nrphy_opt_uint(a, "prb", 52, 1, PHY_MAX_PRB, &c->prb);
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "scs", scs_names, 2, 0, &c->mu);
  }
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "mcs-table", nrphy_mcs_table_names, 3, 0, &c->table);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "mcs", 9, 0, c->table == 2 ? 28 : 27, &c->mcs);
  }
  if (rc == 0) {
    rc = parse_channel(a, c);
  }
  if (rc == 0) {
    rc = parse_snr(a, c);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "trials", 100, 1, 1000000, &c->trials);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "seed", 1, 0, 0xffffffffu, &seed);
  }
  if (rc == 0) {
    rc = nrphy_opt_uint(a, "harq", 1, 1, 4, &c->max_tx);
  }
  if (rc == 0 && ul) {
    rc = nrphy_opt_uint(a, "tp", 0, 0, 1, &tp);
  }
  c->seed = seed;
  c->tp = tp != 0;
  c->plot = nrphy_opt_str(a, "plot", NULL);
  if (rc == 0) {
    rc = nrphy_args_unused(a);
  }
  if (rc == 0 && (a->in != NULL || a->out != NULL)) {
    rc = nrphy_usage_error(a, "takes no -i / -o (the CSV goes to stdout, the PNG to --plot)");
  }
  if (rc == 0 && c->plot != NULL) {
    rc = nrphy_sim_plot_check(a->cmd);
  }
  return rc;
}

int nrphy_sim_run(const nrphy_sim_cfg_t *c, const nrphy_sim_link_t *l, const char *title)
{
  static double snr[NRPHY_SIM_MAX_POINTS], bler[NRPHY_SIM_MAX_POINTS];
  unsigned np = (unsigned)floor((c->snr1 - c->snr0) / c->snr_step + 1e-9) + 1;
  printf("snr_db,blocks,errors,bler,throughput_mbps,evm_pct\n");
  for (unsigned p = 0; p < np; p++) {
    double s = c->snr0 + p * c->snr_step, evm_sum = 0.0;
    unsigned errors = 0, slots = 0;
    for (unsigned t = 0; t < c->trials; t++) {
      bool ok = false;
      double evm = 0.0;
      unsigned tx = 1;
      if (l->trial(l->ctx, s, t, &ok, &evm, &tx) != 0) {
        fprintf(stderr, "nrphy: trial %u at %.2f dB could not run (a PHY call failed)\n", t, s);
        return NRPHY_EXIT_FAIL;
      }
      errors += !ok;
      evm_sum += evm;
      slots += tx;
    }
    snr[p] = s;
    bler[p] = (double)errors / c->trials;
    /* delivered bits over the air time used (with HARQ, retransmissions take slots) */
    double tput = (double)(c->trials - errors) * l->tbs / (slots * l->slot_s) / 1e6;
    printf("%.2f,%u,%u,%.4f,%.3f,%.2f\n", s, c->trials, errors, bler[p], tput, evm_sum / c->trials);
    fflush(stdout);
  }
  return c->plot != NULL ? nrphy_sim_plot(c->plot, title, snr, bler, np) : 0;
}
