"""The benchmark corpus as the label tools read it, in one place: MANIFEST.tsv (each
article's path and outlet) and article text (NFC, line breaks made '\\n')."""
import os
import re
import unicodedata

OUTLET = re.compile(r'^[A-Z]{2}_\s*([A-Z]+)_')


def outlet_of(source_path):
    """Outlet code from the VNTC file name: 'PL_TT_T_ (12).txt' -> 'TT'."""
    name = source_path.rsplit('/', 1)[-1]
    m = OUTLET.match(name)
    return m.group(1) if m else '?'


def manifest(corpus):
    """{article path: outlet code} from corpus/MANIFEST.tsv, in its order."""
    outlets = {}
    with open(os.path.join(corpus, 'MANIFEST.tsv'), encoding='utf-8') as f:
        next(f)
        for line in f:
            cols = line.rstrip('\n').split('\t')
            outlets[cols[0]] = outlet_of(cols[2])
    return outlets


def read_text(path, lone_cr=True):
    """The file's text in NFC with CRLF (and a lone CR unless lone_cr is False) made '\\n'."""
    with open(path, encoding='utf-8') as f:
        raw = f.read().replace('\r\n', '\n')
    if lone_cr:
        raw = raw.replace('\r', '\n')
    return unicodedata.normalize('NFC', raw)


def article_reader(corpus, lone_cr=True):
    """A function from an article path (relative to corpus) to its text, each read once."""
    cache = {}

    def text(p):
        if p not in cache:
            cache[p] = read_text(os.path.join(corpus, p), lone_cr)
        return cache[p]
    return text
