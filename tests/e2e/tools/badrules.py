#!/usr/bin/env python3
"""Writes hostile rulebooks that are too large to commit.

usage: badrules.py KIND PATH   (KIND: billion-laughs, deep, huge)"""
import sys

kind, path = sys.argv[1], sys.argv[2]
with open(path, "w") as f:
    if kind == "billion-laughs":
        f.write("version: 1\nname: lol\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
        for i in range(1, 10):
            f.write("a%d: &a%d [%s]\n" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)))
        f.write("subjects: *a9\n")
    elif kind == "deep":
        f.write("version: 1\nname: deep\nsubjects: " + "[" * 10000 + "]" * 10000 + "\n")
    elif kind == "huge":
        f.write("version: 1\nname: huge\nsubjects:\n")
        line = "  s%07d: {name: Tên, aliases: [Một tên khá dài để làm đầy tệp này]}\n"
        n = 50 * 1024 * 1024 // len(line % 0)
        for i in range(n):
            f.write(line % i)
