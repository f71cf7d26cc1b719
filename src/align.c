/*
 * align.c — open claims of different documents aligned into facts (see align.h).
 */
#include "align.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

typedef struct link {
    size_t a, b;         /* claim indices */
    cc_open_match m;
    int margin;
} link;

typedef struct links {
    link *v;
    size_t n, cap;
} links;

/* Best and second-best score of row i (or column, with `stride` and `step` swapped). */
static void best_two(const int *scores, size_t count, size_t stride, size_t *best,
                     int *top, int *second)
{
    *best = SIZE_MAX;
    *top = 0;
    *second = 0;
    for (size_t k = 0; k < count; k++) {
        int s = scores[k * stride];
        if (s > *top) {
            *second = *top;
            *top = s;
            *best = k;
        } else if (s > *second) {
            *second = s;
        }
    }
}

/*
 * A time of day, an age, a score, an identifier or a quantity of one dimension (a power,
 * an area, a depth) that each report states once is most likely the same one ("lúc 7h30"
 * and "khoảng 9 giờ" of one fire; the victim's "43 tuổi" and "45 tuổi"; "khoảng 1.000
 * MW" and "1.200 MW"): being the only one of its kind is evidence of its own.
 */
#define UNIQUE_KIND_BONUS 4
/* ... in a short report: in a long one, one time of day among many figures says little */
#define UNIQUE_KIND_MAX_CLAIMS 12

/*
 * Two figures that share some words and the same value most likely state the same
 * fact ("9 người chết" in both reports): that they agree is evidence of its own, and
 * aligning them keeps either from being compared with a look-alike of another value.
 */
#define SAME_VALUE_BONUS 2

static bool only_one_of_kind(const cc_run *run, const size_t *claims, size_t n,
                             const cc_open_fact *f)
{
    bool quantity = f->kind == CC_FIG_QUANTITY; /* one power, one area, one depth */
    if (f->kind != CC_FIG_TIME && f->kind != CC_FIG_AGE && f->kind != CC_FIG_SCORE &&
        f->kind != CC_FIG_IDENTIFIER && !quantity)
        return false;
    if (n > UNIQUE_KIND_MAX_CLAIMS)
        return false;
    size_t count = 0;
    for (size_t i = 0; i < n && count < 2; i++) {
        const cc_open_fact *g = run->claims[claims[i]].open;
        count += g->kind == f->kind && (!quantity || g->dim == f->dim);
    }
    return count == 1;
}

/* Links the mutual best matches between the open claims a[0..na) and b[0..nb). */
static void link_documents(const cc_run *run, const cc_open_common *common, const size_t *a,
                           size_t na, const size_t *b, size_t nb, links *out)
{
    if (!na || !nb)
        return;
    int *scores = cc_xcalloc(na * nb, sizeof *scores);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            const cc_open_fact *fa = run->claims[a[i]].open, *fb = run->claims[b[j]].open;
            int s = cc_open_compare(fa, fb, common).score;
            /* an identifier is also a code, a model or a photo's number: it needs a shared
             * word ("biển số") besides being the only one */
            int needed = fa->kind == CC_FIG_IDENTIFIER ? 1 : 0;
            if (s >= needed && only_one_of_kind(run, a, na, fa) &&
                only_one_of_kind(run, b, nb, fb))
                s += UNIQUE_KIND_BONUS;
            if (s > 0 && fa->kind != CC_FIG_IDENTIFIER && cc_open_values_meet(fa, fb))
                s += SAME_VALUE_BONUS;
            scores[i * nb + j] = s > 0 ? s : 0;
        }
    for (size_t i = 0; i < na; i++) {
        size_t j, back;
        int top, second, top_b, second_b;
        best_two(scores + i * nb, nb, 1, &j, &top, &second);
        if (j == SIZE_MAX || top < CC_ALIGN_MIN_SCORE)
            continue;
        best_two(scores + j, na, nb, &back, &top_b, &second_b);
        if (back != i)
            continue; /* not each other's best match */
        CC_GROW(out->v, out->cap, out->n + 1);
        link *l = &out->v[out->n++];
        l->a = a[i];
        l->b = b[j];
        l->m = cc_open_compare(run->claims[a[i]].open, run->claims[b[j]].open, common);
        l->m.score = top; /* with the bonus of a kind each states once */
        int m1 = top - second, m2 = top_b - second_b;
        l->margin = m1 < m2 ? m1 : m2;
    }
    free(scores);
}

static size_t find_root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static bool open_claim_of_run(const cc_run *run, const cc_claim *c)
{
    return c->open && c->doc >= 0 && (size_t)c->doc < run->ndocs;
}

/* The open claims of each document, at most CC_ALIGN_MAX_CLAIMS each; arrays of the
 * size each needs (an audit loads thousands of documents). */
static size_t **claims_by_document(const cc_run *run, size_t **counts)
{
    size_t **by = cc_xcalloc(run->ndocs ? run->ndocs : 1, sizeof *by);
    size_t *n = cc_xcalloc(run->ndocs ? run->ndocs : 1, sizeof *n);
    for (size_t i = 0; i < run->nclaims; i++)
        if (open_claim_of_run(run, &run->claims[i]) && n[run->claims[i].doc] < CC_ALIGN_MAX_CLAIMS)
            n[run->claims[i].doc]++;
    for (size_t d = 0; d < run->ndocs; d++) {
        by[d] = n[d] ? cc_xcalloc(n[d], sizeof **by) : NULL;
        n[d] = 0;
    }
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *c = &run->claims[i];
        if (open_claim_of_run(run, c) && n[c->doc] < CC_ALIGN_MAX_CLAIMS)
            by[c->doc][n[c->doc]++] = i;
    }
    *counts = n;
    return by;
}

static int cmp_link_score(const void *x, const void *y)
{
    const link *a = x, *b = y;
    if (a->m.score != b->m.score)
        return a->m.score > b->m.score ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* The documents of each group, as a list per root: a group states one fact once per
 * document, so a link that would put two claims of one document together is dropped
 * (links are taken strongest first). */
typedef struct doc_list {
    int *v;
    size_t n;
} doc_list;

static bool docs_overlap(const doc_list *a, const doc_list *b)
{
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (a->v[i] == b->v[j])
                return true;
    return false;
}

static void join(size_t *parent, doc_list *docs, size_t ra, size_t rb)
{
    docs[rb].v = cc_xrealloc(docs[rb].v, (docs[rb].n + docs[ra].n) * sizeof *docs[rb].v);
    memcpy(docs[rb].v + docs[rb].n, docs[ra].v, docs[ra].n * sizeof *docs[ra].v);
    docs[rb].n += docs[ra].n;
    free(docs[ra].v);
    docs[ra] = (doc_list){NULL, 0};
    parent[ra] = rb;
}

static size_t groups_from_links(const cc_run *run, links *l, cc_aligned **out)
{
    size_t *parent = cc_xcalloc(run->nclaims ? run->nclaims : 1, sizeof *parent);
    doc_list *docs = cc_xcalloc(run->nclaims ? run->nclaims : 1, sizeof *docs);
    for (size_t i = 0; i < run->nclaims; i++) {
        parent[i] = i;
        docs[i].v = cc_xcalloc(1, sizeof *docs[i].v);
        docs[i].v[0] = run->claims[i].doc;
        docs[i].n = 1;
    }
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, cmp_link_score);
    size_t kept = 0;
    for (size_t k = 0; k < l->n; k++) {
        size_t ra = find_root(parent, l->v[k].a), rb = find_root(parent, l->v[k].b);
        if (ra == rb || docs_overlap(&docs[ra], &docs[rb]))
            continue;
        join(parent, docs, ra, rb);
        l->v[kept++] = l->v[k];
    }
    l->n = kept;
    for (size_t i = 0; i < run->nclaims; i++)
        free(docs[i].v);
    free(docs);
    size_t *group_of = cc_xcalloc(run->nclaims ? run->nclaims : 1, sizeof *group_of);
    for (size_t i = 0; i < run->nclaims; i++)
        group_of[i] = SIZE_MAX;
    cc_aligned *g = NULL;
    size_t ng = 0, cap = 0;
    for (size_t k = 0; k < l->n; k++) { /* each linked root gets a group, in link order */
        size_t r = find_root(parent, l->v[k].a);
        if (group_of[r] == SIZE_MAX) {
            CC_GROW(g, cap, ng + 1);
            memset(&g[ng], 0, sizeof g[ng]);
            g[ng].score = INT_MAX;
            g[ng].margin = INT_MAX;
            g[ng].same_time = true;
            group_of[r] = ng++;
        }
        cc_aligned *x = &g[group_of[r]];
        const link *lk = &l->v[k];
        if (lk->m.score < x->score)
            x->score = lk->m.score;
        if (lk->margin < x->margin)
            x->margin = lk->margin;
        x->same_time &= lk->m.same_time;
        x->noun_only |= lk->m.noun_only;
        if (lk->m.score > x->best) {
            x->best = lk->m.score;
            memcpy(x->why, lk->m.why, sizeof x->why);
        }
    }
    for (size_t i = 0; i < run->nclaims; i++) { /* members, in claim order */
        if (!run->claims[i].open)
            continue;
        size_t r = find_root(parent, i);
        if (group_of[r] == SIZE_MAX)
            continue;
        cc_aligned *x = &g[group_of[r]];
        x->claims = cc_xrealloc(x->claims, (x->n + 1) * sizeof *x->claims);
        x->claims[x->n++] = i;
    }
    free(group_of);
    free(parent);
    *out = g;
    return ng;
}

/* The words near more than one open claim in COMMON_SHARE (and near at least
 * COMMON_MIN of them) are the story's words, not a figure's. */
#define COMMON_SHARE 6
#define COMMON_MIN 5

/* The common words of one story: the open claims of docs[0..ndocs), a reprint's left out
 * (its words are its original's: counted twice they would look common). */
static void common_words(const cc_run *run, const size_t *docs, size_t ndocs,
                         size_t *const *by, const size_t *n, cc_open_common *out)
{
    size_t total = 0;
    for (size_t k = 0; k < ndocs; k++)
        total += n[docs[k]];
    const cc_open_fact **facts = cc_xcalloc(total ? total : 1, sizeof *facts);
    size_t m = 0;
    for (size_t k = 0; k < ndocs; k++) {
        if (run->docs[docs[k]].duplicate_of >= 0)
            continue;
        for (size_t i = 0; i < n[docs[k]]; i++)
            facts[m++] = run->claims[by[docs[k]][i]].open;
    }
    cc_open_common_build(facts, m, COMMON_SHARE, COMMON_MIN, out);
    free(facts);
}

/* Links the open claims of every pair of documents of one story, docs[0..ndocs). */
static void link_story(const cc_run *run, const size_t *docs, size_t ndocs, size_t *const *by,
                       const size_t *n, links *l)
{
    if (ndocs < 2)
        return;
    cc_open_common common;
    common_words(run, docs, ndocs, by, n, &common);
    for (size_t i = 0; i < ndocs; i++)
        for (size_t j = i + 1; j < ndocs; j++)
            link_documents(run, &common, by[docs[i]], n[docs[i]], by[docs[j]], n[docs[j]], l);
    cc_open_common_free(&common);
}

static const cc_run *story_run; /* qsort has no context argument in C11 */

static int cmp_doc_story(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int64_t sx = story_run->docs[x].story, sy = story_run->docs[y].story;
    if (sx != sy)
        return sx < sy ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The run's documents grouped by story (documents without one are left out), in
 * docs[0..*n), with each story's documents together; without stories (a check of the
 * documents given), all of them are one story. Documents without open claims (nclaims[d]
 * is 0) are left out too: they link with nothing and add no common word, and an audit
 * with a rulebook (every document, none with an open claim) would otherwise go through
 * every pair of the archive's documents. */
static size_t *documents_by_story(const cc_run *run, const size_t *nclaims, size_t *n)
{
    size_t *docs = cc_xcalloc(run->ndocs ? run->ndocs : 1, sizeof *docs);
    size_t m = 0;
    for (size_t d = 0; d < run->ndocs; d++)
        if ((!run->stories || run->docs[d].story >= 0) && nclaims[d] > 0)
            docs[m++] = d;
    if (run->stories && m > 1) {
        story_run = run;
        qsort(docs, m, sizeof *docs, cmp_doc_story);
    }
    *n = m;
    return docs;
}

size_t cc_align_open(const cc_run *run, cc_aligned **out)
{
    size_t *n;
    size_t **by = claims_by_document(run, &n);
    links l = {0};
    size_t ndocs;
    size_t *docs = documents_by_story(run, n, &ndocs);
    for (size_t i = 0; i < ndocs;) { /* one story at a time: never across stories */
        size_t j = i + 1;
        while (j < ndocs && (!run->stories || run->docs[docs[j]].story == run->docs[docs[i]].story))
            j++;
        link_story(run, docs + i, j - i, by, n, &l);
        i = j;
    }
    free(docs);
    for (size_t d = 0; d < run->ndocs; d++)
        free(by[d]);
    free(by);
    free(n);
    size_t ng = groups_from_links(run, &l, out);
    free(l.v);
    return ng;
}

void cc_aligned_free(cc_aligned *groups, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(groups[i].claims);
    free(groups);
}

/* ---- one story ------------------------------------------------------------------- */

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct lowercase words (three bytes or more, no digit, no function word) of the
 * sentences of one document's open claims, sorted. */
static size_t document_words(const cc_run *run, int doc, char ***out)
{
    char **w = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *c = &run->claims[i];
        if (c->doc != doc || !c->open || !c->sentence)
            continue;
        cc_buf low = CC_BUF_INIT;
        cc_lowercase(c->sentence, strlen(c->sentence), &low);
        for (size_t k = 0, len; k < low.len;) {
            size_t start = k;
            bool digit = false;
            while (k < low.len) {
                int32_t cp = cc_utf8_decode(low.data + k, low.len - k, &len);
                if (cp < 0 || !(cc_is_alnum(cp) || cc_is_mark(cp)))
                    break;
                digit |= cp >= '0' && cp <= '9';
                k += len;
            }
            char *word = k - start >= 3 && !digit ? cc_xstrndup(low.data + start, k - start)
                                                  : NULL;
            if (word && cc_open_function_word(word)) {
                free(word);
                word = NULL;
            }
            if (word) {
                CC_GROW(w, cap, n + 1);
                w[n++] = word;
            }
            if (k == start) {
                cc_utf8_decode(low.data + k, low.len - k, &len);
                k += len;
            }
        }
        cc_buf_free(&low);
    }
    if (n > 1)
        qsort(w, n, sizeof *w, cmp_str_ptr);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && strcmp(w[u - 1], w[i]) == 0)
            free(w[i]);
        else
            w[u++] = w[i];
    }
    *out = w;
    return u;
}

static size_t shared_words(char **a, size_t na, char **b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        int c = strcmp(a[i], b[j]);
        k += c == 0;
        i += c <= 0;
        j += c >= 0;
    }
    return k;
}

void cc_check_one_story(cc_run *run)
{
    if (run->ndocs < 2)
        return;
    char ***words = cc_xcalloc(run->ndocs, sizeof *words);
    size_t *n = cc_xcalloc(run->ndocs, sizeof *n);
    for (size_t d = 0; d < run->ndocs; d++)
        n[d] = document_words(run, (int)d, &words[d]);
    for (size_t d = 0; d < run->ndocs; d++) {
        if (!n[d])
            continue;
        double best = 0; /* the largest share of words in common with another document */
        size_t others = 0;
        for (size_t e = 0; e < run->ndocs; e++)
            if (e != d && n[e]) {
                size_t k = shared_words(words[d], n[d], words[e], n[e]);
                double share = (double)k / (double)(n[d] < n[e] ? n[d] : n[e]);
                best = share > best ? share : best;
                others++;
            }
        if (others && best < CC_STORY_MIN_SHARE)
            cc_warn(&run->diags, CC_DIAG_INPUT, run->docs[d].path,
                    "'%s' shares few words with the other documents (%.0f%% at most): is it a "
                    "report of the same story? Its figures were compared with theirs",
                    run->docs[d].path, best * 100);
    }
    for (size_t d = 0; d < run->ndocs; d++) {
        for (size_t i = 0; i < n[d]; i++)
            free(words[d][i]);
        free(words[d]);
    }
    free(words);
    free(n);
}
