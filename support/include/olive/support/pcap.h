/* SPDX-License-Identifier: Apache-2.0 */
/* pcap file writer for protocol traces (MAC-NR, RLC-NR, NGAP...). Layers frame their
 * records (e.g. Wireshark's mac-nr/rlc-nr UDP framing) and hand them here. write() copies
 * the record into a preallocated ring and returns: it never blocks, allocates or does
 * I/O, so slot threads may call it. A background thread writes the file. When the ring is
 * full the record is dropped and counted. */
#ifndef OLIVE_SUPPORT_PCAP_H
#define OLIVE_SUPPORT_PCAP_H

#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* Link types used by olive's traces. */
#define OLIVE_PCAP_DLT_USER0 147 /* raw RRC in tests */
#define OLIVE_PCAP_DLT_USER2 149 /* mac-nr / rlc-nr UDP framing */
#define OLIVE_PCAP_DLT_USER5 152 /* NGAP */
#define OLIVE_PCAP_DLT_USER9 156 /* GTP-U */

#define OLIVE_PCAP_MAX_RECORD 65535

typedef struct olive_pcap olive_pcap_t;

/* Creates (truncates) path and writes the global header with link type dlt. ring_bytes
 * sizes the record ring (0 = 4 MiB). NULL on failure (message logged). */
OLIVE_API olive_pcap_t *olive_pcap_open(const char *path, uint32_t dlt, size_t ring_bytes);

/* Queues one record of len bytes (len <= OLIVE_PCAP_MAX_RECORD) stamped with the wall
 * clock now. 0, OLIVE_EINVAL, or OLIVE_ENOSPC when the ring is full (record dropped and
 * counted). Safe from any number of threads. */
OLIVE_API int olive_pcap_write(olive_pcap_t *p, const uint8_t *data, size_t len);

/* Same, with the record split in two parts (a header built on the stack plus a payload),
 * so callers need not copy the payload to prepend their framing. */
OLIVE_API int olive_pcap_write2(olive_pcap_t *p, const uint8_t *hdr, size_t hdr_len,
                                const uint8_t *payload, size_t payload_len);

/* Records dropped because the ring was full. */
OLIVE_API uint64_t olive_pcap_dropped(const olive_pcap_t *p);

/* Writes what is queued and closes the file. NULL-safe. */
OLIVE_API void olive_pcap_close(olive_pcap_t *p);

#endif
