/* SPDX-License-Identifier: Apache-2.0 */
/* RLC configuration as signalled in TS 38.331 RLC-Config (6.3.2), with the ENUMERATED
 * types of its fields kept as enums, and value tables that turn them into numbers. The
 * enum order is the ASN.1 order, so an RRC decoder can store the index directly. */
#ifndef OLIVE_RLC_RLC_CFG_H
#define OLIVE_RLC_RLC_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

#define RLC_INFINITY UINT32_MAX /* pollPDU/pollByte "infinity" */

/* TS 38.331 T-PollRetransmit ::= ENUMERATED { ms5, ms10, ..., ms250, ms300, ms350, ms400,
 * ms450, ms500, ms800, ms1000, ms2000, ms4000, ms1-v1610, ms2-v1610, ms3-v1610, ms4-v1610,
 * spare1 }. Spares are rejected. */
typedef enum rlc_t_poll_retx {
  RLC_T_POLL_RETX_MS5 = 0,
  RLC_T_POLL_RETX_MS45 = 8,
  RLC_T_POLL_RETX_MS100 = 19,
  RLC_T_POLL_RETX_MS4000 = 58,
  RLC_T_POLL_RETX_MS1_V1610 = 59,
  RLC_T_POLL_RETX_MS4_V1610 = 62,
  RLC_T_POLL_RETX_N = 63 /* valid indices 0..62; 63 is spare1 */
} rlc_t_poll_retx_t;

/* TS 38.331 PollPDU ::= ENUMERATED { p4, p8, p16, p32, p64, p128, p256, p512, p1024,
 * p2048, p4096, p6144, p8192, p12288, p16384, p20480, p24576, p28672, p32768, p40960,
 * p49152, p57344, p65536, infinity, spare8..spare1 } */
typedef enum rlc_poll_pdu {
  RLC_POLL_PDU_P4 = 0,
  RLC_POLL_PDU_P8 = 1,
  RLC_POLL_PDU_P16 = 2,
  RLC_POLL_PDU_P32 = 3,
  RLC_POLL_PDU_P64 = 4,
  RLC_POLL_PDU_INFINITY = 23,
  RLC_POLL_PDU_N = 24
} rlc_poll_pdu_t;

/* TS 38.331 PollByte ::= ENUMERATED { kB1, kB2, kB5, kB8, kB10, kB15, kB25, kB50, kB75,
 * kB100, kB125, kB250, kB375, kB500, kB750, kB1000, kB1250, kB1500, kB2000, kB3000,
 * kB4000, kB4500, kB5000, kB5500, kB6000, kB6500, kB7000, kB7500, mB8, mB9, mB10, mB11,
 * mB12, mB13, mB14, mB15, mB16, mB17, mB18, mB20, mB25, mB30, mB40, infinity,
 * spare20..spare1 } */
typedef enum rlc_poll_byte {
  RLC_POLL_BYTE_KB1 = 0,
  RLC_POLL_BYTE_KB25 = 6,
  RLC_POLL_BYTE_KB500 = 13,
  RLC_POLL_BYTE_MB40 = 42,
  RLC_POLL_BYTE_INFINITY = 43,
  RLC_POLL_BYTE_N = 44
} rlc_poll_byte_t;

/* TS 38.331 UL-AM-RLC maxRetxThreshold ENUMERATED { t1, t2, t3, t4, t6, t8, t16, t32 } */
typedef enum rlc_max_retx {
  RLC_MAX_RETX_T1 = 0,
  RLC_MAX_RETX_T2,
  RLC_MAX_RETX_T3,
  RLC_MAX_RETX_T4,
  RLC_MAX_RETX_T6,
  RLC_MAX_RETX_T8,
  RLC_MAX_RETX_T16,
  RLC_MAX_RETX_T32,
  RLC_MAX_RETX_N
} rlc_max_retx_t;

/* TS 38.331 T-Reassembly ::= ENUMERATED { ms0, ms5, ..., ms100, ms110, ms120, ..., ms200,
 * spare1 } */
typedef enum rlc_t_reassembly {
  RLC_T_REASSEMBLY_MS0 = 0,
  RLC_T_REASSEMBLY_MS5 = 1,
  RLC_T_REASSEMBLY_MS35 = 7,
  RLC_T_REASSEMBLY_MS200 = 30,
  RLC_T_REASSEMBLY_N = 31
} rlc_t_reassembly_t;

/* TS 38.331 T-StatusProhibit ::= ENUMERATED { ms0, ms5, ..., ms250, ms300, ms350, ms400,
 * ms450, ms500, ms800, ms1000, ms1200, ms1600, ms2000, ms2400, spare2, spare1 } */
typedef enum rlc_t_status_prohibit {
  RLC_T_STATUS_PROHIBIT_MS0 = 0,
  RLC_T_STATUS_PROHIBIT_MS5 = 1,
  RLC_T_STATUS_PROHIBIT_MS2400 = 61,
  RLC_T_STATUS_PROHIBIT_N = 62
} rlc_t_status_prohibit_t;

/* TS 38.331 SN-FieldLengthUM ::= ENUMERATED { size6, size12 };
 *           SN-FieldLengthAM ::= ENUMERATED { size12, size18 }. Stored as bits. */
typedef enum rlc_mode { RLC_MODE_TM = 0, RLC_MODE_UM, RLC_MODE_AM, RLC_MODE_N } rlc_mode_t;

/* Number each enum stands for: ms for timers, PDUs for pollPDU, bytes for pollByte
 * (kB = 1000 bytes, MB = 1000 kB), transmissions for maxRetxThreshold. pollPDU/pollByte
 * "infinity" give RLC_INFINITY. An index outside the table (spares) gives -1. */
OLIVE_API int32_t rlc_t_poll_retx_ms(rlc_t_poll_retx_t v);
OLIVE_API int64_t rlc_poll_pdu_value(rlc_poll_pdu_t v);
OLIVE_API int64_t rlc_poll_byte_value(rlc_poll_byte_t v);
OLIVE_API int32_t rlc_max_retx_value(rlc_max_retx_t v);
OLIVE_API int32_t rlc_t_reassembly_ms(rlc_t_reassembly_t v);
OLIVE_API int32_t rlc_t_status_prohibit_ms(rlc_t_status_prohibit_t v);
OLIVE_API const char *rlc_mode_name(rlc_mode_t m);

/* The ASN.1 name of each value ("ms45", "p64", "kB25", "t8"); "spare" when out of range. */
OLIVE_API const char *rlc_t_poll_retx_name(rlc_t_poll_retx_t v);
OLIVE_API const char *rlc_poll_pdu_name(rlc_poll_pdu_t v);
OLIVE_API const char *rlc_poll_byte_name(rlc_poll_byte_t v);

/* One bearer's RLC configuration (the RLC-Config choice for one direction pair). */
typedef struct rlc_cfg {
  rlc_mode_t mode;
  uint8_t sn_bits; /* UM: 6 or 12; AM: 12 or 18; TM: 0 */
  /* AM transmitter (UL-AM-RLC / DL-AM-RLC of the peer) */
  rlc_t_poll_retx_t t_poll_retx;
  rlc_poll_pdu_t poll_pdu;
  rlc_poll_byte_t poll_byte;
  rlc_max_retx_t max_retx;
  /* UM/AM receiver */
  rlc_t_reassembly_t t_reassembly;
  rlc_t_status_prohibit_t t_status_prohibit; /* AM only */
} rlc_cfg_t;

/* 0 or OLIVE_ECONFIG (SN length not allowed for the mode, spare enum value). */
OLIVE_API int rlc_cfg_validate(const rlc_cfg_t *cfg);

#endif
