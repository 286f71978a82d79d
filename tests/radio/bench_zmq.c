/* SPDX-License-Identifier: Apache-2.0 */
/* ZMQ link benchmark: two processes on loopback (this one as "gnb", a forked peer as
 * "ue"), cross-wired as in INTEROP.md, each doing rx(slot) then tx(slot, 4 slots ahead)
 * with 23,040-sample slots (1 ms at 23.04 Msps, the srsRAN tutorial's 20 MHz cell).
 *   mode=unpaced: as fast as the link goes; value = Msamples/s per direction.
 *   mode=paced:   each side waits for the slot's wall-clock time (23.04 Msps); value =
 *                 CPU time of both processes over wall time, in % of one core.
 * The link must beat 23.04 Msps unpaced and leave most of a core free paced. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "olive/radio/radio.h"
#include "olive/support/bench.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

#define SLOT  23040u
#define SRATE 23.04e6

typedef struct side_cfg {
  char args[256];
  unsigned slots;
  bool paced;
} side_cfg_t;

static int run_side(const side_cfg_t *c)
{
  olive_radio_t r;
  if (olive_radio_open(&r, "zmq", c->args, 1) < 0 || olive_radio_start(&r) < 0)
    return 1;
  olive_radio_cf_t *rx = olive_mem_calloc(SLOT, sizeof(*rx));
  olive_radio_cf_t *tx = olive_mem_calloc(SLOT, sizeof(*tx));
  for (unsigned i = 0; i < SLOT; i++)
    tx[i] = (float)i * 1e-5f;
  uint64_t t0 = olive_time_ns();
  int rc = 0;
  for (unsigned k = 0; k < c->slots && rc == 0; k++) {
    if (c->paced)
      olive_sleep_until_ns(t0 + (uint64_t)k * 1000000ull);
    uint64_t ts;
    olive_radio_cf_t *rb[1] = {rx};
    const olive_radio_cf_t *tb[1] = {tx};
    /* The last 4 slots are not transmitted: the peer stops reading at slot N. */
    if (olive_radio_rx(&r, rb, SLOT, &ts) != (int)SLOT ||
        (k + 4 < c->slots && olive_radio_tx(&r, tb, SLOT, ts + 4 * SLOT, 0) != (int)SLOT))
      rc = 1;
  }
  olive_mem_free(rx);
  olive_mem_free(tx);
  olive_radio_close(&r);
  return rc;
}

static double cpu_s(const struct rusage *u)
{
  return (double)u->ru_utime.tv_sec + (double)u->ru_utime.tv_usec * 1e-6 +
         (double)u->ru_stime.tv_sec + (double)u->ru_stime.tv_usec * 1e-6;
}

/* Runs one case; returns wall seconds and the CPU seconds of both processes. */
static int run_case(const char *fmt, int port, unsigned slots, bool paced, double *wall,
                    double *cpu)
{
  side_cfg_t gnb = {.slots = slots, .paced = paced}, ue = gnb;
  snprintf(gnb.args, sizeof(gnb.args),
           "tx_port=tcp://127.0.0.1:%d,rx_port=tcp://127.0.0.1:%d,id=gnb,tx_format=%s,"
           "rx_format=%s",
           port, port + 1, fmt, fmt);
  snprintf(ue.args, sizeof(ue.args),
           "tx_port=tcp://127.0.0.1:%d,rx_port=tcp://127.0.0.1:%d,id=ue,tx_format=%s,"
           "rx_format=%s",
           port + 1, port, fmt, fmt);
  struct rusage self0, self1, child;
  getrusage(RUSAGE_SELF, &self0);
  uint64_t t0 = olive_time_ns();
  pid_t pid = fork();
  if (pid == 0)
    _exit(run_side(&ue));
  int rc = run_side(&gnb), status = 0;
  wait4(pid, &status, 0, &child);
  *wall = (double)(olive_time_ns() - t0) * 1e-9;
  getrusage(RUSAGE_SELF, &self1);
  *cpu = cpu_s(&self1) - cpu_s(&self0) + cpu_s(&child);
  return (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) ? 0 : 1;
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 3);
  olive_log_set_level(OLIVE_LOG_RADIO, OLIVE_LOG_ERROR); /* peers closing at the end warn */
  unsigned slots = b.smoke ? 100 : 3000, reps = b.smoke ? 1 : b.reps;
  static const char *const fmts[2] = {"fc32", "sc16"};
  int port = 24740;
  for (int f = 0; f < 2; f++) {
    double rate[16], wall, cpu;
    for (unsigned r = 0; r < reps && r < 16; r++, port += 2) {
      if (run_case(fmts[f], port, slots, false, &wall, &cpu) != 0)
        return 1;
      rate[r] = (double)slots * SLOT / wall * 1e-6;
    }
    char keys[96];
    snprintf(keys, sizeof(keys), "fmt=%s mode=unpaced slot=%u", fmts[f], SLOT);
    olive_bench_report("zmq_link", keys, olive_bench_median(rate, reps < 16 ? reps : 16), "Msps");
    if (run_case(fmts[f], port, b.smoke ? 50 : 2000, true, &wall, &cpu) != 0)
      return 1;
    port += 2;
    snprintf(keys, sizeof(keys), "fmt=%s mode=paced srate=23.04e6 procs=2", fmts[f]);
    olive_bench_report("zmq_link", keys, 100.0 * cpu / wall, "%cpu");
  }
  return 0;
}
