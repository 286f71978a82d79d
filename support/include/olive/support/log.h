/* SPDX-License-Identifier: Apache-2.0 */
/* Logging: one category per layer, one level per category, checked before any
 * formatting.
 *
 * Before olive_log_start() every message is written straight to the sinks (handy for
 * tools and start-up). After it, a log call formats into one slot of a preallocated
 * multi-producer ring and returns: it never blocks, allocates or does I/O, so slot
 * threads may log. A low-priority thread drains the ring to the console and/or a file.
 * When the ring is full the message is dropped and counted (olive_log_dropped()).
 *
 * Lines read:  2026-11-25T17:43:09.123456Z [PHY  ] I [ 123.4] text
 * where [ 123.4] is SFN.slot, present when the calling thread set it with
 * olive_log_set_slot(). */
#ifndef OLIVE_SUPPORT_LOG_H
#define OLIVE_SUPPORT_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

typedef enum olive_log_cat {
  OLIVE_LOG_PHY,
  OLIVE_LOG_MAC,
  OLIVE_LOG_RLC,
  OLIVE_LOG_PDCP,
  OLIVE_LOG_RRC,
  OLIVE_LOG_NGAP,
  OLIVE_LOG_RADIO,
  OLIVE_LOG_APP,
  OLIVE_LOG_NCAT
} olive_log_cat_t;

typedef enum olive_log_level {
  OLIVE_LOG_NONE = 0,
  OLIVE_LOG_ERROR = 1,
  OLIVE_LOG_WARN = 2,
  OLIVE_LOG_INFO = 3,
  OLIVE_LOG_DEBUG = 4,
} olive_log_level_t;

/* Level per category. Written by the app at start-up; read on every log call. */
OLIVE_API extern volatile uint8_t olive_log_levels[OLIVE_LOG_NCAT];

static inline bool olive_log_enabled(olive_log_cat_t cat, olive_log_level_t lvl)
{
  return (uint8_t)lvl <= olive_log_levels[cat];
}

OLIVE_API void olive_log_write(olive_log_cat_t cat, olive_log_level_t lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define OLOG(cat, lvl, ...)                                                                        \
  do {                                                                                             \
    if (olive_log_enabled((cat), (lvl)))                                                           \
      olive_log_write((cat), (lvl), __VA_ARGS__);                                                  \
  } while (0)
#define OLOG_ERROR(cat, ...) OLOG(cat, OLIVE_LOG_ERROR, __VA_ARGS__)
#define OLOG_WARN(cat, ...)  OLOG(cat, OLIVE_LOG_WARN, __VA_ARGS__)
#define OLOG_INFO(cat, ...)  OLOG(cat, OLIVE_LOG_INFO, __VA_ARGS__)
#define OLOG_DEBUG(cat, ...) OLOG(cat, OLIVE_LOG_DEBUG, __VA_ARGS__)

/* Logs at most once per call site for the life of the process ("logged once" for
 * malformed PDUs and refused privileges; the caller still counts every occurrence). */
#define OLOG_ONCE(cat, lvl, ...)                                                                   \
  do {                                                                                             \
    static int olog_once_;                                                                         \
    if (olive_log_enabled((cat), (lvl)) &&                                                         \
        __atomic_exchange_n(&olog_once_, 1, __ATOMIC_RELAXED) == 0)                                \
      olive_log_write((cat), (lvl), __VA_ARGS__);                                                  \
  } while (0)

typedef struct olive_log_args {
  uint32_t ring_entries; /* power of two; 0 = 4096 */
  bool console;          /* write to stderr */
  const char *file_path; /* also write to this file (appended); NULL = none */
} olive_log_args_t;

/* Configures the sinks and allocates the ring. Without it, logs go to stderr directly.
 * 0, OLIVE_EINVAL, OLIVE_ENOMEM or OLIVE_EIO (file cannot be opened). */
OLIVE_API int olive_log_init(const olive_log_args_t *args);

/* Starts the drain thread; from now on log calls only touch the ring. */
OLIVE_API int olive_log_start(void);

/* Drains what is queued, stops the drain thread, closes the file. Log calls after it go
 * straight to stderr again. Safe to call when never started. */
OLIVE_API void olive_log_stop(void);

/* Drains what is queued from the calling thread (tests, or before exit). */
OLIVE_API void olive_log_flush(void);

/* Messages dropped because the ring was full. */
OLIVE_API uint64_t olive_log_dropped(void);

/* Sets the SFN.slot shown in this thread's messages; sfn < 0 clears it. */
OLIVE_API void olive_log_set_slot(int sfn, int slot);

OLIVE_API void olive_log_set_level(olive_log_cat_t cat, olive_log_level_t lvl);
OLIVE_API void olive_log_set_all_levels(olive_log_level_t lvl);

/* "none", "error", "warning", "info", "debug" -> level; -1 when unknown. */
OLIVE_API int olive_log_level_parse(const char *s);
OLIVE_API const char *olive_log_level_name(olive_log_level_t lvl);
OLIVE_API const char *olive_log_cat_name(olive_log_cat_t cat);

#endif
