# SPEC §7: exactly three conflicts on the seeds, with their sides and majorities.
python3 - "$OUT/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def doc(c): return c["path"].split("/")[-1][:3]
got = {}
for f in r["findings"]:
    sides = [sorted({doc(c) for c in s["claims"]}) for s in f["sides"]]
    got[f["rule"]] = (f["kind"], f["scope"], f["severity"], sides, f["majority"],
                      sorted(doc(c) for c in f["compatible"]))
want = {
  "egdi-asia-rank": ("conflict", "2020", "error", None, "000+003", []),
  "survey-period": ("conflict", "2020", "error", None, "003+004", []),
  "level4-target": ("conflict", "2020", "warning", None, None, ["001"]),
}
errors = []
if set(got) != set(want):
    errors.append("rules %s, expected %s" % (sorted(got), sorted(want)))
for rule, (kind, scope, sev, _, maj, compat) in want.items():
    if rule not in got: continue
    gk, gs, gsev, sides, gmaj, gcompat = got[rule]
    if (gk, gs, gsev) != (kind, scope, sev):
        errors.append("%s: %s %s %s" % (rule, gk, gs, gsev))
    majority = "+".join(sides[gmaj]) if gmaj is not None else None
    if majority != maj:
        errors.append("%s: majority %s, expected %s (sides %s)" % (rule, majority, maj, sides))
    if gcompat != compat:
        errors.append("%s: compatible %s, expected %s" % (rule, gcompat, compat))
asia = [f for f in r["findings"] if f["rule"] == "egdi-asia-rank"]
if asia:
    vals = sorted((s["value"]["position"], s["value"]["total"]) for s in asia[0]["sides"])
    if vals != [(24, 24), (24, 47)]: errors.append("asia sides %s" % vals)
    if doc(asia[0]["location"]) != "004": errors.append("asia reported at %s" % asia[0]["location"]["path"])
per = [f for f in r["findings"] if f["rule"] == "survey-period"]
if per:
    ends = sorted(s["value"]["end"]["from"] for s in per[0]["sides"])
    if ends != ["2019-07-01", "2020-07-01"]: errors.append("period ends %s" % ends)
lv = [f for f in r["findings"] if f["rule"] == "level4-target"]
if lv:
    vals = sorted(s["value"]["lo"] for s in lv[0]["sides"])
    if vals != [30, 50]: errors.append("level-4 sides %s" % vals)
s = r["summary"]
if (s["findings"], s["errors"], s["warnings"], s["exit_code"], s["documents"]) != (3, 2, 1, 1, 5):
    errors.append("summary %s" % s)
print("\n".join(errors))
sys.exit(1 if errors else 0)
PY
