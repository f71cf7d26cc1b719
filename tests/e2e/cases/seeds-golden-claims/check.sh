cmp -s "$OUT/stdout" fixtures/expected/seeds-claims.txt || { diff fixtures/expected/seeds-claims.txt "$OUT/stdout" | head -20; exit 1; }
