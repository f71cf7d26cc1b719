#!/bin/sh
# Hostile inputs that used to cost time out of proportion: a front matter of 64 KB of
# nested brackets (libyaml is quadratic in open brackets), an ignore file of 256 KB of
# them, a catastrophic pattern over 10 000 lines (each hits PCRE2's match limit) and a
# pattern just under the limit over 10 000 lines (the document's budget of time).
#   sh tests/stress/bounds.sh BIN [BEFORE_BIN]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
n = 32000
open(w + "/fm.txt", "w").write("---\nx: " + "[" * n + "]" * n + "\n---\nCó 60 lượt truy cập.\n")
n = 128 * 1024
open(w + "/deep-ignore.yaml", "w").write("version: 1\nignore: " + "[" * n + "]" * n + "\n")
open(w + "/limit.txt", "w").write("".join("1 " + "a" * 40 + "b\n" for _ in range(10000)))
open(w + "/near.txt", "w").write("".join("1 " + "a" * 18 + "b\n" for _ in range(10000)))
PY
rules="$root/fixtures/rulebooks/catastrophic.yaml"
timed() { # LABEL CMD...
  label=$1; shift
  /usr/bin/time -f '%e' -o "$work/t" timeout 300 "$@" >/dev/null 2>"$work/err"
  printf '%-58s %6s s\n' "$label" "$(tail -n 1 "$work/t")"
}
for b in ${2:-} $1; do
  [ "$b" = "${2:-}" ] && tag=before || tag=now
  timed "$tag: front matter of 64 KB of nested brackets" "$b" extract "$work/fm.txt"
  cp "$work/deep-ignore.yaml" "$work/i.yaml"
  timed "$tag: ack into an ignore file of 256 KB of brackets" "$b" ack 0123456789abcdef --reason r --ignore-file "$work/i.yaml"
  timed "$tag: pattern over the match limit, 10 000 lines" "$b" check --rules "$rules" "$work/limit.txt"
  timed "$tag: pattern just under the limit, 10 000 lines" "$b" check --rules "$rules" "$work/near.txt"
done
"$1" check --rules "$rules" "$work/near.txt" 2>&1 >/dev/null | grep -q "budget of"
