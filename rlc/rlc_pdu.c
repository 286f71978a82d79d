/* SPDX-License-Identifier: Apache-2.0 */
/* RLC PDU headers, TS 38.322 6.2.2 (formats) and 6.2.3 (fields). All multi-byte fields
 * are big-endian, most significant bit first. */
#include "olive/rlc/rlc_pdu.h"

#include "olive/support/error.h"

static bool um_bits_ok(unsigned b)
{
  return b == 6 || b == 12;
}

static bool am_bits_ok(unsigned b)
{
  return b == 12 || b == 18;
}

/* TS 38.322 6.2.2.3: SI=00 -> 1 byte (SI + 6 R bits, no SN); 6-bit SN -> 1 byte;
 * 12-bit SN -> 2 bytes; plus 2 bytes of SO for last/middle segments. */
int rlc_umd_hdr_len(unsigned sn_bits, rlc_si_t si)
{
  if (!um_bits_ok(sn_bits))
    return -1;
  if (si == RLC_SI_FULL)
    return 1;
  return (sn_bits == 6 ? 1 : 2) + (rlc_si_has_so(si) ? 2 : 0);
}

/* TS 38.322 6.2.2.4: 12-bit SN -> 2 bytes, 18-bit SN -> 3 bytes, +2 for SO. */
int rlc_amd_hdr_len(unsigned sn_bits, rlc_si_t si)
{
  if (!am_bits_ok(sn_bits))
    return -1;
  return (sn_bits == 12 ? 2 : 3) + (rlc_si_has_so(si) ? 2 : 0);
}

static void put_so(uint8_t *p, uint16_t so)
{
  p[0] = (uint8_t)(so >> 8);
  p[1] = (uint8_t)so;
}

static uint16_t get_so(const uint8_t *p)
{
  return (uint16_t)(p[0] << 8 | p[1]);
}

int rlc_umd_hdr_pack(const rlc_data_hdr_t *h, unsigned sn_bits, uint8_t *out, size_t max)
{
  int n = rlc_umd_hdr_len(sn_bits, h->si);
  if (n < 0 || (unsigned)h->si > 3 || h->sn >= (1u << sn_bits))
    return OLIVE_EINVAL;
  if ((size_t)n > max)
    return OLIVE_ERANGE;
  uint8_t si = (uint8_t)(h->si << 6);
  if (h->si == RLC_SI_FULL) {
    out[0] = si; /* SI=00, R=000000 */
    return n;
  }
  if (sn_bits == 6) {
    out[0] = si | (uint8_t)h->sn; /* SI(2) SN(6) */
  } else {
    out[0] = si | (uint8_t)(h->sn >> 8); /* SI(2) R(2) SN[11:8] */
    out[1] = (uint8_t)h->sn;
  }
  if (rlc_si_has_so(h->si))
    put_so(out + n - 2, h->so);
  return n;
}

int rlc_umd_hdr_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits, rlc_data_hdr_t *h)
{
  if (!um_bits_ok(sn_bits) || len < 1)
    return OLIVE_EPROTO;
  h->si = (rlc_si_t)(pdu[0] >> 6);
  h->poll = false;
  h->sn = 0;
  h->so = 0;
  int n = rlc_umd_hdr_len(sn_bits, h->si);
  if (len <= (size_t)n) /* a UMD PDU always carries at least one data byte */
    return OLIVE_EPROTO;
  if (h->si == RLC_SI_FULL)
    return n;
  if (sn_bits == 6)
    h->sn = pdu[0] & 0x3F;
  else
    h->sn = (uint32_t)(pdu[0] & 0x0F) << 8 | pdu[1];
  if (rlc_si_has_so(h->si))
    h->so = get_so(pdu + n - 2);
  return n;
}

int rlc_amd_hdr_pack(const rlc_data_hdr_t *h, unsigned sn_bits, uint8_t *out, size_t max)
{
  int n = rlc_amd_hdr_len(sn_bits, h->si);
  if (n < 0 || (unsigned)h->si > 3 || h->sn >= (1u << sn_bits))
    return OLIVE_EINVAL;
  if ((size_t)n > max)
    return OLIVE_ERANGE;
  /* D/C=1 (data), P, SI(2), then SN: 12-bit follows directly, 18-bit after R R. */
  uint8_t b0 = (uint8_t)(0x80 | (h->poll ? 0x40 : 0) | h->si << 4);
  if (sn_bits == 12) {
    out[0] = b0 | (uint8_t)(h->sn >> 8);
    out[1] = (uint8_t)h->sn;
  } else {
    out[0] = b0 | (uint8_t)(h->sn >> 16);
    out[1] = (uint8_t)(h->sn >> 8);
    out[2] = (uint8_t)h->sn;
  }
  if (rlc_si_has_so(h->si))
    put_so(out + n - 2, h->so);
  return n;
}

int rlc_amd_hdr_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits, rlc_data_hdr_t *h)
{
  if (!am_bits_ok(sn_bits) || len < 1 || rlc_am_is_control(pdu))
    return OLIVE_EPROTO;
  h->poll = (pdu[0] & 0x40) != 0;
  h->si = (rlc_si_t)((pdu[0] >> 4) & 3);
  h->so = 0;
  int n = rlc_amd_hdr_len(sn_bits, h->si);
  if (len <= (size_t)n)
    return OLIVE_EPROTO;
  if (sn_bits == 12)
    h->sn = (uint32_t)(pdu[0] & 0x0F) << 8 | pdu[1];
  else
    h->sn = (uint32_t)(pdu[0] & 0x03) << 16 | (uint32_t)pdu[1] << 8 | pdu[2];
  if (rlc_si_has_so(h->si))
    h->so = get_so(pdu + n - 2);
  return n;
}

/* TS 38.322 6.2.2.5: D/C, CPT(3), ACK_SN, E1, R... = 3 bytes for both SN lengths. */
int rlc_status_hdr_len(unsigned sn_bits)
{
  return am_bits_ok(sn_bits) ? 3 : -1;
}

/* NACK_SN + E1 E2 E3 + R: 2 bytes (12-bit) or 3 bytes (18-bit); SOstart+SOend 4 bytes;
 * NACK range 1 byte. */
int rlc_status_nack_len(unsigned sn_bits, bool has_so, bool has_range)
{
  if (!am_bits_ok(sn_bits))
    return -1;
  return (sn_bits == 12 ? 2 : 3) + (has_so ? 4 : 0) + (has_range ? 1 : 0);
}

static void put_ack(uint8_t *p, uint32_t sn, unsigned sn_bits, bool e1)
{
  if (sn_bits == 12) {
    p[0] = (uint8_t)(sn >> 8); /* D/C=0, CPT=000, ACK_SN[11:8] */
    p[1] = (uint8_t)sn;
    p[2] = e1 ? 0x80 : 0; /* E1, R(7) */
  } else {
    p[0] = (uint8_t)(sn >> 14); /* D/C=0, CPT=000, ACK_SN[17:14] */
    p[1] = (uint8_t)(sn >> 6);
    p[2] = (uint8_t)(sn << 2) | (e1 ? 0x02 : 0); /* ACK_SN[5:0], E1, R */
  }
}

static int put_nack(uint8_t *p, const rlc_status_nack_t *k, unsigned sn_bits, bool e1)
{
  uint8_t e = (uint8_t)((e1 ? 4 : 0) | (k->has_so ? 2 : 0) | (k->range ? 1 : 0));
  int n;
  if (sn_bits == 12) {
    p[0] = (uint8_t)(k->sn >> 4); /* NACK_SN[11:4] */
    p[1] = (uint8_t)(k->sn << 4) | (uint8_t)(e << 1);
    n = 2;
  } else {
    p[0] = (uint8_t)(k->sn >> 10); /* NACK_SN[17:10] */
    p[1] = (uint8_t)(k->sn >> 2);
    p[2] = (uint8_t)(k->sn << 6) | (uint8_t)(e << 3);
    n = 3;
  }
  if (k->has_so) {
    put_so(p + n, k->so_start);
    put_so(p + n + 2, k->so_end);
    n += 4;
  }
  if (k->range)
    p[n++] = k->range;
  return n;
}

int rlc_status_pack(const rlc_status_pdu_t *s, unsigned sn_bits, uint8_t *out, size_t max)
{
  if (!am_bits_ok(sn_bits) || s->ack_sn >= (1u << sn_bits) || s->nof_nacks > RLC_STATUS_MAX_NACKS)
    return OLIVE_EINVAL;
  size_t need = 3;
  for (uint32_t i = 0; i < s->nof_nacks; i++) {
    if (s->nacks[i].sn >= (1u << sn_bits))
      return OLIVE_EINVAL;
    need += (size_t)rlc_status_nack_len(sn_bits, s->nacks[i].has_so, s->nacks[i].range != 0);
  }
  if (need > max)
    return OLIVE_ERANGE;
  put_ack(out, s->ack_sn, sn_bits, s->nof_nacks > 0);
  size_t n = 3;
  for (uint32_t i = 0; i < s->nof_nacks; i++)
    n += (size_t)put_nack(out + n, &s->nacks[i], sn_bits, i + 1 < s->nof_nacks);
  return (int)n;
}

/* Reads one NACK entry at p (avail bytes); returns its length and E1, or OLIVE_EPROTO. */
static int get_nack(const uint8_t *p, size_t avail, unsigned sn_bits, rlc_status_nack_t *k,
                    bool *e1)
{
  size_t base = sn_bits == 12 ? 2 : 3;
  if (avail < base)
    return OLIVE_EPROTO;
  unsigned e;
  if (sn_bits == 12) {
    k->sn = (uint32_t)p[0] << 4 | p[1] >> 4;
    e = (p[1] >> 1) & 7;
  } else {
    k->sn = (uint32_t)p[0] << 10 | (uint32_t)p[1] << 2 | p[2] >> 6;
    e = (p[2] >> 3) & 7;
  }
  *e1 = (e & 4) != 0;
  k->has_so = (e & 2) != 0;
  k->range = 0;
  k->so_start = k->so_end = 0;
  size_t need = base + (k->has_so ? 4 : 0) + ((e & 1) ? 1 : 0);
  if (avail < need)
    return OLIVE_EPROTO;
  if (k->has_so) {
    k->so_start = get_so(p + base);
    k->so_end = get_so(p + base + 2);
    /* 6.2.3.13/14: SOend is the last missing byte, or 0xFFFF for "to the end". */
    if (k->so_end != RLC_SO_END_LAST && k->so_start > k->so_end && !(e & 1))
      return OLIVE_EPROTO;
  }
  if (e & 1) {
    k->range = p[need - 1];
    if (k->range == 0) /* 6.2.3.18: range counts SDUs including NACK_SN; 0 is invalid */
      return OLIVE_EPROTO;
  }
  return (int)need;
}

int rlc_status_unpack(const uint8_t *pdu, size_t len, unsigned sn_bits, rlc_status_pdu_t *s)
{
  if (!am_bits_ok(sn_bits) || len < 3 || !rlc_am_is_control(pdu))
    return OLIVE_EPROTO;
  if ((pdu[0] >> 4) & 7) /* 6.2.3.8: only CPT=000 (STATUS PDU) is defined */
    return OLIVE_EPROTO;
  bool e1;
  if (sn_bits == 12) {
    s->ack_sn = (uint32_t)(pdu[0] & 0x0F) << 8 | pdu[1];
    e1 = (pdu[2] & 0x80) != 0;
  } else {
    s->ack_sn = (uint32_t)(pdu[0] & 0x0F) << 14 | (uint32_t)pdu[1] << 6 | pdu[2] >> 2;
    e1 = (pdu[2] & 0x02) != 0;
  }
  s->nof_nacks = 0;
  size_t off = 3;
  while (e1) {
    rlc_status_nack_t k;
    int n = get_nack(pdu + off, len - off, sn_bits, &k, &e1);
    if (n < 0)
      return n;
    if (s->nof_nacks == RLC_STATUS_MAX_NACKS) {
      s->ack_sn = k.sn; /* cut the report here: see the header */
      return (int)(off + (size_t)n);
    }
    s->nacks[s->nof_nacks++] = k;
    off += (size_t)n;
  }
  return (int)off;
}
