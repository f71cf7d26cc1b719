#!/usr/bin/env python3
"""Verify the crosscheck blind test set (stories/, stories.tsv, labels.tsv).

Usage: python3 check.py [DIR]   (DIR defaults to the folder of this script)
Prints counts per verdict; exits 1 if any error is found.
"""
import collections
import os
import re
import sys
import unicodedata

VERDICTS = ("agree", "compatible", "conflict", "different-fact")
LABEL_HEADER = ["story", "file_a", "figure_a", "quote_a", "file_b", "figure_b",
                "quote_b", "verdict", "note"]
STORY_HEADER = ["story", "files", "outlets", "topic", "summary"]
STORY_ID = re.compile(r"^Y(\d{2})$")
FILE_NAME = re.compile(r"^(\d{2})-[a-z0-9-]+-([ab])\.txt$")

errors = []


def err(msg):
    errors.append(msg)


def count_overlapping(text, sub):
    n, i = 0, text.find(sub)
    while i != -1:
        n += 1
        i = text.find(sub, i + 1)
    return n


def read_utf8(path, what):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        err(f"{what}: cannot read {path}: {e}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{what}: not valid UTF-8: {e}")
        return None
    if text.startswith("\ufeff"):
        err(f"{what}: starts with a BOM")
    if "\r" in text:
        err(f"{what}: contains CR characters (LF line ends required)")
    if unicodedata.normalize("NFC", text) != text:
        err(f"{what}: not in Unicode NFC")
    return text


def read_tsv(path, header, what):
    text = read_utf8(path, what)
    if text is None:
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != header:
        err(f"{what}: header must be exactly {chr(9).join(header)!r}")
        return []
    rows = []
    for k, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            err(f"{what}:{k}: expected {len(header)} columns, got {len(cells)}")
            continue
        rows.append((k, dict(zip(header, cells))))
    return rows


def check_story_file(path, name):
    text = read_utf8(path, name)
    if text is None:
        return None
    if not text.endswith("\n"):
        err(f"{name}: does not end with a newline")
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 2:
        err(f"{name}: needs a title line and a body")
    if any(not l.strip() for l in lines):
        err(f"{name}: contains empty lines")
    if "\t" in text:
        err(f"{name}: contains a tab")
    words = len(text.split())
    if not 60 <= words <= 200:
        err(f"{name}: {words} words (60-200 required)")
    body = " ".join(lines[1:])
    # rough sentence count: sentence-final punctuation followed by space/end
    sentences = len(re.findall(r"[.!?…](?=\s|$)", body))
    if not 2 <= sentences <= 6:
        err(f"{name}: body has about {sentences} sentences (2-6 required)")
    return text


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    sdir = os.path.join(base, "stories")

    # stories.tsv
    story_rows = read_tsv(os.path.join(base, "stories.tsv"), STORY_HEADER, "stories.tsv")
    stories = {}
    for k, r in story_rows:
        m = STORY_ID.match(r["story"])
        if not m:
            err(f"stories.tsv:{k}: bad story id {r['story']!r}")
            continue
        if r["story"] in stories:
            err(f"stories.tsv:{k}: duplicate story {r['story']}")
        files = r["files"].split(",")
        outlets = r["outlets"].split(",")
        if len(files) != 2:
            err(f"stories.tsv:{k}: files must be 'a,b'")
            continue
        if len(outlets) != 2 or not all(o.strip() for o in outlets) or outlets[0] == outlets[1]:
            err(f"stories.tsv:{k}: outlets must be two different names 'A,B'")
        for f, side in zip(files, "ab"):
            fm = FILE_NAME.match(f)
            if not fm or fm.group(1) != m.group(1) or fm.group(2) != side:
                err(f"stories.tsv:{k}: file {f!r} does not match story {r['story']} side {side}")
        if not r["topic"].strip() or not r["summary"].strip():
            err(f"stories.tsv:{k}: empty topic or summary")
        stories[r["story"]] = files

    expected = {f"Y{i:02d}" for i in range(1, 41)}
    if set(stories) != expected:
        missing = sorted(expected - set(stories))
        extra = sorted(set(stories) - expected)
        err(f"stories.tsv: story ids must be Y01..Y40 (missing {missing}, extra {extra})")

    # story files
    texts = {}
    listed = set()
    for sid, files in sorted(stories.items()):
        for f in files:
            listed.add(f)
            p = os.path.join(sdir, f)
            if not os.path.isfile(p):
                err(f"{sid}: missing file stories/{f}")
                continue
            texts[f] = check_story_file(p, f)
    if os.path.isdir(sdir):
        for f in sorted(os.listdir(sdir)):
            if f not in listed:
                err(f"stories/{f}: not listed in stories.tsv")

    # labels.tsv
    label_rows = read_tsv(os.path.join(base, "labels.tsv"), LABEL_HEADER, "labels.tsv")
    verdicts = collections.Counter()
    per_story = collections.defaultdict(collections.Counter)
    seen_rows = set()
    for k, r in label_rows:
        where = f"labels.tsv:{k}"
        sid = r["story"]
        if sid not in stories:
            err(f"{where}: unknown story {sid!r}")
            continue
        fa, fb = stories[sid]
        if r["file_a"] != fa or r["file_b"] != fb:
            err(f"{where}: files {r['file_a']},{r['file_b']} do not match {sid} ({fa},{fb})")
            continue
        if r["verdict"] not in VERDICTS:
            err(f"{where}: verdict {r['verdict']!r} not one of {VERDICTS}")
        else:
            verdicts[r["verdict"]] += 1
            per_story[sid][r["verdict"]] += 1
        if not r["note"].strip():
            err(f"{where}: empty note")
        key = (sid, r["quote_a"], r["figure_a"], r["quote_b"], r["figure_b"])
        if key in seen_rows:
            err(f"{where}: duplicate row")
        seen_rows.add(key)
        for side, fn in (("a", fa), ("b", fb)):
            fig, quote = r["figure_" + side], r["quote_" + side]
            text = texts.get(fn)
            if not fig.strip():
                err(f"{where}: empty figure_{side}")
            if unicodedata.normalize("NFC", fig + quote) != fig + quote:
                err(f"{where}: figure/quote_{side} not NFC")
            if not 30 <= len(quote) <= 120:
                err(f"{where}: quote_{side} has {len(quote)} characters (30-120)")
            if "\n" in quote or "\t" in quote:
                err(f"{where}: quote_{side} contains a line break or tab")
            if fig not in quote:
                err(f"{where}: quote_{side} does not contain figure {fig!r}")
            if text is None:
                continue
            n = count_overlapping(text, quote)
            if n != 1:
                err(f"{where}: quote_{side} occurs {n} times in {fn}: {quote!r}")

    for sid in sorted(stories):
        if sum(per_story[sid].values()) == 0:
            err(f"{sid}: no labels")

    # report
    total = sum(verdicts.values())
    print(f"stories: {len(stories)}   label rows: {total}")
    for v in VERDICTS:
        print(f"  {v:15s} {verdicts[v]}")
    no_conflict = sorted(s for s in stories if per_story[s]["conflict"] == 0)
    with_df = sorted(s for s in stories if per_story[s]["different-fact"] > 0)
    print(f"stories without conflict: {len(no_conflict)} ({', '.join(no_conflict)})")
    print(f"stories with a different-fact pair: {len(with_df)}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
