# Seeds + the ten correct articles of other outlets: exactly SPEC §7's three conflicts, at the
# same seeds, with every outlet's claim on the majority side or compatible; all fifteen read.
python3 tests/e2e/outlets.py correct "$OUT/report.json" || exit 1
python3 - "$OUT/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
docs = {d["path"].split("/")[-1]: d for d in r["documents"]}
bad = [p for p, d in docs.items() if d["claims"] == 0 and not p.startswith("002_")]
s = r["summary"]
errors = []
if s["documents"] != 15 or bad:
    errors.append("documents %d, without claims %s" % (s["documents"], bad))
fm = docs["nhandan-front-matter.txt"]
if (fm["date"], fm["date_from"]) != ("2020-08-26", "front-matter"):
    errors.append("front matter date %s from %s" % (fm["date"], fm["date_from"]))
if docs["congthongtin-tinh-nfd.txt"]["date_from"] != "pattern":
    errors.append("portal date not from 'Ngày đăng'")
if docs["vietnamnet-nhin-lai-2021.txt"]["date"] != "2021-08-26":
    errors.append("look-back dated %s" % docs["vietnamnet-nhin-lai-2021.txt"]["date"])
print("\n".join(errors))
sys.exit(1 if errors else 0)
PY
