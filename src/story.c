/*
 * story.c — stories and near-duplicates from the documents' word-pair terms (story.h).
 */
#include "story.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "value.h"

/* ---- terms ------------------------------------------------------------------------- */

#define TERM_SLOTS (2 * CC_STORY_MAX_TERMS) /* a power of two: the set is at most half full */

void cc_story_terms_init(cc_story_terms *t)
{
    memset(t, 0, sizeof *t);
    t->slots = cc_xcalloc(TERM_SLOTS, sizeof *t->slots);
    t->order = cc_xcalloc(CC_STORY_MAX_TERMS, sizeof *t->order);
}

void cc_story_terms_free(cc_story_terms *t)
{
    free(t->slots);
    free(t->order);
    memset(t, 0, sizeof *t);
}

static size_t term_slot(const cc_story_terms *t, uint32_t key)
{
    size_t i = (size_t)(key * 2654435761u) & (TERM_SLOTS - 1);
    while (t->slots[i] && CC_STORY_TERM_KEY(t->slots[i]) != key)
        i = (i + 1) & (TERM_SLOTS - 1);
    return i;
}

/* Records the pair of the last word and this one. A name flag once seen stays. */
static void add_pair(cc_story_terms *t, uint64_t word, bool capital)
{
    if (t->prev) {
        uint64_t h = (t->prev * 0x9E3779B97F4A7C15ull) ^ word;
        h ^= h >> 29;
        uint32_t key = (uint32_t)(h >> 33); /* 31 bits */
        if (!key)
            key = 1; /* 0 marks an empty slot */
        uint32_t term = key << 1 | (capital && t->prev_capital ? CC_STORY_TERM_NAME : 0);
        size_t i = term_slot(t, key);
        if (t->slots[i]) {
            t->slots[i] |= term;
        } else if (t->n < CC_STORY_MAX_TERMS) {
            t->slots[i] = term;
            t->order[t->n++] = key;
        }
    }
    t->prev = word;
    t->prev_capital = capital;
}

void cc_story_terms_add(cc_story_terms *t, const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0 || !(cc_is_alnum(cp) || cc_is_mark(cp))) {
            i += len;
            continue;
        }
        bool capital = cc_to_lower(cp) != cp;
        uint64_t h = 1469598103934665603u; /* FNV-1a over the lowercase word */
        while (i < n && (cp = cc_utf8_decode(s + i, n - i, &len)) >= 0 &&
               (cc_is_alnum(cp) || cc_is_mark(cp))) {
            char enc[4];
            size_t k = cc_utf8_encode(cc_to_lower(cp), enc);
            for (size_t j = 0; j < k; j++)
                h = (h ^ (unsigned char)enc[j]) * 1099511628211u;
            i += len;
        }
        add_pair(t, h ? h : 1, capital);
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

uint32_t *cc_story_terms_detach(cc_story_terms *t, size_t *n)
{
    uint32_t *out = t->n ? cc_xmalloc(t->n * sizeof *out) : NULL;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = term_slot(t, t->order[k]);
        out[k] = t->slots[i];
        t->order[k] = (uint32_t)i;
    }
    /* Emptied slot by slot (not all TERM_SLOTS: the cost follows the document), once every
     * slot is known: emptying one first would cut the probe chain of the next. */
    for (size_t k = 0; k < t->n; k++)
        t->slots[t->order[k]] = 0;
    if (t->n > 1)
        qsort(out, t->n, sizeof *out, cmp_u32); /* keys are distinct: sorted by key too */
    *n = t->n;
    t->n = 0;
    t->prev = 0;
    t->prev_capital = false;
    return out;
}

int32_t cc_story_day(const char *date)
{
    uint64_t y, m, d;
    if (!date || strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
        cc_parse_uint(date, 4, 9999, &y) || cc_parse_uint(date + 5, 2, 12, &m) ||
        cc_parse_uint(date + 8, 2, 31, &d) || !cc_valid_ymd((int)y, (int)m, (int)d))
        return CC_STORY_NO_DAY;
    return cc_days_from_civil((int)y, (int)m, (int)d);
}

/* ---- weights ----------------------------------------------------------------------- */

/* A rare term's weight: its idf (smoothed, so that two documents of a two-document
 * archive still weigh something), twice that for a name. */
static double term_weight(size_t ndocs, size_t df, uint32_t term)
{
    double w = log(1.0 + (double)ndocs / (double)df);
    return term & CC_STORY_TERM_NAME ? w * CC_STORY_NAME_WEIGHT : w;
}

static bool days_apart(int32_t a, int32_t b)
{
    if (a == CC_STORY_NO_DAY || b == CC_STORY_NO_DAY)
        return false;
    int64_t d = (int64_t)a - b;
    return d > CC_STORY_MAX_DAYS || d < -CC_STORY_MAX_DAYS;
}

/* Jaccard index of two sorted term sets, by key. */
static double jaccard(const cc_story_doc *a, const cc_story_doc *b)
{
    size_t i = 0, j = 0, shared = 0;
    while (i < a->nterms && j < b->nterms) {
        uint32_t x = CC_STORY_TERM_KEY(a->terms[i]), y = CC_STORY_TERM_KEY(b->terms[j]);
        shared += x == y;
        i += x <= y;
        j += x >= y;
    }
    size_t all = a->nterms + b->nterms - shared;
    return all ? (double)shared / (double)all : 0;
}

/* Only pairs this close are worth the full Jaccard (a reprint's rare terms are nearly
 * all shared: reprints in the corpus have cosines of 0.7 and more). */
#define DUPLICATE_MIN_COSINE 0.3

/* ---- postings ---------------------------------------------------------------------- */

/* One occurrence of a term: the term (with its flag) and the document. */
typedef struct posting {
    uint32_t term;
    uint32_t doc;
} posting;

static int cmp_posting(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    uint32_t kx = CC_STORY_TERM_KEY(x->term), ky = CC_STORY_TERM_KEY(y->term);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The rare terms (2 <= df <= CC_STORY_MAX_DF) as an inverted index, and the documents'
 * norms over every term with df <= CC_STORY_MAX_DF. */
typedef struct inverted {
    posting *post;           /* rare postings, grouped by term */
    size_t npost;
    size_t *term_start;      /* the postings of rare term k: post[term_start[k]..[k+1]) */
    size_t nterms;
    size_t *doc_start;       /* the rare terms of document d: refs[doc_start[d]..[d+1]) */
    size_t *refs;            /* indices into term_start, per document, by term key */
    double *norm;
    size_t ndocs;            /* documents with terms: N of the idf */
} inverted;

static void inverted_free(inverted *ix)
{
    free(ix->post);
    free(ix->term_start);
    free(ix->doc_start);
    free(ix->refs);
    free(ix->norm);
}

/* Hands every distinct term key with its documents to `sink` (when not NULL), in key
 * order: the documents themselves only while they are fewer than CC_STORY_MAX_DF. */
static void sink_term(const posting *run, size_t df, cc_story_term_sink *sink, void *ctx)
{
    size_t docs[CC_STORY_MAX_DF];
    bool listed = df < CC_STORY_MAX_DF;
    for (size_t p = 0; listed && p < df; p++)
        docs[p] = run[p].doc;
    sink(ctx, CC_STORY_TERM_KEY(run[0].term), listed ? docs : NULL, df);
}

static void inverted_build(const cc_story_doc *docs, size_t n, inverted *ix,
                           cc_story_term_sink *sink, void *ctx)
{
    memset(ix, 0, sizeof *ix);
    assert(n < UINT32_MAX); /* postings hold 32-bit document indices */
    size_t total = 0;
    for (size_t d = 0; d < n; d++) {
        total += docs[d].nterms;
        ix->ndocs += docs[d].nterms > 0;
    }
    posting *all = cc_xmalloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < docs[d].nterms; i++)
            all[k++] = (posting){docs[d].terms[i], (uint32_t)d};
    if (total > 1)
        qsort(all, total, sizeof *all, cmp_posting);
    ix->norm = cc_xcalloc(n ? n : 1, sizeof *ix->norm);
    size_t *count = cc_xcalloc(n + 1, sizeof *count);
    size_t capterms = 0;
    for (size_t i = 0; i < total;) { /* runs of one key: its df */
        size_t j = i + 1;
        while (j < total && CC_STORY_TERM_KEY(all[j].term) == CC_STORY_TERM_KEY(all[i].term))
            j++;
        size_t df = j - i;
        if (sink)
            sink_term(&all[i], df, sink, ctx);
        if (df <= CC_STORY_MAX_DF) {
            for (size_t p = i; p < j; p++) {
                double w = term_weight(ix->ndocs, df, all[p].term);
                ix->norm[all[p].doc] += w * w;
            }
        }
        if (df >= 2 && df <= CC_STORY_MAX_DF) { /* kept, moved to the front (k <= i) */
            CC_GROW(ix->term_start, capterms, ix->nterms + 2);
            ix->term_start[ix->nterms++] = ix->npost;
            for (size_t p = i; p < j; p++) {
                all[ix->npost++] = all[p];
                count[all[p].doc]++;
            }
        }
        i = j;
    }
    CC_GROW(ix->term_start, capterms, ix->nterms + 1);
    ix->term_start[ix->nterms] = ix->npost;
    ix->post = cc_xrealloc(all, (ix->npost ? ix->npost : 1) * sizeof *all);
    for (size_t d = 0; d < n; d++)
        ix->norm[d] = sqrt(ix->norm[d]);
    /* Each document's rare terms, in key order (the postings are). */
    ix->doc_start = cc_xcalloc(n + 1, sizeof *ix->doc_start);
    for (size_t d = 0; d < n; d++)
        ix->doc_start[d + 1] = ix->doc_start[d] + count[d];
    ix->refs = cc_xmalloc((ix->npost ? ix->npost : 1) * sizeof *ix->refs);
    memset(count, 0, (n + 1) * sizeof *count);
    for (size_t t = 0; t < ix->nterms; t++)
        for (size_t p = ix->term_start[t]; p < ix->term_start[t + 1]; p++) {
            size_t d = ix->post[p].doc;
            ix->refs[ix->doc_start[d] + count[d]++] = t;
        }
    free(count);
}

/* The posting of document d in rare term t (present by construction). */
static const posting *posting_of(const inverted *ix, size_t t, size_t d)
{
    size_t lo = ix->term_start[t], hi = ix->term_start[t + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->post[mid].doc < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    assert(lo < ix->term_start[t + 1] && ix->post[lo].doc == d);
    return &ix->post[lo];
}

/* ---- neighbours -------------------------------------------------------------------- */

typedef struct neighbour {
    size_t doc;
    double score;
} neighbour;

typedef struct top {
    neighbour v[CC_STORY_NEIGHBOURS];
    size_t n;
} top;

/* Keeps the best CC_STORY_NEIGHBOURS, by score then by index. */
static void top_add(top *t, size_t doc, double score)
{
    size_t i = t->n;
    while (i > 0 && (t->v[i - 1].score < score ||
                     (t->v[i - 1].score == score && t->v[i - 1].doc > doc)))
        i--;
    if (i >= CC_STORY_NEIGHBOURS)
        return;
    size_t last = t->n < CC_STORY_NEIGHBOURS ? t->n : CC_STORY_NEIGHBOURS - 1;
    memmove(&t->v[i + 1], &t->v[i], (last - i) * sizeof t->v[0]);
    t->v[i] = (neighbour){doc, score};
    if (t->n < CC_STORY_NEIGHBOURS)
        t->n++;
}

static bool top_has(const top *t, size_t doc)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].doc == doc)
            return true;
    return false;
}

/* Dot products of one document with the others through the rare postings, in dense
 * arrays indexed by document; `touched` lists the documents reached. */
typedef struct accum {
    double *dot;
    unsigned *shared;
    size_t *touched;
    size_t ntouched;
} accum;

static void accum_init(accum *a, size_t n)
{
    a->dot = cc_xcalloc(n ? n : 1, sizeof *a->dot);
    a->shared = cc_xcalloc(n ? n : 1, sizeof *a->shared);
    a->touched = cc_xmalloc((n ? n : 1) * sizeof *a->touched);
    a->ntouched = 0;
}

static void accum_free(accum *a)
{
    free(a->dot);
    free(a->shared);
    free(a->touched);
}

static void accum_add(accum *a, size_t doc, double w)
{
    if (!a->shared[doc])
        a->touched[a->ntouched++] = doc;
    a->shared[doc]++;
    a->dot[doc] += w;
}

static void accum_clear(accum *a)
{
    for (size_t i = 0; i < a->ntouched; i++) {
        a->dot[a->touched[i]] = 0;
        a->shared[a->touched[i]] = 0;
    }
    a->ntouched = 0;
}

/* Whether the accumulated pair (a, b) is a candidate link; its cosine in *score. */
static bool linkable(const accum *acc, size_t b, double norm_a, double norm_b, int32_t day_a,
                     int32_t day_b, double *score)
{
    if (acc->shared[b] < CC_STORY_MIN_SHARED || days_apart(day_a, day_b) || norm_a <= 0 ||
        norm_b <= 0)
        return false;
    *score = acc->dot[b] / (norm_a * norm_b);
    return true;
}

/* ---- union-find -------------------------------------------------------------------- */

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Joins the sets of a and b; the smaller index is the root, so a root is its set's
 * first document. */
static void uf_join(size_t *parent, size_t a, size_t b)
{
    size_t ra = uf_find(parent, a), rb = uf_find(parent, b);
    if (ra < rb)
        parent[rb] = ra;
    else if (rb < ra)
        parent[ra] = rb;
}

typedef struct pair {
    size_t a, b;
} pair;

/* Whether document x is an earlier original than y: dated before, then first. */
static bool earlier(const cc_story_doc *docs, size_t x, size_t y)
{
    int32_t dx = docs[x].day, dy = docs[y].day;
    if (dx != dy) {
        if (dx == CC_STORY_NO_DAY)
            return false;
        if (dy == CC_STORY_NO_DAY)
            return true;
        return dx < dy;
    }
    return x < y;
}

/* duplicate_of for every document: each copy points to the earliest of its copies. */
static size_t mark_duplicates(const cc_story_doc *docs, size_t n, const pair *dups,
                              size_t ndups, cc_story_out *out)
{
    size_t *parent = cc_xmalloc((n ? n : 1) * sizeof *parent);
    size_t *first = cc_xmalloc((n ? n : 1) * sizeof *first);
    for (size_t i = 0; i < n; i++)
        parent[i] = first[i] = i;
    for (size_t k = 0; k < ndups; k++)
        uf_join(parent, dups[k].a, dups[k].b);
    for (size_t i = 0; i < n; i++) {
        size_t r = uf_find(parent, i);
        if (earlier(docs, i, first[r]))
            first[r] = i;
    }
    size_t copies = 0;
    for (size_t i = 0; i < n; i++) {
        size_t orig = first[uf_find(parent, i)];
        out[i].duplicate_of = orig == i ? SIZE_MAX : orig;
        copies += orig != i;
    }
    free(parent);
    free(first);
    return copies;
}

void cc_story_group(const cc_story_doc *docs, size_t n, cc_story_out *out,
                    cc_story_stats *stats)
{
    cc_story_group_terms(docs, n, out, stats, NULL, NULL);
}

void cc_story_group_terms(const cc_story_doc *docs, size_t n, cc_story_out *out,
                          cc_story_stats *stats, cc_story_term_sink *sink, void *ctx)
{
    cc_story_stats unused;
    if (!stats)
        stats = &unused;
    memset(stats, 0, sizeof *stats);
    inverted ix;
    inverted_build(docs, n, &ix, sink, ctx);
    top *best = cc_xcalloc(n ? n : 1, sizeof *best);
    pair *dups = NULL;
    size_t ndups = 0, capdups = 0;
    accum acc;
    accum_init(&acc, n);
    for (size_t a = 0; a < n; a++) {
        for (size_t r = ix.doc_start[a]; r < ix.doc_start[a + 1]; r++) {
            size_t t = ix.refs[r];
            size_t df = ix.term_start[t + 1] - ix.term_start[t];
            double wa = term_weight(ix.ndocs, df, posting_of(&ix, t, a)->term);
            for (size_t p = ix.term_start[t]; p < ix.term_start[t + 1]; p++)
                if (ix.post[p].doc != a)
                    accum_add(&acc, ix.post[p].doc, wa * term_weight(ix.ndocs, df, ix.post[p].term));
        }
        for (size_t i = 0; i < acc.ntouched; i++) {
            size_t b = acc.touched[i];
            double score;
            stats->candidates += b > a;
            if (!linkable(&acc, b, ix.norm[a], ix.norm[b], docs[a].day, docs[b].day, &score))
                continue;
            if (score >= CC_STORY_MIN_COSINE)
                top_add(&best[a], b, score);
            if (b > a && score >= DUPLICATE_MIN_COSINE &&
                jaccard(&docs[a], &docs[b]) >= CC_STORY_DUPLICATE) {
                CC_GROW(dups, capdups, ndups + 1);
                dups[ndups++] = (pair){a, b};
            }
        }
        accum_clear(&acc);
    }
    accum_free(&acc);
    size_t *parent = cc_xmalloc((n ? n : 1) * sizeof *parent);
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    for (size_t a = 0; a < n; a++)
        for (size_t k = 0; k < best[a].n; k++) {
            size_t b = best[a].v[k].doc;
            if (b > a && top_has(&best[b], a)) {
                uf_join(parent, a, b);
                stats->links++;
            }
        }
    for (size_t k = 0; k < ndups; k++)
        uf_join(parent, dups[k].a, dups[k].b); /* a reprint is the same story */
    size_t *size = cc_xcalloc(n ? n : 1, sizeof *size);
    for (size_t i = 0; i < n; i++) {
        out[i].story = uf_find(parent, i);
        out[i].norm = ix.norm[i];
        size[out[i].story]++;
    }
    for (size_t i = 0; i < n; i++)
        if (size[i] >= 2) {
            stats->stories++;
            stats->grouped += size[i];
        }
    stats->duplicates = mark_duplicates(docs, n, dups, ndups, out);
    free(size);
    free(parent);
    free(dups);
    free(best);
    inverted_free(&ix);
}

/* ---- a draft against the archive --------------------------------------------------- */

/* The terms the draft and doc share (by key): the draft's index in which[], doc's term
 * (with its own flag) in theirs[]; returns how many. */
static size_t shared_terms(const cc_story_doc *draft, const cc_story_doc *doc, size_t *which,
                           uint32_t *theirs)
{
    size_t i = 0, j = 0, k = 0;
    while (i < draft->nterms && j < doc->nterms) {
        uint32_t x = CC_STORY_TERM_KEY(draft->terms[i]), y = CC_STORY_TERM_KEY(doc->terms[j]);
        if (x == y) {
            which[k] = i;
            theirs[k++] = doc->terms[j];
        }
        i += x <= y;
        j += x >= y;
    }
    return k;
}

size_t cc_story_match(const cc_story_doc *docs, const double *norms, size_t n,
                      const cc_story_doc *draft, size_t out[CC_STORY_NEIGHBOURS + 1])
{
    if (!draft->nterms)
        return 0;
    size_t *df = cc_xcalloc(draft->nterms, sizeof *df);
    size_t *which = cc_xmalloc(draft->nterms * sizeof *which);
    uint32_t *theirs = cc_xmalloc(draft->nterms * sizeof *theirs);
    size_t ndocs = 0;
    for (size_t d = 0; d < n; d++) { /* document frequencies of the draft's terms */
        ndocs += docs[d].nterms > 0;
        size_t k = shared_terms(draft, &docs[d], which, theirs);
        for (size_t i = 0; i < k; i++)
            df[which[i]]++;
    }
    free(which);
    free(theirs);
    size_t m = cc_story_match_df(docs, norms, n, ndocs, df, draft, out);
    free(df);
    return m;
}

size_t cc_story_match_df(const cc_story_doc *docs, const double *norms, size_t n, size_t ndocs,
                         const size_t *archive_df, const cc_story_doc *draft,
                         size_t out[CC_STORY_NEIGHBOURS + 1])
{
    if (!draft->nterms)
        return 0;
    size_t *df = cc_xmalloc(draft->nterms * sizeof *df);
    size_t *which = cc_xmalloc(draft->nterms * sizeof *which);
    uint32_t *theirs = cc_xmalloc(draft->nterms * sizeof *theirs);
    ndocs++; /* the draft */
    double norm = 0;
    for (size_t i = 0; i < draft->nterms; i++) {
        df[i] = archive_df[i] + 1; /* the draft's own */
        if (df[i] <= CC_STORY_MAX_DF) {
            double w = term_weight(ndocs, df[i], draft->terms[i]);
            norm += w * w;
        }
    }
    norm = sqrt(norm);
    top best = {0};
    size_t dup = SIZE_MAX;
    double dup_j = 0;
    for (size_t d = 0; d < n; d++) {
        if (days_apart(draft->day, docs[d].day))
            continue;
        size_t k = shared_terms(draft, &docs[d], which, theirs), rare = 0;
        double dot = 0;
        for (size_t i = 0; i < k; i++) {
            size_t f = df[which[i]];
            if (f < 2 || f > CC_STORY_MAX_DF)
                continue;
            rare++;
            dot += term_weight(ndocs, f, draft->terms[which[i]]) * term_weight(ndocs, f, theirs[i]);
        }
        if (rare < CC_STORY_MIN_SHARED || norm <= 0 || norms[d] <= 0)
            continue;
        double score = dot / (norm * norms[d]);
        if (score >= CC_STORY_MIN_COSINE)
            top_add(&best, d, score);
        double j = score >= DUPLICATE_MIN_COSINE ? jaccard(draft, &docs[d]) : 0;
        if (j >= CC_STORY_DUPLICATE && j > dup_j) {
            dup = d;
            dup_j = j;
        }
    }
    size_t m = 0;
    for (size_t i = 0; i < best.n; i++)
        out[m++] = best.v[i].doc;
    if (dup != SIZE_MAX && !top_has(&best, dup))
        out[m++] = dup;
    free(df);
    free(which);
    free(theirs);
    return m;
}
