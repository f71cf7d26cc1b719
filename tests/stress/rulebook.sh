#!/bin/sh
# Big rulebooks: 20 000 patterns (refused: the cap is 5000), and 5000 patterns linted and
# checked against a text that every pattern matches (so every one is JIT-compiled or,
# past the 64 MiB JIT budget, interpreted). Wall time and peak RSS (/usr/bin/time).
#   sh tests/stress/rulebook.sh BIN [BEFORE_BIN]
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
def book(nf, npf, name):
    lines = ["version: 1", "name: " + name, "open: off", "subjects:",
             "  vn: {name: Việt Nam, aliases: [Việt Nam]}", "fields:"]
    for f in range(nf):
        lines += ["  f%d:" % f, "    type: number", "    subject: vn", "    patterns:"]
        lines += ["      - '{number}\\s+từ%dx%d'" % (f, p) for p in range(npf)]
    lines.append("rules:")
    lines += ["  - {id: r%d, field: f%d}" % (f, f) for f in range(nf)]
    open("%s/%s.yaml" % (work, name), "w").write("\n".join(lines) + "\n")
    with open("%s/%s.txt" % (work, name), "w") as t:
        for f in range(nf):
            for p in range(npf):
                t.write("Việt Nam có %d từ%dx%d.\n" % (f * 7 + p, f, p))
book(200, 100, "p20000")
book(50, 100, "p5000")
PY
measure() { # LABEL CMD...: "LABEL: S s, PEAK MB"
  label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err"
  set -- $(tail -n 1 "$work/t")
  printf '%-44s %6s s %7.1f MB\n' "$label" "$1" "$(echo "$2 / 1024" | bc -l)"
}
for b in ${2:-} $1; do
  [ "$b" = "${2:-}" ] && tag=before || tag=now
  measure "$tag: rules lint, 20 000 patterns" "$b" rules lint "$work/p20000.yaml"
  measure "$tag: rules lint, 5000 patterns" "$b" rules lint "$work/p5000.yaml"
  measure "$tag: check, all 5000 patterns matched" "$b" check --rules "$work/p5000.yaml" "$work/p5000.txt"
done
"$1" rules lint "$work/p20000.yaml" 2>&1 | grep -q 'more than 5000 patterns'
