/* SPDX-License-Identifier: Apache-2.0 */
#include "gnb_status.h"

#include <stdio.h>
#include <time.h>

#include "olive/support/time.h"

double gnb_status_cpu_s(void)
{
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void gnb_status_init(gnb_status_t *s)
{
  s->t0_ns = s->last_ns = olive_time_ns();
  s->last_cpu_s = gnb_status_cpu_s();
}

int gnb_status_line(gnb_status_t *s, const olive_engine_metrics_t *m, uint32_t slots_per_frame,
                    uint64_t prach, char *out, size_t len)
{
  uint64_t now = olive_time_ns();
  double cpu = gnb_status_cpu_s();
  double wall = (double)(now - s->last_ns) * 1e-9;
  double pct = wall > 0 ? 100.0 * (cpu - s->last_cpu_s) / wall : 0.0;
  s->last_ns = now;
  s->last_cpu_s = cpu;
  /* The engine's slot clock is the radio's: slot n of frame n / slots_per_frame (mod 1024,
   * TS 38.211 4.3.1); rx_slots is the next slot it receives. */
  uint32_t sfn = (uint32_t)((m->rx_slots / slots_per_frame) % 1024);
  return snprintf(out, len,
                  "t=%.1fs sfn=%u slots=%llu late=%llu uf=%llu of=%llu cpu=%.1f%% dl_p50=%.0fus "
                  "dl_p99=%.0fus ul_max=%.0fus prach=%llu",
                  (double)(now - s->t0_ns) * 1e-9, sfn, (unsigned long long)m->dl_sent,
                  (unsigned long long)m->dl_late, (unsigned long long)m->radio.underflows,
                  (unsigned long long)m->radio.overflows, pct, m->dl_p50_us, m->dl_p99_us,
                  m->ul_max_us, (unsigned long long)prach);
}
