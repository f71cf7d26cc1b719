#!/usr/bin/env python3
"""Build stories.tsv and labels.tsv from the hand-written labels.src.

labels.src, one record a line ('#' comments, blank lines ignored), fields split by ' | ':
  STORY | id | files (numbers or paths, comma-separated) | topic | summary
  id | file_a | figure_a | anchor_a | file_b | figure_b | anchor_b | verdict | note
An anchor is a short substring of the article that contains the figure and occurs once
(empty: the figure itself). It is widened to a quote of about 100 characters inside its
paragraph, at word boundaries, and the quote is checked to be unique.
Needs the corpus (../../../shared/corpus); it is a one-off authoring tool, check_labels.py
is what validates the result.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))
sys.path.insert(0, HERE)
from corpus import article_reader, manifest  # noqa: E402

WIDTH = 110


def main():
    man = manifest(CORPUS)
    bynum = {int(k.split('/')[1][:6]): k for k in man}
    text = article_reader(CORPUS)

    def path(x):
        x = x.strip()
        return x if '/' in x else bynum[int(x)]

    def quote(p, fig, anchor, where):
        t = text(p)
        anchor = anchor or fig
        if fig not in anchor:
            sys.exit('%s: figure %r not in anchor %r' % (where, fig, anchor))
        n = t.count(anchor)
        if n != 1:
            sys.exit('%s: anchor %r found %d times in %s' % (where, anchor, n, p))
        i = t.index(anchor)
        ls = t.rfind('\n', 0, i) + 1
        le = t.find('\n', i)
        le = len(t) if le < 0 else le
        pad = max(0, (WIDTH - len(anchor)) // 2)
        s, e = max(ls, i - pad), min(le, i + len(anchor) + pad)
        if s > ls:
            sp = t.find(' ', s, i)
            s = sp + 1 if sp >= 0 else s
        if e < le:
            sp = t.rfind(' ', i + len(anchor), e)
            e = sp if sp >= 0 else e
        q = t[s:e].strip()
        if t.count(q) != 1:
            sys.exit('%s: quote not unique: %r' % (where, q))
        return q

    stories, rows = [], []
    with open(os.path.join(HERE, 'labels.src'), encoding='utf-8') as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            c = [x.strip() for x in re.split(r'\s*\|\s*', line.strip())]
            where = 'labels.src:%d' % ln
            if c[0] == 'STORY':
                files = [path(x) for x in c[2].split(',')]
                outs = [man[p] for p in files]
                stories.append([c[1], ','.join(files), ','.join(outs), c[3], c[4]])
                continue
            if len(c) != 9:
                sys.exit('%s: %d fields' % (where, len(c)))
            sid, fa, ga, aa, fb, gb, ab, verdict, note = c
            pa, pb = path(fa), path(fb)
            rows.append([sid, pa, ga, quote(pa, ga, aa, where), pb, gb, quote(pb, gb, ab, where),
                         verdict, note])
    with open(os.path.join(HERE, 'stories.tsv'), 'w', encoding='utf-8') as f:
        f.write('story\tfiles\toutlets\ttopic\tsummary\n')
        for s in stories:
            f.write('\t'.join(s) + '\n')
    with open(os.path.join(HERE, 'labels.tsv'), 'w', encoding='utf-8') as f:
        f.write('story\tfile_a\tfigure_a\tquote_a\tfile_b\tfigure_b\tquote_b\tverdict\tnote\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    print('%d stories, %d rows' % (len(stories), len(rows)))


if __name__ == '__main__':
    main()
