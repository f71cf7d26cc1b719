#!/usr/bin/env python3
"""Writes COUNT article files made from the seed articles, with their figures varied, for
archive tests and benchmarks (the shipped rulebook extracts claims from them).

usage: articles.py OUTDIR COUNT [PREFIX]

File i is seed i % 5 (fixtures/seeds/*.txt, sorted) with every figure that is not a year
moved by a small deterministic amount (so no two files share their bytes, and groups
hold several values), written as OUTDIR/PREFIX<i, 6 digits>_<seed name>."""
import glob, os, random, re, sys

out, count = sys.argv[1], int(sys.argv[2])
prefix = sys.argv[3] if len(sys.argv) > 3 else "a"
seeds = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "../../../fixtures/seeds/*.txt")))
texts = [(os.path.basename(p), open(p, encoding="utf-8").read()) for p in seeds]
os.makedirs(out, exist_ok=True)
number = re.compile(r"(?<![\d.,])\d+(?![\d])")


def vary(text, rng):
    def one(m):
        s = m.group(0)
        if len(s) == 4 and s[:2] in ("19", "20"):
            return s  # a year: scopes and dates stay as written
        if rng.random() < 0.7:
            return s
        v = int(s) + rng.choice((-2, -1, 1, 2))
        return str(max(v, 1)).zfill(len(s)) if s.startswith("0") else str(max(v, 1))
    return number.sub(one, text)


rng = random.Random(20201126)
for i in range(count):
    name, text = texts[i % len(texts)]
    body = vary(text, rng) + "\n(bản %d)\n" % i
    with open(os.path.join(out, "%s%06d_%s" % (prefix, i, name)), "w", encoding="utf-8") as f:
        f.write(body)
