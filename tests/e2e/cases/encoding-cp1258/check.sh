[ "$(grep -c 'warning: invalid UTF-8 byte 0x' "$OUT/stderr")" = 10 ] || { cat "$OUT/stderr"; exit 1; }
grep -q 'warning: [0-9]* more invalid UTF-8 sequences' "$OUT/stderr"
