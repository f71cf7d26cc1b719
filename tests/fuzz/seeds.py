#!/usr/bin/env python3
"""Writes the byte-level fuzz seeds that are not text (UTF-16, NUL, invalid UTF-8)
into a corpus folder at fuzz time, so that no binary file is committed.

usage: seeds.py HARNESS OUTDIR   (HARNESS: fuzz_reader or fuzz_report; others: nothing)
The first byte of each seed is the harness's option byte (read size, layout)."""
import os, sys

SEEDS = {
    'fuzz_reader': {
        'frontmatter': b'\x00---\ndate: 2020-08-26\nsource: VnExpress\ntitle: "Vi\xe1\xbb\x87t Nam"\n---\nVi\xe1\xbb\x87t Nam \xc4\x91\xe1\xba\xa1t 88,53%\r\n',
        'nfd_bad': b'\x03\xef\xbb\xbfVie\xcc\x82\xcc\xa3t Nam \xc4\x91a\xcc\xa3t 88,53%\rcaf\xe9 26/8\r\n\xe2\x82X\xed\xa0\x80',
        'utf16be': b'\x05\xfe\xff\x00a\x1e\xa1\x00\r\x00\n\x00b',
        'utf16le': b'\x02\xff\xfeH\x00\xe0\x00\n\x00=\xd8\x00\xde\x00\xd8x\x00',
        'yamlerr': b'\x01---\ntitle: [x\n---\nbody\n',
    },
    'fuzz_report': {
        'seed1': b'AAAAAAAAAAAAAAAA\xe3\x80\x90Tin\xe3\x80\x91 Vi\xe1\xbb\x87t Nam 24/47 ch\xc3\xa2u \xc3\x81\x0024/47\x00x\xe1\xba\xbfp 24/47\x00a.txt\x00msg',
        'seed2': b'\x05\x00\x00\x00 \x00\x00\x000\x00\x00\x00\xe4\x07\x03\x06xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx50%yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\t\x1b[31m\x0050%\x00a\x00dir/c.txt\x00the target differs',
    },
}

harness, outdir = sys.argv[1], sys.argv[2]
os.makedirs(outdir, exist_ok=True)
for name, data in SEEDS.get(harness, {}).items():
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)
