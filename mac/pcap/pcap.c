/* SPDX-License-Identifier: Apache-2.0 */
/* MAC-NR pcap writer: Wireshark's mac-nr UDP framing (packet-mac-nr.h: MAC_NR_START_STRING,
 * the three fixed bytes, the tag values below) behind a fake UDP header, so the "udp"
 * dissector mapped onto DLT 149 hands the payload to the mac_nr_udp heuristic. */
#include "olive/mac/pcap.h"

#include <stdlib.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/pcap.h"

/* packet-mac-nr.h tags (a tag byte, then a value whose length the tag implies). */
#define TAG_PAYLOAD 0x01 /* the PDU follows, up to the end of the frame */
#define TAG_RNTI    0x02 /* 2 bytes, network order */
#define TAG_UEID    0x03 /* 2 bytes, network order */
#define TAG_PHR2    0x05 /* 1 byte, TRUE/FALSE */
#define TAG_HARQID  0x06 /* 1 byte */
/* SFN 2 bytes then slot 2 bytes, network order. 0x04 (SFN << 4 | subframe) is deprecated:
 * 4 bits cannot hold a slot number above 15. */
#define TAG_FRAME_SLOT 0x07

#define UDP_SRC_PORT 0xBEEFu /* srsRAN's values; the heuristic looks at the payload only */
#define UDP_DST_PORT 0xDEADu
/* No IP layer, so no RFC 768 pseudo-header to checksum. Wireshark's packet-udp.c flags a
 * zero checksum as an expert error ("Illegal checksum value (0)") unless IPv4 is below,
 * and leaves a non-zero one unverified (udp.check_checksum is off by default). 0xFFFF is
 * the one's-complement form of a computed zero, never "absent". */
#define UDP_CHECKSUM 0xFFFFu
#define UDP_HDR      8u
#define START_STRING "mac-nr"
#define START_LEN    6u
#define MAX_SLOT     320u /* 10 ms at 480 kHz SCS (mu 5) */

struct mac_pcap {
  olive_pcap_t *out;
  mac_pcap_duplex_t duplex;
};

static uint8_t *put_u16(uint8_t *w, uint32_t v)
{
  w[0] = (uint8_t)(v >> 8);
  w[1] = (uint8_t)v;
  return w + 2;
}

static bool ctx_valid(mac_pcap_duplex_t duplex, const mac_pcap_ctx_t *c)
{
  return (duplex == MAC_PCAP_FDD || duplex == MAC_PCAP_TDD) &&
         (c->dir == MAC_PCAP_UL || c->dir == MAC_PCAP_DL) && (unsigned)c->rnti_type <= 5u &&
         c->harq_id >= -1 && c->harq_id <= 15 && c->sfn < 1024 && c->slot < MAX_SLOT;
}

static size_t header_len(const mac_pcap_ctx_t *c)
{
  return UDP_HDR + START_LEN + 3 + (c->rnti_type != MAC_PCAP_NO_RNTI ? 3 : 0) +
         (c->has_ue_id ? 3 : 0) + (c->harq_id >= 0 ? 2 : 0) + (c->phr_type2_othercell ? 2 : 0) + 5 +
         1;
}

int mac_pcap_frame_header(mac_pcap_duplex_t duplex, const mac_pcap_ctx_t *ctx, size_t pdu_len,
                          uint8_t *out, size_t cap)
{
  if (ctx == NULL || out == NULL || !ctx_valid(duplex, ctx))
    return OLIVE_EINVAL;
  size_t n = header_len(ctx);
  if (n + pdu_len > OLIVE_PCAP_MAX_RECORD)
    return OLIVE_EINVAL;
  if (cap < n)
    return OLIVE_ERANGE;
  /* RFC 768: the length counts the UDP header and its payload. */
  uint8_t *w = put_u16(out, UDP_SRC_PORT);
  w = put_u16(w, UDP_DST_PORT);
  w = put_u16(w, (uint32_t)(n + pdu_len));
  w = put_u16(w, UDP_CHECKSUM);
  memcpy(w, START_STRING, START_LEN);
  w += START_LEN;
  *w++ = (uint8_t)duplex;
  *w++ = (uint8_t)ctx->dir;
  *w++ = (uint8_t)ctx->rnti_type;
  if (ctx->rnti_type != MAC_PCAP_NO_RNTI) {
    *w++ = TAG_RNTI;
    w = put_u16(w, ctx->rnti);
  }
  if (ctx->has_ue_id) {
    *w++ = TAG_UEID;
    w = put_u16(w, ctx->ue_id);
  }
  if (ctx->harq_id >= 0) {
    *w++ = TAG_HARQID;
    *w++ = (uint8_t)ctx->harq_id;
  }
  if (ctx->phr_type2_othercell) {
    *w++ = TAG_PHR2;
    *w++ = 1;
  }
  *w++ = TAG_FRAME_SLOT;
  w = put_u16(w, ctx->sfn);
  w = put_u16(w, ctx->slot);
  *w++ = TAG_PAYLOAD;
  return (int)(w - out);
}

mac_pcap_t *mac_pcap_open(const mac_pcap_args_t *args)
{
  if (args == NULL || args->path == NULL ||
      (args->duplex != MAC_PCAP_FDD && args->duplex != MAC_PCAP_TDD))
    return NULL;
  mac_pcap_t *p = calloc(1, sizeof(*p));
  if (p == NULL)
    return NULL;
  p->duplex = args->duplex;
  p->out = olive_pcap_open(args->path, OLIVE_PCAP_DLT_USER2, args->ring_bytes);
  if (p->out == NULL) {
    free(p);
    return NULL;
  }
  return p;
}

int mac_pcap_write(mac_pcap_t *p, const mac_pcap_ctx_t *ctx, const uint8_t *pdu, size_t len)
{
  if (p == NULL || (pdu == NULL && len > 0))
    return OLIVE_EINVAL;
  uint8_t hdr[MAC_PCAP_MAX_HDR];
  int n = mac_pcap_frame_header(p->duplex, ctx, len, hdr, sizeof(hdr));
  if (n < 0)
    return n;
  return olive_pcap_write2(p->out, hdr, (size_t)n, pdu, len);
}

int mac_pcap_write_bch(mac_pcap_t *p, uint16_t sfn, uint16_t slot, const uint8_t *mib, size_t len)
{
  /* packet-mac-nr.c: DL with rntiType NO_RNTI is the BCH, decoded as BCCH-BCH. */
  mac_pcap_ctx_t c = {
      .dir = MAC_PCAP_DL, .rnti_type = MAC_PCAP_NO_RNTI, .harq_id = -1, .sfn = sfn, .slot = slot};
  return mac_pcap_write(p, &c, mib, len);
}

int mac_pcap_write_dlsch(mac_pcap_t *p, mac_pcap_rnti_type_t rnti_type, uint16_t rnti, uint16_t sfn,
                         uint16_t slot, const uint8_t *pdu, size_t len)
{
  mac_pcap_ctx_t c = {.dir = MAC_PCAP_DL,
                      .rnti_type = rnti_type,
                      .rnti = rnti,
                      .harq_id = -1,
                      .sfn = sfn,
                      .slot = slot};
  return mac_pcap_write(p, &c, pdu, len);
}

int mac_pcap_write_ulsch(mac_pcap_t *p, mac_pcap_rnti_type_t rnti_type, uint16_t rnti, uint16_t sfn,
                         uint16_t slot, const uint8_t *pdu, size_t len)
{
  mac_pcap_ctx_t c = {.dir = MAC_PCAP_UL,
                      .rnti_type = rnti_type,
                      .rnti = rnti,
                      .harq_id = -1,
                      .sfn = sfn,
                      .slot = slot};
  return mac_pcap_write(p, &c, pdu, len);
}

uint64_t mac_pcap_dropped(const mac_pcap_t *p)
{
  return p ? olive_pcap_dropped(p->out) : 0;
}

void mac_pcap_close(mac_pcap_t *p)
{
  if (p == NULL)
    return;
  olive_pcap_close(p->out);
  free(p);
}
