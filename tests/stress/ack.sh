#!/bin/sh
# Concurrent `ack`: PROCS processes at once (default 20), ROUNDS times (default 10), on one
# ignore file. Every acknowledgement must be kept and no lock or temporary file left.
#   sh tests/stress/ack.sh BIN [BEFORE_BIN]     (PROCS=, ROUNDS= in the environment)
set -u
procs=${PROCS:-20}
rounds=${ROUNDS:-10}
run() { # BIN LABEL: prints the figures; 0 when nothing was lost
  work=$(mktemp -d)
  kept=0 lost=0 waited=0
  start=$(date +%s.%N)
  r=1
  while [ $r -le "$rounds" ]; do
    i=1
    while [ $i -le "$procs" ]; do
      "$1" ack "$(printf %016x $((r * 1000 + i)))" --reason "round $r" \
        --ignore-file "$work/i.yaml" >/dev/null 2>>"$work/stderr" &
      i=$((i + 1))
    done
    wait
    n=$(grep -c 'fingerprint:' "$work/i.yaml")
    kept=$((kept + n))
    lost=$((lost + procs - n))
    rm -f "$work/i.yaml"
    r=$((r + 1))
  done
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  waited=$(grep -c 'waiting for the lock' "$work/stderr")
  left=$(ls -A "$work" | grep -vc '^stderr$')
  printf '%s: %d rounds of %d concurrent acks: %d kept, %d lost, %d files left, %d "waiting" lines, %.1f s\n' \
    "$2" "$rounds" "$procs" "$kept" "$lost" "$left" "$waited" "$secs"
  rm -rf "$work"
  [ "$lost" -eq 0 ] && [ "$left" -eq 0 ]
}
[ -n "${2:-}" ] && run "$2" before
run "$1" now
