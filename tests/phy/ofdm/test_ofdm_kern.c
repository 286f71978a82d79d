/* SPDX-License-Identifier: Apache-2.0 */
/* OFDM scale kernel (the per-symbol constant applied while mapping subcarriers to FFT
 * bins) and the modulator/demodulator built on it.
 *
 * Pins: every kernel variant the CPU runs against a double-precision complex product
 * (lengths 1, 7, 8, 33, 3300; both pointers one element off 64-byte alignment; nothing
 * written outside dst[0..n-1]); the modulator and demodulator against the formula they
 * used before the kernel existed (bins = c_l * a_k at (k - K/2) mod N, FFTW of our own
 * plan, CP = tail) on random grids. Thresholds: 1e-6 of |c| |x| per element for the
 * kernel (float rounding is 6e-8 per operation, FMA or not), and 1e-6 of the largest
 * output magnitude for whole symbols (the two sides differ by the kernel's rounding and
 * possibly by FFTW's algorithm, both ~1e-7 relative). Run once per OLIVE_ISA value (see
 * CMakeLists.txt) so the variant chosen at load is the one under test. */
#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "ofdm_internal.h"
#include "olive/support/cpu.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define MAXN     3300
#define SENTINEL 12345.0f

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x0fdf);

static cf_t crand(void)
{
  return (float)olive_test_gauss(&rng) + I * (float)olive_test_gauss(&rng);
}

static void check_variant(const char *name, ofdm_scale_fn f)
{
  static const uint32_t lens[] = {1, 7, 8, 33, MAXN};
  cf_t *src = olive_mem_alloc((MAXN + 2) * sizeof(cf_t));
  cf_t *dst = olive_mem_alloc((MAXN + 2) * sizeof(cf_t));
  for (unsigned li = 0; li < OLIVE_ARRAY_SIZE(lens); li++) {
    for (unsigned off = 0; off < 4; off++) {
      uint32_t n = lens[li], so = off & 1, d0 = off >> 1;
      cf_t c = crand();
      for (uint32_t i = 0; i < n + 2; i++) {
        src[i] = crand();
        dst[i] = SENTINEL;
      }
      f(dst + d0, src + so, c, n);
      double worst = 0.0;
      for (uint32_t i = 0; i < n; i++) {
        double complex ref = (double complex)c * (double complex)src[so + i];
        double err = cabs((double complex)dst[d0 + i] - ref);
        double rel = err / (cabsf(c) * cabsf(src[so + i]) + 1e-30);
        worst = rel > worst ? rel : worst;
      }
      CHECK(worst <= 1e-6, "%s n=%u src+%u dst+%u: relative error %g", name, n, so, d0, worst);
      bool outside = dst[n + d0] == SENTINEL && (d0 == 0 || dst[0] == SENTINEL);
      CHECK(outside, "%s n=%u src+%u dst+%u wrote outside dst[0..n-1]", name, n, so, d0);
    }
  }
  olive_mem_free(src);
  olive_mem_free(dst);
}

static void test_kernels(void)
{
  check_variant("generic", ofdm_scale_generic);
#ifdef OLIVE_HAVE_X86_SIMD
  if (olive_cpu_supports(OLIVE_ISA_AVX2)) {
    check_variant("avx2", ofdm_scale_avx2);
  }
  if (olive_cpu_supports(OLIVE_ISA_AVX512)) {
    check_variant("avx512", ofdm_scale_avx512);
  }
#endif
}

static const struct {
  uint32_t mu, prb;
  double srate;
} carriers[] = {
    {0, 25, 7.68e6},    /* N_fft 512 */
    {1, 51, 23.04e6},   /* N_fft 768 */
    {0, 106, 23.04e6},  /* N_fft 1536 */
    {1, 273, 122.88e6}, /* N_fft 4096 */
};

/* Largest |a - b| over n samples, relative to the largest |b|. */
static double rel_diff(const cf_t *a, const cf_t *b, uint32_t n)
{
  double d = 0.0, m = 0.0;
  for (uint32_t i = 0; i < n; i++) {
    d = fmax(d, cabsf(a[i] - b[i]));
    m = fmax(m, cabsf(b[i]));
  }
  return d / m;
}

/* Modulates then demodulates symbol l with the library and with the previous formula. */
static void check_symbol(phy_ofdm_t *mod, phy_ofdm_t *dem, uint32_t l, cf_t *re, cf_t *out,
                         cf_t *bins, cf_t *ref, fftwf_plan bwd, fftwf_plan fwd)
{
  uint32_t n = mod->fft_size, k = mod->nof_sc, half = k / 2, cp = mod->cp[l];
  for (uint32_t i = 0; i < k; i++) {
    re[i] = crand();
  }
  CHECK(phy_ofdm_mod_symbol(mod, re, l, out + 1) == (int)(cp + n), "mod n=%u l=%u", n, l);
  memset(bins, 0, n * sizeof(cf_t));
  for (uint32_t i = 0; i < k; i++) {
    bins[(i + n - half) % n] = mod->c[l] * re[i];
  }
  fftwf_execute_dft(bwd, (fftwf_complex *)bins, (fftwf_complex *)ref);
  double e = rel_diff(out + 1 + cp, ref, n);
  CHECK(e <= 1e-6, "mod n=%u l=%u: relative difference %g", n, l, e);
  CHECK(memcmp(out + 1, out + 1 + n, cp * sizeof(cf_t)) == 0, "mod n=%u l=%u: CP", n, l);

  CHECK(phy_ofdm_demod_symbol(dem, out + 1, l, 0, re) == (int)k, "demod n=%u l=%u", n, l);
  memcpy(bins, out + 1 + cp, n * sizeof(cf_t));
  fftwf_execute_dft(fwd, (fftwf_complex *)bins, (fftwf_complex *)ref);
  for (uint32_t i = 0; i < k; i++) {
    bins[i] = dem->c[l] * ref[(i + n - half) % n];
  }
  e = rel_diff(re, bins, k);
  CHECK(e <= 1e-6, "demod n=%u l=%u: relative difference %g", n, l, e);
}

static void test_against_previous_formula(void)
{
  for (unsigned ci = 0; ci < OLIVE_ARRAY_SIZE(carriers); ci++) {
    phy_ofdm_args_t a = {.carrier = {.mu = carriers[ci].mu,
                                     .nof_prb = carriers[ci].prb,
                                     .srate_hz = carriers[ci].srate},
                         .phase_comp = true,
                         .center_hz = 3.5e9,
                         .plan = PHY_OFDM_PLAN_ESTIMATE};
    phy_ofdm_t mod, dem;
    CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_ofdm_demod_init(&dem, &a) == 0, "init %u", ci);
    uint32_t n = mod.fft_size;
    cf_t *re = olive_mem_alloc(mod.nof_sc * sizeof(cf_t));
    cf_t *out = olive_mem_alloc((2 * n + 1) * sizeof(cf_t));
    cf_t *bins = olive_mem_alloc(n * sizeof(cf_t));
    cf_t *ref = olive_mem_alloc(n * sizeof(cf_t));
    fftwf_plan bwd = fftwf_plan_dft_1d((int)n, (fftwf_complex *)bins, (fftwf_complex *)ref,
                                       FFTW_BACKWARD, FFTW_ESTIMATE);
    fftwf_plan fwd = fftwf_plan_dft_1d((int)n, (fftwf_complex *)bins, (fftwf_complex *)ref,
                                       FFTW_FORWARD, FFTW_ESTIMATE);
    for (uint32_t l = 0; l < mod.nsymb_sf; l += 3) {
      check_symbol(&mod, &dem, l, re, out, bins, ref, bwd, fwd);
    }
    fftwf_destroy_plan(bwd);
    fftwf_destroy_plan(fwd);
    olive_mem_free(re);
    olive_mem_free(out);
    olive_mem_free(bins);
    olive_mem_free(ref);
    phy_ofdm_free(&mod);
    phy_ofdm_free(&dem);
  }
}

int main(void)
{
  test_kernels();
  test_against_previous_formula();
  return olive_test_done();
}
