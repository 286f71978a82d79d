/* SPDX-License-Identifier: Apache-2.0 */
/* Slot engine metrics: a fixed histogram of processing times (1 us bins, lock-free
 * increments from the workers) read into percentiles by the housekeeping thread. */
#include <string.h>

#include "engine_internal.h"
#include "olive/support/log.h"
#include "olive/support/time.h"

void engine_hist_add(engine_hist_t *h, uint64_t ns)
{
  uint64_t us = ns / 1000;
  atomic_fetch_add_explicit(&h->bins[us < OLIVE_ENGINE_HIST_US ? us : OLIVE_ENGINE_HIST_US], 1,
                            memory_order_relaxed);
  uint64_t m = atomic_load_explicit(&h->max_ns, memory_order_relaxed);
  while (ns > m && !atomic_compare_exchange_weak(&h->max_ns, &m, ns))
    ;
}

/* Percentiles report the upper edge of the bin (a bound, never an underestimate). */
void engine_hist_stats(engine_hist_t *h, double *p50, double *p99, double *max)
{
  static const double q[2] = {0.50, 0.99};
  double *out[2] = {p50, p99};
  uint64_t total = 0;
  for (unsigned i = 0; i <= OLIVE_ENGINE_HIST_US; i++)
    total += atomic_load_explicit(&h->bins[i], memory_order_relaxed);
  for (int k = 0; k < 2; k++) {
    uint64_t need = (uint64_t)(q[k] * (double)total + 0.999999), cum = 0;
    *out[k] = 0;
    for (unsigned i = 0; total && i <= OLIVE_ENGINE_HIST_US; i++) {
      cum += atomic_load_explicit(&h->bins[i], memory_order_relaxed);
      if (cum >= need) {
        *out[k] = (double)(i + 1);
        break;
      }
    }
  }
  *max = (double)atomic_load(&h->max_ns) / 1000.0;
}

void olive_engine_metrics(olive_engine_t *e, olive_engine_metrics_t *m)
{
  memset(m, 0, sizeof(*m));
  if (!e)
    return;
  m->rx_slots = atomic_load(&e->rx_slots);
  m->dl_sent = atomic_load(&e->dl_sent);
  m->ul_done = atomic_load(&e->ul_done);
  m->dl_late = atomic_load(&e->dl_late);
  m->ul_dropped = atomic_load(&e->ul_dropped);
  m->dl_failed = atomic_load(&e->dl_failed);
  m->rx_errors = atomic_load(&e->rx_errors);
  engine_hist_stats(&e->dl_hist, &m->dl_p50_us, &m->dl_p99_us, &m->dl_max_us);
  engine_hist_stats(&e->ul_hist, &m->ul_p50_us, &m->ul_p99_us, &m->ul_max_us);
  olive_radio_counters(e->a.radio, &m->radio);
}

/* Low priority: wakes every 50 ms to notice stop, logs one line per period. */
void *engine_hk_thread(void *arg)
{
  olive_engine_t *e = arg;
  unsigned period = e->a.metrics_period_ms ? e->a.metrics_period_ms : 1000, waited = 0;
  while (atomic_load(&e->running)) {
    olive_sleep_ns(50000000);
    waited += 50;
    if (waited < period || !e->a.log_metrics)
      continue;
    waited = 0;
    olive_engine_metrics_t m;
    olive_engine_metrics(e, &m);
    OLOG_INFO(OLIVE_LOG_RADIO,
              "engine: rx=%llu dl=%llu ul=%llu dl_late=%llu ul_drop=%llu dl p50/p99/max="
              "%.0f/%.0f/%.0f us ul p50/p99/max=%.0f/%.0f/%.0f us radio O=%llu U=%llu L=%llu",
              (unsigned long long)m.rx_slots, (unsigned long long)m.dl_sent,
              (unsigned long long)m.ul_done, (unsigned long long)m.dl_late,
              (unsigned long long)m.ul_dropped, m.dl_p50_us, m.dl_p99_us, m.dl_max_us, m.ul_p50_us,
              m.ul_p99_us, m.ul_max_us, (unsigned long long)m.radio.overflows,
              (unsigned long long)m.radio.underflows, (unsigned long long)m.radio.late);
  }
  return NULL;
}
