grep -q "t.txt:1:1: error: a pattern of field 'bad' hit the PCRE2 match limit" "$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
python3 -c "
import json; r=json.load(open('$OUT/r.json'))
assert r['summary']['claims'] == 1, r['summary']
assert [f['kind'] for f in r['findings']] == ['limit'], r['findings']
"
