#!/bin/sh
# End-to-end tests: each case in tests/e2e/cases/NAME/ runs the binary and compares.
# A case holds `cmd` (a shell line; $CC_BIN is the binary, run from the repository root),
# `exit` (the expected exit code) and any of `stdout`, `stderr` (exact expected text).
# A case may also hold `check.sh`, run after the command with the output files in $OUT;
# one that prints "SKIP: reason" and exits 0 passes, and the reason is shown.
#
# Golden files: the only expected outputs are the `stdout` and `stderr` files of the
# cases (the seeds' whole reports are tests/e2e/cases/seeds-golden-*/stdout). After an
# intended change of the rulebook or of a report format, `make update-golden`
# (sh tests/e2e/run.sh --update BIN) rewrites every `stdout` and `stderr` a case already
# holds with what the binary prints now; then read `git diff tests/e2e/cases`. It never
# adds such a file, nor touches `exit` or `check.sh`: a case still fails on those.
#
#   sh tests/e2e/run.sh [--update] build/crosscheck
update=0
[ "$1" = "--update" ] && { update=1; shift; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
pass=0; fail=0; updated=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in tests/e2e/cases/*/; do
  name=$(basename "$case")
  [ -f "$case/cmd" ] || continue
  out="$tmp/$name"; mkdir -p "$out"
  # a case that runs past 180 s has hung (exit 124); the slowest (big-100mb, 100 MB under
  # ASan on a busy machine) needs about a minute
  CC_BIN="$bin" OUT="$out" timeout 180 sh -c "$(cat "$case/cmd")" >"$out/stdout" 2>"$out/stderr" </dev/null
  rc=$?
  ok=1; why=""
  want=$(cat "$case/exit" 2>/dev/null || echo 0)
  [ "$rc" = "$want" ] || { ok=0; why="exit $rc, expected $want"; }
  for s in stdout stderr; do
    if [ $update = 1 ] && [ -f "$case/$s" ] && ! cmp -s "$case/$s" "$out/$s"; then
      cp "$out/$s" "$case/$s"; updated=$((updated + 1)); echo "updated e2e/$name/$s"
    fi
    if [ $ok = 1 ] && [ -f "$case/$s" ] && ! cmp -s "$case/$s" "$out/$s"; then
      ok=0; why="$s differs:
$(diff "$case/$s" "$out/$s" | head -n 20)"
    fi
  done
  if [ $ok = 1 ] && [ -f "$case/check.sh" ]; then
    why=$(CC_BIN="$bin" OUT="$out" CASE="$case" sh "$case/check.sh" 2>&1) || ok=0
    # A check that cannot run here (a tool is missing) passes with "SKIP: why".
    [ $ok = 1 ] && case "$why" in SKIP*) echo "SKIP e2e/$name: ${why#SKIP: }";; esac
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL e2e/$name: $why"; fi
done
[ $update = 1 ] && echo "e2e: $updated golden files rewritten"
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
