#!/bin/sh
# FIFOs and devices named to check, extract and index: each must be refused at once
# (exit 2, "not a regular file"), never waited on or read forever. Each command gets 10 s.
#   sh tests/stress/inputs.sh BIN
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/fifo"
fail=0
for cmd in check extract index; do
  for input in "$work/fifo" /dev/zero /dev/urandom /dev/null; do
    extra=""
    [ "$cmd" = index ] && extra="--quiet --db $work/a.db"
    start=$(date +%s.%N)
    timeout 10 "$bin" $cmd $extra "$input" >/dev/null 2>"$work/err"
    rc=$?
    ms=$(echo "($(date +%s.%N) - $start) * 1000" | bc)
    refused=$(grep -c 'not a regular file' "$work/err")
    printf '%-7s %-14s exit %d, refused: %s, %.0f ms\n' "$cmd" "$(basename "$input")" "$rc" \
      "$([ "$refused" -ge 1 ] && echo yes || echo no)" "$ms"
    { [ "$rc" -eq 2 ] && [ "$refused" -ge 1 ]; } || fail=1
  done
done
exit $fail
