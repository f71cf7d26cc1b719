#!/usr/bin/env python3
"""Writes encoding variants of the seed articles for end-to-end tests.

usage: variants.py KIND OUTDIR   (KIND: crlf-nfd, bom-cr, mixed, cp1258, utf16, binary)
Each variant keeps the file names of fixtures/seeds so reports can be compared."""
import glob, os, sys, unicodedata

kind, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for path in sorted(glob.glob("fixtures/seeds/*.txt")):
    text = open(path, encoding="utf-8").read()
    name = os.path.join(out, os.path.basename(path))
    if kind == "crlf-nfd":
        data = unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode()
    elif kind == "bom-cr":
        data = b"\xef\xbb\xbf" + text.replace("\n", "\r").encode()
    elif kind == "mixed":  # every other line decomposed
        lines = text.split("\n")
        data = "\n".join(unicodedata.normalize("NFD", l) if i % 2 else l
                         for i, l in enumerate(lines)).encode()
    elif kind == "cp1258":  # a legacy Windows encoding: invalid as UTF-8
        data = unicodedata.normalize("NFD", text).encode("cp1258", errors="replace")
    elif kind == "utf16":
        data = text.encode("utf-16")  # with a byte order mark
    elif kind == "binary":
        data = text.encode()[:200] + b"\x00\x01\x02" + text.encode()[200:]
    else:
        sys.exit("unknown kind " + kind)
    open(name, "wb").write(data)
