/*
 * qualifier.c — words that widen a figure ("khoảng", "hơn", "gần", "tối thiểu").
 *
 * Matching is by code point, lowercased (cc_to_lower) on both sides, and a space
 * inside a qualifier word matches any run of white space in the text, so
 * "xấp\u00a0xỉ" is "xấp xỉ". Nothing is allocated while stripping.
 */
#include "qualifier.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "num.h"
#include "text.h"

/* ---------------------------------------------------------------- the table */

typedef struct default_row {
    const char *kind;
    const char *words[6]; /* NULL-terminated */
    double lo, hi;
    double open_hi;       /* the upper factor in open mode (cc_qualifiers_open) */
} default_row;

static void add_qualifier(cc_qualifiers *q, const default_row *row, bool open)
{
    cc_qualifier *k = &q->v[q->n++];
    k->kind = cc_xstrdup(row->kind);
    k->nwords = 0;
    while (row->words[k->nwords])
        k->nwords++;
    k->words = cc_xcalloc(k->nwords, sizeof *k->words);
    for (size_t i = 0; i < k->nwords; i++)
        k->words[i] = cc_xstrdup(row->words[i]);
    k->lo = row->lo;
    k->hi = open ? row->open_hi : row->hi;
}

/*
 * The default table (SPEC §3), and its open-mode reading: with no rule saying how a
 * newsroom rounds, "hơn 10 km" written for 12 km is a fair report, so in open mode
 * "over" reaches half as much again (10..15); the other kinds read the same.
 */
static void qualifiers_table(cc_qualifiers *q, bool open)
{
    static const default_row rows[] = {
        {"about", {"khoảng", "xấp xỉ", "chừng", "ước tính", "ước", NULL}, 0.95, 1.05, 1.05},
        {"over", {"hơn", "trên", "ngoài", NULL}, 1.0, 1.10, 1.5},
        {"nearly", {"gần", NULL}, 0.90, 1.0, 1.0},
        {"at-least", {"tối thiểu", "ít nhất", NULL}, 1.0, INFINITY, INFINITY},
        {"at-most", {"tối đa", "không quá", "dưới", "chưa đến", "chưa tới", NULL}, -INFINITY,
         1.0, 1.0},
    };
    size_t n = sizeof rows / sizeof rows[0];
    q->v = cc_xcalloc(n, sizeof *q->v);
    q->n = 0;
    for (size_t i = 0; i < n; i++)
        add_qualifier(q, &rows[i], open);
}

void cc_qualifiers_default(cc_qualifiers *q)
{
    qualifiers_table(q, false);
}

void cc_qualifiers_open(cc_qualifiers *q)
{
    qualifiers_table(q, true);
}

void cc_qualifiers_free(cc_qualifiers *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++) {
        for (size_t j = 0; j < q->v[i].nwords; j++)
            free(q->v[i].words[j]);
        free(q->v[i].words);
        free(q->v[i].kind);
    }
    free(q->v);
    q->v = NULL;
    q->n = 0;
}

/* ---------------------------------------------------------------- matching */

/* Decodes the code point at s[*i] (lowercased) and advances *i; -1 when the
 * bytes are not UTF-8. */
static int32_t next_lower(const char *s, size_t n, size_t *i)
{
    size_t k;
    int32_t cp = cc_utf8_decode(s + *i, n - *i, &k);
    if (cp < 0)
        return -1;
    *i += k;
    return cc_to_lower(cp);
}

/* Offset of the first non-space byte of s[i..n). */
static size_t skip_space(const char *s, size_t n, size_t i)
{
    return i + cc_skip_space(s + i, n - i);
}

/*
 * Bytes of the text that `word` matches at its start, case-insensitively, when
 * the match is followed by white space; 0 otherwise. White space in the word
 * matches one or more white-space characters in the text. The trailing white
 * space is not counted.
 */
static size_t match_word(const char *text, size_t n, const char *word)
{
    size_t wn = strlen(word);
    size_t wi = skip_space(word, wn, 0), ti = 0;
    bool any = false;
    while (wi < wn) {
        if (cc_space_len(word + wi, wn - wi) > 0) {
            wi = skip_space(word, wn, wi);
            if (wi == wn)
                break; /* trailing white space in the word: the check below covers it */
            size_t after = skip_space(text, n, ti);
            if (after == ti)
                return 0;
            ti = after;
            continue;
        }
        if (ti >= n)
            return 0;
        int32_t wc = next_lower(word, wn, &wi);
        int32_t tc = next_lower(text, n, &ti);
        if (wc < 0 || wc != tc)
            return 0;
        any = true;
    }
    if (!any || ti >= n || cc_space_len(text + ti, n - ti) == 0)
        return 0;
    return ti;
}

size_t cc_qualifiers_strip(const cc_qualifiers *q, const char **s, size_t *n,
                           const cc_qualifier **found, size_t max)
{
    const char *p = *s;
    size_t len = *n, count = 0;
    size_t lead = skip_space(p, len, 0);
    p += lead;
    len -= lead;
    for (;;) {
        size_t best = 0;
        const cc_qualifier *which = NULL;
        for (size_t i = 0; q && i < q->n; i++) {
            for (size_t j = 0; j < q->v[i].nwords; j++) {
                size_t m = match_word(p, len, q->v[i].words[j]);
                if (m > best) {
                    best = m;
                    which = &q->v[i];
                }
            }
        }
        if (!which)
            break;
        if (count < max)
            found[count] = which;
        count++;
        size_t next = skip_space(p, len, best);
        p += next;
        len -= next;
    }
    if (count > 0) {
        *s = p;
        *n = len;
    }
    return count;
}

/* One end times a factor; an end of 0 stays 0 so that 0 × ∞ never makes NaN. */
static double scale_end(double end, double factor)
{
    return end == 0 ? 0 : end * factor;
}

cc_range cc_qualifiers_apply(cc_range r, const cc_qualifier *const *found, size_t nfound)
{
    for (size_t i = nfound; i-- > 0;) {
        if (!found[i])
            continue;
        r.lo = scale_end(r.lo, found[i]->lo);
        r.hi = scale_end(r.hi, found[i]->hi);
    }
    return r;
}

/* ---------------------------------------------------------------- regex */

static int longest_first(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t nx = strlen(x), ny = strlen(y);
    if (nx != ny)
        return nx > ny ? -1 : 1;
    return strcmp(x, y);
}

/* Appends one word: regex metacharacters escaped, white space as \s+. */
static void add_escaped(cc_buf *out, const char *w)
{
    size_t n = strlen(w), i = skip_space(w, n, 0);
    while (i < n) {
        size_t k = cc_space_len(w + i, n - i);
        if (k > 0) {
            i = skip_space(w, n, i);
            if (i < n)
                cc_buf_adds(out, "\\s+");
            continue;
        }
        if (strchr("\\^$.|?*+()[]{}#", w[i]))
            cc_buf_addc(out, '\\');
        cc_buf_addc(out, w[i]);
        i++;
    }
}

/* True when the word has something besides white space. */
static bool has_text(const char *w)
{
    size_t n = strlen(w);
    return skip_space(w, n, 0) < n;
}

void cc_qualifiers_regex(const cc_qualifiers *q, cc_buf *out)
{
    size_t total = 0;
    for (size_t i = 0; q && i < q->n; i++)
        total += q->v[i].nwords;
    const char **words = cc_xcalloc(total ? total : 1, sizeof *words);
    size_t n = 0;
    for (size_t i = 0; q && i < q->n; i++)
        for (size_t j = 0; j < q->v[i].nwords; j++)
            if (has_text(q->v[i].words[j]))
                words[n++] = q->v[i].words[j];
    qsort(words, n, sizeof *words, longest_first);
    if (n == 0) {
        cc_buf_adds(out, "(?!)"); /* no qualifiers: an alternation that never matches */
    } else {
        cc_buf_adds(out, "(?:");
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && strcmp(words[i], words[i - 1]) == 0)
                continue;
            if (i > 0)
                cc_buf_addc(out, '|');
            add_escaped(out, words[i]);
        }
        cc_buf_addc(out, ')');
    }
    free(words);
}
