#!/usr/bin/env python3
"""Writes encoding variants of the seed articles for end-to-end tests.

usage: variants.py KIND OUTDIR   (KIND: crlf-nfd, bom-cr, mixed, cp1258, utf16, binary)
Each variant keeps the file names of fixtures/seeds so reports can be compared."""
import glob, os, sys, unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"  # Windows-1258 writes tones as combining marks


def to_cp1258(text):
    """As Vietnamese text is written in Windows-1258: letters with their vowel marks
    precomposed (â ê ô ă ơ ư đ), tone marks as separate combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out.append(base + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258", errors="replace")


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
    elif kind == "cp1258":  # the legacy Vietnamese code page: invalid as UTF-8
        data = to_cp1258(text)
    elif kind == "utf16":
        data = text.encode("utf-16")  # with a byte order mark
    elif kind == "binary":
        data = text.encode()[:200] + b"\x00\x01\x02" + text.encode()[200:]
    else:
        sys.exit("unknown kind " + kind)
    open(name, "wb").write(data)
