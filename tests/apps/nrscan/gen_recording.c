/* SPDX-License-Identifier: Apache-2.0 */
/* Writes a SigMF recording (cf32_le, 23.04 Msps, core:frequency = DL ARFCN 368500) of the
 * srsRAN tutorial cell built by our transmit chain (../../phy/cellsearch/cs_cell.h: RRC
 * MIB/SIB1, MAC broadcast scheduler, phy_dl with the TS 38.211 5.4 term), frames SFN0 ..
 * SFN0 + 5 after a lead of silence, optionally with a CFO and AWGN (cs_testsig.h).
 * Usage: gen_recording BASE PCI SNR_DB CFO_HZ [n78|b3low] (SNR > 99: no noise; n78: the
 * TDD cell of configs/gnb_b210_n78.yaml at 30 kHz instead of the band 3 one; b3low: the
 * band 3 cell moved to DL ARFCN 362880 with 10 MHz and CORESET#0 index 6; two: a second
 * band 3 cell, PCI + 391, 6 dB weaker, frames 2.345 ms later). */
#include <stdio.h>

#include "../../phy/cellsearch/cs_cell.h"
#include "../../phy/cellsearch/cs_testsig.h"
#include "olive/radio/sigmf.h"
#include "olive/support/mem.h"

#define SFN0   100u
#define FRAMES 6u
#define LEAD   4321u
#define LEN    (LEAD + FRAMES * 10u * CC_SLOT)

static int write_meta(const char *base, double f_hz)
{
  olive_sigmf_meta_t m = {.datatype = "cf32_le",
                          .version = "1.0.0",
                          .sample_rate = CC_SRATE,
                          .has_frequency = true,
                          .frequency = f_hz};
  snprintf(m.description, sizeof(m.description), "olive test cell, frames from SFN %u", SFN0);
  static char text[4096], path[512];
  int n = olive_sigmf_meta_write(&m, text, sizeof(text));
  snprintf(path, sizeof(path), "%s.sigmf-meta", base);
  FILE *f = fopen(path, "w");
  int ok = n > 0 && f && fwrite(text, 1, (size_t)n, f) == (size_t)n;
  if (f) {
    fclose(f);
  }
  return ok ? 0 : -1;
}

/* A second cell on the same SSB frequency: PCI + 391, 6 dB weaker, frames 2.345 ms
 * later (generated from SFN0 - 1 so the stream stays full). */
static int add_second(const cs_cell_t *first, cf_t *clean)
{
  static cs_cell_t c2;
  const uint32_t shift = 54029;
  cf_t *b = olive_mem_calloc(LEN + 10 * CC_SLOT, sizeof(cf_t));
  int r = b ? cc_setup_cell(&c2, first->pci + 391, &first->cfg) : -1;
  if (r == 0) {
    r = cc_stream(&c2, SFN0 - 1, FRAMES + 1, 0, true, b);
  }
  for (uint32_t n = LEAD; r == 0 && n < LEN; n++) {
    clean[n] += 0.5f * b[n - LEAD + 10 * CC_SLOT - shift];
  }
  printf("second_pci=%u\n", c2.pci);
  olive_mem_free(b);
  return r;
}

int main(int argc, char **argv)
{
  if (argc != 5 && argc != 6) {
    fprintf(stderr, "usage: gen_recording BASE PCI SNR_DB CFO_HZ [n78|b3low|two]\n");
    return 2;
  }
  static cs_cell_t c;
  cf_t *clean = olive_mem_calloc(LEN, sizeof(cf_t)), *rx = olive_mem_calloc(LEN, sizeof(cf_t));
  cc_cfg_t cfg = argc == 6 && strcmp(argv[5], "n78") == 0 ? cc_cfg_n78() : cc_cfg_band3();
  if (argc == 6 && strcmp(argv[5], "b3low") == 0) {
    cfg.dl_arfcn = 362880; /* 1814.4 MHz: the first centre of nrscan's band 3 sweep */
    cfg.bw_mhz = 10;       /* 1809.4 .. 1819.4 MHz: inside band 3's DL range */
    cfg.coreset0 = 6;      /* Table 13-1: 48 RB, 1 symbol */
  }
  if (cc_setup_cell(&c, (uint32_t)atoi(argv[2]), &cfg) < 0 || !clean || !rx ||
      cc_stream(&c, SFN0, FRAMES, LEAD, true, clean) < 0) {
    return 1;
  }
  if (argc == 6 && strcmp(argv[5], "two") == 0 && add_second(&c, clean) < 0) {
    return 1;
  }
  olive_test_rng_t r = OLIVE_TEST_RNG(77);
  ts_channel_t ch = {.nof_taps = 1, .snr_db = atof(argv[3]), .cfo_hz = atof(argv[4])};
  ts_apply(&r, &ch, CC_SRATE, clean, rx, LEN);
  static char path[512];
  snprintf(path, sizeof(path), "%s.sigmf-data", argv[1]);
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(rx, sizeof(cf_t), LEN, f) == LEN;
  if (f) {
    fclose(f);
  }
  printf("ssb_arfcn=%u dl_arfcn=%u pci=%s sib1_bytes=%u\n", c.cell.ssb_arfcn, c.cell.dl_arfcn,
         argv[2], c.sib1_len);
  ok = ok && write_meta(argv[1], (double)c.cell.dl_hz) == 0;
  olive_mem_free(clean);
  olive_mem_free(rx);
  return ok && olive_test_done() == 0 ? 0 : 1;
}
