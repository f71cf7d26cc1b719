#!/bin/sh
# Regenerates the expected outputs compared byte for byte by tests/e2e/cases/*-golden-*.
# Run after an intended change of the rulebook or the report formats, then read the diff.
set -e
cd "$(dirname "$0")/../.."
bin=${1:-build/crosscheck}
"$bin" check --rules rules/egov-vn.yaml --format json fixtures/seeds/*.txt > fixtures/expected/seeds.json || true
"$bin" check --rules rules/egov-vn.yaml fixtures/seeds/*.txt > fixtures/expected/seeds.txt || true
"$bin" extract --rules rules/egov-vn.yaml fixtures/seeds/*.txt > fixtures/expected/seeds-claims.txt
git --no-pager diff --stat -- fixtures/expected
