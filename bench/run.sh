#!/bin/sh
# Benchmarks `crosscheck extract` over the real corpus against a plain grep pass over the
# same files (the floor: reading the bytes once), in the same command, and prints a
# Markdown table for docs/performance.md. The corpus is listed REPEAT times (default 5:
# 30 000 files, about 86 MB, page cache warm, as `xargs` would pass an archive). Each
# command runs RUNS times (default 3); the median wall time is reported, with its ratio
# to grep's and the peak resident memory of the last run. Rows: grep; extract with the
# shipped rulebook; extract with no rulebook (open mode: every figure a claim); check.
# Then the start-up: one small draft checked with the rulebook, STARTS times in a row
# (default 20), as CPU time (user + sys) per run, against grep over the same file run
# the same way; with the pattern cache (warmed first) and without it
# (CROSSCHECK_NO_CACHE=1: every pattern compiled).
#
# usage: bench/run.sh BIN [CORPUS_DIR]      (default ../shared/corpus)
#        REPEAT=1 RUNS=1 bench/run.sh build/crosscheck          (a quicker run)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=${2:-../shared/corpus}
[ -d "$corpus" ] && corpus=$(cd "$corpus" && pwd)
runs=${RUNS:-3}
repeat=${REPEAT:-5}
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
list=$(mktemp)
trap 'rm -f "$list" "$list".*' EXIT
find "$corpus" -name '*.txt' | sort > "$list.one-pass"
: > "$list"
i=0
while [ $i -lt "$repeat" ]; do cat "$list.one-pass" >> "$list"; i=$((i + 1)); done
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
# open mode: the built-in rulebook (run from a folder with no .crosscheck.yaml above it)
open=$(measure "cd /tmp && xargs '$bin' extract --format json < '$list'")
open_claims=$(wc -l < "$list.out")
check=$(measure "xargs '$bin' check --rules rules/egov-vn.yaml --format json --fail-on never < '$list'")

printf '| command | files | MB | wall s (median of %s) | × grep | MB/s | claims/s | peak RSS MB |\n' "$runs"
printf '|---|---|---|---|---|---|---|---|\n'
floor_s=$(echo "$floor" | awk '{ print ($1 > 0 ? $1 : 0.001) }')
row() { # name "secs kib" claims
  echo "$2" | awk -v name="$1" -v f="$nfiles" -v b="$bytes" -v c="$3" -v g="$floor_s" '{
    mb = b / 1e6; s = $1 > 0 ? $1 : 0.001;
    printf "| %s | %d | %.1f | %.2f | %.1f | %.1f | %s | %.1f |\n", name, f, mb, $1, s / g,
           mb / s, (c == "-" ? "-" : sprintf("%.0f", c / s)), $2 / 1024 }'
}
row "grep -c '[0-9]' (floor)" "$floor" -
row "crosscheck extract --rules rules/egov-vn.yaml --format json" "$extract" "$claims"
row "crosscheck extract --format json (open mode, no rulebook)" "$open" "$open_claims"
row "crosscheck check --rules rules/egov-vn.yaml --format json" "$check" "$claims"

# CPU seconds (user + sys) of `sh -c CMD` run $starts times in a row, per run, in ms
starts=${STARTS:-20}
draft=fixtures/seeds/000_5bc85f0d70d8d680.txt
cpu_per_run() {
  /usr/bin/time -f '%U %S' -o "$list.one" sh -c "i=0; while [ \$i -lt $starts ]; do $1 > /dev/null 2>&1; i=\$((i + 1)); done" || true
  awk -v n="$starts" '{ printf "%.1f", ($1 + $2) * 1000 / n }' "$list.one"
}
"$bin" check --rules rules/egov-vn.yaml "$draft" > /dev/null 2>&1 || true # warms the cache
start_floor=$(cpu_per_run "grep -c '[0-9]' '$draft'")
start_cached=$(cpu_per_run "'$bin' check --rules rules/egov-vn.yaml '$draft'")
start_cold=$(cpu_per_run "CROSSCHECK_NO_CACHE=1 '$bin' check --rules rules/egov-vn.yaml '$draft'")
echo
printf '| one small draft (%s, %s runs) | CPU ms per run | × grep |\n' "$(basename "$draft")" "$starts"
printf '|---|---|---|\n'
for r in "grep -c '[0-9]' (floor)|$start_floor" "crosscheck check --rules rules/egov-vn.yaml|$start_cached" \
         "the same, CROSSCHECK_NO_CACHE=1 (every pattern compiled)|$start_cold"; do
  echo "$r" | awk -F'|' -v g="$start_floor" '{ printf "| %s | %.1f | %.1f |\n", $1, $2, $2 / (g > 0 ? g : 0.1) }'
done
echo
echo "claims extracted: $claims with the rulebook, $open_claims in open mode; corpus listed $repeat times: $nfiles files, $bytes bytes; $(nproc) cores; $(date -u +%Y-%m-%d)"
