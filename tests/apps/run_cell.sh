#!/usr/bin/env bash
# The main job (./olive run -> tools/run_cell): the gNB on configs/gnb_zmq.yaml with
# nrscan attached over ZeroMQ. Within its run the gNB prints status lines and nrscan finds
# the configured cell (PCI 1, SSB ARFCN 368410) and decodes SIB1 with the configured PLMN
# and TAC; the run exits 0. A bad key exits 2. Ports 47320/47321 (apart from other tests).
# Usage: run_cell.sh TOOLS_RUN_CELL BUILD_DIR
set -u
run=$1 build=$2
args=tx_port=tcp://127.0.0.1:47320,rx_port=tcp://127.0.0.1:47321,base_srate=23.04e6
out=$("$run" "$build" --duration 6 --ru_sdr.device_args=$args \
      --expert_execution.rt_priority=0 2>&1)
rc=$?
echo "$out" | cut -c1-200
fail=0
check() { grep -Eq -- "$2" <<<"$out" && echo "ok: $1" || { echo "FAIL: $1 (no /$2/)"; fail=1; }; }
[ $rc -eq 0 ] && echo "ok: exit 0" || { echo "FAIL: exit $rc"; fail=1; }
n=$(grep -c '^t= *[0-9.]*s sfn=[0-9]* slots=' <<<"$out")
[ "$n" -ge 3 ] && echo "ok: $n status lines" || { echo "FAIL: $n status lines"; fail=1; }
check "cell found" '^\[nrscan\] cell pci=1 dl_arfcn=368500 ssb_arfcn=368410 '
check "SIB1 fields" '^\[nrscan\] sib1 pci=1 plmn=001-01 tac=7 .* dl_prb=106 '
check "MIB" '^\[nrscan\] mib pci=1 ssb_arfcn=368410 .* coreset0=12 ss0=0 '
check "clean stop" '^stopped: [0-9]+ slots sent, 0 late'
"$run" "$build" --duration 1 --cell_cfg.pci=1008 > /dev/null 2>&1
rc=$?
[ $rc -eq 2 ] && echo "ok: bad key exits 2" || { echo "FAIL: bad key exit $rc"; fail=1; }
exit $fail
