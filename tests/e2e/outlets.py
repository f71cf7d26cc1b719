#!/usr/bin/env python3
"""Checks a `crosscheck check --format json` report over the seeds and other outlets' articles
against fixtures/outlets/EXPECTED.md (run from the repository root by the e2e cases).

  outlets.py correct REPORT          seeds + every correct article: only the seeds' three
  outlets.py planted REPORT FILE     seeds + one planted article: the seeds' three + the row's
  outlets.py alone REPORT FILE RULE  one article alone: exactly RULE, reported in FILE
  outlets.py skipped CLAIMS FILE LINE...  no claim (extract --format json) on those lines
Prints what is wrong and exits 1, or exits 0.
"""
import json
import re
import sys

EXPECTED = "fixtures/outlets/EXPECTED.md"
# SPEC §7: rule -> the seed it is reported at, and its majority side's seeds (None: no majority)
SEED_FINDINGS = {
    "egdi-asia-rank": ("004", ["000", "003"]),
    "survey-period": ("000", ["003", "004"]),
    "level4-target": ("003", None),
}


def base(path):
    return path.split("/")[-1]


def is_seed(path):
    return "/seeds/" in path


def read_table():
    """file -> (planted words, expected rule ids), from the EXPECTED.md table."""
    rows = {}
    for line in open(EXPECTED, encoding="utf-8"):
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = re.findall(r"`([^`]+)`", cells[0])[0]
        words = re.findall(r"`([^`]+)`", cells[3])
        rules = re.findall(r"`([^`]+)`", cells[4])
        rows[name] = (words, rules)
    return rows


def side_of(finding, claim):
    for i, s in enumerate(finding["sides"]):
        for c in s["claims"]:
            if (c["path"], c["byte_offset"], c["field"]) == (
                    claim["path"], claim["byte_offset"], claim["field"]):
                return i
    return None


def check_seed_finding(f, errors, planted_file=None):
    """A seeds' conflict: reported at its seed, every outlet's claim on the majority side or
    compatible (the planted file's claims excepted, when it is the planted rule)."""
    rule = f["rule"]
    seed, majority = SEED_FINDINGS[rule]
    loc = f["location"]
    if not (is_seed(loc["path"]) and base(loc["path"]).startswith(seed)):
        errors.append("%s reported at %s, expected seed %s" % (rule, loc["path"], seed))
    for i, s in enumerate(f["sides"]):
        seeds = sorted({base(c["path"])[:3] for c in s["claims"] if is_seed(c["path"])})
        others = sorted({base(c["path"]) for c in s["claims"] if not is_seed(c["path"])})
        if others and (majority is None or f["majority"] != i):
            errors.append("%s: %s on a minority side %s (seeds %s)" % (
                rule, others, s["value"], seeds))
    check_majority(f, majority, errors)


def check_majority(f, majority, errors):
    rule = f["rule"]
    if majority is not None:
        if f["majority"] is None:
            errors.append("%s: no majority" % rule)
        else:
            got = sorted({base(c["path"])[:3] for c in f["sides"][f["majority"]]["claims"]
                          if is_seed(c["path"])})
            if got != majority:
                errors.append("%s: majority seeds %s, expected %s" % (rule, got, majority))
    elif f["majority"] is not None:
        errors.append("%s: majority %s, expected none" % (rule, f["majority"]))


def check_correct(report, errors):
    got = sorted(f["rule"] for f in report["findings"])
    if got != sorted(SEED_FINDINGS):
        errors.append("rules %s, expected %s" % (got, sorted(SEED_FINDINGS)))
    for f in report["findings"]:
        if f["rule"] in SEED_FINDINGS:
            check_seed_finding(f, errors)
    lv = [f for f in report["findings"] if f["rule"] == "level4-target"]
    if lv:
        vals = sorted(s["value"]["lo"] for s in lv[0]["sides"])
        if vals != [30, 50]:
            errors.append("level-4 sides %s" % vals)
        compat = sorted({base(c["path"]) for c in lv[0]["compatible"]})
        for want in ("001_7f7d1cc9118770b5.txt", "nhandan-front-matter.txt",
                     "tuoitre-xep-thu-86-crlf.txt", "vnexpress-dung-thu-86.txt",
                     "kinhtedothi-ha-noi.txt"):
            if want not in compat:
                errors.append("level4-target: %s not compatible (%s)" % (want, compat))


def check_planted(report, name, errors):
    rows = read_table()
    if name not in rows:
        errors.append("%s has no row in %s" % (name, EXPECTED))
        return
    words, rules = rows[name]
    if len(words) != len(rules) or not rules:
        errors.append("%s: %d planted claims for %d rules" % (name, len(words), len(rules)))
        return
    want = sorted(set(SEED_FINDINGS) | set(rules))
    got = sorted(f["rule"] for f in report["findings"])
    if got != want:
        errors.append("rules %s, expected %s" % (got, want))
    for f in report["findings"]:
        rule = f["rule"]
        if rule in rules:
            loc = f["location"]
            planted = words[rules.index(rule)]
            if base(loc["path"]) != name:
                errors.append("%s reported at %s, expected %s" % (rule, loc["path"], name))
            elif planted not in loc["value_text"]:
                errors.append("%s reported at '%s', expected the planted '%s'" % (
                    rule, loc["value_text"], planted))
            here = side_of(f, loc)
            if here is not None and any(base(c["path"]) != name
                                        for c in f["sides"][here]["claims"]):
                errors.append("%s: the planted claim's side holds other documents" % rule)
            if here is not None and f["majority"] == here:
                errors.append("%s: the planted claim is the majority" % rule)
            if rule in SEED_FINDINGS:  # joined a seeds' conflict as one more side
                check_majority(f, SEED_FINDINGS[rule][1], errors)
        elif rule in SEED_FINDINGS:
            check_seed_finding(f, errors)


def check_alone(report, name, rule, errors):
    got = [(f["kind"], f["rule"]) for f in report["findings"]]
    if [r for _, r in got] != [rule]:
        errors.append("findings %s, expected only %s" % (got, rule))
        return
    loc = report["findings"][0]["location"]
    if base(loc["path"]) != name:
        errors.append("%s reported at %s" % (rule, loc["path"]))


def check_skipped(claims_path, name, lines, errors):
    for raw in open(claims_path, encoding="utf-8"):
        c = json.loads(raw)
        if base(c["path"]) == name and c["line"] in lines:
            errors.append("claim on skipped line %s:%d: %s" % (name, c["line"], c["text"]))


def main(argv):
    errors = []
    mode = argv[1]
    if mode == "skipped":
        check_skipped(argv[2], argv[3], {int(x) for x in argv[4:]}, errors)
    else:
        report = json.load(open(argv[2], encoding="utf-8"))
        if mode == "correct":
            check_correct(report, errors)
        elif mode == "planted":
            check_planted(report, argv[3], errors)
        elif mode == "alone":
            check_alone(report, argv[3], argv[4], errors)
        else:
            errors.append("unknown mode %s" % mode)
        s = report["summary"]
        if s["findings"] != len(report["findings"]):
            errors.append("summary %s" % s)
    print("\n".join(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
