#!/usr/bin/env bash
# PDSCH MCS 0..27 (64QAM table, TS 38.214 Table 5.1.3.1-1) decodes error-free at a stated SNR
# per MCS, through nrphy dlsim (phy/pdsch encoder and DM-RS receiver, OFDM, phy/channel AWGN,
# 25 PRB at 15 kHz, 1 RX, SNR per RE), and the PDSCH over TDL-A at a stated SNR.
#
#   test_pdsch_thresholds.sh <nrphy> short   (label unit: MCS 0, 9, 16, 27; 20 trials each)
#   test_pdsch_thresholds.sh <nrphy> full    (label slow: all 28 MCS, 200 trials each)
#
# How the thresholds were derived (apps/nrphy/README.md has the same table): nrphy dlsim
# --prb 25 --mcs m --trials 200 --seed 1, 0.25 dB steps (the sweep of 2026-11-25, AVX-512
# LDPC, 10 iterations). z = the lowest SNR from which every measured step had 0 errors in
# 200 blocks (BLER < 0.5%); threshold = z + 1.0 dB. The margin: at this block length the
# waterfall falls from 10% to 0/200 within 0.25 .. 0.75 dB (MCS 26: 1.5 dB, a few isolated
# errors), so 1 dB above z the BLER is far below 1/200; and the test runs another seed
# (--seed 7), so it does not replay the measured noise. Columns: MCS, Q_m, R x 1024, the
# measured 10% BLER point, z, the threshold. The gap of the 10% point to the Shannon limit
# 10 log10(2^(Q_m R) - 1) is 2.1 .. 3.5 dB for every MCS (the same range as the 52-PRB
# measurements of tests/phy/pdsch/test_pdsch_e2e.c), which the test also asserts (a
# threshold below the Shannon limit + 2 dB would mean a broken SNR scale), and every MCS
# must fail every block at its Shannon limit - 0.5 dB (no receiver can do better).
#
# TDL-A (TR 38.901 Table 7.7.2-1), DS 100 ns, fd 10 Hz, 2 RX, MCS 9: measured BLER 17.5% at
# 5 dB, 1.0% at 10 dB, 0/200 from 12 dB (200 trials per dB). Asserted: at 15 dB at most 1%
# (full: <= 2 of 200; short: <= 1 of 20); at 5 dB at least 5% (full: >= 10 of 200, short:
# >= 1 of 20), where AWGN is error-free (threshold 5.25 dB): the fading is really applied.
set -u
nrphy=$1
mode=${2:-short}
fail() { echo "FAIL: $*"; exit 1; }

# mcs qm r1024 p10 z threshold
table="0 2 120 -4.00 -3.75 -2.75
1 2 157 -3.00 -2.75 -1.75
2 2 193 -2.25 -2.00 -1.00
3 2 251 -1.25 -0.50 0.50
4 2 308 -0.50 -0.25 0.75
5 2 379 0.50 0.75 1.75
6 2 449 1.50 1.75 2.75
7 2 526 2.25 2.50 3.50
8 2 602 3.25 3.50 4.50
9 2 679 4.00 4.25 5.25
10 4 340 4.50 4.50 5.50
11 4 378 5.00 5.25 6.25
12 4 434 6.00 6.25 7.25
13 4 490 7.00 7.25 8.25
14 4 553 7.75 8.00 9.00
15 4 616 8.75 9.00 10.00
16 4 658 9.25 9.50 10.50
17 6 438 10.00 10.25 11.25
18 6 466 10.75 10.75 11.75
19 6 517 11.50 12.00 13.00
20 6 567 12.75 13.00 14.00
21 6 616 13.25 13.50 14.50
22 6 666 14.50 14.75 15.75
23 6 719 15.50 15.50 16.50
24 6 772 16.50 16.50 17.50
25 6 822 17.25 17.50 18.50
26 6 873 18.25 19.75 20.75
27 6 910 19.00 19.50 20.50"

if [ "$mode" = full ]; then trials=200 low_trials=20; else trials=20 low_trials=5; fi
# errors at one SNR
errors() { "$nrphy" dlsim --prb 25 --seed 7 --snr "$1" --trials "$2" "${@:3}" 2>/dev/null |
           awk -F, 'NR == 2 { print $3 }'; }

while read -r mcs qm r p10 z thr; do
  if [ "$mode" != full ] && [[ ! " 0 9 16 27 " =~ " $mcs " ]]; then continue; fi
  shannon=$(awk -v q=$qm -v r=$r 'BEGIN { printf "%.2f", 10 * log(2 ^ (q * r / 1024) - 1) / log(10) }')
  awk -v t=$thr -v s=$shannon -v p=$p10 'BEGIN { exit !(t > s + 2 && p - s >= 2 && p - s <= 3.6) }' ||
    fail "mcs $mcs: threshold $thr / 10% point $p10 inconsistent with the Shannon limit $shannon"
  e=$(errors "$thr" $trials --mcs $mcs)
  [ "$e" = 0 ] || fail "mcs $mcs: $e errors in $trials blocks at $thr dB"
  low=$(awk -v s=$shannon 'BEGIN { printf "%.2f", s - 0.5 }')
  e=$(errors "$low" $low_trials --mcs $mcs)
  [ "$e" = $low_trials ] || fail "mcs $mcs: only $e of $low_trials blocks failed below the Shannon limit ($low dB)"
  echo "mcs=$mcs threshold=$thr dB: 0 errors in $trials blocks; $low dB (Shannon - 0.5): all failed"
done <<<"$table"

tdl=(--mcs 9 --channel tdla --ds-ns 100 --doppler-hz 10 --rx 2)
e15=$(errors 15 $trials "${tdl[@]}")
e5=$(errors 5 $trials "${tdl[@]}")
if [ "$mode" = full ]; then max15=2 min5=10; else max15=1 min5=1; fi
[ "$e15" -le $max15 ] || fail "TDL-A 2 RX MCS 9 at 15 dB: $e15 errors in $trials blocks"
[ "$e5" -ge $min5 ] || fail "TDL-A 2 RX MCS 9 at 5 dB: only $e5 errors in $trials blocks"
echo "TDL-A 100 ns 10 Hz 2 RX MCS 9: $e15 / $trials errors at 15 dB, $e5 / $trials at 5 dB"
echo "PASS"
