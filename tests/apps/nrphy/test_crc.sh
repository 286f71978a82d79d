#!/usr/bin/env bash
# nrphy crc, e2e. Pinned to the check values of the CRC catalogue (Greg Cook's "CRC RevEng"
# catalogue: CRC over ASCII "123456789", MSB first, init 0, no reflection, no final XOR):
# CRC-24/LTE-A (0x864CFB = gCRC24A) 0xCDE703, CRC-24/LTE-B (0x800063 = gCRC24B) 0x23EF52,
# CRC-16/XMODEM (0x1021 = gCRC16) 0x31C3. Then attach -> check exits 0 for every type, and
# a flipped bit makes check exit 1.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# bytes on stdin -> one byte per bit, MSB first
to_bits() { od -An -v -tu1 | LC_ALL=C awk '{ for (f = 1; f <= NF; f++) for (b = 7; b >= 0; b--)
  printf "%c", int($f / 2 ^ b) % 2 }'; }
# the last n bits of a bits file as a hex number
tail_hex() { tail -c "$2" "$1" | od -An -v -tu1 | awk '{ for (f = 1; f <= NF; f++) v = v * 2 + $f }
  END { printf "0x%X\n", v }'; }

printf 123456789 | to_bits >"$d/a"
[ "$(stat -c %s "$d/a")" -eq 72 ] || fail "to_bits"
for c in "crc24a 24 0xCDE703" "crc24b 24 0x23EF52" "crc16 16 0x31C3"; do
  read -r t l want <<<"$c"
  "$nrphy" crc --type $t -i "$d/a" -o "$d/b" || fail "attach $t"
  [ "$(stat -c %s "$d/b")" -eq $((72 + l)) ] || fail "$t: length"
  cmp -s <(head -c 72 "$d/b") "$d/a" || fail "$t: payload changed"
  got=$(tail_hex "$d/b" $l)
  [ "$got" = "$want" ] || fail "$t: CRC of '123456789' is $got, catalogue says $want"
done

for t in crc6 crc11 crc16 crc24a crc24b crc24c; do
  "$nrphy" crc --type $t --mode attach -i "$d/a" -o "$d/b" || fail "attach $t"
  msg=$("$nrphy" crc --type $t --mode check -i "$d/b" -o "$d/p" 2>&1) || fail "check $t: $msg"
  cmp -s "$d/p" "$d/a" || fail "$t: check did not write the payload"
  { head -c 8 "$d/b"; printf '\001'; tail -c +10 "$d/b"; } >"$d/e" # bit 8 (MSB of '2') is 0
  msg=$("$nrphy" crc --type $t --mode check -i "$d/e" 2>&1); rc=$?
  [ $rc -eq 1 ] && grep -q "fail" <<<"$msg" || fail "$t: corrupted check exit $rc: $msg"
done

err=$("$nrphy" crc --type crc32 -i "$d/a" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-type: value 'crc32' is not allowed; allowed: crc6|crc11|crc16|crc24a|crc24b|crc24c" <<<"$err" || fail "bad type: $rc $err"
err=$("$nrphy" crc --mode verify -i "$d/a" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-mode: value 'verify'" <<<"$err" || fail "bad mode: $rc $err"
err=$("$nrphy" crc -i "$d/a" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "missing output file -o" <<<"$err" || fail "no -o: $rc $err"
printf '\002' >"$d/bad"
err=$("$nrphy" crc -i "$d/bad" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "byte 0 is 2" <<<"$err" || fail "non-bit input: $rc $err"
echo "PASS"
