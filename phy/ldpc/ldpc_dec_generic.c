/* SPDX-License-Identifier: Apache-2.0 */
/* Portable reference of the decoder's layer kernel: normalized (offset) min-sum, one check row,
 * lane by lane (arithmetic in ldpc_internal.h). */
#include "ldpc_internal.h"

static int clamp127(int x)
{
  return x > 127 ? 127 : x < -127 ? -127 : x;
}

/* Writes the row-domain value v of lane i back to both copies of the column. */
static void app_store(int16_t *col, unsigned s, unsigned z, unsigned i, int v)
{
  unsigned p = i + s >= z ? i + s - z : i + s;
  col[p] = (int16_t)v;
  col[p + z] = (int16_t)v;
}

static void layer_generic(const ldpc_dec_layer_t *l)
{
  unsigned z = l->z, deg = l->deg;
  for (unsigned i = 0; i < z; i++) {
    int m1 = 127, m2 = 127, sgn = 0;
    for (unsigned e = 0; e < deg; e++) {
      const int16_t *view = l->app[l->cols[e]] + l->shifts[e];
      int t = view[i] - l->r[e * l->stride + i];
      int q = clamp127(t);
      l->q16[e * l->stride + i] = (int16_t)t;
      l->q[e * l->stride + i] = (int8_t)q;
      int a = q < 0 ? -q : q;
      if (a < m1) {
        m2 = m1;
        m1 = a;
      } else if (a < m2) {
        m2 = a;
      }
      sgn ^= q < 0;
    }
    for (unsigned e = 0; e < deg; e++) {
      int q = l->q[e * l->stride + i];
      int a = q < 0 ? -q : q;
      int mag = a == m1 ? m2 : m1;
      int r = ((mag * l->norm.mul + l->norm.rnd) >> 4) - l->norm.off;
      r = r < 0 ? 0 : r;
      if (sgn ^ (q < 0)) {
        r = -r;
      }
      l->r[e * l->stride + i] = (int8_t)r;
      app_store(l->app[l->cols[e]], l->shifts[e], z, i, l->q16[e * l->stride + i] + r);
    }
  }
}

static int row_ok_generic(const ldpc_dec_layer_t *l)
{
  for (unsigned i = 0; i < l->z; i++) {
    int x = 0;
    for (unsigned e = 0; e < l->deg; e++) {
      x ^= l->app[l->cols[e]][l->shifts[e] + i] < 0;
    }
    if (x) {
      return 0;
    }
  }
  return 1;
}

const ldpc_dec_ops_t ldpc_dec_ops_generic = {
    .layer = layer_generic,
    .row_ok = row_ok_generic,
};
