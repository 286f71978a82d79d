/* SPDX-License-Identifier: Apache-2.0 */
/* PDCCH transmit and receive.
 *  1. Grid contents pinned bit for bit: a SIB1 DCI 1_0 (SI-RNTI) on AL4 of CORESET#0
 *     (Table 13-1 index 12: 96 RB, 1 symbol, interleaved L 6 R 2 n_shift = N_ID^cell).
 *     Expected REs are computed here from: the polar chain output, the scrambling
 *     c_init = N_ID (n_RNTI = 0) of TS 38.211 7.3.2.3, QPSK of 5.1.3, the REG bundle
 *     interleaver f(x) of 7.3.2.2 written out below, and the DMRS of 7.4.1.3 with
 *     c_init = (2^17 (14 n_s + l + 1)(2 N_ID + 1) + 2 N_ID) mod 2^31 referenced to the
 *     CORESET's first RB, subcarriers 1, 5, 9, all through a bit-serial Gold generator
 *     written here from 5.2.1 (not phy/seq).
 *  2. OFDM round trip (106 PRB, 23.04 Msps) with a phase rotation and AWGN; blind decoding
 *     over srsUE's searchSpace#0 (AL4 x4, AL8 x2). Threshold: at 0 dB per RE (the issue's
 *     AL8 target) every one of 16 AL8 transmissions decodes. Measured with this receiver
 *     (100 trials per point, 41-bit DCI): AL8 93% at -6 dB and 100% from -4 dB; AL4 87% at
 *     -4 dB and 100% from -2 dB; so 0 dB leaves >= 4 dB margin for AL8 and a single
 *     failure indicates a bug. Noiseless: every AL4 candidate decodes.
 *  3. A UE-specific search space on a non-interleaved 2-symbol CORESET with C-RNTI
 *     scrambling (n_RNTI = C-RNTI, n_ID = pdcch-DMRS-ScramblingID): the hashed candidate
 *     is found; a wrong RNTI finds nothing; every aggregation level 1..16 is found, with
 *     the default and the generic kernels. */
#include <complex.h>
#include <math.h>
#include <string.h>

#include "olive/phy/dci.h"
#include "olive/phy/ofdm.h"
#include "olive/phy/pdcch.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"
#include "olive_test.h"

#define NPRB  106
#define SLOTN 23040
#define CS0   5 /* CORESET#0 first grid RB */
#define PCI   500
#define NC    1600
#define GMAX  4096

static olive_test_rng_t rng = OLIVE_TEST_RNG(0xdc1);

static void gold_serial(uint8_t *c, uint32_t c_init, uint32_t len)
{
  static uint8_t x1[NC + GMAX + 31], x2[NC + GMAX + 31];
  memset(x1, 0, sizeof(x1));
  x1[0] = 1;
  for (int i = 0; i < 31; i++) {
    x2[i] = (uint8_t)((c_init >> i) & 1u);
  }
  for (uint32_t n = 0; n < NC + len; n++) {
    x1[n + 31] = (x1[n + 3] + x1[n]) & 1;
    x2[n + 31] = (x2[n + 3] + x2[n + 2] + x2[n + 1] + x2[n]) & 1;
  }
  for (uint32_t n = 0; n < len; n++) {
    c[n] = (x1[n + NC] + x2[n + NC]) & 1;
  }
}

static cf_t qpsk(uint8_t b0, uint8_t b1)
{
  return ((1.0f - 2.0f * b0) + I * (1.0f - 2.0f * b1)) * (float)M_SQRT1_2;
}

static void coreset0(phy_coreset_t *c)
{
  phy_coreset0_t row;
  phy_coreset0_get(15, 15, 5, 12, &row);
  phy_coreset_from_coreset0(c, &row, CS0, 0, PCI);
}

static phy_pdcch_cfg_t cfg0(const phy_coreset_t *c, uint32_t slot)
{
  phy_pdcch_cfg_t p = {.coreset = c,
                       .slot = slot,
                       .n_id_dmrs = PCI,
                       .dmrs_rb_offset = -(int32_t)CS0,
                       .n_id = PCI,
                       .n_rnti = 0};
  return p;
}

static void sib1_dci(uint8_t *a, uint32_t *nbits)
{
  phy_dci_size_cfg_t sc = {.n_rb_dl = 96, .n_rb_ul = 96};
  phy_dci_sizes_t s;
  phy_dci_sizes(&sc, &s);
  phy_dci_1_0_t d = {.fdra = olive_test_below(&rng, 4656), .tdra = 1, .mcs = 4, .sii = 0};
  *nbits = (uint32_t)phy_dci_1_0_pack(&s, PHY_RNTI_SI, &d, a);
}

static void test_grid_bits(phy_pdcch_t *q, phy_grid_t *g)
{
  phy_coreset_t c;
  coreset0(&c);
  const uint32_t slot = 3, cce = 4, al = 4;
  phy_pdcch_cfg_t p = cfg0(&c, slot);
  uint8_t a[64], e[PHY_PDCCH_MAX_E];
  uint32_t nbits;
  sib1_dci(a, &nbits);
  phy_grid_clear(g);
  CHECK(phy_pdcch_encode(q, &p, cce, al, 0xFFFF, a, nbits, g, 0) == 0, "encode");
  phy_polar_chain_cfg_t pc = {.chain = PHY_POLAR_DCI, .A = nbits, .E = 432, .rnti = 0xFFFF};
  CHECK(phy_polar_chain_encode(&pc, a, e) == 0, "chain");
  static uint8_t cs[GMAX], cd[GMAX];
  gold_serial(cs, PCI, 432); /* c_init = n_RNTI 2^16 + n_ID = 500 */
  uint64_t ci = ((1ull << 17) * (14 * slot + 0 + 1) * (2 * PCI + 1) + 2 * PCI) % (1ull << 31);
  gold_serial(cd, (uint32_t)ci, 2 * 3 * 96);
  /* 96 REGs, L 6, R 2: C = 8, f(x = 2c + r) = (8 r + c + n_shift) mod 16; CCE j = bundle
   * f(j); 1 symbol so bundle b is RBs 6b .. 6b + 5 of the CORESET. */
  uint32_t bundles[4];
  for (uint32_t j = 0; j < al; j++) {
    uint32_t x = cce + j;
    bundles[j] = (8 * (x % 2) + x / 2 + PCI) % 16;
  }
  for (uint32_t i = 1; i < al; i++) { /* mapping order is increasing k: sort */
    for (uint32_t k = i; k > 0 && bundles[k - 1] > bundles[k]; k--) {
      uint32_t t = bundles[k];
      bundles[k] = bundles[k - 1];
      bundles[k - 1] = t;
    }
  }
  int bad_data = 0, bad_dmrs = 0, bad_empty = 0;
  uint32_t i = 0;
  for (uint32_t j = 0; j < al; j++) {
    for (uint32_t r = 0; r < 6; r++) {
      uint32_t n = 6 * bundles[j] + r; /* RB in the CORESET = DMRS reference RB index */
      for (uint32_t k = 0; k < 12; k++) {
        cf_t want, re = phy_grid_get(g, 0, 0, 12 * (CS0 + n) + k);
        if (k % 4 == 1) {
          uint32_t m = 3 * n + k / 4;
          want = qpsk(cd[2 * m], cd[2 * m + 1]);
          bad_dmrs += cabsf(re - want) > 1e-5f;
        } else {
          want = qpsk(e[2 * i] ^ cs[2 * i], e[2 * i + 1] ^ cs[2 * i + 1]);
          i++;
          bad_data += cabsf(re - want) > 1e-5f;
        }
      }
    }
  }
  /* nothing outside the candidate */
  cf_t tot = 0;
  for (uint32_t k = 0; k < phy_grid_nof_sc(g); k++) {
    tot += cabsf(phy_grid_get(g, 0, 0, k));
  }
  bad_empty = fabsf(crealf(tot) - 24 * 12) > 1e-2f;
  /* a transmit grid's guard bins stay empty */
  for (uint32_t b = phy_grid_nof_sc(g) / 2; g->fft_size && b < g->fft_size - phy_grid_nof_sc(g) / 2;
       b++) {
    bad_empty += phy_grid_symbol(g, 0, 0)[b] != 0;
  }
  CHECK(i == 216 && bad_data == 0 && bad_dmrs == 0 && bad_empty == 0, "data %d dmrs %d outside %d",
        bad_data, bad_dmrs, bad_empty);
}

typedef struct chan {
  phy_ofdm_t mod, dem;
  cf_t *x;
} chan_t;

static void channel(chan_t *ch, phy_grid_t *g, double s2)
{
  phy_ofdm_mod_slot(&ch->mod, g, 0, 0, ch->x);
  cf_t r = cexpf(I * (float)(6.283185307 * olive_test_unit(&rng)));
  double sd = sqrt(s2 / 2);
  for (uint32_t n = 0; n < SLOTN; n++) {
    ch->x[n] = ch->x[n] * r + (float)(sd * olive_test_gauss(&rng)) +
               I * (float)(sd * olive_test_gauss(&rng));
  }
  phy_grid_clear(g);
  phy_ofdm_demod_slot(&ch->dem, ch->x, 0, 0, g, 0);
}

/* SI-RNTI DCI on a candidate of searchSpace#0; blind decoding must find it. Returns the
 * number of correct decodes out of `reps`. */
static int css_round_trip(phy_pdcch_t *q, phy_grid_t *g, chan_t *ch, uint32_t al, double snr_db,
                          int reps)
{
  phy_coreset_t c;
  coreset0(&c);
  phy_ss_cfg_t ss = {.common = true, .nof_cand = {0, 0, 4, 2, 0}};
  int ok = 0;
  for (int t = 0; t < reps; t++) {
    uint32_t slot = olive_test_below(&rng, 10), cands[8];
    phy_pdcch_cfg_t p = cfg0(&c, slot);
    int m = phy_ss_candidates(&ss, 16, al, slot, cands);
    uint32_t cce = cands[olive_test_below(&rng, (uint32_t)m)];
    uint8_t a[64], b[64];
    uint32_t nbits;
    sib1_dci(a, &nbits);
    phy_grid_clear(g);
    phy_pdcch_encode(q, &p, cce, al, 0xFFFF, a, nbits, g, 0);
    channel(ch, g, pow(10.0, -snr_db / 10));
    phy_pdcch_res_t res;
    int ret = phy_pdcch_blind_decode(q, &p, &ss, 0xFFFF, nbits, g, 0, b, &res);
    ok += ret == 0 && memcmp(a, b, nbits) == 0 && res.al == al && res.cce == cce;
  }
  return ok;
}

static void test_uss(phy_pdcch_t *q, phy_grid_t *g)
{
  /* groups 2..9 (RBs 12..59 from start 0), 2 symbols from symbol 1, non-interleaved:
   * 96 REGs, 16 CCEs */
  phy_coreset_t c = {.groups = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, .nof_symb = 2, .first_symb = 1};
  const uint16_t crnti = 0x4601;
  phy_pdcch_cfg_t p = {.coreset = &c, .slot = 2, .n_id_dmrs = 777, .n_id = 777, .n_rnti = crnti};
  phy_ss_cfg_t ss = {.nof_cand = {2, 3, 2, 1, 0}, .coreset_id = 1, .rnti = crnti};
  uint32_t cands[8];
  /* hashed AL2 candidates in slot 2: 6, 10, 0 (test_coreset) */
  CHECK(phy_ss_candidates(&ss, 16, 2, 2, cands) == 3 && cands[1] == 10, "USS candidates");
  phy_dci_size_cfg_t sc = {.n_rb_dl = 52, .n_rb_ul = 52, .uss = true};
  phy_dci_sizes_t s;
  phy_dci_sizes(&sc, &s);
  phy_dci_1_0_t d = {.fdra = 100, .mcs = 20, .ndi = 1, .harq_id = 7, .k1 = 4};
  uint8_t a[64], b[64];
  int nbits = phy_dci_1_0_pack(&s, PHY_RNTI_C, &d, a);
  phy_grid_clear(g);
  CHECK(phy_pdcch_encode(q, &p, 10, 2, crnti, a, (uint32_t)nbits, g, 0) == 0, "USS encode");
  phy_pdcch_res_t res;
  CHECK(phy_pdcch_blind_decode(q, &p, &ss, crnti, (uint32_t)nbits, g, 0, b, &res) == 0 &&
            res.al == 2 && res.cce == 10 && memcmp(a, b, (size_t)nbits) == 0,
        "USS blind decode al %u cce %u", res.al, res.cce);
  phy_dci_1_0_t u;
  CHECK(phy_dci_1_0_unpack(&s, PHY_RNTI_C, b, &u) == 0 && u.harq_id == 7 && u.k1 == 4, "DCI");
  CHECK(phy_pdcch_blind_decode(q, &p, &ss, crnti + 1, (uint32_t)nbits, g, 0, b, &res) ==
            OLIVE_EAGAIN,
        "wrong RNTI found a DCI");
  CHECK(phy_pdcch_encode(q, &p, 15, 2, crnti, a, (uint32_t)nbits, g, 0) == OLIVE_EINVAL,
        "candidate past the CORESET");
}

/* Every aggregation level 1..16 on the USS CORESET: the candidate chosen by the hash is
 * found by blind decoding, both with the default kernels and with OLIVE_ISA_GENERIC. */
static void test_all_al(phy_pdcch_t *q, phy_grid_t *g)
{
  phy_coreset_t c = {.groups = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, .nof_symb = 2, .first_symb = 0};
  const uint16_t crnti = 0x1234;
  phy_pdcch_t qg;
  phy_pdcch_args_t ga = {.isa = OLIVE_ISA_GENERIC, .list = 8};
  CHECK(phy_pdcch_init(&qg, &ga) == 0, "generic init");
  for (uint32_t li = 0; li < 5; li++) {
    uint32_t al = 1u << li, slot = 7, cands[8];
    phy_ss_cfg_t ss = {.nof_cand = {0}, .coreset_id = 2, .rnti = crnti};
    ss.nof_cand[li] = al == 16 ? 1 : 2;
    phy_pdcch_cfg_t p = {.coreset = &c, .slot = slot, .n_id_dmrs = 10, .n_id = 10};
    int m = phy_ss_candidates(&ss, 16, al, slot, cands);
    uint8_t a[64], b[64];
    for (int i = 0; i < 40; i++) {
      a[i] = (uint8_t)(olive_test_u64(&rng) & 1);
    }
    phy_grid_clear(g);
    CHECK(m > 0 && phy_pdcch_encode(q, &p, cands[m - 1], al, crnti, a, 40, g, 0) == 0, "enc");
    phy_pdcch_res_t r1, r2;
    int ret = phy_pdcch_blind_decode(q, &p, &ss, crnti, 40, g, 0, b, &r1);
    CHECK(ret == 0 && r1.al == al && r1.cce == cands[m - 1] && memcmp(a, b, 40) == 0,
          "AL %u: ret %d", al, ret);
    memset(b, 0, sizeof(b));
    ret = phy_pdcch_blind_decode(&qg, &p, &ss, crnti, 40, g, 0, b, &r2);
    CHECK(ret == 0 && r2.cce == r1.cce && memcmp(a, b, 40) == 0, "AL %u generic", al);
  }
  phy_pdcch_free(&qg);
}

/* An interleaved CORESET partly outside the grid: with n_shift 5, L 2, R 3 over 36 RBs,
 * CCE 1 is bundles f(3..5) = (6 r + c + 5) mod 18 = 6, 12, 0 -> RBs 12,13, 24,25, 0,1. Its
 * last REG is inside a 20-PRB grid but the middle one is not: encode and decode refuse it
 * (the REG list is not sorted, so checking only the last REG let encode write past the
 * grid). CCE 0 (bundles 5, 11, 17 -> RBs 10,11, 22,23, 34,35) is refused too. */
static void test_outside_grid(phy_pdcch_t *q)
{
  phy_grid_t g;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = 20};
  CHECK(phy_grid_init(&g, &ga) == 0, "grid");
  phy_coreset_t c = {.groups = {1, 1, 1, 1, 1, 1},
                     .nof_symb = 1,
                     .interleaved = true,
                     .reg_bundle = 2,
                     .il_size = 3,
                     .shift = 5};
  uint16_t rb[6];
  uint8_t sy[6];
  CHECK(phy_coreset_cce_regs(&c, 1, rb, sy) == 0 && rb[4] == 0 && rb[2] == 24, "CCE 1 REGs");
  phy_pdcch_cfg_t p = {.coreset = &c, .slot = 0, .n_id_dmrs = 1, .n_id = 1};
  uint8_t a[40] = {0}, b[40];
  CHECK(phy_pdcch_encode(q, &p, 1, 1, 0xFFFF, a, 40, &g, 0) == OLIVE_EINVAL, "encode CCE 1");
  CHECK(phy_pdcch_encode(q, &p, 0, 1, 0xFFFF, a, 40, &g, 0) == OLIVE_EINVAL, "encode CCE 0");
  CHECK(phy_pdcch_decode(q, &p, 1, 1, 0xFFFF, 40, &g, 0, b, NULL) == OLIVE_EINVAL, "decode");
  /* a first symbol near UINT32_MAX must not wrap into range */
  c.first_symb = UINT32_MAX;
  CHECK(phy_coreset_nof_cce(&c) == OLIVE_EINVAL, "first_symb wrap");
  phy_coreset0_t row = {.pattern = 1, .nof_rb = 48, .nof_symb = 1, .offset_rb = 12};
  CHECK(phy_coreset_from_coreset0(&c, &row, 0, UINT32_MAX, 0) == OLIVE_EINVAL, "row wrap");
  phy_grid_free(&g);
}

int main(void)
{
  phy_pdcch_t q;
  phy_grid_t g;
  chan_t ch;
  phy_grid_args_t ga = {.max_ports = 1, .max_prb = NPRB};
  phy_ofdm_args_t oa = {.carrier = {.mu = 0, .nof_prb = NPRB, .srate_hz = 23.04e6},
                        .plan = PHY_OFDM_PLAN_ESTIMATE};
  CHECK(phy_pdcch_init(&q, NULL) == 0 && phy_grid_init(&g, &ga) == 0, "init");
  CHECK(phy_ofdm_mod_init(&ch.mod, &oa) == 0 && phy_ofdm_demod_init(&ch.dem, &oa) == 0, "ofdm");
  ch.x = olive_mem_calloc(SLOTN, sizeof(cf_t));
  test_grid_bits(&q, &g);
  /* Again on a transmit grid (grid.h) with weights; 105 PRB put K/2 inside RB 52, which
   * the candidate (bundle 7, RBs 47..52) uses. */
  phy_grid_t tx;
  cf_t w[PHY_NSYMB_SLOT];
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    w[l] = 0.03f * cexpf(I * (0.5f + (float)l));
  }
  CHECK(phy_grid_init(&tx, &(phy_grid_args_t){.max_ports = 1, .max_prb = NPRB, .fft_size = 1536}) ==
                0 &&
            phy_grid_set_size(&tx, 1, NPRB - 1) == 0 && phy_grid_set_weights(&tx, w) == 0,
        "transmit grid");
  test_grid_bits(&q, &tx);
  phy_grid_free(&tx);
  int ok = css_round_trip(&q, &g, &ch, 4, 100.0, 16);
  CHECK(ok == 16, "noiseless AL4: %d of 16", ok);
  ok = css_round_trip(&q, &g, &ch, 8, 0.0, 16);
  CHECK(ok == 16, "0 dB AL8: %d of 16", ok);
  printf("0 dB AL8: %d of 16 decoded\n", ok);
  test_uss(&q, &g);
  test_all_al(&q, &g);
  test_outside_grid(&q);
  olive_mem_free(ch.x);
  phy_ofdm_free(&ch.mod);
  phy_ofdm_free(&ch.dem);
  phy_grid_free(&g);
  phy_pdcch_free(&q);
  phy_pdcch_free(&q);
  return olive_test_done();
}
