/* SPDX-License-Identifier: Apache-2.0 */
/* configs/gnb_x310_n78_40mhz.yaml on the SigMF file driver for 0.1 s, decoded as a UE
 * that is told the carrier and the SSB ARFCN: the 30 kHz case C path and a k_SSB >= 16,
 * whose MSB travels in the PBCH payload (TS 38.212 7.1.1) and not in the MIB.
 * Receiver constants, worked by hand:
 *   carrier 3750 MHz (ARFCN 650000), 106 PRB at 30 kHz, 46.08 Msps (N_fft 1536);
 *   SSB ARFCN 649440: SS_REF = 3000 + 49440 * 0.015 = 3741.6 MHz (TS 38.104 5.4.2.1),
 *   8.4 MHz below the centre; SSB subcarrier 0 at 3741.6 - 120 * 0.03 = 3738.0 MHz, the
 *   carrier's subcarrier 0 at 3750 - 6 * 106 * 0.03 = 3730.92 MHz: k0 = 7.08 / 0.03 = 236;
 *   k_SSB = 16: (3738.0 - 3730.92) / 0.015 = 472 = 12 * 38 + 16.
 * Checks: the PSS search finds frame 2 (20 ms period; frame 0 is zeros before
 * tx_advance) at 2 * 460800 + 3420 (SSB 0 of case C in symbols 2..5, TS 38.213 4.1; CPs
 * of 132, 108, 108 samples and two 1536-sample symbols, TS 38.211 5.3.1 at mu 1); in
 * frames 2, 4, 6, 8 the PBCH (L_max 8) decodes with PCI 1 and SSB index 0, the MIB says
 * scs30or120, ssb-SubcarrierOffset 0 (16 mod 16), CORESET#0 12, and the PBCH's k_SSB
 * MSB is set; the SFN equals the frame number. */
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olive/phy/ofdm.h"
#include "olive/phy/pbch.h"
#include "olive/phy/ssb.h"
#include "olive/rrc/mib.h"
#include "olive_test.h"

#define SRATE 46080000.0
#define FRAME 460800u
#define SLOT  23040u
#define K0    236u

static char base[512];

static void read_at(FILE *f, uint64_t pos, cf_t *x, uint32_t n)
{
  memset(x, 0, n * sizeof(*x));
  if (fseek(f, (long)(pos * sizeof(cf_t)), SEEK_SET) == 0)
    CHECK(fread(x, sizeof(cf_t), n, f) <= n);
}

static void check_pss(FILE *f, cf_t *buf)
{
  uint32_t len = 24 * SLOT; /* 12 ms from 10 ms */
  phy_pss_search_args_t a = {.srate_hz = SRATE,
                             .mu = 1,
                             .max_len = len,
                             .ssb_offset_hz = -8.4e6,
                             .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_pss_search_t q;
  phy_pss_search_res_t r = {0};
  read_at(f, FRAME, buf, len);
  CHECK(phy_pss_search_init(&q, &a) == 0 && phy_pss_search_run(&q, buf, len, &r) == 0);
  CHECK(r.n_id2 == 1, "N_ID2 %u", r.n_id2);
  CHECK(r.pos + FRAME == 2 * FRAME + 3420, "PSS at %u", r.pos + FRAME);
  phy_pss_search_free(&q);
}

static void decode_frame(phy_ofdm_t *o, phy_grid_t *g, phy_pbch_t *pb, FILE *f, cf_t *buf,
                         uint32_t frame)
{
  read_at(f, (uint64_t)frame * FRAME, buf, SLOT);
  CHECK(phy_ofdm_demod_slot(o, buf, 0, 0, g, 0) == (int)SLOT);
  phy_pbch_cfg_t pc = {.map = {.k0 = K0,
                               .l0 = 2,
                               .n_id = 1,
                               .beta_pss = 1,
                               .beta_sss = 1,
                               .beta_pbch = 1,
                               .beta_dmrs = 1},
                       .l_max = 8};
  phy_pbch_res_t r;
  CHECK(phy_pbch_decode(pb, &pc, g, 0, &r) == 0 && r.crc_ok, "frame %u: PBCH CRC", frame);
  uint8_t b[3] = {0};
  for (uint32_t i = 0; i < 24; i++)
    b[i / 8] |= (uint8_t)(r.msg.bch[i] << (7 - i % 8));
  rrc_mib_t m;
  CHECK(rrc_mib_unpack(b, 3, &m) == 0);
  CHECK(m.sub_carrier_spacing_common == RRC_SCS_COMMON_SCS30OR120, "scs30or120");
  CHECK(m.ssb_subcarrier_offset == 0 && r.msg.k_ssb == 16, "k_SSB 16: MIB %u, PBCH MSB %u",
        m.ssb_subcarrier_offset, r.msg.k_ssb);
  CHECK(m.control_resource_set_zero == 12 && m.search_space_zero == 0);
  CHECK(r.msg.sfn == frame && r.msg.ssb_idx == 0 && r.msg.hrf == 0, "frame %u: SFN %u SSB %u",
        frame, r.msg.sfn, r.msg.ssb_idx);
}

static void check_frames(FILE *f, cf_t *buf)
{
  phy_ofdm_args_t oa = {.carrier = {.mu = 1, .nof_prb = 106, .srate_hz = SRATE},
                        .center_hz = 3750e6,
                        .phase_comp = true,
                        .plan = PHY_OFDM_PLAN_ESTIMATE};
  phy_ofdm_t o;
  phy_grid_t g;
  phy_pbch_t pb;
  CHECK(phy_carrier_check(&oa.carrier) == 0 && oa.carrier.fft_size == 1536);
  CHECK(phy_ofdm_demod_init(&o, &oa) == 0);
  CHECK(phy_grid_init(&g, &(phy_grid_args_t){.max_ports = 1, .max_prb = 106}) == 0);
  CHECK(phy_pbch_init(&pb, &(phy_pbch_args_t){.isa = OLIVE_ISA_AUTO}) == 0);
  for (uint32_t fr = 2; fr <= 8; fr += 2)
    decode_frame(&o, &g, &pb, f, buf, fr);
  phy_pbch_free(&pb);
  phy_grid_free(&g);
  phy_ofdm_free(&o);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <gnb> <configs dir> <work dir>\n", argv[0]);
    return 2;
  }
  snprintf(base, sizeof(base), "%s/gnb_n78_rec", argv[3]);
  char cmd[2048], path[600];
  snprintf(cmd, sizeof(cmd),
           "%s -c %s/gnb_x310_n78_40mhz.yaml --ru_sdr.device_driver=file "
           "--ru_sdr.device_args=tx_file=%s --expert_execution.rt_priority=0 "
           "--log.filename=stdout --duration=0.1 >%s.log 2>&1",
           argv[1], argv[2], base, base);
  CHECK(system(cmd) == 0, "gnb exits 0 (log: %s.log)", base);
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL, "%s", path);
  if (f != NULL) {
    cf_t *buf = malloc(24 * SLOT * sizeof(cf_t));
    check_pss(f, buf);
    check_frames(f, buf);
    free(buf);
    fclose(f);
  }
  remove(path);
  return olive_test_done();
}
