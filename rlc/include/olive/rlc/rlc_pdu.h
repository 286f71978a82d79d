/* SPDX-License-Identifier: Apache-2.0 */
/* RLC PDU header formats, TS 38.322 6.2: UMD PDU (6.2.2.3), AMD PDU (6.2.2.4) and STATUS
 * PDU (6.2.2.5). Pure functions on byte buffers: no state, no allocation. Decoders take
 * bytes from the air, so every length and field is checked and bad input returns
 * OLIVE_EPROTO. */
#ifndef OLIVE_RLC_RLC_PDU_H
#define OLIVE_RLC_RLC_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

/* TS 38.322 6.2.3.4 Table 6.2.3.4-1: Segmentation Info. */
typedef enum rlc_si {
  RLC_SI_FULL = 0,   /* 00: complete RLC SDU */
  RLC_SI_FIRST = 1,  /* 01: first segment */
  RLC_SI_LAST = 2,   /* 10: last segment */
  RLC_SI_MIDDLE = 3, /* 11: neither first nor last */
} rlc_si_t;

/* SO is present for last and middle segments only (TS 38.322 6.2.2.3, 6.2.2.4). */
static inline bool rlc_si_has_so(rlc_si_t si)
{
  return si == RLC_SI_LAST || si == RLC_SI_MIDDLE;
}

/* SOend value meaning "the last byte of the SDU" (TS 38.322 6.2.3.14). */
#define RLC_SO_END_LAST 0xFFFFu

/* UMD or AMD PDU header. */
typedef struct rlc_data_hdr {
  rlc_si_t si;
  bool poll;   /* AMD only: P field (6.2.3.7) */
  uint32_t sn; /* not present in a UMD PDU with SI=00 */
  uint16_t so; /* present when rlc_si_has_so(si) */
} rlc_data_hdr_t;

/* Header size in bytes. UM: sn_bits 6 or 12; AM: 12 or 18. -1 for a bad sn_bits. */
OLIVE_API int rlc_umd_hdr_len(unsigned sn_bits, rlc_si_t si);
OLIVE_API int rlc_amd_hdr_len(unsigned sn_bits, rlc_si_t si);

/* Writes the header into out[0..max). Returns its length, OLIVE_ERANGE when max is too
 * small, OLIVE_EINVAL for bad sn_bits or SN/SI out of range. */
OLIVE_API int rlc_umd_hdr_pack(const rlc_data_hdr_t *h, unsigned sn_bits, uint8_t *out, size_t max);
OLIVE_API int rlc_amd_hdr_pack(const rlc_data_hdr_t *h, unsigned sn_bits, uint8_t *out, size_t max);

/* Parses a header at pdu[0..len). Returns the header length (the data field follows), or
 * OLIVE_EPROTO when the PDU is shorter than its header or carries no data field, or (AMD)
 * is a control PDU. Reserved bits are ignored (6.2.3.x). */
OLIVE_API int rlc_umd_hdr_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits,
                                 rlc_data_hdr_t *h);
OLIVE_API int rlc_amd_hdr_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits,
                                 rlc_data_hdr_t *h);

/* D/C field (6.2.3.3): true when an AM PDU is a control PDU. */
static inline bool rlc_am_is_control(const uint8_t *pdu)
{
  return (pdu[0] & 0x80) == 0;
}

/* One NACK entry of a STATUS PDU (6.2.2.5). */
typedef struct rlc_status_nack {
  uint32_t sn;
  bool has_so;       /* E2: SOstart/SOend present */
  uint16_t so_start; /* first missing byte */
  uint16_t so_end;   /* last missing byte; RLC_SO_END_LAST = up to the end of the SDU */
  uint8_t range;     /* E3: NACK range (1..255 SDUs from sn on); 0 = field absent */
} rlc_status_nack_t;

#define RLC_STATUS_MAX_NACKS 512

typedef struct rlc_status_pdu {
  uint32_t ack_sn;
  uint32_t nof_nacks;
  rlc_status_nack_t nacks[RLC_STATUS_MAX_NACKS];
} rlc_status_pdu_t;

/* Size in bytes of the fixed part and of one NACK entry. */
OLIVE_API int rlc_status_hdr_len(unsigned sn_bits);
OLIVE_API int rlc_status_nack_len(unsigned sn_bits, bool has_so, bool has_range);

/* Writes a STATUS PDU. Returns its length, OLIVE_ERANGE when it does not fit max, or
 * OLIVE_EINVAL for a field out of range (SN too wide, NACK range 0 flagged present). */
OLIVE_API int rlc_status_pack(const rlc_status_pdu_t *s, unsigned sn_bits, uint8_t *out,
                              size_t max);

/* Parses a STATUS PDU. Returns the bytes consumed or OLIVE_EPROTO (truncated, CPT not
 * 000, NACK range 0, SOstart > SOend). Bytes after the last NACK entry are padding and
 * ignored. When the PDU holds more than RLC_STATUS_MAX_NACKS entries, the list is cut and
 * ack_sn is set to the SN of the first entry left out, which is what a transmitter may
 * conclude from the truncated report (nothing at or above it is acknowledged). */
OLIVE_API int rlc_status_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits,
                                rlc_status_pdu_t *s);

#endif
