#!/usr/bin/env bash
# nrphy command line, e2e: --help lists every subcommand with a one-line help (exit 0),
# <sub> --help prints its options (exit 0); no subcommand, an unknown subcommand, a stray
# argument or an option without a value exit 2 with a message.
set -u
nrphy=$1
fail() { echo "FAIL: $*"; exit 1; }
out=$("$nrphy" --help) || fail "--help exit $?"
for s in ldpc-encode ldpc-decode crc modulate demodulate ofdm-mod ofdm-demod pbch-encode grid; do
  grep -q "^  $s  *[a-zA-Z]" <<<"$out" || fail "--help lacks $s"
  sub=$("$nrphy" $s --help) || fail "$s --help exit $?"
  grep -q "^nrphy $s: " <<<"$sub" || fail "$s --help: $sub"
done
"$nrphy" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no subcommand"
err=$("$nrphy" ldpc-encodr 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "unknown subcommand 'ldpc-encodr'" <<<"$err" || fail "unknown: $rc $err"
err=$("$nrphy" crc stray -i x 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "unexpected argument 'stray'" <<<"$err" || fail "stray: $rc $err"
err=$("$nrphy" crc -i x --type 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "option --type needs a value" <<<"$err" || fail "no value: $rc $err"
err=$("$nrphy" crc --type crc16 -o y 2>&1); rc=$?
[ $rc -eq 2 ] && grep -q "missing input file -i" <<<"$err" || fail "no -i: $rc $err"
err=$("$nrphy" crc --type crc16 -i /nonexistent/x -o y 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "/nonexistent/x" <<<"$err" || fail "missing file: $rc $err"
echo "PASS"
