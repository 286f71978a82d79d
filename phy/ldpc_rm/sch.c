/* SPDX-License-Identifier: Apache-2.0 */
/* Transport block chain of the shared channels, TS 38.212 7.2 (DL-SCH) / 6.2 (UL-SCH):
 * TB CRC (7.2.1), base graph (7.2.2), segmentation + CB CRC (7.2.3 -> 5.2.2), LDPC
 * (7.2.4 -> 5.3.2), rate matching (7.2.5 -> 5.4.2), concatenation (7.2.6 -> 5.5); and the
 * receive side with HARQ soft buffers. Everything is allocated in phy_sch_init. */
#include <string.h>

#include "olive/phy/bits.h"
#include "olive/phy/ldpc_rm.h"
#include "olive/phy/tbs.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define SCH_MAX_HARQ 32

typedef struct sch_harq {
  int8_t *soft;     /* C circular buffers of N_cb LLRs, back to back */
  uint8_t *tb;      /* decoded B = A + L_TB bits, packed */
  uint8_t *cb_ok;   /* per code block: CRC held in an earlier decode */
  unsigned tbs;     /* A the buffers hold, 0 = empty */
  phy_ldpc_bg_t bg; /* base graph of its initial transmission */
  unsigned n_cb;    /* N_cb of its code blocks */
} sch_harq_t;

struct phy_sch_state {
  phy_ldpc_enc_t enc;
  phy_ldpc_dec_t dec;
  unsigned max_tbs, max_c, nof_harq, max_layers, max_qm;
  size_t soft_cap; /* LLRs per HARQ process */
  uint8_t *tbc;    /* TB + CRC, packed */
  uint8_t *cb;     /* c_0..c_{K-1}, packed */
  uint8_t *d;      /* codeword, packed */
  sch_harq_t harq[SCH_MAX_HARQ];
};

/* Per-TB derived parameters of one call. */
typedef struct sch_plan {
  phy_ldpc_seg_t seg;
  unsigned n_cb;
  unsigned payload; /* K' - L: TB bits per code block */
} sch_plan_t;

static void harq_free(sch_harq_t *h)
{
  olive_mem_free(h->soft);
  olive_mem_free(h->tb);
  olive_mem_free(h->cb_ok);
  memset(h, 0, sizeof(*h));
}

void phy_sch_free(phy_sch_t *q)
{
  if (q == NULL || q->st == NULL) {
    return;
  }
  struct phy_sch_state *s = q->st;
  phy_ldpc_enc_free(&s->enc);
  phy_ldpc_dec_free(&s->dec);
  for (unsigned i = 0; i < SCH_MAX_HARQ; i++) {
    harq_free(&s->harq[i]);
  }
  olive_mem_free(s->tbc);
  olive_mem_free(s->cb);
  olive_mem_free(s->d);
  olive_mem_free(s);
  q->st = NULL;
}

/* Soft LLRs a process needs at most, C N_max over the TBs the args allow:
 * BG1: C <= C(TBS_LBRM) code blocks of at most 66 * 384 (exact bound);
 * BG2: C <= 2 when A <= 3824, else R <= 1/4 (7.2.2), which bounds A by about
 * 0.25 / 0.926 of TBS_LBRM (same N_RE, Q_m, layers; R_LBRM = 948/1024) plus the TBS
 * quantisation: 0.3 TBS_LBRM is used. A call beyond it (e.g. a TBS that does not belong
 * to its rate) gets OLIVE_ERANGE at decode. */
static size_t soft_capacity(unsigned max_tbs, unsigned *max_c)
{
  phy_ldpc_seg_t s1;
  unsigned a2 = (unsigned)(0.3 * max_tbs) / 8 * 8 + 8;
  size_t c1 = phy_ldpc_rm_segment(max_tbs, PHY_LDPC_BG1, &s1) == 0 ? s1.c : 1;
  size_t c2 = (a2 + 24 + 3815) / 3816; /* TS 38.212 5.2.2, K_cb - L = 3816 for BG2 */
  c2 = c2 < 2 ? 2 : c2;
  size_t cap1 = c1 * 66 * PHY_LDPC_MAX_Z, cap2 = c2 * 50 * PHY_LDPC_MAX_Z;
  *max_c = (unsigned)(c1 > c2 ? c1 : c2);
  size_t cap = cap1 > cap2 ? cap1 : cap2;
  return (cap + 63) & ~(size_t)63;
}

static int sch_alloc(struct phy_sch_state *s, const phy_sch_args_t *a)
{
  s->soft_cap = soft_capacity(s->max_tbs, &s->max_c);
  s->tbc = olive_mem_alloc((s->max_tbs + 24) / 8 + 64);
  s->cb = olive_mem_alloc(PHY_LDPC_MAX_K / 8 + 64);
  s->d = olive_mem_alloc(PHY_LDPC_MAX_N / 8 + 64);
  if (s->tbc == NULL || s->cb == NULL || s->d == NULL) {
    return OLIVE_ENOMEM;
  }
  s->nof_harq = a->nof_harq;
  for (unsigned i = 0; i < a->nof_harq; i++) {
    sch_harq_t *h = &s->harq[i];
    h->soft = olive_mem_alloc(s->soft_cap);
    h->tb = olive_mem_alloc((s->max_tbs + 24) / 8 + 64);
    h->cb_ok = olive_mem_alloc(s->max_c);
    if (h->soft == NULL || h->tb == NULL || h->cb_ok == NULL) {
      return OLIVE_ENOMEM;
    }
  }
  return OLIVE_OK;
}

int phy_sch_init(phy_sch_t *q, const phy_sch_args_t *a)
{
  if (q == NULL) {
    return OLIVE_EINVAL;
  }
  q->st = NULL;
  if (a == NULL || a->max_prb == 0 || a->max_prb > 275 || a->max_layers == 0 || a->max_layers > 4 ||
      a->max_qm < 2 || a->max_qm > 8 || a->nof_harq > SCH_MAX_HARQ) {
    return OLIVE_EINVAL;
  }
  int lbrm = phy_tbs_lbrm(a->max_prb, a->max_layers, a->max_qm);
  if (lbrm <= 0) {
    return OLIVE_EINVAL;
  }
  struct phy_sch_state *s = olive_mem_alloc(sizeof(*s));
  if (s == NULL) {
    return OLIVE_ENOMEM;
  }
  q->st = s;
  q->tbs_lbrm = (unsigned)lbrm;
  s->max_tbs = (unsigned)lbrm;
  s->max_layers = a->max_layers;
  s->max_qm = a->max_qm;
  phy_ldpc_enc_args_t ea = {.isa = a->isa};
  phy_ldpc_dec_args_t da = {.isa = a->isa};
  int ret = sch_alloc(s, a);
  if (ret == 0) {
    ret = phy_ldpc_enc_init(&s->enc, &ea);
  }
  if (ret == 0 && a->nof_harq > 0) {
    ret = phy_ldpc_dec_init(&s->dec, &da);
  }
  if (ret != 0) {
    phy_sch_free(q);
  }
  return ret;
}

static bool qm_ok(unsigned qm)
{
  return qm == 1 || qm == 2 || qm == 4 || qm == 6 || qm == 8;
}

/* Segmentation and sizes of one call. force_bg: the base graph of the initial
 * transmission for a retransmission (whose MCS may be a reserved one without a rate),
 * 0 to select it from cfg->r_x2048 (7.2.2). */
static int sch_plan(const phy_sch_t *q, const phy_sch_cfg_t *cfg, phy_ldpc_bg_t force_bg,
                    sch_plan_t *p)
{
  if (cfg == NULL || cfg->tbs == 0 || cfg->tbs % 8 != 0 || !qm_ok(cfg->qm) || cfg->n_layers == 0 ||
      cfg->rv > 3 || cfg->g == 0 || cfg->g % (cfg->qm * cfg->n_layers) != 0) {
    return OLIVE_EINVAL;
  }
  if (cfg->tbs > q->st->max_tbs || cfg->qm > q->st->max_qm || cfg->n_layers > q->st->max_layers) {
    return OLIVE_ERANGE;
  }
  phy_ldpc_bg_t bg = force_bg ? force_bg : phy_ldpc_rm_select_bg(cfg->tbs, cfg->r_x2048);
  int ret = phy_ldpc_rm_segment(cfg->tbs, bg, &p->seg);
  if (ret < 0) {
    return ret;
  }
  if (p->seg.c > q->st->max_c || cfg->g / (cfg->qm * cfg->n_layers) < p->seg.c) {
    return OLIVE_ERANGE; /* every code block needs at least one symbol per layer */
  }
  int ncb = phy_ldpc_rm_ncb(&p->seg, cfg->lbrm ? q->tbs_lbrm : 0);
  if (ncb <= 0) {
    return OLIVE_EINVAL;
  }
  p->n_cb = (unsigned)ncb;
  p->payload = p->seg.k_prime - p->seg.cb_crc_len;
  return OLIVE_OK;
}

static phy_ldpc_rm_cfg_t rm_cfg(const sch_plan_t *p, const phy_sch_cfg_t *cfg, unsigned r)
{
  phy_ldpc_rm_cfg_t rc = {.bg = p->seg.bg,
                          .z = p->seg.z,
                          .k_prime = p->seg.k_prime,
                          .n_cb = p->n_cb,
                          .rv = cfg->rv,
                          .qm = cfg->qm};
  rc.e = (unsigned)phy_ldpc_rm_e(cfg->g, p->seg.c, r, cfg->n_layers, cfg->qm);
  return rc;
}

/* Parity rows the encoder must produce so that the codeword covers `needed` bits. */
static unsigned enc_rows(const phy_ldpc_seg_t *seg, unsigned needed)
{
  unsigned kb_cols = phy_ldpc_bg_kb(seg->bg), rows = phy_ldpc_bg_rows(seg->bg);
  unsigned cols = (needed + seg->z - 1) / seg->z; /* columns of d, which starts at col 2 */
  unsigned r = cols + 2 > kb_cols ? cols + 2 - kb_cols : 0;
  if (r < PHY_LDPC_MIN_ROWS) {
    r = PHY_LDPC_MIN_ROWS;
  }
  return r > rows ? rows : r;
}

/* Code block r: c = TB bits [r (K' - L), +K' - L) + CRC24B (C > 1) + F zero fillers. */
static void build_cb(struct phy_sch_state *s, const sch_plan_t *p, unsigned r)
{
  memset(s->cb, 0, (p->seg.k + 7) / 8);
  phy_bits_copy(s->cb, 0, s->tbc, (size_t)r * p->payload, p->payload);
  if (p->seg.c > 1) {
    phy_crc_attach_packed(PHY_CRC24B, s->cb, p->payload); /* TS 38.212 5.2.2 */
  }
}

int phy_sch_encode(phy_sch_t *q, const phy_sch_cfg_t *cfg, const uint8_t *tb, uint8_t *bits)
{
  sch_plan_t p;
  if (q == NULL || q->st == NULL || tb == NULL || bits == NULL) {
    return OLIVE_EINVAL;
  }
  int ret = sch_plan(q, cfg, 0, &p);
  if (ret < 0) {
    return ret;
  }
  struct phy_sch_state *s = q->st;
  /* TS 38.212 7.2.1: TB CRC */
  memcpy(s->tbc, tb, cfg->tbs / 8);
  phy_crc_attach_packed(p.seg.tb_crc, s->tbc, cfg->tbs);
  unsigned off = 0;
  for (unsigned r = 0; r < p.seg.c; r++) {
    build_cb(s, &p, r);
    phy_ldpc_rm_cfg_t rc = rm_cfg(&p, cfg, r);
    int need = phy_ldpc_rm_needed(&rc);
    if (need < 0) {
      return need;
    }
    phy_ldpc_enc_cfg_t ec = {
        .bg = p.seg.bg, .z = p.seg.z, .nof_rows = enc_rows(&p.seg, (unsigned)need)};
    ret = phy_ldpc_encode(&s->enc, &ec, s->cb, s->d);
    if (ret < need) {
      return ret < 0 ? ret : OLIVE_EINVAL;
    }
    /* TS 38.212 5.5: concatenation f_0 of CB 0, then CB 1, ... */
    ret = phy_ldpc_rm_encode(&rc, s->d, bits + off);
    if (ret < 0) {
      return ret;
    }
    off += rc.e;
  }
  return (int)off;
}

static int harq_prepare(struct phy_sch_state *s, const phy_sch_cfg_t *cfg, const sch_plan_t *p,
                        sch_harq_t *h)
{
  if ((size_t)p->seg.c * p->n_cb > s->soft_cap) {
    return OLIVE_ERANGE;
  }
  if (!cfg->new_data && p->n_cb != h->n_cb) {
    return OLIVE_ESTATE; /* e.g. LBRM switched between transmissions */
  }
  if (cfg->new_data) {
    for (unsigned r = 0; r < p->seg.c; r++) {
      phy_ldpc_rm_cfg_t rc = rm_cfg(p, cfg, r);
      phy_ldpc_rm_soft_reset(&rc, h->soft + (size_t)r * p->n_cb);
    }
    memset(h->cb_ok, 0, s->max_c);
    h->tbs = cfg->tbs;
    h->bg = p->seg.bg;
    h->n_cb = p->n_cb;
  }
  return OLIVE_OK;
}

/* Decodes code block r from its soft buffer into h->tb unless it already passed. */
static void decode_cb(struct phy_sch_state *s, const phy_sch_cfg_t *cfg, const sch_plan_t *p,
                      sch_harq_t *h, unsigned r, phy_sch_result_t *res)
{
  if (h->cb_ok[r]) {
    res->cb_ok++;
    return;
  }
  phy_ldpc_dec_cfg_t dc = {.bg = p->seg.bg,
                           .z = p->seg.z,
                           .nof_filler = p->seg.f,
                           .max_iters = cfg->max_iters ? cfg->max_iters : 10,
                           .stop = PHY_LDPC_STOP_CRC,
                           .crc = p->seg.c > 1 ? PHY_CRC24B : p->seg.tb_crc,
                           .llr_scale = cfg->llr_scale};
  phy_ldpc_dec_result_t dr = {0};
  if (phy_ldpc_decode(&s->dec, &dc, h->soft + (size_t)r * p->n_cb, p->n_cb, s->cb, &dr) != 0) {
    return;
  }
  res->iters += dr.iters;
  /* C > 1: CRC24B of the code block; C = 1: the TB CRC, checked below */
  bool ok = p->seg.c > 1 ? phy_crc_check_packed(PHY_CRC24B, s->cb, p->payload) == 0
                         : phy_crc_check_packed(p->seg.tb_crc, s->cb, cfg->tbs) == 0;
  /* TS 38.212 5.5 inverse: the TB bits of code block r */
  phy_bits_copy(h->tb, (size_t)r * p->payload, s->cb, 0, p->payload);
  h->cb_ok[r] = ok;
  res->cb_ok += ok;
}

int phy_sch_decode(phy_sch_t *q, const phy_sch_cfg_t *cfg, const int8_t *llr, uint8_t *tb,
                   phy_sch_result_t *res)
{
  sch_plan_t p;
  phy_sch_result_t local;
  if (res == NULL) {
    res = &local;
  }
  memset(res, 0, sizeof(*res));
  if (q == NULL || q->st == NULL || llr == NULL || tb == NULL ||
      (cfg != NULL && cfg->max_iters > PHY_LDPC_MAX_ITERS)) {
    return OLIVE_EINVAL;
  }
  struct phy_sch_state *s = q->st;
  if (cfg == NULL || cfg->harq_id >= s->nof_harq) {
    return OLIVE_EINVAL;
  }
  sch_harq_t *h = &s->harq[cfg->harq_id];
  if (!cfg->new_data && h->tbs != cfg->tbs) {
    return OLIVE_ESTATE; /* combining needs the same TB (and so the same segmentation) */
  }
  int ret = sch_plan(q, cfg, cfg->new_data ? 0 : h->bg, &p);
  if (ret == 0) {
    ret = harq_prepare(s, cfg, &p, h);
  }
  if (ret < 0) {
    return ret;
  }
  res->c = p.seg.c;
  unsigned off = 0;
  for (unsigned r = 0; r < p.seg.c; r++) {
    phy_ldpc_rm_cfg_t rc = rm_cfg(&p, cfg, r);
    phy_ldpc_rm_decode(&rc, llr + off, h->soft + (size_t)r * p.n_cb);
    off += rc.e;
    decode_cb(s, cfg, &p, h, r, res);
  }
  /* TS 38.212 7.2.1: TB CRC over the concatenated B bits */
  res->tb_ok = phy_crc_check_packed(p.seg.tb_crc, h->tb, cfg->tbs) == 0;
  memcpy(tb, h->tb, cfg->tbs / 8);
  return res->tb_ok ? OLIVE_OK : OLIVE_ECRC;
}
