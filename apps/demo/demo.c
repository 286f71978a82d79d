/* SPDX-License-Identifier: Apache-2.0 */
/* olive-demo: the PHY link demo behind `./olive run`.
 *
 * Loads the gNB configuration (so every key and its validation work as they will for the
 * gNB), then runs a real-time slot loop at the cell's slot rate: each slot carries one
 * transport block over the whole carrier through the shared-channel coding chain,
 * modulation, AWGN and back, and the main thread prints one live metrics line per
 * metrics.period_ms. Ctrl-C or --duration ends it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gnb_cfg.h"
#include "link.h"
#include "olive/phy/carrier.h"
#include "olive/phy/phy.h"
#include "olive/support/error.h"
#include "olive/support/time.h"
#include "slot_loop.h"

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig)
{
  (void)sig;
  stop_requested = 1;
}

static const char *const app_flags[] = {"--duration", "--snr", "--mcs", NULL};

typedef struct demo {
  demo_link_t link;
} demo_t;

static bool slot_work(void *ctx, uint64_t slot, slot_metrics_t *acc)
{
  (void)slot;
  demo_t *d = ctx;
  demo_link_result_t r;
  demo_link_run(&d->link, &r);
  if (r.tb_ok) {
    acc->ok++;
    acc->info_bits += d->link.tbs;
  } else {
    acc->fail++;
  }
  acc->iters += r.iters;
  return true;
}

static void fail_arg(const char *flag, const char *value, const char *allowed)
{
  fprintf(stderr, "error: command line: %s: value '%s' is not valid; allowed: %s\n", flag, value,
          allowed);
  exit(OLIVE_CFG_EXIT_STATUS);
}

static double parse_double(const char *flag, const char *v, double lo, double hi,
                           const char *allowed)
{
  char *end;
  double x = strtod(v, &end);
  if (end == v || *end != '\0' || x < lo || x > hi)
    fail_arg(flag, v, allowed);
  return x;
}

static void print_metrics(const slot_metrics_t *m)
{
  uint64_t blocks = m->ok + m->fail;
  double secs = m->dt_ms ? (double)m->dt_ms / 1000.0 : 1.0;
  printf("t=%6.1fs slots=%-6llu late=%-3llu skipped=%-3llu bler=%.4f tput=%7.2f Mbit/s "
         "iters/TB=%.2f slot_us p50=%u p99=%u max=%u\n",
         (double)m->t_ms / 1000.0, (unsigned long long)m->slots, (unsigned long long)m->late,
         (unsigned long long)m->skipped, blocks ? (double)m->fail / (double)blocks : 0.0,
         (double)m->info_bits / (secs * 1e6), blocks ? (double)m->iters / (double)blocks : 0.0,
         m->p50_us, m->p99_us, m->max_us);
  fflush(stdout);
}

int main(int argc, char **argv)
{
  gnb_cfg_t cfg;
  const char *vals[OLIVE_ARRAY_SIZE(app_flags)];
  gnb_cfg_load(&cfg, argc, argv, app_flags, vals);
  double duration =
      vals[0] ? parse_double("--duration", vals[0], 0, 1e6, "seconds >= 0 (0 = until Ctrl-C)")
              : 10.0;
  double snr = vals[1] ? parse_double("--snr", vals[1], -10, 60, "dB in [-10, 60]") : 12.0;
  double mcs_d = vals[2] ? parse_double("--mcs", vals[2], 0, 28,
                                        "an integer 0..28 (TS 38.214 Table 5.1.3.1-1)")
                         : 16;
  if (mcs_d != (unsigned)mcs_d)
    fail_arg("--mcs", vals[2], "an integer 0..28 (TS 38.214 Table 5.1.3.1-1)");
  unsigned mcs = (unsigned)mcs_d;
  if (gnb_cfg_apply_logging(&cfg) < 0)
    return OLIVE_CFG_EXIT_STATUS;
  if (cfg.expert.mlock)
    olive_mlockall();

  unsigned scs_khz = cfg.cell.common_scs == GNB_SCS_30 ? 30 : 15;
  uint64_t slot_ns = 1000000ull * 15 / scs_khz; /* TS 38.211 4.3.2: 2^mu slots per ms */
  demo_t d;
  uint32_t n_prb = phy_carrier_prb_from_bw(cfg.cell.channel_bandwidth_mhz, scs_khz == 30 ? 1 : 0);
  demo_link_args_t la = {.n_prb = n_prb,
                         .table = PHY_MCS_TABLE_QAM64,
                         .mcs = mcs,
                         .snr_db = snr,
                         .max_iters = 8,
                         .seed = 1};
  int rc = n_prb ? demo_link_init(&d.link, &la) : OLIVE_EINVAL;
  if (rc < 0) {
    fprintf(stderr, "error: PHY link init failed (%u PRB, MCS %u): %s\n", n_prb, mcs,
            olive_strerror(rc));
    return 1;
  }
  printf("olive %s PHY link demo (isa %s): cell band n%u dl_arfcn %lld pci %u %u kHz, %s\n",
         olive_phy_version(), olive_phy_isa(), cfg.cell.band, (long long)cfg.cell.dl_arfcn,
         cfg.cell.pci, scs_khz, "gNB and UE over ZeroMQ arrive with the cell");
  printf("per slot: PDSCH-like TB, %u PRB, MCS %u (%s, R %.3f), TBS %u bits, G %u bits, "
         "Es/N0 %.1f dB, AWGN\n",
         n_prb, mcs, phy_mod_name(d.link.mod), d.link.mcs.r_x2048 / 2048.0, d.link.tbs, d.link.g,
         snr);
  fflush(stdout);

  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  slot_loop_t loop;
  slot_loop_args_t sa = {.slot_ns = slot_ns,
                         .period_ms = cfg.metrics.period_ms,
                         .nof_slots = (uint64_t)(duration * 1e9 / (double)slot_ns),
                         .rt_priority = (int)cfg.expert.rt_priority,
                         .work = slot_work,
                         .ctx = &d};
  if (duration == 0)
    sa.nof_slots = 0;
  if ((rc = slot_loop_start(&loop, &sa)) < 0) {
    fprintf(stderr, "error: cannot start the slot thread: %s\n", olive_strerror(rc));
    return 1;
  }
  slot_metrics_t total = {0};
  for (;;) {
    slot_metrics_t m;
    bool done = slot_loop_done(&loop);
    while (slot_loop_poll(&loop, &m) == 0) {
      print_metrics(&m);
      total.slots += m.slots;
      total.late += m.late;
      total.ok += m.ok;
      total.fail += m.fail;
    }
    if (done)
      break;
    if (stop_requested)
      slot_loop_stop(&loop);
    olive_sleep_ns(50000000);
  }
  slot_loop_join(&loop);
  printf("done: %llu slots, %llu late, %llu/%llu transport blocks decoded\n",
         (unsigned long long)total.slots, (unsigned long long)total.late,
         (unsigned long long)total.ok, (unsigned long long)(total.ok + total.fail));
  demo_link_free(&d.link);
  olive_log_stop();
  return 0;
}
