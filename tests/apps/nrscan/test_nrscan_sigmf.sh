#!/bin/sh
# nrscan on SigMF recordings made by our transmit chain (gen_recording: RRC MIB/SIB1,
# MAC broadcast scheduler, phy_dl with the 5.4 term; srsRAN tutorial cell, SSB ARFCN
# 368410, frames from SFN 100, SSB and SIB1 every 20 ms). Deterministic: fixed seeds.
# 1. noiseless, PCI 1: one cell, PCI, SSB ARFCN, MIB fields (CORESET#0 12, SS#0 0,
#    k_SSB 6), an SFN of a burst frame (100 or 102), CFO 0, and the SIB1 fields of
#    rrc_sib1_cell_cfg_default (PLMN 001-01, TAC 7, cell id 411 << 14, 106 PRB,
#    PRACH configuration index 1, FDD) printed from the decoded bytes;
# 2. PCI 500 at 3 dB SNR per RE with a 2 kHz CFO: same fields, CFO within 300 Hz;
# 3. the n78 TDD cell of configs/gnb_b210_n78.yaml (30 kHz, case C, DL ARFCN 650000) at
#    6 dB with a -1.5 kHz CFO: PCI 7, 51 PRB, SCS 30 kHz, the TDD pattern of the SIB1
#    (5 ms: 6 DL slots + 8 symbols, 3 UL slots);
# 4. without --arfcn nrscan sweeps band 3 from 1814.4 MHz in 18.3 MHz steps (every GSCN,
#    no 15 kHz filter): a 10 MHz cell recorded at DL ARFCN 362880 (1814.4 MHz) is found;
#    the recording ends during the sweep, which is not an error;
# 5. two cells on SSB ARFCN 368410 (PCI 20, and PCI 411 6 dB weaker, 2.345 ms later) at
#    10 dB: both reported with their SIB1;
# 6. a bad option exits with status 2.
# Usage: test_nrscan_sigmf.sh NRSCAN GEN WORKDIR
set -u
NRSCAN=$1 GEN=$2 DIR=$3/nrscan_sigmf
mkdir -p "$DIR"
fail=0
check() { # name, pattern, file
  if grep -Eq -- "$2" "$3"; then echo "ok: $1"; else echo "FAIL: $1 (no /$2/)"; fail=1; fi
}
run_case() { # pci snr cfo
  "$GEN" "$DIR/rec$1" "$1" "$2" "$3" > "$DIR/gen$1.txt" || { echo "FAIL: generator"; fail=1; }
  "$NRSCAN" --device_driver=file --device_args=rx_file="$DIR/rec$1" --band=3 --arfcn=368500 \
    --duration=0.06 > "$DIR/out$1.txt" 2> "$DIR/err$1.txt"
  rc=$?
  cat "$DIR/out$1.txt"
  [ $rc -eq 0 ] && echo "ok: exit 0" || { echo "FAIL: exit $rc"; cat "$DIR/err$1.txt"; fail=1; }
  o="$DIR/out$1.txt"
  check "cell" "^cell pci=$1 dl_arfcn=368500 ssb_arfcn=368410 " "$o"
  check "mib" "^mib pci=$1 ssb_arfcn=368410 .* sfn=10[02] hrf=0 ssb_idx=0 k_ssb=6 .*coreset0=12 ss0=0 cell_barred=notBarred" "$o"
  check "sib1 cell" "^sib1 pci=$1 plmn=001-01 tac=7 cell_id=0x00066c000 " "$o"
  check "sib1 carrier" "^sib1 pci=$1 .* band=n3 dl_prb=106 scs=kHz15 offset_to_point_a=40 coreset0=12 ss0=0 " "$o"
  check "sib1 prach" "^sib1 pci=$1 .* prach_config_index=1 .* duplex=fdd" "$o"
  check "summary" "^summary cells=1 sib1=1" "$o"
  cfo=$(sed -n "s/^cell .* cfo_hz=\([-0-9.]*\) .*/\1/p" "$o")
  awk -v c="${cfo:-1e9}" -v t="$3" 'BEGIN { d = c - t; if (d < 0) d = -d; exit !(d < 300) }' \
    && echo "ok: cfo $cfo (truth $3)" || { echo "FAIL: cfo $cfo (truth $3)"; fail=1; }
}
run_case 1 200 0
run_case 500 3 2000
"$GEN" "$DIR/rec78" 7 6 -1500 n78 > "$DIR/gen78.txt" || { echo "FAIL: generator n78"; fail=1; }
"$NRSCAN" --device_driver=file --device_args=rx_file="$DIR/rec78" --band=78 --arfcn=650000 \
  --duration=0.06 > "$DIR/out78.txt" 2> "$DIR/err78.txt"
[ $? -eq 0 ] && echo "ok: n78 exit 0" || { echo "FAIL: n78 exit"; cat "$DIR/err78.txt"; fail=1; }
cat "$DIR/out78.txt"
o="$DIR/out78.txt"
check "n78 cell" "^cell pci=7 dl_arfcn=650000 ssb_arfcn=$(sed -n 's/^ssb_arfcn=\([0-9]*\) .*/\1/p' "$DIR/gen78.txt") " "$o"
check "n78 mib" "^mib pci=7 .* scs_common=scs30or120 .*coreset0=12 ss0=0" "$o"
check "n78 sib1" "^sib1 pci=7 plmn=001-01 tac=7 .* band=n78 dl_prb=51 scs=kHz30 .* tdd=kHz30:ms5:dl6\+8sym:ul3\+0sym" "$o"
check "n78 summary" "^summary cells=1 sib1=1" "$o"
"$GEN" "$DIR/recsw" 3 200 0 b3low > "$DIR/gensw.txt" || { echo "FAIL: generator b3low"; fail=1; }
"$NRSCAN" --device_driver=file --device_args=rx_file="$DIR/recsw" --band=3 --duration=0.06 \
  > "$DIR/outsw.txt" 2> "$DIR/errsw.txt"
[ $? -eq 0 ] && echo "ok: sweep exit 0" || { echo "FAIL: sweep exit"; cat "$DIR/errsw.txt"; fail=1; }
check "sweep cell" "^cell pci=3 dl_arfcn=362880 ssb_arfcn=$(sed -n 's/^ssb_arfcn=\([0-9]*\) .*/\1/p' "$DIR/gensw.txt") " "$DIR/outsw.txt"
check "sweep sib1" "^sib1 pci=3 plmn=001-01 tac=7 " "$DIR/outsw.txt"
"$GEN" "$DIR/rec2" 20 10 300 two > "$DIR/gen2.txt" || { echo "FAIL: generator two"; fail=1; }
"$NRSCAN" --device_driver=file --device_args=rx_file="$DIR/rec2" --band=3 --arfcn=368500 \
  --duration=0.06 > "$DIR/out2.txt" 2> "$DIR/err2.txt"
cut -c1-120 "$DIR/out2.txt"
check "two: first" "^cell pci=20 dl_arfcn=368500 ssb_arfcn=368410 " "$DIR/out2.txt"
check "two: second" "^cell pci=411 dl_arfcn=368500 ssb_arfcn=368410 " "$DIR/out2.txt"
check "two: sib1" "^sib1 pci=411 plmn=001-01 tac=7 " "$DIR/out2.txt"
check "two: summary" "^summary cells=2 sib1=1" "$DIR/out2.txt"
"$NRSCAN" --band=3 --arfcn=368500 --bogus=1 > /dev/null 2>&1
[ $? -eq 2 ] && echo "ok: bad option exits 2" || { echo "FAIL: bad option status"; fail=1; }
exit $fail
