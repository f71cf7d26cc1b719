/*
 * checker.c — claims to findings (SPEC §4).
 *
 * Every claim becomes a box of one or two closed intervals (a rank's position and
 * total, a period's start and end, a sum of money and its currency), widened by its
 * rule's tolerance. Two claims agree when their boxes meet in every dimension. A box
 * with an infinite end ("tối thiểu 30%", a rank with no total) is half-bounded: it
 * cannot anchor a side, only join one.
 */
#include "checker.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "date.h"
#include "sha256.h"
#include "story.h"

typedef struct box {
    cc_range d[2];  /* dimension 1 is (-inf, inf) when unused */
} box;

typedef struct group {
    size_t *claims; /* indices into run->claims, in output order */
    size_t n;
} group;

static const cc_range ALL = {-INFINITY, INFINITY};

/* sort() with an empty array: C leaves sort(NULL, 0, ...) undefined, so skip it. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* ---- ordering ----------------------------------------------------------- */

static const cc_run *sort_run; /* qsort has no context argument in C11 */

/* -1, 0 or 1 as x is below, equal to or above y. */
static int order_of(long long x, long long y)
{
    return x < y ? -1 : x > y;
}

static int cmp_claim_order(const void *a, const void *b)
{
    const cc_claim *x = a, *y = b;
    int c = 0;
    if (x->doc != y->doc && /* one document: one path, no need to compare it */
        ((c = strcmp(sort_run->docs[x->doc].path, sort_run->docs[y->doc].path)) ||
         (c = order_of(x->doc, y->doc))))
        return c;
    if ((c = order_of(x->line, y->line)) || (c = order_of(x->column, y->column)))
        return c;
    return strcmp(x->field >= 0 ? sort_run->rb->fields[x->field].id : "",
                  y->field >= 0 ? sort_run->rb->fields[y->field].id : "");
}

/* Field, subject, scope, then the claims' order: one group's claims in output order. */
static int cmp_group_key(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const cc_claim *x = &sort_run->claims[i], *y = &sort_run->claims[j];
    int c;
    if ((c = order_of(x->field, y->field)) || (c = order_of(x->subject, y->subject)) ||
        (c = order_of(x->scope, y->scope)))
        return c;
    return order_of((long long)i, (long long)j);
}

static bool same_group(const cc_claim *x, const cc_claim *y)
{
    return x->field == y->field && x->subject == y->subject && x->scope == y->scope;
}

/* ---- boxes -------------------------------------------------------------- */

/* Widens by the tolerance; an infinite end stays infinite (never 0 × inf = NaN). */
static cc_range widen(cc_range r, const cc_tolerance *t)
{
    if (!t)
        return r;
    if (isfinite(r.lo))
        r.lo -= t->abs + t->rel * fabs(r.lo);
    if (isfinite(r.hi))
        r.hi += t->abs + t->rel * fabs(r.hi);
    return r;
}

static cc_range widen_days(cc_date d, const cc_tolerance *t)
{
    double days = t ? t->days : 0;
    return (cc_range){d.from - days, d.to + days};
}

static double currency_code(const char *c)
{
    return strcmp(c, "VND") == 0 ? 1 : strcmp(c, "USD") == 0 ? 2 : 3;
}

static box claim_box(const cc_value *v, const cc_tolerance *t)
{
    box b = {{ALL, ALL}};
    switch (v->type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
        b.d[0] = widen(v->range, t);
        break;
    case CC_TYPE_MONEY:
        b.d[0] = widen(v->range, t);
        b.d[1] = (cc_range){currency_code(v->currency), currency_code(v->currency)};
        break;
    case CC_TYPE_RANK:
        b.d[0] = widen((cc_range){(double)v->position, (double)v->position}, t);
        if (v->total)
            b.d[1] = widen((cc_range){(double)v->total, (double)v->total}, t);
        break;
    case CC_TYPE_DATE:
        b.d[0] = widen_days(v->start, t);
        break;
    case CC_TYPE_PERIOD:
        b.d[0] = widen_days(v->start, t);
        b.d[1] = widen_days(v->end, t);
        break;
    }
    return b;
}

static int box_dims(cc_type t)
{
    return t == CC_TYPE_MONEY || t == CC_TYPE_RANK || t == CC_TYPE_PERIOD ? 2 : 1;
}

static bool box_bounded(const box *b, int dims)
{
    for (int i = 0; i < dims; i++)
        if (isinf(b->d[i].lo) || isinf(b->d[i].hi))
            return false;
    return true;
}

static bool box_meets(const box *a, const box *b)
{
    for (int i = 0; i < 2; i++)
        if (a->d[i].lo > b->d[i].hi || b->d[i].lo > a->d[i].hi)
            return false;
    return true;
}

static box box_meet(const box *a, const box *b)
{
    box r;
    for (int i = 0; i < 2; i++)
        r.d[i] = (cc_range){fmax(a->d[i].lo, b->d[i].lo), fmin(a->d[i].hi, b->d[i].hi)};
    return r;
}

/* ---- rules -------------------------------------------------------------- */

static const cc_rule *field_rule(const cc_rulebook *rb, int field)
{
    int r = rb->fields[field].rule;
    return r >= 0 ? &rb->rules[r] : NULL;
}

static const cc_tolerance *field_tolerance(const cc_rulebook *rb, int field)
{
    const cc_rule *r = field_rule(rb, field);
    return r ? &r->tolerance : NULL;
}

/* ---- sides -------------------------------------------------------------- */

typedef struct side_build {
    box meet;            /* running intersection of the widened boxes */
    size_t *claims;
    size_t n, cap;
} side_build;

typedef struct sweep_item {
    size_t claim;
    box b;
} sweep_item;

static int cmp_sweep(const void *a, const void *b)
{
    const sweep_item *x = a, *y = b;
    for (int i = 0; i < 2; i++) {
        if (x->b.d[i].lo != y->b.d[i].lo)
            return x->b.d[i].lo < y->b.d[i].lo ? -1 : 1;
        if (x->b.d[i].hi != y->b.d[i].hi)
            return x->b.d[i].hi < y->b.d[i].hi ? -1 : 1;
    }
    return x->claim < y->claim ? -1 : x->claim > y->claim;
}

static void side_add(side_build *s, size_t claim, const box *b, bool first)
{
    CC_GROW(s->claims, s->cap, s->n + 1);
    s->claims[s->n++] = claim;
    s->meet = first ? *b : box_meet(&s->meet, b);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* The document a claim's document reprints, or itself: a text printed twice counts once
 * (duplicate_of is only set when the run has stories: audit, check --db in open mode). */
static int text_of(const cc_run *run, int doc)
{
    long orig = run->docs[doc].duplicate_of;
    return orig >= 0 ? (int)orig : doc;
}

/* The texts of claims[0..n), sorted, each once; returns how many (an audit's group
 * may hold thousands of claims: sort, not pairwise comparison). */
static size_t distinct_docs(const cc_run *run, const size_t *claims, size_t n, int **out)
{
    int *d = cc_xcalloc(n ? n : 1, sizeof *d);
    for (size_t i = 0; i < n; i++)
        d[i] = text_of(run, run->claims[claims[i]].doc);
    sort(d, n, sizeof *d, cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || d[k - 1] != d[i])
            d[k++] = d[i];
    *out = d;
    return k;
}

/* How many documents back these claims, `except_doc` (and the text it reprints) not
 * counted (-1: none excepted). */
static int count_docs(const cc_run *run, const size_t *claims, size_t n, int except_doc)
{
    int *d;
    size_t k = distinct_docs(run, claims, n, &d), docs = k;
    int except = except_doc >= 0 ? text_of(run, except_doc) : -1;
    for (size_t i = 0; i < k; i++)
        docs -= d[i] == except;
    free(d);
    return (int)docs;
}

/* The value a side stands for: the intersection of its claims' own (unwidened)
 * values when they meet exactly, else its first claim's value. */
static cc_value side_value(const cc_run *run, const size_t *claims, size_t n)
{
    cc_value v = run->claims[claims[0]].value;
    box meet = claim_box(&v, NULL);
    for (size_t i = 1; i < n; i++) {
        box b = claim_box(&run->claims[claims[i]].value, NULL);
        if (!box_meets(&meet, &b))
            return v;
        meet = box_meet(&meet, &b);
    }
    switch (v.type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
    case CC_TYPE_MONEY:
        v.range = meet.d[0];
        break;
    case CC_TYPE_RANK:
        for (size_t i = 0; i < n && !v.total; i++)
            v.total = run->claims[claims[i]].value.total;
        break;
    case CC_TYPE_DATE:
        v.start.from = (int32_t)meet.d[0].lo;
        v.start.to = (int32_t)meet.d[0].hi;
        break;
    case CC_TYPE_PERIOD:
        v.start.from = (int32_t)meet.d[0].lo;
        v.start.to = (int32_t)meet.d[0].hi;
        v.end.from = (int32_t)meet.d[1].lo;
        v.end.to = (int32_t)meet.d[1].hi;
        break;
    }
    return v;
}

/* ---- messages ----------------------------------------------------------- */

static void base_message(const cc_run *run, const cc_rule *rule, int field, int subject,
                         cc_buf *out)
{
    const cc_rulebook *rb = run->rb;
    if (rule && rule->message) {
        cc_buf_adds(out, rule->message);
        return;
    }
    const cc_field *f = &rb->fields[field];
    cc_buf_addf(out, "%s", f->description ? f->description : f->id);
    if (subject >= 0 && f->subject < 0)
        cc_buf_addf(out, " for %s", rb->subjects[subject].name);
    cc_buf_adds(out, " differs between sources");
}

/* ": X here, Y in 2 other documents, ...": the located claim's words, then each other
 * side's with the documents behind it. */
/* A claim's value in a message: as written for an open score or a date written without a
 * year (their typed values are codes), else by cc_value_words. */
static void claim_words(const cc_claim *c, cc_buf *out)
{
    const cc_open_fact *f = c->open;
    if (f && c->value_text &&
        (f->kind == CC_FIG_SCORE || f->yearless || f->yearless2))
        cc_buf_adds(out, c->value_text);
    else
        cc_value_words(&c->value, c->value_text, out);
}

static void sides_message(const cc_run *run, const cc_finding *f, size_t here_side, cc_buf *out)
{
    const cc_claim *here = &run->claims[f->location];
    cc_buf_adds(out, ": ");
    claim_words(here, out);
    cc_buf_adds(out, " here");
    for (size_t i = 0; i < f->nsides; i++) {
        if (i == here_side)
            continue;
        const cc_side *s = &f->sides[i];
        int others = count_docs(run, s->claims, s->nclaims, here->doc);
        const cc_claim *c = &run->claims[s->claims[0]];
        cc_buf_adds(out, ", ");
        claim_words(c, out);
        if (others == 0)
            cc_buf_adds(out, " elsewhere in this document");
        else
            cc_buf_addf(out, " in %d other document%s", others, others == 1 ? "" : "s");
    }
}

static void conflict_message(const cc_run *run, const cc_rule *rule, const cc_finding *f,
                             size_t here_side, cc_buf *out)
{
    base_message(run, rule, f->field, f->subject, out);
    sides_message(run, f, here_side, out);
}

/* ---- fingerprints ------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The path of the one document all of a finding's claims come from (a sanity finding, a
 * derived rule that fails in one article), or NULL when they come from several or it has
 * none. Such a finding is about that document: its fingerprint names it. */
static const char *single_document(const cc_run *run, const cc_finding *f)
{
    int doc = -1;
    for (size_t i = 0; i < f->nsides; i++)
        for (size_t k = 0; k < f->sides[i].nclaims; k++) {
            size_t ci = f->sides[i].claims[k];
            int d = ci < run->nclaims ? run->claims[ci].doc : -1;
            if (d < 0 || (size_t)d >= run->ndocs || (doc >= 0 && d != doc))
                return NULL;
            doc = d;
        }
    return doc >= 0 ? run->docs[doc].path : NULL;
}

void cc_fingerprint(const cc_run *run, const cc_finding *f, char out[17])
{
    const cc_rulebook *rb = run->rb;
    cc_buf key = CC_BUF_INIT;
    cc_buf_addf(&key, "%s%c%s%c%s%c%d%c", f->rule >= 0 ? rb->rules[f->rule].id : cc_finding_kind_name(f->kind), 0,
                f->field >= 0 ? rb->fields[f->field].id : "", 0,
                f->subject >= 0 ? rb->subjects[f->subject].id : "", 0, f->scope, 0);
    char **vals = cc_xcalloc(f->nsides ? f->nsides : 1, sizeof *vals);
    for (size_t i = 0; i < f->nsides; i++) {
        cc_buf v = CC_BUF_INIT;
        cc_value_canonical(&f->sides[i].value, &v);
        vals[i] = cc_buf_detach(&v);
    }
    sort(vals, f->nsides, sizeof *vals, cmp_str);
    for (size_t i = 0; i < f->nsides; i++) {
        cc_buf_adds(&key, vals[i]);
        cc_buf_addc(&key, 0);
        free(vals[i]);
    }
    free(vals);
    if (!f->nsides && f->message) /* input and limit findings: what and where */
        cc_buf_addf(&key, "%s%c%s", f->path ? f->path : "", 0, f->message);
    const char *doc = single_document(run, f);
    if (doc) { /* the same 113% in another article is another finding */
        char *path = cc_path_normalize(doc);
        cc_buf_addf(&key, "%c%s", 0, path);
        free(path);
    }
    char hex[65];
    cc_sha256_hex(key.data, key.len, hex);
    memcpy(out, hex, 16);
    out[16] = '\0';
    cc_buf_free(&key);
}

/* ---- conflicts ---------------------------------------------------------- */

static void set_sides(cc_run *run, cc_finding *f, side_build *sb, size_t ns)
{
    f->sides = cc_xcalloc(ns, sizeof *f->sides);
    f->nsides = ns;
    for (size_t i = 0; i < ns; i++) {
        cc_side *s = &f->sides[i];
        sort(sb[i].claims, sb[i].n, sizeof(size_t), cmp_size);
        s->claims = sb[i].claims;
        s->nclaims = sb[i].n;
        s->ndocs = count_docs(run, s->claims, s->nclaims, -1);
        s->value = side_value(run, s->claims, s->nclaims);
    }
}

/* Sides ordered by their first claim in output order, for stable reports. */
static int cmp_side_build(const void *a, const void *b)
{
    const side_build *x = a, *y = b;
    size_t fx = x->claims[0], fy = y->claims[0];
    for (size_t i = 1; i < x->n; i++)
        fx = x->claims[i] < fx ? x->claims[i] : fx;
    for (size_t i = 1; i < y->n; i++)
        fy = y->claims[i] < fy ? y->claims[i] : fy;
    return fx < fy ? -1 : fx > fy;
}

/* The first claim of side s that a draft states, or -1. */
static long draft_claim(const cc_run *run, const cc_side *s)
{
    for (size_t k = 0; k < s->nclaims; k++) {
        const cc_claim *c = &run->claims[s->claims[k]];
        if (c->doc >= 0 && (size_t)c->doc < run->ndocs && run->docs[c->doc].draft)
            return (long)s->claims[k];
    }
    return -1;
}

/*
 * The majority side (most documents; none on a tie) and where the finding is reported:
 * the smallest side, or, with no majority, the side of a draft (an editor checking a
 * draft against published reports wants the finding on the draft).
 */
static void pick_majority_and_location(const cc_run *run, cc_finding *f, size_t *here_side)
{
    int best = -1, best_docs = -1;
    bool tie = false;
    size_t small = 0;
    for (size_t i = 0; i < f->nsides; i++) {
        const cc_side *s = &f->sides[i], *m = &f->sides[small];
        if (s->ndocs > best_docs) {
            best = (int)i;
            best_docs = s->ndocs;
            tie = false;
        } else if (s->ndocs == best_docs) {
            tie = true;
        }
        if (s->ndocs < m->ndocs || (s->ndocs == m->ndocs && s->nclaims < m->nclaims))
            small = i;
    }
    f->majority = tie ? -1 : best;
    for (size_t i = 0; tie && i < f->nsides; i++)
        if (draft_claim(run, &f->sides[i]) >= 0) {
            small = i;
            break;
        }
    *here_side = small;
    long d = draft_claim(run, &f->sides[small]);
    f->location = d >= 0 ? d : (long)f->sides[small].claims[0];
}

/*
 * Sweeps claims[0..n) into sides after widening each by `tol`: bounded claims anchor
 * sides in value order, half-bounded ones join the one side they meet, stand apart, or
 * are compatible with several. Returns the number of sides (0 when every claim meets
 * every other), with the sides in *out and the compatible claims in *compat.
 */
static size_t sweep_sides(const cc_run *run, const size_t *claims, size_t n,
                          const cc_tolerance *tol, side_build **out, size_t **compat,
                          size_t *ncompat)
{
    int dims = box_dims(run->claims[claims[0]].value.type);
    sweep_item *items = cc_xcalloc(n, sizeof *items);
    box all;
    for (size_t i = 0; i < n; i++) {
        items[i].claim = claims[i];
        items[i].b = claim_box(&run->claims[claims[i]].value, tol);
        all = i ? box_meet(&all, &items[i].b) : items[i].b;
    }
    bool consistent = true;
    for (int d = 0; d < 2; d++)
        consistent &= all.d[d].lo <= all.d[d].hi;
    *out = NULL;
    *compat = NULL;
    *ncompat = 0;
    if (consistent || n < 2) {
        free(items);
        return 0;
    }
    sort(items, n, sizeof *items, cmp_sweep);
    side_build *sides = cc_xcalloc(n, sizeof *sides);
    size_t ns = 0, capcompat = 0;
    for (size_t i = 0; i < n; i++) { /* bounded claims anchor sides, in value order */
        if (!box_bounded(&items[i].b, dims))
            continue;
        if (ns && box_meets(&sides[ns - 1].meet, &items[i].b))
            side_add(&sides[ns - 1], items[i].claim, &items[i].b, false);
        else
            side_add(&sides[ns++], items[i].claim, &items[i].b, true);
    }
    for (size_t i = 0; i < n; i++) { /* half-bounded claims join, or stand apart */
        if (box_bounded(&items[i].b, dims))
            continue;
        size_t met = 0, which = 0;
        for (size_t s = 0; s < ns; s++)
            if (box_meets(&sides[s].meet, &items[i].b)) {
                met++;
                which = s;
            }
        if (met == 1) {
            side_add(&sides[which], items[i].claim, &items[i].b, false);
        } else if (met == 0) {
            side_add(&sides[ns++], items[i].claim, &items[i].b, true);
        } else {
            CC_GROW(*compat, capcompat, *ncompat + 1);
            (*compat)[(*ncompat)++] = items[i].claim;
        }
    }
    free(items);
    *out = sides;
    return ns;
}

static void free_sides(side_build *sides, size_t ns, size_t *compat)
{
    for (size_t s = 0; s < ns; s++)
        free(sides[s].claims);
    free(sides);
    free(compat);
}

/* A conflict finding over the swept sides (ns >= 2); the caller sets what the finding is
 * about and its message. Returns the side it is reported at in *here. */
static cc_finding *add_conflict(cc_run *run, side_build *sides, size_t ns, size_t *compat,
                                size_t ncompat, size_t *here)
{
    sort(sides, ns, sizeof *sides, cmp_side_build);
    cc_finding *f = cc_run_add_finding(run);
    f->kind = CC_FIND_CONFLICT;
    set_sides(run, f, sides, ns);
    free(sides);
    sort(compat, ncompat, sizeof *compat, cmp_size);
    f->compatible = compat;
    f->ncompatible = ncompat;
    pick_majority_and_location(run, f, here);
    return f;
}

static void check_group(cc_run *run, const group *g)
{
    const cc_rulebook *rb = run->rb;
    const cc_claim *first = &run->claims[g->claims[0]];
    side_build *sides;
    size_t *compat, ncompat;
    size_t ns = sweep_sides(run, g->claims, g->n, field_tolerance(rb, first->field), &sides,
                            &compat, &ncompat);
    if (ns < 2) { /* every disagreement was only with half-bounded claims */
        free_sides(sides, ns, compat);
        return;
    }
    const cc_rule *rule = field_rule(rb, first->field);
    int field = first->field, subject = first->subject, scope = first->scope;
    size_t here;
    cc_finding *f = add_conflict(run, sides, ns, compat, ncompat, &here);
    f->rule = rb->fields[field].rule;
    f->field = field;
    f->subject = subject;
    f->scope = scope;
    f->severity = rule ? rule->severity : rb->default_severity;
    cc_buf msg = CC_BUF_INIT;
    conflict_message(run, rule, f, here, &msg);
    f->message = cc_buf_detach(&msg);
    cc_fingerprint(run, f, f->fingerprint);
}

/* ---- open claims ------------------------------------------------------------------- */

/*
 * How far two open figures of a kind may differ and still agree: counts, times, ages,
 * dates and ranks exactly; money, quantities and durations within 2% (rounding: "16,6
 * tỉ" and "16.596.609.223đ"; "2 tháng" and "60 ngày"); percentages within a tenth of a
 * point. A rulebook's `open:
 * {tolerance: ...}` replaces the default of each kind it names.
 */
cc_tolerance cc_open_tolerance(const cc_rulebook *rb, cc_figure_kind kind)
{
    if (kind < CC_FIG_NKINDS && rb->open_tolerance_set[kind])
        return rb->open_tolerance[kind]; /* the rulebook's `open: {tolerance: ...}` */
    cc_tolerance t;
    memset(&t, 0, sizeof t);
    if (kind == CC_FIG_MONEY || kind == CC_FIG_QUANTITY || kind == CC_FIG_DURATION)
        t.rel = 0.02; /* durations too: "2 tháng" is 60.9 days, "60 ngày" 60 */
    else if (kind == CC_FIG_PERCENT)
        t.abs = 0.1;
    return t;
}

/*
 * "11 đối tượng khác" (others besides the one just named) against "12 đối tượng": a count
 * of the others is smaller than the count of all, and both can be right. True when one
 * claim of the group has the "other" cue, another has not, and the first is the smaller.
 */
static bool others_against_all(const cc_run *run, const cc_aligned *g)
{
    for (size_t i = 0; i < g->n; i++) {
        const cc_claim *x = &run->claims[g->claims[i]];
        if (x->open->kind != CC_FIG_COUNT || !(x->open->cues & CC_CUE_OTHER))
            continue;
        for (size_t j = 0; j < g->n; j++) {
            const cc_claim *y = &run->claims[g->claims[j]];
            if (!(y->open->cues & CC_CUE_OTHER) && x->value.range.hi < y->value.range.lo)
                return true;
        }
    }
    return false;
}

/*
 * Severity follows how sure the alignment is: an error only when the figures share their
 * noun and more (score 6 or more) and no other figure came close (margin 2); a warning
 * for a clear but thinner alignment (score 4 and margin 1, or, for any figure but a
 * date, score 3 with nothing else within 3); otherwise information: when the reports
 * give different times (an updated count), when two counts share nothing but their noun,
 * or when one counts the others besides someone and the other counts more (all of them).
 */
cc_severity cc_open_severity(const cc_run *run, const cc_aligned *g)
{
    cc_figure_kind kind = run->claims[g->claims[0]].open->kind;
    if (others_against_all(run, g))
        return CC_SEV_INFO;
    /* a report names many days (the event, the arrest, the trial): a date needs more */
    bool dated = kind == CC_FIG_DATE || kind == CC_FIG_PERIOD;
    if (!g->same_time || g->noun_only)
        return CC_SEV_INFO;
    if (g->score >= 6 && g->margin >= 2)
        return CC_SEV_ERROR;
    if (g->score >= 4 && g->margin >= 1)
        return CC_SEV_WARNING;
    if (g->score >= 3 && g->margin >= 3 && !dated)
        return CC_SEV_WARNING; /* thin, but no other figure of either report came close */
    return CC_SEV_INFO;
}

static void open_message(const cc_run *run, const cc_finding *f, size_t here_side,
                         const cc_aligned *g, cc_buf *out)
{
    cc_buf measure = CC_BUF_INIT;
    cc_open_measure(run->claims[f->location].open, &measure);
    cc_figure_kind kind = run->claims[f->location].open->kind;
    if (measure.len && kind == CC_FIG_AGE)
        cc_buf_addf(out, "the age of '%s' differs between sources", measure.data);
    else if (measure.len)
        cc_buf_addf(out, "the figure for '%s' differs between sources", measure.data);
    else
        cc_buf_adds(out, "a figure differs between sources");
    cc_buf_free(&measure);
    if (!g->same_time)
        cc_buf_adds(out, " (the reports give different times: an updated figure?)");
    else if (others_against_all(run, g))
        cc_buf_adds(out, " (one report counts the others besides someone: a part of the "
                         "other's total?)");
    sides_message(run, f, here_side, out);
}

/*
 * check --db: an open finding is the draft's when a draft's claim is on a side that is not
 * the majority (a draft that agrees with most sources is not the one to correct); it is
 * then reported at that claim. Returns false when the finding is not the draft's.
 */
static bool locate_at_draft(const cc_run *run, cc_finding *f, size_t *here)
{
    for (size_t i = 0; i < f->nsides; i++) {
        if ((int)i == f->majority)
            continue;
        const cc_side *s = &f->sides[i];
        for (size_t k = 0; k < s->nclaims; k++)
            if (run->docs[run->claims[s->claims[k]].doc].draft) {
                f->location = (long)s->claims[k];
                *here = i;
                return true;
            }
    }
    return false;
}

static void check_open_group(cc_run *run, const cc_aligned *g)
{
    cc_figure_kind kind = run->claims[g->claims[0]].open->kind;
    cc_tolerance tol = cc_open_tolerance(run->rb, kind);
    side_build *sides;
    size_t *compat, ncompat;
    size_t ns = sweep_sides(run, g->claims, g->n, &tol, &sides, &compat, &ncompat);
    if (ns < 2) {
        free_sides(sides, ns, compat);
        return;
    }
    size_t here;
    cc_finding *f = add_conflict(run, sides, ns, compat, ncompat, &here);
    if (run->drafts_only && !locate_at_draft(run, f, &here)) {
        cc_finding_free(f); /* the last finding added: taken back */
        run->nfindings--;
        return;
    }
    f->open = true;
    f->open_kind = (int)kind;
    f->severity = cc_open_severity(run, g);
    f->confidence = g->score >= 8 ? 1.0 : g->score / 8.0;
    if (g->margin < 2)
        f->confidence *= 0.75;
    cc_buf why = CC_BUF_INIT;
    cc_buf_addf(&why, "compared because both reports say %s about a %s (alignment score %d)",
                g->why, cc_name_of(cc_figure_kind_names, (int)kind), g->score);
    f->evidence = cc_buf_detach(&why);
    cc_buf msg = CC_BUF_INIT;
    open_message(run, f, here, g, &msg);
    f->message = cc_buf_detach(&msg);
    cc_fingerprint(run, f, f->fingerprint);
}

static void check_open(cc_run *run)
{
    assert(!run->aligned);
    run->naligned = cc_align_open(run, &run->aligned);
    for (size_t i = 0; i < run->naligned; i++)
        check_open_group(run, &run->aligned[i]);
}

/* ---- sanity ------------------------------------------------------------- */

static bool sanity_problem(const cc_field *f, const cc_value *v, cc_buf *why)
{
    bool has_max = f->has_max || v->type == CC_TYPE_PERCENT;
    bool has_min = f->has_min || v->type == CC_TYPE_PERCENT;
    double max = f->has_max ? f->max : 100, min = f->has_min ? f->min : 0;
    switch (v->type) {
    case CC_TYPE_RANK:
        if (v->total && v->position > v->total) {
            cc_buf_addf(why, "rank %lld/%lld is impossible: the position is beyond the total",
                        (long long)v->position, (long long)v->total);
            return true;
        }
        return false;
    case CC_TYPE_PERIOD:
        if (v->start.from > v->end.to) {
            cc_buf_adds(why, "the period ends before it starts");
            return true;
        }
        return false;
    case CC_TYPE_DATE:
        return false;
    default:
        break;
    }
    if (has_max && v->range.lo > max) {
        cc_buf_adds(why, "is above the largest possible value ");
        cc_format_double(max, why);
        return true;
    }
    if (has_min && v->range.hi < min) {
        cc_buf_adds(why, "is below the smallest possible value ");
        cc_format_double(min, why);
        return true;
    }
    return false;
}

static void check_sanity(cc_run *run, size_t ci)
{
    const cc_rulebook *rb = run->rb;
    const cc_claim *c = &run->claims[ci];
    if (c->field < 0)
        return; /* open claims have no field to bound them */
    const cc_field *fd = &rb->fields[c->field];
    cc_buf why = CC_BUF_INIT;
    if (!sanity_problem(fd, &c->value, &why)) {
        cc_buf_free(&why);
        return;
    }
    const cc_rule *rule = field_rule(rb, c->field);
    cc_finding *f = cc_run_add_finding(run);
    c = &run->claims[ci];
    f->kind = CC_FIND_SANITY;
    f->rule = fd->rule;
    f->field = c->field;
    f->subject = c->subject;
    f->scope = c->scope;
    f->severity = rule ? rule->severity : rb->default_severity;
    f->location = (long)ci;
    cc_buf msg = CC_BUF_INIT;
    if (c->value.type == CC_TYPE_RANK || c->value.type == CC_TYPE_PERIOD)
        cc_buf_addf(&msg, "%s: %s", fd->description ? fd->description : fd->id, why.data);
    else
        cc_buf_addf(&msg, "%s: %s %s", fd->description ? fd->description : fd->id,
                    c->value_text, why.data);
    f->message = cc_buf_detach(&msg);
    f->sides = cc_xcalloc(1, sizeof *f->sides);
    f->nsides = 1;
    f->sides[0].claims = cc_xcalloc(1, sizeof(size_t));
    f->sides[0].claims[0] = ci;
    f->sides[0].nclaims = 1;
    f->sides[0].ndocs = 1;
    f->sides[0].value = c->value;
    cc_fingerprint(run, f, f->fingerprint);
    cc_buf_free(&why);
}

/* ---- derived rules ------------------------------------------------------ */

#define MAX_DERIVED_FIELDS 16

typedef struct derived_ctx {
    cc_run *run;
    const group *groups;
    size_t ngroups;
    int subject, scope;       /* the (subject, scope) being evaluated */
    int doc;                  /* one document's own figures, or -1: what the sources agree on */
    cc_value vals[MAX_DERIVED_FIELDS];   /* the values handed to the evaluator */
    size_t *claims[MAX_DERIVED_FIELDS];  /* the claims behind each value */
    size_t nclaims[MAX_DERIVED_FIELDS];
    size_t nused;
} derived_ctx;

/* The value a group agrees on: the meet of its claims, or its majority side's. */
static bool group_agreed(const cc_run *run, const group *g, cc_value *out)
{
    for (size_t i = 0; i < run->nfindings; i++) {
        const cc_finding *f = &run->findings[i];
        if (f->kind != CC_FIND_CONFLICT)
            continue;
        const cc_claim *c = &run->claims[f->sides[0].claims[0]];
        if (!same_group(c, &run->claims[g->claims[0]]))
            continue;
        if (f->majority < 0)
            return false;
        *out = f->sides[f->majority].value;
        return true;
    }
    *out = side_value(run, g->claims, g->n);
    return true;
}

/* The group of field `fi` in the context's (subject, scope), or NULL. */
static const group *derived_group(const derived_ctx *ctx, int fi)
{
    const cc_rulebook *rb = ctx->run->rb;
    for (size_t i = 0; i < ctx->ngroups; i++) {
        const cc_claim *c = &ctx->run->claims[ctx->groups[i].claims[0]];
        if (c->field == fi && c->scope == ctx->scope &&
            (rb->fields[fi].subject >= 0 || c->subject == ctx->subject))
            return &ctx->groups[i];
    }
    return NULL;
}

static const cc_value *derived_lookup(void *vctx, const char *id)
{
    derived_ctx *ctx = vctx;
    int fi = cc_rulebook_field_index(ctx->run->rb, id);
    const group *g = fi >= 0 ? derived_group(ctx, fi) : NULL;
    if (!g || ctx->nused == MAX_DERIVED_FIELDS)
        return NULL;
    size_t *claims = cc_xcalloc(g->n, sizeof *claims), n = 0;
    for (size_t i = 0; i < g->n; i++)
        if (ctx->doc < 0 || ctx->run->claims[g->claims[i]].doc == ctx->doc)
            claims[n++] = g->claims[i];
    cc_value *v = &ctx->vals[ctx->nused];
    if (n == 0 || (ctx->doc < 0 ? !group_agreed(ctx->run, g, v) : false)) {
        free(claims);
        return NULL;
    }
    if (ctx->doc >= 0)
        *v = side_value(ctx->run, claims, n);
    ctx->claims[ctx->nused] = claims;
    ctx->nclaims[ctx->nused++] = n;
    return v;
}

static void derived_reset(derived_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nused; i++)
        free(ctx->claims[i]);
    ctx->nused = 0;
}

static void add_derived_finding(cc_run *run, int ri, derived_ctx *ctx, const cc_expr_result *r)
{
    const cc_rule *rule = &run->rb->rules[ri];
    cc_finding *f = cc_run_add_finding(run);
    f->kind = CC_FIND_DERIVED;
    f->rule = ri;
    f->subject = ctx->subject;
    f->scope = ctx->scope;
    f->severity = rule->severity;
    f->sides = cc_xcalloc(ctx->nused, sizeof *f->sides);
    f->nsides = ctx->nused;
    for (size_t i = 0; i < ctx->nused; i++) { /* each field's claims become a "side" */
        f->sides[i].claims = ctx->claims[i];
        f->sides[i].nclaims = ctx->nclaims[i];
        f->sides[i].ndocs = count_docs(run, ctx->claims[i], ctx->nclaims[i], -1);
        f->sides[i].value = ctx->vals[i];
        ctx->claims[i] = NULL;
    }
    ctx->nused = 0;
    f->location = (long)f->sides[0].claims[0];
    cc_buf msg = CC_BUF_INIT;
    cc_buf_addf(&msg, "%s: ", rule->message ? rule->message : "derived rule does not hold");
    cc_buf_addf(&msg, "'%s' does not hold%s: left side %.6g..%.6g, right side %.6g..%.6g",
                rule->derived, ctx->doc >= 0 ? " in this document" : "", r->lhs.lo, r->lhs.hi,
                r->rhs.lo, r->rhs.hi);
    f->message = cc_buf_detach(&msg);
    cc_fingerprint(run, f, f->fingerprint);
}

/* Evaluates the rule in ctx's (subject, scope, doc); adds a finding when it fails. */
static bool evaluate_derived(cc_run *run, int ri, derived_ctx *ctx)
{
    const cc_rule *rule = &run->rb->rules[ri];
    cc_expr_result r = cc_expr_eval(rule->expr, derived_lookup, ctx, rule->tolerance.abs,
                                    rule->tolerance.rel);
    if (r.evaluated && !r.holds && ctx->nused)
        add_derived_finding(run, ri, ctx, &r);
    derived_reset(ctx);
    return r.evaluated;
}

/*
 * A derived rule is evaluated per (subject, scope) on each document's own figures where
 * a document states all of them — an article whose total, period and daily average do
 * not add up is wrong whatever other articles say — and otherwise on the figures the
 * sources agree on.
 */
static void check_derived(cc_run *run, const group *groups, size_t ngroups)
{
    const cc_rulebook *rb = run->rb;
    for (size_t ri = 0; ri < rb->nrules; ri++) {
        const cc_rule *rule = &rb->rules[ri];
        if (!rule->expr)
            continue;
        const char **ids;
        size_t nids = cc_expr_fields(rule->expr, &ids);
        int f0 = nids ? cc_rulebook_field_index(rb, ids[0]) : -1;
        for (size_t gi = 0; gi < ngroups && f0 >= 0; gi++) {
            const group *g = &groups[gi];
            const cc_claim *c = &run->claims[g->claims[0]];
            if (c->field != f0)
                continue;
            derived_ctx ctx = {.run = run, .groups = groups, .ngroups = ngroups,
                               .subject = c->subject, .scope = c->scope};
            bool any_document = false;
            int *docs;
            size_t ndocs = distinct_docs(run, g->claims, g->n, &docs);
            for (size_t i = 0; i < ndocs; i++) {
                ctx.doc = docs[i];
                any_document |= evaluate_derived(run, (int)ri, &ctx);
            }
            free(docs);
            if (!any_document) {
                ctx.doc = -1;
                evaluate_derived(run, (int)ri, &ctx);
            }
        }
    }
}

/* ---- input and limit findings ------------------------------------------- */

static void findings_from_diags(cc_run *run)
{
    for (size_t i = 0; i < run->diags.n; i++) {
        const cc_diag *d = &run->diags.v[i];
        bool limit = d->kind == CC_DIAG_LIMIT && cc_diag_fatal(d);
        bool io = d->kind == CC_DIAG_IO && cc_diag_fatal(d);
        if (!limit && !io)
            continue;
        cc_finding *f = cc_run_add_finding(run);
        d = &run->diags.v[i];
        f->kind = limit ? CC_FIND_LIMIT : CC_FIND_INPUT;
        f->severity = CC_SEV_ERROR;
        f->message = cc_xstrdup(d->message);
        f->path = cc_xstrdup(d->path);
        f->line = d->line;
        f->column = d->column;
        cc_fingerprint(run, f, f->fingerprint);
    }
}

/* ---- scopes that compare nothing ------------------------------------------ */

/* The number of distinct documents among the claims of groups [from, to); whether a group
 * holds two documents; whether a document's year was guessed from its text. */
static size_t documents_of(const cc_run *run, const group *groups, size_t from, size_t to,
                           bool *shared_group, bool *guessed)
{
    size_t n = 0;
    int *seen = cc_xcalloc(run->ndocs ? run->ndocs : 1, sizeof *seen);
    *shared_group = false;
    *guessed = false;
    for (size_t g = from; g < to; g++) {
        int first = -1;
        for (size_t k = 0; k < groups[g].n; k++) {
            int d = run->claims[groups[g].claims[k]].doc;
            if (first < 0)
                first = d;
            *shared_group |= d != first;
            if (d >= 0 && (size_t)d < run->ndocs && !seen[d]++) {
                n++;
                *guessed |= run->docs[d].date_from == CC_DATE_INFERRED;
            }
        }
    }
    free(seen);
    return n;
}

/*
 * A field (for one subject) that two or more documents state, but whose claims all fell
 * into scopes of one document each, compared nothing. When a document's year was guessed
 * from its text (the year it names most), that guess is the likely cause, and silence
 * would read as agreement: a warning. Years given (front matter, --date) are trusted.
 */
static void check_split_scopes(cc_run *run, const group *groups, size_t ngroups)
{
    for (size_t i = 0; i < ngroups;) {
        const cc_claim *c0 = &run->claims[groups[i].claims[0]];
        size_t j = i + 1;
        while (j < ngroups && run->claims[groups[j].claims[0]].field == c0->field &&
               run->claims[groups[j].claims[0]].subject == c0->subject)
            j++;
        bool shared, guessed;
        size_t ndocs = documents_of(run, groups, i, j, &shared, &guessed);
        if (j - i >= 2 && ndocs >= 2 && !shared && guessed) {
            cc_finding *f = cc_run_add_finding(run);
            f->kind = CC_FIND_INPUT;
            f->rule = -1;
            f->field = c0->field;
            f->subject = c0->subject;
            f->severity = CC_SEV_WARNING;
            f->location = (long)groups[i].claims[0];
            f->majority = -1;
            cc_buf msg = CC_BUF_INIT;
            cc_buf_addf(&msg, "'%s' is stated by %zu documents, each in a scope of its own (",
                        run->rb->fields[c0->field].id, ndocs);
            for (size_t g = i; g < j && g < i + 4; g++)
                cc_buf_addf(&msg, "%s%d", g > i ? ", " : "",
                            run->claims[groups[g].claims[0]].scope);
            cc_buf_adds(&msg, j - i > 4 ? ", ...)" : ")");
            cc_buf_adds(&msg, ", so nothing was compared; a year was guessed from a "
                              "document's text: give the documents' dates, or the field "
                              "scope: event");
            f->message = cc_buf_detach(&msg);
            cc_fingerprint(run, f, f->fingerprint);
        }
        i = j;
    }
}

/* ---- order of findings -------------------------------------------------- */

static const char *finding_path(const cc_run *run, const cc_finding *f, unsigned *line,
                                unsigned *col)
{
    if (f->location >= 0) {
        const cc_claim *c = &run->claims[f->location];
        *line = c->line;
        *col = c->column;
        return run->docs[c->doc].path;
    }
    *line = f->line;
    *col = f->column;
    return f->path ? f->path : "";
}

static int cmp_findings(const void *a, const void *b)
{
    const cc_finding *x = a, *y = b;
    unsigned lx, cx, ly, cy;
    const char *px = finding_path(sort_run, x, &lx, &cx), *py = finding_path(sort_run, y, &ly, &cy);
    int c = strcmp(px, py);
    if (c)
        return c;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    if (cx != cy)
        return cx < cy ? -1 : 1;
    const char *rx = x->rule >= 0 ? sort_run->rb->rules[x->rule].id : "";
    const char *ry = y->rule >= 0 ? sort_run->rb->rules[y->rule].id : "";
    if ((c = strcmp(rx, ry)))
        return c;
    return strcmp(x->fingerprint, y->fingerprint);
}

void cc_sort_claims(cc_run *run)
{
    sort_run = run;
    size_t i = 1; /* extraction makes them in order mostly: then there is nothing to do */
    while (i < run->nclaims && cmp_claim_order(&run->claims[i - 1], &run->claims[i]) <= 0)
        i++;
    if (i < run->nclaims)
        sort(run->claims, run->nclaims, sizeof *run->claims, cmp_claim_order);
}

/*
 * A check's documents are one story; two of them that print one text (near-duplicates,
 * story.h) count once in a majority. Only when their terms were collected (open mode), and
 * not when the run already has its stories from an archive (audit, check --db).
 *
 * A check of more than CC_CHECK_ONE_STORY_MAX documents is not taken for one story (a
 * story of the corpus has a few dozen reports at most): its documents get the stories
 * story.h finds among them, as an archive's do, so that open claims are aligned within a
 * story only and a document alone in its story is not aligned (align.h). Comparing every
 * document with every other made such a check quadratic: 1000 articles took 20 s, 6000
 * would take minutes. The "shares few words" warning (cc_check_one_story) is then not
 * needed: documents of other stories are not compared.
 */
#define CC_CHECK_ONE_STORY_MAX 100

static void mark_reprints(cc_run *run)
{
    if (run->stories || run->ndocs < 2)
        return;
    cc_story_doc *docs = cc_xcalloc(run->ndocs, sizeof *docs);
    for (size_t i = 0; i < run->ndocs; i++) {
        if (!run->docs[i].terms) {
            free(docs);
            return;
        }
        docs[i] = (cc_story_doc){run->docs[i].terms, run->docs[i].nterms, CC_STORY_NO_DAY};
    }
    cc_story_out *out = cc_xcalloc(run->ndocs, sizeof *out);
    cc_story_stats stats;
    cc_story_group(docs, run->ndocs, out, &stats);
    for (size_t i = 0; i < run->ndocs; i++)
        run->docs[i].duplicate_of = out[i].duplicate_of == SIZE_MAX ? -1
                                                                   : (long)out[i].duplicate_of;
    if (run->ndocs > CC_CHECK_ONE_STORY_MAX) {
        for (size_t i = 0; i < run->ndocs; i++)
            run->docs[i].story = (int64_t)out[i].story;
        run->stories = true;
    }
    free(out);
    free(docs);
}

int cc_check(cc_run *run)
{
    mark_reprints(run);
    cc_sort_claims(run);
    size_t *order = cc_xcalloc(run->nclaims ? run->nclaims : 1, sizeof *order);
    size_t nfield = 0; /* rulebook claims; open claims are aligned apart (check_open) */
    for (size_t i = 0; i < run->nclaims; i++)
        if (run->claims[i].field >= 0)
            order[nfield++] = i;
    sort(order, nfield, sizeof *order, cmp_group_key);
    group *groups = NULL;
    size_t ngroups = 0, capgroups = 0;
    for (size_t i = 0; i < nfield;) {
        size_t j = i + 1;
        while (j < nfield && same_group(&run->claims[order[i]], &run->claims[order[j]]))
            j++;
        CC_GROW(groups, capgroups, ngroups + 1);
        groups[ngroups++] = (group){order + i, j - i};
        i = j;
    }
    run->ngroups = ngroups;
    for (size_t gi = 0; gi < ngroups; gi++)
        check_group(run, &groups[gi]);
    for (size_t ci = 0; ci < run->nclaims; ci++)
        check_sanity(run, ci);
    check_derived(run, groups, ngroups);
    check_split_scopes(run, groups, ngroups);
    check_open(run);
    if (!run->rb->open_off && !run->stories) /* stories were found by their words already */
        cc_check_one_story(run);
    findings_from_diags(run);
    sort_run = run;
    sort(run->findings, run->nfindings, sizeof *run->findings, cmp_findings);
    free(groups);
    free(order);
    return 0;
}
