/* SPDX-License-Identifier: Apache-2.0 */
/* Costs of the real-time primitives on the calling thread: pool get+put, SPSC push+pop,
 * and a log call that is filtered out and one that is queued. */
#include <stdio.h>

#include "olive/support/bench.h"
#include "olive/support/log.h"
#include "olive/support/pool.h"
#include "olive/support/ring.h"
#include "olive/support/time.h"

#define MAX_REPS 64

static double ns_per_op(uint64_t t0, unsigned n)
{
  return (double)(olive_time_ns() - t0) / n;
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 15);
  unsigned n = b.smoke ? 1000 : 1000000;
  double pool[MAX_REPS], ring[MAX_REPS], logoff[MAX_REPS], logon[MAX_REPS];
  unsigned reps = b.reps < MAX_REPS ? b.reps : MAX_REPS;

  olive_pool_t p;
  olive_pool_init(&p, 256, 64);
  olive_spsc_t r;
  olive_spsc_init(&r, 64, 1024);
  olive_log_args_t la = {.ring_entries = 1u << 20, .console = false, .file_path = "/dev/null"};
  olive_log_init(&la);
  olive_log_start();
  olive_log_set_level(OLIVE_LOG_PHY, OLIVE_LOG_INFO);
  unsigned logn = n < 100000 ? n : 100000; /* stay below the ring size: no drops */
  for (unsigned k = 0; k < reps; k++) {
    uint64_t t0 = olive_time_ns();
    for (unsigned i = 0; i < n; i++)
      olive_pool_put(&p, olive_pool_get(&p));
    pool[k] = ns_per_op(t0, n);
    char e[64] = {0};
    t0 = olive_time_ns();
    for (unsigned i = 0; i < n; i++) {
      olive_spsc_push(&r, e);
      olive_spsc_pop(&r, e);
    }
    ring[k] = ns_per_op(t0, n);
    t0 = olive_time_ns();
    for (unsigned i = 0; i < n; i++)
      OLOG_DEBUG(OLIVE_LOG_PHY, "filtered %u", i);
    logoff[k] = ns_per_op(t0, n);
    t0 = olive_time_ns();
    for (unsigned i = 0; i < logn; i++)
      OLOG_INFO(OLIVE_LOG_PHY, "queued %u", i);
    logon[k] = ns_per_op(t0, logn);
    olive_log_flush();
  }
  olive_bench_report("pool_get_put", "", olive_bench_median(pool, reps), "ns");
  olive_bench_report("spsc_push_pop", "elem=64", olive_bench_median(ring, reps), "ns");
  olive_bench_report("log_call", "state=filtered", olive_bench_median(logoff, reps), "ns");
  olive_bench_report("log_call", "state=queued", olive_bench_median(logon, reps), "ns");
  olive_log_stop();
  olive_spsc_free(&r);
  olive_pool_free(&p);
  return 0;
}
