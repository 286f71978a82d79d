/* SPDX-License-Identifier: Apache-2.0 */
/* Value tables of the RLC-Config ENUMERATED types, TS 38.331 6.3.2 (IE RLC-Config).
 * Each table lists the values in ASN.1 order; tests check their lengths and sums. */
#include "olive/rlc/rlc_cfg.h"

#include "olive/support/error.h"

/* TS 38.331 T-PollRetransmit: ms5..ms250 step 5, ms300..ms500 step 50, ms800, ms1000,
 * ms2000, ms4000, then ms1-v1610..ms4-v1610. */
static const uint16_t t_poll_retx_ms[RLC_T_POLL_RETX_N] = {
    5,   10,  15,  20,  25,  30,  35,  40,  45,   50,   55,   60,  65,  70,  75,  80,
    85,  90,  95,  100, 105, 110, 115, 120, 125,  130,  135,  140, 145, 150, 155, 160,
    165, 170, 175, 180, 185, 190, 195, 200, 205,  210,  215,  220, 225, 230, 235, 240,
    245, 250, 300, 350, 400, 450, 500, 800, 1000, 2000, 4000, 1,   2,   3,   4};

/* TS 38.331 PollPDU: p4 .. p65536, infinity. */
static const uint32_t poll_pdu_val[RLC_POLL_PDU_N] = {
    4,    8,     16,    32,    64,    128,   256,   512,   1024,  2048,  4096,  6144,
    8192, 12288, 16384, 20480, 24576, 28672, 32768, 40960, 49152, 57344, 65536, RLC_INFINITY};

/* TS 38.331 PollByte in kB (1000 bytes): kB1 .. kB7500, mB8 .. mB40, infinity. */
static const uint32_t poll_byte_kb[RLC_POLL_BYTE_N] = {
    1,     2,     5,     8,     10,    15,    25,    50,    75,    100,   125,
    250,   375,   500,   750,   1000,  1250,  1500,  2000,  3000,  4000,  4500,
    5000,  5500,  6000,  6500,  7000,  7500,  8000,  9000,  10000, 11000, 12000,
    13000, 14000, 15000, 16000, 17000, 18000, 20000, 25000, 30000, 40000, RLC_INFINITY};

/* TS 38.331 UL-AM-RLC maxRetxThreshold. */
static const uint8_t max_retx_val[RLC_MAX_RETX_N] = {1, 2, 3, 4, 6, 8, 16, 32};

/* TS 38.331 T-Reassembly: ms0..ms100 step 5, ms110..ms200 step 10. */
static const uint8_t t_reassembly_ms[RLC_T_REASSEMBLY_N] = {
    0,  5,  10, 15, 20,  25,  30,  35,  40,  45,  50,  55,  60,  65,  70, 75,
    80, 85, 90, 95, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200};

/* TS 38.331 T-StatusProhibit: ms0..ms250 step 5, ms300..ms500 step 50, ms800, ms1000,
 * ms1200, ms1600, ms2000, ms2400. */
static const uint16_t t_status_prohibit_ms[RLC_T_STATUS_PROHIBIT_N] = {
    0,   5,   10,  15,  20,  25,  30,  35,  40,  45,   50,   55,   60,   65,  70,  75,
    80,  85,  90,  95,  100, 105, 110, 115, 120, 125,  130,  135,  140,  145, 150, 155,
    160, 165, 170, 175, 180, 185, 190, 195, 200, 205,  210,  215,  220,  225, 230, 235,
    240, 245, 250, 300, 350, 400, 450, 500, 800, 1000, 1200, 1600, 2000, 2400};

int32_t rlc_t_poll_retx_ms(rlc_t_poll_retx_t v)
{
  return (unsigned)v < RLC_T_POLL_RETX_N ? t_poll_retx_ms[v] : -1;
}

int64_t rlc_poll_pdu_value(rlc_poll_pdu_t v)
{
  return (unsigned)v < RLC_POLL_PDU_N ? (int64_t)poll_pdu_val[v] : -1;
}

int64_t rlc_poll_byte_value(rlc_poll_byte_t v)
{
  if ((unsigned)v >= RLC_POLL_BYTE_N)
    return -1;
  if (poll_byte_kb[v] == RLC_INFINITY)
    return RLC_INFINITY;
  return (int64_t)poll_byte_kb[v] * 1000;
}

int32_t rlc_max_retx_value(rlc_max_retx_t v)
{
  return (unsigned)v < RLC_MAX_RETX_N ? max_retx_val[v] : -1;
}

int32_t rlc_t_reassembly_ms(rlc_t_reassembly_t v)
{
  return (unsigned)v < RLC_T_REASSEMBLY_N ? t_reassembly_ms[v] : -1;
}

int32_t rlc_t_status_prohibit_ms(rlc_t_status_prohibit_t v)
{
  return (unsigned)v < RLC_T_STATUS_PROHIBIT_N ? t_status_prohibit_ms[v] : -1;
}

const char *rlc_mode_name(rlc_mode_t m)
{
  static const char *const names[RLC_MODE_N] = {"TM", "UM", "AM"};
  return (unsigned)m < RLC_MODE_N ? names[m] : "?";
}

/* ASN.1 value names, in the same order as the tables above. */
static const char *const t_poll_retx_names[RLC_T_POLL_RETX_N] = {
    "ms5",    "ms10",   "ms15",   "ms20",      "ms25",      "ms30",      "ms35",      "ms40",
    "ms45",   "ms50",   "ms55",   "ms60",      "ms65",      "ms70",      "ms75",      "ms80",
    "ms85",   "ms90",   "ms95",   "ms100",     "ms105",     "ms110",     "ms115",     "ms120",
    "ms125",  "ms130",  "ms135",  "ms140",     "ms145",     "ms150",     "ms155",     "ms160",
    "ms165",  "ms170",  "ms175",  "ms180",     "ms185",     "ms190",     "ms195",     "ms200",
    "ms205",  "ms210",  "ms215",  "ms220",     "ms225",     "ms230",     "ms235",     "ms240",
    "ms245",  "ms250",  "ms300",  "ms350",     "ms400",     "ms450",     "ms500",     "ms800",
    "ms1000", "ms2000", "ms4000", "ms1-v1610", "ms2-v1610", "ms3-v1610", "ms4-v1610",
};

static const char *const poll_pdu_names[RLC_POLL_PDU_N] = {
    "p4",     "p8",     "p16",    "p32",    "p64",    "p128",   "p256",   "p512",
    "p1024",  "p2048",  "p4096",  "p6144",  "p8192",  "p12288", "p16384", "p20480",
    "p24576", "p28672", "p32768", "p40960", "p49152", "p57344", "p65536", "infinity",
};

static const char *const poll_byte_names[RLC_POLL_BYTE_N] = {
    "kB1",    "kB2",    "kB5",    "kB8",    "kB10",   "kB15",   "kB25",   "kB50",     "kB75",
    "kB100",  "kB125",  "kB250",  "kB375",  "kB500",  "kB750",  "kB1000", "kB1250",   "kB1500",
    "kB2000", "kB3000", "kB4000", "kB4500", "kB5000", "kB5500", "kB6000", "kB6500",   "kB7000",
    "kB7500", "mB8",    "mB9",    "mB10",   "mB11",   "mB12",   "mB13",   "mB14",     "mB15",
    "mB16",   "mB17",   "mB18",   "mB20",   "mB25",   "mB30",   "mB40",   "infinity",
};

const char *rlc_t_poll_retx_name(rlc_t_poll_retx_t v)
{
  return (unsigned)v < RLC_T_POLL_RETX_N ? t_poll_retx_names[v] : "spare";
}

const char *rlc_poll_pdu_name(rlc_poll_pdu_t v)
{
  return (unsigned)v < RLC_POLL_PDU_N ? poll_pdu_names[v] : "spare";
}

const char *rlc_poll_byte_name(rlc_poll_byte_t v)
{
  return (unsigned)v < RLC_POLL_BYTE_N ? poll_byte_names[v] : "spare";
}

int rlc_cfg_validate(const rlc_cfg_t *c)
{
  if (!c)
    return OLIVE_EINVAL;
  switch (c->mode) {
  case RLC_MODE_TM:
    return c->sn_bits == 0 ? 0 : OLIVE_ECONFIG;
  case RLC_MODE_UM:
    if (c->sn_bits != 6 && c->sn_bits != 12)
      return OLIVE_ECONFIG;
    return rlc_t_reassembly_ms(c->t_reassembly) >= 0 ? 0 : OLIVE_ECONFIG;
  case RLC_MODE_AM:
    if (c->sn_bits != 12 && c->sn_bits != 18)
      return OLIVE_ECONFIG;
    if (rlc_t_poll_retx_ms(c->t_poll_retx) < 0 || rlc_poll_pdu_value(c->poll_pdu) < 0 ||
        rlc_poll_byte_value(c->poll_byte) < 0 || rlc_max_retx_value(c->max_retx) < 0 ||
        rlc_t_reassembly_ms(c->t_reassembly) < 0 ||
        rlc_t_status_prohibit_ms(c->t_status_prohibit) < 0)
      return OLIVE_ECONFIG;
    return 0;
  default:
    return OLIVE_ECONFIG;
  }
}
