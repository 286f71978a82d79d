/* SPDX-License-Identifier: Apache-2.0 */
/* Transparent mode, TS 38.322 5.2.1: SDUs go down and come up unchanged, no header, no
 * segmentation (a grant smaller than the next SDU sends nothing). */
#include <string.h>

#include "olive/support/error.h"
#include "rlc_internal.h"

int rlc_tm_pull(rlc_entity_t *e, uint8_t *out, size_t max)
{
  olive_buf_t *b = rlc_txq_peek(e);
  if (!b || b->len > max)
    return 0;
  rlc_txq_pop(e);
  int n = (int)b->len;
  memcpy(out, b->data, b->len);
  olive_buf_release(b);
  return n;
}

int rlc_tm_rx(rlc_entity_t *e, const uint8_t *pdu, size_t len)
{
  if (len > e->max_sdu)
    return OLIVE_EPROTO;
  return rlc_rx_deliver_copy(e, pdu, (uint32_t)len);
}
