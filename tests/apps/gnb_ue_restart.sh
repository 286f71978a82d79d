#!/usr/bin/env bash
# A running gNB serves a UE that restarts (radio/README.md, ZeroMQ resync): one gNB on
# configs/gnb_zmq.yaml, three nrscan runs one after another over ZeroMQ; each must find
# the cell and its SIB1. Before the resync the second run waited forever (each side
# waiting for the other's first samples). Ports 47330/47331.
# Usage: gnb_ue_restart.sh GNB NRSCAN CONFIGS
set -u
gnb=$1 nrscan=$2 cfg=$3
a=tx_port=tcp://127.0.0.1:47330,rx_port=tcp://127.0.0.1:47331,base_srate=23.04e6
u=tx_port=tcp://127.0.0.1:47331,rx_port=tcp://127.0.0.1:47330,base_srate=23.04e6
"$gnb" -c "$cfg/gnb_zmq.yaml" --ru_sdr.device_args=$a --expert_execution.rt_priority=0 \
  --duration=60 > /dev/null 2>&1 &
g=$!
fail=0
for run in 1 2 3; do
  out=$(timeout 15 "$nrscan" --device_driver=zmq --device_args=$u --srate=23.04 --band=3 \
        --arfcn=368500 --duration=0.5 2>&1)
  if grep -q '^summary cells=1 sib1=1' <<<"$out"; then
    echo "ok: run $run found the cell and SIB1"
  else
    echo "FAIL: run $run:"; echo "$out" | cut -c1-160 | tail -5; fail=1
  fi
done
kill -INT $g 2> /dev/null
wait $g
rc=$?
[ $rc -eq 0 ] && echo "ok: gNB stopped cleanly" || { echo "FAIL: gNB exit $rc"; fail=1; }
exit $fail
