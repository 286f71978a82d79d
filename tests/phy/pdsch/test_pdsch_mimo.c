/* SPDX-License-Identifier: Apache-2.0 */
/* Two-layer PDSCH end to end: TB -> phy_pdsch_encode (layer mapping d(2i + v) to grid ports
 * 0 and 1, identity precoding) -> OFDM per port -> a fixed 2x2 channel H (rows: RX
 * antennas) plus AWGN -> OFDM demodulation per antenna -> phy_pdsch_decode (ZF 2x2 with
 * the estimated channel) -> TB CRC.
 *
 * H = [1, 0.5 j; 0.4, 1] / sqrt(1.2): ZF loses max_v 10 log10 [(H^H H)^-1]_vv = 1.6 dB
 * against a unit channel (computed in the test, not assumed). Both DM-RS arrangements are run:
 * ports 1000/1001 (one CDM group, separated by w_f; noise from the neighbour residual) and
 * 1000/1002 (two CDM groups, nothing on the other group's REs). SNR per RX antenna per layer Es/N0.
 *
 * Threshold: 64QAM-table MCS 16 (16QAM 658/1024), whose one-layer AWGN 10% BLER point is
 * 9.45 dB (test_pdsch_e2e). Measured here when the test was written (40 slots per 0.5 dB):
 * 10% BLER near 11.6 dB for both port arrangements, i.e. 0.6 dB beyond one layer + the ZF
 * loss (the other layer's estimation error leaks through ZF). Asserted: error-free at
 * 9.45 + ZF loss + 2.0 dB = 13.0 dB (1.4 dB margin), and failure at the one-layer Shannon
 * limit 6.94 dB, which no two-layer receiver on this H can beat. The receiver's noise
 * estimate must match the injected N0 within 20% in both arrangements. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/pdsch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define NPRB  52u
#define NFFT  768u
#define NSLOT 3

static phy_ofdm_t mod, dem;
static phy_grid_t tx, rx;
static phy_pdsch_t q;
static cf_t *x[2], *y;
static uint32_t slot_len;
static olive_test_rng_t rng;
static const cf_t H[2][2] = {{1.0f, 0.5f * I}, {0.4f, 1.0f}};

static void setup(void)
{
  phy_ofdm_args_t a = {
      .carrier = {.mu = 0, .nof_prb = NPRB, .fft_size = NFFT, .srate_hz = NFFT * 15000.0},
      .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_ofdm_mod_init(&mod, &a) == 0 && phy_ofdm_demod_init(&dem, &a) == 0, "ofdm");
  phy_grid_args_t ga = {.max_ports = 2, .max_prb = NPRB};
  CHECK(phy_grid_init(&tx, &ga) == 0 && phy_grid_init(&rx, &ga) == 0, "grids");
  phy_pdsch_args_t pa = {
      .max_prb = NPRB, .max_layers = 2, .max_qm = 8, .nof_harq = 1, .isa = OLIVE_ISA_AUTO};
  CHECK(phy_pdsch_init(&q, &pa) == 0, "pdsch");
  slot_len = phy_ofdm_slot_len(&mod, 0);
  for (int p = 0; p < 2; p++) {
    x[p] = olive_mem_alloc(sizeof(cf_t) * slot_len);
  }
  y = olive_mem_alloc(sizeof(cf_t) * slot_len);
  rng = OLIVE_TEST_RNG(99);
}

static void teardown(void)
{
  phy_ofdm_free(&mod);
  phy_ofdm_free(&dem);
  phy_grid_free(&tx);
  phy_grid_free(&rx);
  phy_pdsch_free(&q);
  olive_mem_free(x[0]);
  olive_mem_free(x[1]);
  olive_mem_free(y);
}

static phy_pdsch_cfg_t cfg(uint32_t port1)
{
  phy_pdsch_cfg_t c = {
      .slot = 2,
      .tda = {PHY_PDSCH_MAPPING_A, 0, 2, 12},
      .nof_prb = NPRB,
      .dmrs_type = PHY_DMRS_TYPE1,
      .typea_pos = 2,
      .add_pos = 1,
      .dmrs_id = 5,
      .cdm_groups_no_data = 2,
      .n_layers = 2,
      .ports = {0, port1},
      .rnti = 0x77,
      .n_id = 3,
      .mcs_table = PHY_MCS_TABLE_QAM64,
      .mcs = 16,
      .new_data = true,
  };
  return c;
}

/* One slot; returns the decode code and the estimated N0. */
static int run(const phy_pdsch_cfg_t *c, double snr_db, float *n0_est)
{
  static uint8_t tb[20000], out[20000];
  int tbs = phy_pdsch_tbs(c);
  for (int i = 0; i < tbs / 8; i++) {
    tb[i] = (uint8_t)olive_test_below(&rng, 256);
  }
  phy_grid_clear(&tx);
  CHECK(phy_pdsch_encode(&q, c, tb, &tx) > 0, "encode");
  for (uint32_t p = 0; p < 2; p++) {
    phy_ofdm_mod_slot(&mod, &tx, p, c->slot, x[p]);
  }
  double n0 = pow(10.0, -snr_db / 10.0), s = sqrt(n0 / 2);
  float norm = 1.0f / sqrtf(1.2f);
  for (uint32_t r = 0; r < 2; r++) {
    for (uint32_t n = 0; n < slot_len; n++) {
      cf_t w = (float)(s * olive_test_gauss(&rng)) + I * (float)(s * olive_test_gauss(&rng));
      y[n] = norm * (H[r][0] * x[0][n] + H[r][1] * x[1][n]) + w;
    }
    phy_ofdm_demod_slot(&dem, y, c->slot, 0, &rx, r);
  }
  phy_pdsch_rx_res_t res;
  int ret = phy_pdsch_decode(&q, c, &rx, 2, out, &res);
  *n0_est = res.noise_var;
  if (ret == 0) {
    CHECK(memcmp(out, tb, (size_t)tbs / 8) == 0, "CRC passed but the TB differs");
  }
  return ret;
}

/* ZF noise enhancement of the worse layer, dB: max_v 10 log10 [(Hn^H Hn)^-1]_vv. */
static double zf_loss_db(void)
{
  float nn = 1.0f / 1.2f;
  cf_t det = (H[0][0] * H[1][1] - H[0][1] * H[1][0]) * nn;
  double d2 = crealf(det * conjf(det));
  double p0 = (crealf(H[0][1] * conjf(H[0][1])) + crealf(H[1][1] * conjf(H[1][1]))) * nn;
  double p1 = (crealf(H[0][0] * conjf(H[0][0])) + crealf(H[1][0] * conjf(H[1][0]))) * nn;
  return 10.0 * log10(fmax(p0, p1) / d2);
}

int main(void)
{
  setup();
  double loss = zf_loss_db();
  CHECK(loss > 1.5 && loss < 3.0, "ZF loss %.2f dB", loss);
  const uint32_t port1[2] = {1, 2};
  for (int a = 0; a < 2; a++) {
    phy_pdsch_cfg_t c = cfg(port1[a]);
    double snr = 9.45 + loss + 2.0;
    for (int i = 0; i < NSLOT; i++) {
      float n0;
      CHECK(run(&c, snr, &n0) == 0, "ports 0/%u at %.2f dB, slot %d", port1[a], snr, i);
      double want = pow(10.0, -snr / 10.0);
      CHECK(fabs(n0 / want - 1.0) < 0.2, "ports 0/%u: N0 %.4g, true %.4g", port1[a], n0, want);
      CHECK(run(&c, 6.94, &n0) == OLIVE_ECRC, "ports 0/%u decode below the Shannon limit",
            port1[a]);
    }
  }
  teardown();
  return olive_test_done();
}
