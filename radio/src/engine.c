/* SPDX-License-Identifier: Apache-2.0 */
/* Real-time slot engine (thread model and deadlines in olive/radio/engine.h and
 * radio/README.md). Slot numbering: TS 38.211 4.3.1, 10 ms frames of 10 * 2^mu slots. */
#include <string.h>
#include <time.h>

#include "engine_internal.h"
#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"

static bool running(olive_engine_t *e)
{
  return atomic_load_explicit(&e->running, memory_order_acquire);
}

static olive_engine_slot_t slot_info(const olive_engine_t *e, uint64_t abs)
{
  return (olive_engine_slot_t){.abs_slot = abs,
                               .sfn = (uint32_t)((abs / e->a.slots_per_frame) % 1024),
                               .slot = (uint32_t)(abs % e->a.slots_per_frame),
                               .ts = abs * e->a.slot_samples};
}

/* DL slot m is late once the rx thread receives slot m - 1 (see engine.h). */
static bool dl_late(olive_engine_t *e, uint64_t m)
{
  return atomic_load_explicit(&e->rx_next, memory_order_acquire) + 1 >= m;
}

static void wake_tx(olive_engine_t *e)
{
  pthread_mutex_lock(&e->tmu);
  pthread_cond_broadcast(&e->tcv);
  pthread_mutex_unlock(&e->tmu);
}

static void timed_wait(pthread_cond_t *cv, pthread_mutex_t *mu, unsigned ms)
{
  uint64_t t = olive_time_ns() + ms * 1000000ull;
  struct timespec ts = {.tv_sec = (time_t)(t / 1000000000u), .tv_nsec = (long)(t % 1000000000u)};
  pthread_cond_timedwait(cv, mu, &ts);
}

/* ---- job queue (bounded, never blocks the producer) ---- */

static bool push_job(olive_engine_t *e, int type, unsigned buf, uint64_t slot)
{
  bool ok = false;
  pthread_mutex_lock(&e->qmu);
  if (e->qhead - e->qtail < ENGINE_QUEUE) {
    e->q[e->qhead++ % ENGINE_QUEUE] = (engine_job_t){.type = type, .buf = buf, .slot = slot};
    pthread_cond_signal(&e->qcv);
    ok = true;
  }
  pthread_mutex_unlock(&e->qmu);
  return ok;
}

static bool pop_job(olive_engine_t *e, engine_job_t *j)
{
  bool ok = false;
  pthread_mutex_lock(&e->qmu);
  if (e->qhead == e->qtail && running(e))
    timed_wait(&e->qcv, &e->qmu, 50);
  if (e->qhead != e->qtail) {
    *j = e->q[e->qtail++ % ENGINE_QUEUE];
    ok = true;
  }
  pthread_mutex_unlock(&e->qmu);
  return ok;
}

/* ---- workers ---- */

static void run_dl(olive_engine_t *e, const engine_job_t *j)
{
  if (dl_late(e, j->slot)) { /* already too late to start: skip, never send late */
    atomic_store(&e->dl_state[j->buf], BUF_SKIP);
    atomic_fetch_add(&e->dl_late, 1);
    wake_tx(e);
    return;
  }
  olive_engine_slot_t s = slot_info(e, j->slot);
  uint64_t t0 = olive_time_ns();
  int ret = e->a.dl_slot(e->a.ctx, &s, &e->dl_buf[j->buf * e->a.nof_channels]);
  engine_hist_add(&e->dl_hist, olive_time_ns() - t0);
  if (ret < 0)
    atomic_fetch_add(&e->dl_failed, 1);
  int busy = BUF_BUSY;
  if (!atomic_compare_exchange_strong(&e->dl_state[j->buf], &busy,
                                      ret < 0 ? BUF_SKIP : BUF_READY)) {
    atomic_store(&e->dl_state[j->buf], BUF_FREE); /* the tx thread gave up on it */
    atomic_fetch_add(&e->dl_late, 1);
  }
  wake_tx(e);
}

static void run_ul(olive_engine_t *e, const engine_job_t *j)
{
  olive_engine_slot_t s = slot_info(e, j->slot);
  uint64_t t0 = olive_time_ns();
  e->a.ul_slot(e->a.ctx, &s,
               (const olive_radio_cf_t *const *)&e->ul_buf[j->buf * e->a.nof_channels]);
  engine_hist_add(&e->ul_hist, olive_time_ns() - t0);
  atomic_fetch_add(&e->ul_done, 1);
  atomic_store(&e->ul_busy[j->buf], 0);
}

static void *worker_thread(void *arg)
{
  olive_engine_t *e = arg;
  engine_job_t j;
  while (running(e)) {
    if (!pop_job(e, &j))
      continue;
    if (j.type == JOB_DL)
      run_dl(e, &j);
    else
      run_ul(e, &j);
  }
  return NULL;
}

/* ---- rx thread ---- */

static void post_dl(olive_engine_t *e, uint64_t m)
{
  unsigned b = (unsigned)(m % e->nb_dl);
  int st = atomic_load(&e->dl_state[b]);
  /* A decided buffer the tx thread has already passed (it may have looked while the
   * buffer was being posted) is reclaimed, so no buffer is lost for good. */
  bool stale =
      (st == BUF_READY || st == BUF_SKIP) && atomic_load(&e->dl_slot[b]) < atomic_load(&e->tx_next);
  if (!stale)
    st = BUF_FREE;
  if (!atomic_compare_exchange_strong(&e->dl_state[b], &st, BUF_BUSY)) {
    atomic_fetch_add(&e->dl_late, 1); /* its buffer still holds an older slot */
    return;
  }
  e->dl_slot[b] = m;
  uint64_t none = UINT64_MAX;
  atomic_compare_exchange_strong(&e->first_dl, &none, m);
  if (!push_job(e, JOB_DL, b, m)) {
    atomic_store(&e->dl_state[b], BUF_SKIP);
    atomic_fetch_add(&e->dl_late, 1);
  }
}

/* Receives slot-aligned: a first timestamp inside a slot is followed by a short read
 * up to the next slot boundary. Returns the slot received or a negative error. */
static int64_t rx_slot(olive_engine_t *e, olive_radio_cf_t *const *bufs)
{
  uint64_t ts;
  int ret = olive_radio_rx(e->a.radio, bufs, e->a.slot_samples, &ts);
  if (ret < 0)
    return ret;
  uint64_t off = ts % e->a.slot_samples;
  if (off == 0)
    return (int64_t)(ts / e->a.slot_samples);
  ret = olive_radio_rx(e->a.radio, e->scratch, e->a.slot_samples - (uint32_t)off, &ts);
  return ret < 0 ? ret : OLIVE_EAGAIN;
}

static olive_radio_cf_t *const *ul_target(olive_engine_t *e, uint64_t k, bool *use)
{
  unsigned b = (unsigned)(k % e->nb_ul);
  *use = e->a.ul_slot && atomic_load(&e->ul_busy[b]) == 0;
  if (e->a.ul_slot && !*use)
    atomic_fetch_add(&e->ul_dropped, 1); /* a worker still reads this buffer */
  return *use ? &e->ul_buf[b * e->a.nof_channels] : e->scratch;
}

/* lockstep: before publishing rx_next = k + 1, which makes DL slot k + 2 late, wait
 * until the tx thread has decided on that slot (bounded, so a stuck worker cannot stop
 * the radio for good). */
static void lockstep_wait(olive_engine_t *e, uint64_t k)
{
  uint64_t m = k + 2, first = atomic_load(&e->first_dl), t0 = olive_time_ns();
  if (!e->a.lockstep || first == UINT64_MAX || m < first)
    return;
  pthread_mutex_lock(&e->tmu);
  while (running(e) && atomic_load(&e->tx_next) <= m && olive_time_ns() - t0 < 1000000000ull)
    timed_wait(&e->tcv, &e->tmu, 20);
  pthread_mutex_unlock(&e->tmu);
}

static void *rx_thread(void *arg)
{
  olive_engine_t *e = arg;
  while (running(e)) {
    uint64_t k = atomic_load(&e->rx_next);
    bool use = false;
    olive_radio_cf_t *const *bufs = ul_target(e, k, &use);
    int64_t got = rx_slot(e, bufs);
    if (got == OLIVE_EAGAIN)
      continue;
    if (got < 0) {
      atomic_fetch_add(&e->rx_errors, 1);
      if (got == OLIVE_ETIMEDOUT)
        continue;
      break; /* radio failed or stopped */
    }
    post_dl(e, (uint64_t)got + e->a.tx_advance);
    wake_tx(e);
    lockstep_wait(e, (uint64_t)got);
    atomic_store_explicit(&e->rx_next, (uint64_t)got + 1, memory_order_release);
    atomic_fetch_add(&e->rx_slots, 1);
    if (use && (uint64_t)got == k) {
      atomic_store(&e->ul_busy[k % e->nb_ul], 1);
      if (!push_job(e, JOB_UL, (unsigned)(k % e->nb_ul), k)) {
        atomic_store(&e->ul_busy[k % e->nb_ul], 0);
        atomic_fetch_add(&e->ul_dropped, 1);
      }
    }
    wake_tx(e);
  }
  atomic_store(&e->rx_alive, false);
  wake_tx(e);
  return NULL;
}

/* ---- tx thread ---- */

/* Waits until DL slot m is decided: 1 send it, 0 skip it, -1 stopping. */
static int tx_wait(olive_engine_t *e, uint64_t m, unsigned b)
{
  pthread_mutex_lock(&e->tmu);
  int ret = -1;
  while (running(e)) {
    int st = atomic_load(&e->dl_state[b]);
    bool mine = e->dl_slot[b] == m && st != BUF_FREE;
    if (mine && st == BUF_READY) {
      ret = dl_late(e, m) ? 0 : 1;
      break;
    }
    if (mine && st == BUF_SKIP) {
      atomic_store(&e->dl_state[b], BUF_FREE);
      ret = 0;
      break;
    }
    if (dl_late(e, m)) { /* not posted (counted by rx) or still being processed */
      int busy = BUF_BUSY;
      if (mine && atomic_compare_exchange_strong(&e->dl_state[b], &busy, BUF_ABANDONED))
        ret = 0;
      else if (!mine)
        ret = 0;
      else
        continue; /* became ready or skipped meanwhile: decide again */
      break;
    }
    timed_wait(&e->tcv, &e->tmu, 20);
  }
  pthread_mutex_unlock(&e->tmu);
  return ret;
}

static void *tx_thread(void *arg)
{
  olive_engine_t *e = arg;
  while (running(e) && atomic_load(&e->first_dl) == UINT64_MAX) {
    pthread_mutex_lock(&e->tmu);
    timed_wait(&e->tcv, &e->tmu, 20);
    pthread_mutex_unlock(&e->tmu);
  }
  bool gap = true;
  for (uint64_t m = atomic_load(&e->first_dl); running(e); m++) {
    unsigned b = (unsigned)(m % e->nb_dl);
    int d = tx_wait(e, m, b);
    if (d < 0)
      break;
    if (d == 1) {
      int ret = olive_radio_tx(
          e->a.radio, (const olive_radio_cf_t *const *)&e->dl_buf[b * e->a.nof_channels],
          e->a.slot_samples, m * e->a.slot_samples, gap ? OLIVE_RADIO_TX_START_OF_BURST : 0);
      atomic_fetch_add(ret < 0 ? &e->dl_late : &e->dl_sent, 1);
    } else if (atomic_load(&e->dl_state[b]) == BUF_READY && e->dl_slot[b] == m) {
      atomic_fetch_add(&e->dl_late, 1); /* finished, but after its deadline */
    }
    int st = atomic_load(&e->dl_state[b]);
    if (e->dl_slot[b] == m && (st == BUF_READY || st == BUF_SKIP))
      atomic_store(&e->dl_state[b], BUF_FREE);
    gap = d != 1;
    atomic_store(&e->tx_next, m + 1);
    wake_tx(e); /* lockstep: the rx thread may wait for this slot */
  }
  return NULL;
}

/* ---- lifecycle ---- */

static int check_args(const olive_engine_args_t *a)
{
  const char *why = NULL;
  if (!a->radio || !a->dl_slot)
    why = "radio and dl_slot are required";
  else if (a->nof_channels < 1 || a->nof_channels > OLIVE_RADIO_MAX_CHANNELS)
    why = "nof_channels out of range";
  else if (a->slot_samples == 0 || a->slots_per_frame == 0)
    why = "slot_samples and slots_per_frame must be > 0";
  else if (a->tx_advance < 3 || a->tx_advance > 32)
    why = "tx_advance must be in [3, 32]";
  else if (a->nof_workers < 1 || a->nof_workers > OLIVE_ENGINE_MAX_WORKERS)
    why = "nof_workers out of range";
  if (why)
    OLOG_ERROR(OLIVE_LOG_RADIO, "engine: %s", why);
  return why ? OLIVE_EINVAL : OLIVE_OK;
}

static olive_radio_cf_t **alloc_bufs(unsigned nb, unsigned nch, uint32_t n)
{
  olive_radio_cf_t **p = olive_mem_calloc((size_t)nb * nch, sizeof(*p));
  for (unsigned i = 0; p && i < nb * nch; i++)
    if (!(p[i] = olive_mem_calloc(n, sizeof(olive_radio_cf_t))))
      return p; /* freed by the caller through destroy */
  return p;
}

static void free_bufs(olive_radio_cf_t **p, unsigned count)
{
  for (unsigned i = 0; p && i < count; i++)
    olive_mem_free(p[i]);
  olive_mem_free(p);
}

static bool bufs_ok(olive_radio_cf_t **p, unsigned count)
{
  for (unsigned i = 0; p && i < count; i++)
    if (!p[i])
      return false;
  return p != NULL;
}

olive_engine_t *olive_engine_create(const olive_engine_args_t *args)
{
  if (!args || check_args(args) < 0)
    return NULL;
  olive_engine_t *e = olive_mem_alloc(sizeof(*e));
  if (!e)
    return NULL;
  e->a = *args;
  unsigned nch = args->nof_channels;
  e->nb_dl = args->tx_advance + 2;
  e->nb_ul = args->nof_workers + 2;
  e->dl_buf = alloc_bufs(e->nb_dl, nch, args->slot_samples);
  e->ul_buf = alloc_bufs(e->nb_ul, nch, args->slot_samples);
  e->dl_state = olive_mem_calloc(e->nb_dl, sizeof(*e->dl_state));
  e->dl_slot = olive_mem_calloc(e->nb_dl, sizeof(*e->dl_slot));
  e->ul_busy = olive_mem_calloc(e->nb_ul, sizeof(*e->ul_busy));
  bool ok = bufs_ok(e->dl_buf, e->nb_dl * nch) && bufs_ok(e->ul_buf, e->nb_ul * nch) &&
            e->dl_state && e->dl_slot && e->ul_busy;
  for (unsigned i = 0; i < nch; i++)
    ok = ok && (e->scratch[i] = olive_mem_calloc(args->slot_samples, sizeof(olive_radio_cf_t)));
  pthread_mutex_init(&e->qmu, NULL);
  pthread_mutex_init(&e->tmu, NULL);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&e->qcv, &ca);
  pthread_cond_init(&e->tcv, &ca);
  pthread_condattr_destroy(&ca);
  if (!ok) {
    olive_engine_destroy(e);
    return NULL;
  }
  return e;
}

static int start_thread(olive_thread_t *t, const char *name, olive_engine_thread_cfg_t c,
                        void *(*fn)(void *), olive_engine_t *e)
{
  olive_thread_args_t ta = {.name = name, .rt_priority = c.rt_priority, .cpu = c.cpu};
  return olive_thread_start(t, &ta, fn, e);
}

int olive_engine_start(olive_engine_t *e)
{
  if (!e || atomic_load(&e->started))
    return OLIVE_ESTATE;
  atomic_store(&e->rx_next, 0);
  atomic_store(&e->first_dl, UINT64_MAX);
  atomic_store(&e->tx_next, 0);
  for (unsigned i = 0; i < e->nb_dl; i++)
    atomic_store(&e->dl_state[i], BUF_FREE);
  int ret = olive_radio_start(e->a.radio);
  if (ret < 0)
    return ret;
  atomic_store(&e->running, true);
  atomic_store(&e->rx_alive, true);
  atomic_store(&e->started, true);
  static const char *const wname[OLIVE_ENGINE_MAX_WORKERS] = {"olive-wk0", "olive-wk1", "olive-wk2",
                                                              "olive-wk3", "olive-wk4", "olive-wk5",
                                                              "olive-wk6", "olive-wk7"};
  olive_engine_thread_cfg_t hk = {.rt_priority = 0, .cpu = -1};
  ret = start_thread(&e->hk_t, "olive-hk", hk, engine_hk_thread, e);
  for (unsigned i = 0; ret == OLIVE_OK && i < e->a.nof_workers; i++)
    ret = start_thread(&e->w_t[i], wname[i], e->a.worker_thread[i], worker_thread, e);
  if (ret == OLIVE_OK)
    ret = start_thread(&e->tx_t, "olive-tx", e->a.tx_thread, tx_thread, e);
  if (ret == OLIVE_OK)
    ret = start_thread(&e->rx_t, "olive-rx", e->a.rx_thread, rx_thread, e);
  if (ret < 0)
    olive_engine_stop(e);
  return ret;
}

void olive_engine_stop(olive_engine_t *e)
{
  if (!e || !atomic_load(&e->started))
    return;
  atomic_store(&e->running, false);
  olive_radio_stop(e->a.radio); /* unblocks an rx() waiting on the radio */
  pthread_mutex_lock(&e->qmu);
  pthread_cond_broadcast(&e->qcv);
  pthread_mutex_unlock(&e->qmu);
  wake_tx(e);
  olive_thread_join(&e->rx_t);
  olive_thread_join(&e->tx_t);
  for (unsigned i = 0; i < e->a.nof_workers; i++)
    olive_thread_join(&e->w_t[i]);
  olive_thread_join(&e->hk_t);
  atomic_store(&e->started, false);
}

void olive_engine_destroy(olive_engine_t *e)
{
  if (!e)
    return;
  olive_engine_stop(e);
  free_bufs(e->dl_buf, e->nb_dl * e->a.nof_channels);
  free_bufs(e->ul_buf, e->nb_ul * e->a.nof_channels);
  olive_mem_free((void *)e->dl_state);
  olive_mem_free((void *)e->dl_slot);
  olive_mem_free((void *)e->ul_busy);
  for (unsigned i = 0; i < OLIVE_RADIO_MAX_CHANNELS; i++)
    olive_mem_free(e->scratch[i]);
  pthread_cond_destroy(&e->qcv);
  pthread_cond_destroy(&e->tcv);
  pthread_mutex_destroy(&e->qmu);
  pthread_mutex_destroy(&e->tmu);
  olive_mem_free(e);
}

bool olive_engine_running(olive_engine_t *e)
{
  return e && atomic_load(&e->rx_alive) && atomic_load(&e->running);
}
