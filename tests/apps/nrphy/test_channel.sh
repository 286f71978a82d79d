#!/usr/bin/env bash
# nrphy channel, e2e. Pinned to analytic values computed here in awk:
# - AWGN: a constant input 1 + 0j with --snr 10 (signal power 1) leaves noise of power
#   N0 = 10^(-10/10) = 0.1 (measured over 50000 samples within 2%: the estimate's standard
#   deviation is 0.45%), mean near 0, same length out;
# - delay: --delay 3 gives x[n - 3] exactly with zeros in front; --delay 2.5 turns the tone
#   e^{j 2 pi 0.05 n} into e^{j 2 pi 0.05 (n - 2.5)} (within 1e-3 after the filter edge);
# - CFO: a constant input becomes e^{j 2 pi cfo n / srate};
# - a PDSCH slot (pdsch-encode, ofdm-mod) through TDL-A 30 ns with 2 RX antennas at 30 dB,
#   ofdm-demod of each antenna, pdsch-decode --rx 2 returns the TB (the output is aligned
#   with the input, so slot boundaries stay where ofdm-demod expects them).
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
f32s() { od -An -v -tf4 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d'; }
# n complex samples e^{j 2 pi f i} (f = 0: constant 1) as float32
tone() { python3 -c "import struct,math,sys
n,f=int(sys.argv[1]),float(sys.argv[2])
sys.stdout.buffer.write(b''.join(struct.pack('<ff',math.cos(2*math.pi*f*i),math.sin(2*math.pi*f*i)) for i in range(n)))" "$1" "$2"; }

tone 50000 0 >"$d/one"
"$nrphy" channel --channel awgn --snr 10 --srate 1e6 -i "$d/one" -o "$d/n" || fail "awgn run"
[ "$(stat -c %s "$d/n")" -eq 400000 ] || fail "awgn length"
f32s "$d/n" | paste - - | awk '{ a = $1 - 1; b = $2; p += a * a + b * b; m += a }
  END { p /= NR; m /= NR; printf "awgn: noise power %.5f (want 0.1)\n", p
        exit !(p > 0.098 && p < 0.102 && m < 0.01 && m > -0.01) }' || fail "awgn noise power"

tone 400 0.05 >"$d/t"
"$nrphy" channel --delay 3 --srate 1e6 -i "$d/t" -o "$d/t3" || fail "delay 3"
paste <(f32s "$d/t" | paste - -) <(f32s "$d/t3" | paste - -) | awk '
  { x[NR - 1] = $1; y[NR - 1] = $2; u[NR - 1] = $3; v[NR - 1] = $4 }
  END { for (i = 0; i < NR; i++) { wr = i >= 3 ? x[i - 3] : 0; wi = i >= 3 ? y[i - 3] : 0
          if (u[i] != wr || v[i] != wi) bad++ }
        exit bad > 0 }' || fail "integer delay is not exact"
"$nrphy" channel --delay 2.5 --srate 1e6 -i "$d/t" -o "$d/t25" || fail "delay 2.5"
f32s "$d/t25" | paste - - | awk 'function abs(v) { return v < 0 ? -v : v }
  { i = NR - 1; if (i < 40 || i > 360) next; p = 2 * 3.14159265358979 * 0.05 * (i - 2.5)
    e = abs($1 - cos(p)) + abs($2 - sin(p)); if (e > m) m = e }
  END { printf "fractional delay: max error %g\n", m; exit !(m < 1e-3) }' || fail "fractional delay"

"$nrphy" channel --cfo-hz 1000 --srate 1e6 -i "$d/one" -o "$d/c" || fail "cfo"
f32s "$d/c" | paste - - | awk 'function abs(v) { return v < 0 ? -v : v }
  { i = NR - 1; p = 2 * 3.14159265358979 * 1e-3 * i; e = abs($1 - cos(p)) + abs($2 - sin(p))
    if (e > m) m = e }
  END { exit !(m < 1e-4) }' || fail "cfo rotation"

bits() { LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) {
  s = (s * 1664525 + 1013904223) % 4294967296; printf "%c", (s >= 2147483648) ? 1 : 0 } }'; }
bits 3968 3 >"$d/tb"
"$nrphy" pdsch-encode --prb 25 --mcs 9 -i "$d/tb" -o "$d/g" 2>/dev/null || fail "pdsch-encode"
"$nrphy" ofdm-mod --prb 25 --scs 15 -i "$d/g" -o "$d/x" || fail "ofdm-mod"
"$nrphy" channel --channel tdla --ds-ns 30 --srate 5.76e6 --snr 30 --rx 2 --seed 5 \
  -i "$d/x" -o "$d/y" || fail "tdla"
[ "$(stat -c %s "$d/y")" -eq $((2 * 5760 * 8)) ] || fail "2 RX output length"
head -c $((5760 * 8)) "$d/y" >"$d/y0"
tail -c $((5760 * 8)) "$d/y" >"$d/y1"
cmp -s "$d/y0" "$d/y1" && fail "the two RX antennas are identical"
"$nrphy" ofdm-demod --prb 25 --scs 15 -i "$d/y0" -o "$d/g0" || fail "demod 0"
"$nrphy" ofdm-demod --prb 25 --scs 15 -i "$d/y1" -o "$d/g1" || fail "demod 1"
cat "$d/g0" "$d/g1" >"$d/g2"
"$nrphy" pdsch-decode --prb 25 --mcs 9 --rx 2 -i "$d/g2" -o "$d/tb2" 2>"$d/log" || fail "decode: $(cat "$d/log")"
cmp -s "$d/tb" "$d/tb2" || fail "TB through TDL-A differs"
cat "$d/log"

err=$("$nrphy" channel --channel tdle -i "$d/one" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "allowed: awgn|tdla|tdlb|tdlc" <<<"$err" || fail "bad channel: $rc $err"
err=$("$nrphy" channel --srate 1e6 --cfo-hz 600000 -i "$d/one" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "cfo above srate/2 accepted: $rc $err"
echo "PASS"
