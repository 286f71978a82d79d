/* SPDX-License-Identifier: Apache-2.0 */
/* phy_ldpc_rm_encode's and phy_ldpc_rm_decode's kernels against a literal transcription
 * of TS 38.212 5.4.2.1 (the "while k < E" loop) and 5.4.2.2 (the double loop), exact. The
 * transmit side has a portable path per Q_m and, for Q_m >= 6, a fused kernel whose
 * Q_m = 8 blocks of 64 groups have an AVX-512 variant; the receive side has an AVX-512
 * Q_m = 8 de-interleaver row. ctest runs this file under OLIVE_ISA=generic and
 * unrestricted so both are compared. Decoding adds random LLRs (saturating at +-127,
 * fillers +127 from phy_ldpc_rm_soft_reset) at the positions the reference selected. Cases:
 * Q_m 1..8, m = E/Q_m of 1, 7, 8, 33, 63..65, 127..129 and 3300 (tails around the 8- and 64-group
 * blocks), filler, N_cb small enough to wrap several times inside one row, every rv, d and f
 * misaligned by 0..7 bytes. d is allocated with exactly the bytes phy_ldpc_rm_needed() asks for
 * (ASan catches a read past them) and f has guard bytes on both sides (a store outside f_0..f_{E-1}
 * fails). Fixed seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ldpc_rm.h"
#include "olive_test.h"

#define GUARD 16

static uint32_t rng = 777u;
static uint32_t rnd(void)
{
  rng = rng * 1664525u + 1013904223u;
  return rng >> 8;
}

/* dbits: one bit per byte, 2 marks <NULL> (filler); pos[k]: the position e_k came from. */
static void ref_encode(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *dbits, unsigned *pos,
                       uint8_t *e, uint8_t *f)
{
  unsigned k0 = (unsigned)phy_ldpc_rm_k0(cfg->bg, cfg->z, cfg->n_cb, cfg->rv);
  for (unsigned k = 0, j = 0; k < cfg->e; j++) {
    unsigned p = (k0 + j) % cfg->n_cb;
    if (dbits[p] != 2) {
      pos[k] = p;
      e[k++] = dbits[p];
    }
  }
  unsigned m = cfg->e / cfg->qm;
  for (unsigned j = 0; j < m; j++) {
    for (unsigned i = 0; i < cfg->qm; i++) {
      f[i + j * cfg->qm] = e[i * m + j];
    }
  }
}

/* soft_reset + decode of E random LLRs vs adding them at the reference positions. */
static int check_decode(const phy_ldpc_rm_cfg_t *cfg, const uint8_t *dbits, const unsigned *pos,
                        unsigned foff)
{
  int8_t *llr = malloc(cfg->e + 8), *soft = malloc(cfg->n_cb);
  int *want = malloc(cfg->n_cb * sizeof(int));
  unsigned m = cfg->e / cfg->qm;
  for (unsigned p = 0; p < cfg->n_cb; p++) {
    want[p] = dbits[p] == 2 ? 127 : 0;
  }
  for (unsigned k = 0; k < cfg->e + 8; k++) {
    llr[k] = (int8_t)((int)(rnd() % 255) - 127);
  }
  for (unsigned k = 0; k < cfg->e; k++) { /* e_k = f_{(k mod m) Q_m + k / m} */
    int v = want[pos[k]] + llr[foff + (k % m) * cfg->qm + k / m];
    want[pos[k]] = v > 127 ? 127 : v < -127 ? -127 : v;
  }
  int ok = phy_ldpc_rm_soft_reset(cfg, soft) == 0 &&
           phy_ldpc_rm_decode(cfg, llr + foff, soft) == (int)cfg->e;
  for (unsigned p = 0; p < cfg->n_cb; p++) {
    ok &= soft[p] == want[p];
  }
  free(llr);
  free(soft);
  free(want);
  return ok;
}

/* One case: returns 1 when encode matches the reference and stays inside f, and decode
 * matches too. */
static int run_case(const phy_ldpc_rm_cfg_t *cfg, unsigned doff, unsigned foff)
{
  unsigned kb = cfg->bg == PHY_LDPC_BG1 ? 22 : 10,
           nmax = (cfg->bg == PHY_LDPC_BG1 ? 66 : 50) * cfg->z;
  unsigned fs = cfg->k_prime - 2 * cfg->z, fe = kb * cfg->z - 2 * cfg->z;
  int need = phy_ldpc_rm_needed(cfg);
  if (need <= 0) {
    return 0;
  }
  uint8_t *dbits = malloc(nmax), *e = malloc(cfg->e), *fr = malloc(cfg->e);
  unsigned *pos = malloc(cfg->e * sizeof(unsigned));
  uint8_t *dmem = malloc(doff + ((unsigned)need + 7) / 8);
  uint8_t *fmem = malloc(cfg->e + 2 * GUARD + 8);
  uint8_t *d = dmem + doff, *f = fmem + GUARD + foff;
  memset(dmem, 0, doff + ((unsigned)need + 7) / 8);
  for (unsigned p = 0; p < nmax; p++) {
    dbits[p] = (p >= fs && p < fe) ? 2 : (uint8_t)(rnd() & 1);
    if (p < (unsigned)need && dbits[p] == 1) {
      d[p >> 3] |= (uint8_t)(0x80u >> (p & 7));
    }
  }
  ref_encode(cfg, dbits, pos, e, fr);
  memset(fmem, 0xa5, cfg->e + 2 * GUARD + 8);
  int ok = phy_ldpc_rm_encode(cfg, d, f) == (int)cfg->e && memcmp(f, fr, cfg->e) == 0;
  for (unsigned b = 0; b < GUARD + foff; b++) {
    ok &= fmem[b] == 0xa5;
  }
  for (unsigned b = 0; b < GUARD + 8 - foff; b++) {
    ok &= f[cfg->e + b] == 0xa5;
  }
  ok &= check_decode(cfg, dbits, pos, foff);
  free(pos);
  free(dbits);
  free(e);
  free(fr);
  free(dmem);
  free(fmem);
  return ok;
}

static void test_lengths(void)
{
  static const unsigned qms[] = {1, 2, 4, 6, 8};
  static const unsigned ms[] = {1, 7, 8, 33, 63, 64, 65, 127, 128, 129, 3300};
  unsigned ncase = 0;
  for (size_t qi = 0; qi < OLIVE_ARRAY_SIZE(qms); qi++) {
    for (size_t mi = 0; mi < OLIVE_ARRAY_SIZE(ms); mi++) {
      for (unsigned v = 0; v < 4; v++) {
        /* BG1 Z = 384 with filler, full N_cb; or BG2 Z = 15 with a small N_cb, so long
         * rows wrap the circular buffer (and cross the filler) several times */
        phy_ldpc_rm_cfg_t cfg = {.rv = v, .qm = qms[qi], .e = qms[qi] * ms[mi]};
        if (v & 1) {
          cfg.bg = PHY_LDPC_BG2, cfg.z = 15, cfg.k_prime = 100 + rnd() % 50;
          cfg.n_cb = 140 + rnd() % 300;
        } else {
          cfg.bg = PHY_LDPC_BG1, cfg.z = 384, cfg.k_prime = 8448 - rnd() % 600;
          cfg.n_cb = 66 * 384;
        }
        unsigned doff = rnd() % 8, foff = rnd() % 8;
        CHECK(run_case(&cfg, doff, foff), "bg %u z %u k' %u ncb %u rv %u qm %u e %u d+%u f+%u",
              cfg.bg, cfg.z, cfg.k_prime, cfg.n_cb, cfg.rv, cfg.qm, cfg.e, doff, foff);
        ncase++;
      }
    }
  }
  CHECK(ncase == 5 * 11 * 4, "cases %u", ncase);
}

/* k0 inside the filler (rv 2 with K' small) and N_cb ending inside or at the filler end. */
static void test_filler_edges(void)
{
  static const unsigned qms[] = {6, 8};
  for (size_t qi = 0; qi < OLIVE_ARRAY_SIZE(qms); qi++) {
    for (unsigned rv = 0; rv < 4; rv++) {
      /* BG2 Z = 64: K = 640, fillers from K' - 128 = 72 to 512 */
      phy_ldpc_rm_cfg_t cfg = {
          .bg = PHY_LDPC_BG2, .z = 64, .k_prime = 200, .rv = rv, .qm = qms[qi], .e = qms[qi] * 700};
      for (unsigned ncb = 513; ncb <= 3200; ncb += 671) {
        cfg.n_cb = ncb;
        CHECK(run_case(&cfg, rv, 7 - rv), "ncb %u rv %u qm %u", ncb, rv, cfg.qm);
      }
    }
  }
}

int main(void)
{
  test_lengths();
  test_filler_edges();
  return olive_test_done();
}
