/* SPDX-License-Identifier: Apache-2.0 */
#include "slot_loop.h"

#include <string.h>

#include "olive/support/error.h"
#include "olive/support/time.h"

/* Percentile from the 10 us histogram, in us. */
static uint32_t hist_percentile(const uint32_t *h, uint64_t total, double p)
{
  uint64_t want = (uint64_t)(p * (double)total), seen = 0;
  for (unsigned b = 0; b <= SLOT_HIST_BINS; b++) {
    seen += h[b];
    if (seen > want)
      return b * 10 + 10;
  }
  return SLOT_HIST_BINS * 10;
}

static void publish(slot_loop_t *l, slot_metrics_t *acc, uint64_t t_ms)
{
  acc->dt_ms = t_ms - l->last_t_ms;
  acc->t_ms = t_ms;
  l->last_t_ms = t_ms;
  acc->p50_us = hist_percentile(l->hist, acc->slots, 0.50);
  acc->p99_us = hist_percentile(l->hist, acc->slots, 0.99);
  olive_spsc_push(&l->metrics, acc); /* a full ring drops the snapshot: main is not reading */
  memset(acc, 0, sizeof(*acc));
  memset(l->hist, 0, sizeof(l->hist));
}

static void *loop_main(void *arg)
{
  slot_loop_t *l = arg;
  slot_metrics_t acc = {0};
  uint64_t t0 = olive_time_ns() + l->a.slot_ns;
  uint64_t next_report = (uint64_t)l->a.period_ms * 1000000ull;
  uint64_t slot = 0;
  while (!atomic_load_explicit(&l->stop, memory_order_relaxed) &&
         (l->a.nof_slots == 0 || slot < l->a.nof_slots)) {
    uint64_t start = t0 + slot * l->a.slot_ns;
    olive_sleep_until_ns(start);
    bool more = l->a.work(l->a.ctx, slot, &acc);
    uint64_t end = olive_time_ns();
    uint64_t took_us = (end - start) / 1000;
    l->hist[took_us / 10 < SLOT_HIST_BINS ? took_us / 10 : SLOT_HIST_BINS]++;
    if (took_us > acc.max_us)
      acc.max_us = (uint32_t)took_us;
    acc.slots++;
    slot++;
    uint64_t deadline = start + l->a.slot_ns;
    if (end > deadline) {
      /* Late: skip the slot boundaries already past instead of running behind. */
      acc.late++;
      uint64_t behind = (end - t0) / l->a.slot_ns + 1;
      if (behind > slot) {
        acc.skipped += behind - slot;
        slot = behind;
      }
    }
    if (l->a.period_ms && end - t0 >= next_report) {
      publish(l, &acc, (end - t0) / 1000000ull);
      next_report += (uint64_t)l->a.period_ms * 1000000ull;
    }
    if (!more)
      break;
  }
  if (acc.slots > 0)
    publish(l, &acc, (olive_time_ns() - t0) / 1000000ull);
  atomic_store(&l->done, true);
  return NULL;
}

int slot_loop_start(slot_loop_t *l, const slot_loop_args_t *args)
{
  memset(l, 0, sizeof(*l));
  l->a = *args;
  int rc = olive_spsc_init(&l->metrics, sizeof(slot_metrics_t), 64);
  if (rc < 0)
    return rc;
  olive_thread_args_t ta = {.name = "olive-slot", .rt_priority = args->rt_priority, .cpu = -1};
  return olive_thread_start(&l->thread, &ta, loop_main, l);
}

void slot_loop_stop(slot_loop_t *l)
{
  atomic_store(&l->stop, true);
}

int slot_loop_poll(slot_loop_t *l, slot_metrics_t *m)
{
  return olive_spsc_pop(&l->metrics, m);
}

bool slot_loop_done(slot_loop_t *l)
{
  return atomic_load(&l->done);
}

void slot_loop_join(slot_loop_t *l)
{
  olive_thread_join(&l->thread);
  olive_spsc_free(&l->metrics);
}
