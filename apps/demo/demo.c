/* SPDX-License-Identifier: Apache-2.0 */
/* olive-demo: the PHY link demo behind `./olive run`.
 *
 * Loads the gNB configuration (so every key and its validation work as they will for the
 * gNB), then runs a real-time slot loop at the cell's slot rate: each slot carries one
 * LDPC code block through modulation, AWGN and back, and the main thread prints one live
 * metrics line per metrics.period_ms. Ctrl-C or --duration ends it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gnb_cfg.h"
#include "link.h"
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

static const char *const app_flags[] = {"--duration", "--snr", "--mod", NULL};

typedef struct demo {
  demo_link_t link;
} demo_t;

static bool slot_work(void *ctx, uint64_t slot, slot_metrics_t *acc)
{
  (void)slot;
  demo_t *d = ctx;
  demo_link_result_t r;
  demo_link_run(&d->link, &r);
  if (r.crc_ok) {
    acc->ok++;
    acc->info_bits += r.tb_bits;
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

static phy_mod_t parse_mod(const char *v)
{
  static const struct {
    const char *name;
    phy_mod_t mod;
  } mods[] = {{"qpsk", PHY_MOD_QPSK},
              {"16qam", PHY_MOD_QAM16},
              {"64qam", PHY_MOD_QAM64},
              {"256qam", PHY_MOD_QAM256}};
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(mods); i++) {
    if (strcmp(v, mods[i].name) == 0)
      return mods[i].mod;
  }
  fail_arg("--mod", v, "qpsk, 16qam, 64qam, 256qam");
  return PHY_MOD_QPSK;
}

static void print_metrics(const slot_metrics_t *m)
{
  uint64_t blocks = m->ok + m->fail;
  double secs = m->dt_ms ? (double)m->dt_ms / 1000.0 : 1.0;
  printf("t=%6.1fs slots=%-6llu late=%-3llu skipped=%-3llu bler=%.4f tput=%7.2f Mbit/s "
         "iters=%.2f slot_us p50=%u p99=%u max=%u\n",
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
  phy_mod_t mod = vals[2] ? parse_mod(vals[2]) : PHY_MOD_QAM16;
  if (gnb_cfg_apply_logging(&cfg) < 0)
    return OLIVE_CFG_EXIT_STATUS;
  if (cfg.expert.mlock)
    olive_mlockall();

  unsigned scs_khz = cfg.cell.common_scs == GNB_SCS_30 ? 30 : 15;
  uint64_t slot_ns = 1000000ull * 15 / scs_khz; /* TS 38.211 4.3.2: 2^mu slots per ms */
  demo_t d;
  demo_link_args_t la = {
      .z = 384, .nof_rows = 20, .mod = mod, .snr_db = snr, .max_iters = 8, .seed = 1};
  int rc = demo_link_init(&d.link, &la);
  if (rc < 0) {
    fprintf(stderr, "error: PHY link init failed: %s\n", olive_strerror(rc));
    return 1;
  }
  printf("olive %s PHY link demo (isa %s): cell band n%u dl_arfcn %lld pci %u %u kHz, %s\n",
         olive_phy_version(), olive_phy_isa(), cfg.cell.band, (long long)cfg.cell.dl_arfcn,
         cfg.cell.pci, scs_khz, "gNB and UE over ZeroMQ arrive with the cell");
  printf("per slot: one LDPC BG1 code block, Z=%u K=%u N=%u, %s, Es/N0 %.1f dB, AWGN\n", la.z,
         d.link.k, d.link.n, phy_mod_name(mod), snr);
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
  printf("done: %llu slots, %llu late, %llu/%llu code blocks decoded\n",
         (unsigned long long)total.slots, (unsigned long long)total.late,
         (unsigned long long)total.ok, (unsigned long long)(total.ok + total.fail));
  demo_link_free(&d.link);
  olive_log_stop();
  return 0;
}
