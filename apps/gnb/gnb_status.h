/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB's once-a-second status line, from the engine's metrics snapshot:
 *   t=12.0s sfn=200 slots=12000 late=0 uf=0 of=0 cpu=23.4% dl_p50=150us dl_p99=210us
 *   ul_max=900us prach=3
 * (one line). slots counts DL slots sent, late DL slots skipped (deadline missed,
 * engine.h), uf/of the radio's underflow/overflow events, cpu the process CPU time (all
 * threads) over the wall time since the previous line, in % of one core, ul_max the
 * longest UL slot processing (the PRACH search) since start-up, prach the preambles
 * detected since start-up. Runs on the main thread. */
#ifndef OLIVE_APPS_GNB_STATUS_H
#define OLIVE_APPS_GNB_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "olive/radio/engine.h"

typedef struct gnb_status {
  uint64_t t0_ns, last_ns;
  double last_cpu_s;
} gnb_status_t;

void gnb_status_init(gnb_status_t *s);

/* Process CPU time (user + system, every thread), seconds. */
double gnb_status_cpu_s(void);

/* Formats the line for snapshot m and `prach` preambles into out; updates the CPU
 * reference. */
int gnb_status_line(gnb_status_t *s, const olive_engine_metrics_t *m, uint32_t slots_per_frame,
                    uint64_t prach, char *out, size_t len);

#endif
