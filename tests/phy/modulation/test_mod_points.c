/* SPDX-License-Identifier: Apache-2.0 */
/* phy/modulation mapper, pinned to TS 38.211 5.1:
 *  - constellation points worked by hand from the 5.1.1-5.1.6 formulas, written as
 *    literals (the same points as LTE's TS 36.211 Tables 7.1.2-1..7.1.5-1, e.g. 16QAM
 *    0000 -> (1+j)/sqrt(10), 64QAM 000000 -> (3+3j)/sqrt(42), 256QAM 00000000 ->
 *    (5+5j)/sqrt(170)); the 16QAM rows 0000, 0001, 0010, 0011 -> (1+j), (1+3j), (3+j),
 *    (3+3j) / sqrt(10) also match TS 36.211 Table 7.1.3-1 as quoted in
 *    http://4g5gworld.com/forums/lteworld-forum/bit-symbol-mapping-lte;
 *  - unit average energy over all points of each order (5.1: "normalised");
 *  - the Gray property: any two points at the minimum distance 2/sqrt(norm) differ in
 *    exactly one bit;
 *  - the mapper output (unpacked and packed, every ISA) equals phy_mod_point() of the
 *    same bit groups, including pi/2-BPSK's index rotation;
 *  - name table and argument errors.
 * Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/modulation.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x9e3779b97f4a7c15ull);
static uint32_t rnd(void)
{
  return (uint32_t)(olive_test_u64(&rng) >> 32);
}

typedef struct known {
  phy_mod_t mod;
  const char *bits; /* b(0) first */
  unsigned index;   /* symbol index i (pi/2-BPSK) */
  double re, im;    /* before the 1/sqrt(norm) factor */
} known_t;

/* Worked by hand, s = 1 - 2b:
 * 16QAM  re = s0 (2 - s2)                 im = s1 (2 - s3)
 * 64QAM  re = s0 (4 - s2 (2 - s4))        im = s1 (4 - s3 (2 - s5))
 * 256QAM re = s0 (8 - s2 (4 - s4 (2 - s6))), im likewise with the odd bits. */
static const known_t known[] = {
    {PHY_MOD_PI2_BPSK, "0", 0, 1, 1},   /* e^0 (1 + j) */
    {PHY_MOD_PI2_BPSK, "1", 0, -1, -1}, /* e^0 (-1 - j) */
    {PHY_MOD_PI2_BPSK, "0", 1, -1, 1},  /* j (1 + j) */
    {PHY_MOD_PI2_BPSK, "1", 1, 1, -1},  /* j (-1 - j) */
    {PHY_MOD_PI2_BPSK, "0", 6, 1, 1},   /* i mod 2 = 0 */
    {PHY_MOD_PI2_BPSK, "1", 7, 1, -1},
    {PHY_MOD_BPSK, "0", 0, 1, 1},
    {PHY_MOD_BPSK, "1", 0, -1, -1},
    {PHY_MOD_BPSK, "1", 1, -1, -1}, /* no index dependence */
    {PHY_MOD_QPSK, "00", 0, 1, 1},
    {PHY_MOD_QPSK, "01", 0, 1, -1},
    {PHY_MOD_QPSK, "10", 0, -1, 1},
    {PHY_MOD_QPSK, "11", 0, -1, -1},
    {PHY_MOD_QAM16, "0000", 0, 1, 1},
    {PHY_MOD_QAM16, "1111", 0, -3, -3},
    {PHY_MOD_QAM16, "0010", 0, 3, 1},
    {PHY_MOD_QAM16, "0001", 0, 1, 3},
    {PHY_MOD_QAM16, "0011", 0, 3, 3},
    {PHY_MOD_QAM16, "1000", 0, -1, 1},
    {PHY_MOD_QAM16, "0110", 0, 3, -1},
    {PHY_MOD_QAM16, "1011", 0, -3, 3},
    {PHY_MOD_QAM64, "000000", 0, 3, 3},
    {PHY_MOD_QAM64, "111111", 0, -7, -7},
    {PHY_MOD_QAM64, "001000", 0, 5, 3},
    {PHY_MOD_QAM64, "001010", 0, 7, 3},
    {PHY_MOD_QAM64, "000010", 0, 1, 3},
    {PHY_MOD_QAM64, "000001", 0, 3, 1},
    {PHY_MOD_QAM64, "010101", 0, 3, -7},
    {PHY_MOD_QAM64, "100100", 0, -3, 5},
    {PHY_MOD_QAM256, "00000000", 0, 5, 5},
    {PHY_MOD_QAM256, "11111111", 0, -15, -15},
    {PHY_MOD_QAM256, "00000010", 0, 7, 5},
    {PHY_MOD_QAM256, "00001000", 0, 3, 5},
    {PHY_MOD_QAM256, "00001010", 0, 1, 5},
    {PHY_MOD_QAM256, "00100000", 0, 11, 5},
    {PHY_MOD_QAM256, "00101010", 0, 15, 5},
    {PHY_MOD_QAM256, "01000000", 0, 5, -5},
    {PHY_MOD_QAM256, "10010001", 0, -5, 9},
};

static const double norm[PHY_MOD_COUNT] = {2, 2, 2, 10, 42, 170};

static unsigned group_of(const char *s)
{
  unsigned g = 0;
  for (; *s; s++) {
    g = (g << 1) | (unsigned)(*s - '0');
  }
  return g;
}

static void test_known(const phy_modulation_t *q)
{
  for (size_t n = 0; n < sizeof(known) / sizeof(known[0]); n++) {
    const known_t *k = &known[n];
    double a = 1.0 / sqrt(norm[k->mod]);
    unsigned qm = phy_mod_bits(k->mod);
    CHECK(strlen(k->bits) == qm);
    cf_t p = phy_mod_point(k->mod, group_of(k->bits), k->index);
    int ok = fabs(crealf(p) - k->re * a) < 1e-6 && fabs(cimagf(p) - k->im * a) < 1e-6;
    if (!ok) {
      fprintf(stderr, "%s %s i=%u: got %g%+gj want %g%+gj\n", phy_mod_name(k->mod), k->bits,
              k->index, crealf(p), cimagf(p), k->re * a, k->im * a);
    }
    CHECK(ok);
    /* Through the mapper: the symbol at position `index` of a run of identical groups. */
    uint8_t bits[8 * PHY_MOD_MAX_QM];
    cf_t out[8];
    for (unsigned i = 0; i <= k->index; i++) {
      for (unsigned b = 0; b < qm; b++) {
        bits[i * qm + b] = (uint8_t)(k->bits[b] - '0');
      }
    }
    CHECK(phy_modulation_map_bits(q, k->mod, bits, (k->index + 1) * qm, out) == (int)k->index + 1);
    CHECK(fabs(crealf(out[k->index]) - k->re * a) < 1e-6);
    CHECK(fabs(cimagf(out[k->index]) - k->im * a) < 1e-6);
  }
}

static void test_power_and_gray(void)
{
  for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
    unsigned qm = phy_mod_bits((phy_mod_t)m), npts = 1u << qm;
    double e = 0;
    for (unsigned g = 0; g < npts; g++) {
      e += pow(cabs(phy_mod_point((phy_mod_t)m, g, 0)), 2);
    }
    CHECK(fabs(e / npts - 1.0) < 1e-6);
    /* Gray: nearest neighbours (distance 2A; BPSK's two antipodal points: 2) differ in one
     * bit. */
    double dmin = qm == 1 ? 2.0 : 2.0 / sqrt(norm[m]);
    unsigned pairs = 0;
    for (unsigned g = 0; g < npts; g++) {
      for (unsigned h = g + 1; h < npts; h++) {
        double d = cabs(phy_mod_point((phy_mod_t)m, g, 0) - phy_mod_point((phy_mod_t)m, h, 0));
        CHECK(d > dmin - 1e-5); /* no two points closer than 2A */
        if (d < dmin + 1e-5) {
          pairs++;
          CHECK(__builtin_popcount(g ^ h) == 1);
        }
      }
    }
    /* A sqrt(P) x sqrt(P) grid has 2 sqrt(P) (sqrt(P) - 1) neighbour pairs (BPSK: 1). */
    unsigned side = 1u << (qm / 2);
    CHECK(pairs == (qm == 1 ? 1 : 2 * side * (side - 1)));
  }
}

/* Random bits through every ISA, unpacked and packed, against phy_mod_point(). */
static void test_mapper_isa(olive_isa_t isa)
{
  phy_modulation_t q;
  phy_modulation_args_t args = {.isa = isa};
  CHECK(phy_modulation_init(&q, &args) == 0);
  enum { NSYM = 3300 };
  static const size_t lens[] = {1, 7, 8, 33, 3300};
  uint8_t *bits = olive_mem_alloc(NSYM * 8 + 1), *bytes = olive_mem_alloc(NSYM + 2);
  cf_t *out = olive_mem_alloc((NSYM + 1) * sizeof(cf_t));
  for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
    unsigned qm = phy_mod_bits((phy_mod_t)m);
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
      size_t n = lens[li], nbits = n * qm;
      uint8_t *b = bits + 1; /* misaligned */
      uint8_t *p = bytes + 1;
      cf_t *o = (cf_t *)((float *)out + 1);
      memset(p, 0, (nbits + 7) / 8);
      for (size_t k = 0; k < nbits; k++) {
        b[k] = (uint8_t)(rnd() & 1) | (uint8_t)(rnd() & 0xfe); /* upper bits are ignored */
        p[k / 8] |= (uint8_t)((b[k] & 1) << (7 - k % 8));
      }
      for (int packed = 0; packed < 2; packed++) {
        int r = packed ? phy_modulation_map_packed(&q, (phy_mod_t)m, p, nbits, o)
                       : phy_modulation_map_bits(&q, (phy_mod_t)m, b, nbits, o);
        CHECK(r == (int)n);
        size_t bad = 0;
        for (size_t i = 0; i < n; i++) {
          unsigned g = 0;
          for (unsigned k = 0; k < qm; k++) {
            g = (g << 1) | (b[i * qm + k] & 1u);
          }
          bad += o[i] != phy_mod_point((phy_mod_t)m, g, i);
        }
        if (bad) {
          fprintf(stderr, "isa %s %s packed=%d n=%zu: %zu wrong\n", olive_isa_name(isa),
                  phy_mod_name((phy_mod_t)m), packed, n, bad);
        }
        CHECK(bad == 0);
      }
    }
  }
  olive_mem_free(bits);
  olive_mem_free(bytes);
  olive_mem_free(out);
  phy_modulation_free(&q);
}

static void test_names_and_errors(const phy_modulation_t *q)
{
  static const char *const want[] = {"PI2BPSK", "BPSK", "QPSK", "QAM16", "QAM64", "QAM256"};
  static const unsigned qm[] = {1, 1, 2, 4, 6, 8};
  for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
    CHECK(strcmp(phy_mod_name((phy_mod_t)m), want[m]) == 0);
    CHECK(phy_mod_bits((phy_mod_t)m) == qm[m]);
  }
  CHECK(strcmp(phy_mod_name(PHY_MOD_COUNT), "?") == 0);
  CHECK(phy_mod_bits(PHY_MOD_COUNT) == 0);
  uint8_t bits[16] = {0};
  cf_t out[16];
  float llr[16];
  int8_t l8[16];
  CHECK(phy_modulation_map_bits(q, PHY_MOD_QAM16, bits, 6, out) == OLIVE_EINVAL);
  CHECK(phy_modulation_map_packed(q, PHY_MOD_QAM64, bits, 8, out) == OLIVE_EINVAL);
  CHECK(phy_modulation_map_bits(q, PHY_MOD_COUNT, bits, 8, out) == OLIVE_EINVAL);
  CHECK(phy_modulation_map_bits(NULL, PHY_MOD_QPSK, bits, 8, out) == OLIVE_EINVAL);
  CHECK(phy_modulation_map_bits(q, PHY_MOD_QPSK, NULL, 8, out) == OLIVE_EINVAL);
  CHECK(phy_modulation_map_bits(q, PHY_MOD_QPSK, bits, 0, out) == 0);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_QPSK, out, 2, 0.0f, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_QPSK, out, 2, -1.0f, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_QPSK, out, 2, NAN, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_QPSK, out, 2, INFINITY, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_i8(q, PHY_MOD_QPSK, out, 2, 1.0f, 0.0f, l8) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_i8(q, PHY_MOD_QPSK, out, 2, 1.0f, NAN, l8) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32_nv(q, PHY_MOD_QPSK, out, 2, NULL, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_COUNT, out, 2, 1.0f, llr) == OLIVE_EINVAL);
  CHECK(phy_demod_llr_f32(q, PHY_MOD_QAM64, out, 2, 1.0f, llr) == 12);
  CHECK(phy_mod_point(PHY_MOD_QPSK, 4, 0) == 0); /* group wider than Qm */
  phy_modulation_t bad;
  phy_modulation_args_t args = {.isa = (olive_isa_t)7};
  CHECK(phy_modulation_init(&bad, &args) == OLIVE_EINVAL);
  phy_modulation_free(&bad);
  phy_modulation_free(&bad);
  phy_modulation_free(NULL);
}

int main(void)
{
  phy_modulation_t q;
  CHECK(phy_modulation_init(&q, NULL) == 0);
  test_known(&q);
  test_power_and_gray();
  test_names_and_errors(&q);
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (olive_cpu_supports((olive_isa_t)isa)) {
      test_mapper_isa((olive_isa_t)isa);
    }
  }
  phy_modulation_free(&q);
  return olive_test_done();
}
