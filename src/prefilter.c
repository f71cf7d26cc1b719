/*
 * prefilter.c — what a text must contain for a pattern to match (see prefilter.h).
 *
 * The pattern is first cut into atoms with the pattern lexer (patsyntax.h, which knows
 * escapes, classes, comments, \Q..\E, slots and (?x)): a literal character, "something"
 * (any atom we do not read: a class, \d, a slot, '.', an anchor), a quantifier, a group
 * opening (one we read, or one we skip: assertions, conditions, option groups), a group
 * closing, a '|'. Then a recursive descent over the atoms computes, for each sequence and
 * each alternation, the set of literals every match contains, and whether the whole of
 * it is one of a few exact strings (so that it can be multiplied with its neighbours).
 */
#include "prefilter.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acm.h"
#include "patsyntax.h"
#include "text.h"

#define MAXS CC_PREFILTER_MAX_LITERALS
#define MAX_DEPTH 32
#define MIN_FOLDED 3 /* bytes: a shorter literal proves too little to be worth it */

/* ---- atoms --------------------------------------------------------------------------- */

typedef enum atom_kind {
    A_CHAR,   /* one literal character: s[start, end) */
    A_ANY,    /* something we do not read */
    A_QUANT,  /* a quantifier; min 0 makes the item before it optional */
    A_OPEN,   /* a group we read */
    A_SKIP,   /* a group we do not read (assertion, condition, options...) */
    A_CLOSE,
    A_ALT,
} atom_kind;

typedef struct atom {
    atom_kind kind;
    size_t start, end; /* A_CHAR: the character's bytes (in the pattern) */
    unsigned min;      /* A_QUANT */
} atom;

typedef struct atoms {
    atom *v;
    size_t n, cap;
    bool unreadable;   /* (?x), a verb (*...), or a quantifier we cannot place */
} atoms;

static void push(atoms *a, atom_kind k, size_t start, size_t end, unsigned min)
{
    CC_GROW(a->v, a->cap, a->n + 1);
    a->v[a->n++] = (atom){k, start, end, min};
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A {n}, {n,}, {n,m} or {,m} quantifier at s[i] == '{': its end, and its minimum; 0
 * when it is not one (PCRE2 then reads the '{' as a literal). */
static size_t brace_quantifier(const char *s, size_t n, size_t i, unsigned *min)
{
    size_t j = i + 1;
    unsigned lo = 0;
    bool digits = false;
    while (j < n && is_digit(s[j])) {
        lo = lo < 100000 ? lo * 10 + (unsigned)(s[j] - '0') : lo;
        digits = true;
        j++;
    }
    bool comma = j < n && s[j] == ',';
    if (comma)
        j++;
    bool digits2 = false;
    while (j < n && is_digit(s[j])) {
        digits2 = true;
        j++;
    }
    if (j >= n || s[j] != '}' || (!digits && !(comma && digits2)))
        return 0;
    *min = lo;
    return j + 1;
}

/* After a quantifier, a lazy '?' or possessive '+' belongs to it. */
static size_t quantifier_suffix(const char *s, size_t n, size_t j)
{
    return j < n && (s[j] == '?' || s[j] == '+') ? j + 1 : j;
}

/* The end of the name of a named group opening "(?<name>", "(?P<name>", "(?'name'" whose
 * name starts at s[j]: a letter or '_', then letters, digits or '_', then `close`; 0 when
 * it is not one ("(?<*" is a lookbehind, "(?<=" too). */
static size_t name_end(const char *s, size_t n, size_t j, char close)
{
    if (j >= n || !(is_alnum(s[j]) || s[j] == '_') || is_digit(s[j]))
        return 0;
    while (j < n && (is_alnum(s[j]) || s[j] == '_'))
        j++;
    return j < n && s[j] == close ? j + 1 : 0;
}

/* The group opening at s[i] == '(' that the lexer gave as a one-byte token: pushes its
 * atom and returns where the atoms go on. */
static size_t group_opening(atoms *a, const char *s, size_t n, size_t i)
{
    if (i + 1 < n && s[i + 1] == '*') {
        a->unreadable = true; /* (*ACCEPT) and friends change what a match must hold */
        return n;
    }
    if (i + 1 >= n || s[i + 1] != '?') {
        push(a, A_OPEN, i, i + 1, 0);
        return i + 1;
    }
    char c = i + 2 < n ? s[i + 2] : '\0';
    char d = i + 3 < n ? s[i + 3] : '\0';
    size_t end = 0;
    if (c == ':' || c == '>' || c == '|')
        end = i + 3;
    else if (c == '<' && d != '=' && d != '!')
        end = name_end(s, n, i + 3, '>');
    else if (c == 'P' && d == '<')
        end = name_end(s, n, i + 4, '>');
    else if (c == '\'')
        end = name_end(s, n, i + 3, '\'');
    if (end) {
        push(a, A_OPEN, i, end, 0);
        return end;
    }
    push(a, A_SKIP, i, i + 1, 0); /* lookaround, condition, recursion, callout... */
    return i + 1;
}

/* The atoms of a literal-run token s[from, to) of the lexer. */
static size_t literal_atoms(atoms *a, const char *s, size_t n, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        char c = s[i];
        unsigned min;
        size_t q;
        if (c == '(')
            return group_opening(a, s, n, i);
        if (c == ')') {
            push(a, A_CLOSE, i, i + 1, 0);
            i++;
        } else if (c == '|') {
            push(a, A_ALT, i, i + 1, 0);
            i++;
        } else if (c == '*' || c == '?' || c == '+') {
            push(a, A_QUANT, i, i + 1, c == '+');
            i = quantifier_suffix(s, n, i + 1);
        } else if (c == '{' && (q = brace_quantifier(s, n, i, &min))) {
            push(a, A_QUANT, i, q, min);
            i = quantifier_suffix(s, n, q);
        } else if (c == '.' || c == '^' || c == '$' || c == '{') {
            push(a, A_ANY, i, i + 1, 0);
            i++;
        } else {
            size_t len = 1;
            while (i + len < to && ((unsigned char)s[i + len] & 0xC0) == 0x80)
                len++;
            push(a, A_CHAR, i, i + len, 0);
            i += len;
        }
    }
    return i;
}

/* An escape token: a literal character when it is a backslash before a character that
 * is not an ASCII letter or digit ("\.", "\-"), else something we do not read. */
static void escape_atom(atoms *a, const char *s, const cc_pattok *t)
{
    if (t->end - t->start >= 2 && !is_alnum(s[t->start + 1]) &&
        ((unsigned char)s[t->start + 1] >= 0x80 || t->end - t->start == 2))
        push(a, A_CHAR, t->start + 1, t->end, 0);
    else
        push(a, A_ANY, t->start, t->end, 0);
}

static void cut_atoms(const char *s, size_t n, atoms *a)
{
    cc_patlex lx;
    cc_pattok t;
    size_t next = 0; /* atoms are taken from here on (a group opening reads ahead) */
    cc_patlex_init(&lx, s, n);
    while (!a->unreadable && cc_patlex_next(&lx, &t)) {
        if (lx.extended) { /* white space and '#' mean something else under (?x) */
            a->unreadable = true;
            break;
        }
        if (t.end <= next)
            continue;
        size_t from = t.start > next ? t.start : next;
        switch (t.kind) {
        case CC_PATTOK_LITERAL:
            if (s[from] == '(' && t.end - t.start > 1 && from == t.start) {
                /* an option setting: "(?i)" acts on what follows, "(?i:" opens a group */
                push(a, s[t.end - 1] == ':' ? A_SKIP : A_ANY, t.start, t.end, 0);
                next = t.end;
            } else {
                next = literal_atoms(a, s, n, from, t.end);
            }
            break;
        case CC_PATTOK_ESCAPE:
            escape_atom(a, s, &t);
            next = t.end;
            break;
        case CC_PATTOK_COMMENT:
            next = t.end;
            break;
        default: /* a class, \Q..\E, a slot */
            push(a, A_ANY, t.start, t.end, 0);
            next = t.end;
            break;
        }
    }
}

/* ---- sets of literals ------------------------------------------------------------ */

typedef struct lits {
    char *s[MAXS];
    size_t len[MAXS];
    size_t n;
} lits;

static void lits_clear(lits *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    l->n = 0;
}

/* The set holding only the empty string. */
static void lits_empty_string(lits *l)
{
    lits_clear(l);
    l->s[0] = cc_xstrndup("", 0);
    l->len[0] = 0;
    l->n = 1;
}

static void lits_append(lits *l, const char *p, size_t n)
{
    for (size_t i = 0; i < l->n; i++) {
        l->s[i] = cc_xrealloc(l->s[i], l->len[i] + n + 1);
        memcpy(l->s[i] + l->len[i], p, n);
        l->len[i] += n;
        l->s[i][l->len[i]] = '\0';
    }
}

static void lits_copy(lits *dst, const lits *src)
{
    lits_clear(dst);
    for (size_t i = 0; i < src->n; i++) {
        dst->s[i] = cc_xstrndup(src->s[i], src->len[i]);
        dst->len[i] = src->len[i];
    }
    dst->n = src->n;
}

/* Every string of a followed by every string of b (a->n * b->n <= MAXS). */
static void lits_product(lits *a, const lits *b)
{
    lits out = {0};
    assert(a->n * b->n <= MAXS);
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            size_t k = out.n++;
            out.len[k] = a->len[i] + b->len[j];
            out.s[k] = cc_xmalloc(out.len[k] + 1);
            memcpy(out.s[k], a->s[i], a->len[i]);
            memcpy(out.s[k] + a->len[i], b->s[j], b->len[j]);
            out.s[k][out.len[k]] = '\0';
        }
    lits_clear(a);
    *a = out;
}

/* Moves b's strings to the end of a (a->n + b->n <= MAXS). */
static void lits_take(lits *a, lits *b)
{
    assert(a->n + b->n <= MAXS);
    for (size_t i = 0; i < b->n; i++) {
        a->s[a->n] = b->s[i];
        a->len[a->n++] = b->len[i];
    }
    b->n = 0;
}

/* How much a match of the set proves: its shortest string's length; 0 when empty or
 * when it holds the empty string. */
static size_t lits_score(const lits *l)
{
    size_t m = 0;
    for (size_t i = 0; i < l->n; i++)
        if (i == 0 || l->len[i] < m)
            m = l->len[i];
    return m;
}

/* ---- the analysis ---------------------------------------------------------------- */

typedef struct req {
    bool exact;  /* the text matched is always one of `exact` */
    lits exact_set;
    lits need;   /* every match contains one of these; empty: nothing known */
} req;

static void req_clear(req *r)
{
    lits_clear(&r->exact_set);
    lits_clear(&r->need);
    r->exact = false;
}

/* Keeps `cand` as what the sequence needs when it proves more than what is kept. */
static void consider(req *r, const lits *cand)
{
    size_t score = lits_score(cand);
    size_t best = lits_score(&r->need);
    if (score > best || (score && score == best && cand->n < r->need.n))
        lits_copy(&r->need, cand);
}

typedef struct walk {
    const char *s;
    const atom *v;
    size_t n, i;
} walk;

static void alternation(walk *w, int depth, req *out);

/* Skips a group whose opening was just passed, to just past its closing. */
static void skip_group(walk *w)
{
    int level = 1;
    while (w->i < w->n && level) {
        atom_kind k = w->v[w->i++].kind;
        level += k == A_OPEN || k == A_SKIP ? 1 : k == A_CLOSE ? -1 : 0;
    }
}

/* The sequence of atoms up to the next '|' or ')' at this level. */
static void sequence(walk *w, int depth, req *out)
{
    lits chain = {0}; /* the literals read since the last cut */
    bool exact = true;
    lits_empty_string(&chain);
    *out = (req){0};
    while (w->i < w->n && w->v[w->i].kind != A_ALT && w->v[w->i].kind != A_CLOSE) {
        const atom *a = &w->v[w->i++];
        bool group = a->kind == A_OPEN || a->kind == A_SKIP;
        req sub = {0};
        if (a->kind == A_OPEN && depth < MAX_DEPTH) {
            alternation(w, depth + 1, &sub);
            if (w->i < w->n && w->v[w->i].kind == A_CLOSE)
                w->i++;
        } else if (group) {
            skip_group(w);
        }
        bool quantified = w->i < w->n && w->v[w->i].kind == A_QUANT;
        unsigned min = quantified ? w->v[w->i].min : 1;
        if (quantified)
            w->i++;
        if (!quantified && a->kind == A_CHAR) { /* with the characters right after it */
            size_t end = a->end;
            while (w->i < w->n && w->v[w->i].kind == A_CHAR && w->v[w->i].start == end &&
                   !(w->i + 1 < w->n && w->v[w->i + 1].kind == A_QUANT))
                end = w->v[w->i++].end;
            lits_append(&chain, w->s + a->start, end - a->start);
            continue;
        }
        if (!quantified && group && sub.exact && chain.n * sub.exact_set.n <= MAXS) {
            lits_product(&chain, &sub.exact_set); /* "phủ " then (?:điện tử|số) */
            req_clear(&sub);
            continue;
        }
        /* anything else cuts the chain: what it read so far is one candidate, and a
         * group that must occur is another */
        consider(out, &chain);
        lits_empty_string(&chain);
        exact = false;
        if (group && min >= 1)
            consider(out, &sub.need);
        req_clear(&sub);
    }
    consider(out, &chain);
    out->exact = exact;
    if (exact)
        lits_copy(&out->exact_set, &chain);
    lits_clear(&chain);
}

static void alternation(walk *w, int depth, req *out)
{
    *out = (req){0};
    bool exact = true, known = true;
    for (;;) {
        req alt;
        sequence(w, depth, &alt);
        if (!alt.exact || out->exact_set.n + alt.exact_set.n > MAXS)
            exact = false;
        if (exact)
            lits_take(&out->exact_set, &alt.exact_set);
        if (!lits_score(&alt.need) || out->need.n + alt.need.n > MAXS)
            known = false;
        if (known)
            lits_take(&out->need, &alt.need);
        req_clear(&alt);
        if (w->i < w->n && w->v[w->i].kind == A_ALT) {
            w->i++;
            continue;
        }
        break;
    }
    out->exact = exact;
    if (!exact)
        lits_clear(&out->exact_set);
    if (!known)
        lits_clear(&out->need);
}

size_t cc_prefilter_literals(const char *pattern, size_t len, char *out[MAXS])
{
    atoms a = {0};
    cut_atoms(pattern, len, &a);
    size_t n = 0;
    if (!a.unreadable) {
        walk w = {pattern, a.v, a.n, 0};
        req r;
        alternation(&w, 0, &r);
        if (w.i == w.n && lits_score(&r.need)) { /* else an unbalanced ')' */
            for (size_t i = 0; i < r.need.n; i++)
                out[n++] = r.need.s[i];
            r.need.n = 0;
        }
        req_clear(&r);
    }
    free(a.v);
    return n;
}

/* ---- the fold ---------------------------------------------------------------------- */

#define MEMO_CPS 0x3000 /* code points whose fold is remembered (Latin, Greek, Vietnamese) */

/* The fold (text.h's cc_fold_char) of each code point below MEMO_CPS, computed when first
 * met: len is the fold's length plus one (0: not computed yet). The program reads one
 * document at a time; this table is its only shared state. */
static struct {
    unsigned char len;
    char bytes[CC_FOLD_CHAR_MAX];
} memo[MEMO_CPS];

static size_t fold_cp(int32_t cp, const char **bytes, char *scratch)
{
    if (cp < MEMO_CPS) {
        if (!memo[cp].len)
            memo[cp].len = (unsigned char)(cc_fold_char(cp, memo[cp].bytes) + 1);
        *bytes = memo[cp].bytes;
        return memo[cp].len - 1u;
    }
    *bytes = scratch;
    return cc_fold_char(cp, scratch);
}

/* The fold of s[0..n) as the document filter folds a document's bytes (ASCII lowercased,
 * every other character through the memo); false when s is not valid UTF-8. */
bool cc_prefilter_fold(const char *s, size_t n, cc_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    char scratch[CC_FOLD_CHAR_MAX];
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            cc_buf_addc(out, (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 : u[i]));
            i++;
            continue;
        }
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0)
            return false;
        const char *f;
        size_t k = fold_cp(cp, &f, scratch);
        cc_buf_add(out, f, k);
        i += len;
    }
    return true;
}

/* ---- the document filter ------------------------------------------------------------ */

struct cc_docfilter {
    cc_acm *acm; /* the folded literals of every require pattern */
};

cc_docfilter *cc_docfilter_new(const cc_rulebook *rb)
{
    if (!rb->nrequire)
        return NULL;
    cc_acm *acm = cc_acm_new();
    cc_buf folded = CC_BUF_INIT;
    bool usable = true;
    for (size_t i = 0; i < rb->nrequire && usable; i++) {
        char *lit[MAXS];
        const char *src = rb->require[i].source;
        size_t n = cc_prefilter_literals(src, strlen(src), lit);
        usable = n > 0;
        for (size_t k = 0; k < n; k++) {
            cc_buf_reset(&folded);
            if (!cc_prefilter_fold(lit[k], strlen(lit[k]), &folded) || folded.len < MIN_FOLDED)
                usable = false;
            else
                cc_acm_add(acm, folded.data, folded.len, (uint32_t)i);
            free(lit[k]);
        }
    }
    cc_buf_free(&folded);
    if (!usable) {
        cc_acm_free(acm);
        return NULL;
    }
    cc_acm_build(acm);
    cc_docfilter *f = cc_xmalloc(sizeof *f);
    f->acm = acm;
    return f;
}

void cc_docfilter_free(cc_docfilter *f)
{
    if (!f)
        return;
    cc_acm_free(f->acm);
    free(f);
}

/*
 * One pass over the raw bytes: each character folded (ASCII by a table, the rest through
 * the memo) and fed to the automaton at once, stopping at the first literal found.
 */
bool cc_docfilter_maybe(const cc_docfilter *f, const char *bytes, size_t len)
{
    cc_acm_tables t = cc_acm_tables_of(f->acm);
    uint16_t ascii[128]; /* column of each ASCII byte, uppercase as lowercase */
    for (int c = 0; c < 128; c++)
        ascii[c] = t.cls[c >= 'A' && c <= 'Z' ? c + 32 : c];
    const unsigned char *u = (const unsigned char *)bytes;
    char scratch[CC_FOLD_CHAR_MAX];
    uint32_t s = 0;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            s = t.delta[(size_t)s * t.ncls + ascii[u[i++]]];
            if (t.final[s])
                return true;
            continue;
        }
        size_t n;
        int32_t cp = cc_utf8_decode(bytes + i, len - i, &n);
        if (cp < 0)
            return true; /* not UTF-8: the reader will decode it otherwise; let it be */
        i += n;
        const char *fold;
        size_t k = fold_cp(cp, &fold, scratch);
        for (size_t j = 0; j < k; j++) {
            s = t.delta[(size_t)s * t.ncls + t.cls[(unsigned char)fold[j]]];
            if (t.final[s])
                return true;
        }
    }
    return false;
}
