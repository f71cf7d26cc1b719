#!/usr/bin/env python3
"""What `index` found of stories in an archive of the corpus (docs/archive.md, "Stories").

Reads the archive's stories table, the corpus's MANIFEST.tsv (each article's outlet) and
tests/labels/stories.tsv (hand-made same-event stories), and prints:
  - stories of two or more documents, and of two or more outlets; documents in them;
  - documents marked as reprints of another;
  - recall: how many labelled stories have all their files in one story (and which not);
  - with --sample N: N random stories of two or more outlets (--seed), each with the first
    line (the title) of its documents, for reading.
The archive must have been indexed from the corpus folder (paths relative to it) or with
absolute paths under it.

usage: bench/stories.py ARCHIVE [--corpus DIR] [--sample N] [--seed S]
"""
import argparse
import os
import random
import sqlite3
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'labels'))
from corpus import manifest  # noqa: E402

LABELS = os.path.join(HERE, '..', 'tests', 'labels', 'stories.tsv')


def title(path, width=90):
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.strip()
            if line:
                return line[:width]
    return ''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('archive')
    ap.add_argument('--corpus', default=os.path.join(HERE, '..', '..', 'shared', 'corpus'))
    ap.add_argument('--sample', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    outlet = manifest(corpus)
    db = sqlite3.connect(a.archive)
    rows = db.execute("SELECT d.path, t.story_id, t.duplicate_of FROM documents d "
                      "JOIN stories t ON t.document_id = d.id").fetchall()

    def rel(p):
        return os.path.relpath(p, corpus) if os.path.isabs(p) else os.path.normpath(p)
    story, members = {}, defaultdict(list)
    copies = 0
    for path, sid, dup in rows:
        p = rel(path)
        story[p] = sid
        members[sid].append(p)
        copies += dup is not None
    many = [m for m in members.values() if len(m) >= 2]
    outlets = [m for m in many if len({outlet.get(p, '?') for p in m}) >= 2]
    print('documents: %d' % len(rows))
    print('stories of 2+ documents: %d (%d documents, largest %d)' %
          (len(many), sum(map(len, many)), max(map(len, many)) if many else 0))
    print('stories of 2+ outlets: %d' % len(outlets))
    print('documents that reprint another: %d' % copies)
    found, total, missed = 0, 0, []
    with open(LABELS, encoding='utf-8') as f:
        next(f)
        for line in f:
            cols = line.rstrip('\n').split('\t')
            files = cols[1].split(',')
            total += 1
            if all(p in story for p in files) and len({story[p] for p in files}) == 1:
                found += 1
            else:
                missed.append('%s (%s)' % (cols[0], ', '.join(
                    '%s: %d' % (p, len(members[story[p]])) if p in story else p + ': -'
                    for p in files)))
    print('labelled stories found whole: %d of %d' % (found, total))
    for m in missed:
        print('  not whole: %s' % m)
    if a.sample:
        random.seed(a.seed)
        for i, m in enumerate(random.sample(outlets, min(a.sample, len(outlets)))):
            print('story %d (%d documents)' % (i + 1, len(m)))
            for p in sorted(m):
                print('    %s %-3s %s' % (p, outlet.get(p, '?'), title(os.path.join(corpus, p))))
    return 0


if __name__ == '__main__':
    sys.exit(main())
