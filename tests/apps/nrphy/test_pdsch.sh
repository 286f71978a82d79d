#!/usr/bin/env bash
# nrphy pdsch-encode / pdsch-decode, e2e. Pinned to values worked by hand from the specs:
# (1) TBS (TS 38.214 5.1.3.2) of nrphy's PDSCH (12 symbols, DM-RS type 1 on 2 symbols with
#     2 CDM groups without data: N'_RE = 12 x 12 - 24 = 120 per PRB), 25 PRB, N_RE = 3000:
#     MCS 9 (QPSK, R 679/1024): N_info = 3978.5 > 3824, n = 6, N'_info = 64 round(3954.5 /
#     64) = 3968, C = 1, TBS = 8 ceil(3992 / 8) - 24 = 3968; MCS 0 (R 120/1024): N_info =
#     703.1, n = 3, N'_info = 8 floor(703.1 / 8) = 696, Table 5.1.3.2-1 -> 704.
# (2) The grid (TS 38.211 7.3.1.5, 7.4.1.1.2, TS 38.214 Table 4.1-1): symbols 0, 1 empty;
#     symbols 2 and 11 carry DM-RS on the even subcarriers (port 1000, Delta 0) at power 2
#     (-3 dB PDSCH/DM-RS EPRE with 2 CDM groups without data) and nothing on the odd ones;
#     the other 10 symbols carry QPSK data |re| = |im| = 1/sqrt(2) on every subcarrier.
# Then: encode -> decode returns the TB (also through ofdm-mod / ofdm-demod and with 2 RX
# copies), a damaged grid fails the CRC with exit 1, bad options exit 2.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
bits() { LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) {
  s = (s * 1664525 + 1013904223) % 4294967296; printf "%c", (s >= 2147483648) ? 1 : 0 } }'; }
f32s() { od -An -v -tf4 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d'; }

# (1) TBS: a wrong-sized input names the expected size
for c in "9 3968" "0 704"; do
  read -r mcs tbs <<<"$c"
  head -c 5 /dev/zero >"$d/z"
  err=$("$nrphy" pdsch-encode --prb 25 --mcs $mcs -i "$d/z" -o "$d/g" 2>&1); rc=$?
  [ $rc -eq 1 ] && grep -q "expected $tbs bytes" <<<"$err" || fail "mcs $mcs: TBS not $tbs: $err"
done

# (2) grid structure
bits 3968 7 >"$d/tb"
err=$("$nrphy" pdsch-encode --prb 25 --mcs 9 -i "$d/tb" -o "$d/g" 2>&1) || fail "encode: $err"
grep -q "tbs=3968 g=6000" <<<"$err" || fail "encode report: $err"   # G = 3000 REs x 2
[ "$(stat -c %s "$d/g")" -eq $((14 * 300 * 8)) ] || fail "grid size"
f32s "$d/g" | paste - - | awk 'function abs(v) { return v < 0 ? -v : v }
  { i = NR - 1; l = int(i / 300); k = i % 300; p = $1 * $1 + $2 * $2
    if (l < 2) { if (p != 0) bad++; next }
    if (l == 2 || l == 11) { if (k % 2 == 0) { if (abs(p - 2) > 1e-5) bad++; dm++ }
                             else if (p != 0) bad++; next }
    if (abs(abs($1) - 0.70710678) > 1e-5 || abs(abs($2) - 0.70710678) > 1e-5) bad++; data++ }
  END { exit !(bad == 0 && dm == 300 && data == 3000 && NR == 4200) }' ||
  fail "grid is not 3000 QPSK data REs + 300 DM-RS REs at power 2 in the expected places"

# round trips
"$nrphy" pdsch-decode --prb 25 --mcs 9 -i "$d/g" -o "$d/tb2" 2>"$d/log" || fail "decode: $(cat "$d/log")"
cmp -s "$d/tb" "$d/tb2" || fail "decoded TB differs"
grep -q "crc=ok" "$d/log" || fail "no crc=ok: $(cat "$d/log")"
cat "$d/g" "$d/g" >"$d/g2"
"$nrphy" pdsch-decode --prb 25 --mcs 9 --rx 2 -i "$d/g2" -o "$d/tb3" 2>/dev/null || fail "decode 2 RX"
cmp -s "$d/tb" "$d/tb3" || fail "2 RX TB differs"
for c in "52 27 qam64 1" "52 27 qam256 0" "24 5 qam64lowse 0"; do
  read -r prb mcs table slot <<<"$c"
  tbs=$("$nrphy" pdsch-encode --prb $prb --mcs $mcs --mcs-table $table -i "$d/z" -o "$d/x" 2>&1 |
        sed -n 's/.*expected \([0-9]*\) bytes.*/\1/p')
  [ -n "$tbs" ] || fail "$c: no TBS"
  bits "$tbs" $prb >"$d/tb"
  o=(--prb $prb --mcs $mcs --mcs-table $table --slot $slot --rnti 1234 --n-id 500)
  "$nrphy" pdsch-encode "${o[@]}" -i "$d/tb" -o "$d/g" 2>/dev/null || fail "$c: encode"
  "$nrphy" ofdm-mod --prb $prb --scs 15 -i "$d/g" -o "$d/t" || fail "$c: ofdm-mod"
  "$nrphy" ofdm-demod --prb $prb --scs 15 -i "$d/t" -o "$d/g3" || fail "$c: ofdm-demod"
  "$nrphy" pdsch-decode "${o[@]}" -i "$d/g3" -o "$d/tb2" 2>/dev/null || fail "$c: decode"
  cmp -s "$d/tb" "$d/tb2" || fail "$c: TB differs after OFDM"
  # the receiver must use the scrambling identity: another n-id fails the CRC
  "$nrphy" pdsch-decode --prb $prb --mcs $mcs --mcs-table $table --slot $slot --rnti 1234 \
    --n-id 501 -i "$d/g3" 2>"$d/log"; rc=$?
  [ $rc -eq 1 ] && grep -q "crc=fail" "$d/log" || fail "$c: wrong n-id decoded: $rc"
  echo "prb=$prb mcs=$mcs table=$table tbs=$tbs: round trip ok"
done

# damage: zero the data symbols 3..10 of the first grid -> CRC fails, exit 1
bits 3968 7 >"$d/tb"
"$nrphy" pdsch-encode --prb 25 --mcs 9 -i "$d/tb" -o "$d/g" 2>/dev/null
{ head -c $((3 * 300 * 8)) "$d/g"; head -c $((8 * 300 * 8)) /dev/zero
  tail -c $((3 * 300 * 8)) "$d/g"; } >"$d/bad"
"$nrphy" pdsch-decode --prb 25 --mcs 9 -i "$d/bad" -o "$d/x" 2>"$d/log"; rc=$?
[ $rc -eq 1 ] && grep -q "crc=fail" "$d/log" || fail "damaged grid: rc $rc $(cat "$d/log")"

err=$("$nrphy" pdsch-encode --mcs 28 -i "$d/tb" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-mcs: value '28' is out of range; allowed: an integer in \[0, 27\]" <<<"$err" || fail "mcs 28: $rc $err"
err=$("$nrphy" pdsch-decode --rx 3 -i "$d/g" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "rx 3: $rc $err"
err=$("$nrphy" pdsch-decode --prb 25 --mcs 9 -i "$d/tb" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "wrong size" <<<"$err" || fail "short grid: $rc $err"
echo "PASS"
