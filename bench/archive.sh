#!/bin/sh
# Benchmarks the archive: the indexing rate over the corpus (files/s, MB/s; fresh and
# unchanged), then the latency of `check --db` of one draft against archives of 1k, 10k
# and 100k documents, and prints Markdown tables for docs/performance.md.
#
# The archives are built in a temporary folder under /tmp (deleted at the end) from
# copies of the corpus files under new names, plus 1% of copies of the seed articles
# (exact copies, new names) so that the draft's (field, subject, scope) groups have
# matches: the 100k archive holds 1000 such documents. Each archive extends the one
# before (copied, then the new files indexed), so 100k costs one pass over 100k files.
# Latency is the median of RUNS (default 5) wall-clock runs of the whole command.
# The goal: 100k within 2x of 1k, because every lookup is an indexed query.
#
# usage: bench/archive.sh BIN [CORPUS_DIR]      (default ../shared/corpus)
#        SIZES="1000 10000" RUNS=3 bench/archive.sh build/crosscheck   (a quicker run)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=${2:-../shared/corpus}
runs=${RUNS:-5}
sizes=${SIZES:-"1000 10000 100000"}
rules=rules/egov-vn.yaml
draft=fixtures/seeds/004_d707a4a1f824cfdf.txt
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
[ -f "$draft" ] || { echo "bench: run from the repository root" >&2; exit 2; }
tmp=$(mktemp -d /tmp/cc-bench-archive.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

find "$corpus" -name '*.txt' -type f | sort > "$tmp/corpus.list"
nfiles=$(wc -l < "$tmp/corpus.list")
bytes=$(xargs cat < "$tmp/corpus.list" | wc -c)

now_ns() { date +%s%N; }
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# wall seconds of one run of "$@" (its output discarded, its exit code ignored)
seconds() {
  t0=$(now_ns)
  "$@" > /dev/null 2>&1 || true
  t1=$(now_ns)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }

# ---- 1. indexing rate over the corpus --------------------------------------------------
: > "$tmp/t.fresh"; : > "$tmp/t.again"
i=0
while [ $i -lt "$runs" ]; do
  rm -f "$tmp/rate.db" "$tmp/rate.db-wal" "$tmp/rate.db-shm"
  seconds "$bin" index --db "$tmp/rate.db" --rules "$rules" --include '*.txt' --quiet "$corpus" >> "$tmp/t.fresh"
  seconds "$bin" index --db "$tmp/rate.db" --rules "$rules" --include '*.txt' --quiet "$corpus" >> "$tmp/t.again"
  i=$((i + 1))
done
stored=$(sql "$tmp/rate.db" "SELECT count(*) FROM documents")
[ "$stored" -eq "$nfiles" ] || { echo "bench: the index stored $stored of $nfiles files" >&2; exit 1; }
fresh=$(median < "$tmp/t.fresh")
again=$(median < "$tmp/t.again")

echo "### Indexing ($nfiles files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; median of $runs runs)"
echo
echo "| run | wall s | files/s | MB/s |"
echo "|---|---|---|---|"
for row in "new archive:$fresh" "again, all unchanged (read + hash only):$again"; do
  echo "$row" | awk -F: -v f="$nfiles" -v b="$bytes" '{
    s = $2 > 0 ? $2 : 0.0001
    printf "| %s | %.2f | %.0f | %.1f |\n", $1, $2, f / s, b / 1e6 / s }'
done
echo

# ---- 2. archives of growing size, and check --db latency -------------------------------
# Makes the files from index `from` to `to` (exclusive) in folder $3: every 100th is a
# seed article, the others corpus files, all under new names.
make_files() {
  python3 - "$1" "$2" "$3" "$tmp/corpus.list" <<'EOF'
import glob, os, shutil, sys
start, end, out, listing = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
corpus = open(listing).read().split("\n")[:-1]
seeds = sorted(glob.glob("fixtures/seeds/*.txt"))
os.makedirs(out, exist_ok=True)
for i in range(start, end):
    if i % 100 == 0:
        src = seeds[(i // 100) % len(seeds)]
        name = "s%07d_%s" % (i, os.path.basename(src))
    else:
        src = corpus[i % len(corpus)]
        name = "c%07d_%s" % (i, os.path.basename(src))
    shutil.copyfile(src, os.path.join(out, name))
EOF
}

: > "$tmp/t.plain"
i=0
while [ $i -lt "$runs" ]; do
  seconds "$bin" check --rules "$rules" --format json "$draft" >> "$tmp/t.plain"
  i=$((i + 1))
done
plain=$(median < "$tmp/t.plain")

echo "### check --db of one draft ($draft), median of $runs runs"
echo
echo "| archive documents | with claims | claims | archive MB | build s (this step) | check --db ms | vs 1k |"
echo "|---|---|---|---|---|---|---|"
prev=0
prev_db=""
first=""
for n in $sizes; do
  make_files "$prev" "$n" "$tmp/docs/$n"
  db="$tmp/a$n.db"
  [ -n "$prev_db" ] && cp "$prev_db" "$db"
  build=$(seconds "$bin" index --db "$db" --rules "$rules" --quiet "$tmp/docs/$n")
  docs=$(sql "$db" "SELECT count(*) FROM documents")
  claims=$(sql "$db" "SELECT count(*) FROM claims")
  matching=$(sql "$db" "SELECT count(*) FROM documents WHERE claims > 0")
  size=$(wc -c < "$db")
  : > "$tmp/t.check"
  i=0
  while [ $i -lt "$runs" ]; do
    seconds "$bin" check --db "$db" --rules "$rules" --format json "$draft" >> "$tmp/t.check"
    i=$((i + 1))
  done
  lat=$(median < "$tmp/t.check")
  [ -n "$first" ] || first=$lat
  awk -v n="$docs" -v m="$matching" -v c="$claims" -v sz="$size" -v b="$build" -v l="$lat" \
      -v f="$first" 'BEGIN { printf "| %d | %d | %d | %.1f | %.1f | %.1f | %.2fx |\n",
                             n, m, c, sz / 1e6, b, l * 1000, l / f }'
  [ -n "$prev_db" ] && rm -f "$prev_db"
  prev=$n
  prev_db=$db
done
echo
awk -v p="$plain" 'BEGIN { printf "The same draft checked alone (no archive): %.1f ms.\n", p * 1000 }'
echo "$(nproc) cores; $(date -u +%Y-%m-%d); SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')."
