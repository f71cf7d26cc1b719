# Compares the results with `expected`, unless run.sh could not run here (SKIP).
if grep -q '^SKIP:' "$OUT/stdout"; then head -n 1 "$OUT/stdout"; exit 0; fi
diff "$CASE/expected" "$OUT/stdout" && [ ! -s "$OUT/stderr" ] || { cat "$OUT/stderr"; exit 1; }
