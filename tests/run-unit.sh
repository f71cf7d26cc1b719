#!/bin/sh
# Runs every unit-test binary in $1; prints Check's own summary line for each, then a total.
dir=$1
pass=0; fail=0
for t in "$dir"/test_*; do
  [ -x "$t" ] || continue
  if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
