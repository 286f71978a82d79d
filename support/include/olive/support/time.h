/* SPDX-License-Identifier: Apache-2.0 */
/* Monotonic time. */
#ifndef OLIVE_SUPPORT_TIME_H
#define OLIVE_SUPPORT_TIME_H

#include <stdint.h>

#include "olive/support/api.h"

/* CLOCK_MONOTONIC in nanoseconds. */
OLIVE_API uint64_t olive_time_ns(void);

/* CLOCK_REALTIME in nanoseconds since the epoch (log time stamps, file names). */
OLIVE_API uint64_t olive_wallclock_ns(void);

/* Sleeps at least ns nanoseconds (restarts after signals). Not for slot paths. */
OLIVE_API void olive_sleep_ns(uint64_t ns);

/* Sleeps until the CLOCK_MONOTONIC instant t_ns. */
OLIVE_API void olive_sleep_until_ns(uint64_t t_ns);

#endif
