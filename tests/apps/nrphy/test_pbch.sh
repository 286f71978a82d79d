#!/usr/bin/env bash
# nrphy pbch-encode, e2e. Pinned to TS 38.211 computed here independently in awk:
# (1) the 864 bits of SSB index 0 and 1 differ only by the 7.3.3.1 scrambling offset
#     (L_max 8 payloads do not carry the index), so their XOR is c(i) XOR c(i + 864) with c
#     the 5.2.1 Gold sequence (Nc = 1600, x2 initialised with c_init = N_ID^cell);
# (2) the grid's symbol 0, k = 56..182 holds d_PSS(n) = 1 - 2 x((n + 43 N_ID^(2)) mod 127)
#     (7.4.2.2.1, Table 7.4.3.1-1) and k = 0..55 and 183..239 of it are zero.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
u8s() { od -An -v -tu1 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d'; }
f32s() { od -An -v -tf4 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d'; }

pci=17
# BCH message: CHOICE 0, systemFrameNumber MSBs 000101 (SFN 80..95), the rest a fixed pattern
printf '\000\000\000\000\001\000\001\001\000\001\001\000\000\001\000\000\001\001\001\000\000\001\000\000' >"$d/mib"
"$nrphy" pbch-encode --pci $pci --sfn 83 --ssb-idx 0 -i "$d/mib" -o "$d/b0" || fail "ssb 0"
"$nrphy" pbch-encode --pci $pci --sfn 83 --ssb-idx 1 -i "$d/mib" -o "$d/b1" || fail "ssb 1"
[ "$(stat -c %s "$d/b0")" -eq 864 ] || fail "not 864 bits"
paste <(u8s "$d/b0") <(u8s "$d/b1") | awk -v cinit=$pci '
  BEGIN { nc = 1600; n = 2 * 864
    x1[0] = 1; for (i = 1; i < 31; i++) x1[i] = 0
    for (i = 0; i < 31; i++) x2[i] = int(cinit / 2 ^ i) % 2
    for (i = 0; i + 31 < nc + n; i++) { x1[i + 31] = (x1[i + 3] + x1[i]) % 2
      x2[i + 31] = (x2[i + 3] + x2[i + 2] + x2[i + 1] + x2[i]) % 2 }
    for (i = 0; i < n; i++) c[i] = (x1[i + nc] + x2[i + nc]) % 2 }
  { i = NR - 1; if (($1 + $2) % 2 != (c[i] + c[i + 864]) % 2) bad++ }
  END { exit bad > 0 || NR != 864 }' || fail "ssb 0 / 1 bits do not differ by c(i) ^ c(i + 864)"
cmp -s "$d/b0" "$d/b1" && fail "ssb index ignored"

"$nrphy" pbch-encode --pci $pci --sfn 83 --format grid -i "$d/mib" -o "$d/g" || fail "grid"
[ "$(stat -c %s "$d/g")" -eq $((240 * 4 * 8)) ] || fail "grid is not 240 x 4 complex"
f32s "$d/g" | head -480 | awk -v nid2=$((pci % 3)) '
  BEGIN { split("0 1 1 0 1 1 1", s, " "); for (i = 0; i < 7; i++) x[i] = s[i + 1]
    for (i = 0; i + 7 < 127; i++) x[i + 7] = (x[i + 4] + x[i]) % 2 }
  { v[NR - 1] = $1 }
  END { for (k = 0; k < 240; k++) {
      re = v[2 * k]; im = v[2 * k + 1]; want = 0
      if (k >= 56 && k <= 182) want = 1 - 2 * x[(k - 56 + 43 * nid2) % 127]
      e = re - want; if (e < 0) e = -e; if (im < 0) im = -im
      if (e > 1e-6 || im > 1e-6) { print "k=" k " re=" re " im=" im " want " want; bad++ } }
    exit bad > 0 }' || fail "PSS differs from 38.211 7.4.2.2.1"

err=$("$nrphy" pbch-encode --sfn 200 -i "$d/mib" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-sfn: value '200' disagrees with the message's bits a1..a6 (systemFrameNumber MSBs = 5); allowed: 80..95" <<<"$err" || fail "sfn: $rc $err"
err=$("$nrphy" pbch-encode --lmax 4 --ssb-idx 4 --sfn 80 -i "$d/mib" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-ssb-idx: value '4' is out of range; allowed: an integer in \[0, 3\]" <<<"$err" || fail "ssb-idx: $rc $err"
err=$("$nrphy" pbch-encode --pci 1008 -i "$d/mib" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-pci: value '1008'" <<<"$err" || fail "pci: $rc $err"
err=$("$nrphy" pbch-encode --sfn 80 -i "$d/b0" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "expected 24 bytes, got 864" <<<"$err" || fail "size: $rc $err"
echo "PASS"
