#!/bin/sh
# Stress: many `index` runs started at the same moment on an archive that does not exist
# yet (issue 9, item 6). Every run must exit 0 with nothing on stderr, and the archive
# must end with every file once. Prints the figures; exit 1 when any run failed.
#
#   sh tests/stress/archive-create.sh [BIN]       (default build/crosscheck)
#   STARTS=1000 BATCH=100 sh tests/stress/archive-create.sh
#
# STARTS runs in all, BATCH at a time, each batch on a new archive. The runs of a batch
# wait on a shared lock the script holds, and all start when it lets go, so that they
# race through creating the archive together (the window the issue found: "cannot set
# WAL mode ... database is locked", "not a crosscheck archive").
# `make stress` runs it; `make check` runs the 20-process e2e case archive-create-concurrent.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${1:-build/crosscheck}
starts=${STARTS:-1000}
batch=${BATCH:-100}
# Open mode (no rulebook: nothing to compile, so the runs reach the archive closest
# together) over the open fixtures: open claims, terms and stories are written too.
articles=fixtures/open
want_docs=$(ls "$articles"/*.txt | wc -l)
command -v flock >/dev/null || { echo "SKIP: archive-create needs flock(1)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0; ran=0; batches=0; bad_archives=0
started=$(date +%s)
while [ "$ran" -lt "$starts" ]; do
  n=$batch
  [ $((ran + n)) -gt "$starts" ] && n=$((starts - ran))
  dir="$tmp/b$batches"; mkdir -p "$dir"
  exec 9>"$dir/go"
  flock -x 9                       # held until every run of the batch is waiting
  i=0
  while [ "$i" -lt "$n" ]; do
    ( flock -s 8; "$bin" index --quiet --db "$dir/a.db" "$articles" >/dev/null 2>"$dir/err.$i"; echo $? >"$dir/rc.$i" ) 8<"$dir/go" &
    i=$((i + 1))
  done
  sleep 1
  flock -u 9; exec 9>&-
  wait
  i=0
  while [ "$i" -lt "$n" ]; do
    rc=$(cat "$dir/rc.$i")
    if [ "$rc" != 0 ] || [ -s "$dir/err.$i" ]; then
      failed=$((failed + 1))
      echo "run $((ran + i)): exit $rc: $(head -c 300 "$dir/err.$i")"
    fi
    i=$((i + 1))
  done
  docs=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM documents").fetchone()[0])' \
         "$dir/a.db" 2>&1)
  if [ "$docs" != "$want_docs" ]; then
    bad_archives=$((bad_archives + 1))
    echo "batch $batches: the archive holds '$docs' documents, expected $want_docs"
  fi
  ran=$((ran + n)); batches=$((batches + 1))
  rm -rf "$dir"
done
secs=$(( $(date +%s) - started ))
echo "archive-create: $ran simultaneous index starts in $batches batches of up to $batch" \
     "on new archives: $failed failed, $bad_archives archives wrong ($secs s)"
[ "$failed" -eq 0 ] && [ "$bad_archives" -eq 0 ]
