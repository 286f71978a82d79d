/* SPDX-License-Identifier: Apache-2.0 */
/* Systematic LDPC encoder, TS 38.212 5.3.2.
 *
 * Works on Z-bit blocks held one bit per byte, so a cyclic shift of a block is an
 * unaligned read: each input or core-parity column is stored twice in a row (2Z bytes) and
 * the block shifted by P is the Z bytes starting at offset P. Row sums are XORs of such
 * views (ops->xor_rows, SIMD over Z).
 *
 * Parity: rows 0..3 hold the systematic part plus the 4 core parity columns in a
 * double-diagonal pattern; their sum leaves only the first core column (ldpc_graph.c plans
 * the order), and each extension row r >= 4 gives its own parity column directly as the
 * XOR of shifted systematic and core blocks (H has the identity there). */
#include <string.h>

#include "ldpc_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define COL_STRIDE (2 * PHY_LDPC_MAX_Z + LDPC_VEC) /* one doubled column plus read slack */
#define NOF_COLS   (PHY_LDPC_BG1_KB + LDPC_CORE_COLS)

struct phy_ldpc_enc_state {
  const ldpc_enc_ops_t *ops;
  ldpc_graph_t g;
  int have_graph;
  uint8_t *col;   /* NOF_COLS doubled columns: systematic 0..kb-1, then the 4 core */
  uint8_t *lam;   /* 4 core-row sums, a work block and a doubling scratch, COL_STRIDE each */
  uint8_t *par;   /* parity w_0.. one bit per byte, all rows + slack */
  uint8_t *cbits; /* the input unpacked (packed API only) */
  /* Per edge of the lifted graph, the shifted view of its column (col_buf + P); valid
   * for the graph in g. Rows list their columns in increasing order (ldpc_bg_table.c), so
   * a row's systematic edges come first and an extension row's own parity edge last. */
  const uint8_t *view[LDPC_MAX_EDGES];
  uint8_t nof_sys[PHY_LDPC_MIN_ROWS]; /* systematic edges of each core row */
};

static const ldpc_enc_ops_t *enc_ops_for(olive_isa_t isa)
{
#if defined(OLIVE_HAVE_X86_SIMD)
  if (isa == OLIVE_ISA_AVX512) {
    return &ldpc_enc_ops_avx512;
  }
  if (isa == OLIVE_ISA_AVX2) {
    return &ldpc_enc_ops_avx2;
  }
#endif
  return isa == OLIVE_ISA_GENERIC ? &ldpc_enc_ops_generic : NULL;
}

int phy_ldpc_enc_init(phy_ldpc_enc_t *q, const phy_ldpc_enc_args_t *args)
{
  if (q == NULL || args == NULL) {
    return OLIVE_EINVAL;
  }
  memset(q, 0, sizeof(*q));
  olive_isa_t isa = olive_isa_resolve(args->isa);
  const ldpc_enc_ops_t *ops = enc_ops_for(isa);
  if (ops == NULL || !olive_cpu_supports(isa)) {
    return OLIVE_EINVAL;
  }
  struct phy_ldpc_enc_state *st = olive_mem_alloc(sizeof(*st));
  if (st == NULL) {
    return OLIVE_ENOMEM;
  }
  q->st = st;
  q->isa = isa;
  st->ops = ops;
  st->col = olive_mem_alloc((size_t)NOF_COLS * COL_STRIDE);
  st->lam = olive_mem_alloc((size_t)(LDPC_CORE_COLS + 2) * COL_STRIDE);
  st->par = olive_mem_alloc((size_t)PHY_LDPC_BG1_ROWS * PHY_LDPC_MAX_Z + LDPC_VEC);
  st->cbits = olive_mem_alloc(PHY_LDPC_MAX_K + LDPC_VEC);
  if (st->col == NULL || st->lam == NULL || st->par == NULL || st->cbits == NULL) {
    phy_ldpc_enc_free(q);
    return OLIVE_ENOMEM;
  }
  return OLIVE_OK;
}

void phy_ldpc_enc_free(phy_ldpc_enc_t *q)
{
  if (q == NULL || q->st == NULL) {
    return;
  }
  olive_mem_free(q->st->col);
  olive_mem_free(q->st->lam);
  olive_mem_free(q->st->par);
  olive_mem_free(q->st->cbits);
  olive_mem_free(q->st);
  q->st = NULL;
}

/* Doubled buffer of a systematic or core-parity column (col < kb + 4). */
static uint8_t *col_buf(struct phy_ldpc_enc_state *st, unsigned col)
{
  unsigned k = col < st->g.kb ? col : PHY_LDPC_BG1_KB + (col - st->g.kb);
  return st->col + (size_t)k * COL_STRIDE;
}

/* Per edge the shifted view of its column (the extension parity columns have no buffer:
 * each is only written, as its row's result), and the systematic degree of rows 0..3. */
static void plan_views(struct phy_ldpc_enc_state *st)
{
  const ldpc_graph_t *g = &st->g;
  for (unsigned e = 0; e < g->row_start[g->rows]; e++) {
    unsigned col = g->col[e];
    st->view[e] = col < g->kb + LDPC_CORE_COLS ? col_buf(st, col) + g->shift[e] : NULL;
  }
  for (unsigned r = 0; r < PHY_LDPC_MIN_ROWS; r++) {
    unsigned n = 0;
    for (unsigned e = g->row_start[r]; e < g->row_start[r + 1]; e++) {
      n += g->col[e] < g->kb;
    }
    st->nof_sys[r] = (uint8_t)n;
  }
}

/* Validates cfg, lifts the graph if (bg, z) changed; returns the number of rows. */
static int enc_prepare(struct phy_ldpc_enc_state *st, const phy_ldpc_enc_cfg_t *cfg)
{
  if (phy_ldpc_codeword_len(cfg->bg, cfg->z, cfg->nof_rows) < 0) {
    return OLIVE_EINVAL;
  }
  if (!st->have_graph || st->g.bg != cfg->bg || st->g.z != cfg->z) {
    st->have_graph = 0;
    int err = ldpc_graph_lift(&st->g, cfg->bg, cfg->z);
    if (err < 0) {
      return err;
    }
    plan_views(st);
    st->have_graph = 1;
  }
  return cfg->nof_rows ? (int)cfg->nof_rows : (int)st->g.rows;
}

/* Stores a block twice in a row so that any cyclic shift of it is one read. */
static void store_doubled(uint8_t *dst, const uint8_t *src, unsigned z)
{
  memcpy(dst, src, z);
  memcpy(dst + z, src, z);
}

/* dst[i] = src[(i - s) mod z], i.e. undoes a shift by s (tmp: 2z scratch). */
static void unshift(uint8_t *dst, const uint8_t *src, unsigned s, unsigned z, uint8_t *tmp)
{
  if (s == 0) {
    memmove(dst, src, z);
    return;
  }
  store_doubled(tmp, src, z);
  memcpy(dst, tmp + (z - s), z);
}

static void encode_core(struct phy_ldpc_enc_state *st)
{
  const ldpc_graph_t *g = &st->g;
  unsigned z = g->z, kb = g->kb;
  uint8_t *blk = st->lam + LDPC_CORE_COLS * COL_STRIDE;
  uint8_t *tmp = blk + COL_STRIDE;
  for (unsigned r = 0; r < LDPC_CORE_COLS; r++) {
    st->ops->xor_rows(st->lam + r * COL_STRIDE, st->view + g->row_start[r], st->nof_sys[r], z);
  }
  const uint8_t *lam[LDPC_CORE_COLS];
  for (unsigned r = 0; r < LDPC_CORE_COLS; r++) {
    lam[r] = st->lam + r * COL_STRIDE;
  }
  /* Sum of rows 0..3: P^s p_first = lambda_0 + .. + lambda_3. */
  st->ops->xor_rows(blk, lam, LDPC_CORE_COLS, z);
  unshift(blk, blk, g->core_p1_shift, z, tmp);
  store_doubled(col_buf(st, kb), blk, z);
  /* Back substitution: row core_row[k] leaves core_col[k] as its only unknown; its other
   * core columns are the ones solved before it. */
  for (unsigned k = 1; k < LDPC_CORE_COLS; k++) {
    unsigned r = g->core_row[k], c = g->core_col[k];
    const uint8_t *src[LDPC_MAX_ROW_DEG];
    unsigned n = 0;
    src[n++] = lam[r];
    for (unsigned e = g->row_start[r]; e < g->row_start[r + 1]; e++) {
      unsigned cc = g->col[e];
      int solved = 0;
      for (unsigned j = 0; j < k; j++) {
        solved |= g->core_col[j] == cc;
      }
      if (solved) {
        src[n++] = col_buf(st, cc) + g->shift[e];
      }
    }
    st->ops->xor_rows(blk, src, n, z);
    unshift(blk, blk, g->core_shift[k], z, tmp);
    store_doubled(col_buf(st, c), blk, z);
  }
}

/* Fills st->par with nof_rows * Z parity bits (one per byte). */
static void encode_parity(struct phy_ldpc_enc_state *st, unsigned nof_rows)
{
  const ldpc_graph_t *g = &st->g;
  unsigned z = g->z, kb = g->kb;
  encode_core(st);
  for (unsigned k = 0; k < LDPC_CORE_COLS; k++) {
    memcpy(st->par + k * z, col_buf(st, kb + k), z);
  }
  /* Extension row r: its parity block is the XOR of all its other (shifted) blocks. */
  for (unsigned r = LDPC_CORE_COLS; r < nof_rows; r++) {
    unsigned e0 = g->row_start[r], deg = g->row_start[r + 1] - e0;
    st->ops->xor_rows(st->par + (size_t)r * z, st->view + e0, deg - 1, z);
  }
}

static void load_columns(struct phy_ldpc_enc_state *st, const uint8_t *cbits)
{
  for (unsigned j = 0; j < st->g.kb; j++) {
    store_doubled(col_buf(st, j), cbits + (size_t)j * st->g.z, st->g.z);
  }
}

int phy_ldpc_encode_bits(phy_ldpc_enc_t *q, const phy_ldpc_enc_cfg_t *cfg, const uint8_t *c,
                         uint8_t *d)
{
  if (q == NULL || q->st == NULL || cfg == NULL || c == NULL || d == NULL) {
    return OLIVE_EINVAL;
  }
  struct phy_ldpc_enc_state *st = q->st;
  int rows = enc_prepare(st, cfg);
  if (rows < 0) {
    return rows;
  }
  unsigned z = st->g.z, k = st->g.kb * z;
  load_columns(st, c);
  encode_parity(st, (unsigned)rows);
  memcpy(d, c + 2 * z, k - 2 * z);
  memcpy(d + k - 2 * z, st->par, (size_t)rows * z);
  return (int)(k - 2 * z + (unsigned)rows * z);
}

/* Writes n one-per-byte bits into packed dst starting at bit off; bits of dst before off
 * are kept, the unused bits after the last one are zeroed. */
static void pack_at(const ldpc_enc_ops_t *ops, uint8_t *dst, size_t off, const uint8_t *src,
                    size_t n)
{
  while ((off & 7) != 0 && n > 0) {
    uint8_t m = (uint8_t)(0x80u >> (off & 7));
    dst[off >> 3] = (uint8_t)(*src ? dst[off >> 3] | m : dst[off >> 3] & ~m);
    off++, src++, n--;
  }
  if ((off & 7) != 0) {
    dst[off >> 3] &= (uint8_t)(0xff00u >> (off & 7)); /* zero the unused tail */
    return;
  }
  size_t bulk = n & ~(size_t)7;
  ops->pack(dst + (off >> 3), src, bulk);
  if (n > bulk) {
    uint8_t b = 0;
    for (size_t i = bulk; i < n; i++) {
      b |= (uint8_t)(src[i] << (7 - (i - bulk)));
    }
    dst[(off + bulk) >> 3] = b;
  }
}

static void unpack_all(const ldpc_enc_ops_t *ops, uint8_t *dst, const uint8_t *src, size_t n)
{
  size_t bulk = n & ~(size_t)7;
  ops->unpack(dst, src, bulk);
  for (size_t i = bulk; i < n; i++) {
    dst[i] = (uint8_t)((src[i >> 3] >> (7 - (i & 7))) & 1);
  }
}

int phy_ldpc_encode(phy_ldpc_enc_t *q, const phy_ldpc_enc_cfg_t *cfg, const uint8_t *c, uint8_t *d)
{
  if (q == NULL || q->st == NULL || cfg == NULL || c == NULL || d == NULL) {
    return OLIVE_EINVAL;
  }
  struct phy_ldpc_enc_state *st = q->st;
  int rows = enc_prepare(st, cfg);
  if (rows < 0) {
    return rows;
  }
  unsigned z = st->g.z, k = st->g.kb * z;
  if (z % 8 == 0) {
    /* Byte-aligned columns: unpack straight into the column buffers and copy the
     * systematic part of d as bytes. */
    for (unsigned j = 0; j < st->g.kb; j++) {
      uint8_t *col = col_buf(st, j);
      st->ops->unpack(col, c + j * z / 8, z);
      memcpy(col + z, col, z);
    }
    encode_parity(st, (unsigned)rows);
    memcpy(d, c + 2 * z / 8, (k - 2 * z) / 8);
  } else {
    unpack_all(st->ops, st->cbits, c, k);
    load_columns(st, st->cbits);
    encode_parity(st, (unsigned)rows);
    pack_at(st->ops, d, 0, st->cbits + 2 * z, k - 2 * z);
  }
  pack_at(st->ops, d, k - 2 * z, st->par, (size_t)rows * z);
  return (int)(k - 2 * z + (unsigned)rows * z);
}
