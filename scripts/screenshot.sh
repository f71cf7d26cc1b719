#!/bin/sh
# screenshot.sh BIN OUTPNG — renders the HTML report of the seed articles in headless
# Chromium and saves a 1200x1600 PNG (docs/report.png is made this way).
#
#   sh scripts/screenshot.sh build/crosscheck docs/report.png
#
# Needs Debian's `chromium` (apt-get install chromium) and python3. The PNG is then
# re-encoded with a 256-colour palette (pure Python, zlib level 9), which keeps text
# crisp and the file small enough to live in the repository.
set -u
if [ $# -ne 2 ]; then
  echo "usage: $0 BIN OUTPNG" >&2
  exit 2
fi
bin=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "screenshot.sh: chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && "$bin" check --rules rules/egov-vn.yaml --format html -o "$tmp/report.html" \
  fixtures/seeds/*.txt)
rc=$?
if [ "$rc" -gt 1 ] || [ ! -s "$tmp/report.html" ]; then
  echo "screenshot.sh: '$bin check' failed (exit $rc)" >&2
  exit 2
fi

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars --screenshot="$tmp/raw.png" \
  --window-size=1200,1600 "file://$tmp/report.html" >"$tmp/chromium.log" 2>&1
if [ ! -s "$tmp/raw.png" ]; then
  echo "screenshot.sh: chromium made no screenshot:" >&2
  tail -n 5 "$tmp/chromium.log" >&2
  exit 2
fi

python3 - "$tmp/raw.png" "$out" <<'PY'
"""Re-encodes an 8-bit RGB or RGBA PNG with a palette of 256 of its colours (every other
colour goes to the nearest of them), unfiltered rows, zlib level 9."""
import struct, sys, zlib

def chunks(data):
    pos = 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + n]
        pos += 12 + n

def unfilter(raw, width, height, bpp):
    stride, rows, prev, i = width * bpp, [], bytearray(width * bpp), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return rows

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

data = open(sys.argv[1], "rb").read()
idat = b""
for kind, body in chunks(data):
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
if depth != 8 or ctype not in (2, 6):
    open(sys.argv[2], "wb").write(data)
    sys.exit(0)
bpp = 3 if ctype == 2 else 4
rows = unfilter(zlib.decompress(idat), width, height, bpp)
counts = {}
for row in rows:
    for x in range(0, len(row), bpp):
        px = row[x:x + 3]
        counts[px] = counts.get(px, 0) + 1
# The most frequent colours first, but each at some distance from those already taken,
# so that a rare colour (a small blue figure) keeps a slot of its own; then the rest.
ranked = sorted(counts, key=lambda c: (-counts[c], c))
palette = []
for limit in (300, 60, 0):
    for c in ranked:
        if len(palette) == 256:
            break
        if c not in palette and all(sum((p - q) ** 2 for p, q in zip(c, t)) > limit for t in palette):
            palette.append(c)
index = {c: i for i, c in enumerate(palette)}
for c in counts:
    if c not in index:
        index[c] = min(range(len(palette)), key=lambda i: sum((p - q) ** 2 for p, q in zip(c, palette[i])))
out = bytearray()
for row in rows:
    out.append(0)
    out += bytes(index[row[x:x + 3]] for x in range(0, len(row), bpp))
png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
png += chunk(b"PLTE", b"".join(palette))
png += chunk(b"IDAT", zlib.compress(bytes(out), 9))
png += chunk(b"IEND", b"")
open(sys.argv[2], "wb").write(png)
PY
echo "wrote $out ($(wc -c <"$out") bytes)"
