/*
 * vscan.h — a cursor over a slice of NFC text, private to rank.c and date.c.
 *
 * The rank and date parsers must accept exactly what their regex fragments match, so
 * this cursor follows PCRE2 (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS):
 *   - white space is what \s matches under PCRE2_UCP: cc_is_space() (text.h), which
 *     tests/unit/test_text.c checks against PCRE2 over every code point;
 *   - a dash is cc_is_dash(), the class VS_RE_DASH spells;
 *   - a lowercase literal matches its lowercase or uppercase form, plus the two extra
 *     case partners PCRE2 knows for our letters: U+212A KELVIN SIGN for 'k' and
 *     U+017F LONG S for 's';
 *   - digits are ASCII only (the fragments use [0-9], never \d, which would match
 *     every Unicode digit).
 * Nothing here reads outside [s, s + n); invalid UTF-8 simply matches nothing.
 */
#ifndef CC_VSCAN_H
#define CC_VSCAN_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "text.h"
#include "util.h"

typedef struct vs_cur {
    const char *s; /* the slice */
    size_t n;      /* its length in bytes */
    size_t i;      /* current byte offset, 0 <= i <= n */
} vs_cur;

/* The code point at the cursor and its length in bytes; -1 at the end or on bad UTF-8. */
static inline int32_t vs_peek(const vs_cur *c, size_t *len)
{
    if (c->i >= c->n)
        return -1;
    return cc_utf8_decode(c->s + c->i, c->n - c->i, len);
}

static inline bool vs_at_end(const vs_cur *c)
{
    return c->i >= c->n;
}

/* Skips white space; returns how many characters it skipped. */
static inline size_t vs_skip_space(vs_cur *c)
{
    size_t count = 0, len;
    int32_t cp;
    while ((cp = vs_peek(c, &len)) >= 0 && cc_is_space(cp)) {
        c->i += len;
        count++;
    }
    return count;
}

/* One or more white-space characters (\s+). */
static inline bool vs_space1(vs_cur *c)
{
    return vs_skip_space(c) > 0;
}

/* Skips trailing white space and tells whether the slice ends there. */
static inline bool vs_finish(vs_cur *c)
{
    vs_skip_space(c);
    return vs_at_end(c);
}

/* Whether input code point `cp` matches lowercase literal code point `lit` caselessly. */
static inline bool vs_char_eq(int32_t cp, int32_t lit)
{
    if (cp == lit || cp == cc_to_upper(lit))
        return true;
    return (lit == 'k' && cp == 0x212A) || (lit == 's' && cp == 0x17F);
}

/*
 * Matches `lit` (lowercase NFC UTF-8, words separated by single ASCII spaces that
 * stand for \s+) at the cursor, case-insensitively. Advances past it on success;
 * leaves the cursor where it was otherwise.
 */
static inline bool vs_word(vs_cur *c, const char *lit)
{
    vs_cur t = *c;
    const char *p = lit, *end = lit + strlen(lit);
    while (p < end) {
        if (*p == ' ') {
            if (!vs_space1(&t))
                return false;
            p++;
            continue;
        }
        size_t k, len;
        int32_t want = cc_utf8_decode(p, (size_t)(end - p), &k);
        assert(want >= 0); /* the literals are ours, in UTF-8 */
        int32_t got = vs_peek(&t, &len);
        if (got < 0 || !vs_char_eq(got, want))
            return false;
        p += k;
        t.i += len;
    }
    *c = t;
    return true;
}

/* Matches one ASCII character. */
static inline bool vs_ascii(vs_cur *c, char ch)
{
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return true;
    }
    return false;
}

/* Matches one dash (cc_is_dash). */
static inline bool vs_dash(vs_cur *c)
{
    size_t len;
    int32_t cp = vs_peek(c, &len);
    if (cp >= 0 && cc_is_dash(cp)) {
        c->i += len;
        return true;
    }
    return false;
}

/* Reads a run of ASCII digits; returns its length (0 when there is none). */
static inline size_t vs_digits(vs_cur *c, const char **start)
{
    *start = c->s + c->i;
    size_t k = 0;
    while (c->i + k < c->n && cc_is_digit((unsigned char)c->s[c->i + k]))
        k++;
    c->i += k;
    return k;
}

/* Regex pieces shared by the fragments. A fragment starts where no letter or digit
 * precedes and no digit-separator-digit run is cut ("23" in "1.23", "2019" in
 * "8/2017-7/2019"), and ends where no letter or digit follows and no separator
 * followed by a digit ("26/8" in "26/8/2020"). */
#define VS_RE_DASH "[\\-\\x{2010}-\\x{2014}\\x{2212}]"
#define VS_RE_START "(?<![\\p{L}\\p{N}])(?<!\\p{N}[.,/\\-\\x{2010}-\\x{2014}\\x{2212}])"
#define VS_RE_END "(?![\\p{L}\\p{N}]|[.,/\\-\\x{2010}-\\x{2014}\\x{2212}]\\p{N})"

/* Appends a literal as vs_word() reads it: each space becomes \s+. */
static inline void vs_regex_words(cc_buf *out, const char *lit)
{
    for (const char *p = lit; *p; p++) {
        if (*p == ' ')
            cc_buf_adds(out, "\\s+");
        else
            cc_buf_addc(out, *p);
    }
}

/* A word or phrase and the number it stands for ("mười một" 11). */
typedef struct vs_word_value {
    const char *word; /* lowercase NFC; spaces stand for \s+ */
    int value;
} vs_word_value;

/* Appends (?:w1|w2|...) for a table, in table order (longest phrases first, so that
 * an unanchored search prefers "mười một" to "mười"). */
static inline void vs_regex_table(cc_buf *out, const vs_word_value *t, size_t count)
{
    cc_buf_adds(out, "(?:");
    for (size_t k = 0; k < count; k++) {
        if (k)
            cc_buf_addc(out, '|');
        vs_regex_words(out, t[k].word);
    }
    cc_buf_addc(out, ')');
}

#endif
