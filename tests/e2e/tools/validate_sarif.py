#!/usr/bin/env python3
"""Validates a SARIF log against the official SARIF 2.1.0 JSON schema (draft-04).

usage: validate_sarif.py LOG.sarif [--findings N] | validate_sarif.py --schema-path

The schema is shared/schemas/sarif-schema-2.1.0.json beside the repository (CI keeps
shared/ next to the clone); from a git worktree the folders above are searched too, and
$CROSSCHECK_SHARED (a shared/ folder) comes first when set. Beyond the schema, checks
what crosscheck promises: one run, columnKind unicodeCodePoints, every result's ruleId
and ruleIndex naming a rule of tool.driver.rules, a "crosscheck/v1" partial fingerprint,
relative percent-encoded URIs, regions whose columns frame their snippet (when the file
is there to read, as the seeds are from the repository root), and with --findings N
exactly N results.
Prints what is wrong and exits 1; exits 0 when the log is valid."""
import json, os, re, sys, unicodedata, urllib.parse

SCHEMA = "sarif-schema-2.1.0.json"

def find_schema():
    env = os.environ.get("CROSSCHECK_SHARED")
    if env:
        return os.path.join(env, "schemas", SCHEMA)
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", "..", ".."))
    d = os.path.dirname(root)
    while True:
        p = os.path.join(d, "shared", "schemas", SCHEMA)
        if os.path.exists(p):
            return p
        if os.path.dirname(d) == d:
            return os.path.join(os.path.dirname(root), "shared", "schemas", SCHEMA)
        d = os.path.dirname(d)

def columns(line):
    """Column (1-based) of every character start, combining marks not counted, as
    crosscheck counts them; maps column -> index into the line."""
    starts, col = {}, 1
    for i, ch in enumerate(line):
        if unicodedata.combining(ch):
            continue
        starts.setdefault(col, i)
        col += 1
    starts.setdefault(col, len(line))
    return starts

def region_errors(i, phys):
    """When the artifact is a file here (the seeds, from the repository root), the
    region's columns must frame exactly its snippet on its line."""
    uri = phys.get("artifactLocation", {}).get("uri", "")
    reg = phys.get("region", {})
    path = urllib.parse.unquote(uri)
    if not os.path.isfile(path) or "snippet" not in reg or "endLine" in reg:
        return []
    lines = open(path, encoding="utf-8").read().split("\n")
    line = lines[reg["startLine"] - 1] if reg["startLine"] <= len(lines) else ""
    cols = columns(line)
    a, b = cols.get(reg.get("startColumn")), cols.get(reg.get("endColumn"))
    got = line[a:b] if a is not None and b is not None else None
    if got != reg["snippet"]["text"]:
        return ["result %d: %s:%d columns %s..%s hold %r, snippet %r" % (
            i, path, reg["startLine"], reg.get("startColumn"), reg.get("endColumn"), got,
            reg["snippet"]["text"])]
    return []

def crosscheck_checks(log, findings):
    errors = []
    runs = log.get("runs", [])
    if len(runs) != 1:
        return ["expected one run, got %d" % len(runs)]
    run = runs[0]
    driver = run["tool"]["driver"]
    if driver.get("name") != "crosscheck":
        errors.append("tool.driver.name is %r" % driver.get("name"))
    if "informationUri" in driver:
        errors.append("tool.driver.informationUri must be left out")
    if run.get("columnKind") != "unicodeCodePoints":
        errors.append("columnKind is %r" % run.get("columnKind"))
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        errors.append("duplicate rule ids %s" % ids)
    results = run.get("results", [])
    if findings is not None and len(results) != findings:
        errors.append("%d results, expected %d" % (len(results), findings))
    uri_ok = re.compile(r"^(file:///)?[A-Za-z0-9\-._~/%]*$")
    for i, r in enumerate(results):
        idx = r.get("ruleIndex")
        if idx is None or not 0 <= idx < len(rules) or rules[idx]["id"] != r.get("ruleId"):
            errors.append("result %d: ruleId %r, ruleIndex %r" % (i, r.get("ruleId"), idx))
        if not re.fullmatch(r"[0-9a-f]{16}", r.get("partialFingerprints", {}).get("crosscheck/v1", "")):
            errors.append("result %d: no crosscheck/v1 fingerprint" % i)
        locs = r.get("locations", []) + r.get("relatedLocations", [])
        for loc in locs:
            uri = loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
            if not uri_ok.match(uri):
                errors.append("result %d: uri %r is not percent-encoded" % (i, uri))
        for loc in locs:
            errors += region_errors(i, loc.get("physicalLocation", {}))
        rel_ids = [l.get("id") for l in r.get("relatedLocations", [])]
        if len(set(rel_ids)) != len(rel_ids) or None in rel_ids:
            errors.append("result %d: related location ids %s" % (i, rel_ids))
    return errors

def main():
    args = sys.argv[1:]
    findings = None
    if "--findings" in args:
        k = args.index("--findings")
        findings = int(args[k + 1])
        del args[k:k + 2]
    if args == ["--schema-path"]:
        print(find_schema())
        return 0
    if len(args) != 1:
        print(__doc__.splitlines()[2])
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_sarif: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
        return 1
    path = find_schema()
    schema = None
    if os.path.exists(path):
        schema = json.load(open(path, encoding="utf-8"))
    elif os.environ.get("CI") == "true":
        # CI always has shared/ beside the clone: a missing schema there is a failure.
        print("validate_sarif: no SARIF schema at %s (shared/ must sit beside the repository)" % path)
        return 1
    else:
        # A clone with no shared/ beside it: the crosscheck checks below still run.
        print("SKIP: SARIF schema validation (no %s: shared/ is not beside this clone)" % path)
    try:
        log = json.load(open(args[0], encoding="utf-8"))
    except ValueError as e:
        print("not JSON: %s" % e)
        return 1
    errors = []
    if schema is not None:
        v = jsonschema.Draft4Validator(schema)
        errors = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message)
                  for e in sorted(v.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))]
    if not errors:
        errors = crosscheck_checks(log, findings)
    for e in errors[:20]:
        print(e)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
