#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The gNB's MAC-NR pcap (pcap.mac_enable) decoded by an independent decoder, Debian's
# tshark 4.0 (issue 8 "Independent decoder"): 0.2 s of radio time on the SigMF file
# driver with TAC 4660 and PLMN 001-99, then
#   - no "Malformed Packet" and no expert error anywhere;
#   - one MIB (BCCH-BCH, NO-RNTI) per 10 ms frame, the mac-nr SFN tag advancing by 1,
#     MIB fields ssb-SubcarrierOffset 6, controlResourceSetZero 12, searchSpaceZero 0;
#   - SIB1 on SI-RNTI in even frames (searchSpace#0 row 0: SFN mod 2 = 0, TS 38.213 13)
#     with TAC 001234, MCC 001, MNC 99, band 3, 106 PRB, offsetToPointA 40,
#     controlResourceSetZero 12, prach-ConfigurationIndex 1, msg1-FrequencyStart 4.
# tshark settings: shared/INTEROP.md (DLT 149 as "udp", heuristic mac_nr_udp). HOME points
# at the work dir so tshark never touches the user's profile. Exit 77 (skip) without it.
# usage: pcap_tshark.sh <gnb> <configs dir> <work dir>
set -u
GNB=$1 CFG=$2 DIR=$3
command -v tshark >/dev/null 2>&1 || { echo "tshark not installed: skipped"; exit 77; }
W=$DIR/pcap_tshark.$$
mkdir -p "$W"
trap 'rm -rf "$W"' EXIT
"$GNB" -c "$CFG/gnb_zmq.yaml" --ru_sdr.device_driver=file --ru_sdr.device_args=tx_file=$W/rec \
  --pcap.mac_enable=true --pcap.mac_filename=$W/mac.pcap --cell_cfg.tac=4660 \
  --cell_cfg.plmn=00199 --expert_execution.rt_priority=0 --duration=0.2 >$W/gnb.log 2>&1 ||
  { echo "FAIL: gnb exited $?"; cat $W/gnb.log; exit 1; }
ts() {
  env HOME="$W" tshark -r "$W/mac.pcap" -o 'uat:user_dlts:"User 2 (DLT=149)","udp","0","","0",""' \
    --enable-heuristic mac_nr_udp "$@"
}
ts -V >$W/v.txt 2>$W/err.txt || { echo "FAIL: tshark"; cat $W/err.txt; exit 1; }
ts -T fields -e mac-nr.rnti-type -e mac-nr.sfn -e mac-nr.slot >$W/f.txt 2>>$W/err.txt
fail=0
check() { # check <description> <command...>
  d=$1; shift
  if "$@"; then echo "ok: $d"; else echo "FAIL: $d"; fail=1; fi
}
nmib=$(awk '$1 == 0' $W/f.txt | wc -l)
nsib=$(awk '$1 == 4' $W/f.txt | wc -l)
check "no Malformed Packet" sh -c "! grep -q 'Malformed' $W/v.txt"
check "no expert error" sh -c "! grep -q 'Expert Info (Error' $W/v.txt"
check "MIBs: $nmib (>= 18 in 0.2 s)" test "$nmib" -ge 18
check "SIB1s: $nsib (>= 8)" test "$nsib" -ge 8
check "MIB SFN advances by 1 per record" \
  sh -c "awk '\$1 == 0 { if (n++ && \$2 != p + 1) bad = 1; p = \$2 } END { exit bad }' $W/f.txt"
check "SIB1 only in even frames, slot 0" \
  sh -c "awk '\$1 == 4 && (\$2 % 2 || \$3 != 0) { bad = 1 } END { exit bad }' $W/f.txt"
has() { grep -q -- "$1" $W/v.txt; }
check "MIB ssb-SubcarrierOffset 6" has "ssb-SubcarrierOffset: 6"
check "MIB searchSpaceZero 0" has "searchSpaceZero: 0"
check "controlResourceSetZero 12" has "controlResourceSetZero: 12"
check "TAC 4660" has "trackingAreaCode: 001234"
check "MNC 99" sh -c "grep -m1 -A4 'mnc: 2 items' $W/v.txt | grep -c 'MCC-MNC-Digit: 9' | grep -q '^2$'"
check "MCC 001" sh -c "grep -A6 'mcc: 3 items' $W/v.txt | grep 'MCC-MNC-Digit' | head -3 | tr -d ' \n' | grep -q 'MCC-MNC-Digit:0MCC-MNC-Digit:0MCC-MNC-Digit:1'"
check "band n3" has "freqBandIndicatorNR: 3"
check "106 PRB" has "carrierBandwidth: 106"
check "offsetToPointA 40" has "offsetToPointA: 40 PRBs"
check "prach-ConfigurationIndex 1" has "prach-ConfigurationIndex: 1$"
check "msg1-FrequencyStart 4" has "msg1-FrequencyStart: 4$"
exit $fail
