grep -q "front-matter-unclosed.txt:1:1: warning: front matter has no closing '---'; read as body" "$OUT/stderr" &&
grep -q "front-matter-bad-date.txt:3:.*: warning: front matter date '2020-02-31' is not a date (YYYY-MM-DD)" "$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
