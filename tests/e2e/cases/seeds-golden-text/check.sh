cmp -s "$OUT/stdout" fixtures/expected/seeds.txt || { diff fixtures/expected/seeds.txt "$OUT/stdout" | head -20; exit 1; }
