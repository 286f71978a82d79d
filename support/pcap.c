/* SPDX-License-Identifier: Apache-2.0 */
/* pcap writer: records are copied into a byte ring under a short lock (a memcpy, no I/O)
 * and a background thread writes them to the file. Record layout in the ring:
 *   u32 total length (header + data, padded to 8), u32 ts_sec, u32 ts_usec, u32 len, data. */
#include "olive/support/pcap.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/thread.h"
#include "olive/support/time.h"

#define RING_DEFAULT     (4u << 20)
#define REC_HDR          16u
#define WRITER_PERIOD_NS 5000000ull

struct olive_pcap {
  FILE *f;
  uint8_t *ring;
  size_t size;
  size_t head, tail; /* byte offsets, free-running; protected by lock */
  pthread_mutex_t lock;
  _Atomic uint64_t dropped;
  _Atomic bool stop;
  olive_thread_t writer;
  uint8_t scratch[REC_HDR + OLIVE_PCAP_MAX_RECORD + 8];
};

/* Classic pcap global header, microsecond time stamps (pcap-savefile(5)). */
static int write_global_header(FILE *f, uint32_t dlt)
{
  struct {
    uint32_t magic;
    uint16_t major, minor;
    int32_t thiszone;
    uint32_t sigfigs, snaplen, network;
  } h = {0xa1b2c3d4, 2, 4, 0, 0, 65535, dlt};
  return fwrite(&h, sizeof(h), 1, f) == 1 ? OLIVE_OK : OLIVE_EIO;
}

static void ring_copy_in(olive_pcap_t *p, size_t off, const void *src, size_t n)
{
  size_t pos = off % p->size, first = n < p->size - pos ? n : p->size - pos;
  memcpy(p->ring + pos, src, first);
  memcpy(p->ring, (const uint8_t *)src + first, n - first);
}

static void ring_copy_out(olive_pcap_t *p, size_t off, void *dst, size_t n)
{
  size_t pos = off % p->size, first = n < p->size - pos ? n : p->size - pos;
  memcpy(dst, p->ring + pos, first);
  memcpy((uint8_t *)dst + first, p->ring, n - first);
}

int olive_pcap_write2(olive_pcap_t *p, const uint8_t *hdr, size_t hdr_len, const uint8_t *payload,
                      size_t payload_len)
{
  if (p == NULL || hdr_len + payload_len > OLIVE_PCAP_MAX_RECORD)
    return OLIVE_EINVAL;
  size_t len = hdr_len + payload_len;
  size_t total = (REC_HDR + len + 7) & ~(size_t)7;
  uint64_t now = olive_wallclock_ns();
  uint32_t rh[4] = {(uint32_t)total, (uint32_t)(now / 1000000000ull),
                    (uint32_t)(now % 1000000000ull / 1000), (uint32_t)len};
  pthread_mutex_lock(&p->lock);
  if (p->size - (p->head - p->tail) < total) {
    pthread_mutex_unlock(&p->lock);
    atomic_fetch_add_explicit(&p->dropped, 1, memory_order_relaxed);
    return OLIVE_ENOSPC;
  }
  ring_copy_in(p, p->head, rh, REC_HDR);
  if (hdr_len)
    ring_copy_in(p, p->head + REC_HDR, hdr, hdr_len);
  if (payload_len)
    ring_copy_in(p, p->head + REC_HDR + hdr_len, payload, payload_len);
  p->head += total;
  pthread_mutex_unlock(&p->lock);
  return OLIVE_OK;
}

int olive_pcap_write(olive_pcap_t *p, const uint8_t *data, size_t len)
{
  return olive_pcap_write2(p, data, len, NULL, 0);
}

/* Moves every queued record to the file. Runs on the writer thread (or at close). */
static void drain(olive_pcap_t *p)
{
  for (;;) {
    pthread_mutex_lock(&p->lock);
    if (p->tail == p->head) {
      pthread_mutex_unlock(&p->lock);
      break;
    }
    uint32_t rh[4];
    ring_copy_out(p, p->tail, rh, REC_HDR);
    ring_copy_out(p, p->tail + REC_HDR, p->scratch, rh[3]);
    p->tail += rh[0];
    pthread_mutex_unlock(&p->lock);
    uint32_t ph[4] = {rh[1], rh[2], rh[3], rh[3]}; /* ts_sec, ts_usec, incl_len, orig_len */
    if (fwrite(ph, sizeof(ph), 1, p->f) != 1 || fwrite(p->scratch, 1, rh[3], p->f) != rh[3])
      OLOG_ONCE(OLIVE_LOG_APP, OLIVE_LOG_ERROR, "pcap: write failed; trace incomplete");
  }
  fflush(p->f);
}

static void *writer_main(void *arg)
{
  olive_pcap_t *p = arg;
  while (!atomic_load_explicit(&p->stop, memory_order_acquire)) {
    drain(p);
    olive_sleep_ns(WRITER_PERIOD_NS);
  }
  return NULL;
}

olive_pcap_t *olive_pcap_open(const char *path, uint32_t dlt, size_t ring_bytes)
{
  olive_pcap_t *p = calloc(1, sizeof(*p));
  if (p == NULL)
    return NULL;
  p->size = ring_bytes ? ring_bytes : RING_DEFAULT;
  if (p->size < 2 * (REC_HDR + OLIVE_PCAP_MAX_RECORD))
    p->size = 2 * (REC_HDR + OLIVE_PCAP_MAX_RECORD);
  p->ring = olive_mem_alloc(p->size);
  p->f = fopen(path, "wb");
  pthread_mutex_init(&p->lock, NULL);
  if (p->ring == NULL || p->f == NULL || write_global_header(p->f, dlt) < 0) {
    OLOG_ERROR(OLIVE_LOG_APP, "pcap: cannot create '%s'", path);
    if (p->f != NULL)
      fclose(p->f);
    olive_mem_free(p->ring);
    pthread_mutex_destroy(&p->lock);
    free(p);
    return NULL;
  }
  olive_thread_args_t ta = {.name = "olive-pcap", .rt_priority = 0, .cpu = -1};
  if (olive_thread_start(&p->writer, &ta, writer_main, p) < 0) {
    fclose(p->f);
    olive_mem_free(p->ring);
    pthread_mutex_destroy(&p->lock);
    free(p);
    return NULL;
  }
  return p;
}

uint64_t olive_pcap_dropped(const olive_pcap_t *p)
{
  return p ? atomic_load(&((olive_pcap_t *)p)->dropped) : 0;
}

void olive_pcap_close(olive_pcap_t *p)
{
  if (p == NULL)
    return;
  atomic_store(&p->stop, true);
  olive_thread_join(&p->writer);
  drain(p);
  fclose(p->f);
  olive_mem_free(p->ring);
  pthread_mutex_destroy(&p->lock);
  free(p);
}
