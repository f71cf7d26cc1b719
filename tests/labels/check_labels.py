#!/usr/bin/env python3
"""Validate tests/labels/stories.tsv and labels.tsv against the corpus.

Checks: header lines; UTF-8 NFC; no empty required field; every file exists in the corpus
and in MANIFEST.tsv; every story has files from at least 2 different outlets; every label's
story exists and both files belong to it, from different reports; every quote occurs exactly
once in its article (NFC, CRLF removed) and contains its figure; quotes are single-line and
40-200 characters (a shorter quote is allowed only when it is the whole paragraph); verdicts
are valid; conflict and different-fact rows carry a note.
The corpus is ../../../shared/corpus (or $CROSSCHECK_CORPUS); when it is absent this prints
one line "SKIP: ..." and exits 0.
"""
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get('CROSSCHECK_CORPUS') or os.path.normpath(
    os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))
sys.path.insert(0, HERE)
from corpus import article_reader, manifest  # noqa: E402

VERDICTS = {'agree', 'compatible', 'conflict', 'different-fact'}
STORY_COLS = ['story', 'files', 'outlets', 'topic', 'summary']
LABEL_COLS = ['story', 'file_a', 'figure_a', 'quote_a', 'file_b', 'figure_b', 'quote_b',
              'verdict', 'note']


def read_tsv(name, cols, errors):
    path = os.path.join(HERE, name)
    rows = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0].split('\t') != cols:
        errors.append('%s:1: header must be %s' % (name, '\\t'.join(cols)))
        return rows
    for n, line in enumerate(lines[1:], 2):
        if '\r' in line:
            errors.append('%s:%d: carriage return' % (name, n))
        if unicodedata.normalize('NFC', line) != line:
            errors.append('%s:%d: not NFC' % (name, n))
        c = line.split('\t')
        if len(c) != len(cols):
            errors.append('%s:%d: %d fields, want %d' % (name, n, len(c), len(cols)))
            continue
        rows.append((n, dict(zip(cols, c))))
    return rows


def main():
    if not os.path.isfile(os.path.join(CORPUS, 'MANIFEST.tsv')):
        print('SKIP: corpus not found at %s' % CORPUS)
        return 0
    outlet = manifest(CORPUS)
    text = article_reader(CORPUS, lone_cr=False)

    errors = []
    stories = {}
    for n, s in read_tsv('stories.tsv', STORY_COLS, errors):
        where = 'stories.tsv:%d' % n
        if s['story'] in stories:
            errors.append('%s: duplicate story %s' % (where, s['story']))
        files = s['files'].split(',')
        for k in STORY_COLS:
            if not s[k].strip():
                errors.append('%s: empty %s' % (where, k))
        ok = True
        for p in files:
            if p not in outlet or not os.path.isfile(os.path.join(CORPUS, p)):
                errors.append('%s: no such corpus file %s' % (where, p))
                ok = False
        if ok:
            outs = [outlet[p] for p in files]
            if s['outlets'].split(',') != outs:
                errors.append('%s: outlets %s, manifest says %s' % (where, s['outlets'], ','.join(outs)))
            if len(set(outs)) < 2:
                errors.append('%s: fewer than 2 outlets' % where)
            if not 2 <= len(files) <= 4:
                errors.append('%s: %d reports, want 2-4' % (where, len(files)))
        stories[s['story']] = set(files)
    counts = {}
    for n, r in read_tsv('labels.tsv', LABEL_COLS, errors):
        where = 'labels.tsv:%d' % n
        counts[r['verdict']] = counts.get(r['verdict'], 0) + 1
        if r['verdict'] not in VERDICTS:
            errors.append('%s: bad verdict %r' % (where, r['verdict']))
        if r['verdict'] in ('conflict', 'different-fact') and not r['note'].strip():
            errors.append('%s: %s needs a note' % (where, r['verdict']))
        if r['story'] not in stories:
            errors.append('%s: unknown story %s' % (where, r['story']))
            continue
        if r['file_a'] == r['file_b']:
            errors.append('%s: file_a and file_b are the same report' % where)
        for side in ('a', 'b'):
            p, fig, q = r['file_' + side], r['figure_' + side], r['quote_' + side]
            if p not in stories[r['story']]:
                errors.append('%s: %s not in story %s' % (where, p, r['story']))
                continue
            if not fig.strip() or not q.strip():
                errors.append('%s: empty figure or quote %s' % (where, side))
                continue
            if fig not in q:
                errors.append('%s: figure_%s %r not in its quote' % (where, side, fig))
            t = text(p)
            k = t.count(q)
            if k != 1:
                errors.append('%s: quote_%s found %d times in %s' % (where, side, k, p))
                continue
            if '\n' in q:
                errors.append('%s: quote_%s spans lines' % (where, side))
            whole_line = ('\n' + q.strip() + '\n') in ('\n' + '\n'.join(
                x.strip() for x in t.split('\n')) + '\n')
            if len(q) > 200 or (len(q) < 40 and not whole_line):
                errors.append('%s: quote_%s is %d characters' % (where, side, len(q)))
    for e in errors:
        print(e)
    total = sum(counts.values())
    summary = ', '.join('%s %d' % (v, counts.get(v, 0)) for v in sorted(VERDICTS))
    if errors:
        print('FAIL: %d errors (%d stories, %d labels: %s)' % (len(errors), len(stories), total, summary))
        return 1
    print('OK: %d stories, %d labels (%s)' % (len(stories), total, summary))
    return 0


if __name__ == '__main__':
    sys.exit(main())
