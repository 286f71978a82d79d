/* SPDX-License-Identifier: Apache-2.0 */
/* Logger. Producers (any thread) claim a slot of a bounded multi-producer queue with one
 * CAS (D. Vyukov's bounded MPMC queue: each cell carries a sequence number telling whose
 * turn it is), format the message text into it and publish it. One consumer at a time
 * (the drain thread, or olive_log_flush() under drain_lock) formats the line prefix and
 * writes to the sinks. A full queue drops the message and counts it. */
#include "olive/support/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive/support/thread.h"
#include "olive/support/time.h"

#define LOG_TEXT            256
#define LOG_DEFAULT_ENTRIES 4096
#define LOG_DRAIN_PERIOD_NS 2000000ull

volatile uint8_t olive_log_levels[OLIVE_LOG_NCAT] = {
    OLIVE_LOG_INFO, OLIVE_LOG_INFO, OLIVE_LOG_INFO, OLIVE_LOG_INFO,
    OLIVE_LOG_INFO, OLIVE_LOG_INFO, OLIVE_LOG_INFO, OLIVE_LOG_INFO,
};

static const char *const cat_names[OLIVE_LOG_NCAT] = {"PHY", "MAC",  "RLC",   "PDCP",
                                                      "RRC", "NGAP", "RADIO", "APP"};
static const char *const level_names[] = {"none", "error", "warning", "info", "debug"};
static const char level_letters[] = {'-', 'E', 'W', 'I', 'D'};

typedef struct log_entry {
  _Atomic uint64_t seq;
  uint64_t t_ns;
  int32_t sfn; /* -1: no slot context */
  int32_t slot;
  uint8_t cat, lvl;
  char text[LOG_TEXT];
} log_entry_t;

static struct {
  log_entry_t *cells;
  uint64_t mask;
  _Alignas(64) _Atomic uint64_t enq;
  _Alignas(64) uint64_t deq;
  _Alignas(64) _Atomic uint64_t dropped;
  _Atomic bool running; /* producers use the queue */
  _Atomic bool stop;
  olive_thread_t drain_thread;
  pthread_mutex_t drain_lock; /* one consumer at a time; also serialises direct writes */
  bool console;
  FILE *file;
} L = {.console = true, .drain_lock = PTHREAD_MUTEX_INITIALIZER};

static _Thread_local int32_t tl_sfn = -1;
static _Thread_local int32_t tl_slot;

void olive_log_set_slot(int sfn, int slot)
{
  tl_sfn = sfn;
  tl_slot = slot;
}

/* Formats one complete line and writes it to the sinks. Called with drain_lock held. */
static void emit(uint64_t t_ns, int32_t sfn, int32_t slot, unsigned cat, unsigned lvl,
                 const char *text)
{
  time_t secs = (time_t)(t_ns / 1000000000ull);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char ctx[24] = "";
  if (sfn >= 0)
    snprintf(ctx, sizeof(ctx), " [%4d.%-2d]", (int)sfn, (int)slot);
  char line[LOG_TEXT + 96];
  int n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ [%-5s] %c%s %s\n",
                   tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                   (unsigned)(t_ns % 1000000000ull / 1000), cat_names[cat], level_letters[lvl], ctx,
                   text);
  if (n < 0)
    return;
  size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
  if (L.console)
    fwrite(line, 1, len, stderr);
  if (L.file != NULL)
    fwrite(line, 1, len, L.file);
}

static bool enqueue(unsigned cat, unsigned lvl, const char *fmt, va_list ap)
{
  uint64_t pos = atomic_load_explicit(&L.enq, memory_order_relaxed);
  log_entry_t *c;
  for (;;) {
    c = &L.cells[pos & L.mask];
    uint64_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
    int64_t dif = (int64_t)(seq - pos);
    if (dif == 0) {
      if (atomic_compare_exchange_weak_explicit(&L.enq, &pos, pos + 1, memory_order_relaxed,
                                                memory_order_relaxed))
        break;
    } else if (dif < 0) {
      return false; /* full */
    } else {
      pos = atomic_load_explicit(&L.enq, memory_order_relaxed);
    }
  }
  c->t_ns = olive_wallclock_ns();
  c->sfn = tl_sfn;
  c->slot = tl_slot;
  c->cat = (uint8_t)cat;
  c->lvl = (uint8_t)lvl;
  vsnprintf(c->text, sizeof(c->text), fmt, ap);
  atomic_store_explicit(&c->seq, pos + 1, memory_order_release);
  return true;
}

void olive_log_write(olive_log_cat_t cat, olive_log_level_t lvl, const char *fmt, ...)
{
  if ((unsigned)cat >= OLIVE_LOG_NCAT || lvl <= OLIVE_LOG_NONE || lvl > OLIVE_LOG_DEBUG)
    return;
  va_list ap;
  va_start(ap, fmt);
  if (atomic_load_explicit(&L.running, memory_order_acquire)) {
    if (!enqueue(cat, lvl, fmt, ap))
      atomic_fetch_add_explicit(&L.dropped, 1, memory_order_relaxed);
  } else {
    char text[LOG_TEXT];
    vsnprintf(text, sizeof(text), fmt, ap);
    pthread_mutex_lock(&L.drain_lock);
    emit(olive_wallclock_ns(), tl_sfn, tl_slot, cat, lvl, text);
    pthread_mutex_unlock(&L.drain_lock);
  }
  va_end(ap);
}

/* Writes every published entry. Returns how many. Caller holds drain_lock. */
static unsigned drain_locked(void)
{
  unsigned n = 0;
  if (L.cells == NULL)
    return 0;
  for (;;) {
    log_entry_t *c = &L.cells[L.deq & L.mask];
    uint64_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
    if (seq != L.deq + 1)
      break; /* empty, or the producer of this cell has not published yet */
    emit(c->t_ns, c->sfn, c->slot, c->cat, c->lvl, c->text);
    atomic_store_explicit(&c->seq, L.deq + L.mask + 1, memory_order_release);
    L.deq++;
    n++;
  }
  if (n > 0) {
    if (L.file != NULL)
      fflush(L.file);
    fflush(stderr);
  }
  return n;
}

void olive_log_flush(void)
{
  pthread_mutex_lock(&L.drain_lock);
  drain_locked();
  pthread_mutex_unlock(&L.drain_lock);
}

int olive_log_init(const olive_log_args_t *args)
{
  uint32_t n = args->ring_entries ? args->ring_entries : LOG_DEFAULT_ENTRIES;
  if (n < 2 || (n & (n - 1)) != 0)
    return OLIVE_EINVAL;
  if (atomic_load(&L.running))
    return OLIVE_ESTATE;
  FILE *f = NULL;
  if (args->file_path != NULL && args->file_path[0] != '\0') {
    f = fopen(args->file_path, "a");
    if (f == NULL)
      return OLIVE_EIO;
  }
  log_entry_t *cells = olive_mem_calloc(n, sizeof(*cells));
  if (cells == NULL) {
    if (f != NULL)
      fclose(f);
    return OLIVE_ENOMEM;
  }
  for (uint32_t i = 0; i < n; i++)
    atomic_store_explicit(&cells[i].seq, i, memory_order_relaxed);
  pthread_mutex_lock(&L.drain_lock);
  olive_mem_free(L.cells);
  if (L.file != NULL)
    fclose(L.file);
  L.cells = cells;
  L.mask = n - 1;
  atomic_store(&L.enq, 0);
  L.deq = 0;
  atomic_store(&L.dropped, 0);
  L.console = args->console;
  L.file = f;
  pthread_mutex_unlock(&L.drain_lock);
  return OLIVE_OK;
}

static void *drain_main(void *unused)
{
  (void)unused;
  while (!atomic_load_explicit(&L.stop, memory_order_acquire)) {
    olive_log_flush();
    olive_sleep_ns(LOG_DRAIN_PERIOD_NS);
  }
  return NULL;
}

int olive_log_start(void)
{
  if (L.cells == NULL) {
    olive_log_args_t a = {.console = L.console};
    int err = olive_log_init(&a);
    if (err < 0)
      return err;
  }
  if (atomic_load(&L.running))
    return OLIVE_OK;
  atomic_store(&L.stop, false);
  atomic_store_explicit(&L.running, true, memory_order_release);
  olive_thread_args_t ta = {.name = "olive-log", .rt_priority = 0, .cpu = -1};
  int err = olive_thread_start(&L.drain_thread, &ta, drain_main, NULL);
  if (err < 0)
    atomic_store(&L.running, false);
  return err;
}

void olive_log_stop(void)
{
  if (atomic_load(&L.running)) {
    atomic_store(&L.stop, true);
    olive_thread_join(&L.drain_thread);
    atomic_store_explicit(&L.running, false, memory_order_release);
  }
  /* A producer that saw running == true just before may still be publishing; its entry
   * is drained here or by the next flush. */
  olive_log_flush();
  pthread_mutex_lock(&L.drain_lock);
  if (L.file != NULL) {
    fclose(L.file);
    L.file = NULL;
  }
  L.console = true;
  pthread_mutex_unlock(&L.drain_lock);
}

uint64_t olive_log_dropped(void)
{
  return atomic_load(&L.dropped);
}

void olive_log_set_level(olive_log_cat_t cat, olive_log_level_t lvl)
{
  if ((unsigned)cat < OLIVE_LOG_NCAT && lvl >= OLIVE_LOG_NONE && lvl <= OLIVE_LOG_DEBUG)
    olive_log_levels[cat] = (uint8_t)lvl;
}

void olive_log_set_all_levels(olive_log_level_t lvl)
{
  for (int c = 0; c < OLIVE_LOG_NCAT; c++)
    olive_log_set_level((olive_log_cat_t)c, lvl);
}

int olive_log_level_parse(const char *s)
{
  for (unsigned i = 0; i < OLIVE_ARRAY_SIZE(level_names); i++) {
    if (strcmp(s, level_names[i]) == 0)
      return (int)i;
  }
  if (strcmp(s, "warn") == 0)
    return OLIVE_LOG_WARN;
  return -1;
}

const char *olive_log_level_name(olive_log_level_t lvl)
{
  return (unsigned)lvl < OLIVE_ARRAY_SIZE(level_names) ? level_names[lvl] : "?";
}

const char *olive_log_cat_name(olive_log_cat_t cat)
{
  return (unsigned)cat < OLIVE_LOG_NCAT ? cat_names[cat] : "?";
}
