#!/usr/bin/env bash
# PUSCH performance in fading, after TS 38.104 8.2.1 (V15.19.0 Table 8.2.1.2-1: PUSCH type A,
# 5 MHz, 15 kHz SCS, 1 TX, 2 RX, normal CP, low correlation): the throughput, with HARQ (at
# most 4 transmissions, rv 0 2 3 1), must reach 70% of the maximum at the SNR of the table:
#   row 1: TDLB100-400, G-FR1-A3-8 (25 PRB, QPSK R 193/1024 = 64QAM-table MCS 2):  -2.3 dB
#   row 2: TDLC300-100, G-FR1-A4-8 (16QAM R 658/1024 = MCS 16):                   10.1 dB
#   row 3: TDLA30-10,   G-FR1-A5-8 (64QAM R 567/1024 = MCS 20):                   12.3 dB
# (values as transcribed in srsRAN_matlab unitTests/@CheckPUSCHConformance/
# createTestConfigTable8_2_1_2_1.m and createFRC.m (Tables A.3-2, A.4-2, A.5-2); another
# public test script lists -2.5 / 10 / 12.4 dB, an older version of the table). The FRCs'
# DM-RS (type 1, pos1, single symbol, 2 CDM groups without data) and 14-symbol type A
# allocation are what nrphy ulsim transmits. The TBS (TS 38.214 6.1.4.2, worked by hand:
# N_RE = 25 x (168 - 24) = 3600): A3-8 N_info = 1357 -> 1352; A4-8 N_info = 9253 -> N'_info
# 9216, C = 2 -> 9224; A5-8 N_info = 11960 -> N'_info 12032, C = 2 -> 12040; checked first.
# Independent of our own curves, and able to fail: 6 dB below each SNR the throughput
# must be under 70% (the fading makes the requirement non-trivial).
# Measured (1000 TBs, seed 3): row 1 86.9%, row 2 89.0%, row 3 79.8% of the maximum at the
# table's SNR; 33.9%, 49.2%, 46.6% 6 dB below.
#
#   test_ulsim_38104.sh <nrphy> short   (row 1, 100 TBs; label unit)
#   test_ulsim_38104.sh <nrphy> full    (rows 1..3, 1000 TBs; label slow)
set -u
nrphy=$1
mode=${2:-short}
err_file=$(mktemp)
trap 'rm -f "$err_file"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
rows="1 2 tdlb 100 400 -2.3 1352
2 16 tdlc 300 100 10.1 9224
3 20 tdla 30 10 12.3 12040"
if [ "$mode" = full ]; then trials=1000; else trials=100; fi
while read -r row mcs ch ds fd snr tbs; do
  if [ "$mode" != full ] && [ "$row" != 1 ]; then continue; fi
  for s in "$snr" "$(awk -v s="$snr" 'BEGIN { print s - 6 }')"; do
    out=$("$nrphy" ulsim --prb 25 --mcs "$mcs" --channel "$ch" --ds-ns "$ds" --doppler-hz "$fd" \
          --rx 2 --harq 4 --snr "$s" --trials "$trials" --seed 3 2>"$err_file" ) || fail "row $row: ulsim"
    grep -q "TBS $tbs," "$err_file" || fail "row $row: TBS is not $tbs: $(cat "$err_file")"
    frac=$(awk -F, -v tbs="$tbs" 'NR == 2 { printf "%.3f", $5 / (tbs / 1000) }' <<<"$out")
    echo "row $row ($ch, MCS $mcs) at $s dB: $frac of the maximum throughput"
    if [ "$s" = "$snr" ]; then
      awk -v f="$frac" 'BEGIN { exit !(f >= 0.70) }' || fail "row $row: below 70% at $snr dB"
    else
      awk -v f="$frac" 'BEGIN { exit !(f < 0.70) }' || fail "row $row: already 70% at $s dB"
    fi
  done
done <<<"$rows"
echo "PASS"
