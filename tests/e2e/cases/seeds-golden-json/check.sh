cmp -s "$OUT/stdout" fixtures/expected/seeds.json || { diff fixtures/expected/seeds.json "$OUT/stdout" | head -20; exit 1; }
