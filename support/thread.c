/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/thread.h"

#include <errno.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>

#include "olive/support/error.h"
#include "olive/support/log.h"

void olive_thread_setup_self(const olive_thread_args_t *args, bool *realtime, bool *pinned)
{
  bool rt = false, pin = false;
  if (args->name != NULL) {
    char name[16];
    strncpy(name, args->name, sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    pthread_setname_np(pthread_self(), name);
  }
  if (args->rt_priority > 0) {
    struct sched_param sp = {.sched_priority = args->rt_priority};
    int err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
    if (err == 0)
      rt = true;
    else
      OLOG_ONCE(OLIVE_LOG_APP, OLIVE_LOG_WARN,
                "thread '%s': SCHED_FIFO priority %d refused (%s); running with normal "
                "scheduling (grant CAP_SYS_NICE or run as root for real-time)",
                args->name ? args->name : "?", args->rt_priority, strerror(err));
  }
  if (args->cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(args->cpu, &set);
    int err = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
    if (err == 0)
      pin = true;
    else
      OLOG_ONCE(OLIVE_LOG_APP, OLIVE_LOG_WARN,
                "thread '%s': pinning to CPU %d refused (%s); unpinned",
                args->name ? args->name : "?", args->cpu, strerror(err));
  }
  if (realtime != NULL)
    *realtime = rt;
  if (pinned != NULL)
    *pinned = pin;
}

struct trampoline {
  olive_thread_args_t args;
  olive_thread_t *t;
  void *(*fn)(void *);
  void *arg;
};

/* Runs on the new thread: the thread applies its own priority and affinity, so a refusal
 * never stops it from starting. */
static void *thread_main(void *p)
{
  struct trampoline tr = *(struct trampoline *)p;
  free(p);
  olive_thread_setup_self(&tr.args, &tr.t->realtime, &tr.t->pinned);
  return tr.fn(tr.arg);
}

int olive_thread_start(olive_thread_t *t, const olive_thread_args_t *args, void *(*fn)(void *),
                       void *arg)
{
  memset(t, 0, sizeof(*t));
  struct trampoline *tr = malloc(sizeof(*tr));
  if (tr == NULL)
    return OLIVE_ENOMEM;
  *tr = (struct trampoline){.args = *args, .t = t, .fn = fn, .arg = arg};
  int err = pthread_create(&t->tid, NULL, thread_main, tr);
  if (err != 0) {
    free(tr);
    OLOG_ERROR(OLIVE_LOG_APP, "thread '%s': cannot create (%s)", args->name ? args->name : "?",
               strerror(err));
    return OLIVE_EIO;
  }
  t->started = true;
  return OLIVE_OK;
}

void olive_thread_join(olive_thread_t *t)
{
  if (t == NULL || !t->started)
    return;
  pthread_join(t->tid, NULL);
  t->started = false;
}

bool olive_mlockall(void)
{
  if (mlockall(MCL_CURRENT | MCL_FUTURE) == 0)
    return true;
  OLOG_ONCE(OLIVE_LOG_APP, OLIVE_LOG_WARN, "mlockall refused (%s); memory may page",
            strerror(errno));
  return false;
}
