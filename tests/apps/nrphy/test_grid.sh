#!/usr/bin/env bash
# nrphy grid, e2e. Counts the REs of each class in the SVG against TS 38.211 worked by hand:
# an SSB (7.4.3.1, Table 7.4.3.1-1) has 127 PSS, 127 SSS, 432 PBCH and 144 PBCH DM-RS REs and
# 240 x 4 - 830 = 130 zeroed/guard REs; for 24 PRB, SSB at symbols 8..11, PDSCH on all 288
# subcarriers of symbols 1..13 with type-1 DM-RS in symbol 2 (even subcarriers, 7.4.1.1.2):
# 144 DM-RS REs, 288 x 13 - 960 - 144 = 2640 data REs with one CDM group without data,
# 2496 with two; symbol 0 is empty (288). Also checks the PSS sits in the SSB's first symbol
# on k0 + 56 .. k0 + 182 (drawn at x = 16 l0, y = 3 (287 - k)).
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
count() { grep -c "class=\"$1\"" "$2"; }

"$nrphy" grid --prb 24 --ssb-k0 0 --ssb-l0 8 --dmrs-symbols 2 -o "$d/g.svg" || fail "grid"
head -c 5 "$d/g.svg" | grep -q "<svg" || fail "not an SVG"
[ "$(grep -c '^<rect' "$d/g.svg")" -eq $((288 * 14)) ] || fail "not one rect per RE"
for c in "pss 127" "sss 127" "pbch 432" "pbch-dmrs 144" "ssb-guard 130" "pdsch 2640" \
         "pdsch-dmrs 144" "empty 288"; do
  read -r cls want <<<"$c"
  got=$(count "$cls" "$d/g.svg")
  [ "$got" -eq "$want" ] || fail "$cls: $got REs, expected $want"
done
grep '^<rect class="pss"' "$d/g.svg" | sed 's/.* x="\([0-9]*\)" y="\([0-9]*\)".*/\1 \2/' |
  awk '{ k = 287 - $2 / 3; if ($1 != 128 || k < 56 || k > 182) bad++ } END { exit bad > 0 }' \
  || fail "PSS not on symbol 8, k 56..182"

"$nrphy" grid --prb 24 --ssb-l0 8 --cdm-no-data 2 -o "$d/g2.svg" || fail "cdm 2"
[ "$(count pdsch "$d/g2.svg")" -eq 2496 ] || fail "cdm-no-data 2: $(count pdsch "$d/g2.svg")"
"$nrphy" grid --prb 24 --ssb 0 --pdsch-l0 2 --pdsch-nsym 12 --dmrs-symbols 2,11 -o "$d/g3.svg" \
  || fail "no ssb"
[ "$(count pdsch-dmrs "$d/g3.svg")" -eq 288 ] && [ "$(count pdsch "$d/g3.svg")" -eq $((288 * 10 + 288)) ] \
  || fail "two DM-RS symbols: $(count pdsch-dmrs "$d/g3.svg") $(count pdsch "$d/g3.svg")"

# PNG: signature, IHDR size (14 x 16 by 288 x 3 pixels), the IEND chunk whose CRC-32 is the
# constant AE 42 60 82 (PNG spec; pins the chunk CRC), and the pixel of the PSS RE at l = 8,
# k = 124 (k0 24 + 100) found through the stored deflate blocks (5 header bytes per 65535)
# holding the PSS colour d6 27 28.
"$nrphy" grid --prb 24 --ssb-k0 24 --ssb-l0 8 --format png -o "$d/g.png" || fail "png"
hex() { od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
[ "$(hex "$d/g.png" 0 8)" = 89504e470d0a1a0a ] || fail "PNG signature"
[ "$(hex "$d/g.png" 12 12)" = 49484452000000e000000360 ] || fail "IHDR: $(hex "$d/g.png" 12 12)"
sz=$(stat -c %s "$d/g.png")
[ "$(hex "$d/g.png" $((sz - 12)) 12)" = 0000000049454e44ae426082 ] || fail "IEND"
off=$(((287 - 124) * 3 * (1 + 224 * 3) + 1 + 8 * 16 * 3))
pos=$((8 + 25 + 8 + 2 + 5 * (off / 65535 + 1) + off))
[ "$(hex "$d/g.png" $pos 3)" = d62728 ] || fail "PSS pixel is $(hex "$d/g.png" $pos 3)"
[ "$(hex "$d/g.png" $((pos - 16 * 3)) 3)" = 1f77b4 ] || fail "symbol 7 pixel is not PDSCH"

err=$("$nrphy" grid --dmrs-symbols 2,14 -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-dmrs-symbols: value '2,14' is not allowed" <<<"$err" || fail "dmrs: $rc $err"
err=$("$nrphy" grid --prb 24 --ssb-k0 49 -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-ssb-k0: value '49' is out of range; allowed: an integer in \[0, 48\]" <<<"$err" || fail "k0: $rc $err"
err=$("$nrphy" grid 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "missing output file -o" <<<"$err" || fail "no -o: $rc $err"
echo "PASS"
