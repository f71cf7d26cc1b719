#!/bin/sh
# Hostile file names (ESC, CR, LF, TAB, U+202E, an invalid byte, workflow commands) in
# every format: stderr and the reports people read must escape them; no line may start
# with "::". The checks are tests/e2e/tools/hostile_names.py's.
#   sh tests/stress/hostile.sh BIN
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$(dirname "$0")/../.." || exit 2
python3 tests/e2e/tools/hostile_names.py "$1" "$work" --stress | tail -n 1
