#!/usr/bin/env python3
"""Compares the findings of two JSON reports, ignoring directories in paths.

usage: same_findings.py EXPECTED.json GOT.json [--positions ORIGINAL_DIR]
With --positions, each claim's line, column and byte offset in GOT is checked against
the file it names: the value text must sit at that byte offset, and the column must be
1 + the number of characters (combining marks excluded) before it on its line."""
import json, os, sys, unicodedata

def key(r):
    out = []
    for f in r["findings"]:
        sides = [sorted((os.path.basename(c["path"]), c["field"]) for c in s["claims"]) for s in f["sides"]]
        out.append((f["rule"], f["kind"], f["scope"], f["severity"], f["majority"], sides, f["fingerprint"]))
    return out

exp, got = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
if key(exp) != key(got):
    print("findings differ:\n%s\n%s" % (key(exp), key(got)))
    sys.exit(1)
if "--positions" in sys.argv:
    d = sys.argv[sys.argv.index("--positions") + 1]
    for f in got["findings"]:
        for s in f["sides"]:
            for c in s["claims"]:
                data = open(os.path.join(d, os.path.basename(c["path"])), "rb").read()
                raw = data[c["byte_offset"]:c["byte_offset"] + c["byte_length"]]
                if raw.decode("utf-8", "replace") != c["value_text"]:
                    print("bytes at %d are %r, value_text %r" % (c["byte_offset"], raw, c["value_text"]))
                    sys.exit(1)
                start = max(data.rfind(b"\n", 0, c["byte_offset"]), data.rfind(b"\r", 0, c["byte_offset"])) + 1
                before = data[start:c["byte_offset"]]
                if before.startswith(b"\xef\xbb\xbf"):
                    before = before[3:]
                # a combining mark does not start a column of its own (docs/output.md)
                col = sum(1 for ch in before.decode("utf-8", "replace")
                          if unicodedata.combining(ch) == 0) + 1
                line = data[:c["byte_offset"]].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
                if (col, line) != (c["column"], c["line"]):
                    print("%s: at line %d col %d, reported %d:%d" % (c["path"], line, col, c["line"], c["column"]))
                    sys.exit(1)
