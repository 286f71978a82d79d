/* SPDX-License-Identifier: Apache-2.0 */
/* phy/modulation soft demapper against the definition in modulation.h:
 *
 *   LLR(b_k) = (min_{s: b_k=1} |y - s|^2 - min_{s: b_k=0} |y - s|^2) / N0,
 *
 * evaluated here by brute force in double over all 2^Qm points, the points taken from the
 * 38.211 5.1 formulas written again in this file (not from the library). This pins the
 * library's separable per-axis piecewise-linear form (and its claim of exact equality for
 * Gray square QAM) on random y spread over and beyond the constellation, on the points
 * themselves and on the decision boundaries. Tolerance: 2e-6 of the larger squared
 * distance / N0 (float rounding of y and of the distances), plus 1e-6 absolute.
 * Also: sign convention (a transmitted 0 gives a positive LLR), per-symbol noise
 * variance, pi/2-BPSK index rotation, int8 = clamp(rint(LLR * scale), +-127) exactly, and
 * every ISA variant. Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "olive/phy/modulation.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static uint64_t rng_state = 0x853c49e6748fea9bull;
static double urand(void) /* [0, 1) */
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

/* TS 38.211 5.1, written independently of the library: one axis of a square QAM as the
 * nested form with the axis' bits s_a, s_{a+2}, ... */
static double axis_level(const int *s, unsigned qm, unsigned axis)
{
  unsigned m = qm / 2;
  double v = 0;
  for (unsigned j = m; j-- > 0;) {
    double sj = s[2 * j + axis];
    v = (j == m - 1) ? sj : sj * ((double)(1u << (m - 1 - j)) - v);
  }
  return v;
}

static double complex ref_point(phy_mod_t mod, unsigned g, size_t i)
{
  static const double norm[PHY_MOD_COUNT] = {2, 2, 2, 10, 42, 170};
  unsigned qm = phy_mod_bits(mod);
  int s[8];
  for (unsigned k = 0; k < qm; k++) {
    s[k] = 1 - 2 * (int)((g >> (qm - 1 - k)) & 1);
  }
  double a = 1.0 / sqrt(norm[mod]);
  if (qm == 1) {
    double complex d = (s[0] + I * s[0]) * a;
    return (mod == PHY_MOD_PI2_BPSK && (i & 1)) ? I * d : d;
  }
  return (axis_level(s, qm, 0) + I * axis_level(s, qm, 1)) * a;
}

/* Brute-force max-log LLRs of one symbol; also returns the tolerance scale. */
static double brute(phy_mod_t mod, cf_t y, size_t i, double n0, double *llr)
{
  unsigned qm = phy_mod_bits(mod);
  double d0[8], d1[8], dmax = 0;
  for (unsigned k = 0; k < qm; k++) {
    d0[k] = d1[k] = INFINITY;
  }
  for (unsigned g = 0; g < (1u << qm); g++) {
    double complex e = (double complex)y - ref_point(mod, g, i);
    double d = creal(e) * creal(e) + cimag(e) * cimag(e);
    for (unsigned k = 0; k < qm; k++) {
      double *dk = ((g >> (qm - 1 - k)) & 1) ? &d1[k] : &d0[k];
      *dk = d < *dk ? d : *dk;
    }
  }
  for (unsigned k = 0; k < qm; k++) {
    llr[k] = (d1[k] - d0[k]) / n0;
    dmax = fmax(dmax, fmax(d0[k], d1[k]) / n0);
  }
  return dmax;
}

enum { NSYM = 3000 };

/* Test inputs: random over 1.6x the constellation box, exact points, boundaries. */
static void make_inputs(phy_mod_t mod, cf_t *y, size_t n)
{
  static const double half_box[PHY_MOD_COUNT] = {1, 1, 1, 3, 7, 15};
  static const double norm[PHY_MOD_COUNT] = {2, 2, 2, 10, 42, 170};
  double a = 1.0 / sqrt(norm[mod]), r = 1.6 * half_box[mod] * a;
  for (size_t i = 0; i < n; i++) {
    unsigned kind = i % 4;
    if (kind == 0) { /* an exact point */
      y[i] = (cf_t)ref_point(mod, (unsigned)(urand() * (1u << phy_mod_bits(mod))), i);
    } else if (kind == 1) { /* on the grid of boundaries: even multiples of A */
      int bx = (int)floor(urand() * (2 * half_box[mod] + 3)) - (int)half_box[mod] - 1;
      int by = (int)floor(urand() * (2 * half_box[mod] + 3)) - (int)half_box[mod] - 1;
      y[i] = (float)(2 * (bx / 2) * a) + (float)(2 * (by / 2) * a) * I;
    } else {
      y[i] = (float)((2 * urand() - 1) * r) + (float)((2 * urand() - 1) * r) * I;
    }
  }
}

static void test_isa(olive_isa_t isa)
{
  phy_modulation_t q;
  phy_modulation_args_t args = {.isa = isa};
  CHECK(phy_modulation_init(&q, &args) == 0);
  cf_t *y = olive_mem_alloc(NSYM * sizeof(cf_t));
  float *llr = olive_mem_alloc(NSYM * 8 * sizeof(float)), *nv = olive_mem_alloc(NSYM * 4);
  int8_t *l8 = olive_mem_alloc(NSYM * 8);
  for (unsigned m = 0; m < PHY_MOD_COUNT; m++) {
    phy_mod_t mod = (phy_mod_t)m;
    unsigned qm = phy_mod_bits(mod);
    make_inputs(mod, y, NSYM);
    for (size_t i = 0; i < NSYM; i++) {
      nv[i] = (float)(0.01 + urand()); /* per-symbol N0 in [0.01, 1.01) */
    }
    for (int per_sym = 0; per_sym < 2; per_sym++) {
      const float n0 = 0.3f;
      int r = per_sym ? phy_demod_llr_f32_nv(&q, mod, y, NSYM, nv, llr)
                      : phy_demod_llr_f32(&q, mod, y, NSYM, n0, llr);
      CHECK(r == (int)(NSYM * qm));
      size_t bad = 0;
      double worst = 0;
      for (size_t i = 0; i < NSYM; i++) {
        double ref[8];
        double scale = brute(mod, y[i], i, per_sym ? nv[i] : n0, ref);
        for (unsigned k = 0; k < qm; k++) {
          double err = fabs(llr[i * qm + k] - ref[k]);
          double tol = 2e-6 * scale + 1e-6;
          worst = fmax(worst, err / tol);
          if (err > tol && bad++ < 3) {
            fprintf(stderr, "%s %s y=%.9g%+.9gj bit %u: got %.9g want %.9g\n", olive_isa_name(isa),
                    phy_mod_name(mod), crealf(y[i]), cimagf(y[i]), k, llr[i * qm + k], ref[k]);
          }
        }
        if (i % 4 == 0 && !per_sym) {
          /* y is an exact point: every LLR has the sign of its bit (0 -> positive). */
          for (unsigned k = 0; k < qm; k++) {
            CHECK(ref[k] != 0.0 && (llr[i * qm + k] > 0) == (ref[k] > 0));
          }
        }
      }
      CHECK(bad == 0);
      /* int8 is exactly clamp(rint(float LLR * scale)). */
      const float s8 = 2.5f;
      r = per_sym ? phy_demod_llr_i8_nv(&q, mod, y, NSYM, nv, s8, l8)
                  : phy_demod_llr_i8(&q, mod, y, NSYM, n0, s8, l8);
      CHECK(r == (int)(NSYM * qm));
      size_t bad8 = 0;
      for (size_t k = 0; k < NSYM * qm; k++) {
        float v = fminf(fmaxf(llr[k] * s8, -127.0f), 127.0f);
        bad8 += l8[k] != (int8_t)lrintf(v);
      }
      CHECK(bad8 == 0);
    }
  }
  olive_mem_free(y);
  olive_mem_free(llr);
  olive_mem_free(nv);
  olive_mem_free(l8);
  phy_modulation_free(&q);
}

/* Hand-worked: 16QAM point 0000 = (1+j)/sqrt(10), N0 = 1. Grid x = 1: b0 LLR = 4x A^2 = 0.4,
 * b2 = 4 (2 - |x|) A^2 = 0.4; y = 0: b0 = b1 = 0 and b2 = b3 = 8 A^2 = 0.8. */
static void test_hand_worked(void)
{
  phy_modulation_t q;
  CHECK(phy_modulation_init(&q, NULL) == 0);
  cf_t y[2] = {(float)(1 / sqrt(10)) + (float)(1 / sqrt(10)) * I, 0};
  float llr[8];
  CHECK(phy_demod_llr_f32(&q, PHY_MOD_QAM16, y, 2, 1.0f, llr) == 8);
  const float want[8] = {0.4f, 0.4f, 0.4f, 0.4f, 0.0f, 0.0f, 0.8f, 0.8f};
  for (int k = 0; k < 8; k++) {
    CHECK(fabsf(llr[k] - want[k]) < 1e-6f);
  }
  /* Saturation and NaN in int8; tiny per-symbol N0 floors instead of dividing by 0. */
  cf_t z[4] = {1e30f, -1e30f * I, NAN, 1.0f};
  float nv[4] = {1.0f, 1.0f, 1.0f, 0.0f};
  int8_t l8[8];
  CHECK(phy_demod_llr_i8_nv(&q, PHY_MOD_QPSK, z, 4, nv, 1.0f, l8) == 8);
  CHECK(l8[0] == 127 && l8[1] == 0 && l8[2] == 0 && l8[3] == -127);
  CHECK(l8[4] == -127 && l8[5] == 0 && l8[6] == 127 && l8[7] == 0); /* NaN -> -127 */
  phy_modulation_free(&q);
}

int main(void)
{
  test_hand_worked();
  for (int isa = OLIVE_ISA_GENERIC; isa < OLIVE_ISA_COUNT; isa++) {
    if (olive_cpu_supports((olive_isa_t)isa)) {
      test_isa((olive_isa_t)isa);
    }
  }
  return olive_test_done();
}
