#!/usr/bin/env python3
"""Find candidate same-event reports across different outlets in the corpus.

Method (standard library only):
  * every article is read as UTF-8, NFC-normalised, CRLF removed, lowercased;
  * words are runs of letters/digits (\\w+); word n-grams (default 3) are the features;
  * an n-gram occurring in more than --max-df documents is dropped (boilerplate,
    common phrases); the rest are weighted tf * idf, idf = log(N / df);
  * candidate pairs are the document pairs that share at least --min-shared rare
    n-grams (found through an inverted index, never all pairs); their score is the
    TF-IDF cosine over the kept n-grams;
  * pairs from the same outlet are skipped (unless --same-outlet), pairs are merged
    into groups (connected components) for the story view;
  * a pair whose n-gram sets have Jaccard >= --copy is flagged COPY (one text reprinted).

Usage:
  find_stories.py [--corpus DIR] [--n 3] [--max-df 8] [--min-shared 4]
                  [--min-score 0.08] [--top 300] [--groups] [--same-outlet]
Output (tab-separated): score, jaccard, flag, file_a, outlet_a, file_b, outlet_b, title_a | title_b
"""
import argparse
import math
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import manifest, read_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'corpus'))
WORD = re.compile(r'\w+')


def load(corpus):
    return list(manifest(corpus).items())


def shingles(text, n):
    words = WORD.findall(text.lower())
    return Counter(' '.join(words[i:i + n]) for i in range(len(words) - n + 1))


def title(text, width=60):
    for line in text.split('\n'):
        line = line.strip()
        if line:
            return line[:width]
    return ''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=DEFAULT_CORPUS)
    ap.add_argument('--n', type=int, default=3, help='words per n-gram')
    ap.add_argument('--max-df', type=int, default=8, help='drop n-grams in more documents')
    ap.add_argument('--min-shared', type=int, default=4, help='rare n-grams a pair must share')
    ap.add_argument('--min-score', type=float, default=0.08, help='minimum cosine')
    ap.add_argument('--copy', type=float, default=0.6, help='Jaccard at which a pair is a COPY')
    ap.add_argument('--top', type=int, default=300)
    ap.add_argument('--same-outlet', action='store_true', help='also list same-outlet pairs')
    ap.add_argument('--groups', action='store_true', help='print connected groups instead')
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print('SKIP: corpus not found at %s' % args.corpus)
        return 0
    docs = load(args.corpus)
    texts, feats = [], []
    df = Counter()
    for name, _ in docs:
        t = read_text(os.path.join(args.corpus, name))
        texts.append(t)
        s = shingles(t, args.n)
        feats.append(s)
        df.update(s.keys())
    N = len(docs)
    # inverted index of rare n-grams; weighted vectors
    index = defaultdict(list)
    vecs, norms, allsets = [], [], []
    for i, s in enumerate(feats):
        allsets.append(set(s))
        v = {}
        for g, tf in s.items():
            d = df[g]
            if d > args.max_df:
                continue
            w = (1 + math.log(tf)) * math.log(N / d)
            v[g] = w
            if d >= 2:
                index[g].append(i)
        vecs.append(v)
        norms.append(math.sqrt(sum(w * w for w in v.values())) or 1.0)
    shared = Counter()
    for g, lst in index.items():
        for a in range(len(lst)):
            for b in range(a + 1, len(lst)):
                shared[(lst[a], lst[b])] += 1
    rows = []
    for (i, j), k in shared.items():
        if k < args.min_shared:
            continue
        if not args.same_outlet and docs[i][1] == docs[j][1]:
            continue
        vi, vj = vecs[i], vecs[j]
        if len(vi) > len(vj):
            vi, vj = vj, vi
        dot = sum(w * vj[g] for g, w in vi.items() if g in vj)
        cos = dot / (norms[i] * norms[j])
        if cos < args.min_score:
            continue
        si, sj = allsets[i], allsets[j]
        jac = len(si & sj) / max(1, len(si | sj))
        rows.append((cos, jac, i, j))
    rows.sort(reverse=True)

    if args.groups:
        parent = list(range(N))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        best = {}
        for cos, jac, i, j in rows:
            parent[find(i)] = find(j)
        members = defaultdict(list)
        for cos, jac, i, j in rows:
            r = find(i)
            best[r] = max(best.get(r, 0), cos)
            members[r] += [i, j]
        out = sorted(((best[r], sorted(set(m))) for r, m in members.items()), reverse=True)
        for score, m in out[:args.top]:
            outs = sorted({docs[x][1] for x in m})
            print('%.3f\t%s\t%s' % (score, ','.join(outs),
                                    ' '.join('%s[%s]' % (docs[x][0], docs[x][1]) for x in m)))
            for x in m:
                print('\t\t%s  %s' % (docs[x][0], title(texts[x], 90)))
        return 0
    for cos, jac, i, j in rows[:args.top]:
        flag = 'COPY' if jac >= args.copy else '-'
        print('%.3f\t%.3f\t%s\t%s\t%s\t%s\t%s\t%s | %s' % (
            cos, jac, flag, docs[i][0], docs[i][1], docs[j][0], docs[j][1],
            title(texts[i]), title(texts[j])))
    print('# %d documents, %d candidate pairs at cosine >= %.2f' % (N, len(rows), args.min_score),
          file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
