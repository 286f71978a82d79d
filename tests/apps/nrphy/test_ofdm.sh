#!/usr/bin/env bash
# nrphy ofdm-mod / ofdm-demod, e2e. Pinned to TS 38.211 5.3.1 worked by hand: one RE of
# value 1 at subcarrier k = K/2 + 1 of symbol 0 gives x[n] = exp(j 2 pi (n - N_CP,0) / N) /
# sqrt(N) (default scale 1/sqrt(N_fft)), so sample N_CP,0 is 1/sqrt(N) and sample 0 is
# exp(-j 2 pi N_CP,0 / N) / sqrt(N); and to the slot lengths of 5.3.1 (N_CP = 144 kappa
# 2^-mu T_c = 144 N / 2048 samples, plus 16 kappa T_c = 16 N 2^mu / 2048 samples on symbols 0
# and 7 2^mu of a subframe), i.e. a slot is exactly 1 ms / 2^mu: 25 PRB at 15 kHz, N = 384
# -> 14 (384 + 27) + 2 x 3 = 5760 samples; 52 PRB at 30 kHz, N = 768 -> 14 (768 + 54) + 12 =
# 11520; 24 PRB at 30 kHz with --srate 15.36 MHz, N = 512 -> 14 (512 + 36) + 8 = 7680. Then random QPSK grids of 2 slots
# (the second slot's position in the subframe counts) round-trip within 1e-4.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
bits() { LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) {
  s = (s * 1664525 + 1013904223) % 4294967296; printf "%c", (s >= 2147483648) ? 1 : 0 } }'; }
f32s() { od -An -v -tf4 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d'; }
# max |a - b| over two float32 files of the same length
maxdiff() { paste <(f32s "$1") <(f32s "$2") | awk '{ e = $1 - $2; if (e < 0) e = -e; if (e > m) m = e }
  END { printf "%g\n", m + 0 }'; }

# single tone, 25 PRB, 15 kHz: K = 300, N = 384, N_CP,0 = 27 + 3 = 30
k=300 n=384 cp=30
{ head -c $(((k / 2 + 1) * 8)) /dev/zero; printf '\000\000\200\077\000\000\000\000'
  head -c $(((14 * k - k / 2 - 2) * 8)) /dev/zero; } >"$d/g"
[ "$(stat -c %s "$d/g")" -eq $((14 * k * 8)) ] || fail "tone grid size"
"$nrphy" ofdm-mod --prb 25 --scs 15 -i "$d/g" -o "$d/t" || fail "tone mod"
[ "$(stat -c %s "$d/t")" -eq $((5760 * 8)) ] || fail "25 PRB slot is not 5760 samples"
f32s "$d/t" | awk -v n=$n -v cp=$cp 'function abs(v) { return v < 0 ? -v : v }
  { x[NR - 1] = $1 } END { a = 1 / sqrt(n); p = -2 * 3.14159265358979 * cp / n
  e = abs(x[2 * cp] - a) + abs(x[2 * cp + 1]) + abs(x[0] - a * cos(p)) + abs(x[1] - a * sin(p))
  e += abs(x[2 * (cp + 100)] - a * cos(2 * 3.14159265358979 * 100 / n))
  exit e > 1e-5 }' || fail "tone samples differ from exp(j 2 pi (n - N_CP) / N) / sqrt(N)"

for c in "25 15 0 5760" "52 30 0 11520" "24 30 15.36e6 7680"; do
  read -r prb scs srate slot <<<"$c"
  k=$((12 * prb))
  bits $((2 * 14 * k * 2)) $prb >"$d/b"
  "$nrphy" modulate --mod qpsk -i "$d/b" -o "$d/g" || fail "grid"
  extra=(--srate "$srate")
  "$nrphy" ofdm-mod --prb $prb --scs $scs "${extra[@]}" -i "$d/g" -o "$d/t" || fail "mod $c"
  [ "$(stat -c %s "$d/t")" -eq $((2 * slot * 8)) ] || fail "$c: $(stat -c %s "$d/t") bytes"
  "$nrphy" ofdm-demod --prb $prb --scs $scs "${extra[@]}" -i "$d/t" -o "$d/g2" || fail "demod $c"
  m=$(maxdiff "$d/g" "$d/g2")
  awk -v m="$m" 'BEGIN { exit !(m < 1e-4) }' || fail "$c: round trip error $m"
  echo "prb=$prb scs=$scs srate=$srate: max round-trip error $m"
done

err=$("$nrphy" ofdm-mod --prb 300 -i "$d/g" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-prb: value '300' is out of range; allowed: an integer in \[1, 275\]" <<<"$err" || fail "bad prb: $rc $err"
err=$("$nrphy" ofdm-mod --scs 60 -i "$d/g" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-scs: value '60' is not allowed; allowed: 15|30" <<<"$err" || fail "bad scs: $rc $err"
err=$("$nrphy" ofdm-mod --prb 52 --srate 1e6 -i "$d/g" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-srate: value '1e+06' does not fit --prb 52" <<<"$err" || fail "bad srate: $rc $err"
head -c 800 "$d/t" >"$d/short"
err=$("$nrphy" ofdm-demod --prb 24 --scs 30 -i "$d/short" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "expected whole slots, 0 or 5760 samples" <<<"$err" || fail "size: $rc $err"
echo "PASS"
