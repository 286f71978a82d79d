#!/usr/bin/env bash
# The main job runs on the default config: it prints live metrics lines, decodes its code
# blocks, exits 0; and a bad key makes it exit 2 naming the key and the allowed range.
set -u
demo=$1 cfg=$2
out=$("$demo" -c "$cfg" --duration 3 --metrics.period_ms=500 --expert_execution.rt_priority=0 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "FAIL: exit $rc"; exit 1; }
n=$(grep -c '^t= *[0-9.]*s slots=' <<<"$out")
[ "$n" -ge 4 ] || { echo "FAIL: $n metrics lines, expected >= 4"; exit 1; }
grep -q 'done: [0-9]* slots' <<<"$out" || { echo "FAIL: no summary"; exit 1; }
# At 12 dB, MCS 16 (16QAM, R 0.64) must decode every TB: the summary shows ok == total.
read -r ok total < <(sed -n 's|.* \([0-9]*\)/\([0-9]*\) transport blocks decoded|\1 \2|p' <<<"$out")
[ "${total:-0}" -gt 1000 ] && [ "$ok" -eq "$total" ] || { echo "FAIL: decoded $ok of $total"; exit 1; }
err=$("$demo" -c "$cfg" --cell_cfg.pci=1008 2>&1)
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: bad pci exit $rc, expected 2"; exit 1; }
grep -q "cell_cfg.pci: value '1008' is out of range; allowed: an integer in \[0, 1007\]" <<<"$err" \
  || { echo "FAIL: message: $err"; exit 1; }
echo "PASS"
