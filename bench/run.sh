#!/bin/sh
# Benchmarks `crosscheck extract` over the real corpus against a plain grep pass over the
# same files (the floor: reading the bytes once), in the same command, and prints a
# Markdown table for docs/performance.md. Each command runs RUNS times (default 3); the
# median wall time is reported, with the peak resident memory of the last run.
#
# usage: bench/run.sh BIN [CORPUS_DIR]      (default ../shared/corpus)
set -eu
bin=$1
corpus=${2:-../shared/corpus}
runs=${RUNS:-3}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
list=$(mktemp)
trap 'rm -f "$list" "$list".*' EXIT
find "$corpus" -name '*.txt' | sort > "$list"
nfiles=$(wc -l < "$list")
bytes=$(xargs cat < "$list" | wc -c)

# median wall seconds and peak KiB of `sh -c CMD`, over $runs runs
measure() {
  : > "$list.times"
  i=0
  while [ $i -lt "$runs" ]; do
    /usr/bin/time -f '%e %M' -o "$list.one" sh -c "$1" > "$list.out" 2>/dev/null || true
    cat "$list.one" >> "$list.times"
    i=$((i + 1))
  done
  sort -n "$list.times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1, $2 }'
}

floor=$(measure "xargs grep -c '[0-9]' < '$list'")
extract=$(measure "xargs '$bin' extract --rules rules/egov-vn.yaml --format json < '$list'")
claims=$(wc -l < "$list.out")
check=$(measure "xargs '$bin' check --rules rules/egov-vn.yaml --format json --fail-on never < '$list'")

printf '| command | files | MB | wall s (median of %s) | MB/s | claims/s | peak RSS MB |\n' "$runs"
printf '|---|---|---|---|---|---|---|\n'
row() { # name "secs kib" claims
  echo "$2" | awk -v name="$1" -v f="$nfiles" -v b="$bytes" -v c="$3" '{
    mb = b / 1e6; s = $1 > 0 ? $1 : 0.001;
    printf "| %s | %d | %.1f | %.2f | %.1f | %s | %.1f |\n", name, f, mb, $1, mb / s,
           (c == "-" ? "-" : sprintf("%.0f", c / s)), $2 / 1024 }'
}
row "grep -c '[0-9]' (floor)" "$floor" -
row "crosscheck extract --format json" "$extract" "$claims"
row "crosscheck check --format json" "$check" "$claims"
echo
echo "claims extracted: $claims; corpus: $nfiles files, $bytes bytes; $(nproc) cores; $(date -u +%Y-%m-%d)"
