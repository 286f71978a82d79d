/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for the RLC receive path: PDU header and STATUS decoders, UM/AM reassembly
 * and window handling, STATUS processing against a live AM transmit window, timers.
 * Input: byte 0 picks the entity (TM, UM 6, UM 12, AM 12, AM 18); then records of
 *   op:2 len:14 (two bytes), followed for op 0 by len PDU bytes:
 *   op 0: rlc_entity_write_pdu(len bytes)      op 1: tick by len*100 us
 *   op 2: rlc_entity_pull_pdu(max = len)       op 3: write one more SDU of len bytes
 * Before the records the entity gets 8 SDUs and sends some of them, so STATUS PDUs meet
 * an open window. Memory must stay bounded: SNs held in reassembly never exceed the RX
 * slots and RX buffers never exceed their pool (checked after each record; abort()). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "olive/rlc/rlc.h"
#include "olive/rlc/rlc_pdu.h"

#define RX_SLOTS 64
#define RX_BUFS  16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static olive_buf_pool_t sdu_pool;
static int pool_ready;

static void deliver(void *ctx, olive_buf_t *b)
{
  (void)ctx;
  olive_buf_release(b);
}

static void put_sdu(rlc_entity_t *e, uint32_t len, uint32_t sn)
{
  olive_buf_t *b = olive_buf_alloc(&sdu_pool);
  if (!b)
    return;
  if (len == 0 || len > 1600)
    len = 1 + len % 1600;
  memset(olive_buf_put(b, len), (int)sn, len);
  if (rlc_entity_write_sdu(e, b, sn) < 0)
    olive_buf_release(b);
}

static rlc_entity_t *make(uint8_t sel)
{
  static const rlc_mode_t modes[5] = {RLC_MODE_TM, RLC_MODE_UM, RLC_MODE_UM, RLC_MODE_AM,
                                      RLC_MODE_AM};
  static const uint8_t bits[5] = {0, 6, 12, 12, 18};
  rlc_entity_args_t a = {
      .cfg = {.mode = modes[sel % 5],
              .sn_bits = bits[sel % 5],
              .t_poll_retx = RLC_T_POLL_RETX_MS5,
              .poll_pdu = RLC_POLL_PDU_P4,
              .poll_byte = RLC_POLL_BYTE_KB1,
              .max_retx = RLC_MAX_RETX_T2,
              .t_reassembly = RLC_T_REASSEMBLY_MS5,
              .t_status_prohibit = RLC_T_STATUS_PROHIBIT_MS0},
      .max_sdu_bytes = 1600,
      .max_tx_sdus = 64,
      .tx_window = sel % 5 == 1 ? 32 : 64,
      .rx_window = RX_SLOTS,
      .rx_nof_bufs = RX_BUFS,
      .upper = {.deliver_sdu = deliver},
  };
  if (modes[sel % 5] != RLC_MODE_AM)
    a.tx_window = 0;
  rlc_entity_t *e = NULL;
  rlc_entity_create(&a, &e);
  return e;
}

/* The decoders on their own, for every SN length. */
static void decode_only(const uint8_t *p, size_t n)
{
  static rlc_status_pdu_t s;
  rlc_data_hdr_t h;
  for (unsigned b = 6; b <= 18; b += 6) {
    rlc_umd_hdr_unpack(p, n, b, &h);
    rlc_amd_hdr_unpack(p, n, b, &h);
    if (n > 0 && rlc_am_is_control(p))
      rlc_status_unpack(p, n, b, &s);
  }
}

static void check_bounds(rlc_entity_t *e)
{
  rlc_metrics_t m;
  rlc_entity_metrics(e, &m);
  if (m.rx_buffered_sns > RX_SLOTS)
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!pool_ready) {
    olive_buf_pool_init(&sdu_pool, 256, 1600, 0);
    pool_ready = 1;
  }
  if (size < 1)
    return 0;
  rlc_entity_t *e = make(data[0]);
  if (!e)
    abort();
  uint8_t out[2048];
  uint64_t now = 0;
  for (uint32_t i = 0; i < 8; i++)
    put_sdu(e, 10 + 150 * i, i);
  for (int i = 0; i < 6; i++)
    rlc_entity_pull_pdu(e, out, 300);
  size_t off = 1;
  while (off + 2 <= size) {
    unsigned op = data[off] >> 6;
    size_t len = (size_t)(data[off] & 0x3F) << 8 | data[off + 1];
    off += 2;
    if (op == 0) {
      if (len > size - off)
        len = size - off;
      decode_only(data + off, len);
      rlc_entity_write_pdu(e, data + off, len);
      off += len;
    } else if (op == 1) {
      now += len * 100;
      rlc_entity_tick(e, now);
    } else if (op == 2) {
      int n = rlc_entity_pull_pdu(e, out, len < sizeof out ? len : sizeof out);
      if (n < 0 || (size_t)n > len)
        abort();
    } else {
      put_sdu(e, (uint32_t)len, (uint32_t)off);
    }
    check_bounds(e);
  }
  rlc_entity_destroy(e);
  if (olive_pool_in_use(&sdu_pool.pool) != 0)
    abort(); /* every SDU handed down came back on destroy */
  return 0;
}
