/*
 * text.h — the one home for characters: UTF-8 decoding and encoding, character
 * counts, and the character classes every stage agrees on.
 *
 * The classes follow PCRE2 as the rulebook's patterns are compiled (PCRE2_UTF |
 * PCRE2_UCP | PCRE2_CASELESS), so that a hand-written parser accepts exactly what a
 * regex fragment matches: cc_is_space() is \s under UCP (tests/unit/test_text.c checks
 * it against PCRE2 itself over every code point).
 *
 * Nothing here reads outside [s, s + n). Invalid UTF-8 is never an error here: the
 * decoder reports it (-1) and says how many bytes to skip (the maximal subpart, as
 * Unicode §3.9 and the WHATWG decoder count it), and each caller decides what that
 * means for it (U+FFFD in reports, "no match" in parsers).
 */
#ifndef CC_TEXT_H
#define CC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define CC_REPLACEMENT_CHAR 0xFFFD
#define CC_REPLACEMENT_UTF8 "\xEF\xBF\xBD"

/*
 * Decodes the code point at s[0..n), n >= 1. Returns it and sets *len to its length,
 * or returns -1 for an invalid sequence and sets *len to the length of its maximal
 * subpart (at least 1), the bytes one U+FFFD stands for.
 *
 * Inline for what text is mostly made of (ASCII, and the well-formed two- and three-byte
 * sequences of Latin and Vietnamese letters, which need no range check beyond the
 * continuation bytes'); everything else goes to cc_utf8_decode_any(), which decodes any
 * input alike.
 */
int32_t cc_utf8_decode_any(const char *s, size_t n, size_t *len);
static inline int32_t cc_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *len = 1;
        return (int32_t)p[0];
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
        *len = 2;
        return (int32_t)(((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu));
    }
    /* E1..EC and EE..EF: any continuation bytes (E0 and ED restrict the first) */
    if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && n >= 3 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
        *len = 3;
        return (int32_t)(((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
    }
    return cc_utf8_decode_any(s, n, len);
}
/* Encodes `cp` (a scalar value, not a surrogate) into out; returns its length 1..4. */
size_t cc_utf8_encode(int32_t cp, char out[4]);
/* Appends the UTF-8 of `cp` to the buffer. */
void cc_utf8_add(cc_buf *b, int32_t cp);
/* Characters in s[0..n): each valid code point counts one, each maximal subpart of an
 * invalid sequence counts one (as U+FFFD would). */
size_t cc_utf8_count(const char *s, size_t n);
/* Whether s[0..n) is well-formed UTF-8. */
bool cc_utf8_valid(const char *s, size_t n);

/* White space as PCRE2's \s with UCP: TAB..CR, U+0085, U+180E and the Z categories. */
bool cc_is_space(int32_t cp);
/* Bytes of the one white-space character at s (0 when s does not start with one). */
size_t cc_space_len(const char *s, size_t n);
/* Bytes of the run of white space at s. */
size_t cc_skip_space(const char *s, size_t n);
/* Combining marks (general categories Mn, Mc, Me). */
bool cc_is_mark(int32_t cp);
/* Control characters: C0, DEL and C1. */
bool cc_is_control(int32_t cp);
/* Bidirectional formatting characters (U+061C, U+200E/F, U+202A..E, U+2066..9): invisible,
 * they can make a line read otherwise than it is. */
bool cc_is_bidi_control(int32_t cp);
/* The dashes that join two ends of a range or period: - ‐ ‑ ‒ – — − */
bool cc_is_dash(int32_t cp);
/* Letters and numbers (general categories L* and N*): \p{L} and \p{N}. */
bool cc_is_alnum(int32_t cp);
/* Letters (L*) and marks (M*): the characters of a word of letters. */
bool cc_is_letter_or_mark(int32_t cp);
/* Letters, numbers and marks (L*, N*, M*): cc_is_alnum(cp) || cc_is_mark(cp). */
bool cc_is_alnum_or_mark(int32_t cp);
/* Uppercase letters (general category Lu). */
bool cc_is_upper(int32_t cp);
/* Code points of canonical combining class other than 0 (they do not start a character
 * of their own: NFC may reorder and compose them). */
bool cc_is_nonstarter(int32_t cp);

/* Appends s[0..n) lowercased code point by code point (simple case mapping, as
 * PCRE2_CASELESS compares); invalid bytes are copied as they are, so the length of
 * the result differs from n only where a letter's lowercase has another length. */
void cc_lowercase(const char *s, size_t n, cc_buf *out);
/*
 * Case- and diacritic-insensitive folding for matching names ("Việt Nam", "viet nam",
 * "VIỆT NAM" all fold to "viet nam"): NFKD, strip combining marks, case-fold,
 * "đ" → "d", runs of white space → one space, trimmed. Invalid bytes become U+FFFD.
 * Appends to `out`.
 */
void cc_fold(const char *s, size_t n, cc_buf *out);

#define CC_FOLD_CHAR_MAX 16 /* bytes of one character's fold kept (a longer one is cut) */
/* The fold of one character as cc_fold folds it (NFKD, case folded, marks stripped, "đ"
 * as "d"), without cc_fold's handling of white space: written into out, its length
 * returned (0 for a mark alone). The document filter (prefilter.h) folds raw bytes with it. */
size_t cc_fold_char(int32_t cp, char out[CC_FOLD_CHAR_MAX]);

/* ---- additions after the foundation -------------------------------------------- */

/* What a lead byte asks for (the streaming decoder in reader.c shares these rules):
 * `need` continuation bytes follow, the first within [lo, hi] (which excludes
 * overlongs, surrogates and values past U+10FFFF), the others within [80, BF]. */
typedef struct cc_utf8_lead {
    unsigned need;           /* continuation bytes, 1..3 */
    unsigned char lo, hi;    /* allowed range of the first continuation byte */
    int32_t bits;            /* the lead byte's payload bits */
} cc_utf8_lead;
/* Fills *out for a lead byte of a multi-byte sequence; false when b cannot start one
 * (ASCII, a continuation byte, C0, C1 or F5..FF). */
bool cc_utf8_lead_of(unsigned char b, cc_utf8_lead *out);

/* Simple case mappings of one code point (as PCRE2_CASELESS compares); other code
 * points map to themselves. */
int32_t cc_to_lower(int32_t cp);
int32_t cc_to_upper(int32_t cp);
/* cc_lowercase() into a fixed buffer, for callers that must not allocate: returns the
 * length written to out[0..cap), or SIZE_MAX when it does not fit or s[0..n) is not
 * valid UTF-8. */
size_t cc_lowercase_to(const char *s, size_t n, char *out, size_t cap);

/* ---- showing input to people ------------------------------------------------------ */

/*
 * The one decision of what crosscheck shows as an escape wherever it quotes input to
 * people: diagnostics on stderr (paths, messages, arguments) and the text, GitHub and
 * HTML reports. Control characters (C0 with TAB, CR, LF and ESC; DEL; C1) and
 * bidirectional formatting characters are shown as escapes, so that a file name or an
 * article can neither move the cursor, colour the terminal, start a new line (a
 * GitHub workflow command is a line that starts with "::"), nor make a line read
 * otherwise than it is. JSON and SARIF keep the text as data (their own escapes).
 *
 *   TAB, LF, CR          \t \n \r
 *   other C0, DEL        \x1b, \x7f (two lowercase hex digits)
 *   C1, bidi controls    \u0085, \u202e (four lowercase hex digits: a code point)
 *   an invalid byte      \xff (each byte of an invalid sequence: the bytes as they are)
 *
 * A backslash is not escaped: escapes are for reading, not for reading back.
 */
#define CC_ESCAPE_MAX 6 /* bytes of the longest escape ("\u202e") */

/* Writes the escape of `cp` into out and returns its length, or returns 0 when `cp` is
 * shown as itself. */
size_t cc_escape_to(int32_t cp, char out[CC_ESCAPE_MAX]);

/* A format's own escapes (HTML's &lt;, GitHub's %0A): appends the escape of `cp` and
 * returns true, or returns false to leave `cp` to cc_escape_to(). */
typedef bool (*cc_escape_hook)(cc_buf *out, int32_t cp, const void *ctx);

/*
 * Appends s[0..n) as it is shown: each invalid byte as \xNN; then `hook` (when not
 * NULL) may escape a character; then cc_escape_to(); every other character is copied.
 * With `line_start`, a leading ':' is shown as \x3a, so that a line the string starts
 * cannot begin with "::" and be a GitHub workflow command (a path ":" followed by
 * ":LINE" would).
 */
void cc_escape_shown_with(cc_buf *out, const char *s, size_t n, cc_escape_hook hook,
                          const void *ctx, bool line_start);
/* For messages on stderr: cc_escape_shown_with(out, s, n, NULL, NULL, true). */
void cc_escape_shown(cc_buf *out, const char *s, size_t n);

#endif
