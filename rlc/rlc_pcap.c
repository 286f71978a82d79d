/* SPDX-License-Identifier: Apache-2.0 */
/* Wireshark rlc-nr UDP framing (epan/dissectors/packet-rlc-nr.h, heuristic dissector
 * "rlc_nr_udp"), written into a DLT 149 (USER2) pcap whose user DLT maps to "udp":
 *   UDP header (8) | "rlc-nr" | rlcMode | sequenceNumberLength |
 *   0x02 direction | 0x03 UE id (2, big-endian) | 0x04 bearer type | 0x05 bearer id |
 *   0x01 | RLC PDU
 * rlcMode: TM 1, UM 2, AM 4. direction: UL 0, DL 1. */
#include <string.h>

#include "rlc_internal.h"

#define RLC_PCAP_HDR 26

static const uint8_t wireshark_mode[RLC_MODE_N] = {1, 2, 4};

void rlc_pcap_pdu(rlc_entity_t *e, bool tx, const uint8_t *pdu, size_t len)
{
  if (!e->pcap)
    return;
  uint8_t h[RLC_PCAP_HDR];
  size_t udp_len = sizeof(h) + len;
  if (udp_len > 0xFFFF)
    return;
  /* Fake UDP header: ports as srsRAN's MAC-NR traces use, checksum 0 (none). */
  h[0] = 0xBE;
  h[1] = 0xEF;
  h[2] = 0xDE;
  h[3] = 0xAD;
  h[4] = (uint8_t)(udp_len >> 8);
  h[5] = (uint8_t)udp_len;
  h[6] = 0;
  h[7] = 0;
  memcpy(h + 8, "rlc-nr", 6);
  h[14] = wireshark_mode[e->cfg.mode];
  h[15] = (uint8_t)e->sn_bits;
  h[16] = 0x02;
  h[17] = (tx == e->tx_is_dl) ? 1 : 0; /* DL when it is our TX on the gNB side */
  h[18] = 0x03;
  h[19] = (uint8_t)(e->ue_id >> 8);
  h[20] = (uint8_t)e->ue_id;
  h[21] = 0x04;
  h[22] = e->bearer_type;
  h[23] = 0x05;
  h[24] = e->bearer_id;
  h[25] = 0x01;
  olive_pcap_write2(e->pcap, h, sizeof(h), pdu, len);
}
