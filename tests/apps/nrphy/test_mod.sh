#!/usr/bin/env bash
# nrphy modulate / demodulate, e2e. Pinned to points worked by hand from TS 38.211 5.1
# (QPSK (1-2b0 + j(1-2b1))/sqrt2, 16QAM 0011 -> (3+3j)/sqrt10, 256QAM 0x00 -> (5+5j)/sqrt170)
# and to the max-log LLR worked by hand: QPSK y = (1+j)/sqrt2, N0 = 0.5 gives
# LLR(b) = 4 a Re(y) / N0 = 4 (a = 1/sqrt2), i.e. 64 in int8 at scale 16. Then for every
# order: random bits -> modulate -> demodulate (bits, f32 and i8) recovers the bits' signs.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
bits() { LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) {
  s = (s * 1664525 + 1013904223) % 4294967296; printf "%c", (s >= 2147483648) ? 1 : 0 } }'; }
# floats of a file vs expected list, |diff| < 1e-6
f32_is() { od -An -v -tf4 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d' | paste -sd' ' |
  awk -v want="$2" '{ n = split(want, w, " "); if (n != NF) exit 1
    for (i = 1; i <= n; i++) { e = $i - w[i]; if (e < 0) e = -e; if (e > 1e-6) exit 1 } }'; }

printf '\000\000\001\001\000\001' >"$d/b"
"$nrphy" modulate --mod qpsk -i "$d/b" -o "$d/y" || fail "qpsk"
r=0.70710678
f32_is "$d/y" "$r $r -$r -$r $r -$r" || fail "qpsk points: $(od -An -tf4 "$d/y")"
printf '\000\000\001\001' >"$d/b"
"$nrphy" modulate --mod 16qam -i "$d/b" -o "$d/y" || fail "16qam"
f32_is "$d/y" "0.9486833 0.9486833" || fail "16qam point: $(od -An -tf4 "$d/y")"
printf '\000\000\000\000\000\000\000\000' >"$d/b"
"$nrphy" modulate --mod 256qam -i "$d/b" -o "$d/y" || fail "256qam"
f32_is "$d/y" "0.3834825 0.3834825" || fail "256qam point: $(od -An -tf4 "$d/y")"

printf '\000\000' >"$d/b"
"$nrphy" modulate --mod qpsk -i "$d/b" -o "$d/y" || fail "qpsk"
"$nrphy" demodulate --mod qpsk --noise-var 0.5 -i "$d/y" -o "$d/l" || fail "demod f32"
f32_is "$d/l" "4 4" || fail "LLR: $(od -An -tf4 "$d/l")"
"$nrphy" demodulate --mod qpsk --noise-var 0.5 --format i8 -i "$d/y" -o "$d/l" || fail "i8"
[ "$(od -An -td1 "$d/l" | xargs)" = "64 64" ] || fail "int8 LLR: $(od -An -td1 "$d/l")"

for m in "pi2bpsk 1" "bpsk 1" "qpsk 2" "16qam 4" "64qam 6" "256qam 8"; do
  read -r mod qm <<<"$m"
  bits $((qm * 97)) $qm >"$d/b"
  "$nrphy" modulate --mod $mod -i "$d/b" -o "$d/y" || fail "$mod modulate"
  [ "$(stat -c %s "$d/y")" -eq $((97 * 8)) ] || fail "$mod: not 97 complex float32"
  "$nrphy" demodulate --mod $mod --format bits -i "$d/y" -o "$d/h" || fail "$mod demod"
  cmp -s "$d/b" "$d/h" || fail "$mod: hard decisions differ"
  "$nrphy" demodulate --mod $mod --noise-var 0.1 -i "$d/y" -o "$d/l" || fail "$mod f32"
  od -An -v -tf4 "$d/l" | tr -s ' \n' '\n\n' | sed '/^$/d' | awk '{ print ($1 < 0) ? 1 : 0 }' |
    paste -sd' ' >"$d/s1"
  od -An -v -tu1 "$d/b" | tr -s ' \n' '\n\n' | sed '/^$/d' | paste -sd' ' >"$d/s0"
  cmp -s "$d/s0" "$d/s1" || fail "$mod: f32 LLR signs differ"
  "$nrphy" demodulate --mod $mod --noise-var 0.1 --format i8 -i "$d/y" -o "$d/l" || fail "$mod i8"
  od -An -v -td1 "$d/l" | tr -s ' \n' '\n\n' | sed '/^$/d' | awk '{ print ($1 < 0) ? 1 : 0 }' |
    paste -sd' ' >"$d/s1"
  cmp -s "$d/s0" "$d/s1" || fail "$mod: int8 LLR signs differ"
done

err=$("$nrphy" modulate --mod 1024qam -i "$d/b" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-mod: value '1024qam' is not allowed; allowed: pi2bpsk|bpsk|qpsk|16qam|64qam|256qam" <<<"$err" || fail "bad mod: $rc $err"
err=$("$nrphy" demodulate --noise-var -1 -i "$d/y" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-noise-var: value '-1' is out of range; allowed: a number in \[1e-10, 1e+10\]" <<<"$err" || fail "bad nv: $rc $err"
err=$("$nrphy" demodulate --format int8 -i "$d/y" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-format: value 'int8'" <<<"$err" || fail "bad format: $rc $err"
printf '\000\000\000' >"$d/b3"
err=$("$nrphy" modulate --mod qpsk -i "$d/b3" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "expected a non-zero multiple of 2 bytes (Qm bits per symbol), got 3" <<<"$err" || fail "size: $rc $err"
printf '\000\000\000' >"$d/y3"
err=$("$nrphy" demodulate -i "$d/y3" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "multiple of 8 bytes" <<<"$err" || fail "iq size: $rc $err"
echo "PASS"
