[ "$(grep -c 'warning: decoded as UTF-16LE (byte order mark)' "$OUT/stderr")" = 5 ] || { cat "$OUT/stderr"; exit 1; }
