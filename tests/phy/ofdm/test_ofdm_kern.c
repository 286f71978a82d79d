/* SPDX-License-Identifier: Apache-2.0 */
/* The OFDM modulator and demodulator against the formula they are defined by, and the
 * transmit grid path against the natural one.
 *
 * Pins: per symbol, the modulator and demodulator against bins = c_l * a_k at
 * (k - K/2) mod N, FFTW of our own plan, CP = tail, on random grids; per slot, a
 * transmit grid (grid.h) filled with a_k w_l gives the natural grid's samples, both with
 * the modulator's own weights (the DFT reads the grid rows) and with other weights (one
 * rescaling pass). Threshold 1e-6 of the largest output magnitude (the sides differ by
 * the scale kernel's rounding and possibly by FFTW's algorithm, both ~1e-7 relative).
 * Run once per OLIVE_ISA value (see CMakeLists.txt) so the variant chosen at load is the
 * one under test. */
#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <string.h>

#include "ofdm_internal.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

static olive_test_rng_t rng = OLIVE_TEST_RNG(0x0fdf);

static cf_t crand(void)
{
  return (float)olive_test_gauss(&rng) + I * (float)olive_test_gauss(&rng);
}

static const struct {
  uint32_t mu, prb;
  double srate;
} carriers[] = {
    {0, 25, 7.68e6},    /* N_fft 512 */
    {1, 51, 23.04e6},   /* N_fft 768 */
    {0, 106, 23.04e6},  /* N_fft 1536 */
    {1, 273, 122.88e6}, /* N_fft 4096 */
    {0, 25, 5.76e6},    /* N_fft 384: CP 27, every other symbol 8 bytes off 16 */
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

/* Slot `slot` of a random grid through a natural grid and through a transmit grid with
 * the modulator's weights (direct path) or with weights of our own (rescaled). */
static void check_tx_grid(uint32_t ci, uint32_t slot)
{
  phy_ofdm_args_t a = {.carrier = {.mu = carriers[ci].mu,
                                   .nof_prb = carriers[ci].prb,
                                   .srate_hz = carriers[ci].srate},
                       .phase_comp = true,
                       .center_hz = 3.5e9 + 15e3 * ci,
                       .scale = 0.05f,
                       .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_ofdm_t mod;
  phy_grid_t nat, tx;
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0, "init %u", ci);
  uint32_t prb = carriers[ci].prb, n = mod.fft_size, len = phy_ofdm_slot_len(&mod, slot);
  CHECK(phy_grid_init(&nat, &(phy_grid_args_t){.max_ports = 1, .max_prb = prb}) == 0 &&
            phy_grid_init(&tx, &(phy_grid_args_t){.max_ports = 1, .max_prb = prb, .fft_size = n}) ==
                0,
        "grids %u", ci);
  cf_t *ref = olive_mem_alloc((len + 1) * sizeof(cf_t));
  cf_t *out = olive_mem_alloc((len + 1) * sizeof(cf_t));
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < mod.nof_sc; k++) {
      *phy_grid_re(&nat, 0, l, k) = crand();
    }
  }
  CHECK(phy_ofdm_mod_slot(&mod, &nat, 0, slot, ref) == (int)len, "natural slot %u", slot);

  cf_t w[PHY_NSYMB_SLOT], own[PHY_NSYMB_SLOT];
  CHECK(phy_ofdm_slot_weights(&mod, slot, w) == 0, "weights");
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    own[l] = crand();
  }
  const cf_t *sets[2] = {w, own};
  for (int si = 0; si < 2; si++) {
    phy_grid_clear_all(&tx);
    CHECK(phy_grid_set_weights(&tx, sets[si]) == 0, "set weights");
    for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
      for (uint32_t k = 0; k < mod.nof_sc; k++) {
        *phy_grid_re(&tx, 0, l, k) = *phy_grid_re(&nat, 0, l, k) * sets[si][l];
      }
    }
    /* Both output alignments: the DFT straight into `out`, and into the modulator's own
     * buffer then copied. */
    for (uint32_t off = 0; off < 2; off++) {
      CHECK(phy_ofdm_mod_slot(&mod, &tx, 0, slot, out + off) == (int)len, "tx slot %u", slot);
      double e = rel_diff(out + off, ref, len);
      CHECK(e <= 1e-6, "N=%u slot %u %s weights, out+%u: relative difference %g", n, slot,
            si == 0 ? "own" : "other", off, e);
    }
  }
  /* A transmit grid of another DFT size is refused. */
  phy_grid_t other;
  CHECK(phy_grid_init(&other,
                      &(phy_grid_args_t){.max_ports = 1, .max_prb = prb, .fft_size = 2 * n}) == 0,
        "grid 2N");
  CHECK(phy_ofdm_mod_slot(&mod, &other, 0, slot, out) == OLIVE_EINVAL, "2N grid accepted");
  phy_grid_free(&other);
  olive_mem_free(ref);
  olive_mem_free(out);
  phy_grid_free(&nat);
  phy_grid_free(&tx);
  phy_ofdm_free(&mod);
}

int main(void)
{
  test_against_previous_formula();
  for (uint32_t ci = 0; ci < OLIVE_ARRAY_SIZE(carriers); ci++) {
    check_tx_grid(ci, ci % 2);
  }
  return olive_test_done();
}
