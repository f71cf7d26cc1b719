#!/bin/sh
# Benchmarks the archive and prints Markdown tables for docs/performance.md:
#   1. `index` of the corpus, with the rulebook and in open mode (open claims, terms and
#      stories): wall and CPU seconds, peak RSS, files/s, MB/s; then again with every file
#      unchanged. Baseline: `cat` of the same files (reading them is the floor).
#   2. Archives of 1k, 10k and 100k documents made at bench time from copies of the
#      corpus, each indexed into a new archive in both modes: `index` (time, peak RSS),
#      `audit` (time, peak RSS) and `check --db` of one draft (median of RUNS runs: wall
#      and CPU time, peak RSS), with the growth from the smallest size. Baselines in the
#      same command: `cat` of the same files for `index`, `cat` of the archive file for
#      `audit` (reading what it reads), and the same draft checked with no archive for
#      `check --db` (the fixed start-up every check pays, whatever the archive).
#   With BASE=path/to/another/crosscheck, every figure of 2. is also measured with that
#   binary (before/after in one command: each binary indexes its own archives, so the
#   baseline may be of an older schema version).
#
# The documents are corpus files copied under new names, plus 1% copies of the seed
# articles (so that the rulebook draft, fixtures/seeds/004, has matches in its groups),
# plus one copy of fixtures/open/ravine-a.txt: the open-mode draft is ravine-b.txt, whose
# story is ravine-a.txt at every size, so that its latency measures what grows with the
# archive (the lookup), not a story that grows. Copies are not new stories: each corpus
# text is in about N/6000 copies, all in one story, so the stories of the 100k archive
# hold about 17 documents where the 1k archive's hold one or two (see docs/performance.md).
# Files and archives live in a temporary folder under /tmp (TMPDIR), deleted at the end;
# the 100k files take 0.3 GB, the open-mode archive 0.5 GB, and its audit about 3 GB of
# memory. Open-mode commands run from that folder, so no .crosscheck.yaml is found.
#
# usage: bench/archive.sh BIN [CORPUS_DIR]      (default ../shared/corpus)
#        SIZES="1000 10000" RUNS=3 CORPUS_RUNS=1 bench/archive.sh build/crosscheck   (quicker)
#        BASE=/path/to/old/crosscheck bench/archive.sh build/crosscheck  (before and after)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
base=${BASE:+$(cd "$(dirname "$BASE")" && pwd)/$(basename "$BASE")}
corpus=$(cd "${2:-../shared/corpus}" && pwd)
runs=${RUNS:-5}
corpus_runs=${CORPUS_RUNS:-3}
sizes=${SIZES:-"1000 10000 100000"}
repo=$(pwd)
rules=$repo/rules/egov-vn.yaml
draft=$repo/fixtures/seeds/004_d707a4a1f824cfdf.txt
open_draft=$repo/fixtures/open/ravine-b.txt
open_mate=$repo/fixtures/open/ravine-a.txt
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
[ -f "$draft" ] && [ -f "$open_mate" ] || { echo "bench: run from the repository root" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cc-bench-archive.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

find "$corpus" -name '*.txt' -type f | sort > "$tmp/corpus.list"
nfiles=$(wc -l < "$tmp/corpus.list")
bytes=$(xargs cat < "$tmp/corpus.list" | wc -c)

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# "wall_s cpu_s peak_kB" of one run of "$@" from $tmp (output discarded, exit code
# ignored): CPU is user + system time in microseconds (getrusage of the children; GNU
# time's %U counts hundredths, too coarse for a check of a few milliseconds), peak the
# largest resident set, from /usr/bin/time -f %M (a child of a small process: a child of
# python would count python's own pages).
measure() {
  (cd "$tmp" && python3 -c '
import resource, subprocess, sys, time
r0 = resource.getrusage(resource.RUSAGE_CHILDREN) # not 0: python may have run some
t = time.perf_counter()
subprocess.run(["/usr/bin/time", "-f", "%M", "-o", "rss.out"] + sys.argv[1:],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
w = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = open("rss.out").read().split()[-1]
cpu = r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime
print("%.4f %.4f %s" % (w, cpu, rss))' "$@")
}
field() { echo "$1" | awk -v i="$2" '{ print $i }'; }
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }

# ---- 1. indexing the corpus --------------------------------------------------------------
echo "### Indexing the corpus ($nfiles files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; median of $corpus_runs runs)"
echo
echo "| run | wall s | CPU s | peak RSS MB | files/s | MB/s |"
echo "|---|---|---|---|---|---|"
corpus_row() { # label, then the file of "wall cpu rss" lines
  w=$(awk '{ print $1 }' "$2" | median); u=$(awk '{ print $2 }' "$2" | median)
  m=$(awk '{ print $3 }' "$2" | median)
  awk -v l="$1" -v w="$w" -v u="$u" -v m="$m" -v f="$nfiles" -v b="$bytes" 'BEGIN {
    s = w > 0 ? w : 0.0001
    printf "| %s | %.2f | %.2f | %.0f | %.0f | %.1f |\n", l, w, u, m / 1024, f / s, b / 1e6 / s }'
}
for mode in rulebook open; do
  opt=""; [ "$mode" = rulebook ] && opt="--rules $rules"
  : > "$tmp/t.fresh"; : > "$tmp/t.again"; : > "$tmp/t.cat"
  i=0
  while [ $i -lt "$corpus_runs" ]; do
    fresh "$tmp/rate.db"
    # shellcheck disable=SC2086
    measure "$bin" index --db "$tmp/rate.db" $opt --include '*.txt' --quiet "$corpus" >> "$tmp/t.fresh"
    # shellcheck disable=SC2086
    measure "$bin" index --db "$tmp/rate.db" $opt --include '*.txt' --quiet "$corpus" >> "$tmp/t.again"
    measure sh -c 'xargs cat < corpus.list' >> "$tmp/t.cat"
    i=$((i + 1))
  done
  stored=$(sql "$tmp/rate.db" "SELECT count(*) FROM documents")
  [ "$stored" -eq "$nfiles" ] || { echo "bench: the index stored $stored of $nfiles files" >&2; exit 1; }
  corpus_row "$mode: new archive ($(($(wc -c < "$tmp/rate.db") / 1000000)) MB)" "$tmp/t.fresh"
  corpus_row "$mode: again, all unchanged (read + hash only)" "$tmp/t.again"
done
corpus_row "baseline: cat of the files" "$tmp/t.cat"
fresh "$tmp/rate.db"
echo

# ---- 2. archives of growing size ----------------------------------------------------------
# Makes the files from index `from` to `to` (exclusive) in folder $3: every 100th is a
# seed article, the first the open draft's story mate, the others corpus files, all
# under new names.
make_files() {
  python3 - "$1" "$2" "$3" "$tmp/corpus.list" "$repo" "$open_mate" <<'EOF'
import glob, os, shutil, sys
start, end, out, listing, repo, mate = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
corpus = open(listing).read().split("\n")[:-1]
seeds = sorted(glob.glob(os.path.join(repo, "fixtures/seeds/*.txt")))
os.makedirs(out, exist_ok=True)
for i in range(start, end):
    if i == 1:
        src = mate
        name = "m%07d_%s" % (i, os.path.basename(src))
    elif i % 100 == 0:
        src = seeds[(i // 100) % len(seeds)]
        name = "s%07d_%s" % (i, os.path.basename(src))
    else:
        src = corpus[i % len(corpus)]
        name = "c%07d_%s" % (i, os.path.basename(src))
    shutil.copyfile(src, os.path.join(out, name))
EOF
}

# check --db runs: appends "wall cpu rss" medians of RUNS runs of "$@"
median_run() {
  : > "$tmp/t.check"
  i=0
  while [ $i -lt "$runs" ]; do
    measure "$@" >> "$tmp/t.check"
    i=$((i + 1))
  done
  echo "$(awk '{ print $1 }' "$tmp/t.check" | median) $(awk '{ print $2 }' "$tmp/t.check" | median) $(awk '{ print $3 }' "$tmp/t.check" | median)"
}

bins="$bin"; [ -n "$base" ] && bins="$bin $base"
label() { if [ "$1" = "$bin" ]; then echo "this"; else echo "base"; fi; }
: > "$tmp/rows.index"; : > "$tmp/rows.audit"; : > "$tmp/rows.check"
plain_rb=$(median_run "$bin" check --rules "$rules" --format json "$draft")
plain_open=$(median_run "$bin" check --format json "$open_draft")
prev=0
paths=""
for n in $sizes; do
  make_files "$prev" "$n" "$tmp/docs/$n"
  paths="$paths $tmp/docs/$n"
  prev=$n
  # shellcheck disable=SC2086
  cat_files=$(measure sh -c "find $paths -type f -exec cat {} + > /dev/null")
  for b in $bins; do
    for mode in rulebook open; do
      opt=""; [ "$mode" = rulebook ] && opt="--rules $rules"
      db="$tmp/a.db"
      fresh "$db"
      # shellcheck disable=SC2086
      ix=$(measure "$b" index --db "$db" $opt --quiet $paths)
      docs=$(sql "$db" "SELECT count(*) FROM documents")
      [ "$docs" -eq "$n" ] || { echo "bench: $(label "$b") $mode archive has $docs of $n documents" >&2; exit 1; }
      claims=$(sql "$db" "SELECT count(*) FROM claims")
      size=$(wc -c < "$db")
      cat_db=$(measure cat "$db")
      # shellcheck disable=SC2086
      au=$(measure "$b" audit --db "$db" $opt --format json)
      if [ "$mode" = rulebook ]; then
        ck=$(median_run "$b" check --db "$db" --rules "$rules" --format json "$draft")
      else
        ck=$(median_run "$b" check --db "$db" --format json "$open_draft")
      fi
      echo "$n $mode $(label "$b") $claims $size $ix $cat_files" >> "$tmp/rows.index"
      echo "$n $mode $(label "$b") $au $cat_db" >> "$tmp/rows.audit"
      echo "$n $mode $(label "$b") $ck" >> "$tmp/rows.check"
      fresh "$db"
    done
  done
done

first=$(echo "$sizes" | awk '{ print $1 }')
# Each table: rows sorted by mode, binary, size; "vs first" is the ratio to the same mode
# and binary at the smallest size.
echo "### index of N documents into a new archive (baseline: cat of the same files)"
echo
echo "| mode | binary | documents | claims | archive MB | wall s | CPU s | peak RSS MB | cat s | CPU vs ${first} | RSS vs ${first} |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
sort -k2,2r -k3,3r -k1,1n "$tmp/rows.index" | awk -v f="$first" '{
  key = $2 " " $3
  if ($1 == f) { u0[key] = $7; m0[key] = $8 }
  printf "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %.1fx | %.1fx |\n",
         $2, $3, $1, $4, $5 / 1e6, $6, $7, $8 / 1024, $9,
         (u0[key] > 0 ? $7 / u0[key] : 0), (m0[key] > 0 ? $8 / m0[key] : 0) }'
echo
echo "### audit of an archive of N documents (baseline: cat of the archive file)"
echo
echo "| mode | binary | documents | wall s | CPU s | peak RSS MB | cat s | CPU vs ${first} | RSS vs ${first} |"
echo "|---|---|---|---|---|---|---|---|---|"
sort -k2,2r -k3,3r -k1,1n "$tmp/rows.audit" | awk -v f="$first" '{
  key = $2 " " $3
  if ($1 == f) { u0[key] = $5; m0[key] = $6 }
  printf "| %s | %s | %d | %.2f | %.2f | %.0f | %.2f | %.1fx | %.1fx |\n",
         $2, $3, $1, $4, $5, $6 / 1024, $7,
         (u0[key] > 0 ? $5 / u0[key] : 0), (m0[key] > 0 ? $6 / m0[key] : 0) }'
echo
echo "### check --db of one draft, median of $runs runs (baseline: the draft checked with no archive)"
echo
echo "| mode | binary | documents | wall ms | CPU ms | peak RSS MB | CPU vs ${first} | CPU vs no archive |"
echo "|---|---|---|---|---|---|---|---|"
sort -k2,2r -k3,3r -k1,1n "$tmp/rows.check" |
  awk -v f="$first" -v pr="$(field "$plain_rb" 2)" -v po="$(field "$plain_open" 2)" '{
  key = $2 " " $3
  if ($1 == f) c0[key] = $5
  p = $2 == "open" ? po : pr
  printf "| %s | %s | %d | %.1f | %.1f | %.1f | %.2fx | %.2fx |\n", $2, $3, $1, $4 * 1000,
         $5 * 1000, $6 / 1024, (c0[key] > 0 ? $5 / c0[key] : 0), (p > 0 ? $5 / p : 0) }'
echo
awk -v r="$plain_rb" -v o="$plain_open" 'BEGIN {
  split(r, a, " "); split(o, b, " ")
  printf "No archive: rulebook draft (fixtures/seeds/004) %.1f ms wall, %.1f ms CPU; open-mode draft (fixtures/open/ravine-b.txt) %.1f ms wall, %.1f ms CPU.\n",
         a[1] * 1000, a[2] * 1000, b[1] * 1000, b[2] * 1000 }'
echo "$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); $(date -u +%Y-%m-%d); SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')."
