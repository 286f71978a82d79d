/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy <subcommand> [--key value ...] -i in [-o out]: the subcommand table and the
 * command-line splitter. */
#include <stdio.h>
#include <string.h>

#include "nrphy.h"
#include "olive/support/api.h"

static const nrphy_cmd_t cmds[] = {
    {"ldpc-encode",
     "LDPC-encode K = 22Z (BG1) or 10Z (BG2) bits into N codeword bits (38.212 5.3.2)",
     "--bg 1|2  --z Z (a lifting size of Table 5.3.2-1)  [--rows 0 | 4..46 (BG1) / 4..42 (BG2), "
     "0 = all]\n  in: K bits; out: N = (Kb - 2 + rows) Z bits",
     nrphy_ldpc_encode},
    {"ldpc-decode", "min-sum LDPC decoding of LLRs into K - F bits; verdict on stderr",
     "--bg 1|2  --z Z  [--filler F (0..K-1, default 0)]  [--iters 1..32 (default 10)]\n"
     "  [--format i8|f32 (default i8)]  [--scale int8 steps per f32 LLR unit (default 16)]\n"
     "  in: 1..N LLRs (positive = 0, codeword order of ldpc-encode); out: K - F bits\n"
     "  stderr: iterations=<n> syndrome=ok|fail; exit 1 when the syndrome fails",
     nrphy_ldpc_decode},
    {"crc", "attach or check a CRC of 38.212 5.1 on a bits file",
     "--type crc6|crc11|crc16|crc24a|crc24b|crc24c  [--mode attach|check (default attach)]\n"
     "  attach: in A bits, out A + L bits; check: in A + L bits, exit 0 when it holds, 1 "
     "when not,\n  -o optional (writes the A payload bits)",
     nrphy_crc},
    {"modulate", "map bits to constellation symbols (38.211 5.1)",
     "--mod pi2bpsk|bpsk|qpsk|16qam|64qam|256qam\n  in: bits (a multiple of Qm); out: IQ",
     nrphy_modulate},
    {"demodulate", "max-log soft demapping of IQ into LLRs (positive = bit 0)",
     "--mod pi2bpsk|bpsk|qpsk|16qam|64qam|256qam  [--noise-var N0 (1e-10..1e10, default 1)]\n"
     "  [--format f32|i8|bits (default f32)]  [--scale int8 steps per LLR unit (1e-6..1e6, "
     "default 16)]\n  in: IQ; out: Qm LLRs per symbol (float32, int8) or hard bits",
     nrphy_demodulate},
    {"ofdm-mod", "OFDM-modulate slots of a resource grid into time-domain IQ (38.211 5.3.1)",
     "[--prb 1..275 (default 52)]  [--scs 15|30 kHz (default 30)]  [--srate Hz (0 = the "
     "default N_fft)]\n  in: IQ, 14 x 12 prb REs per slot, symbol-major; out: IQ samples "
     "with cyclic prefixes\n  (slot i of the file is slot i mod 2^mu of its subframe)",
     nrphy_ofdm_mod},
    {"ofdm-demod", "OFDM-demodulate time-domain IQ back into resource grid slots",
     "[--prb 1..275]  [--scs 15|30]  [--srate Hz]  (as ofdm-mod)\n  in: IQ of whole slots; "
     "out: IQ, 14 x 12 prb REs per slot",
     nrphy_ofdm_demod},
    {"pbch-encode", "PBCH of a 24-bit BCH message: 864 scrambled bits or the 240 x 4 SSB grid",
     "[--pci 0..1007]  [--sfn 0..1023, its 6 MSBs must equal message bits a1..a6]  [--hrf 0|1]\n"
     "  [--lmax 4|8 (default 8)]  [--ssb-idx 0..lmax-1]  [--kssb 0..31]  [--format bits|grid]\n"
     "  in: 24 bits (BCH message: CHOICE bit + 23 MIB bits); out: 864 bits (38.211 7.3.3.1 "
     "b~) or\n  240 x 4 IQ (SSB symbols 0..3, subcarriers 0..239; PSS, SSS, PBCH, DMRS)",
     nrphy_pbch_encode},
    {"pdsch-encode", "PDSCH of one slot: TB bits -> resource grid IQ (38.212 7.2, 38.211 7.3.1)",
     "[--prb 1..275 (default 52)]  [--mcs 0..27 (0..28 for qam64lowse, default 9)]\n"
     "  [--mcs-table qam64|qam256|qam64lowse]  [--slot 0..19]  [--rnti 1..65535 (default "
     "17921)]\n  [--n-id 0..1007 (default 1)]\n"
     "  in: TBS bits (stderr names the TBS: tbs=<n> g=<G>); out: IQ, 14 x 12 prb REs\n"
     "  PDSCH: mapping A, symbols 2..13, all PRBs, DM-RS type 1 port 1000 on symbols 2 and 11",
     nrphy_pdsch_encode},
    {"pdsch-decode", "PDSCH receiver: resource grid IQ -> TB bits; CRC verdict on stderr",
     "options as pdsch-encode, and [--rx 1|2]\n"
     "  in: IQ, rx grids of 14 x 12 prb REs (RX 0 first); out (optional): TBS bits\n"
     "  stderr: tbs=<n> crc=ok|fail iterations=<n> snr_db=<x> evm_pct=<x>; exit 1 when the "
     "CRC fails",
     nrphy_pdsch_decode},
    {"dlsim", "PDSCH link-level simulation over an SNR sweep; CSV on stdout",
     "[--prb 1..275 (default 52)]  [--scs 15|30 (default 15)]  [--mcs 0..27 (default 9)]\n"
     "  [--mcs-table qam64|qam256|qam64lowse]  [--channel awgn|tdla|tdlb|tdlc]  [--ds-ns "
     "0..1000 (default 100)]\n  [--doppler-hz 0..2000]  [--cfo-hz -20000..20000]  "
     "[--cfo-comp 0|1 (receiver knows the CFO)]\n  [--delay samples 0..1000 (fractions allowed; "
     "the receiver follows the integer part)]\n  [--rx 1|2]  [--snr start:step:stop dB "
     "(default 0:2:20)]  [--trials 1..1e6 (default 100)]\n  [--seed N]  [--harq 1..4 "
     "(transmissions per TB, rv 0 2 3 1)]\n  [--plot out.png "
     "(gnuplot or python3-matplotlib; exit 2 when neither)]\n"
     "  no -i/-o; stdout: snr_db,blocks,errors,bler,throughput_mbps,evm_pct",
     nrphy_dlsim},
    {"ulsim", "PUSCH link-level simulation over an SNR sweep; CSV on stdout",
     "the options of dlsim, and [--tp 0|1 (transform precoding; --prb 2^a 3^b 5^c)]\n"
     "  PUSCH: mapping A, symbols 0..13, all PRBs, DM-RS type 1 port 0 on symbols 2 and 11, "
     "MMSE",
     nrphy_ulsim},
    {"channel", "time-domain IQ through a channel model: TR 38.901 TDL, CFO, delay, AWGN",
     "[--channel awgn|tdla|tdlb|tdlc]  [--srate Hz (default 23.04e6)]  [--ds-ns 0..1000 "
     "(default 100)]\n  [--doppler-hz 0..2000]  [--cfo-hz Hz]  [--delay samples 0..10000 "
     "(fractions allowed)]\n  [--snr dB (no noise when absent)]  [--signal-power P (default "
     "1: SNR per RE of ofdm-mod's output)]\n  [--rx 1|2]  [--seed N]\n  in: IQ; out: IQ of "
     "the same length per RX antenna (RX 0 then RX 1), aligned with the input\n  (the "
     "model's filter latency removed)",
     nrphy_channel},
    {"grid", "draw one slot's resource grid as SVG or PNG, coloured by channel (SSB + PDSCH)",
     "[--prb 20..275 (default 24)]  [--ssb 0|1]  [--ssb-k0 0..12 prb - 240]  [--ssb-l0 0..10 "
     "(default 2)]\n  [--pci 0..1007]  [--pdsch-rb0 0..prb-1]  [--pdsch-nrb 0..prb-rb0]  "
     "[--pdsch-l0 0..13 (default 1)]\n  [--pdsch-nsym 0..14-l0]  [--dmrs-symbols 2,11 "
     "(default 2)]  [--cdm-no-data 1|2]  [--format svg|png]\n  no input; out: SVG (one rect "
     "per RE, class = channel, with a legend) or PNG (16 x 3 pixels per RE)",
     nrphy_grid},
};

static void print_help(void)
{
  printf("usage: nrphy <subcommand> [--key value ...] -i in [-o out]\n"
         "files: bits = one byte per bit (0/1); LLRs = int8 or float32 (positive = 0);\n"
         "       IQ = interleaved complex float32\n"
         "exit status: 0 ok, 1 processing or file error, 2 bad command line\n\n"
         "subcommands (nrphy <subcommand> --help for options):\n");
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(cmds); i++) {
    printf("  %-12s %s\n", cmds[i].name, cmds[i].help);
  }
}

static const nrphy_cmd_t *find_cmd(const char *name)
{
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(cmds); i++) {
    if (strcmp(cmds[i].name, name) == 0) {
      return &cmds[i];
    }
  }
  return NULL;
}

/* Splits argv[2..] into -i, -o and --key value pairs; --help sets *help. */
static int split_args(int argc, char **argv, nrphy_args_t *a, bool *help)
{
  for (int i = 2; i < argc; i++) {
    const char *s = argv[i];
    if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
      *help = true;
      continue;
    }
    if (i + 1 >= argc) {
      return nrphy_usage_error(a, "option %s needs a value", s);
    }
    if (strcmp(s, "-i") == 0) {
      a->in = argv[++i];
    } else if (strcmp(s, "-o") == 0) {
      a->out = argv[++i];
    } else if (strncmp(s, "--", 2) == 0 && s[2] != '\0') {
      if (a->nof_opt == NRPHY_MAX_OPTS) {
        return nrphy_usage_error(a, "more than %d options", NRPHY_MAX_OPTS);
      }
      a->opt[a->nof_opt++] = (nrphy_opt_t){.key = s + 2, .val = argv[++i]};
    } else {
      return nrphy_usage_error(a, "unexpected argument '%s'", s);
    }
  }
  return 0;
}

int main(int argc, char **argv)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    print_help();
    return argc < 2 ? NRPHY_EXIT_USAGE : 0;
  }
  const nrphy_cmd_t *cmd = find_cmd(argv[1]);
  if (cmd == NULL) {
    fprintf(stderr, "nrphy: unknown subcommand '%s' (see nrphy --help)\n", argv[1]);
    return NRPHY_EXIT_USAGE;
  }
  nrphy_args_t a = {.cmd = cmd->name};
  bool help = false;
  int rc = split_args(argc, argv, &a, &help);
  if (help) {
    printf("nrphy %s: %s\n  %s\n", cmd->name, cmd->help, cmd->usage);
    return 0;
  }
  return rc != 0 ? rc : cmd->run(&a);
}
