/* SPDX-License-Identifier: Apache-2.0 */
/* Threads with real-time scheduling. When SCHED_FIFO or pinning is not permitted (no
 * CAP_SYS_NICE, a container, a CI runner) the thread still starts with normal scheduling
 * and one warning is logged per process; the caller carries on. */
#ifndef OLIVE_SUPPORT_THREAD_H
#define OLIVE_SUPPORT_THREAD_H

#include <pthread.h>
#include <stdbool.h>

#include "olive/support/api.h"

typedef struct olive_thread_args {
  const char *name; /* at most 15 characters are shown by the OS */
  int rt_priority;  /* SCHED_FIFO priority 1..99; 0 = normal scheduling */
  int cpu;          /* CPU to pin to; -1 = any */
} olive_thread_args_t;

typedef struct olive_thread {
  pthread_t tid;
  bool started;
  bool realtime; /* SCHED_FIFO was granted */
  bool pinned;   /* affinity was granted */
} olive_thread_t;

/* Starts fn(arg) on a new thread. 0 or OLIVE_EIO when the thread cannot be created;
 * refused priority or affinity is not an error (see t->realtime, t->pinned). */
OLIVE_API int olive_thread_start(olive_thread_t *t, const olive_thread_args_t *args,
                                 void *(*fn)(void *), void *arg);

/* Joins a started thread. NULL-safe; a no-op for a thread that never started. */
OLIVE_API void olive_thread_join(olive_thread_t *t);

/* Applies priority and affinity to the calling thread (same fallback rules). */
OLIVE_API void olive_thread_setup_self(const olive_thread_args_t *args, bool *realtime,
                                       bool *pinned);

/* mlockall(MCL_CURRENT | MCL_FUTURE); warns once and returns false when not permitted. */
OLIVE_API bool olive_mlockall(void);

#endif
