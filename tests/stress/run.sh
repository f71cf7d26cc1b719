#!/bin/sh
# The reliability probes of issue 9, repeated at scale (`make stress`; not part of
# `make check`: they take a minute or two and print figures rather than pass or fail
# alone). Each script prints its figures and exits non-zero when a guarantee breaks.
#
#   sh tests/stress/run.sh BIN [BEFORE_BIN]
#
# With BEFORE_BIN (an older build), the timed probes run it too, for before/after
# figures (docs/reliability.md). Never give as BEFORE_BIN a build older than the output
# fixes while running as root: its -o /dev/null replaced /dev/null.
set -u
bin=$1
before=${2:-}
here=$(dirname "$0")
fail=0
for probe in ack hostile inputs rulebook bounds archive-create; do
  echo "== $probe"
  sh "$here/$probe.sh" "$bin" "$before" || { fail=$((fail + 1)); echo "FAIL: $probe"; }
done
echo "stress: $fail probe(s) failed"
[ "$fail" -eq 0 ]
