# SARIF of the seeds: valid against the official SARIF 2.1.0 schema (shared/schemas/ beside
# the repository), the three conflicts of SPEC §7 as results at the right claims, with the
# other sources as related locations.
python3 tests/e2e/tools/validate_sarif.py "$OUT/stdout" --findings 3 || exit 1
python3 - "$OUT/stdout" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
def doc(loc): return loc["physicalLocation"]["artifactLocation"]["uri"].split("/")[-1][:3]
got = {}
for r in run["results"]:
    got[r["ruleId"]] = (r["level"], doc(r["locations"][0]),
                        sorted(doc(l) for l in r.get("relatedLocations", [])))
want = {
    "egdi-asia-rank": ("error", "004", ["000", "003"]),
    "survey-period": ("error", "000", ["003", "004"]),
    "level4-target": ("warning", "003", ["001", "004"]),
}
if got != want:
    print("results %s\nexpected %s" % (got, want))
    sys.exit(1)
PY
