grep -qxF "crosscheck: cannot read 'no-such-file.txt': No such file or directory" "$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
python3 -c "
import json,sys; r=json.load(open('$OUT/r.json'))
d={x['path']:x for x in r['documents']}
assert d['no-such-file.txt']['skipped'] is True, d
assert d['fixtures/seeds/004_d707a4a1f824cfdf.txt']['claims'] > 5, d
assert any(f['kind']=='input' for f in r['findings']), r['findings']
"
