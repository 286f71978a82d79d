/* SPDX-License-Identifier: Apache-2.0 */
/* RLC AM throughput, after srsRAN Project's rlc_am_tx_benchmark / rlc_am_rx_benchmark:
 * 1500-byte SDUs, AM 12-bit SN, one thread.
 *   rlc_am_tx seg=none: write_sdu + pull_pdu with a 1600-byte grant (one PDU per SDU); a
 *     STATUS PDU acknowledging everything sent is fed back every 256 PDUs, so the cost of
 *     acknowledgement processing and SDU release is included.
 *   rlc_am_tx seg=100: the same with 100-byte grants (16 segments per SDU).
 *   rlc_am_rx seg=none / seg=100: write_pdu of PDUs recorded beforehand (4096 SNs, replayed
 *     cyclically), reassembly and delivery; the delivered SDU is released at once.
 * Value: SDU payload bits per second of wall time, median over --reps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/rlc/rlc.h"
#include "olive/rlc/rlc_pdu.h"
#include "olive/support/bench.h"
#include "olive/support/time.h"

#define SDU 1500
#define NSN 4096 /* 12-bit SN space */

static olive_buf_pool_t pool;

static void release(void *ctx, olive_buf_t *b)
{
  (void)ctx;
  olive_buf_release(b);
}

static rlc_entity_t *make(void)
{
  rlc_entity_args_t a = {
      .cfg = {.mode = RLC_MODE_AM,
              .sn_bits = 12,
              .t_poll_retx = RLC_T_POLL_RETX_MS45,
              .poll_pdu = RLC_POLL_PDU_P64,
              .poll_byte = RLC_POLL_BYTE_INFINITY,
              .max_retx = RLC_MAX_RETX_T8,
              .t_reassembly = RLC_T_REASSEMBLY_MS35,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS0},
      .max_sdu_bytes = SDU,
      .max_tx_sdus = 1024,
      .rx_nof_bufs = 64,
      .upper = {.deliver_sdu = release},
  };
  rlc_entity_t *e = NULL;
  if (rlc_entity_create(&a, &e) < 0)
    exit(1);
  return e;
}

/* Acknowledges every SN below ack_sn. */
static void ack_all(rlc_entity_t *e, uint32_t ack_sn)
{
  uint8_t st[3] = {(uint8_t)(ack_sn >> 8 & 0x0F), (uint8_t)ack_sn, 0};
  rlc_entity_write_pdu(e, st, sizeof st);
}

static void put_sdu(rlc_entity_t *e, uint32_t i)
{
  olive_buf_t *b = olive_buf_alloc(&pool);
  b->len = SDU; /* content left from earlier use: the RLC does not look at it */
  rlc_entity_write_sdu(e, b, i);
}

/* Seconds to push n SDUs through a transmitting entity with the given grant. */
static double run_tx(uint32_t n, size_t grant)
{
  rlc_entity_t *e = make();
  static uint8_t out[2048];
  uint32_t pdus = 0, sn = 0;
  uint64_t t0 = olive_time_ns();
  for (uint32_t i = 0; i < n; i++) {
    put_sdu(e, i);
    int k;
    while ((k = rlc_entity_pull_pdu(e, out, grant)) > 0) {
      olive_bench_keep(out);
      pdus++;
    }
    sn = (sn + 1) & (NSN - 1);
    if ((i & 255) == 255)
      ack_all(e, sn);
  }
  double s = (double)(olive_time_ns() - t0) * 1e-9;
  rlc_entity_destroy(e);
  return s;
}

/* Records the PDUs of NSN SDUs sent with the given grant. */
static uint8_t *record(size_t grant, uint32_t *nof, uint16_t **lens)
{
  rlc_entity_t *e = make();
  size_t stride = grant < 1600 ? grant : 1600, n = 0;
  uint32_t cap = NSN * (uint32_t)(SDU / (stride - 4) + 2);
  uint8_t *buf = malloc((size_t)cap * stride);
  *lens = malloc(cap * sizeof(uint16_t));
  for (uint32_t i = 0; i < NSN; i++) {
    put_sdu(e, i);
    int k;
    while ((k = rlc_entity_pull_pdu(e, buf + n * stride, grant)) > 0) {
      buf[n * stride] &= (uint8_t)~0x40; /* no polls: the receiver sends no STATUS */
      (*lens)[n++] = (uint16_t)k;
    }
    if ((i & 255) == 255)
      ack_all(e, (i + 1) & (NSN - 1));
  }
  rlc_entity_destroy(e);
  *nof = (uint32_t)n;
  return buf;
}

/* Seconds to receive n_sdus rounded up to whole rounds of NSN SDUs. */
static double run_rx(uint32_t n_sdus, size_t grant)
{
  uint32_t nof;
  uint16_t *lens;
  uint8_t *pdus = record(grant, &nof, &lens);
  size_t stride = grant < 1600 ? grant : 1600;
  rlc_entity_t *e = make();
  uint32_t rounds = (n_sdus + NSN - 1) / NSN;
  uint64_t t0 = olive_time_ns();
  for (uint32_t r = 0; r < rounds; r++)
    for (uint32_t i = 0; i < nof; i++)
      rlc_entity_write_pdu(e, pdus + i * stride, lens[i]);
  double s = (double)(olive_time_ns() - t0) * 1e-9;
  rlc_metrics_t m;
  rlc_entity_metrics(e, &m);
  if (m.sdus_out != (uint64_t)rounds * NSN) {
    fprintf(stderr, "rx bench: %llu SDUs delivered, expected %u\n", (unsigned long long)m.sdus_out,
            rounds * NSN);
    exit(1);
  }
  rlc_entity_destroy(e);
  free(pdus);
  free(lens);
  return s;
}

typedef double (*bench_fn)(uint32_t, size_t);

static void report(const char *name, bench_fn f, size_t grant, const char *seg,
                   const olive_bench_t *b)
{
  uint32_t n = b->smoke ? 4096 : 409600;
  double v[64];
  unsigned reps = b->reps > 64 ? 64 : b->reps;
  for (unsigned r = 0; r < reps; r++) {
    double s = f(n, grant);
    uint32_t sent = f == run_rx ? ((n + NSN - 1) / NSN) * NSN : n;
    v[r] = (double)sent * SDU * 8 / s * 1e-9;
  }
  char keys[128];
  snprintf(keys, sizeof keys, "sdu=%d seg=%s grant=%zu sn=12", SDU, seg, grant);
  olive_bench_report(name, keys, olive_bench_median(v, reps), "Gbit/s");
}

int main(int argc, char **argv)
{
  olive_bench_t b;
  olive_bench_parse(&b, argc, argv, 7);
  if (b.smoke)
    b.reps = 1;
  if (olive_buf_pool_init(&pool, 2048, SDU, 0) < 0)
    return 1;
  report("rlc_am_tx", run_tx, 1600, "none", &b);
  report("rlc_am_tx", run_tx, 100, "100", &b);
  report("rlc_am_rx", run_rx, 1600, "none", &b);
  report("rlc_am_rx", run_rx, 100, "100", &b);
  olive_buf_pool_free(&pool);
  return 0;
}
