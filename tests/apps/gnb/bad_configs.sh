#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Bad configurations (issue 8, "Bad configs"): each kind makes gnb exit with status 2
# before it opens a radio, with one message that names where the value came from (the
# file or the command line), the key, the value and what is allowed. Last, a radio that
# cannot open gives status 1.
# usage: bad_configs.sh <gnb> <configs dir>
set -u
GNB=$1
CFG=$2
fail=0
n=0

# expect <config> <expected substring> <expected substring> -- <overrides...>
expect() {
  cfg=$1 want1=$2 want2=$3
  shift 4
  n=$((n + 1))
  case "$cfg" in /*) path=$cfg ;; *) path=$CFG/$cfg ;; esac
  out=$("$GNB" -c "$path" --ru_sdr.device_driver=file \
        --ru_sdr.device_args=tx_file=/nonexistent/x "$@" 2>&1 >/dev/null)
  rc=$?
  case "$out" in
  *"$want1"*"$want2"* | *"$want2"*"$want1"*) ok=1 ;;
  *) ok=0 ;;
  esac
  if [ $rc -ne 2 ] || [ $ok -ne 1 ]; then
    echo "FAIL: $cfg $*: exit $rc, message: $out (wanted '$want1' and '$want2')"
    fail=1
  else
    echo "ok $n: $*: $out"
  fi
}

# 1. band/ARFCN pair: 368500 (1842.5 MHz) is outside n1's DL range (2110-2170 MHz).
#    The ARFCN is blamed, and it comes from the file.
expect gnb_zmq.yaml "gnb_zmq.yaml: cell_cfg.dl_arfcn: value '368500'" "band n1" -- --cell_cfg.band=1
# 2. CORESET#0 wider than the carrier: index 12 is 96 RB, 10 MHz at 15 kHz is 52 PRB.
expect gnb_zmq.yaml "cell_cfg.pdcch.common.coreset0_index: value '12'" "wider than the 52-PRB" \
  -- --cell_cfg.channel_bandwidth_MHz=10
# 3. unknown key.
expect gnb_zmq.yaml "command line" "cell_cfg.coreset0_index" -- --cell_cfg.coreset0_index=3
# 4. SCS invalid for the band: n3 has 15 kHz SSBs only (38.104 Table 5.4.3.3-1).
expect gnb_zmq.yaml "cell_cfg.common_scs: value '30'" "band n3" -- --cell_cfg.common_scs=30
# 5. bandwidth not allowed for band and SCS (38.104 Table 5.3.5-1).
expect gnb_zmq.yaml "cell_cfg.channel_bandwidth_MHz: value '50'" "allowed: 5 10 15 20" \
  -- --cell_cfg.channel_bandwidth_MHz=50
# 6. ARFCN inside the band but off its 100 kHz channel raster.
expect gnb_zmq.yaml "cell_cfg.dl_arfcn: value '368501'" "RASTER" -- --cell_cfg.dl_arfcn=368501
# 7. PRACH short format (row 100 of Table 6.3.3.2-2 is A1) where SIB1 says L = 839.
expect gnb_zmq.yaml "cell_cfg.prach.prach_config_index: value '100'" "long preamble" \
  -- --cell_cfg.prach.prach_config_index=100
# 8. TDD period of 3 slots at 30 kHz (1.5 ms) is not a TS 38.331 periodicity; the file
#    sets the key, the message names the file.
expect gnb_b210_n78.yaml "cell_cfg.tdd_ul_dl_cfg.dl_ul_tx_period: value '3'" "allowed at 30 kHz" \
  -- --cell_cfg.tdd_ul_dl_cfg.dl_ul_tx_period=3
# 9. PRACH in a DL subframe: TDD row 14 is subframe 2 (slots 4, 5 at 30 kHz), DL here.
expect gnb_b210_n78.yaml "cell_cfg.prach.prach_config_index: value '14'" "not UL" \
  -- --cell_cfg.prach.prach_config_index=14
# 10. sample rate too low for 106 PRB (N_fft 512 < 1272 subcarriers).
expect gnb_zmq.yaml "ru_sdr.srate: value '7.68'" "allowed:" -- --ru_sdr.srate=7.68
# 11. SSB ARFCN off the sync raster.
expect gnb_zmq.yaml "cell_cfg.ssb.ssb_arfcn: value '368411'" "SSB_ARFCN" -- --cell_cfg.ssb.ssb_arfcn=368411
# 12. PCI out of range, PLMN not digits.
expect gnb_zmq.yaml "cell_cfg.pci" "[0, 1007]" -- --cell_cfg.pci=1008
expect gnb_zmq.yaml "cell_cfg.plmn: value '0010x'" "5 or 6 digits" -- --cell_cfg.plmn=0010x
# 13. CORESET#0 of 3 symbols under searchSpace#0 row 0 overlaps the SIB1 PDSCH.
expect gnb_b210_n78.yaml "cell_cfg.pdcch.common.coreset0_index: value '5'" "SIB1" \
  -- --cell_cfg.pdcch.common.coreset0_index=5
# 14. An error in a file names the file: a TDD pattern without DL slots.
tmp=${TMPDIR:-/tmp}/olive_bad_cfg.$$.yaml
sed 's/nof_dl_slots: 6/nof_dl_slots: 0/' "$CFG/gnb_b210_n78.yaml" >"$tmp"
expect "$tmp" "$tmp: cell_cfg.tdd_ul_dl_cfg.nof_dl_slots: value '0'" "allowed: 1 <= nof_dl_slots" --
rm -f "$tmp"
# 15. --duration must be a number.
expect gnb_zmq.yaml "--duration" "seconds" -- --duration=soon

# A valid configuration whose radio cannot open exits 1 (not 2) naming the driver and its
# device_args.
out=$("$GNB" -c "$CFG/gnb_zmq.yaml" --ru_sdr.device_driver=file \
      --ru_sdr.device_args=tx_file=/nonexistent/x --duration=1 2>&1 >/dev/null)
rc=$?
case "$out" in
*"error: radio: driver file with ru_sdr.device_args 'tx_file=/nonexistent/x'"*) ok=1 ;;
*) ok=0 ;;
esac
if [ $rc -ne 1 ] || [ $ok -ne 1 ]; then
  echo "FAIL: radio failure: exit $rc, message: $out"
  fail=1
else
  echo "ok: radio failure exits 1: $out"
fi

echo "$n bad configurations checked"
exit $fail
