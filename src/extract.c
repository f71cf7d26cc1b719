/*
 * extract.c — documents to claims.
 *
 * Two phases per document, over one reading of the text: while lines stream by, every
 * pattern match becomes a pending claim holding copies of its words and its position
 * in the original file (line buffers are transient); when the document ends and its
 * year is known (front matter, --date, a date pattern, or the year written most often),
 * the pending claims' values are parsed and their document-year scopes filled in.
 */
#include "extract.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "acm.h"
#include "date.h"
#include "pattern.h"
#include "prefilter.h"
#include "qualifier.h"
#include "rank.h"
#include "reader.h"
#include "slot.h"
#include "story.h"
#include "text.h"

#define MIN_YEAR 1900
#define MAX_YEAR 2099
#define MAX_QUALIFIERS 8
/* A scope written relative to the document's year ("năm ngoái" = -1) is kept as
 * RELATIVE_YEAR + offset until the document's year is known. */
#define RELATIVE_YEAR (-100000)
#define IS_RELATIVE(y) ((y) >= RELATIVE_YEAR - 10 && (y) <= RELATIVE_YEAR + 10)
/* The scope of a `scope: event` claim until it is final: no year at all (scope 0), so that
 * the documents of one story compare whatever year each was guessed to be from. */
#define EVENT_SCOPE (-200000)

/* A year written in the current line, and where. */
typedef struct year_at {
    size_t start, end;
    int year;
} year_at;

/* A match waiting for the document's year. */
typedef struct pending {
    int field;
    int sign;                 /* +1, or -1 from a pattern's `sign: -1` */
    cc_slot kind;             /* the slot that holds the value */
    char *slot_text;          /* NFC text of that slot, for the parser */
    int subject;              /* -1 when none */
    int scope;                /* 0: the document's year, filled in at the end */
    size_t nfc_start, nfc_end;/* the value's span in the NFC line */
    cc_claim loc;             /* position and words, as they will be in the claim */
    cc_value open_value;      /* an open claim (field -1): its value, parsed already */
} pending;

struct cc_extractor {
    const cc_rulebook *rb;
    cc_locale locale;
    const char *flag_date;    /* --date, validated by the caller, or NULL */
    pending *pend;            /* this document's pending claims */
    size_t npend, cappend;
    unsigned years[MAX_YEAR - MIN_YEAR + 1]; /* how often each year is written */
    cc_buf fold;              /* scratch for cc_fold */
    cc_buf lower;             /* the current sentence lowercased, for pattern prefilters */
    year_at *line_years;      /* the years written in the current line, in order */
    size_t nline_years, cap_line_years;
    bool *limit_reported;     /* per field: a limit diagnostic was added for this document */
    bool on_topic;            /* a document.require pattern matched (or there are none) */
    signed char *context_seen;/* per field, for the current line: -1 not looked, 0 or 1 */
    cc_buf heading;           /* the last heading line of the document (NFC), or empty */
    cc_figures figs;          /* open mode: the figures of the current sentence */
    cc_open_sentence *open_sentence; /* ... and its words, read once (open_read) */
    bool open_read;
    bool ignore_require;      /* cc_extract_opts.ignore_require */
    bool named;               /* cc_extract_opts.named: a skipped file is an error */
    cc_encoding encoding;     /* cc_extract_opts.encoding */
    cc_story_terms *terms;    /* the current document's story terms, when asked for */
    cc_match_budget budget;   /* this document's matching time (pattern.h) */
    double budget_base;       /* seconds it starts with (CC_MATCH_BUDGET_MS or the option) */
    bool budget_reported;     /* the budget was spent and said so */
    const cc_pattern **disabled; /* patterns that hit the match limit in this document */
    size_t ndisabled, capdisabled;
    cc_docfilter *docfilter;  /* document.require on the raw bytes, or NULL (prefilter.h) */
    bool off_topic;           /* the document filter said no: only its date is read */
    cc_acm *words;            /* every field pattern's prefilter words, reported as the
                                 pattern's number (fields in order, then their patterns) */
    uint64_t *word_seen;      /* per pattern number: the sentence in which a word of it
                                 was last seen */
    uint64_t sentence;        /* sentences searched so far, from 1 */
};

/* A match within the document's budget of matching time. */
static cc_match_status ex_match(cc_extractor *ex, const cc_pattern *p, const char *s, size_t n,
                                size_t from, cc_match *m)
{
    return cc_pattern_match_within(p, &ex->budget, s, n, from, m);
}

/* One automaton for the prefilter words of every field pattern, so that a sentence is
 * searched once for all of them (pattern.h, cc_pattern_required). */
static void build_word_search(cc_extractor *ex)
{
    size_t npatterns = 0;
    ex->words = cc_acm_new();
    for (size_t fi = 0; fi < ex->rb->nfields; fi++) {
        const cc_field *f = &ex->rb->fields[fi];
        for (size_t pi = 0; pi < f->npatterns; pi++, npatterns++) {
            char *const *req;
            size_t nreq = cc_pattern_required(&f->patterns[pi], &req);
            for (size_t k = 0; k < nreq; k++) {
                assert(req[k][0]); /* an empty word would prove nothing */
                cc_acm_add(ex->words, req[k], strlen(req[k]), (uint32_t)npatterns);
            }
        }
    }
    cc_acm_build(ex->words);
    ex->word_seen = cc_xcalloc(npatterns ? npatterns : 1, sizeof *ex->word_seen);
}

cc_extractor *cc_extractor_new(const cc_rulebook *rb, const cc_extract_opts *o)
{
    cc_extractor *ex = cc_xcalloc(1, sizeof *ex);
    ex->rb = rb;
    ex->locale = o && o->locale_set ? o->locale : rb->locale;
    ex->flag_date = o ? o->date : NULL;
    ex->ignore_require = o && o->ignore_require;
    ex->named = o && o->named;
    ex->encoding = o ? o->encoding : CC_ENCODING_AUTO;
    ex->budget_base = (o && o->match_budget_ms ? o->match_budget_ms : CC_MATCH_BUDGET_MS) / 1000.0;
    cc_buf_init(&ex->fold, SIZE_MAX);
    cc_buf_init(&ex->lower, SIZE_MAX);
    cc_buf_init(&ex->heading, SIZE_MAX);
    cc_figures_init(&ex->figs);
    ex->open_sentence = cc_open_sentence_new();
    if (o && o->terms) {
        ex->terms = cc_xmalloc(sizeof *ex->terms);
        cc_story_terms_init(ex->terms);
    }
    ex->limit_reported = cc_xcalloc(rb->nfields ? rb->nfields : 1, sizeof(bool));
    ex->context_seen = cc_xcalloc(rb->nfields ? rb->nfields : 1, 1);
    if (!ex->ignore_require)
        ex->docfilter = cc_docfilter_new(rb);
    build_word_search(ex);
    return ex;
}

static void free_pending(pending *p)
{
    free(p->loc.open);
    free(p->slot_text);
    free(p->loc.text);
    free(p->loc.value_text);
    free(p->loc.sentence);
}

void cc_extractor_free(cc_extractor *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->npend; i++)
        free_pending(&ex->pend[i]);
    free(ex->pend);
    free(ex->limit_reported);
    free(ex->disabled);
    free(ex->context_seen);
    free(ex->line_years);
    cc_buf_free(&ex->fold);
    cc_buf_free(&ex->lower);
    cc_buf_free(&ex->heading);
    cc_figures_free(&ex->figs);
    cc_open_sentence_free(ex->open_sentence);
    cc_docfilter_free(ex->docfilter);
    cc_acm_free(ex->words);
    free(ex->word_seen);
    if (ex->terms)
        cc_story_terms_free(ex->terms);
    free(ex->terms);
    free(ex);
}

/* ---- text helpers ------------------------------------------------------- */

static bool is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_';
}

/*
 * Calls `fn` for each year (1900..2099) written as a token of four digits in s[0..n),
 * with its byte span; stops when fn returns false.
 */
typedef bool (*year_fn)(void *ctx, int year, size_t start, size_t end);

/* cc_is_digit(), inlined: each_year() looks at every byte of every line. */
static inline bool ascii_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

static void each_year(const char *s, size_t n, year_fn fn, void *ctx)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        if (!ascii_digit((unsigned char)s[i]))
            continue;
        if (i > 0 && (is_word_byte((unsigned char)s[i - 1]) ||
                      ((s[i - 1] == '.' || s[i - 1] == ',') && i > 1 &&
                       ascii_digit((unsigned char)s[i - 2])))) {
            while (i < n && ascii_digit((unsigned char)s[i]))
                i++;
            continue;
        }
        size_t j = i;
        while (j < n && ascii_digit((unsigned char)s[j]))
            j++;
        bool tail_ok = j == n || !(is_word_byte((unsigned char)s[j]) ||
                                   ((s[j] == '.' || s[j] == ',') && j + 1 < n &&
                                    ascii_digit((unsigned char)s[j + 1])));
        if (j - i == 4 && tail_ok) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                    (s[i + 3] - '0');
            if (y >= MIN_YEAR && y <= MAX_YEAR && !fn(ctx, y, i, j))
                return;
        }
        i = j;
    }
}

/* Counts a year for the document's date and records where the current line has it. */
static bool collect_year(void *ctx, int year, size_t start, size_t end)
{
    cc_extractor *ex = ctx;
    ex->years[year - MIN_YEAR]++;
    CC_GROW(ex->line_years, ex->cap_line_years, ex->nline_years + 1);
    ex->line_years[ex->nline_years++] = (year_at){start, end, year};
    return true;
}

/* Adds the line's relative years (document.relative-years: "năm ngoái") to its year
 * index, matched case-insensitively as whole words, keeping the index in order. */
static void collect_relative_years(cc_extractor *ex, const cc_line *l)
{
    const cc_rulebook *rb = ex->rb;
    if (!rb->nrelative)
        return;
    cc_buf_reset(&ex->lower);
    cc_lowercase(l->text, l->len, &ex->lower);
    if (ex->lower.len != l->len)
        return; /* offsets would not line up (no Vietnamese letter changes length) */
    const char *t = ex->lower.data;
    for (size_t w = 0; w < rb->nrelative; w++) {
        const char *word = rb->relative_words[w];
        size_t wl = strlen(word);
        for (const char *p = t; wl && (p = strstr(p, word)); p += wl) {
            size_t at = (size_t)(p - t);
            if ((at > 0 && is_word_byte((unsigned char)t[at - 1])) ||
                (at + wl < l->len && is_word_byte((unsigned char)t[at + wl])))
                continue;
            CC_GROW(ex->line_years, ex->cap_line_years, ex->nline_years + 1);
            size_t k = ex->nline_years++;
            while (k > 0 && ex->line_years[k - 1].start > at) { /* insertion: stay sorted */
                ex->line_years[k] = ex->line_years[k - 1];
                k--;
            }
            ex->line_years[k] = (year_at){at, at + wl, RELATIVE_YEAR + rb->relative_offsets[w]};
        }
    }
}

/* The year written nearest the end (last) or the start of [from, to) of the current
 * line, or 0: a binary search over the line's years, so that many claims on one long
 * line cost no rescans. */
static int year_in(const cc_extractor *ex, size_t from, size_t to, bool last)
{
    size_t lo = 0, hi = ex->nline_years;
    while (lo < hi) { /* first year starting at or after `from` */
        size_t mid = lo + (hi - lo) / 2;
        if (ex->line_years[mid].start < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    int found = 0;
    for (size_t i = lo; i < ex->nline_years && ex->line_years[i].end <= to; i++) {
        found = ex->line_years[i].year;
        if (!last)
            break;
    }
    return found;
}

/* ---- sentences ---------------------------------------------------------- */

static bool is_upper_or_digit_at(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return false;
    size_t len;
    int32_t cp = cc_utf8_decode(s + i, n - i, &len);
    if (cp < 0)
        return false;
    if (cp < 0x80 && (cc_is_digit((int)cp) || cp == '"' || cp == '(' || cp == '\'' ||
                      cp == '-' || cp == '['))
        return true;
    if (cp == 0x201C || cp == 0x2018 || cp == 0x2013 || cp == 0x2014)
        return true; /* opening quotes and dashes start sentences too */
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* True when the word just before s[i] (a '.') is a short capitalised abbreviation:
 * "TP.", "Q.", "TS." — a period there does not end the sentence. */
static bool abbreviation_before(const char *s, size_t i)
{
    size_t j = i, letters = 0;
    while (j > 0 && is_word_byte((unsigned char)s[j - 1]) && !cc_is_digit((unsigned char)s[j - 1])) {
        j--;
        if (((unsigned char)s[j] & 0xC0) != 0x80)
            letters++;
    }
    if (letters == 0 || letters > 3)
        return false;
    size_t len;
    int32_t cp = cc_utf8_decode(s + j, i - j, &len); /* the word lies in s[j, i) */
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* The end of the sentence starting at `from`: just after its closing punctuation. */
static size_t sentence_end(const char *s, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        size_t punct = 0;
        if (s[i] == '.' || s[i] == '!' || s[i] == '?')
            punct = 1;
        else if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xA6)
            punct = 3; /* … */
        if (!punct)
            continue;
        size_t j = i + punct;
        while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
            j++;
        if (j < n && s[j] != ' ' && s[j] != '\t')
            continue; /* "1.039", "TP.HCM" */
        size_t k = j;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k == n)
            return n;
        if (s[i] == '.' && abbreviation_before(s, i))
            continue;
        if (is_upper_or_digit_at(s, n, k))
            return j;
    }
    return n;
}

/* ---- subjects ----------------------------------------------------------- */

static bool subject_allowed(const cc_field *f, int subject)
{
    if (f->namong == 0)
        return true;
    for (size_t i = 0; i < f->namong; i++)
        if (f->among[i] == subject)
            return true;
    return false;
}

static bool folded_word_at(const char *hay, size_t hay_len, size_t at, size_t len)
{
    return (at == 0 || !is_word_byte((unsigned char)hay[at - 1])) &&
           (at + len == hay_len || !is_word_byte((unsigned char)hay[at + len]));
}

/*
 * The subject whose alias occurs nearest to the end (want_last) or the start of the
 * folded text; *best_pos tracks the best position across calls.
 */
static void nearest_alias(const cc_rulebook *rb, const cc_field *f, const char *hay,
                          size_t hay_len, bool want_last, int *best, long *best_pos)
{
    for (size_t si = 0; si < rb->nsubjects; si++) {
        if (!subject_allowed(f, (int)si))
            continue;
        const cc_subject *sub = &rb->subjects[si];
        for (size_t a = 0; a < sub->naliases; a++) {
            const char *al = sub->folded[a];
            size_t len = strlen(al);
            if (!len || len > hay_len)
                continue;
            for (const char *p = hay; (p = strstr(p, al)); p++) {
                size_t at = (size_t)(p - hay);
                if (!folded_word_at(hay, hay_len, at, len))
                    continue;
                long key = want_last ? (long)(at + len) : -(long)at;
                if (*best < 0 || key > *best_pos) {
                    *best = (int)si;
                    *best_pos = key;
                }
                if (!want_last)
                    break;
            }
        }
    }
}

/* The subject named in the sentence: nearest before the value, else nearest after. */
static int subject_from_sentence(cc_extractor *ex, const cc_field *f, const char *sent,
                                 size_t sent_len, size_t vstart, size_t vend)
{
    int best = -1;
    long pos = 0;
    cc_buf_reset(&ex->fold);
    cc_fold(sent, vstart, &ex->fold);
    nearest_alias(ex->rb, f, ex->fold.data, ex->fold.len, true, &best, &pos);
    if (best >= 0)
        return best;
    cc_buf_reset(&ex->fold);
    cc_fold(sent + vend, sent_len - vend, &ex->fold);
    nearest_alias(ex->rb, f, ex->fold.data, ex->fold.len, false, &best, &pos);
    return best;
}

/* The subject whose alias is exactly the `subject` capture, folded. */
static int subject_from_capture(cc_extractor *ex, const cc_field *f, const char *s, size_t n)
{
    cc_buf_reset(&ex->fold);
    cc_fold(s, n, &ex->fold);
    for (size_t si = 0; si < ex->rb->nsubjects; si++) {
        const cc_subject *sub = &ex->rb->subjects[si];
        for (size_t a = 0; a < sub->naliases && subject_allowed(f, (int)si); a++)
            if (strcmp(sub->folded[a], ex->fold.data) == 0)
                return (int)si;
    }
    return -1;
}

/* ---- scope -------------------------------------------------------------- */

/* The scope year of a claim by its field's rule; 0 means the document's year. */
static int resolve_scope(cc_extractor *ex, const cc_field *f, cc_scope_kind kind,
                         const char *line,
                         size_t sent_start, size_t sent_end, size_t vstart, size_t vend)
{
    int y;
    switch (kind) {
    case CC_SCOPE_DOCUMENT_YEAR:
        return 0;
    case CC_SCOPE_EVENT:
        return EVENT_SCOPE;
    case CC_SCOPE_SENTENCE_YEAR:
    case CC_SCOPE_PARAGRAPH_YEAR:
        if ((y = year_in(ex, sent_start, vstart, true)))
            return y;
        if ((y = year_in(ex, vend, sent_end, false)))
            return y;
        if (kind == CC_SCOPE_PARAGRAPH_YEAR && (y = year_in(ex, 0, sent_start, true)))
            return y;
        return 0;
    case CC_SCOPE_PATTERNS:
        for (size_t i = 0; i < f->nscope_patterns; i++) {
            cc_match m;
            if (ex_match(ex, &f->scope_patterns[i], line + sent_start, sent_end - sent_start,
                         0, &m) != CC_MATCH_FOUND)
                continue;
            int year;
            if (m.year.start != SIZE_MAX &&
                cc_year_parse(line + sent_start + m.year.start, m.year.end - m.year.start,
                              &year) == CC_PARSE_OK)
                return year;
        }
        return resolve_scope(ex, f, f->scope_else, line, sent_start, sent_end, vstart, vend);
    }
    return 0;
}

/* ---- matching a sentence ------------------------------------------------ */

typedef struct line_ctx {
    cc_reader *r;
    const cc_line *line;
    const char *path;
    cc_run *run;
    size_t first_pending_of_sentence;
} line_ctx;

/* Copies the original words of NFC span [s, e) of the line. */
static char *raw_copy(const line_ctx *lc, size_t s, size_t e, cc_pos *ps, cc_pos *pe)
{
    *ps = cc_reader_locate(lc->r, s);
    *pe = cc_reader_locate(lc->r, e);
    size_t a = ps->raw_offset, b = pe->raw_offset < a ? a : pe->raw_offset;
    return cc_xstrndup(lc->line->raw + a, b - a);
}

/* A field claims a stretch of words once: a second pattern matching the same figure
 * ("giai đoạn từ 8/2017..." and "kết quả trong giai đoạn từ 8/2017...") adds nothing. */
static bool already_claimed(const cc_extractor *ex, size_t from, int field, size_t start,
                            size_t end)
{
    for (size_t i = from; i < ex->npend; i++)
        if (ex->pend[i].field == field && ex->pend[i].nfc_start < end &&
            start < ex->pend[i].nfc_end)
            return true;
    return false;
}

/* Pattern p of field `field` hit PCRE2's match limit on this line: it is not run again on
 * this document (a pattern that blows up on one line blows up on the next ones like it,
 * 2 ms each: 10 000 such lines took 20 s), and the field's first hit is reported. */
static void report_limit(cc_extractor *ex, line_ctx *lc, int field, const cc_pattern *p)
{
    CC_GROW(ex->disabled, ex->capdisabled, ex->ndisabled + 1);
    ex->disabled[ex->ndisabled++] = p;
    if (ex->limit_reported[field])
        return;
    ex->limit_reported[field] = true;
    cc_error_at(&lc->run->diags, CC_DIAG_LIMIT, lc->path, CC_AT(lc->line->lineno, 1, lc->line->file_offset), "a pattern of field '%s' hit the PCRE2 match limit; the rest of the line and "
                "of the document was not searched with it", ex->rb->fields[field].id);
}

/* Appends what pattern p is to the rulebook ("field 'x'", "document.skip"...), with its
 * place in the rulebook. */
static void describe_pattern(const cc_rulebook *rb, const cc_pattern *p, cc_buf *out)
{
    const struct {
        const cc_pattern *v;
        size_t n;
        const char *what;
    } lists[] = {{rb->skip, rb->nskip, "document.skip"},
                 {rb->require, rb->nrequire, "document.require"},
                 {rb->date_patterns, rb->ndate_patterns, "document.date-patterns"}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (p >= lists[i].v && p < lists[i].v + lists[i].n)
            cc_buf_addf(out, "a pattern of %s", lists[i].what);
    for (size_t i = 0; i < rb->nfields; i++) {
        const cc_field *f = &rb->fields[i];
        if (p >= f->patterns && p < f->patterns + f->npatterns)
            cc_buf_addf(out, "a pattern of field '%s'", f->id);
        else if (p >= f->scope_patterns && p < f->scope_patterns + f->nscope_patterns)
            cc_buf_addf(out, "a scope pattern of field '%s'", f->id);
        else if (p >= f->context && p < f->context + f->ncontext)
            cc_buf_addf(out, "a context pattern of field '%s'", f->id);
    }
    cc_buf_addf(out, " (%s:%u:%u)", rb->path, p->mark.line, p->mark.column);
}

/* The document's budget of matching time is spent: said once, at the line where it ran
 * out, naming the pattern that spent the most of it. */
static void report_budget(cc_extractor *ex, line_ctx *lc)
{
    ex->budget_reported = true;
    cc_buf what = CC_BUF_INIT;
    if (ex->budget.costliest)
        describe_pattern(ex->rb, ex->budget.costliest, &what);
    cc_error_at(&lc->run->diags, CC_DIAG_LIMIT, lc->path, CC_AT(lc->line->lineno, 1, lc->line->file_offset),
                "matching the rulebook's patterns used up this document's budget of %.3g s "
                "(%.3g s, and %.3g s per MB read); the rest of it was not searched; most of it "
                "went to %s, %.3g s", ex->budget.limit, ex->budget_base,
                CC_MATCH_BUDGET_MS_PER_MB / 1000.0, what.len ? what.data : "no pattern",
                ex->budget.costliest_spent);
    cc_buf_free(&what);
}

/* Whether pattern p hit the match limit earlier in this document. */
static bool disabled(const cc_extractor *ex, const cc_pattern *p)
{
    for (size_t i = 0; i < ex->ndisabled; i++)
        if (ex->disabled[i] == p)
            return true;
    return false;
}

/* A field with `context:` keeps a claim only when one of its context patterns matches
 * the claim's paragraph (its line): "tỷ lệ này" is about documents only after them. */
static bool text_has_context(cc_extractor *ex, const cc_field *f, const char *t, size_t n)
{
    for (size_t i = 0; i < f->ncontext; i++) {
        cc_match m;
        if (ex_match(ex, &f->context[i], t, n, 0, &m) == CC_MATCH_FOUND)
            return true;
    }
    return false;
}

/* A list item: "- ", "* ", "+ ", "• ", "– ", "1. ", "2) ". */
static bool is_bullet(const cc_line *l)
{
    const unsigned char *t = (const unsigned char *)l->text;
    size_t i = 0;
    while (i < l->len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i < l->len && (t[i] == '-' || t[i] == '*' || t[i] == '+'))
        return true;
    if (l->len - i >= 3 && t[i] == 0xE2 && t[i + 1] == 0x80 && (t[i + 2] == 0xA2 || t[i + 2] == 0x93))
        return true; /* • – */
    return i + 1 < l->len && cc_is_digit(t[i]) && (t[i + 1] == '.' || t[i + 1] == ')');
}

/* A short line or a list item: the kind of line that leans on a heading. */
static bool is_item(const cc_line *l)
{
    return l->len <= 160 || is_bullet(l);
}

/* The claim's paragraph, or — for a short line or a list item — the heading it stands
 * under: "- 235.000 tài khoản" below "CỔNG DỊCH VỤ CÔNG QUỐC GIA" is about the portal. */
static bool paragraph_has_context(cc_extractor *ex, const cc_field *f, const cc_line *l)
{
    return text_has_context(ex, f, l->text, l->len) ||
           (ex->heading.len && is_item(l) &&
            text_has_context(ex, f, ex->heading.data, ex->heading.len));
}

/* A heading: a short line that does not end as a sentence does and is not a list item. */
static bool is_heading(const cc_line *l)
{
    if (is_bullet(l))
        return false;
    size_t n = l->len;
    while (n && (l->text[n - 1] == ' ' || l->text[n - 1] == '\t'))
        n--;
    if (n == 0 || n > 160)
        return false;
    char last = l->text[n - 1];
    return last != '.' && last != ';' && last != ',' && last != '!' && last != '?';
}

/* Whether one of the patterns matches somewhere in the line. */
static bool any_pattern_in_line(cc_extractor *ex, const cc_pattern *v, size_t n,
                                const cc_line *l)
{
    for (size_t i = 0; i < n; i++) {
        cc_match m;
        if (ex_match(ex, &v[i], l->text, l->len, 0, &m) == CC_MATCH_FOUND)
            return true;
    }
    return false;
}

static bool line_on_topic(cc_extractor *ex, const cc_line *l)
{
    return any_pattern_in_line(ex, ex->rb->require, ex->rb->nrequire, l);
}

/* Records one match of field `fi` as a pending claim. */
static void add_match(cc_extractor *ex, line_ctx *lc, int fi, const cc_pattern *p,
                      const cc_match *m, size_t ss, size_t se)
{
    const cc_field *f = &ex->rb->fields[fi];
    const char *t = lc->line->text;
    size_t vi = SIZE_MAX;
    for (size_t i = 0; i < m->nslots && vi == SIZE_MAX; i++)
        if (m->slots[i].start != SIZE_MAX && cc_slot_type(m->slot_kind[i]) == f->type)
            vi = i;
    if (vi == SIZE_MAX)
        return;
    size_t vs = ss + m->slots[vi].start, ve = ss + m->slots[vi].end;

    int subject = f->subject;
    if (subject < 0 && m->subject.start != SIZE_MAX)
        subject = subject_from_capture(ex, f, t + ss + m->subject.start,
                                       m->subject.end - m->subject.start);
    else if (subject < 0)
        subject = subject_from_sentence(ex, f, t + ss, se - ss, vs - ss, ve - ss);
    if (subject < 0)
        subject = f->subject_else; /* `else:`, or -1 */
    if (subject < 0)
        return; /* the figure is about no subject this field knows */
    if (f->ncontext) { /* looked up once per line: a line may hold many claims */
        if (ex->context_seen[fi] < 0)
            ex->context_seen[fi] = paragraph_has_context(ex, f, lc->line);
        if (!ex->context_seen[fi])
            return;
    }

    int scope = 0, year;
    if (m->year.start != SIZE_MAX &&
        cc_year_parse(t + ss + m->year.start, m->year.end - m->year.start, &year) == CC_PARSE_OK)
        scope = year;
    for (size_t i = 0; i < m->nslots && !scope; i++)
        if (i != vi && m->slot_kind[i] == CC_SLOT_YEAR && m->slots[i].start != SIZE_MAX &&
            cc_year_parse(t + ss + m->slots[i].start, m->slots[i].end - m->slots[i].start,
                          &year) == CC_PARSE_OK)
            scope = year;
    if (!scope)
        scope = resolve_scope(ex, f, f->scope, t, ss, se, vs, ve);

    if (already_claimed(ex, lc->first_pending_of_sentence, fi, vs, ve))
        return;
    cc_pos vps, vpe, sps, spe, wps, wpe;
    char *value_text = raw_copy(lc, vs, ve, &vps, &vpe);
    CC_GROW(ex->pend, ex->cappend, ex->npend + 1);
    pending *pd = &ex->pend[ex->npend++];
    memset(pd, 0, sizeof *pd);
    pd->field = fi;
    pd->sign = p->sign < 0 ? -1 : 1;
    pd->kind = m->slot_kind[vi];
    pd->slot_text = cc_xstrndup(t + vs, ve - vs);
    pd->subject = subject;
    pd->scope = scope;
    pd->nfc_start = vs;
    pd->nfc_end = ve;
    pd->loc.value_text = value_text;
    pd->loc.sentence = raw_copy(lc, ss, se, &sps, &spe);
    pd->loc.text = raw_copy(lc, ss + m->whole.start, ss + m->whole.end, &wps, &wpe);
    pd->loc.line = lc->line->lineno;
    pd->loc.column = vps.column;
    pd->loc.byte_offset = vps.file_offset;
    pd->loc.byte_length = (uint32_t)(vpe.file_offset - vps.file_offset);
    pd->loc.value_in_sentence = vps.raw_offset - sps.raw_offset;
}

/* ---- open claims ------------------------------------------------------------------- */

/* Whether a rulebook claim of this sentence already covers NFC span [start, end). */
static bool claimed_by_field(const cc_extractor *ex, size_t from, size_t start, size_t end)
{
    for (size_t i = from; i < ex->npend; i++)
        if (ex->pend[i].field >= 0 && ex->pend[i].nfc_start < end && start < ex->pend[i].nfc_end)
            return true;
    return false;
}

/* A date of the figure scanner (a range of days) at the precision its length shows. */
static cc_date open_date(cc_range days)
{
    cc_date d = {(int32_t)days.lo, (int32_t)days.hi, CC_PREC_DAY};
    if (d.to > d.from)
        d.precision = d.to - d.from <= 31 ? CC_PREC_MONTH : CC_PREC_YEAR;
    return d;
}

/* A number that stands for an identifier's text (52 bits of its hash: exact in a double). */
static double text_key(const char *s)
{
    return (double)(cc_hash_bytes(s, strlen(s)) & ((1ull << 52) - 1));
}

/* An open figure as a typed value (open.h says which kinds become claims). */
static cc_value open_value_of(const cc_figure *fig)
{
    cc_value v;
    memset(&v, 0, sizeof v);
    v.range = fig->range;
    switch (fig->kind) {
    case CC_FIG_PERCENT:
        v.type = CC_TYPE_PERCENT;
        break;
    case CC_FIG_MONEY:
        v.type = CC_TYPE_MONEY;
        memcpy(v.currency, fig->currency, sizeof v.currency);
        break;
    case CC_FIG_RANK:
        v.type = CC_TYPE_RANK;
        v.position = (int64_t)fig->range.lo;
        v.total = (int64_t)fig->second;
        break;
    case CC_FIG_SCORE: /* "2-1" and "1-2" are one score told from either side: the code
                          1000 * higher + lower (2001), compared exactly */
        v.type = CC_TYPE_NUMBER;
        v.range.lo = v.range.hi = 1000 * fmax(fig->range.lo, fig->second) +
                                  fmin(fig->range.lo, fig->second);
        break;
    case CC_FIG_IDENTIFIER: /* compared as text: equal texts, equal numbers */
        v.type = CC_TYPE_NUMBER;
        v.range.lo = v.range.hi = text_key(fig->text);
        break;
    case CC_FIG_DATE:
        v.type = CC_TYPE_DATE;
        v.start = open_date(fig->range);
        break;
    case CC_FIG_PERIOD:
        v.type = CC_TYPE_PERIOD;
        v.start = open_date(fig->range);
        v.end = open_date(fig->range2);
        break;
    default:
        v.type = CC_TYPE_NUMBER;
        break;
    }
    return v;
}

/* The year of an open claim's date written with its year, else 0. */
static int written_year(const cc_claim *c)
{
    const cc_open_fact *f = c->open;
    if (!f || f->kind != CC_FIG_DATE || f->yearless || !isfinite(f->value.lo))
        return 0;
    int y, m, d;
    cc_civil_from_days((int32_t)f->value.lo, &y, &m, &d);
    return y;
}

static int cmp_int_asc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* The most frequent of the n years (0s left out; the latest on a tie: a story cites
 * earlier years as background more often than later ones). Sorts `years`: a check of
 * thousands of documents counts them in one pass, not one pass per year. */
static int most_frequent_year(int *years, size_t n)
{
    qsort(years, n, sizeof *years, cmp_int_asc);
    int best = 0;
    size_t best_count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && years[j] == years[i])
            j++;
        if (years[i] && j - i >= best_count) { /* ascending: a tie goes to the later */
            best = years[i];
            best_count = j - i;
        }
        i = j;
    }
    return best;
}

/* The story's year: the year of its dates written in full ("18-1-2005"), which say
 * when things happened better than a year named alone ("từ năm 2003"); else the year
 * most of its documents have. */
static int story_year(const cc_run *run)
{
    int *years = cc_xcalloc(run->nclaims + run->ndocs + 1, sizeof *years);
    size_t n = 0;
    for (size_t i = 0; i < run->nclaims && n < 1000; i++) {
        int y = written_year(&run->claims[i]);
        if (y)
            years[n++] = y;
    }
    if (!n)
        for (size_t i = 0; i < run->ndocs; i++)
            years[n++] = run->docs[i].year;
    int best = most_frequent_year(years, n);
    free(years);
    return best;
}

void cc_run_date_open_claims(cc_run *run)
{
    int story = story_year(run);
    for (size_t i = 0; i < run->nclaims; i++) {
        cc_claim *c = &run->claims[i];
        cc_open_fact *f = c->open;
        if (!f || !(f->yearless || f->yearless2 || f->time_yearless))
            continue;
        const cc_document *d = c->doc >= 0 && (size_t)c->doc < run->ndocs ? &run->docs[c->doc]
                                                                           : NULL;
        bool published = d && d->year && (d->date_from == CC_DATE_FRONT_MATTER ||
                                          d->date_from == CC_DATE_FLAG ||
                                          d->date_from == CC_DATE_PATTERN);
        int year = published ? d->year : story;
        if (year < 1 || year > 9999)
            continue;
        cc_open_set_year(f, year);
        if (c->value.type == CC_TYPE_DATE) {
            c->value.start = open_date(f->value);
        } else if (c->value.type == CC_TYPE_PERIOD) {
            c->value.start = open_date(f->value);
            c->value.end = open_date(f->value2);
        }
    }
}

static void add_open_claim(cc_extractor *ex, line_ctx *lc, size_t ss, size_t se, size_t i)
{
    const cc_figure *fig = &ex->figs.v[i];
    size_t vs = ss + fig->qual_start, ve = ss + fig->end;
    size_t te = ss + (fig->noun_end > fig->end ? fig->noun_end : fig->end);
    cc_pos vps, vpe, sps, spe, wps, wpe;
    CC_GROW(ex->pend, ex->cappend, ex->npend + 1);
    pending *pd = &ex->pend[ex->npend++];
    memset(pd, 0, sizeof *pd);
    pd->field = -1;
    pd->subject = -1;
    pd->nfc_start = vs;
    pd->nfc_end = ve;
    pd->open_value = open_value_of(fig);
    pd->loc.open = cc_xcalloc(1, sizeof *pd->loc.open);
    if (!ex->open_read) { /* the sentence's words, read once for all its figures */
        cc_open_sentence_read(ex->open_sentence, lc->line->text + ss, se - ss);
        ex->open_read = true;
    }
    cc_open_fact_of(ex->open_sentence, &ex->figs, i, pd->loc.open);
    pd->loc.value_text = raw_copy(lc, vs, ve, &vps, &vpe);
    pd->loc.sentence = raw_copy(lc, ss, se, &sps, &spe);
    pd->loc.text = raw_copy(lc, vs, te, &wps, &wpe);
    pd->loc.line = lc->line->lineno;
    pd->loc.column = vps.column;
    pd->loc.byte_offset = vps.file_offset;
    pd->loc.byte_length = (uint32_t)(vpe.file_offset - vps.file_offset);
    pd->loc.value_in_sentence = vps.raw_offset - sps.raw_offset;
}

/* Every figure of the sentence that no field claimed becomes an open claim. */
static void open_claims(cc_extractor *ex, line_ctx *lc, size_t ss, size_t se)
{
    cc_figure_scan(lc->line->text + ss, se - ss, ex->locale, &ex->figs);
    ex->open_read = false;
    for (size_t i = 0; i < ex->figs.n && ex->npend < CC_MAX_CLAIMS_PER_DOC; i++) {
        const cc_figure *fig = &ex->figs.v[i];
        if (cc_open_kind_claimed(fig) &&
            !claimed_by_field(ex, lc->first_pending_of_sentence, ss + fig->qual_start,
                              ss + fig->end))
            add_open_claim(ex, lc, ss, se, i);
    }
}

/* A prefilter word of pattern `number` is in the current sentence. */
static bool note_word(void *ctx, uint32_t number, size_t end)
{
    cc_extractor *ex = ctx;
    ex->word_seen[number] = ex->sentence;
    return false;
}

static void match_sentence(cc_extractor *ex, line_ctx *lc, size_t ss, size_t se)
{
    const char *sent = lc->line->text + ss;
    size_t len = se - ss;
    lc->first_pending_of_sentence = ex->npend;
    cc_buf_reset(&ex->lower);
    ex->sentence++;
    if (ex->rb->nfields) { /* for the patterns' prefilter words (open mode has no fields) */
        cc_lowercase(sent, len, &ex->lower);
        cc_acm_scan(ex->words, ex->lower.data, ex->lower.len, note_word, ex);
    }
    size_t number = 0; /* of the pattern, as build_word_search() counts them */
    for (size_t fi = 0; fi < ex->rb->nfields; fi++) {
        const cc_field *f = &ex->rb->fields[fi];
        for (size_t pi = 0; pi < f->npatterns; pi++, number++) {
            char *const *req;
            size_t nreq = cc_pattern_required(&f->patterns[pi], &req);
            if ((nreq && ex->word_seen[number] != ex->sentence) ||
                disabled(ex, &f->patterns[pi]))
                continue; /* no word a match needs is in the sentence */
            size_t from = 0;
            cc_match m;
            cc_match_status st = CC_MATCH_NONE;
            while (from <= len && ex->npend < CC_MAX_CLAIMS_PER_DOC &&
                   (st = ex_match(ex, &f->patterns[pi], sent, len, from, &m)) ==
                       CC_MATCH_FOUND) {
                add_match(ex, lc, (int)fi, &f->patterns[pi], &m, ss, se);
                from = m.whole.end > m.whole.start ? m.whole.end : m.whole.start + 1;
            }
            if (st == CC_MATCH_LIMIT)
                report_limit(ex, lc, (int)fi, &f->patterns[pi]);
        }
    }
    if (!ex->rb->open_off)
        open_claims(ex, lc, ss, se);
}

/* ---- lines and documents ------------------------------------------------ */

static bool line_skipped(cc_extractor *ex, const cc_line *l)
{
    return any_pattern_in_line(ex, ex->rb->skip, ex->rb->nskip, l);
}

/* document.date-patterns: the `date` capture (or the whole match) of the first match. */
static bool date_from_patterns(cc_extractor *ex, const cc_line *l, cc_date *out)
{
    const cc_rulebook *rb = ex->rb;
    for (size_t i = 0; i < rb->ndate_patterns; i++) {
        cc_match m;
        if (ex_match(ex, &rb->date_patterns[i], l->text, l->len, 0, &m) != CC_MATCH_FOUND)
            continue;
        cc_span s = m.date.start != SIZE_MAX ? m.date : m.whole;
        if (cc_date_parse(l->text + s.start, s.end - s.start, 0, out) == CC_PARSE_OK)
            return true;
    }
    return false;
}

/* Records a year of the current line in its index, without counting it yet. */
static bool note_year(void *ctx, int year, size_t start, size_t end)
{
    cc_extractor *ex = ctx;
    CC_GROW(ex->line_years, ex->cap_line_years, ex->nline_years + 1);
    ex->line_years[ex->nline_years++] = (year_at){start, end, year};
    return true;
}

/*
 * A line of a document the document filter turned away: none of its figures can be a
 * claim, so only what dates the document is read (the years written and the date
 * patterns, on the lines that are not skipped), as process_line() reads it. Whether the
 * line is skipped is asked only when the answer matters: when it has a year or may give
 * the date.
 */
static void process_line_for_date(cc_extractor *ex, const cc_line *l, bool *dated,
                                  cc_date *pattern_date)
{
    ex->nline_years = 0;
    each_year(l->text, l->len, note_year, ex);
    cc_date date;
    bool dates = !*dated && date_from_patterns(ex, l, &date);
    if ((!ex->nline_years && !dates) || line_skipped(ex, l))
        return;
    for (size_t i = 0; i < ex->nline_years; i++)
        ex->years[ex->line_years[i].year - MIN_YEAR]++;
    if (dates) {
        *pattern_date = date;
        *dated = true;
    }
}

static void process_line(cc_extractor *ex, line_ctx *lc, bool *dated,
                         cc_date *pattern_date)
{
    const cc_line *l = lc->line;
    if (ex->off_topic) {
        process_line_for_date(ex, l, dated, pattern_date);
        return;
    }
    if (line_skipped(ex, l))
        return;
    memset(ex->context_seen, -1, ex->rb->nfields);
    if (!*dated && date_from_patterns(ex, l, pattern_date))
        *dated = true;
    if (!ex->on_topic && line_on_topic(ex, l))
        ex->on_topic = true;
    ex->nline_years = 0;
    each_year(l->text, l->len, collect_year, ex);
    collect_relative_years(ex, l);
    for (size_t s = 0; s < l->len;) {
        while (s < l->len && (l->text[s] == ' ' || l->text[s] == '\t'))
            s++;
        if (s >= l->len)
            break;
        size_t e = sentence_end(l->text, l->len, s);
        if (cc_has_number_hint(l->text + s, e - s))
            match_sentence(ex, lc, s, e);
        s = e;
    }
    if (is_heading(l)) { /* later lines may stand under it */
        cc_buf_reset(&ex->heading);
        cc_buf_add(&ex->heading, l->text, l->len);
    }
}

/* The most often written year; ties go to the latest. 0 when none. */
static int inferred_year(const cc_extractor *ex)
{
    int best = 0;
    unsigned count = 0;
    for (int y = MIN_YEAR; y <= MAX_YEAR; y++)
        if (ex->years[y - MIN_YEAR] && ex->years[y - MIN_YEAR] >= count) {
            best = y;
            count = ex->years[y - MIN_YEAR];
        }
    return best;
}

static void set_doc_day(cc_document *doc, int32_t day, cc_date_from from)
{
    int y, m, d;
    cc_civil_from_days(day, &y, &m, &d);
    cc_format_day(day, doc->date);
    doc->year = y;
    doc->date_from = from;
}

/* "YYYY-MM-DD" (front matter, --date) as a day number; -1 when it is not one. */
static int iso_day(const char *s, int32_t *out)
{
    uint64_t y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || cc_parse_uint(s, 4, 9999, &y) ||
        cc_parse_uint(s + 5, 2, 12, &m) || cc_parse_uint(s + 8, 2, 31, &d) ||
        !cc_valid_ymd((int)y, (int)m, (int)d))
        return -1;
    *out = cc_days_from_civil((int)y, (int)m, (int)d);
    return 0;
}

static void date_document(cc_extractor *ex, cc_document *doc, const cc_front_matter *fm,
                          bool dated, cc_date pattern_date)
{
    int32_t day;
    if (fm && iso_day(fm->date, &day) == 0)
        set_doc_day(doc, day, CC_DATE_FRONT_MATTER);
    else if (iso_day(ex->flag_date, &day) == 0)
        set_doc_day(doc, day, CC_DATE_FLAG);
    else if (dated)
        set_doc_day(doc, pattern_date.from, CC_DATE_PATTERN);
    else if ((doc->year = inferred_year(ex))) {
        snprintf(doc->date, sizeof doc->date, "%04d", doc->year);
        doc->date_from = CC_DATE_INFERRED;
    }
}

/* Parses a slot's NFC text: qualifiers first for figures, then the typed parser. */
static cc_parse_status parse_slot(const cc_rulebook *rb, cc_locale loc, cc_slot kind,
                                  const char *s, size_t n, int sign, int doc_year, cc_value *v)
{
    const cc_qualifier *q[MAX_QUALIFIERS];
    size_t nq = 0;
    cc_parse_status st = CC_PARSE_NONE;
    memset(v, 0, sizeof *v);
    v->type = cc_slot_type(kind);
    switch (kind) {
    case CC_SLOT_NUMBER:
    case CC_SLOT_PERCENT:
    case CC_SLOT_MONEY:
        nq = cc_qualifiers_strip(&rb->qualifiers, &s, &n, q, MAX_QUALIFIERS);
        if (kind == CC_SLOT_NUMBER)
            st = cc_num_parse(s, n, loc, &v->range);
        else if (kind == CC_SLOT_PERCENT)
            st = cc_percent_parse(s, n, loc, &v->range);
        else
            st = cc_money_parse(s, n, loc, &v->range, v->currency);
        if (st == CC_PARSE_OK) {
            v->range = cc_qualifiers_apply(v->range, q, nq < MAX_QUALIFIERS ? nq : MAX_QUALIFIERS);
            if (sign < 0)
                v->range = (cc_range){-v->range.hi, -v->range.lo};
        }
        break;
    case CC_SLOT_RANK:
        st = cc_rank_parse(s, n, &v->position, &v->total);
        break;
    case CC_SLOT_DATE:
        st = cc_date_parse(s, n, doc_year, &v->start);
        break;
    case CC_SLOT_PERIOD:
        st = cc_period_parse(s, n, doc_year, &v->start, &v->end);
        break;
    case CC_SLOT_YEAR: {
        int y;
        st = cc_year_parse(s, n, &y);
        if (st == CC_PARSE_OK)
            v->start = cc_date_make(y, 1, 1, CC_PREC_YEAR);
        break;
    }
    default:
        break;
    }
    return st;
}

static cc_slot slot_of_type(cc_type t)
{
    switch (t) {
    case CC_TYPE_NUMBER: return CC_SLOT_NUMBER;
    case CC_TYPE_PERCENT: return CC_SLOT_PERCENT;
    case CC_TYPE_MONEY: return CC_SLOT_MONEY;
    case CC_TYPE_RANK: return CC_SLOT_RANK;
    case CC_TYPE_DATE: return CC_SLOT_DATE;
    case CC_TYPE_PERIOD: return CC_SLOT_PERIOD;
    }
    return CC_SLOT_NUMBER;
}

cc_parse_status cc_value_parse(const cc_rulebook *rb, cc_locale loc, cc_type type,
                               const char *s, size_t n, int doc_year, cc_value *out)
{
    int sign = 1;
    /* An example may expect a negated figure ("-22" for "giảm 22 bậc"). */
    if (n >= 1 && s[0] == '-' && type != CC_TYPE_DATE && type != CC_TYPE_PERIOD) {
        sign = -1;
        s++;
        n--;
    } else if (n >= 3 && memcmp(s, "\xe2\x88\x92", 3) == 0) { /* U+2212 minus */
        sign = -1;
        s += 3;
        n -= 3;
    }
    return parse_slot(rb, loc, slot_of_type(type), s, n, sign, doc_year, out);
}

static cc_parse_status parse_value(cc_extractor *ex, const pending *p, int doc_year,
                                   cc_value *v)
{
    if (p->field < 0) {
        *v = p->open_value;
        return CC_PARSE_OK;
    }
    return parse_slot(ex->rb, ex->locale, p->kind, p->slot_text, strlen(p->slot_text), p->sign,
                      doc_year, v);
}

/* Turns the pending claims into the run's claims now that the year is known. */
static void finish_document(cc_extractor *ex, cc_run *run, size_t doc_index)
{
    cc_document *doc = &run->docs[doc_index];
    for (size_t i = 0; i < ex->npend; i++) {
        pending *p = &ex->pend[i];
        cc_value v;
        cc_parse_status st = parse_value(ex, p, doc->year, &v);
        if (st == CC_PARSE_OVERFLOW)
            cc_warn_at(&run->diags, CC_DIAG_INPUT, doc->path, CC_AT(p->loc.line, p->loc.column, p->loc.byte_offset), "figure '%s' is out of range; no claim made", p->loc.value_text);
        if (st != CC_PARSE_OK) {
            free_pending(p);
            continue;
        }
        cc_claim *c = cc_run_add_claim(run);
        *c = p->loc;
        c->field = p->field;
        c->subject = p->subject;
        c->scope = p->scope == EVENT_SCOPE ? 0
                   : !p->scope ? doc->year
                   : IS_RELATIVE(p->scope) ? (doc->year ? doc->year + (p->scope - RELATIVE_YEAR) : 0)
                                           : p->scope;
        c->value = v;
        c->doc = (int)doc_index;
        doc->nclaims++;
        free(p->slot_text);
    }
    ex->npend = 0;
}

/* A file named on the command line that the reader skipped must not pass unchecked: the
 * reader's warning that it skipped it (its last "encoding" diagnostic, after which it
 * reads nothing) becomes an error. `from`: the run's diagnostics before the file's. */
static void skip_is_error(cc_run *run, size_t from)
{
    for (size_t i = run->diags.n; i-- > from;)
        if (run->diags.v[i].kind == CC_DIAG_ENCODING) {
            run->diags.v[i].severity = CC_SEV_ERROR;
            return;
        }
}

/* Whether the document filter says, from the document's raw bytes, that no line of it
 * can match document.require (only when the reader holds all of them, as UTF-8). */
static bool document_turned_away(cc_extractor *ex, cc_reader *r)
{
    const char *bytes;
    size_t len;
    return ex->docfilter && cc_reader_whole_utf8(r, &bytes, &len) &&
           !cc_docfilter_maybe(ex->docfilter, bytes, len);
}

static int extract_reader(cc_extractor *ex, cc_run *run, cc_reader *r, const char *label,
                          size_t diags_from)
{
    size_t di = run->ndocs;
    cc_document *doc = cc_run_add_document(run, label);
    if (!r) {
        doc->skipped = true;
        return -1;
    }
    const cc_front_matter *fm = cc_reader_front_matter(r);
    if (fm->title)
        doc->title = cc_xstrdup(fm->title);
    if (fm->source)
        doc->source = cc_xstrdup(fm->source);
    memset(ex->years, 0, sizeof ex->years);
    cc_buf_reset(&ex->heading);
    ex->on_topic = ex->rb->nrequire == 0 || ex->ignore_require;
    ex->off_topic = !ex->on_topic && document_turned_away(ex, r);
    memset(ex->limit_reported, 0, ex->rb->nfields * sizeof(bool));
    ex->ndisabled = 0;
    cc_match_budget_start(&ex->budget, ex->budget_base);
    ex->budget_reported = false;
    bool dated = false;
    unsigned capped_at = 0; /* the line where the claims reached the cap, 0 when they did not */
    cc_date pattern_date = {0};
    cc_line line;
    int rc;
    line_ctx lc = {.r = r, .line = &line, .path = run->docs[di].path, .run = run};
    while ((rc = cc_reader_next(r, &line)) > 0) {
        run->docs[di].lines++;
        if (ex->terms) /* every line, skipped or not: a story does not depend on the rulebook */
            cc_story_terms_add(ex->terms, line.text, line.len);
        /* a long document may take longer: the budget grows with the bytes read */
        ex->budget.limit = ex->budget_base +
                           (double)cc_reader_bytes(r) / 1e6 * CC_MATCH_BUDGET_MS_PER_MB / 1000.0;
        process_line(ex, &lc, &dated, &pattern_date);
        if (cc_match_budget_spent(&ex->budget) && !ex->budget_reported)
            report_budget(ex, &lc);
        if (ex->npend >= CC_MAX_CLAIMS_PER_DOC && !capped_at)
            capped_at = line.lineno;
    }
    doc = &run->docs[di];
    if (ex->terms)
        doc->terms = cc_story_terms_detach(ex->terms, &doc->nterms);
    doc->bytes = cc_reader_bytes(r);
    doc->skipped = cc_reader_skipped(r) || rc < 0;
    if (ex->named && cc_reader_skipped(r))
        skip_is_error(run, diags_from);
    date_document(ex, doc, fm, dated, pattern_date);
    if (!ex->on_topic) { /* not about the rulebook's event: its figures are not claims */
        for (size_t i = 0; i < ex->npend; i++)
            free_pending(&ex->pend[i]);
        ex->npend = 0;
    }
    finish_document(ex, run, di);
    /* Said once the claims are made: of the figures read up to the cap, those whose
     * value cannot be parsed are no claims, so fewer than the cap may be kept. */
    if (capped_at)
        cc_warn_at(&run->diags, CC_DIAG_LIMIT, run->docs[di].path, CC_AT(capped_at, 0, UINT64_MAX), "the document reached the cap of %u claims here: the rest of it was not read for claims (%zu claims kept)", CC_MAX_CLAIMS_PER_DOC, run->docs[di].nclaims);
    cc_reader_close(r);
    return rc < 0 ? -1 : 0;
}

int cc_extract_file(cc_extractor *ex, cc_run *run, const char *path, const char *name)
{
    const char *label = name ? name : path;
    size_t from = run->diags.n;
    cc_reader *r = cc_reader_open_as(path, label, ex->encoding, &run->diags);
    return extract_reader(ex, run, r, label, from);
}

int cc_extract_mem(cc_extractor *ex, cc_run *run, const char *name, const char *text,
                   size_t len)
{
    size_t from = run->diags.n;
    cc_reader *r = cc_reader_open_mem(name, text, len, &run->diags);
    return extract_reader(ex, run, r, name, from);
}
