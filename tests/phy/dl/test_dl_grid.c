/* SPDX-License-Identifier: Apache-2.0 */
/* The grid phy_dl_slot() builds for the SIB1 slot of test_dl_sib1.c (SSB 0 at symbol 2,
 * CORESET#0 at symbol 0, PDSCH on CRB 12..59, symbols 2..13), checked against values
 * worked out here rather than by the code under test:
 *  - TS 38.211 Table 7.4.3.1-1 with k0 = 12 * 40 + 6 = 486: SSB symbol 0 holds
 *    d_PSS(0..126) of N_ID^(2) = 1 mod 3 = 1 (phy_pss_gen) on k0 + 56 .. k0 + 182 and
 *    zeros on k0 + 0..55 and k0 + 183..239; SSB symbol 2 holds d_SSS of N_ID^cell 1 on
 *    the same subcarriers with zeros on k0 + 48..55 and k0 + 183..191. With beta_pss_db
 *    3 the PSS is sqrt(2) (10^(3/20) = 1.4125) times larger, the SSS unchanged.
 *  - PDSCH REs: DM-RS type 1 pos2 for ld = 14 sits on symbols 2, 7, 11 (Table
 *    7.4.1.1.2-3) with no data (2 CDM groups without data), so data goes on the 9
 *    symbols 3..6, 8..10, 12, 13 over 48 PRBs, minus PRBs 40..59 (the SSB's PRBs 40..60
 *    inside the allocation) on symbols 3..5: 9 * 48 * 12 - 3 * 20 * 12 = 4464 REs, equal
 *    to phy_pdsch_g() / Q_m for the UE's configuration. DM-RS REs: 6 per PRB on PRBs
 *    12..39 in symbol 2 (the SSB's PRBs are skipped), 48 PRBs in symbols 7 and 11, each
 *    of magnitude sqrt(2) (TS 38.214 Table 4.1-1, -3 dB).
 *  - Every DM-RS RE of symbols 2 and 7 equals sqrt(2) r(m) of 7.4.1.1.1 from a Gold
 *    sequence written out below (c_init = 2^17 (l + 1) * 3 + 2 for N_ID 1, slot 0), with
 *    m counted from CORESET#0's CRB 2 (7.4.1.1.2 for DCI 1_0 in a CSS): for the first,
 *    CRB 12, k = 12 * (12 - 2) = 120 = 4n, m = 2n = 60.
 *  - Nothing of the PDSCH lands on an SSB or CORESET RE: the grid with the PDSCH equals
 *    the grid without it on the SSB's PRBs 40..60 x symbols 2..5 and on CORESET#0's RBs
 *    2..97 x symbol 0, and outside the allocation. */
#include "dl_ref.h"
#include "olive/phy/ssb.h"

#define MCS 4u
#define RB0 10u
#define NRB 48u
#define K0  (12u * REF_OFFSET + REF_K_SSB)

static phy_dl_slot_req_t req;
static uint8_t tb[1024];

/* TS 38.211 5.2.1, N_c = 1600: c(0 .. n - 1) into c. */
static void gold(uint32_t c_init, uint32_t n, uint8_t *c)
{
  static uint8_t x1[1600 + 4096 + 31], x2[1600 + 4096 + 31];
  for (uint32_t i = 0; i < 31; i++) {
    x1[i] = i == 0;
    x2[i] = (uint8_t)((c_init >> i) & 1u);
  }
  for (uint32_t i = 0; i + 31 < 1600 + n; i++) {
    x1[i + 31] = x1[i + 3] ^ x1[i];
    x2[i + 31] = x2[i + 3] ^ x2[i + 2] ^ x2[i + 1] ^ x2[i];
  }
  for (uint32_t i = 0; i < n; i++) {
    c[i] = x1[i + 1600] ^ x2[i + 1600];
  }
}

/* Every DM-RS RE of symbol l (grid subcarrier k even, on the PDSCH) against
 * sqrt(2) r(m) of 7.4.1.1.1, c_init = 2^17 (l + 1)(2 N_ID + 1) + 2 N_ID for slot 0 and
 * N_ID 1; m = (k - 12 * 2) / 2 since k - 24 = 4n + 2k' counts from CRB 2 (CORESET#0). */
static uint32_t dmrs_mismatch(const cf_t *a, uint32_t nsc, uint32_t l)
{
  static uint8_t c[4096];
  uint32_t ci = (1u << 17) * (l + 1u) * 3u + 2u, bad = 0;
  gold(ci, 2 * 6 * 106, c);
  for (uint32_t k = 12 * (REF_CS0_CRB + RB0); k < 12 * (REF_CS0_CRB + RB0 + NRB); k += 2) {
    cf_t x = a[l * nsc + k];
    if (l == 2 && k / 12 >= REF_SSB_PRB0) {
      continue;
    }
    uint32_t m = (k - 12 * REF_CS0_CRB) / 2;
    cf_t r = ((1.0f - 2.0f * c[2 * m]) + I * (1.0f - 2.0f * c[2 * m + 1])) / sqrtf(2.0f);
    bad += cabsf(x - sqrtf(2.0f) * r) > 1e-5f;
  }
  return bad;
}

static void build(int with_pdsch, uint8_t beta_pss_db)
{
  memset(&req, 0, sizeof(req));
  req.sfn = 8;
  req.nof_ssb = req.nof_pdcch = 1;
  req.ssb[0] = ref_ssb(req.sfn, 0, 4, 2);
  req.ssb[0].beta_pss_db = beta_pss_db;
  ref_pdcch_si(&req.pdcch[0], 4, 0, RB0, NRB, MCS);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, REF_CS0_CRB + RB0, NRB, MCS);
  int tbs = phy_pdsch_tbs(&c);
  req.nof_pdsch = with_pdsch ? 1 : 0;
  req.pdsch[0] = ref_pdsch_pdu(&c, REF_CS0_CRB, tb, (uint32_t)tbs);
}

/* The a_{k,l} of phy_dl's transmit grid, natural order. */
static void copy_grid(const phy_grid_t *g, cf_t *dst)
{
  uint32_t n = phy_grid_nof_sc(g);
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < n; k++) {
      dst[l * n + k] = phy_grid_get(g, 0, l, k);
    }
  }
}

static void check_ssb(const phy_grid_t *g, float beta_pss)
{
  float pss[PHY_PSS_LEN], sss[PHY_SSS_LEN];
  CHECK(phy_pss_gen(REF_PCI % 3, pss) == 0 && phy_sss_gen(REF_PCI, sss) == 0);
  int bad_pss = 0, bad_sss = 0, bad_zero = 0;
  for (uint32_t k = 0; k < PHY_SSB_NSC; k++) {
    cf_t p = phy_grid_get(g, 0, 2, K0 + k), s = phy_grid_get(g, 0, 4, K0 + k);
    if (k >= 56 && k <= 182) {
      bad_pss += cabsf(p - beta_pss * pss[k - 56]) > 1e-5f;
      bad_sss += cabsf(s - sss[k - 56]) > 1e-6f;
    } else {
      bad_zero += p != 0;
      bad_zero += (k >= 48 && k <= 55) || (k >= 183 && k <= 191) ? s != 0 : 0;
    }
  }
  CHECK(bad_pss == 0 && bad_sss == 0 && bad_zero == 0, "PSS %d, SSS %d, guard %d REs wrong",
        bad_pss, bad_sss, bad_zero);
}

static bool in_rect(uint32_t prb, uint32_t l, uint32_t p0, uint32_t np, uint32_t l0, uint32_t nl)
{
  return prb >= p0 && prb < p0 + np && l >= l0 && l < l0 + nl;
}

/* REs where the PDSCH wrote (a != b), by kind; and any write on SSB/CORESET/outside. */
static void check_pdsch(const cf_t *a, const cf_t *b, uint32_t nsc)
{
  uint32_t data = 0, dmrs[PHY_NSYMB_SLOT] = {0}, bad = 0, bad_amp = 0;
  uint32_t p0 = REF_CS0_CRB + RB0;
  for (uint32_t l = 0; l < PHY_NSYMB_SLOT; l++) {
    for (uint32_t k = 0; k < nsc; k++) {
      cf_t x = a[l * nsc + k], y = b[l * nsc + k];
      uint32_t prb = k / 12;
      bool alloc = in_rect(prb, l, p0, NRB, 2, 12);
      bool ssb = in_rect(prb, l, REF_SSB_PRB0, REF_SSB_NPRB, 2, 4);
      bool cs = in_rect(prb, l, REF_CS0_CRB, REF_CS0_NRB, 0, 1);
      if (x == y) {
        continue;
      }
      bad += !alloc || ssb || cs;
      if (l == 2 || l == 7 || l == 11) {
        dmrs[l]++;
        bad += k % 2 != 0; /* port 1000: k = 4n + 2k' */
        bad_amp += fabsf(cabsf(x) - sqrtf(2.0f)) > 1e-5f;
      } else {
        data++;
      }
    }
  }
  CHECK(bad == 0 && bad_amp == 0, "%u REs written where no PDSCH may be, %u DM-RS amplitudes", bad,
        bad_amp);
  CHECK(data == 4464, "data REs %u, hand count 4464", data);
  CHECK(dmrs[2] == 28 * 6 && dmrs[7] == 48 * 6 && dmrs[11] == 48 * 6, "DM-RS %u %u %u", dmrs[2],
        dmrs[7], dmrs[11]);
  phy_pdsch_cfg_t c = ref_sib1_cfg(0, p0, NRB, MCS);
  c.nof_reserved = 1;
  c.reserved[0] = (phy_pdsch_reserved_t){REF_SSB_PRB0, REF_SSB_NPRB, 2, 4};
  CHECK(phy_pdsch_g(&c) == 4464 * 2, "phy_pdsch_g %d", phy_pdsch_g(&c));
  uint32_t b2 = dmrs_mismatch(a, nsc, 2), b7 = dmrs_mismatch(a, nsc, 7);
  CHECK(b2 == 0 && b7 == 0, "DM-RS values wrong: %u in symbol 2, %u in symbol 7", b2, b7);
}

int main(void)
{
  phy_carrier_t car = ref_carrier(0, 106, 23.04e6);
  phy_dl_t *q = ref_dl_create(&car);
  if (q == NULL) {
    return olive_test_done();
  }
  olive_test_rng_t rng = OLIVE_TEST_RNG(7);
  for (size_t i = 0; i < sizeof(tb); i++) {
    tb[i] = (uint8_t)olive_test_u64(&rng);
  }
  uint32_t nsc = 106 * 12, len = phy_dl_slot_len(q, 0);
  static cf_t x[23040], with[14 * 106 * 12], without[14 * 106 * 12];
  CHECK(len <= 23040);
  build(1, 0);
  CHECK(phy_dl_slot(q, &req, x, NULL) == 0);
  check_ssb(phy_dl_grid(q), 1.0f);
  copy_grid(phy_dl_grid(q), with);
  build(0, 0);
  CHECK(phy_dl_slot(q, &req, x, NULL) == 0);
  copy_grid(phy_dl_grid(q), without);
  check_pdsch(with, without, nsc);
  build(1, 3);
  CHECK(phy_dl_slot(q, &req, x, NULL) == 0);
  check_ssb(phy_dl_grid(q), 1.4125375f);
  phy_dl_destroy(q);
  return olive_test_done();
}
