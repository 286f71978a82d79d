#!/usr/bin/env bash
# nrphy ldpc-encode / ldpc-decode, e2e. Pinned to the parity-check property H c = 0: the
# encoder's codeword, fed back as strong LLRs (+-100), must satisfy every check before any
# message passing, so the decoder reports syndrome=ok after exactly 1 iteration and returns
# the systematic bits unchanged. A single wrong-sign parity LLR is corrected; random strong
# LLRs (not a codeword) give syndrome=fail and exit 1. Inputs come from a fixed-seed awk LCG.
set -u
nrphy=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# bits <count> <seed>: one byte per bit, fixed-seed LCG (Numerical Recipes constants).
bits() {
  LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) { s = (s * 1664525 + 1013904223) % 4294967296;
    printf "%c", (s >= 2147483648) ? 1 : 0 } }'
}
# strong LLRs: 0 -> +100 (octal 144), 1 -> -100 (156, octal 234)
to_llr() { LC_ALL=C tr '\000\001' '\144\234'; }

for case in "1 8 22 66" "2 16 10 50" "1 384 22 66" "2 5 10 50"; do
  read -r bg z kb nb <<<"$case"
  k=$((kb * z)) n=$((nb * z))
  bits $k $((bg * 1000 + z)) >"$d/c"
  [ "$(stat -c %s "$d/c")" -eq $k ] || fail "generator made the wrong size"
  "$nrphy" ldpc-encode --bg $bg --z $z -i "$d/c" -o "$d/d" || fail "encode bg=$bg z=$z"
  [ "$(stat -c %s "$d/d")" -eq $n ] || fail "bg=$bg z=$z: codeword is not $n bits"
  # 5.3.2: d_k = c_{k+2Z} for k < K - 2Z (systematic part, first 2Z punctured)
  cmp -s <(tail -c +$((2 * z + 1)) "$d/c") <(head -c $((k - 2 * z)) "$d/d") \
    || fail "bg=$bg z=$z: systematic part of d is not c[2Z..K-1]"
  to_llr <"$d/d" >"$d/llr"
  msg=$("$nrphy" ldpc-decode --bg $bg --z $z --iters 10 -i "$d/llr" -o "$d/c2" 2>&1) \
    || fail "decode bg=$bg z=$z: $msg"
  [ "$msg" = "ldpc-decode: iterations=1 syndrome=ok" ] || fail "bg=$bg z=$z: '$msg'"
  cmp -s "$d/c" "$d/c2" || fail "bg=$bg z=$z: decoded bits differ"
  # one wrong-sign LLR in the parity part: corrected
  { head -c $((k)) "$d/llr"; printf '\234'; tail -c +$((k + 2)) "$d/llr"; } >"$d/llr1"
  if [ "$(head -c $((k + 1)) "$d/d" | tail -c 1 | od -An -tu1 | tr -d ' ')" = 1 ]; then
    { head -c $((k)) "$d/llr"; printf '\144'; tail -c +$((k + 2)) "$d/llr"; } >"$d/llr1"
  fi
  msg=$("$nrphy" ldpc-decode --bg $bg --z $z -i "$d/llr1" -o "$d/c3" 2>&1) || fail "flip: $msg"
  grep -q "syndrome=ok" <<<"$msg" || fail "bg=$bg z=$z flip: $msg"
  cmp -s "$d/c" "$d/c3" || fail "bg=$bg z=$z: flipped LLR not corrected"
done

# float32 LLRs through the modulator and the max-log demapper (QPSK, N0 = 0.5: |LLR| = 4,
# 64 int8 steps at the default scale 16), and a file holding only the LLRs of the 4 core rows
# ((10 - 2 + 4) Z of them; the rest count as erased)
bits 160 5 >"$d/c"
"$nrphy" ldpc-encode --bg 2 --z 16 -i "$d/c" -o "$d/d" || fail "encode f32 case"
"$nrphy" modulate --mod qpsk -i "$d/d" -o "$d/s" || fail "modulate"
"$nrphy" demodulate --mod qpsk --noise-var 0.5 -i "$d/s" -o "$d/lf" || fail "demodulate"
[ "$(stat -c %s "$d/lf")" -eq $((800 * 4)) ] || fail "f32 LLR file size"
msg=$("$nrphy" ldpc-decode --bg 2 --z 16 --format f32 -i "$d/lf" -o "$d/c2" 2>&1) || fail "f32: $msg"
[ "$msg" = "ldpc-decode: iterations=1 syndrome=ok" ] && cmp -s "$d/c" "$d/c2" || fail "f32: $msg"
head -c $((192 * 4)) "$d/lf" >"$d/lcore"
msg=$("$nrphy" ldpc-decode --bg 2 --z 16 --format f32 -i "$d/lcore" -o "$d/c3" 2>&1) || fail "core: $msg"
cmp -s "$d/c" "$d/c3" || fail "core rows only: wrong bits"
head -c 7 "$d/lf" >"$d/l7"
err=$("$nrphy" ldpc-decode --bg 2 --z 16 --format f32 -i "$d/l7" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "expected 1..800 f32 LLRs (4 bytes each), got 7 bytes" <<<"$err" || fail "f32 size: $rc $err"

# random strong LLRs are not a codeword: one iteration cannot satisfy the checks
bits $((66 * 8)) 99 | to_llr >"$d/rnd"
msg=$("$nrphy" ldpc-decode --bg 1 --z 8 --iters 1 -i "$d/rnd" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && [ "$msg" = "ldpc-decode: iterations=1 syndrome=fail" ] || fail "random: $rc $msg"

# shortened code (--rows): N = (Kb - 2 + rows) Z
bits 160 7 >"$d/c"
"$nrphy" ldpc-encode --bg 2 --z 16 --rows 4 -i "$d/c" -o "$d/d" || fail "rows 4"
[ "$(stat -c %s "$d/d")" -eq $(((10 - 2 + 4) * 16)) ] || fail "rows 4: wrong length"

# bad arguments exit 2 naming option, value and range; wrong file size names both sizes
err=$("$nrphy" ldpc-encode --bg 3 --z 8 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "bad bg exit $rc"
grep -q "\-\-bg: value '3' is out of range; allowed: an integer in \[1, 2\]" <<<"$err" || fail "$err"
err=$("$nrphy" ldpc-encode --bg 1 --z 17 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-z: value '17'" <<<"$err" || fail "bad z: $rc $err"
err=$("$nrphy" ldpc-encode --bg 1 --z 8 --rows 2 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-rows: value '2'" <<<"$err" || fail "bad rows: $rc $err"
err=$("$nrphy" ldpc-encode --bg 1 --z 8 --foo 1 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "unknown option --foo" <<<"$err" || fail "unknown opt: $rc $err"
err=$("$nrphy" ldpc-decode --bg 1 --z 8 --iters 0 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "\-\-iters: value '0'" <<<"$err" || fail "bad iters: $rc $err"
err=$("$nrphy" ldpc-encode --bg 1 --z 8 -i "$d/c" -o "$d/x" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "expected 176 bytes, got 160" <<<"$err" || fail "size: $rc $err"
echo "PASS"
