grep -q "000_5bc85f0d70d8d680.txt: error: binary file (NUL byte at offset 200): skipped" "$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
