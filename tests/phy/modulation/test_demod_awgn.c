/* SPDX-License-Identifier: Apache-2.0 */
/* phy/modulation over AWGN (fixed seed): map random bits, add complex Gaussian noise of
 * variance N0 (Es = 1), demap with N0, take hard decisions (LLR < 0 -> 1) and compare the
 * bit error rate with the exact theoretical BER of Gray-mapped square QAM with
 * nearest-point decisions (which is what the sign of a max-log LLR gives):
 *   QPSK   Pb = Q(sqrt(Es/N0))
 *   16QAM  Pb = 1/4  [3 Q(d) + 2 Q(3d) - Q(5d)],                  d = sqrt(Es / (5 N0))
 *   64QAM  Pb = 1/12 [7 Q(d) + 6 Q(3d) - Q(5d) + Q(9d) - Q(13d)],  d = sqrt(Es / (21 N0))
 * (K. Cho and D. Yoon, "On the general BER expression of one- and two-dimensional
 * amplitude modulations", IEEE Trans. Commun. 50(7), 2002; the 16/64QAM sums were also
 * re-derived by hand from the per-axis decision intervals).
 * Threshold: measured BER within 20% of theory at each point (every point sees > 1000
 * errors, so the binomial spread is < 3%). The int8 output (scale 4) must agree in sign
 * with the float LLR wherever it is non-zero and be 0 only where |LLR * 4| <= 0.5.
 * Exit status 0 = pass. */
#include <complex.h>
#include <math.h>
#include <stdio.h>

#include "olive/phy/modulation.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static uint64_t rng_state = 0x1234567887654321ull;
static uint64_t rnd64(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static double urand_open(void) /* (0, 1) */
{
  return ((double)(rnd64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double qfunc(double x)
{
  return 0.5 * erfc(x / sqrt(2.0));
}

static double theory(phy_mod_t mod, double esn0)
{
  if (mod == PHY_MOD_QPSK) {
    return qfunc(sqrt(esn0));
  }
  if (mod == PHY_MOD_QAM16) {
    double d = sqrt(esn0 / 5.0);
    return (3 * qfunc(d) + 2 * qfunc(3 * d) - qfunc(5 * d)) / 4.0;
  }
  double d = sqrt(esn0 / 21.0);
  return (7 * qfunc(d) + 6 * qfunc(3 * d) - qfunc(5 * d) + qfunc(9 * d) - qfunc(13 * d)) / 12.0;
}

enum { NSYM = 60000 };

static void run_point(const phy_modulation_t *q, phy_mod_t mod, double esn0_db, uint8_t *bits,
                      cf_t *y, float *llr, int8_t *l8)
{
  unsigned qm = phy_mod_bits(mod);
  size_t nbits = (size_t)NSYM * qm;
  double n0 = pow(10.0, -esn0_db / 10.0), sigma = sqrt(n0 / 2.0);
  for (size_t i = 0; i < nbits; i++) {
    bits[i] = (uint8_t)(rnd64() >> 63);
  }
  CHECK(phy_modulation_map_bits(q, mod, bits, nbits, y) == NSYM);
  for (size_t i = 0; i < NSYM; i++) { /* Box-Muller */
    double r = sigma * sqrt(-2.0 * log(urand_open())), ph = 2.0 * M_PI * urand_open();
    y[i] += (float)(r * cos(ph)) + (float)(r * sin(ph)) * I;
  }
  CHECK(phy_demod_llr_f32(q, mod, y, NSYM, (float)n0, llr) == (int)nbits);
  CHECK(phy_demod_llr_i8(q, mod, y, NSYM, (float)n0, 4.0f, l8) == (int)nbits);
  size_t errors = 0, sign_bad = 0;
  for (size_t i = 0; i < nbits; i++) {
    errors += (llr[i] < 0) != bits[i];
    float v = llr[i] * 4.0f;
    sign_bad += l8[i] ? ((l8[i] > 0) != (v > 0)) : !(fabsf(v) <= 0.5f);
  }
  double ber = (double)errors / (double)nbits, th = theory(mod, pow(10.0, esn0_db / 10.0));
  printf("%s Es/N0 %.1f dB: BER %.5f theory %.5f (%zu errors)\n", phy_mod_name(mod), esn0_db, ber,
         th, errors);
  CHECK(errors > 1000);
  CHECK(fabs(ber - th) <= 0.2 * th);
  CHECK(sign_bad == 0);
}

int main(void)
{
  phy_modulation_t q;
  CHECK(phy_modulation_init(&q, NULL) == 0);
  uint8_t *bits = olive_mem_alloc(NSYM * 8);
  cf_t *y = olive_mem_alloc(NSYM * sizeof(cf_t));
  float *llr = olive_mem_alloc(NSYM * 8 * sizeof(float));
  int8_t *l8 = olive_mem_alloc(NSYM * 8);
  static const struct {
    phy_mod_t mod;
    double esn0_db;
  } pts[] = {{PHY_MOD_QPSK, 4.0},   {PHY_MOD_QPSK, 7.0},   {PHY_MOD_QAM16, 10.0},
             {PHY_MOD_QAM16, 14.0}, {PHY_MOD_QAM64, 16.0}, {PHY_MOD_QAM64, 19.0}};
  for (size_t k = 0; k < sizeof(pts) / sizeof(pts[0]); k++) {
    run_point(&q, pts[k].mod, pts[k].esn0_db, bits, y, llr, l8);
  }
  olive_mem_free(bits);
  olive_mem_free(y);
  olive_mem_free(llr);
  olive_mem_free(l8);
  phy_modulation_free(&q);
  return olive_test_done();
}
