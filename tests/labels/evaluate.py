#!/usr/bin/env python3
"""Precision and recall of crosscheck's findings on the labelled same-story set.

usage: evaluate.py CROSSCHECK [--synthetic] [--rules FILE] [--verbose]

For each story of stories.tsv, runs `CROSSCHECK check --format json --fail-on never` on its
articles (from ../shared/corpus, or $CROSSCHECK_CORPUS) and matches every finding against
labels.tsv. A finding's claims are placed by file and line; a label's figure is placed by
finding its quote in the article (NFC; lines counted as crosscheck counts them). A finding
*hits* a label when it holds a claim at each of the label's two figures: same file, and
either the same line and words, or the same digits elsewhere in that file (a title and its
body state one fact twice). Info findings are counted apart: they are candidates an editor
may look at, not alarms.

  precision = findings at warning or error that hit a labelled conflict
              / all findings at warning or error
  recall    = labelled conflicts hit by a finding at warning or error / labelled conflicts

It also scores open mode's alignments (the report's "alignments"): each aligned pair of
claims at two labelled figures is right (same fact) or wrong (different-fact), and the
labelled same-fact pairs (agree, compatible, conflict) that were aligned are counted.

Findings that hit an agree, compatible or different-fact label are the clear false alarms;
findings that hit no label are counted as false alarms too (every figure two reports state
is labelled). Prints one line per story with --verbose, then the totals. When the corpus
is absent it prints one line "SKIP: ..." and exits 0.
"""
import json
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get('CROSSCHECK_CORPUS') or os.path.normpath(
    os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))


def read_tsv(name, where=HERE):
    with open(os.path.join(where, name), encoding='utf-8') as f:
        lines = [l for l in f.read().split('\n') if l]
    cols = lines[0].split('\t')
    return [dict(zip(cols, l.split('\t'))) for l in lines[1:]]


def article_lines(path):
    """The article's lines as crosscheck numbers them (LF, CRLF or CR end a line), NFC."""
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8', errors='replace')
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    return [unicodedata.normalize('NFC', l) for l in text.split('\n')]


def locate(lines, quote, figure):
    """(line number, character span of the figure in that line) of a label's figure."""
    for i, line in enumerate(lines, 1):
        k = line.find(quote)
        if k >= 0:
            j = quote.find(figure)
            start = k + max(j, 0)
            return i, (start, start + len(figure))
    return None, None


def digits(s):
    return ''.join(c for c in s if c.isdigit())


def claim_hits(claim, path, where):
    """The claim states the label's figure: same file, and either the same line with the
    figure's words, or the figure's digits anywhere in the file (a title and its body
    state the same fact twice, and a finding may quote either)."""
    line, span, figure = where
    if line is None or claim['path'] != path:
        return False
    text = unicodedata.normalize('NFC', claim.get('value_text') or claim.get('text') or '')
    if claim['line'] == line:
        col = claim['column'] - 1
        if col < span[1] and col + len(text) > span[0]:
            return True
    return bool(digits(text)) and digits(text) == digits(figure)


def claim_at(claim, path, where):
    """The claim is the label's figure itself: same file, same line, overlapping words."""
    line, span, _ = where
    if line is None or claim['path'] != path or claim['line'] != line:
        return False
    text = unicodedata.normalize('NFC', claim.get('value_text') or '')
    col = claim['column'] - 1
    return col < span[1] and col + len(text) > span[0]


def score_alignments(report, mine, totals, story_line):
    """Every pair of claims of different documents that open mode aligned, against the
    labels: a same-fact label (agree, compatible, conflict) is a right alignment, a
    different-fact label a wrong one; a labelled same-fact pair left unaligned is missed."""
    aligned = set()
    for g in report.get('alignments', []):
        cl = g['claims']
        for x in range(len(cl)):
            for y in range(x + 1, len(cl)):
                if cl[x]['path'] == cl[y]['path']:
                    continue
                verdict = None
                for k, (lab, pa, wa, pb, wb) in enumerate(mine):
                    if (claim_at(cl[x], pa, wa) and claim_at(cl[y], pb, wb)) or \
                            (claim_at(cl[y], pa, wa) and claim_at(cl[x], pb, wb)):
                        verdict = lab['verdict']
                        aligned.add(k)
                        break
                key = 'align_' + ('unlabelled' if verdict is None else
                                  'wrong' if verdict == 'different-fact' else 'right')
                totals[key] += 1
                if verdict == 'different-fact':
                    story_line.append('  ALIGNED different facts: %s vs %s' %
                                      (cl[x]['value_text'], cl[y]['value_text']))
    for k, m in enumerate(mine):
        if m[0]['verdict'] != 'different-fact':
            totals['same_fact'] += 1
            totals['same_fact_aligned'] += k in aligned
            if k not in aligned:
                story_line.append('  not aligned (%s): %s | %s' %
                                  (m[0]['verdict'], m[0]['quote_a'][-70:], m[0]['quote_b'][-70:]))


def finding_claims(f):
    out = []
    for side in f.get('sides', []):
        out.extend(side.get('claims', []))
    return out


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__.splitlines()[2])
        return 2
    verbose = '--verbose' in args
    args = [a for a in args if a != '--verbose']
    labels_dir, corpus = HERE, CORPUS
    if '--synthetic' in args: # the short two-report stories written for this set
        args = [a for a in args if a != '--synthetic']
        labels_dir = os.path.join(HERE, 'synthetic')
        corpus = os.path.join(labels_dir, 'stories')
    binary, extra = args[0], args[1:]
    if not os.path.isdir(corpus):
        print('SKIP: no corpus at %s (../shared is not beside this clone)' % corpus)
        return 0
    stories = read_tsv('stories.tsv', labels_dir)
    labels = read_tsv('labels.tsv', labels_dir)
    lines_of = {}
    totals = {'findings': 0, 'hit_conflict': 0, 'hit_other': 0, 'unlabelled': 0,
              'conflicts': 0, 'found': 0, 'info': 0, 'info_hits': 0,
              'align_right': 0, 'align_wrong': 0, 'align_unlabelled': 0, 'same_fact': 0,
              'same_fact_aligned': 0}
    for st in stories:
        files = st['files'].split(',')
        paths = [os.path.join(corpus, f) for f in files]
        for f, p in zip(files, paths):
            lines_of[f] = article_lines(p)
        cmd = [binary, 'check', '--format', 'json', '--fail-on', 'never'] + extra + paths
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            print('%s: exit %d: %s' % (st['story'], out.returncode, out.stderr.strip()[:300]))
            return 1
        report = json.loads(out.stdout)
        mine = []
        for lab in (l for l in labels if l['story'] == st['story']):
            a = locate(lines_of[lab['file_a']], lab['quote_a'], lab['figure_a'])
            b = locate(lines_of[lab['file_b']], lab['quote_b'], lab['figure_b'])
            mine.append((lab, os.path.join(corpus, lab['file_a']), a + (lab['figure_a'],),
                         os.path.join(corpus, lab['file_b']), b + (lab['figure_b'],)))
        found = set()
        story_line = []
        for f in report['findings']:
            claims = finding_claims(f)
            if f['severity'] == 'info':
                totals['info'] += 1
                hit = any(lab['verdict'] == 'conflict' and
                          any(claim_hits(c, pa, wa) for c in claims) and
                          any(claim_hits(c, pb, wb) for c in claims)
                          for lab, pa, wa, pb, wb in mine)
                totals['info_hits'] += hit
                story_line.append('  info%s %s: %s' % (' (hits a conflict)' if hit else '',
                                                       f.get('rule') or f['kind'], f['message'][:140]))
                continue
            totals['findings'] += 1
            verdicts = []
            for k, (lab, pa, wa, pb, wb) in enumerate(mine):
                if any(claim_hits(c, pa, wa) for c in claims) and \
                        any(claim_hits(c, pb, wb) for c in claims):
                    verdicts.append(lab['verdict'])
                    if lab['verdict'] == 'conflict':
                        found.add(k)
            if 'conflict' in verdicts:
                totals['hit_conflict'] += 1
                tag = 'TP'
            elif verdicts:
                totals['hit_other'] += 1
                tag = 'FP(%s)' % verdicts[0]
            else:
                totals['unlabelled'] += 1
                tag = 'FP(unlabelled)'
            story_line.append('  %s %s: %s' % (tag, f.get('rule') or f['kind'], f['message'][:140]))
        score_alignments(report, mine, totals, story_line)
        nconf = sum(1 for m in mine if m[0]['verdict'] == 'conflict')
        totals['conflicts'] += nconf
        totals['found'] += len(found)
        if verbose:
            print('%s: %d findings, %d/%d labelled conflicts found' %
                  (st['story'], len(story_line), len(found), nconf))
            for l in story_line:
                print(l)
            for k, m in enumerate(mine):
                if m[0]['verdict'] == 'conflict' and k not in found:
                    print('  MISSED %s vs %s' % (m[0]['figure_a'], m[0]['figure_b']))
    n = totals['findings']
    precision = totals['hit_conflict'] / n if n else float('nan')
    recall = totals['found'] / totals['conflicts'] if totals['conflicts'] else float('nan')
    print('stories %d, labelled conflicts %d; findings (warning+error) %d: %d hit a conflict, '
          '%d hit another label, %d unlabelled; info findings %d (%d hit a conflict)' %
          (len(stories), totals['conflicts'], n, totals['hit_conflict'], totals['hit_other'],
           totals['unlabelled'], totals['info'], totals['info_hits']))
    print('precision %.2f  recall %.2f (%d/%d)' %
          (precision, recall, totals['found'], totals['conflicts']))
    npairs = totals['align_right'] + totals['align_wrong'] + totals['align_unlabelled']
    print('alignments: %d pairs aligned: %d same fact, %d different facts, %d unlabelled; '
          '%d of %d labelled same-fact pairs aligned' %
          (npairs, totals['align_right'], totals['align_wrong'], totals['align_unlabelled'],
           totals['same_fact_aligned'], totals['same_fact']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
