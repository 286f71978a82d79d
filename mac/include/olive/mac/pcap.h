/* SPDX-License-Identifier: Apache-2.0 */
/* MAC-NR pcap writer: MAC PDUs (and the BCCH-BCH MIB) in Wireshark's mac-nr UDP framing
 * (epan/dissectors/packet-mac-nr.h, the "mac_nr_udp" heuristic), link type DLT 149
 * (USER2). One record is:
 *   fake UDP header (src 0xBEEF, dst 0xDEAD, length, checksum 0xFFFF), "mac-nr",
 *   radioType (1 FDD, 2 TDD), direction (0 UL, 1 DL), rntiType (mac_pcap_rnti_type_t),
 *   tags: 0x02 RNTI (2 bytes BE), 0x03 UE id (2 bytes BE), 0x06 HARQ id (1 byte),
 *   0x05 PHR type 2 other cell (1 byte, 0/1), 0x07 SFN (2 bytes BE) + slot (2 bytes BE),
 *   0x01 then the PDU to the end.
 * The write functions build the header on the stack and queue it with the PDU to the
 * support/ pcap writer thread: no allocation, no blocking I/O, so the slot path may call
 * them. mac/README.md gives the tshark/Wireshark settings to open the file. */
#ifndef OLIVE_MAC_PCAP_H
#define OLIVE_MAC_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* Longest header mac_pcap_frame_header writes: UDP 8 + "mac-nr" 6 + 3 fixed + RNTI 3 +
 * UE id 3 + HARQ 2 + PHR 2 + SFN/slot 5 + payload tag 1. */
#define MAC_PCAP_MAX_HDR 33

/* packet-mac-nr.h radioType */
typedef enum mac_pcap_duplex {
  MAC_PCAP_FDD = 1,
  MAC_PCAP_TDD = 2,
} mac_pcap_duplex_t;

/* packet-mac-nr.h direction */
typedef enum mac_pcap_dir {
  MAC_PCAP_UL = 0,
  MAC_PCAP_DL = 1,
} mac_pcap_dir_t;

/* packet-mac-nr.h rntiType. NO_RNTI on DL is the BCH (BCCH-BCH, the MIB). */
typedef enum mac_pcap_rnti_type {
  MAC_PCAP_NO_RNTI = 0,
  MAC_PCAP_P_RNTI = 1,
  MAC_PCAP_RA_RNTI = 2,
  MAC_PCAP_C_RNTI = 3,
  MAC_PCAP_SI_RNTI = 4,
  MAC_PCAP_CS_RNTI = 5,
} mac_pcap_rnti_type_t;

/* Context of one record. */
typedef struct mac_pcap_ctx {
  mac_pcap_dir_t dir;
  mac_pcap_rnti_type_t rnti_type;
  uint16_t rnti; /* written when rnti_type != MAC_PCAP_NO_RNTI */
  bool has_ue_id;
  uint16_t ue_id;
  int16_t harq_id;          /* 0..15, or -1 to leave the tag out */
  uint16_t sfn;             /* 0..1023 */
  uint16_t slot;            /* slot in the frame, 0..(10 * 2^mu - 1) */
  bool phr_type2_othercell; /* UL: the UE's multiple-entry PHR carries type 2 PH for the
                               other cell (TS 38.321 6.1.3.9); tag written only when set */
} mac_pcap_ctx_t;

typedef struct mac_pcap_args {
  const char *path;         /* created (truncated) */
  mac_pcap_duplex_t duplex; /* radioType of every record */
  size_t ring_bytes;        /* writer ring size, 0 = the support/ default (4 MiB) */
} mac_pcap_args_t;

typedef struct mac_pcap mac_pcap_t;

/* Creates the file (DLT 149) and starts the writer thread. NULL on failure (bad args or
 * the file cannot be created; logged). Not for the slot path. */
OLIVE_API mac_pcap_t *mac_pcap_open(const mac_pcap_args_t *args);

/* Writes the mac-nr framing (UDP header with the UDP length for a pdu_len-byte PDU,
 * "mac-nr", fixed fields, tags, payload tag) into out. Returns the header length, or
 * OLIVE_EINVAL for a context value out of range, OLIVE_ERANGE when cap is too small.
 * Pure function; exposed so tests can check the bytes. */
OLIVE_API int mac_pcap_frame_header(mac_pcap_duplex_t duplex, const mac_pcap_ctx_t *ctx,
                                    size_t pdu_len, uint8_t *out, size_t cap);

/* Queues one record. 0, OLIVE_EINVAL (bad context or length), OLIVE_ENOSPC (ring full,
 * record dropped and counted). Never blocks or allocates. */
OLIVE_API int mac_pcap_write(mac_pcap_t *p, const mac_pcap_ctx_t *ctx, const uint8_t *pdu,
                             size_t len);

/* BCCH-BCH: the BCCH-BCH-Message (3 bytes from rrc_mib_pack), DL, NO_RNTI. */
OLIVE_API int mac_pcap_write_bch(mac_pcap_t *p, uint16_t sfn, uint16_t slot, const uint8_t *mib,
                                 size_t len);

/* A DL-SCH PDU (or a BCCH-DL-SCH message on SI-RNTI, a PCCH one on P-RNTI). */
OLIVE_API int mac_pcap_write_dlsch(mac_pcap_t *p, mac_pcap_rnti_type_t rnti_type, uint16_t rnti,
                                   uint16_t sfn, uint16_t slot, const uint8_t *pdu, size_t len);

/* An UL-SCH PDU from a UE. */
OLIVE_API int mac_pcap_write_ulsch(mac_pcap_t *p, mac_pcap_rnti_type_t rnti_type, uint16_t rnti,
                                   uint16_t sfn, uint16_t slot, const uint8_t *pdu, size_t len);

/* Records dropped because the writer ring was full. NULL-safe (0). */
OLIVE_API uint64_t mac_pcap_dropped(const mac_pcap_t *p);

/* Flushes what is queued, closes the file. NULL-safe. Not for the slot path. */
OLIVE_API void mac_pcap_close(mac_pcap_t *p);

#endif
