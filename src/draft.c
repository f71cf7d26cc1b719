/*
 * draft.c — a draft rulebook from open mode's aligned groups (see draft.h).
 *
 * The work, per aligned group: find each document's figure again in its (NFC) sentence,
 * take the words around it, build candidate patterns from the words all documents share,
 * try every candidate of every group in one extraction of the documents (a trial
 * rulebook with one field per candidate), keep per group the most general candidate
 * that reads each document's figure and nothing else, run its examples, write it.
 */
#include "draft.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "checker.h"
#include "examples.h"
#include "extract.h"
#include "figure.h"
#include "pattern.h"
#include "reader.h"
#include "text.h"

/* ---- words: field ids, regex text, YAML scalars ---------------------------------- */

void cc_draft_slug(const char *s, size_t n, cc_buf *out)
{
    cc_buf folded = CC_BUF_INIT;
    cc_fold(s, n, &folded);
    size_t start = out->len;
    bool gap = false;
    for (size_t i = 0; i < folded.len; i++) {
        char c = folded.data[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            gap = out->len > start; /* a separator, written only before the next kept one */
            continue;
        }
        if (gap)
            cc_buf_addc(out, '_');
        else if (out->len == start && c <= '9')
            cc_buf_addc(out, '_'); /* a field id starts with a letter or '_' */
        gap = false;
        cc_buf_addc(out, c);
    }
    cc_buf_free(&folded);
}

/* PCRE2's metacharacters outside a class; '#' too, so that (?x) cannot read a comment,
 * and '-' and ']' are harmless escaped. */
static bool regex_meta(int32_t cp)
{
    return cp < 0x80 && strchr("\\^$.|?*+()[]{}#", (int)cp) != NULL && cp != 0;
}

void cc_draft_regex_escape(const char *s, size_t n, cc_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t sp = cc_skip_space(s + i, n - i);
        if (sp) {
            cc_buf_adds(out, "\\s+");
            i += sp;
            continue;
        }
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0)
            cc_buf_adds(out, "\\x{FFFD}");
        else if (regex_meta(cp))
            cc_buf_addf(out, "\\%c", (char)cp);
        else if (cp < 0x20 || cp == 0x7f)
            cc_buf_addf(out, "\\x{%X}", (unsigned)cp);
        else
            cc_buf_add(out, s + i, len);
        i += len;
    }
}

/* A character a YAML scalar may hold as it is (YAML 1.1's printable set), on one line:
 * no line break of any kind, no tab (kept visible), no byte order mark. */
static bool yaml_plain_char(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7f;
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
        return false;
    return (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

void cc_draft_yaml_quote(const char *s, size_t n, cc_buf *out)
{
    bool plain = true;
    size_t len;
    for (size_t i = 0; i < n && plain; i += len)
        plain = yaml_plain_char(cc_utf8_decode(s + i, n - i, &len));
    if (plain) {
        cc_buf_addc(out, '\'');
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '\'')
                cc_buf_addc(out, '\'');
            cc_buf_addc(out, s[i]);
        }
        cc_buf_addc(out, '\'');
        return;
    }
    cc_buf_addc(out, '"');
    for (size_t i = 0; i < n; i += len) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0)
            cp = 0xFFFD;
        if (cp == '"' || cp == '\\')
            cc_buf_addf(out, "\\%c", (char)cp);
        else if (cp == '\t')
            cc_buf_adds(out, "\\t");
        else if (yaml_plain_char(cp))
            cc_utf8_add(out, cp);
        else if (cp < 0x100)
            cc_buf_addf(out, "\\x%02X", (unsigned)cp);
        else if (cp < 0x10000)
            cc_buf_addf(out, "\\u%04X", (unsigned)cp);
        else
            cc_buf_addf(out, "\\U%08X", (unsigned)cp);
    }
    cc_buf_addc(out, '"');
}

/* ---- contexts and patterns -------------------------------------------------------- */

/* Letters, digits and marks make words; anything else at a word's edge is punctuation. */
static bool word_char(int32_t cp)
{
    return cp >= 0 && (cc_is_alnum(cp) || cc_is_mark(cp));
}

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* The first code point of s[0..n) and the last one (with its start in *last_at). */
static int32_t first_cp(const char *s, size_t n)
{
    size_t len;
    return n ? cc_utf8_decode(s, n, &len) : -1;
}

static int32_t last_cp(const char *s, size_t n, size_t *last_at)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    *last_at = i;
    size_t len;
    return n ? cc_utf8_decode(s + i, n - i, &len) : -1;
}

/* Keeps word w[0..n) (its inner punctuation too: "km/giờ") as context word k of `side`;
 * false when it cannot be one (a figure, too long, empty). */
static bool keep_word(char side[][CC_DRAFT_WORD_MAX], size_t *count, const char *w, size_t n)
{
    if (n == 0 || n >= CC_DRAFT_WORD_MAX || has_digit(w, n) || *count >= CC_DRAFT_WORDS)
        return false;
    memcpy(side[*count], w, n);
    side[*count][n] = '\0';
    (*count)++;
    return true;
}

/* The words after s[at..n): each white-space separated chunk, punctuation trimmed; a
 * chunk that starts with punctuation stops the side before it, one that ends with
 * punctuation after it. */
static void right_words(const char *s, size_t n, size_t at, cc_draft_context *out)
{
    size_t i = at;
    while (out->nright < CC_DRAFT_WORDS) {
        size_t sp = cc_skip_space(s + i, n - i);
        if (sp == 0 || i + sp >= n)
            return; /* glued punctuation ("30,"), or the end */
        i += sp;
        size_t e = i;
        while (e < n && cc_skip_space(s + e, n - e) == 0)
            e++;
        if (!word_char(first_cp(s + i, e - i)))
            return;
        size_t w_end = e, last_at;
        while (w_end > i && !word_char(last_cp(s + i, w_end - i, &last_at)))
            w_end = i + last_at;
        if (!keep_word(out->right, &out->nright, s + i, w_end - i) || w_end < e)
            return;
        i = e;
    }
}

/* The words before s[0..at), nearest first, by the same rules mirrored. */
static void left_words(const char *s, size_t at, cc_draft_context *out)
{
    size_t i = at;
    while (out->nleft < CC_DRAFT_WORDS) {
        size_t e = i, last_at; /* the white space before the figure or the last word */
        while (e > 0 && cc_is_space(last_cp(s, e, &last_at)))
            e = last_at;
        if (e == i || e == 0)
            return;
        size_t b = e;
        while (b > 0 && !cc_is_space(last_cp(s, b, &last_at)))
            b = last_at;
        if (!word_char(last_cp(s + b, e - b, &last_at)))
            return;
        size_t w_start = b, len;
        while (w_start < e && !word_char(cc_utf8_decode(s + w_start, e - w_start, &len)))
            w_start += len;
        if (!keep_word(out->left, &out->nleft, s + w_start, e - w_start) || w_start > b)
            return;
        i = b;
    }
}

void cc_draft_context_of(const char *s, size_t n, size_t start, size_t end,
                         cc_draft_context *out)
{
    memset(out, 0, sizeof *out);
    left_words(s, start, out);
    right_words(s, n, end, out);
}

static bool same_word(const char *a, const char *b)
{
    cc_buf la = CC_BUF_INIT, lb = CC_BUF_INIT;
    cc_lowercase(a, strlen(a), &la);
    cc_lowercase(b, strlen(b), &lb);
    bool same = strcmp(la.data, lb.data) == 0;
    cc_buf_free(&la);
    cc_buf_free(&lb);
    return same;
}

/* How many words, nearest first, every context shares on one side. */
static size_t shared_words(const cc_draft_context *ctx, size_t n, bool right)
{
    size_t k = 0;
    for (;; k++) {
        for (size_t i = 0; i < n; i++) {
            size_t have = right ? ctx[i].nright : ctx[i].nleft;
            const char *w = right ? ctx[i].right[k] : ctx[i].left[k];
            const char *w0 = right ? ctx[0].right[k] : ctx[0].left[k];
            if (k >= have || !same_word(w, w0))
                return k;
        }
    }
}

/* When no word right before the figure is shared: the nearest word of the first context,
 * among its CC_DRAFT_GAP + 1 nearest, that every context has among its CC_DRAFT_GAP + 1
 * nearest, and how many words from there on they all share; 0 when there is none. Sets
 * *from to its place in the first context and *gap to the most words any context has
 * between it and the figure. */
static size_t gapped_left(const cc_draft_context *ctx, size_t n, size_t *from, size_t *gap)
{
    size_t *at = cc_xcalloc(n, sizeof *at);
    size_t k = 0;
    for (size_t a = 0; a <= CC_DRAFT_GAP && a < ctx[0].nleft && k == 0; a++) {
        size_t most = a;
        bool all = true;
        at[0] = a;
        for (size_t i = 1; i < n && all; i++) {
            at[i] = 0;
            while (at[i] <= CC_DRAFT_GAP && at[i] < ctx[i].nleft &&
                   !same_word(ctx[i].left[at[i]], ctx[0].left[a]))
                at[i]++;
            all = at[i] <= CC_DRAFT_GAP && at[i] < ctx[i].nleft;
            most = all && at[i] > most ? at[i] : most;
        }
        if (!all)
            continue;
        for (k = 1;; k++) { /* the words after the anchor that all of them share */
            bool same = true;
            for (size_t i = 0; i < n && same; i++)
                same = at[i] + k < ctx[i].nleft &&
                       same_word(ctx[i].left[at[i] + k], ctx[0].left[a + k]);
            if (!same)
                break;
        }
        *from = a;
        *gap = most;
    }
    free(at);
    return k;
}

static char *pattern_of(const cc_draft_context *c, const cc_draft_shape *sh, const char *core)
{
    cc_buf p = CC_BUF_INIT;
    if (sh->left)
        cc_buf_adds(&p, "\\b");
    for (size_t k = sh->left; k > 0; k--) {
        const char *w = c->left[sh->from + k - 1];
        cc_draft_regex_escape(w, strlen(w), &p);
        cc_buf_adds(&p, "\\s+");
    }
    if (sh->left && sh->gap) /* lazily: the slot takes qualifier words itself */
        cc_buf_addf(&p, "(?:[^\\s\\d]+\\s+){0,%zu}?", sh->gap);
    cc_buf_adds(&p, core);
    for (size_t k = 0; k < sh->right; k++) {
        cc_buf_adds(&p, "\\s+");
        cc_draft_regex_escape(c->right[k], strlen(c->right[k]), &p);
    }
    if (sh->right)
        cc_buf_adds(&p, "\\b");
    return cc_buf_detach(&p);
}

/* Shapes holding words on the side that names the figure first (when the documents share
 * any there), then fewer words first, then more of them on that side. */
static cc_draft_side sort_side;
static bool sort_side_shared;

static size_t on_side(const cc_draft_shape *x, cc_draft_side side)
{
    return side == CC_DRAFT_AFTER ? x->right : x->left;
}

size_t cc_draft_head_words(cc_locale loc)
{
    return loc == CC_LOCALE_EN ? 1 : 2;
}

static int cmp_shape(const void *a, const void *b)
{
    const cc_draft_shape *x = a, *y = b;
    size_t sx = on_side(x, sort_side), sy = on_side(y, sort_side);
    if (sort_side_shared && (sx == 0) != (sy == 0))
        return sx ? -1 : 1;
    size_t tx = x->left + x->right, ty = y->left + y->right;
    if (tx != ty)
        return tx < ty ? -1 : 1;
    return sx > sy ? -1 : sx < sy;
}

/* The word counts a side may hold: none, then from `head` up to all k shared (fewer only
 * when fewer are shared). */
static size_t side_counts(size_t k, size_t head, size_t *out)
{
    size_t n = 0;
    out[n++] = 0;
    for (size_t c = k < head ? k : head; c >= 1 && c <= k; c++)
        out[n++] = c;
    return n;
}

size_t cc_draft_patterns(const cc_draft_context *ctx, size_t n, const char *core,
                         cc_draft_side names, size_t head, char ***out, cc_draft_shape *shapes)
{
    size_t kl = n ? shared_words(ctx, n, false) : 0, kr = n ? shared_words(ctx, n, true) : 0;
    size_t from = 0, gap = 0;
    if (kl == 0 && n > 1)
        kl = gapped_left(ctx, n, &from, &gap);
    size_t ls[CC_DRAFT_WORDS + 1], rs[CC_DRAFT_WORDS + 1];
    size_t nl = side_counts(kl, head, ls), nr = side_counts(kr, head, rs);
    cc_draft_shape all[(CC_DRAFT_WORDS + 1) * (CC_DRAFT_WORDS + 1)];
    size_t nall = 0;
    for (size_t i = 0; i < nl; i++)
        for (size_t j = 0; j < nr; j++)
            if (ls[i] + rs[j] > 0 || kl + kr == 0) /* the core alone: only when nothing is shared */
                all[nall++] = (cc_draft_shape){ls[i], rs[j], ls[i] ? from : 0,
                                               ls[i] ? gap : 0};
    sort_side = names;
    sort_side_shared = (names == CC_DRAFT_AFTER ? kr : kl) > 0;
    qsort(all, nall, sizeof *all, cmp_shape);
    if (nall > CC_DRAFT_CANDIDATES)
        nall = CC_DRAFT_CANDIDATES;
    char **v = cc_xcalloc(nall, sizeof *v);
    for (size_t i = 0; i < nall; i++) {
        v[i] = pattern_of(&ctx[0], &all[i], core);
        if (shapes)
            shapes[i] = all[i];
    }
    *out = v;
    return nall;
}

void cc_draft_patterns_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- one document's figure, found again ------------------------------------------ */

/* s as NFC, through the reader (the one home of normalisation); s holds no line break. */
static void nfc_of(const char *s, cc_buf *out)
{
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("text", s, strlen(s), &d);
    cc_line line;
    if (r && cc_reader_next(r, &line) > 0)
        cc_buf_add(out, line.text, line.len);
    if (r)
        cc_reader_close(r);
    cc_diags_free(&d);
}

typedef struct member {
    size_t claim;                  /* index into the open run's claims */
    int doc;
    unsigned line;
    uint64_t off;                  /* the open claim's value in its file */
    uint32_t len;
    char *sentence;                /* NFC */
    size_t qstart, end;            /* the figure in it, its qualifier words included */
    const cc_unit *unit;           /* quantity, duration: its unit; else NULL */
    char unit_text[CC_DRAFT_WORD_MAX]; /* the unit as written after the number, or "" */
    bool compound;                 /* "3 năm 6 tháng": two numbers and units */
    bool glued;                    /* "80m": the unit right after the digits */
    bool found;                    /* the figure was found again (the fields above are set) */
    bool yearless;                 /* a date or period written without a year */
    cc_draft_context ctx;
} member;

/* The unit written after the last number of the figure s[start, end): "mét" in "60 mét",
 * "tuổi" in "43 tuổi"; `compound` when a number follows a unit ("3 năm 6 tháng"). */
static void unit_after_number(const char *s, size_t start, size_t end, member *m)
{
    size_t last_digit = SIZE_MAX, first_letter_after_digit = SIZE_MAX;
    for (size_t i = start; i < end; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (digit && first_letter_after_digit != SIZE_MAX)
            m->compound = true;
        if (digit)
            last_digit = i;
        else if (last_digit != SIZE_MAX && first_letter_after_digit == SIZE_MAX &&
                 ((unsigned char)s[i] >= 0x80 || (s[i] | 0x20) >= 'a') && s[i] != ' ' &&
                 s[i] != ',' && s[i] != '.')
            first_letter_after_digit = i;
    }
    size_t u = last_digit == SIZE_MAX ? start : last_digit + 1;
    if (last_digit == SIZE_MAX) { /* number words ("hai tuần"): the last word */
        u = end;
        while (u > start && s[u - 1] != ' ')
            u--;
    }
    size_t sp = cc_skip_space(s + u, end - u);
    m->glued = last_digit != SIZE_MAX && sp == 0 && u < end;
    u += sp;
    if (end - u < CC_DRAFT_WORD_MAX) {
        memcpy(m->unit_text, s + u, end - u);
        m->unit_text[end - u] = '\0';
    }
}

/* Finds the open claim's figure in its NFC sentence; false when the scan does not give it
 * back (a sentence normalised differently). */
static bool find_figure(const cc_run *run, size_t ci, cc_locale loc, cc_figures *figs,
                        member *m)
{
    const cc_claim *c = &run->claims[ci];
    memset(m, 0, sizeof *m);
    m->claim = ci;
    m->doc = c->doc;
    m->line = c->line;
    m->off = c->byte_offset;
    m->len = c->byte_length;
    cc_buf nfc = CC_BUF_INIT, before = CC_BUF_INIT;
    nfc_of(c->sentence, &nfc);
    char *head = cc_xstrndup(c->sentence, c->value_in_sentence);
    nfc_of(head, &before);
    free(head);
    size_t at = before.len;
    cc_buf_free(&before);
    m->sentence = cc_buf_detach(&nfc);
    size_t n = strlen(m->sentence);
    figs->doc_year = 0; /* so that a date written without a year says so */
    cc_figure_scan(m->sentence, n, loc, figs);
    for (size_t i = 0; i < figs->n; i++) {
        const cc_figure *f = &figs->v[i];
        if ((int)f->kind != (int)c->open->kind || !(f->qual_start <= at && at < f->end))
            continue;
        m->qstart = f->qual_start;
        m->yearless = f->yearless || f->yearless2;
        m->end = f->end;
        m->unit = f->unit;
        if (f->kind == CC_FIG_QUANTITY || f->kind == CC_FIG_DURATION || f->kind == CC_FIG_AGE)
            unit_after_number(m->sentence, f->start, f->end, m);
        cc_draft_context_of(m->sentence, n, f->qual_start, f->end, &m->ctx);
        return true;
    }
    return false;
}

/* ---- plans: one aligned group on its way to a field ------------------------------ */

static const char *kind_name(cc_figure_kind k)
{
    return cc_name_of(cc_figure_kind_names, (int)k);
}

/* "a" or "an" before an English word ("an age", "an identifier", "a count"). */
static const char *article(const char *word)
{
    return strchr("aeiou", word[0]) && word[0] ? "an" : "a";
}

typedef struct plan {
    const cc_aligned *g;
    const cc_open_fact *fact;      /* the first document's open fact (borrowed from the run) */
    cc_figure_kind kind;
    member *m;
    size_t n;
    cc_type type;
    char *core;                    /* the slot and unit, as regex text */
    char **cands;
    cc_draft_shape shapes[CC_DRAFT_CANDIDATES]; /* the shared words each candidate holds */
    size_t ncands;
    size_t first_field;            /* its first candidate's field in the trial rulebook */
    char *left_out;                /* why it was left out, or NULL */
    size_t chosen;                 /* the candidate written, or SIZE_MAX */
    char *field_yaml;              /* the field as written in the draft */
    char *id;
    char *measure;                 /* the words that say what it measures */
    bool open_conflict;            /* open mode reports the group */
    cc_severity severity;          /* open mode's severity for the group */
    cc_tolerance tol;              /* open mode's tolerance for the kind */
    char *open_values;             /* the values open mode saw ("60 mét / gần 80m") */
    char *note;                    /* when the field does not find what open mode found */
} plan;

static void plan_free(plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->m[i].sentence);
    free(p->m);
    free(p->core);
    cc_draft_patterns_free(p->cands, p->ncands);
    free(p->left_out);
    free(p->field_yaml);
    free(p->id);
    free(p->measure);
    free(p->open_values);
    free(p->note);
}

static void set_left_out(plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_left_out(plan *p, const char *fmt, ...)
{
    if (p->left_out)
        return;
    cc_buf b = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    p->left_out = cc_buf_detach(&b);
}

/* The rulebook type of a figure kind and the slot that reads it; false for a kind no
 * rulebook type holds. */
static bool type_of_kind(cc_figure_kind k, cc_type *type, const char **slot)
{
    switch (k) {
    case CC_FIG_COUNT: case CC_FIG_AGE: case CC_FIG_QUANTITY: case CC_FIG_DURATION:
        *type = CC_TYPE_NUMBER, *slot = "{number}";
        return true;
    case CC_FIG_PERCENT: *type = CC_TYPE_PERCENT, *slot = "{percent}"; return true;
    case CC_FIG_MONEY: *type = CC_TYPE_MONEY, *slot = "{money}"; return true;
    case CC_FIG_RANK: *type = CC_TYPE_RANK, *slot = "{rank}"; return true;
    case CC_FIG_DATE: *type = CC_TYPE_DATE, *slot = "{date}"; return true;
    case CC_FIG_PERIOD: *type = CC_TYPE_PERIOD, *slot = "{period}"; return true;
    default: return false;
    }
}

/* Whether member i's unit keeps the group from being one number field; the reason set. */
static bool unit_problem(plan *p, size_t i)
{
    const member *m = &p->m[i];
    int len = (int)(m->end - m->qstart);
    const char *fig = m->sentence + m->qstart;
    if (m->compound || !m->unit_text[0])
        set_left_out(p, "'%.*s' is not one number and one unit, which is all a number field "
                     "holds", len, fig);
    else if (m->glued)
        set_left_out(p, "'%.*s' is glued to its unit, and a {number} slot reads a number only "
                     "when no letter follows it", len, fig);
    else if ((p->m[0].unit || m->unit) &&
             (!p->m[0].unit || !m->unit || p->m[0].unit->factor != m->unit->factor ||
              p->m[0].unit->offset != m->unit->offset))
        set_left_out(p, "the documents write it in different units ('%s', '%s'); a number "
                     "field holds one", p->m[0].unit_text, m->unit_text);
    else
        return false;
    return true;
}

/* The slot, and for a figure with a unit the units its documents write ("{number}\s*tuổi",
 * "{number}\s*(?:mét|m)"); false, with the reason set, when the documents use units that
 * are not one number (different units, a compound duration, a unit glued to the digits). */
static bool make_core(plan *p, const char *slot)
{
    bool unit = p->kind == CC_FIG_QUANTITY || p->kind == CC_FIG_DURATION || p->kind == CC_FIG_AGE;
    for (size_t i = 0; unit && i < p->n; i++)
        if (unit_problem(p, i))
            return false;
    cc_buf core = CC_BUF_INIT, alts = CC_BUF_INIT;
    cc_buf_adds(&core, slot);
    size_t nalts = 0;
    for (size_t i = 0; unit && i < p->n; i++) {
        bool seen = false; /* each spelling once: "mét" and "m" are both metres */
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_word(p->m[j].unit_text, p->m[i].unit_text);
        if (seen)
            continue;
        if (nalts++)
            cc_buf_addc(&alts, '|');
        cc_draft_regex_escape(p->m[i].unit_text, strlen(p->m[i].unit_text), &alts);
    }
    if (nalts)
        cc_buf_addf(&core, nalts > 1 ? "\\s*(?:%s)" : "\\s*%s", alts.data);
    cc_buf_free(&alts);
    p->core = cc_buf_detach(&core);
    return true;
}

/* Whether the words before a figure of this kind name it ("vực sâu 60 mét", "giai đoạn
 * 8/2017–7/2020", "tỷ lệ 86,5%"), as in open mode's messages; else the noun after it
 * ("503 hành khách"). */
static bool names_before(cc_figure_kind k)
{
    return k == CC_FIG_DATE || k == CC_FIG_PERIOD || k == CC_FIG_QUANTITY || k == CC_FIG_TIME ||
           k == CC_FIG_PERCENT;
}

/* Whether `w` is among the n measure words open mode kept on that side of the figure
 * (open.c decides: no function or time word, but "người" right after a count). */
static bool measure_word(const char *w, const char (*kept)[CC_OPEN_WORD_MAX], unsigned n)
{
    cc_buf low = CC_BUF_INIT;
    cc_lowercase(w, strlen(w), &low);
    bool found = false;
    for (unsigned i = 0; i < n && !found; i++)
        found = strcmp(kept[i], low.data) == 0;
    cc_buf_free(&low);
    return found;
}

/* The first run of words[0..n) (nearest the figure first) that open mode kept as measure
 * words, at most `most` of them: "là", "ngày" before it are passed over, a word after it
 * that is not one ends it ("số tiền": "tiền"); how many were taken into picked[]. */
static size_t content_words(const char (*words)[CC_DRAFT_WORD_MAX], size_t n, size_t most,
                            const char (*kept)[CC_OPEN_WORD_MAX], unsigned nkept,
                            const char **picked)
{
    size_t i = 0, k = 0;
    while (i < n && !measure_word(words[i], kept, nkept))
        i++;
    while (i < n && k < most && measure_word(words[i], kept, nkept))
        picked[k++] = words[i++];
    return k;
}

/* The words a field names its figure by, lowercase, in reading order: at most `most`
 * of the content words the documents share on the side that names figures of its kind
 * ("người chết" for '\blàm\s+{number}\s+người\s+chết\b' as for '{number}\s+người\s+chết\b';
 * "hạn chót" for "ngày 5-5-2006 là hạn chót"), else on the other side, as the first
 * document writes them; nothing when no word is shared (the field is then named by its
 * kind: "age"). */
static void name_words(const plan *p, size_t most, cc_buf *out)
{
    cc_draft_shape shared = {0, 0, 0, 0}; /* the most words shared on each side */
    for (size_t k = 0; k < p->ncands; k++) {
        if (p->shapes[k].left > shared.left)
            shared.left = p->shapes[k].left, shared.from = p->shapes[k].from;
        if (p->shapes[k].right > shared.right)
            shared.right = p->shapes[k].right;
    }
    const cc_draft_context *x = &p->m[0].ctx;
    const cc_open_fact *f = p->fact;
    const char *left[CC_DRAFT_WORDS], *right[CC_DRAFT_WORDS];
    size_t nl = content_words(x->left + shared.from, shared.left, most, f->before, f->nbefore,
                              left);
    size_t nr = content_words(x->right, shared.right, most, f->after, f->nafter, right);
    bool before = names_before(p->kind) ? nl > 0 : nr == 0;
    cc_buf w = CC_BUF_INIT;
    for (size_t k = 0, n = before ? nl : nr; k < n; k++)
        cc_buf_addf(&w, "%s%s", k ? " " : "", before ? left[n - 1 - k] : right[k]);
    cc_lowercase(w.data, w.len, out);
    cc_buf_free(&w);
}

/* A field id from the words, unique among the ids of plans[0..nused). */
static char *field_id(const plan *plans, size_t nused, const char *words, cc_figure_kind kind)
{
    cc_buf slug = CC_BUF_INIT;
    cc_draft_slug(words, strlen(words), &slug);
    if (!slug.len)
        cc_buf_adds(&slug, cc_name_of(cc_figure_kind_names, (int)kind));
    size_t base = slug.len;
    for (unsigned k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < nused && !taken; i++)
            taken = plans[i].id && strcmp(plans[i].id, slug.data) == 0;
        if (!taken)
            break;
        slug.len = base;
        slug.data[base] = '\0';
        cc_buf_addf(&slug, "_%u", k);
    }
    return cc_buf_detach(&slug);
}

/* The open finding that reports group g, or NULL when its figures agree. */
static const cc_finding *open_finding(const cc_run *run, const cc_aligned *g)
{
    for (size_t i = 0; i < run->nfindings; i++) {
        const cc_finding *f = &run->findings[i];
        if (!f->open)
            continue;
        for (size_t s = 0; s < f->nsides; s++)
            for (size_t k = 0; k < f->sides[s].nclaims; k++)
                if (f->sides[s].claims[k] == g->claims[0])
                    return f;
    }
    return NULL;
}

static void plan_group(const cc_run *run, const cc_aligned *g, cc_locale loc, cc_figures *figs,
                       plan *plans, size_t index)
{
    plan *p = &plans[index];
    memset(p, 0, sizeof *p);
    p->g = g;
    p->chosen = SIZE_MAX;
    const cc_claim *first = &run->claims[g->claims[0]];
    p->kind = first->open->kind;
    p->fact = first->open;
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < g->n; i++)
        cc_buf_addf(&b, "%s%s", i ? " / " : "", run->claims[g->claims[i]].value_text);
    p->open_values = cc_buf_detach(&b);
    const cc_finding *f = open_finding(run, g);
    p->open_conflict = f != NULL;
    p->severity = f ? f->severity : cc_open_severity(run, g);
    p->tol = cc_open_tolerance(run->rb, p->kind);

    p->m = cc_xcalloc(g->n, sizeof *p->m);
    for (size_t i = 0; i < g->n; i++) {
        p->m[i].found = find_figure(run, g->claims[i], loc, figs, &p->m[i]);
        p->n = i + 1; /* its sentence is the plan's to free */
        if (!p->m[i].found) {
            set_left_out(p, "the figure '%s' was not found again in its sentence",
                         run->claims[g->claims[i]].value_text);
            return;
        }
    }
    const char *slot;
    if (!type_of_kind(p->kind, &p->type, &slot)) {
        cc_buf types = CC_BUF_INIT;
        cc_names_choice(&types, cc_type_names, 0);
        set_left_out(p, "%s %s has no rulebook type (%s)", article(kind_name(p->kind)),
                     kind_name(p->kind), types.data);
        cc_buf_free(&types);
        return;
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->m[i].yearless) {
            set_left_out(p, "'%.*s' is written without a year: a date field reads it only in a "
                         "dated document, and its example, a sentence read alone, has none",
                         (int)(p->m[i].end - p->m[i].qstart), p->m[i].sentence + p->m[i].qstart);
            return;
        }
    if (!make_core(p, slot))
        return;
    cc_draft_context *ctx = cc_xcalloc(p->n, sizeof *ctx);
    for (size_t i = 0; i < p->n; i++)
        ctx[i] = p->m[i].ctx;
    p->ncands = cc_draft_patterns(ctx, p->n, p->core,
                                  names_before(p->kind) ? CC_DRAFT_BEFORE : CC_DRAFT_AFTER,
                                  cc_draft_head_words(loc), &p->cands, p->shapes);
    free(ctx);
}

/* ---- YAML ---------------------------------------------------------------------------- */

static const char *locale_name(cc_locale loc)
{
    return loc == CC_LOCALE_EN ? "en" : "vi";
}

/* The top of a rulebook: the draft's, or a trial's with open mode off. */
static void write_head(cc_buf *y, cc_locale loc, bool open_on)
{
    cc_buf_addf(y, "version: 1\nname: draft\nlocale: %s\n", locale_name(loc));
    if (open_on)
        cc_buf_adds(y, "# Open mode also compares every figure no field claims; set it off once "
                       "the fields\n# cover the story.\n");
    cc_buf_addf(y, "open: %s\n", open_on ? "on" : "off");
    cc_buf_adds(y, "subjects:\n  story: {name: the story}");
    if (open_on)
        cc_buf_adds(y, "   # the subject of every field; name people and places when "
                       "figures are about them");
    cc_buf_adds(y, "\n");
}

static void write_tolerance(cc_buf *y, const cc_tolerance *t)
{
    if (t->abs <= 0 && t->rel <= 0 && t->days <= 0)
        return; /* exact: the rule's default */
    const char *sep = "";
    cc_buf_adds(y, "    tolerance: {");
    if (t->abs > 0) {
        cc_buf_adds(y, "abs: ");
        cc_format_double(t->abs, y);
        sep = ", ";
    }
    if (t->rel > 0) {
        cc_buf_addf(y, "%srel: ", sep);
        cc_format_double(t->rel * 100, y);
        cc_buf_adds(y, "%");
        sep = ", ";
    }
    if (t->days > 0)
        cc_buf_addf(y, "%sdays: %d", sep, t->days);
    cc_buf_adds(y, "}\n");
}

/* One field: id, type, subject, one pattern, and the examples when given. */
static void write_field(cc_buf *y, const char *id, cc_type type, const char *pattern,
                        const char *examples)
{
    /* scope: event: the reports of one story are compared whatever year each is dated */
    cc_buf_addf(y, "  %s:\n    type: %s\n    subject: story\n    scope: event\n    patterns:\n"
                   "      - ", id, cc_type_name(type));
    cc_draft_yaml_quote(pattern, strlen(pattern), y);
    cc_buf_adds(y, "\n");
    if (examples && examples[0])
        cc_buf_addf(y, "    examples:\n%s", examples);
}

/* A comment line's text: no line break, no control character. */
static void add_comment_text(cc_buf *y, const char *s)
{
    size_t len;
    for (size_t i = 0, n = strlen(s); i < n; i += len) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0 || !yaml_plain_char(cp))
            cc_buf_addc(y, ' ');
        else
            cc_buf_add(y, s + i, len);
    }
}

/* Where `words` white-space separated words before s[at] start (a run of spaces counts
 * once), and where `words` words after s[at] end. */
static size_t words_back(const char *s, size_t at, unsigned words)
{
    size_t a = at, last_at;
    unsigned runs = 0;
    while (a > 0) {
        bool space = cc_is_space(last_cp(s, a, &last_at));
        bool run_start = space && (a == at || !cc_is_space(first_cp(s + a, strlen(s + a))));
        if (run_start && ++runs > words)
            break;
        a = last_at;
    }
    return a + cc_skip_space(s + a, strlen(s + a));
}

static size_t words_forward(const char *s, size_t at, unsigned words)
{
    size_t n = strlen(s), b = at, len, last_at;
    unsigned runs = 0;
    while (b < n) {
        size_t sp = cc_skip_space(s + b, n - b);
        if (sp && ++runs > words)
            break;
        cc_utf8_decode(s + b, n - b, &len);
        b += sp ? sp : len;
    }
    while (b > at && cc_is_space(last_cp(s, b, &last_at)))
        b = last_at;
    return b;
}

/* Up to `words` words either side of s[start, end), with "…" where the sentence goes on. */
static void excerpt(const char *s, size_t start, size_t end, unsigned words, cc_buf *out)
{
    size_t a = words_back(s, start, words), b = words_forward(s, end, words);
    cc_buf text = CC_BUF_INIT;
    cc_buf_addf(&text, "%s%.*s%s", a > 0 ? "…" : "", (int)(b - a), s + a, s[b] ? "…" : "");
    add_comment_text(out, text.data);
    cc_buf_free(&text);
}

/* The comment above a field or a left-out group: where its figures come from. */
static void write_origin(cc_buf *y, const plan *p, const cc_run *run)
{
    cc_buf_adds(y, "  # ");
    if (p->left_out)
        cc_buf_adds(y, "left out: ");
    else
        cc_buf_addf(y, "%s: ", p->id);
    cc_buf_addf(y, "%s %s aligned across %zu documents ", article(kind_name(p->kind)),
                kind_name(p->kind), p->g->n);
    if (p->g->why[0]) {
        cc_buf_adds(y, "on ");
        add_comment_text(y, p->g->why);
    } else {
        cc_buf_addf(y, "as the only %s of each", kind_name(p->kind));
    }
    cc_buf_addf(y, " (alignment score %d)\n", p->g->score);
    for (size_t i = 0; i < p->g->n; i++) {
        const cc_claim *c = &run->claims[p->g->claims[i]];
        cc_buf_addf(y, "  #   d%d line %u: ", c->doc + 1, c->line);
        if (i < p->n && p->m[i].found)
            excerpt(p->m[i].sentence, p->m[i].qstart, p->m[i].end, 4, y);
        else
            add_comment_text(y, c->value_text);
        cc_buf_adds(y, "\n");
    }
    cc_buf_adds(y, "  #   open mode: ");
    if (p->open_conflict)
        cc_buf_addf(y, "a conflict (%s): ", cc_severity_name(p->severity));
    else
        cc_buf_adds(y, "the figures agree: ");
    add_comment_text(y, p->open_values);
    cc_buf_adds(y, "\n");
    if (p->left_out) {
        cc_buf_adds(y, "  #   ");
        add_comment_text(y, p->left_out);
        cc_buf_adds(y, "\n");
    } else if (p->note) {
        cc_buf_adds(y, "  #   NOTE: ");
        add_comment_text(y, p->note);
        cc_buf_adds(y, "\n");
    }
}

/* ---- trying the candidates ---------------------------------------------------------- */

/* The trial rulebook: one field (and rule, with open mode's tolerance) per candidate of
 * every plan, open mode off. */
static char *trial_rulebook(plan *plans, size_t n, cc_locale loc)
{
    cc_buf y = CC_BUF_INIT, rules = CC_BUF_INIT;
    write_head(&y, loc, false);
    cc_buf_adds(&y, "fields:\n");
    size_t field = 0;
    for (size_t i = 0; i < n; i++) {
        plans[i].first_field = field;
        for (size_t c = 0; c < plans[i].ncands; c++, field++) {
            char id[48];
            snprintf(id, sizeof id, "t%zu", field);
            write_field(&y, id, plans[i].type, plans[i].cands[c], NULL);
            cc_buf_addf(&rules, "  - id: %s\n    field: %s\n", id, id);
            write_tolerance(&rules, &plans[i].tol);
        }
    }
    if (field == 0)
        cc_buf_adds(&y, "  {}\n");
    else
        cc_buf_addf(&y, "rules:\n%s", rules.data);
    cc_buf_free(&rules);
    return cc_buf_detach(&y);
}

/* A rulebook from YAML text, compiled; NULL with the diagnostics in d. */
static cc_rulebook *load_compiled(const char *yaml, cc_diags *d)
{
    cc_rulebook *rb = cc_rulebook_load_mem("draft", yaml, strlen(yaml), d);
    if (rb && cc_patterns_compile(rb, d) < 0) {
        cc_rulebook_free(rb);
        rb = NULL;
    }
    return rb;
}

/* Runs the rulebook's examples (as `rules test`); returns how many failed (1 when they
 * could not be run) and sets *text to what the run printed (free it; may be NULL). */
static size_t run_examples(const cc_rulebook *rb, char **text)
{
    size_t len = 0, total = 0;
    *text = NULL;
    FILE *f = open_memstream(text, &len);
    size_t failed = f ? cc_examples_run(rb, "draft", false, f, &total) : 1;
    if (f)
        fclose(f);
    return failed;
}

/* load_compiled(), its first problem reported in d as "WHAT: message"; NULL then. */
static cc_rulebook *load_compiled_or_say(const char *yaml, const char *what, cc_diags *d)
{
    cc_diags ld = {0};
    cc_rulebook *rb = load_compiled(yaml, &ld);
    if (!rb)
        cc_error(d, CC_DIAG_RULEBOOK, NULL, "%s: %s", what, ld.n ? ld.v[0].message : "?");
    cc_diags_free(&ld);
    return rb;
}

/* Whether a field's claim reads the member's figure as open mode did. Ranks, dates and
 * periods: the same position and total, the same days. Numbers, percents and money: the
 * same words, since open mode widens a qualifier its own way ("trên 60 triệu" goes up to
 * half as much again there, a tenth in the {number} slot) — the field's words start where
 * the figure's do and end where they end, or where only the figure's unit is left ("43"
 * of "43 tuổi"). "20" read from "15-20" is not "15-20", nor "15". */
static bool same_reading(const cc_claim *open, const cc_claim *field, const member *m)
{
    const cc_value *o = &open->value, *f = &field->value;
    if (o->type != f->type)
        return false;
    switch (f->type) {
    case CC_TYPE_RANK:
        return o->position == f->position && o->total == f->total;
    case CC_TYPE_DATE:
    case CC_TYPE_PERIOD:
        return o->start.from == f->start.from && o->start.to == f->start.to &&
               (f->type == CC_TYPE_DATE ||
                (o->end.from == f->end.from && o->end.to == f->end.to));
    default:
        break;
    }
    uint64_t oe = open->byte_offset + open->byte_length, fe = field->byte_offset + field->byte_length;
    if (field->byte_offset != open->byte_offset || fe > oe)
        return false;
    if (fe == oe)
        return true;
    size_t into = (size_t)(fe - open->byte_offset);
    if (!m->unit_text[0] || into > strlen(open->value_text))
        return false;
    const char *rest = open->value_text + into;
    rest += cc_skip_space(rest, strlen(rest));
    return same_word(rest, m->unit_text);
}

/* What one candidate does in the trial run. */
typedef struct verdict {
    size_t *hit;          /* per member: the trial claim that reads its figure, or SIZE_MAX */
    size_t nhit;
    size_t miss;          /* the first member it does not read, or SIZE_MAX */
    size_t misread;       /* the trial claim at that member's figure with another value */
    size_t *look;         /* trial claims of other figures (look-alikes) */
    size_t nlook;
    bool conflict;        /* the trial's check reports a conflict in this field */
} verdict;

static void verdict_free(verdict *v)
{
    free(v->hit);
    free(v->look);
}

static bool overlaps(const cc_claim *c, const member *m)
{
    return c->doc == m->doc && c->byte_offset < m->off + m->len &&
           m->off < c->byte_offset + c->byte_length;
}

/* Whether two values of a field agree as its rule will compare them: numbers, percents and
 * money whose intervals, widened by open mode's tolerance for the kind, meet ("khoảng 27
 * tỷ đồng" and "27 tỷ đồng"); other values when their canonical texts are equal. */
static bool same_canonical(const cc_value *a, const cc_value *b);

static bool values_agree(const cc_value *a, const cc_value *b, const cc_tolerance *tol)
{
    if (a->type == CC_TYPE_NUMBER || a->type == CC_TYPE_PERCENT || a->type == CC_TYPE_MONEY) {
        cc_tolerance t = *tol;
        double alo = a->range.lo - t.abs - t.rel * fabs(a->range.lo);
        double ahi = a->range.hi + t.abs + t.rel * fabs(a->range.hi);
        double blo = b->range.lo - t.abs - t.rel * fabs(b->range.lo);
        double bhi = b->range.hi + t.abs + t.rel * fabs(b->range.hi);
        return strcmp(a->currency, b->currency) == 0 && alo <= bhi && blo <= ahi;
    }
    return same_canonical(a, b);
}

static bool same_canonical(const cc_value *a, const cc_value *b)
{
    cc_buf x = CC_BUF_INIT, y = CC_BUF_INIT;
    cc_value_canonical(a, &x);
    cc_value_canonical(b, &y);
    bool same = strcmp(x.data, y.data) == 0;
    cc_buf_free(&x);
    cc_buf_free(&y);
    return same;
}

static void judge(const cc_run *open, const cc_run *trial, const plan *p, int field, verdict *v)
{
    memset(v, 0, sizeof *v);
    v->hit = cc_xcalloc(p->n, sizeof *v->hit);
    v->look = cc_xcalloc(trial->nclaims ? trial->nclaims : 1, sizeof *v->look);
    v->miss = v->misread = SIZE_MAX;
    for (size_t i = 0; i < p->n; i++)
        v->hit[i] = SIZE_MAX;
    for (size_t k = 0; k < trial->nclaims; k++) {
        const cc_claim *c = &trial->claims[k];
        if (c->field != field)
            continue;
        size_t i = 0;
        while (i < p->n && !overlaps(c, &p->m[i]))
            i++;
        if (i < p->n && v->hit[i] == SIZE_MAX &&
            same_reading(&open->claims[p->m[i].claim], c, &p->m[i])) {
            v->hit[i] = k;
            v->nhit++;
        } else if (i < p->n) {
            if (v->misread == SIZE_MAX)
                v->misread = k;
        } else {
            v->look[v->nlook++] = k;
        }
    }
    /* A figure stated again with the same value is no look-alike: by a document of the
     * group with its own value, or by another document with one of the group's values. */
    size_t kept = 0;
    for (size_t j = 0; j < v->nlook; j++) {
        const cc_claim *c = &trial->claims[v->look[j]];
        bool in_group = false, again = false;
        for (size_t i = 0; i < p->n; i++)
            in_group |= p->m[i].doc == c->doc;
        for (size_t i = 0; i < p->n && !again; i++)
            again = (!in_group || p->m[i].doc == c->doc) && v->hit[i] != SIZE_MAX &&
                    values_agree(&trial->claims[v->hit[i]].value, &c->value, &p->tol);
        if (!again)
            v->look[kept++] = v->look[j];
    }
    v->nlook = kept;
    for (size_t i = 0; i < p->n && v->miss == SIZE_MAX; i++)
        if (v->hit[i] == SIZE_MAX)
            v->miss = i;
    for (size_t i = 0; i < trial->nfindings; i++)
        if (trial->findings[i].field == field && trial->findings[i].kind == CC_FIND_CONFLICT)
            v->conflict = true;
}

/* Adds one example line: the sentence, and its value or none: true. */
static void add_example(cc_buf *ex, const char *text, const char *value, const char *where)
{
    cc_buf_adds(ex, "      - {text: ");
    cc_draft_yaml_quote(text, strlen(text), ex);
    if (value) {
        cc_buf_adds(ex, ", value: ");
        cc_draft_yaml_quote(value, strlen(value), ex);
    } else {
        cc_buf_adds(ex, ", none: true");
    }
    cc_buf_addf(ex, "}   # %s\n", where);
}

/* Whether a sentence is already among the examples written (as text: ...). */
static bool has_sentence(char **seen, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(seen[i], s) == 0)
            return true;
    return false;
}

/* The examples of candidate `c`: each member's sentence with the value it yields, then the
 * sentences of look-alikes that earlier (more general) candidates read and this one does
 * not. */
static char *examples_of(const cc_run *trial, const plan *p, const verdict *vs, size_t c)
{
    cc_buf ex = CC_BUF_INIT, where = CC_BUF_INIT, val = CC_BUF_INIT;
    char **seen = cc_xcalloc(p->n + CC_DRAFT_NONE_MAX + 1, sizeof *seen);
    size_t nseen = 0;
    for (size_t i = 0; i < p->n; i++) {
        const cc_claim *cl = &trial->claims[vs[c].hit[i]];
        cc_buf_reset(&val);
        nfc_of(cl->value_text, &val);
        cc_buf_reset(&where);
        cc_buf_addf(&where, "d%d line %u", p->m[i].doc + 1, p->m[i].line);
        bool dup = false; /* a reprint: the same sentence and value */
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(p->m[j].sentence, p->m[i].sentence) == 0;
        if (!dup)
            add_example(&ex, p->m[i].sentence, val.data, where.data);
        seen[nseen++] = p->m[i].sentence;
    }
    char **owned = cc_xcalloc(CC_DRAFT_NONE_MAX + 1, sizeof *owned);
    size_t nnone = 0;
    for (size_t e = 0; e < c && nnone < CC_DRAFT_NONE_MAX; e++)
        for (size_t j = 0; j < vs[e].nlook && nnone < CC_DRAFT_NONE_MAX &&
                           p->shapes[e].left <= p->shapes[c].left &&
                           p->shapes[e].right <= p->shapes[c].right; j++) {
            const cc_claim *lc = &trial->claims[vs[e].look[j]];
            bool read_by_chosen = false;
            for (size_t k = 0; k < trial->nclaims && !read_by_chosen; k++)
                read_by_chosen = trial->claims[k].field == (int)(p->first_field + c) &&
                                 trial->claims[k].doc == lc->doc &&
                                 trial->claims[k].line == lc->line &&
                                 strcmp(trial->claims[k].sentence, lc->sentence) == 0;
            cc_buf s = CC_BUF_INIT;
            nfc_of(lc->sentence, &s);
            if (read_by_chosen || has_sentence(seen, nseen, s.data)) {
                cc_buf_free(&s);
                continue;
            }
            cc_buf_reset(&where);
            cc_buf_addf(&where, "d%d line %u: %s, another figure", lc->doc + 1, lc->line,
                        lc->value_text);
            cc_buf clean = CC_BUF_INIT;
            add_comment_text(&clean, where.data);
            add_example(&ex, s.data, NULL, clean.data);
            cc_buf_free(&clean);
            owned[nnone++] = seen[nseen++] = cc_buf_detach(&s);
        }
    for (size_t i = 0; i < nnone; i++)
        free(owned[i]);
    free(owned);
    free(seen);
    cc_buf_free(&where);
    cc_buf_free(&val);
    return cc_buf_detach(&ex);
}

/* Runs the examples of one field alone; true when they pass, else the first failure
 * into *why. */
static bool field_passes(const char *field_yaml, cc_locale loc, char **why)
{
    cc_buf y = CC_BUF_INIT;
    write_head(&y, loc, false);
    cc_buf_addf(&y, "fields:\n%s", field_yaml);
    cc_diags d = {0};
    cc_rulebook *rb = load_compiled(y.data, &d);
    bool ok = false;
    if (rb) {
        char *text = NULL;
        size_t failed = run_examples(rb, &text);
        ok = failed == 0;
        if (!ok && text) {
            char *nl = strchr(text, '\n');
            *why = cc_xstrndup(text, nl ? (size_t)(nl - text) : strlen(text));
        }
        free(text);
        cc_rulebook_free(rb);
    } else if (d.n) {
        *why = cc_xstrdup(d.v[0].message);
    }
    cc_diags_free(&d);
    cc_buf_free(&y);
    return ok;
}

/* Why no candidate became the field. */
static void explain_left_out(plan *p, const cc_run *trial, const verdict *vs, char *test_failure)
{
    if (test_failure) {
        set_left_out(p, "its examples fail when run alone (%s)", test_failure);
        return;
    }
    size_t best = 0;
    for (size_t c = 0; c < p->ncands; c++) {
        if (vs[c].miss == SIZE_MAX) { /* reads them all, and another figure too */
            const cc_claim *lc = &trial->claims[vs[c].look[0]];
            if (p->shapes[c].left + p->shapes[c].right == 0)
                set_left_out(p, "the documents share no word right before or after the figure, "
                             "and '%s' alone also reads '%s' in d%d line %u", p->cands[c],
                             lc->value_text, lc->doc + 1, lc->line);
            set_left_out(p, "every pattern built from the shared words that reads the figures "
                         "also reads another one: '%s' reads '%s' in d%d line %u",
                         p->cands[c], lc->value_text, lc->doc + 1, lc->line);
            return;
        }
        if (vs[c].nhit > vs[best].nhit)
            best = c;
    }
    if (!p->ncands) {
        set_left_out(p, "no pattern was built");
        return;
    }
    const member *m = &p->m[vs[best].miss];
    if (vs[best].misread != SIZE_MAX && trial->claims[vs[best].misread].doc == m->doc)
        set_left_out(p, "no pattern built from the words the documents share reads every "
                     "figure: the nearest, '%s', reads '%s' where d%d line %u says '%.*s'",
                     p->cands[best], trial->claims[vs[best].misread].value_text, m->doc + 1,
                     m->line, (int)(m->end - m->qstart), m->sentence + m->qstart);
    else
        set_left_out(p, "no pattern built from the words the documents share reads every "
                     "figure: the nearest, '%s', does not read '%.*s' in d%d line %u",
                     p->cands[best], (int)(m->end - m->qstart), m->sentence + m->qstart,
                     m->doc + 1, m->line);
}

/* Why the field and open mode do not find the same conflict: the values, as the field's
 * slot reads them, meet differently (a qualifier, a unit, a tolerance). */
static char *note_of(const cc_run *trial, const plan *p, const verdict *v)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_addf(&b, "this field %s: its values, as the slot reads them (", v->conflict
                ? "finds a conflict where open mode found none" : "does not find the conflict "
                  "open mode found");
    for (size_t i = 0; i < p->n; i++) {
        cc_buf_adds(&b, i ? " / " : "");
        cc_value_canonical(&trial->claims[v->hit[i]].value, &b);
    }
    cc_buf_addf(&b, "), %s", v->conflict ? "do not meet" : "meet");
    return cc_buf_detach(&b);
}

/* Chooses the candidate of plans[index] from the trial run and writes its field. */
static void choose(const cc_run *open, const cc_run *trial, plan *plans, size_t index,
                   cc_locale loc)
{
    plan *p = &plans[index];
    if (p->left_out)
        return;
    verdict *vs = cc_xcalloc(p->ncands ? p->ncands : 1, sizeof *vs);
    for (size_t c = 0; c < p->ncands; c++)
        judge(open, trial, p, (int)(p->first_field + c), &vs[c]);
    char *test_failure = NULL;
    cc_buf words = CC_BUF_INIT;
    name_words(p, cc_draft_head_words(loc), &words);
    p->id = field_id(plans, index, words.data, p->kind);
    p->measure = cc_buf_detach(&words);
    for (size_t c = 0; c < p->ncands && p->chosen == SIZE_MAX; c++) {
        if (vs[c].miss != SIZE_MAX || vs[c].nlook)
            continue;
        char *examples = examples_of(trial, p, vs, c);
        cc_buf f = CC_BUF_INIT;
        write_field(&f, p->id, p->type, p->cands[c], examples);
        free(examples);
        char *why = NULL;
        if (field_passes(f.data, loc, &why)) {
            p->chosen = c;
            p->field_yaml = cc_buf_detach(&f);
            if (vs[c].conflict != p->open_conflict)
                p->note = note_of(trial, p, &vs[c]);
        } else if (!test_failure) {
            test_failure = why;
            why = NULL;
        }
        free(why);
        cc_buf_free(&f);
    }
    if (p->chosen == SIZE_MAX) {
        explain_left_out(p, trial, vs, test_failure);
        free(p->id); /* the name is free for another field */
        p->id = NULL;
    }
    free(test_failure);
    for (size_t c = 0; c < p->ncands; c++)
        verdict_free(&vs[c]);
    free(vs);
}

/* Runs every plan's candidates in one extraction of the documents; -1 when the trial
 * rulebook is refused (a bug in the pattern writer). */
static int try_candidates(const cc_run *open, const cc_draft_source *src, plan *plans, size_t n,
                          cc_locale loc, cc_diags *d)
{
    char *yaml = trial_rulebook(plans, n, loc);
    cc_rulebook *rb = load_compiled_or_say(yaml, "the draft's trial patterns are refused", d);
    free(yaml);
    if (!rb)
        return -1;
    cc_run trial;
    cc_run_init(&trial, rb);
    src->extract(src->ctx, rb, &trial);
    cc_check(&trial);
    for (size_t i = 0; i < n; i++)
        choose(open, &trial, plans, i, loc);
    cc_run_free(&trial);
    cc_rulebook_free(rb);
    return 0;
}

/* ---- the draft ----------------------------------------------------------------------- */

static void write_rule(cc_buf *y, const plan *p)
{
    cc_buf_addf(y, "  - id: %s\n    field: %s\n    severity: %s\n", p->id, p->id,
                cc_severity_name(p->severity));
    write_tolerance(y, &p->tol);
    cc_buf msg = CC_BUF_INIT;
    if (p->measure && p->measure[0])
        cc_buf_addf(&msg, "the figure for '%s' differs between sources", p->measure);
    else
        cc_buf_addf(&msg, "the %s differs between sources", kind_name(p->kind));
    cc_buf_adds(y, "    message: ");
    cc_draft_yaml_quote(msg.data, msg.len, y);
    cc_buf_adds(y, "\n");
    cc_buf_free(&msg);
}

static void write_draft(const cc_run *run, const plan *plans, size_t n, cc_locale loc,
                        cc_draft_summary *sum, cc_buf *y)
{
    cc_buf_addf(y, "# A draft rulebook written by `crosscheck rules init` from what open mode "
                   "aligned\n# across %zu document%s:\n", run->ndocs, run->ndocs == 1 ? "" : "s");
    for (size_t i = 0; i < run->ndocs; i++) {
        const cc_document *doc = &run->docs[i];
        cc_buf_addf(y, "#   d%zu  ", i + 1);
        add_comment_text(y, doc->path);
        if (doc->year)
            cc_buf_addf(y, "  (%d, %s)\n", doc->year, cc_date_from_name(doc->date_from));
        else
            cc_buf_adds(y, "  (no year)\n");
    }
    if (n == 0)
        cc_buf_adds(y, "# Open mode aligned no figure across these documents (a figure two "
                       "of them state\n# about the same thing): there is nothing to draft a "
                       "field from.\n");
    else
        cc_buf_addf(y, "# %zu figure%s aligned: %zu became%s field%s, %zu %s left out%s.\n", n,
                    n == 1 ? " was" : "s were", sum->fields, sum->fields == 1 ? " a" : "",
                    sum->fields == 1 ? "" : "s", sum->left_out,
                    sum->left_out == 1 ? "was" : "were",
                    sum->left_out ? " (the comments say why)" : "");
    cc_buf_adds(y, "# It passes `crosscheck rules lint` and `crosscheck rules test` as written. "
                   "Read every\n# pattern, example and message before relying on it, give the "
                   "fields better names,\n# and add the figures open mode did not align.\n");
    write_head(y, loc, true);
    cc_buf_addf(y, "fields:%s\n", sum->fields ? "" : " {}");
    for (size_t i = 0; i < n; i++) {
        write_origin(y, &plans[i], run);
        if (!plans[i].left_out)
            cc_buf_adds(y, plans[i].field_yaml);
    }
    if (!sum->fields)
        return;
    cc_buf_adds(y, "rules:\n");
    for (size_t i = 0; i < n; i++)
        if (!plans[i].left_out)
            write_rule(y, &plans[i]);
}

/* The whole draft, loaded, compiled and tested as `rules lint` and `rules test` would. */
static int verify_draft(const char *yaml, cc_diags *d)
{
    cc_rulebook *rb = load_compiled_or_say(yaml, "the draft rulebook does not load (a bug)", d);
    if (!rb)
        return -1;
    char *text = NULL;
    size_t failed = run_examples(rb, &text);
    int rc = 0;
    if (failed) {
        cc_error(d, CC_DIAG_RULEBOOK, NULL, "the draft rulebook fails its own examples (a bug): %s",
                 text ? text : "?");
        rc = -1;
    }
    free(text);
    cc_rulebook_free(rb);
    return rc;
}

/* Claims in the order of the documents on the command line, then lines and columns. */
static const cc_run *order_run;

static int cmp_claim_index(const void *a, const void *b)
{
    const cc_claim *x = &order_run->claims[*(const size_t *)a];
    const cc_claim *y = &order_run->claims[*(const size_t *)b];
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->column < y->column ? -1 : x->column > y->column;
}

/* Groups in the order their first claim is read. */
static int cmp_group_order(const void *a, const void *b)
{
    const cc_aligned *x = a, *y = b;
    return cmp_claim_index(&x->claims[0], &y->claims[0]);
}

int cc_draft_write(cc_run *run, const cc_draft_source *src, cc_locale loc, cc_buf *out,
                   cc_draft_summary *sum, cc_diags *d)
{
    memset(sum, 0, sizeof *sum);
    sum->documents = run->ndocs;
    cc_check(run); /* sorts the claims, and tells which groups open mode reports */
    cc_aligned *groups;
    size_t ng = cc_align_open(run, &groups);
    order_run = run;
    for (size_t i = 0; i < ng; i++)
        qsort(groups[i].claims, groups[i].n, sizeof *groups[i].claims, cmp_claim_index);
    if (ng > 1)
        qsort(groups, ng, sizeof *groups, cmp_group_order);
    plan *plans = cc_xcalloc(ng ? ng : 1, sizeof *plans);
    cc_figures figs;
    cc_figures_init(&figs);
    for (size_t i = 0; i < ng; i++)
        plan_group(run, &groups[i], loc, &figs, plans, i);
    cc_figures_free(&figs);
    int rc = try_candidates(run, src, plans, ng, loc, d);
    if (rc == 0) {
        sum->aligned = ng;
        for (size_t i = 0; i < ng; i++)
            sum->fields += plans[i].left_out == NULL;
        sum->left_out = ng - sum->fields;
        cc_buf y = CC_BUF_INIT;
        write_draft(run, plans, ng, loc, sum, &y);
        rc = verify_draft(y.data, d);
        if (rc == 0)
            cc_buf_add(out, y.data, y.len);
        cc_buf_free(&y);
    }
    for (size_t i = 0; i < ng; i++)
        plan_free(&plans[i]);
    free(plans);
    cc_aligned_free(groups, ng);
    return rc;
}
