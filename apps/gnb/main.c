/* SPDX-License-Identifier: Apache-2.0 */
/* gnb: the olive gNB. Broadcasts SSB, MIB and SIB1 for the configured cell and detects
 * PRACH preambles (gnb_ul.h).
 *
 *   gnb -c configs/gnb_zmq.yaml [--key=value ...] [--duration=S]
 *
 * Start-up (main thread): configuration (apps/common/gnb_cfg.h, exit 2 on any error),
 * cell derivation and checks (gnb_cell.h, exit 2), MIB + SIB1 (olive_rrc), the MAC
 * broadcast scheduler and one DL processor per engine worker (gnb_dl.h), one PRACH
 * detector per worker (gnb_ul.h), the radio
 * (ru_sdr.*) and the real-time engine (olive/radio/engine.h; lockstep for the
 * virtual-time zmq and file radios). Then the main thread prints one status line per
 * metrics.period_ms (gnb_status.h) until SIGINT/SIGTERM or --duration, stops the engine
 * (joins its threads), flushes the pcap and exits 0. A radio failure exits 1.
 *
 * --duration=S: S seconds of radio time (S * 1000 * 2^mu slots) for the file driver,
 * whose clock runs as fast as the DL is computed; wall-clock seconds for zmq and uhd. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnb_cell.h"
#include "gnb_cfg.h"
#include "gnb_dl.h"
#include "gnb_ul.h"
#include "gnb_status.h"
#include "olive/radio/engine.h"
#include "olive/radio/radio.h"
#include "olive/support/error.h"
#include "olive/support/thread.h"
#include "olive/support/time.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
  (void)sig;
  stop_requested = 1;
}

static const char *const app_flags[] = {"--duration", NULL};
static const char *const driver_names[] = {"zmq", "uhd", "file"};

typedef struct gnb {
  gnb_cfg_t cfg;
  gnb_cell_t cell;
  gnb_dl_t dl;
  gnb_ul_t ul;
  olive_radio_t radio;
  olive_engine_t *engine;
  double duration_s; /* 0 = until a signal */
} gnb_t;

/* "--duration=S" becomes "--duration" "S", the form the config loader takes for app
 * flags. The copy lives for the whole run. */
static char **split_flags(int argc, char **argv, int *out_argc)
{
  char **v = calloc((size_t)argc * 2 + 1, sizeof(*v));
  if (v == NULL)
    exit(1);
  int n = 0;
  for (int i = 0; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    size_t fl = strlen(app_flags[0]);
    if (eq != NULL && (size_t)(eq - argv[i]) == fl && strncmp(argv[i], app_flags[0], fl) == 0) {
      v[n++] = (char *)app_flags[0];
      v[n++] = (char *)eq + 1;
    } else {
      v[n++] = argv[i];
    }
  }
  *out_argc = n;
  return v;
}

static double parse_duration(const char *v)
{
  char *end;
  double x = v ? strtod(v, &end) : 0.0;
  if (v != NULL && (end == v || *end != '\0' || !(x >= 0) || x > 1e7)) {
    fprintf(stderr,
            "error: command line: --duration: value '%s' is not valid; allowed: "
            "seconds >= 0 (0 = until Ctrl-C)\n",
            v);
    exit(OLIVE_CFG_EXIT_STATUS);
  }
  return x;
}

static void print_banner(const gnb_t *g)
{
  static char line[2048];
  gnb_cell_describe(&g->cell, line, sizeof(line));
  printf("olive gNB: pci %u, %s\n", g->cfg.cell.pci, line);
  rrc_mib_to_str(&g->cell.mib, line, sizeof(line));
  printf("MIB: %s\n", line);
  rrc_sib1_t sib1;
  if (rrc_sib1_unpack(g->cell.sib1, g->cell.sib1_len, &sib1) == 0) {
    rrc_sib1_to_str(&sib1, line, sizeof(line));
    printf("SIB1 (%u bytes): %s\n", g->cell.sib1_len, line);
  }
  if (g->cfg.pcap.rlc_enable)
    printf("note: pcap.rlc_enable: this gNB has no RLC bearers yet (broadcast only); no RLC "
           "pcap is written\n");
  printf("radio: %s %s, %u workers, tx_advance %u%s\n", driver_names[g->cfg.ru.device_driver],
         g->cfg.ru.device_args, g->cfg.expert.nof_workers, g->cfg.expert.tx_advance,
         g->cfg.pcap.mac_enable ? ", MAC pcap on" : "");
  fflush(stdout);
}

/* Tuning and gains a driver does not support (the file driver's gains) are skipped. */
static int optional(int rc)
{
  return rc == OLIVE_ENOTSUP ? 0 : rc;
}

static int open_radio(gnb_t *g)
{
  const gnb_cfg_t *c = &g->cfg;
  const char *drv = driver_names[c->ru.device_driver];
  int rc = olive_radio_open(&g->radio, drv, c->ru.device_args, 1);
  if (rc == 0)
    rc = olive_radio_set_srate(&g->radio, g->cell.carrier.srate_hz);
  if (rc == 0)
    rc = optional(olive_radio_set_tx_freq(&g->radio, 0, g->cell.dl_hz));
  if (rc == 0)
    rc = optional(olive_radio_set_rx_freq(&g->radio, 0, g->cell.ul_hz));
  if (rc == 0)
    rc = optional(olive_radio_set_tx_gain(&g->radio, 0, c->ru.tx_gain_db));
  if (rc == 0)
    rc = optional(olive_radio_set_rx_gain(&g->radio, 0, c->ru.rx_gain_db));
  if (rc < 0)
    fprintf(stderr, "error: radio: driver %s with ru_sdr.device_args '%s': %s\n", drv,
            c->ru.device_args, olive_strerror(rc));
  return rc;
}

/* The engine has one context for both callbacks. */
static int dl_slot(void *ctx, const olive_engine_slot_t *s, olive_radio_cf_t *const *tx)
{
  return gnb_dl_slot(&((gnb_t *)ctx)->dl, s, tx);
}

static void ul_slot(void *ctx, const olive_engine_slot_t *s, const olive_radio_cf_t *const *rx)
{
  gnb_ul_slot(&((gnb_t *)ctx)->ul, s, rx);
}

static int start_engine(gnb_t *g)
{
  const gnb_cfg_t *c = &g->cfg;
  olive_engine_args_t ea = {.radio = &g->radio,
                            .nof_channels = 1,
                            .slot_samples = g->cell.slot_samples,
                            .slots_per_frame = g->cell.slots_per_frame,
                            .tx_advance = c->expert.tx_advance,
                            .nof_workers = c->expert.nof_workers,
                            .dl_slot = dl_slot,
                            .ul_slot = ul_slot,
                            .ctx = g,
                            .lockstep = c->ru.device_driver != GNB_DRIVER_UHD,
                            .metrics_period_ms = c->metrics.period_ms};
  int prio = (int)c->expert.rt_priority;
  ea.rx_thread = (olive_engine_thread_cfg_t){.rt_priority = prio, .cpu = -1};
  ea.tx_thread = (olive_engine_thread_cfg_t){.rt_priority = prio ? prio - 1 : 0, .cpu = -1};
  for (unsigned i = 0; i < OLIVE_ENGINE_MAX_WORKERS; i++)
    ea.worker_thread[i] =
        (olive_engine_thread_cfg_t){.rt_priority = prio ? prio - 2 : 0, .cpu = -1};
  g->engine = olive_engine_create(&ea);
  int rc = g->engine ? olive_engine_start(g->engine) : OLIVE_EINVAL;
  if (rc < 0)
    fprintf(stderr, "error: radio: the slot engine did not start: %s\n", olive_strerror(rc));
  return rc;
}

static bool duration_over(const gnb_t *g, const olive_engine_metrics_t *m, uint64_t t0)
{
  if (g->duration_s <= 0)
    return false;
  if (g->cfg.ru.device_driver == GNB_DRIVER_FILE)
    return (double)m->rx_slots >= g->duration_s * 1000.0 * (1u << g->cell.mu);
  return (double)(olive_time_ns() - t0) * 1e-9 >= g->duration_s;
}

/* Main thread: status lines until a signal, --duration or a radio failure. 0 or 1. */
static int run(gnb_t *g)
{
  gnb_status_t st;
  gnb_status_init(&st);
  uint64_t period = (uint64_t)g->cfg.metrics.period_ms * 1000000ull;
  uint64_t t0 = olive_time_ns(), next = t0 + period;
  olive_engine_metrics_t m;
  char line[256];
  for (;;) {
    olive_sleep_ns(5000000);
    olive_engine_metrics(g->engine, &m);
    if (stop_requested || duration_over(g, &m, t0))
      return 0;
    if (!olive_engine_running(g->engine)) {
      fprintf(stderr,
              "error: radio: reception failed, the engine stopped (%llu rx errors, "
              "%llu timeouts)\n",
              (unsigned long long)m.rx_errors, (unsigned long long)m.radio.timeouts);
      return 1;
    }
    if (period && olive_time_ns() >= next) {
      gnb_status_line(&st, &m, g->cell.slots_per_frame, atomic_load(&g->ul.preambles), line,
                      sizeof(line));
      printf("%s\n", line);
      fflush(stdout);
      next += period;
    }
  }
}

static void shutdown_all(gnb_t *g)
{
  olive_engine_metrics_t m = {0};
  if (g->engine != NULL) {
    olive_engine_stop(g->engine);
    olive_engine_metrics(g->engine, &m);
    olive_engine_destroy(g->engine);
  }
  g->engine = NULL;
  olive_radio_close(&g->radio);
  uint64_t dropped = mac_pcap_dropped(g->dl.pcap);
  gnb_dl_free(&g->dl);
  gnb_ul_free(&g->ul);
  printf("stopped: %llu slots sent, %llu late, %llu SSB, %llu SIB1, %llu PDUs rejected, "
         "%llu pcap records dropped, %llu PRACH occasions searched, %llu preambles, %llu UL "
         "slots dropped, %llu PRACH windows lost\n",
         (unsigned long long)m.dl_sent, (unsigned long long)m.dl_late,
         (unsigned long long)g->dl.ssb, (unsigned long long)g->dl.sib1,
         (unsigned long long)g->dl.rejected, (unsigned long long)dropped,
         (unsigned long long)g->ul.occasions, (unsigned long long)g->ul.preambles,
         (unsigned long long)m.ul_dropped, (unsigned long long)(g->ul.overrun + g->ul.no_det));
  fflush(stdout);
}

static void derive(gnb_t *g, int argc, char **argv)
{
  const char *vals[OLIVE_ARRAY_SIZE(app_flags)];
  gnb_cfg_load(&g->cfg, argc, argv, app_flags, vals);
  g->duration_s = parse_duration(vals[0]);
  gnb_cell_err_t err;
  if (gnb_cell_derive(&g->cfg, &g->cell, &err) < 0)
    gnb_cfg_fail(argc, argv, err.key, err.msg);
}

int main(int argc0, char **argv0)
{
  int argc;
  char **argv = split_flags(argc0, argv0, &argc);
  static gnb_t g;
  derive(&g, argc, argv);
  if (gnb_cfg_apply_logging(&g.cfg) < 0)
    return OLIVE_CFG_EXIT_STATUS;
  if (g.cfg.expert.mlock)
    olive_mlockall();
  print_banner(&g);
  char msg[256];
  gnb_dl_args_t da = {.cell = &g.cell,
                      .pci = g.cfg.cell.pci,
                      .nof_proc = g.cfg.expert.nof_workers,
                      .pcap_path = g.cfg.pcap.mac_enable ? g.cfg.pcap.mac_filename : NULL};
  gnb_ul_args_t ua = {.cell = &g.cell, .nof_det = g.cfg.expert.nof_workers};
  int rc = gnb_dl_init(&g.dl, &da, msg, sizeof(msg));
  if (rc == 0)
    rc = gnb_ul_init(&g.ul, &ua, msg, sizeof(msg));
  if (rc < 0) {
    fprintf(stderr, "error: %s\n", msg);
    gnb_dl_free(&g.dl);
    gnb_ul_free(&g.ul);
    return 1;
  }
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  rc = open_radio(&g) < 0 || start_engine(&g) < 0 ? 1 : run(&g);
  shutdown_all(&g);
  olive_log_stop();
  free(argv);
  return rc;
}
